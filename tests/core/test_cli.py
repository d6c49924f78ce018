"""The CLI dispatcher: version, help, usage errors, and no traceback on bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app import __version__
from app.cli import build_parser, main
from tests.conftest import REPO


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_registered_commands() -> None:
    parser = build_parser()
    text = parser.format_help()
    for name in ("info", "match", "exposure", "bench"):
        assert name in text


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_python_dash_m_app_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert "skillshift" in proc.stdout
