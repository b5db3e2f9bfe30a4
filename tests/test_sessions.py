"""Web sessions and the sign-in throttle in the store, with a clock the tests turn;
school sign-in's claims mapped to accounts and roles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from advisor.app.oidc import OIDCConfig, SignInRefusedError, identity
from advisor.app.store import open_store
from advisor.domain.corpus import Corpus
from advisor.domain.settings import Settings
from advisor.store.accounts import AccountError, Role, Source
from advisor.store.service import Store
from advisor.store.sessions import (
    LoginThrottle,
    SessionPolicy,
    ThrottlePolicy,
    WebSessions,
    token_hash,
)

POLICY = SessionPolicy(idle=timedelta(hours=8), absolute=timedelta(days=7))


class Clock:
    """A clock that only moves when told."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def turn(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def store(settings: Settings, corpus: Corpus) -> Iterator[Store]:
    opened = open_store(settings, corpus)
    opened.accounts.add("anna", "anna-wachtwoord", Role.STAFF)
    opened.accounts.add("carl", "carl-wachtwoord", Role.LEADERSHIP)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sessions(store: Store, clock: Clock) -> WebSessions:
    return WebSessions(store.log, clock)


def _open(store: Store, sessions: WebSessions, name: str) -> str:
    user = store.accounts.get(name)
    assert user is not None
    return sessions.create(user, POLICY, "127.0.0.1")


def test_a_session_lives_while_used_and_ends_idle_or_at_its_absolute_expiry(
    store: Store, sessions: WebSessions, clock: Clock
) -> None:
    token = _open(store, sessions, "anna")
    resolved = sessions.resolve(token, POLICY)
    assert resolved is not None and resolved.username == "anna"
    clock.turn(hours=7, minutes=59)
    assert sessions.resolve(token, POLICY) is not None  # used: the idle clock starts again
    clock.turn(hours=8, minutes=1)
    assert sessions.resolve(token, POLICY) is None  # idle too long
    assert sessions.resolve(token, POLICY) is None  # and gone for good
    busy = _open(store, sessions, "anna")
    for _ in range(27):  # used every 6 hours for 6.75 days
        clock.turn(hours=6)
        assert sessions.resolve(busy, POLICY) is not None
    clock.turn(hours=7)
    assert sessions.resolve(busy, POLICY) is None  # used all week, still ends at 7 days


def test_only_a_hash_of_the_token_is_stored_and_unknown_tokens_get_nothing(
    store: Store, sessions: WebSessions
) -> None:
    token = _open(store, sessions, "anna")
    with store.log.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM web_sessions").scalars().all()
    assert stored == [token_hash(token)] and token not in stored
    assert sessions.resolve("guessed-token", POLICY) is None
    assert sessions.resolve(None, POLICY) is None
    assert sessions.resolve("x" * 500, POLICY) is None


def test_password_change_role_change_removal_and_logout_end_sessions(
    store: Store, sessions: WebSessions
) -> None:
    anna = _open(store, sessions, "anna")
    store.accounts.set_password("anna", "nieuw-wachtwoord")
    assert sessions.resolve(anna, POLICY) is None

    carl = _open(store, sessions, "carl")
    store.accounts.set_role("carl", Role.STAFF)
    assert sessions.resolve(carl, POLICY) is None
    carl = _open(store, sessions, "carl")
    store.accounts.set_role("carl", Role.STAFF)  # no change: the session stays
    assert sessions.resolve(carl, POLICY) is not None

    store.accounts.remove("carl")
    store.accounts.add("carl", "ander-wachtwoord", Role.LEADERSHIP)
    assert sessions.resolve(carl, POLICY) is None  # not the new carl's session

    fresh = _open(store, sessions, "anna")
    sessions.end(fresh)
    assert sessions.resolve(fresh, POLICY) is None
    assert sessions.count("anna") == 0


def test_a_stale_stamp_is_refused_even_if_the_row_survived(
    store: Store, sessions: WebSessions
) -> None:
    """Another process's row deletion may race the check: the stamp still decides."""
    token = _open(store, sessions, "anna")
    with store.log.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE users SET credential_stamp = 'changed' WHERE username='anna'")
    assert sessions.resolve(token, POLICY) is None


def test_the_throttle_backs_off_per_address_and_name_and_doubles(
    store: Store, clock: Clock
) -> None:
    policy = ThrottlePolicy(pair_free=3, address_free=6, first_wait=timedelta(seconds=30))
    throttle = LoginThrottle(store.log, policy, clock)
    for _ in range(3):
        assert throttle.wait_s("10.0.0.9", "carl") == 0
        throttle.failed("10.0.0.9", "carl")
    assert throttle.wait_s("10.0.0.9", "carl") == pytest.approx(30)
    assert throttle.wait_s("10.0.0.1", "carl") == 0  # carl at his own desk
    assert throttle.wait_s("10.0.0.9", "anna") == 0  # another name from there, for now
    clock.turn(seconds=31)
    throttle.failed("10.0.0.9", "carl")
    assert throttle.wait_s("10.0.0.9", "carl") == pytest.approx(60)  # doubled
    for name in ("anna", "bram"):
        throttle.failed("10.0.0.9", name)
    assert throttle.wait_s("10.0.0.9", "dirk") > 0  # spraying names from one address
    assert throttle.wait_s("10.0.0.1", "dirk") == 0
    clock.turn(minutes=16)
    assert throttle.wait_s("10.0.0.9", "carl") == 0  # the window passed
    assert [address for _, address, _ in throttle.recent()][:1] == ["10.0.0.9"]


def test_the_right_password_clears_that_pairs_failures(store: Store, clock: Clock) -> None:
    throttle = LoginThrottle(store.log, ThrottlePolicy(pair_free=2), clock)
    throttle.failed("10.0.0.9", "anna")
    throttle.succeeded("10.0.0.9", "anna")
    throttle.failed("10.0.0.9", "anna")
    assert throttle.wait_s("10.0.0.9", "anna") == 0


OIDC = OIDCConfig(
    discovery_url="http://127.0.0.1:9/.well-known/openid-configuration",
    client_id="advisor",
    client_secret="s",
    scopes="openid email",
    label="School",
    username_claim="preferred_username",
    role_claim="groups",
    leadership_values=frozenset({"schoolleiding"}),
    staff_values=frozenset({"personeel"}),
    unknown_are_staff=False,
)


def test_claims_give_the_role_by_group_and_unknown_people_are_refused() -> None:
    leader = identity(
        {
            "sub": "1",
            "iss": "https://idp",
            "email": "Rector@School.nl",
            "groups": ["Schoolleiding"],
        },
        OIDC,
    )
    assert (leader.username, leader.role, leader.subject) == (
        "rector@school.nl",
        Role.LEADERSHIP,
        "https://idp|1",
    )
    staff = identity({"sub": "2", "preferred_username": "anna", "groups": "personeel"}, OIDC)
    assert (staff.username, staff.role) == ("anna", Role.STAFF)
    with pytest.raises(SignInRefusedError, match="geen toegang"):
        identity({"sub": "3", "email": "gast@school.nl", "groups": ["leerlingen"]}, OIDC)
    with pytest.raises(SignInRefusedError, match="niet bevestigd"):
        identity({"sub": "4", "email": "rector@school.nl", "email_verified": False}, OIDC)
    with pytest.raises(SignInRefusedError, match="sub"):
        identity({"email": "x@school.nl"}, OIDC)
    lenient = OIDC.model_copy(update={"unknown_are_staff": True})
    assert identity({"sub": "3", "email": "gast@school.nl"}, lenient).role is Role.STAFF


def test_school_accounts_follow_the_provider_and_cannot_take_over_names(store: Store) -> None:
    first = store.accounts.sign_in_oidc("rector@school.nl", "idp|1", Role.STAFF)
    assert first.source is Source.OIDC
    again = store.accounts.sign_in_oidc("rector@school.nl", "idp|1", Role.LEADERSHIP)
    assert again.role is Role.LEADERSHIP and again.credential_stamp != first.credential_stamp
    with pytest.raises(AccountError, match="another account"):
        store.accounts.sign_in_oidc("rector@school.nl", "idp|2", Role.STAFF)
    with pytest.raises(AccountError, match="another account"):
        store.accounts.sign_in_oidc("anna", "idp|3", Role.STAFF)  # a local account
    assert store.accounts.verify("rector@school.nl", "") is None  # no password sign-in
    with pytest.raises(AccountError, match="school account"):
        store.accounts.set_password("rector@school.nl", "een-wachtwoord")
