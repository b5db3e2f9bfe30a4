"""What personal data looks like: the patterns and word lists the pseudonymiser
(``pipeline.privacy``) finds it with. Name lists come from the Faker package's
own files and ``advisor/data``; nothing is downloaded."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
# A run of digits, spaces, dashes, dots and brackets that starts like a phone
# number (+, 00, 0 or a bracket); its digits are counted afterwards.
PHONE = re.compile(r"(?<![\w/@.-])(?:\+|\(\+?)?\d[\d ()./-]{6,}\d(?![\w@])")
NANP = re.compile(r"^\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$")
STUDENT_NUMBER = re.compile(
    r"\b(?:leerling(?:en)?nummer|leerlingnr|lln\.?\s?nr|llnr|lln|studentnummer|studentnr|"
    r"student\s?(?:number|no|nr|id)|pupil\s?(?:number|no|id)|leerling-?id)\b\.?\s*[:#.(]?\s*"
    r"(\d{4,10})\b|\b(?:leerling|pupil|student)\s(\d{5,10})\b",
    re.IGNORECASE,
)
NATIONAL_ID = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer)\b\.?\s*[:#]?\s*(\d{8,9})\b", re.IGNORECASE
)
STREET_SUFFIX = (
    r"straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|steeg|pad|dreef|baan|"
    r"plantsoen|markt|erf|ring|wal|veld|zijde|allee|boulevard|burg|haven|hoven|weide|"
    r"straatweg|kant|berg|dal|tuin|akker|polder|oord"
)
EN_STREET = (
    r"Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Close|Way|Court|Crescent|Place|Grove|"
    r"Gardens|Terrace|Row|Hill|Square|Mews|Walk|Park|Boulevard"
)
POSTCODE_CITY = r"(?:,?\s*\d{4}\s?[A-Z]{2}\b(?:\s+(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?)?)?"
ADDRESS_NL = re.compile(
    r"(?<![\w])(?:(?:[A-Z][\w'’.-]*|van|de|der|den|het|'t)\s){0,3}"
    rf"[\w'’-]*(?i:{STREET_SUFFIX})\s+\d{{1,5}}(?:\s?[a-zA-Z]\b|-\d+)?{POSTCODE_CITY}"
)
# Streets that start with their kind: "Laan van Meerdervoort 230", "Plein 1813 4".
ADDRESS_NL_LEADING = re.compile(
    r"\b(?:Laan|Weg|Plein|Kade|Singel|Dijk|Straat|Gracht|Hof|Park|Dreef)\s"
    r"(?:(?:van|der|de|den|het|'t|op|[A-Z][\w'’-]*)\s){1,4}\d{1,5}(?:\s?[a-zA-Z]\b|-\d+)?"
    rf"{POSTCODE_CITY}"
)
ADDRESS_EN = re.compile(
    rf"\b\d{{1,5}}[a-zA-Z]?\s+(?:[A-Z][\w'’-]+\s){{1,3}}(?:{EN_STREET})(?!\w)"
    r"(?:,?\s+[A-Z][\w'’-]+(?:,?\s+[A-Z]{1,2}\d[\dA-Z]?\s?\d[A-Z]{2})?)?"
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in PHONE.finditer(text):
        raw = match.group(0).rstrip(".-/ ")
        start = match.start()
        while raw.endswith(")") and raw.count(")") > raw.count("("):
            raw = raw[:-1]
        if raw.startswith("(") and raw.count("(") > raw.count(")"):
            raw, start = raw[1:], start + 1
        digits = re.sub(r"\D", "", raw)
        starts_like_phone = raw.startswith(("+", "0", "(")) or bool(NANP.match(raw))
        dotted_date = re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", raw)
        if 9 <= len(digits) <= 15 and starts_like_phone and not dotted_date:
            spans.append((start, start + len(raw)))
    return spans


# --- names ----------------------------------------------------------------------

PARTICLES = frozenset(
    "van de der den het 't t te ter ten la le du da di del della dos das el al ben bin "
    "abu ait ibn von zu mac mc".split()
)
# Words after which a capitalised word is a person ("haar dochter Aoife", "son Minh").
RELATIONS = frozenset(
    "zoon dochter broer broertje zus zusje vader moeder papa mama opa oma oom tante neef "
    "nicht leerling leerlinge collega vriend vriendin son daughter brother sister father "
    "mother dad mum mom grandma grandpa uncle aunt cousin pupil student colleague friend "
    "stepson stepdaughter".split()
)
DETERMINERS = frozenset(
    "the a an this that these those my your our de het een dit dat deze die mijn onze je".split()
)
TITLES = frozenset(
    "meneer mevrouw mevr mw mvr dhr heer juf juffrouw meester mr mrs ms miss mister dr "
    "sir madam coach".split()
)
# Words capitalised mid-sentence that are never a person's name here, though
# some name lists hold them ("April", "Ramadan", "King").
NOT_NAMES = frozenset(
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
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
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
    return frozenset(first), frozenset(last - PARTICLES)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
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
def ordinary_words() -> frozenset[str]:
    text = resources.files("advisor").joinpath("data/name_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#")) - frozenset("#")


STREET_WORD = re.compile(r"..(?:straat|laan|plein|gracht|kade|singel|dreef|steeg|weg)$")
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_OPENERS = "\"'“‘’„‚«»([<"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool
    gap: str  # the text between the previous token and this one

    @property
    def bare(self) -> str:
        return POSSESSIVE.sub("", self.text).lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() and not self.text.isupper()


def adjacent(tokens: list[Token], k: int) -> bool:
    """Token ``k`` follows token ``k - 1`` after one space (and an apostrophe: "van 't")."""
    return k > 0 and tokens[k].gap in {" ", " '", " ’"}


def word_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in WORD.finditer(text):
        # An opening quote or bracket does not start a sentence by itself: a
        # name quoted mid-sentence ('mag ik "Roos" taggen', „Roos”, «Roos», as
        # typed or as the first stage folds them) is still mid-sentence.
        before = text[: match.start()].rstrip().rstrip(_OPENERS).rstrip()
        sentence_start = not before or before[-1] in ".!?:\n>"
        gap = text[tokens[-1].end if tokens else 0 : match.start()]
        tokens.append(Token(match.group(0), match.start(), match.end(), sentence_start, gap))
    return tokens
