"""Opening the store: the database, migrated, with the log, precedents and accounts on it."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.settings import Settings
from advisor.store.accounts import Accounts
from advisor.store.db import database_url, make_engine, migrate
from advisor.store.log import AnswerLog, Redactor
from advisor.store.precedents import PrecedentStore
from advisor.store.reports import Reports
from advisor.store.sessions import WebSessions


@dataclass(frozen=True)
class Store:
    log: AnswerLog
    precedents: PrecedentStore
    accounts: Accounts
    sessions: WebSessions
    reports: Reports

    def close(self) -> None:
        self.log.engine.dispose()


def open_database(settings: Settings, redact: Redactor, url: str | None = None) -> Store:
    """The store on the configured database (or ``url``), migrated to the head.

    ``redact`` pseudonymises free text before it is stored: the product passes
    the pipeline's pseudonymiser (``advisor.app.store.open_store``)."""
    engine = make_engine(url or database_url(settings))
    migrate(engine)
    log = AnswerLog(engine, redact)
    return Store(
        log=log,
        precedents=PrecedentStore(log),
        accounts=Accounts(log),
        sessions=WebSessions(log),
        reports=Reports(log),
    )
