"""The learning order: what to learn for a target move, prerequisites first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.core.transitions.config import is_safer
from app.core.transitions.data import OccupationData
from app.core.transitions.moves import Move
from app.core.transitions.skills import SkillMatchRow


@dataclass(frozen=True)
class LearningStep:
    skill: str
    uri: str
    importance: float
    unlocks: int  # other good moves whose gap this skill helps close
    unlocks_safer: int  # ... of which are safer (lower model beta) than the source
    reason: str  # "prerequisite" | "opens_moves" | "essential_for_target" | "optional_for_target"
    before: tuple[str, ...] = ()  # URIs of gap skills this one is a prerequisite for

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "uri": self.uri,
            "importance": round(self.importance, 3),
            "unlocks": self.unlocks,
            "unlocks_safer": self.unlocks_safer,
            "reason": self.reason,
            "before": list(self.before),
        }


def learning_order(
    data: OccupationData,
    target: Move,
    others: Iterable[Move],
    *,
    safer_than: float = float("nan"),
    limit: int = 10,
) -> list[LearningStep]:
    """Missing skills for `target` ranked by importance x moves unlocked, prerequisites first."""
    gap = list(target.gap) + [p for p in target.partial if p.importance > 0]
    if not gap:
        return []
    gap_uris = {g.uri for g in gap}
    others = [m for m in others if m.code != target.code]
    needs = [{x.uri for x in (*m.gap, *m.partial)} for m in others]
    safer = [is_safer(m.exposure_beta, safer_than) for m in others]
    unlocks = {g.uri: sum(1 for n in needs if g.uri in n) for g in gap}
    unlocks_safer = {
        g.uri: sum(1 for n, ok in zip(needs, safer, strict=True) if ok and g.uri in n) for g in gap
    }
    # Prerequisites among the gap skills themselves (ESCO essential relations, broader skills).
    needed_by: dict[str, set[str]] = defaultdict(set)
    for g in gap:
        row = data.skill_pos.get(g.uri)
        for pre in data.prerequisites.get(row, ()) if row is not None else ():
            uri = data.skill_uris[pre]
            if uri in gap_uris and uri != g.uri:
                needed_by[uri].add(g.uri)
    partial_uris = {p.uri for p in target.partial}

    def priority(g: SkillMatchRow) -> float:
        weight = g.importance * (0.5 if g.uri in partial_uris else 1.0)
        return weight * (1.0 + unlocks[g.uri]) + 0.25 * len(needed_by[g.uri])

    ranked = sorted(gap, key=lambda g: (-priority(g), g.skill))[:limit]
    chosen = {g.uri for g in ranked}
    # Stable topological pass: a prerequisite moves ahead of every skill that needs it.
    ordered: list[SkillMatchRow] = []
    placed: set[str] = set()

    def place(g: SkillMatchRow, depth: int = 0) -> None:
        if g.uri in placed or depth > 10:
            return
        row = data.skill_pos.get(g.uri)
        for pre in sorted(data.prerequisites.get(row, ())) if row is not None else ():
            uri = data.skill_uris[pre]
            if uri in chosen and uri not in placed and uri != g.uri:
                place(next(x for x in ranked if x.uri == uri), depth + 1)
        placed.add(g.uri)
        ordered.append(g)

    for g in ranked:
        place(g)
    steps: list[LearningStep] = []
    for g in ordered:
        before = tuple(sorted(needed_by[g.uri] & chosen))
        if before:
            reason = "prerequisite"
        elif unlocks[g.uri] > 0:
            reason = "opens_moves"
        elif g.importance >= 0.5:
            reason = "essential_for_target"
        else:
            reason = "optional_for_target"
        steps.append(
            LearningStep(
                g.skill, g.uri, g.importance, unlocks[g.uri], unlocks_safer[g.uri], reason, before
            )
        )
    return steps
