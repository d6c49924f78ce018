"""Test-wide setup: offscreen Qt, isolated user data, and no network for anything."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent

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
