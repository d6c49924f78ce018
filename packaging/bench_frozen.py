"""Figures of the frozen bundle: size, start-up (median of N) and peak memory of an analysis.

    python packaging/bench_frozen.py [--runs 5] [--exe dist/SkillShift/SkillShift]

Start-up uses the same measurement as app/ui/bench.py (window shown, model ready, engine ready,
seconds from process launch) through the bundle's runtime hook (SKILLSHIFT_BENCH_CHILD=1), after
one warm-up start that builds the caches in a fresh data folder, as a first start would. Peak RSS
comes from the kernel's accounting of the finished child (wait4), so it includes everything the
process ever mapped and touched. Standard library only: any Python can run it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXE = ROOT / "dist" / "SkillShift" / ("SkillShift.exe" if os.name == "nt" else "SkillShift")
BUNDLE_GOAL_MB = 300
RSS_GOAL_MB = 600
TIMEOUT_S = 300
# A customer service representative with two catalogue tasks, one own task and two own skills
# (the profile format of app/core/profile.py, as in tests/core/test_cli_engine.py).
PROFILE = {
    "schema": 1,
    "alias": "bench",
    "occupation": {"code": "43-4051.00"},
    "tasks": [{"task_id": 2578}, {"task_id": 2579}, {"text": "answer customer emails"}],
    "skills": [
        {"kind": "text", "value": "microsoft excel"},
        {"kind": "text", "value": "spanish"},
    ],
}


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SKILLSHIFT_"))}
    env.update(QT_QPA_PLATFORM="offscreen", SKILLSHIFT_DATA_DIR=str(data_dir), **extra)
    return env


def run_measured(args: list[str], env: dict[str, str], stdin: str = "") -> dict[str, Any]:
    """Run to the end; wall seconds, exit code, output and peak RSS (MB) of the child."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        args,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate(stdin, timeout=TIMEOUT_S)
    wall = time.perf_counter() - started
    # communicate() reaped the child; RUSAGE_CHILDREN holds the largest finished child so far,
    # so each measurement runs in a fresh helper process (see _peak_rss).
    return {"code": proc.returncode, "out": out, "err": err, "wall_s": round(wall, 3)}


def _peak_rss(
    args: list[str], env: dict[str, str], stdin: str = ""
) -> tuple[float, dict[str, Any]]:
    """Peak RSS in MB of one run of `args`, measured in a helper so earlier runs do not count."""
    helper = (
        "import json,resource,subprocess,sys\n"
        "a=json.loads(sys.argv[1])\n"
        "p=subprocess.run(a,input=sys.stdin.read(),capture_output=True,text=True)\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'code':p.returncode,'rss_kb':r,'err':p.stderr[-2000:]}))\n"
    )
    result = run_measured([sys.executable, "-c", helper, json.dumps(args)], env, stdin)
    data = json.loads(result["out"].strip().splitlines()[-1])
    return round(data["rss_kb"] / 1024, 1), data


def startup(exe: Path, runs: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="skillshift-frozen-bench-") as tmp:
        data = Path(tmp)

        def once() -> dict[str, Any]:
            env = _env(data, SKILLSHIFT_BENCH_CHILD="1", SKILLSHIFT_BENCH_T0=repr(time.time()))
            result = run_measured([str(exe)], env)
            lines = [line for line in result["out"].splitlines() if line.startswith("{")]
            if result["code"] != 0 or not lines:
                raise SystemExit(f"bench start failed: {result['err'] or result['out']}")
            marks: dict[str, Any] = json.loads(lines[-1])
            return marks

        first = once()
        samples = [once() for _ in range(runs)]
    rows = []
    for key, name in (
        ("window_s", "frozen_window_shown"),
        ("model_s", "frozen_model_ready"),
        ("engine_s", "frozen_engine_ready"),
    ):
        rows.append(
            {
                "name": name,
                "value": round(statistics.median(s[key] for s in samples), 3),
                "unit": "s",
                "runs": runs,
                "first_start": round(first[key], 3),
                "all": [round(s[key], 3) for s in samples],
            }
        )
    return rows


def du_mb(path: Path) -> float:
    total = 0
    for file in path.rglob("*"):
        if file.is_file() and not file.is_symlink():
            total += file.stat().st_size
    return round(total / 1e6, 1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    exe: Path = args.exe.resolve()
    if not exe.is_file():
        parser.error(f"{exe} does not exist: run `make dist` first")
    rows: list[dict[str, Any]] = [
        {"name": "bundle_size", "value": du_mb(exe.parent), "unit": "MB", "goal": BUNDLE_GOAL_MB}
    ]
    for archive in sorted(exe.parent.parent.glob("SkillShift-*.tar.gz")):
        size = round(archive.stat().st_size / 1e6, 1)
        rows.append({"name": "archive_size", "value": size, "unit": "MB", "file": archive.name})
    rows += startup(exe, args.runs)
    with tempfile.TemporaryDirectory(prefix="skillshift-frozen-rss-") as tmp:
        profile = Path(tmp) / "profile.json"
        profile.write_text(json.dumps(PROFILE), encoding="utf-8")
        env = _env(Path(tmp) / "data")
        # The first analysis builds the caches; the second is the everyday case.
        for label in ("first", "warm"):
            rss, data = _peak_rss([str(exe), "analyze", str(profile), "--json"], env)
            if data["code"] != 0:
                raise SystemExit(f"analyze failed: {data['err']}")
            rows.append(
                {
                    "name": f"analyze_peak_rss_{label}",
                    "value": rss,
                    "unit": "MiB",
                    "goal": RSS_GOAL_MB,
                }
            )
        rss, data = _peak_rss([str(exe), "--smoke-test"], env)
        if data["code"] != 0:
            raise SystemExit(f"smoke test failed: {data['err']}")
        rows.append(
            {
                "name": "gui_smoke_peak_rss",
                "value": rss,
                "unit": "MiB",
                "goal": RSS_GOAL_MB,
                "note": "whole GUI: model, search, analysis, offscreen",
            }
        )
    print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
