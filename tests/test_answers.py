"""Answers to the question asked, with the case-bank model reading (BM25 retrieval):
what to do, what follows, what a conditional answer turns on, a follow-up's new
detail, and input hygiene that never changes an answer."""

from __future__ import annotations

import pytest

from advisor.app.recording import Conversation
from advisor.domain import clause_ids
from advisor.domain.corpus import Corpus
from advisor.domain.models import Answer, Escalation, Verdict
from advisor.domain.reading import Actor, QuestionType
from advisor.domain.settings import Settings
from advisor.pipeline.decide_config import CAUTION
from advisor.pipeline.run import GroundedEngine
from advisor.search.indexes import RetrievalService


@pytest.fixture
def engine(grounded_engine: GroundedEngine) -> GroundedEngine:
    assert grounded_engine.bank_model is not None  # the learned reading is on by default
    return grounded_engine


def cited(answer: Answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def test_what_to_do_gets_the_protocols_steps_and_whose_conduct_breaks_which_rule(
    engine: GroundedEngine,
) -> None:
    grounded = engine.ground(
        "Een ouder scheldt mij in de klassenapp uit voor incompetent, en andere ouders "
        "reageren erop. Wat moet ik doen?"
    )
    decision, answer = grounded.decision, grounded.answer
    assert decision.asked is QuestionType.WHAT_TO_DO
    assert decision.conduct_of is Actor.PARENT
    assert answer.verdict is Verdict.NOT_ALLOWED
    assert answer.answer.startswith("Wat de ouder doet mag volgens het protocol niet")
    assert decision.steps == ["2.5"] and "2.5" in cited(answer)
    steps_at = answer.answer.index("Wat je nu doet:")
    assert answer.answer.index("[2.5] Ga via sociale media niet in discussie") > steps_at
    for rule in (c for c in decision.clause_ids if c not in decision.steps):
        assert answer.answer.index(f"[{rule}]") < steps_at  # the rules broken come first


def test_consequences_name_the_sanctions_of_whoever_acted(engine: GroundedEngine) -> None:
    grounded = engine.ground(
        "Wat gebeurt er met een leerling die een docent op Instagram uitscheldt?"
    )
    answer = grounded.answer
    assert grounded.decision.asked is QuestionType.CONSEQUENCES
    assert answer.verdict is Verdict.NOT_ALLOWED
    assert {"3.3", "3.4"} & set(cited(answer)) and not {"3.1", "3.2"} & set(cited(answer))
    opening, *paragraphs = answer.answer.split("\n\n")
    assert opening.startswith("Wat de leerling doet mag volgens het protocol niet [")
    sanctions = [p for p in paragraphs if p.startswith(("[3.3]", "[3.4]", "Wat er volgens"))]
    assert sanctions[0].startswith("Wat er volgens het protocol op kan volgen: [3.")


def test_a_conditional_answer_says_what_it_turns_on(engine: GroundedEngine) -> None:
    answer = engine.answer("Mag ik foto's van de sportdag op de schoolwebsite zetten?")
    assert answer.verdict is Verdict.CONDITIONAL and cited(answer)[0] == "2.4"
    assert answer.answer.startswith(
        "Dat hangt ervan af: of je het deelt via de communicatiemiddelen van de school"
    )


def test_the_clauses_own_exception_stated_in_full_allows_it(engine: GroundedEngine) -> None:
    answer = engine.answer(
        "Mag ik foto's van de sportdag op de schoolwebsite zetten? "
        "Alle ouders hebben toestemming gegeven."
    )
    assert answer.verdict is Verdict.ALLOWED and cited(answer) == ["2.4"]


@pytest.mark.parametrize(
    ("question", "verdict", "decisive"),
    [
        # 2.3 allows it "mits" nothing confidential or personal: the question says so.
        (
            "Ik wil op mijn eigen blog vertellen hoe wij de projectweek over duurzaamheid "
            "hebben aangepakt. Er staan geen namen in en niets vertrouwelijks. Mag dat?",
            Verdict.ALLOWED,
            "2.3",
        ),
        # 2.2 is met (on a personal title), 2.3 is not (not yet public): barred.
        (
            "Ik wil op LinkedIn op persoonlijke titel een bericht over de school plaatsen: "
            "het reorganisatieplan, dat nog vertrouwelijk is, vind ik rampzalig. Mag dat?",
            Verdict.NOT_ALLOWED,
            "2.3",
        ),
        # 2.4: the school's own channel, but consent refused for some pupils.
        (
            "Mag ik de foto's van het schoolreisje in Parro zetten? Van twee kinderen "
            "hebben de ouders geen toestemming gegeven voor beeldmateriaal.",
            Verdict.NOT_ALLOWED,
            "2.4",
        ),
        # 2.4: consent on file, but through a private account, not the school's channel.
        (
            "The parents signed the photo consent form, so can I put the sports day photos "
            "on my own Facebook page?",
            Verdict.NOT_ALLOWED,
            "2.4",
        ),
        # 1.8: a pupil whose teacher said they could post it ("tenzij … docent
        # uitdrukkelijk toestemming … heeft gegeven"); a pupil's rule, not 2.4.
        (
            "Onze mentor zei dat we het mochten posten: mag ik het filmpje van onze "
            "klassenpresentatie op TikTok zetten? Iedereen die erin staat vindt het goed.",
            Verdict.ALLOWED,
            "1.8",
        ),
        # A pupil asking about their own teacher is the friendship rule's subject.
        ("kan ik mijn juf van Nederlands toevoegen op Snapchat?", Verdict.NOT_ALLOWED, "1.12"),
        # 2.1's ban does not reach a former pupil: the asker's own act is allowed.
        (
            "Mag ik een oud-leerling die drie jaar geleden geslaagd is accepteren op Instagram?",
            Verdict.ALLOWED,
            "2.1",
        ),
        # 2.4 rules sharing: a photo kept to oneself falls just outside it.
        (
            "I take photos of pupils' artwork with my own phone, just for my own records. "
            "Is that ok?",
            Verdict.NOT_COVERED,
            "2.4",
        ),
    ],
    ids=[
        "2.3-met",
        "2.2-met-2.3-unmet",
        "2.4-consent-refused",
        "2.4-private-page",
        "1.8-teacher-permission",
        "1.12-pupil-asks",
        "2.1-former-pupil",
        "2.4-not-shared",
    ],
)
def test_the_clauses_conditions_as_the_question_states_them_decide(
    engine: GroundedEngine, question: str, verdict: Verdict, decisive: str
) -> None:
    answer = engine.answer(question)
    assert answer.verdict is verdict and cited(answer)[0] == decisive


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        # "met elkaar 'vriend'": followed by a pupil, not followed back, is no
        # friendship (yet): it depends on what the teacher does.
        (
            "Een leerling uit mijn klas volgt mijn openbare Instagram met kookrecepten; "
            "ik heb haar niet teruggevolgd. Moet ik haar blokkeren?",
            Verdict.CONDITIONAL,
        ),
        # ...but asking to follow back is asking to become friends.
        (
            "A pupil follows me on Instagram, I haven't followed him back yet. "
            "May I follow him back?",
            Verdict.NOT_ALLOWED,
        ),
        # The model sure of 2.1 and of a private account keeps it in scope,
        # whatever its verdict head guesses.
        ("A pupil follows my private Instagram. Can I follow her back?", Verdict.NOT_ALLOWED),
    ],
    ids=["followed-not-back", "asks-to-follow-back", "private-account-in-scope"],
)
def test_a_one_way_follow_is_no_friendship_but_following_back_is(
    engine: GroundedEngine, question: str, verdict: Verdict
) -> None:
    answer = engine.answer(question)
    assert answer.verdict is verdict and "2.1" in cited(answer)


def test_pupil_images_through_the_schools_own_channel_are_never_a_flat_no(
    engine: GroundedEngine,
) -> None:
    """2.4's own exception ("middels de communicatiemiddelen van de school") is
    stated; the rules for publishing (consent) are not mentioned."""
    answer = engine.answer(
        "Our debate team won the regional final last night. Can I post the photo of the "
        "team with their trophy on the school's X account?"
    )
    assert answer.verdict in {Verdict.ALLOWED, Verdict.CONDITIONAL}
    assert cited(answer)[0] == "2.4"


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        # 1.6: "Per locatie wordt bepaald of het meenemen … is toegestaan".
        (
            "Our location allows phones at school, so may my daughter bring hers to call "
            "me after hockey practice?",
            Verdict.ALLOWED,
        ),
        # ...using it in class is the teacher's to permit, not the location's: no
        # "yes"; not allowed as it stands, or it turns on the teacher's permission
        # (GUIDE.md's settlement 6: not asked yet is not permission).
        (
            "Op onze locatie mag je telefoon mee naar school, dus mag ik hem dan ook gwn "
            "in de les gebruiken?",
            {Verdict.NOT_ALLOWED, Verdict.CONDITIONAL},
        ),
    ],
    ids=["bring", "use-in-class"],
)
def test_the_location_rules_bringing_a_phone_not_using_it_in_class(
    engine: GroundedEngine, question: str, verdict: Verdict | set[Verdict]
) -> None:
    answer = engine.answer(question)
    accepted = verdict if isinstance(verdict, set) else {verdict}
    assert answer.verdict in accepted and cited(answer)[0] == "1.6"


def test_an_allowed_must_be_earned_under_the_rule_the_model_finds_likeliest(
    engine: GroundedEngine,
) -> None:
    """The teacher refused (1.8's permission): whatever clause decides, no "yes"."""
    answer = engine.answer(
        "mag ik een filmpje van de gymles op tiktok zetten? meneer wil het niet maar "
        "iedereen die erop staat vind het wel ok"
    )
    assert answer.verdict is not Verdict.ALLOWED


def test_a_rule_about_images_does_not_decide_a_question_without_one(
    engine: GroundedEngine,
) -> None:
    """2.4 is about visual material: a message to pupils names none."""
    answer = engine.answer(
        "Mag ik leerlingen via Teams een persoonlijk berichtje sturen over hun huiswerk?"
    )
    assert "2.4" not in cited(answer)


def test_giving_ones_password_to_someone_else_is_not_allowed(engine: GroundedEngine) -> None:
    """1.10 "We houden onze wachtwoorden geheim": sharing one is what it forbids."""
    answer = engine.answer("Mag ik mijn Magister-wachtwoord aan mijn stagiaire geven?")
    assert answer.verdict is Verdict.NOT_ALLOWED and "1.10" in cited(answer)


def test_doubt_about_ones_own_publication_goes_to_the_supervisor(engine: GroundedEngine) -> None:
    """2.6: "Bij twijfel…" is not answered with a plain yes."""
    answer = engine.answer(
        "Ik twijfel of ik mijn blog over de projectweek online mag zetten. Er staan "
        "geen namen van leerlingen in."
    )
    assert answer.verdict is Verdict.CONDITIONAL and "2.6" in cited(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Wat gebeurt er als een collega zich niet aan het protocol houdt?",
        "What happens if a colleague does not follow the protocol?",
    ],
)
def test_what_follows_a_breach_of_the_protocol_is_ruled_by_its_sanctions(
    engine: GroundedEngine, question: str
) -> None:
    """No platform named, yet in scope: 3.1 says what follows for staff, in
    either language (the English words are far from the Dutch clause's)."""
    answer = engine.answer(question)
    assert answer.verdict is Verdict.NOT_ALLOWED and {"3.1", "3.2"} & set(cited(answer))


def test_a_follow_up_carries_its_new_detail_into_the_reading(engine: GroundedEngine) -> None:
    conversation = Conversation(engine)
    first = conversation.ask("Mag ik een leerling als vriend toevoegen op Facebook?")
    assert first.verdict is Verdict.NOT_ALLOWED
    follow = conversation.ask("En als het een oud-leerling is?")
    # A former pupil is outside 2.1's ban: the asker's own act is not forbidden by it.
    assert follow.verdict is Verdict.ALLOWED
    assert cited(follow) == ["2.1"] and "net buiten" in follow.answer


@pytest.mark.parametrize(
    "question",
    [
        "Mag ik aangifte doen bij de politie als een ouder mij online beledigt?",
        "Er gaat een naaktfoto van een leerling rond op Snapchat, ze zegt dat ze toestemming gaf.",
        "Een leerling dreigt in de groepsapp een klasgenoot iets aan te doen, wat nu?",
        "Iemand heeft ingelogd op Magister met het wachtwoord van een docent.",
    ],
)
def test_the_model_never_relaxes_an_urgent_or_offence_decision(
    engine: GroundedEngine, settings: Settings, corpus: Corpus, question: str
) -> None:
    rules_service = RetrievalService(
        settings.model_copy(update={"learned_decision": False}), corpus=corpus
    )
    rules_service.index()
    rules = GroundedEngine(rules_service).ground(question).decision
    learned = engine.ground(question).decision
    assert rules.escalation is Escalation.URGENT  # each is urgent to the rules
    assert learned.escalation is Escalation.URGENT
    assert CAUTION[learned.verdict] >= CAUTION[rules.verdict]
    # 3.5 and the offence stay (the clauses cited beside them may differ: the
    # model's reading also re-ranks the clauses retrieved).
    assert set(rules.clause_ids) & clause_ids.URGENT <= set(learned.clause_ids)
    assert rules.clause_ids[0] in learned.clause_ids


@pytest.mark.parametrize(
    "question",
    [
        "Mag ik een leerling volgen op Instagram?",
        "Mag ik foto's van leerlingen op mijn privé-Facebook zetten?",
        "Een leerling dreigt in de groepsapp een klasgenoot iets aan te doen, wat nu?",
        "Can I post a photo of my class on my own Instagram?",
        "Mag ik met een ouder in discussie gaan op Facebook over een cijfer?",
    ],
)
def test_invisible_characters_never_change_an_answer(engine: GroundedEngine, question: str) -> None:
    clean = engine.answer(question)
    # A zero-width space inside every word, a soft hyphen, bidi marks, a BOM.
    words = question.split(" ")
    dirty = " ".join(f"{w[:2]}\u200b{w[2:4]}\u00ad{w[4:]}" if len(w) > 4 else w for w in words)
    dirty = f"\ufeff\u202a{dirty}\u200d\u2060\u202c"
    answer = engine.answer(dirty)
    assert answer.verdict is clean.verdict
    assert cited(answer) == cited(clean)
    assert answer.escalation is clean.escalation
    assert answer.answer == clean.answer


@pytest.mark.parametrize(
    "question",
    [
        "Mag ik foto's van leerlingen op mijn privé-Facebook zetten?",
        "Can I post my class's photos on Instagram? The parents didn't give consent.",
        "Ik heb de foto's niet, maar mag ik 't filmpje van de les delen?",
        'Mag ik een foto van de klas met "beste klas ooit" op mijn eigen Instagram zetten?',
    ],
)
def test_curly_apostrophes_never_change_an_answer(engine: GroundedEngine, question: str) -> None:
    # As a phone or a Dutch word processor types them: foto\u2019s, didn\u2019t, \u201e...\u201d.
    typed = question.replace("'", "\u2019").replace('"', "\u201e", 1).replace('"', "\u201d", 1)
    curly = engine.answer(typed)
    straight = engine.answer(question)
    assert curly.verdict is straight.verdict
    assert cited(curly) == cited(straight)
    assert curly.escalation is straight.escalation
    assert curly.answer == straight.answer


def test_leave_to_ignore_a_pupils_friend_request_is_answered_as_keeping_to_the_ban(
    engine: GroundedEngine,
) -> None:
    answer = engine.answer(
        "Ik kreeg een vriendschapsverzoek op Facebook van een leerling uit 3 vwo. "
        "Mag ik dat gewoon negeren?"
    )
    assert answer.verdict is Verdict.ALLOWED
    assert "2.1" in cited(answer)
    assert answer.answer.startswith("Ja, dat mag: er niet op ingaan houdt je aan de regel")


@pytest.mark.parametrize(
    "question",
    [
        "Geldt het vriend-verbod ook voor ouders van leerlingen? Een moeder uit mijn klas wil "
        "me toevoegen op Facebook.",
        "Does the friends rule also apply to parents of pupils? A mum wants to add me on Facebook.",
    ],
)
def test_the_friendship_rule_does_not_reach_a_pupils_parent(
    engine: GroundedEngine, question: str
) -> None:
    """2.1 names "medewerkers en leerlingen": befriending a parent is not forbidden
    by it, and a scope question about it is not told the rule applies."""
    answer = engine.answer(question)
    assert answer.verdict in {Verdict.ALLOWED, Verdict.NOT_COVERED}
    assert "van toepassing" not in answer.answer and "protocol applies" not in answer.answer


def test_a_scope_question_about_a_ban_that_does_not_reach_it_is_not_told_it_applies(
    corpus: Corpus,
) -> None:
    """ "Geldt het verbod ook voor oud-leerlingen?" answered "allowed" because
    2.1 does not reach them: the opening says so, not that the protocol applies."""
    from advisor.domain.models import Decision, Language
    from advisor.pipeline.compose import OUTSIDE_BAN, SCOPE_SENTENCE, opening

    outside = Decision(
        verdict=Verdict.ALLOWED,
        clause_ids=["2.1"],
        basis="learned",
        asked=QuestionType.SCOPE,
        outside=True,
    )
    assert opening(corpus, outside, Language.NL) == [OUTSIDE_BAN[Language.NL].format(id="2.1")]
    ruled = outside.model_copy(update={"outside": False})
    assert opening(corpus, ruled, Language.NL)[0] == SCOPE_SENTENCE[Language.NL]
