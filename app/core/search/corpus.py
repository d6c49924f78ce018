"""What search returns (occupation, skill and task matches) and what it searches, in row order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from app.core.db import TitleRow, database
from app.core.search.lexical import skill_key


class OccupationMatch(NamedTuple):
    code: str
    title: str  # the occupation's official O*NET title
    score: float


# How sure a title match is, in plain words, from its score alone. Chosen on the tuning titles
# (held out of the index; 800 clean and 800 messy queries) and 350 nonsense strings: below 0.50
# lie 88 % of the nonsense and 1 of the 1,126 right answers; the top answer is right for 0.20
# of queries scoring 0.50-0.60, 0.48 at 0.60-0.70, 0.81 at 0.70-0.80 and 0.94 from 0.80.
TITLE_CONFIDENCE: tuple[tuple[float, str], ...] = (
    (0.80, "very_likely"),
    (0.70, "likely"),
    (0.60, "possible"),
    (0.50, "unlikely"),
)


def title_confidence(score: float) -> str | None:
    """The confidence code of a title match, or None when it is too weak to offer at all
    (then no occupation matches the title)."""
    for floor, code in TITLE_CONFIDENCE:
        if score >= floor:
            return code
    return None


class SkillMatch(NamedTuple):
    uri: str
    label: str
    score: float
    exact: bool = False  # the text is the skill's ESCO label or one of its alternative labels


class TaskMatch(NamedTuple):
    task_id: int
    task: str
    code: str
    similarity: float


def load_skill_names(db_path: Path | None = None) -> dict[str, tuple[str, str]]:
    """Every ESCO skill label and alternative label (by skill_key) → (uri, preferred label).
    A preferred label wins over another skill's alternative label."""
    names: dict[str, tuple[str, str]] = {}
    rows = database(db_path).rows("SELECT uri, label, alt_labels FROM esco_skills ORDER BY uri")
    for uri, label, alts in rows:
        for alt in str(alts or "").splitlines():
            if alt.strip():
                names.setdefault(skill_key(alt), (str(uri), str(label)))
    for uri, label, _alts in rows:
        names[skill_key(str(label))] = (str(uri), str(label))
    return names


def title_texts(rows: Iterable[TitleRow], occupations: dict[str, str]) -> list[str]:
    """Every distinct title text, sorted: the row order of the stored title embeddings."""
    return sorted({r.title for r in rows} | set(occupations.values()))


def corpus_texts(kind: str, db_path: Path | None = None) -> list[str]:
    """The texts whose embeddings the index stores for `kind`, in row order."""
    db = database(db_path)
    if kind == "title":
        return title_texts(db.title_rows(), db.occupations())
    if kind == "task":
        return [task for _, _, task in db.tasks()]
    if kind == "skill":
        return [label for _, label in db.skills()]
    raise ValueError(f"unknown index kind {kind!r}")
