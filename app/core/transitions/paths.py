"""Multi-step paths: the cheapest chains of moves to goal occupations."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.core.transitions.config import MAX_PATH_STEPS, zone_step_allowed
from app.core.transitions.data import OccupationData
from app.core.transitions.moves import rounded
from app.core.transitions.resource import TransitionsResource


@dataclass(frozen=True)
class MovePath:
    codes: tuple[str, ...]  # source first, destination last
    scores: tuple[float, ...]  # score of each step
    cost: float

    def to_dict(self, data: OccupationData, res: TransitionsResource) -> dict[str, Any]:
        return {
            "steps": [
                {
                    "code": c,
                    "title": data.titles[data.pos[c]],
                    "exposure_beta": rounded(res.model_beta[data.pos[c]]),
                    "job_zone": int(data.job_zone[data.pos[c]])
                    if np.isfinite(data.job_zone[data.pos[c]])
                    else None,
                    "step_score": None if i == 0 else round(self.scores[i - 1], 4),
                }
                for i, c in enumerate(self.codes)
            ],
            "cost": round(self.cost, 4),
        }


def edge_allowed(data: OccupationData, u: int, v: int, max_zone_step: int | None) -> bool:
    """Whether a path may step from u to v (the job-zone rule of every move)."""
    return zone_step_allowed(data.job_zone[u], data.job_zone[v], max_zone_step)


def shortest_paths(
    data: OccupationData,
    res: TransitionsResource,
    source: int,
    is_goal: np.ndarray,
    *,
    max_steps: int = MAX_PATH_STEPS,
    max_zone_step: int | None = 1,
    limit: int = 3,
) -> list[MovePath]:
    """Cheapest paths (cost = sum of 1 − score) of at most `max_steps` edges to goal occupations.

    Dijkstra over (occupation, steps used) states on the top-N neighbour graph; every step must
    respect the job-zone step. One path per goal, cheapest first.
    """
    import heapq

    n = data.n
    best: dict[tuple[int, int], float] = {(source, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    heap: list[tuple[float, int, int]] = [(0.0, 0, source)]
    found: dict[int, tuple[float, int]] = {}
    settled: set[tuple[int, int]] = set()
    while heap and len(found) < limit:
        cost, steps, u = heapq.heappop(heap)
        if (u, steps) in settled:
            continue
        settled.add((u, steps))
        if steps > 0 and is_goal[u] and u not in found:
            found[u] = (cost, steps)
            continue
        if steps == max_steps:
            continue
        for k, v in enumerate(res.neighbours[u].tolist()):
            if v < 0 or v >= n or v == source or not edge_allowed(data, u, v, max_zone_step):
                continue
            new = cost + max(0.0, 1.0 - float(res.scores[u, k]))
            key = (v, steps + 1)
            if new < best.get(key, float("inf")):
                best[key] = new
                back[key] = (u, steps)
                heapq.heappush(heap, (new, steps + 1, v))
    paths_out: list[MovePath] = []
    for goal, (cost, steps) in sorted(found.items(), key=lambda kv: (kv[1][0], kv[0])):
        chain = [(goal, steps)]
        while chain[-1] in back:
            chain.append(back[chain[-1]])
        nodes = [u for u, _ in reversed(chain)]
        step_scores = tuple(
            float(res.scores[u, int(np.flatnonzero(res.neighbours[u] == v)[0])])
            for u, v in itertools.pairwise(nodes)
        )
        paths_out.append(MovePath(tuple(data.codes[u] for u in nodes), step_scores, cost))
    return paths_out
