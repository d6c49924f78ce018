"""The app never opens a network connection: every CLI command runs under a guard that refuses one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, guard_dir

PROFILE = "{profile}"  # replaced by the path of a profile file written for the run
CLI_RUNS: list[tuple[list[str], str]] = [
    (["info", "29-1141.00", "--json"], ""),
    (["match", "--jsonl"], "registered nurse\nsr accounts payable clerk\n"),
    (["exposure", "--jsonl"], "Prepare tax returns for individuals.\n"),
    (["transitions", "43-3031.00", "--top", "3", "--jsonl"], ""),
    (["analyze", PROFILE, "--json"], ""),
    (["plan", PROFILE, "--target", "29-1141.00", "--json"], ""),
    (["eval", "match", "--limit", "5", "--json"], ""),
    (["bench", "--only", "session", "match", "--runs", "1", "--json"], ""),
    (["--smoke-test"], ""),
    (["--version"], ""),
]
# Every command the CLI registers must appear above (a new command cannot dodge the check).
COVERED = {args[0] for args, _ in CLI_RUNS}


def _profile(folder: Path) -> Path:
    file = folder / "profile.json"
    data = {
        "schema": 1,
        "alias": "Sam",
        "occupation": {"code": "43-4051.00"},
        "tasks": [{"task_id": 2578}, {"text": "answer customer emails"}],
        "skills": [{"kind": "text", "value": "microsoft excel"}],
    }
    file.write_text(json.dumps(data), encoding="utf-8")
    return file


_PATCH = """
import os
import runpy
import socket

# The audit-hook guard first, then the socket module itself patched: a library that bypassed
# the audit events would still find nothing to connect with.
runpy.run_path({guard!r})


def _refuse(*args, **kwargs):
    log = os.environ.get("SKILLSHIFT_NETWORK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"patched socket call {{args[1:]!r}}\\n")
    raise ConnectionRefusedError("network access is forbidden (patched socket)")


def _connect(self, address):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect(self, address)
    return _refuse(self, address)


_real_connect = socket.socket.connect
socket.socket.connect = _connect
socket.socket.connect_ex = _connect
socket.create_connection = lambda *a, **k: _refuse(None, *a)
socket.getaddrinfo = lambda *a, **k: _refuse(None, *a)
"""


@pytest.fixture
def strict_env(offline_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """offline_env plus a patched socket module in the child."""
    folder = tmp_path / "guard"
    folder.mkdir()
    guard = guard_dir() / "sitecustomize.py"
    (folder / "sitecustomize.py").write_text(_PATCH.format(guard=str(guard)), encoding="utf-8")
    env = dict(offline_env)
    env["PYTHONPATH"] = os.pathsep.join([str(folder), str(REPO)])
    return env


def _run(args: list[str], stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
        check=False,
    )


_ATTEMPTS = (
    "import socket\n"
    "for attempt in (\n"
    "    lambda: socket.create_connection(('example.org', 80), timeout=1),\n"
    "    lambda: socket.socket().connect(('192.0.2.1', 80)),\n"
    "):\n"
    "    try:\n"
    "        attempt()\n"
    "    except OSError as exc:\n"
    "        print('refused', exc)\n"
)


@pytest.mark.parametrize("strict", [False, True], ids=["audit-hook", "patched-socket"])
def test_guard_catches_a_connection_attempt(
    strict: bool, offline_env: dict[str, str], strict_env: dict[str, str]
) -> None:
    """Each guard is real on its own: a child that tries to reach the network is refused and logged."""
    env = strict_env if strict else offline_env
    proc = subprocess.run(
        [sys.executable, "-c", _ATTEMPTS],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.stdout.count("refused") == 2
    log = Path(env["SKILLSHIFT_NETWORK_LOG"]).read_text(encoding="utf-8")
    if strict:
        assert log.count("patched socket call") == 2
    else:
        assert "socket.getaddrinfo" in log
        assert "socket.connect" in log


# The runs that load the model (in the child) are marked so that `make test-fast` leaves them out.
WITHOUT_MODEL = {"info", "--version"}


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        pytest.param(
            args,
            stdin,
            id=args[0].lstrip("-"),
            marks=() if args[0] in WITHOUT_MODEL else pytest.mark.model,
        )
        for args, stdin in CLI_RUNS
    ],
)
def test_cli_command_opens_no_connection(
    args: list[str], stdin: str, strict_env: dict[str, str], tmp_path: Path
) -> None:
    profile = str(_profile(tmp_path))
    proc = _run([profile if a == PROFILE else a for a in args], stdin, strict_env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    log = Path(strict_env["SKILLSHIFT_NETWORK_LOG"])
    assert not log.exists(), log.read_text(encoding="utf-8")


def test_every_cli_command_is_covered() -> None:
    import argparse

    from app import cli

    parser = cli.build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    commands = {name for action in actions for name in action.choices}
    assert commands, "no subcommands found"
    assert commands <= COVERED, f"not run under the network guard: {sorted(commands - COVERED)}"
