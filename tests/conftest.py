"""Test-wide setup: offscreen Qt, isolated user data, and no network for anything."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
