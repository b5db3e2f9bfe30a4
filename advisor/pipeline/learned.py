"""The reading learned from the case bank (``corpus/bank``).

Logistic regressions (``logistic``: scikit-learn's objective) over the question's multilingual
USE v3 vector (shipped with the runtime), its word uni- and bigrams and its
character 3-5-grams (typos, Dutch compounds: "nepaccount", "schoolapp"), one per
label of the bank: verdict, decisive clause (or none), urgent, question type,
whose conduct, who asks, and the conditions a question states. Their
probabilities are the ``Learned`` part of a question's reading, the verdict's
blended with a vote of the nearest bank questions; the decide stage weighs them
against the retrieved clauses and the clauses' own conditions. The three
nearest bank cases come along, to explain a decision.

Trained in seconds, cached under the data dir keyed by the bank's version (the
bank, the protocol's clause ids and this module's feature version), rebuilt
like the index when either changes. scikit-learn's vectorizers read the
n-grams and ``logistic`` fits the weights; serving reads a plain numpy copy of
the fitted vocabularies and weights (``_Reader``), checked against the fitted
vectorizers' own rows when trained, so that a new process answers without
importing scikit-learn or SciPy (about a second of a cold start).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from advisor.domain import text as cleaning
from advisor.domain.bank import BankCase, CaseBank, load_bank
from advisor.domain.corpus import PROTOCOL_FILE, Corpus, bank_files
from advisor.domain.errors import CorpusError
from advisor.domain.models import Learned, Neighbour, Verdict
from advisor.domain.settings import Settings
from advisor.pipeline import logistic
from advisor.pipeline.logistic import Design, LinearHead, fit_logistic

FEATURE_VERSION = "11"
NO_CLAUSE = "none"
_CONDITION = "condition:"  # a condition head's name in the reader
_OWN_STEP = "own_step"
_ACT = "act:"  # an act's head in the reader
# A condition head is trained when the bank states the condition this often.
MIN_CONDITION_CASES = 15
NEIGHBOURS = 3
# The verdict is also voted by the bank's nearest questions (cosine of their USE
# vectors, each weighted exp(temperature x its similarity less the nearest's))
# and blended with the regression's: a linear model over the whole bank misses
# the one close case that tells a detail apart. Five writer-grouped folds of the
# 6,200 cases of w1-w31 (w32-w47 in every fold's training): the verdict alone
# .748 -> .758 (50 voters, temperature 20, weight .35; 25-50 voters, temperature
# 5-20 and weight .25-.45 all gave +.006 to +.013).
VOTERS = 50
_VOTE_TEMPERATURE = 20.0
_VOTE_WEIGHT = 0.35
_VECTOR_WEIGHT = 1.0
_C = 2.0
_C_CONDITION = 10.0
# Training fits the heads in this many processes at most (one per core).
_MAX_JOBS = 4

Encode = Callable[[Sequence[str]], np.ndarray]
_log = logging.getLogger(__name__)


def use_encoder(cache: Path | None = None) -> Encode:
    """The multilingual USE v3 encoder the bank model reads with (normalized rows).

    Many texts (the bank) are embedded together and cached whole in ``cache`` (the
    embedding cache), so the same bank gives the same vectors, and the same model,
    whatever the data dir embedded before (``CachedEmbeddings.embed_together``).
    """
    from advisor.search.embeddings import CachedEmbeddings, USEEmbeddings

    embedder = USEEmbeddings()
    cached = CachedEmbeddings(embedder, cache) if cache is not None else None

    def encode(texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 1:
            return np.asarray([embedder.embed_query(texts[0])], dtype=np.float32)
        if cached is not None:
            return cached.embed_together(list(texts))
        return np.asarray(embedder.embed_documents(list(texts)), dtype=np.float32)

    return encode


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_WHITE_SPACES = re.compile(r"\s\s+")
# How far the numpy reading may stray from scikit-learn's (summation order only).
_TOLERANCE = 1e-9


def _word_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``analyzer="word"``: lower-cased tokens of two or more word
    characters, and their n-grams joined by a space."""
    tokens = _TOKEN.findall(text.lower())
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``analyzer="char_wb"``: character n-grams inside each
    space-padded word; a word shorter than n counts once."""
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:
                break
    return grams


@dataclass(frozen=True)
class _Vocabulary:
    """A fitted TF-IDF vectorizer (sublinear tf, l2-normalised) as plain data."""

    analyzer: str  # "word" or "char_wb"
    ngram_range: tuple[int, int]
    terms: dict[str, int]
    idf: np.ndarray

    @classmethod
    def of(cls, vectorizer: Any) -> _Vocabulary:
        read_as = {
            "analyzer": vectorizer.analyzer in {"word", "char_wb"},
            "sublinear_tf": vectorizer.sublinear_tf is True,
            "lowercase": vectorizer.lowercase is True,
            "norm": vectorizer.norm == "l2",
            "use_idf": vectorizer.use_idf is True,
            "binary": vectorizer.binary is False,
            "token_pattern": vectorizer.token_pattern == _TOKEN.pattern,
            "defaults": vectorizer.strip_accents is None
            and vectorizer.stop_words is None
            and vectorizer.preprocessor is None
            and vectorizer.tokenizer is None,
        }
        if not all(read_as.values()):
            unread = ", ".join(k for k, ok in read_as.items() if not ok)
            raise CorpusError(
                f"the bank model's vectorizer sets what _Vocabulary cannot read: {unread}"
            )
        return cls(
            analyzer=vectorizer.analyzer,
            ngram_range=tuple(vectorizer.ngram_range),
            terms={str(t): int(i) for t, i in vectorizer.vocabulary_.items()},
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
        )

    def weights(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's non-zero columns and their TF-IDF weights."""
        analyze = _word_ngrams if self.analyzer == "word" else _char_wb_ngrams
        counts = Counter(g for g in analyze(text, *self.ngram_range) if g in self.terms)
        columns = np.fromiter((self.terms[g] for g in counts), dtype=np.int64, count=len(counts))
        values = np.fromiter(
            (1.0 + math.log(n) for n in counts.values()), dtype=np.float64, count=len(counts)
        )
        values *= self.idf[columns]
        norm = float(np.sqrt(values @ values))
        return columns, values / norm if norm > 0 else values


def _sigmoid(z: float) -> float:
    """The logistic function, without overflow for any logit (scikit-learn's expit)."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class _Rows:
    """One logistic regression's rows in the reader's stacked weights."""

    start: int
    stop: int
    classes: tuple[str, ...]

    def probabilities(self, scores: np.ndarray) -> dict[str, float]:
        z = scores[self.start : self.stop]
        if len(self.classes) == 2:  # binary: one row, the second class's logit
            positive = _sigmoid(float(z[0]))
            p = np.array([1.0 - positive, positive])
        else:  # multinomial: softmax
            e = np.exp(z - z.max())
            p = e / e.sum()
        return {label: float(q) for label, q in zip(self.classes, p, strict=True)}


@dataclass(frozen=True)
class _Reader:
    """Every head of the bank model as one weight matrix over the features
    (the USE vector, then the word and the character n-grams)."""

    words: _Vocabulary
    chars: _Vocabulary
    dimensions: int  # of the USE vector
    weights: np.ndarray  # features × stacked head rows
    bias: np.ndarray
    heads: dict[str, _Rows]

    @classmethod
    def of(cls, words: Any, chars: Any, dimensions: int, models: dict[str, LinearHead]) -> _Reader:
        rows: dict[str, _Rows] = {}
        blocks, biases, start = [], [], 0
        for name, model in models.items():
            coef = np.asarray(model.coef_, dtype=np.float64)
            rows[name] = _Rows(start, start + len(coef), tuple(str(c) for c in model.classes_))
            blocks.append(coef)
            biases.append(np.asarray(model.intercept_, dtype=np.float64))
            start += len(coef)
        return cls(
            words=_Vocabulary.of(words),
            chars=_Vocabulary.of(chars),
            dimensions=dimensions,
            weights=np.ascontiguousarray(np.vstack(blocks).T),
            bias=np.concatenate(biases),
            heads=rows,
        )

    def scores(self, text: str, vector: np.ndarray) -> np.ndarray:
        """Every head's logits for one question."""
        word_columns, word_values = self.words.weights(text)
        char_columns, char_values = self.chars.weights(text)
        offset = self.dimensions + len(self.words.terms)
        scores = (vector * _VECTOR_WEIGHT) @ self.weights[: self.dimensions] + self.bias
        scores += word_values @ self.weights[self.dimensions + word_columns]
        scores += char_values @ self.weights[offset + char_columns]
        return np.asarray(scores)

    def probabilities(self, text: str, vector: np.ndarray) -> dict[str, dict[str, float]]:
        scores = self.scores(text, vector)
        return {name: rows.probabilities(scores) for name, rows in self.heads.items()}


@dataclass
class BankModel:
    """The trained heads (as plain numpy) and the bank's vectors."""

    version: str
    reader: _Reader
    vectors: np.ndarray
    cases: list[tuple[str, str, Verdict, list[str]]]  # id, question, verdict, decisive
    train_seconds: float = 0.0
    encode: Encode | None = field(default=None, repr=False)
    trained_now: bool = False  # trained by this process (not read from the cache)

    @property
    def heads(self) -> list[str]:
        return [h for h in self.reader.heads if not h.startswith((_CONDITION, _ACT))]

    @property
    def conditions(self) -> list[str]:
        """The conditions with a head of their own."""
        return _conditions(self.reader.heads)

    @property
    def acts(self) -> list[str]:
        """The acts with a head of their own (``ruled_acts``)."""
        return [h.removeprefix(_ACT) for h in self.reader.heads if h.startswith(_ACT)]

    def read(self, text: str) -> Learned:
        """The learned reading of one question."""
        if self.encode is None:
            self.encode = use_encoder()
        vector = self.encode([text])
        heads = self.reader.probabilities(text, vector[0])
        verdict = heads["verdict"]
        clauses = heads["decisive"]
        no_clause = clauses.pop(NO_CLAUSE, 0.0)
        top = dict(sorted(clauses.items(), key=lambda kv: -kv[1])[:8])
        qtype = _best(heads["question_type"])
        actor = _best(heads["actor"])
        asker = _best(heads["asker"])
        acts = {name: heads[_ACT + name]["True"] for name in self.acts}
        urgent = heads["urgent"].get("True", 0.0)
        own_step = heads[_OWN_STEP].get("True", 0.0) if _OWN_STEP in heads else 0.0
        conditions = {name: heads[_CONDITION + name]["True"] for name in self.conditions}
        similarity = self.vectors @ vector[0]
        ranked = np.argsort(-similarity, kind="stable")
        nearest = ranked[:NEIGHBOURS]
        verdict = _blend(verdict, self._vote(similarity, ranked[:VOTERS]))
        return Learned(
            verdict={Verdict(k): round(v, 4) for k, v in verdict.items()},
            clauses={k: round(v, 4) for k, v in top.items()},
            no_clause=round(no_clause, 4),
            urgent=round(urgent, 4),
            own_step=round(own_step, 4),
            question_type=qtype[0],
            question_type_p=round(qtype[1], 4),
            actor=actor[0],
            actor_p=round(actor[1], 4),
            asker=asker[0],
            asker_p=round(asker[1], 4),
            acts={k: round(v, 4) for k, v in acts.items()},
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

    def _vote(self, similarity: np.ndarray, voters: np.ndarray) -> dict[str, float]:
        """The verdicts of these bank questions, weighted by their similarity."""
        if not len(voters):
            return {}
        weights = np.exp((similarity[voters] - similarity[voters[0]]) * _VOTE_TEMPERATURE)
        votes: dict[str, float] = {}
        for i, weight in zip(voters, weights, strict=True):
            label = self.cases[i][2].value
            votes[label] = votes.get(label, 0.0) + float(weight)
        total = sum(votes.values())
        return {label: weight / total for label, weight in votes.items()}


def _blend(model: dict[str, float], votes: dict[str, float]) -> dict[str, float]:
    """The regression's probabilities blended with the nearest questions' vote."""
    if not votes:
        return model
    return {
        label: (1 - _VOTE_WEIGHT) * model.get(label, 0.0) + _VOTE_WEIGHT * votes.get(label, 0.0)
        for label in dict.fromkeys([*model, *votes])  # the model's order, then any new label
    }


def _best(probabilities: dict[str, float]) -> tuple[str, float]:
    label = max(probabilities, key=lambda k: probabilities[k])
    return label, probabilities[label]


def bank_version(corpus_dir: Path) -> str:
    """What a trained model depends on: the bank, the protocol, this module's features,
    the solver (``logistic``) and how a question's text is cleaned before it is read
    (``domain.text``)."""
    sklearn = metadata.version("scikit-learn")  # not imported: serving runs without it
    digest = hashlib.sha256(f"{FEATURE_VERSION}\0{sklearn}\0".encode())
    for source in (cleaning.__file__, logistic.__file__):
        digest.update(Path(str(source)).read_bytes() + b"\0")
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


def _asks_own_step(case: BankCase) -> bool:
    """The asker asks leave for their own step of telling or reporting ("mag ik
    het aan mijn mentor vertellen?"), and it is allowed: the step is asked, not
    the conduct told of. Leave to wait, or to keep it to oneself ("mag ik het
    tussen ons houden?"), is the bank's "not allowed": not such a step."""
    return (
        case.act.value == "reporting"
        and case.actor.value == "asker"
        and case.question_type.value == "may_i"
        and case.verdict is Verdict.ALLOWED
    )


def ruled_acts(corpus: Corpus) -> tuple[str, ...]:
    """The acts the protocol's clauses name as the acts they rule
    (``ClauseTerms.acts``: 2.5 bars a discussion): each gets a head of its own."""
    return tuple(sorted({a for c in corpus.clauses if c.terms for a in c.terms.acts}))


def train(bank: CaseBank, version: str, encode: Encode, acts: Sequence[str]) -> BankModel:
    """Fit every head on the whole bank (deterministic: the same bank gives the same
    model), with a head for each of ``acts`` (``ruled_acts``)."""
    started = time.perf_counter()
    cases = list(bank.cases)
    if not cases:
        raise CorpusError("the case bank is empty: nothing to learn the reading from")
    texts = [c.question for c in cases]
    vectors = encode(texts)
    fitted = fit(cases, vectors, acts)
    reader = fitted.reader()
    sample = range(0, len(texts), max(1, len(texts) // 50))
    fitted.check(reader, [texts[i] for i in sample], vectors[list(sample)])
    return BankModel(
        version=version,
        reader=reader,
        vectors=vectors,
        cases=[(c.id, c.question, c.verdict, list(c.decisive)) for c in cases],
        train_seconds=round(time.perf_counter() - started, 2),
    )


@dataclass
class Fitted:
    """scikit-learn's vectorizers and the logistic regressions, as trained."""

    words: Any
    chars: Any
    models: dict[str, LinearHead]  # head (or ``condition:<name>``, ``act:<name>``)
    dimensions: int

    @property
    def conditions(self) -> list[str]:
        return _conditions(self.models)

    def reader(self) -> _Reader:
        return _Reader.of(self.words, self.chars, self.dimensions, self.models)

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray) -> dict[str, np.ndarray]:
        """The fitted models' probabilities over the vectorizers' own rows, a row
        per text (columns: ``classes_``)."""
        x = _features(self.words, self.chars, texts, vectors)
        return {name: model.predict_proba(x) for name, model in self.models.items()}

    def check(self, reader: _Reader, texts: Sequence[str], vectors: np.ndarray) -> None:
        """The numpy reader (its own n-gram analysis) must give the probabilities
        of scikit-learn's vectorizers' rows on these texts."""
        theirs = self.probabilities(texts, vectors)
        for i, text in enumerate(texts):
            mine = reader.probabilities(text, vectors[i])
            for name, model in self.models.items():
                ours = [mine[name][str(label)] for label in model.classes_]
                if not np.allclose(ours, theirs[name][i], rtol=0, atol=_TOLERANCE):
                    raise CorpusError(
                        f"the bank model's numpy reading of head {name!r} differs from "
                        "the fitted one's: update _Vocabulary for this scikit-learn"
                    )


def fit(cases: Sequence[BankCase], vectors: np.ndarray, acts: Sequence[str]) -> Fitted:
    """Fit the vectorizers and every head on these cases and their USE vectors, with
    a head for each of ``acts``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [c.question for c in cases]
    words = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True
    )
    chars = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=3,
        sublinear_tf=True,
        lowercase=True,
        max_features=40000,
    )
    # Each text is analysed once: fitting returns the rows transform would (up
    # to rounding in the last bit, well inside the reader's check).
    # Fitted in single precision (the USE vectors are), which halves the time of
    # each pass over the features; the weights come out in double precision.
    x = _design(vectors, words.fit_transform(texts), chars.fit_transform(texts), np.float32)
    heads: dict[str, _Head] = {name: _Head(y) for name, y in _labels(cases).items()}
    for act in acts:
        # Is the act at issue this one (2.5's discussion, not a practical reply)?
        # Balanced, as the condition heads are, and like them only when the bank
        # has enough cases of it (no head: the act is read as nothing).
        is_act = [str(case.act.value == act) for case in cases]
        if is_act.count("True") >= MIN_CONDITION_CASES:
            heads[_ACT + act] = _Head(is_act, _C_CONDITION, "balanced")
    own_step = [str(_asks_own_step(case)) for case in cases]
    if own_step.count("True") >= MIN_CONDITION_CASES:
        # Rare (about 1.5% of the bank): balanced, as the condition heads are.
        heads[_OWN_STEP] = _Head(own_step, _C_CONDITION, "balanced")
    counts = Counter(condition.value for case in cases for condition in case.conditions)
    for name, n in sorted(counts.items()):
        if n >= MIN_CONDITION_CASES:
            stated = [str(name in {c.value for c in case.conditions}) for case in cases]
            # Rare (1-8% of the bank): weighed as balanced classes, less
            # regularised, or the head never says a condition is stated.
            heads[_CONDITION + name] = _Head(stated, _C_CONDITION, "balanced")
    models = _fit_heads(x, heads)
    for name, model in models.items():
        if name.startswith((_CONDITION, _ACT)) or name == _OWN_STEP:
            _binary(model)
    return Fitted(words, chars, models, int(vectors.shape[1]))


@dataclass(frozen=True)
class _Head:
    """One logistic regression to fit: its labels, inverse regularisation and class weights."""

    labels: list[str]
    c: float = _C
    weight: str | None = None


def _fit_head(x: Design, head: _Head) -> LinearHead:
    """One head, on one BLAS thread: a threaded BLAS sums the dense products in
    another order for another thread count, and L-BFGS carries that on into
    the weights, so the same bank would give another model on another machine
    (the heads are fitted side by side on every core instead)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        head_model = fit_logistic(x, head.labels, head.c, head.weight)
    if not head_model.converged:
        _log.warning(
            "a head of the bank model stopped after %d iterations without converging",
            head_model.n_iter_,
        )
    return head_model


def _fit_heads(x: Design, heads: dict[str, _Head]) -> dict[str, LinearHead]:
    """Fit the heads on every core there is (up to ``_MAX_JOBS``), the heads with
    the most classes (the slowest) first. Each is fitted alone from zero on one
    BLAS thread, so the models are those fitted one after another."""
    from joblib import Parallel, delayed

    order = sorted(heads, key=lambda name: -len(set(heads[name].labels)))
    jobs = max(1, min(_MAX_JOBS, os.cpu_count() or 1, len(order)))
    models = Parallel(n_jobs=jobs)(delayed(_fit_head)(x, heads[name]) for name in order)
    fitted = dict(zip(order, models, strict=True))
    return {name: fitted[name] for name in heads}


def _features(words: Any, chars: Any, texts: Sequence[str], vectors: np.ndarray) -> Design:
    """The feature rows: the USE vector, word and character n-grams."""
    return _design(vectors, words.transform(list(texts)), chars.transform(list(texts)))


def _design(
    vectors: np.ndarray, words: Any, chars: Any, dtype: type[np.floating[Any]] = np.float64
) -> Design:
    """The USE vectors (dense) beside the word and the character n-gram rows (sparse)."""
    from scipy.sparse import hstack

    return Design(
        dense=np.ascontiguousarray(vectors * _VECTOR_WEIGHT, dtype=dtype),
        sparse=hstack([words, chars], format="csr", dtype=dtype),
    )


def _conditions(heads: Iterable[str]) -> list[str]:
    """The conditions among these head names (``condition:<name>``)."""
    return [h.removeprefix(_CONDITION) for h in heads if h.startswith(_CONDITION)]


def _binary(model: LinearHead) -> LinearHead:
    """A binary head whose second class is "True"."""
    if list(model.classes_) != ["False", "True"]:
        raise CorpusError(f"a binary head learned classes {list(model.classes_)}")
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
                ruled_acts(corpus),
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
    # A model pickled by another version of these classes is retrained, not served.
    if not isinstance(model, BankModel) or not isinstance(getattr(model, "reader", None), _Reader):
        return None
    return model


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
