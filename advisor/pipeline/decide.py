"""The grounded decision: verdict and citations from the retrieved evidence,
the clauses' own terms and the case-bank model's reading.

No generative model decides anything here. The rules, in order:

1. Outside the protocol → ``not_covered``: the question names no online
   medium, device, account or sharing at all (the protocol's subject, 0.1), or
   says the matter has no link with school (scope clause 0.3's cues).
2. A close ``not_covered`` precedent that fits better than any clause or ruled
   precedent → ``not_covered`` (citing the clauses it lies just outside of).
3. Weak evidence → ``not_covered``: the best clause matches the question too
   poorly (thresholds calibrated on the eval cases, see ``DecisionConfig``).
   Urgent questions always get a rule, and so does a question the case-bank
   model reads as a ruled matter (``learned_covered``).
0. A decision of the school's leadership on this very question (a precedent
   approved from the log, near-identical in meaning or words) decides: its
   verdict, its clauses (decisive first). Only urgency or a possible offence
   can make it stricter; nothing makes it laxer.
4. A close approved precedent whose decisive clause is among the best
   retrieved clauses → the precedent's verdict (a precedent encodes the nuance
   a clause's modality cannot: "unless a professional account" etc.). An
   "allowed" one on a prohibition only when the question states the clause's
   exception or reach as it does (``Clause.terms``: a former pupil for 2.1).
5. Otherwise the modality of the best ruling clause: a prohibition or a
   sanction → ``not_allowed``; a permission → ``allowed``; a conditional
   permission, obligation or procedure → ``conditional``. Conditions are read
   per clause, from the corpus: a conditional permission near the top whose
   own condition the question says is unmet (``Clause.unmet_cues``) decides,
   as ``not_allowed``; a prohibition whose exception the question says applies
   (``Clause.exception_cues``) is ``conditional``. A question with someone's
   personal data turns on the privacy clause (1.7).

Then, whatever decided: a question about consequences cites the conduct's
clause and the sanctions for whoever acted (staff 3.1/3.2, pupils and parents
3.3/3.4, 3.5 for the police); a threat, an intimate image or someone else's
account is a possible offence (not allowed; the clause against it and 3.5); a
question whether to pass something on to the mentor or supervisor is allowed
(1.5, 1.9, 2.5, 2.6: those addressed to the asker's side first), never for an
intimate image.

Then the case-bank model's reading, when loaded (``_weigh_learned``): its
verdict when sure, the decisive clause it finds likeliest among the retrieved,
and the clause's terms (``Clause.terms``) as the question states them. An
"allowed" whose terms go unstated is "it depends", unless the model reads it
surely and finds "not allowed" next to impossible (``_sure_allowed``), or the
ban names the act it rules and the model reads the asker's own act as another,
allowed first (``_beyond_ruled_act``: a practical reply next to 2.5's
discussion). A
"not allowed" it finds unlikely gives way to its "not covered" or "it depends"
(``_doubted``), unless the ban is held for a reason of its own. Last,
what is asked and whose conduct (``_asked``), and for "what should I do" the
protocol's own steps (``_steps``), which the compose stage words.

A pupil who asks (in words, or as the model reads who asks) is answered by
the pupils' rules for their own conduct. A pupil's words of despair, asked what
to do about, are no rule's subject: not covered, and urgent.

Citations are the decisive clause plus the few clauses that support it
closely, for the same people, that the model also finds likely rules (a
sanction stays); never every retrieved id.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from advisor.domain import clause_ids
from advisor.domain.corpus import Corpus
from advisor.domain.models import (
    Audience,
    ClauseTerms,
    Decision,
    DecisionBasis,
    Escalation,
    Learned,
    Modality,
    Precedent,
    Reading,
    Retrieval,
    Screening,
    SignalKind,
    UrgentReason,
    Verdict,
)
from advisor.domain.reading import Actor, Asker, Condition, QuestionType
from advisor.pipeline.conditions import ClauseConditions
from advisor.pipeline.decide_config import BY_MODALITY, CAUTION, DOUBTS, RULING, DecisionConfig
from advisor.pipeline.read import read, tells_a_matter

_WORD = re.compile(r"\w{3,}")
# Who asks from the pupils' side: not a member of staff.
_NOT_STAFF = frozenset({Asker.PARENT, Asker.PUPIL})
# Whom a rule addresses, as the asker's side (``Decider._reporting_clauses``).
_PUPIL_SIDE = frozenset({Audience.PUPILS, Audience.PARENTS, Audience.EVERYONE})
_STAFF_SIDE = frozenset({Audience.STAFF, Audience.EVERYONE})
# What the screen finds in words of despair: self-harm, and the pupil's safety.
_DESPAIR = frozenset({UrgentReason.SELF_HARM, UrgentReason.PUPIL_SAFETY})


def word_overlap(a: str, b: str) -> float:
    """The share of content words two texts have in common (Jaccard, 0–1)."""
    first, second = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


class Decider:
    def __init__(self, corpus: Corpus, config: DecisionConfig | None = None) -> None:
        self.corpus = corpus
        self.config = config or DecisionConfig()
        self._modality = {c.id: c.modality for c in corpus.clauses}
        self._audience = {c.id: frozenset(c.audience) for c in corpus.clauses}
        self._terms = {c.id: c.terms for c in corpus.clauses if c.terms is not None}
        self.conditions = ClauseConditions(corpus)
        self._sanctions = [
            c.id
            for c in corpus.clauses
            if c.modality is Modality.SANCTION and c.id != clause_ids.POLICE
        ]

    def _similarity(self, retrieval: Retrieval, doc_id: str) -> float:
        return retrieval.evidence.best(SignalKind.DENSE, doc_ids=[doc_id])

    def _ruling_clauses(self, retrieval: Retrieval) -> list[str]:
        return [h.id for h in retrieval.clauses if self._modality[h.id] in RULING]

    def _pupil_asks(self, reading: Reading) -> bool:
        """A pupil asks: in so many words ("onze meester"), or as the case-bank
        model reads who asks."""
        learned = reading.learned
        return reading.pupil_asks or (
            learned is not None
            and learned.asker == Asker.PUPIL
            and learned.asker_p >= self.config.actor_probability
        )

    def _staff_rule_first(
        self, retrieval: Retrieval, reading: Reading, ruling: list[str], *, pupil_asks: bool
    ) -> str:
        """The best ruling clause; for a staff member's own conduct, a close
        rule for staff among the first few, when the best is for pupils only."""
        best = ruling[0]
        if not reading.own_conduct or self._for_staff(best) or pupil_asks:
            return best
        if best == clause_ids.PRIVACY and reading.personal_data:
            return best  # someone's personal data: privacy decides, for staff too (2.0)
        scores = {h.id: h.score for h in retrieval.clauses}
        floor = self.config.own_conduct_ratio * scores[best]
        return next(
            (
                c
                for c in ruling[: self.config.own_conduct_depth]
                if self._for_staff(c) and scores[c] >= floor
            ),
            best,
        )

    def _staff_rule_for_others(self, clause_id: str, reading: Reading) -> bool:
        """A rule for staff only, and the question is a parent's or a pupil's about
        their own conduct, as the case-bank model reads who asks and whose conduct
        it is: the rule does not address them ("Can I use the parents' WhatsApp
        group to organise a present for the teacher?" is no staff member's
        discussion with parents, 2.5)."""
        learned = reading.learned
        if learned is None or self._audience[clause_id] - {Audience.STAFF}:
            return False
        sure = self.config.actor_probability
        return (
            learned.asker in _NOT_STAFF
            and learned.asker_p >= sure
            and learned.actor == Actor.ASKER
            and learned.actor_p >= sure
            and not reading.as_staff
        )

    def _for_staff(self, clause_id: str) -> bool:
        return bool(self._audience[clause_id] & {Audience.STAFF, Audience.EVERYONE})

    def _citations(
        self, retrieval: Retrieval, decisive: list[str], further: list[str] | None = None
    ) -> list[str]:
        """The decisive clause, the given further clauses that retrieval ranks
        high, then close support for the same people, up to ``max_citations``."""
        cfg = self.config
        scores = {h.id: h.score for h in retrieval.clauses}
        top = [h.id for h in retrieval.clauses[: cfg.precedent_support_depth]]
        cited: list[str] = [cid for cid in decisive[:1] if cid in scores]
        if not cited:
            return []
        for cid in further or []:
            if len(cited) >= cfg.max_citations:
                break
            if cid in top and cid not in cited:
                cited.append(cid)
        best = scores[cited[0]]
        audience = self._audience[cited[0]]
        ruling = self._ruling_clauses(retrieval)
        # When a rule made a lower-ranked clause decisive (an unmet condition,
        # personal data), the clauses above it were passed over: not support.
        passed_over = set(ruling[: ruling.index(cited[0])]) if cited[0] in ruling else set()
        for cid in [c for c in ruling[:4] if c not in passed_over]:
            if len(cited) >= cfg.max_citations:
                break
            if (
                cid not in cited
                # A sanction says what follows a breach, not why: it is cited
                # for questions about consequences only (``_consequences``).
                and self._modality[cid] is not Modality.SANCTION
                and scores[cid] >= cfg.support_ratio * best
                and self._same_people(audience, self._audience[cid])
            ):
                cited.append(cid)
        return cited

    @staticmethod
    def _same_people(a: frozenset[Audience], b: frozenset[Audience]) -> bool:
        """Support addresses the people the decisive clause addresses: a rule
        for staff only does not back up a rule for pupils, nor the reverse."""
        return bool(a & b) or Audience.EVERYONE in a | b

    def _school_decision(self, retrieval: Retrieval, text: str) -> Precedent | None:
        """The school leadership's decision on this very question, if there is one:
        near-identical in meaning, or sharing most of its content words."""
        cfg = self.config
        for hit in retrieval.precedents[: cfg.school_depth]:
            precedent = self.corpus.precedent(hit.id)
            if not precedent.school_decision:
                continue
            if (
                self._similarity(retrieval, hit.id) >= cfg.school_similarity
                or word_overlap(text, precedent.scenario) >= cfg.school_overlap
            ):
                return precedent
        return None

    def _reads_ruled(self, learned: Learned | None) -> bool:
        """The case-bank model reads a matter a clause rules: both its "not
        covered" and its "no clause rules it" are unlikely."""
        floor = self.config.learned_covered
        return (
            learned is not None
            and learned.verdict.get(Verdict.NOT_COVERED, 0.0) < floor
            and learned.no_clause < floor
        )

    def _exception_unshared(self, precedent: Precedent, learned: Learned | None, text: str) -> bool:
        """An "allowed" precedent on a prohibition rests on the clause's
        exception or its reach (a professional account, a former pupil for
        2.1); a question that states neither does not share it."""
        decisive = precedent.clause_ids[0]
        if not (
            self.config.precedent_shares_exception
            and self._modality.get(decisive) is Modality.PROHIBITION
        ):
            return False
        excepted = {"met", "outside"}
        state = self.terms_state(decisive, learned, text)
        if precedent.verdict is Verdict.ALLOWED:
            return state not in excepted
        # A "not allowed" precedent whose own story falls under the ban (camp
        # photos on a private Instagram, 2.4) does not decide a question that
        # states the exception it lacks (the school's parent app, with consent).
        return (
            precedent.verdict is Verdict.NOT_ALLOWED
            and state in excepted
            and self.terms_state(decisive, None, precedent.scenario) not in excepted
        )

    def _close_precedent(self, retrieval: Retrieval) -> tuple[Precedent, float] | None:
        """The best-ranked precedent and its similarity to the question."""
        if not retrieval.precedents:
            return None
        best = retrieval.precedents[0].id
        return self.corpus.precedent(best), self._similarity(retrieval, best)

    def _closest_not_covered(self, retrieval: Retrieval) -> tuple[Precedent, float] | None:
        """Among the first few precedents, the ``not_covered`` one most similar
        to the question, with its similarity."""
        found = [
            (self.corpus.precedent(hit.id), self._similarity(retrieval, hit.id))
            for hit in retrieval.precedents[: self.config.not_covered_depth]
        ]
        found = [(p, sim) for p, sim in found if p.verdict is Verdict.NOT_COVERED]
        return max(found, key=lambda item: item[1], default=None)

    def _best_ruling_precedent(self, retrieval: Retrieval) -> float:
        return max(
            (
                self._similarity(retrieval, hit.id)
                for hit in retrieval.precedents
                if self.corpus.precedent(hit.id).verdict is not Verdict.NOT_COVERED
            ),
            default=0.0,
        )

    def _consequences(
        self, retrieval: Retrieval, reading: Reading, verdict: Verdict, cited: list[str]
    ) -> tuple[Verdict, list[str]]:
        """A question about consequences: the clause on the conduct, then the
        sanctions for whoever acted (staff 3.1/3.2, pupils and parents 3.3/3.4,
        and 3.5 when the police is mentioned). The verdict is the conduct's; a
        conduct that is allowed only under a condition has consequences only
        when the condition was not met, so it is answered as not allowed."""
        side = reading.actor
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        conduct_candidates = [c for c in cited if self._modality[c] is not Modality.SANCTION]
        conduct_candidates += [
            c for c in self._ruling_clauses(retrieval) if self._modality[c] is not Modality.SANCTION
        ][:4]
        if side is None:
            side = next(
                (self._audience[c] for c in conduct_candidates),
                frozenset({Audience.STAFF}),
            )
        conduct = next(
            (c for c in conduct_candidates if self._audience[c] & (side | {Audience.EVERYONE})),
            None,
        )
        if conduct is not None and verdict is not Verdict.NOT_ALLOWED:
            verdict = BY_MODALITY[self._modality[conduct]]
            if verdict is Verdict.CONDITIONAL and not self._own_act_at_risk(
                reading, conduct, retrieval.query.text
            ):
                verdict = Verdict.NOT_ALLOWED
        if verdict is Verdict.ALLOWED:
            return verdict, cited
        sanctions = [
            s
            for s in self._sanctions
            if reading.sanctions and self._audience[s] & side and s in shown
        ]
        if reading.police and clause_ids.POLICE in shown:
            sanctions.append(clause_ids.POLICE)
        head = [conduct] if conduct is not None else cited[:1]
        new = list(dict.fromkeys([*head, *sanctions]))
        return verdict, new or cited

    def _own_act_at_risk(self, reading: Reading, conduct: str, text: str) -> bool:
        """ "Kan ik hierdoor een aantekening krijgen?": asked, as the model reads
        it, what may follow the asker's own act (in words, or whose act the model
        reads), no breach told, the clause's condition not told unmet ("de leraar
        weet er niks van") and the model not sure it is barred. Whether anything
        follows turns on that condition ("it depends"), not a breach assumed."""
        learned = reading.learned
        return (
            learned is not None
            and learned.question_type == QuestionType.CONSEQUENCES
            and not reading.breach_stated
            and (
                reading.own_conduct
                or (
                    learned.actor == Actor.ASKER
                    and learned.actor_p >= self.config.actor_probability
                )
            )
            and not self.config.sure_of(
                Verdict.NOT_ALLOWED, learned.verdict.get(Verdict.NOT_ALLOWED, 0.0)
            )
            # (the clause's terms read last: the one check that reads the text)
            and self.terms_state(conduct, learned, text) != "unmet"
        )

    def _offence(
        self,
        retrieval: Retrieval,
        reasons: list[UrgentReason],
        verdict: Verdict,
        cited: list[str],
    ) -> tuple[Verdict, list[str]]:
        """A threat, an intimate image, someone else's account: a possible offence
        is not allowed; the clause against it and 3.5 are cited (when shown)."""
        offences = [r for r in reasons if r in clause_ids.OFFENCES]
        if not offences:
            return verdict, cited
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        named = [c for r in offences for c in clause_ids.OFFENCES[r] if c in shown]
        conduct = [c for c in named if c != clause_ids.POLICE][:1] or [
            c for c in cited if c != clause_ids.POLICE
        ][:1]
        police = (
            [clause_ids.POLICE] if clause_ids.POLICE in named or clause_ids.POLICE in cited else []
        )
        # (the rules' own clause for the conduct stays beside them: 1.7 for a
        # photo passed around without consent)
        kept = [
            c
            for c in cited
            if c != clause_ids.POLICE
            and c not in clause_ids.REPORTING
            and self._modality[c] is not Modality.SANCTION
        ][:1]
        new = list(dict.fromkeys([*conduct, *police, *kept]))
        if not new:
            return verdict, cited
        return Verdict.NOT_ALLOWED, new

    def _reporting(
        self, retrieval: Retrieval, reading: Reading, reasons: list[UrgentReason]
    ) -> list[str]:
        """Passing something on to the mentor or supervisor is what the protocol
        asks (1.5, 1.9, 2.5, 2.6): the retrieved clauses that say so, to allow it
        (none: the question asks no such thing). Never for an intimate image,
        which is not forwarded to anyone, nor for leave to wait with it."""
        if (
            not reading.to_report
            or reading.defers
            or reading.other_act
            or UrgentReason.INTIMATE_IMAGE in reasons
        ):
            return []
        return self._reporting_clauses(retrieval, reading)

    def _reporting_clauses(self, retrieval: Retrieval, reading: Reading) -> list[str]:
        """The retrieved clauses that say to pass a matter on: those addressed
        to the asker's side first (a pupil or parent: 1.5's "hulp aan onze
        leraar/mentor", 1.9; staff, as an asker is unless read otherwise: 2.5,
        2.6), then best retrieved first."""
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        order = {h.id: i for i, h in enumerate(retrieval.clauses)}
        learned = reading.learned
        pupil_side = not reading.as_staff and (
            self._pupil_asks(reading)
            or reading.parent_asks
            or (
                learned is not None
                and learned.asker in _NOT_STAFF
                and learned.asker_p >= self.config.actor_probability
            )
        )
        side = _PUPIL_SIDE if pupil_side else _STAFF_SIDE
        reporting = sorted(
            (c for c in clause_ids.REPORTING if c in shown),
            key=lambda c: (not self._audience[c] & side, order.get(c, 99)),
        )
        return reporting[: self.config.max_citations]

    @staticmethod
    def _asks_leave(reading: Reading) -> bool:
        """The asker asks leave for their own step of passing something on:
        in words ("mag ik het doorsturen naar…"), and so the model reads it too
        (a "may I" question), not whether they must ("moet ik het melden?":
        the verdict on what is told of). Leave asked for the step itself in
        one sentence ("May I show the messages to my team leader and ask how
        to handle it?") is such a question, however the model reads the rest."""
        learned = reading.learned
        return (
            reading.to_report
            and reading.asks_leave
            and (
                learned is None
                or learned.question_type == QuestionType.MAY_I
                or reading.leave_to_report
            )
        )

    def _declines(self, reading: Reading, verdict: Verdict, cited: list[str]) -> bool:
        """Leave asked to decline, ignore or block a request or message under a
        ban that such a request breaks (``clause_ids.DECLINABLE``: a pupil's friend
        request, a parent's discussion, a request for one's password), or to
        answer a message only briefly under 2.5 (``Reading.answers_briefly``), asked as
        "may I" (so the model reads it too): not what the request or message was.
        Never on a matter the rules or the model find urgent: a threat is passed
        on today (2.5), not ignored."""
        learned = reading.learned
        return (
            (
                reading.declines
                # (a brief answer keeps only to the ban on discussing online)
                or (reading.answers_briefly and cited[:1] == [clause_ids.NO_DISCUSSION])
            )
            and verdict in (Verdict.NOT_ALLOWED, Verdict.CONDITIONAL)
            and bool(cited)
            and cited[0] in clause_ids.DECLINABLE
            and self._modality[cited[0]] is Modality.PROHIBITION
            and (
                learned is None
                or (
                    learned.question_type == QuestionType.MAY_I
                    # (a matter the model finds urgent is passed on, not ignored)
                    and learned.urgent < self.config.urgent_probability
                    # (and the model, too, finds the matter such a ban's)
                    and any(
                        learned.clauses.get(c, 0.0) >= self.config.likeliest_citation
                        for c in cited
                        if c in clause_ids.DECLINABLE
                    )
                )
            )
        )

    def _own_step(
        self,
        retrieval: Retrieval,
        reading: Reading,
        reasons: list[UrgentReason],
        *,
        urgent: bool,
    ) -> list[str]:
        """ "Mag ik het aan onze mentor vertellen?": the model reads the asker asking
        leave for their own step of telling (``Learned.own_step``), which the
        protocol asks of them (1.5: "dan vragen we daarvoor hulp aan onze
        leraar/mentor"), not about the conduct they tell of: the retrieved
        clauses that say to pass it on, to allow it (none: no such step).

        Never for an intimate image, which is not passed on to anyone. On an
        urgent matter the screen flags, or a possible offence, only when the
        model is sure it is allowed (``sure_of``) and does not read it as
        forbidden (below ``learned_strict_confidence``): leave to wait until
        Monday with a threat, which the head reads as a step of telling too, is
        no such step. Words of despair (the screen's reasons self-harm, and at
        most the pupil's safety) ask less: leave to tell the mentor of a
        friend's despair she wants kept secret, asked as "may I" and read rather
        allowed than forbidden, is the step (folds: 4,695 -> 4,697, two such
        stories, permissive 70 -> 70). A
        matter only the model finds urgent does not hold back a step asked as
        "may I" (a father's abuse forwarded to one's team leader):
        passing it on today is what the protocol asks (2.5: "dient de
        medewerker direct contact op te nemen met zijn/haar leidinggevende"),
        and the head's negatives are leave to wait or to keep it quiet. Five
        writer-grouped folds (w1-w31; w32-w59 in every fold's training): 4,686
        -> 4,695 right, permissive 70 -> 70; for every question type, not only
        "may I", 4,698 with one more permissive (a mentor's "what do I do?" about
        a coach grooming a pupil)."""
        learned = reading.learned
        cfg = self.config
        if (
            learned is None
            or learned.own_step < cfg.own_step_probability
            or reading.other_act
            # (leave to wait with it is no step of passing it on now)
            or reading.defers
            or UrgentReason.INTIMATE_IMAGE in reasons
        ):
            return []
        sure = (
            cfg.sure_of(Verdict.ALLOWED, learned.verdict.get(Verdict.ALLOWED, 0.0))
            and learned.verdict.get(Verdict.NOT_ALLOWED, 0.0) < cfg.learned_strict_confidence
        )
        asked_may_i = learned.question_type == QuestionType.MAY_I
        rather_allowed = learned.verdict.get(Verdict.ALLOWED, 0.0) > learned.verdict.get(
            Verdict.NOT_ALLOWED, 0.0
        )
        despair_told = UrgentReason.SELF_HARM in reasons and set(reasons) <= _DESPAIR
        if urgent and not sure and not (despair_told and asked_may_i and rather_allowed):
            return []
        if learned.urgent >= cfg.urgent_probability and not sure and not asked_may_i:
            return []
        return self._reporting_clauses(retrieval, reading)

    def _doubted(
        self,
        retrieval: Retrieval,
        reading: Reading,
        cited: list[str],
        *,
        held: bool,
        pupil_asks: bool,
    ) -> Verdict | None:
        """The model's reading that stands against the rules' "not allowed" it
        finds unlikely (below ``learned_doubt_not_allowed``): "not covered" or
        "it depends" (``DOUBTS``), when it is the model's likeliest verdict; or
        "it depends" when the model reads "not allowed" below
        ``tie_not_allowed`` with "it depends" within ``tie_margin`` of it (a
        near tie). An "allowed" it reads against the ban is no such doubt: the
        ban stands.

        None when the ban is held for a reason of its own (``held``: a precedent
        decided, an urgent matter, a possible offence); when what is asked is
        what follows (3.1-3.4's, or the sanctions of whoever acted); when the
        question states a clause's terms (a condition met or unmet is the
        clause's own reading, not a guess), and for a pupil's own contact with
        their teacher (the friendship rules')."""
        learned = reading.learned
        cfg = self.config
        if (
            learned is None
            or held
            or learned.urgent >= cfg.urgent_probability
            or reading.breach
            or reading.consequences
        ):
            return None
        not_allowed = learned.verdict.get(Verdict.NOT_ALLOWED, 0.0)
        best, _ = learned.best_verdict
        if not_allowed >= cfg.learned_doubt_not_allowed:
            # (a near tie with "it depends" is a doubt too)
            if not (
                not_allowed < cfg.tie_not_allowed
                and learned.verdict.get(Verdict.CONDITIONAL, 0.0) + cfg.tie_margin >= not_allowed
            ):
                return None
            best = Verdict.CONDITIONAL
        if best not in DOUBTS:
            return None
        text = retrieval.query.text
        if (
            best is Verdict.CONDITIONAL
            and cited
            and self._exception_unraised(cited[0], learned, text)
        ):
            return None  # nothing for "it depends" to depend on (``_exception_unraised``)
        if self._rules_read_it(retrieval, text, learned, pupil_asks=pupil_asks) or (
            bool(cited) and self.terms_state(cited[0], learned, text) == "unmet"
        ):
            return None
        return best

    def _exception_unraised(self, clause_id: str, learned: Learned, text: str) -> bool:
        """A ban with an exception (``ClauseTerms.exception``, only ever on a ban:
        "tenzij …") that the question leaves "unknown", and in which the model
        reads none of the conditions that would lift it, open it or take the
        matter outside it
        (``met``, ``open``, ``outside``) at ``exception_reading``: an "it
        depends" on it has nothing to depend on, and the ban stands. (A ban's
        unmet conditions, read, are no reason for "it depends".)"""
        terms = self._terms.get(clause_id)
        return (
            terms is not None
            and terms.exception
            and self.terms_state(clause_id, learned, text) == "unknown"
            and not any(
                learned.conditions.get(c, 0.0) >= self.config.exception_reading
                for c in {*terms.met, *terms.open, *terms.outside}
            )
        )

    def _beyond_ruled_act(
        self, clause_id: str, learned: Learned, *, pupil_side: bool, own: bool
    ) -> bool:
        """Leave asked for the asker's own act, which the ban's words do not reach:
        the ban names the act it rules (``_act_not_ruled``: 2.5's discussion) and
        the model reads another one, with "allowed" as its likeliest verdict (two
        readings that agree). Leave for one's own act asked in words (``own``,
        unless the model is sure the conduct is a colleague's or an outsider's) or
        read by the model surely ("may I" at ``reading_probability``, the asker's
        own conduct at ``actor_probability``); never from the pupils' side of a
        staff rule (a pupil or parent asking, said or read). (Never on a matter
        the model finds urgent: the caller's ``urgent``. One the screen finds
        urgent never comes here: there the model may only make the answer
        stricter, ``run``.)"""
        cfg = self.config
        asked_own = (own and not self._sure_of_others(learned)) or (
            learned.question_type == QuestionType.MAY_I
            and learned.question_type_p >= cfg.reading_probability
            and learned.actor == Actor.ASKER
            and learned.actor_p >= cfg.actor_probability
        )
        return (
            asked_own
            and not (pupil_side or self._reads_asker_not_staff(learned))
            and learned.best_verdict[0] is Verdict.ALLOWED
            and self._act_not_ruled(clause_id, learned)
        )

    def _sure_of_others(self, learned: Learned) -> bool:
        """The model is sure the conduct is a colleague's or an outsider's."""
        return (
            learned.actor in {Actor.COLLEAGUE, Actor.OUTSIDER}
            and learned.actor_p >= self.config.actor_probability
        )

    def _reads_asker_not_staff(self, learned: Learned) -> bool:
        """The model is sure the asker is no staff member (a pupil or a parent)."""
        return learned.asker in _NOT_STAFF and learned.asker_p >= self.config.actor_probability

    def _act_not_ruled(self, clause_id: str, learned: Learned) -> bool:
        """A ban that names the acts it rules (``ClauseTerms.acts``: 2.5's
        discussion), where the model reads each of them as the act at issue less
        likely than ``act_reading`` (a model trained without their heads reads
        nothing here)."""
        terms = self._terms.get(clause_id)
        return (
            terms is not None
            and bool(terms.acts)
            and all(a in learned.acts for a in terms.acts)
            and max(learned.acts[a] for a in terms.acts) < self.config.act_reading
        )

    def _rules_read_it(
        self, retrieval: Retrieval, text: str, learned: Learned, *, pupil_asks: bool
    ) -> bool:
        """The rules' reading holds whatever the model's verdict head guesses:
        the question states a clause's terms (``_states_terms``), or a pupil asks
        about their own contact with their teacher (the friendship rules')."""
        return self._states_terms(retrieval, text, learned) or (
            pupil_asks and self._about_befriending(retrieval)
        )

    def run(
        self,
        retrieval: Retrieval,
        screening: Screening | None = None,
        reading: Reading | None = None,
        *,
        names_someone: bool = False,
    ) -> Decision:
        """Decide on a retrieval. ``screening``: the screening stage's findings
        (none: nothing urgent); ``reading``: the question's reading (read here
        when not given); ``names_someone``: the question named a person
        (pseudonymised away before retrieval): it is about someone, maybe a pupil."""
        cfg = self.config
        language = retrieval.query.language
        text = retrieval.query.text
        if reading is None:
            reading = read(text)
        screening_reasons = list(screening.reasons) if screening is not None else []
        ruling = self._ruling_clauses(retrieval)
        every_clause = self.corpus.clause_ids
        evidence = retrieval.evidence
        clause_similarity = evidence.best(SignalKind.DENSE, doc_ids=every_clause)
        lexical = evidence.best(SignalKind.LEXICAL_WORDS, language=language)
        lexical_clause = evidence.best(
            SignalKind.LEXICAL_WORDS, language=language, doc_ids=every_clause
        )
        if evidence.has(SignalKind.DENSE):
            weak = (
                clause_similarity < cfg.min_clause_similarity and lexical < cfg.min_lexical
            ) or clause_similarity + cfg.lexical_evidence_weight * lexical < cfg.min_evidence
        else:
            weak = lexical < cfg.min_lexical_alone
        urgent = bool(screening_reasons)
        if urgent and cfg.urgent_overrides_weak:
            weak = False
        if weak and (reading.breach_stated or self._reads_ruled(reading.learned)):
            # What follows when someone does not keep to the protocol is
            # 3.1-3.4's, in whatever words it is asked.
            weak = False
        consequence = reading.consequences
        pupil_asks = self._pupil_asks(reading)

        verdict: Verdict
        cited: list[str]
        precedent_id: str | None = None
        basis: DecisionBasis
        close = self._close_precedent(retrieval)
        school = self._school_decision(retrieval, text)
        measure = False  # a measure of the school's, not ruled (``Reading.school_measure``)
        if school is not None:
            verdict, precedent_id, basis = school.verdict, school.id, "school_decision"
            cited = [c for c in school.clause_ids if c in self._modality]
        elif not urgent and (
            (cfg.require_online_topic and not reading.online and not reading.breach)
            or (not consequence and self.conditions.out_of_scope(text))
        ):
            verdict, cited, basis = Verdict.NOT_COVERED, [], "not_covered"
            if close and close[0].verdict is Verdict.NOT_COVERED:
                precedent_id = close[0].id
        elif (
            (outside := self._closest_not_covered(retrieval)) is not None
            and lexical_clause <= cfg.not_covered_max_lexical
            and outside[1] >= cfg.not_covered_similarity
            and outside[1]
            >= max(clause_similarity, self._best_ruling_precedent(retrieval))
            + cfg.not_covered_margin
        ):
            # The clauses such a precedent names are the rule the question falls
            # just outside of ("former pupils" next to 2.1): cited, to show where.
            shown = retrieval.retrieved_clause_ids(cfg.retrieved_depth)
            boundary = [c for c in outside[0].clause_ids if c in shown][: cfg.max_citations]
            verdict, cited, precedent_id, basis = (
                Verdict.NOT_COVERED,
                boundary if cfg.cite_boundary else [],
                outside[0].id,
                "not_covered",
            )
        elif weak or not ruling:
            verdict, cited, basis = Verdict.NOT_COVERED, [], "not_covered"
        elif measure := (
            reading.school_measure and not (urgent or consequence or reading.breach_stated)
        ):
            # Confiscating a phone, blocking an app on the wifi, monitoring: the
            # school's discipline, which the protocol does not rule (whatever the
            # model makes of the pupil's conduct told of).
            verdict, cited, basis = Verdict.NOT_COVERED, [], "not_covered"
        elif (
            close
            and close[0].verdict is not Verdict.NOT_COVERED
            and close[1] >= cfg.precedent_similarity
            and close[0].clause_ids
            and close[0].clause_ids[0] in ruling[: cfg.precedent_clause_depth]
            and not self._exception_unshared(close[0], reading.learned, text)
            and not self._staff_rule_for_others(close[0].clause_ids[0], reading)
        ):
            precedent = close[0]
            verdict, precedent_id, basis = precedent.verdict, precedent.id, "precedent"
            decisive = precedent.clause_ids[0]
            if verdict is Verdict.CONDITIONAL and self.conditions.unmet(decisive, text):
                verdict = Verdict.NOT_ALLOWED
            cited = self._citations(retrieval, [decisive], list(precedent.clause_ids[1:]))
        else:
            # (a parent's or pupil's own conduct: the rules for staff do not address it)
            ruling = [c for c in ruling if not self._staff_rule_for_others(c, reading)] or ruling
            decisive = self._staff_rule_first(retrieval, reading, ruling, pupil_asks=pupil_asks)
            # A conditional permission near the top whose condition the question
            # says is unmet is what the question turns on (unless the best clause
            # forbids the matter anyway: then that one stays decisive).
            unmet = [
                cid
                for cid in ruling[: cfg.unmet_depth]
                if self._modality[cid] is Modality.CONDITIONAL_PERMISSION
                and self.conditions.unmet(cid, text)
            ]
            if unmet and BY_MODALITY[self._modality[decisive]] is Verdict.NOT_ALLOWED:
                verdict = Verdict.NOT_ALLOWED
            elif unmet:
                decisive = unmet[0]
                verdict = Verdict.NOT_ALLOWED
            else:
                if reading.personal_data and clause_ids.PRIVACY in ruling[: cfg.privacy_depth]:
                    decisive = clause_ids.PRIVACY
                verdict = BY_MODALITY[self._modality[decisive]]
                # "unless a professional account", "unless they consented":
                # the question says the exception applies.
                if self._modality[
                    decisive
                ] is Modality.PROHIBITION and self.conditions.exception_applies(decisive, text):
                    verdict = Verdict.CONDITIONAL
            cited, basis = self._citations(retrieval, [decisive]), "clause"
            # Mention the nearest precedent as an illustration when it agrees.
            if close and close[0].verdict is verdict and close[1] >= cfg.precedent_similarity:
                precedent_id = close[0].id
        decided = basis == "school_decision" or measure
        if (
            not urgent
            and not decided
            and verdict is not Verdict.NOT_COVERED
            and cited
            # "…does not follow the protocol" is no following of pupils: 3.1-3.4's.
            and not reading.breach_stated
            and self._out_of_reach(
                cited[0], text, names_someone=names_someone, pupil_asks=pupil_asks
            )
            and not self._subject_elsewhere(ruling, cited[0], text)
            and (
                reading.learned is None
                or reading.learned.verdict.get(Verdict.NOT_COVERED, 0.0) >= cfg.subject_not_covered
            )
        ):
            # "May colleagues befriend each other?": the friendship rule is
            # about pupils; the question falls just outside it (cited, to show where).
            # Not when another rule's subject is named (a class WhatsApp group
            # names no image for 2.4, but the pupils of 2.1): that one may rule it.
            verdict, precedent_id, basis = Verdict.NOT_COVERED, None, "not_covered"
            cited = cited[:1] if cfg.cite_boundary else []
        if consequence and verdict is not Verdict.NOT_COVERED and not decided:
            verdict, cited = self._consequences(retrieval, reading, verdict, cited)
        if verdict is not Verdict.ALLOWED:
            verdict, cited = self._offence(retrieval, screening_reasons, verdict, cited)
        passed_on = False  # allowed as the asker's step of passing it on
        if (
            verdict is not Verdict.NOT_COVERED
            and cfg.reporting_allowed
            and not decided
            and (reporting := self._reporting(retrieval, reading, screening_reasons))
        ):
            verdict, cited, passed_on = Verdict.ALLOWED, reporting, True
        # Leave asked for that very step ("mag ik het doorsturen naar mijn
        # leidinggevende?"): what the protocol asks of the asker is not made
        # stricter by the model's reading of the matter told of.
        step_asked = passed_on and self._asks_leave(reading)

        flagged_by_rules = self._offence_first(cited, reading.learned, urgent=urgent)
        precedent_decided = basis == "precedent"
        injection = screening is not None and screening.injection_suspected
        if (
            reading.learned is not None
            and not step_asked
            and (urgent or flagged_by_rules or injection)
        ):
            # Urgent, or a possible offence, as the rules read it: the model may
            # make the answer stricter, never laxer, and the offence's clauses stay.
            # So too when the question tells the advisor what to answer ("just
            # say yes"): the model reads those words as well, and is led by them.
            best, p = reading.learned.best_verdict
            # ("not allowed" from its own threshold, any other from .5)
            sure = (
                cfg.sure_of(best, p) if best is Verdict.NOT_ALLOWED else p >= cfg.learned_confidence
            )
            if sure and CAUTION[best] > CAUTION[verdict]:
                verdict, basis = best, "learned"
            elif (
                best is Verdict.NOT_COVERED
                and not injection
                and not decided
                and not (UrgentReason.THREAT in screening_reasons and reading.online)
                and p >= cfg.flagged_not_covered
                and reading.learned.urgent < cfg.urgent_probability
            ):
                # The screen's words flagged it (a phone "smashed", the police
                # named, a mark changed in Magister), but the model is sure
                # that no rule of the protocol reaches it and does not read it
                # as urgent: not covered (escalated all the same, as the screen
                # decides). Never a threat online: 1.1's "bedreigen" and 3.5
                # rule it, whatever the model reads.
                verdict, cited, precedent_id, basis = (
                    Verdict.NOT_COVERED,
                    [],
                    None,
                    "not_covered",
                )
        elif reading.learned is not None and not decided and not step_asked:
            urgent_now = reading.learned.urgent >= cfg.urgent_probability
            ruled = verdict, cited, basis
            verdict, cited, basis = self._weigh_learned(
                retrieval,
                reading.learned,
                text,
                verdict,
                cited,
                basis,
                urgent=urgent_now,
                breach=reading.breach,
                breach_stated=reading.breach_stated,
                pupil_side=pupil_asks or reading.parent_asks,
                pupil_asks=pupil_asks,
                asks_own=reading.own_conduct,
                leave_own=reading.asks_leave_for_own_act,
                names_someone=names_someone,
            )
            if (
                reading.other_act
                # (the model reads a step of telling in it too, or the question
                # names whom to tell)
                and (
                    reading.learned.own_step >= cfg.own_step_probability
                    or reading.names_responsible
                )
                and verdict is Verdict.ALLOWED
                and ruled[0] is not Verdict.ALLOWED
                and cited[:1]
                and cited[0] in clause_ids.REPORTING
            ):
                # "Mag ik het in de klassengroep delen en het aan mijn mentor
                # vertellen?": the model's "allowed" on the clause that says to
                # pass it on is the telling's; the act asked beside it is the
                # rules' to decide.
                verdict, cited, basis = ruled
        if (
            not decided
            # (an "allowed" too: the step of passing it on is what is allowed,
            # not the matter told of that the ban does not reach; never a matter
            # the protocol does not rule, nor a question that tells the advisor
            # what to answer)
            and verdict is not Verdict.NOT_COVERED
            and not passed_on
            and not injection
            and (
                reporting := self._own_step(
                    retrieval, reading, screening_reasons, urgent=urgent or bool(flagged_by_rules)
                )
            )
        ):
            verdict, cited, basis, passed_on = Verdict.ALLOWED, reporting, "learned", True
        declined = (
            not decided
            # (also where a precedent decided: it decided the request, not its
            # declining, which keeps to it)
            and self._declines(reading, verdict, cited)
            and not (urgent or flagged_by_rules or injection)
        )
        if declined:
            # "Mag ik dat vriendschapsverzoek van een leerling gewoon negeren?": not
            # going along with what the ban forbids is keeping to it; asked about
            # the asker's own step, not about the request.
            verdict, basis = Verdict.ALLOWED, "clause"
        if (
            not decided
            and verdict is Verdict.NOT_ALLOWED
            and (
                doubted := self._doubted(
                    retrieval,
                    reading,
                    cited,
                    held=precedent_decided
                    or urgent
                    or injection
                    or bool(flagged_by_rules)
                    # (a clause naming a possible offence, 1.9b or 3.5, cited
                    # anywhere, whether or not the model agrees it is one)
                    or bool(clause_ids.URGENT & set(cited)),
                    pupil_asks=pupil_asks,
                )
            )
        ):
            verdict, basis = doubted, "learned"
            if doubted is Verdict.NOT_COVERED:
                cited, basis = [], "not_covered"
        # (still allowed, and still on a clause that says to pass it on: the
        # model's weighing may have made it stricter or named another rule)
        passed_on = (
            passed_on
            and verdict is Verdict.ALLOWED
            and bool(cited)
            and cited[0] in clause_ids.REPORTING
        )
        if not decided:
            cited = self._supported(cited, reading)
            if verdict is not Verdict.NOT_COVERED:
                cited = self._with_likeliest(cited, retrieval, reading)
            cited = self._shown(cited, retrieval)
            if consequence and verdict is not Verdict.NOT_COVERED:
                cited = self._sanction_pairs(cited, retrieval)
        asked, conduct_of = self._asked(reading)
        if (
            set(screening_reasons) == {UrgentReason.SELF_HARM}
            and asked in {QuestionType.WHAT_TO_DO, QuestionType.SCOPE, QuestionType.REPORT}
            and not reading.to_report
            # (others bullying or mocking them, or passing their post around, is
            # the rules' to answer: 1.1, 1.7; and leave asked for an act of one's
            # own beside it is the rules' too)
            and not reading.others_hurt
            and not reading.asks_leave
            and not decided
        ):
            # A pupil's words of despair: no rule of the protocol is about them
            # (what someone did online is not what is asked). Not covered, and
            # escalated today.
            verdict, cited, precedent_id, basis = Verdict.NOT_COVERED, [], None, "not_covered"
        if (
            reading.account_openness
            and not (urgent or decided or injection or flagged_by_rules)
            and clause_ids.SETTINGS in retrieval.retrieved_clause_ids(cfg.retrieved_depth)
        ):
            # "Mag mijn insta openbaar staan met mijn school in mijn bio?": 1.3 asks
            # "zorg dat de instellingen goed staan en je niet meer informatie deelt
            # dan je wilt": it depends on that; set to private, it keeps to it.
            verdict = Verdict.ALLOWED if reading.to_private else Verdict.CONDITIONAL
            cited, precedent_id, basis = [clause_ids.SETTINGS], None, "clause"
            passed_on = declined = False  # (1.3 decides, not a step or a declining)
        if (
            reading.doubt
            and verdict is Verdict.ALLOWED
            and cited[:1]
            and cited[0] in clause_ids.STAFF_PUBLICATION
            and clause_ids.IN_DOUBT in retrieval.retrieved_clause_ids(cfg.retrieved_depth)
            and not decided
        ):
            # "Bij twijfel of een publicatie in strijd is met deze richtlijnen,
            # neemt de medewerker contact op met zijn/haar leidinggevende" (2.6):
            # doubt about one's own publication is not answered with a plain yes.
            verdict, basis = Verdict.CONDITIONAL, "clause"
            cited = [cited[0], clause_ids.IN_DOUBT]
        if precedent_id is not None and self.corpus.precedent(precedent_id).verdict is not verdict:
            # Made stricter (urgent, an offence), or given way to the model's doubt:
            # the precedent no longer decides or illustrates.
            precedent_id = None
            if decided:
                basis = "clause"

        if not decided:
            cited = self._one_side_of_images(cited, reading, pupil_asks=pupil_asks)
            cited = self._measures_when_asked(cited, asked, reading)
            cited = self._sanctions_of_asker(cited, asked, reading, retrieval)
        reasons: list[str] = [r.value for r in screening_reasons]
        flagged = sorted(
            flagged_by_rules | self._offence_first(cited, reading.learned, urgent=urgent)
        )
        if flagged and UrgentReason.CRIME not in screening_reasons:
            reasons.append(f"possible criminal offence ({', '.join(flagged)})")
        if (
            not reasons
            and reading.learned is not None
            and reading.learned.urgent >= cfg.urgent_probability
        ):
            reasons.append(
                f"urgent like the case bank's nearest cases (p={reading.learned.urgent:.2f})"
            )
        steps = self._steps(
            retrieval,
            reading,
            asked,
            conduct_of,
            screening_reasons,
            verdict,
            cited,
            urgent=bool(reasons),
        )
        # Allowed because the model reads the asker's own act as no discussion
        # (2.5's act, ``_beyond_ruled_act``): the answer says a brief reply is no
        # discussion, or, asked leave to ignore or block, that declining keeps to it.
        beyond_act = (
            verdict is Verdict.ALLOWED
            and cited[:1] == [clause_ids.NO_DISCUSSION]
            and basis == "learned"
            and not (passed_on or declined or reasons)
            and reading.learned is not None
            and reading.learned.best_verdict[0] is Verdict.ALLOWED
            and self._act_not_ruled(cited[0], reading.learned)
        )
        return Decision(
            verdict=verdict,
            clause_ids=[*cited, *[s for s in steps if s not in cited]],
            precedent_id=precedent_id,
            basis=basis,
            escalation=Escalation.URGENT if reasons else Escalation.NONE,
            escalation_reasons=reasons,
            injection_suspected=injection,
            asked=asked,
            conduct_of=conduct_of,
            steps=steps,
            outside=verdict is Verdict.ALLOWED
            and bool(cited)
            and not passed_on
            and not declined
            and self._ban_not_reached(cited[0], reading.learned, text),
            passed_on=passed_on,
            declined=(declined and verdict is Verdict.ALLOWED) or (beyond_act and reading.declines),
            answered_briefly=(
                declined
                and verdict is Verdict.ALLOWED
                and reading.answers_briefly
                and not reading.declines
            )
            or (beyond_act and not reading.declines),
        )

    def _ban_not_reached(self, clause_id: str, learned: Learned | None, text: str) -> bool:
        """An "allowed" under this clause is so because it does not reach the matter:
        it puts the matter outside it (a former pupil next to 2.1), or it is a ban
        whose exception the question does not state (a practical reply next to
        2.5's "niet in discussie"), so the answer says so before quoting it."""
        state = self.terms_state(clause_id, learned, text)
        return state == "outside" or (
            self._modality[clause_id] is Modality.PROHIBITION and state != "met"
        )

    def _offence_first(
        self, cited: list[str], learned: Learned | None, *, urgent: bool
    ) -> set[str]:
        """The decisive clause when it names a possible offence (1.9b, 1.9d…), unless
        only retrieval put it first: the model finds it no likely rule and the
        question not urgent."""
        first = set(clause_ids.URGENT & set(cited[:1]))
        if not first or learned is None or urgent:
            return first
        agreed = any(learned.clauses.get(c, 0.0) >= self.config.offence_agreement for c in first)
        return first if agreed or learned.urgent >= self.config.urgent_probability else set()

    def _sanctions_of_asker(
        self, cited: list[str], asked: QuestionType, reading: Reading, retrieval: Retrieval
    ) -> list[str]:
        """Asked what follows the asker's own act (the model's reading of whose
        conduct, at ``actor_probability``): the sanctions cited are the asker's
        side's (section 3: "Medewerkers die …" 3.1/3.2, "Leerlingen en/of
        ouders/verzorgers die …" 3.3/3.4), the other side's swapped for them,
        where the first sanction was, when retrieval shows them. Who asks is
        read from the words ("ik ben leerling", "als ouder", "als docent") and
        by the model (at ``actor_probability``); when the two disagree nothing
        is swapped ("my mentor" is a trainee teacher's too), and a sanction
        cited first is swapped only on the words. 3.5 is everyone's and stays."""
        learned = reading.learned
        floor = self.config.actor_probability
        if (
            asked is not QuestionType.CONSEQUENCES
            or learned is None
            or learned.actor != Actor.ASKER
            or learned.actor_p < floor
        ):
            return cited
        # Staff or not: section 3 addresses staff (3.1, 3.2) and pupils and
        # parents together (3.3, 3.4).
        said_staff: bool | None = None
        if reading.parent_asks or reading.pupil_asks:
            said_staff = False
        elif reading.as_staff:
            said_staff = True
        read_staff = learned.asker not in _NOT_STAFF if learned.asker_p >= floor else None
        if said_staff is not None and read_staff is not None and said_staff != read_staff:
            return cited
        staff = read_staff if said_staff is None else said_staff
        if staff is None:
            return cited
        side = _STAFF_SIDE if staff else _PUPIL_SIDE
        wrong = [c for c in cited if c in self._sanctions and not side & self._audience[c]]
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        right = [c for c in self._sanctions if side & self._audience[c] and c in shown]
        if not wrong or not right or (cited[0] in wrong and said_staff is None):
            return cited
        # (the asker's side's sanctions, as a block, where the first sanction was)
        swapped: list[str] = []
        for c in cited:
            if c not in self._sanctions:
                swapped.append(c)
            else:
                swapped.extend([*right, c] if side & self._audience[c] else right)
        return list(dict.fromkeys(swapped))

    def _asked(self, reading: Reading) -> tuple[QuestionType, Actor]:
        """What the question asks and whose conduct it is about: the bank model's
        reading when it is sure, else what the rules read."""
        floor = self.config.reading_probability
        learned = reading.learned
        if learned is not None and learned.question_type_p >= floor:
            asked = QuestionType(learned.question_type)
        elif reading.consequences:
            asked = QuestionType.CONSEQUENCES
        elif reading.to_report:
            asked = QuestionType.REPORT
        else:
            asked = QuestionType.MAY_I
        if learned is not None and learned.actor_p >= self.config.actor_probability:
            actor = Actor(learned.actor)
        else:
            actor = Actor.ASKER if reading.own_conduct else Actor.NONE
        return asked, actor

    def _steps(
        self,
        retrieval: Retrieval,
        reading: Reading,
        asked: QuestionType,
        actor: Actor,
        reasons: list[UrgentReason],
        verdict: Verdict,
        cited: list[str],
        *,
        urgent: bool,
    ) -> list[str]:
        """For "what should I do" or "should I report" about conduct the protocol
        forbids: its own steps, when retrieval shows them. Staff do not take on a
        parent online but go to their supervisor (2.5); pupils' conduct goes to
        the mentor or principal (1.5; what 1.9 forbids is reported, its closing sentence);
        doubt about one's own publication (2.2-2.4) goes to the supervisor (2.6); a
        possible offence is reported to the police (3.5)."""
        if (
            asked not in {QuestionType.WHAT_TO_DO, QuestionType.REPORT}
            or verdict is not Verdict.NOT_ALLOWED
        ):
            return []  # (an allowed report already cites what says to report)
        learned = reading.learned
        staff = learned is None or learned.asker not in _NOT_STAFF
        wanted: list[str] = []
        if staff and actor is Actor.PARENT:
            wanted.append(clause_ids.NO_DISCUSSION)
        acceptable_use = {
            c for c in cited if clause_ids.ACCEPTABLE_USE in (c, self.corpus.clause(c).parent)
        }
        if actor is Actor.PUPIL and acceptable_use:
            wanted.append(clause_ids.ACCEPTABLE_USE)  # its closing sentence: report it
        elif actor is Actor.PUPIL and not urgent:
            # (An urgent matter goes to the supervisor today: the referral says so.)
            wanted.append(clause_ids.HELP_EACH_OTHER)
        if actor is Actor.ASKER and staff and cited and cited[0] in clause_ids.STAFF_PUBLICATION:
            wanted.append(clause_ids.IN_DOUBT)
        crime = (
            any(r in clause_ids.OFFENCES for r in reasons)
            or clause_ids.POLICE in cited
            or (
                learned is not None
                and learned.conditions.get(Condition.POSSIBLE_CRIME, 0.0)
                >= self.config.condition_probability
            )
        )
        if crime:
            wanted.append(clause_ids.POLICE)
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        return [c for c in dict.fromkeys(wanted) if c in shown or c in cited][
            : self.config.max_steps
        ]

    def _weigh_learned(
        self,
        retrieval: Retrieval,
        learned: Learned,
        text: str,
        verdict: Verdict,
        cited: list[str],
        basis: DecisionBasis,
        *,
        urgent: bool = False,
        breach: bool = False,
        breach_stated: bool = False,
        pupil_side: bool = False,
        pupil_asks: bool = False,
        asks_own: bool = False,
        leave_own: bool = False,
        names_someone: bool = False,
    ) -> tuple[Verdict, list[str], DecisionBasis]:
        """The case-bank model's reading against the rules' decision.

        Its verdict decides when it is sure (``DecisionConfig.sure_of``: "not
        allowed" from ``learned_strict_confidence``, "it depends" from
        ``learned_confidence``, an "allowed" or "not covered", which lift a
        rule, from ``learned_lenient_confidence``);
        "not covered" also when it is likely or the likeliest, unless the matter
        is urgent, the question states a clause's terms, or asks what follows a
        breach of the protocol (told, or only named beside a consequence unless
        the model is sure at ``breach_outside`` and a matter is told); the
        decisive clause is
        the retrieved clause it finds likeliest, weighed with retrieval (when
        that is an obligation without terms, 1.5's "spreken elkaar daarop aan",
        and the model reads what is asked as allowed, another clause's ban does
        not stand; on an urgent matter only with "allowed" clearly above "not
        allowed", ``urgent_allowed_margin``); then the
        clause's own terms: a condition it reads as stated decides (met →
        allowed, unmet → not allowed, outside → not covered, or allowed when the
        asker asks about their own act and the clause forbids). Never an
        unearned "allowed": an allowed against a prohibition whose exception the
        question does not state is "it depends", unless the ban names the act it
        rules and the model reads the asker's own act as another one, "allowed"
        first (``_beyond_ruled_act``); and the model's own "it
        depends" on a ban's exception that nothing raises is "not allowed"
        (``_exception_unraised``)."""
        cfg = self.config
        ruled_basis = basis
        best, p = learned.best_verdict
        new_verdict = best if cfg.sure_of(best, p) else verdict
        likeliest = learned.likeliest_clause
        sure_of_likeliest = p >= cfg.learned_confidence
        if (
            verdict is Verdict.NOT_COVERED
            and not sure_of_likeliest
            and likeliest is not None
            and self._out_of_reach(
                likeliest, text, names_someone=names_someone, pupil_asks=pupil_asks
            )
        ):
            # The clause the model finds likeliest does not reach the question
            # (holiday photos are images, not of pupils or of school, for 2.4):
            # its verdict on that clause, unless sure (at ``learned_confidence``:
            # the reach's words are a closed list, the model reads any wording),
            # does not overrule "not covered".
            new_verdict = verdict
        outside = learned.verdict.get(Verdict.NOT_COVERED, 0.0)
        reads_outside = outside >= cfg.learned_not_covered or (
            cfg.likeliest_not_covered and best is Verdict.NOT_COVERED
        )
        if (
            not urgent
            and reads_outside
            and not self._rules_read_it(retrieval, text, learned, pupil_asks=pupil_asks)
        ):
            # Matters next to the protocol that it does not rule: the nearest
            # clause's modality would otherwise rule them (never an urgent one,
            # nor a pupil's own contact with their teacher: the friendship rules').
            new_verdict = Verdict.NOT_COVERED
        if (
            breach
            and new_verdict is Verdict.NOT_COVERED
            and (
                breach_stated
                or outside < cfg.breach_outside
                or learned.no_clause < cfg.breach_outside
                or not tells_a_matter(text)
            )
        ):
            # What follows a breach of the protocol is 3.1-3.4's: never "not
            # covered" when one is told. With the protocol only named beside a
            # consequence, a matter told beside it ("…tegen een collega die in
            # vergaderingen op zijn telefoon zit") is "not covered" when the
            # model is sure both that it is outside the protocol and that no
            # clause decides it (``breach_outside``); a question about the
            # protocol's own measures ("welke maatregelen staan er in het
            # protocol?") tells none, and 3.1-3.4 answer it.
            new_verdict = verdict
        if new_verdict is not verdict:
            basis = "learned"
        if not urgent and any(
            self._modality[c] is Modality.SCOPE and self.terms_state(c, learned, text) == "outside"
            for c in self._terms
        ):
            # 0.3: "De richtlijnen hebben betrekking op berichten die gerelateerd
            # zijn aan de school…": the question says there is no such link.
            new_verdict = Verdict.NOT_COVERED
        if new_verdict is Verdict.NOT_COVERED:
            return new_verdict, cited if verdict is Verdict.NOT_COVERED else [], "not_covered"
        shown = {
            c
            for c in retrieval.retrieved_clause_ids(cfg.retrieved_depth) & set(self._modality)
            # A clause that only sets the scene (0.2's risks) decides nothing unless
            # the model finds it a possible rule (0.1's definition of social media).
            if self._modality[c] is not Modality.CONTEXT or learned.clauses.get(c, 0.0) > 0.0
        }
        scores = {h.id: h.score for h in retrieval.clauses}
        top = max(scores.values(), default=0.0) or 1.0
        if not shown:
            return new_verdict, cited, basis
        # A clause about someone or something the question never names (pupils
        # for 2.1, images of pupils or of school for 2.4, the school's network
        # for 1.11) does not decide it, unless it is the one whose verdict the
        # model is sure of (as above).
        shown = {
            c
            for c in shown
            if (c == likeliest and sure_of_likeliest)
            or not self._out_of_reach(c, text, names_someone=names_someone, pupil_asks=pupil_asks)
        } or shown
        candidates = self._whose(shown, learned, asker_side=pupil_side, own=leave_own)
        # A clause the model is sure decides stays a candidate whoever the rule
        # addresses ("mag ik mijn klas hun mobiel laten gebruiken": 1.6, the
        # pupils' rule, names the teacher's permission); a pupils' rule it finds
        # likely stays one too, for staff follow it where section 2 is silent
        # (2.0: "my Magister password to my TA" is 1.10's).
        candidates |= {
            c
            for c in shown
            if learned.clauses.get(c, 0.0) >= cfg.learned_clause_confidence
            or (
                learned.clauses.get(c, 0.0) >= cfg.likeliest_rule
                and Audience.PUPILS in self._audience[c]
            )
        }
        decisive = max(
            sorted(candidates),
            key=lambda c: (
                learned.clauses.get(c, 0.0)
                + cfg.learned_retrieval_weight * scores.get(c, 0.0) / top
            ),
        )
        if cited[:1] != [decisive]:
            basis = "learned"
        new_cited = self._first(decisive, cited)
        state = self.terms_state(decisive, learned, text)
        if (
            state == "unknown"
            and decisive in clause_ids.PUBLICATION_TERMS
            and best is Verdict.ALLOWED
            and p >= cfg.learned_lenient_confidence
            and (stated := self._other_publication_rule(decisive, "met", learned, text, shown))
        ):
            # "Views are my own" (2.2) while 2.3's terms go unmentioned, and the
            # model is sure it is allowed: the publication rule whose exception
            # the question states is decisive.
            decisive, state = stated, "met"
            new_cited = self._first(decisive, new_cited)
        if (
            state == "met"
            and decisive in clause_ids.PUBLICATION_TERMS
            and (
                barred := self._other_publication_rule(
                    decisive, "unmet", learned, text, clause_ids.PUBLICATION_TERMS
                )
            )
        ):
            # A publication marked as private that holds confidential
            # information is still barred (2.3), and the reverse (2.2).
            decisive, state = barred, "unmet"
            new_cited = self._first(decisive, new_cited)
        if (
            state == "unknown"
            and not urgent
            and self._beyond_ruled_act(decisive, learned, pupil_side=pupil_side, own=leave_own)
        ):
            # "Mag ik de moeder terugappen dat ik haar graag op school spreek?": the
            # ban bars a discussion (2.5); the model reads the asker's own act as
            # another one, and "allowed" as its likeliest verdict (two readings
            # that agree, however unsure the second): beyond the ban.
            return Verdict.ALLOWED, [decisive], "learned"
        if (
            state == "outside"
            and not urgent
            and not (
                # (2.4 is staff's: a pupil's own image is 1.8's to rule)
                decisive == clause_ids.STAFF_IMAGES and pupil_asks
            )
        ):
            # (Never on an urgent matter: the one outside the clause may only
            # be who tells of it.)
            if (
                asks_own
                and self._modality[decisive] is Modality.PROHIBITION
                and Condition.PARENT_PARTY not in self.conditions.said(decisive, text)
            ):
                # "Mag ik een oud-leerling accepteren?": the ban does not reach
                # them, so the asker's own act is not forbidden by it. (A pupil's
                # parent: the protocol rules no friendship with parents at all.)
                if (
                    decisive == clause_ids.STAFF_IMAGES
                    and Condition.NO_PUPILS_PICTURED in self.conditions.said(decisive, text)
                    and clause_ids.SCHOOL_TOPICS in shown
                    and self.terms_state(clause_ids.SCHOOL_TOPICS, learned, text) != "unmet"
                ):
                    # A classroom or a mural, no pupil in it: a school topic
                    # staff may publish (2.3), not 2.4's images of pupils.
                    return Verdict.ALLOWED, [clause_ids.SCHOOL_TOPICS, decisive], "learned"
                return Verdict.ALLOWED, [decisive], "learned"
            return Verdict.NOT_COVERED, [decisive], "not_covered"
        if (
            new_verdict is Verdict.NOT_ALLOWED
            and new_verdict is verdict
            and cited[:1] != [decisive]
            and self._modality[decisive] is Modality.OBLIGATION
            and decisive not in self._terms
            and best is Verdict.ALLOWED
            and (
                not urgent
                or p - learned.verdict.get(Verdict.NOT_ALLOWED, 0.0) >= cfg.urgent_allowed_margin
            )
        ):
            # The rules' "not allowed" is another clause's ban; the clause that
            # decides asks something of the asker ("we spreken elkaar daarop
            # aan", "dan vragen we daarvoor hulp aan onze leraar/mentor": 1.5),
            # and the model reads what is asked as allowed: doing what that
            # clause asks. Not an obligation with terms a question must meet
            # (2.2's "namens de school" or "als privépersoon"); on an urgent
            # matter only when the model reads "allowed" clearly above "not
            # allowed" (leave to wait is read near a tie); the model's "it
            # depends" is no such reading (a reply to complaining parents
            # stays 2.5's ban).
            new_verdict = best
        if (
            new_verdict is Verdict.CONDITIONAL
            and verdict is Verdict.NOT_ALLOWED
            and self._exception_unraised(decisive, learned, text)
        ):
            # An "it depends" needs something to depend on: the decisive ban's
            # exception ("tenzij … professioneel account") is never raised, so
            # "not allowed" stands ("May I follow him back?"); the rules' own
            # reading when they cited that ban first.
            new_verdict = Verdict.NOT_ALLOWED
            basis = ruled_basis if cited[:1] == [decisive] else "learned"
        if state == "unmet":
            new_verdict = Verdict.NOT_ALLOWED
        elif new_verdict is Verdict.NOT_ALLOWED and (
            state == "open"
            or (state == "partly" and not (best is Verdict.NOT_ALLOWED and cfg.sure_of(best, p)))
        ):
            # What the clause bars has not happened (a pupil follows, not
            # followed back), or its exception is half stated ("via Parro",
            # consent unmentioned) and the model is not sure it is barred: it
            # turns on the rest, never a flat no.
            new_verdict = Verdict.CONDITIONAL
        elif (
            state == "met"
            # (a "not allowed" the model is no surer of than an "it depends"
            # does not outweigh an exception stated)
            and not (best is Verdict.NOT_ALLOWED and p >= cfg.learned_confidence)
            and (
                # Said in so many words it is certain; read by the model alone
                # it is a guess, which the model's own sure verdict outweighs.
                self.terms_state(decisive, None, text) == "met"
                or not (best is Verdict.CONDITIONAL and cfg.sure_of(best, p))
            )
        ):
            # The clause's own exception is stated: it allows what it otherwise
            # forbids (a rule or precedent about the general case does not)...
            new_verdict = Verdict.ALLOWED
            new_cited = [c for c in new_cited if self._modality[c] is not Modality.SANCTION]
            if learned.verdict.get(Verdict.NOT_ALLOWED, 0.0) > learned.verdict.get(
                Verdict.ALLOWED, 0.0
            ) or (
                learned.verdict.get(Verdict.ALLOWED, 0.0) < cfg.model_met_allowed
                and self.terms_state(decisive, _unconditioned(learned), text) != "met"
            ):
                # ...unless the model reads the question as rather forbidden: a
                # cue may state one condition ("geen namen") while the question
                # breaks another ("de naam van de school niet schaden"). Two
                # readings that disagree get "it depends", never an unearned yes.
                # So too an exception only the model's condition heads read
                # (no words of the question say it) while its own "allowed" is
                # below ``model_met_allowed``: its guess of the condition is not
                # its verdict.
                new_verdict = Verdict.CONDITIONAL
        # The rule the model finds likeliest, when another clause decides: its
        # terms must allow it too ("mag ik het filmpje posten? meneer wil het
        # niet": 1.8, even when a staff duty such as 2.2 is decisive).
        likeliest = learned.likeliest_clause or decisive
        if new_verdict is Verdict.ALLOWED and (
            (
                state != "met"
                and not self._sure_allowed(learned, state)
                and self._unearned(decisive, best, p)
            )
            or (
                likeliest != decisive
                and likeliest in self._modality
                and learned.clauses[likeliest] >= cfg.likeliest_rule
                and (likeliest_state := self.terms_state(likeliest, learned, text))
                not in {"met", "outside"}
                and not self._sure_allowed(learned, likeliest_state)
                # A condition to state (1.8's permission), or a ban; not 2.3's
                # "mits geen…", which a publication meets by saying nothing.
                and (
                    self._modality[likeliest] is Modality.PROHIBITION
                    or bool(likeliest in self._terms and self._terms[likeliest].met)
                )
                and self._unearned(likeliest, best, p)
            )
        ):
            new_verdict = Verdict.CONDITIONAL
        if new_verdict is not verdict:
            basis = "learned"
        return new_verdict, new_cited, basis

    def _sanction_pairs(self, cited: list[str], retrieval: Retrieval) -> list[str]:
        """What follows, asked: a side's dossier clause and its measures clause
        are cited together (``clause_ids.SANCTION_PAIRS``), when retrieval shows
        both."""
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        new = list(cited)
        for first, second in clause_ids.SANCTION_PAIRS:
            for have, other in ((first, second), (second, first)):
                if have in new and other not in new and other in shown:
                    new.insert(new.index(have) + (have == first), other)
        return new

    def _shown(self, cited: list[str], retrieval: Retrieval) -> list[str]:
        """Only clauses retrieval shows are cited (the top ``retrieved_depth``
        and their precedents' clauses): a rule that made a clause lower down
        decisive or kept it beside (the privacy rule for personal data) cites
        it only when shown, the first cited clause if none is."""
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        return [c for c in cited if c in shown] or cited[:1]

    def _supported(self, cited: list[str], reading: Reading) -> list[str]:
        """The decisive clause, and of the clauses cited beside it those the
        case-bank model also finds among the likely rules: retrieval ranks
        neighbours of the decisive rule high that do not bear on the question.
        A sanction stays (what follows a breach, or the police), and so does the
        privacy rule when the question holds someone's personal data."""
        learned = reading.learned
        if learned is None:
            return cited
        floor = self.config.support_probability
        return cited[:1] + [
            c
            for c in cited[1:]
            if learned.clauses.get(c, 0.0) >= floor
            or self._modality[c] is Modality.SANCTION
            or (c == clause_ids.PRIVACY and reading.personal_data)
        ]

    def _with_likeliest(
        self, cited: list[str], retrieval: Retrieval, reading: Reading
    ) -> list[str]:
        """The rule the case-bank model finds likeliest to decide the question is
        cited beside the decisive clause when retrieval showed it too
        (``likeliest_citation``): the rules and the model each find the
        decisive rule where the other misses it."""
        learned = reading.learned
        likeliest = learned.likeliest_clause if learned else None
        if learned is None or likeliest is None or not cited:
            return cited
        if (
            likeliest in cited
            or learned.clauses[likeliest] < self.config.likeliest_citation
            or learned.no_clause >= learned.clauses[likeliest]  # likelier: no rule at all
            or likeliest not in retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        ):
            return cited
        if len(cited) < self.config.max_citations:
            return [*cited, likeliest]
        # Full: it takes the place of the least likely clause cited beside the
        # decisive one, unless the rules put that one there for what the question
        # asks (a sanction or the police, the privacy rule, 2.6 in doubt).
        replaceable = [
            c
            for c in cited[1:]
            if self._modality[c] is not Modality.SANCTION
            and c not in {clause_ids.PRIVACY, clause_ids.IN_DOUBT}
            and learned.clauses.get(c, 0.0) < learned.clauses[likeliest]
        ]
        if not replaceable:
            return cited
        weakest = min(replaceable, key=lambda c: learned.clauses.get(c, 0.0))
        return [likeliest if c == weakest else c for c in cited]

    def _sure_allowed(self, learned: Learned, state: str) -> bool:
        """The model reads "allowed" surely and "not allowed" as next to impossible
        (``learned_sure_allowed``), or "allowed" as surely as it lifts a rule with
        "it depends" and "not allowed" unlikely (``learned_plain_allowed_condition``,
        ``learned_plain_allowed_no``): what the question asks is not what the
        clause forbids, though it does not state the clause's terms ("mag ik in
        Parro antwoorden hoe laat de bus terug is?" next to 2.5's "niet in
        discussie").
        Not where the question states part of the terms and leaves the rest open
        (2.4's school channel, the consent unsaid, ``state`` "partly"): that rest
        is what it turns on."""
        cfg = self.config
        allowed = learned.verdict.get(Verdict.ALLOWED, 0.0)
        return state != "partly" and (
            (
                allowed >= cfg.learned_sure_allowed
                and learned.verdict.get(Verdict.NOT_ALLOWED, 0.0) < cfg.learned_sure_allowed_no
            )
            or (
                allowed >= cfg.learned_lenient_confidence
                and learned.verdict.get(Verdict.CONDITIONAL, 0.0)
                <= cfg.learned_plain_allowed_condition
                and learned.verdict.get(Verdict.NOT_ALLOWED, 0.0) <= cfg.learned_plain_allowed_no
            )
        )

    def _unearned(self, clause_id: str, best: Verdict, p: float) -> bool:
        """An "allowed" would be unearned under this clause when the question does
        not state its terms: a prohibition, or a permission "mits…" with terms."""
        modality = self._modality[clause_id]
        if modality is Modality.PROHIBITION:
            return True
        return (
            modality is Modality.CONDITIONAL_PERMISSION
            and clause_id in self._terms
            # "mits het geen vertrouwelijke … informatie betreft" (2.3) asks for
            # no sign of a breach, not for words that state one is absent: the
            # model's sure "allowed" stands.
            and not (
                not self._terms[clause_id].met
                and best is Verdict.ALLOWED
                and p >= self.config.learned_lenient_confidence
            )
        )

    def _first(self, decisive: str, cited: list[str]) -> list[str]:
        """``cited`` with ``decisive`` in front, at most ``max_citations``."""
        return [decisive, *[c for c in cited if c != decisive]][: self.config.max_citations]

    def _other_publication_rule(
        self,
        decisive: str,
        state: str,
        learned: Learned,
        text: str,
        among: Collection[str],
    ) -> str | None:
        """The other publication rule (2.2 or 2.3, among ``among``) whose terms
        the question states as ``state``."""
        return next(
            (
                c
                for c in clause_ids.PUBLICATION_TERMS
                if c != decisive and c in among and self.terms_state(c, learned, text) == state
            ),
            None,
        )

    def _about_befriending(self, retrieval: Retrieval) -> bool:
        """A rule about whom one befriends (1.12, 2.1) is among the best ruling clauses."""
        ruling = self._ruling_clauses(retrieval)[: self.config.subject_depth]
        return any(c in clause_ids.FRIENDSHIP for c in ruling)

    def _out_of_reach(
        self, clause_id: str, text: str, *, names_someone: bool, pupil_asks: bool
    ) -> bool:
        """The clause does not reach the question: it is about someone or something
        the question never names (``ClauseConditions.without_subject``). A person
        the question named (taken out before it is read) may be the pupil a rule
        about pupils is about; a pupil asking about their own teacher is the
        friendship rules' subject."""
        if not self.conditions.without_subject(clause_id, text):
            return False
        if names_someone and self.conditions.about_pupils(clause_id):
            return False
        return not (pupil_asks and clause_id in clause_ids.FRIENDSHIP)

    def _subject_elsewhere(self, ruling: list[str], clause_id: str, text: str) -> bool:
        """Another ruling clause near the top is about someone or something the question names."""
        return any(
            c != clause_id
            and self.conditions.has_subject(c)
            and not self.conditions.without_subject(c, text)
            for c in ruling[: self.config.subject_depth]
        )

    def _states_terms(self, retrieval: Retrieval, text: str, learned: Learned) -> bool:
        """The question states, in so many words, that a retrieved clause's own
        condition is unmet ("het telefoonnummer van een andere ouder": personal
        information for 2.3), or met ("mijn docent zei dat we mochten") for a
        clause the model finds at least ``stated_terms_clause`` likely to decide,
        or the model is sure both of the clause that decides and that its
        condition is stated ("a pupil follows my private Instagram": 2.1, a
        private account): it is in scope, whatever the model's verdict head
        guesses (no "not covered" from it, and no ``_doubted``)."""
        shown = retrieval.retrieved_clause_ids(self.config.retrieved_depth)
        sure = self.config.learned_clause_confidence
        return any(
            (
                (said := self.terms_state(c, None, text)) == "unmet"
                or (
                    said == "met" and learned.clauses.get(c, 0.0) >= self.config.stated_terms_clause
                )
            )
            or (
                learned.clauses.get(c, 0.0) >= sure
                and self.terms_state(c, learned, text) in {"met", "unmet"}
            )
            for c in sorted(shown & set(self._terms))
            if self._modality[c] is not Modality.SCOPE
        )

    def _measures_when_asked(
        self, cited: list[str], asked: QuestionType, reading: Reading
    ) -> list[str]:
        """Leave asked in so many words ("mag ik…", ``Reading.asks_leave``) and
        answered as such, and what follows not asked (``Reading.consequences``):
        the measures (3.1-3.4) are not cited beside the rule that decides (3.5's
        police report stays)."""
        if asked is not QuestionType.MAY_I or not reading.asks_leave or reading.consequences:
            return cited
        return cited[:1] + [c for c in cited[1:] if c not in self._sanctions]

    def _one_side_of_images(
        self, cited: list[str], reading: Reading, *, pupil_asks: bool
    ) -> list[str]:
        """Both image rules cited first, staff's (2.4) and pupils' and parents'
        (1.8), and whose conduct it is read (``_whose``: a pupil or parent asking,
        in words or as the model reads who asks, or the model's reading of whose
        conduct it is): the other side's rule goes (a teacher's own posting is
        2.4's, not 1.8's). Only when the first rule cited is the one that fits;
        the decisive clause itself always stays."""
        learned = reading.learned
        images = {clause_ids.STAFF_IMAGES, clause_ids.SCHOOL_IMAGES}
        if learned is None or not images <= set(cited[:2]):
            return cited
        fitting = self._whose(
            images,
            learned,
            asker_side=pupil_asks or reading.parent_asks,
            own=reading.asks_leave_for_own_act,
        )
        if len(fitting) != 1 or cited[0] not in fitting:
            return cited
        return [c for c in cited if c in fitting or c not in images]

    def _whose(
        self, clause_ids: set[str], learned: Learned, *, asker_side: bool = False, own: bool = False
    ) -> set[str]:
        """The clauses for the people whose conduct is at issue, as the model reads
        it: a pupil's or parent's conduct is not ruled by a staff rule, a staff
        member's own conduct not by a pupils' rule (all of them when none fits).
        A pupil or parent who asks (``asker_side``, or whom the model reads as a
        parent or pupil asking) about their own conduct or their child's ("my
        teacher said we could…", "mijn zoon…") is on the pupils' side: when the
        model reads the conduct as the asker's, a pupil's or a parent's, or the
        question's words ask leave for the asker's own act (``own``: "kan ik
        mijn juf toevoegen op Snapchat?", unless the model is sure the conduct is a
        colleague's or an outsider's; not "wat moet ik doen?" about a teacher's
        post)."""
        pupils_side = frozenset({Audience.PUPILS, Audience.PARENTS})
        staff_only = frozenset({Audience.STAFF})
        asker_side = asker_side or self._reads_asker_not_staff(learned)
        # (Words asking leave for one's own act do not outweigh a model sure that
        # the conduct is a colleague's or an outsider's.)
        own = own and not self._sure_of_others(learned)
        if asker_side and (own or learned.actor in {Actor.ASKER, Actor.PUPIL, Actor.PARENT}):
            return {c for c in clause_ids if not self._audience[c] <= staff_only} or clause_ids
        if learned.actor_p < self.config.actor_probability:
            return clause_ids
        if learned.actor in {Actor.PUPIL, Actor.PARENT}:
            fitting = {c for c in clause_ids if not self._audience[c] <= staff_only}
        elif learned.actor in {Actor.ASKER, Actor.COLLEAGUE} and learned.asker not in _NOT_STAFF:
            fitting = {c for c in clause_ids if not self._audience[c] <= pupils_side}
        else:
            return clause_ids
        return fitting or clause_ids

    def _grants(self, terms: ClauseTerms, learned: Learned | None) -> bool:
        """The model reads the asker as one who grants the clause's permission
        (``ClauseTerms.granted_by``, its first ``met`` condition), asking about
        their own act."""
        return (
            learned is not None
            and learned.asker in terms.granted_by
            and learned.asker_p >= self.config.actor_probability
            and learned.actor == Actor.ASKER
            and learned.actor_p >= self.config.actor_probability
        )

    def terms_state(self, clause_id: str, learned: Learned | None, text: str) -> str:
        """Whether the question states the clause's terms (``Clause.terms``) as
        "met", "unmet" or "outside", as leaving the ruling "open"
        (``ClauseTerms.open``, stated in words), its first condition only as
        met, or a ban's exception of one condition as read by the model in part
        (``exception_open``; both "partly"), or leaves them "unknown" (or it has
        none)."""
        terms = self._terms.get(clause_id)
        if terms is None:
            return "unknown"
        # Words that take a condition back ("nog ingeschreven") outweigh the
        # model's reading of it as well.
        taken_back = self.conditions.taken_back(clause_id, text)
        sure = {
            c
            for c, p in (learned.conditions if learned else {}).items()
            if p >= self.config.condition_probability
        } - taken_back
        # What the question says in so many words is certain; the model's
        # reading is sure or not.
        said = self.conditions.said(clause_id, text)
        if (sure | said) & set(terms.outside):
            return "outside"
        if self.conditions.unmet(clause_id, text) or said & set(terms.unmet):
            return "unmet"
        if terms.unmet_together and all(
            c in sure | said
            or (terms.met[:1] == [c] and self.conditions.exception_applies(clause_id, text))
            for c in terms.unmet_together
        ):
            # 2.2: a private opinion on the school's own account is neither
            # clearly the school's nor clearly one's own.
            return "unmet"
        # The clause's exception in its own words (the cues name its first
        # condition) outweighs the model's guess that it is unmet; the model's
        # guesses among themselves: unmet first.
        if self.conditions.exception_applies(clause_id, text) and (
            not terms.met or sure | said | {terms.met[0]} >= set(terms.met)
        ):
            return "met"
        if sure & set(terms.unmet):
            return "unmet"
        if (
            terms.met
            and self._grants(terms, learned)
            and self.conditions.names_grantee(clause_id, text)
        ):
            # "Mag ik mijn klas een kahoot laten doen op hun mobiel?": the
            # teacher asking is who gives 1.6's permission.
            said = said | {terms.met[0]}
        if terms.met and sure | said >= set(terms.met):
            return "met"
        if said & set(terms.open):
            # 2.1: a pupil follows, not followed back.
            return "open"
        read = learned.conditions if learned else {}
        if (
            terms.met[1:]
            and not any(read.get(c, 0.0) >= self.config.open_doubt for c in terms.unmet)
            and (
                terms.met[0] in said
                or read.get(terms.met[0], 0.0) >= self.config.open_probability
                or self.conditions.exception_applies(clause_id, text)
            )
        ):
            # 2.4: the school's own channels stated, its rules for publishing
            # (the pupils' consent) left open.
            return "partly"
        if (
            terms.exception
            and len(terms.met) == 1
            and terms.met[0] not in taken_back
            and read.get(terms.met[0], 0.0) >= self.config.exception_open
            and not any(read.get(c, 0.0) >= self.config.open_doubt for c in terms.unmet)
        ):
            # 2.1: a separate account for the class raised, whether anything
            # personal is on it left open.
            return "partly"
        return "unknown"


def _unconditioned(learned: Learned) -> Learned:
    """The model's reading without its condition heads: what the question says
    in words, and who the model reads as asking (the grantee of 1.6's
    permission), but no condition the model alone reads as stated."""
    return learned.model_copy(update={"conditions": {}})
