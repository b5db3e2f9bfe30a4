from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from advisor.domain.corpus import Corpus, load_corpus, render_protocol
from advisor.domain.errors import CorpusError
from advisor.domain.models import PrecedentStatus, Verdict
from tests.conftest import CORPUS_DIR

SOURCE = CORPUS_DIR / "source" / "protocol-internet-sociale-media-2018.txt"

# The clause ids of design.md, in reading order: a contract for tests, evals and logs.
DESIGN_IDS = [
    *("0.1", "0.2", "0.3", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"),
    *("1.9", "1.9a", "1.9b", "1.9c", "1.9d", "1.9e", "1.10", "1.11", "1.12"),
    *("2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "3.5"),
]

# How each clause opens, from design.md's table.
OPENINGS = {
    "0.1": "Internet en sociale media spelen een belangrijke rol",
    "0.3": "Belangrijk is dat we bij het gebruik",
    "1.0": "Onderstaande afspraken zijn van toepassing",
    "1.8": "Het is niet toegestaan om foto's of video's",
    "1.9": "Internet en sociale media worden alleen gebruikt",
    "1.9a": "sites te bezoeken",
    "1.9e": "iemand lastig te vallen",
    "1.10": "We houden onze wachtwoorden geheim.",
    "1.12": "Het leggen van contact",
    "2.1": "Medewerkers en leerlingen van de school worden niet",
    "2.6": "Bij twijfel of een publicatie",
    "3.5": "Indien de uitlating",
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_clause_ids_follow_design(corpus: Corpus) -> None:
    assert corpus.clause_ids == DESIGN_IDS
    for cid, opening in OPENINGS.items():
        assert corpus.clause(cid).text.startswith(opening), cid


def test_round_trip_gives_back_the_source(corpus: Corpus) -> None:
    source = SOURCE.read_text(encoding="utf-8")
    assert _squash(render_protocol(corpus.protocol)) == _squash(source)


def test_every_clause_text_is_verbatim_in_the_source(corpus: Corpus) -> None:
    source = _squash(SOURCE.read_text(encoding="utf-8"))
    for clause in corpus.clauses:
        assert _squash(clause.text) in source, clause.id
        if clause.text_after:
            assert _squash(clause.text_after) in source
    # The original's typos are kept, not corrected.
    assert "Edivier" in corpus.clause("0.1").text


def test_clauses_carry_english_and_aliases(corpus: Corpus) -> None:
    assert "unofficial" in corpus.protocol.english_rendering.lower()
    for clause in corpus.clauses:
        assert clause.text_en.strip() and clause.text_en != clause.text
        if clause.section in {"1", "2"} and clause.kind != "paragraph":
            assert len(clause.aliases.nl) >= 3, clause.id
            assert len(clause.aliases.en) >= 3, clause.id


def test_precedent_coverage(corpus: Corpus) -> None:
    approved = corpus.approved_precedents()
    assert len(corpus.precedents) >= 45
    applied = Counter(cid for p in approved for cid in p.clause_ids)
    for cid in corpus.clause_ids:
        if not cid.startswith("0."):
            assert applied[cid] >= 1, f"no approved precedent applies {cid}"
    for cid in ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"):
        assert applied[cid] >= 3, f"{cid} applied by only {applied[cid]} precedents"
    not_covered = [p for p in approved if p.verdict is Verdict.NOT_COVERED]
    assert len(not_covered) >= 4
    for precedent in corpus.precedents:
        assert set(precedent.clause_ids) <= set(corpus.clause_ids)
        if precedent.verdict is not Verdict.NOT_COVERED:
            assert precedent.clause_ids, precedent.id
        assert precedent.status in set(PrecedentStatus)


def test_precedent_rationales_quote_clauses_verbatim(corpus: Corpus) -> None:
    """Every quoted fragment in a rationale stands verbatim in a clause the precedent applies."""
    checked = 0
    for precedent in corpus.precedents:
        cited = [_squash(corpus.clause(cid).quote) for cid in precedent.clause_ids]
        for fragment in re.findall(r"[\"“]([^\"”]{12,})[\"”]", precedent.rationale):
            for piece in re.split(r"\s*(?:\.\.\.|…)\s*", _squash(fragment)):
                piece = piece.strip(" .,;:")
                if len(piece) >= 12:
                    assert any(piece in text for text in cited), f"{precedent.id}: {piece!r}"
                    checked += 1
    assert checked >= len(corpus.precedents)


def test_corpus_version_is_stable_and_tracks_changes(tmp_path: Path, corpus: Corpus) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, copy)
    assert load_corpus(copy).version == corpus.version
    precedent = next((copy / "precedents").glob("*.yaml"))
    precedent.write_text(precedent.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_corpus(copy).version != corpus.version


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda text: text.replace("clauses:", "clauses: [", 1), "broken YAML"),
        (lambda text: text.replace("modality: prohibition", "modality: maybe", 1), "modality"),
        (lambda text: text.replace("id: '2.1'", "id: '2.2'", 1), "duplicate clause ids"),
        (lambda text: "", "expected a mapping"),
    ],
)
def test_broken_protocol_file_gives_a_clear_error(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, copy)
    protocol = copy / "protocol.yaml"
    protocol.write_text(edit(protocol.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(copy)
    assert "protocol.yaml" in str(info.value) or "duplicate" in str(info.value)


def test_precedent_citing_unknown_clause_is_rejected(tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, copy)
    path = sorted((copy / "precedents").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"clause_ids: \[[^\]]*\]", 'clause_ids: ["9.9"]', text), encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="unknown clause ids"):
        load_corpus(copy)


def test_missing_corpus_dir(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")


def test_every_clause_id_named_in_code_exists(corpus: Corpus) -> None:
    from advisor.domain import clause_ids

    named = clause_ids.named_in_code()
    assert named, "the module names the clauses the protocol singles out"
    assert named <= set(corpus.clause_ids), named - set(corpus.clause_ids)


def test_no_clause_id_is_written_into_code_outside_its_module() -> None:
    """A clause id in code lives in ``advisor.domain.clause_ids`` (tested above)."""
    root = Path(__file__).resolve().parents[1]
    literal = re.compile(r"""["'][0-3]\.\d{1,2}[a-e]?["']""")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for base in ("advisor", "ui")
        for path in sorted((root / base).rglob("*.py"))
        if path.name != "clause_ids.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line) and not line.lstrip().startswith("#")
    ]
    assert not offenders, offenders
