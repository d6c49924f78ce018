"""Fitting the title classifier on a set of title rows, the way search reads a typed query.

`python -m models.build_index` fits the bundled one; `skillshift eval match` fits its own for a
split the bundled one has seen, so no split is ever scored by a classifier that learnt its titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from app.core.messy import messy_variant
from app.core.progress import NULL_PROGRESS, Progress
from app.core.search import Matcher, TitleRow, analyse_query
from app.core.title_head import FitSettings, TitleHead, fit_weights


def query_vectors(
    matcher: Matcher,
    queries: Sequence[str],
    *,
    batch: int = 512,
    progress: Progress = NULL_PROGRESS,
) -> np.ndarray:
    """Each query as search embeds it: the unit mean of its readings' embeddings."""
    index = matcher.titles()
    readings = [[r.text for r in analyse_query(q, index)] or [q.lower()] for q in queries]
    flat = [text for texts in readings for text in texts]
    vectors = matcher.encoder.embed(flat, batch_size=batch, progress=progress)
    owner = np.repeat(np.arange(len(queries)), [len(texts) for texts in readings])
    sums = np.zeros((len(queries), vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, owner, vectors)
    return (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)).astype(
        np.float32
    )


def fit_title_head(
    matcher: Matcher,
    rows: Sequence[TitleRow],
    *,
    settings: FitSettings | None = None,
    meta: dict[str, Any] | None = None,
    progress: Progress = NULL_PROGRESS,
) -> TitleHead:
    """A classifier over the matcher's codes from `rows` and one synthetic typed variant of each.

    The matcher's index should hold no title the fitted head will be judged on: queries are
    read (abbreviations, acronyms, spelling) with the lexicon of that index.
    """
    settings = settings if settings is not None else FitSettings()
    index = matcher.titles()
    position = {code: i for i, code in enumerate(index.codes)}
    kept = [r for r in rows if r.code in position]
    rs = np.random.default_rng(settings.seed)
    texts = [r.title for r in kept] + [messy_variant(r.title, rs) for r in kept]
    labels = np.array([position[r.code] for r in kept] * 2, dtype=np.int64)
    vectors = query_vectors(matcher, texts, progress=progress)
    weights = fit_weights(vectors, labels, len(index.codes), settings, progress=progress)
    info = {"trained_on": {"titles": len(kept), "queries": len(texts)}, **(meta or {})}
    return TitleHead(list(index.codes), weights, settings.scale, matcher.encoder.model_sha256, info)
