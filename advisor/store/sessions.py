"""Web sessions and the sign-in throttle, kept in the store so that every app
process (SQLite or PostgreSQL) sees the same sessions and the same failures.

A session is a random token in an HttpOnly cookie; the store keeps only its
SHA-256. It is valid while the account exists with the credential stamp it was
made under (a password change, a role change or a removal renews or drops the
stamp), within the idle and the absolute expiry. Logging out deletes it.

The throttle counts failed sign-ins per (address, username) pair and per
address. Past a free number of failures it asks for a wait that doubles with
each further failure, up to a cap. It never refuses the right password from
another address: an attacker at one address cannot lock a leader out.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from advisor.store.accounts import User, user_from_row
from advisor.store.db import as_utc
from advisor.store.log import AnswerLog
from advisor.store.schema import LoginFailureRow, UserRow, WebSessionRow

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    idle: timedelta = timedelta(hours=8)
    absolute: timedelta = timedelta(days=7)
    # last_seen is written at most this often (not on every request).
    touch_every: timedelta = timedelta(minutes=1)


class WebSessions:
    def __init__(self, log: AnswerLog, clock: Clock = _now) -> None:
        self.log = log
        self.clock = clock

    def create(self, user: User, policy: SessionPolicy, address: str | None = None) -> str:
        """A new session for ``user``; returns the cookie's token (never stored)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()

        def work(session: Session) -> None:
            # Expired sessions go as new ones come.
            session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
            session.add(
                WebSessionRow(
                    token_hash=token_hash(token),
                    username=user.username,
                    credential_stamp=user.credential_stamp,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + policy.absolute,
                    address=(address or "")[:64] or None,
                )
            )

        self.log.run(work)
        return token

    def resolve(self, token: str | None, policy: SessionPolicy) -> User | None:
        """The account behind a cookie, or None when the session is unknown, expired,
        or made under credentials that have changed since."""
        if not token or len(token) > 200:
            return None
        now = self.clock()

        digest = token_hash(token)
        mine = WebSessionRow.token_hash == digest

        def work(session: Session) -> User | None:
            # Core statements, not ORM changes: a logout or password change in another
            # request may delete the row meanwhile, and that must not be an error.
            row = session.execute(
                select(
                    WebSessionRow.username,
                    WebSessionRow.credential_stamp,
                    WebSessionRow.expires_at,
                    WebSessionRow.last_seen_at,
                ).where(mine)
            ).one_or_none()
            if row is None:
                return None
            account = session.get(UserRow, row.username)
            expired = now >= as_utc(row.expires_at) or now >= as_utc(row.last_seen_at) + policy.idle
            if account is None or account.credential_stamp != row.credential_stamp or expired:
                session.execute(delete(WebSessionRow).where(mine))
                return None
            if now - as_utc(row.last_seen_at) >= policy.touch_every:
                session.execute(
                    update(WebSessionRow)
                    .where(mine, WebSessionRow.last_seen_at < now - policy.touch_every)
                    .values(last_seen_at=now)
                )
            return user_from_row(account)

        return self.log.run(work)

    def end(self, token: str | None) -> None:
        if not token:
            return
        self.log.run(
            lambda s: s.execute(
                delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash(token))
            )
        )

    def count(self, username: str) -> int:
        return int(
            self.log.run(
                lambda s: s.scalar(
                    select(func.count())
                    .select_from(WebSessionRow)
                    .where(WebSessionRow.username == username)
                )
            )
            or 0
        )


class ThrottlePolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    pair_free: int = 5  # failures of one username from one address before waits begin
    address_free: int = 20  # failures from one address (any usernames) before waits begin
    window: timedelta = timedelta(minutes=15)
    first_wait: timedelta = timedelta(seconds=30)
    max_wait: timedelta = timedelta(minutes=15)
    keep: timedelta = timedelta(days=30)  # failed sign-ins are kept this long for IT


class LoginThrottle:
    def __init__(self, log: AnswerLog, policy: ThrottlePolicy, clock: Clock = _now) -> None:
        self.log = log
        self.policy = policy
        self.clock = clock

    def _wait(self, failures: int, free: int, last: datetime | None, now: datetime) -> float:
        if failures < free or last is None:
            return 0.0
        doubling = min(failures - free, 20)
        wait = min(self.policy.first_wait * (1 << doubling), self.policy.max_wait)
        return max(0.0, (as_utc(last) + wait - now).total_seconds())

    def wait_s(self, address: str, username: str) -> float:
        """Seconds before a sign-in from ``address`` as ``username`` is heard again (0: now)."""
        now = self.clock()
        since = now - self.policy.window

        def work(session: Session) -> float:
            recent = LoginFailureRow.at >= since
            at_address = LoginFailureRow.address == address
            pair = session.execute(
                select(func.count(), func.max(LoginFailureRow.at)).where(
                    recent, at_address, LoginFailureRow.username == username
                )
            ).one()
            spread = session.execute(
                select(func.count(), func.max(LoginFailureRow.at)).where(recent, at_address)
            ).one()
            return float(
                max(
                    0.0,
                    self._wait(pair[0], self.policy.pair_free, pair[1], now),
                    self._wait(spread[0], self.policy.address_free, spread[1], now),
                )
            )

        return self.log.run(work)

    def failed(self, address: str, username: str) -> None:
        """Count a failed sign-in (the portal counts each attempt before checking it)."""
        now = self.clock()

        def work(session: Session) -> None:
            session.execute(
                delete(LoginFailureRow).where(LoginFailureRow.at < now - self.policy.keep)
            )
            session.add(LoginFailureRow(at=now, address=address, username=username))

        self.log.run(work)

    def succeeded(self, address: str, username: str) -> None:
        """The right password from this address: its pair starts afresh."""
        since = self.clock() - self.policy.window
        self.log.run(
            lambda s: s.execute(
                delete(LoginFailureRow).where(
                    LoginFailureRow.address == address,
                    LoginFailureRow.username == username,
                    LoginFailureRow.at >= since,
                )
            )
        )

    def recent(self, limit: int = 50) -> list[tuple[datetime, str, str]]:
        """The latest failed sign-ins: when, from where, as whom."""
        rows = self.log.run(
            lambda s: s.execute(
                select(LoginFailureRow.at, LoginFailureRow.address, LoginFailureRow.username)
                .order_by(LoginFailureRow.at.desc())
                .limit(limit)
            ).all()
        )
        return [(as_utc(at), address, name) for at, address, name in rows]
