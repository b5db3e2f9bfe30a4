"""``advisor eval`` (the golden cases and the gate) and ``advisor bench …``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from advisor.app.wiring import EngineName, build_engine
from advisor.cli.console import err, out
from advisor.domain.settings import Settings
from advisor.evaluation.scripted import Scripted

bench_app = typer.Typer(help="Benchmarks that print the figures the issues ask for.")


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
    scripted: Annotated[
        Scripted | None,
        typer.Option(
            help="A scripted model in the 'decide' role (implies --engine llm): an oracle "
            "that answers every case with its gold label, or an adversary."
        ),
    ] = None,
) -> None:
    """Run the golden cases: metrics, reports, and the regression gate."""
    from rich.progress import Progress

    from advisor.evaluation.console import print_outcome
    from advisor.evaluation.suite import EvalOptions, evaluate, judge_from_settings
    from advisor.pipeline.support import SupportScorer

    settings = Settings()
    defaults = EvalOptions()
    with err.status("loading the indexes…"):
        if scripted is None:
            answerer = build_engine(settings, engine)
        else:
            from advisor.evaluation.scripted import scripted_engine

            answerer = scripted_engine(
                build_engine(settings), scripted, cases or defaults.cases_dir
            )
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
    from advisor.bench.retrieval import run_retrieval_bench

    wide = Console(highlight=False, width=max(out.width, 120))
    run_retrieval_bench(Settings(), questions, systems.split(","), repeats, wide, err)


@bench_app.command("cold")
def bench_cold(
    runs: Annotated[int, typer.Option(min=1, help="Fresh processes per case.")] = 3,
) -> None:
    """Seconds to the first answer of a new process, with and without an index on disk."""
    from advisor.bench.retrieval import run_cold_bench

    run_cold_bench(Settings(), runs, out)


@bench_app.command("answers")
def bench_answers(
    questions: Annotated[Path, typer.Option(help="Labelled questions.")] = Path(
        "evals/retrieval.yaml"
    ),
    repeats: Annotated[int, typer.Option(min=1, help="Timed passes over the set.")] = 3,
) -> None:
    """Grounded-answer latency p50/p95, warm."""
    from advisor.bench.retrieval import run_answer_bench

    run_answer_bench(Settings(), questions, repeats, out, err)


@bench_app.command("pii")
def bench_pii(
    questions: Annotated[
        list[Path] | None,
        typer.Option("--questions", help="Labelled sets (default: evals/pii*.yaml)."),
    ] = None,
) -> None:
    """Pseudonymisation recall per entity kind, and clean questions altered."""
    from advisor.bench.pii import load_pii_set, measure, print_figures
    from advisor.domain.corpus import load_corpus
    from advisor.domain.settings import PACKAGE_ROOT
    from advisor.pipeline.privacy import Pseudonymizer

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
    from advisor.bench.web import run_web_bench

    figures = run_web_bench(sessions, seconds, think, out, err)
    if figures["errors"] or figures["not_logged"]:
        raise typer.Exit(1)


@bench_app.command("store")
def bench_store(
    rows: Annotated[int, typer.Option(min=1, help="Synthetic answers to fill the log with.")] = (
        200_000
    ),
    database_url: Annotated[
        str | None,
        typer.Option(
            help="An empty database to fill and leave (e.g. PostgreSQL); "
            "default: a throwaway SQLite file."
        ),
    ] = None,
    repeats: Annotated[int, typer.Option(min=1, help="Timed runs of each operation.")] = 20,
) -> None:
    """The answer log at scale: list, detail, dashboard and export p50/p95 on a filled log."""
    from advisor.bench.store import run_store_bench

    wide = Console(highlight=False, width=max(out.width, 100))
    figures = run_store_bench(rows, database_url, repeats, wide, err)
    if figures["failed"]:
        raise typer.Exit(1)


@bench_app.command("train")
def bench_train(
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cv/--no-cv",
            help="Also hold out the bank's writers, a fold at a time (several minutes).",
        ),
    ] = True,
    folds: Annotated[int, typer.Option(min=2, help="Writer-grouped folds for --cv.")] = 5,
) -> None:
    """Seconds to train the case-bank model from scratch; on held-out writers, each head's
    accuracy and the whole engine's answers (per question type, and its verdict matrix)."""
    from advisor.bench.learned import run_train_bench

    # Wide enough for the decision table's eight columns in a log file, too.
    run_train_bench(
        Settings(), cross_validate, Console(highlight=False, width=max(out.width, 132)), folds
    )
