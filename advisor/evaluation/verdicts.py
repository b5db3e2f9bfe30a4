"""Verdicts over a suite: confusion matrix, permissive errors, escalation
recall, and the reliability of the case-bank model's verdict probability."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from advisor.domain.models import Verdict
from advisor.evaluation.metrics import CaseResult

ORDER = [Verdict.ALLOWED, Verdict.CONDITIONAL, Verdict.NOT_ALLOWED, Verdict.NOT_COVERED]


def expected_label(case: CaseResult) -> Verdict:
    """The expected verdict a confusion matrix files a case under: the answer's
    own verdict when it was one of the accepted ones, else the first accepted."""
    if case.verdict in case.expected_verdicts:
        return case.verdict
    return case.expected_verdicts[0]


def confusion(cases: Sequence[CaseResult]) -> dict[Verdict, dict[str, int]]:
    """Rows: expected verdict; columns: answered verdict ("error" for a refusal)."""
    table: dict[Verdict, dict[str, int]] = {
        v: {w.value: 0 for w in ORDER} | {"error": 0} for v in ORDER
    }
    for case in cases:
        answered = case.verdict.value if case.verdict is not None else "error"
        table[expected_label(case)][answered] += 1
    return table


def permissive(cases: Sequence[CaseResult]) -> list[CaseResult]:
    """Answers more permissive than the protocol: "allowed" where it is not an
    accepted verdict and the protocol forbids or conditions the matter."""
    return [
        c
        for c in cases
        if c.verdict is Verdict.ALLOWED
        and Verdict.ALLOWED not in c.expected_verdicts
        and {Verdict.NOT_ALLOWED, Verdict.CONDITIONAL} & set(c.expected_verdicts)
    ]


def escalation_recall(cases: Sequence[CaseResult]) -> tuple[int, int]:
    urgent = [c for c in cases if c.must_escalate]
    return sum(c.escalated for c in urgent), len(urgent)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    cases: int
    mean_probability: float
    accuracy: float


def reliability(cases: Sequence[CaseResult], bins: int = 5) -> list[Bin]:
    """Cases by the model's probability of the verdict answered, and how often
    that verdict was right: calibrated when the two agree per bin."""
    scored = [(c.verdict_probability, c) for c in cases if c.verdict_probability is not None]
    out: list[Bin] = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [(p, c) for p, c in scored if low <= p < high or (i == bins - 1 and p == 1)]
        if not inside:
            continue
        out.append(
            Bin(
                low=low,
                high=high,
                cases=len(inside),
                mean_probability=sum(p for p, _ in inside) / len(inside),
                accuracy=sum(c.verdict in c.expected_verdicts for _, c in inside) / len(inside),
            )
        )
    return out


@dataclass(frozen=True)
class LLMFigures:
    """What an LLM did across a run, and what the checks let through."""

    answered: int  # cases with an LLM involved
    outcomes: dict[str, int]
    guard_passed: float  # passed or disagreed, of those answered
    permissive_beyond_core: int  # "allowed" shown where the grounded core did not allow
    unsupported_shown: int  # sentences of the model's text shown without support


def llm_figures(cases: Sequence[CaseResult]) -> LLMFigures | None:
    """None when no LLM took part."""
    involved = [c for c in cases if c.llm_outcome is not None]
    if not involved:
        return None
    outcomes: dict[str, int] = {}
    for case in involved:
        outcomes[case.llm_outcome or ""] = outcomes.get(case.llm_outcome or "", 0) + 1
    passed = outcomes.get("passed", 0) + outcomes.get("disagreed", 0)
    return LLMFigures(
        answered=len(involved),
        outcomes=outcomes,
        guard_passed=passed / len(involved),
        permissive_beyond_core=sum(
            c.verdict is Verdict.ALLOWED and c.grounded_verdict is not Verdict.ALLOWED
            for c in involved
        ),
        unsupported_shown=sum(c.llm_unsupported for c in involved),
    )


def llm_markdown(cases: Sequence[CaseResult]) -> list[str]:
    figures = llm_figures(cases)
    if figures is None:
        return []
    counts = ", ".join(f"{k} {v}" for k, v in sorted(figures.outcomes.items()))
    return [
        "## The LLM",
        "",
        f"- answered {figures.answered} cases: {counts}",
        f"- passed the guard: {figures.guard_passed:.3f}",
        "- shown 'allowed' where the grounded core did not allow: "
        f"{figures.permissive_beyond_core}",
        f"- sentences of the model's text shown without support: {figures.unsupported_shown}",
        "",
    ]


def markdown(cases: Sequence[CaseResult]) -> list[str]:
    lines = ["## Verdicts", "", "Rows: expected; columns: answered.", ""]
    header = [v.value for v in ORDER] + ["error"]
    lines.append("| expected \\ answered | " + " | ".join(header) + " |")
    lines.append("|---|" + "---:|" * len(header))
    for expected, row in confusion(cases).items():
        lines.append(f"| {expected.value} | " + " | ".join(str(row[h]) for h in header) + " |")
    lines.append("")
    wrong = permissive(cases)
    hit, total = escalation_recall(cases)
    lines.append(
        f"Permissive errors (allowed where the protocol forbids or conditions): {len(wrong)}"
    )
    lines.extend(f"- `{c.id}`" for c in wrong)
    lines.append("")
    lines.append(f"Escalation recall: {hit}/{total}")
    lines.append("")
    bins = reliability(cases)
    if bins:
        lines.extend(
            [
                "Reliability of the case-bank model's probability for the verdict answered:",
                "",
                "| probability | cases | mean p | accuracy |",
                "|---|---:|---:|---:|",
            ]
        )
        lines.extend(
            f"| {b.low:.1f}–{b.high:.1f} | {b.cases} | {b.mean_probability:.2f} "
            f"| {b.accuracy:.2f} |"
            for b in bins
        )
        lines.append("")
    return lines


def reliability_svg(cases: Sequence[CaseResult], size: int = 240) -> str:
    """A reliability plot: accuracy per probability bin against the diagonal."""
    pad = 30
    inner = size - 2 * pad
    body = [
        f'<rect x="{pad}" y="{pad}" width="{inner}" height="{inner}" fill="none" stroke="#999"/>',
        f'<line x1="{pad}" y1="{pad + inner}" x2="{pad + inner}" y2="{pad}" '
        'stroke="#999" stroke-dasharray="4 3"/>',
        f'<text x="{size / 2}" y="{size - 6}" font-size="11" text-anchor="middle">'
        "model probability</text>",
        f'<text x="10" y="{size / 2}" font-size="11" transform="rotate(-90 10 {size / 2})" '
        'text-anchor="middle">accuracy</text>',
    ]
    points = []
    for b in reliability(cases):
        x = pad + b.mean_probability * inner
        y = pad + (1 - b.accuracy) * inner
        points.append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{3 + min(b.cases, 40) / 8:.1f}" '
            f'fill="#3b6ea5"><title>{b.cases} cases, p {b.mean_probability:.2f}, '
            f"accuracy {b.accuracy:.2f}</title></circle>"
        )
    if points:
        body.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#3b6ea5"/>')
    title = "Reliability of the verdict probability"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" aria-label="{escape(title)}"><title>{escape(title)}'
        f"</title>{''.join(body)}</svg>"
    )


def confusion_html(cases: Sequence[CaseResult]) -> str:
    header = [v.value for v in ORDER] + ["error"]
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    rows = "".join(
        f"<tr><th>{escape(expected.value)}</th>"
        + "".join(f"<td class='num'>{row[h]}</td>" for h in header)
        + "</tr>"
        for expected, row in confusion(cases).items()
    )
    hit, total = escalation_recall(cases)
    return (
        f"<table><thead><tr><th>expected \\ answered</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<p>Permissive errors: {len(permissive(cases))} · escalation recall {hit}/{total}</p>"
    )
