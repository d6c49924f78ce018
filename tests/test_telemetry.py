"""onnxruntime's telemetry is switched off, in one place, before it is imported: every entry point."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.offline import TELEMETRY_SWITCHES
from tests.conftest import REPO

SWITCH = "ORT_DISABLE_TELEMETRY"

# What runs first in a child, then reports the switch as onnxruntime would read it at import.
_PROBE = """
import os, runpy, sys
entry, argv = sys.argv[1], sys.argv[2:]
seen = {}

class Watch:
    # Notes the switch at the moment onnxruntime is first imported.
    def find_spec(self, name, path=None, target=None):
        if name == "onnxruntime" and "at_import" not in seen:
            seen["at_import"] = os.environ.get("ORT_DISABLE_TELEMETRY")
        return None

sys.meta_path.insert(0, Watch())
sys.argv = [entry, *argv]
try:
    if entry.endswith(".py"):
        runpy.run_path(entry, run_name="__main__")
    else:
        runpy.run_module(entry, run_name="__main__", alter_sys=True)
except SystemExit:
    pass
if "at_import" not in seen:
    import onnxruntime
print("SWITCH", seen["at_import"], flush=True)
"""

# `python -m app.X` and `python -m models.X` go through their package's __init__ first; the
# training scripts (make_model, fit_activity_vote) need the `train` extra and are not run here.
ENTRY_POINTS: list[tuple[str, list[str]]] = [
    ("app", ["--version"]),  # the CLI and the GUI: python -m app
    ("models.build_index", ["--help"]),
    ("models.search_card", ["--help"]),
    (str(REPO / "resources" / "build_resources.py"), ["--help"]),
    (str(REPO / "resources" / "build_transitions.py"), ["--help"]),
    (str(REPO / "packaging" / "pyi_rth_skillshift_offline.py"), []),  # the frozen bundle's hook
]


@pytest.mark.parametrize(
    ("entry", "argv"), ENTRY_POINTS, ids=[Path(e).stem if "/" in e else e for e, _ in ENTRY_POINTS]
)
def test_switch_is_on_before_onnxruntime_is_imported(entry: str, argv: list[str]) -> None:
    """An inherited ORT_DISABLE_TELEMETRY=0 is overridden before onnxruntime can read it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({SWITCH: "0", "PYTHONPATH": str(REPO)})
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, entry, *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert re.search(r"^SWITCH 1$", proc.stdout, re.M), (proc.stdout[-500:], proc.stderr[-2000:])


def test_the_switch_lives_in_one_place() -> None:
    """Only app/offline.py names the variable; everything else calls disable_telemetry()."""
    assert TELEMETRY_SWITCHES == {SWITCH: "1"}
    hits = []
    for folder in ("app", "models", "resources", "packaging"):
        for file in (REPO / folder).rglob("*.py"):
            if SWITCH in file.read_text(encoding="utf-8"):
                hits.append(file.relative_to(REPO).as_posix())
    if SWITCH in (REPO / "build.spec").read_text(encoding="utf-8"):
        hits.append("build.spec")
    assert hits == ["app/offline.py"]


def test_frozen_bundle_runs_the_offline_hook_first() -> None:
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    hooks = re.findall(r'"(pyi_rth_[a-z_]+\.py)"', spec)
    assert hooks[0] == "pyi_rth_skillshift_offline.py", hooks
    hook = ast.parse((REPO / "packaging" / "pyi_rth_skillshift_offline.py").read_text())
    calls = [
        n.func.id
        for n in ast.walk(hook)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    assert calls == ["disable_telemetry"]


def test_onnxruntime_is_pinned_to_the_version_whose_switch_was_checked() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pins = re.findall(r'"onnxruntime\s*([=<>~!][^"]*)"', text)
    assert pins == ["==1.32.0"], pins
    assert importlib.metadata.version("onnxruntime") == "1.32.0"
    make = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"onnxruntime-gpu==\$\(ORT_GPU_VERSION\)", make)
