"""Composing the grounded answer text, the citations and the referral.

Everything here is templated from the decision and the corpus: the referral in
particular is never written by a model, is never empty, and never promises
what the school will decide.
"""

from __future__ import annotations

from advisor.domain.corpus import Corpus
from advisor.domain.models import (
    Answer,
    Citation,
    Decision,
    Escalation,
    Language,
    PrecedentRef,
    Query,
    Verdict,
)

VERDICT_SENTENCE = {
    Language.NL: {
        Verdict.ALLOWED: "Ja, dat mag volgens het protocol.",
        Verdict.NOT_ALLOWED: "Nee, dat mag volgens het protocol niet.",
        Verdict.CONDITIONAL: "Dat mag alleen onder de voorwaarden die het protocol noemt.",
        Verdict.NOT_COVERED: "Het protocol geeft hier geen regel voor.",
    },
    Language.EN: {
        Verdict.ALLOWED: "Yes, the protocol allows this.",
        Verdict.NOT_ALLOWED: "No, the protocol does not allow this.",
        Verdict.CONDITIONAL: "Only under the conditions the protocol sets.",
        Verdict.NOT_COVERED: "The protocol has no rule for this.",
    },
}

VERDICT_LABEL = {
    Language.NL: {
        Verdict.ALLOWED: "Toegestaan",
        Verdict.NOT_ALLOWED: "Niet toegestaan",
        Verdict.CONDITIONAL: "Onder voorwaarden",
        Verdict.NOT_COVERED: "Niet geregeld in het protocol",
    },
    Language.EN: {
        Verdict.ALLOWED: "Allowed",
        Verdict.NOT_ALLOWED: "Not allowed",
        Verdict.CONDITIONAL: "Conditional",
        Verdict.NOT_COVERED: "Not covered by the protocol",
    },
}

REFERRAL = {
    (Language.NL, Escalation.NONE): (
        "Bespreek je situatie altijd met je leidinggevende: die kent de afspraken op jouw "
        "locatie en denkt met je mee."
    ),
    (Language.EN, Escalation.NONE): (
        "Always discuss your situation with your supervisor (leidinggevende), who knows the "
        "arrangements at your location and can think it through with you."
    ),
    (Language.NL, Escalation.URGENT): (
        "Dit is urgent: neem vandaag nog contact op met je leidinggevende, vóór je zelf verder "
        "reageert. Bewaar wat je hebt gezien (zonder beelden van leerlingen door te sturen of op "
        "te slaan); je leidinggevende bepaalt met jou de vervolgstappen. Is iemand in direct "
        "gevaar, bel dan 112."
    ),
    (Language.EN, Escalation.URGENT): (
        "This is urgent: contact your supervisor (leidinggevende) today, before you respond "
        "yourself. Keep a note of what you saw (without forwarding or saving images of pupils); "
        "your supervisor will decide the next steps with you. If anyone is in immediate danger, "
        "call 112."
    ),
}

NOT_COVERED_REASON = {
    Language.NL: (
        "Het Protocol Internet en sociale media gaat over gedrag op internet en sociale media "
        "rond de school; deze vraag valt daarbuiten of wordt er niet in geregeld."
    ),
    Language.EN: (
        "The internet and social-media protocol is about conduct online in relation to the "
        "school; this question falls outside it or is not regulated by it."
    ),
}

# Before the clause a not-covered question falls just outside of (a former
# pupil next to 2.1, colleagues next to 1.12): shown to say where the line is.
NEAREST_RULE = {
    Language.NL: "Het dichtst in de buurt komt deze regel; je vraag valt er net buiten:",
    Language.EN: "The nearest rule, which does not reach your question:",
}

UNOFFICIAL = {Language.NL: "", Language.EN: " (unofficial translation)"}
PRECEDENT_LINE = {
    Language.NL: "Vergelijkbaar geval ({id}, voorbeeld): {title}.",
    Language.EN: "Similar case ({id}, illustrative): {title}.",
}


def referral(language: Language, escalation: Escalation) -> str:
    return REFERRAL[(language, escalation)]


def cite(corpus: Corpus, clause_ids: list[str]) -> list[Citation]:
    return [Citation(clause_id=cid, quote=corpus.clause(cid).quote) for cid in clause_ids]


def citations(corpus: Corpus, decision: Decision) -> list[Citation]:
    return cite(corpus, decision.clause_ids)


def precedent_refs(corpus: Corpus, decision: Decision, language: Language) -> list[PrecedentRef]:
    if decision.precedent_id is None:
        return []
    precedent = corpus.precedent(decision.precedent_id)
    return [PrecedentRef(id=precedent.id, title=precedent.title.get(language))]


def clause_sentence(corpus: Corpus, clause_id: str, language: Language) -> str:
    return f"[{clause_id}] {corpus.clause(clause_id).text_in(language)}{UNOFFICIAL[language]}"


def compose_text(corpus: Corpus, decision: Decision, language: Language) -> str:
    """The verdict in one sentence, the reason from the cited clauses, the precedent."""
    parts = [VERDICT_SENTENCE[language][decision.verdict]]
    if decision.verdict is Verdict.NOT_COVERED:
        parts.append(NOT_COVERED_REASON[language])
        if decision.clause_ids:
            parts.append(NEAREST_RULE[language])
    for cid in decision.clause_ids:
        parts.append(clause_sentence(corpus, cid, language))
    for ref in precedent_refs(corpus, decision, language):
        parts.append(PRECEDENT_LINE[language].format(id=ref.id, title=ref.title))
    return "\n\n".join(parts)


def compose(
    corpus: Corpus, query: Query, decision: Decision, *, engine: str, latency_ms: float
) -> Answer:
    """The grounded answer: templated text, verbatim citations, the referral."""
    language = query.language
    return Answer(
        question=query.text,
        language=language,
        verdict=decision.verdict,
        answer=compose_text(corpus, decision, language),
        citations=citations(corpus, decision),
        precedents=precedent_refs(corpus, decision, language),
        referral=referral(language, decision.escalation),
        escalation=decision.escalation,
        engine=engine,
        corpus_version=corpus.version,
        latency_ms=latency_ms,
    )
