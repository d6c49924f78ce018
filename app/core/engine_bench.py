"""Speed checks of the engine (`analyze` on a 30-task, 20-skill profile; `transitions`)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from app.core.engine import Engine
from app.core.profile import Profile
from app.core.transitions import Filters

BENCH_CODE = "43-4051.00"  # Customer Service Representatives: many tasks, skills and moves
ANALYZE_GOAL_MS = 250.0
TRANSITIONS_GOAL_MS = 100.0


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm: the first call loads data and builds caches
    times = []
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def bench_profile(
    engine: Engine, code: str = BENCH_CODE, tasks: int = 30, skills: int = 20
) -> Profile:
    """A realistic profile: the occupation's tasks (own wording for some), 20 skills, some free text."""
    data = engine.context().data
    i = data.index(code)
    rows = data.occ_task_rows[i].tolist()
    extra = [
        r for r in range(len(data.task_ids)) if data.task_codes[r][:2] == code[:2] and r not in rows
    ]
    chosen = (rows + extra)[:tasks]
    task_items: list[dict[str, Any]] = [{"task_id": int(data.task_ids[r])} for r in chosen[:-5]]
    task_items += [{"text": data.task_text[int(data.task_ids[r])].lower()} for r in chosen[-5:]]
    esco = [data.skill_uris[r] for r in data.occ_skills[i][: skills - 5].tolist()]
    skill_items: list[dict[str, Any]] = [{"kind": "esco", "value": u} for u in esco]
    skill_items += [
        {"kind": "text", "value": t}
        for t in (
            "microsoft excel",
            "customer care",
            "conflict resolution",
            "spanish",
            "data entry",
        )
    ]
    return Profile.from_dict(
        {
            "schema": 1,
            "alias": "bench",
            "occupation": {"code": code},
            "tasks": task_items,
            "skills": skill_items,
        }
    )


def bench_analyze(engine: Engine, runs: int = 7) -> dict[str, Any]:
    profile = bench_profile(engine)
    ms = _median_ms(lambda: engine.analyze(profile), runs)
    return {
        "name": "analyze_30_tasks_20_skills",
        "value": round(ms, 1),
        "unit": "ms",
        "goal": ANALYZE_GOAL_MS,
        "runs": runs,
    }


def bench_transitions(engine: Engine, runs: int = 15, code: str = BENCH_CODE) -> dict[str, Any]:
    ms = _median_ms(lambda: engine.transitions(code, Filters(), 10), runs)
    filtered = _median_ms(
        lambda: engine.transitions(
            code, Filters(max_zone_step=1, min_wage_ratio=0.75, safer=True), 10
        ),
        runs,
    )
    return {
        "name": "transitions_top10",
        "value": round(ms, 1),
        "unit": "ms",
        "goal": TRANSITIONS_GOAL_MS,
        "runs": runs,
        "filtered_ms": round(filtered, 1),
    }
