"""Skills graph: occupation data, transition scores, moves with skill gaps, learning order, paths."""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app import paths
from app.core import integrity
from app.core.errors import ResourceError, SkillShiftError, UnknownCodeError

TRANSITIONS_FILE = "transitions.npz"
FORMAT = 1
MAX_PATH_STEPS = 3
DIRECT_RANK = 100  # a target within a source's best 100 moves counts as a direct move

# Components of a transition score A → B, in the order stored in the resource.
COMPONENTS: tuple[str, ...] = (
    "task_similarity",  # cosine of mean task embeddings (symmetric)
    "task_coverage",  # B's tasks (weighted) by their best semantic match among A's tasks
    "title_similarity",  # cosine of title + description embeddings (symmetric)
    "esco_coverage",  # share of B's ESCO needs (essential > optional) covered by A's skills
    "onet_coverage",  # B's importance-weighted O*NET skill/knowledge levels reached by A
    "onet_similarity",  # cosine of O*NET importance profiles (symmetric)
    "activity_coverage",  # share of B's work activities (DWA and IWA) A performs
    "technology_coverage",  # share of B's technology (commodity classes) A uses
)


@dataclass(frozen=True)
class Weights:
    """How components combine; chosen by grid search on training occupations (docs/engine.md)."""

    task_similarity: float = 0.0
    task_coverage: float = 0.0
    title_similarity: float = 0.40
    esco_coverage: float = 0.20
    onet_coverage: float = 0.0
    onet_similarity: float = 0.20
    activity_coverage: float = 0.20
    technology_coverage: float = 0.0
    optional_weight: float = 1.0  # an optional ESCO skill counts this much of an essential one
    match_threshold: float = 0.80  # skill-label cosine at which a skill counts as held
    partial_threshold: float = 0.70  # between the two: a partial match (half credit)

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in COMPONENTS], dtype=np.float64)

    def to_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Weights:
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})


# --------------------------------------------------------------------------- database


def connect(db_path: Path | None = None) -> sqlite3.Connection:
    path = db_path if db_path is not None else paths.database_path()
    if not path.is_file():
        raise ResourceError(
            f"database {path} is missing; reinstall SkillShift (in a source checkout: `make resources`)"
        )
    try:
        return sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise ResourceError(f"database {path} cannot be opened ({exc})") from None


def db_content_hash(connection: sqlite3.Connection) -> str:
    row = connection.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()
    return str(row[0]) if row else ""


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
    # ESCO skills (rows in URI order, as matching.load_skills returns them)
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
    def load(cls, connection: sqlite3.Connection) -> OccupationData:
        try:
            return _load(connection)
        except sqlite3.Error as exc:
            raise ResourceError(
                f"database is damaged or outdated ({exc}); reinstall SkillShift"
            ) from None


def _load(con: sqlite3.Connection) -> OccupationData:
    rows = con.execute(
        "SELECT code, title, coalesce(description, ''), job_zone, wage_median, growth_pct, "
        "openings, bright_outlook FROM occupations ORDER BY code"
    ).fetchall()
    codes = [str(r[0]) for r in rows]
    pos = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    col = [np.array([_float(r[k]) for r in rows]) for k in range(3, 8)]

    skills = con.execute("SELECT uri, label FROM esco_skills ORDER BY uri").fetchall()
    skill_uris = [str(u) for u, _ in skills]
    skill_pos = {u: i for i, u in enumerate(skill_uris)}

    # Links O*NET → ESCO occupations; a database built before the crosswalk falls back to a join
    # on ISCO-08 unit groups. Skill counts are aggregated in SQL (123,788 links).
    has_links = con.execute("SELECT 1 FROM onet_esco LIMIT 1").fetchone() is not None
    link_sql = (
        "SELECT x.code AS code, o.id AS oid FROM onet_esco AS x "
        "JOIN esco_occupations AS o ON o.uri = x.esco_uri"
        if has_links
        else "SELECT i.code AS code, o.id AS oid FROM occupation_isco AS i "
        "JOIN esco_occupations AS o ON o.isco_group = i.isco08"
    )
    link_count = {
        str(code): int(count)
        for code, count in con.execute(
            f"SELECT code, COUNT(DISTINCT oid) FROM ({link_sql}) GROUP BY code"
        )
    }
    skill_of_id = {
        int(i): skill_pos[str(u)] for i, u in con.execute("SELECT id, uri FROM esco_skills")
    }
    per_code: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for code, skill_id, ess, opt in con.execute(
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

    elements_rows = con.execute(
        "SELECT element_id, name FROM onet_elements ORDER BY element_id"
    ).fetchall()
    elements = [str(e) for e, _ in elements_rows]
    epos = {e: j for j, e in enumerate(elements)}
    importance = np.full((n, len(elements)), np.nan)
    level = np.full((n, len(elements)), np.nan)
    for code, element, im, lv in con.execute(
        "SELECT code, element_id, importance, level FROM onet_ratings"
    ):
        oi, oj = pos.get(code), epos.get(element)
        if oi is None or oj is None:
            continue
        importance[oi, oj] = _float(im)
        level[oi, oj] = _float(lv)

    task_rows = con.execute(
        "SELECT task_id, code, task, task_type FROM tasks ORDER BY task_id"
    ).fetchall()
    task_ids = np.array([int(r[0]) for r in task_rows], dtype=np.int64)
    task_codes = [str(r[1]) for r in task_rows]
    per_occ: dict[int, list[int]] = defaultdict(list)
    for k, code in enumerate(task_codes):
        if code in pos:
            per_occ[pos[code]].append(k)
    dwa_ids = [str(r[0]) for r in con.execute("SELECT dwa_id FROM dwas ORDER BY dwa_id")]
    dpos = {d: j for j, d in enumerate(dwa_ids)}
    iwa_ids = [str(r[0]) for r in con.execute("SELECT iwa_id FROM iwas ORDER BY iwa_id")]
    ipos = {d: j for j, d in enumerate(iwa_ids)}
    dwa_iwa = {
        str(d): ipos.get(str(i), -1) for d, i in con.execute("SELECT dwa_id, iwa_id FROM dwas")
    }
    task_types = {int(r[0]): (str(r[3]) if r[3] is not None else None) for r in task_rows}
    task_dwa_rows: dict[int, list[int]] = defaultdict(list)
    dwa = np.zeros((n, len(dwa_ids)), dtype=np.float32)
    iwa = np.zeros((n, len(iwa_ids)), dtype=np.float32)
    task_code = {int(r[0]): str(r[1]) for r in task_rows}
    for task_id, dwa_id in con.execute(
        "SELECT task_id, dwa_id FROM task_dwas ORDER BY task_id, dwa_id"
    ):
        j = dpos.get(str(dwa_id))
        code = task_code.get(int(task_id))
        if j is None or code not in pos:
            continue
        task_dwa_rows[int(task_id)].append(j)
        weight = 1.0 if task_types.get(int(task_id)) == "Supplemental" else 2.0
        dwa[pos[code], j] += weight
        if dwa_iwa.get(str(dwa_id), -1) >= 0:
            iwa[pos[code], dwa_iwa[str(dwa_id)]] += weight

    commodities = [
        (int(c), str(t))
        for c, t in con.execute(
            "SELECT DISTINCT commodity_code, commodity_title FROM technology_skills "
            "WHERE commodity_code IS NOT NULL ORDER BY commodity_code"
        )
    ]
    cpos = {c: j for j, (c, _) in enumerate(commodities)}
    tech = np.zeros((n, len(commodities)), dtype=np.float32)
    tech_examples: dict[str, int] = {t.lower(): cpos[c] for c, t in commodities}
    for code, example, commodity, hot, demand in con.execute(
        "SELECT code, example, commodity_code, hot, in_demand FROM technology_skills"
    ):
        if code not in pos or commodity is None or int(commodity) not in cpos:
            continue
        j = cpos[int(commodity)]
        tech[pos[code], j] = max(tech[pos[code], j], 1.0 + 0.5 * (int(hot) + int(demand)))
        tech_examples.setdefault(str(example).lower(), j)

    prerequisites: dict[int, set[int]] = defaultdict(set)
    for skill, related, kind in con.execute(
        "SELECT skill_uri, related_uri, relation_type FROM esco_skill_relations"
    ):
        a, b = skill_pos.get(str(skill)), skill_pos.get(str(related))
        if a is not None and b is not None and a != b and kind == "essential":
            prerequisites[a].add(b)
    for child, parent in con.execute("SELECT child_uri, parent_uri FROM esco_skill_hierarchy"):
        a, b = skill_pos.get(str(child)), skill_pos.get(str(parent))
        if a is not None and b is not None and a != b:
            # A broader skill is the foundation its narrower skills build on.
            prerequisites[a].add(b)

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
        occ_skills=occ_skills,
        occ_essential=occ_ess,
        occ_optional=occ_opt,
        occ_esco_links=occ_links,
        elements=elements,
        element_names=[str(name) for _, name in elements_rows],
        importance=importance,
        level=level,
        dwa=dwa,
        iwa=iwa,
        tech=tech,
        tech_titles=[t for _, t in commodities],
        tech_examples=tech_examples,
        task_ids=task_ids,
        task_codes=task_codes,
        task_types=task_types,
        task_text={int(r[0]): str(r[2]) for r in task_rows},
        occ_task_rows=[np.array(per_occ.get(i, []), dtype=np.int64) for i in range(n)],
        task_dwa_rows=dict(task_dwa_rows),
        prerequisites=dict(prerequisites),
    )


# --------------------------------------------------------------------------- component maths


def need_weights(data: OccupationData, b: int, optional_weight: float) -> np.ndarray:
    """How much B needs each of its ESCO skills: essential share + optional share x weight."""
    return data.occ_essential[b] + optional_weight * data.occ_optional[b]


def credit(similarity: np.ndarray, weights: Weights) -> np.ndarray:
    """1 for a held skill, 0.5 for a partial match, 0 below the partial threshold."""
    out = np.where(similarity >= weights.match_threshold, 1.0, 0.0)
    return np.where(
        (similarity >= weights.partial_threshold) & (similarity < weights.match_threshold), 0.5, out
    )


def onet_coverage_row(level_a: np.ndarray, importance: np.ndarray, level: np.ndarray) -> np.ndarray:
    """For source levels [E] against every target: sum IM_B·min(1, LV_A/LV_B) / sum IM_B."""
    im = np.nan_to_num(importance, nan=0.0)
    lv_b = np.nan_to_num(level, nan=0.0)
    lv_a = np.nan_to_num(level_a, nan=0.0)
    reach = np.where(lv_b > 0, np.minimum(1.0, lv_a[None, :] / np.maximum(lv_b, 1e-9)), 1.0)
    total = im.sum(axis=1)
    out = (im * reach).sum(axis=1) / np.where(total > 0, total, 1.0)
    return np.where(total > 0, out, np.nan)


def coverage_row(source: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Share of each target's weight (rows of `targets`) that the source has (binary presence)."""
    have = (source > 0).astype(np.float32)
    total = targets.sum(axis=1)
    out = targets @ have / np.where(total > 0, total, 1.0)
    return np.where(total > 0, out, np.nan)


def cosine_rows(source: np.ndarray, targets: np.ndarray) -> np.ndarray:
    norm_s = float(np.linalg.norm(source))
    norms = np.linalg.norm(targets, axis=1)
    ok = (norms > 0) & (norm_s > 0)
    out = targets @ source / np.where(ok, norms * max(norm_s, 1e-12), 1.0)
    return np.where(ok, out, np.nan)


def combine(components: np.ndarray, weights: Weights, fill: np.ndarray) -> np.ndarray:
    """Weighted sum over the last axis; a missing component takes its typical value (`fill`)."""
    filled = np.where(np.isnan(components), fill, components)
    w = weights.vector()
    return (filled @ w) / w.sum()


def greedy_pairs(
    targets: np.ndarray, sources: np.ndarray, sims: np.ndarray
) -> list[tuple[int, int, float]]:
    """One-to-one (target, source, sim) pairs, the most similar pair first (ties by index)."""
    if len(targets) == 0:
        return []
    order = np.lexsort((sources, targets, -np.asarray(sims, dtype=np.float64)))
    used_t: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for k in order.tolist():
        t, src = int(targets[k]), int(sources[k])
        if t in used_t or src in used_s:
            continue
        used_t.add(t)
        used_s.add(src)
        out.append((t, src, float(sims[k])))
    return out


def greedy_match(similarity: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (row, col, sim) of a dense matrix above `threshold`, best first."""
    rows, cols = np.nonzero(similarity >= threshold)
    return [(r, c, v) for c, r, v in greedy_pairs(cols, rows, similarity[rows, cols])]


# --------------------------------------------------------------------------- resource


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


# --------------------------------------------------------------------------- sources and moves


@dataclass(frozen=True)
class Source:
    """Who moves: an occupation's defaults, or a person's edited profile on top of one."""

    index: int  # current occupation row
    skills: np.ndarray  # ESCO skill rows the source has
    level: np.ndarray  # [E] O*NET levels
    importance: np.ndarray  # [E]
    dwa: np.ndarray  # [D]
    iwa: np.ndarray  # [I]
    tech: np.ndarray  # [T]
    task_embedding: np.ndarray  # [dim] unit or zeros
    task_vectors: np.ndarray  # [k, dim] the source's task embeddings (may be empty)
    title_embedding: np.ndarray
    beta: float  # model beta of the source (the person's own when a profile)
    from_profile: bool = False


def occupation_source(ctx: GraphContext, index: int) -> Source:
    data, res = ctx.data, ctx.res
    return Source(
        index=index,
        skills=data.occ_skills[index],
        level=data.level[index],
        importance=data.importance[index],
        dwa=data.dwa[index],
        iwa=data.iwa[index],
        tech=data.tech[index],
        task_embedding=res.task_embedding[index],
        task_vectors=ctx.all_tasks[data.occ_task_rows[index]],
        title_embedding=res.title_embedding[index],
        beta=float(res.model_beta[index]),
    )


NEIGHBOUR_MIN = 0.6  # skill pairs at least this similar are stored; the partial threshold is above


def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated positions of [start, end) ranges and the range number of each position."""
    lengths = ends - starts
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(starts)), lengths)
    offsets = np.cumsum(lengths) - lengths
    return np.arange(total) - np.repeat(offsets, lengths) + np.repeat(starts, lengths), owner


class SkillSpace:
    """ESCO skill-label embeddings plus the sparse graph of similar skills among used skills.

    `used` are the skill rows some occupation lists; for each, the CSR lists hold every used skill
    with label cosine >= NEIGHBOUR_MIN (itself included, at 1). Build and run time share it, so
    precomputed and live coverage agree exactly.
    """

    def __init__(
        self,
        vectors: np.ndarray,
        used: np.ndarray,
        indptr: np.ndarray,
        indices: np.ndarray,
        sims: np.ndarray,
    ) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.used = np.asarray(used, dtype=np.int64)
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.indices = np.asarray(indices, dtype=np.int64)
        self.sims = np.asarray(sims, dtype=np.float32)
        self.col = np.full(len(self.vectors), -1, dtype=np.int64)
        self.col[self.used] = np.arange(len(self.used))
        self._used_vectors: np.ndarray | None = None
        self._memo: dict[bytes, np.ndarray] = {}
        self._lock = threading.Lock()

    @property
    def used_vectors(self) -> np.ndarray:
        if self._used_vectors is None:
            self._used_vectors = np.ascontiguousarray(self.vectors[self.used])
        return self._used_vectors

    @staticmethod
    def used_rows(data: OccupationData) -> np.ndarray:
        every = [s for s in data.occ_skills if len(s)]
        return np.unique(np.concatenate(every)) if every else np.zeros(0, dtype=np.int64)

    @classmethod
    def build(cls, vectors: np.ndarray, data: OccupationData, block: int = 2048) -> SkillSpace:
        """Compute the neighbour lists (a few seconds; done by resources/build_transitions.py)."""
        used = cls.used_rows(data)
        vec = np.asarray(vectors, dtype=np.float32)[used]
        indptr = [0]
        indices: list[np.ndarray] = []
        sims: list[np.ndarray] = []
        for start in range(0, len(used), block):
            sim = vec[start : start + block] @ vec.T
            rows = np.arange(start, min(start + block, len(used)))
            sim[rows - start, rows] = 1.0
            for k in range(len(rows)):
                keep = np.flatnonzero(sim[k] >= NEIGHBOUR_MIN)
                indices.append(keep)
                sims.append(sim[k, keep])
                indptr.append(indptr[-1] + len(keep))
        return cls(
            vectors,
            used,
            np.array(indptr, dtype=np.int64),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            np.concatenate(sims).astype(np.float16) if sims else np.zeros(0, dtype=np.float16),
        )

    def best_over_used(self, rows: np.ndarray) -> np.ndarray:
        """[len(used)] best similarity of each used skill to any of `rows` (0 below the floor)."""
        rows = np.asarray(rows, dtype=np.int64)
        key = rows.tobytes()
        with self._lock:
            hit = self._memo.get(key)
        if hit is not None:
            return hit
        best = np.zeros(len(self.used), dtype=np.float32)
        if len(rows) == 0:
            return best
        cols = self.col[rows]
        inside = cols[cols >= 0]
        if len(inside):
            pos, _ = _ranges(self.indptr[inside], self.indptr[inside + 1])
            np.maximum.at(best, self.indices[pos], self.sims[pos])
        outside = rows[cols < 0]
        if len(outside):
            sim = (self.vectors[outside] @ self.used_vectors.T).max(axis=0)
            np.maximum(best, np.where(sim >= NEIGHBOUR_MIN, sim, 0.0), out=best)
        best.setflags(write=False)
        with self._lock:
            # The same skill set is asked for several times per analysis; keep the last few.
            if len(self._memo) >= 8:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = best
        return best

    def pairs(
        self, source: np.ndarray, targets: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(target position, source row, similarity) of every pair at or above `threshold`."""
        source = np.asarray(source, dtype=np.int64)
        targets = np.asarray(targets, dtype=np.int64)
        out_t: list[np.ndarray] = []
        out_s: list[np.ndarray] = []
        out_v: list[np.ndarray] = []
        src_cols = self.col[source]
        mask = np.zeros(len(self.used), dtype=bool)
        mask[src_cols[src_cols >= 0]] = True
        t_cols = self.col[targets]
        live = np.flatnonzero(t_cols >= 0)
        if len(live) and mask.any():
            pos, owner = _ranges(self.indptr[t_cols[live]], self.indptr[t_cols[live] + 1])
            nb = self.indices[pos]
            keep = mask[nb] & (self.sims[pos] >= threshold)
            out_t.append(live[owner[keep]])
            out_s.append(self.used[nb[keep]])
            out_v.append(self.sims[pos][keep])
        outside = source[src_cols < 0]
        if len(outside):
            sim = self.vectors[targets] @ self.vectors[outside].T
            same = targets[:, None] == outside[None, :]
            sim = np.where(same, 1.0, sim)
            t, k = np.nonzero(sim >= threshold)
            out_t.append(t)
            out_s.append(outside[k])
            out_v.append(sim[t, k].astype(np.float32))
        if not out_t:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        return np.concatenate(out_t), np.concatenate(out_s), np.concatenate(out_v)


@dataclass(frozen=True)
class NeedTable:
    """Every occupation's ESCO needs as flat arrays (used column, occupation, weight)."""

    cols: np.ndarray
    occ: np.ndarray
    need: np.ndarray
    total: np.ndarray  # [n] summed need

    @classmethod
    def build(cls, data: OccupationData, space: SkillSpace, optional_weight: float) -> NeedTable:
        cols, occ, need = [], [], []
        for b, rows in enumerate(data.occ_skills):
            if len(rows):
                cols.append(space.col[rows])
                occ.append(np.full(len(rows), b, dtype=np.int64))
                need.append(need_weights(data, b, optional_weight))
        flat_occ = np.concatenate(occ) if occ else np.zeros(0, dtype=np.int64)
        flat_need = np.concatenate(need).astype(np.float64) if need else np.zeros(0)
        total = np.bincount(flat_occ, weights=flat_need, minlength=data.n)
        return cls(
            np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64),
            flat_occ,
            flat_need,
            total,
        )


def esco_coverage_from_best(
    best: np.ndarray, table: NeedTable, weights: Weights, n: int
) -> np.ndarray:
    """Share of every occupation's (weighted) ESCO needs that a source covers."""
    cred = credit(best, weights)
    covered = np.bincount(table.occ, weights=cred[table.cols] * table.need, minlength=n)
    return np.where(table.total > 0, covered / np.where(table.total > 0, table.total, 1.0), np.nan)


def task_weight_vector(data: OccupationData) -> np.ndarray:
    """Per task (task_id order): Core 2, Supplemental 1, normalised within each occupation."""
    raw = np.array(
        [1.0 if data.task_types.get(int(t)) == "Supplemental" else 2.0 for t in data.task_ids]
    )
    out = np.zeros_like(raw)
    for rows in data.occ_task_rows:
        if len(rows):
            out[rows] = raw[rows] / raw[rows].sum()
    return out


def task_coverage_row(
    data: OccupationData, all_tasks: np.ndarray, task_weights: np.ndarray, source_tasks: np.ndarray
) -> np.ndarray:
    """For every occupation B: weighted mean over B's tasks of the best similarity to a source task."""
    out = np.full(data.n, np.nan)
    if len(source_tasks) == 0:
        return out
    best = (all_tasks @ source_tasks.T).max(axis=1)
    owner = np.full(len(all_tasks), -1, dtype=np.int64)
    for b, rows in enumerate(data.occ_task_rows):
        owner[rows] = b
    live = owner >= 0
    total = np.bincount(owner[live], weights=best[live] * task_weights[live], minlength=data.n)
    has = np.array([len(r) > 0 for r in data.occ_task_rows])
    out[has] = total[has]
    return out


def source_components(ctx: GraphContext, src: Source) -> np.ndarray:
    """[n, C] component values of src → every occupation (computed live, e.g. for a profile)."""
    data, res, weights = ctx.data, ctx.res, ctx.res.weights
    comps = np.full((data.n, len(COMPONENTS)), np.nan)
    col = {name: k for k, name in enumerate(COMPONENTS)}
    # Components with no weight do not change the score; they stay NaN (not computed).
    live = {name for name in COMPONENTS if getattr(weights, name) > 0}
    if "task_similarity" in live and np.linalg.norm(src.task_embedding) > 0:
        comps[:, col["task_similarity"]] = cosine_rows(src.task_embedding, res.task_embedding)
    if "task_coverage" in live and len(src.task_vectors):
        comps[:, col["task_coverage"]] = task_coverage_row(
            data, ctx.all_tasks, ctx.task_weights, src.task_vectors
        )
    comps[:, col["title_similarity"]] = cosine_rows(src.title_embedding, res.title_embedding)
    comps[:, col["esco_coverage"]] = esco_coverage_from_best(
        ctx.space.best_over_used(src.skills), ctx.needs, weights, data.n
    )
    if not np.isnan(src.level).all():
        comps[:, col["onet_coverage"]] = onet_coverage_row(src.level, data.importance, data.level)
        if "onet_similarity" in live:
            comps[:, col["onet_similarity"]] = cosine_rows(
                np.nan_to_num(src.importance), np.nan_to_num(data.importance)
            )
    if src.dwa.sum() > 0:
        comps[:, col["activity_coverage"]] = 0.5 * coverage_row(
            src.dwa, data.dwa
        ) + 0.5 * coverage_row(src.iwa, data.iwa)
    if src.tech.sum() > 0:
        comps[:, col["technology_coverage"]] = coverage_row(src.tech, data.tech)
    return comps


@dataclass
class GraphContext:
    """What scoring needs at run time, loaded once: data, resource, skill and task embeddings."""

    data: OccupationData
    res: TransitionsResource
    space: SkillSpace
    all_tasks: np.ndarray  # [tasks, dim] unit, task_id order
    task_weights: np.ndarray  # [tasks]
    needs: NeedTable


@dataclass(frozen=True)
class Filters:
    max_zone_step: int | None = None  # None = any
    min_wage_ratio: float | None = None
    safer: bool = False
    bright_outlook: bool = False


@dataclass(frozen=True)
class SkillMatchRow:
    skill: str
    uri: str
    importance: float
    similarity: float | None = None
    matched_by: str | None = None  # URI of the source skill that covers it


@dataclass(frozen=True)
class Move:
    code: str
    title: str
    score: float
    components: dict[str, float]
    exposure_beta: float | None
    wage_median: float | None
    job_zone: int | None
    outlook: dict[str, Any]
    have: tuple[SkillMatchRow, ...] = ()
    partial: tuple[SkillMatchRow, ...] = ()
    gap: tuple[SkillMatchRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "score": round(self.score, 4),
            "exposure_beta": _round(self.exposure_beta),
            "wage_median": self.wage_median,
            "job_zone": self.job_zone,
            "outlook": self.outlook,
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "have": [_skill_dict(s) for s in self.have],
            "partial": [_skill_dict(s) for s in self.partial],
            "gap": [_skill_dict(s) for s in self.gap],
        }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), digits)


def _skill_dict(s: SkillMatchRow) -> dict[str, Any]:
    out: dict[str, Any] = {"skill": s.skill, "uri": s.uri, "importance": round(s.importance, 3)}
    if s.similarity is not None:
        out["similarity"] = round(s.similarity, 3)
    if s.matched_by is not None and s.matched_by != s.uri:
        out["matched_by"] = s.matched_by
    return out


def _opt(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def outlook(data: OccupationData, b: int) -> dict[str, Any]:
    bright = data.bright[b]
    return {
        "bright": None if not np.isfinite(bright) else bool(bright),
        "growth_pct": _opt(data.growth[b]),
        "openings_thousands": _opt(data.openings[b]),
    }


def passes(
    data: OccupationData,
    res: TransitionsResource,
    b: int,
    f: Filters,
    *,
    src_index: int,
    src_beta: float,
) -> str | None:
    """None when b passes the filters, else the code of the first filter that rejects it."""
    if f.max_zone_step is not None:
        za, zb = data.job_zone[src_index], data.job_zone[b]
        if np.isfinite(za) and np.isfinite(zb) and zb - za > f.max_zone_step:
            return "zone"
    if f.min_wage_ratio is not None and f.min_wage_ratio > 0:
        wa, wb = data.wage[src_index], data.wage[b]
        if np.isfinite(wa) and (not np.isfinite(wb) or wb < f.min_wage_ratio * wa):
            return "wage"
    if f.safer:
        bb = res.model_beta[b]
        if not np.isfinite(src_beta):
            return "safer_unknown"  # the source has no model exposure (no O*NET tasks)
        if not np.isfinite(bb) or bb >= src_beta:
            return "safer"
    if f.bright_outlook and not (np.isfinite(data.bright[b]) and data.bright[b] == 1):
        return "outlook"
    return None


def skill_comparison(
    data: OccupationData,
    space: SkillSpace,
    source_skills: np.ndarray,
    b: int,
    weights: Weights,
    *,
    gap_limit: int = 15,
    have_limit: int = 20,
    soft_best: np.ndarray | None = None,
) -> tuple[tuple[SkillMatchRow, ...], tuple[SkillMatchRow, ...], tuple[SkillMatchRow, ...]]:
    """Have / partial / gap for target b by greedy one-to-one matching of skill labels."""
    rows_b = data.occ_skills[b]
    if len(rows_b) == 0:
        return (), (), ()
    need = need_weights(data, b, weights.optional_weight)
    peak = float(need.max()) or 1.0
    importance = need / peak  # 1 = listed essential by every linked ESCO occupation
    matched: dict[int, tuple[int, float]] = {}
    if soft_best is not None:
        # Quick form (for counting what other moves need): best similarity, not one-to-one.
        for c, v in enumerate(soft_best[space.col[rows_b]].tolist()):
            if v >= weights.partial_threshold:
                matched[c] = (int(rows_b[c]), float(v))
    elif len(source_skills):
        t, src, sim = space.pairs(source_skills, rows_b, weights.partial_threshold)
        for c, r, v in greedy_pairs(t, src, sim):
            matched[c] = (r, v)
    have: list[SkillMatchRow] = []
    partial: list[SkillMatchRow] = []
    gap: list[SkillMatchRow] = []
    for c, row in enumerate(rows_b.tolist()):
        label, uri = data.skill_labels[row], data.skill_uris[row]
        imp = float(importance[c])
        if c in matched:
            src_row, s = matched[c]
            item = SkillMatchRow(label, uri, imp, s, data.skill_uris[src_row])
            (have if s >= weights.match_threshold else partial).append(item)
        elif data.occ_essential[b][c] > 0:
            gap.append(SkillMatchRow(label, uri, imp))
    have.sort(key=lambda s: (-s.importance, s.skill))
    partial.sort(key=lambda s: (-s.importance, s.skill))
    gap.sort(key=lambda s: (-s.importance, s.skill))
    return tuple(have[:have_limit]), tuple(partial[:gap_limit]), tuple(gap[:gap_limit])


def make_move(
    ctx: GraphContext,
    source_skills: np.ndarray,
    b: int,
    score: float,
    comps: np.ndarray,
    *,
    soft_best: np.ndarray | None = None,
) -> Move:
    """A move with have / partial / gap lists (one-to-one matching unless `soft_best` is given)."""
    data, res = ctx.data, ctx.res
    have, partial, gap = skill_comparison(
        data, ctx.space, source_skills, b, res.weights, soft_best=soft_best
    )
    zone = data.job_zone[b]
    return Move(
        code=data.codes[b],
        title=data.titles[b],
        score=float(score),
        components={
            name: float(v) for name, v in zip(COMPONENTS, comps, strict=True) if np.isfinite(v)
        },
        exposure_beta=_opt(res.model_beta[b]),
        wage_median=_opt(data.wage[b]),
        job_zone=int(zone) if np.isfinite(zone) else None,
        outlook=outlook(data, b),
        have=have,
        partial=partial,
        gap=gap,
    )


@dataclass(frozen=True)
class MoveList:
    moves: tuple[Move, ...]
    rejected: dict[str, int]  # filter code → candidates it removed
    considered: int


def rank_moves(
    ctx: GraphContext,
    src: Source,
    candidates: np.ndarray,
    scores: np.ndarray,
    comps: np.ndarray,
    *,
    filters: Filters,
    top: int,
    detailed: int | None = None,
) -> MoveList:
    """The best `top` moves passing the filters; after the first `detailed` (default all), the
    have / gap lists use the quick soft form (enough to count what other moves need)."""
    data, res = ctx.data, ctx.res
    full = top if detailed is None else detailed
    soft: np.ndarray | None = None
    order = np.lexsort((candidates, -scores))
    rejected: dict[str, int] = defaultdict(int)
    moves: list[Move] = []
    for k in order.tolist():
        b = int(candidates[k])
        if b == src.index or b < 0:
            continue
        why = passes(data, res, b, filters, src_index=src.index, src_beta=src.beta)
        if why is not None:
            rejected[why] += 1
            continue
        if len(moves) < full:
            moves.append(make_move(ctx, src.skills, b, float(scores[k]), comps[k]))
        elif len(moves) < top:
            if soft is None:
                soft = ctx.space.best_over_used(src.skills)
            moves.append(make_move(ctx, src.skills, b, float(scores[k]), comps[k], soft_best=soft))
    return MoveList(tuple(moves), dict(rejected), len(candidates))


def live_scores(ctx: GraphContext, src: Source) -> tuple[np.ndarray, np.ndarray]:
    comps = source_components(ctx, src)
    return combine(comps, ctx.res.weights, ctx.res.fill), comps


def occupation_moves(ctx: GraphContext, code: str, filters: Filters, top: int = 10) -> MoveList:
    """Moves from an occupation's defaults: the precomputed neighbours, or all when filtered out."""
    a = ctx.data.index(code)
    src = occupation_source(ctx, a)
    cand = ctx.res.neighbours[a]
    keep = cand >= 0
    result = rank_moves(
        ctx,
        src,
        cand[keep],
        ctx.res.scores[a][keep],
        ctx.res.components[a][keep],
        filters=filters,
        top=top,
    )
    if len(result.moves) >= top:
        return result
    # Filters removed too many of the stored neighbours: score every occupation live.
    scores, comps = live_scores(ctx, src)
    return rank_moves(ctx, src, np.arange(ctx.data.n), scores, comps, filters=filters, top=top)


def source_moves(
    ctx: GraphContext, src: Source, filters: Filters, top: int = 10, detailed: int | None = None
) -> tuple[MoveList, np.ndarray]:
    """Moves for a live source (a person's profile); also returns every occupation's score."""
    scores, comps = live_scores(ctx, src)
    moves = rank_moves(
        ctx, src, np.arange(ctx.data.n), scores, comps, filters=filters, top=top, detailed=detailed
    )
    return moves, scores


# --------------------------------------------------------------------------- learning order


@dataclass(frozen=True)
class LearningStep:
    skill: str
    uri: str
    importance: float
    unlocks: int  # other good moves whose gap this skill helps close
    unlocks_safer: int  # ... of which are safer (lower model beta) than the source
    reason: str  # "prerequisite" | "opens_moves" | "essential_for_target" | "optional_for_target"
    before: tuple[str, ...] = ()  # URIs of gap skills this one is a prerequisite for

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "uri": self.uri,
            "importance": round(self.importance, 3),
            "unlocks": self.unlocks,
            "unlocks_safer": self.unlocks_safer,
            "reason": self.reason,
            "before": list(self.before),
        }


def learning_order(
    data: OccupationData,
    target: Move,
    others: Iterable[Move],
    *,
    safer_than: float = float("nan"),
    limit: int = 10,
) -> list[LearningStep]:
    """Missing skills for `target` ranked by importance x moves unlocked, prerequisites first."""
    gap = list(target.gap) + [p for p in target.partial if p.importance > 0]
    if not gap:
        return []
    gap_uris = {g.uri for g in gap}
    others = [m for m in others if m.code != target.code]
    needs = [{x.uri for x in (*m.gap, *m.partial)} for m in others]
    safer = [m.exposure_beta is not None and m.exposure_beta < safer_than for m in others]
    unlocks = {g.uri: sum(1 for n in needs if g.uri in n) for g in gap}
    unlocks_safer = {
        g.uri: sum(1 for n, ok in zip(needs, safer, strict=True) if ok and g.uri in n) for g in gap
    }
    # Prerequisites among the gap skills themselves (ESCO essential relations, broader skills).
    needed_by: dict[str, set[str]] = defaultdict(set)
    for g in gap:
        row = data.skill_pos.get(g.uri)
        for pre in data.prerequisites.get(row, ()) if row is not None else ():
            uri = data.skill_uris[pre]
            if uri in gap_uris and uri != g.uri:
                needed_by[uri].add(g.uri)
    partial_uris = {p.uri for p in target.partial}

    def priority(g: SkillMatchRow) -> float:
        weight = g.importance * (0.5 if g.uri in partial_uris else 1.0)
        return weight * (1.0 + unlocks[g.uri]) + 0.25 * len(needed_by[g.uri])

    ranked = sorted(gap, key=lambda g: (-priority(g), g.skill))[:limit]
    chosen = {g.uri for g in ranked}
    # Stable topological pass: a prerequisite moves ahead of every skill that needs it.
    ordered: list[SkillMatchRow] = []
    placed: set[str] = set()

    def place(g: SkillMatchRow, depth: int = 0) -> None:
        if g.uri in placed or depth > 10:
            return
        row = data.skill_pos.get(g.uri)
        for pre in sorted(data.prerequisites.get(row, ())) if row is not None else ():
            uri = data.skill_uris[pre]
            if uri in chosen and uri not in placed and uri != g.uri:
                place(next(x for x in ranked if x.uri == uri), depth + 1)
        placed.add(g.uri)
        ordered.append(g)

    for g in ranked:
        place(g)
    steps: list[LearningStep] = []
    for g in ordered:
        before = tuple(sorted(needed_by[g.uri] & chosen))
        if before:
            reason = "prerequisite"
        elif unlocks[g.uri] > 0:
            reason = "opens_moves"
        elif g.importance >= 0.5:
            reason = "essential_for_target"
        else:
            reason = "optional_for_target"
        steps.append(
            LearningStep(
                g.skill, g.uri, g.importance, unlocks[g.uri], unlocks_safer[g.uri], reason, before
            )
        )
    return steps


# --------------------------------------------------------------------------- multi-step paths


@dataclass(frozen=True)
class MovePath:
    codes: tuple[str, ...]  # source first, destination last
    scores: tuple[float, ...]  # score of each step
    cost: float

    def to_dict(self, data: OccupationData, res: TransitionsResource) -> dict[str, Any]:
        return {
            "steps": [
                {
                    "code": c,
                    "title": data.titles[data.pos[c]],
                    "exposure_beta": _round(res.model_beta[data.pos[c]]),
                    "job_zone": int(data.job_zone[data.pos[c]])
                    if np.isfinite(data.job_zone[data.pos[c]])
                    else None,
                    "step_score": None if i == 0 else round(self.scores[i - 1], 4),
                }
                for i, c in enumerate(self.codes)
            ],
            "cost": round(self.cost, 4),
        }


def edge_allowed(data: OccupationData, u: int, v: int, max_zone_step: int | None) -> bool:
    if max_zone_step is None:
        return True
    zu, zv = data.job_zone[u], data.job_zone[v]
    return not (np.isfinite(zu) and np.isfinite(zv) and zv - zu > max_zone_step)


def shortest_paths(
    data: OccupationData,
    res: TransitionsResource,
    source: int,
    is_goal: np.ndarray,
    *,
    max_steps: int = MAX_PATH_STEPS,
    max_zone_step: int | None = 1,
    limit: int = 3,
) -> list[MovePath]:
    """Cheapest paths (cost = sum of 1 − score) of at most `max_steps` edges to goal occupations.

    Dijkstra over (occupation, steps used) states on the top-N neighbour graph; every step must
    respect the job-zone step. One path per goal, cheapest first.
    """
    import heapq

    n = data.n
    best: dict[tuple[int, int], float] = {(source, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    heap: list[tuple[float, int, int]] = [(0.0, 0, source)]
    found: dict[int, tuple[float, int]] = {}
    settled: set[tuple[int, int]] = set()
    while heap and len(found) < limit:
        cost, steps, u = heapq.heappop(heap)
        if (u, steps) in settled:
            continue
        settled.add((u, steps))
        if steps > 0 and is_goal[u] and u not in found:
            found[u] = (cost, steps)
            continue
        if steps == max_steps:
            continue
        for k, v in enumerate(res.neighbours[u].tolist()):
            if v < 0 or v >= n or v == source or not edge_allowed(data, u, v, max_zone_step):
                continue
            new = cost + max(0.0, 1.0 - float(res.scores[u, k]))
            key = (v, steps + 1)
            if new < best.get(key, float("inf")):
                best[key] = new
                back[key] = (u, steps)
                heapq.heappush(heap, (new, steps + 1, v))
    paths_out: list[MovePath] = []
    for goal, (cost, steps) in sorted(found.items(), key=lambda kv: (kv[1][0], kv[0])):
        chain = [(goal, steps)]
        while chain[-1] in back:
            chain.append(back[chain[-1]])
        nodes = [u for u, _ in reversed(chain)]
        step_scores = tuple(
            float(res.scores[u, int(np.flatnonzero(res.neighbours[u] == v)[0])])
            for u, v in itertools.pairwise(nodes)
        )
        paths_out.append(MovePath(tuple(data.codes[u] for u in nodes), step_scores, cost))
    return paths_out


def require_fresh(res: TransitionsResource, data: OccupationData) -> None:
    if (
        res.codes != data.codes
        or len(res.task_probs) != len(data.task_ids)
        or not np.array_equal(res.skill_used, SkillSpace.used_rows(data))
    ):
        raise ResourceError(
            f"transitions file {TRANSITIONS_FILE} does not match the database's occupations; {rebuild_hint()}"
        )


def check_top(top: int) -> int:
    if top < 1 or top > 1000:
        raise SkillShiftError(f"--top must be between 1 and 1000 (got {top})")
    return top
