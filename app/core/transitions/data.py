"""Everything the transitions need about the occupations, loaded once from the database."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.core.db import Database
from app.core.errors import UnknownCodeError
from app.core.transitions.config import task_weight


def _float(value: object) -> float:
    return float(value) if value is not None else float("nan")  # type: ignore[arg-type]


@dataclass
class OccupationData:
    """Everything the graph needs about the 1,016 occupations, loaded once from the database."""

    codes: list[str]
    pos: dict[str, int]
    titles: list[str]
    descriptions: list[str]
    job_zone: np.ndarray  # float, NaN when unknown
    wage: np.ndarray
    growth: np.ndarray
    openings: np.ndarray
    bright: np.ndarray
    # ESCO skills (rows in URI order, as Database.skills returns them)
    skill_uris: list[str]
    skill_labels: list[str]
    skill_pos: dict[str, int]
    occ_skills: list[np.ndarray]  # skill rows per occupation
    occ_essential: list[np.ndarray]  # share of linked ESCO occupations listing it essential
    occ_optional: list[np.ndarray]  # ... listing it optional
    occ_esco_links: list[int]  # number of linked ESCO occupations
    # O*NET skills and knowledge
    elements: list[str]
    element_names: list[str]
    importance: np.ndarray  # [n, E], NaN where unrated
    level: np.ndarray
    # work activities and technology, as dense weight matrices
    dwa: np.ndarray  # [n, D] task-count weights
    iwa: np.ndarray  # [n, I]
    dwa_iwa: np.ndarray  # [D] the IWA column of each DWA column (-1: none)
    tech: np.ndarray  # [n, T] 1 = uses, hot/in-demand weigh more
    tech_titles: list[str]
    tech_examples: dict[str, int]  # lower-cased example / commodity title → column
    # tasks
    task_ids: np.ndarray  # all task IDs in task_id order
    task_codes: list[str]
    task_types: dict[int, str | None]
    task_text: dict[int, str]
    occ_task_rows: list[np.ndarray]  # rows into task_ids per occupation
    task_dwa_rows: dict[int, list[int]]
    # ESCO prerequisites: skill row → rows it builds on (relations and broader skills)
    prerequisites: dict[int, set[int]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.codes)

    def index(self, code: str) -> int:
        try:
            return self.pos[code.strip()]
        except KeyError:
            raise UnknownCodeError(code) from None

    @classmethod
    def load(cls, db: Database) -> OccupationData:
        """Read everything at once (a damaged database is a ResourceError, from `db.rows`)."""
        return _load(db)


def _load(db: Database) -> OccupationData:
    rows = db.rows(
        "SELECT code, title, coalesce(description, ''), job_zone, wage_median, growth_pct, "
        "openings, bright_outlook FROM occupations ORDER BY code"
    )
    codes = [str(r[0]) for r in rows]
    pos = {c: i for i, c in enumerate(codes)}
    col = [np.array([_float(r[k]) for r in rows]) for k in range(3, 8)]
    skills = db.skills()
    skill_uris = [str(u) for u, _ in skills]
    skill_pos = {u: i for i, u in enumerate(skill_uris)}
    return OccupationData(
        codes=codes,
        pos=pos,
        titles=[str(r[1]) for r in rows],
        descriptions=[str(r[2]) for r in rows],
        job_zone=col[0],
        wage=col[1],
        growth=col[2],
        openings=col[3],
        bright=col[4],
        skill_uris=skill_uris,
        skill_labels=[str(lab) for _, lab in skills],
        skill_pos=skill_pos,
        **_esco_skills(db, codes, skill_pos),
        **_onet_ratings(db, pos),
        **_tasks_and_activities(db, pos),
        **_technology(db, pos),
        prerequisites=_prerequisites(db, skill_pos),
    )


def _esco_skills(db: Database, codes: list[str], skill_pos: dict[str, int]) -> dict[str, Any]:
    """Each occupation's ESCO skills with the shares of its linked ESCO occupations that list
    them essential or optional."""
    # Links O*NET → ESCO occupations; a database built before the crosswalk falls back to a join
    # on ISCO-08 unit groups. Skill counts are aggregated in SQL (123,788 links).
    has_links = bool(db.rows("SELECT 1 FROM onet_esco LIMIT 1"))
    link_sql = (
        "SELECT x.code AS code, o.id AS oid FROM onet_esco AS x "
        "JOIN esco_occupations AS o ON o.uri = x.esco_uri"
        if has_links
        else "SELECT i.code AS code, o.id AS oid FROM occupation_isco AS i "
        "JOIN esco_occupations AS o ON o.isco_group = i.isco08"
    )
    link_count = {
        str(code): int(count)
        for code, count in db.rows(
            f"SELECT code, COUNT(DISTINCT oid) FROM ({link_sql}) GROUP BY code"
        )
    }
    skill_of_id = {int(i): skill_pos[str(u)] for i, u in db.rows("SELECT id, uri FROM esco_skills")}
    per_code: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for code, skill_id, ess, opt in db.rows(
        f"SELECT k.code, l.skill_id, SUM(l.essential), SUM(1 - l.essential) "
        f"FROM (SELECT DISTINCT code, oid FROM ({link_sql})) AS k "
        "JOIN esco_occupation_skill_ids AS l ON l.occupation_id = k.oid "
        "GROUP BY k.code, l.skill_id"
    ):
        row = skill_of_id.get(int(skill_id))
        if row is not None:
            per_code[str(code)].append((row, int(ess), int(opt)))
    occ_skills: list[np.ndarray] = []
    occ_ess: list[np.ndarray] = []
    occ_opt: list[np.ndarray] = []
    occ_links: list[int] = []
    for code in codes:
        entries = sorted(per_code.get(code, []))
        count = max(link_count.get(code, 0), 1)
        arr = np.array(entries, dtype=np.int64).reshape(-1, 3)
        occ_skills.append(arr[:, 0].copy())
        occ_ess.append((arr[:, 1] / count).astype(np.float32))
        occ_opt.append((arr[:, 2] / count).astype(np.float32))
        occ_links.append(link_count.get(code, 0))
    return {
        "occ_skills": occ_skills,
        "occ_essential": occ_ess,
        "occ_optional": occ_opt,
        "occ_esco_links": occ_links,
    }


def _onet_ratings(db: Database, pos: dict[str, int]) -> dict[str, Any]:
    """O*NET skill and knowledge importance and level per occupation."""
    elements_rows = db.rows("SELECT element_id, name FROM onet_elements ORDER BY element_id")
    elements = [str(e) for e, _ in elements_rows]
    epos = {e: j for j, e in enumerate(elements)}
    importance = np.full((len(pos), len(elements)), np.nan)
    level = np.full((len(pos), len(elements)), np.nan)
    for code, element, im, lv in db.rows(
        "SELECT code, element_id, importance, level FROM onet_ratings"
    ):
        oi, oj = pos.get(code), epos.get(element)
        if oi is None or oj is None:
            continue
        importance[oi, oj] = _float(im)
        level[oi, oj] = _float(lv)
    return {
        "elements": elements,
        "element_names": [str(name) for _, name in elements_rows],
        "importance": importance,
        "level": level,
    }


def _tasks_and_activities(db: Database, pos: dict[str, int]) -> dict[str, Any]:
    """Tasks, and the work activities (DWA, IWA) each occupation performs, weighted by task."""
    n = len(pos)
    task_rows = db.rows("SELECT task_id, code, task, task_type FROM tasks ORDER BY task_id")
    task_ids = np.array([int(r[0]) for r in task_rows], dtype=np.int64)
    task_codes = [str(r[1]) for r in task_rows]
    per_occ: dict[int, list[int]] = defaultdict(list)
    for k, code in enumerate(task_codes):
        if code in pos:
            per_occ[pos[code]].append(k)
    dwa_ids = [str(r[0]) for r in db.rows("SELECT dwa_id FROM dwas ORDER BY dwa_id")]
    dpos = {d: j for j, d in enumerate(dwa_ids)}
    iwa_ids = [str(r[0]) for r in db.rows("SELECT iwa_id FROM iwas ORDER BY iwa_id")]
    ipos = {d: j for j, d in enumerate(iwa_ids)}
    dwa_iwa = {str(d): ipos.get(str(i), -1) for d, i in db.rows("SELECT dwa_id, iwa_id FROM dwas")}
    # Each occupation's IWA weights are its DWA weights summed per IWA; a person's too.
    dwa_iwa_columns = np.full(len(dwa_ids), -1, dtype=np.int64)
    for dwa_id, column in dpos.items():
        dwa_iwa_columns[column] = dwa_iwa.get(dwa_id, -1)
    task_types = {int(r[0]): (str(r[3]) if r[3] is not None else None) for r in task_rows}
    task_dwa_rows: dict[int, list[int]] = defaultdict(list)
    dwa = np.zeros((n, len(dwa_ids)), dtype=np.float32)
    iwa = np.zeros((n, len(iwa_ids)), dtype=np.float32)
    task_code = {int(r[0]): str(r[1]) for r in task_rows}
    for task_id, dwa_id in db.rows(
        "SELECT task_id, dwa_id FROM task_dwas ORDER BY task_id, dwa_id"
    ):
        j = dpos.get(str(dwa_id))
        owner = task_code.get(int(task_id))
        if j is None or owner not in pos:
            continue
        task_dwa_rows[int(task_id)].append(j)
        weight = task_weight(task_types.get(int(task_id)))
        dwa[pos[owner], j] += weight
        if dwa_iwa.get(str(dwa_id), -1) >= 0:
            iwa[pos[owner], dwa_iwa[str(dwa_id)]] += weight
    return {
        "dwa": dwa,
        "iwa": iwa,
        "dwa_iwa": dwa_iwa_columns,
        "task_ids": task_ids,
        "task_codes": task_codes,
        "task_types": task_types,
        "task_text": {int(r[0]): str(r[2]) for r in task_rows},
        "occ_task_rows": [np.array(per_occ.get(i, []), dtype=np.int64) for i in range(n)],
        "task_dwa_rows": dict(task_dwa_rows),
    }


def _technology(db: Database, pos: dict[str, int]) -> dict[str, Any]:
    """The technology (commodity classes) each occupation uses; hot and in-demand weigh more."""
    commodities = [
        (int(c), str(t))
        for c, t in db.rows(
            "SELECT DISTINCT commodity_code, commodity_title FROM technology_skills "
            "WHERE commodity_code IS NOT NULL ORDER BY commodity_code"
        )
    ]
    cpos = {c: j for j, (c, _) in enumerate(commodities)}
    tech = np.zeros((len(pos), len(commodities)), dtype=np.float32)
    tech_examples: dict[str, int] = {t.lower(): cpos[c] for c, t in commodities}
    for code, example, commodity, hot, demand in db.rows(
        "SELECT code, example, commodity_code, hot, in_demand FROM technology_skills"
    ):
        if code not in pos or commodity is None or int(commodity) not in cpos:
            continue
        j = cpos[int(commodity)]
        tech[pos[code], j] = max(tech[pos[code], j], 1.0 + 0.5 * (int(hot) + int(demand)))
        tech_examples.setdefault(str(example).lower(), j)
    return {
        "tech": tech,
        "tech_titles": [t for _, t in commodities],
        "tech_examples": tech_examples,
    }


def _prerequisites(db: Database, skill_pos: dict[str, int]) -> dict[int, set[int]]:
    """ESCO skill row → the rows it builds on (essential relations and broader skills)."""
    prerequisites: dict[int, set[int]] = defaultdict(set)
    for skill, related, kind in db.rows(
        "SELECT skill_uri, related_uri, relation_type FROM esco_skill_relations"
    ):
        a, b = skill_pos.get(str(skill)), skill_pos.get(str(related))
        if a is not None and b is not None and a != b and kind == "essential":
            prerequisites[a].add(b)
    for child, parent in db.rows("SELECT child_uri, parent_uri FROM esco_skill_hierarchy"):
        a, b = skill_pos.get(str(child)), skill_pos.get(str(parent))
        if a is not None and b is not None and a != b:
            # A broader skill is the foundation its narrower skills build on.
            prerequisites[a].add(b)
    return dict(prerequisites)
