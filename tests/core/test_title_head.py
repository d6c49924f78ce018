"""The title classifier: fitting, its file, and how search uses it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.index import EmbeddingStore
from app.core.progress import NULL_PROGRESS
from app.core.search import Matcher, MatchWeights
from app.core.title_head import (
    FitSettings,
    TitleHead,
    fit_weights,
    load_title_head,
    save_title_head,
)
from tests.conftest import write_title_db
from tests.fake_encoder import FakeEncoder

FAST = FitSettings(epochs=6, batch=64)


def _clusters(rs: np.random.Generator, n_codes: int, per_code: int, spread: float) -> tuple:
    centres = rs.normal(size=(n_codes, 32))
    labels = np.repeat(np.arange(n_codes), per_code)
    x = centres[labels] + spread * rs.normal(size=(len(labels), 32))
    return x.astype(np.float32), labels


def test_fit_separates_codes_better_than_their_centroids() -> None:
    rs = np.random.default_rng(1)
    n_codes = 12
    # Codes that differ along a few directions only, with much larger shared noise elsewhere:
    # a nearest-centroid rule is confused by the noise, a fitted classifier learns to ignore it.
    centres = rs.normal(size=(n_codes, 4))
    labels = np.repeat(np.arange(n_codes), 60)
    noise = 3.0 * rs.normal(size=(len(labels), 28))
    x = np.hstack([centres[labels] + 0.3 * rs.normal(size=(len(labels), 4)), noise])
    x = x.astype(np.float32)
    train, test = np.arange(len(x)) % 3 != 0, np.arange(len(x)) % 3 == 0
    weights = fit_weights(x[train], labels[train], n_codes, FitSettings(epochs=30, batch=64))
    head = TitleHead([str(i) for i in range(n_codes)], weights, 30.0, "m")
    accuracy = np.mean(head.probabilities(x[test]).argmax(axis=1) == labels[test])
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    means = np.stack([unit[train][labels[train] == c].mean(axis=0) for c in range(n_codes)])
    centroid = np.mean((unit[test] @ means.T).argmax(axis=1) == labels[test])
    assert accuracy > centroid + 0.1, (accuracy, centroid)
    np.testing.assert_allclose(np.linalg.norm(weights, axis=1), 1.0, atol=1e-5)


def test_fit_is_deterministic_and_checks_its_input() -> None:
    x, y = _clusters(np.random.default_rng(2), 4, 20, 0.5)
    first = fit_weights(x, y, 4, FAST)
    np.testing.assert_array_equal(first, fit_weights(x, y, 4, FAST))
    assert not np.array_equal(first, fit_weights(x, y, 4, FitSettings(epochs=6, seed=3)))
    with pytest.raises(ValueError):
        fit_weights(x, y[:-1], 4, FAST)
    with pytest.raises(ValueError):
        fit_weights(x, y, 3, FAST)  # label 3 has no row
    with pytest.raises(ValueError):
        fit_weights(x[:0], y[:0], 4, FAST)


def test_probabilities_are_a_distribution_for_one_query_or_many() -> None:
    x, y = _clusters(np.random.default_rng(4), 5, 10, 0.2)
    head = TitleHead(list("abcde"), fit_weights(x, y, 5, FAST), 30.0, "m")
    many = head.probabilities(x)
    assert many.shape == (len(x), 5)
    np.testing.assert_allclose(many.sum(axis=1), 1.0, rtol=1e-5)
    one = head.probabilities(x[0] * 7.0)  # the scale of the query does not matter
    assert one.shape == (5,)
    np.testing.assert_allclose(one, many[0], rtol=1e-4, atol=1e-6)


def test_file_round_trip_and_what_is_refused(tmp_path: Path) -> None:
    x, y = _clusters(np.random.default_rng(5), 3, 10, 0.2)
    head = TitleHead(["b", "a", "c"], fit_weights(x, y, 3, FAST), 25.0, "sha-1", {"n": 3})
    path = tmp_path / "title_head.npz"
    save_title_head(path, head)
    back = load_title_head(path, "sha-1")
    assert back is not None and back.codes == head.codes and back.scale == 25.0
    np.testing.assert_allclose(back.probabilities(x), head.probabilities(x), atol=2e-3)
    assert back.meta["n"] == 3
    # Another model, no file, or a damaged one: no head, and no error.
    assert load_title_head(path, "sha-2") is None
    assert load_title_head(tmp_path / "missing.npz", "sha-1") is None
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(path.read_bytes()[:300])
    assert load_title_head(damaged, "sha-1") is None
    damaged.write_bytes(b"\x00\xff" * 100)
    assert load_title_head(damaged, "sha-1") is None
    # Rows follow the index's code order; a different set of codes does not fit.
    aligned = back.aligned(["a", "b", "c"])
    assert aligned is not None and aligned.codes == ["a", "b", "c"]
    np.testing.assert_allclose(aligned.probabilities(x)[:, [1, 0, 2]], back.probabilities(x))
    assert back.aligned(["a", "b"]) is None and back.aligned(["a", "b", "d"]) is None


@pytest.fixture
def tiny_db(tmp_path: Path) -> Path:
    return write_title_db(
        tmp_path / "tiny.db",
        [("11-1011.00", "Chief Executives"), ("35-2014.00", "Cooks, Restaurant")],
        [
            ("11-1011.00", "Chief Executive Officer", "alternate"),
            ("35-2014.00", "Line Cook", "alternate"),
        ],
    )


def test_search_adds_the_classifier_of_its_own_model_only(tiny_db: Path, tmp_path: Path) -> None:
    encoder = FakeEncoder()
    store = EmbeddingStore(encoder, bundled=tmp_path / "none.npz", cache_dir=tmp_path / "cache")
    query = "line cook"
    # A head that puts every query on the chief executives, whatever it says.
    q = encoder.embed([query])[0]
    weights = np.stack([q, -q]).astype(np.float32)
    head_file = tmp_path / "title_head.npz"
    save_title_head(
        head_file, TitleHead(["11-1011.00", "35-2014.00"], weights, 30.0, encoder.model_sha256)
    )

    def top(head: Path, classifier: float) -> list[tuple[str, float]]:
        matcher = Matcher(
            encoder,
            db_path=tiny_db,
            store=store,
            head_file=head,
            weights=MatchWeights(classifier=classifier),
        )
        return [(m.code, m.score) for m in matcher.match_title(query)]

    top(head_file, 0.0)  # the first matcher fills the int8 vector cache the others read
    plain = top(head_file, 0.0)
    assert plain[0][0] == "35-2014.00"
    with_head = top(head_file, 5.0)
    assert with_head[0][0] == "11-1011.00"
    # The head of another model is left out, and scores keep the range they have without one.
    other = TitleHead(["11-1011.00", "35-2014.00"], weights, 30.0, "another model")
    save_title_head(tmp_path / "other.npz", other)
    assert top(tmp_path / "other.npz", 5.0) == plain
    assert top(tmp_path / "missing.npz", 0.15) == plain


def test_evaluation_fits_its_own_classifier_for_a_split_the_bundled_one_learnt(
    tiny_db: Path, tmp_path: Path
) -> None:
    from app.commands.evaluate import _split_head
    from app.core.db import database
    from app.core.title_training import query_vectors

    encoder = FakeEncoder()
    store = EmbeddingStore(encoder, bundled=tmp_path / "none.npz", cache_dir=tmp_path / "cache")
    codes = ["11-1011.00", "35-2014.00"]
    bundled = TitleHead(codes, np.eye(2, encoder.dim, dtype=np.float32), 30.0, encoder.model_sha256)
    head_file = tmp_path / "title_head.npz"
    save_title_head(
        head_file,
        TitleHead(
            codes, bundled.weights, 30.0, encoder.model_sha256, {"held_out_splits": ["titles"]}
        ),
    )

    def matcher() -> Matcher:
        return Matcher(encoder, db_path=tiny_db, store=store, head_file=head_file)

    rows = database(tiny_db).title_rows()
    kept = matcher()
    assert _split_head(kept, "titles", rows, NULL_PROGRESS) == "bundled"
    np.testing.assert_allclose(kept.titles().head.weights, bundled.weights, atol=1e-3)
    refit = matcher()
    assert _split_head(refit, "validation", rows, NULL_PROGRESS).startswith("fitted")
    head = refit.titles().head
    assert head is not None and head.meta["held_out_splits"] == ["validation"]
    assert head.meta["trained_on"] == {"titles": 4, "queries": 8}
    # Fitted on these titles, it puts each of them on its own code.
    vectors = query_vectors(refit, ["Chief Executive Officer", "Line Cook"])
    assert list(head.probabilities(vectors).argmax(axis=1)) == [0, 1]
    # No classifier for this model: none is fitted, search runs without one.
    none = Matcher(encoder, db_path=tiny_db, store=store, head_file=tmp_path / "missing.npz")
    assert _split_head(none, "validation", rows, NULL_PROGRESS) == "none"
