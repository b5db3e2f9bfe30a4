"""Opening the store: the database, migrated, with the log, precedents and accounts on it."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.accounts import Accounts
from advisor.config import Settings
from advisor.corpus import Corpus
from advisor.privacy import Pseudonymizer
from advisor.store.db import database_url, make_engine, migrate
from advisor.store.log import AnswerLog
from advisor.store.precedents import PrecedentStore


@dataclass(frozen=True)
class Store:
    log: AnswerLog
    precedents: PrecedentStore
    accounts: Accounts

    def close(self) -> None:
        self.log.engine.dispose()


def open_store(settings: Settings, corpus: Corpus, url: str | None = None) -> Store:
    engine = make_engine(url or database_url(settings))
    migrate(engine)
    log = AnswerLog(engine, Pseudonymizer.for_corpus(corpus))
    return Store(log=log, precedents=PrecedentStore(log), accounts=Accounts(log))
