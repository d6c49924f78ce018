"""Transitions: from an occupation or a profile to the occupations one could move to."""

# config (the one set of rules) · data (the occupations) · resource (transitions.npz) · skills
# (skill space, needs, gaps) · components (the score) · moves (ranked, filtered moves) · learning
# (what to learn first) · paths (multi-step paths).
from app.core.transitions.components import GraphContext, Source, live_scores
from app.core.transitions.config import (
    COMPONENTS,
    DIRECT_RANK,
    MAX_PATH_STEPS,
    Facts,
    Filters,
    Weights,
    exposure_beta,
    is_safer,
    passes,
    safer_mask,
    task_weight,
)
from app.core.transitions.data import OccupationData
from app.core.transitions.learning import LearningStep, learning_order
from app.core.transitions.moves import (
    Move,
    MoveList,
    check_top,
    make_move,
    occupation_facts,
    occupation_moves,
    occupation_source,
    rank_moves,
    source_moves,
)
from app.core.transitions.paths import MovePath, shortest_paths
from app.core.transitions.resource import TransitionsResource, load_resource, require_fresh
from app.core.transitions.skills import NeedTable, SkillMatchRow, SkillSpace

__all__ = [
    "COMPONENTS",
    "DIRECT_RANK",
    "MAX_PATH_STEPS",
    "Facts",
    "Filters",
    "GraphContext",
    "LearningStep",
    "Move",
    "MoveList",
    "MovePath",
    "NeedTable",
    "OccupationData",
    "SkillMatchRow",
    "SkillSpace",
    "Source",
    "TransitionsResource",
    "Weights",
    "check_top",
    "exposure_beta",
    "is_safer",
    "learning_order",
    "live_scores",
    "load_resource",
    "make_move",
    "occupation_facts",
    "occupation_moves",
    "occupation_source",
    "passes",
    "rank_moves",
    "require_fresh",
    "safer_mask",
    "shortest_paths",
    "source_moves",
    "task_weight",
]
