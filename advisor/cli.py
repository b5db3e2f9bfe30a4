"""The ``advisor`` command line. Thin: it parses, calls the library, prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from advisor.cli_logs import logs_app, precedents_app
from advisor.cli_web import serve, users_app
from advisor.config import Settings
from advisor.engine import Conversation, NotLoggedError, answer_and_log
from advisor.errors import AdvisorError, InvalidQuestionError
from advisor.models import Answer
from advisor.render import print_answer
from advisor.service import RetrievalService
from advisor.wiring import EngineName, build_engine, build_with_store

app = typer.Typer(
    help="Protocol Advisor: grounded answers about the internet and social-media protocol.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
bench_app = typer.Typer(help="Benchmarks that print the figures the issues ask for.")
app.add_typer(bench_app, name="bench")
app.add_typer(logs_app, name="logs")
app.add_typer(precedents_app, name="precedents")
app.add_typer(users_app, name="users")
app.command("serve")(serve)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _service() -> RetrievalService:
    """Retrieval on the corpus plus the store's approved precedents."""
    return build_with_store(Settings())[0].service


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
    service = _service()
    with err.status("indexing…") as status:
        report = service.index(progress=lambda msg: status.update(msg))
    rebuilt = ", ".join(report.rebuilt) if report.rebuilt else "nothing (already current)"
    err.print(
        f"corpus {report.corpus_version}: {report.views} views; rebuilt {rebuilt}; "
        f"{report.seconds:.1f} s"
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
    service = _service()

    def as_json_line(text: str) -> str:
        return json.dumps([h.model_dump(mode="json") for h in service.hits(text, k)])

    if batch is not None:
        _run_batch(batch, as_json_line)
    elif as_json:
        sys.stdout.write(as_json_line(question or "") + "\n")
    else:
        _print_hits(service, service.hits(question or "", k))


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


@app.command("eval")
def eval_command(
    engine: Annotated[EngineName, typer.Option(help="grounded or llm.")] = EngineName.GROUNDED,
    cases: Annotated[Path | None, typer.Option(help="Folder of golden case files.")] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where results.json and the reports go.")
    ] = None,
    compare_to: Annotated[
        Path | None,
        typer.Option("--compare", help="Baseline to gate against, e.g. evals/baseline.json."),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this run as the new baseline.")
    ] = False,
) -> None:
    """Run the golden cases: metrics, reports, and the regression gate."""
    from rich.progress import Progress

    from advisor.evaluation.console import print_outcome
    from advisor.evaluation.suite import EvalOptions, evaluate, judge_from_settings
    from advisor.support import SupportScorer

    settings = Settings()
    with err.status("loading the indexes…"):
        answerer = build_engine(settings, engine)
    defaults = EvalOptions()
    options = EvalOptions(
        cases_dir=cases or defaults.cases_dir,
        out_dir=out_dir or defaults.out_dir,
        compare_to=compare_to,
        update_baseline=update_baseline,
        judge=judge_from_settings(settings, answerer.corpus),
    )
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("eval", total=None)
        outcome = evaluate(
            answerer,
            SupportScorer(answerer.corpus),
            options,
            progress=lambda case: bar.update(task, advance=1, description=case.id),
            on_loaded=lambda count: bar.update(task, total=count),
        )
    print_outcome(out, err, outcome)
    if outcome.gate_failed:
        raise typer.Exit(1)


@bench_app.command("retrieval")
def bench_retrieval(
    questions: Annotated[Path, typer.Option(help="Labelled questions.")] = Path(
        "evals/retrieval.yaml"
    ),
    systems: Annotated[
        str,
        typer.Option(help="Comma-separated: minilm, bm25, dense, hybrid, dense-e5, hybrid-e5."),
    ] = "minilm,bm25,dense,hybrid,hybrid-e5",
    repeats: Annotated[int, typer.Option(min=1, help="Timed passes over the set.")] = 3,
) -> None:
    """Recall@k and MRR per language, and warm latency, for each retrieval system."""
    from advisor.bench import run_retrieval_bench

    wide = Console(highlight=False, width=max(out.width, 120))
    run_retrieval_bench(Settings(), questions, systems.split(","), repeats, wide, err)


@bench_app.command("cold")
def bench_cold(
    runs: Annotated[int, typer.Option(min=1, help="Fresh processes per case.")] = 3,
) -> None:
    """Seconds to the first answer of a new process, with and without an index on disk."""
    from advisor.bench import run_cold_bench

    run_cold_bench(Settings(), runs, out)


@bench_app.command("answers")
def bench_answers(
    questions: Annotated[Path, typer.Option(help="Labelled questions.")] = Path(
        "evals/retrieval.yaml"
    ),
    repeats: Annotated[int, typer.Option(min=1, help="Timed passes over the set.")] = 3,
) -> None:
    """Grounded-answer latency p50/p95, warm."""
    from advisor.bench import run_answer_bench

    run_answer_bench(Settings(), questions, repeats, out, err)


@bench_app.command("pii")
def bench_pii(
    questions: Annotated[
        list[Path] | None,
        typer.Option("--questions", help="Labelled sets (default: evals/pii*.yaml)."),
    ] = None,
) -> None:
    """Pseudonymisation recall per entity kind, and clean questions altered."""
    from advisor.config import PACKAGE_ROOT
    from advisor.corpus import load_corpus
    from advisor.privacy import Pseudonymizer
    from advisor.privacy_bench import load_pii_set, measure, print_figures

    pseudonymizer = Pseudonymizer.for_corpus(load_corpus(Settings().corpus_dir))
    for path in questions or sorted((PACKAGE_ROOT / "evals").glob("pii*.yaml")):
        figures = measure(pseudonymizer, load_pii_set(path).questions)
        print_figures(figures, f"Pseudonymisation on {path.name}", out)


@bench_app.command("web")
def bench_web(
    sessions: Annotated[int, typer.Option(min=1, max=200, help="Concurrent staff sessions.")] = 20,
    seconds: Annotated[float, typer.Option(min=1, max=600, help="How long they ask.")] = 60,
    think: Annotated[
        float, typer.Option(min=0, max=60, help="Mean seconds a person reads before asking again.")
    ] = 3.0,
) -> None:
    """Load test of the web app on loopback: answer time p50/p95, errors, answers logged."""
    from advisor.bench_web import run_web_bench

    figures = run_web_bench(sessions, seconds, think, out, err)
    if figures["errors"] or figures["not_logged"]:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except AdvisorError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
