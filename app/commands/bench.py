"""`skillshift bench`: speed figures of the bundled model and search (medians of several runs).

Benchmarks are not tests: they report figures against goals. More benches register themselves
with `@bench("name")` (a function taking a BenchContext and returning BenchResults).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from app.commands.io import write_json
from app.commands.match import add_runtime_arguments, open_encoder, positive_int
from app.core import integrity
from app.core.db import database
from app.core.encoder import (
    DEFAULT_BATCH_SIZE,
    PARALLEL_MIN_BATCHES,
    OnnxEncoder,
    build_session,
)
from app.core.exposure import ExposureBlend
from app.core.search import Matcher


@dataclass(frozen=True)
class BenchResult:
    name: str
    value: float
    unit: str
    goal: float | None = None
    higher_is_better: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def meets_goal(self) -> bool | None:
        if self.goal is None:
            return None
        return self.value >= self.goal if self.higher_is_better else self.value <= self.goal


class BenchContext:
    """What benches share: the encoder, the matcher, inputs, the number of runs."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.runs: int = args.runs

    @cached_property
    def encoder(self) -> OnnxEncoder:
        return open_encoder(self.args)

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.encoder)

    @cached_property
    def exposure_blend(self) -> ExposureBlend:
        return ExposureBlend(self.encoder)

    @cached_property
    def task_texts(self) -> list[str]:
        """1,000 O*NET task statements, a fixed pseudo-random sample."""
        tasks = database().tasks()
        tasks.sort(key=lambda t: hashlib.sha256(str(t[0]).encode()).digest())
        return [text for _, _, text in tasks[:1000]]

    def median(self, fn: Callable[[], object], runs: int | None = None) -> float:
        """Median wall time of fn() in seconds."""
        times = []
        for _ in range(runs if runs is not None else self.runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)


BenchFn = Callable[[BenchContext], list[BenchResult]]
BENCHES: dict[str, BenchFn] = {}


def bench(name: str) -> Callable[[BenchFn], BenchFn]:
    def register_bench(fn: BenchFn) -> BenchFn:
        BENCHES[name] = fn
        return fn

    return register_bench


TITLE_QUERIES = (
    "registered nurse",
    "rn",
    "sr accounts payable clerk",
    "cpa",
    "software engineer - remote",
    "truck driver",
    "it mgr",
    "head chef",
    "warehouse associate",
    "asst store manager",
    "data scientist",
    "hvac tech",
    "elementary school teacher",
    "cto",
    "forklift operator II",
    "medical assistant",
    "paralegal",
    "welder trainee",
    "customer service rep",
    "electrician",
)


@bench("session")
def bench_session(ctx: BenchContext) -> list[BenchResult]:
    encoder = ctx.encoder
    model_file = encoder.manifest.model_path
    args = ctx.args
    seconds = ctx.median(
        lambda: build_session(model_file, provider=args.provider, threads=args.threads)
    )

    def first_use() -> object:
        integrity.forget()  # each start checks the files again
        return OnnxEncoder(provider=args.provider, threads=args.threads).session

    first = ctx.median(first_use, 3)
    return [
        BenchResult("session_start", round(seconds * 1000, 1), "ms", goal=150),
        BenchResult(
            "encoder_first_use",
            round(first * 1000, 1),
            "ms",
            detail={"includes": "manifest, file check by content, tokenizer, session"},
        ),
    ]


@bench("integrity")
def bench_integrity(ctx: BenchContext) -> list[BenchResult]:
    """Every bundled file checked by content, as each start does (nothing remembered between
    starts): all of them as the window does, and what `match` checks before its first answer."""
    sizes = {name: integrity.location(name).stat().st_size for name in integrity.BUNDLED}

    def all_files() -> None:
        integrity.forget()
        integrity.verify_bundle()

    def one_by_one() -> None:
        integrity.forget()
        for name in integrity.BUNDLED:
            integrity.verify(name)

    parallel = ctx.median(all_files)
    serial = ctx.median(one_by_one)
    return [
        BenchResult(
            "integrity_check_all",
            round(parallel * 1000, 1),
            "ms",
            detail={
                "files": len(sizes),
                "megabytes": round(sum(sizes.values()) / 1e6, 1),
                "how": "sha256 of every bundled file, 2 threads (the window's first job)",
            },
        ),
        BenchResult(
            "integrity_check_serial",
            round(serial * 1000, 1),
            "ms",
            detail={"how": "one file after another, as the CLI checks each before first use"},
        ),
    ]


@bench("match")
def bench_match(ctx: BenchContext) -> list[BenchResult]:
    matcher = ctx.matcher
    start = time.perf_counter()
    matcher.titles()
    ready = time.perf_counter() - start
    for query in TITLE_QUERIES[:3]:
        matcher.match_title(query)
    per_query = [ctx.median(lambda q=q: matcher.match_title(q)) for q in TITLE_QUERIES]  # type: ignore[misc]
    return [
        BenchResult(
            "title_match_warm",
            round(statistics.median(per_query) * 1000, 2),
            "ms",
            goal=20,
            detail={"queries": len(TITLE_QUERIES), "worst_ms": round(max(per_query) * 1000, 2)},
        ),
        BenchResult(
            "title_index_ready",
            round(ready * 1000, 1),
            "ms",
            detail={"includes": "database read, embeddings load, lexical index"},
        ),
    ]


@bench("exposure")
def bench_exposure(ctx: BenchContext) -> list[BenchResult]:
    from app.commands.exposure import exposure_records

    encoder, texts = ctx.encoder, ctx.task_texts
    matcher = ctx.matcher
    matcher.tasks()
    encoder.score(texts[:64])  # warm up
    blend = ctx.exposure_blend
    full = ctx.median(lambda: exposure_records(encoder, matcher, blend, texts))

    # The app's scoring against the same batches tokenised beforehand and run straight through
    # onnxruntime the same way (the same single-thread worker sessions side by side, or the one
    # session), alternating so that load from other processes hits both alike. The plain
    # one-session run is reported too.
    tokens = encoder.token_batches(texts, DEFAULT_BATCH_SIZE)
    batches = tokens.batches
    feeds = [tokens.feed(batch) for batch in batches]
    session = encoder.session
    workers = encoder.worker_sessions() if len(batches) >= PARALLEL_MIN_BATCHES else []
    outputs = ["embedding", "exposure_probs"]

    def raw_single() -> None:
        for feed in feeds:
            session.run(outputs, feed)

    def raw_same() -> None:
        if not workers:
            raw_single()
            return
        with ThreadPoolExecutor(len(workers)) as pool:
            shares = [feeds[i :: len(workers)] for i in range(len(workers))]
            list(pool.map(lambda w, share: [w.run(outputs, f) for f in share], workers, shares))

    app_times, raw_times, single_times = [], [], []
    for _ in range(ctx.runs):
        app_times.append(ctx.median(lambda: encoder.score(texts), 1))
        raw_times.append(ctx.median(raw_same, 1))
        single_times.append(ctx.median(raw_single, 1))
    score, raw = statistics.median(app_times), statistics.median(raw_times)
    ratio = statistics.median(a / r for a, r in zip(app_times, raw_times, strict=True))
    return [
        BenchResult(
            "exposure_throughput",
            round(len(texts) / full, 1),
            "texts/s",
            goal=1500,
            higher_is_better=True,
            detail={"texts": len(texts), "includes": "model + nearest O*NET task"},
        ),
        BenchResult(
            "scoring_throughput",
            round(len(texts) / score, 1),
            "texts/s",
            higher_is_better=True,
            detail={"includes": "tokenise + model"},
        ),
        BenchResult(
            "app_vs_raw_onnxruntime",
            round(ratio, 3),
            "ratio",
            goal=1.5,
            detail={
                "app_ms": round(score * 1000, 1),
                "raw_ms": round(raw * 1000, 1),
                "raw_sessions": max(1, len(workers)),
                "raw_one_session_ms": round(statistics.median(single_times) * 1000, 1),
            },
        ),
    ]


def _result(row: dict[str, Any]) -> BenchResult:
    core = {"name", "value", "unit", "goal"}
    return BenchResult(
        row["name"],
        row["value"],
        row["unit"],
        goal=row.get("goal"),
        detail={k: v for k, v in row.items() if k not in core},
    )


@bench("engine")
def bench_engine(ctx: BenchContext) -> list[BenchResult]:
    from app.core.engine import Engine
    from app.core.engine_bench import bench_analyze, bench_transitions

    engine = Engine(ctx.encoder, matcher=ctx.matcher)
    return [
        _result(bench_transitions(engine, runs=max(ctx.runs, 5))),
        _result(bench_analyze(engine, runs=max(ctx.runs, 5))),
    ]


@bench("gui")
def bench_gui(ctx: BenchContext) -> list[BenchResult]:
    """Start-up of the real window in fresh processes (offscreen): shown, model ready."""
    return [_result(row) for row in gui_startup_figures(ctx.runs)]


def gui_startup_figures(runs: int) -> list[dict[str, Any]]:
    """The desktop app's own start-up bench (app/ui/bench.py), run in a child process so that the
    command line never imports the GUI; the frozen app runs it from a runtime hook."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        env["SKILLSHIFT_BENCH_GUI"] = str(runs)
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "app.ui.bench", str(runs)]
    # Each start in it has its own time limit, so the child always ends.
    proc = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=None if getattr(sys, "frozen", False) else Path(__file__).resolve().parents[2],
    )
    if proc.returncode != 0:
        raise RuntimeError(f"start-up bench failed: {proc.stderr.strip() or proc.stdout.strip()}")
    rows: list[dict[str, Any]] = json.loads(proc.stdout)
    return rows


def _run(args: argparse.Namespace) -> int:
    names = args.only or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(
            f"skillshift: unknown bench {', '.join(unknown)}; choose from {', '.join(BENCHES)}",
            file=sys.stderr,
        )
        return 2
    ctx = BenchContext(args)
    results: list[BenchResult] = []
    for name in names:
        results.extend(BENCHES[name](ctx))
    info = ctx.encoder.session_info
    report = {
        "provider": info.provider,
        "threads": info.threads,
        "runs": ctx.runs,
        "cpus": os.cpu_count(),
        "platform": f"{platform.machine()} {platform.system()}",
        "benches": [{**asdict(r), "meets_goal": r.meets_goal} for r in results],
    }
    if args.json:
        write_json(report)
        return 0
    print(f"provider {info.provider}, {info.threads} threads, median of {ctx.runs} runs")
    for r in results:
        goal = ""
        if r.goal is not None:
            sign = "≥" if r.higher_is_better else "≤"
            goal = f"  (goal {sign} {r.goal:g}: {'ok' if r.meets_goal else 'MISSED'})"
        print(f"  {r.name:26} {r.value:>10g} {r.unit}{goal}")
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help="measure speed of the model and search")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--runs",
        type=positive_int,
        default=5,
        metavar="N",
        help="runs per measurement; the median is reported (default 5)",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="BENCH", help=f"run only these ({', '.join(BENCHES)})"
    )
    add_runtime_arguments(parser)
    parser.set_defaults(handler=_run)
