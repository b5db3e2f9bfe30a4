"""Roles are enforced in the library, and accounts keep no password in clear."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from advisor.app.portal import PermissionDeniedError, Portal
from advisor.app.store import open_store
from advisor.domain.corpus import Corpus
from advisor.domain.settings import Settings
from advisor.store.accounts import AccountError, Role
from advisor.store.records import LogFilter, ReviewOutcome


def signs_in(portal: Portal, username: str, password: str) -> bool:
    return portal.sign_in(username, password, "127.0.0.1").ok


@pytest.fixture
def portal(settings: Settings, corpus: Corpus) -> Iterator[Portal]:
    store = open_store(settings, corpus)
    store.accounts.add("anna", "anna-wachtwoord", Role.STAFF)
    store.accounts.add("bram", "bram-wachtwoord", Role.STAFF)
    store.accounts.add("rector", "rector-wachtwoord", Role.LEADERSHIP)
    opened = Portal(settings, store, corpus)
    yield opened
    store.close()


def test_staff_ask_and_see_only_their_own_history(portal: Portal) -> None:
    anna, bram = portal.caller("anna"), portal.caller("bram")
    answer, _ = portal.ask(anna, "Mag ik een leerling volgen op Instagram?")
    assert answer.log_id is not None
    assert [e.id for e in portal.history(anna)] == [answer.log_id]
    assert portal.history(bram) == []
    with pytest.raises(PermissionDeniedError):
        portal.feedback(bram, answer.log_id, up=False, comment="niet van mij")
    with pytest.raises(PermissionDeniedError):
        portal.entry(bram, answer.log_id)
    portal.feedback(anna, answer.log_id, up=False, comment="te kort")


def test_only_leadership_reviews_promotes_approves_exports(portal: Portal) -> None:
    anna, rector = portal.caller("anna"), portal.caller("rector")
    answer, _ = portal.ask(anna, "Mag ik met een ouder discussiëren op Facebook over een cijfer?")
    log_id = answer.log_id or ""
    for forbidden in (
        lambda: portal.search(anna, LogFilter()),
        lambda: portal.review(anna, log_id, ReviewOutcome.CORRECT),
        lambda: portal.promote(anna, log_id),
        lambda: portal.approve(anna, "L001"),
        lambda: portal.export_csv(anna, LogFilter()),
        lambda: portal.dashboard(anna),
        lambda: portal.drafts(anna),
    ):
        with pytest.raises(PermissionDeniedError):
            forbidden()
    assert [e.id for e in portal.search(rector, LogFilter())] == [log_id]
    portal.review(rector, log_id, ReviewOutcome.CORRECT)
    precedent = portal.promote(rector, log_id).precedent.id
    assert portal.approve(rector, precedent).kind == "approved"
    assert precedent in {p.id for p in portal.engine.corpus.approved_precedents()}
    assert portal.dashboard(rector).answers == 1
    assert log_id in portal.export_csv(rector, LogFilter())


def test_unknown_callers_are_refused_and_demo_mode_is_explicit(
    portal: Portal, settings: Settings, corpus: Corpus
) -> None:
    with pytest.raises(PermissionDeniedError, match="not logged in"):
        portal.caller(None)
    with pytest.raises(PermissionDeniedError):
        portal.caller("mallory")
    demo = Portal(settings, portal.store, corpus, demo=True)
    assert demo.caller(None).username == "demo" and demo.caller(None).is_leadership


def test_demo_answers_stay_apart_from_real_use_and_can_be_removed(
    portal: Portal, settings: Settings, corpus: Corpus
) -> None:
    rector = portal.caller("rector")
    real, _ = portal.ask(portal.caller("anna"), "Mag ik een leerling volgen op Instagram?")
    demo = Portal(settings, portal.store, corpus, demo=True)
    leader = demo.caller(None)
    tried, _ = demo.ask(leader, "Mag ik een foto van mijn klas op Instagram zetten?")
    demo.feedback(leader, tried.log_id or "", up=False, comment="even proberen")
    demo.review(leader, tried.log_id or "", ReviewOutcome.CORRECT)
    # Real use: the log, the dashboard and the export leave the demo's answer out ...
    assert [e.id for e in portal.search(rector, LogFilter())] == [real.log_id]
    assert portal.dashboard(rector).answers == 1
    assert (tried.log_id or "-") not in portal.export_csv(rector, LogFilter())
    # ... the demo mode shows it, marked, and so does the store when asked.
    shown = {e.id: e.demo for e in demo.search(leader, LogFilter())}
    assert shown == {real.log_id: False, tried.log_id: True}
    assert demo.dashboard(leader).answers == 2
    assert len(portal.store.log.find(LogFilter(include_demo=True))) == 2
    # Removing the demo's answers takes their feedback and reviews, and nothing real.
    assert portal.store.log.remove_demo() == 1
    assert [e.id for e in portal.store.log.find(LogFilter(include_demo=True))] == [real.log_id]
    with portal.store.log.engine.connect() as conn:
        left = [
            conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("feedback", "reviews")
        ]
    assert left == [0, 0]


def test_accounts_hash_passwords_and_refuse_weak_ones(portal: Portal) -> None:
    accounts = portal.store.accounts
    assert signs_in(portal, "anna", "anna-wachtwoord")
    assert not signs_in(portal, "anna", "wrong-password")
    assert not signs_in(portal, "nobody", "anna-wachtwoord")
    with pytest.raises(AccountError, match="at least 10"):
        accounts.add("kort", "short", Role.STAFF)
    with pytest.raises(AccountError, match="username"):
        accounts.add("Bad Name!", "long-enough-password", Role.STAFF)
    with pytest.raises(AccountError, match="exists"):
        accounts.add("anna", "another-password", Role.STAFF)
    accounts.set_password("anna", "new-wachtwoord-1")
    assert signs_in(portal, "anna", "new-wachtwoord-1")
    assert not signs_in(portal, "anna", "anna-wachtwoord")
    with portal.store.log.engine.connect() as conn:
        stored = " ".join(r[0] for r in conn.execute(text("SELECT password_hash FROM users")))
    assert "wachtwoord" not in stored and stored.count("$argon2id$") == 3
    accounts.remove("bram")
    assert [u.username for u in accounts.all()] == ["anna", "rector"]


def test_wrong_passwords_slow_that_address_down_and_lock_no_one_out(portal: Portal) -> None:
    for _ in range(5):
        assert portal.sign_in("rector", "wrong-password", "127.0.0.2").wait_s == 0
    # The attacker's address now waits, even with the right password ...
    assert portal.sign_in("rector", "rector-wachtwoord", "127.0.0.2").wait_s >= 29
    # ... but the rector, at another address, gets in; so do other names there.
    assert portal.sign_in("rector", "rector-wachtwoord", "127.0.0.1").ok
    assert portal.sign_in("bram", "bram-wachtwoord", "127.0.0.2").ok


def test_a_username_with_logged_answers_is_not_handed_to_someone_new(portal: Portal) -> None:
    portal.ask(portal.caller("bram"), "Mag ik een leerling volgen op Instagram?")
    portal.store.accounts.remove("bram")
    with pytest.raises(AccountError, match="used before"):
        portal.store.accounts.add("bram", "another-password", Role.STAFF)
