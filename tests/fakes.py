"""Fakes for tests: deterministic, model-free stand-ins."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field

from advisor.domain.models import Learned, Reading, Verdict
from advisor.pipeline.read import read
from advisor.search.embeddings import NamedEmbeddings


class HashingEmbeddings(NamedEmbeddings):
    """Bag of hashed word trigrams-of-letters: similar texts get similar vectors.

    Records every call, so tests can check what was embedded and how often.
    """

    name = "fake-hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.documents_embedded: list[str] = []
        self.queries: list[str] = []

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            padded = f"#{word}#"
            for i in range(max(1, len(padded) - 2)):
                gram = padded[i : i + 3]
                bucket = int(hashlib.md5(gram.encode()).hexdigest()[:8], 16) % self.dim
                vec[bucket] += 1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0:
            vec[0] = 1.0
            norm = 1.0
        result: list[float] = (vec / norm).tolist()
        return result

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents_embedded.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self._vector(text)


class RecordingChatModel(FakeListChatModel):
    """A scripted chat model that also records every prompt it was sent."""

    prompts: list[str] = Field(default_factory=list)

    def _call(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> str:
        self.prompts.append("\n".join(str(m.content) for m in messages))
        return super()._call(messages, *args, **kwargs)

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Any:
        self.prompts.append("\n".join(str(m.content) for m in messages))
        return super()._stream(messages, *args, **kwargs)


def learned_reading(
    text: str,
    verdict: dict[Verdict, float],
    clauses: dict[str, float],
    asker: str = "staff",
    *,
    urgent: float = 0.0,
    conditions: dict[str, float] | None = None,
    acts: dict[str, float] | None = None,
) -> Reading:
    """The rules' reading of ``text`` with a case-bank model's reading as given."""
    return read(text).model_copy(
        update={
            "learned": Learned(
                verdict=verdict,
                clauses=clauses,
                no_clause=0.0,
                urgent=urgent,
                conditions=conditions or {},
                acts=acts or {},
                question_type="may_i",
                question_type_p=0.9,
                actor="asker",
                actor_p=0.9,
                asker=asker,
                asker_p=0.9,
            )
        }
    )
