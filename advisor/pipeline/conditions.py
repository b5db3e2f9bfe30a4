"""A clause's own conditions, as the corpus states them, checked against a question.

Each ruling clause may carry cue phrases (``corpus/protocol.yaml``): how a
question says that a conditional permission's condition is unmet
(``unmet_cues``: "zonder toestemming" for 1.8), that a prohibition's exception
or a permission's condition applies (``exception_cues``: "professioneel
account" for 2.1, "niets vertrouwelijks" for 2.3), or whom or what a rule is about
(``subject_cues``: 1.12 and 2.1 are about pupils; with ``subject_also_cues``,
2.4 is about images of pupils or of school activities). They are the protocol's own
words, compiled once per corpus.

A cue the question denies does not count: "er komen geen namen in" does not
say a publication holds personal data, "not secret" does not say it is
confidential. A negation word just before a cue, in the same clause of the
sentence, denies it (unless the cue itself is a negation, "zonder
toestemming").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from advisor.domain.corpus import Corpus
from advisor.domain.models import Aliases, Clause, ClauseTerms, Modality
from advisor.pipeline.read import cue_pattern

# Words that deny what follows them, in both languages.
_NEGATION = frozenset(
    "geen niet niets niks nooit zonder niemand ipv no not nothing none never without nobody "
    "isn't aren't won't don't doesn't wasn't weren't didn't isnt arent wont dont doesnt wasnt "
    "werent didnt".split()
)
# How far back (in words) a negation reaches, within one part of a sentence.
_NEGATION_REACH = 4
_BOUNDARY = re.compile(r"[.,;:!?()\n]|\b(maar|but|en|and|of|or)\b", re.IGNORECASE)
# ...and over a list it heads, when the cue is an item of that list ("geen foto's van
# mezelf, mijn gezin of mijn huis"): up to this many words, never past the end of a
# sentence or a "maar"/"but", and not when the item is affirmed ("wel", "ook").
_LIST_REACH = 10
_LIST_ITEM = re.compile(r"(,|\b(of|or|en|and|nor|noch))\s*$", re.IGNORECASE)
_HARD_END = re.compile(r"[.;:!?()\n]|\b(maar|but)\b", re.IGNORECASE)
_AFFIRMED = re.compile(r"\b(wel|ook|also|do|does|did)\b", re.IGNORECASE)
_WORDS = re.compile(r"[\w']+")
# Verbs of leave a cue may end in, and how far after them (in words) a negation
# denies it: Dutch puts "niet" after the verb ("op onze locatie mogen telefoons
# niet mee"), English "no" after "allows" ("our location allows no phones").
_LEAVE = frozenset(
    "mag mogen mocht mochten toegestaan kan kunnen allows allowed may can could".split()
)
_LEAVE_REACH = 3
# (the plain negations only: "mogen filmen zonder gezichten" still gives leave)
_NOT = frozenset(
    "niet geen nooit nergens niks niets not no never nowhere nothing "
    "wasn't weren't isn't aren't didn't couldn't".split()
)
# The asker says they do not know whether it holds: the words after are left
# open, not stated ("ik weet niet zeker of alle ouders toestemming hebben gegeven",
# "not sure whether they gave consent", "weet niet precies welke ouders …"), up
# to the end of that part of the sentence; not when the asker's own act is what
# they are unsure of ("niet zeker of ik het met toestemming mag delen": the
# consent is given).
_UNSURE = re.compile(
    r"\b(niet zeker|weet (ik )?niet|weten niet|onduidelijk|geen idee|"
    r"not sure|unsure|don'?t know|do not know|no idea|unclear)"
    r"\b[^.,;:!?\n]{0,12}\b(of|if|whether|welke|which)\s+(?!(ik|i|we|wij|het|it|dit|dat|this|that)\b)"
    r"[^.,;:!?\n]*$",
    re.IGNORECASE,
)


def _cue_patterns(corpus: Corpus, cues: Callable[[Clause], Aliases]) -> dict[str, re.Pattern[str]]:
    """One compiled pattern per clause that has cues of this kind (both languages)."""
    patterns: dict[str, re.Pattern[str]] = {}
    for clause in corpus.clauses:
        pattern = cue_pattern([*cues(clause).nl, *cues(clause).en])
        if pattern is not None:
            patterns[clause.id] = pattern
    return patterns


def _condition_patterns(
    corpus: Corpus, phrases: Callable[[ClauseTerms], dict[str, Aliases]]
) -> dict[str, dict[str, re.Pattern[str]]]:
    """Per clause, one compiled pattern per condition its terms give phrases for."""
    patterns: dict[str, dict[str, re.Pattern[str]]] = {}
    for clause in corpus.clauses:
        for condition, cues in (phrases(clause.terms) if clause.terms else {}).items():
            pattern = cue_pattern([*cues.nl, *cues.en])
            if pattern is not None:
                patterns.setdefault(clause.id, {})[condition] = pattern
    return patterns


def denied(text: str, start: int, cue: str) -> bool:
    """The words just before ``start`` deny the cue found there ("geen namen")
    or leave it open ("niet zeker of"), or, for a cue that ends in a verb of
    leave, the words just after it ("op onze locatie mogen telefoons niet mee")
    or within it ("schreef dat we de filmpjes niet mogen", "wrote that we can't")."""
    words = _WORDS.findall(cue.lower())
    if next(iter(words), "") in _NEGATION:
        return False  # the cue is a negation itself: "zonder toestemming"
    if words and words[-1] in _LEAVE:
        if any(w in _NOT for w in words[1:]):
            return True  # a gap took in the negation: "schreef dat we het niet mogen"
        after = text[start + len(cue) :]
        if after.startswith(("'t", "’t")):
            return True  # "can't", "won't"
        end = _BOUNDARY.search(after)
        following = _WORDS.findall((after[: end.start()] if end else after).lower())
        if any(w in _NOT for w in following[:_LEAVE_REACH]):
            return True
    before = text[:start]
    ends = list(_HARD_END.finditer(before))
    if _UNSURE.search(before[ends[-1].end() :] if ends else before):
        return True  # "ik weet niet of alle ouders toestemming hebben gegeven"
    if _negated(before, _BOUNDARY, _NEGATION_REACH):
        return True
    if not _LIST_ITEM.search(before):
        return False
    after = text[start + len(cue) :]
    end = _HARD_END.search(after)
    if _AFFIRMED.search(after[: end.start()] if end else after):
        return False  # "geen namen, foto's staan er wel op"
    return _negated(before, _HARD_END, _LIST_REACH)


def _negated(before: str, boundary: re.Pattern[str], reach: int) -> bool:
    """A negation word among the last ``reach`` words of ``before``, after its
    last ``boundary``."""
    ends = list(boundary.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return any(w in _NEGATION for w in _WORDS.findall(before.lower())[-reach:])


# Chat spellings of "mijn" ("m'n", "mn", "me eigen"), read as the word the
# protocol's phrases use ("mijn eigen Insta").
_MIJN = re.compile(r"\bm'?n\b|\bme(?= eigen\b)", re.IGNORECASE)
# "in plaats van op mijn eigen Insta", "instead of on my own Instagram": one
# word, so that it denies what follows ("of" would end the part of the sentence).
_INSTEAD = re.compile(
    r"\bin plaats van\b|\bi\.p\.v\.|\binstead of\b|\brather than\b", re.IGNORECASE
)


# A named child's parent, the name taken out before the question is read ("de
# vader van [Lieke] uit mijn groep 4", "[Sophie]'s mum", "the mum of [Sem] in my
# class"): read as the protocol's phrases say it, a pupil's parent.
_NAMED_PARENT_NL = re.compile(
    r"\b(vader|moeder|ouders?|papa|mama|stiefvader|stiefmoeder)\s+van\s+"
    r"(?=(uit|in|heeft|had|hebben|stuurde|stuurt|wil|wilde|is|was|zit)\b|[,.;:!?])",
    re.IGNORECASE,
)
_NAMED_PARENT_POSSESSIVE = re.compile(
    r"(?:^|(?<=[\s(\"“]))['’]s\s+(moeder|vader|ouders|mum|mom|mother|dad|father|parents?)\b",
    re.IGNORECASE,
)
_NAMED_PARENT_EN = re.compile(
    r"\b(mum|mom|mother|dad|father|parents?)\s+of\s+"
    r"(?=(in|from|has|had|sent|sends|is|was)\b|[,.;:!?])",
    re.IGNORECASE,
)


# "Mijn buurman [Kees], wiens dochter [Sophie] bij mij in groep 7 zit", "my
# neighbour, whose son is in my class": the one whose child is the asker's pupil
# is a pupil's parent.
_WHOSE_CHILD_NL = re.compile(
    r"\b(wiens|wier|van wie)\s+(dochter|zoon|kind|kinderen|dochtertje|zoontje)\s+"
    r"(?=([^.?!]{0,20}\b(bij mij|bij ons|in mijn|in onze)\b))",
    re.IGNORECASE,
)
_WHOSE_CHILD_EN = re.compile(
    r"\bwhose\s+(daughter|son|child|children|kid|kids)\s+"
    r"(?=([^.?!]{0,20}\b(in my|in our|with me)\b))",
    re.IGNORECASE,
)


def _named_parent(match: re.Match[str]) -> str:
    parent = match.group(1).lower()
    if parent in {"moeder", "vader", "ouders"}:
        return f"{parent} van een leerling"
    return f"a pupil's {parent}"


@lru_cache(maxsize=64)
def _plain(text: str) -> str:
    """Chat spellings the cues are written without ("mn", "m'n" → "mijn"), and a
    named child's parent as a pupil's parent."""
    text = _NAMED_PARENT_NL.sub(lambda m: f"{m.group(1)} van een leerling ", text)
    text = _NAMED_PARENT_POSSESSIVE.sub(_named_parent, text)
    text = _NAMED_PARENT_EN.sub(lambda m: f"{m.group(1)} of one of my pupils ", text)
    text = _WHOSE_CHILD_NL.sub("vader van een leerling, wiens kind ", text)
    text = _WHOSE_CHILD_EN.sub("father of one of my pupils, whose child ", text)
    return _INSTEAD.sub("ipv", _MIJN.sub("mijn", text))


def _overlapping(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` found at every start, overlapping matches too ("ook voor ouders
    van leerlingen": both "ook voor ouders" and "ouders van leerlingen")."""
    return re.compile(f"(?=({pattern.pattern}))", pattern.flags)


def stated(
    pattern: re.Pattern[str] | None, text: str, *, within: re.Pattern[str] | None = None
) -> bool:
    """A cue of ``pattern`` occurs in ``text`` and is not denied there (nor lies
    inside a match of ``within``, an ``_overlapping`` pattern)."""
    if pattern is None:
        return False
    text = _plain(text)
    spans = [(m.start(1), m.end(1)) for m in within.finditer(text)] if within else []
    return any(
        not denied(text, m.start(), m.group(0))
        and not any(start <= m.start() and m.end() <= end for start, end in spans)
        for m in pattern.finditer(text)
    )


class ClauseConditions:
    def __init__(self, corpus: Corpus) -> None:
        self._modality = {c.id: c.modality for c in corpus.clauses}
        self._unmet = _cue_patterns(corpus, lambda c: c.unmet_cues)
        self._exception = _cue_patterns(corpus, lambda c: c.exception_cues)
        self._subject = _cue_patterns(corpus, lambda c: c.subject_cues)
        self._subject_also = _cue_patterns(corpus, lambda c: c.subject_also_cues)
        self._said = _condition_patterns(corpus, lambda t: t.stated)
        self._unsaid = _condition_patterns(corpus, lambda t: t.unless)
        # The stating cues of each condition an ``unless`` takes back, matched
        # overlapping (``taken_back``), compiled once.
        self._stating = {
            clause_id: {
                condition: _overlapping(pattern)
                for condition, pattern in self._said.get(clause_id, {}).items()
                if condition in taken
            }
            for clause_id, taken in self._unsaid.items()
        }
        self._grantee = _cue_patterns(
            corpus, lambda c: c.terms.granted_to if c.terms else Aliases()
        )
        # The clauses whose subject words name pupils, read once per corpus.
        self._about_pupils = frozenset(
            clause_id
            for patterns in (self._subject, self._subject_also)
            for clause_id, pattern in patterns.items()
            if stated(pattern, "leerlingen") or stated(pattern, "pupils")
        )

    def unmet(self, clause_id: str, text: str) -> bool:
        """The question says this clause's condition is not met."""
        return stated(self._unmet.get(clause_id), text)

    def exception_applies(self, clause_id: str, text: str) -> bool:
        """The question says this clause's exception (or condition) applies."""
        return stated(self._exception.get(clause_id), text)

    def said(self, clause_id: str, text: str) -> set[str]:
        """The clause's conditions the question states in so many words
        (``ClauseTerms.stated``), less those it takes back (``taken_back``)."""
        return {
            condition
            for condition, pattern in self._said.get(clause_id, {}).items()
            if stated(pattern, text)
        } - self.taken_back(clause_id, text)

    def taken_back(self, clause_id: str, text: str) -> set[str]:
        """The clause's conditions the question takes back in so many words
        (``ClauseTerms.unless``: "nog ingeschreven" for a former pupil), not
        within the words that state them: the pupil in "ouders van leerlingen"
        is the parent's child, a pupil named elsewhere may be the one befriended."""
        stating = self._stating.get(clause_id, {})
        return {
            condition
            for condition, pattern in self._unsaid.get(clause_id, {}).items()
            if stated(pattern, text, within=stating.get(condition))
        }

    def names_grantee(self, clause_id: str, text: str) -> bool:
        """The question names whom the clause's permission is given to
        (``ClauseTerms.granted_to``: the class, pupils)."""
        return stated(self._grantee.get(clause_id), text)

    def has_subject(self, clause_id: str) -> bool:
        """The clause is about someone or something named in its ``subject_cues``."""
        return clause_id in self._subject

    def without_subject(self, clause_id: str, text: str) -> bool:
        """The clause is about someone or something (``Clause.subject_cues``) the
        question never names, or names only to deny it ("geen foto's erbij"); or
        the question names it but not the second part of the subject
        (``Clause.subject_also_cues``: holiday photos are images, not of pupils)."""
        pattern = self._subject.get(clause_id)
        if pattern is None:
            return False
        also = self._subject_also.get(clause_id)
        return not stated(pattern, text) or (also is not None and not stated(also, text))

    def about_pupils(self, clause_id: str) -> bool:
        """The clause's subject words name pupils (2.1, 1.12, 2.4): a person named
        in a question may be its subject."""
        return clause_id in self._about_pupils

    def out_of_scope(self, text: str) -> bool:
        """The question says the matter has no link with school (scope clause 0.3)."""
        return any(
            self._modality[cid] is Modality.SCOPE and self.unmet(cid, text) for cid in self._unmet
        )
