"""The case-bank model: trained once, cached privately, read with probabilities."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from advisor.domain.corpus import Corpus
from advisor.domain.models import Verdict
from advisor.domain.settings import Settings
from advisor.pipeline import learned
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
