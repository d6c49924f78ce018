"""A stand-in for the bundled model in tests that need no model: fast, deterministic, no files."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from app.core.encoder import DEFAULT_BATCH_SIZE, length_batches
from app.core.progress import NULL_PROGRESS, Progress, check_cancelled


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class FakeEncoder:
    """Deterministic hashed bag of words and character trigrams; for tests that need no model.

    Texts sharing words get similar vectors, so ranking logic can be exercised; the numbers mean
    nothing about real language.
    """

    def __init__(self, dim: int = 384, labels: tuple[str, ...] = ("E0", "E1", "E2")) -> None:
        self._dim = dim
        self._labels = labels
        self.calls = 0

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def provider(self) -> str:
        return "fake"

    @property
    def model_sha256(self) -> str:
        return hashlib.sha256(f"fake-encoder-{self._dim}".encode()).hexdigest()

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self._dim, dtype=np.float32)
        words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
        features = [f"w:{w}" for w in words]
        for word in words:
            padded = f" {word} "
            features.extend(f"c:{padded[i : i + 3]}" for i in range(len(padded) - 2))
        for feature in features:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self._dim
            sign = 1.0 if digest[4] & 1 else -1.0
            vector[index] += sign * (2.0 if feature.startswith("w:") else 0.5)
        if not features:
            vector[0] = 1.0
        return vector

    def _probs(self, text: str) -> np.ndarray:
        digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
        logits = np.array([b / 64.0 for b in digest[: len(self._labels)]], dtype=np.float64)
        exp = np.exp(logits - logits.max())
        return (exp / exp.sum()).astype(np.float32)

    def embed(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress = NULL_PROGRESS,
    ) -> np.ndarray:
        return self.score(texts, batch_size=batch_size, progress=progress)[0]

    def score(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Progress = NULL_PROGRESS,
    ) -> tuple[np.ndarray, np.ndarray]:
        total = len(texts)
        embeddings = np.zeros((total, self._dim), dtype=np.float32)
        probs = np.zeros((total, len(self._labels)), dtype=np.float32)
        if total == 0:
            return embeddings, probs
        _, batches = length_batches([len(t) for t in texts], batch_size)
        done = 0
        progress.report(0, total, "encode")
        for batch in batches:
            check_cancelled(progress)
            self.calls += 1
            for i in batch:
                embeddings[i] = self._vector(texts[i])
                probs[i] = self._probs(texts[i])
            done += len(batch)
            progress.report(done, total, "encode")
        return _normalise_rows(embeddings), probs
