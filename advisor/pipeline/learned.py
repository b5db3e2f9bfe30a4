"""The reading learned from the case bank (``corpus/bank``).

Logistic regressions (scikit-learn, seeded) over the question's multilingual
USE v3 vector (shipped with the runtime), its word uni- and bigrams and its
character 3-5-grams (typos, Dutch compounds: "nepaccount", "schoolapp"), one per
label of the bank: verdict, decisive clause (or none), urgent, question type,
whose conduct, who asks, and the conditions a question states. Their
probabilities are the ``Learned`` part of a question's reading; the decide
stage weighs them against the retrieved clauses and the clauses' own
conditions. The nearest bank cases come along, to explain a decision.

Trained in seconds, cached under the data dir keyed by the bank's version (the
bank, the protocol's clause ids and this module's feature version), rebuilt
like the index when either changes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from advisor.domain.bank import BankCase, CaseBank, load_bank
from advisor.domain.corpus import PROTOCOL_FILE, Corpus, bank_files
from advisor.domain.errors import CorpusError
from advisor.domain.models import Learned, Neighbour, Verdict
from advisor.domain.settings import Settings

FEATURE_VERSION = "3"
SEED = 13
NO_CLAUSE = "none"
# A condition head is trained when the bank states the condition this often.
MIN_CONDITION_CASES = 15
NEIGHBOURS = 3
_VECTOR_WEIGHT = 1.0
_C = 2.0
_C_CONDITION = 10.0

Encode = Callable[[Sequence[str]], np.ndarray]


def use_encoder(cache: Path | None = None) -> Encode:
    """The multilingual USE v3 encoder the bank model reads with (normalized rows);
    bank questions are cached by content in ``cache`` (the embedding cache)."""
    from advisor.search.embeddings import CachedEmbeddings, NamedEmbeddings, USEEmbeddings

    embedder: NamedEmbeddings = USEEmbeddings()
    if cache is not None:
        embedder = CachedEmbeddings(embedder, cache)

    def encode(texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 1:
            return np.asarray([embedder.embed_query(texts[0])], dtype=np.float32)
        return np.asarray(embedder.embed_documents(list(texts)), dtype=np.float32)

    return encode


@dataclass
class _Head:
    model: Any  # a fitted LogisticRegression; its labels are ``model.classes_``

    def probabilities(self, features: Any) -> dict[str, float]:
        row = self.model.predict_proba(features)[0]
        return {str(label): float(p) for label, p in zip(self.model.classes_, row, strict=True)}


@dataclass
class BankModel:
    """The trained heads, the text features and the bank's vectors."""

    version: str
    vectorizer: Any
    char_vectorizer: Any
    heads: dict[str, _Head]
    conditions: dict[str, Any]  # condition → binary LogisticRegression
    vectors: np.ndarray
    cases: list[tuple[str, str, Verdict, list[str]]]  # id, question, verdict, decisive
    train_seconds: float = 0.0
    encode: Encode | None = field(default=None, repr=False)
    trained_now: bool = False  # trained by this process (not read from the cache)

    def features(self, texts: Sequence[str], vectors: np.ndarray) -> Any:
        from scipy.sparse import csr_matrix, hstack

        return hstack(
            [
                csr_matrix(vectors * _VECTOR_WEIGHT),
                self.vectorizer.transform(list(texts)),
                self.char_vectorizer.transform(list(texts)),
            ]
        ).tocsr()

    def read(self, text: str) -> Learned:
        """The learned reading of one question."""
        if self.encode is None:
            self.encode = use_encoder()
        vector = self.encode([text])
        x = self.features([text], vector)
        verdict = self.heads["verdict"].probabilities(x)
        clauses = self.heads["decisive"].probabilities(x)
        no_clause = clauses.pop(NO_CLAUSE, 0.0)
        top = dict(sorted(clauses.items(), key=lambda kv: -kv[1])[:8])
        qtype = self.heads["question_type"].probabilities(x)
        actor = self.heads["actor"].probabilities(x)
        asker = self.heads["asker"].probabilities(x)
        urgent = self.heads["urgent"].probabilities(x).get("True", 0.0)
        conditions = {
            name: float(model.predict_proba(x)[0][1]) for name, model in self.conditions.items()
        }
        similarity = self.vectors @ vector[0]
        nearest = np.argsort(-similarity)[:NEIGHBOURS]
        return Learned(
            verdict={Verdict(k): round(v, 4) for k, v in verdict.items()},
            clauses={k: round(v, 4) for k, v in top.items()},
            no_clause=round(no_clause, 4),
            urgent=round(urgent, 4),
            question_type=_best(qtype)[0],
            question_type_p=round(_best(qtype)[1], 4),
            actor=_best(actor)[0],
            actor_p=round(_best(actor)[1], 4),
            asker=_best(asker)[0],
            asker_p=round(_best(asker)[1], 4),
            conditions={k: round(v, 4) for k, v in conditions.items() if v >= 0.2},
            neighbours=[
                Neighbour(
                    id=self.cases[i][0],
                    similarity=round(float(similarity[i]), 4),
                    question=self.cases[i][1],
                    verdict=self.cases[i][2],
                    decisive=self.cases[i][3],
                )
                for i in nearest
            ],
        )


def _best(probabilities: dict[str, float]) -> tuple[str, float]:
    label = max(probabilities, key=lambda k: probabilities[k])
    return label, probabilities[label]


def bank_version(corpus_dir: Path) -> str:
    """What a trained model depends on: the bank, the protocol, this module's features."""
    import sklearn

    digest = hashlib.sha256(f"{FEATURE_VERSION}\0{sklearn.__version__}\0".encode())
    for path in [corpus_dir / PROTOCOL_FILE, *bank_files(corpus_dir)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _labels(cases: Sequence[BankCase]) -> dict[str, list[str]]:
    return {
        "verdict": [c.verdict.value for c in cases],
        "decisive": [c.decisive[0] if c.decisive else NO_CLAUSE for c in cases],
        "urgent": [str(c.urgent) for c in cases],
        "question_type": [c.question_type.value for c in cases],
        "actor": [c.actor.value for c in cases],
        "asker": [c.asker.value for c in cases],
    }


def train(bank: CaseBank, version: str, encode: Encode) -> BankModel:
    """Fit every head on the whole bank (seeded: the same bank gives the same model)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    cases = list(bank.cases)
    if not cases:
        raise CorpusError("the case bank is empty: nothing to learn the reading from")
    texts = [c.question for c in cases]
    vectors = encode(texts)
    vectorizer = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True
    )
    vectorizer.fit(texts)
    char_vectorizer = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=3,
        sublinear_tf=True,
        lowercase=True,
        max_features=40000,
    )
    char_vectorizer.fit(texts)
    model = BankModel(
        version=version,
        vectorizer=vectorizer,
        char_vectorizer=char_vectorizer,
        heads={},
        conditions={},
        vectors=vectors,
        cases=[(c.id, c.question, c.verdict, list(c.decisive)) for c in cases],
    )
    x = model.features(texts, vectors)

    def fit(y: Sequence[str], c: float = _C, weight: str | None = None) -> Any:
        return LogisticRegression(C=c, max_iter=3000, random_state=SEED, class_weight=weight).fit(
            x, list(y)
        )

    for name, y in _labels(cases).items():
        model.heads[name] = _Head(model=fit(y))
    counts: dict[str, int] = {}
    for case in cases:
        for condition in case.conditions:
            counts[condition.value] = counts.get(condition.value, 0) + 1
    for name, n in sorted(counts.items()):
        if n >= MIN_CONDITION_CASES:
            stated = [str(name in {c.value for c in case.conditions}) for case in cases]
            # Rare (1-8% of the bank): weighed as balanced classes, less
            # regularised, or the head never says a condition is stated.
            model.conditions[name] = _binary(fit(stated, _C_CONDITION, "balanced"))
    model.train_seconds = round(time.perf_counter() - started, 2)
    return model


def _binary(model: Any) -> Any:
    """A binary head whose ``predict_proba(x)[0][1]`` is the probability of "True"."""
    if list(model.classes_) != ["False", "True"]:
        raise CorpusError(f"a condition head learned classes {list(model.classes_)}")
    return model


_LOADED: dict[Path, BankModel] = {}
_LOCK = threading.Lock()


def load_or_train(settings: Settings, corpus: Corpus, encode: Encode | None = None) -> BankModel:
    """The bank model for this corpus dir: from the cache when current, else trained
    and cached (0600 in a 0700 dir). One copy per process."""
    corpus_dir = settings.corpus_dir
    version = bank_version(corpus_dir)
    path = settings.model_cache_dir / f"bank-{version}.pkl"
    with _LOCK:
        if path in _LOADED:
            return _LOADED[path]
        model = _read(path)
        if model is None:
            model = train(
                load_bank(corpus_dir, corpus),
                version,
                encode or use_encoder(settings.embedding_cache_path),
            )
            model.trained_now = True
            _write(path, model)
        else:
            model.trained_now = False
        if encode is not None:
            model.encode = encode
        _LOADED[path] = model
        return model


def _read(path: Path) -> BankModel | None:
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            # Our own file, in our own 0700 dir, written by ``_write``.
            model = pickle.load(handle)
    except Exception:  # a broken or foreign file is rebuilt, not trusted
        return None
    return model if isinstance(model, BankModel) else None


def _write(path: Path, model: BankModel) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path.parent, 0o700)
    encode, model.encode = model.encode, None  # a closure over a model: not pickled
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk: the model still serves from memory
    finally:
        model.encode = encode
