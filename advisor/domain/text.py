"""Text as every reader of a question expects it: what was meant, not how it was typed."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Phones and word processors type curly apostrophes and quotes ("don’t",
# "foto’s", „quote”); every reader after this stage (the cues, the
# n-grams, the lexical index) knows the typewriter forms, so fold them.
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)


def clean_text(text: str) -> str:
    """NFKC, without format characters (Unicode category Cf: zero-width spaces
    and joiners, soft hyphens, bidi controls, byte-order marks), typographic
    apostrophes and quotes as typed on a keyboard, whitespace folded.

    Invisible characters inside a word ("Insta\u200bgram", "leer\u00adling") must
    not change what is read; NFKC folds full-width letters, ligatures and
    no-break spaces to what staff meant to type."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    folded = unicodedata.normalize("NFKC", visible.translate(_TYPOGRAPHIC))
    return _SPACE.sub(" ", folded).strip()
