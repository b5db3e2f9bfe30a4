"""Loading the corpus: the protocol's clauses and the case precedents.

The corpus is data (``corpus/``), validated here into pydantic models. Every
problem is raised as a :class:`CorpusError` that names the file, so a broken
YAML edit gives one clear line instead of a traceback. The corpus version is a
hash over the corpus files' bytes; answers and indexes record it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from advisor.domain.errors import CorpusError
from advisor.domain.models import Clause, Precedent, PrecedentStatus, Section
from advisor.domain.yamlio import load_model

_M = TypeVar("_M", bound=BaseModel)

PROTOCOL_FILE = "protocol.yaml"
PRECEDENTS_DIR = "precedents"
BANK_DIR = "bank"


class ProtocolDocument(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    organisation: str
    adopted: str
    english_rendering: str = Field(min_length=1)
    preamble: list[str]
    sections: list[Section]
    clauses: list[Clause]


class Corpus(BaseModel):
    model_config = ConfigDict(frozen=True)

    protocol: ProtocolDocument
    precedents: list[Precedent]
    version: str

    @property
    def clauses(self) -> list[Clause]:
        return self.protocol.clauses

    def clause(self, clause_id: str) -> Clause:
        for clause in self.protocol.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    @property
    def clause_ids(self) -> list[str]:
        return [c.id for c in self.protocol.clauses]

    def approved_precedents(self) -> list[Precedent]:
        return [p for p in self.precedents if p.status is PrecedentStatus.APPROVED]

    def precedent(self, precedent_id: str) -> Precedent:
        for precedent in self.precedents:
            if precedent.id == precedent_id:
                return precedent
        raise KeyError(precedent_id)


def precedent_files(corpus_dir: Path) -> list[Path]:
    return sorted((corpus_dir / PRECEDENTS_DIR).glob("*.yaml"))


def bank_files(corpus_dir: Path) -> list[Path]:
    """The case bank (``corpus/bank``): training data, part of the corpus version."""
    return sorted((corpus_dir / BANK_DIR).glob("*.yaml"))


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files that make up the corpus, in a stable order."""
    return [corpus_dir / PROTOCOL_FILE, *precedent_files(corpus_dir), *bank_files(corpus_dir)]


def corpus_version(files: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _load_model(path: Path, model: type[_M]) -> _M:
    return load_model(path, model, CorpusError, "corpus file")


def load_protocol(path: Path) -> ProtocolDocument:
    protocol = _load_model(path, ProtocolDocument)
    ids = [c.id for c in protocol.clauses]
    duplicates = sorted({cid for cid in ids if ids.count(cid) > 1})
    if duplicates:
        raise CorpusError(f"invalid corpus file {path}: duplicate clause ids {duplicates}")
    return protocol


def load_precedent(path: Path) -> Precedent:
    precedent = _load_model(path, Precedent)
    if path.stem != precedent.id:
        raise CorpusError(f"precedent file {path.name} holds id {precedent.id}: name them alike")
    return precedent


def load_corpus(corpus_dir: Path) -> Corpus:
    """Load and cross-check the whole corpus; raise CorpusError on any problem."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    files = corpus_files(corpus_dir)
    protocol = load_protocol(corpus_dir / PROTOCOL_FILE)
    precedents = [load_precedent(path) for path in precedent_files(corpus_dir)]
    known = {c.id for c in protocol.clauses}
    seen: set[str] = set()
    for precedent in precedents:
        if precedent.id in seen:
            raise CorpusError(f"duplicate precedent id {precedent.id}")
        seen.add(precedent.id)
        unknown = [cid for cid in precedent.clause_ids if cid not in known]
        if unknown:
            raise CorpusError(f"precedent {precedent.id} cites unknown clause ids {unknown}")
    return Corpus(
        protocol=protocol,
        precedents=precedents,
        version=corpus_version(files, corpus_dir),
    )


def render_protocol(protocol: ProtocolDocument) -> str:
    """The protocol document rebuilt from its clauses, in the source's layout.

    Used by the round-trip test: joined with the title and headings, the clauses
    must give back the source text.
    """
    lines: list[str] = list(protocol.preamble)
    headings = {s.id: s.heading for s in protocol.sections}
    current = "0"
    for clause in protocol.clauses:
        if clause.section != current:
            current = clause.section
            heading = headings.get(current)
            if heading:
                lines.append(heading)
        prefix = {"paragraph": "", "bullet": "- ", "subbullet": " - "}[clause.kind]
        lines.append(prefix + clause.text)
        # 1.9's closing sentence follows its last sub-bullet.
        if clause.kind == "subbullet" and clause.parent is not None:
            parent = next(c for c in protocol.clauses if c.id == clause.parent)
            siblings = [c for c in protocol.clauses if c.parent == clause.parent]
            if siblings[-1].id == clause.id and parent.text_after:
                lines.append(" " + parent.text_after)
    return "\n\n".join(lines) + "\n"
