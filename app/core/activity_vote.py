"""Exposure of an O*NET task statement from the human labels of tasks sharing its work activities.

O*NET links every task to detailed work activities (DWAs) shared across occupations: "Prepare
financial reports" is one activity of accountants, auditors and budget analysts alike. People
labelled tasks of many occupations, and tasks with the same activities tend to get the same
label. For a statement that *is* an O*NET task (same words, ignoring case and punctuation), the
vote averages, over its activities, the label shares of the labelled tasks linked to each one
(with `prior` pseudo-counts per class), and the estimate becomes
(1 - weight) x model + weight x vote. Other text keeps the model's estimate: for a statement
that only resembles a task, the nearest task's activities predicted its label worse than the
model does (docs/evaluation.md).

Only labels of training occupations count (never a validation occupation's), like the model's
own nearest-labelled-task memory, so the validation figures stay out-of-sample.
`python -m models.fit_activity_vote` chooses `weight` and `prior` on the calibration
occupations (with votes and model estimates that never saw them) and writes
`models/activity_vote.json`, tied to the model's sha256; with another model or no file the app
keeps the model's estimate alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core import integrity
from app.core.db import database
from app.core.validation import is_validation_occupation

VOTE_FILE = "activity_vote.json"
LABELS = ("E0", "E1", "E2")
_WORD = re.compile(r"[a-z0-9]+")


def statement_key(text: str) -> str:
    """Case, spacing and punctuation do not make a different statement."""
    return " ".join(_WORD.findall(text.casefold()))


@dataclass(frozen=True)
class VoteParams:
    weight: float
    prior: float


def label_counts(
    labelled: Sequence[tuple[int, int]],
    task_dwas: Sequence[tuple[int, str]],
) -> dict[str, np.ndarray]:
    """DWA -> counts of E0 / E1 / E2 over the labelled (task ID, label index) linked to it."""
    label_of = dict(labelled)
    counts: dict[str, np.ndarray] = {}
    for task_id, dwa in task_dwas:
        label = label_of.get(task_id)
        if label is None:
            continue
        counts.setdefault(dwa, np.zeros(3))[label] += 1
    return counts


class ActivityVote:
    """Votes of every O*NET task with labelled activities, looked up by statement text."""

    def __init__(
        self,
        statements: Sequence[tuple[int, str]],
        task_dwas: Sequence[tuple[int, str]],
        counts: dict[str, np.ndarray],
        params: VoteParams,
    ) -> None:
        self.params = params
        dwas = sorted(counts)
        row_of = {d: i for i, d in enumerate(dwas)}
        table = np.array([counts[d] for d in dwas], dtype=np.float64).reshape(-1, 3)
        shares = (table + params.prior) / (table.sum(axis=1, keepdims=True) + 3 * params.prior)
        linked = [(t, row_of[d]) for t, d in task_dwas if d in row_of]
        task_of = {t: i for i, t in enumerate(dict.fromkeys(t for t, _ in linked))}
        ids = np.array([task_of[t] for t, _ in linked], dtype=np.int64)
        rows = np.array([r for _, r in linked], dtype=np.int64)
        # A task's vote: the mean share over its labelled activities.
        task_votes = np.zeros((len(task_of), 3))
        np.add.at(task_votes, ids, shares[rows])
        task_votes /= np.maximum(np.bincount(ids, minlength=len(task_of)), 1)[:, None]
        # A statement several occupations share takes the mean of its tasks' votes.
        group_of: dict[str, int] = {}
        members, groups = [], []
        for task_id, text in statements:
            if task_id in task_of:
                members.append(task_of[task_id])
                groups.append(group_of.setdefault(statement_key(text), len(group_of)))
        g = np.array(groups, dtype=np.int64)
        sums = np.zeros((len(group_of), 3))
        np.add.at(sums, g, task_votes[np.array(members, dtype=np.int64)])
        means = (sums / np.maximum(np.bincount(g, minlength=len(group_of)), 1)[:, None]).astype(
            np.float32
        )
        self._votes = {key: means[i] for key, i in group_of.items()}

    def __len__(self) -> int:
        return len(self._votes)

    def vote(self, text: str) -> np.ndarray | None:
        return self._votes.get(statement_key(text))

    def blend(self, texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
        """Model probabilities with the vote mixed in where a text is an O*NET task."""
        out = np.array(probs, dtype=np.float32, copy=True)
        w = self.params.weight
        for i, text in enumerate(texts):
            v = self._votes.get(statement_key(text))
            if v is not None:
                out[i] = (1.0 - w) * out[i] + w * v
        return out

    @classmethod
    def from_db(
        cls,
        db_path: Path | None,
        params: VoteParams,
        counts_from: Callable[[str], bool] | None = None,
    ) -> ActivityVote:
        """Votes from the bundled database; labels of codes `counts_from` accepts (default: the
        training occupations)."""
        accept = counts_from or (lambda code: not is_validation_occupation(code))
        db = database(db_path)
        statements = [(int(t), str(s)) for t, s in db.rows("SELECT task_id, task FROM tasks")]
        links = [(int(t), str(d)) for t, d in db.rows("SELECT task_id, dwa_id FROM task_dwas")]
        labelled = [
            (int(t), LABELS.index(str(lab)))
            for t, code, lab in db.rows(
                "SELECT task_id, code, human_label FROM exposure_tasks "
                "WHERE human_label IN ('E0', 'E1', 'E2')"
            )
            if accept(str(code))
        ]
        return cls(statements, links, label_counts(labelled, links), params)


def write_vote_params(path: Path, params: VoteParams, model_sha256: str, meta: dict) -> None:
    record = {
        "format": 1,
        "model_sha256": model_sha256,
        "weight": params.weight,
        "prior": params.prior,
        **meta,
    }
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_vote_params(path: Path, model_sha256: str) -> VoteParams | None:
    """The fitted blend for this model; None when the file is missing, damaged or another model's
    (the bundled file must match its recorded checksum: a ResourceError otherwise)."""
    integrity.check(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") != 1 or record.get("model_sha256") != model_sha256:
            return None
        weight, prior = float(record["weight"]), float(record["prior"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not (0.0 <= weight <= 1.0 and prior > 0):
        return None
    return VoteParams(weight, prior)


def load_activity_vote(
    db_path: Path | None, params_path: Path, model_sha256: str
) -> ActivityVote | None:
    """The app's vote for this model; None without a parameter file fitted on it."""
    params = load_vote_params(params_path, model_sha256)
    return ActivityVote.from_db(db_path, params) if params is not None else None
