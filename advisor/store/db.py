"""Connecting to the log database and migrating it to the current schema.

SQLite under the data dir by default (WAL, so readers never block the
writer; a busy timeout, so concurrent writers wait instead of failing),
PostgreSQL when ``ADVISOR_DATABASE_URL`` names one. Every failure to reach or
write the database becomes a :class:`StoreError` with the reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from advisor.domain.errors import AdvisorError
from advisor.domain.files import private_file
from advisor.domain.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration. A database already there skips Alembic altogether (its
# import and run cost ~0.3 s of every command's start); a test keeps this equal
# to Alembic's own head.
SCHEMA_HEAD = "0008"


class StoreError(AdvisorError):
    """The answer log cannot be read or written."""

    exit_code = 6


class NotFoundError(StoreError):
    """No such answer, review or precedent."""


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url.get_secret_value()
    return f"sqlite:///{settings.data_dir / 'advisor.sqlite3'}"


def as_utc(value: datetime) -> datetime:
    """A stored time as an aware UTC time: SQLite hands back naive ones, stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed answer survives a power cut too, not only a killed process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"ADVISOR_DATABASE_URL is not a database URL: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
                private_file(Path(parsed.database))
            except OSError as exc:
                raise StoreError(f"cannot create the log folder {folder}: {exc}") from exc
        engine = create_engine(
            parsed, connect_args={"timeout": 30, "check_same_thread": False}, pool_size=20
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True, pool_size=20, max_overflow=20)
    except (ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use the database {parsed.render_as_string()}: {exc}") from exc


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None  # a blank database (or one we cannot read: migrate says why)


def _blank(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def _create_from_scratch(engine: Engine) -> None:
    """A blank database gets the models' tables and is stamped at the head, as
    Alembic's cookbook does for new installs ("building an up to date database
    from scratch"); tests check that this equals running every migration."""
    from advisor.store.schema import Base

    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(
            text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": SCHEMA_HEAD}
        )


def upgrade(engine: Engine) -> None:
    """Run the Alembic migrations up to the head."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (a blank one included)."""
    if current_revision(engine) == SCHEMA_HEAD:
        return
    try:
        if _blank(engine):
            _create_from_scratch(engine)
        else:
            upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(describe(exc, engine)) from exc


def describe(exc: SQLAlchemyError, engine: Engine) -> str:
    where = engine.url.render_as_string(hide_password=True)
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return f"the answer log ({where}) cannot be used: {reason}"
