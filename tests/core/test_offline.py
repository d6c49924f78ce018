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
        "try:\n"
        "    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
        "except OSError as exc:\n"
        "    print('refused', exc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=offline_env,
        timeout=60,
        check=False,
    )
    assert "refused" in proc.stdout
    log = Path(offline_env["SKILLSHIFT_NETWORK_LOG"])
    assert log.exists() and "socket.connect" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "stdin"), CLI_RUNS, ids=[a[0] for a, _ in CLI_RUNS])
def test_cli_command_opens_no_connection(
    args: list[str], stdin: str, offline_env: dict[str, str]
) -> None:
    proc = _run(args, stdin, offline_env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    log = Path(offline_env["SKILLSHIFT_NETWORK_LOG"])
    assert not log.exists(), log.read_text(encoding="utf-8")
