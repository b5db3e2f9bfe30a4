"""The answer log at scale: a throwaway database filled with years of synthetic answers.

A school group of 5,000 staff asking 10 questions a year fills 200,000 rows in
four years. This fills a fresh database with that many (bulk Core inserts, not
the ORM: the fill is set-up, not what is measured), then times what leadership
does with the log: the review tab's list with each filter alone, the detail
view, the dashboard and a one-month export. List, detail and dashboard must stay
under :data:`P95_TARGET_MS` at the 95th percentile.

Without a URL the database is an SQLite file in a private temporary folder,
removed afterwards. A URL given (PostgreSQL) must name a database without
answers: it is filled and left for the caller to drop. PostgreSQL gets a
``VACUUM ANALYZE`` after the fill, as autovacuum gives a log that grew over
years (statistics, and the visibility map its index-only scans need); SQLite
gets no ``ANALYZE``, as the app never runs one, so its planner works without
statistics, and the reads run on connections opened after the fill.
The times are wall-clock in this process: the queries, the ORM and the records,
and whatever garbage collection falls in them, as in the app.
"""

from __future__ import annotations

import io
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.models import Escalation, Language, Verdict
from advisor.domain.settings import Settings
from advisor.pipeline.retrieve import percentile
from advisor.store.db import StoreError
from advisor.store.log import AnswerLog
from advisor.store.records import LogFilter
from advisor.store.schema import AnswerRow, CitationRow, FeedbackRow, ReviewRow
from advisor.store.service import open_database
from advisor.store.stats import dashboard

P95_TARGET_MS = 300.0
YEARS = 4
STAFF = 5_000
BATCH = 5_000
EXPORT_LIMIT = 100_000  # the review tab's export: a date range, (nearly) no row limit
SEED = 20261203

VERDICTS = {
    Verdict.ALLOWED.value: 0.30,
    Verdict.CONDITIONAL.value: 0.32,
    Verdict.NOT_ALLOWED.value: 0.28,
    Verdict.NOT_COVERED.value: 0.10,
}
URGENT_SHARE = 0.05
LLM_SHARE = 0.10
LLM_OUTCOMES = {"passed": 0.70, "disagreed": 0.12, "rejected": 0.10, "failed": 0.08}
FEEDBACK_SHARE = 0.05
THUMBS_UP_SHARE = 0.75
REVIEW_SHARE = 0.02
REVIEW_OUTCOMES = {"correct": 0.70, "needs_change": 0.20, "incorrect": 0.10}

OPENINGS = [
    "Mag ik", "Is het goed als ik", "Can I", "Is it allowed to", "Wat moet ik doen als ik",
    "Mag een collega", "Should I",
]  # fmt: skip
ACTS = [
    "een vriendschapsverzoek van een leerling accepteren op Instagram",
    "een foto van de klas op mijn eigen Facebook zetten",
    "reply to a parent who messages me on WhatsApp about a grade",
    "op LinkedIn schrijven over een nieuwe collega",
    "in de appgroep met ouders een discussie aangaan over het beleid",
    "follow former pupils on Instagram or TikTok",
    "een filmpje van de schoolreis op YouTube zetten zonder toestemming",
    "mijn wachtwoord van Magister aan een stagiair geven",
    "share a screenshot of a pupil's message in the staff group chat",
    "een leerling privé appen over een cijfer of een toets",
]
CONTEXTS = [
    "De ouders hebben geen toestemming gegeven voor beeldmateriaal.",
    "Het gaat om een leerling uit mijn mentorklas van vorig jaar.",
    "The account is private and only friends can see it.",
    "Ik heb dit al eerder gedaan en niemand zei er iets van.",
    "A colleague told me the school allows it since last year.",
    "De schoolleiding weet er nog niets van.",
    "Het is buiten schooltijd en op mijn eigen telefoon.",
    "There were other pupils in the background of the photo.",
]
ANSWER_PARTS = [
    "Volgens het protocol is dit niet toegestaan zonder schriftelijke toestemming van de ouders.",
    "Dit mag, mits je een zakelijk account gebruikt en geen persoonsgegevens deelt.",
    "The protocol asks staff to keep a professional distance on social media at all times.",
    "Neem bij twijfel contact op met de schoolleiding voordat je iets plaatst.",
    "Beeldmateriaal van leerlingen wordt alleen gedeeld op de kanalen van de school.",
    "Privéberichten met leerlingen horen via de schoolomgeving te lopen, niet via je eigen app.",
    "If a pupil is at risk, report it to the care coordinator the same day.",
    "Wachtwoorden zijn persoonlijk en worden nooit gedeeld, ook niet met collega's.",
]
REFERRALS = [
    "Vragen? Neem contact op met de schoolleiding.",
    "Meld dit direct bij de vertrouwenspersoon of de zorgcoördinator.",
    "Zie het protocol, hoofdstuk 3, of vraag de privacy officer.",
]
REVIEW_NOTES = [
    "Klopt, maar verwijs ook naar de AVG-paragraaf.",
    "Het antwoord is te stellig; dit hangt af van de toestemming.",
    None,
]
COMMENTS = ["Duidelijk, dank je.", "Dit helpt me niet.", "Te lang antwoord.", None, None]


@dataclass
class Batch:
    """One transaction's worth of rows, as Core insert parameters."""

    answers: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Filled:
    """What the timed operations need to know of the fill."""

    ids: list[str]  # a sample of answer ids, for the detail view
    rarest_clause: str
    user_name: str
    seconds: float
    answers: int


@dataclass(frozen=True)
class Operation:
    name: str
    run: Callable[[], int]  # returns how many rows it handed out
    targeted: bool  # held to P95_TARGET_MS


Result = tuple[Operation, tuple[float, float, int]]  # p50 ms, p95 ms, rows handed out


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return str(rng.choices(list(weights), weights=list(weights.values()))[0])


class Synthesiser:
    """Realistic rows, reproducibly: answers spread over the last four years,
    clause citations skewed as real questions are (a few clauses cited often,
    most rarely), a little feedback and fewer reviews."""

    def __init__(self, corpus: Corpus, now: datetime, rows: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.clauses = corpus.clause_ids
        self.rng.shuffle(self.clauses)
        # Zipf-like: the k-th clause is cited 1/k as often as the first.
        self.clause_weights = [1 / (k + 1) for k in range(len(self.clauses))]
        self.precedents = [p.id for p in corpus.precedents]
        self.users = [f"medewerker{n:04d}" for n in range(STAFF)]
        self.version = corpus.version
        # In the order they are asked, as a real log grows: oldest first, evenly
        # spread with jitter, the newest just before now.
        self.start = now - timedelta(days=YEARS * 365)
        self.step_s = YEARS * 365 * 24 * 3600 / max(rows, 1)
        self.made = 0

    @property
    def rarest_clause(self) -> str:
        return self.clauses[-1]

    def batch(self, size: int) -> Batch:
        batch = Batch()
        for _ in range(size):
            self._answer(batch)
        return batch

    def _answer(self, batch: Batch) -> None:
        rng = self.rng
        answer_id = f"{rng.getrandbits(128):032x}"
        created = self.start + timedelta(seconds=(self.made + rng.random()) * self.step_s)
        self.made += 1
        cited = self._citations()
        batch.answers.append(self._answer_row(answer_id, created, cited))
        batch.citations.extend(
            {"answer_id": answer_id, "position": i, "clause_id": c} for i, c in enumerate(cited)
        )
        if rng.random() < FEEDBACK_SHARE:
            batch.feedback.append(self._feedback_row(answer_id, created))
        if rng.random() < REVIEW_SHARE:
            batch.reviews.append(self._review_row(answer_id, created))

    def _citations(self) -> list[str]:
        count = self.rng.choice((1, 1, 2, 2, 2, 3))
        cited: list[str] = []
        while len(cited) < count:
            clause = self.rng.choices(self.clauses, weights=self.clause_weights)[0]
            if clause not in cited:
                cited.append(clause)
        return cited

    def _answer_row(self, answer_id: str, created: datetime, cited: list[str]) -> dict[str, Any]:
        rng = self.rng
        verdict = _pick(rng, VERDICTS)
        outcome = _pick(rng, LLM_OUTCOMES) if rng.random() < LLM_SHARE else None
        replaced = outcome in ("rejected", "failed")
        return {
            "id": answer_id,
            "created_at": created,
            "user_name": rng.choice(self.users),
            "user_role": "leadership" if rng.random() < 0.03 else "staff",
            "question": self._question(),
            "language": Language.NL.value if rng.random() < 0.85 else Language.EN.value,
            "verdict": verdict,
            "answer": " ".join(rng.sample(ANSWER_PARTS, rng.randint(2, 5))),
            "referral": rng.choice(REFERRALS),
            "precedent_ids": rng.sample(self.precedents, min(len(self.precedents), 2)),
            "retrieved": [*cited, *rng.sample(self.clauses, 5)][:5],
            "escalation": (
                Escalation.URGENT if rng.random() < URGENT_SHARE else Escalation.NONE
            ).value,
            "engine": "llm" if outcome else "grounded",
            "model": "llama-3.1-8b-instruct" if outcome else None,
            "corpus_version": self.version,
            "latency_ms": rng.lognormvariate(5.5, 0.6),
            "guard_passed": outcome in ("passed", "disagreed") if outcome else None,
            "fallback_reason": f"the LLM's answer {outcome}" if replaced else None,
            "pii_found": {"person": 1} if rng.random() < 0.2 else {},
            "reading": self._reading(verdict),
            "llm_role": ("decide" if rng.random() < 0.5 else "wording") if outcome else None,
            "llm_outcome": outcome,
        }

    def _question(self) -> str:
        rng = self.rng
        question = f"{rng.choice(OPENINGS)} {rng.choice(ACTS)}?"
        extra = rng.sample(CONTEXTS, rng.randint(0, 3))
        return " ".join([*extra, question])

    def _reading(self, verdict: str) -> dict[str, Any]:
        """A ReadingRecord as the log keeps it (small: no bank neighbours)."""
        rng = self.rng
        return {
            "asked": rng.choice(("may_i", "what_to_do", "is_it_ok")),
            "conduct_of": rng.choice(("self", "colleague", "pupil")),
            "asker": "staff",
            "basis": "rules",
            "conditions": {"consent": round(rng.random(), 2)},
            "verdict_probabilities": {verdict: 0.8},
            "urgent_probability": round(rng.random() / 10, 3),
            "steps": ["read the question", f"decided {verdict}"],
            "neighbours": [],
        }

    def _feedback_row(self, answer_id: str, created: datetime) -> dict[str, Any]:
        rng = self.rng
        return {
            "answer_id": answer_id,
            "user_name": rng.choice(self.users),
            "rating": 1 if rng.random() < THUMBS_UP_SHARE else -1,
            "comment": rng.choice(COMMENTS),
            "created_at": created + timedelta(minutes=rng.uniform(1, 60)),
        }

    def _review_row(self, answer_id: str, created: datetime) -> dict[str, Any]:
        rng = self.rng
        outcome = _pick(rng, REVIEW_OUTCOMES)
        return {
            "answer_id": answer_id,
            "reviewer": "rector",
            "outcome": outcome,
            "corrected_verdict": "conditional" if outcome != "correct" else None,
            "corrected_answer": None,
            "note": rng.choice(REVIEW_NOTES),
            "created_at": created + timedelta(days=rng.uniform(1, 14)),
        }


def fill(engine: Engine, rows: int, synthesiser: Synthesiser, err: Console) -> Filled:
    """Insert ``rows`` answers with their citations, feedback and reviews, one
    transaction (and one executemany per table) per batch."""
    started = time.perf_counter()
    sample: list[str] = []
    done = 0
    with err.status(f"filling {rows:,} answers…") as status:
        while done < rows:
            batch = synthesiser.batch(min(BATCH, rows - done))
            with engine.begin() as conn:
                for table, params in (
                    (AnswerRow, batch.answers),
                    (CitationRow, batch.citations),
                    (FeedbackRow, batch.feedback),
                    (ReviewRow, batch.reviews),
                ):
                    if params:
                        conn.execute(insert(table), params)
            sample.extend(row["id"] for row in batch.answers[:50])
            done += len(batch.answers)
            status.update(f"filling {rows:,} answers… {done:,}")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return Filled(
        ids=sample,
        rarest_clause=synthesiser.rarest_clause,
        user_name=synthesiser.users[0],
        seconds=time.perf_counter() - started,
        answers=done,
    )


def _lister(log: AnswerLog, filters: LogFilter) -> Callable[[], int]:
    return lambda: len(log.find(filters))


def operations(log: AnswerLog, filled: Filled, now: datetime) -> list[Operation]:
    """The log list as the review tab asks for it (default limit), with no filter
    and with each filter alone; the detail view; the dashboard; an export."""
    month_ago = now - timedelta(days=30)
    filters: dict[str, LogFilter] = {
        "list": LogFilter(),
        "list since (last month)": LogFilter(since=month_ago),
        "list until (a month ago)": LogFilter(until=month_ago),
        "list verdict not_covered": LogFilter(verdict=Verdict.NOT_COVERED),
        "list escalation urgent": LogFilter(escalation=Escalation.URGENT),
        "list feedback up": LogFilter(feedback="up"),
        "list feedback down": LogFilter(feedback="down"),
        "list fallback yes": LogFilter(fallback=True),
        "list fallback no": LogFilter(fallback=False),
        "list llm_outcome failed": LogFilter(llm_outcome="failed"),
        "list reviewed yes": LogFilter(reviewed=True),
        "list reviewed no": LogFilter(reviewed=False),
        "list clause (the rarest)": LogFilter(clause=filled.rarest_clause),
        "list user_name": LogFilter(user_name=filled.user_name),
    }
    found = [Operation(name, _lister(log, f), targeted=True) for name, f in filters.items()]
    picker = random.Random(SEED)
    month = LogFilter(since=month_ago - timedelta(days=30), until=month_ago, limit=EXPORT_LIMIT)
    return [
        *found,
        Operation("detail", lambda: len([log.get(picker.choice(filled.ids))]), True),
        Operation("dashboard (30 days)", lambda: dashboard(log, 30).answers, True),
        Operation("export csv (one month)", lambda: log.export(month, "csv", io.StringIO()), False),
    ]


def time_operation(operation: Operation, repeats: int) -> tuple[float, float, int]:
    """p50 and p95 in ms over ``repeats`` warm runs (one untimed run first, so
    the first statement's compilation does not count), and the rows handed out."""
    rows = operation.run()
    timings: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        operation.run()
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 50), percentile(timings, 95), rows


def database_size(engine: Engine) -> int:
    """Bytes on disk: the SQLite file (and its write-ahead log), or the
    PostgreSQL database."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            size = conn.scalar(text("SELECT pg_database_size(current_database())"))
        return int(size or 0)
    path = Path(engine.url.database or "")
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


@contextmanager
def _database(database_url: str | None, err: Console) -> Iterator[str]:
    """The URL to fill: the given one, or an SQLite file in a private
    temporary folder that is removed afterwards."""
    if database_url:
        shown = make_url(database_url).render_as_string(hide_password=True)
        err.print(f"filling {shown}: it is left filled; drop it when done", markup=False)
        yield database_url
        return
    folder = Path(tempfile.mkdtemp(prefix="advisor-store-bench-"))  # mode 0700
    try:
        yield f"sqlite:///{folder / 'advisor.sqlite3'}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _print_table(
    results: Sequence[Result],
    title: str,
    out: Console,
) -> None:
    table = Table(title=title)
    for column in ("operation", "rows", "p50 ms", "p95 ms", f"p95 ≤ {P95_TARGET_MS:.0f} ms"):
        table.add_column(column, justify="left" if column == "operation" else "right")
    for operation, (p50, p95, rows) in results:
        verdict = ("PASS" if p95 <= P95_TARGET_MS else "FAIL") if operation.targeted else "—"
        table.add_row(operation.name, f"{rows:,}", f"{p50:.1f}", f"{p95:.1f}", verdict)
    out.print(table)


def _fill_new(settings: Settings, url: str, rows: int, now: datetime, err: Console) -> Filled:
    """Fill the database at ``url``, refusing one that already has answers."""
    store = open_database(settings, redact=lambda text, language: text, url=url)
    try:
        if store.log.count():
            raise StoreError(
                "the store bench fills a database of its own: this one already has "
                "answers (give an empty database, or none for a throwaway SQLite file)"
            )
        synthesiser = Synthesiser(load_corpus(settings.corpus_dir), now, rows)
        return fill(store.log.engine, rows, synthesiser, err)
    finally:
        store.close()


def measure(log: AnswerLog, filled: Filled, repeats: int, now: datetime) -> list[Result]:
    return [(op, time_operation(op, repeats)) for op in operations(log, filled, now)]


def _time_reads(
    settings: Settings, url: str, filled: Filled, repeats: int, now: datetime, err: Console
) -> tuple[list[Result], str, int]:
    """Time the reads on a store opened afresh, as an app (re)started on a full
    log: SQLite plans from the table sizes it sees when a connection first reads
    the schema, so connections opened on the empty database would plan otherwise."""
    store = open_database(settings, redact=lambda text, language: text, url=url)
    try:
        with err.status("timing the log's reads…"):
            results = measure(store.log, filled, repeats, now)
        return results, store.log.engine.dialect.name, database_size(store.log.engine)
    finally:
        store.close()


def run_store_bench(
    rows: int, database_url: str | None, repeats: int, out: Console, err: Console
) -> dict[str, float]:
    """Fill a database with ``rows`` synthetic answers and time the log's reads.

    Returns ``"<operation> p50_ms"`` and ``"<operation> p95_ms"`` for every
    operation, with ``rows``, ``fill_s``, ``size_mb`` and ``failed`` (how many
    targeted operations missed the target)."""
    settings = Settings()
    now = datetime.now(UTC)
    with _database(database_url, err) as url:
        filled = _fill_new(settings, url, rows, now, err)
        results, backend, size = _time_reads(settings, url, filled, repeats, now, err)
    title = (
        f"Answer log at {filled.answers:,} answers on {backend}: filled in "
        f"{filled.seconds:.1f} s, {size / 1e6:.0f} MB; {repeats} warm runs each"
    )
    _print_table(results, title, out)
    return _figures(filled, size, results)


def _figures(filled: Filled, size: int, results: Sequence[Result]) -> dict[str, float]:
    figures: dict[str, float] = {
        "rows": float(filled.answers),
        "fill_s": filled.seconds,
        "size_mb": size / 1e6,
    }
    for operation, (p50, p95, _) in results:
        figures[f"{operation.name} p50_ms"] = p50
        figures[f"{operation.name} p95_ms"] = p95
    figures["failed"] = float(
        sum(op.targeted and p95 > P95_TARGET_MS for op, (_, p95, _) in results)
    )
    return figures
