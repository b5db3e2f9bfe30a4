"""The eval suite: case schema, metrics, the baseline gate, reports, the judge."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from advisor.domain.corpus import Corpus
from advisor.domain.models import Answer, Citation, Language
from advisor.evaluation.cases import EvalCasesError, GoldenCase, case_schema, load_cases
from advisor.evaluation.compare import (
    BaselineError,
    compare,
    load_baseline,
    write_baseline,
)
from advisor.evaluation.judge import FaithfulnessJudge, faithfulness
from advisor.evaluation.metrics import CaseScorer, Check, SupportConfig, sentence_support
from advisor.evaluation.report import write_reports
from advisor.evaluation.runner import run_suite
from advisor.evaluation.suite import EvalOptions, evaluate
from advisor.pipeline.llm import ChatModel
from advisor.pipeline.run import GroundedEngine, Response, Turn
from advisor.pipeline.support import SupportScorer
from tests.conftest import REPO

CASES_DIR = REPO / "evals" / "cases"


@pytest.fixture(scope="module")
def cases(corpus: Corpus) -> list[GoldenCase]:
    return load_cases(CASES_DIR, set(corpus.clause_ids))


@pytest.fixture
def engine(grounded_engine: GroundedEngine) -> GroundedEngine:
    return grounded_engine


@pytest.fixture
def scorer(corpus: Corpus) -> SupportScorer:
    return SupportScorer(corpus)


# --- the cases ----------------------------------------------------------------


def test_committed_json_schema_matches_the_model() -> None:
    committed = json.loads((REPO / "evals" / "case.schema.json").read_text("utf-8"))
    assert committed == case_schema(), "run: advisor eval-schema (or write_schema) and commit"


def test_the_suite_has_the_cases_the_issue_asks_for(cases: list[GoldenCase]) -> None:
    languages = Counter(case.language for case in cases)
    tags = Counter(tag for case in cases for tag in set(case.tags))
    assert len(cases) >= 90
    assert languages[Language.NL] >= 60 and languages[Language.EN] >= 30
    assert sum(case.abstains for case in cases) >= 10
    assert tags["injection"] >= 8
    assert sum(case.must_escalate for case in cases) >= 8
    assert tags["pii"] >= 8
    assert tags["multi_clause"] >= 8


def _write_cases(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cases.yaml").write_text(text, encoding="utf-8")
    return folder


CASE = """cases:
  - id: demo-001
    question: "Mag ik een leerling volgen op Instagram?"
    language: nl
    expected_verdicts: [not_allowed]
    required_clauses: ["2.1"]
    acceptable_clauses: []
    must_escalate: false
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cases: [\n  - id: x", "broken YAML"),
        (CASE.replace('["2.1"]', '["9.9"]'), "unknown clauses ['9.9']"),
        (CASE.replace("language: nl", "language: de"), "language"),
        (CASE.replace("[not_allowed]", "[]"), "expected_verdicts"),
        (CASE + CASE[len("cases:\n") :], "demo-001"),
    ],
)
def test_broken_case_files_give_one_clear_error(
    tmp_path: Path, corpus: Corpus, text: str, message: str
) -> None:
    folder = _write_cases(tmp_path / "cases", text)
    with pytest.raises(EvalCasesError, match=r"cases\.yaml") as caught:
        load_cases(folder, set(corpus.clause_ids))
    assert message in str(caught.value)


def test_a_missing_cases_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvalCasesError, match="not found"):
        load_cases(tmp_path / "nowhere")


# --- metrics ------------------------------------------------------------------


def test_sentence_support_counts_supported_sentences_and_relevant_citations(
    scorer: SupportScorer, corpus: Corpus
) -> None:
    clause = corpus.clause("2.1")
    config = SupportConfig()
    good = sentence_support(scorer, f"[2.1] {clause.quote}", Language.NL, config)
    assert good.recall == 1.0 and good.precision == 1.0
    # The same sentence, cited to an unrelated clause: unsupported, citation irrelevant.
    wrong = sentence_support(scorer, f"[3.4] {clause.quote}", Language.NL, config)
    assert wrong.recall == 0.0 and wrong.precision == 0.0
    # An extra citation that adds nothing is irrelevant: precision halves.
    padded = sentence_support(scorer, f"[2.1][3.4] {clause.quote}", Language.NL, config)
    assert padded.recall == 1.0 and padded.precision == 0.5
    # A claim with no citation at all is unsupported.
    bare = sentence_support(scorer, clause.quote, Language.NL, config)
    assert bare.recall == 0.0


def test_a_good_grounded_answer_passes_its_checks(
    engine: GroundedEngine, scorer: SupportScorer, cases: list[GoldenCase]
) -> None:
    case = next(c for c in cases if c.id == "contact-001")
    result = CaseScorer(scorer).score(case, engine.respond(case.question), 5.0)
    assert result.checks[Check.REFERRAL] and result.checks[Check.VALID_CITATIONS]
    assert result.checks[Check.LANGUAGE]
    assert Check.ABSTENTION not in result.checks  # not a not-covered case


# --- the gate -----------------------------------------------------------------


class BrokenEngine:
    """A deliberately broken engine: it drops the referral and cites a wrong clause."""

    name = "broken"

    def __init__(self, engine: GroundedEngine, corpus: Corpus) -> None:
        self.engine = engine
        self.corpus = corpus

    def respond(self, question: str, history: Sequence[Turn] = ()) -> Response:
        response = self.engine.respond(question, history)
        wrong = self.corpus.clause("0.2")
        answer = response.answer.model_copy(
            update={
                "referral": "Succes!",
                "citations": [Citation(clause_id=wrong.id, quote=wrong.quote)],
            }
        )
        return Response(answer, response.grounded)

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        return self.respond(question, history).answer


def _subset(tmp_path: Path, cases: list[GoldenCase], count: int = 12) -> Path:
    folder = tmp_path / "subset"
    folder.mkdir()
    chosen = [c.model_dump(mode="json") for c in cases[::8][:count]]
    (folder / "subset.yaml").write_text(yaml.safe_dump({"cases": chosen}), encoding="utf-8")
    return folder


def test_the_gate_bites_on_a_broken_engine(
    tmp_path: Path,
    engine: GroundedEngine,
    scorer: SupportScorer,
    corpus: Corpus,
    cases: list[GoldenCase],
) -> None:
    folder = _subset(tmp_path, cases)
    baseline_path = tmp_path / "baseline.json"
    good = evaluate(
        engine,
        scorer,
        EvalOptions(
            cases_dir=folder,
            out_dir=tmp_path / "good",
            compare_to=baseline_path,
            update_baseline=True,  # the first baseline: no file to compare with yet
        ),
    )
    assert good.baseline is None and good.baseline_written == baseline_path
    assert good.result.metrics["referral_rate"] == 1.0

    same = evaluate(
        engine,
        scorer,
        EvalOptions(cases_dir=folder, out_dir=tmp_path / "same", compare_to=baseline_path),
    )
    assert same.regressions == [] and not same.gate_failed

    broken = evaluate(
        BrokenEngine(engine, corpus),
        scorer,
        EvalOptions(cases_dir=folder, out_dir=tmp_path / "broken", compare_to=baseline_path),
    )
    assert broken.gate_failed
    metric_names = {r.name for r in broken.regressions if r.kind == "metric"}
    assert {"referral_rate", "invalid_citation_rate"} <= metric_names
    failed_cases = {r.name for r in broken.regressions if r.kind == "case"}
    assert failed_cases and failed_cases <= set(load_baseline(baseline_path).passed)
    summary = broken.reports["summary"].read_text("utf-8")
    assert "referral_rate" in summary and "Regressions against the baseline" in summary


def test_updating_the_baseline_is_explicit_and_passes_the_gate(
    tmp_path: Path,
    engine: GroundedEngine,
    scorer: SupportScorer,
    corpus: Corpus,
    cases: list[GoldenCase],
) -> None:
    folder = _subset(tmp_path, cases, count=4)
    baseline_path = tmp_path / "baseline.json"
    write_baseline(run_suite(engine, load_cases(folder), CaseScorer(scorer)), baseline_path)
    outcome = evaluate(
        BrokenEngine(engine, corpus),
        scorer,
        EvalOptions(
            cases_dir=folder, out_dir=tmp_path / "o", compare_to=baseline_path, update_baseline=True
        ),
    )
    assert outcome.regressions and not outcome.gate_failed
    assert load_baseline(baseline_path).metrics["referral_rate"] == 0.0


def test_a_missing_or_broken_baseline_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="not found"):
        load_baseline(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text('{"metrics": 1}', encoding="utf-8")
    with pytest.raises(BaselineError, match="not a baseline"):
        load_baseline(tmp_path / "bad.json")


def test_compare_names_a_metric_that_dropped(
    engine: GroundedEngine, scorer: SupportScorer, cases: list[GoldenCase]
) -> None:
    result = run_suite(engine, cases[:3], CaseScorer(scorer))
    baseline = result.baseline()
    better = dict(
        baseline.metrics, verdict_accuracy=(result.metrics["verdict_accuracy"] or 0) + 0.2
    )
    regressions = compare(result, baseline.model_copy(update={"metrics": better}))
    assert [r.name for r in regressions] == ["verdict_accuracy"]


# --- reports ------------------------------------------------------------------


def test_reports_escape_markup_and_carry_their_plots(
    tmp_path: Path, engine: GroundedEngine, scorer: SupportScorer
) -> None:
    folder = _write_cases(
        tmp_path / "cases",
        CASE.replace(
            "Mag ik een leerling volgen op Instagram?",
            "Mag ik <script>alert(1)</script> een leerling <img src=x onerror=alert(2)> volgen?",
        ),
    )
    result = run_suite(engine, load_cases(folder), CaseScorer(scorer))
    paths = write_reports(result, result.baseline(), [], tmp_path / "out")
    html = paths["report"].read_text("utf-8")
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<svg") == 4  # metrics, reliability, latency, clauses
    assert "Reliability of the verdict probability" in html and "expected \\ answered" in html
    data = json.loads(paths["results"].read_text("utf-8"))
    assert data["cases"][0]["id"] == "demo-001" and "verdict_accuracy" in data["metrics"]


# --- the judge ----------------------------------------------------------------


def _judge(corpus: Corpus, *replies: str) -> FaithfulnessJudge:
    fake = FakeListChatModel(responses=list(replies))
    return FaithfulnessJudge(ChatModel(fake, "fake-judge", timeout_s=5), corpus, runs=3)


def test_the_judge_averages_its_runs_and_skips_garbled_replies(
    engine: GroundedEngine, scorer: SupportScorer, corpus: Corpus, cases: list[GoldenCase]
) -> None:
    case = next(c for c in cases if c.id == "contact-001")
    result = CaseScorer(scorer).score(case, engine.respond(case.question), 1.0)
    two_of_two = json.dumps({"claims": [{"claim": "a", "supported": True}] * 2})
    one_of_two = json.dumps(
        {"claims": [{"claim": "a", "supported": True}, {"claim": "b", "supported": False}]}
    )
    judge = _judge(corpus, two_of_two, "not json at all", one_of_two)
    assert judge.score(result) == 0.75
    assert faithfulness(_judge(corpus, "garbage"), [result]) is None


def test_eval_cli_exits_non_zero_and_names_the_regression(tmp_path: Path) -> None:
    from tests.test_cli import run

    # A case whose label is deliberately wrong (2.1 forbids this), so it fails.
    folder = _write_cases(tmp_path / "cases", CASE.replace("[not_allowed]", "[allowed]"))
    out = tmp_path / "out"
    missing = run("eval", "--cases", str(folder), "--out", str(out),
                  "--compare", str(tmp_path / "nope.json"))  # fmt: skip
    assert missing.returncode == 3 and "baseline not found" in missing.stderr
    made = run("eval", "--cases", str(folder), "--out", str(out),
               "--compare", str(tmp_path / "baseline.json"), "--update-baseline")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (out / "report.html").is_file() and (out / "summary.md").is_file()
    baseline = json.loads((tmp_path / "baseline.json").read_text("utf-8"))
    assert "verdict" in baseline["failed"]["demo-001"] and baseline["passed"] == []
    # Tamper with the baseline: claim the case passed. The gate must fail and name it.
    baseline["passed"], baseline["failed"] = ["demo-001"], {}
    (tmp_path / "baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    gated = run("eval", "--cases", str(folder), "--out", str(out),
                "--compare", str(tmp_path / "baseline.json"))  # fmt: skip
    assert gated.returncode == 1
    assert "demo-001" in gated.stderr and "passed in the baseline" in gated.stderr
    assert "Traceback" not in gated.stderr
