"""Occupations, titles, tasks, skills, references and sources: typed reads over app.core.db."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from app.core.db import Database
from app.core.errors import UnknownCodeError

_CODE = re.compile(r"^(\d{2})-?(\d{4})(?:\.(\d{2}))?$")

SkillKind = Literal["skill", "knowledge"]
Relation = Literal["essential", "optional"]


def normalise_code(raw: str) -> str:
    """`29-1141`, `291141`, ` 29-1141.00 ` → `29-1141.00`; anything else is returned trimmed."""
    value = raw.strip()
    match = _CODE.match(value)
    if not match:
        return value
    return f"{match[1]}-{match[2]}.{match[3] or '00'}"


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    title: str
    description: str | None
    job_zone: int | None
    education: str | None
    experience: str | None
    soc2018: str
    isco08: tuple[str, ...]
    wage_median: int | None
    wage_p10: int | None
    wage_p90: int | None
    employment: int | None
    # 'detailed' (own SOC code), 'aggregate' (a BLS code covering several SOC codes), 'broad'.
    wage_basis: str | None
    # True when a wage is OEWS's top code ($239,200 a year): the real value is at least that.
    wage_topcoded: bool
    growth_pct: float | None
    openings: float | None  # annual average 2024–34, thousands
    bright_outlook: bool | None
    outlook_basis: str | None


@dataclass(frozen=True, slots=True)
class Title:
    code: str
    title: str
    source: str  # occupation | alternate | short | reported


@dataclass(frozen=True, slots=True)
class Task:
    task_id: int
    code: str
    task: str
    task_type: str | None  # Core | Supplemental | None


@dataclass(frozen=True, slots=True)
class OnetRating:
    element_id: str
    name: str
    kind: str
    importance: float | None  # 1–5
    level: float | None  # 0–7


@dataclass(frozen=True, slots=True)
class TechnologySkill:
    example: str
    commodity_code: int | None
    commodity_title: str | None
    hot: bool
    in_demand: bool


@dataclass(frozen=True, slots=True)
class Skill:
    """An ESCO skill or knowledge concept."""

    uri: str
    label: str
    alt_labels: tuple[str, ...]
    description: str | None
    skill_type: str | None
    reuse_level: str | None


@dataclass(frozen=True, slots=True)
class LinkedSkill:
    """An ESCO skill of an O*NET occupation, aggregated over its linked ESCO occupations."""

    skill: Skill
    relation: str
    occupations: int  # how many of the linked ESCO occupations list it with this relation
    share: float  # occupations / number of linked ESCO occupations


@dataclass(frozen=True, slots=True)
class EscoOccupation:
    uri: str
    label: str
    isco_group: str | None
    method: str  # how the link was found: nesta | isco | title | text (resources/SCHEMA.md)
    score: float | None  # the link rule's score; higher is a closer match
    rank: int  # 1 = the ESCO occupation that best matches the O*NET occupation


@dataclass(frozen=True, slots=True)
class TaskExposure:
    task_id: int
    code: str
    human_label: str | None  # E0 | E1 | E2
    gpt4_label: str | None
    gpt4_automation: str | None  # T0–T4
    human_automation: str | None


@dataclass(frozen=True, slots=True)
class AnthropicUsage:
    task_id: int
    usage_pct: float  # percent of all sampled Claude conversations with this task text
    matched_text: str
    shared_by: int  # O*NET tasks (of any occupation) with the same normalised text


@dataclass(frozen=True, slots=True)
class ExposureReference:
    """Published exposure measures for one occupation; None where a source has no figure."""

    code: str
    human_alpha: float | None
    human_beta: float | None
    human_gamma: float | None
    gpt4_alpha: float | None
    gpt4_beta: float | None
    gpt4_gamma: float | None
    ms_applicability: float | None
    anthropic_usage_pct: float | None  # sum over the occupation's matched tasks
    anthropic_tasks_matched: int
    tasks_total: int
    tasks_with_labels: int


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    publisher: str
    dataset: str
    version: str
    licence: str
    url: str
    attribution: str
    rows: dict[str, int]


_OCCUPATION_SQL = (
    "SELECT code, title, description, job_zone, education, experience, soc2018, wage_median, "
    "wage_p10, wage_p90, employment, wage_basis, wage_topcoded, growth_pct, openings, "
    "bright_outlook, outlook_basis FROM occupations"
)
_SKILL_SQL = "SELECT uri, label, alt_labels, description, skill_type, reuse_level FROM esco_skills"


def _skill(row: Sequence[Any]) -> Skill:
    uri, label, alt, description, skill_type, reuse = row
    return Skill(uri, label, tuple(alt.split("\n")) if alt else (), description, skill_type, reuse)


class Catalog:
    """The embedded database, opened read-only; safe to share between threads."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self.path = database.path
        self._occupations: list[Occupation] | None = None
        self._isco: dict[str, tuple[str, ...]] | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, verify: bool | None = None) -> Catalog:
        """Open the database at `path` (default: the bundled one) or raise ResourceError.

        `verify` (default: only for the app's own database, i.e. `path` None) checks the rows
        against the content hash recorded at build time and refuses a modified file.
        """
        return cls(Database.open(path, verify=verify))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db.rows(sql, params)

    # -- metadata ------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return self._db.meta()

    def coverage(self) -> dict[str, Any]:
        raw = self.meta().get("coverage")
        out: dict[str, Any] = json.loads(raw) if raw else {}
        return out

    def verify(self) -> bool:
        """True when the rows still match the content hash written at build time."""
        return self._db.verify()

    def sources(self) -> list[Source]:
        return [
            Source(row[0], row[1], row[2], row[3], row[4], row[5], row[6], json.loads(row[7]))
            for row in self._rows(
                "SELECT id, publisher, dataset, version, licence, url, attribution, rows "
                "FROM sources ORDER BY id"
            )
        ]

    # -- occupations ---------------------------------------------------------------------

    def _isco_map(self) -> dict[str, tuple[str, ...]]:
        if self._isco is None:
            found: dict[str, list[str]] = {}
            for code, group in self._rows(
                "SELECT code, isco08 FROM occupation_isco ORDER BY code, isco08"
            ):
                found.setdefault(code, []).append(group)
            self._isco = {code: tuple(groups) for code, groups in found.items()}
        return self._isco

    def _occupation(self, row: Sequence[Any]) -> Occupation:
        (code, title, description, zone, education, experience, soc, median, p10, p90,
         employment, wage_basis, topcoded, growth, openings, bright, outlook_basis) = row  # fmt: skip
        return Occupation(
            code=code,
            title=title,
            description=description,
            job_zone=zone,
            education=education,
            experience=experience,
            soc2018=soc,
            isco08=self._isco_map().get(code, ()),
            wage_median=median,
            wage_p10=p10,
            wage_p90=p90,
            employment=employment,
            wage_basis=wage_basis,
            wage_topcoded=bool(topcoded),
            growth_pct=growth,
            openings=openings,
            bright_outlook=None if bright is None else bool(bright),
            outlook_basis=outlook_basis,
        )

    def occupation(self, code: str) -> Occupation:
        """One occupation by O*NET-SOC code (`29-1141` means `29-1141.00`)."""
        wanted = normalise_code(code)
        rows = self._rows(f"{_OCCUPATION_SQL} WHERE code = ?", (wanted,))
        if not rows:
            raise UnknownCodeError(code.strip())
        return self._occupation(rows[0])

    def has_occupation(self, code: str) -> bool:
        wanted = normalise_code(code)
        return bool(self._rows("SELECT 1 FROM occupations WHERE code = ?", (wanted,)))

    def occupations(self) -> list[Occupation]:
        """All occupations in code order (cached: the data never changes)."""
        if self._occupations is None:
            rows = self._rows(f"{_OCCUPATION_SQL} ORDER BY code")
            self._occupations = [self._occupation(row) for row in rows]
        return list(self._occupations)

    def search_codes(self, prefix: str) -> list[str]:
        """Codes that start with `prefix` (`29-11` → all registered-nurse-like codes …)."""
        start = prefix.strip()
        if not start:
            return []
        escaped = start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._rows(
            "SELECT code FROM occupations WHERE code LIKE ? ESCAPE '\\' ORDER BY code",
            (escaped + "%",),
        )
        return [row[0] for row in rows]

    def _require(self, code: str) -> str:
        wanted = normalise_code(code)
        if not self._rows("SELECT 1 FROM occupations WHERE code = ?", (wanted,)):
            raise UnknownCodeError(code.strip())
        return wanted

    # -- titles and tasks ----------------------------------------------------------------

    def titles(self) -> list[Title]:
        """Every title (occupation, alternate, short, reported) in id order."""
        return [
            Title(*row) for row in self._rows("SELECT code, title, source FROM titles ORDER BY id")
        ]

    def titles_for(self, code: str) -> list[Title]:
        wanted = self._require(code)
        return [
            Title(*row)
            for row in self._rows(
                "SELECT code, title, source FROM titles WHERE code = ? ORDER BY id", (wanted,)
            )
        ]

    def tasks(self, code: str) -> list[Task]:
        """Tasks of an occupation: core first, then supplemental, then unrated; by id."""
        wanted = self._require(code)
        rows = self._rows(
            "SELECT task_id, code, task, task_type FROM tasks WHERE code = ? "
            "ORDER BY CASE task_type WHEN 'Core' THEN 0 WHEN 'Supplemental' THEN 1 ELSE 2 END, "
            "task_id",
            (wanted,),
        )
        return [Task(*row) for row in rows]

    def task(self, task_id: int) -> Task | None:
        rows = self._rows(
            "SELECT task_id, code, task, task_type FROM tasks WHERE task_id = ?", (task_id,)
        )
        return Task(*rows[0]) if rows else None

    # -- O*NET skills, knowledge, technology --------------------------------------------

    def onet_skills(
        self, code: str, kind: SkillKind = "skill", top: int | None = None
    ) -> list[OnetRating]:
        """Skills or knowledge areas of an occupation, most important first."""
        if kind not in ("skill", "knowledge"):
            raise ValueError(f"kind must be 'skill' or 'knowledge', not {kind!r}")
        wanted = self._require(code)
        sql = (
            "SELECT r.element_id, e.name, e.kind, r.importance, r.level FROM onet_ratings AS r "
            "JOIN onet_elements AS e USING (element_id) WHERE r.code = ? AND e.kind = ? "
            "ORDER BY r.importance IS NULL, r.importance DESC, r.level DESC, e.name"
        )
        params: list[Any] = [wanted, kind]
        if top is not None:
            sql += " LIMIT ?"
            params.append(max(0, top))
        return [OnetRating(*row) for row in self._rows(sql, params)]

    def technology(self, code: str) -> list[TechnologySkill]:
        """Technology examples: hot technologies first, then in-demand, then by name."""
        wanted = self._require(code)
        rows = self._rows(
            "SELECT example, commodity_code, commodity_title, hot, in_demand "
            "FROM technology_skills WHERE code = ? ORDER BY hot DESC, in_demand DESC, example",
            (wanted,),
        )
        return [TechnologySkill(e, cc, ct, bool(h), bool(d)) for e, cc, ct, h, d in rows]

    # -- ESCO ------------------------------------------------------------------------------

    def esco_occupations(self, code: str) -> list[EscoOccupation]:
        """ESCO occupations linked to an O*NET occupation, best match first."""
        wanted = self._require(code)
        rows = self._rows(
            "SELECT e.uri, e.label, e.isco_group, x.method, x.score, x.rank FROM onet_esco AS x "
            "JOIN esco_occupations AS e ON e.uri = x.esco_uri WHERE x.code = ? ORDER BY x.rank",
            (wanted,),
        )
        return [EscoOccupation(*row) for row in rows]

    def esco_skills_for(self, code: str, relation: Relation = "essential") -> list[LinkedSkill]:
        """ESCO skills of the linked ESCO occupations, most widely shared first.

        'essential': essential for at least one linked ESCO occupation. 'optional': optional
        for at least one and essential for none, so the two lists never overlap.
        """
        if relation not in ("essential", "optional"):
            raise ValueError(f"relation must be 'essential' or 'optional', not {relation!r}")
        wanted = self._require(code)
        rows = self._rows(
            "SELECT s.uri, s.label, s.alt_labels, s.description, s.skill_type, s.reuse_level, "
            "SUM(l.essential) AS ess, SUM(1 - l.essential) AS opt, "
            "(SELECT COUNT(*) FROM onet_esco WHERE code = ?) AS linked "
            "FROM onet_esco AS x JOIN esco_occupations AS o ON o.uri = x.esco_uri "
            "JOIN esco_occupation_skill_ids AS l ON l.occupation_id = o.id "
            "JOIN esco_skills AS s ON s.id = l.skill_id WHERE x.code = ? GROUP BY s.id",
            (wanted, wanted),
        )
        out: list[LinkedSkill] = []
        for row in rows:
            essential, optional, linked = row[6], row[7], row[8]
            if relation == "essential" and essential:
                count = essential
            elif relation == "optional" and optional and not essential:
                count = optional
            else:
                continue
            out.append(LinkedSkill(_skill(row[:6]), relation, count, count / linked))
        out.sort(key=lambda s: (-s.occupations, s.skill.label, s.skill.uri))
        return out

    def esco_skill(self, uri: str) -> Skill | None:
        rows = self._rows(f"{_SKILL_SQL} WHERE uri = ?", (uri,))
        return _skill(rows[0]) if rows else None

    def all_esco_skills(self) -> list[Skill]:
        return [_skill(row) for row in self._rows(f"{_SKILL_SQL} ORDER BY uri")]

    # -- exposure references -------------------------------------------------------------

    def exposure_reference(self, code: str) -> ExposureReference:
        wanted = self._require(code)
        rows = self._rows(
            "SELECT human_alpha, human_beta, human_gamma, gpt4_alpha, gpt4_beta, gpt4_gamma, "
            "ms_applicability FROM exposure_occupations WHERE code = ?",
            (wanted,),
        )
        h_alpha, h_beta, h_gamma, g_alpha, g_beta, g_gamma, ms = rows[0] if rows else (None,) * 7
        counts = self._rows(
            "SELECT COUNT(*), COUNT(a.task_id), SUM(a.usage_pct), COUNT(e.task_id) "
            "FROM tasks AS t LEFT JOIN anthropic_tasks AS a USING (task_id) "
            "LEFT JOIN exposure_tasks AS e USING (task_id) WHERE t.code = ?",
            (wanted,),
        )[0]
        total, matched, usage, labelled = counts
        return ExposureReference(
            code=wanted,
            human_alpha=h_alpha,
            human_beta=h_beta,
            human_gamma=h_gamma,
            gpt4_alpha=g_alpha,
            gpt4_beta=g_beta,
            gpt4_gamma=g_gamma,
            ms_applicability=ms,
            anthropic_usage_pct=usage if matched else None,
            anthropic_tasks_matched=matched,
            tasks_total=total,
            tasks_with_labels=labelled,
        )

    def task_exposure(self, task_ids: Iterable[int]) -> dict[int, TaskExposure]:
        """Eloundou et al. labels for the given tasks (tasks without labels are left out)."""
        rows = self._rows_for_ids(
            "SELECT task_id, code, human_label, gpt4_label, gpt4_automation, "
            "human_automation FROM exposure_tasks WHERE task_id IN ({marks})",
            task_ids,
        )
        return {row[0]: TaskExposure(*row) for row in rows}

    def anthropic_usage(self, task_ids: Iterable[int]) -> dict[int, AnthropicUsage]:
        """Anthropic Economic Index usage for the given tasks (unmatched tasks left out)."""
        rows = self._rows_for_ids(
            "SELECT task_id, usage_pct, matched_text, shared_by FROM anthropic_tasks "
            "WHERE task_id IN ({marks})",
            task_ids,
        )
        return {row[0]: AnthropicUsage(*row) for row in rows}

    def _rows_for_ids(self, sql: str, task_ids: Iterable[int]) -> list[tuple[Any, ...]]:
        """Rows of `sql` (with an `IN ({marks})` placeholder) for many IDs, in bounded chunks."""
        ids = sorted({int(t) for t in task_ids})
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(ids):
            rows.extend(self._rows(sql.format(marks=", ".join("?" * len(chunk))), chunk))
        return rows

    def anthropic_split(self) -> dict[str, float]:
        """Share of conversations per interaction type (fractions; as published they sum to 0.84)."""
        return dict(self._rows("SELECT interaction_type, share FROM anthropic_split ORDER BY 1"))


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    # SQLite limits the number of bound parameters; 500 stays far below every build's limit.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
