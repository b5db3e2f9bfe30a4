"""Every clause id the code names, in one place (a test checks each against the corpus).

Code names a clause only where the protocol's own text singles it out; all other
clause knowledge is corpus data (``corpus/protocol.yaml``).
"""

from __future__ import annotations

from advisor.domain.models import UrgentReason

# 3.5: "Indien de uitlating … een strafrechtelijke overtreding inhoudt, zal
# aangifte bij de politie worden gedaan": the sanction about the police.
POLICE = "3.5"
# What follows a breach is two clauses for each side: the dossier and the
# measures ("plichtsverzuim … personeelsdossier" 3.1 with the "rechtspositionele
# maatregelen" of 3.2 for staff; "verwijtbaar gedrag … leerlingendossier" 3.3 with
# the measures "van een waarschuwing tot schorsing" of 3.4 for pupils and parents).
SANCTION_PAIRS = (("3.1", "3.2"), ("3.3", "3.4"))
# 1.3: "zorg dat de instellingen goed staan en je niet meer informatie deelt dan je wilt".
SETTINGS = "1.3"
# 1.7: "We respecteren elkaars privacy": no personal data of others without consent.
PRIVACY = "1.7"
# Clauses whose citation as the decisive clause means a possible crime, always
# urgent: 3.5 (criminal offences) and 1.9b (hacking, unauthorised access:
# computervredebreuk).
URGENT = frozenset({POLICE, "1.9b"})
# What the protocol says to do when something is wrong: ask the teacher or
# mentor for help (1.5), report it to them or the principal (1.9), contact the
# line manager (2.5, 2.6).
REPORTING = ("1.5", "1.9", "2.5", "2.6")
# The same clauses as the steps of a "what should I do" answer: 2.5 "gaan via de
# sociale media niet in discussie … direct contact op te nemen met zijn/haar
# leidinggevende"; 1.5 "dan vragen we daarvoor hulp aan onze leraar/mentor";
# 2.6 "Bij twijfel … neemt de medewerker contact op met zijn/haar leidinggevende".
NO_DISCUSSION = "2.5"
HELP_EACH_OTHER = "1.5"
IN_DOUBT = "2.6"
# 1.9 (its closing sentence): "Als iemand over de voorgaande punten informatie
# krijgt aangeboden, wordt dit gemeld bij de leraar/mentor of de directeur".
ACCEPTABLE_USE = "1.9"
# Whom one becomes "vriend" with on social media: 1.12 ("Het leggen van contact,
# het volgen van elkaar of 'vriend worden'…") and 2.1 ("niet met elkaar 'vriend'").
FRIENDSHIP = ("1.12", "2.1")
# 1.10: "We houden onze wachtwoorden geheim".
PASSWORDS = "1.10"
# The bans a request or message can be declined under, keeping to them: a
# friend or follow request (1.12, 2.1), a discussion with a pupil or parent
# (2.5, "niet in discussie"), a request for one's password (1.10).
DECLINABLE = (*FRIENDSHIP, NO_DISCUSSION, PASSWORDS)
# What staff publish: as a private person (2.2), about school (2.3), images of pupils (2.4).
SCHOOL_TOPICS = "2.3"
STAFF_IMAGES = "2.4"
# Pupils' and parents' images of school situations: 1.8 ("foto's of video's van
# aan school gerelateerde situaties").
SCHOOL_IMAGES = "1.8"
STAFF_PUBLICATION = ("2.2", SCHOOL_TOPICS, STAFF_IMAGES)
# Every publication of staff answers to both: it is clear whether they speak for
# the school or as a private person (2.2), and it holds no confidential or
# personal information and does not harm the school's name (2.3, "mits…",
# "Daarnaast…"). One met does not allow what the other bars.
PUBLICATION_TERMS = ("2.2", "2.3")
# What an urgent question describes as done is a possible offence, by the
# screening's reason; the clause that forbids it and 3.5 (the police report)
# answer it, when retrieval shows them.
OFFENCES: dict[UrgentReason, tuple[str, ...]] = {
    # "bedreigen" (1.1), bedreiging is strafbaar
    UrgentReason.THREAT: ("1.1", POLICE),
    # images not meant to be passed on
    UrgentReason.INTIMATE_IMAGE: ("1.9c", POLICE),
    # hacking, computervredebreuk
    UrgentReason.UNAUTHORISED_ACCESS: ("1.9b", POLICE),
    # "een fictieve naam te gebruiken als afzender"; identiteitsfraude is strafbaar
    UrgentReason.IMPERSONATION: ("1.9d", POLICE),
}


def named_in_code() -> set[str]:
    """Every clause id above."""
    ids = {
        POLICE,
        PRIVACY,
        *URGENT,
        *REPORTING,
        NO_DISCUSSION,
        HELP_EACH_OTHER,
        IN_DOUBT,
        *STAFF_PUBLICATION,
        SCHOOL_IMAGES,
        *PUBLICATION_TERMS,
        *FRIENDSHIP,
        *DECLINABLE,
    }
    for clauses in OFFENCES.values():
        ids.update(clauses)
    return ids
