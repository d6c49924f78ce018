"""Paths, data loading and the validation split shared by the model build scripts."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core.validation import (
    is_held_out_reported,
    is_held_out_title,
    is_validation_occupation,
)

MODELS_DIR = Path(__file__).resolve().parent
REPO_DIR = MODELS_DIR.parent
WORK_DIR = MODELS_DIR / "work"
BASE_DIR = WORK_DIR / "base"
DATA_DIR = REPO_DIR.parent / "shared" / "data"
ONET_DIR = DATA_DIR / "onet"
LABELS_FILE = DATA_DIR / "exposure" / "eloundou" / "full_labelset.tsv"
ESCO_SKILLS = DATA_DIR / "esco" / "skills_en.csv"

LABELS = ("E0", "E1", "E2")
MAX_LENGTH = 64
DIM = 384
SEED = 20260202


def is_calibration_occupation(code: str) -> bool:
    """About one training occupation in eight, kept from the encoder to fit head and temperature."""
    digest = hashlib.sha256(f"skillshift-calibration-v1:{code.strip()}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 8 == 0


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class LabelledTask:
    code: str
    task_id: str
    text: str
    label: int


def load_labelled_tasks() -> list[LabelledTask]:
    """Eloundou et al. human labels (human_exposure_agg) for every available task."""
    out = []
    with LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = row["human_exposure_agg"].strip()
            if label not in LABELS:
                continue
            out.append(
                LabelledTask(
                    row["O*NET-SOC Code"].strip(),
                    row["Task ID"].strip(),
                    row["Task"].strip(),
                    LABELS.index(label),
                )
            )
    return out


@dataclass(frozen=True)
class Title:
    code: str
    text: str
    source: str  # "occupation", "alternate" or "reported"


def load_occupations() -> dict[str, tuple[str, str]]:
    """O*NET-SOC code -> (title, description)."""
    return {
        r["O*NET-SOC Code"]: (r["Title"].strip(), r["Description"].strip())
        for r in _read_tsv(ONET_DIR / "Occupation Data.txt")
    }


def load_titles() -> list[Title]:
    """Official, alternate (incl. short) and reported titles of every O*NET occupation."""
    seen: set[tuple[str, str]] = set()
    out: list[Title] = []

    def add(code: str, text: str, source: str) -> None:
        text = text.strip()
        key = (code, text.lower())
        if text and key not in seen:
            seen.add(key)
            out.append(Title(code, text, source))

    for code, (title, _) in load_occupations().items():
        add(code, title, "occupation")
    # Reported titles first: the held-out rule treats a reported title's alternate twin as reported.
    for r in _read_tsv(ONET_DIR / "Sample of Reported Titles.txt"):
        add(r["O*NET-SOC Code"], r["Reported Job Title"], "reported")
    for r in _read_tsv(ONET_DIR / "Alternate Titles.txt"):
        add(r["O*NET-SOC Code"], r["Alternate Title"], "alternate")
        if r.get("Short Title"):
            add(r["O*NET-SOC Code"], r["Short Title"], "alternate")
    return out


def load_task_dwa_pairs() -> list[tuple[str, str, str, str]]:
    """(code, task text, DWA ID, DWA title) links."""
    return [
        (r["O*NET-SOC Code"], r["Task"].strip(), r["DWA ID"], r["DWA Title"].strip())
        for r in _read_tsv(ONET_DIR / "Tasks to DWAs.txt")
    ]


def load_esco_skill_synonyms() -> list[tuple[str, str, str]]:
    """(skill URI, alternative label, preferred label)."""
    out = []
    with ESCO_SKILLS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            preferred = row["preferredLabel"].strip()
            for raw in row.get("altLabels", "").split("\n"):
                alt = raw.strip()
                if alt and alt.lower() != preferred.lower():
                    out.append((row["conceptUri"], alt, preferred))
    return out


def training_code(code: str) -> bool:
    return not is_validation_occupation(code)


def encoder_code(code: str) -> bool:
    """Occupations whose data the encoder may see: training split minus calibration."""
    return training_code(code) and not is_calibration_occupation(code)


def held_out_queries(titles: list[Title]) -> list[Title]:
    """Titles of validation occupations the search index must not contain (evaluation queries)."""
    return [t for t in titles if is_held_out_title(t.code, t.text, t.source)]


def is_evaluation_title(title: Title) -> bool:
    """A title some search evaluation queries: training must never see it.

    Held-out titles of validation occupations (`skillshift eval match --split validation` and
    `reported`) and the held-out reported titles of every occupation (`--split titles`). An
    alternate title repeating a reported one is already folded into it by `load_titles`.
    """
    if is_held_out_title(title.code, title.text, title.source):
        return True
    return title.source == "reported" and is_held_out_reported(title.code, title.text)


def contrastive_titles(title_codes: str = "all") -> list[Title]:
    """The titles contrastive training may pair: never an official title, never one evaluated.

    `title_codes` "all" takes every occupation (titles carry no exposure label); "training"
    only the encoder's training occupations (training split minus calibration).
    """
    return [
        t
        for t in load_titles()
        if t.source != "occupation"
        and not is_evaluation_title(t)
        and (title_codes == "all" or encoder_code(t.code))
    ]


def index_titles(titles: list[Title]) -> list[Title]:
    return [t for t in titles if not is_held_out_title(t.code, t.text, t.source)]


def rng(seed: int = SEED) -> np.random.Generator:
    return np.random.default_rng(seed)
