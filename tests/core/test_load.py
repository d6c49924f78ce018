"""Load: `analyze` over 1,000 generated profiles in one process, without errors or memory growth."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.catalog import Catalog
from app.core.engine import Engine
from app.core.errors import SkillShiftError
from app.core.profile import Profile

PROFILES = 1000
WARM_UP = 100
VERBS = ("prepare", "review", "answer", "schedule", "train", "record", "inspect", "plan")
OBJECTS = ("invoices", "customer emails", "shift rotas", "safety reports", "new staff", "budgets")


def rss_bytes() -> int:
    """Resident set size from /proc (Linux), else the peak from resource."""
    try:
        with Path("/proc/self/statm").open(encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def generate(catalog: Catalog, rng: random.Random, codes: list[str], n: int) -> list[Profile]:
    out = []
    for i in range(n):
        code = rng.choice(codes)
        tasks: list[dict[str, Any]] = [
            {"task_id": t.task_id, "share": rng.choice([None, 1, 2, 3])}
            for t in rng.sample(catalog.tasks(code), k=min(6, len(catalog.tasks(code))))
        ]
        tasks.append({"text": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {i}"})
        skills = [{"kind": "esco", "value": s.skill.uri} for s in catalog.esco_skills_for(code)[:3]]
        out.append(
            Profile.from_dict(
                {
                    "schema": 1,
                    "alias": f"load {i}",
                    "occupation": {"code": code},
                    "tasks": tasks,
                    "skills": skills,
                    "include_occupation_skills": rng.random() < 0.5,
                    "preferences": {"max_zone_step": rng.choice([0, 1, 2]), "safer_only": False},
                }
            )
        )
    return out


@pytest.mark.slow
def test_analyze_a_thousand_profiles(engine: Engine) -> None:
    catalog = engine.catalog()
    codes = [o.code for o in catalog.occupations() if catalog.tasks(o.code)]
    profiles = generate(catalog, random.Random(7), codes, PROFILES)
    errors: list[str] = []
    start = warm_end = time.perf_counter()
    rss_warm = 0
    for i, profile in enumerate(profiles):
        if i == WARM_UP:
            warm_end = time.perf_counter()
            rss_warm = rss_bytes()
        try:
            result = engine.analyze(profile, top=5)
            assert result.to_dict(engine)["exposure"]["tasks"]
        except SkillShiftError as exc:
            errors.append(f"{profile.alias}: {exc}")
    end = time.perf_counter()
    rss_end = rss_bytes()
    growth = (rss_end - rss_warm) / rss_warm
    rate = (PROFILES - WARM_UP) / (end - warm_end)
    print(
        f"\nanalyze: {PROFILES} profiles in {end - start:.1f} s; after warm-up {rate:.1f} "
        f"profiles/s; RSS {rss_warm / 2**20:.0f} → {rss_end / 2**20:.0f} MiB ({growth:+.1%})"
    )
    assert not errors, errors[:5]
    assert growth < 0.10
