"""``advisor serve`` (the web app) and ``advisor users …`` (its accounts)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from advisor.app.store import open_store
from advisor.app.wiring import EngineName
from advisor.domain.corpus import load_corpus
from advisor.domain.errors import AdvisorError
from advisor.domain.settings import Settings
from advisor.store.accounts import Role
from advisor.store.service import Store

users_app = typer.Typer(help="Accounts of the web app (staff and leadership).")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class NoUsersError(AdvisorError):
    exit_code = 5


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def private_temp_dir(data_dir: Path) -> Path:
    """The data dir made private to this user, and gradio's temp dir inside it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o700)
    temp = data_dir / "gradio"
    temp.mkdir(mode=0o700, exist_ok=True)
    temp.chmod(0o700)
    return temp


def _store() -> Store:
    settings = Settings()
    return open_store(settings, load_corpus(settings.corpus_dir))


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from stdin (for scripts).")
]


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[Role, typer.Option(help="staff or leadership.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Add an account (the password is asked twice, or read from stdin)."""
    user = _store().accounts.add(username, _password(password_stdin), role)
    err.print(f"user {user.username} added ({user.role.value})")


@users_app.command("passwd")
def users_passwd(
    username: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password (the account's open sessions end)."""
    _store().accounts.set_password(username, _password(password_stdin))
    err.print(f"password of {username} changed")


@users_app.command("role")
def users_role(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[Role, typer.Option(help="staff or leadership.")],
) -> None:
    """Change an account's role (its open sessions end)."""
    user = _store().accounts.set_role(username, role)
    err.print(f"user {user.username} is now {user.role.value}")


@users_app.command("remove")
def users_remove(username: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Remove an account (its logged answers stay; its open sessions end)."""
    _store().accounts.remove(username)
    err.print(f"user {username} removed")


@users_app.command("list")
def users_list(
    quiet: Annotated[bool, typer.Option("--quiet", help="Only the names, one per line.")] = False,
) -> None:
    """The accounts and their roles."""
    users = _store().accounts.all()
    if quiet:
        for user in users:
            sys.stdout.write(user.username + "\n")
        return
    table = Table(title=f"{len(users)} users")
    for column in ("username", "role", "sign-in", "since"):
        table.add_column(column)
    for user in users:
        table.add_row(
            user.username,
            user.role.value,
            "school (OIDC)" if user.source.value == "oidc" else "password",
            f"{user.created_at:%Y-%m-%d}",
        )
    out.print(table)


@users_app.command("failures")
def users_failures(
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
) -> None:
    """Failed sign-ins: when, from which address, as whom (kept 30 days)."""
    from advisor.store.sessions import LoginThrottle, ThrottlePolicy

    store = _store()
    failures = LoginThrottle(store.log, ThrottlePolicy()).recent(limit)
    table = Table(title=f"{len(failures)} failed sign-ins")
    for column in ("when (UTC)", "address", "username"):
        table.add_column(column)
    for when, address, name in failures:
        table.add_row(f"{when:%Y-%m-%d %H:%M:%S}", address, name)
    out.print(table)


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address (default ADVISOR_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default ADVISOR_PORT, 7860).")] = None,
    engine: Annotated[EngineName, typer.Option(help="grounded or llm.")] = EngineName.GROUNDED,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Local demo: no login, says so on screen. Not for real use."),
    ] = False,
) -> None:
    """Start the web app: staff chat, and review for leadership."""
    from advisor.app.portal import Portal

    settings = Settings()
    address = host or settings.host
    if demo and address not in LOOPBACK:
        raise NoUsersError(
            f"the demo mode has no login: it only listens on this computer, not on {address}"
        )
    with err.status("loading the indexes…"):
        portal = Portal.open(settings, engine, demo=demo)
    if demo and portal.store.accounts.count() > 0:
        raise NoUsersError(
            "accounts exist, so the demo mode (no login, everyone is leadership) would expose "
            "the answer log: start without --demo"
        )
    if not demo and portal.store.accounts.count() == 0:
        raise NoUsersError(
            "no user accounts yet: add one with "
            "`advisor users add NAME --role leadership`, or start a local demo with "
            "`advisor serve --demo`"
        )
    # No usage data leaves the school: gradio's analytics stay off whatever the environment says.
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    # Nothing outside the data dir: gradio's temp files go under it. gradio reads
    # this when it is imported, so it is set before ui.server is.
    os.environ["GRADIO_TEMP_DIR"] = str(private_temp_dir(settings.data_dir))
    from ui.server import serve as serve_app

    chosen = port or settings.port
    mode = " (local demo mode: no login)" if demo else ""
    err.print(f"Protocol Advisor on http://{address}:{chosen}{mode}")
    try:
        serve_app(portal, address, chosen)
    except OSError as exc:
        raise AdvisorError(
            f"cannot listen on {address}:{chosen}: {exc} (choose another --port)"
        ) from exc
