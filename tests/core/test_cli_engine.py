"""CLI contract of `transitions`, `analyze` and `plan`: JSON shapes, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.commands import analyze, plan, transitions
from app.core.engine import Engine
from tests.conftest import REPO
from tests.core.test_graph import CSR, RN

MOVE_KEYS = {
    "code",
    "title",
    "score",
    "exposure_beta",
    "wage_median",
    "job_zone",
    "outlook",
    "have",
    "gap",
}


@pytest.fixture(autouse=True)
def _shared_engine(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> Engine:
    """In-process runs reuse one loaded engine; the subprocess test runs the real thing."""
    for module in (transitions, analyze, plan):
        monkeypatch.setattr(module, "open_engine", lambda _args, **_kw: engine)
    return engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def write_profile(tmp_path: Path, **extra: Any) -> Path:
    data: dict[str, Any] = {
        "schema": 1,
        "alias": "Sam",
        "occupation": {"code": CSR},
        "tasks": [{"task_id": 2578}, {"task_id": 2579}, {"text": "answer customer emails"}],
        "skills": [
            {"kind": "text", "value": "microsoft excel"},
            {"kind": "text", "value": "spanish"},
        ],
    }
    data.update(extra)
    file = tmp_path / "profile.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    return file


def test_transitions_jsonl_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "transitions", CSR, "--jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 10  # default K
    for row in rows:
        assert set(row) >= MOVE_KEYS
        assert row["code"] != CSR
        for gap in row["gap"]:
            assert set(gap) >= {"skill", "uri", "importance"}
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_transitions_top_and_filters(
    capsys: pytest.CaptureFixture[str], _shared_engine: Engine
) -> None:
    code, out, _ = run(
        capsys,
        "transitions",
        CSR,
        "--top",
        "4",
        "--safer",
        "--min-wage-ratio",
        "0.9",
        "--max-zone-step",
        "0",
        "--jsonl",
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert 1 <= len(rows) <= 4
    data, res = _shared_engine.context().data, _shared_engine.context().res
    a = data.index(CSR)
    for row in rows:
        assert row["exposure_beta"] < res.model_beta[a]
        assert row["wage_median"] >= 0.9 * data.wage[a]
        assert row["job_zone"] <= data.job_zone[a]


def test_transitions_accepts_a_short_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "transitions", "43-4051", "--top", "2", "--jsonl")
    assert code == 0 and len(out.splitlines()) == 2


def test_transitions_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "transitions", "12-3456.78", "--jsonl")
    assert code == 2 and out == ""
    assert "unknown occupation code: 12-3456.78" in err


def test_transitions_impossible_filters_explain_the_empty_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "transitions", CSR, "--min-wage-ratio", "10", "--max-zone-step", "-4", "--jsonl"
    )
    assert code == 0 and out == ""
    assert "no move passes the filters" in err and "removed" in err


@pytest.mark.parametrize(
    "bad", [["--top", "0"], ["--min-wage-ratio", "nan"], ["--max-zone-step", "x"]]
)
def test_transitions_bad_arguments_are_usage_errors(
    capsys: pytest.CaptureFixture[str], bad: list[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["transitions", CSR, *bad])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_analyze_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "analyze", str(write_profile(tmp_path)), "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) >= {
        "profile",
        "exposure",
        "moves",
        "learning_plan",
        "paths",
        "filters",
        "empty_reason",
    }
    assert result["profile"]["occupation"]["code"] == CSR
    exposure = result["exposure"]
    assert len(exposure["tasks"]) == 3
    assert {"alpha", "beta", "gamma", "percentile", "references", "verdict", "automation"} <= set(
        exposure
    )
    for move in result["moves"]:
        assert set(move) >= MOVE_KEYS
    # The default preferences hold: at most one job zone up, at least 0.75 of the wage.
    for move in result["moves"]:
        assert move["job_zone"] is None or move["job_zone"] <= 2 + 1
    for step in result["learning_plan"]["steps"]:
        assert {"skill", "uri", "importance", "unlocks", "reason"} <= set(step)


def test_analyze_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "analyze", str(write_profile(tmp_path)))
    assert code == 0 and "exposure:" in out and "Customer Service" in out


def test_analyze_contradictory_preferences_explain_the_empty_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = write_profile(
        tmp_path, preferences={"max_zone_step": -4, "min_wage_ratio": 10, "safer_only": True}
    )
    code, out, _ = run(capsys, "analyze", str(profile), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["moves"] == []
    assert result["empty_reason"] in {"no_move_passes_filters", "no_move_or_path"}
    assert sum(result["rejected"].values()) > 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"tasks": []}, "tasks: the profile has no tasks"),
        ({"occupation": {"code": "00-0000.00"}}, "unknown occupation code"),
        ({"tasks": [{"task_id": 1, "share": -2}]}, "tasks[0].share: must not be negative"),
        ({"schema": 7}, "schema: unsupported profile version 7"),
    ],
)
def test_analyze_bad_profiles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: dict[str, Any], message: str
) -> None:
    code, out, err = run(capsys, "analyze", str(write_profile(tmp_path, **extra)), "--json")
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_plan_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "plan", str(write_profile(tmp_path)), "--target", RN, "--json")
    assert code == 0
    result = json.loads(out)
    assert result["target"]["code"] == RN
    assert isinstance(result["direct"], bool) and result["rank"] >= 1
    steps = result["learning_plan"]
    assert steps and all(
        s["uri"] in {g["uri"] for g in result["target"]["gap"] + result["target"]["partial"]}
        for s in steps
    )
    if result["path"]:
        codes = [s["code"] for s in result["path"]["steps"]]
        assert codes[0] == CSR and codes[-1] == RN and len(codes) <= 4
    else:
        assert result["direct"] or result["empty_reason"] == "no_path_within_3_steps"


def test_plan_rejects_own_and_unknown_targets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = str(write_profile(tmp_path))
    code, _, err = run(capsys, "plan", profile, "--target", CSR)
    assert code == 2 and "own occupation" in err
    code, _, err = run(capsys, "plan", profile, "--target", "nonsense")
    assert code == 2 and "unknown occupation code: nonsense" in err


def test_missing_profile_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "analyze", str(tmp_path / "nope.json"))
    assert code == 2 and "does not exist" in err


@pytest.mark.slow
def test_real_process_gives_no_traceback(tmp_path: Path, offline_env: dict[str, str]) -> None:
    profile = write_profile(tmp_path, tasks=[])
    proc = subprocess.run(
        [sys.executable, "-m", "app", "analyze", str(profile), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=offline_env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "skillshift: tasks: the profile has no tasks" in proc.stderr
    assert "Traceback" not in proc.stderr
