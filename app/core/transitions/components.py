"""The components of a transition score and how they combine: precomputed for occupations at build
time, computed live for a person's profile (the same maths)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.transitions.config import COMPONENTS, DWA_SHARE, Weights, task_weight
from app.core.transitions.data import OccupationData
from app.core.transitions.resource import TransitionsResource
from app.core.transitions.skills import NeedTable, SkillSpace, credit


@dataclass(frozen=True)
class Source:
    """Who moves: an occupation's defaults, or a person's edited profile on top of one."""

    index: int  # current occupation row
    skills: np.ndarray  # ESCO skill rows the source has
    level: np.ndarray  # [E] O*NET levels
    importance: np.ndarray  # [E]
    dwa: np.ndarray  # [D]
    iwa: np.ndarray  # [I]
    tech: np.ndarray  # [T]
    task_embedding: np.ndarray  # [dim] unit or zeros
    task_vectors: np.ndarray  # [k, dim] the source's task embeddings (may be empty)
    title_embedding: np.ndarray
    beta: float  # model beta of the source (the person's own when a profile)
    from_profile: bool = False


@dataclass
class GraphContext:
    """What scoring needs at run time, loaded once: data, resource, skill and task embeddings."""

    data: OccupationData
    res: TransitionsResource
    space: SkillSpace
    all_tasks: np.ndarray  # [tasks, dim] unit, task_id order
    task_weights: np.ndarray  # [tasks]
    needs: NeedTable


def onet_coverage_row(level_a: np.ndarray, importance: np.ndarray, level: np.ndarray) -> np.ndarray:
    """For source levels [E] against every target: sum IM_B·min(1, LV_A/LV_B) / sum IM_B."""
    im = np.nan_to_num(importance, nan=0.0)
    lv_b = np.nan_to_num(level, nan=0.0)
    lv_a = np.nan_to_num(level_a, nan=0.0)
    reach = np.where(lv_b > 0, np.minimum(1.0, lv_a[None, :] / np.maximum(lv_b, 1e-9)), 1.0)
    total = im.sum(axis=1)
    out = (im * reach).sum(axis=1) / np.where(total > 0, total, 1.0)
    return np.where(total > 0, out, np.nan)


def coverage_row(source: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Share of each target's weight (rows of `targets`) that the source has (binary presence)."""
    have = (source > 0).astype(np.float32)
    total = targets.sum(axis=1)
    out = targets @ have / np.where(total > 0, total, 1.0)
    return np.where(total > 0, out, np.nan)


def cosine_rows(source: np.ndarray, targets: np.ndarray) -> np.ndarray:
    norm_s = float(np.linalg.norm(source))
    norms = np.linalg.norm(targets, axis=1)
    ok = (norms > 0) & (norm_s > 0)
    out = targets @ source / np.where(ok, norms * max(norm_s, 1e-12), 1.0)
    return np.where(ok, out, np.nan)


def combine(components: np.ndarray, weights: Weights, fill: np.ndarray) -> np.ndarray:
    """Weighted sum over the last axis; a missing component takes its typical value (`fill`)."""
    filled = np.where(np.isnan(components), fill, components)
    w = weights.vector()
    return (filled @ w) / w.sum()


def esco_coverage_from_best(
    best: np.ndarray, table: NeedTable, weights: Weights, n: int
) -> np.ndarray:
    """Share of every occupation's (weighted) ESCO needs that a source covers."""
    cred = credit(best, weights)
    covered = np.bincount(table.occ, weights=cred[table.cols] * table.need, minlength=n)
    return np.where(table.total > 0, covered / np.where(table.total > 0, table.total, 1.0), np.nan)


def task_weight_vector(data: OccupationData) -> np.ndarray:
    """Per task (task_id order): Core 2, Supplemental 1, normalised within each occupation."""
    raw = np.array([task_weight(data.task_types.get(int(t))) for t in data.task_ids])
    out = np.zeros_like(raw)
    for rows in data.occ_task_rows:
        if len(rows):
            out[rows] = raw[rows] / raw[rows].sum()
    return out


def task_coverage_row(
    data: OccupationData, all_tasks: np.ndarray, task_weights: np.ndarray, source_tasks: np.ndarray
) -> np.ndarray:
    """For every occupation B: weighted mean over B's tasks of the best similarity to a source task."""
    out = np.full(data.n, np.nan)
    if len(source_tasks) == 0:
        return out
    best = (all_tasks @ source_tasks.T).max(axis=1)
    owner = np.full(len(all_tasks), -1, dtype=np.int64)
    for b, rows in enumerate(data.occ_task_rows):
        owner[rows] = b
    live = owner >= 0
    total = np.bincount(owner[live], weights=best[live] * task_weights[live], minlength=data.n)
    has = np.array([len(r) > 0 for r in data.occ_task_rows])
    out[has] = total[has]
    return out


def source_components(ctx: GraphContext, src: Source) -> np.ndarray:
    """[n, C] component values of src → every occupation (computed live, e.g. for a profile)."""
    data, res, weights = ctx.data, ctx.res, ctx.res.weights
    comps = np.full((data.n, len(COMPONENTS)), np.nan)
    col = {name: k for k, name in enumerate(COMPONENTS)}
    # Components with no weight do not change the score; they stay NaN (not computed).
    live = {name for name in COMPONENTS if getattr(weights, name) > 0}
    if "task_similarity" in live and np.linalg.norm(src.task_embedding) > 0:
        comps[:, col["task_similarity"]] = cosine_rows(src.task_embedding, res.task_embedding)
    if "task_coverage" in live and len(src.task_vectors):
        comps[:, col["task_coverage"]] = task_coverage_row(
            data, ctx.all_tasks, ctx.task_weights, src.task_vectors
        )
    comps[:, col["title_similarity"]] = cosine_rows(src.title_embedding, res.title_embedding)
    comps[:, col["esco_coverage"]] = esco_coverage_from_best(
        ctx.space.best_over_used(src.skills), ctx.needs, weights, data.n
    )
    if not np.isnan(src.level).all():
        comps[:, col["onet_coverage"]] = onet_coverage_row(src.level, data.importance, data.level)
        if "onet_similarity" in live:
            comps[:, col["onet_similarity"]] = cosine_rows(
                np.nan_to_num(src.importance), np.nan_to_num(data.importance)
            )
    if src.dwa.sum() > 0:
        comps[:, col["activity_coverage"]] = DWA_SHARE * coverage_row(src.dwa, data.dwa) + (
            1.0 - DWA_SHARE
        ) * coverage_row(src.iwa, data.iwa)
    if src.tech.sum() > 0:
        comps[:, col["technology_coverage"]] = coverage_row(src.tech, data.tech)
    return comps


def live_scores(ctx: GraphContext, src: Source) -> tuple[np.ndarray, np.ndarray]:
    comps = source_components(ctx, src)
    return combine(comps, ctx.res.weights, ctx.res.fill), comps
