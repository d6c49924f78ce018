"""A person's (or a counsellor's client's) profile: tasks, skills, preferences; versioned JSON."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.atomic import write_atomic
from app.core.errors import SkillShiftError
from app.core.inputs import FileTooLargeError, JsonInputError, parse_json, read_limited
from app.core.transitions.config import OWN_TASK_WEIGHT, task_weight

SCHEMA_VERSION = 1
MAX_TEXT_CHARS = 2000
MAX_TASKS = 500
MAX_SKILLS = 2000
MAX_ZONE_STEP = 4  # job zones run 1-5
MAX_WAGE_RATIO = 10.0
MAX_TASK_ID = 2**31 - 1  # O*NET task IDs are small whole numbers; SQLite's own limit is 2**63
SKILL_KINDS = ("esco", "onet", "technology", "text")
# A real profile is a few kB; 500 tasks of 2000 characters stay under 2 MB. Anything bigger is not
# a profile, and reading it whole could exhaust memory.
MAX_FILE_BYTES = 4 * 1024 * 1024

# Upgrades from an older schema: MIGRATIONS[n] turns a version-n dict into a version-(n+1) dict.
# Schema 1 is the first published version, so there is nothing to upgrade yet; the chain is run
# by from_dict so a future schema 2 only adds an entry here (tests exercise the mechanism).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class ProfileError(SkillShiftError):
    """A profile that cannot be read or is invalid; the message names the field."""


@dataclass(frozen=True)
class ProfileTask:
    """An O*NET task (task_id) or the person's own words (text); share is a relative weight."""

    task_id: int | None = None
    text: str | None = None
    share: float | None = None

    def key(self) -> str:
        if self.task_id is not None:
            return f"id:{self.task_id}"
        return "text:" + " ".join((self.text or "").lower().split())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.task_id is not None:
            out["task_id"] = self.task_id
        if self.text is not None:
            out["text"] = self.text
        if self.share is not None:
            out["share"] = self.share
        return out


@dataclass(frozen=True)
class ProfileSkill:
    """One skill: kind "esco" (value = URI), "onet" (element ID, optional level 0-7),
    "technology" (a technology example or commodity title) or "text" (free text, matched to ESCO)."""

    kind: str
    value: str
    level: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value}
        if self.level is not None:
            out["level"] = self.level
        return out


@dataclass(frozen=True)
class Preferences:
    max_zone_step: int = 1
    min_wage_ratio: float = 0.75
    safer_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_zone_step": self.max_zone_step,
            "min_wage_ratio": self.min_wage_ratio,
            "safer_only": self.safer_only,
        }


@dataclass(frozen=True)
class Profile:
    alias: str = ""
    occupation_code: str | None = None
    role: str | None = None  # free-text job title, matched when no code is given
    tasks: tuple[ProfileTask, ...] = ()
    skills: tuple[ProfileSkill, ...] = ()
    preferences: Preferences = field(default_factory=Preferences)
    # True: the person has the occupation's ESCO skills plus the listed ones; False: only the
    # listed ones (a profile whose skills were edited, e.g. some removed).
    include_occupation_skills: bool = True
    # Codes for what loading changed (e.g. "merged_duplicate_task:tasks[3]"), for the UI to show.
    normalised: tuple[str, ...] = ()

    # ---- conversion

    @classmethod
    def from_dict(cls, data: Any) -> Profile:
        if not isinstance(data, Mapping):
            raise ProfileError("profile: expected a JSON object")
        data = migrate(data)
        known = {
            "schema",
            "alias",
            "occupation",
            "tasks",
            "skills",
            "include_occupation_skills",
            "preferences",
        }
        extra = sorted(set(data) - known)
        if extra:
            raise ProfileError(f"{extra[0]}: unknown field")
        alias = _text(data.get("alias", ""), "alias", allow_empty=True)
        code, role = _occupation(data.get("occupation"))
        tasks, notes = _tasks(data.get("tasks", []))
        skills, skill_notes = _skills(data.get("skills", []))
        prefs = _preferences(data.get("preferences", {}))
        include = data.get("include_occupation_skills", True)
        if not isinstance(include, bool):
            raise ProfileError("include_occupation_skills: expected true or false")
        return cls(alias, code, role, tasks, skills, prefs, include, tuple(notes + skill_notes))

    def to_dict(self) -> dict[str, Any]:
        occupation: dict[str, Any] = {}
        if self.occupation_code is not None:
            occupation["code"] = self.occupation_code
        if self.role is not None:
            occupation["role"] = self.role
        return {
            "schema": SCHEMA_VERSION,
            "alias": self.alias,
            "occupation": occupation,
            "tasks": [t.to_dict() for t in self.tasks],
            "skills": [s.to_dict() for s in self.skills],
            "include_occupation_skills": self.include_occupation_skills,
            "preferences": self.preferences.to_dict(),
        }

    # ---- files

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Profile:
        file = Path(path)
        try:
            raw = read_limited(file, MAX_FILE_BYTES)
        except FileNotFoundError:
            raise ProfileError(f"profile {file} does not exist") from None
        except FileTooLargeError:
            raise ProfileError(
                f"profile {file} is too large to be a profile (more than {MAX_FILE_BYTES:,} bytes)"
            ) from None
        except OSError as exc:
            raise ProfileError(f"profile {file} cannot be read ({exc.strerror or exc})") from None
        try:
            data = parse_json(raw)
        except UnicodeDecodeError:
            raise ProfileError(f"profile {file} is not UTF-8 text") from None
        except JsonInputError as exc:
            raise ProfileError(f"profile {file} is not valid JSON ({exc})") from None
        try:
            return cls.from_dict(data)
        except ProfileError as exc:
            # The field-level message ("tasks[3].share: ...") plus which file it came from.
            raise ProfileError(f"profile {file}: {exc}") from None

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write atomically (temp file in the same folder, fsync, rename); NAME.bak keeps the
        previous version and is never missing from the first save on (app/core/atomic.py)."""
        file = Path(path)
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomic(file, text.encode("utf-8"), keep_backup=True)
        except OSError as exc:
            raise ProfileError(f"profile {file} cannot be saved ({exc.strerror or exc})") from None
        return file

    # ---- derived

    def task_weights(self, task_types: Mapping[int, str | None] | None = None) -> list[float]:
        """Time share of each task, summing to 1 (empty list when there are no tasks).

        Explicit shares are relative weights. With no share anywhere, Core tasks weigh 2,
        Supplemental 1 and the person's own tasks 2; tasks without a share among tasks with one
        get the median given share.
        """
        if not self.tasks:
            return []
        types = task_types or {}
        given = [t.share for t in self.tasks if t.share is not None]
        if given:
            fill = sorted(given)[len(given) // 2]
            raw = [t.share if t.share is not None else fill for t in self.tasks]
        else:
            raw = [_default_weight(t, types) for t in self.tasks]
        peak = max(raw)
        if peak <= 0:
            return [1.0 / len(raw)] * len(raw)
        scaled = [w / peak for w in raw]  # divide first: huge shares cannot overflow the sum
        total = sum(scaled)
        return [w / total for w in scaled]


def migrate(data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` upgraded to SCHEMA_VERSION, or a ProfileError naming the schema field."""
    schema = data.get("schema")
    if schema is None:
        raise ProfileError('schema: missing; a profile starts with "schema": 1')
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise ProfileError(f"schema: expected a whole number, got {_kind(schema)}")
    if schema > SCHEMA_VERSION:
        raise ProfileError(
            f"schema: unsupported profile version {schema} (written by a newer SkillShift; "
            f"this one reads up to {SCHEMA_VERSION}); update SkillShift to open it"
        )
    out = dict(data)
    while out["schema"] < SCHEMA_VERSION:
        step = MIGRATIONS.get(out["schema"])
        if step is None:
            raise ProfileError(
                f"schema: unsupported profile version {out['schema']} "
                f"(this SkillShift reads {SCHEMA_VERSION})"
            )
        version = out["schema"]
        out = dict(step(out))
        out["schema"] = version + 1
    return out


def _default_weight(task: ProfileTask, types: Mapping[int, str | None]) -> float:
    if task.task_id is None:
        return OWN_TASK_WEIGHT
    return task_weight(types.get(task.task_id))


# --------------------------------------------------------------------------- field validation


def _text(value: Any, name: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ProfileError(f"{name}: expected text, got {_kind(value)}")
    text = value.strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # JSON allows "\ud800" escapes that decode to half a character; such text can be
        # neither matched nor saved.
        raise ProfileError(f"{name}: not valid Unicode text (a broken escape sequence)") from None
    if not text and not allow_empty:
        raise ProfileError(f"{name}: must not be empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ProfileError(f"{name}: longer than {MAX_TEXT_CHARS} characters")
    return text


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProfileError(f"{name}: expected a number, got {_kind(value)}")
    try:
        number = float(value)
    except OverflowError:  # a whole number beyond any float (JSON allows 10**4000)
        raise ProfileError(f"{name}: too large a number") from None
    if not math.isfinite(number):
        raise ProfileError(f"{name}: must be a finite number")
    return number


def _occupation(value: Any) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str):
        value = {"code": value}
    if not isinstance(value, Mapping):
        raise ProfileError(f"occupation: expected an object with code or role, got {_kind(value)}")
    extra = sorted(set(value) - {"code", "role"})
    if extra:
        raise ProfileError(f"occupation.{extra[0]}: unknown field")
    code = value.get("code")
    role = value.get("role")
    code_text = _text(code, "occupation.code") if code is not None else None
    role_text = _text(role, "occupation.role") if role is not None else None
    return code_text, role_text


def _tasks(value: Any) -> tuple[tuple[ProfileTask, ...], list[str]]:
    if not isinstance(value, list):
        raise ProfileError(f"tasks: expected a list, got {_kind(value)}")
    if len(value) > MAX_TASKS:
        raise ProfileError(f"tasks: at most {MAX_TASKS} tasks")
    out: list[ProfileTask] = []
    seen: dict[str, int] = {}
    notes: list[str] = []
    for i, entry in enumerate(value):
        name = f"tasks[{i}]"
        task = _task(entry, name)
        share = task.share
        key = task.key()
        if key in seen:
            # The same task listed twice: keep one, with the shares added.
            first = seen[key]
            old = out[first]
            merged = (
                None if old.share is None and share is None else (old.share or 0.0) + (share or 0.0)
            )
            out[first] = ProfileTask(old.task_id, old.text, merged)
            notes.append(f"merged_duplicate_task:{name}")
            continue
        seen[key] = len(out)
        out.append(task)
    shares = [t.share for t in out if t.share is not None]
    if shares and max(shares) <= 0:
        raise ProfileError("tasks: every share is 0; give at least one task a positive share")
    return tuple(out), notes


def _task(entry: Any, name: str) -> ProfileTask:
    """One task of the list: an object, or a bare task ID or text."""
    item = entry
    if isinstance(entry, int) and not isinstance(entry, bool):
        item = {"task_id": entry}
    elif isinstance(entry, str):
        item = {"text": entry}
    if not isinstance(item, Mapping):
        raise ProfileError(f"{name}: expected an object, got {_kind(item)}")
    extra = sorted(set(item) - {"task_id", "text", "share"})
    if extra:
        raise ProfileError(f"{name}.{extra[0]}: unknown field")
    task_id = item.get("task_id")
    text = item.get("text")
    if task_id is None and text is None:
        raise ProfileError(f"{name}: needs a task_id or a text")
    if task_id is not None and (
        isinstance(task_id, bool) or not isinstance(task_id, int) or task_id <= 0
    ):
        raise ProfileError(f"{name}.task_id: expected a positive whole number")
    if task_id is not None and task_id > MAX_TASK_ID:
        raise ProfileError(f"{name}.task_id: too large to be an O*NET task ID")
    text_value = _text(text, f"{name}.text") if text is not None else None
    share: float | None = None
    if item.get("share") is not None:
        share = _number(item["share"], f"{name}.share")
        if share < 0:
            raise ProfileError(f"{name}.share: must not be negative")
    return ProfileTask(task_id, text_value, share)


def _skills(value: Any) -> tuple[tuple[ProfileSkill, ...], list[str]]:
    if not isinstance(value, list):
        raise ProfileError(f"skills: expected a list, got {_kind(value)}")
    if len(value) > MAX_SKILLS:
        raise ProfileError(f"skills: at most {MAX_SKILLS} skills")
    out: list[ProfileSkill] = []
    seen: set[tuple[str, str]] = set()
    notes: list[str] = []
    for i, entry in enumerate(value):
        name = f"skills[{i}]"
        item = entry
        if isinstance(entry, str):
            item = {"kind": "esco" if entry.startswith("http") else "text", "value": entry}
        if not isinstance(item, Mapping):
            raise ProfileError(f"{name}: expected an object, got {_kind(item)}")
        extra = sorted(set(item) - {"kind", "value", "level", "label"})
        if extra:
            raise ProfileError(f"{name}.{extra[0]}: unknown field")
        kind = item.get("kind")
        if kind not in SKILL_KINDS:
            raise ProfileError(f"{name}.kind: expected one of {', '.join(SKILL_KINDS)}")
        val = _text(item.get("value"), f"{name}.value")
        if kind == "esco" and not val.startswith("http://data.europa.eu/esco/skill/"):
            raise ProfileError(
                f"{name}.value: an ESCO skill URI starts with http://data.europa.eu/esco/skill/"
            )
        level: float | None = None
        if item.get("level") is not None:
            level = _number(item["level"], f"{name}.level")
            if not 0 <= level <= 7:
                raise ProfileError(f"{name}.level: O*NET levels run from 0 to 7")
        key = (str(kind), val.lower())
        if key in seen:
            notes.append(f"dropped_duplicate_skill:{name}")
            continue
        seen.add(key)
        out.append(ProfileSkill(str(kind), val, level))
    return tuple(out), notes


def _preferences(value: Any) -> Preferences:
    if not isinstance(value, Mapping):
        raise ProfileError(f"preferences: expected an object, got {_kind(value)}")
    extra = sorted(set(value) - {"max_zone_step", "min_wage_ratio", "safer_only"})
    if extra:
        raise ProfileError(f"preferences.{extra[0]}: unknown field")
    defaults = Preferences()
    step = value.get("max_zone_step", defaults.max_zone_step)
    if isinstance(step, bool) or not isinstance(step, int | float):
        raise ProfileError("preferences.max_zone_step: expected a whole number")
    # Compared before any conversion: float() of a 400-digit whole number overflows.
    if isinstance(step, float) and not math.isfinite(step):
        raise ProfileError("preferences.max_zone_step: expected a whole number")
    if not -MAX_ZONE_STEP <= step <= MAX_ZONE_STEP:
        raise ProfileError(
            f"preferences.max_zone_step: must lie between {-MAX_ZONE_STEP} and {MAX_ZONE_STEP}"
        )
    if not float(step).is_integer():
        raise ProfileError("preferences.max_zone_step: expected a whole number")
    ratio = _number(
        value.get("min_wage_ratio", defaults.min_wage_ratio), "preferences.min_wage_ratio"
    )
    if not 0 <= ratio <= MAX_WAGE_RATIO:
        raise ProfileError(f"preferences.min_wage_ratio: must lie between 0 and {MAX_WAGE_RATIO:g}")
    safer = value.get("safer_only", defaults.safer_only)
    if not isinstance(safer, bool):
        raise ProfileError("preferences.safer_only: expected true or false")
    return Preferences(int(step), ratio, safer)


def validate_task_ids(profile: Profile, known: Sequence[int] | set[int]) -> None:
    """Unknown O*NET task IDs are an error naming the entry (the catalog knows the IDs)."""
    known_set = set(known)
    for i, task in enumerate(profile.tasks):
        if task.task_id is not None and task.task_id not in known_set:
            raise ProfileError(f"tasks[{i}].task_id: unknown O*NET task ID {task.task_id}")
