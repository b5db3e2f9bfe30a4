"""Every clause id the code names, in one place (a test checks each against the corpus).

Code names a clause only where the protocol's own text singles it out; all other
clause knowledge is corpus data (``corpus/protocol.yaml``).
"""

from __future__ import annotations

from advisor.domain.models import UrgentReason

# 3.5: "Indien de uitlating … een strafrechtelijke overtreding inhoudt, zal
# aangifte bij de politie worden gedaan": the sanction about the police.
POLICE = "3.5"
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
}


def named_in_code() -> set[str]:
    """Every clause id above."""
    ids = {POLICE, PRIVACY, *URGENT, *REPORTING}
    for clauses in OFFENCES.values():
        ids.update(clauses)
    return ids
