"""A classifier over occupations read from a title's embedding: one of the title search signals.

Nearest titles and per-code title centroids look at one occupation at a time; this softmax looks
at all of them together and learns which directions of the embedding separate look-alike
occupations (a cosine classifier: one unit weight vector per code, logits = scale x cosine).

`python -m models.build_index` fits it with numpy (app/core/title_training.py) on the embeddings
of the titles, read the way a typed query is read, plus a synthetic "as typed" variant of each,
and writes `models/title_head.npz`. The file names the model it was fitted on (sha256) and
its codes; with another model or database (or no file) the app leaves the signal out.
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app.core import integrity
from app.core.index import pack_texts, unpack_texts
from app.core.progress import NULL_PROGRESS, Progress, check_cancelled

HEAD_FILE = "title_head.npz"
FORMAT = 1
_DAMAGE = (OSError, KeyError, ValueError, EOFError, zlib.error, zipfile.BadZipFile)


@dataclass(frozen=True)
class FitSettings:
    """Chosen on the tuning titles (`skillshift eval match --split tuning`), see docs/evaluation.md."""

    scale: float = 30.0  # logits = scale x cosine
    epochs: int = 20
    batch: int = 512
    lr: float = 3e-3
    weight_decay: float = 1e-4
    label_smoothing: float = 0.1
    noise: float = 0.02  # Gaussian noise on each input per step (quantised queries wobble)
    warmup_share: float = 0.3
    seed: int = 20261202


@dataclass(frozen=True)
class TitleHead:
    codes: list[str]
    weights: np.ndarray  # float32 [len(codes), dim], unit rows
    scale: float
    model_sha256: str
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, queries: np.ndarray) -> np.ndarray:
        """softmax(scale x cosine) over the codes, for one query [dim] or a batch [n, dim]."""
        q = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        q = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-12)
        logits = self.scale * (q @ self.weights.T)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return p[0] if np.ndim(queries) == 1 else p

    def aligned(self, codes: Sequence[str]) -> TitleHead | None:
        """The head with its rows in `codes` order, or None unless it covers exactly those codes."""
        if list(codes) == self.codes:
            return self
        if sorted(codes) != sorted(self.codes):
            return None
        position = {c: i for i, c in enumerate(self.codes)}
        order = [position[c] for c in codes]
        return TitleHead(list(codes), self.weights[order], self.scale, self.model_sha256, self.meta)


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def fit_weights(
    vectors: np.ndarray,
    labels: np.ndarray,
    n_codes: int,
    settings: FitSettings = FitSettings(),
    progress: Progress = NULL_PROGRESS,
) -> np.ndarray:
    """Unit weight rows of a cosine softmax classifier, by minibatch AdamW on cross-entropy.

    Rows start at each code's mean input (a nearest-centroid classifier) and learn from there.
    Deterministic for a given seed.
    """
    x = _unit(np.asarray(vectors, dtype=np.float32))
    y = np.asarray(labels, dtype=np.int64)
    if len(x) != len(y) or len(x) == 0:
        raise ValueError("fit_weights needs as many labels as vectors, and at least one")
    if y.min() < 0 or y.max() >= n_codes:
        raise ValueError("labels must lie in [0, n_codes)")
    rs = np.random.default_rng(settings.seed)
    w = np.zeros((n_codes, x.shape[1]), dtype=np.float64)
    np.add.at(w, y, x)
    w = _unit(w + rs.normal(0.0, 1e-3, w.shape)).astype(np.float32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    per_epoch = (len(x) + settings.batch - 1) // settings.batch
    total = settings.epochs * per_epoch
    warmup = max(1, int(settings.warmup_share * total))
    off = settings.label_smoothing / n_codes
    step = 0
    for epoch in range(settings.epochs):
        order = rs.permutation(len(x))
        for start in range(0, len(x), settings.batch):
            check_cancelled(progress)
            batch = order[start : start + settings.batch]
            xb = x[batch] + rs.normal(0.0, settings.noise, (len(batch), x.shape[1])).astype(
                np.float32
            )
            xb = _unit(xb)
            norms = np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-12)
            wn = w / norms
            logits = settings.scale * (xb @ wn.T)
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            p -= off
            p[np.arange(len(batch)), y[batch]] -= 1.0 - settings.label_smoothing
            grad_wn = (settings.scale / len(batch)) * (p.T @ xb)
            grad = (grad_wn - wn * np.sum(grad_wn * wn, axis=1, keepdims=True)) / norms
            step += 1
            # Warm-up then cosine decay of the learning rate.
            if step <= warmup:
                lr = settings.lr * step / warmup
            else:
                lr = settings.lr * 0.5 * (1 + np.cos(np.pi * (step - warmup) / (total - warmup)))
            m = beta1 * m + (1 - beta1) * grad
            v = beta2 * v + (1 - beta2) * grad * grad
            m_hat = m / (1 - beta1**step)
            v_hat = v / (1 - beta2**step)
            w -= (lr * (m_hat / (np.sqrt(v_hat) + eps) + settings.weight_decay * w)).astype(
                np.float32
            )
        progress.report(epoch + 1, settings.epochs, "fit")
    return _unit(w).astype(np.float32)


def save_title_head(path: Path, head: TitleHead) -> None:
    """Write atomically; weights as float16 (their rows are re-normalised on load)."""
    meta = {
        "format": FORMAT,
        "model_sha256": head.model_sha256,
        "scale": head.scale,
        "count": len(head.codes),
        **head.meta,
    }
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            np.savez(
                handle,
                meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
                codes=pack_texts(head.codes),
                weights=head.weights.astype(np.float16),
            )
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def load_title_head(path: Path, model_sha256: str) -> TitleHead | None:
    """The head in `path` if it was fitted on this model; None when absent, damaged or stale
    (the bundled file must match its recorded checksum: a ResourceError otherwise)."""
    integrity.check(path)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as arrays:
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT or meta.get("model_sha256") != model_sha256:
                return None
            codes = unpack_texts(arrays["codes"], int(meta["count"]))
            weights = _unit(arrays["weights"].astype(np.float32))
            scale = float(meta["scale"])
    except (*_DAMAGE, UnicodeDecodeError, TypeError):
        return None
    if weights.ndim != 2 or len(weights) != len(codes) or not np.isfinite(weights).all():
        return None
    return TitleHead(codes, weights, scale, model_sha256, meta)
