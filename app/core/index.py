"""Precomputed text embeddings for search: bundled file, verification, rebuild into the user cache.

The bundled `models/embeddings.npz` holds, per kind (title, task, skill), the texts and their
embeddings as int8 with one float32 scale per row. A kind is valid when the file was built by the
same model (sha256) from exactly the same texts (sha256 of the texts in order); otherwise the
vectors are rebuilt (reusing every row whose text is unchanged), saved under `paths.cache_dir()`
and loaded from there next time. Nothing is ever written inside the bundle at run time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from app import paths
from app.core import integrity
from app.core.errors import ResourceError
from app.core.progress import NULL_PROGRESS, Progress, check_cancelled

INDEX_FILE = "embeddings.npz"
FORMAT = 1
KINDS: tuple[str, ...] = ("title", "task", "skill")
_SEPARATOR = "\x1f"  # unit separator: never part of a title, task or skill label
_REBUILD_BATCH = 256
# What reading a truncated or corrupted index file can raise.
_DAMAGE = (
    OSError,
    KeyError,
    ValueError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    UnicodeDecodeError,
)


class _EmbeddingEncoder(Protocol):
    @property
    def dim(self) -> int: ...

    @property
    def model_sha256(self) -> str: ...

    def embed(
        self, texts: Sequence[str], *, batch_size: int = ..., progress: Progress = ...
    ) -> np.ndarray: ...


def texts_digest(texts: Sequence[str]) -> str:
    """sha256 over the texts in order; ties stored vectors to exactly these rows."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with a per-row scale: 4x smaller than float32, cosine error around 1e-4."""
    matrix = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(matrix).max(axis=1) if len(matrix) else np.zeros(0, dtype=np.float32)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


def dequantise(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """float32 rows re-normalised to unit length (so dot products are cosines)."""
    matrix = q.astype(np.float32)
    matrix *= scale[:, None]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    matrix /= norms
    return matrix


def pack_texts(texts: Sequence[str]) -> np.ndarray:
    joined = _SEPARATOR.join(texts).encode("utf-8")
    return np.frombuffer(zlib.compress(joined, 9), dtype=np.uint8)


def unpack_texts(blob: np.ndarray, count: int) -> list[str]:
    if count == 0:
        return []
    texts = zlib.decompress(blob.tobytes()).decode("utf-8").split(_SEPARATOR)
    if len(texts) != count:
        raise ValueError("stored text count does not match")
    return texts


@dataclass
class KindVectors:
    """Embeddings of one kind, row i for texts[i]."""

    kind: str
    texts: list[str]
    vectors: np.ndarray  # float32 [N, dim], unit rows
    source: str  # "bundle", "cache" or "built"


def save_index(
    path: Path,
    *,
    model_sha256: str,
    dim: int,
    kinds: Mapping[str, tuple[Sequence[str], np.ndarray]],
    db_content_hash: str | None = None,
) -> None:
    """Write an index file atomically (temp file + rename)."""
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, Any] = {
        "format": FORMAT,
        "model_sha256": model_sha256,
        "dim": dim,
        "db_content_hash": db_content_hash,
        "kinds": {},
    }
    for kind, (texts, vectors) in kinds.items():
        if any(_SEPARATOR in t for t in texts):
            raise ValueError(f"a {kind} text contains the separator character")
        q, scale = quantise(vectors)
        if q.shape != (len(texts), dim):
            raise ValueError(f"{kind}: {q.shape} vectors for {len(texts)} texts of dim {dim}")
        arrays[f"{kind}_q"] = q
        arrays[f"{kind}_scale"] = scale
        arrays[f"{kind}_texts"] = pack_texts(texts)
        meta["kinds"][kind] = {"count": len(texts), "digest": texts_digest(texts)}
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    buffer = io.BytesIO()
    # Uncompressed: int8 vectors barely compress and loading stays a plain read.
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    try:
        tmp.write_bytes(buffer.getvalue())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


class IndexFile:
    """A read view on one index file; members load lazily."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._npz: Any = np.load(path, allow_pickle=False)
        try:
            self.meta: dict[str, Any] = json.loads(self._npz["meta"].tobytes().decode("utf-8"))
        except (KeyError, ValueError) as exc:
            self._npz.close()
            raise ValueError(f"no readable metadata ({exc})") from None
        if self.meta.get("format") != FORMAT:
            self._npz.close()
            raise ValueError(f"unsupported index format {self.meta.get('format')!r}")

    def close(self) -> None:
        self._npz.close()

    def kind_meta(self, kind: str) -> dict[str, Any] | None:
        entry = self.meta.get("kinds", {}).get(kind)
        return entry if isinstance(entry, dict) else None

    def matches(self, kind: str, model_sha256: str, digest: str) -> bool:
        entry = self.kind_meta(kind)
        return (
            entry is not None
            and self.meta.get("model_sha256") == model_sha256
            and entry.get("digest") == digest
        )

    def vectors(self, kind: str) -> np.ndarray:
        return dequantise(self._npz[f"{kind}_q"], self._npz[f"{kind}_scale"])

    def quantised(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        return self._npz[f"{kind}_q"], self._npz[f"{kind}_scale"]

    def texts(self, kind: str) -> list[str]:
        entry = self.kind_meta(kind) or {}
        return unpack_texts(self._npz[f"{kind}_texts"], int(entry.get("count", 0)))


def _open(path: Path) -> IndexFile | None:
    integrity.check(path)  # the bundled file: refused when modified, never rebuilt around
    if not path.is_file():
        return None
    try:
        return IndexFile(path)
    except _DAMAGE:
        # A damaged file is treated as absent: the vectors are rebuilt, never trusted.
        return None


class EmbeddingStore:
    """Hands out the embeddings of a kind's texts: bundled if current, else cached, else rebuilt."""

    def __init__(
        self,
        encoder: _EmbeddingEncoder,
        *,
        bundled: Path | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.encoder = encoder
        self.bundled = bundled if bundled is not None else paths.model_path(INDEX_FILE)
        self._cache_dir = cache_dir

    @property
    def cache_dir(self) -> Path:
        return self._cache_dir if self._cache_dir is not None else paths.cache_dir()

    def cache_file(self, kind: str) -> Path:
        return self.cache_dir / f"embeddings-{kind}-{self.encoder.model_sha256[:16]}.npz"

    def vectors(
        self, kind: str, texts: Sequence[str], *, progress: Progress = NULL_PROGRESS
    ) -> KindVectors:
        """Unit float32 vectors for `texts` (row i ↔ texts[i])."""
        texts = list(texts)
        model = self.encoder.model_sha256
        digest = texts_digest(texts)
        candidates = [(self.bundled, "bundle"), (self.cache_file(kind), "cache")]
        opened: list[IndexFile] = []
        try:
            for path, source in candidates:
                index = _open(path)
                if index is None:
                    continue
                opened.append(index)
                if index.matches(kind, model, digest):
                    try:
                        vectors = index.vectors(kind)
                    except _DAMAGE:
                        continue
                    if vectors.shape == (len(texts), self.encoder.dim):
                        return KindVectors(kind, texts, vectors, source)
            vectors = self._rebuild(kind, texts, opened, progress)
        finally:
            for index in opened:
                index.close()
        # An unwritable cache only means the next start rebuilds again.
        with contextlib.suppress(OSError):
            save_index(
                self.cache_file(kind),
                model_sha256=model,
                dim=self.encoder.dim,
                kinds={kind: (texts, vectors)},
            )
        return KindVectors(kind, texts, vectors, "built")

    def _rebuild(
        self, kind: str, texts: list[str], opened: list[IndexFile], progress: Progress
    ) -> np.ndarray:
        """Embed the texts no current file has; reuse rows of the same model for the others."""
        dim = self.encoder.dim
        vectors = np.zeros((len(texts), dim), dtype=np.float32)
        known = np.zeros(len(texts), dtype=bool)
        position = {text: i for i, text in enumerate(texts)}
        for index in opened:
            if (
                index.meta.get("model_sha256") != self.encoder.model_sha256
                or index.kind_meta(kind) is None
            ):
                continue
            try:
                stored = index.texts(kind)
                q, scale = index.quantised(kind)
            except _DAMAGE:
                continue
            if q.shape != (len(stored), dim):
                continue
            rows = [(position[t], j) for j, t in enumerate(stored) if t in position]
            if not rows:
                continue
            target, source_rows = (np.array(x, dtype=np.int64) for x in zip(*rows, strict=True))
            fresh = ~known[target]
            target, source_rows = target[fresh], source_rows[fresh]
            vectors[target] = dequantise(q[source_rows], scale[source_rows])
            known[target] = True
        missing = np.flatnonzero(~known)
        total = len(missing)
        progress.report(0, total, f"embed:{kind}")
        for start in range(0, total, _REBUILD_BATCH):
            check_cancelled(progress)
            chunk = missing[start : start + _REBUILD_BATCH]
            vectors[chunk] = self.encoder.embed([texts[i] for i in chunk])
            progress.report(min(start + _REBUILD_BATCH, total), total, f"embed:{kind}")
        if total and not np.isfinite(vectors[missing]).all():
            raise ResourceError("the model produced invalid embeddings; reinstall SkillShift")
        return vectors
