"""Offline at the level of system calls: every command and the window under `strace -f`.

The guards in test_offline.py see Python's socket module only; onnxruntime's telemetry client is
native code. Here each run is traced by the kernel's view of it: no process or thread may
connect or send to an internet address (AF_INET/AF_INET6), and nothing may appear under
$HOME/.cache/Microsoft (where onnxruntime's client keeps its device id and event database).
Each process stays alive at least LINGER_S seconds after its model loaded: the client starts
resolving its server a few seconds after a session loads.

A control run with the app's switch taken out (app/offline.py replaced by a no-op) must be
caught by the same checks, so a silent harness cannot pass for an offline app.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_offline import CLI_RUNS, PROFILE, _profile

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

LINGER_S = 20.0
RUN_TIMEOUT_S = 420.0
PARALLEL_RUNS = 4
# Variables that make onnxruntime keep quiet by itself (its CI detection and test harness flag,
# onnxruntime/core/platform/telemetry_environment.h): removed, so only the app's own switch can
# keep it quiet. ORT_DISABLE_TELEMETRY=0 is passed in: the app must override it.
ORT_QUIETING_VARIABLES = (
    "CI",
    "TF_BUILD",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "CIRCLECI",
    "TRAVIS",
    "JENKINS_URL",
    "CODEBUILD_BUILD_ID",
    "BUILDKITE",
    "TEAMCITY_VERSION",
    "APPVEYOR",
    "BITBUCKET_BUILD_NUMBER",
    "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
    "ORT_RUNNING_UNIT_TESTS",
)
# The one local service the app may reach: printing asks the desktop's CUPS scheduler (libcups,
# loaded by Qt's print support) at localhost:631 when no local socket answers. SECURITY.md says so.
CUPS_PORT = 631
LOOPBACK = re.compile(
    r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|inet_pton\(AF_INET6, "::ffff:127\.'
)
NETWORK_CALL = re.compile(r"\b(connect|sendto|sendmsg|sendmmsg|bind)\(")

# The child: the CLI's own entry (app.cli.main, as `python -m app` runs it), then LINGER seconds
# more in the same process. With "off", app/offline.py is replaced by a no-op before the app is
# imported: the app as it would be without its switch (the control run).
_CHILD = """
import sys, time, types
linger, switch, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
if switch == "off":
    stub = types.ModuleType("app.offline")
    stub.TELEMETRY_SWITCHES = {}
    stub.disable_telemetry = lambda: True
    sys.modules["app.offline"] = stub
from app.cli import main
try:
    code = main(argv)
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 0
sys.stdout.flush()
time.sleep(linger)
sys.exit(code)
"""


@dataclass(frozen=True)
class TracedRun:
    name: str
    returncode: int
    stdout: str
    stderr: str
    network: list[str]  # traced calls towards an internet address (CUPS on loopback excepted)
    cups: list[str]  # calls to the local print service
    microsoft: list[str]  # files and folders under $HOME/.cache/Microsoft
    seconds: float


def strace_or_skip() -> str:
    """The strace executable; skip only where tracing is impossible, fail where it is missing."""
    if not sys.platform.startswith("linux"):
        pytest.skip("system-call tracing uses strace, which exists on Linux only")
    exe = shutil.which("strace")
    if exe is None:
        pytest.fail("strace is not installed: `make sysdeps` installs it (.ci/debian-packages.txt)")
    probe = subprocess.run(
        [exe, "-f", "-o", os.devnull, "true"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace processes here (ptrace refused?): {probe.stderr.strip()}")
    return exe


def network_calls(trace: str) -> tuple[list[str], list[str]]:
    """(calls towards an internet address, calls to CUPS on loopback) in an strace log."""
    network, cups = [], []
    for line in trace.splitlines():
        if not NETWORK_CALL.search(line) or "AF_INET" not in line:
            continue
        local_print = f"htons({CUPS_PORT})" in line and LOOPBACK.search(line) is not None
        (cups if local_print and line.split()[1].startswith("connect(") else network).append(line)
    return network, cups


def _environment(home: Path, root: Path) -> dict[str, str]:
    # No XDG_* folders either: onnxruntime's client writes under $XDG_CACHE_HOME when it is set,
    # and under $HOME/.cache otherwise; both then lie in the temporary HOME.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ORT_QUIETING_VARIABLES and not k.startswith("XDG_")
    }
    runtime = root / "xdg-runtime"
    runtime.mkdir(mode=0o700)
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        ORT_DISABLE_TELEMETRY="0",
    )
    env.pop("SKILLSHIFT_DATA_DIR", None)
    return env


def traced_run(
    strace: str, root: Path, name: str, args: list[str], stdin: str, switch: str = "on"
) -> TracedRun:
    """One command under strace; stdin lines: the first, then LINGER_S after the first answer,
    the rest (the process idles with its model loaded, as in an interactive session)."""
    home = root / "home"
    home.mkdir(parents=True)
    log = root / "strace.log"
    lines = stdin.splitlines(keepends=True)
    linger = 0.0 if lines else LINGER_S
    argv = [str(_profile(root)) if a == PROFILE else a for a in args]
    command = [
        strace,
        "-f",
        "-qq",
        "-s",
        "80",
        "-e",
        "trace=connect,sendto,sendmsg,sendmmsg,bind",
        "-o",
        str(log),
        sys.executable,
        "-c",
        _CHILD,
        str(linger),
        switch,
        "--data-dir",
        str(root / "data"),
        *argv,
    ]
    start = time.monotonic()
    proc = subprocess.Popen(
        command,
        cwd=root,
        env=_environment(home, root),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    out: list[str] = []
    try:
        if lines:
            proc.stdin.write(lines[0])
            proc.stdin.flush()
            out.append(proc.stdout.readline())  # the model has loaded and answered
            time.sleep(LINGER_S)
            proc.stdin.write("".join(lines[1:]))
        proc.stdin.close()
        out.append(proc.stdout.read())
        proc.wait(timeout=RUN_TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(timeout=10)
    network, cups = network_calls(log.read_text(encoding="utf-8", errors="replace"))
    microsoft = home / ".cache" / "Microsoft"
    created = (
        sorted(str(p.relative_to(home)) for p in microsoft.rglob("*")) if microsoft.exists() else []
    )
    if microsoft.exists():
        created.insert(0, str(microsoft.relative_to(home)))
    return TracedRun(
        name,
        proc.returncode,
        "".join(out),
        "".join(stderr),
        network,
        cups,
        created,
        time.monotonic() - start,
    )


RUNS: list[tuple[str, list[str], str, str]] = [
    (args[0].lstrip("-"), args, stdin, "on") for args, stdin in CLI_RUNS
] + [("control-switch-removed", ["match", "--jsonl"], "registered nurse\ncook\n", "off")]


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, TracedRun]]:
    """Every run at once (a few in parallel): each lingers, so one after another would be slow."""
    strace = strace_or_skip()

    # Folders first, in this thread: pytest's temporary-path factory is not thread-safe.
    folders = {name: tmp_path_factory.mktemp(f"trace-{name}") for name, *_ in RUNS}

    def one(item: tuple[str, list[str], str, str]) -> TracedRun:
        name, args, stdin, switch = item
        return traced_run(strace, folders[name], name, args, stdin, switch)

    with ThreadPoolExecutor(PARALLEL_RUNS) as pool:
        results = {run.name: run for run in pool.map(one, RUNS)}
    summary = {
        name: {
            "exit": run.returncode,
            "seconds": round(run.seconds, 1),
            "network_calls": len(run.network),
            "cups_calls": len(run.cups),
            "microsoft_cache": len(run.microsoft),
        }
        for name, run in results.items()
    }
    print("\nstrace summary: " + json.dumps(summary, indent=1))
    yield results


@pytest.mark.parametrize("name", [name for name, _a, _s, switch in RUNS if switch == "on"])
def test_no_internet_system_call_and_no_telemetry_files(
    traced: dict[str, TracedRun], name: str
) -> None:
    run = traced[name]
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert not run.network, "\n".join(run.network[:20])
    assert not run.microsoft, f"onnxruntime's telemetry wrote {run.microsoft}"
    if name != "smoke-test":
        assert not run.cups, "only printing may talk to the print service"


def test_the_harness_catches_telemetry_when_the_switch_is_removed(
    traced: dict[str, TracedRun],
) -> None:
    """The same checks on the app without its switch: onnxruntime's client shows up."""
    run = traced["control-switch-removed"]
    assert run.returncode == 0, run.stderr[-2000:]
    # The device id and event database are written as soon as onnxruntime initialises.
    assert any(part.endswith("deviceid") for part in run.microsoft), run.microsoft
    # The upload needs a CA bundle (onnxruntime skips HTTPS without one) and a configured
    # resolver; where both exist, its DNS lookups must have been seen.
    if Path("/etc/ssl/certs/ca-certificates.crt").is_file() and _has_nameserver():
        assert run.network, "the trace saw no lookup from onnxruntime's telemetry client"


def _has_nameserver() -> bool:
    try:
        text = Path("/etc/resolv.conf").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(line.split()[:1] == ["nameserver"] for line in text.splitlines())
