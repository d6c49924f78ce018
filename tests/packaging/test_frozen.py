"""Frozen smoke test: the PyInstaller bundle starts offscreen, answers the CLI and stays offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

BUNDLE = REPO / "dist" / "SkillShift"
EXECUTABLE = BUNDLE / ("SkillShift.exe" if sys.platform == "win32" else "SkillShift")
BUILD_TIMEOUT_S = 3600
RUN_TIMEOUT_S = 300
# Run only when asked (make test-dist). The bundle is built (make dist) inside the first test
# when it is missing, so pytest's own limit for each test covers a build and a run.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.dist,
    pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S),
]
# stderr lines a healthy start may print (Qt's notes about the sandboxed environment).
ALLOWED_STDERR = (re.compile(r"^QStandardPaths: "),)
RN = "29-1141.00"  # Registered Nurses
# Only these Qt bindings belong in the bundle (build.spec QT_KEEP).
QT_BINDINGS = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}


@pytest.fixture(scope="session")
def frozen() -> Path:
    """The built executable; `make dist` builds it when it is missing."""
    if os.environ.get("SKILLSHIFT_SKIP_DIST") == "1":
        pytest.skip("SKILLSHIFT_SKIP_DIST=1: the frozen bundle is not built or tested")
    if not EXECUTABLE.is_file():
        make = shutil.which("make")
        if make is None:
            pytest.skip(f"{EXECUTABLE} is missing and there is no `make` to build it")
        proc = subprocess.run(
            [make, "dist"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
        assert proc.returncode == 0, (
            f"make dist failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    assert EXECUTABLE.is_file(), f"make dist did not produce {EXECUTABLE}"
    return EXECUTABLE


def frozen_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: nothing from the source tree or the test venv leaks into the bundle."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "SKILLSHIFT_", "QT_", "VIRTUAL_ENV"))
    }
    runtime = tmp_path / "xdg-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        XDG_RUNTIME_DIR=str(runtime),
    )
    return env


def run_frozen(
    exe: Path, tmp_path: Path, *args: str, stdin: str = "", prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, str(exe), "--data-dir", str(tmp_path / "data"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=frozen_env(tmp_path),
        cwd=tmp_path,  # not the repo: the bundle must find its files by itself
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def unexpected(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(p.search(line) for p in ALLOWED_STDERR)
    ]


def test_smoke_test_offscreen(frozen: Path, tmp_path: Path) -> None:
    proc = run_frozen(frozen, tmp_path, "--smoke-test")
    assert proc.returncode == 0, proc.stderr
    assert unexpected(proc.stderr) == []
    assert re.search(
        r"smoke test: window [\d.]+ s; 'bookkeeper' -> \d{2}-\d{4}\.\d{2}", proc.stdout
    )
    # The report went through Qt's print system (QtPrintSupport and its plugin load frozen).
    pages = re.search(r"printed (\d+) pages", proc.stdout)
    assert pages and int(pages.group(1)) >= 1, proc.stdout
    # User data went to --data-dir, nothing into the bundle; the database was unpacked there.
    assert (tmp_path / "data").is_dir()
    assert list((tmp_path / "data" / "cache").glob("skillshift-*.db"))


def test_cli_match_and_info(frozen: Path, tmp_path: Path) -> None:
    proc = run_frozen(frozen, tmp_path, "match", "--jsonl", stdin="registered nurse\nrn\n")
    assert proc.returncode == 0, proc.stderr
    assert unexpected(proc.stderr) == []
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [row["query"] for row in rows] == ["registered nurse", "rn"]
    assert rows[0]["matches"][0]["code"] == RN
    assert RN in {m["code"] for m in rows[1]["matches"]}

    proc = run_frozen(frozen, tmp_path, "info", RN, "--json")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["code"] == RN
    assert info["title"] == "Registered Nurses"


def test_cli_error_is_a_message_not_a_traceback(frozen: Path, tmp_path: Path) -> None:
    proc = run_frozen(frozen, tmp_path, "info", "99-9999.99", "--json")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "unknown occupation code: 99-9999.99" in proc.stderr


def test_bundle_contents(frozen: Path) -> None:
    """Resources at the paths app/paths.py expects; no training code, torch or unused Qt."""
    internal = frozen.parent / "_internal"
    root = internal if internal.is_dir() else frozen.parent
    for rel in (
        "resources/skillshift.db.gz",
        "resources/checksums.json",
        "resources/transitions.npz",
        "models/skillshift-encoder.onnx",
        "models/tokenizer.json",
        "models/manifest.json",
        "models/embeddings.npz",
        "models/title_head.npz",
        "models/activity_vote.json",
        "models/LICENSE",
        "models/NOTICE",
        "app/ui/i18n/skillshift_zh_CN.qm",
        "LICENSE",
    ):
        assert (root / rel).is_file(), f"{rel} is missing from the bundle"
    assert not list((root / "models").glob("*.py")), "training code was bundled"
    assert not list((root / "resources").glob("*.py")), "resource build code was bundled"
    assert not (root / "torch").exists()
    assert not (root / "resources" / "skillshift.db").exists(), "the database ships compressed"
    bindings = {p.name.split(".")[0] for p in (root / "PySide6").glob("Qt*.*")}
    assert bindings == QT_BINDINGS
    qms = {p.name for p in root.rglob("*.qm") if "translations" in p.parts}
    assert qms <= {"qtbase_zh_CN.qm"}
    if sys.platform.startswith("linux"):
        # Left to the system: CUPS (printing) and TLS (the app opens no connection).
        names = {p.name for p in root.iterdir()}
        assert not {n for n in names if n.startswith(("libcups.", "libssl.", "libgnutls."))}
        assert not list(root.glob("python3*/lib-dynload/_ssl.*"))
    if not list(root.rglob("libonnxruntime_providers_cuda*")):  # the GPU variant is larger
        size = sum(
            p.lstat().st_size for p in frozen.parent.rglob("*") if not p.is_dir() or p.is_symlink()
        )
        assert size <= 300_000_000, f"bundle is {size / 1e6:.1f} MB, over 300 MB"

    archive = pytest.importorskip("PyInstaller.archive.readers")
    pyz_name = next(n for n in archive.CArchiveReader(str(frozen)).toc if n.endswith(".pyz"))
    modules = archive.CArchiveReader(str(frozen)).open_embedded_archive(pyz_name).toc
    assert "app.core.engine" in modules
    leaked = sorted(
        m
        for m in modules
        if m.split(".")[0] in {"models", "resources", "tests", "torch", "tkinter", "pytest"}
    )
    assert leaked == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux-only")
def test_frozen_app_opens_no_network_connection(frozen: Path, tmp_path: Path) -> None:
    """The bundle carries onnxruntime's telemetry client too: under strace, the smoke test and a
    `match` that idles 20 s with its model loaded reach no internet address (printing may ask
    CUPS on localhost:631), and nothing appears under $HOME/.cache/Microsoft."""
    from tests.test_offline_syscalls import LINGER_S, network_calls, strace_or_skip

    strace = strace_or_skip()
    log = tmp_path / "connect.log"
    prefix = (strace, "-f", "-e", "trace=connect,sendto,sendmsg,sendmmsg,bind", "-o", str(log))
    proc = run_frozen(frozen, tmp_path, "--smoke-test", prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    env = frozen_env(tmp_path)
    child = subprocess.Popen(
        [
            *prefix[:-1],
            str(log) + ".match",
            str(frozen),
            "--data-dir",
            str(tmp_path / "data"),
            "match",
            "--jsonl",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("registered nurse\n")
    child.stdin.flush()
    assert child.stdout.readline().startswith('{"query"')
    time.sleep(LINGER_S)
    child.stdin.write("cook\n")
    child.stdin.close()
    child.stdout.read()
    assert child.wait(timeout=RUN_TIMEOUT_S) == 0
    traced = log.read_text() + Path(str(log) + ".match").read_text()
    assert "+++ exited with 0 +++" in traced, "strace did not follow the app"
    network, _cups = network_calls(traced)
    assert network == [], "\n".join(network)
    assert not (Path(env["HOME"]) / ".cache" / "Microsoft").exists()
    assert not (Path(env["XDG_CACHE_HOME"]) / "Microsoft").exists()
