"""Moves: the best destinations for a source, filtered, with what the person has and must learn."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.core.errors import SkillShiftError
from app.core.transitions.components import GraphContext, Source, live_scores
from app.core.transitions.config import COMPONENTS, Facts, Filters, passes
from app.core.transitions.data import OccupationData
from app.core.transitions.resource import TransitionsResource
from app.core.transitions.skills import SkillMatchRow, skill_comparison


@dataclass(frozen=True)
class Move:
    code: str
    title: str
    score: float
    components: dict[str, float]
    exposure_beta: float | None
    wage_median: float | None
    job_zone: int | None
    outlook: dict[str, Any]
    have: tuple[SkillMatchRow, ...] = ()
    partial: tuple[SkillMatchRow, ...] = ()
    gap: tuple[SkillMatchRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "score": round(self.score, 4),
            "exposure_beta": rounded(self.exposure_beta),
            "wage_median": self.wage_median,
            "job_zone": self.job_zone,
            "outlook": self.outlook,
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "have": [_skill_dict(s) for s in self.have],
            "partial": [_skill_dict(s) for s in self.partial],
            "gap": [_skill_dict(s) for s in self.gap],
        }


def rounded(value: float | None, digits: int = 4) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), digits)


def _skill_dict(s: SkillMatchRow) -> dict[str, Any]:
    out: dict[str, Any] = {"skill": s.skill, "uri": s.uri, "importance": round(s.importance, 3)}
    if s.similarity is not None:
        out["similarity"] = round(s.similarity, 3)
    if s.matched_by is not None and s.matched_by != s.uri:
        out["matched_by"] = s.matched_by
    return out


def finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def outlook(data: OccupationData, b: int) -> dict[str, Any]:
    bright = data.bright[b]
    return {
        "bright": None if not np.isfinite(bright) else bool(bright),
        "growth_pct": finite_or_none(data.growth[b]),
        "openings_thousands": finite_or_none(data.openings[b]),
    }


def occupation_facts(
    data: OccupationData, res: TransitionsResource, b: int, beta: float | None = None
) -> Facts:
    """What the filters see in occupation b (`beta`: a person's own exposure instead of b's)."""
    return Facts(
        float(data.job_zone[b]),
        float(data.wage[b]),
        float(res.model_beta[b]) if beta is None else beta,
        float(data.bright[b]),
    )


def make_move(
    ctx: GraphContext,
    source_skills: np.ndarray,
    b: int,
    score: float,
    comps: np.ndarray,
    *,
    soft_best: np.ndarray | None = None,
) -> Move:
    """A move with have / partial / gap lists (one-to-one matching unless `soft_best` is given)."""
    data, res = ctx.data, ctx.res
    have, partial, gap = skill_comparison(
        data, ctx.space, source_skills, b, res.weights, soft_best=soft_best
    )
    zone = data.job_zone[b]
    return Move(
        code=data.codes[b],
        title=data.titles[b],
        score=float(score),
        components={
            name: float(v) for name, v in zip(COMPONENTS, comps, strict=True) if np.isfinite(v)
        },
        exposure_beta=finite_or_none(res.model_beta[b]),
        wage_median=finite_or_none(data.wage[b]),
        job_zone=int(zone) if np.isfinite(zone) else None,
        outlook=outlook(data, b),
        have=have,
        partial=partial,
        gap=gap,
    )


@dataclass(frozen=True)
class MoveList:
    moves: tuple[Move, ...]
    rejected: dict[str, int]  # filter code → candidates it removed
    considered: int


def rank_moves(
    ctx: GraphContext,
    src: Source,
    candidates: np.ndarray,
    scores: np.ndarray,
    comps: np.ndarray,
    *,
    filters: Filters,
    top: int,
    detailed: int | None = None,
) -> MoveList:
    """The best `top` moves passing the filters; after the first `detailed` (default all), the
    have / gap lists use the quick soft form (enough to count what other moves need)."""
    data, res = ctx.data, ctx.res
    full = top if detailed is None else detailed
    soft: np.ndarray | None = None
    origin = occupation_facts(data, res, src.index, beta=src.beta)
    order = np.lexsort((candidates, -scores))
    rejected: dict[str, int] = defaultdict(int)
    moves: list[Move] = []
    for k in order.tolist():
        b = int(candidates[k])
        if b == src.index or b < 0:
            continue
        why = passes(filters, origin, occupation_facts(data, res, b))
        if why is not None:
            rejected[why] += 1
            continue
        if len(moves) < full:
            moves.append(make_move(ctx, src.skills, b, float(scores[k]), comps[k]))
        elif len(moves) < top:
            if soft is None:
                soft = ctx.space.best_over_used(src.skills)
            moves.append(make_move(ctx, src.skills, b, float(scores[k]), comps[k], soft_best=soft))
    return MoveList(tuple(moves), dict(rejected), len(candidates))


def occupation_source(ctx: GraphContext, index: int) -> Source:
    data, res = ctx.data, ctx.res
    return Source(
        index=index,
        skills=data.occ_skills[index],
        level=data.level[index],
        importance=data.importance[index],
        dwa=data.dwa[index],
        iwa=data.iwa[index],
        tech=data.tech[index],
        task_embedding=res.task_embedding[index],
        task_vectors=ctx.all_tasks[data.occ_task_rows[index]],
        title_embedding=res.title_embedding[index],
        beta=float(res.model_beta[index]),
    )


def occupation_moves(ctx: GraphContext, code: str, filters: Filters, top: int = 10) -> MoveList:
    """Moves from an occupation's defaults: the precomputed neighbours, or all when filtered out."""
    a = ctx.data.index(code)
    src = occupation_source(ctx, a)
    cand = ctx.res.neighbours[a]
    keep = cand >= 0
    result = rank_moves(
        ctx,
        src,
        cand[keep],
        ctx.res.scores[a][keep],
        ctx.res.components[a][keep],
        filters=filters,
        top=top,
    )
    if len(result.moves) >= top:
        return result
    # Filters removed too many of the stored neighbours: score every occupation live.
    scores, comps = live_scores(ctx, src)
    return rank_moves(ctx, src, np.arange(ctx.data.n), scores, comps, filters=filters, top=top)


def source_moves(
    ctx: GraphContext, src: Source, filters: Filters, top: int = 10, detailed: int | None = None
) -> tuple[MoveList, np.ndarray]:
    """Moves for a live source (a person's profile); also returns every occupation's score."""
    scores, comps = live_scores(ctx, src)
    moves = rank_moves(
        ctx, src, np.arange(ctx.data.n), scores, comps, filters=filters, top=top, detailed=detailed
    )
    return moves, scores


def check_top(top: int) -> int:
    if top < 1 or top > 1000:
        raise SkillShiftError(f"--top must be between 1 and 1000 (got {top})")
    return top
