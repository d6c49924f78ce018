"""The one set of transition rules, shared by the build, the engine, the CLI and the GUI."""

# The components and their weights, the skill thresholds, the task weights (Core 2 :
# Supplemental 1), exposure beta (E1 + 0.5·E2), the filters and their one acceptance test, and
# the path rules. Change a weight here, then `make index`: the app reads the weights that
# transitions.npz was built with (docs/architecture.md).

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

# --------------------------------------------------------------------------- tasks and exposure

# Relative time of a task when the person gives none: O*NET's Core tasks weigh twice its
# Supplemental ones; a task a person wrote themselves is something they really do (like Core).
CORE_WEIGHT = 2.0
SUPPLEMENTAL_WEIGHT = 1.0
OWN_TASK_WEIGHT = 2.0


def task_weight(task_type: str | None) -> float:
    """Default weight of an O*NET task by its type (an unrated task counts as Core)."""
    return SUPPLEMENTAL_WEIGHT if task_type == "Supplemental" else CORE_WEIGHT


# Exposure beta (Eloundou et al.): E1 counts fully, E2 (exposed with LLM-powered tools) half.
E2_SHARE = 0.5


def exposure_beta(probs: Any) -> Any:
    """beta = E1 + 0.5·E2 over the last axis of (E0, E1, E2) probabilities."""
    return probs[..., 1] + E2_SHARE * probs[..., 2]


def is_safer(exposure: float | None, than: float) -> bool:
    """Whether an exposure beta is known and lower than `than` (the person's or origin's)."""
    return exposure is not None and math.isfinite(exposure) and exposure < than


def safer_mask(exposures: np.ndarray, than: float) -> np.ndarray:
    """`is_safer` for every occupation at once."""
    return np.isfinite(exposures) & (exposures < than)


# --------------------------------------------------------------------------- scores

# Components of a transition score A → B, in the order stored in the resource.
COMPONENTS: tuple[str, ...] = (
    "task_similarity",  # cosine of mean task embeddings (symmetric)
    "task_coverage",  # B's tasks (weighted) by their best semantic match among A's tasks
    "title_similarity",  # cosine of title + description embeddings (symmetric)
    "esco_coverage",  # share of B's ESCO needs (essential > optional) covered by A's skills
    "onet_coverage",  # B's importance-weighted O*NET skill/knowledge levels reached by A
    "onet_similarity",  # cosine of O*NET importance profiles (symmetric)
    "activity_coverage",  # share of B's work activities (DWA and IWA) A performs
    "technology_coverage",  # share of B's technology (commodity classes) A uses
)


@dataclass(frozen=True)
class Weights:
    """How components combine; chosen by grid search on training occupations (docs/engine.md)."""

    task_similarity: float = 0.0
    task_coverage: float = 0.0
    title_similarity: float = 0.40
    esco_coverage: float = 0.20
    onet_coverage: float = 0.0
    onet_similarity: float = 0.20
    activity_coverage: float = 0.20
    technology_coverage: float = 0.0
    optional_weight: float = 1.0  # an optional ESCO skill counts this much of an essential one
    match_threshold: float = 0.80  # skill-label cosine at which a skill counts as held
    partial_threshold: float = 0.70  # between the two: a partial match (half credit)

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in COMPONENTS], dtype=np.float64)

    def to_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Weights:
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})


# activity_coverage: this share from B's detailed work activities (DWA) that A performs, the
# rest from the intermediate ones (IWA).
DWA_SHARE = 0.5
# Skill pairs at least this similar are stored; the partial threshold is above.
NEIGHBOUR_MIN = 0.6
# Neighbours stored per occupation in transitions.npz; a target within a source's best
# DIRECT_RANK moves counts as a direct move.
STORED_NEIGHBOURS = 100
DIRECT_RANK = 100

# --------------------------------------------------------------------------- filters and paths

MAX_PATH_STEPS = 3


@dataclass(frozen=True)
class Filters:
    """What a person accepts in a move (None or False: no limit)."""

    max_zone_step: int | None = None  # None = any
    min_wage_ratio: float | None = None
    safer: bool = False
    bright_outlook: bool = False


class Facts(NamedTuple):
    """What the filters look at in an occupation (or a person in it); NaN where unknown."""

    job_zone: float
    wage: float
    beta: float
    bright: float  # 1 bright outlook, 0 not


def zone_step_allowed(origin_zone: float, zone: float, max_zone_step: int | None) -> bool:
    """The job-zone rule of every move and every step of a path: at most `max_zone_step` up."""
    if max_zone_step is None:
        return True
    return not (
        math.isfinite(origin_zone) and math.isfinite(zone) and zone - origin_zone > max_zone_step
    )


def passes(f: Filters, origin: Facts, target: Facts) -> str | None:
    """None when a move from `origin` to `target` passes the filters, else the code of the first
    filter that rejects it ("zone", "wage", "safer_unknown", "safer", "outlook")."""
    if not zone_step_allowed(origin.job_zone, target.job_zone, f.max_zone_step):
        return "zone"
    if f.min_wage_ratio is not None and f.min_wage_ratio > 0:
        wa, wb = origin.wage, target.wage
        if math.isfinite(wa) and (not math.isfinite(wb) or wb < f.min_wage_ratio * wa):
            return "wage"
    if f.safer:
        if not math.isfinite(origin.beta):
            return "safer_unknown"  # the source has no model exposure (no O*NET tasks)
        if not is_safer(target.beta, origin.beta):
            return "safer"
    if f.bright_outlook and not (math.isfinite(target.bright) and target.bright == 1):
        return "outlook"
    return None
