"""Start-up figures of the desktop app: window shown, model ready (search), skills graph ready.

`startup_figures(runs)` starts the app offscreen in fresh processes (one warm-up run builds the
caches in a temporary data folder, as a first start would) and returns the medians; the bench
command reports them. `python -m app.ui.bench [RUNS]` prints them as JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WINDOW_GOAL_S = 1.0
MODEL_GOAL_S = 2.0
CHILD_TIMEOUT_S = 240


def _child() -> int:
    """One start: print the seconds from process start to each milestone as one JSON line."""
    started = float(os.environ.get("SKILLSHIFT_BENCH_T0", time.time()))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.application import make_application

    app = make_application()
    from app.ui.main_window import MainWindow
    from app.ui.services import Services
    from app.ui.settings import Settings

    settings = Settings()
    window = MainWindow(Services(settings.provider(), settings.threads()), settings, recover="off")
    window.show()
    app.processEvents()
    marks: dict[str, Any] = {"window_s": time.time() - started}
    window.context.search_ready.connect(lambda: marks.setdefault("model_s", time.time() - started))

    def engine_ready() -> None:
        marks.setdefault("engine_s", time.time() - started)
        app.quit()

    def failed(_token: int, message: str) -> None:
        marks.setdefault("error", message)
        app.quit()

    window.context.engine_ready.connect(engine_ready)
    window.runner.failed.connect(failed)
    app.exec()
    window.close()
    print(json.dumps(marks))
    return 0 if "error" not in marks else 1


def _run_once(data_dir: str) -> dict[str, Any]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["SKILLSHIFT_DATA_DIR"] = data_dir
    env["SKILLSHIFT_BENCH_T0"] = repr(time.time())
    frozen = bool(getattr(sys, "frozen", False))
    if frozen:
        env["SKILLSHIFT_BENCH_CHILD"] = "1"  # a runtime hook of the bundle runs the child
    proc = subprocess.run(
        [sys.executable] if frozen else [sys.executable, "-m", "app.ui.bench", "--child"],
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
        cwd=None if frozen else Path(__file__).resolve().parents[2],
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"start-up bench run failed: {proc.stderr.strip() or proc.stdout.strip()}"
        )
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def startup_figures(runs: int = 5) -> list[dict[str, Any]]:
    """Medians over `runs` warm starts (after one warm-up start that builds the caches)."""
    with tempfile.TemporaryDirectory(prefix="skillshift-bench-") as data_dir:
        first = _run_once(data_dir)
        samples = [_run_once(data_dir) for _ in range(max(1, runs))]

    def median(key: str) -> float:
        return round(statistics.median(s[key] for s in samples), 3)

    return [
        {
            "name": "gui_window_shown",
            "value": median("window_s"),
            "unit": "s",
            "goal": WINDOW_GOAL_S,
            "runs": len(samples),
            "first_start": round(first["window_s"], 3),
        },
        {
            "name": "gui_model_ready",
            "value": median("model_s"),
            "unit": "s",
            "goal": MODEL_GOAL_S,
            "runs": len(samples),
            "first_start": round(first["model_s"], 3),
            "note": "model session and title index loaded: search works",
        },
        {
            "name": "gui_engine_ready",
            "value": median("engine_s"),
            "unit": "s",
            "goal": None,
            "runs": len(samples),
            "first_start": round(first["engine_s"], 3),
            "note": "skills graph loaded: analysis works",
        },
    ]


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--child":
        return _child()
    runs = int(argv[0]) if argv else 5
    print(json.dumps(startup_figures(runs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
