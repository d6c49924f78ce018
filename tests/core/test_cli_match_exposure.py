"""The `match` and `exposure` command contract: JSON Lines in and out, errors, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app import paths
from app.cli import main
from app.core.db import database
from app.core.encoder import OnnxEncoder
from app.core.exposure import ExposureBlend

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One user-data folder for the module, so the caches are built once."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(autouse=True)
def _reset_data_dir() -> Iterator[None]:
    yield
    paths.set_data_dir(None)


def run_cli(
    args: list[str], stdin: bytes, data_dir: Path, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SKILLSHIFT_DATA_DIR": str(data_dir), "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=timeout,
        check=False,
    )


def json_lines(raw: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_match_jsonl_contract(data_dir: Path) -> None:
    long_line = "nurse " * 400  # 2,400 characters: truncated with a warning
    stdin = "\n".join(["rn", "", long_line, "Software Developer", "  "]).encode() + b"\n"
    result = run_cli(["match", "--jsonl", "--top", "3"], stdin, data_dir)
    assert result.returncode == 0, result.stderr.decode()
    records = json_lines(result.stdout)
    assert [r["query"] for r in records] == ["rn", "", long_line[:2000], "Software Developer", "  "]
    assert records[1] == {"query": "", "matches": [], "reason": "blank"}
    assert records[4] == {"query": "  ", "matches": [], "reason": "blank"}
    for record in (records[0], records[2], records[3]):
        assert list(record) == ["query", "matches"]
        matches = record["matches"]
        assert isinstance(matches, list) and len(matches) == 3
        assert all(list(m) == ["code", "title", "score"] for m in matches)
        assert all(isinstance(m["score"], float) for m in matches)
    assert "29-1141.00" in [m["code"] for m in records[0]["matches"]]  # type: ignore[index]
    assert records[3]["matches"][0]["code"] == "15-1252.00"  # type: ignore[index]
    stderr = result.stderr.decode()
    assert "line 3" in stderr and "2000" in stderr
    assert "Traceback" not in stderr


def test_exposure_jsonl_contract(data_dir: Path, encoder: OnnxEncoder) -> None:
    # An O*NET statement: its own text is the nearest task.
    _, _, statement = database().tasks()[4321]
    stdin = f"{statement}\n\nOperate a forklift to move pallets.\n".encode()
    result = run_cli(["exposure", "--jsonl"], stdin, data_dir)
    assert result.returncode == 0, result.stderr.decode()
    first, empty, third = json_lines(result.stdout)
    assert empty == {
        "text": "",
        "label": None,
        "probs": None,
        "nearest_task": None,
        "reason": "blank",
    }
    for record in (first, third):
        assert list(record) == ["text", "label", "probs", "nearest_task"]
        probs = record["probs"]
        assert isinstance(probs, dict) and list(probs) == ["E0", "E1", "E2"]
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-3)
        assert record["label"] == max(probs, key=probs.__getitem__)
        task = record["nearest_task"]
        assert isinstance(task, dict) and list(task) == ["task_id", "task", "code", "similarity"]
        assert isinstance(task["task_id"], int) and 0 < task["similarity"] <= 1.0
    assert first["text"] == statement
    # Several occupations share some statements, so compare the text, not the id.
    assert first["nearest_task"]["task"] == statement  # type: ignore[index]
    assert first["nearest_task"]["similarity"] > 0.97  # type: ignore[index]
    assert result.stderr == b""
    # An O*NET statement's estimate also counts the labels of its work activities.
    blend = ExposureBlend(encoder)
    vote = blend.vote()
    assert vote is not None and vote.vote(statement) is not None
    _, model = blend.encoder.score([statement])
    expected = blend.probs([statement], model)[0]
    assert list(first["probs"].values()) == pytest.approx(expected.tolist(), abs=2e-3)  # type: ignore[union-attr]
    assert not np.allclose(expected, model[0], atol=1e-3)


UNREADABLE = ["护士", "\u200b" * 12, "\x00" * 8, "\u202e\u200d\ufeff", "🔥🔥"]


def test_text_the_model_cannot_read_gets_no_guess(data_dir: Path) -> None:
    """Chinese (for now), zero-width spaces, NUL bytes: null and a reason, never a confident
    label with an unrelated "evidence" task ("Act as pallbearers")."""
    stdin = ("\n".join([*UNREADABLE, "Give injections to patients."]) + "\n").encode()
    result = run_cli(["exposure", "--jsonl"], stdin, data_dir)
    assert result.returncode == 0, result.stderr.decode()
    records = json_lines(result.stdout)
    for text, record in zip(UNREADABLE, records, strict=False):
        assert record == {
            "text": text,
            "label": None,
            "probs": None,
            "nearest_task": None,
            "reason": "no_readable_text",
        }
    assert records[-1]["label"] in {"E0", "E1", "E2"} and "reason" not in records[-1]
    result = run_cli(["match", "--jsonl"], stdin, data_dir)
    records = json_lines(result.stdout)
    for record in records[:-1]:
        assert record["matches"] == [] and record["reason"] == "no_readable_text"
    assert records[-1]["matches"] and "reason" not in records[-1]
    result = run_cli(["exposure", "护士"], b"", data_dir)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("nothing to score")


def test_undecodable_input_is_a_clear_error(data_dir: Path) -> None:
    result = run_cli(["match", "--jsonl"], b"nurse\n\xff\xfe broken\nchef\n", data_dir)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "line 2" in stderr and "UTF-8" in stderr and "Traceback" not in stderr
    assert [r["query"] for r in json_lines(result.stdout)] == ["nurse"]


def test_interactive_line_by_line_does_not_wait_for_eof(data_dir: Path) -> None:
    env = {**os.environ, "SKILLSHIFT_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "match", "--jsonl", "--top", "1"],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    answers: list[bytes] = []

    def ask(line: bytes) -> None:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(line)
        process.stdin.flush()
        answers.append(process.stdout.readline())

    try:
        for line in (b"pastry chef\n", b"welder\n"):
            reader = threading.Thread(target=ask, args=(line,))
            reader.start()
            reader.join(timeout=60)
            assert not reader.is_alive(), "no answer while stdin stays open"
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert [json.loads(a)["query"] for a in answers] == ["pastry chef", "welder"]
    assert json.loads(answers[1])["matches"][0]["code"] == "51-4121.00"


def _in_process(
    argv: list[str], stdin: bytes, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return main(["--data-dir", str(data_dir), *argv])


def test_in_process_jsonl_and_readable_output(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _in_process(["match", "--jsonl", "--top", "2"], b"cpa\r\nchef\n", data_dir, monkeypatch)
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in out]
    assert [r["query"] for r in records] == ["cpa", "chef"]  # CRLF handled
    assert all(len(r["matches"]) == 2 for r in records)
    assert "13-2011.00" in [m["code"] for m in records[0]["matches"]]

    assert _in_process(["match", "registered", "nurse"], b"", data_dir, monkeypatch) == 0
    readable = capsys.readouterr().out
    assert " 1. 29-1141.00  Registered Nurses" in readable
    assert len(readable.splitlines()) == 5

    assert (
        _in_process(["exposure", "Answer", "customer", "emails"], b"", data_dir, monkeypatch) == 0
    )
    readable = capsys.readouterr().out
    assert readable.startswith(("E0", "E1", "E2")) and "nearest O*NET task" in readable


def test_usage_errors_exit_2_without_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _in_process(["match"], b"", data_dir, monkeypatch) == 2
    assert "give a job title" in capsys.readouterr().err
    assert _in_process(["exposure", "--jsonl", "extra"], b"", data_dir, monkeypatch) == 2
    assert "leave out the text" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        _in_process(["match", "--top", "0", "nurse"], b"", data_dir, monkeypatch)
    assert exited.value.code == 2
    assert "--top" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _in_process(["match", "--threads", "x", "nurse"], b"", data_dir, monkeypatch)
    with pytest.raises(SystemExit):
        _in_process(["match", "--provider", "tpu", "nurse"], b"", data_dir, monkeypatch)


def test_unavailable_provider_warns_and_runs_on_cpu(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import onnxruntime as ort

    if "CUDAExecutionProvider" in ort.get_available_providers():
        pytest.skip("this machine really has CUDA")
    code = _in_process(
        ["match", "--jsonl", "--provider", "cuda", "--threads", "1"],
        b"chef\n",
        data_dir,
        monkeypatch,
    )
    captured = capsys.readouterr()
    assert code == 0
    assert "warning: provider cuda is not available" in captured.err and "using cpu" in captured.err
    assert json.loads(captured.out)["matches"]
