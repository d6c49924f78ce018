"""`skillshift info CODE [--json]`."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app import paths
from app.cli import main

RN = "29-1141.00"
DB = paths.resource_path("skillshift.db")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["info", *argv, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    data: dict[str, Any] = json.loads(captured.out)
    return data


def test_json_profile_of_registered_nurses(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, RN)
    assert data["code"] == RN
    assert data["title"] == "Registered Nurses"
    assert data["soc2018"] == "29-1141"
    assert data["isco08"]
    assert len(data["tasks"]) >= 20
    assert {t["task_type"] for t in data["tasks"]} <= {"Core", "Supplemental", None}
    assert any(t["human_label"] for t in data["tasks"])
    assert data["onet_skills"]
    assert data["onet_knowledge"]
    assert data["onet_skills"][0]["importance"] >= data["onet_skills"][-1]["importance"]
    assert data["technology"]
    assert data["esco"]["occupations"]
    assert data["esco"]["essential_skills"]
    assert data["esco"]["essential_skills"][0]["uri"].startswith("http://data.europa.eu/esco/")
    wage = data["wage"]
    assert wage["p10"] < wage["median"] < wage["p90"]
    assert wage["employment"] > 0
    outlook = data["outlook"]
    assert isinstance(outlook["growth_pct"], float)
    assert outlook["openings"] > 0
    assert isinstance(outlook["bright"], bool)
    exposure = data["exposure"]
    assert exposure["eloundou"]["human"]["beta"] is not None
    assert exposure["eloundou"]["gpt4"]["beta"] is not None
    assert exposure["microsoft_applicability"] is not None
    assert exposure["anthropic"]["tasks_total"] == len(data["tasks"])
    assert {s["id"] for s in data["sources"]} >= {"onet", "esco", "bls_oews"}
    assert all(s["attribution"] and s["licence"] for s in data["sources"])


def test_json_agrees_with_the_database(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, RN)
    db = sqlite3.connect(f"{DB.as_uri()}?mode=ro", uri=True)
    try:
        tasks = dict(db.execute("SELECT task_id, task FROM tasks WHERE code = ?", (RN,)).fetchall())
        labels = dict(
            db.execute(
                "SELECT task_id, human_label FROM exposure_tasks WHERE code = ?", (RN,)
            ).fetchall()
        )
        median = db.execute("SELECT wage_median FROM occupations WHERE code = ?", (RN,)).fetchone()[
            0
        ]
    finally:
        db.close()
    assert {t["task_id"]: t["task"] for t in data["tasks"]} == tasks
    assert {t["task_id"]: t["human_label"] for t in data["tasks"] if t["human_label"]} == {
        k: v for k, v in labels.items() if v
    }
    assert data["wage"]["median"] == median


@pytest.mark.parametrize("given", ["29-1141", "  29-1141.00  ", "291141"])
def test_code_forms(capsys: pytest.CaptureFixture[str], given: str) -> None:
    assert run_json(capsys, given)["code"] == RN


def test_top_limits_ratings(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, RN, "--top", "3")
    assert len(data["onet_skills"]) == 3
    assert len(data["onet_knowledge"]) == 3


def test_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "29-1141"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{RN}  Registered Nurses")
    for heading in ("Tasks (", "O*NET skills", "ESCO essential skills", "Exposure references",
                    "Sources", "Annual wage", "Outlook"):  # fmt: skip
        assert heading in out
    assert "USDOL/ETA" in out


def test_occupation_without_data(capsys: pytest.CaptureFixture[str]) -> None:
    # Military codes have no tasks, wages or projections: the profile still prints.
    data = run_json(capsys, "55-1011.00")
    assert data["tasks"] == []
    assert data["wage"]["median"] is None
    assert data["outlook"]["bright"] is None
    assert main(["info", "55-1011.00"]) == 0
    assert "n/a" in capsys.readouterr().out


def test_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "99-9999"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "skillshift: unknown occupation code: 99-9999\n"


@pytest.mark.parametrize("content", [None, b"not a database", b""])
def test_missing_or_corrupt_database(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    content: bytes | None,
) -> None:
    target = tmp_path / "skillshift.db"
    if content is not None:
        target.write_bytes(content)
    monkeypatch.setenv("SKILLSHIFT_DB", str(target))
    assert main(["info", RN]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(target) in captured.err
    assert "make resources" in captured.err
    assert "Traceback" not in captured.err
    assert captured.err.startswith("skillshift: ")


def test_subprocess_json(offline_env: dict[str, str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "info", RN, "--json"],
        capture_output=True,
        text=True,
        env=offline_env,
        cwd=paths.bundle_root(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["title"] == "Registered Nurses"
    assert len(data["tasks"]) >= 20
    assert not (tmp_path / "network.log").exists()
