"""What search returns (occupation, skill and task matches) and what it searches, in row order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from app import paths
from app.core.errors import ResourceError
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


# --------------------------------------------------------------------------- database


def connect_readonly(db_path: Path | None = None) -> sqlite3.Connection:
    if db_path is None:
        from app.core.catalog import verify_database

        verify_database()  # the app's own database: refuse a modified one (cached per file)
    path = db_path if db_path is not None else paths.database_path()
    if not path.is_file():
        raise ResourceError(
            f"database {path} is missing; reinstall SkillShift "
            "(in a source checkout: `make resources`)"
        )
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ResourceError(f"database {path} cannot be opened ({exc})") from None


def _query(db_path: Path | None, sql: str) -> list[tuple[object, ...]]:
    connection = connect_readonly(db_path)
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.Error as exc:
        raise ResourceError(
            f"database is damaged or outdated ({exc}); reinstall SkillShift"
        ) from None
    finally:
        connection.close()


@dataclass(frozen=True)
class TitleRow:
    code: str
    title: str
    source: str


def load_occupations(db_path: Path | None = None) -> dict[str, str]:
    """code → official title, in code order."""
    return {
        str(c): str(t)
        for c, t in _query(db_path, "SELECT code, title FROM occupations ORDER BY code")
    }


def load_title_rows(db_path: Path | None = None) -> list[TitleRow]:
    rows = _query(db_path, "SELECT code, title, source FROM titles ORDER BY id")
    return [TitleRow(str(c), str(t).strip(), str(s)) for c, t, s in rows if str(t).strip()]


def load_tasks(db_path: Path | None = None) -> list[tuple[int, str, str]]:
    """(task_id, code, task) in task_id order."""
    rows = _query(db_path, "SELECT task_id, code, task FROM tasks ORDER BY task_id")
    return [(int(i), str(c), str(t)) for i, c, t in rows]  # type: ignore[call-overload]


def load_skills(db_path: Path | None = None) -> list[tuple[str, str]]:
    """(uri, preferred label) in uri order."""
    return [
        (str(u), str(lab))
        for u, lab in _query(db_path, "SELECT uri, label FROM esco_skills ORDER BY uri")
    ]


def load_skill_names(db_path: Path | None = None) -> dict[str, tuple[str, str]]:
    """Every ESCO skill label and alternative label (by skill_key) → (uri, preferred label).
    A preferred label wins over another skill's alternative label."""
    names: dict[str, tuple[str, str]] = {}
    rows = _query(db_path, "SELECT uri, label, alt_labels FROM esco_skills ORDER BY uri")
    for uri, label, alts in rows:
        for alt in str(alts or "").splitlines():
            if alt.strip():
                names.setdefault(skill_key(alt), (str(uri), str(label)))
    for uri, label, _alts in rows:
        names[skill_key(str(label))] = (str(uri), str(label))
    return names


def database_content_hash(db_path: Path | None = None) -> str | None:
    rows = _query(db_path, "SELECT value FROM meta WHERE key = 'content_hash'")
    return str(rows[0][0]) if rows else None


def title_texts(rows: Iterable[TitleRow], occupations: dict[str, str]) -> list[str]:
    """Every distinct title text, sorted: the row order of the stored title embeddings."""
    return sorted({r.title for r in rows} | set(occupations.values()))


def corpus_texts(kind: str, db_path: Path | None = None) -> list[str]:
    """The texts whose embeddings the index stores for `kind`, in row order."""
    if kind == "title":
        return title_texts(load_title_rows(db_path), load_occupations(db_path))
    if kind == "task":
        return [task for _, _, task in load_tasks(db_path)]
    if kind == "skill":
        return [label for _, label in load_skills(db_path)]
    raise ValueError(f"unknown index kind {kind!r}")
