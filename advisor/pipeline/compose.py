"""Composing the grounded answer text, the citations and the referral.

Everything here is templated from the decision and the corpus: the referral in
particular is never written by a model, is never empty, and never promises
what the school will decide.
"""

from __future__ import annotations

from datetime import date

from advisor.domain import clause_ids
from advisor.domain.corpus import Corpus
from advisor.domain.models import (
    Answer,
    Citation,
    Decision,
    Escalation,
    Language,
    Modality,
    Precedent,
    PrecedentRef,
    Query,
    Verdict,
)
from advisor.domain.reading import Actor, QuestionType

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

# Allowed because the ban does not reach the matter (a former pupil next to 2.1).
OUTSIDE_BAN = {
    Language.NL: (
        "Ja, dat mag: het verbod hieronder reikt niet tot jouw situatie, die valt er net "
        "buiten [{id}]."
    ),
    Language.EN: (
        "Yes: the ban below does not reach your situation, which falls just outside it [{id}]."
    ),
}

# A conditional answer names what it turns on, from the clause's own terms.
DEPENDS = {
    Language.NL: "Dat hangt ervan af: {turns_on} [{id}].",
    Language.EN: "It depends on {turns_on} [{id}].",
}

# "What should I do?" about someone else's conduct: whose conduct breaks which rule.
CONDUCT = {
    Actor.PUPIL: {Language.NL: "Wat de leerling doet", Language.EN: "What the pupil does"},
    Actor.PARENT: {Language.NL: "Wat de ouder doet", Language.EN: "What the parent does"},
    Actor.COLLEAGUE: {Language.NL: "Wat je collega doet", Language.EN: "What your colleague does"},
    Actor.OUTSIDER: {Language.NL: "Wat deze persoon doet", Language.EN: "What this person does"},
}
SOMEONE = {Language.NL: "Wat hier gebeurt", Language.EN: "What is happening here"}
ABOUT_CONDUCT = frozenset({QuestionType.WHAT_TO_DO, QuestionType.CONSEQUENCES, QuestionType.REPORT})
CONDUCT_VERDICT = {
    Language.NL: {
        Verdict.ALLOWED: "{who} mag volgens het protocol{marker}.",
        Verdict.NOT_ALLOWED: "{who} mag volgens het protocol niet{marker}.",
        Verdict.CONDITIONAL: (
            "{who} mag alleen onder de voorwaarden die het protocol noemt{marker}."
        ),
    },
    Language.EN: {
        Verdict.ALLOWED: "{who} is allowed under the protocol{marker}.",
        Verdict.NOT_ALLOWED: "{who} is not allowed under the protocol{marker}.",
        Verdict.CONDITIONAL: (
            "{who} is allowed only under the conditions the protocol sets{marker}."
        ),
    },
}
SCOPE_SENTENCE = {
    Language.NL: "Ja, het protocol is hierop van toepassing.",
    Language.EN: "Yes, the protocol applies to this.",
}
DECLINE_SENTENCE = {
    Language.NL: "Ja, dat mag: er niet op ingaan houdt je aan de regel hieronder [{id}].",
    Language.EN: "Yes, you may: not going along with it keeps to the rule below [{id}].",
}
BRIEF_ANSWER_SENTENCE = {
    Language.NL: (
        "Ja, dat mag: zo'n kort antwoord is geen discussie over schoolzaken via sociale media; "
        "ga er online niet verder op in [{id}]."
    ),
    Language.EN: (
        "Yes, you may: a brief answer like that is no discussion of school matters on social "
        "media; do not take it further online [{id}]."
    ),
}
REPORT_SENTENCE = {
    Language.NL: "Ja, meld het: daar vraagt het protocol om.",
    Language.EN: "Yes, pass it on: the protocol asks for that.",
}
SANCTIONS_HEADER = {
    Language.NL: "Wat er volgens het protocol op kan volgen:",
    Language.EN: "What the protocol says may follow:",
}
STEPS_HEADER = {Language.NL: "Wat je nu doet:", Language.EN: "What to do now:"}
# The protocol's steps in the second person, one sentence each, in the clause's words.
STEP = {
    clause_ids.NO_DISCUSSION: {
        Language.NL: (
            "Ga via sociale media niet in discussie met de leerling of diens ouders; dreigt "
            "de online communicatie te ontsporen, neem dan direct contact op met je "
            "leidinggevende om de te volgen strategie te bespreken."
        ),
        Language.EN: (
            "Do not enter into a discussion with the pupil or their parents via social media; "
            "if online communication threatens to get out of hand, contact your supervisor "
            "immediately to discuss the strategy to follow."
        ),
    },
    clause_ids.HELP_EACH_OTHER: {
        Language.NL: (
            "Leerlingen spreken elkaar aan; lukt dat niet, dan vraag je hulp aan de mentor, "
            "de afdelingscoördinator of de directeur."
        ),
        Language.EN: (
            "Pupils hold each other to account; if that does not work, ask the mentor, the "
            "department coordinator or the principal for help."
        ),
    },
    clause_ids.ACCEPTABLE_USE: {
        Language.NL: (
            "Krijgt iemand informatie over zulke zaken aangeboden, dan wordt dat gemeld bij "
            "de leraar/mentor of de directeur/afdelingsleider."
        ),
        Language.EN: (
            "If someone is offered information about such things, it is reported to the "
            "teacher/mentor or the principal/head of department."
        ),
    },
    clause_ids.IN_DOUBT: {
        Language.NL: (
            "Twijfel je of een publicatie in strijd is met het protocol, neem dan contact op "
            "met je leidinggevende."
        ),
        Language.EN: (
            "If in doubt whether a publication conflicts with the protocol, contact your "
            "supervisor."
        ),
    },
    clause_ids.POLICE: {
        Language.NL: (
            "Houdt het mogelijk een strafrechtelijke overtreding in, dan doet de school "
            "aangifte bij de politie."
        ),
        Language.EN: (
            "If it possibly constitutes a criminal offence, the school files a report with "
            "the police."
        ),
    },
}

SCHOOL_DECISION = {
    Language.NL: "Besluit van de schoolleiding, {date}:",
    Language.EN: "Decision of the school's leadership, {date}:",
}
MONTHS = {
    Language.NL: "januari februari maart april mei juni juli augustus september oktober "
    "november december".split(),
    Language.EN: "January February March April May June July August September October "
    "November December".split(),
}


def long_date(day: date, language: Language) -> str:
    """3 december 2026 / 3 December 2026."""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


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
    decided_on = precedent.decided_on if precedent.school_decision else None
    return [
        PrecedentRef(id=precedent.id, title=precedent.title.get(language), decided_on=decided_on)
    ]


def clause_sentence(corpus: Corpus, clause_id: str, language: Language) -> str:
    return f"[{clause_id}] {corpus.clause(clause_id).text_in(language)}{UNOFFICIAL[language]}"


def opening(corpus: Corpus, decision: Decision, language: Language) -> list[str]:
    """The answer to what was asked, in a sentence or two, before the clauses."""
    verdict, asked = decision.verdict, decision.asked
    if verdict is Verdict.NOT_COVERED:
        return [VERDICT_SENTENCE[language][verdict], NOT_COVERED_REASON[language]]
    sentence = VERDICT_SENTENCE[language][verdict]
    decisive = corpus.clause(decision.clause_ids[0]) if decision.clause_ids else None
    if (
        verdict is Verdict.CONDITIONAL
        and decisive is not None
        and decisive.terms is not None
        and decisive.terms.turns_on is not None
    ):
        sentence = DEPENDS[language].format(
            turns_on=decisive.terms.turns_on.get(language), id=decisive.id
        )
    if verdict is Verdict.ALLOWED and decision.outside and decisive is not None:
        sentence = OUTSIDE_BAN[language].format(id=decisive.id)
    if verdict is Verdict.ALLOWED and decision.answered_briefly and decisive is not None:
        return [BRIEF_ANSWER_SENTENCE[language].format(id=decisive.id)]
    if verdict is Verdict.ALLOWED and decision.declined and decisive is not None:
        return [DECLINE_SENTENCE[language].format(id=decisive.id)]
    if (
        (asked is QuestionType.REPORT or decision.passed_on)
        and verdict is Verdict.ALLOWED
        and decision.clause_ids[:1]
        and decision.clause_ids[0] in clause_ids.REPORTING
    ):
        return [REPORT_SENTENCE[language]]
    if asked in ABOUT_CONDUCT and decision.conduct_of is not Actor.ASKER:
        # "What should I do?" is not "may I?": say whose conduct breaks the rule.
        who = CONDUCT.get(decision.conduct_of, SOMEONE)
        rules = ruling_clauses(decision)
        rule = next(
            (c for c in rules if corpus.clause(c).modality is not Modality.SANCTION),
            rules[0] if rules else None,
        )
        sentence = CONDUCT_VERDICT[language][verdict].format(
            who=who[language], marker=f" [{rule}]" if rule else ""
        )
    if (
        asked is QuestionType.SCOPE
        and verdict is not Verdict.CONDITIONAL
        # (not when the rule asked about does not reach the matter: "geldt het
        # vriend-verbod ook voor ouders?")
        and not (verdict is Verdict.ALLOWED and decision.outside)
    ):
        return [SCOPE_SENTENCE[language], sentence]
    return [sentence]


def ruling_clauses(decision: Decision) -> list[str]:
    """The cited clauses that rule, in order: all but the steps (the decisive
    clause stays, also when it is a step too)."""
    return [c for i, c in enumerate(decision.clause_ids) if i == 0 or c not in decision.steps]


def steps_text(corpus: Corpus, decision: Decision, language: Language) -> list[str]:
    """The protocol's steps as paragraphs, the first under the steps heading."""
    parts = []
    for i, cid in enumerate(decision.steps):
        heading = f"{STEPS_HEADER[language]} " if i == 0 else ""
        step = STEP.get(cid)
        parts.append(
            heading
            + (f"[{cid}] {step[language]}" if step else clause_sentence(corpus, cid, language))
        )
    return parts


def worded_by_model(corpus: Corpus, decision: Decision, language: Language, text: str) -> str:
    """A model's answer as shown: the verdict in code's own sentence first (so
    the text can never contradict the verdict unnoticed), the model's text, then
    the protocol's steps when the decision has them."""
    return "\n\n".join(
        [*opening(corpus, decision, language), text, *steps_text(corpus, decision, language)]
    )


def compose_text(corpus: Corpus, decision: Decision, language: Language) -> str:
    """What was asked answered in a sentence, the reason from the cited clauses
    (sanctions under their own heading), the protocol's steps, the precedent."""
    parts = opening(corpus, decision, language)
    school = school_decision(corpus, decision)
    if school is not None and school.decided_on is not None:
        # The school's own answer to this question, as leadership corrected it.
        date_text = long_date(school.decided_on, language)
        parts.append(f"{SCHOOL_DECISION[language].format(date=date_text)} {school.rationale}")
    if decision.verdict is Verdict.NOT_COVERED and decision.clause_ids:
        parts.append(NEAREST_RULE[language])
    ruling = ruling_clauses(decision)
    sanctions = [
        c
        for c in ruling
        if decision.asked is QuestionType.CONSEQUENCES
        and corpus.clause(c).modality is Modality.SANCTION
    ]
    for cid in ruling:
        if cid not in sanctions:
            parts.append(clause_sentence(corpus, cid, language))
    # A heading opens its first paragraph, so that paragraph cites what it says.
    for i, cid in enumerate(sanctions):
        heading = f"{SANCTIONS_HEADER[language]} " if i == 0 else ""
        parts.append(heading + clause_sentence(corpus, cid, language))
    parts.extend(steps_text(corpus, decision, language))
    for ref in precedent_refs(corpus, decision, language):
        if ref.decided_on is None:
            title = ref.title.rstrip(".")
            parts.append(PRECEDENT_LINE[language].format(id=ref.id, title=title))
    return "\n\n".join(parts)


def school_decision(corpus: Corpus, decision: Decision) -> Precedent | None:
    """The leadership decision that decided this answer, if one did."""
    if decision.basis != "school_decision" or decision.precedent_id is None:
        return None
    return corpus.precedent(decision.precedent_id)


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
