"""The case-bank model: trained once, cached privately, read with probabilities."""

from __future__ import annotations

import hashlib
import math
import stat
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from advisor.domain.bank import CaseBank, load_bank
from advisor.domain.corpus import Corpus
from advisor.domain.models import Verdict
from advisor.domain.settings import Settings
from advisor.pipeline import learned
from advisor.pipeline.decide_config import DecisionConfig
from tests.conftest import CORPUS_DIR


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(learned, "_LOADED", {})
    return Settings(corpus_dir=CORPUS_DIR, model_cache=tmp_path / "models")


def test_model_is_trained_once_cached_privately_and_reads_a_question(
    private_cache: Settings, corpus: Corpus
) -> None:
    model = learned.load_or_train(private_cache, corpus)
    assert model.trained_now  # how long training takes is `advisor bench train`'s to say
    files = list(private_cache.model_cache_dir.glob("bank-*.pkl"))
    assert [f.name for f in files] == [f"bank-{model.version}.pkl"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(private_cache.model_cache_dir.stat().st_mode) == 0o700

    reading = model.read("Iemand heeft een nepaccount op mijn naam gemaakt en bedreigt leerlingen")
    assert sum(reading.verdict.values()) == pytest.approx(1.0, abs=1e-3)
    assert reading.urgent > 0.5
    assert len(reading.neighbours) == learned.NEIGHBOURS
    assert all(n.id.startswith("w") for n in reading.neighbours)
    assert set(reading.clauses) <= set(corpus.clause_ids)
    # Leave for one's own step of telling, against a question about posting.
    telling = model.read(
        "Een jongen uit mijn klas zet gemene memes over een meisje in de klassengroep. "
        "Mag ik het aan onze mentor vertellen?"
    )
    posting = model.read("Mag ik een foto van mijn klas op mijn Instagram zetten?")
    threshold = DecisionConfig().own_step_probability
    assert telling.own_step >= threshold > posting.own_step
    # The act 2.5 rules (a discussion), against a practical reply.
    assert set(reading.acts) == set(learned.ruled_acts(corpus)) == {"discuss_online"}
    arguing = model.read(
        "Een vader zet op Facebook dat mijn cijfer voor zijn dochter oneerlijk is. "
        "Mag ik er onder uitleggen waarom het cijfer klopt?"
    )
    replying = model.read("Mag ik een moeder in Parro antwoorden hoe laat de bus vertrekt?")
    assert arguing.acts["discuss_online"] >= 0.5 > replying.acts["discuss_online"]

    learned._LOADED.clear()
    again = learned.load_or_train(private_cache, corpus)
    assert not again.trained_now and again.version == model.version


def test_a_broken_cache_file_is_rebuilt_not_trusted(
    private_cache: Settings, corpus: Corpus
) -> None:
    version = learned.bank_version(CORPUS_DIR)
    private_cache.model_cache_dir.mkdir(parents=True)
    (private_cache.model_cache_dir / f"bank-{version}.pkl").write_bytes(b"not a pickle")
    model = learned.load_or_train(private_cache, corpus)
    assert model.trained_now
    assert model.read("Mag ik als docent een leerling volgen op TikTok?").best_verdict[0] in set(
        Verdict
    )


def _hashed_vectors(texts: list[str], dimensions: int = 16) -> np.ndarray:
    """A stand-in for the USE encoder: a fixed pseudo-random unit vector per text."""
    rows = []
    for text in texts:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
        row = np.random.default_rng(seed).normal(size=dimensions)
        rows.append(row / np.linalg.norm(row))
    return np.asarray(rows, dtype=np.float32)  # as the USE encoder gives them


def test_the_served_numpy_reading_is_scikit_learns_on_questions_it_never_saw(
    corpus: Corpus,
) -> None:
    bank = load_bank(CORPUS_DIR, corpus)
    cases = list(bank.cases)[::6]  # a few hundred cases of every writer: quick to fit
    fitted = learned.fit(
        cases, _hashed_vectors([c.question for c in cases]), learned.ruled_acts(corpus)
    )
    reader = fitted.reader()
    unseen = [
        "mag ik als juf een foto van de klas op mijn eigen insta zetten??",
        "May I follow a former pupil of mine on TikTok, she left school in 2019?",
        "Een ouder scheldt mij uit in de groepsapp van Parro. Wat nu?",
        "wat gebeurt er als een leerling het wachtwoord van een docent gebruikt",
        "ok",  # no known n-gram at all: the vector and the biases alone
        "Één café-eigenaar — naïef — ’s avonds… ÉÉN!!",  # accents, quotes, punctuation
        "x " * 400,  # long and repetitive: the sublinear term frequency
    ]
    fitted.check(reader, unseen, _hashed_vectors(unseen))  # raises if they differ

    theirs = fitted.probabilities(unseen, _hashed_vectors(unseen))
    mine = reader.probabilities(unseen[0], _hashed_vectors(unseen[:1])[0])
    classes = fitted.models["verdict"].classes_
    assert [mine["verdict"][str(c)] for c in classes] == pytest.approx(theirs["verdict"][0])
    assert set(fitted.conditions) and all(f"condition:{c}" in mine for c in fitted.conditions)
    assert "own_step" in mine and "own_step" in fitted.models
    assert "act:discuss_online" in mine and "act:discuss_online" in fitted.models


def test_the_nearest_bank_questions_vote_on_the_verdict_the_nearer_the_stronger(
    corpus: Corpus,
) -> None:
    """The verdict is the regression's blended with a vote of the bank's nearest
    questions, each weighted by its similarity: a question asked as a bank case
    was carries that case's verdict in the vote almost alone."""
    bank = load_bank(CORPUS_DIR, corpus)
    cases = list(bank.cases)[::24]

    def encode(texts: Sequence[str]) -> np.ndarray:
        return _hashed_vectors(list(texts), dimensions=256)

    model = learned.train(CaseBank(cases=cases), "vote", encode, learned.ruled_acts(corpus))
    model.encode = encode
    for case in cases[:40]:
        reading = model.read(case.question)
        regression = model.reader.probabilities(case.question, encode([case.question])[0])
        for verdict, p in reading.verdict.items():
            alone = regression["verdict"][verdict.value]
            vote = 1.0 if verdict is case.verdict else 0.0
            # Other questions are far off (random 256-d vectors: cosine near 0).
            blended = (1 - learned._VOTE_WEIGHT) * alone + learned._VOTE_WEIGHT * vote
            assert p == pytest.approx(blended, abs=1e-3)
        assert reading.neighbours[0].id == case.id


def test_nearer_voters_weigh_more_and_the_blend_stays_a_distribution() -> None:
    """Each voter weighs exp(temperature x its similarity less the nearest's)."""
    model = learned.BankModel(
        version="t",
        reader=None,  # type: ignore[arg-type]  # voting reads no head
        vectors=np.zeros((3, 2)),
        cases=[
            ("a", "", Verdict.ALLOWED, []),
            ("b", "", Verdict.NOT_ALLOWED, []),
            ("c", "", Verdict.NOT_ALLOWED, []),
        ],
    )
    similarity = np.array([0.9, 0.8, 0.8])
    votes = model._vote(similarity, np.array([0, 1, 2]))
    far = 2 * math.exp(-0.1 * learned._VOTE_TEMPERATURE)
    assert votes["allowed"] == pytest.approx(1 / (1 + far))
    assert votes["not_allowed"] == pytest.approx(far / (1 + far))
    blended = learned._blend({"allowed": 0.2, "conditional": 0.8}, votes)
    assert sum(blended.values()) == pytest.approx(1.0)
    assert blended["conditional"] == pytest.approx((1 - learned._VOTE_WEIGHT) * 0.8)


def test_serving_the_cached_model_does_not_import_scikit_learn(
    private_cache: Settings, corpus: Corpus
) -> None:
    learned.load_or_train(private_cache, corpus)  # trained and cached by this process
    script = (
        "import sys\n"
        "from advisor.domain.corpus import load_corpus\n"
        "from advisor.domain.settings import Settings\n"
        "from advisor.pipeline import learned\n"
        f"settings = Settings(corpus_dir={str(CORPUS_DIR)!r}, "
        f"model_cache={str(private_cache.model_cache_dir)!r})\n"
        "model = learned.load_or_train(settings, load_corpus(settings.corpus_dir))\n"
        "assert not model.trained_now\n"
        "model.read('Mag ik een leerling volgen op Instagram?')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "[]"


def test_a_binary_head_reads_any_logit_without_overflow() -> None:
    rows = learned._Rows(0, 1, ("False", "True"))
    assert rows.probabilities(np.array([-800.0])) == {"False": 1.0, "True": 0.0}
    assert rows.probabilities(np.array([800.0])) == {"False": 0.0, "True": 1.0}
    assert rows.probabilities(np.array([0.0]))["True"] == pytest.approx(0.5)


def test_a_cached_model_without_a_numpy_reader_is_retrained(
    private_cache: Settings, corpus: Corpus
) -> None:
    version = learned.bank_version(CORPUS_DIR)
    # As an older version of these classes pickled it: no numpy reader.
    stale = learned.BankModel(
        version=version,
        reader=None,  # type: ignore[arg-type]
        vectors=np.zeros((0, 1)),
        cases=[],
    )
    learned._write(private_cache.model_cache_dir / f"bank-{version}.pkl", stale)
    model = learned.load_or_train(private_cache, corpus)
    assert model.trained_now and isinstance(model.reader, learned._Reader)


def test_cross_validation_holds_each_writer_out_once_and_whole(corpus: Corpus) -> None:
    """``advisor bench train --cv``: every bank writer in exactly one fold, all of a
    writer's questions on the same side, the same folds on every run."""
    from advisor.bench.learned import writer_folds

    cases = list(load_bank(CORPUS_DIR, corpus).cases)
    folds = writer_folds(cases, 5)
    assert len(folds) == 5 and all(folds)
    writers = {c.id.split("-", 1)[0] for c in cases}
    assert sorted(w for fold in folds for w in fold) == sorted(writers)
    assert folds == writer_folds(list(reversed(cases)), 5)
    held = [c for c in cases if c.id.split("-", 1)[0] in folds[0]]
    assert 0 < len(held) < len(cases)
    two = sorted(writers)[:2]
    few = [c for c in cases if c.id.split("-", 1)[0] in two]
    assert writer_folds(few, 5) == [{two[0]}, {two[1]}]  # never an empty fold
    with pytest.raises(ValueError, match="two folds and two writers"):
        writer_folds(cases, 1)
    with pytest.raises(ValueError, match="two folds and two writers"):
        writer_folds([c for c in cases if c.id.split("-", 1)[0] == two[0]], 5)
