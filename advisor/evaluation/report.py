"""Writing a run: ``results.json``, a Markdown summary and an HTML report with plots.

The HTML is one self-contained file: inline CSS and inline SVG plots (metric
bars against the baseline, a latency histogram, per-clause hit rates), no
scripts, nothing fetched. Every piece of text from a case or an answer is
escaped, so a question holding markup shows as text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from pathlib import Path

from advisor.evaluation import verdicts
from advisor.evaluation.compare import METRICS, Baseline, Direction, Regression, SuiteResult
from advisor.evaluation.metrics import Check

RESULTS_FILE = "results.json"
SUMMARY_FILE = "summary.md"
REPORT_FILE = "report.html"


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"


def _target(name: str, value: float | None) -> str:
    spec = METRICS.get(name)
    if spec is None or spec.target is None:
        return ""
    met = spec.meets_target(value)
    sign = "≥" if spec.direction is Direction.HIGHER else "≤"
    return f"{sign} {spec.target:g} {'✓' if met else '✗'}"


def metric_rows(
    result: SuiteResult, baseline: Baseline | None
) -> list[tuple[str, str, str, str, str, str]]:
    """(name, label, value, baseline, delta, target) per metric, in the table's order."""
    rows = []
    for name, value in result.metrics.items():
        spec = METRICS.get(name)
        before = baseline.metrics.get(name) if baseline else None
        delta = "" if value is None or before is None else f"{value - before:+.3f}"
        rows.append(
            (
                name,
                spec.label if spec else name,
                _fmt(value),
                _fmt(before),
                delta,
                _target(name, value),
            )
        )
    return rows


def write_markdown(
    result: SuiteResult, baseline: Baseline | None, regressions: list[Regression], path: Path
) -> None:
    lines = [
        f"# Eval: {result.engine}",
        "",
        f"{len(result.cases)} cases, corpus {result.corpus_version}, "
        f"{result.started_at:%Y-%m-%d %H:%M} UTC, {result.seconds:.1f} s.",
        "",
        "| metric | value | baseline | Δ | target |",
        "|---|---:|---:|---:|---|",
    ]
    for _name, label, value, before, delta, target in metric_rows(result, baseline):
        lines.append(f"| {label} | {value} | {before} | {delta} | {target} |")
    lines.append("")
    if baseline is not None:
        if regressions:
            lines.append(f"## Regressions against the baseline ({len(regressions)})")
            lines.append("")
            lines.extend(f"- **{r.name}** ({r.kind}): {r.detail}" for r in regressions)
        else:
            lines.append("No regressions against the baseline.")
        lines.append("")
    lines.extend(verdicts.markdown(result.cases))
    lines.extend(verdicts.llm_markdown(result.cases))
    failed = [c for c in result.cases if not c.passed]
    lines.append(f"## Failing cases ({len(failed)})")
    lines.append("")
    for case in failed:
        cited = ", ".join(case.cited) or "none"
        verdict = case.verdict.value if case.verdict else "error"
        expected = "/".join(v.value for v in case.expected_verdicts)
        lines.append(
            f"- `{case.id}` fails {', '.join(case.failed_checks)}: verdict {verdict} "
            f"(expected {expected}), cited {cited}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- plots (inline SVG) -------------------------------------------------------

_BAR = "#3b6ea5"
_BASE = "#b9c4d0"
_FAIL = "#b23b3b"


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def metric_bars(result: SuiteResult, baseline: Baseline | None) -> str:
    """Horizontal bars for the 0..1 metrics, the baseline as a thin bar beneath."""
    names = [
        n
        for n, v in result.metrics.items()
        if v is not None and not n.endswith("_ms") and METRICS.get(n) is not None
    ]
    label_w, bar_w, row_h = 290, 360, 26
    height = row_h * len(names) + 30
    body = [
        f'<text x="{label_w}" y="14" font-size="11" fill="#555">0</text>',
        f'<text x="{label_w + bar_w - 8}" y="14" font-size="11" fill="#555">1</text>',
    ]
    for i, name in enumerate(names):
        value = result.metrics[name] or 0.0
        y = 22 + i * row_h
        spec = METRICS[name]
        body.append(
            f'<text x="{label_w - 8}" y="{y + 13}" font-size="12" text-anchor="end">'
            f"{escape(spec.label)}</text>"
        )
        body.append(
            f'<rect x="{label_w}" y="{y}" width="{bar_w * min(value, 1):.1f}" height="14" '
            f'fill="{_BAR}"><title>{escape(name)}: {value:.3f}</title></rect>'
        )
        before = baseline.metrics.get(name) if baseline else None
        if before is not None:
            body.append(
                f'<rect x="{label_w}" y="{y + 16}" width="{bar_w * min(before, 1):.1f}" '
                f'height="5" fill="{_BASE}"><title>baseline: {before:.3f}</title></rect>'
            )
        if spec.target is not None and spec.direction is Direction.HIGHER:
            x = label_w + bar_w * spec.target
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + 22}" '
                f'stroke="{_FAIL}" stroke-dasharray="3,2"/>'
            )
        body.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 13}" font-size="12">{value:.3f}</text>'
        )
    return _svg(label_w + bar_w + 60, height, body, "Metrics against the baseline")


def latency_histogram(result: SuiteResult, bins: int = 20) -> str:
    values = [c.latency_ms for c in result.cases]
    width, height, left, bottom = 560, 220, 40, 30
    if not values:
        return _svg(width, height, [], "Latency histogram (no cases)")
    low, high = min(values), max(values)
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int((value - low) / step))] += 1
    top = max(counts)
    plot_w, plot_h = width - left - 10, height - bottom - 10
    bar_w = plot_w / bins
    body = [
        f'<line x1="{left}" y1="{10 + plot_h}" x2="{left + plot_w}" y2="{10 + plot_h}" '
        'stroke="#333"/>',
        f'<text x="{left}" y="{height - 8}" font-size="11">{low:.1f} ms</text>',
        f'<text x="{left + plot_w}" y="{height - 8}" font-size="11" text-anchor="end">'
        f"{high:.1f} ms</text>",
        f'<text x="{left - 6}" y="16" font-size="11" text-anchor="end">{top}</text>',
    ]
    for i, count in enumerate(counts):
        h = plot_h * count / top
        body.append(
            f'<rect x="{left + i * bar_w + 1:.1f}" y="{10 + plot_h - h:.1f}" '
            f'width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{_BAR}">'
            f"<title>{low + i * step:.1f}–{low + (i + 1) * step:.1f} ms: {count}</title></rect>"
        )
    return _svg(width, height, body, "Latency per case (ms)")


def clause_hit_rates(result: SuiteResult) -> dict[str, tuple[int, int]]:
    """Per required clause: (cases where it was cited, cases that require it)."""
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in result.cases:
        for cid in case.required_clauses:
            hits[cid][1] += 1
            hits[cid][0] += cid in case.cited
    return {cid: (h[0], h[1]) for cid, h in sorted(hits.items(), key=lambda kv: _clause_key(kv[0]))}


def _clause_key(clause_id: str) -> tuple[int, int, str]:
    head, _, tail = clause_id.partition(".")
    digits = "".join(ch for ch in tail if ch.isdigit())
    return int(head), int(digits or 0), tail


def clause_bars(result: SuiteResult) -> str:
    rates = clause_hit_rates(result)
    label_w, bar_w, row_h = 60, 360, 20
    body = []
    for i, (cid, (hit, total)) in enumerate(rates.items()):
        y = 6 + i * row_h
        share = hit / total
        body.append(
            f'<text x="{label_w - 8}" y="{y + 12}" font-size="12" text-anchor="end">'
            f"{escape(cid)}</text>"
        )
        body.append(f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="14" fill="#eee"/>')
        body.append(
            f'<rect x="{label_w}" y="{y}" width="{bar_w * share:.1f}" height="14" '
            f'fill="{_BAR if share >= 0.5 else _FAIL}"><title>{escape(cid)}: cited in {hit} '
            f"of {total} cases that require it</title></rect>"
        )
        body.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 12}" font-size="12">{hit}/{total}</text>'
        )
    return _svg(label_w + bar_w + 60, 12 + row_h * len(rates), body, "Required-clause hit rates")


# --- HTML ---------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;
vertical-align:top;font-size:.9rem}th{background:#f3f5f8;text-align:left}
.pass{color:#1d6b35;font-weight:600}.fail{color:#b23b3b;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.plots{display:flex;flex-wrap:wrap;gap:2rem}.plots figure{margin:0}
figcaption{font-weight:600;margin-bottom:.4rem}details pre{white-space:pre-wrap;max-width:60ch}
.regression{background:#fbeaea;border-left:4px solid #b23b3b;padding:.5rem 1rem}
.ok{background:#eaf6ee;border-left:4px solid #1d6b35;padding:.5rem 1rem}
"""


def _case_rows(result: SuiteResult, baseline: Baseline | None) -> str:
    rows = []
    check_names = [check.value for check in Check]
    for case in result.cases:
        verdict = case.verdict.value if case.verdict else "error"
        expected = " / ".join(v.value for v in case.expected_verdicts)
        cells = []
        for name in check_names:
            ok = case.checks.get(Check(name))
            if ok is None:
                cells.append("<td>–</td>")
            else:
                cells.append(f'<td class="{"pass" if ok else "fail"}">{"✓" if ok else "✗"}</td>')
        was = ""
        if baseline is not None:
            was = "✓" if case.id in baseline.passed else "✗"
        answer = escape(case.error or case.answer)
        rows.append(
            f'<tr id="{escape(case.id)}"><td>{escape(case.id)}</td>'
            f"<td>{escape(case.question)}<details><summary>answer</summary>"
            f"<pre>{answer}</pre><p><em>{escape(case.referral)}</em></p></details></td>"
            f"<td>{escape(verdict)}<br><small>expected {escape(expected)}</small></td>"
            f"<td>{escape(', '.join(case.cited) or '–')}<br><small>required "
            f"{escape(', '.join(case.required_clauses) or '–')}</small></td>"
            f"{''.join(cells)}"
            f'<td class="{"pass" if case.passed else "fail"}">'
            f"{'pass' if case.passed else 'fail'}</td><td>{was}</td>"
            f'<td class="num">{case.latency_ms:.1f}</td></tr>'
        )
    head = "".join(f"<th>{escape(n.replace('_', ' '))}</th>" for n in check_names)
    return (
        "<table><thead><tr><th>case</th><th>question and answer</th><th>verdict</th>"
        f"<th>cited</th>{head}<th>case</th><th>baseline</th><th>ms</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def render_html(
    result: SuiteResult, baseline: Baseline | None, regressions: list[Regression]
) -> str:
    metric_table = "".join(
        f"<tr><td>{escape(label)}</td><td class='num'>{value}</td><td class='num'>{before}</td>"
        f"<td class='num'>{delta}</td><td>{escape(target)}</td></tr>"
        for _n, label, value, before, delta, target in metric_rows(result, baseline)
    )
    if baseline is None:
        gate = "<p>No baseline given: nothing compared.</p>"
    elif regressions:
        items = "".join(
            f"<li><strong>{escape(r.name)}</strong> ({escape(r.kind)}): {escape(r.detail)}</li>"
            for r in regressions
        )
        gate = (
            f'<div class="regression"><p>{len(regressions)} regressions:</p><ul>{items}</ul></div>'
        )
    else:
        gate = '<div class="ok"><p>No regressions against the baseline.</p></div>'
    passed = sum(c.passed for c in result.cases)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Protocol Advisor eval: {escape(result.engine)}</title><style>{_CSS}</style></head>
<body>
<h1>Protocol Advisor eval: {escape(result.engine)}</h1>
<p>{passed} of {len(result.cases)} cases pass every check · corpus {escape(result.corpus_version)}
· {result.started_at:%Y-%m-%d %H:%M} UTC · {result.seconds:.1f} s</p>
{gate}
<h2>Metrics</h2>
<table><thead><tr><th>metric</th><th>value</th><th>baseline</th><th>Δ</th><th>target</th></tr>
</thead><tbody>{metric_table}</tbody></table>
<h2>Verdicts</h2>
<p>Rows: expected verdict; columns: the verdict answered.</p>
{verdicts.confusion_html(result.cases)}
<h2>Plots</h2>
<div class="plots">
<figure><figcaption>Metrics (bar) against the baseline (thin bar); dashed: target</figcaption>
{metric_bars(result, baseline)}</figure>
<figure><figcaption>Reliability: the case-bank model's probability of the verdict
answered against how often it was right (dashed: perfectly calibrated)</figcaption>
{verdicts.reliability_svg(result.cases)}</figure>
<figure><figcaption>Latency per case</figcaption>{latency_histogram(result)}</figure>
<figure><figcaption>Required clauses: how often cited when required</figcaption>
{clause_bars(result)}</figure>
</div>
<h2>Cases</h2>
{_case_rows(result, baseline)}
</body></html>
"""


def write_reports(
    result: SuiteResult,
    baseline: Baseline | None,
    regressions: list[Regression],
    out_dir: Path,
) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "results": out_dir / RESULTS_FILE,
        "summary": out_dir / SUMMARY_FILE,
        "report": out_dir / REPORT_FILE,
    }
    data = result.model_dump(mode="json")
    data["regressions"] = [r.model_dump() for r in regressions]
    paths["results"].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    write_markdown(result, baseline, regressions, paths["summary"])
    paths["report"].write_text(render_html(result, baseline, regressions), encoding="utf-8")
    return paths
