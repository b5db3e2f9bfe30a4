"""Accounts of the web app: staff and leadership, with argon2-hashed passwords.

There is no default account and no default password. Usernames are short and
plain; passwords need at least 10 characters. Verification takes the same
time whether or not the user exists (a dummy hash is checked), so a login
form does not reveal which usernames are real.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from advisor.store.db import NotFoundError, StoreError, as_utc
from advisor.store.log import AnswerLog
from advisor.store.schema import AnswerRow, UserRow, WebSessionRow

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$")
# School sign-in names are the provider's (an e-mail address, mostly).
OIDC_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,62}[a-z0-9]$")
MIN_PASSWORD = 10


class Role(StrEnum):
    STAFF = "staff"
    LEADERSHIP = "leadership"


class AccountError(StoreError):
    """A username or password that cannot be used."""

    exit_code = 2


class Source(StrEnum):
    LOCAL = "local"  # a password of this app
    OIDC = "oidc"  # the school's identity provider


class User(BaseModel):
    model_config = ConfigDict(frozen=True)

    username: str
    role: Role
    created_at: datetime
    source: Source = Source.LOCAL
    credential_stamp: str = ""


def new_stamp() -> str:
    return secrets.token_hex(16)


def _revoke_sessions(session: Session, name: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.username == name))


def _change_role(session: Session, row: UserRow, role: Role) -> None:
    """A new role is new credentials: the stamp is renewed and open sessions end."""
    if row.role != role.value:
        row.role, row.credential_stamp = role.value, new_stamp()
        _revoke_sessions(session, row.username)


def _now() -> datetime:
    return datetime.now(UTC)


class Accounts:
    def __init__(self, log: AnswerLog) -> None:
        self.log = log
        self.hasher = PasswordHasher()
        self._dummy = self.hasher.hash("not a password of anyone")

    @staticmethod
    def _check_username(username: str) -> str:
        name = username.strip().lower()
        if not USERNAME.match(name):
            raise AccountError(
                f"username {username!r}: use 3-64 lowercase letters, digits, '.', '_' or '-'"
            )
        return name

    @staticmethod
    def _check_password(password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")

    def add(self, username: str, password: str, role: Role) -> User:
        name = self._check_username(username)
        self._check_password(password)
        hashed = self.hasher.hash(password)

        def work(session: Session) -> User:
            if session.get(UserRow, name) is not None:
                raise AccountError(f"user {name} exists already (use passwd to change it)")
            used = session.scalar(select(AnswerRow.id).where(AnswerRow.user_name == name).limit(1))
            if used is not None:
                # A new person under an old name would see the old one's history.
                raise AccountError(f"username {name} was used before and has logged answers")
            now = _now()
            row = UserRow(
                username=name,
                password_hash=hashed,
                role=role.value,
                created_at=now,
                password_changed_at=now,
                credential_stamp=new_stamp(),
                source=Source.LOCAL.value,
            )
            session.add(row)
            _revoke_sessions(session, name)  # none should exist; a re-added name starts clean
            return user_from_row(row)

        return self.log.run(work)

    def remove(self, username: str) -> None:
        name = username.strip().lower()

        def work(session: Session) -> None:
            row = session.get(UserRow, name)
            if row is None:
                raise NotFoundError(f"no user {name!r}")
            session.delete(row)
            _revoke_sessions(session, name)

        self.log.run(work)

    def set_password(self, username: str, password: str) -> None:
        self._check_password(password)
        hashed = self.hasher.hash(password)
        name = username.strip().lower()

        def work(session: Session) -> None:
            row = session.get(UserRow, name)
            if row is None:
                raise NotFoundError(f"no user {name!r}")
            if row.source != Source.LOCAL.value:
                raise AccountError(f"{name} signs in with the school account: no password here")
            row.password_hash, row.password_changed_at = hashed, _now()
            row.credential_stamp = new_stamp()
            _revoke_sessions(session, name)

        self.log.run(work)

    def set_role(self, username: str, role: Role) -> User:
        """Change the role; the account's sessions end (it signs in again with the new role)."""
        name = username.strip().lower()

        def work(session: Session) -> User:
            row = session.get(UserRow, name)
            if row is None:
                raise NotFoundError(f"no user {name!r}")
            _change_role(session, row, role)
            return user_from_row(row)

        return self.log.run(work)

    def sign_in_oidc(self, username: str, subject: str, role: Role) -> User:
        """The account of someone the school's identity provider signed in: made on first
        sign-in, its role kept in step with the provider's claims. A name already used by a
        local account, or by another subject, is refused (no takeover by a look-alike)."""
        name = username.strip().lower()
        if not OIDC_USERNAME.match(name):
            raise AccountError(f"the school account name {username!r} cannot be used here")

        def work(session: Session) -> User:
            row = session.get(UserRow, name)
            if row is None:
                used = session.scalar(
                    select(AnswerRow.id).where(AnswerRow.user_name == name).limit(1)
                )
                if used is not None:
                    raise AccountError(f"username {name} was used before and has logged answers")
                now = _now()
                row = UserRow(
                    username=name,
                    password_hash="",  # never verifies: no password sign-in for this account
                    role=role.value,
                    created_at=now,
                    password_changed_at=now,
                    credential_stamp=new_stamp(),
                    source=Source.OIDC.value,
                    oidc_subject=subject,
                )
                session.add(row)
                return user_from_row(row)
            if row.source != Source.OIDC.value or row.oidc_subject != subject:
                raise AccountError(f"the name {name} belongs to another account")
            _change_role(session, row, role)
            return user_from_row(row)

        return self.log.run(work)

    def all(self) -> list[User]:
        def work(session: Session) -> list[User]:
            rows = session.scalars(select(UserRow).order_by(UserRow.username))
            return [user_from_row(row) for row in rows]

        return self.log.run(work)

    def count(self) -> int:
        return len(self.all())

    def get(self, username: str) -> User | None:
        name = username.strip().lower()
        return self.log.run(lambda s: user_from_row(row) if (row := s.get(UserRow, name)) else None)

    def verify(self, username: str, password: str) -> User | None:
        """The user, if the password is right; None otherwise (no hint which was wrong)."""
        name = username.strip().lower()
        row = self.log.run(lambda s: s.get(UserRow, name))
        local = row is not None and row.source == Source.LOCAL.value
        try:
            # Unknown names and school accounts take as long as a wrong password.
            self.hasher.verify(row.password_hash if row and local else self._dummy, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or not local:
            return None
        if self.hasher.check_needs_rehash(row.password_hash):
            # The same password under newer parameters: sessions stay valid.
            rehashed = self.hasher.hash(password)

            def rehash(session: Session) -> None:
                if (current := session.get(UserRow, name)) is not None:
                    current.password_hash = rehashed

            self.log.run(rehash)
        return user_from_row(row)


def user_from_row(row: UserRow) -> User:
    return User(
        username=row.username,
        role=Role(row.role),
        created_at=as_utc(row.created_at),
        source=Source(row.source),
        credential_stamp=row.credential_stamp,
    )
