"""Test-wide setup: offscreen Qt, isolated user data, no network for anything, and the bundled
model and engine loaded once per run for the tests marked `model`."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from app.core.encoder import OnnxEncoder
    from app.core.engine import Engine
    from app.core.search import Matcher

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


def write_meta(con: Any) -> Any:
    """The `meta` table every SkillShift database has (the data layer checks its schema)."""
    from app.core.db import SCHEMA_VERSION

    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    return con


def write_title_db(
    path: Path, occupations: list[tuple[str, str]], titles: list[tuple[str, str, str]]
) -> Path:
    """A minimal catalogue for search tests: occupations (code, title) and titles (code, title,
    source); each occupation's official title is added as its `occupation` row."""
    import sqlite3

    con = write_meta(sqlite3.connect(path))
    con.executescript(
        "CREATE TABLE occupations (code TEXT PRIMARY KEY, title TEXT);"
        "CREATE TABLE titles (id INTEGER PRIMARY KEY, code TEXT, title TEXT, source TEXT);"
    )
    con.executemany("INSERT INTO occupations VALUES (?, ?)", occupations)
    rows = [(code, title, "occupation") for code, title in occupations] + titles
    con.executemany("INSERT INTO titles (code, title, source) VALUES (?, ?, ?)", rows)
    con.commit()
    con.close()
    return path


def cpu_has_vnni() -> bool:
    """Whether the CPU multiplies int8 with VNNI (the build machine's path), as Linux reports it."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(flag in flags.split() for flag in ("avx512_vnni", "avx_vnni", "amx_int8"))


# The references were computed where int8 products are summed exactly (VNNI). Without VNNI,
# onnxruntime's u8s8 AVX2 kernel sums pairs of products in int16, which can saturate, so the
# outputs move by up to about 0.015 (measured on an AVX2-only EPYC; its validation figures in
# docs/evaluation.md); there the check is looser and the labels must still agree.
REFERENCE_TOLERANCE = 1e-3 if cpu_has_vnni() else 2.5e-2
REFERENCE_COSINE = 0.9995 if cpu_has_vnni() else 0.99

_BLOCKED_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto"}
network_attempts: list[tuple[str, tuple[object, ...]]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event in _BLOCKED_EVENTS:
        target = args[1] if event in {"socket.connect", "socket.sendto"} and len(args) > 1 else args
        # Unix-domain sockets are local IPC (e.g. a display server), never the network.
        if isinstance(target, str | bytes) and event == "socket.connect":
            return
        network_attempts.append((event, args))
        raise ConnectionRefusedError(
            f"network access is forbidden in SkillShift tests: {event} {target}"
        )


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test touches the real user's folders."""
    from app import paths

    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SKILLSHIFT_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(data / "xdg"))
    # The Documents folder (reports) and everything else under the home folder, too.
    monkeypatch.setenv("HOME", str(data / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)


@pytest.fixture(autouse=True)
def _no_network_attempts() -> Iterator[None]:
    before = len(network_attempts)
    yield
    new = network_attempts[before:]
    assert not new, f"the test tried to open a network connection: {new}"


def guard_dir() -> Path:
    """A folder with a sitecustomize.py that forbids network use in a child Python process."""
    return REPO / "tests" / "offline_guard"


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(guard_dir()), str(REPO)])
    env["SKILLSHIFT_DATA_DIR"] = str(tmp_path / "data")
    env["SKILLSHIFT_NETWORK_LOG"] = str(tmp_path / "network.log")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder` and everything in it made read-only for this process, even as root (chmod for a
    normal user; the immutable attribute for root, whom permissions do not stop). Skips where
    neither works (e.g. a filesystem without chattr support)."""
    import shutil
    import stat
    import subprocess

    folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
    root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
    if root:
        chattr = shutil.which("chattr")
        if chattr is None:
            pytest.skip("running as root without chattr: a read-only folder cannot be made")
        made = subprocess.run([chattr, "-R", "+i", str(folder)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"chattr +i is not supported here: {made.stderr.decode().strip()}")
    else:
        for path in folders:
            path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        probe = folder / "write-probe"
        try:
            probe.write_text("x", encoding="utf-8")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("the folder stays writable here; the read-only case cannot be tested")
        yield folder
    finally:
        if root:
            subprocess.run(["chattr", "-R", "-i", str(folder)], check=False)
        else:
            for path in folders:
                path.chmod(stat.S_IRWXU)


# --------------------------------------------------------------------------- the bundled model

# Fixtures that load the bundled model: a test using one is marked `model` automatically.
MODEL_FIXTURES = frozenset({"encoder", "matcher", "engine", "services", "window", "analysed"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wants_dist = "dist" in (config.getoption("markexpr") or "")
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
        if "dist" in item.keywords and not wants_dist:
            item.add_marker(
                pytest.mark.skip(reason="the frozen bundle is tested when asked: make test-dist")
            )


_model_allowed = threading.Event()


def _guard_model_loading() -> None:
    """Wrap onnxruntime's session constructor once: it fails unless the running test may load
    the model. (A flag, not a per-test patch, so tests that patch onnxruntime themselves restore
    the guard and never a stale stand-in.)"""
    import onnxruntime

    real = onnxruntime.InferenceSession
    if getattr(real, "skillshift_guard", False):
        return

    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not _model_allowed.is_set():
            pytest.fail("this test loads the bundled model: mark it `model`", pytrace=False)
        return real(*args, **kwargs)

    guarded.skillshift_guard = True  # type: ignore[attr-defined]
    onnxruntime.InferenceSession = guarded


@pytest.fixture(autouse=True)
def _model_only_when_marked(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that is not marked `model` must not load the model: `make test-fast` skips the
    marked ones, so an unmarked test that needs the model would slow it down unseen."""
    _guard_model_loading()
    if request.node.get_closest_marker("model") is not None:
        _model_allowed.set()
    else:
        _model_allowed.clear()
    yield
    _model_allowed.set()


@contextlib.contextmanager
def _data_dir(folder: Path) -> Iterator[None]:
    """Caches written while the session's shared objects load go to the session's own folder."""
    from app import paths

    paths.set_data_dir(folder)
    try:
        yield
    finally:
        paths.set_data_dir(None)


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("session-data")


@pytest.fixture(scope="session")
def encoder(session_data_dir: Path) -> OnnxEncoder:
    """The bundled model on the CPU, loaded once for every test that needs it."""
    from app.core.encoder import OnnxEncoder

    with _data_dir(session_data_dir):
        loaded = OnnxEncoder(provider="cpu")
        _ = loaded.session
    return loaded


@pytest.fixture(scope="session")
def matcher(encoder: OnnxEncoder, session_data_dir: Path) -> Matcher:
    """Search over the bundled titles, tasks and skills (its parts build on first use)."""
    from app.core.search import Matcher

    with _data_dir(session_data_dir):
        return Matcher(encoder)


@pytest.fixture(scope="session")
def engine(encoder: OnnxEncoder, matcher: Matcher, session_data_dir: Path) -> Engine:
    """One loaded engine for every engine test (loading takes a few seconds)."""
    from app.core.engine import Engine

    with _data_dir(session_data_dir):
        loaded = Engine(encoder, matcher=matcher)
        loaded.context()
    return loaded
