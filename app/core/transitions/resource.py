"""resources/transitions.npz: the precomputed neighbours, scores and exposure, loaded and saved."""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app import paths
from app.core import integrity
from app.core.errors import ResourceError
from app.core.transitions.config import Weights
from app.core.transitions.data import OccupationData
from app.core.transitions.skills import SkillSpace

TRANSITIONS_FILE = "transitions.npz"
FORMAT = 1


@dataclass
class TransitionsResource:
    """resources/transitions.npz: top-N neighbours per occupation and model exposure per occupation."""

    meta: dict[str, Any]
    codes: list[str]
    neighbours: np.ndarray  # int16 [n, N] occupation rows, best first, -1 = none
    scores: np.ndarray  # float32 [n, N]
    components: np.ndarray  # float32 [n, N, C]
    fill: np.ndarray  # typical value of each component
    model_alpha: np.ndarray  # [n] NaN without tasks
    model_beta: np.ndarray
    model_gamma: np.ndarray
    task_embedding: np.ndarray  # [n, dim] mean task embedding (unit), zeros without tasks
    title_embedding: np.ndarray  # [n, dim] (unit)
    task_probs: np.ndarray  # [tasks, 3] model probabilities of every O*NET task (task_id order)
    task_nearest: np.ndarray  # [tasks] row of the most similar other task (-1 for none)
    skill_used: np.ndarray  # sparse skill graph (see SkillSpace)
    skill_indptr: np.ndarray
    skill_indices: np.ndarray
    skill_sims: np.ndarray

    def skill_space(self, vectors: np.ndarray) -> SkillSpace:
        return SkillSpace(
            vectors, self.skill_used, self.skill_indptr, self.skill_indices, self.skill_sims
        )

    @property
    def weights(self) -> Weights:
        return Weights.from_dict(self.meta.get("weights", {}))


def resource_file() -> Path:
    return paths.resource_path(TRANSITIONS_FILE)


def rebuild_hint() -> str:
    import sys

    if getattr(sys, "frozen", False):
        return "reinstall SkillShift to restore it"
    return "rebuild it with `python resources/build_transitions.py`"


def load_resource(
    path: Path | None = None,
    *,
    model_sha256: str | None = None,
    content_hash: str | None = None,
) -> TransitionsResource:
    """Read and check the transitions file; missing, damaged or stale files are a ResourceError."""
    file = path if path is not None else resource_file()
    if not file.is_file():
        raise ResourceError(f"transitions file {file.name} is missing; {rebuild_hint()}")
    integrity.check(file)
    try:
        with np.load(file, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"unsupported format {meta.get('format')!r}")
            codes = json.loads(npz["codes"].tobytes().decode("utf-8"))
            res = TransitionsResource(
                meta=meta,
                codes=[str(c) for c in codes],
                neighbours=npz["neighbours"].astype(np.int64),
                scores=npz["scores"].astype(np.float32),
                components=npz["components"].astype(np.float32),
                fill=npz["fill"].astype(np.float64),
                model_alpha=npz["model_alpha"].astype(np.float64),
                model_beta=npz["model_beta"].astype(np.float64),
                model_gamma=npz["model_gamma"].astype(np.float64),
                task_embedding=npz["task_embedding"].astype(np.float32),
                title_embedding=npz["title_embedding"].astype(np.float32),
                task_probs=npz["task_probs"].astype(np.float32),
                task_nearest=npz["task_nearest"].astype(np.int64),
                skill_used=npz["skill_used"].astype(np.int64),
                skill_indptr=npz["skill_indptr"].astype(np.int64),
                skill_indices=npz["skill_indices"].astype(np.int64),
                skill_sims=npz["skill_sims"].astype(np.float32),
            )
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise ResourceError(
            f"transitions file {file.name} is damaged ({exc}); {rebuild_hint()}"
        ) from None
    if model_sha256 is not None and meta.get("model_sha256") != model_sha256:
        raise ResourceError(
            f"transitions file {file.name} was built with a different model; {rebuild_hint()}"
        )
    if content_hash is not None and meta.get("db_content_hash") != content_hash:
        raise ResourceError(
            f"transitions file {file.name} was built from a different database; {rebuild_hint()}"
        )
    return res


def save_resource(
    path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any], codes: Sequence[str]
) -> None:
    import io
    import os

    payload = dict(arrays)
    payload["meta"] = np.frombuffer(
        json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8
    )
    payload["codes"] = np.frombuffer(json.dumps(list(codes)).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **payload)  # type: ignore[arg-type]
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(buffer.getvalue())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def require_fresh(res: TransitionsResource, data: OccupationData) -> None:
    if (
        res.codes != data.codes
        or len(res.task_probs) != len(data.task_ids)
        or not np.array_equal(res.skill_used, SkillSpace.used_rows(data))
    ):
        raise ResourceError(
            f"transitions file {TRANSITIONS_FILE} does not match the database's occupations; {rebuild_hint()}"
        )
