"""The app in a real X window (Xvfb), driven by keyboard as a person would: the quit crash was
seen there, after a session of edits, and never offscreen in a short test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.ui.conftest import CODE

XVFB = shutil.which("Xvfb")
XDOTOOL = shutil.which("xdotool")
START_TIMEOUT_S = 60.0
LOAD_TIMEOUT_S = 120.0
QUIT_TIMEOUT_S = 30.0
# Each keystroke in the name field is an edit; a few hundred of them are a short session.
LONG_NAME = "a client whose name is typed slowly, key by key " * 6

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        XVFB is None or XDOTOOL is None,
        reason="needs a real X server: Xvfb and xdotool are not installed "
        "(Debian: `make sysdeps` installs them with the libxcb set, from .ci/debian-packages.txt)",
    ),
]


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A private Xvfb server; its display number is chosen by the server (-displayfd)."""
    assert XVFB is not None
    read, write = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-screen", "0", "1366x850x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    end = time.monotonic() + START_TIMEOUT_S
    while not number.endswith(b"\n") and time.monotonic() < end:
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    if not number.strip():
        server.kill()
        pytest.skip("Xvfb did not start (no display number came back)")
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(timeout=10)


def _xdo(env: dict[str, str], *args: str) -> str:
    assert XDOTOOL is not None
    done = subprocess.run(
        [XDOTOOL, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )
    return done.stdout.strip()


def _find_window(env: dict[str, str], app: subprocess.Popen[str]) -> str:
    """The main window's id, once it is mapped."""
    end = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < end:
        assert app.poll() is None, f"the app ended at start: {app.communicate()[1][-2000:]}"
        found = _xdo(env, "search", "--onlyvisible", "--name", "SkillShift").split()
        if found:
            return found[-1]
        time.sleep(0.3)
    raise AssertionError("the window did not appear")


def _until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    end = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.2)


def _draft_code(draft: Path) -> str | None:
    try:
        state = json.loads(draft.read_text("utf-8"))["state"]
    except (OSError, ValueError, KeyError):
        return None
    code = state.get("profile", {}).get("occupation", {}).get("code")
    return str(code) if code else None


def test_a_session_of_edits_then_quit_never_crashes(x_display: str, tmp_path: Path) -> None:
    for round_ in range(2):
        data = tmp_path / f"data{round_}"
        env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
        app = subprocess.Popen(
            [sys.executable, "-X", "faulthandler", "-m", "app", "--data-dir", str(data)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            window = _find_window(env, app)
            _xdo(env, "windowfocus", "--sync", window)
            _xdo(env, "type", "--delay", "5", LONG_NAME)  # the name field has the focus
            _xdo(env, "key", "ctrl+a")
            _xdo(env, "type", "--delay", "20", "P1 dev")
            _xdo(env, "key", "Tab")
            _xdo(env, "type", "--delay", "20", "bookkeeping clerk")
            _xdo(env, "key", "Return")  # decided once the model has loaded and matched
            _until(
                lambda d=data: _draft_code(d / "draft.json") == CODE,
                LOAD_TIMEOUT_S,
                "the occupation to be chosen (the autosaved draft names it)",
            )
            for _ in range(3):
                _xdo(env, "key", "space", "Down")  # tick tasks from the keyboard
            _xdo(env, "key", "ctrl+s")
            _until(
                lambda d=data: any((d / "profiles").glob("*/profile.json")),
                QUIT_TIMEOUT_S,
                "Ctrl+S to save the client",
            )
            # The platform adds the application's name once.
            assert _xdo(env, "getwindowname", window) == "P1 dev — SkillShift"
            _xdo(env, "key", "ctrl+q")
            code = app.wait(timeout=QUIT_TIMEOUT_S)
        finally:
            if app.poll() is None:
                app.kill()
            _out, err = app.communicate(timeout=QUIT_TIMEOUT_S)
        assert "Fatal Python error" not in err, err
        assert code == 0, f"exit code {code}: {err[-2000:]}"
