"""Typed hand-offs between the pipeline stages (no dicts between stages)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from advisor.domain.reading import Actor, QuestionType

CLAUSE_ID_PATTERN = r"^\d\.\d+[a-e]?$"


class Language(StrEnum):
    NL = "nl"
    EN = "en"


class Modality(StrEnum):
    PROHIBITION = "prohibition"
    PERMISSION = "permission"
    CONDITIONAL_PERMISSION = "conditional_permission"
    OBLIGATION = "obligation"
    PROCEDURE = "procedure"
    SANCTION = "sanction"
    SCOPE = "scope"
    CONTEXT = "context"


class Audience(StrEnum):
    PUPILS = "pupils"
    STAFF = "staff"
    PARENTS = "parents"
    EVERYONE = "everyone"


class Verdict(StrEnum):
    ALLOWED = "allowed"
    NOT_ALLOWED = "not_allowed"
    CONDITIONAL = "conditional"
    NOT_COVERED = "not_covered"


class PrecedentStatus(StrEnum):
    APPROVED = "approved"
    DRAFT = "draft"
    NEEDS_REVIEW = "needs_review"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Aliases(_Frozen):
    nl: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    def for_language(self, language: Language) -> list[str]:
        return self.nl if language is Language.NL else self.en


class ClauseTerms(_Frozen):
    """A clause's own conditions, in the reading's vocabulary (``domain.reading.Condition``):
    stated as ``met`` (all of them; the clause's exception cues state the first)
    they allow what the clause otherwise forbids or leaves open
    ("tenzij … professioneel account"), stated as ``unmet`` (any) they forbid it
    ("mits … geen vertrouwelijke informatie"), and ``outside`` puts the matter
    beyond the clause (a former pupil is no pupil). ``turns_on`` says in words
    what an answer depends on when the question leaves it open. ``stated``: how a
    question says one of these conditions in so many words ("hebben
    toestemming gegeven"), next to what the case-bank model reads; ``open``:
    conditions that, stated, leave the ruling to what the asker does next (a
    pupil follows, the teacher has not followed back); ``unmet_together``:
    conditions that, stated together, leave the clause's demand unmet (2.2 asks that
    it is clear whether one publishes on behalf of the school or as a private
    person: a private opinion on the school's own account is neither); ``unless``:
    words that take such a statement back, whether said in words or read by the
    model ("I haven't followed him back" says nothing of a friendship when the
    question goes on "may I now?"; a former pupil "nog ingeschreven" is a pupil);
    ``granted_by``: who gives the permission that is the first condition;
    ``exception``: the ``met`` conditions are an exception to a ban ("tenzij …"),
    not conditions of the ban itself (1.7's consent): a question that raises
    none of them leaves the ban standing, not "it depends". ``acts``: the acts
    (``domain.reading.Act``) a ban rules, when its words name one: 2.5 bars a
    discussion ("niet in discussie"), so the asker's own practical reply or
    invitation to talk, read by the case-bank model as another act, is beyond it."""

    met: list[str] = Field(default_factory=list)
    unmet: list[str] = Field(default_factory=list)
    outside: list[str] = Field(default_factory=list)
    open: list[str] = Field(default_factory=list)
    unmet_together: list[str] = Field(default_factory=list)
    turns_on: LocalizedText | None = None
    stated: dict[str, Aliases] = Field(default_factory=dict)
    unless: dict[str, Aliases] = Field(default_factory=dict)
    # Who grants the clause's first condition, a permission (1.6: "Een leraar kan
    # … toestemming geven"): askers of these kinds (``domain.reading.Asker``) who
    # ask about their own act grant it themselves, so it is met.
    granted_by: list[str] = Field(default_factory=list)
    # Whom (or where) that permission is given to, as a question names them
    # ("mijn klas", "pupils", "onze locatie"): it is only granted when the
    # question names them (not a teacher's own phone).
    granted_to: Aliases = Field(default_factory=Aliases)
    # The ``met`` conditions are a ban's exception ("tenzij …"); see above.
    exception: bool = False
    # The acts the ban rules (see above).
    acts: list[str] = Field(default_factory=list)

    @field_validator("acts")
    @classmethod
    def _acts(cls, values: list[str]) -> list[str]:
        from advisor.domain.reading import Act

        for value in values:
            Act(value)  # raises on an unknown act
        return values

    @field_validator("granted_by")
    @classmethod
    def _askers(cls, values: list[str]) -> list[str]:
        from advisor.domain.reading import Asker

        for value in values:
            Asker(value)  # raises on an unknown kind of asker
        return values

    @field_validator("met", "unmet", "outside", "open", "unmet_together", "stated", "unless")
    @classmethod
    def _known(cls, values: Collection[str]) -> Collection[str]:
        """Every condition named (the lists' items, ``stated``'s keys) is one of the reading's."""
        from advisor.domain.reading import Condition

        for value in values:
            Condition(value)  # raises on an unknown condition
        return values

    @model_validator(mode="after")
    def _exception_has_conditions(self) -> ClauseTerms:
        if self.exception and not self.met:
            raise ValueError("an exception ('tenzij …') needs the conditions that meet it")
        return self


class Clause(_Frozen):
    id: str = Field(pattern=CLAUSE_ID_PATTERN)
    section: str
    kind: Literal["paragraph", "bullet", "subbullet"]
    parent: str | None = None
    text: str = Field(min_length=1)
    # Only 1.9 has one: the sentence that closes its list of sub-bullets.
    text_after: str | None = None
    text_en: str = Field(min_length=1)
    modality: Modality
    audience: list[Audience] = Field(min_length=1)
    aliases: Aliases = Field(default_factory=Aliases)
    # Phrases (both languages; ``*`` stands for the rest of a word) by which a
    # question says that this clause's condition is NOT met: for a conditional
    # permission, "without permission" for 1.8, "confidential" for 2.3 (the
    # answer is then not allowed); for a scope clause, that the matter has no
    # link with school at all (then the protocol does not cover it). Only
    # conditional permissions and scope clauses carry them.
    unmet_cues: Aliases = Field(default_factory=Aliases)
    # Phrases by which a question says the exception of a prohibition applies:
    # consent given for 1.7, a professional account for 2.1 (the answer is then
    # conditional: allowed only within the exception).
    exception_cues: Aliases = Field(default_factory=Aliases)
    # Words of which a question must use one for this clause to be about it:
    # 1.12 and 2.1 forbid friendships between pupils and staff, so a question
    # about colleagues befriending each other names no pupil and falls outside
    # them (not covered). Empty: no such test.
    subject_cues: Aliases = Field(default_factory=Aliases)
    # A second part of the subject, of which a question must also name one:
    # 2.4 is about images (``subject_cues``) of pupils or of school activities
    # (these), so one's own holiday photos fall outside it. Empty: no such part.
    subject_also_cues: Aliases = Field(default_factory=Aliases)
    # The clause's conditions and exceptions as data (see ``ClauseTerms``).
    terms: ClauseTerms | None = None

    @model_validator(mode="after")
    def _ban_terms_on_a_ban(self) -> Clause:
        if self.terms is not None and self.modality is not Modality.PROHIBITION:
            if self.terms.exception:
                raise ValueError(f"{self.id}: only a ban has an exception ('tenzij …')")
            if self.terms.acts:
                raise ValueError(f"{self.id}: only a ban names the acts it rules")
        return self

    @property
    def quote(self) -> str:
        """The verbatim Dutch text, as cited in answers."""
        return f"{self.text} {self.text_after}" if self.text_after else self.text

    def text_in(self, language: Language) -> str:
        """The Dutch text, or the unofficial English rendering."""
        return self.quote if language is Language.NL else self.text_en


class Section(_Frozen):
    id: str
    heading: str | None = None


class LocalizedText(_Frozen):
    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language) -> str:
        return self.nl if language is Language.NL else self.en


class Precedent(_Frozen):
    id: str = Field(pattern=r"^[A-Z]+\d{3,}$")
    title: LocalizedText
    scenario: str = Field(min_length=20)
    verdict: Verdict
    clause_ids: list[str]
    rationale: str = Field(min_length=20)
    status: PrecedentStatus
    provenance: str = Field(min_length=1)
    # Set for a precedent the school's leadership approved from the log: a decision
    # of this school, not an illustration written with the protocol.
    decided_by: str | None = None
    decided_on: date | None = None

    @property
    def school_decision(self) -> bool:
        return self.decided_on is not None and self.status is PrecedentStatus.APPROVED

    def search_text(self, language: Language) -> str:
        """What is searched: the Dutch title and scenario, or the English title."""
        if language is Language.NL:
            return f"{self.title.nl}. {self.scenario}"
        return self.title.en

    @field_validator("clause_ids")
    @classmethod
    def _ids_look_like_clause_ids(cls, value: list[str]) -> list[str]:
        import re

        bad = [cid for cid in value if not re.match(CLAUSE_ID_PATTERN, cid)]
        if bad:
            raise ValueError(f"not clause ids: {bad}")
        return value


class HitKind(StrEnum):
    CLAUSE = "clause"
    PRECEDENT = "precedent"


class Hit(_Frozen):
    """One ranked result, in the JSON contract of ``advisor retrieve --json``."""

    id: str
    kind: HitKind
    score: float
    clause_ids: list[str]


class Query(_Frozen):
    """A question after validation and normalisation."""

    text: str
    language: Language


class UrgentReason(StrEnum):
    """Why the screening stage escalates a question (``pipeline.screen``)."""

    THREAT = "threat"
    INTIMATE_IMAGE = "intimate image"
    CRIME = "crime"
    UNAUTHORISED_ACCESS = "unauthorised access"
    PUPIL_SAFETY = "pupil safety"
    CONVERSATION_OFF_THE_RAILS = "conversation off the rails"
    IMPERSONATION = "impersonation"
    SELF_HARM = "self-harm"


class Screening(_Frozen):
    """What must never depend on a model: urgency, and instructions aimed at
    the advisor (cut from the text that is searched)."""

    text_for_retrieval: str
    injection_suspected: bool = False
    reasons: list[UrgentReason] = Field(default_factory=list)

    @property
    def urgent(self) -> bool:
        return bool(self.reasons)


class Neighbour(_Frozen):
    """A bank case close to the question, shown to explain a decision."""

    id: str
    similarity: float
    question: str
    verdict: Verdict
    decisive: list[str] = Field(default_factory=list)


class Learned(_Frozen):
    """The case-bank model's reading of a question: calibrated probabilities.

    ``clauses`` are the decisive-clause probabilities (the likeliest few);
    ``no_clause`` is the probability that no clause rules the matter. The
    strings are the reading vocabulary of ``domain.reading``."""

    verdict: dict[Verdict, float]
    clauses: dict[str, float]
    no_clause: float
    urgent: float
    question_type: str
    question_type_p: float
    actor: str
    actor_p: float
    asker: str
    asker_p: float = 1.0
    # For each act a ban's terms name (``ClauseTerms.acts``; ``domain.reading.Act``),
    # the model's class-balanced score that it is the act at issue.
    acts: dict[str, float] = Field(default_factory=dict)
    # The asker asks leave for their own step of telling or reporting ("mag ik
    # het aan mijn mentor laten zien?"), not about the conduct they tell of.
    own_step: float = 0.0
    conditions: dict[str, float] = Field(default_factory=dict)
    neighbours: list[Neighbour] = Field(default_factory=list)

    @property
    def best_verdict(self) -> tuple[Verdict, float]:
        verdict = max(self.verdict, key=lambda v: self.verdict[v])
        return verdict, self.verdict[verdict]

    @property
    def likeliest_clause(self) -> str | None:
        """The clause the model finds likeliest to decide (none when it read none)."""
        return max(self.clauses, key=lambda c: self.clauses[c], default=None)


class Reading(_Frozen):
    """What a question asks beyond its topic, read once (``pipeline.read``)."""

    # Asks what follows a breach: sanctions (measures, files, dismissal) or the police.
    sanctions: bool = False
    police: bool = False
    # Whose conduct it is about: staff, or pupils and parents (None: neither named).
    actor: frozenset[Audience] | None = None
    # The asker asks about their own conduct ("mag ik…"), or says they ask as staff.
    own_conduct: bool = False
    as_staff: bool = False
    # Asks whether to pass something on to the mentor, supervisor, principal…
    to_report: bool = False
    # Speaks of waiting with, or putting off, a step ("mag ik wachten tot maandag").
    defers: bool = False
    # Asks leave for something ("mag ik…", "may I…"), not whether one must.
    asks_leave: bool = False
    # Asks leave for the step of passing it on and nothing else ("may I show the
    # messages to my team leader?"), or approval right after a plan that is only
    # the step (``pipeline.read._steps_read``).
    leave_to_report: bool = False
    # Asks leave for an act online ("mag ik hem terug bedreigen en het daarna aan
    # mijn mentor vertellen?"): what is asked is that act, not a step of telling.
    other_act: bool = False
    # Names the mentor, team leader, principal… (1.5, 2.5: whom to go to).
    names_responsible: bool = False
    # Asks leave to decline or ignore something ("mag ik het verzoek negeren?",
    # "can I just block him?"): not going along with it.
    declines: bool = False
    # About how open one's own (or a pupil's) account is and what it shows of them
    # ("mag mijn insta openbaar staan met mijn school in mijn bio?"): 1.3's
    # "zorg dat de instellingen goed staan en je niet meer informatie deelt dan je wilt".
    account_openness: bool = False
    # ...set to private: keeping to it.
    to_private: bool = False
    # Tells of others bullying, excluding or mocking someone, or passing their
    # posts around ("buitengesloten", "screenshots gedeeld … 'aandachtszoeker'").
    others_hurt: bool = False
    # About a measure the school or a teacher takes over devices, the network or
    # accounts: confiscating a phone, blocking an app on the wifi, monitoring or
    # searching (discipline the protocol does not rule).
    school_measure: bool = False
    # Asks leave to answer only briefly: by asking to talk it over in person, or
    # with a time or date that was asked for (no discussion online, 2.5).
    answers_briefly: bool = False
    # Names an online medium, device, account or sharing (the protocol's subject).
    online: bool = False
    # Contains or names someone's personal data.
    personal_data: bool = False
    # Says they doubt whether it is all right ("ik twijfel", "not sure if"):
    # for a publication, 2.6 says what to do ("Bij twijfel…").
    doubt: bool = False
    # The asker speaks as a pupil, of their own teacher ("my maths teacher said…").
    pupil_asks: bool = False
    # The asker speaks as a parent, of their own child ("mijn zoon…", "my daughter").
    parent_asks: bool = False
    # Names the protocol itself ("wie zich niet aan het protocol houdt").
    names_protocol: bool = False
    # Says someone does not keep to it ("zich niet aan het protocol houdt",
    # "breaks the protocol"), not only names it.
    breaks_protocol: bool = False
    # What the model trained on the case bank reads (None: no model loaded).
    learned: Learned | None = None

    @property
    def consequences(self) -> bool:
        return self.sanctions or self.police

    @property
    def breach(self) -> bool:
        """Asks what follows a breach of the protocol itself: 3.1-3.4 rule that."""
        return self.consequences and self.names_protocol

    @property
    def asks_leave_for_own_act(self) -> bool:
        """Asks leave, in words, for an act of the asker's own ("kan ik mijn juf
        toevoegen?"), not what to do about someone else's ("wat moet ik doen?")."""
        return self.own_conduct and self.asks_leave

    @property
    def breach_stated(self) -> bool:
        """Asks what follows, and says someone does not keep to the protocol
        ("…zich niet aan het protocol houdt"): not just its name beside a consequence."""
        return self.breach and self.breaks_protocol


class SignalKind(StrEnum):
    """What a signal's raw scores measure."""

    DENSE = "dense"  # cosine similarity of a dense embedder
    LEXICAL = "lexical"  # BM25, with the thesaurus' concept tokens
    LEXICAL_WORDS = "lexical_words"  # BM25 on the question's own words only


class SignalScores(_Frozen):
    """One signal's raw score per document."""

    name: str
    kind: SignalKind
    language: Language | None = None  # the BM25 index's language
    scores: dict[str, float] = Field(default_factory=dict)


class Evidence(_Frozen):
    """How well the best documents match, per signal.

    Fused scores are rank-based and say nothing about how well the best
    document matches, which the decision stage needs to know."""

    signals: list[SignalScores] = Field(default_factory=list)

    def has(self, kind: SignalKind) -> bool:
        return any(s.kind is kind for s in self.signals)

    def best(
        self,
        kind: SignalKind,
        *,
        language: Language | None = None,
        doc_ids: Collection[str] | None = None,
    ) -> float:
        """The best raw score of the signals of this kind (and language), over
        ``doc_ids`` if given; 0.0 when there is none."""
        best = 0.0
        for signal in self.signals:
            if signal.kind is not kind or (
                language is not None and signal.language is not language
            ):
                continue
            for doc_id, score in signal.scores.items():
                if doc_ids is None or doc_id in doc_ids:
                    best = max(best, score)
        return best

    def of(self, name: str) -> SignalScores:
        return next(s for s in self.signals if s.name == name)


class Retrieval(_Frozen):
    """What retrieval hands to the decision stage: ranked clauses and
    precedents, and the raw evidence behind them."""

    query: Query
    clauses: list[Hit]
    precedents: list[Hit]
    evidence: Evidence = Field(default_factory=Evidence)

    def ranked(self, k: int) -> list[Hit]:
        """Clauses and precedents in one list, best first."""
        merged = sorted([*self.clauses, *self.precedents], key=lambda h: -h.score)
        return merged[:k]

    def clause_ranking(self) -> list[str]:
        return [hit.id for hit in self.clauses]

    def retrieved_clause_ids(self, k: int) -> set[str]:
        """The top ``k`` clauses and the clauses the top ``k`` precedents apply."""
        ids = {hit.id for hit in self.clauses[:k]}
        for hit in self.precedents[:k]:
            ids.update(hit.clause_ids)
        return ids


class Escalation(StrEnum):
    NONE = "none"
    URGENT = "urgent"


class Citation(_Frozen):
    clause_id: str
    quote: str  # the verbatim Dutch clause text


class PrecedentRef(_Frozen):
    id: str
    title: str
    # A decision of the school's leadership (the date it was approved), or an
    # illustrative case written with the protocol (None).
    decided_on: date | None = None


DecisionBasis = Literal["precedent", "school_decision", "clause", "not_covered", "learned"]


class Decision(_Frozen):
    """The grounded core's verdict: what the answer must say, whoever words it."""

    verdict: Verdict
    clause_ids: list[str]  # cited, decisive first
    precedent_id: str | None = None
    basis: DecisionBasis
    escalation: Escalation = Escalation.NONE
    escalation_reasons: list[str] = Field(default_factory=list)
    injection_suspected: bool = False
    # What the question asks (may I / what to do / consequences / scope / report)
    # and whose conduct is at issue: the answer is worded for that.
    asked: QuestionType = QuestionType.MAY_I
    conduct_of: Actor = Actor.NONE
    # The cited clauses that say what to do (2.5, 1.5, 1.9, 2.6, 3.5), for a
    # "what should I do" question: shown as steps after the ruling.
    steps: list[str] = Field(default_factory=list)
    # Allowed because the decisive ban does not reach the matter (a former
    # pupil next to 2.1): the answer says so before quoting the ban.
    outside: bool = False
    # Allowed as the asker's own step of passing the matter on (the clauses that
    # say to, 1.5, 1.9, 2.5, 2.6, cited first): the answer says to pass it on.
    passed_on: bool = False
    # Allowed as the asker's leave to decline what the decisive ban forbids
    # (ignoring a pupil's friend request, 2.1): the answer says that keeps to it.
    declined: bool = False
    # ...by answering only briefly (a time asked for, or an invitation to talk in
    # person), or with a reply the model reads as no discussion (2.5's act): the
    # answer says that keeps to it.
    answered_briefly: bool = False


class LLMRole(StrEnum):
    """What a connected LLM may do: word the grounded answer, or read and decide
    (under the guard's checks and the more cautious of its and the core's verdicts)."""

    WORDING = "wording"
    DECIDE = "decide"


class LLMOutcome(StrEnum):
    PASSED = "passed"  # its answer passed the guard and agreed with the grounded core
    REJECTED = "rejected"  # it answered, the guard refused it: the grounded answer
    FAILED = "failed"  # no usable reply (down, timed out, garbled): the grounded answer
    DISAGREED = "disagreed"  # it passed the guard with another verdict: the more cautious shown


class LLMTrace(_Frozen):
    """What an LLM did for an answer: the audit trail shown in the JSON, logged
    and in leadership's detail view."""

    role: LLMRole
    model: str
    outcome: LLMOutcome
    reason: str | None = None
    # The model's own text, when it is shown (inside the answer; not in the JSON).
    text: str | None = Field(default=None, exclude=True)


class Answer(BaseModel):
    """One answer, in the JSON contract of ``advisor ask --json`` (design.md)."""

    model_config = ConfigDict(extra="forbid")

    question: str
    language: Language
    verdict: Verdict
    answer: str
    citations: list[Citation]
    precedents: list[PrecedentRef]
    referral: str = Field(min_length=1)
    escalation: Escalation
    engine: str
    corpus_version: str
    latency_ms: float
    log_id: str | None = None
    # What the LLM did (None: no LLM involved); its reason is also kept apart as
    # ``fallback_reason`` when the model's answer was not shown.
    llm: LLMTrace | None = None
    # Not in the JSON contract: why an LLM draft was not shown, and a notice for
    # the user when the LLM was unavailable.
    fallback_reason: str | None = Field(default=None, exclude=True)
    notice: str | None = Field(default=None, exclude=True)
