"""Pseudonymising questions before they reach an LLM or the log (AVG/GDPR).

Personal names, e-mail addresses, phone numbers, student numbers (and BSNs)
and street addresses are replaced by placeholders that are stable within one
question: the same person is ``[NAAM_1]`` each time, the next one
``[NAAM_2]``. Dutch questions get Dutch placeholders, English ones English.

Contact details are found by patterns. Names are found with the first- and
last-name lists that ship inside the Faker package (Dutch, Flemish, English,
Turkish, German, French, Spanish, Italian, Polish, Indian, Brazilian), plus a
short list of our own for names common in Dutch schools that those lack, and
with context: a title ("meneer", "Mrs"), Dutch name particles ("van der",
"El"), capitals in the middle of a sentence. Nothing is downloaded; the
original text is never stored by this module.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN
from pydantic import BaseModel, ConfigDict

from advisor.corpus import Corpus
from advisor.lexical import PLATFORM_WORDS
from advisor.models import Language


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


class Redaction(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    entities: list[Entity]

    @property
    def changed(self) -> bool:
        return bool(self.entities)


# --- contact details ------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
# A run of digits, spaces, dashes, dots and brackets that starts like a phone
# number (+, 00, 0 or a bracket); its digits are counted afterwards.
_PHONE = re.compile(r"(?<![\w/@.-])(?:\+|\(\+?)?\d[\d ()./-]{6,}\d(?![\w@])")
_NANP = re.compile(r"^\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$")
_STUDENT_NUMBER = re.compile(
    r"\b(?:leerling(?:en)?nummer|leerlingnr|lln\.?\s?nr|llnr|lln|studentnummer|studentnr|"
    r"student\s?(?:number|no|nr|id)|pupil\s?(?:number|no|id)|leerling-?id)\b\.?\s*[:#.(]?\s*"
    r"(\d{4,10})\b|\b(?:leerling|pupil|student)\s(\d{5,10})\b",
    re.IGNORECASE,
)
_NATIONAL_ID = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer)\b\.?\s*[:#]?\s*(\d{8,9})\b", re.IGNORECASE
)
_STREET_SUFFIX = (
    r"straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|steeg|pad|dreef|baan|"
    r"plantsoen|markt|erf|ring|wal|veld|zijde|allee|boulevard|burg|haven|hoven|weide|"
    r"straatweg|kant|berg|dal|tuin|akker|polder|oord"
)
_EN_STREET = (
    r"Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Close|Way|Court|Crescent|Place|Grove|"
    r"Gardens|Terrace|Row|Hill|Square|Mews|Walk|Park|Boulevard"
)
_POSTCODE_CITY = r"(?:,?\s*\d{4}\s?[A-Z]{2}\b(?:\s+(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?)?)?"
_ADDRESS_NL = re.compile(
    r"(?<![\w])(?:(?:[A-Z][\w'’.-]*|van|de|der|den|het|'t)\s){0,3}"
    rf"[\w'’-]*(?i:{_STREET_SUFFIX})\s+\d{{1,5}}(?:\s?[a-zA-Z]\b|-\d+)?{_POSTCODE_CITY}"
)
# Streets that start with their kind: "Laan van Meerdervoort 230", "Plein 1813 4".
_ADDRESS_NL_LEADING = re.compile(
    r"\b(?:Laan|Weg|Plein|Kade|Singel|Dijk|Straat|Gracht|Hof|Park|Dreef)\s"
    r"(?:(?:van|der|de|den|het|'t|op|[A-Z][\w'’-]*)\s){1,4}\d{1,5}(?:\s?[a-zA-Z]\b|-\d+)?"
    rf"{_POSTCODE_CITY}"
)
_ADDRESS_EN = re.compile(
    rf"\b\d{{1,5}}[a-zA-Z]?\s+(?:[A-Z][\w'’-]+\s){{1,3}}(?:{_EN_STREET})(?!\w)"
    r"(?:,?\s+[A-Z][\w'’-]+(?:,?\s+[A-Z]{1,2}\d[\dA-Z]?\s?\d[A-Z]{2})?)?"
)


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _PHONE.finditer(text):
        raw = match.group(0).rstrip(".-/ ")
        start = match.start()
        while raw.endswith(")") and raw.count(")") > raw.count("("):
            raw = raw[:-1]
        if raw.startswith("(") and raw.count("(") > raw.count(")"):
            raw, start = raw[1:], start + 1
        digits = re.sub(r"\D", "", raw)
        starts_like_phone = raw.startswith(("+", "0", "(")) or bool(_NANP.match(raw))
        dotted_date = re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", raw)
        if 9 <= len(digits) <= 15 and starts_like_phone and not dotted_date:
            spans.append((start, start + len(raw)))
    return spans


# --- names ----------------------------------------------------------------------

_PARTICLES = frozenset(
    "van de der den het 't t te ter ten la le du da di del della dos das el al ben bin "
    "abu ait ibn von zu mac mc".split()
)
# Words after which a capitalised word is a person ("haar dochter Aoife", "son Minh").
_RELATIONS = frozenset(
    "zoon dochter broer broertje zus zusje vader moeder papa mama opa oma oom tante neef "
    "nicht leerling leerlinge collega vriend vriendin son daughter brother sister father "
    "mother dad mum mom grandma grandpa uncle aunt cousin pupil student colleague friend "
    "stepson stepdaughter".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those my your our de het een dit dat deze die mijn onze je".split()
)
_TITLES = frozenset(
    "meneer mevrouw mevr mw mvr dhr heer juf juffrouw meester mr mrs ms miss mister dr "
    "sir madam coach".split()
)
# Words capitalised mid-sentence that are never a person's name here, though
# some name lists hold them ("April", "Ramadan", "King").
_NOT_NAMES = frozenset(
    """
    ik i u we wij jij je hij zij ze mijn mij me my ok oke okay ja nee yes no hoi hallo hi hey
    dear beste groet groeten thanks dank bedankt sorry help vraag question
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday
    thursday friday saturday sunday januari februari maart april mei juni juli augustus
    september oktober november december january february march may june july august october
    sinterklaas kerst kerstmis pasen christmas easter ramadan suikerfeest offerfeest
    koningsdag king kings queen day halloween carnaval diwali chanoeka hanukkah
    nederland nederlands dutch engels english frans french duits german turks turkish
    marokkaans arabic arabisch europe europa holland
    havo vwo vmbo mbo hbo atheneum gymnasium groep klas mentor juf meester directeur directie
    school edivier eduvier protocol ai chatgpt google microsoft apple android iphone
    magister somtoday teams outlook gmail hotmail classroom zoom discord twitch bereal
    pinterest reddit telegram signal facetime skype parro social schoolapp
    avg gdpr bsn wifi www http https com nl org
    veilig thuis bureau halt kindertelefoon ggd jeugdzorg raad kinderbescherming
    slachtofferhulp meldpunt politie inspectie onderwijs zorgteam wijkagent centrum
    """.split()
)


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), lowercased, from Faker's lists and our own."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in (
        "nl_NL", "nl_BE", "en_US", "en_GB", "tr_TR", "de_DE", "fr_FR", "es_ES", "it_IT",
        "pl_PL", "en_IN", "pt_BR",
    ):  # fmt: skip
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(str(n).lower() for n in getattr(provider, attr, ()) or ())
        last.update(str(n).lower() for n in getattr(provider, "last_names", ()) or ())
    extra = resources.files("advisor").joinpath("data/names.txt").read_text(encoding="utf-8")
    for line in extra.splitlines():
        kind, _, names = line.partition(":")
        if kind.strip() in {"first", "last"}:
            target = first if kind.strip() == "first" else last
            target.update(n.lower() for n in names.split())
    # Multi-word entries ("'s Gravensande", "Eva María") are matched word by word.
    first = {part for name in first for part in name.split() if len(part) > 1}
    last = {part for name in last for part in name.split() if len(part) > 1}
    return frozenset(first), frozenset(last - _PARTICLES)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Dutch and Belgian place names (lowercased): a place is not a person."""
    places: set[str] = set()
    for locale in ("nl_NL", "nl_BE"):
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        places.update(str(c).lower() for c in getattr(provider, "cities", ()) or ())
    places.update(
        "den haag|den bosch|den helder|den burg|den ham|den hoorn|ter apel|de bilt|de meern|"
        "de lier|de koog|het zand|parijs|paris|londen|london|berlijn|berlin|brussel|brussels|"
        "antwerpen|antwerp|gent|keulen|cologne|rome|madrid|barcelona|lissabon|lisbon|wenen|"
        "vienna|praag|prague|kopenhagen|copenhagen|dublin|edinburgh|manchester|birmingham|"
        "bristol|new york|washington|chicago|boston|toronto|sydney|istanbul|ankara|rabat|"
        "casablanca|marrakech|tanger|nador|paramaribo|willemstad|kralendijk|oranjestad|"
        "springfield|athene|athens|warschau|warsaw|kyiv|kiev|boedapest|budapest".split("|")
    )
    return frozenset(places)


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    text = resources.files("advisor").joinpath("data/name_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#")) - frozenset("#")


_STREET_WORD = re.compile(r"..(?:straat|laan|plein|gracht|kade|singel|dreef|steeg|weg)$")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    sentence_start: bool
    gap: str  # the text between the previous token and this one

    @property
    def bare(self) -> str:
        return _POSSESSIVE.sub("", self.text).lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() and not self.text.isupper()


def _adjacent(tokens: list[_Token], k: int) -> bool:
    """Token ``k`` follows token ``k - 1`` after one space (and an apostrophe: "van 't")."""
    return k > 0 and tokens[k].gap in {" ", " '", " ’"}


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _WORD.finditer(text):
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:\n\"“‘'’(<>["
        gap = text[tokens[-1].end if tokens else 0 : match.start()]
        tokens.append(_Token(match.group(0), match.start(), match.end(), sentence_start, gap))
    return tokens


class Pseudonymizer:
    """Finds personal data in a question and replaces it with placeholders."""

    @classmethod
    def for_corpus(cls, corpus: Corpus) -> Pseudonymizer:
        return cls(corpus_words(corpus))

    def __init__(self, common_words: Iterable[str] = ()) -> None:
        # All listed names, for capitalised words; without the ones that are
        # also function words ("en", "die", "will"), for lowercase words.
        self.first_all, self.last_all = _name_lists()
        stop = frozenset(STOPWORDS_DUTCH) | frozenset(STOPWORDS_EN) | _NOT_NAMES
        self.first, self.last = self.first_all - stop, self.last_all - stop
        self.ordinary = _ordinary_words()
        self.places = _places()
        self.common = (
            frozenset(w.lower() for w in common_words)
            | frozenset(STOPWORDS_DUTCH)
            | frozenset(STOPWORDS_EN)
            | _NOT_NAMES
            | PLATFORM_WORDS
        )

    # A word that may be (part of) a name, by itself.
    def _known_name(self, token: _Token) -> bool:
        first, last = (
            (self.first_all, self.last_all) if token.capitalised else (self.first, self.last)
        )
        parts = [p for p in token.bare.split("-") if p]
        return bool(parts) and all(p in first or p in last for p in parts)

    def _name_start(self, tokens: list[_Token], i: int) -> bool:
        token = tokens[i]
        bare = token.bare
        if bare in _NOT_NAMES:
            return False
        after_title = i > 0 and tokens[i - 1].bare.rstrip(".") in _TITLES
        after_relation = i > 0 and tokens[i - 1].bare in _RELATIONS and _adjacent(tokens, i)
        if after_relation and token.capitalised and not token.sentence_start:
            return bare not in self.common or self._known_name(token)
        if bare in _PARTICLES:
            # "Mrs van der Meer": a title, particles, then the surname.
            return after_title and self._surname_at(tokens, i) is not None
        if bare in _TITLES or len(bare) < 2:
            return False
        if after_title and (token.capitalised or self._known_name(token)):
            return True
        if bare in self.common:
            # An ordinary word: a name only when capitalised mid-sentence and
            # on a name list ("vraag van Roos"), never at a sentence start.
            return token.capitalised and not token.sentence_start and self._known_name(token)
        if token.capitalised:
            if self._unknown_pair(tokens, i):
                return True
            if self._known_name(token):
                if token.sentence_start and bare in self.ordinary:
                    # "Roos, tulp of…", "Mark the date": an ordinary word opening a
                    # sentence is a name only when it acts like one.
                    return self._acts_like_subject(tokens, i)
                return True
            if self._dutch_possessive(token):
                return True
            # An unknown capitalised word mid-sentence with a surname after it
            # ("Aylin El Khatib", "Noortje Bakker").
            return not token.sentence_start and self._surname_at(tokens, i + 1) is not None
        if bare not in self.first:
            return False
        # Lowercase, as typed on a phone: a first name with a surname after it
        # ("jan de boer"), or alone when it is no ordinary word ("voor thijs").
        lone = bare not in self.ordinary and len(bare) >= 3
        return lone or self._surname_at(tokens, i + 1, lowercase=True) is not None

    def _unknown_pair(self, tokens: list[_Token], i: int) -> bool:
        """Two capitalised words that are on no list and no ordinary words
        ("Wytske Bosma", "Kofi Boateng"): a person, unless they name a place."""
        if i + 1 >= len(tokens) or not _adjacent(tokens, i + 1):
            return False
        pair = tokens[i : i + 2]
        if not all((t.capitalised and t.text.lower() == t.bare) or t is pair[1] for t in pair):
            return False
        if not pair[1].capitalised or pair[1].sentence_start:
            return False
        words = [t.bare for t in pair]
        if any(w in self.common or w in _TITLES or w in _RELATIONS for w in words):
            return False
        return f"{words[0]} {words[1]}" not in self.places and words[0] not in self.places

    def _acts_like_subject(self, tokens: list[_Token], i: int) -> bool:
        if self._surname_at(tokens, i + 1) is not None:
            return True
        if i + 1 >= len(tokens) or not _adjacent(tokens, i + 1):
            return False  # followed by punctuation: a list or a heading
        return tokens[i + 1].bare not in _DETERMINERS and not tokens[i + 1].capitalised

    def _dutch_possessive(self, token: _Token) -> bool:
        """ "Mohameds vader": a listed first name with a possessive -s."""
        bare = token.bare
        return bare.endswith("s") and bare[:-1] in self.first_all and bare not in self.ordinary

    def _surname_at(self, tokens: list[_Token], j: int, lowercase: bool = False) -> int | None:
        """The index of the surname word that continues a name at ``j``, if any."""
        k = j
        while k < len(tokens) and tokens[k].bare in _PARTICLES and _adjacent(tokens, k):
            k += 1
        if k >= len(tokens) or not _adjacent(tokens, k):
            return None
        word = tokens[k]
        if word.bare in _TITLES or word.bare in _NOT_NAMES or _STREET_WORD.search(word.bare):
            return None
        if word.capitalised and word.bare in self.last_all:
            return k
        if word.bare in self.common:
            return None
        if word.bare in self.last:
            return k
        if word.capitalised and not word.sentence_start:
            # Capitalised and unknown: a surname after a particle ("El Amrani") or
            # right after a listed first name ("Quinten Vermeulen").
            return k if (k > j or self._known_name(tokens[j - 1])) else None
        # Lowercase and unknown: only after a particle ("ayoub el khattabi").
        return k if lowercase and k > j else None

    def _name_spans(self, text: str) -> list[tuple[int, int]]:
        tokens = _tokens(text)
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            if not self._name_start(tokens, i):
                i += 1
                continue
            start = i
            # A capitalised first name just before a surname: listed but an ordinary
            # word ("Will Smit"), or not listed at all ("Sietske Dijkstra").
            while (
                start > 0
                and tokens[start - 1].capitalised
                and _adjacent(tokens, start)
                and tokens[start - 1].bare not in _NOT_NAMES
                and tokens[start - 1].bare not in _TITLES
                and tokens[start - 1].bare not in _RELATIONS
                and (
                    tokens[start - 1].bare in self.first_all
                    or (
                        tokens[start].bare in self.last_all
                        and tokens[start - 1].bare not in self.common
                    )
                )
            ):
                start -= 1
            # A capitalised particle run just before, mid-sentence ("De Vries", "El Amrani").
            while (
                start > 0
                and tokens[start - 1].bare in _PARTICLES
                and tokens[start - 1].capitalised
                and not tokens[start - 1].sentence_start
                and _adjacent(tokens, start)
            ):
                start -= 1
            end = i + 1 if self._unknown_pair(tokens, i) else i
            lowercase = not tokens[i].capitalised
            # Extend over particles and surname words ("van der Berg", "El Amrani"),
            # until a possessive ends the name ("Fatima's moeder").
            while tokens[end].text.lower() == tokens[end].bare:
                nxt = self._surname_at(tokens, end + 1, lowercase)
                if nxt is None:
                    break
                end = nxt
            last = tokens[end]
            possessive = _POSSESSIVE.search(last.text)
            stop = last.end - (len(possessive.group(0)) if possessive else 0)
            if end == i and self._dutch_possessive(last) and last.bare not in self.first_all:
                stop -= 1  # "Mohameds" → "Mohamed"
            after_title = start > 0 and tokens[start - 1].bare.rstrip(".") in _TITLES
            place = text[tokens[start].start : stop].lower() in self.places
            if after_title or tokens[start].bare in self.first_all or not place:
                spans.append((tokens[start].start, stop))
            i = end + 1
        return self._other_mentions(text, tokens, spans)

    @staticmethod
    def _other_mentions(
        text: str, tokens: list[_Token], spans: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """A found full name's first word, alone elsewhere, is that person too
        ("Will Harrington … Will says")."""
        firsts = {text[s:e].split()[0].lower() for s, e in spans if len(text[s:e].split()) > 1}
        covered = {pos for s, e in spans for pos in range(s, e)}
        extra = [
            (t.start, t.end - len(m.group(0)) if (m := _POSSESSIVE.search(t.text)) else t.end)
            for t in tokens
            if t.capitalised and t.bare in firsts and t.start not in covered
        ]
        return sorted(spans + extra)

    # --- the whole question -------------------------------------------------------

    def find(self, text: str) -> list[tuple[EntityKind, int, int]]:
        """Non-overlapping (kind, start, end) spans, in text order."""
        found: list[tuple[EntityKind, int, int]] = []
        found += [(EntityKind.EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(text)]
        found += [
            (EntityKind.NATIONAL_ID, m.start(1), m.end(1)) for m in _NATIONAL_ID.finditer(text)
        ]
        for m in _STUDENT_NUMBER.finditer(text):
            group = 1 if m.group(1) else 2
            found.append((EntityKind.STUDENT_NUMBER, m.start(group), m.end(group)))
        found += [(EntityKind.ADDRESS, m.start(), m.end()) for m in _ADDRESS_NL.finditer(text)]
        for pattern in (_ADDRESS_NL_LEADING, _ADDRESS_EN):
            found += [(EntityKind.ADDRESS, m.start(), m.end()) for m in pattern.finditer(text)]
        found = [
            (kind, start, self._with_city(text, end) if kind is EntityKind.ADDRESS else end)
            for kind, start, end in found
        ]
        found += [(EntityKind.PHONE, s, e) for s, e in _phone_spans(text)]
        found += [(EntityKind.NAME, s, e) for s, e in self._name_spans(text)]
        # Earlier kinds win overlaps (an e-mail address holds a name, an address a number).
        kept: list[tuple[EntityKind, int, int]] = []
        for kind, start, end in found:
            if all(end <= s or start >= e for _, s, e in kept):
                kept.append((kind, start, end))
        return sorted(kept, key=lambda span: span[1])

    def redact(self, text: str, language: Language) -> Redaction:
        spans = self.find(text)
        numbers: dict[EntityKind, dict[str, int]] = {}
        entities: list[Entity] = []
        parts: list[str] = []
        cursor = 0
        for kind, start, end in spans:
            key = re.sub(r"\s+", " ", text[start:end]).lower()
            seen = numbers.setdefault(kind, {})
            if kind is EntityKind.NAME:
                key = self._same_person(key, seen)
            number = seen.setdefault(key, len(seen) + 1)
            placeholder = f"[{PLACEHOLDER[language][kind]}_{number}]"
            parts.append(text[cursor:start])
            parts.append(placeholder)
            cursor = end
            entities.append(Entity(kind=kind, start=start, end=end, placeholder=placeholder))
        parts.append(text[cursor:])
        return Redaction(text="".join(parts), entities=entities)

    def _with_city(self, text: str, end: int) -> int:
        """Extend an address over ", Utrecht" when a place name follows."""
        match = re.match(r",?\s+((?:[A-Z][\w'’-]*)(?:[ -][A-Z][\w'’-]*)?)", text[end:])
        if match and match.group(1).lower() in self.places:
            return end + match.end()
        return end

    @staticmethod
    def _same_person(key: str, seen: dict[str, int]) -> str:
        """A first name alone after the full name ("Sanne de Vries … Sanne") is that person."""
        for known in seen:
            words = known.split()
            if key == words[0] or (len(words) > 1 and key in (words[-1], " ".join(words[1:]))):
                return known
        return key


def corpus_words(corpus: Corpus) -> set[str]:
    """The protocol's own vocabulary (both languages, aliases included): never names."""
    words: set[str] = set()
    for clause in corpus.clauses:
        for language in Language:
            text = f"{clause.text_in(language)} {' '.join(clause.aliases.for_language(language))}"
            words.update(w.lower() for w in _WORD.findall(text))
    return words


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
