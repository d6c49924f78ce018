"""One analysis of the edited profile, run on the worker: exposure, moves, paths, learning plans."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from app.core.profile import Preferences, Profile
from app.core.transitions import (
    LearningStep,
    Move,
    is_safer,
    learning_order,
    safer_mask,
    shortest_paths,
)

if TYPE_CHECKING:
    from app.core.catalog import Occupation
    from app.core.engine import Analysis
    from app.core.exposure import ExposureProfile
    from app.core.progress import Progress
    from app.ui.services import Services

# Moves fetched unfiltered; the Pathways page filters them live (safer, wage, zone, outlook).
MOVES_FETCHED = 40
PATHS_SHOWN = 3


@dataclass(frozen=True)
class PathStep:
    code: str
    title: str
    exposure_beta: float | None
    job_zone: int | None
    step_score: float | None


@dataclass(frozen=True)
class AnalysisResult:
    """Immutable: pages show it; a new edit produces a new one."""

    profile: Profile
    occupation: Occupation
    exposure: ExposureProfile
    moves: tuple[Move, ...]
    learning: dict[str, tuple[LearningStep, ...]]  # move code → ordered learning plan
    paths: tuple[tuple[PathStep, ...], ...]  # multi-step paths to safer occupations
    distribution: np.ndarray  # the model's beta of every occupation (NaN where unknown)
    summary: dict[str, Any]  # the engine's profile summary (matched skills, notes, …)

    @property
    def beta(self) -> float:
        return self.exposure.beta

    def is_safer(self, move: Move) -> bool:
        return is_safer(move.exposure_beta, self.exposure.beta)


def analyse(services: Services, profile: Profile, progress: Progress) -> AnalysisResult:
    engine = services.engine()
    ctx = engine.context(progress)
    # The engine applies the profile's preferences as filters; fetch unfiltered and let the page
    # filter, so changing a filter is instant and never needs another analysis.
    relaxed = replace(profile, preferences=Preferences(max_zone_step=4, min_wage_ratio=0.0))
    analysis: Analysis = engine.analyze(relaxed, top=MOVES_FETCHED, progress=progress)
    exposure = analysis.exposure
    assert exposure is not None  # analyze raises for a profile without tasks
    data, res = ctx.data, ctx.res
    moves = analysis.moves.moves
    learning = {
        m.code: tuple(learning_order(data, m, moves, safer_than=exposure.beta)) for m in moves
    }
    source = analysis.resolved.index
    # Multi-step paths: safer occupations that are not already among the direct neighbours.
    direct = np.zeros(data.n, dtype=bool)
    direct[[i for i in res.neighbours[source].tolist() if 0 <= i < data.n]] = True
    goal = safer_mask(res.model_beta, exposure.beta) & ~direct
    found = shortest_paths(
        data, res, source, goal, max_zone_step=profile.preferences.max_zone_step, limit=PATHS_SHOWN
    )
    paths = tuple(
        tuple(
            PathStep(s["code"], s["title"], s["exposure_beta"], s["job_zone"], s["step_score"])
            for s in p.to_dict(data, res)["steps"]
        )
        for p in found
    )
    occupation = services.catalog().occupation(data.codes[source])
    return AnalysisResult(
        profile=profile,
        occupation=occupation,
        exposure=exposure,
        moves=moves,
        learning=learning,
        paths=paths,
        distribution=np.asarray(res.model_beta, dtype=np.float64).copy(),
        summary=analysis.resolved.summary(data),
    )
