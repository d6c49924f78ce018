"""Exposure: a task's estimate (model + work-activity vote), a person's measures, references."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from app import paths
from app.core.activity_vote import VOTE_FILE, ActivityVote, load_activity_vote
from app.core.db import Database
from app.core.transitions.config import exposure_beta

if TYPE_CHECKING:
    from app.core.encoder import Encoder

# Anthropic's interaction types (Economic Index): the first two hand the task to the model.
AUTOMATION_TYPES = ("directive", "feedback loop")
AUGMENTATION_TYPES = ("task iteration", "learning", "validation")
AUTOMATION_LEVELS = {"T0": 0, "T1": 1, "T2": 2, "T3": 3, "T4": 4}
# Reference measures shown beside the model's beta, in display order.
REFERENCE_MEASURES = (
    "human_beta",
    "gpt4_beta",
    "ms_applicability",
    "anthropic_usage",
    "model_beta",
)


class ExposureBlend:
    """The app's exposure estimate of task statements: the model's probabilities, with the
    work-activity vote mixed in where a statement is an O*NET task (app/core/activity_vote.py).

    The one place the blend is applied: `skillshift exposure`, the engine (a person's own tasks),
    the profile page and the build of transitions.npz (every O*NET task) all call `probs`. The
    vote is loaded on first use, once, for the encoder's model; thread-safe.
    """

    def __init__(
        self, encoder: Encoder, *, db_path: Path | None = None, vote_file: Path | None = None
    ) -> None:
        self.encoder = encoder
        self.db_path = db_path
        self.vote_file = vote_file if vote_file is not None else paths.model_path(VOTE_FILE)
        self._lock = threading.Lock()
        self._vote: tuple[ActivityVote | None] | None = None

    def vote(self) -> ActivityVote | None:
        """The work-activity vote for O*NET task statements (None without one for this model)."""
        if self._vote is None:
            with self._lock:
                if self._vote is None:
                    self._vote = (
                        load_activity_vote(self.db_path, self.vote_file, self.encoder.model_sha256),
                    )
        return self._vote[0]

    def probs(self, texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
        """The model's exposure probabilities with the work-activity vote where it applies."""
        vote = self.vote()
        return vote.blend(texts, probs) if vote is not None else probs


def measures(probs: np.ndarray, shares: np.ndarray) -> tuple[float, float, float]:
    """alpha = E1 share, beta = E1 + 0.5·E2, gamma = E1 + E2, from model probabilities."""
    if len(probs) == 0:
        return float("nan"), float("nan"), float("nan")
    w = np.asarray(shares, dtype=np.float64)
    # Shares are relative weights: NaN, infinite or negative ones count as 0 (the profile
    # refuses them, but this is also called directly), and dividing by the largest first keeps
    # huge finite shares from overflowing the sum.
    w = np.where(np.isfinite(w) & (w > 0), w, 0.0)
    peak = w.max() if len(w) else 0.0
    w = w / peak / (w / peak).sum() if peak > 0 else np.full(len(w), 1.0 / len(w))
    p = w @ np.asarray(probs, dtype=np.float64)
    return float(p[1]), float(exposure_beta(p)), float(p[1] + p[2])


def percentile(value: float, population: np.ndarray) -> float | None:
    """Percent of occupations whose value is at or below `value` (ties count half)."""
    pop = population[np.isfinite(population)]
    if not np.isfinite(value) or len(pop) == 0:
        return None
    below = float((pop < value).sum()) + 0.5 * float((pop == value).sum())
    return round(100.0 * below / len(pop), 1)


def tercile_cuts(population: np.ndarray) -> tuple[float, float] | None:
    pop = population[np.isfinite(population)]
    if len(pop) < 3:
        return None
    low, high = np.quantile(pop, [1 / 3, 2 / 3])
    return float(low), float(high)


def tercile(value: float | None, cuts: tuple[float, float] | None) -> int | None:
    """1 = lowest third of occupations, 3 = highest."""
    if value is None or cuts is None or not np.isfinite(value):
        return None
    return 1 + int(value > cuts[0]) + int(value > cuts[1])


@dataclass(frozen=True)
class ReferenceTable:
    """Every occupation's reference measures (for terciles), loaded once from the database."""

    codes: list[str]
    values: dict[str, np.ndarray]  # measure → [n], NaN where the source has no figure
    cuts: dict[str, tuple[float, float] | None]
    split: dict[str, float]  # Anthropic interaction type → share of conversations

    @classmethod
    def load(cls, db: Database, codes: Sequence[str], model_beta: np.ndarray) -> ReferenceTable:
        pos = {c: i for i, c in enumerate(codes)}
        n = len(codes)
        values = {m: np.full(n, np.nan) for m in REFERENCE_MEASURES}
        for code, human, gpt4, ms in db.rows(
            "SELECT code, human_beta, gpt4_beta, ms_applicability FROM exposure_occupations"
        ):
            i = pos.get(code)
            if i is None:
                continue
            for name, v in (
                ("human_beta", human),
                ("gpt4_beta", gpt4),
                ("ms_applicability", ms),
            ):
                if v is not None:
                    values[name][i] = float(v)
        # Observed usage: an occupation with tasks but no matched statement has none (0).
        for code, usage in db.rows(
            "SELECT t.code, coalesce(SUM(a.usage_pct), 0) FROM tasks AS t "
            "LEFT JOIN anthropic_tasks AS a USING (task_id) GROUP BY t.code"
        ):
            i = pos.get(code)
            if i is not None:
                values["anthropic_usage"][i] = float(usage)
        split = {
            str(k): float(v)
            for k, v in db.rows("SELECT interaction_type, share FROM anthropic_split ORDER BY 1")
        }
        values["model_beta"] = np.asarray(model_beta, dtype=np.float64)
        cuts = {m: tercile_cuts(v) for m, v in values.items()}
        return cls(list(codes), values, cuts, split)


@dataclass(frozen=True)
class Reference:
    measure: str  # one of REFERENCE_MEASURES
    value: float | None
    tercile: int | None
    agrees_with_model: bool | None  # same tercile as the model's beta for this occupation
    # Percent of occupations this measure scores at or below this one: the measures' scales
    # differ (shares, ratings, usage), so they are compared on this common 0-100 scale.
    percentile: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "value": None if self.value is None else round(self.value, 4),
            "tercile": self.tercile,
            "agrees_with_model": self.agrees_with_model,
            "percentile": self.percentile,
        }


def references(table: ReferenceTable, index: int) -> tuple[tuple[Reference, ...], str]:
    """The occupation's published measures beside the model's, with an agreement verdict code.

    Verdict: "agree" (every available measure in the model's tercile), "disagree" (none),
    "mixed", or "insufficient" (no published measure or no model figure).
    """
    model_value = table.values["model_beta"][index]
    model_t = tercile(float(model_value), table.cuts["model_beta"])
    out: list[Reference] = []
    verdicts: list[bool] = []
    for name in REFERENCE_MEASURES:
        raw = table.values[name][index]
        value = float(raw) if np.isfinite(raw) else None
        t = tercile(value, table.cuts[name])
        agree = None
        if name != "model_beta" and t is not None and model_t is not None:
            agree = t == model_t
            verdicts.append(agree)
        rank = None if value is None else percentile(value, table.values[name])
        out.append(Reference(name, value, t, agree, rank))
    if not verdicts:
        verdict = "insufficient"
    elif all(verdicts):
        verdict = "agree"
    elif not any(verdicts):
        verdict = "disagree"
    else:
        verdict = "mixed"
    return tuple(out), verdict


@dataclass(frozen=True)
class Evidence:
    task_id: int
    task: str
    code: str
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "task": self.task,
            "code": self.code,
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True)
class TaskScore:
    index: int  # position in the profile's task list
    task_id: int | None
    text: str
    source: str  # "onet" (a selected O*NET task) or "own" (the person's words)
    share: float
    probs: tuple[float, float, float]
    label: str  # most probable class, E0/E1/E2
    beta: float
    human_label: str | None = None
    gpt4_label: str | None = None
    gpt4_automation: str | None = None
    human_automation: str | None = None
    anthropic_usage_pct: float | None = None
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "task_id": self.task_id,
            "text": self.text,
            "source": self.source,
            "share": round(self.share, 4),
            "label": self.label,
            "probs": [round(p, 4) for p in self.probs],
            "beta": round(self.beta, 4),
            "human_label": self.human_label,
            "gpt4_label": self.gpt4_label,
            "gpt4_automation": self.gpt4_automation,
            "human_automation": self.human_automation,
            "anthropic_usage_pct": self.anthropic_usage_pct,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass(frozen=True)
class Automation:
    """Automation vs augmentation signals for the person's tasks (where the sources match)."""

    gpt4_mean_level: float | None  # Eloundou GPT-4 automation rating T0–T4 as 0–4, share-weighted
    human_mean_level: float | None
    labelled_share: float  # time share of tasks with a GPT-4 automation rating
    observed_share: float  # time share of tasks seen in Anthropic's conversations
    observed_usage_pct: float  # sum of Anthropic usage over the matched tasks
    published_split: dict[str, float] = field(default_factory=dict)  # automation / augmentation

    def to_dict(self) -> dict[str, Any]:
        return {
            "gpt4_mean_level": _r(self.gpt4_mean_level),
            "human_mean_level": _r(self.human_mean_level),
            "labelled_share": round(self.labelled_share, 4),
            "observed_share": round(self.observed_share, 4),
            "observed_usage_pct": round(self.observed_usage_pct, 4),
            "published_split": {k: round(v, 4) for k, v in self.published_split.items()},
        }


def _r(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 4)


def automation(tasks: Sequence[TaskScore], split: dict[str, float]) -> Automation:
    def mean_level(attr: str) -> tuple[float | None, float]:
        pairs = [
            (AUTOMATION_LEVELS[getattr(t, attr)], t.share)
            for t in tasks
            if getattr(t, attr) in AUTOMATION_LEVELS
        ]
        covered = sum(s for _, s in pairs)
        if covered <= 0:
            return None, 0.0
        return sum(level * s for level, s in pairs) / covered, covered

    gpt4, covered = mean_level("gpt4_automation")
    human, _ = mean_level("human_automation")
    observed = [t for t in tasks if t.anthropic_usage_pct is not None]
    published = {
        "automation": sum(split.get(k, 0.0) for k in AUTOMATION_TYPES),
        "augmentation": sum(split.get(k, 0.0) for k in AUGMENTATION_TYPES),
    }
    return Automation(
        gpt4_mean_level=gpt4,
        human_mean_level=human,
        labelled_share=covered,
        observed_share=sum(t.share for t in observed),
        observed_usage_pct=sum(float(t.anthropic_usage_pct or 0.0) for t in observed),
        published_split=published,
    )


@dataclass(frozen=True)
class ExposureProfile:
    alpha: float
    beta: float
    gamma: float
    percentile: float | None  # among all occupations' model betas
    occupation_beta: float | None  # the model's beta of the current occupation (its O*NET tasks)
    tasks: tuple[TaskScore, ...]
    references: tuple[Reference, ...]
    verdict: str
    automation: Automation

    def to_dict(self) -> dict[str, Any]:
        return {
            "alpha": _r(self.alpha),
            "beta": _r(self.beta),
            "gamma": _r(self.gamma),
            "percentile": self.percentile,
            "occupation_beta": _r(self.occupation_beta),
            "references": [r.to_dict() for r in self.references],
            "verdict": self.verdict,
            "automation": self.automation.to_dict(),
            "tasks": [t.to_dict() for t in self.tasks],
        }


def label_of(probs: np.ndarray, labels: Sequence[str]) -> str:
    return str(labels[int(np.argmax(probs))])
