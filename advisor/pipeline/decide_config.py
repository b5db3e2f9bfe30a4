"""The decision stage's thresholds and the verdict each modality gives."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.models import Modality, Verdict

# Modalities that rule on conduct (the others are context and scope).
RULING = frozenset(
    {
        Modality.PROHIBITION,
        Modality.PERMISSION,
        Modality.CONDITIONAL_PERMISSION,
        Modality.OBLIGATION,
        Modality.PROCEDURE,
        Modality.SANCTION,
    }
)

BY_MODALITY = {
    Modality.PROHIBITION: Verdict.NOT_ALLOWED,
    Modality.SANCTION: Verdict.NOT_ALLOWED,
    Modality.PERMISSION: Verdict.ALLOWED,
    Modality.CONDITIONAL_PERMISSION: Verdict.CONDITIONAL,
    Modality.OBLIGATION: Verdict.CONDITIONAL,
    Modality.PROCEDURE: Verdict.CONDITIONAL,
}

# The verdicts that lift a rule: the model needs more certainty to give them.
LENIENT = frozenset({Verdict.ALLOWED, Verdict.NOT_COVERED})
# The model's verdicts that may stand against a "not allowed" it finds unlikely
# (``DecisionConfig.learned_doubt_not_allowed``).
DOUBTS = frozenset({Verdict.CONDITIONAL, Verdict.NOT_COVERED})

# The order of caution: when two readings disagree and safety decides, the
# higher one is shown.
CAUTION = {
    Verdict.NOT_ALLOWED: 3,
    Verdict.CONDITIONAL: 2,
    Verdict.NOT_COVERED: 1,
    Verdict.ALLOWED: 0,
}


@dataclass(frozen=True)
class DecisionConfig:
    """Thresholds, calibrated by a grid on half of evals/cases (even positions)
    and checked on the other half.

    Similarities are cosine similarities of the dense embedder (USE by default);
    ``min_lexical`` is a BM25 score in the question's language.
    """

    # Below both of these the evidence is too weak to rule on...
    min_clause_similarity: float = 0.20
    min_lexical: float = 3.5
    # ...and so it is when similarity plus this share of the BM25 score stays
    # below ``min_evidence`` (one signal can make up for the other: a long
    # scenario-like question is less similar to any clause, yet shares words).
    lexical_evidence_weight: float = 0.1
    min_evidence: float = 0.5
    # With no dense signal (ADVISOR_EMBEDDING_BACKEND=none) BM25 decides alone.
    min_lexical_alone: float = 2.5
    # An urgent question (threat, possible crime, a pupil's safety) is never
    # answered "not covered" for weak evidence alone: it gets the nearest rule.
    urgent_overrides_weak: bool = True
    # A decision of the school's leadership (an approved precedent from the log)
    # on this very question decides it: as close in meaning as this (dense), or
    # sharing this share of its content words, among the first few precedents.
    school_similarity: float = 0.85
    school_overlap: float = 0.75
    school_depth: int = 3
    # A precedent at least this similar decides the verdict.
    precedent_similarity: float = 0.55
    # ...if its decisive clause is among this many best clauses.
    precedent_clause_depth: int = 2
    # ...and, when it allows what a prohibition bars, if the question states
    # the clause's exception or reach as the precedent does (``Clause.terms``).
    precedent_shares_exception: bool = True
    # A not_covered precedent at least this similar makes the answer not_covered,
    # provided it is also this much closer than the best clause and the best
    # precedent that rules (a case outside the protocol must fit better than
    # any rule or ruled case).
    not_covered_similarity: float = 0.30
    not_covered_margin: float = 0.0
    # ...looking among this many best-ranked precedents, and only when no
    # clause shares more than this much with the question's own words (BM25):
    # a question that uses a clause's words is about that clause.
    not_covered_depth: int = 2
    not_covered_max_lexical: float = 2.5
    # ...and its clauses (the rule just outside of which the case falls) are cited.
    cite_boundary: bool = True
    # A conditional permission among this many best ruling clauses whose
    # condition the question says is unmet decides (not allowed).
    unmet_depth: int = 3
    # A staff member asking about their own conduct ("mag ik…") is answered by
    # the staff rule (section 2) on the matter when one is among this many best
    # ruling clauses and scores at least ``own_conduct_ratio`` of the best,
    # before a rule written for pupils (2.0: "in addition").
    own_conduct_depth: int = 3
    own_conduct_ratio: float = 0.85
    # A question with someone's personal data turns on the privacy clause (1.7)
    # when it is among this many best ruling clauses.
    privacy_depth: int = 5
    # A question that names no online medium, device, account or sharing is
    # outside the protocol (0.1, 0.3): not covered, unless it is urgent.
    require_online_topic: bool = True
    # A question whether to pass something on to the mentor or supervisor is
    # answered "allowed" with the clauses that say to do so.
    reporting_allowed: bool = True
    # Extra clauses are cited when their score is at least this share of the best.
    support_ratio: float = 0.7
    max_citations: int = 2
    # A clause cited beside the decisive one needs at least this probability
    # as the decisive rule in the case-bank model's reading (its likeliest
    # eight): on the retired blind sets, citation precision .753 -> .792 for
    # a required clause cited .759 -> .756.
    support_probability: float = 0.02
    # The model's likeliest decisive rule is cited beside the decisive clause
    # from this probability (and when retrieval showed it). Each of eleven
    # writers held out (3,200 cases): a decisive clause cited .623 -> .649,
    # citation precision .647 -> .648 (.3: .640).
    likeliest_citation: float = 0.2
    # A precedent's further clauses are cited when among this many best clauses.
    precedent_support_depth: int = 3
    # Clauses can be cited only when among this many best (or applied by one of
    # this many best precedents): what retrieval showed.
    retrieved_depth: int = 5
    # The case-bank model (``pipeline.learned``), weighed against the rules
    # above; chosen on the bank with each writer held out, then checked on
    # ``evals/cases`` and ``evals/holdout``.
    # A clause it finds this likely is a candidate for the decisive one (whoever
    # the rule addresses) and states its terms (``_states_terms``).
    learned_clause_confidence: float = 0.5
    # Its "it depends" decides when its probability is at least this; so does
    # any verdict that makes an urgent answer stricter, and a "not allowed"
    # needs this much to outweigh a clause's exception stated in words...
    learned_confidence: float = 0.5
    # ...a "not allowed", which makes an answer stricter, from this. Five
    # writer-grouped folds of the 6,200 cases of w1-w31 (w32-w57 in every fold's
    # training): every verdict and clause at .5 .7376 with 41 permissive
    # answers; every verdict and clause at .4 .7419 (39), .35 .7419 (38); every
    # verdict at .4, clauses at .5, .7416; "not allowed" alone at .4 .7394 (40), as here.
    # The tuned sets (cases, holdout, blind2-22), on the same bank: 1,884 of
    # 2,231 right at .5 (39 permissive), 1,895 (37) with every verdict at .4,
    # 1,894 (39) with "not allowed" alone. An "it depends" at .4 as well turns the rules' "not
    # allowed" for "may I follow a pupil back?" into "it depends" (2.1's
    # professional account, unmentioned), where the labels of the short bank
    # and eval questions about following or befriending a pupil that name no
    # account say "not allowed" alone 24 times in 38: it stays at .5.
    learned_strict_confidence: float = 0.4
    # ...and an "allowed" or "not covered" (``LENIENT``: they lift a rule) from
    # this: an "allowed" as unsure leaves the rules' "it depends" standing.
    # Five writer-grouped folds of the 6,200 cases of w1-w31 (w32-w47 in every
    # fold's training), with the nearest questions' vote in the verdict: .6 for
    # every verdict .7265, .5 for every verdict .7352 with 41 permissive
    # answers; without the vote, .6 (and .5 for "not allowed") .7337 with 45.
    learned_lenient_confidence: float = 0.6
    # The asker asks leave for their own step of telling or reporting (the
    # model's ``own_step`` head: class-balanced, so a score, not a probability at
    # the bank's base rate) from this: the step is allowed. Five writer-grouped
    # folds of the 6,200 cases of w1-w31 (w32-w59 in every fold's training): off
    # .7519 (37 permissive), .6 .7558 (40), .7 .7548 (39), .8 .7545 (39).
    own_step_probability: float = 0.7
    # A "not allowed" that the model finds this unlikely gives way to its
    # likeliest verdict when that is "not covered" or "it depends" (``DOUBTS``;
    # ``Decider._doubted``). Five writer-grouped folds of the 6,200 cases of
    # w1-w31 (w32-w59 in every fold's training): off 4,676 right (74
    # permissive), at .2 4,687 (74). Without ``_doubted``'s guards (a ban the
    # question's own terms decide, a possible offence the model made decisive,
    # what follows) .2 gave 4,701, .25 4,701, .3 4,702, but lifted such bans;
    # letting an "allowed" the model reads stand as "it depends" as well gave
    # 4,707, and on the tuned sets 17 answers lost for 18 gained.
    learned_doubt_not_allowed: float = 0.2
    # ...and a "not allowed" below ``tie_not_allowed`` that the model's "it
    # depends" comes within ``tie_margin`` of: a near tie is a doubt too, "it
    # depends" (with the same guards). Session 39 (exception_open .3), tuned
    # sets (4,331): 3,755 without, 3,767 at .5/.1 (25 gained, 13 lost), 3,766
    # at .5/.05, 3,764 at .5/.15, 3,767 at .6/.1 and .4/.1, 3,768 at .45/.1;
    # held-back batches w79-w88 (1,499): 6 gained, 3 lost; permissive
    # unchanged (22; 16 on w85-w88).
    tie_not_allowed: float = 0.5
    tie_margin: float = 0.1
    # On a matter the model finds urgent, an obligation that decides (1.5: tell
    # the mentor) lifts another clause's ban only when the model reads "allowed"
    # at least this far above "not allowed" (``Decider._weigh_learned``): leave
    # to wait is read near a tie. Five writer-grouped folds (w1-w31) at .1:
    # 4,706 of 6,200 right (70 permissive); with neither this margin nor the
    # exclusion of obligations with terms (2.2): 4,708 (72).
    urgent_allowed_margin: float = 0.1
    # A question that never names the subject of the clause it was matched to
    # (pupils for 2.1, images for 2.4) falls outside the protocol only when the
    # model also finds "not covered" at least this likely; else another
    # clause, about what the question does name, rules it.
    subject_not_covered: float = 0.2
    # ...nor when another clause among this many best ruling clauses is about
    # someone or something the question does name.
    subject_depth: int = 3
    # ...and "not covered" already at this probability, unless the matter is
    # urgent (held-out writers, 2,700 cases: .5 → .45 not covered 296 → 308 of
    # 508, verdict .733 → .736; .4 reaches 322 but turns more ruled questions of
    # the tuned sets not covered: porn on a school Chromebook, a shared password).
    learned_not_covered: float = 0.45
    # ...or when "not covered" is the model's likeliest verdict. The same folds
    # (without the vote): verdict .7337 -> .7365, not covered 757 -> 799 of
    # 1,150, a decisive clause cited .710 -> .701, permissive answers unchanged.
    likeliest_not_covered: bool = True
    # What follows a breach of the protocol (3.1-3.4) is never "not covered"
    # when the question says someone does not keep to the protocol ("what
    # happens if a colleague does not follow the protocol?", which 3.1 rules, is
    # read "not covered" at .86). A consequence asked beside the protocol's name
    # only, with a matter told ("welke maatregelen kan ik op grond van dit
    # protocol nemen" against a colleague on the phone in meetings), is "not
    # covered" when the model finds it outside the protocol, and no clause
    # decisive, each at least this surely; above 1 never. Five writer-grouped
    # folds of the whole bank (`advisor bench train --cv`), against never: at .6
    # on "not covered" alone 20 more answers right, none lost, but a review's
    # probes showed ruled matters read outside at .50-.65 ("een collega volgt
    # leerlingen op TikTok. Welke maatregelen…" .65); at .7 on both 11 more
    # right, none lost, and those probes stay ruled.
    breach_outside: float = 0.7
    # A matter the screen flags (urgent words) or the rules read as an offence
    # is "not covered" only when the model finds it so at least this surely and
    # does not read it as urgent (``urgent_probability``); above 1 never. Five
    # writer-grouped folds of w1-w31 (6,200): never 4,750 right; .8 4,752; .7
    # 4,754; .6 4,758; .5 4,763 (16 gained, 3 lost, permissive unchanged).
    flagged_not_covered: float = 0.5
    # Weak retrieval evidence (a short question in other words than the
    # clause's: "mag ik een leerling volgen op tiktok?") is "not covered" only
    # when the model does not read a ruled matter: with its "not covered" and
    # its "no clause rules it" both below this, the clauses decide. 0 turns it off.
    learned_covered: float = 0.15
    # The decisive clause: the retrieved clause with the highest bank
    # probability plus this weight times its retrieval score (relative to the best).
    learned_retrieval_weight: float = 0.3
    # A condition the model reads this surely is taken as stated (``Clause.terms``).
    # Five writer-grouped folds of the 6,200 cases of w1-w31, with w32-w43 in
    # every fold's training: .7 gives verdict .7281 with 55 permissive answers,
    # .8 .7271 with 49 (w40-w43's condition triples made the heads read "met"
    # more often; .8 keeps the permissive count where it was without them).
    condition_probability: float = 0.8
    # An exception the model's condition heads alone read as stated (no cue
    # says it in words; the model's reading of who asks, the grantee of 1.6's
    # permission, counts as said) allows only when the model's own "allowed"
    # is at least this; below, "it depends" on that exception. w60-w66 (1,050
    # cases, many of them a condition stated in everyday words) made the
    # condition heads read "met" more often again. Five writer-grouped folds
    # of the 9,560 cases of w1-w59 (w60-w66 in every fold's training): 0
    # gives 7,310 right with 77 permissive answers, .4 7,307 (68), .5 7,292
    # (59); without w60-w66 and this, 7,284 (66). A review found the price:
    # exceptions said in everyday words the cues lack ("all eight said yes")
    # turn into "it depends" (w60-w72 in every fold's training: 0 7,348 (65),
    # .4 7,344 (60), .5 7,330 (56)). .4 keeps most of the gain in both. As
    # shipped (w60-w66 in every fold's training, who asks counted as said): 0
    # 7,310 (77), .4 7,305 (70).
    model_met_allowed: float = 0.4
    # A ban's exception ("tenzij", ``ClauseTerms.exception``) the question never
    # raises leaves the ban standing against the model's "it depends", unless
    # the model reads one of the conditions that would lift, open or take the
    # matter outside it (``met``, ``open``, ``outside``) at least this likely.
    # Session 37, tuned sets (blind41 and blind42 left out): 3,509 -> 3,510 of
    # 4,031, permissive 18 either way; .1 and .3 alike.
    exception_reading: float = 0.1
    # A ban that names the act it rules (``ClauseTerms.acts``: 2.5's discussion)
    # does not reach the asker's own act when the model's head for that act
    # scores it below this (class-balanced: a score, not a probability), and
    # the model's likeliest verdict is "allowed": a practical reply, an
    # invitation to talk at school. Session 38, on the held-back batches
    # w79-w84 (900 cases, not in the bank, and since then tuned on): 643 -> 654
    # right; tuned sets (cases, holdout, blind2-blind42, 4,131): 3,590 ->
    # 3,591, no permissive answer more (with "not 'not allowed' first" instead
    # of "'allowed' first": 3,591 with one permissive more).
    act_reading: float = 0.2
    # A clause's terms stated as met in its own words ("toestemming gegeven"
    # for 1.7) put the question within the rules' reading (``_states_terms``: no
    # "not covered" from the model, and no ``_doubted``) only when the model
    # finds that clause the decisive one at least this likely: a cue the model does not tie to the
    # clause does not make a matter next to the protocol a ruled one (a
    # pupils' data list for a bus company, monitoring software on
    # Chromebooks). A term stated as unmet ("telefoonnummer", personal
    # information for 2.3) keeps the rules' reading whatever the model reads.
    # Session 38, tuned sets (4,231 with blind42): 3,669 -> 3,672 (.05: 3,671,
    # .2: 3,672), permissive answers unchanged; held-back w79-w84: 654 either
    # way. (For unmet terms too: 3,674 at .1, but a parent's phone number
    # asked for by another parent became "not covered".)
    stated_terms_clause: float = 0.1
    # ...and how sure, for the first of a clause's conditions read alone to
    # state its exception in part (2.4's school channels, the consent
    # unmentioned: "partly").
    open_probability: float = 0.9
    # ...unless the model finds one of its unmet conditions at least this likely
    # (a private account named next to the school's page).
    open_doubt: float = 0.5
    # A ban's exception of one condition (2.1's professional account), read by
    # the model at least this likely but not surely (``condition_probability``),
    # is raised and left open: what is on the account is what it turns on
    # ("partly"), unless an unmet condition is read at ``open_doubt``. Session
    # 39, tuned sets (cases, holdout, blind2-blind43; 4,331): 3,752 at 1.01
    # (never), 3,755 at .3, 3,754 at .4 and .5, 3,753 at .6 and .7; permissive
    # 22 throughout; the held-out batch w88: 123 of 150 throughout.
    exception_open: float = 0.3
    # The model's likeliest rule, this likely, must allow an "allowed" too.
    likeliest_rule: float = 0.4
    # An "allowed" the model reads this surely, with its "not allowed" below
    # ``learned_sure_allowed_no``, is earned with the clause's terms unstated
    # (not when the question states them in part). Held out by writer (6,200
    # cases): verdict .719 -> .723, permissive 49 -> 51; without the second
    # threshold .727 with 69 permissive; at .8 alone .725 with 54.
    learned_sure_allowed: float = 0.7
    learned_sure_allowed_no: float = 0.05
    # ...or as surely as it lifts a rule (``learned_lenient_confidence``) with
    # its "it depends" at most this and its "not allowed" at most
    # ``learned_plain_allowed_no``: the model sees no condition for it to turn
    # on, and little of a ban. Held out by writer (6,200): 4,718 -> 4,741 right,
    # permissive 67 -> 71 (at .15: 4,753 with 76; with "allowed" from .65:
    # 4,737 with 70); the bound on "not allowed" changed no fold case at .25
    # (at .2: 6 fewer right).
    learned_plain_allowed_condition: float = 0.1
    learned_plain_allowed_no: float = 0.25
    # Escalate when the bank model reads the question as urgent this surely
    # (recall first: an urgent matter missed costs more than one escalated).
    # With the bank of nine writers, each held out in turn (w1-w7's 2,700): .3
    # escalates 399 of 495 urgent at precision .673, .25 413 at .640 (the bank
    # of seven at .3: 410 at .614). With eleven (all 3,200): .25 escalates 474
    # of 562 at .629, .2 497 at .579, .15 512 at .532; on the tuned sets .2
    # adds three urgent cases (blind4, 5, 11) for about twenty false alarms.
    # Five writer-grouped folds of the 6,200 cases of w1-w31, with w33-w35
    # added to every fold's training: .2 escalates 969 of 1,070 urgent at
    # precision .615, .18 981 at .595 (without them, .2: 971 at .603); with
    # w32-w35 added and .18, 982 at .595.
    urgent_probability: float = 0.18
    # An offence clause (``clause_ids.URGENT``) that retrieval alone put first
    # escalates only when the model finds it at least this likely as the
    # decisive rule, or the question urgent ("my Magister password to my TA"
    # is 1.10's password rule, not 1.9b's break-in).
    offence_agreement: float = 0.1
    # What a question asks and whose conduct it is about: the model's reading
    # when at least this sure, else the rules' reading.
    reading_probability: float = 0.7
    actor_probability: float = 0.5
    # At most this many of the protocol's steps for a "what should I do" question.
    max_steps: int = 2

    def sure_of(self, verdict: Verdict, probability: float) -> bool:
        """The model's verdict at this probability decides: a lenient one from
        ``learned_lenient_confidence``, "not allowed" from
        ``learned_strict_confidence``, "it depends" from ``learned_confidence``."""
        if verdict in LENIENT:
            return probability >= self.learned_lenient_confidence
        if verdict is Verdict.NOT_ALLOWED:
            return probability >= self.learned_strict_confidence
        return probability >= self.learned_confidence
