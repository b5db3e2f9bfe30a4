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

import re
from collections.abc import Iterable

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

from advisor.domain.corpus import Corpus
from advisor.domain.models import Language
from advisor.domain.redaction import (
    PLACEHOLDER,
    Entity,
    EntityKind,
    Redaction,
)
from advisor.pipeline.pii_lexicon import (
    ADDRESS_EN,
    ADDRESS_NL,
    ADDRESS_NL_LEADING,
    DETERMINERS,
    EMAIL,
    NATIONAL_ID,
    NOT_NAMES,
    PARTICLES,
    POSSESSIVE,
    RELATIONS,
    STREET_WORD,
    STUDENT_NUMBER,
    TITLES,
    WORD,
    Token,
    adjacent,
    name_lists,
    ordinary_words,
    phone_spans,
    places,
    word_tokens,
)
from advisor.search.lexical import PLATFORM_WORDS

# --- contact details ------------------------------------------------------------


class Pseudonymizer:
    """Finds personal data in a question and replaces it with placeholders."""

    @classmethod
    def for_corpus(cls, corpus: Corpus) -> Pseudonymizer:
        return cls(corpus_words(corpus))

    def __init__(self, common_words: Iterable[str] = ()) -> None:
        # All listed names, for capitalised words; without the ones that are
        # also function words ("en", "die", "will"), for lowercase words.
        self.first_all, self.last_all = name_lists()
        stop = frozenset(STOPWORDS_DUTCH) | frozenset(STOPWORDS_EN) | NOT_NAMES
        self.first, self.last = self.first_all - stop, self.last_all - stop
        self.ordinary = ordinary_words()
        self.places = places()
        self.common = (
            frozenset(w.lower() for w in common_words)
            | frozenset(STOPWORDS_DUTCH)
            | frozenset(STOPWORDS_EN)
            | NOT_NAMES
            | PLATFORM_WORDS
        )

    # A word that may be (part of) a name, by itself.
    def _known_name(self, token: Token) -> bool:
        first, last = (
            (self.first_all, self.last_all) if token.capitalised else (self.first, self.last)
        )
        parts = [p for p in token.bare.split("-") if p]
        return bool(parts) and all(p in first or p in last for p in parts)

    def _name_start(self, tokens: list[Token], i: int) -> bool:
        token = tokens[i]
        bare = token.bare
        if bare in NOT_NAMES:
            return False
        after_title = i > 0 and tokens[i - 1].bare.rstrip(".") in TITLES
        after_relation = i > 0 and tokens[i - 1].bare in RELATIONS and adjacent(tokens, i)
        if after_relation and token.capitalised and not token.sentence_start:
            return bare not in self.common or self._known_name(token)
        if bare in PARTICLES:
            # "Mrs van der Meer": a title, particles, then the surname.
            return after_title and self._surname_at(tokens, i) is not None
        if bare in TITLES or len(bare) < 2:
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

    def _unknown_pair(self, tokens: list[Token], i: int) -> bool:
        """Two capitalised words that are on no list and no ordinary words
        ("Wytske Bosma", "Kofi Boateng"): a person, unless they name a place."""
        if i + 1 >= len(tokens) or not adjacent(tokens, i + 1):
            return False
        pair = tokens[i : i + 2]
        if not all((t.capitalised and t.text.lower() == t.bare) or t is pair[1] for t in pair):
            return False
        if not pair[1].capitalised or pair[1].sentence_start:
            return False
        words = [t.bare for t in pair]
        if any(w in self.common or w in TITLES or w in RELATIONS for w in words):
            return False
        return f"{words[0]} {words[1]}" not in self.places and words[0] not in self.places

    def _acts_like_subject(self, tokens: list[Token], i: int) -> bool:
        if self._surname_at(tokens, i + 1) is not None:
            return True
        if i + 1 >= len(tokens) or not adjacent(tokens, i + 1):
            return False  # followed by punctuation: a list or a heading
        return tokens[i + 1].bare not in DETERMINERS and not tokens[i + 1].capitalised

    def _dutch_possessive(self, token: Token) -> bool:
        """ "Mohameds vader": a listed first name with a possessive -s."""
        bare = token.bare
        return bare.endswith("s") and bare[:-1] in self.first_all and bare not in self.ordinary

    def _surname_at(self, tokens: list[Token], j: int, lowercase: bool = False) -> int | None:
        """The index of the surname word that continues a name at ``j``, if any."""
        k = j
        while k < len(tokens) and tokens[k].bare in PARTICLES and adjacent(tokens, k):
            k += 1
        if k >= len(tokens) or not adjacent(tokens, k):
            return None
        word = tokens[k]
        if word.bare in TITLES or word.bare in NOT_NAMES or STREET_WORD.search(word.bare):
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
        tokens = word_tokens(text)
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
                and adjacent(tokens, start)
                and tokens[start - 1].bare not in NOT_NAMES
                and tokens[start - 1].bare not in TITLES
                and tokens[start - 1].bare not in RELATIONS
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
                and tokens[start - 1].bare in PARTICLES
                and tokens[start - 1].capitalised
                and not tokens[start - 1].sentence_start
                and adjacent(tokens, start)
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
            possessive = POSSESSIVE.search(last.text)
            stop = last.end - (len(possessive.group(0)) if possessive else 0)
            if end == i and self._dutch_possessive(last) and last.bare not in self.first_all:
                stop -= 1  # "Mohameds" → "Mohamed"
            after_title = start > 0 and tokens[start - 1].bare.rstrip(".") in TITLES
            place = text[tokens[start].start : stop].lower() in self.places
            if after_title or tokens[start].bare in self.first_all or not place:
                spans.append((tokens[start].start, stop))
            i = end + 1
        return self._other_mentions(text, tokens, spans)

    @staticmethod
    def _other_mentions(
        text: str, tokens: list[Token], spans: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """A found full name's first word, alone elsewhere, is that person too
        ("Will Harrington … Will says")."""
        firsts = {text[s:e].split()[0].lower() for s, e in spans if len(text[s:e].split()) > 1}
        covered = {pos for s, e in spans for pos in range(s, e)}
        extra = [
            (t.start, t.end - len(m.group(0)) if (m := POSSESSIVE.search(t.text)) else t.end)
            for t in tokens
            if t.capitalised and t.bare in firsts and t.start not in covered
        ]
        return sorted(spans + extra)

    # --- the whole question -------------------------------------------------------

    def find(self, text: str) -> list[tuple[EntityKind, int, int]]:
        """Non-overlapping (kind, start, end) spans, in text order."""
        found: list[tuple[EntityKind, int, int]] = []
        found += [(EntityKind.EMAIL, m.start(), m.end()) for m in EMAIL.finditer(text)]
        found += [
            (EntityKind.NATIONAL_ID, m.start(1), m.end(1)) for m in NATIONAL_ID.finditer(text)
        ]
        for m in STUDENT_NUMBER.finditer(text):
            group = 1 if m.group(1) else 2
            found.append((EntityKind.STUDENT_NUMBER, m.start(group), m.end(group)))
        found += [(EntityKind.ADDRESS, m.start(), m.end()) for m in ADDRESS_NL.finditer(text)]
        for pattern in (ADDRESS_NL_LEADING, ADDRESS_EN):
            found += [(EntityKind.ADDRESS, m.start(), m.end()) for m in pattern.finditer(text)]
        found = [
            (kind, start, self._with_city(text, end) if kind is EntityKind.ADDRESS else end)
            for kind, start, end in found
        ]
        found += [(EntityKind.PHONE, s, e) for s, e in phone_spans(text)]
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
            words.update(w.lower() for w in WORD.findall(text))
    return words
