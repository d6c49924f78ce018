"""The app never opens a network connection: every CLI command runs under a guard that refuses one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CLI_RUNS: list[tuple[list[str], str]] = [
    (["info", "29-1141.00", "--json"], ""),
    (["match", "--jsonl"], "registered nurse\nsr accounts payable clerk\n"),
    (["exposure", "--jsonl"], "Prepare tax returns for individuals.\n"),
    (["transitions", "43-3031.00", "--top", "3", "--jsonl"], ""),
    (["--smoke-test"], ""),
    (["--version"], ""),
]


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


def test_guard_catches_a_connection_attempt(offline_env: dict[str, str], tmp_path: Path) -> None:
    """The guard is real: a child that tries to reach the network is refused and logged."""
    code = (
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
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=offline_env,
        timeout=60,
        check=False,
    )
    assert proc.stdout.count("refused") == 2
    log = Path(offline_env["SKILLSHIFT_NETWORK_LOG"]).read_text(encoding="utf-8")
    assert "socket.getaddrinfo" in log
    assert "socket.connect" in log


@pytest.mark.parametrize(("args", "stdin"), CLI_RUNS, ids=[a[0].lstrip("-") for a, _ in CLI_RUNS])
def test_cli_command_opens_no_connection(
    args: list[str], stdin: str, offline_env: dict[str, str]
) -> None:
    proc = _run(args, stdin, offline_env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    log = Path(offline_env["SKILLSHIFT_NETWORK_LOG"])
    assert not log.exists(), log.read_text(encoding="utf-8")
