"""The ``advisor`` command line. Thin: it parses, calls the library, prints."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Annotated

import typer
from rich.table import Table

from advisor.app.recording import Conversation, NotLoggedError, answer_and_log
from advisor.app.wiring import EngineName, build_with_store
from advisor.cli.bench import bench_app, eval_command
from advisor.cli.console import err, out
from advisor.cli.logs import logs_app, precedents_app
from advisor.cli.render import print_answer
from advisor.cli.web import serve, users_app
from advisor.domain.errors import AdvisorError, InvalidQuestionError
from advisor.domain.models import Answer
from advisor.domain.settings import Settings
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService

app = typer.Typer(
    help="Protocol Advisor: grounded answers about the internet and social-media protocol.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(bench_app, name="bench")
app.command("eval")(eval_command)
app.add_typer(logs_app, name="logs")
app.add_typer(precedents_app, name="precedents")
app.add_typer(users_app, name="users")
app.command("serve")(serve)


def _bank_model_report(engine: GroundedEngine) -> str:
    model = engine.bank_model
    if model is None:
        return "case-bank model off (ADVISOR_LEARNED_DECISION=false)"
    if model.trained_now:
        return f"case-bank model {model.version} trained in {model.train_seconds:.1f} s"
    return f"case-bank model {model.version} current"


def _batch_lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from (line.rstrip("\n") for line in sys.stdin)
        return
    try:
        with open(path, encoding="utf-8") as handle:
            yield from (line.rstrip("\n") for line in handle)
    except FileNotFoundError as exc:
        raise AdvisorError(f"batch file not found: {path}") from exc
    except UnicodeDecodeError as exc:
        raise AdvisorError(f"batch file is not UTF-8 text: {path}") from exc


def _run_batch(path: str, json_line: Callable[[str], str]) -> None:
    """One JSON line per input line, in order; a bad line is reported in place.

    The batch goes on after a bad question and exits non-zero at the end.
    """
    failed = False
    for number, line in enumerate(_batch_lines(path), start=1):
        try:
            sys.stdout.write(json_line(line) + "\n")
        except InvalidQuestionError as exc:
            failed = True
            sys.stdout.write(json.dumps({"error": str(exc), "line": number}) + "\n")
        sys.stdout.flush()
    if failed:
        raise typer.Exit(InvalidQuestionError.exit_code)


@app.command()
def index() -> None:
    """Build or refresh the search indexes for the current corpus."""
    started = time.perf_counter()
    with err.status("loading the corpus, the store and the models; indexing…"):
        engine = build_with_store(Settings())[0]
        service = engine.service
    # Opening the engine brings the indexes up to date: report what that did.
    report = service.first_report or service.index()
    total = time.perf_counter() - started
    if report.rebuilt:
        done = f"built {', '.join(report.rebuilt)} in {report.seconds:.1f} s"
    else:
        done = f"already current (checked in {report.seconds:.1f} s)"
    err.print(
        f"corpus {report.corpus_version}: {report.views} views; dense index {done}; "
        f"BM25 built in memory; {_bank_model_report(engine)}; {total:.1f} s in all"
    )


@app.command()
def retrieve(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many hits.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    batch: Annotated[
        str | None, typer.Option("--batch", help="One question per line; '-' for stdin.")
    ] = None,
) -> None:
    """Show the clauses and precedents ranked for a question."""
    if (question is None) == (batch is None):
        raise AdvisorError("give either a QUESTION or --batch FILE")
    engine = build_with_store(Settings())[0]

    def as_json_line(text: str) -> str:
        return json.dumps([h.model_dump(mode="json") for h in engine.hits(text, k)])

    if batch is not None:
        _run_batch(batch, as_json_line)
    elif as_json:
        sys.stdout.write(as_json_line(question or "") + "\n")
    else:
        _print_hits(engine.service, engine.hits(question or "", k))


def _print_hits(service: RetrievalService, hits: list) -> None:  # type: ignore[type-arg]
    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("id")
    table.add_column("score", justify="right")
    table.add_column("text")
    for rank, hit in enumerate(hits, start=1):
        if hit.kind.value == "clause":
            text = service.corpus.clause(hit.id).quote
        else:
            precedent = service.corpus.precedent(hit.id)
            text = f"{precedent.title.nl} → {precedent.verdict.value} [{', '.join(hit.clause_ids)}]"
        table.add_row(str(rank), hit.id, f"{hit.score:.4f}", text)
    out.print(table)


@app.command()
def chat(
    engine: Annotated[EngineName, typer.Option(help="grounded or llm.")] = EngineName.GROUNDED,
) -> None:
    """Ask questions in the terminal; an empty line or Ctrl-D ends the chat."""
    with err.status("loading the indexes…"):
        answerer, store = build_with_store(Settings(), engine)
    conversation = Conversation(answerer, store.log, user_name=_local_user(), user_role="staff")
    err.print("Stel je vraag / ask your question (empty line to stop).")
    while True:
        try:
            question = input("vraag> ")
        except (EOFError, KeyboardInterrupt):
            err.print()
            return
        if not question.strip():
            return
        try:
            print_answer(out, conversation.ask(question))
        except InvalidQuestionError as exc:
            err.print(f"[red]{exc}[/red]")
        except NotLoggedError as exc:
            print_answer(out, exc.answer)
            err.print(f"error: {exc}", markup=False)


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    batch: Annotated[
        str | None, typer.Option("--batch", help="One question per line; '-' for stdin.")
    ] = None,
    engine: Annotated[EngineName, typer.Option(help="grounded or llm.")] = EngineName.GROUNDED,
) -> None:
    """Answer a question: verdict, cited clauses, precedent, referral."""
    if (question is None) == (batch is None):
        raise AdvisorError("give either a QUESTION or --batch FILE")
    answerer, store = build_with_store(Settings(), engine)
    user = _local_user()

    def answer(text: str) -> Answer:
        return answer_and_log(answerer, text, store.log, user_name=user, user_role="staff").answer

    if batch is not None:
        _run_batch(batch, lambda text: answer(text).model_dump_json())
        return
    try:
        given = answer(question or "")
    except NotLoggedError as exc:
        given = exc.answer
        _show(given, as_json)
        raise
    _show(given, as_json)


def _show(answer: Answer, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(answer.model_dump_json() + "\n")
    else:
        print_answer(out, answer)


def _local_user() -> str:
    """Who asks in the terminal: the login name (the web app has real accounts)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "terminal"


def main() -> None:
    # Nothing the app writes (log, indexes, models, sessions, exports) is for other local users.
    os.umask(0o077)
    try:
        app()
    except AdvisorError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
