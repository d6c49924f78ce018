"""Precomputed embeddings: quantisation, staleness, rebuild into the cache, the bundled file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from app import paths
from app.core.encoder import OnnxEncoder
from app.core.index import (
    KINDS,
    EmbeddingStore,
    IndexFile,
    dequantise,
    quantise,
    save_index,
    texts_digest,
)
from app.core.progress import NULL_PROGRESS, Cancelled, Progress
from app.core.search import corpus_texts
from tests.fake_encoder import FakeEncoder


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path) -> object:
    paths.set_data_dir(tmp_path / "data")
    yield
    paths.set_data_dir(None)


class CountingEncoder(FakeEncoder):
    """A fake that records which texts it had to embed."""

    def __init__(self, salt: str = "") -> None:
        super().__init__()
        self.embedded: list[str] = []
        self.salt = salt

    @property
    def model_sha256(self) -> str:
        return f"counting-{self.salt}".ljust(64, "0")

    def embed(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: Progress = NULL_PROGRESS
    ) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed(texts, batch_size=batch_size, progress=progress)


TITLES = ["Registered Nurses", "Truck Driver", "Pastry Chef", "Accountants and Auditors"]


def test_quantise_round_trip_keeps_cosines() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    q, scale = quantise(vectors)
    assert q.dtype == np.int8 and scale.shape == (50,)
    back = dequantise(q, scale)
    cosines = (back * vectors).sum(axis=1)
    assert cosines.min() > 0.9995
    np.testing.assert_allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-5)


def test_texts_digest_depends_on_order_and_content() -> None:
    assert texts_digest(["a", "b"]) != texts_digest(["b", "a"])
    assert texts_digest(["ab"]) != texts_digest(["a", "b"])
    assert texts_digest(TITLES) == texts_digest(list(TITLES))


def test_current_bundle_is_used_without_encoding(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    bundle = tmp_path / "bundle" / "embeddings.npz"
    save_index(
        bundle,
        model_sha256=encoder.model_sha256,
        dim=encoder.dim,
        kinds={"title": (TITLES, FakeEncoder().embed(TITLES))},
    )
    result = EmbeddingStore(encoder, bundled=bundle, cache_dir=tmp_path / "cache").vectors(
        "title", TITLES
    )
    assert result.source == "bundle"
    assert encoder.embedded == []
    np.testing.assert_allclose(result.vectors, FakeEncoder().embed(TITLES), atol=0.01)


def test_stale_bundle_is_rebuilt_into_the_cache_never_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle" / "embeddings.npz"
    old_model = CountingEncoder("old")
    save_index(
        bundle,
        model_sha256=old_model.model_sha256,
        dim=384,
        kinds={"title": (TITLES, old_model.embed(TITLES))},
    )
    before = bundle.read_bytes()
    encoder = CountingEncoder("new")  # a different model: nothing in the bundle is reusable
    reports: list[tuple[int, int, str]] = []

    class Recorder:
        def report(self, done: int, total: int, text: str) -> None:
            reports.append((done, total, text))

        def cancelled(self) -> bool:
            return False

    store = EmbeddingStore(encoder, bundled=bundle, cache_dir=tmp_path / "cache")
    result = store.vectors("title", TITLES, progress=Recorder())
    assert result.source == "built"
    assert sorted(encoder.embedded) == sorted(TITLES)
    assert reports[0] == (0, 4, "embed:title") and reports[-1] == (4, 4, "embed:title")
    assert bundle.read_bytes() == before
    assert store.cache_file("title").is_file()
    assert store.cache_file("title").parent == tmp_path / "cache"
    # Next start: straight from the cache.
    encoder.embedded.clear()
    again = EmbeddingStore(encoder, bundled=bundle, cache_dir=tmp_path / "cache").vectors(
        "title", TITLES
    )
    assert again.source == "cache" and encoder.embedded == []
    np.testing.assert_allclose(again.vectors, result.vectors, atol=0.01)


def test_changed_texts_reuse_unchanged_rows(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    bundle = tmp_path / "embeddings.npz"
    save_index(
        bundle,
        model_sha256=encoder.model_sha256,
        dim=384,
        kinds={"title": (TITLES, FakeEncoder().embed(TITLES))},
    )
    changed = [*TITLES[:2], "Welders, Cutters, Solderers, and Brazers", *TITLES[2:]]
    result = EmbeddingStore(encoder, bundled=bundle, cache_dir=tmp_path / "c").vectors(
        "title", changed
    )
    assert result.source == "built"
    assert encoder.embedded == ["Welders, Cutters, Solderers, and Brazers"]
    np.testing.assert_allclose(result.vectors, FakeEncoder().embed(changed), atol=0.01)


def test_cancelled_rebuild_writes_no_cache(tmp_path: Path) -> None:
    class CancelNow:
        def report(self, done: int, total: int, text: str) -> None:
            return None

        def cancelled(self) -> bool:
            return True

    store = EmbeddingStore(
        CountingEncoder(), bundled=tmp_path / "none.npz", cache_dir=tmp_path / "c"
    )
    with pytest.raises(Cancelled):
        store.vectors("title", TITLES, progress=CancelNow())
    assert not store.cache_file("title").exists()


def test_damaged_files_are_rebuilt_not_trusted(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    bundle = tmp_path / "embeddings.npz"
    bundle.write_bytes(b"PK\x03\x04 not really a zip")
    store = EmbeddingStore(encoder, bundled=bundle, cache_dir=tmp_path / "c")
    store.cache_file("title").parent.mkdir(parents=True)
    store.cache_file("title").write_bytes(b"\x00" * 100)
    result = store.vectors("title", TITLES)
    assert result.source == "built" and len(encoder.embedded) == 4


@pytest.mark.model
def test_bundled_embeddings_are_current_for_model_and_database(encoder: OnnxEncoder) -> None:
    bundle = paths.model_path("embeddings.npz")
    assert bundle.stat().st_size <= 60e6
    index = IndexFile(bundle)
    try:
        assert index.meta["model_sha256"] == encoder.model_sha256
        assert index.meta["dim"] == encoder.dim
        for kind in KINDS:
            texts = corpus_texts(kind)
            assert index.matches(kind, encoder.model_sha256, texts_digest(texts)), kind
        # Spot-check the stored vectors against the model itself.
        texts = corpus_texts("task")[:40]
        stored = index.vectors("task")[:40]
    finally:
        index.close()
    fresh = encoder.embed(texts, batch_size=8)
    cosines = (fresh * stored).sum(axis=1)
    assert cosines.min() > 0.97, cosines.min()
    store = EmbeddingStore(encoder)
    assert store.vectors("skill", corpus_texts("skill")).source == "bundle"
    assert not any(paths.cache_dir().glob("embeddings-*"))
