"""The web page's pure parts: HTML and Markdown escaping, tables and filters.

Everything a person or a model wrote (questions, answers, comments, notes,
precedent titles, clause text) must reach the page as characters, never as
markup. The HTML is checked by parsing it; the chat's Markdown by rendering it
with a CommonMark renderer (raw HTML allowed, the most permissive setting).
"""

from __future__ import annotations

import inspect
import re
import typing
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from advisor.app.portal import (
    Dashboard,
    FeedbackRecord,
    InvalidFilterError,
    LogEntry,
    NeighbourRecord,
    PermissionDeniedError,
    ReadingRecord,
    ReviewOutcome,
    ReviewRecord,
    verdict_label,
)
from advisor.domain.errors import InvalidQuestionError
from advisor.domain.models import (
    Answer,
    Audience,
    Citation,
    Clause,
    Escalation,
    Language,
    LLMOutcome,
    Modality,
    PrecedentRef,
    Verdict,
)
from advisor.pipeline.normalize import QuestionNormalizer
from ui import filters, frames, render, texts

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
HOSTILE = (
    f"{IMG} {SCRIPT} \"quoted\" & 'single' [klik](javascript:alert(3)) ![foto](http://x/y.png)"
)
PAYLOADS = [
    IMG,
    SCRIPT,
    '"><svg onload=alert(4)>',
    'Tom & Jerry\'s "echte" vraag',
    "[klik](javascript:alert(3))",
    "![foto](http://127.0.0.1:9/x.png)",
    "<http://evil.example/>",
    "**vet** _schuin_ `code` # kop\n\n> citaat\n- lijst",
    "&lt;img src=x&gt; &amp;",
    "a\\b\\\\c",
    HOSTILE,
]
WHEN = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


class _Page(HTMLParser):
    """The tags, attributes and text of an HTML fragment, as a browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.pieces: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)

    @property
    def text(self) -> str:
        return "".join(self.pieces)


SAFE_TAGS = {"div", "p", "br", "h3", "h4", "strong", "em", "small", "details", "summary",
             "blockquote", "table", "tr", "th", "td", "ol", "ul", "li"}  # fmt: skip
SAFE_ATTRIBUTES = {"class", "role", "data-verdict", "data-clause", "lang"}


def assert_inert(html: str, *texts: str) -> _Page:
    """Only the page's own tags and attributes, and every text shown as typed."""
    page = _Page(html)
    assert set(page.tags) <= SAFE_TAGS, page.tags
    assert {name for name, _ in page.attributes} <= SAFE_ATTRIBUTES, page.attributes
    for wanted in texts:
        assert wanted in page.text, (wanted, page.text)
    return page


def clause(clause_id: str = "2.1", text: str = "Geen vriendschap met leerlingen.") -> Clause:
    return Clause(
        id=clause_id,
        section="2",
        kind="paragraph",
        text=text,
        text_en=f"EN: {text}",
        modality=Modality.PROHIBITION,
        audience=[Audience.STAFF],
    )


def answer(
    text: str = "Nee [2.1].",
    *,
    language: Language = Language.NL,
    verdict: Verdict = Verdict.NOT_ALLOWED,
    citations: list[Citation] | None = None,
    precedents: list[PrecedentRef] | None = None,
    referral: str = "Overleg met je leidinggevende.",
    escalation: Escalation = Escalation.NONE,
    notice: str | None = None,
) -> Answer:
    return Answer(
        question="Mag ik dit?",
        language=language,
        verdict=verdict,
        answer=text,
        citations=citations or [],
        precedents=precedents or [],
        referral=referral,
        escalation=escalation,
        engine="grounded",
        corpus_version="v1",
        latency_ms=12.0,
        notice=notice,
    )


def entry(
    question: str = "Mag ik een leerling volgen op Instagram?",
    *,
    entry_id: str = "0123456789abcdef0123",
    user_name: str | None = "anna",
    escalation: Escalation = Escalation.NONE,
    feedback: list[FeedbackRecord] | None = None,
    reviews: list[ReviewRecord] | None = None,
    **changes: typing.Any,
) -> LogEntry:
    fields: dict[str, typing.Any] = {
        "id": entry_id,
        "created_at": WHEN,
        "user_name": user_name,
        "user_role": "staff",
        "question": question,
        "language": Language.NL,
        "verdict": Verdict.NOT_ALLOWED,
        "answer": "Nee [2.1].",
        "referral": "Overleg met je leidinggevende.",
        "citations": ["2.1", "1.12"],
        "precedent_ids": [],
        "retrieved": ["2.1"],
        "escalation": escalation,
        "engine": "grounded",
        "model": None,
        "corpus_version": "v1",
        "latency_ms": 10.0,
        "guard_passed": None,
        "fallback_reason": None,
        "pii_found": {},
        "feedback": feedback or [],
        "reviews": reviews or [],
    }
    return LogEntry(**{**fields, **changes})


def thumb(rating: int, comment: str | None = None, user: str | None = "anna") -> FeedbackRecord:
    return FeedbackRecord(user_name=user, rating=rating, comment=comment, created_at=WHEN)


def review(
    outcome: ReviewOutcome = ReviewOutcome.NEEDS_CHANGE,
    *,
    reviewer: str = "rector",
    note: str | None = None,
    corrected_answer: str | None = None,
    corrected_verdict: Verdict | None = None,
) -> ReviewRecord:
    return ReviewRecord(
        id=7,
        reviewer=reviewer,
        outcome=outcome,
        corrected_verdict=corrected_verdict,
        corrected_answer=corrected_answer,
        note=note,
        created_at=WHEN,
    )


# --- plain text for HTML and Markdown ----------------------------------------------


def test_text_escapes_markup_and_keeps_line_breaks() -> None:
    assert render.text(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert render.text("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#x27;c&#x27;"
    assert render.text("een\ntwee") == "een<br>twee"
    assert render.text("&lt;") == "&amp;lt;"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_shows_every_payload_as_typed(payload: str) -> None:
    page = assert_inert(render.text(payload))
    assert page.text == payload.replace("\n", "")
    assert page.tags == ["br"] * payload.count("\n")


def test_markdown_text_backslash_escapes_markdown_and_html() -> None:
    assert render.markdown_text(IMG) == r"\<img src\=x onerror\=alert\(1\)\>"
    assert render.markdown_text("[a](b)") == r"\[a\]\(b\)"
    assert render.markdown_text('**x** & "y"') == r"\*\*x\*\* \& \"y\""
    assert render.markdown_text("een\ntwee") == "een  \ntwee"  # a hard line break
    assert render.markdown_text("gewone tekst") == "gewone tekst"


MARKDOWN = MarkdownIt("commonmark", {"html": True})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_renders_as_the_typed_characters(payload: str) -> None:
    html = MARKDOWN.render(render.markdown_text(payload))
    page = _Page(html)
    assert set(page.tags) <= {"p", "br"}, html
    assert page.attributes == []
    assert page.text.replace("\n", "") == payload.replace("\n", ""), html


def test_warnings_escape_the_message() -> None:
    problem = ValueError(f"kapot: {IMG}")
    assert render.warning(problem) == "⚠ " + render.markdown_text(f"kapot: {IMG}")
    html = render.warning_html(problem)
    assert html.startswith("<p>⚠ ")
    assert_inert(html, f"kapot: {IMG}")


def test_who_line_escapes_the_username() -> None:
    line = render.who_line("anna_[x](y)", leadership=False)
    assert line == r"Ingelogd als **anna\_\[x\]\(y\)** (medewerker)"
    assert render.who_line("rector", leadership=True).endswith("(leidinggevende)")


def test_answer_chunks_grow_paragraph_by_paragraph() -> None:
    assert list(render.answer_chunks("een\n\ntwee\n\ndrie")) == [
        "een",
        "een\n\ntwee",
        "een\n\ntwee\n\ndrie",
    ]
    assert list(render.answer_chunks("alleen")) == ["alleen"]


# --- the answer panel ------------------------------------------------------------


@pytest.mark.parametrize("verdict", list(Verdict))
@pytest.mark.parametrize("language", list(Language))
def test_verdict_badge_labels_and_colours(verdict: Verdict, language: Language) -> None:
    html = render.verdict_badge(answer(verdict=verdict, language=language))
    page = assert_inert(html, verdict_label(verdict, language))
    assert ("class", f"verdict-badge {render.VERDICT_CLASS[verdict]}") in page.attributes
    assert ("data-verdict", verdict.value) in page.attributes


def test_verdict_label_wraps_the_pipeline_labels() -> None:
    assert verdict_label(Verdict.NOT_ALLOWED) == "Niet toegestaan"
    assert verdict_label("allowed", Language.EN) == "Allowed"


def test_urgent_banner_only_for_urgent_answers() -> None:
    assert render.urgent_banner(answer()) == ""
    html = render.urgent_banner(answer(escalation=Escalation.URGENT, language=Language.EN))
    page = assert_inert(html, "contact your supervisor")
    assert ("role", "alert") in page.attributes


def test_referral_box_escapes_referral_and_notice() -> None:
    html = render.referral_box(answer(referral=f"Bel {IMG}\nvandaag", notice=SCRIPT))
    assert_inert(html, "Verwijzing", f"Bel {IMG}", "vandaag", "Let op", SCRIPT)
    assert "notice" not in render.referral_box(answer())


def test_citations_escape_quote_and_clause_text() -> None:
    hostile = clause("2.1", f"Een leerling {IMG} {HOSTILE}")
    cited = [Citation(clause_id="2.1", quote=f"Geciteerd {SCRIPT} & meer")]
    html = render.citations(answer(citations=cited), {"2.1": hostile})
    page = assert_inert(html, "[2.1]", f"Geciteerd {SCRIPT} & meer", f"EN: {hostile.text}")
    assert ("data-clause", "2.1") in page.attributes
    # The summary shows the clause's first whole words (at most 89 characters), then "…".
    assert f"[2.1] Een leerling {IMG} {IMG}…" in page.text
    assert render.citations(answer(), {"2.1": hostile}) == ""


def test_citations_keep_a_short_clause_whole() -> None:
    html = render.citations(
        answer(citations=[Citation(clause_id="2.1", quote="kort")], language=Language.EN),
        {"2.1": clause()},
    )
    assert_inert(html, "Clauses of the protocol", "[2.1] Geen vriendschap met leerlingen.")
    assert "…" not in html


def test_precedent_escapes_its_title() -> None:
    ref = PrecedentRef(id="L001", title=f"Volgen {IMG} & {SCRIPT}")
    html = render.precedent(answer(precedents=[ref]))
    assert_inert(html, "Vergelijkbaar geval (L001):", ref.title, "illustratief")
    assert render.precedent(answer()) == ""


def test_chat_reply_escapes_the_model_text() -> None:
    reply = render.chat_reply(answer(f"Nee {IMG} [klik](javascript:alert(3)) [2.1]."))
    page = _Page(MARKDOWN.render(reply))
    assert page.tags == ["p"]
    assert page.text.strip() == f"Nee {IMG} [klik](javascript:alert(3)) [2.1]."


def test_answer_panel_is_banner_badge_referral_citations_precedent() -> None:
    full = answer(
        escalation=Escalation.URGENT,
        citations=[Citation(clause_id="2.1", quote="q")],
        precedents=[PrecedentRef(id="P001", title="t")],
    )
    clauses = {"2.1": clause()}
    assert render.answer_panel(full, clauses) == (
        render.urgent_banner(full),
        render.verdict_badge(full),
        render.referral_box(full),
        render.citations(full, clauses),
        render.precedent(full),
    )


# --- a logged answer in full --------------------------------------------------------


def test_entry_detail_escapes_everything_people_and_models_wrote() -> None:
    logged = entry(
        f"Vraag {IMG}\ntweede regel",
        user_name=f"anna{SCRIPT}",
        answer=f"Antwoord {SCRIPT} & [klik](javascript:alert(3))",
        guard_passed=False,
        fallback_reason=f"citation missing {IMG}",
        engine="llm:<b>model</b>",
        precedent_ids=["L001"],
        retrieved=["2.1", "9.9"],
        feedback=[thumb(-1, f"Te kort {IMG}", user=f"bram{SCRIPT}"), thumb(1, user=None)],
        reviews=[
            review(
                note=f"Noem {SCRIPT}",
                corrected_answer=f"Beter: {IMG}\nregel twee",
                corrected_verdict=Verdict.CONDITIONAL,
                reviewer='rector"><svg onload=alert(4)>',
            )
        ],
    )
    html = render.entry_detail(logged, {"2.1": clause("2.1", f"Artikel {IMG}")})
    page = assert_inert(
        html,
        f"Vraag {IMG}",
        "tweede regel",
        f"anna{SCRIPT} (medewerker)",
        f"Antwoord {SCRIPT} & [klik](javascript:alert(3))",
        f"teruggevallen: citation missing {IMG}",
        "llm:<b>model</b> · corpus v1",
        f"👎 bram{SCRIPT}: Te kort {IMG}",
        "👍 –: ",
        f'#7 2026-11-24 10:30 moet anders door rector"><svg onload=alert(4)> → '
        f"Onder voorwaarden: Noem {SCRIPT}",
        f"correctie: Beter: {IMG}",
        "regel twee",
        f"2.1 Artikel {IMG}",
        "L001",
        "Tijd2026-11-24 10:30",  # stored in UTC, shown in the school's time
    )
    assert page.tags.count("li") == 2 + 2 + 1 + 1  # retrieved, feedback, reports (none), reviews
    assert "9.9" in page.text  # a retrieved id without a clause still shows


def test_entry_detail_of_a_plain_answer() -> None:
    page = assert_inert(
        render.entry_detail(entry(user_name=None), {}),
        "geen LLM (grounded)",
        "Gebruiker–",
        "Precedenten–",
        "Feedback–",
        "Beoordelingen–",
    )
    assert "geslaagd" not in page.text
    assert "geslaagd" in _Page(render.entry_detail(entry(guard_passed=True), {})).text


def test_entry_detail_shows_the_reading_and_the_nearest_bank_cases() -> None:
    reading = ReadingRecord(
        asked="what_to_do",
        conduct_of="parent",
        asker="staff",
        basis="learned",
        conditions={"private_channel": 0.91, f"x{SCRIPT}": 0.3},
        acts={"discuss_online": 0.96},
        verdict_probabilities={"not_allowed": 0.82, "conditional": 0.1},
        urgent_probability=0.04,
        steps=["2.5"],
        neighbours=[
            NeighbourRecord(
                id="w1-0001",
                similarity=0.87,
                question=f"Een ouder scheldt me uit {IMG}",
                verdict=Verdict.NOT_ALLOWED,
                decisive=["2.5"],
            )
        ],
    )
    page = assert_inert(
        render.entry_detail(entry(reading=reading), {}),
        "Gevraagdwat moet ik doen?",
        "Wiens gedrageen ouder",
        "Vragermedewerker",
        "Besloten opmodel van de casusbank",
        "private_channel 91%",
        f"x{SCRIPT} 30%",
        "Handeling volgens het modeldiscuss_online 96%",
        "Niet toegestaan 82%, Onder voorwaarden 10%",
        "Urgent volgens het model4%",
        "Stappen geciteerd2.5",
        f"w1-0001 (87% gelijk; Niet toegestaan 2.5): Een ouder scheldt me uit {IMG}",
    )
    assert page.text.index("Lezing van de vraag") < page.text.index("Opgehaalde artikelen")
    plain = _Page(render.entry_detail(entry(), {})).text
    assert "gelogd voordat de lezing werd bewaard" in plain


# --- tables -----------------------------------------------------------------------


def test_cut_ends_at_a_word_with_an_ellipsis() -> None:
    assert render.cut("kort", 90) == "kort"
    assert render.cut("x" * 90, 90) == "x" * 90
    assert render.cut("x" * 91, 90) == "x" * 89 + "…"  # one long word: cut where it must be
    assert len(render.cut("x" * 500, 90)) == 90
    assert render.cut("abcdef", 4) == "abc…"
    words = "Medewerkers en leerlingen worden niet met elkaar vriend op sociale media"
    assert render.cut(words, 40) == "Medewerkers en leerlingen worden niet…"
    assert render.cut("een, twee, drie vier", 14) == "een, twee…"  # no dangling comma


def test_history_frame_columns_and_values() -> None:
    assert list(frames.history_frame([], lang=Language.EN).columns) == [
        "time", "verdict", "clauses", "question", "log id"
    ]  # fmt: skip
    assert len(frames.history_frame([])) == 0
    frame = frames.history_frame([entry("v" * 120), entry(IMG, entry_id="ffff")])
    assert list(frame.columns) == ["tijd", "oordeel", "artikelen", "vraag", "log id"]
    first = frame.iloc[0].to_dict()
    assert first == {
        "tijd": "2026-11-24 10:30",  # stored 09:30 UTC, shown in Amsterdam's time
        "oordeel": "Niet toegestaan",
        "artikelen": "2.1 1.12",
        "vraag": "v" * 89 + "…",
        "log id": "0123456789ab",
    }
    assert frame.iloc[1]["vraag"] == IMG  # gradio's table shows cells as text
    assert frame.iloc[1]["log id"] == "ffff"


def test_log_frame_counts_feedback_and_shows_the_last_review() -> None:
    assert len(frames.log_frame([]).columns) == len(frames.LOG_KEYS)
    needs = entry(reviews=[review(ReviewOutcome.NEEDS_CHANGE)])
    english = frames.log_frame([needs], lang=Language.EN)
    assert english.iloc[0][["verdict", "review"]].tolist() == ["Not allowed", "needs change"]
    busy = entry(
        escalation=Escalation.URGENT,
        user_name=None,
        feedback=[thumb(1), thumb(-1), thumb(-1, "nee")],
        reviews=[review(ReviewOutcome.INCORRECT), review(ReviewOutcome.CORRECT)],
    )
    frame = frames.log_frame([busy, entry("q" * 95)])
    assert len(frame.columns) == len(frames.LOG_COLUMN_WIDTHS)
    assert frame.iloc[0].to_dict() == {
        "log id": "0123456789ab",
        "tijd": "2026-11-24 10:30",  # stored 09:30 UTC, shown in Amsterdam's time
        "gebruiker": "–",
        "oordeel": "Niet toegestaan",
        "urgent": "ja",
        "artikelen": "2.1 1.12",
        "+": 1,
        "−": 2,
        "beoordeling": "juist",
        "vraag": "Mag ik een leerling volgen op Instagram?",
    }
    quiet = frame.iloc[1].to_dict()
    assert (quiet["gebruiker"], quiet["urgent"], quiet["beoordeling"]) == ("anna", "", "")
    assert (quiet["+"], quiet["−"], quiet["vraag"]) == (0, 0, "q" * 89 + "…")


def figures() -> Dashboard:
    return Dashboard(
        days=30,
        questions_per_day=[(date(2026, 11, 23), 2), (date(2026, 11, 24), 5)],
        verdicts={"not_allowed": 4, "allowed": 3},
        top_clauses=[("2.1", 6), ("1.12", 1)],
        answers=7,
        urgent=1,
        thumbs_up=3,
        thumbs_down=1,
    )


def test_dashboard_frames_and_summary() -> None:
    days = frames.per_day_frame(figures())
    assert list(days.columns) == frames.PER_DAY_COLUMNS
    assert days.values.tolist() == [["2026-11-23", 2], ["2026-11-24", 5]]
    mix = frames.verdict_mix_frame(figures())
    assert list(mix.columns) == frames.VERDICT_MIX_COLUMNS
    assert mix.values.tolist() == [["Niet toegestaan", 4], ["Toegestaan", 3]]
    top = frames.top_clauses_frame(figures())
    assert list(top.columns) == frames.TOP_CLAUSE_COLUMNS
    assert top.values.tolist() == [["2.1", 6], ["1.12", 1]]
    assert frames.bar_limit(days, "questions") == (0, 6)
    assert frames.bar_limit(frames.per_day_frame(figures().model_copy(
        update={"questions_per_day": []})), "questions") == (0, 2)  # fmt: skip
    assert render.dashboard_summary(figures()) == (
        "**7** vragen in 30 dagen · **1** urgent · duim omlaag: **25%** (1 van 4)"
    )
    assert render.dashboard_summary(figures(), Language.EN) == (
        "**7** questions in 30 days · **1** urgent · thumbs down: **25%** (1 of 4)"
    )


# --- the review tab's filters -------------------------------------------------------


def test_log_filter_turns_all_into_no_filter() -> None:
    everything = filters.log_filter("", " ", "all", "all", "all", "all", "all", "  ")
    assert everything.model_dump(exclude_defaults=True) == {}
    assert filters.log_filter(None, None, clause=None).model_dump(exclude_defaults=True) == {}


def test_log_filter_reads_each_field() -> None:
    chosen = filters.log_filter(
        "2026-11-01", "2026-11-24", "not_allowed", "urgent", "down", "yes", "no", " 2.1 "
    )
    assert chosen.since == datetime(2026, 11, 1, tzinfo=UTC)
    assert chosen.until == datetime(2026, 11, 25, tzinfo=UTC)  # through the 24th
    assert chosen.verdict is Verdict.NOT_ALLOWED
    assert chosen.escalation is Escalation.URGENT
    assert (chosen.feedback, chosen.fallback, chosen.reviewed) == ("down", True, False)
    assert chosen.clause == "2.1"


def test_the_llm_filter_finds_fallbacks_or_an_outcome() -> None:
    assert filters.log_filter("", "", fallback="yes").fallback is True
    disagreed = filters.log_filter("", "", fallback="disagreed")
    assert (disagreed.fallback, disagreed.llm_outcome) == (None, "disagreed")
    assert filters.log_filter("", "", fallback="rejected").llm_outcome == "rejected"
    assert set(texts.LLM_OUTCOMES) == {o.value for o in LLMOutcome}


def test_entry_detail_says_what_the_llm_did() -> None:
    page = assert_inert(
        render.entry_detail(
            entry(
                llm_role="decide",
                llm_outcome="disagreed",
                model="openai/gpt",
                guard_passed=True,
                fallback_reason=f"the model said allowed {SCRIPT}",
            ),
            {},
        ),
        f"oneens met de kern (rol decide, model openai/gpt): the model said allowed {SCRIPT}",
    )
    assert "geen LLM" not in page.text


def test_filters_refuse_a_bad_date() -> None:
    with pytest.raises(InvalidFilterError, match="vanaf"):
        filters.log_filter("24-11-2026", "")
    with pytest.raises(InvalidFilterError, match="tot"):
        filters.export_filter({"until": "gisteren"})


def test_export_filter_takes_the_search_form_and_a_high_limit() -> None:
    export = filters.export_filter({"since": "2026-11-01"})
    assert export.since == datetime(2026, 11, 1, tzinfo=UTC)
    assert export.until is None and export.limit == filters.EXPORT_LIMIT


# --- gradio finds the request in every handler --------------------------------------


def test_every_handler_names_its_special_arguments_resolvably() -> None:
    """gradio injects ``gr.Request`` and ``gr.SelectData`` by resolving the type hints;
    if they cannot be resolved it silently passes nothing, and the portal refuses."""
    import gradio as gr

    from ui.chat import ChatActions
    from ui.dashboard import DashboardActions
    from ui.review import ReviewActions

    handlers = [
        fn
        for actions in (ChatActions, ReviewActions, DashboardActions)
        for name, fn in inspect.getmembers(actions, inspect.isfunction)
        if name.startswith("on_")
    ]
    assert len(handlers) == 13
    for fn in handlers:
        hints = typing.get_type_hints(fn)
        special = {hints[p] for p in inspect.signature(fn).parameters if p != "self"}
        assert special & {gr.Request, gr.SelectData}, fn.__qualname__


def test_the_export_link_carries_the_active_filter_as_text() -> None:
    link = render.export_link(" 2026-11-01 ", "", "not_allowed", "all", "all", "all", "yes", "2.1")
    assert (
        'href="/export.csv?since=2026-11-01&amp;verdict=not_allowed&amp;reviewed=yes&amp;clause=2.1"'
        in link
    )
    assert ">Export CSV (with this filter)</a>" in render.export_link(lang=Language.EN)
    assert 'href="/export.csv"' in render.export_link()
    assert "<script" not in render.export_link('"><script>')
    chosen = filters.export_filter({"verdict": "not_allowed", "clause": "2.1", "reviewed": "no"})
    assert (chosen.verdict, chosen.clause, chosen.reviewed) == (Verdict.NOT_ALLOWED, "2.1", False)
    assert chosen.limit == filters.EXPORT_LIMIT


# --- one language at a time ---------------------------------------------------------


def test_both_languages_say_everything_with_the_same_placeholders() -> None:
    assert texts.NL.keys() == texts.EN.keys()
    for key, dutch in texts.NL.items():
        assert re.findall(r"{\w+}", dutch) == re.findall(r"{\w+}", texts.EN[key]), key
    assert texts.ui_language("en") is Language.EN
    assert texts.ui_language(None) is texts.ui_language("fr") is Language.NL  # Dutch by default
    assert texts.found(Language.NL, 1) == "1 antwoord gevonden."
    assert texts.found(Language.EN, 1200) == "1,200 answers found."


def test_a_question_the_advisor_cannot_take_is_said_in_the_pages_language() -> None:
    normalizer = QuestionNormalizer(max_chars=2000)
    for bad, dutch, english in (
        ("   \u200b ", "Je vraag is leeg", "Your question is empty"),
        ("x " * 1500, "onder 2,000 tekens", "under 2,000 characters"),
        ("?!", "geen woorden", "no words"),
        ("Mag\x00 ik?", "stuurtekens", "control characters"),
    ):
        with pytest.raises(InvalidQuestionError) as caught:
            normalizer.run(bad)
        assert dutch in texts.problem(Language.NL, caught.value)
        assert english in texts.problem(Language.EN, caught.value)
    other = texts.problem(Language.EN, PermissionDeniedError("only leadership may do this"))
    assert other == "That did not work: only leadership may do this"
