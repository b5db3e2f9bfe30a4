"""Every word the page shows, in Dutch (the default) and in English: one language
at a time, chosen with the switch at the top of the page.

Pure data and lookups (no gradio). Answers keep the language they were asked in;
this is the page around them. Keys are the same in both tables (a test checks).
"""

from __future__ import annotations

from advisor.app.portal import verdict_label
from advisor.domain.errors import AdvisorError, InvalidQuestionError
from advisor.domain.models import Language, Verdict

NL: dict[str, str] = {
    # header
    "title": "## Protocol Advisor · Internet en sociale media op school",
    "language": "Taal",
    "logout": "Uitloggen",
    "who": "Ingelogd als **{name}** ({role})",
    "role_leadership": "leidinggevende",
    "role_staff": "medewerker",
    "demo_banner": "Lokale demomodus: geen login, iedereen is leidinggevende. Vragen worden "
    "als demovragen gelogd, apart van echt gebruik (`advisor logs remove-demo` verwijdert ze). "
    "Niet voor echt gebruik.",
    # the ask tab
    "tab_ask": "Vraag stellen",
    "welcome": "**Stel je vraag over internet en sociale media op school.** Je krijgt een "
    "oordeel, de artikelen uit het protocol waar het op steunt, en altijd een verwijzing naar "
    "je leidinggevende. Namen en contactgegevens van leerlingen worden vervangen voordat iets "
    "wordt opgeslagen. Je mag ook in het Engels vragen.",
    "question": "Je vraag",
    "question_placeholder": "Mag ik … ?",
    "ask": "Vraag",
    "new_chat": "Nieuw gesprek",
    "examples": "Voorbeelden",
    "conversation": "Gesprek",
    "my_history": "### Mijn vragen",
    "report": "Meld dit bij mijn leidinggevende",
    "useful_question": "**Was dit antwoord nuttig?**",
    "comment": "Opmerking (optioneel)",
    "useful": "Nuttig",
    "not_useful": "Niet nuttig",
    "feedback_saved": "Dank je, je feedback is opgeslagen.",
    "ask_first": "Stel eerst een vraag.",
    "not_logged": "⚠ Dit antwoord kon niet worden opgeslagen; meld dit bij de beheerder.",
    "reported": "Doorgestuurd naar de schoolleiding ({to}).",
    # what went wrong
    "problem": "Dat lukte niet: {message}",
    "question_control": "Je vraag bevat stuurtekens. Typ of plak gewone tekst.",
    "question_empty": "Je vraag is leeg. Typ een vraag.",
    "question_too_long": "Je vraag is te lang: houd hem onder {limit} tekens en vraag naar één "
    "situatie tegelijk.",
    "question_no_words": "Je vraag bevat geen woorden. Typ een vraag.",
    # the review tab
    "tab_review": "Beoordelen",
    "since": "Vanaf",
    "until": "Tot en met",
    "verdict": "Oordeel",
    "escalation": "Escalatie",
    "feedback": "Feedback",
    "llm": "LLM teruggevallen / uitkomst",
    "reviewed": "Beoordeeld",
    "clause": "Artikel (bv. 2.1)",
    "all": "alle",
    "yes": "ja",
    "no": "nee",
    "feedback_down": "niet nuttig",
    "feedback_up": "nuttig",
    "feedback_any": "met feedback",
    "feedback_none": "zonder feedback",
    "llm_disagreed": "oneens met de kern",
    "llm_rejected": "afgewezen door de guard",
    "llm_failed": "mislukt",
    "llm_passed": "geslaagd",
    "search": "Zoeken",
    "found_one": "1 antwoord gevonden.",
    "found_many": "{count} antwoorden gevonden.",
    "log_id": "Log id",
    "show": "Toon",
    "outcome": "Beoordeling",
    "outcome_correct": "juist",
    "outcome_incorrect": "onjuist",
    "outcome_needs_change": "moet anders",
    "corrected_verdict": "Gecorrigeerd oordeel",
    "unchanged": "(ongewijzigd)",
    "corrected_answer": "Gecorrigeerd antwoord",
    "corrected_clauses": "Juiste artikelen, beslissend artikel eerst (bv. 2.5, 1.1)",
    "corrected_title": "Titel voor het precedent",
    "note": "Notitie",
    "save_review": "Beoordeling opslaan",
    "choose_outcome": "⚠ Kies een beoordeling.",
    "review_saved": "Beoordeling #{id} opgeslagen.",
    "promote": "Maak precedent (concept)",
    "precedent_id": "Precedent id",
    "approve": "Goedkeuren",
    "approval_approved": "Precedent {id} goedgekeurd door {by}: nieuwe vragen gebruiken het nu.",
    "approval_re_approved": "Voorbeeldcasus {id} opnieuw goedgekeurd door {by}.",
    "approval_not_flagged": "Voorbeeldcasus {id} hoeft niet opnieuw te worden goedgekeurd.",
    "export": "Exporteer CSV (met dit filter)",
    "draft": "**Conceptprecedent {id}**: lees het en keur het goed om het te gebruiken.",
    "draft_title": "Titel",
    "draft_clauses": "Artikelen (beslissend eerst)",
    "draft_answer": "Antwoord",
    # the log and detail tables
    "col_time": "tijd",
    "col_user": "gebruiker",
    "col_verdict": "oordeel",
    "col_urgent": "urgent",
    "col_clauses": "artikelen",
    "col_review": "beoordeling",
    "col_question": "vraag",
    "col_log_id": "log id",
    "d_time": "Tijd",
    "d_user": "Gebruiker",
    "d_demo": "demovraag (lokale demomodus)",
    "d_question": "Vraag (gepseudonimiseerd)",
    "d_cited": "Geciteerd",
    "d_precedents": "Precedenten",
    "d_answer": "Antwoord",
    "d_reading": "Lezing van de vraag",
    "d_retrieved": "Opgehaalde artikelen",
    "d_passed_on": "Doorgestuurd aan de schoolleiding",
    "d_reviews": "Beoordelingen",
    "d_passed_on_item": "{time} door {who} aan {to}",
    "d_by": "door",
    "d_correction": "correctie",
    "d_clauses": "artikelen",
    "d_title": "titel",
    "g_no_llm": "geen LLM (grounded)",
    "g_passed": "geslaagd",
    "g_fell_back": "teruggevallen: {reason}",
    "g_line": "{outcome} (rol {role}, model {model})",
    "r_not_kept": "– (gelogd voordat de lezing werd bewaard)",
    "r_asked": "Gevraagd",
    "r_conduct": "Wiens gedrag",
    "r_asker": "Vrager",
    "r_basis": "Besloten op",
    "r_conditions": "Genoemde voorwaarden",
    "r_acts": "Handeling volgens het model",
    "r_verdicts": "Oordeel volgens het model",
    "r_no_model": "– (geen model)",
    "r_urgent": "Urgent volgens het model",
    "r_steps": "Stappen geciteerd",
    "r_neighbours": "Dichtstbijzijnde casussen uit de casusbank:",
    "r_similar": "{percent} gelijk",
    "asked_may_i": "mag ik…?",
    "asked_what_to_do": "wat moet ik doen?",
    "asked_consequences": "wat zijn de gevolgen?",
    "asked_scope": "geldt het protocol?",
    "asked_report": "moet ik het melden?",
    "conduct_asker": "de vrager zelf",
    "conduct_colleague": "een collega",
    "conduct_pupil": "een leerling",
    "conduct_parent": "een ouder",
    "conduct_outsider": "iemand van buiten de school",
    "conduct_none": "niemand in het bijzonder",
    "asker_staff": "medewerker",
    "asker_leader": "leidinggevende",
    "asker_parent": "ouder",
    "asker_pupil": "leerling",
    "basis_clause": "artikel",
    "basis_precedent": "precedent",
    "basis_not_covered": "niet geregeld",
    "basis_learned": "model van de casusbank",
    "basis_school_decision": "besluit van de schoolleiding",
    # the dashboard
    "tab_dashboard": "Dashboard",
    "refresh": "Vernieuwen",
    "per_day": "Vragen per dag",
    "verdict_mix": "Oordelen",
    "top_clauses": "Meest geciteerde artikelen",
    "x_day": "dag",
    "y_questions": "vragen",
    "x_verdict": "oordeel",
    "y_count": "aantal",
    "x_clause": "artikel",
    "y_cited": "keer geciteerd",
    "summary": "**{answers}** vragen in {days} dagen · **{urgent}** urgent · duim omlaag: "
    "**{rate}** ({down} van {rated})",
    # escalation
    "escalation_urgent": "urgent",
    "escalation_none": "niet urgent",
}

EN: dict[str, str] = {
    "title": "## Protocol Advisor · Internet and social media at school",
    "language": "Language",
    "logout": "Log out",
    "who": "Logged in as **{name}** ({role})",
    "role_leadership": "leadership",
    "role_staff": "staff",
    "demo_banner": "Local demo mode: no login, everyone is leadership. Questions are logged as "
    "demo questions, apart from real use (`advisor logs remove-demo` removes them). Not for "
    "real use.",
    "tab_ask": "Ask",
    "welcome": "**Ask your question about the internet and social media at school.** You get "
    "a verdict, the clauses of the protocol it rests on, and always a referral to your "
    "supervisor (leidinggevende). Pupils' names and contact details are replaced before "
    "anything is stored. You may ask in Dutch too.",
    "question": "Your question",
    "question_placeholder": "May I … ?",
    "ask": "Ask",
    "new_chat": "New chat",
    "examples": "Examples",
    "conversation": "Conversation",
    "my_history": "### My questions",
    "report": "Report this to my supervisor",
    "useful_question": "**Was this answer useful?**",
    "comment": "Comment (optional)",
    "useful": "Useful",
    "not_useful": "Not useful",
    "feedback_saved": "Thank you, your feedback is saved.",
    "ask_first": "Ask a question first.",
    "not_logged": "⚠ This answer could not be saved; please tell the administrator.",
    "reported": "Passed on to the school's leadership ({to}).",
    "problem": "That did not work: {message}",
    "question_control": "Your question contains control characters. Type or paste plain text.",
    "question_empty": "Your question is empty. Type a question.",
    "question_too_long": "Your question is too long: keep it under {limit} characters and ask "
    "about one situation at a time.",
    "question_no_words": "Your question has no words in it. Type a question.",
    "tab_review": "Review",
    "since": "From",
    "until": "Up to and including",
    "verdict": "Verdict",
    "escalation": "Escalation",
    "feedback": "Feedback",
    "llm": "LLM fell back / outcome",
    "reviewed": "Reviewed",
    "clause": "Clause (e.g. 2.1)",
    "all": "all",
    "yes": "yes",
    "no": "no",
    "feedback_down": "not useful",
    "feedback_up": "useful",
    "feedback_any": "with feedback",
    "feedback_none": "without feedback",
    "llm_disagreed": "disagreed with the core",
    "llm_rejected": "rejected by the guard",
    "llm_failed": "failed",
    "llm_passed": "passed",
    "search": "Search",
    "found_one": "1 answer found.",
    "found_many": "{count} answers found.",
    "log_id": "Log id",
    "show": "Show",
    "outcome": "Review",
    "outcome_correct": "correct",
    "outcome_incorrect": "incorrect",
    "outcome_needs_change": "needs change",
    "corrected_verdict": "Corrected verdict",
    "unchanged": "(unchanged)",
    "corrected_answer": "Corrected answer",
    "corrected_clauses": "Right clauses, decisive clause first (e.g. 2.5, 1.1)",
    "corrected_title": "Title for the precedent",
    "note": "Note",
    "save_review": "Save review",
    "choose_outcome": "⚠ Choose a review outcome.",
    "review_saved": "Review #{id} saved.",
    "promote": "Make precedent (draft)",
    "precedent_id": "Precedent id",
    "approve": "Approve",
    "approval_approved": "Precedent {id} approved by {by}: new questions use it now.",
    "approval_re_approved": "Example case {id} approved again by {by}.",
    "approval_not_flagged": "Example case {id} needs no new approval.",
    "export": "Export CSV (with this filter)",
    "draft": "**Draft precedent {id}**: read it, and approve it to use it.",
    "draft_title": "Title",
    "draft_clauses": "Clauses (decisive first)",
    "draft_answer": "Answer",
    "col_time": "time",
    "col_user": "user",
    "col_verdict": "verdict",
    "col_urgent": "urgent",
    "col_clauses": "clauses",
    "col_review": "review",
    "col_question": "question",
    "col_log_id": "log id",
    "d_time": "Time",
    "d_user": "User",
    "d_demo": "demo question (local demo mode)",
    "d_question": "Question (pseudonymised)",
    "d_cited": "Cited",
    "d_precedents": "Precedents",
    "d_answer": "Answer",
    "d_reading": "How the question was read",
    "d_retrieved": "Clauses retrieved",
    "d_passed_on": "Passed on to the school's leadership",
    "d_reviews": "Reviews",
    "d_passed_on_item": "{time} by {who} to {to}",
    "d_by": "by",
    "d_correction": "correction",
    "d_clauses": "clauses",
    "d_title": "title",
    "g_no_llm": "no LLM (grounded)",
    "g_passed": "passed",
    "g_fell_back": "fell back: {reason}",
    "g_line": "{outcome} (role {role}, model {model})",
    "r_not_kept": "– (logged before readings were kept)",
    "r_asked": "Asked",
    "r_conduct": "Whose conduct",
    "r_asker": "Asker",
    "r_basis": "Decided on",
    "r_conditions": "Conditions stated",
    "r_acts": "Act, as the model reads it",
    "r_verdicts": "Verdict by the model",
    "r_no_model": "– (no model)",
    "r_urgent": "Urgent by the model",
    "r_steps": "Steps cited",
    "r_neighbours": "Nearest cases in the case bank:",
    "r_similar": "{percent} alike",
    "asked_may_i": "may I…?",
    "asked_what_to_do": "what should I do?",
    "asked_consequences": "what are the consequences?",
    "asked_scope": "does the protocol apply?",
    "asked_report": "must I report it?",
    "conduct_asker": "the asker",
    "conduct_colleague": "a colleague",
    "conduct_pupil": "a pupil",
    "conduct_parent": "a parent",
    "conduct_outsider": "someone from outside the school",
    "conduct_none": "no one in particular",
    "asker_staff": "staff",
    "asker_leader": "leadership",
    "asker_parent": "parent",
    "asker_pupil": "pupil",
    "basis_clause": "clause",
    "basis_precedent": "precedent",
    "basis_not_covered": "not covered",
    "basis_learned": "model of the case bank",
    "basis_school_decision": "decision of the school's leadership",
    "tab_dashboard": "Dashboard",
    "refresh": "Refresh",
    "per_day": "Questions per day",
    "verdict_mix": "Verdicts",
    "top_clauses": "Most cited clauses",
    "x_day": "day",
    "y_questions": "questions",
    "x_verdict": "verdict",
    "y_count": "count",
    "x_clause": "clause",
    "y_cited": "times cited",
    "summary": "**{answers}** questions in {days} days · **{urgent}** urgent · thumbs down: "
    "**{rate}** ({down} of {rated})",
    "escalation_urgent": "urgent",
    "escalation_none": "not urgent",
}

CATALOG = {Language.NL: NL, Language.EN: EN}
LANGUAGE_CHOICES = [("Nederlands", Language.NL.value), ("English", Language.EN.value)]
ALL, YES, NO = "all", "yes", "no"  # dropdown values (what the form sends), not labels
LLM_OUTCOMES = ("disagreed", "rejected", "failed", "passed")


def ui_language(value: str | None) -> Language:
    """The page's language from the switch (or the browser's stored choice): Dutch
    unless English was chosen."""
    return Language.EN if value == Language.EN.value else Language.NL


def t(lang: Language | str | None, key: str, **values: object) -> str:
    """One text in the page's language, its ``{placeholders}`` filled in."""
    phrase = CATALOG[ui_language(lang) if not isinstance(lang, Language) else lang][key]
    return phrase.format(**values) if values else phrase


def label(lang: Language, prefix: str, value: str | None) -> str:
    """A stored value (an outcome, an escalation, …) as the page says it: the text
    of ``prefix_value`` (of ``value`` with no prefix); unknown ones as they are."""
    key = f"{prefix}_{value}" if prefix else str(value)
    return CATALOG[lang][key] if key in CATALOG[lang] else str(value or "–")


def choices(
    lang: Language, prefix: str, values: tuple[str, ...], everything: bool = True
) -> list[tuple[str, str]]:
    """A dropdown's (label, value) pairs; ``everything`` puts "all" first."""
    pairs = [(label(lang, prefix, value), value) for value in values]
    return [(t(lang, "all"), ALL), *pairs] if everything else pairs


def verdict_choices(lang: Language) -> list[tuple[str, str]]:
    """The four verdicts as a dropdown's (label, value) pairs."""
    return [(verdict_label(v, lang).lower(), v.value) for v in Verdict]


def found(lang: Language, count: int) -> str:
    """ "1 antwoord gevonden." / "3 antwoorden gevonden." (or in English)."""
    return t(lang, "found_one") if count == 1 else t(lang, "found_many", count=f"{count:,}")


def problem(lang: Language, error: AdvisorError) -> str:
    """What went wrong, in the page's language: a question the advisor cannot take
    is said in full; anything else is introduced, and its own words follow."""
    if isinstance(error, InvalidQuestionError) and f"question_{error.problem}" in NL:
        return t(lang, f"question_{error.problem}", limit=f"{error.limit:,}")
    return t(lang, "problem", message=str(error))
