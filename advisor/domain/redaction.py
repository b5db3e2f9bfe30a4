"""What the privacy stage hands on: the pseudonymised text and where personal
data was found (offsets and placeholders, never the original text)."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from advisor.domain.models import Language


class EntityKind(StrEnum):
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    STUDENT_NUMBER = "student_number"
    NATIONAL_ID = "national_id"
    ADDRESS = "address"


PLACEHOLDER = {
    Language.NL: {
        EntityKind.NAME: "NAAM",
        EntityKind.EMAIL: "EMAIL",
        EntityKind.PHONE: "TELEFOON",
        EntityKind.STUDENT_NUMBER: "LEERLINGNUMMER",
        EntityKind.NATIONAL_ID: "BSN",
        EntityKind.ADDRESS: "ADRES",
    },
    Language.EN: {
        EntityKind.NAME: "NAME",
        EntityKind.EMAIL: "EMAIL",
        EntityKind.PHONE: "PHONE",
        EntityKind.STUDENT_NUMBER: "STUDENT_NUMBER",
        EntityKind.NATIONAL_ID: "NATIONAL_ID",
        EntityKind.ADDRESS: "ADDRESS",
    },
}
PLACEHOLDER_PATTERN = re.compile(r"\[[A-Z_]+_\d+\]")


class Entity(BaseModel):
    """A span that was replaced. ``start``/``end`` index the original text, which
    is not kept: only offsets and the placeholder leave this module."""

    model_config = ConfigDict(frozen=True)

    kind: EntityKind
    start: int
    end: int
    placeholder: str


# An adult's role right before a name placeholder: a colleague, a neighbour, a
# relative of the asker's, a teacher addressed as such, a leader.
_ADULT_ROLE = (
    r"collega|buurman|buurvrouw|man|vrouw|partner|echtgeno(?:ot|te)|zus|broer|zwager|"
    r"schoonzus|schoonmoeder|schoonvader|leidinggevende|directeur|directrice|teamleider|"
    r"adjunct|conciërge|meneer|mevrouw|juf|meester|docent|docente|leraar|lerares|"
    r"intern begeleider|ib'er|"
    r"colleague|neighbou?r|husband|wife|sister|brother|principal|head teacher|headteacher|"
    r"manager|line manager|mr\.?|mrs\.?|ms\.?|miss|sir"
)
_ADULT_NAMED = re.compile(
    rf"\b(?:{_ADULT_ROLE}),?\s+(\[[A-Z]+_\d+\])",
    re.IGNORECASE,
)


class Redaction(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    entities: list[Entity]

    @property
    def changed(self) -> bool:
        return bool(self.entities)

    @property
    def names_someone(self) -> bool:
        """A person was named who may be a pupil: a name not introduced, anywhere
        it stands, as an adult ("mijn collega [NAAM_1]", "my neighbour
        [NAME_2]", "meneer [NAAM_3]")."""
        names = {e.placeholder for e in self.entities if e.kind is EntityKind.NAME}
        adults = {m.group(1) for m in _ADULT_NAMED.finditer(self.text)}
        return bool(names - adults)


_SEARCH_WORDS = {
    Language.NL: {
        EntityKind.NAME: "",
        EntityKind.EMAIL: "e-mailadres",
        EntityKind.PHONE: "telefoonnummer",
        EntityKind.STUDENT_NUMBER: "leerlingnummer",
        EntityKind.NATIONAL_ID: "burgerservicenummer",
        EntityKind.ADDRESS: "adres",
    },
    Language.EN: {
        EntityKind.NAME: "",
        EntityKind.EMAIL: "email address",
        EntityKind.PHONE: "phone number",
        EntityKind.STUDENT_NUMBER: "student number",
        EntityKind.NATIONAL_ID: "national id number",
        EntityKind.ADDRESS: "address",
    },
}


def search_text(redacted: str, language: Language) -> str:
    """The redacted question for retrieval: a placeholder becomes what it stands
    for ("telefoonnummer"), a name disappears (it says nothing about the rule)."""
    by_label = {
        label: _SEARCH_WORDS[lang][kind]
        for lang in Language
        for kind, label in PLACEHOLDER[lang].items()
    }

    def word(match: re.Match[str]) -> str:
        label = match.group(0)[1:].rsplit("_", 1)[0]
        return by_label.get(label, "")

    return re.sub(r" {2,}", " ", PLACEHOLDER_PATTERN.sub(word, redacted)).strip()
