"""Skills: the ESCO skill space, every occupation's needs, credit for a held skill, one-to-one
matching of skill labels, and the have / partial / gap comparison with a target."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from app.core.transitions.config import NEIGHBOUR_MIN, Weights
from app.core.transitions.data import OccupationData


def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated positions of [start, end) ranges and the range number of each position."""
    lengths = ends - starts
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(starts)), lengths)
    offsets = np.cumsum(lengths) - lengths
    return np.arange(total) - np.repeat(offsets, lengths) + np.repeat(starts, lengths), owner


class SkillSpace:
    """ESCO skill-label embeddings plus the sparse graph of similar skills among used skills.

    `used` are the skill rows some occupation lists; for each, the CSR lists hold every used skill
    with label cosine >= NEIGHBOUR_MIN (itself included, at 1). Build and run time share it, so
    precomputed and live coverage agree exactly.
    """

    def __init__(
        self,
        vectors: np.ndarray,
        used: np.ndarray,
        indptr: np.ndarray,
        indices: np.ndarray,
        sims: np.ndarray,
    ) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.used = np.asarray(used, dtype=np.int64)
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.indices = np.asarray(indices, dtype=np.int64)
        self.sims = np.asarray(sims, dtype=np.float32)
        self.col = np.full(len(self.vectors), -1, dtype=np.int64)
        self.col[self.used] = np.arange(len(self.used))
        self._used_vectors: np.ndarray | None = None
        self._memo: dict[bytes, np.ndarray] = {}
        self._lock = threading.Lock()

    @property
    def used_vectors(self) -> np.ndarray:
        if self._used_vectors is None:
            self._used_vectors = np.ascontiguousarray(self.vectors[self.used])
        return self._used_vectors

    @staticmethod
    def used_rows(data: OccupationData) -> np.ndarray:
        every = [s for s in data.occ_skills if len(s)]
        return np.unique(np.concatenate(every)) if every else np.zeros(0, dtype=np.int64)

    @classmethod
    def build(cls, vectors: np.ndarray, data: OccupationData, block: int = 2048) -> SkillSpace:
        """Compute the neighbour lists (a few seconds; done by resources/build_transitions.py)."""
        used = cls.used_rows(data)
        vec = np.asarray(vectors, dtype=np.float32)[used]
        indptr = [0]
        indices: list[np.ndarray] = []
        sims: list[np.ndarray] = []
        for start in range(0, len(used), block):
            sim = vec[start : start + block] @ vec.T
            rows = np.arange(start, min(start + block, len(used)))
            sim[rows - start, rows] = 1.0
            for k in range(len(rows)):
                keep = np.flatnonzero(sim[k] >= NEIGHBOUR_MIN)
                indices.append(keep)
                sims.append(sim[k, keep])
                indptr.append(indptr[-1] + len(keep))
        return cls(
            vectors,
            used,
            np.array(indptr, dtype=np.int64),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            np.concatenate(sims).astype(np.float16) if sims else np.zeros(0, dtype=np.float16),
        )

    def best_over_used(self, rows: np.ndarray) -> np.ndarray:
        """[len(used)] best similarity of each used skill to any of `rows` (0 below the floor)."""
        rows = np.asarray(rows, dtype=np.int64)
        key = rows.tobytes()
        with self._lock:
            hit = self._memo.get(key)
        if hit is not None:
            return hit
        best = np.zeros(len(self.used), dtype=np.float32)
        if len(rows) == 0:
            return best
        cols = self.col[rows]
        inside = cols[cols >= 0]
        if len(inside):
            pos, _ = _ranges(self.indptr[inside], self.indptr[inside + 1])
            np.maximum.at(best, self.indices[pos], self.sims[pos])
        outside = rows[cols < 0]
        if len(outside):
            sim = (self.vectors[outside] @ self.used_vectors.T).max(axis=0)
            np.maximum(best, np.where(sim >= NEIGHBOUR_MIN, sim, 0.0), out=best)
        best.setflags(write=False)
        with self._lock:
            # The same skill set is asked for several times per analysis; keep the last few.
            if len(self._memo) >= 8:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = best
        return best

    def pairs(
        self, source: np.ndarray, targets: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(target position, source row, similarity) of every pair at or above `threshold`."""
        source = np.asarray(source, dtype=np.int64)
        targets = np.asarray(targets, dtype=np.int64)
        out_t: list[np.ndarray] = []
        out_s: list[np.ndarray] = []
        out_v: list[np.ndarray] = []
        src_cols = self.col[source]
        mask = np.zeros(len(self.used), dtype=bool)
        mask[src_cols[src_cols >= 0]] = True
        t_cols = self.col[targets]
        live = np.flatnonzero(t_cols >= 0)
        if len(live) and mask.any():
            pos, owner = _ranges(self.indptr[t_cols[live]], self.indptr[t_cols[live] + 1])
            nb = self.indices[pos]
            keep = mask[nb] & (self.sims[pos] >= threshold)
            out_t.append(live[owner[keep]])
            out_s.append(self.used[nb[keep]])
            out_v.append(self.sims[pos][keep])
        outside = source[src_cols < 0]
        if len(outside):
            sim = self.vectors[targets] @ self.vectors[outside].T
            same = targets[:, None] == outside[None, :]
            sim = np.where(same, 1.0, sim)
            t, k = np.nonzero(sim >= threshold)
            out_t.append(t)
            out_s.append(outside[k])
            out_v.append(sim[t, k].astype(np.float32))
        if not out_t:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        return np.concatenate(out_t), np.concatenate(out_s), np.concatenate(out_v)


@dataclass(frozen=True)
class NeedTable:
    """Every occupation's ESCO needs as flat arrays (used column, occupation, weight)."""

    cols: np.ndarray
    occ: np.ndarray
    need: np.ndarray
    total: np.ndarray  # [n] summed need

    @classmethod
    def build(cls, data: OccupationData, space: SkillSpace, optional_weight: float) -> NeedTable:
        cols, occ, need = [], [], []
        for b, rows in enumerate(data.occ_skills):
            if len(rows):
                cols.append(space.col[rows])
                occ.append(np.full(len(rows), b, dtype=np.int64))
                need.append(need_weights(data, b, optional_weight))
        flat_occ = np.concatenate(occ) if occ else np.zeros(0, dtype=np.int64)
        flat_need = np.concatenate(need).astype(np.float64) if need else np.zeros(0)
        total = np.bincount(flat_occ, weights=flat_need, minlength=data.n)
        return cls(
            np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64),
            flat_occ,
            flat_need,
            total,
        )


def need_weights(data: OccupationData, b: int, optional_weight: float) -> np.ndarray:
    """How much B needs each of its ESCO skills: essential share + optional share x weight."""
    return data.occ_essential[b] + optional_weight * data.occ_optional[b]


def credit(similarity: np.ndarray, weights: Weights) -> np.ndarray:
    """1 for a held skill, 0.5 for a partial match, 0 below the partial threshold."""
    out = np.where(similarity >= weights.match_threshold, 1.0, 0.0)
    return np.where(
        (similarity >= weights.partial_threshold) & (similarity < weights.match_threshold), 0.5, out
    )


def greedy_pairs(
    targets: np.ndarray, sources: np.ndarray, sims: np.ndarray
) -> list[tuple[int, int, float]]:
    """One-to-one (target, source, sim) pairs, the most similar pair first (ties by index)."""
    if len(targets) == 0:
        return []
    order = np.lexsort((sources, targets, -np.asarray(sims, dtype=np.float64)))
    used_t: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for k in order.tolist():
        t, src = int(targets[k]), int(sources[k])
        if t in used_t or src in used_s:
            continue
        used_t.add(t)
        used_s.add(src)
        out.append((t, src, float(sims[k])))
    return out


def greedy_match(similarity: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (row, col, sim) of a dense matrix above `threshold`, best first."""
    rows, cols = np.nonzero(similarity >= threshold)
    return [(r, c, v) for c, r, v in greedy_pairs(cols, rows, similarity[rows, cols])]


@dataclass(frozen=True)
class SkillMatchRow:
    skill: str
    uri: str
    importance: float
    similarity: float | None = None
    matched_by: str | None = None  # URI of the source skill that covers it


def skill_comparison(
    data: OccupationData,
    space: SkillSpace,
    source_skills: np.ndarray,
    b: int,
    weights: Weights,
    *,
    gap_limit: int = 15,
    have_limit: int = 20,
    soft_best: np.ndarray | None = None,
) -> tuple[tuple[SkillMatchRow, ...], tuple[SkillMatchRow, ...], tuple[SkillMatchRow, ...]]:
    """Have / partial / gap for target b by greedy one-to-one matching of skill labels."""
    rows_b = data.occ_skills[b]
    if len(rows_b) == 0:
        return (), (), ()
    need = need_weights(data, b, weights.optional_weight)
    peak = float(need.max()) or 1.0
    importance = need / peak  # 1 = listed essential by every linked ESCO occupation
    matched: dict[int, tuple[int, float]] = {}
    if soft_best is not None:
        # Quick form (for counting what other moves need): best similarity, not one-to-one.
        for c, v in enumerate(soft_best[space.col[rows_b]].tolist()):
            if v >= weights.partial_threshold:
                matched[c] = (int(rows_b[c]), float(v))
    elif len(source_skills):
        t, src, sim = space.pairs(source_skills, rows_b, weights.partial_threshold)
        for c, r, v in greedy_pairs(t, src, sim):
            matched[c] = (r, v)
    have: list[SkillMatchRow] = []
    partial: list[SkillMatchRow] = []
    gap: list[SkillMatchRow] = []
    for c, row in enumerate(rows_b.tolist()):
        label, uri = data.skill_labels[row], data.skill_uris[row]
        imp = float(importance[c])
        if c in matched:
            src_row, s = matched[c]
            item = SkillMatchRow(label, uri, imp, s, data.skill_uris[src_row])
            (have if s >= weights.match_threshold else partial).append(item)
        elif data.occ_essential[b][c] > 0:
            gap.append(SkillMatchRow(label, uri, imp))
    have.sort(key=lambda s: (-s.importance, s.skill))
    partial.sort(key=lambda s: (-s.importance, s.skill))
    gap.sort(key=lambda s: (-s.importance, s.skill))
    return tuple(have[:have_limit]), tuple(partial[:gap_limit]), tuple(gap[:gap_limit])
