"""The work-activity vote: O*NET statements also count the labels of tasks sharing their DWAs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from app import paths
from app.core.activity_vote import (
    VOTE_FILE,
    ActivityVote,
    VoteParams,
    label_counts,
    load_vote_params,
    statement_key,
    write_vote_params,
)
from app.core.validation import is_validation_occupation
from tests.conftest import write_meta

if TYPE_CHECKING:
    from app.core.encoder import OnnxEncoder

STATEMENTS = [
    (1, "Prepare financial reports."),
    (2, "Audit financial records."),
    (3, "Drive a forklift."),
    (4, "Prepare  FINANCIAL reports"),  # the same statement in another occupation
    (5, "Sing in a choir."),  # no labelled activity
]
LINKS = [(1, "A"), (2, "A"), (2, "B"), (3, "C"), (4, "A"), (5, "D")]


def _code(validation: bool) -> str:
    for n in range(1000, 9999):
        code = f"13-{n}.00"
        if is_validation_occupation(code) == validation:
            return code
    raise AssertionError


def test_statement_key_ignores_case_spacing_and_punctuation() -> None:
    assert statement_key("Prepare  financial reports.") == statement_key(
        "prepare financial REPORTS"
    )
    assert statement_key("Prepare reports") != statement_key("Prepare financial reports")


def test_vote_is_the_smoothed_share_of_each_activity_averaged() -> None:
    counts = label_counts([(2, 1), (3, 0), (1, 2)], LINKS)
    assert counts["A"].tolist() == [0, 1, 1] and counts["B"].tolist() == [0, 1, 0]
    assert "D" not in counts
    vote = ActivityVote(STATEMENTS, LINKS, counts, VoteParams(weight=0.5, prior=1.0))
    share_a = (np.array([0, 1, 1]) + 1) / (2 + 3)
    share_b = (np.array([0, 1, 0]) + 1) / (1 + 3)
    np.testing.assert_allclose(vote.vote("audit financial records"), (share_a + share_b) / 2)
    # Tasks 1 and 4 read the same: one vote, the mean of theirs (both are activity A).
    np.testing.assert_allclose(vote.vote("prepare financial reports"), share_a, rtol=1e-6)
    assert vote.vote("Sing in a choir.") is None  # its activity has no labelled task
    assert vote.vote("Prepare reports") is None  # only the same words count

    model = np.array([[0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.1, 0.1, 0.8]], dtype=np.float32)
    out = vote.blend(["Audit financial records.", "Sing in a choir.", "a typed task"], model)
    np.testing.assert_allclose(out[0], 0.5 * model[0] + 0.5 * (share_a + share_b) / 2, rtol=1e-6)
    np.testing.assert_array_equal(out[1:], model[1:])
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-6)
    assert model[0].tolist() == pytest.approx([0.6, 0.3, 0.1])  # the input is left alone


def _tiny_db(path: Path) -> Path:
    train, held = _code(False), _code(True)
    con = write_meta(sqlite3.connect(path))
    con.executescript(
        "CREATE TABLE tasks (task_id INTEGER PRIMARY KEY, code TEXT, task TEXT, task_type TEXT);"
        "CREATE TABLE task_dwas (task_id INTEGER, dwa_id TEXT);"
        "CREATE TABLE exposure_tasks (task_id INTEGER PRIMARY KEY, code TEXT, human_label TEXT);"
    )
    con.executemany(
        "INSERT INTO tasks VALUES (?, ?, ?, 'Core')",
        [(1, train, "Task one."), (2, held, "Task two."), (3, train, "Task three.")],
    )
    con.executemany("INSERT INTO task_dwas VALUES (?, ?)", [(1, "A"), (2, "A"), (3, "A")])
    con.executemany(
        "INSERT INTO exposure_tasks VALUES (?, ?, ?)",
        [(1, train, "E1"), (2, held, "E0"), (3, train, None)],
    )
    con.commit()
    con.close()
    return path


def test_labels_of_validation_occupations_never_vote(tmp_path: Path) -> None:
    db = _tiny_db(tmp_path / "tiny.db")
    vote = ActivityVote.from_db(db, VoteParams(1.0, 0.5))
    expected = (np.array([0, 1, 0]) + 0.5) / (1 + 1.5)  # task 1's E1 only, not task 2's E0
    for text in ("Task one.", "Task two.", "Task three."):
        np.testing.assert_allclose(vote.vote(text), expected, rtol=1e-6)
    everyone = ActivityVote.from_db(db, VoteParams(1.0, 0.5), counts_from=lambda code: True)
    np.testing.assert_allclose(everyone.vote("Task one."), (np.array([1, 1, 0]) + 0.5) / 3.5)


def test_parameter_file_round_trip_and_refusals(tmp_path: Path) -> None:
    path = tmp_path / VOTE_FILE
    assert load_vote_params(path, "abc") is None  # missing
    write_vote_params(path, VoteParams(0.7, 0.25), "abc", {"note": "x"})
    assert load_vote_params(path, "abc") == VoteParams(0.7, 0.25)
    assert load_vote_params(path, "another model") is None
    record = json.loads(path.read_text())
    for damage in ("{not json", json.dumps({**record, "weight": 3}), json.dumps([1]), "\x00\xff"):
        path.write_text(damage, encoding="utf-8", errors="surrogateescape")
        assert load_vote_params(path, "abc") is None


@pytest.mark.model
def test_the_bundled_vote_belongs_to_the_model_and_changes_only_onet_statements(
    tmp_path: Path, encoder: OnnxEncoder
) -> None:
    from app.core.db import database
    from app.core.exposure import ExposureBlend

    paths.set_data_dir(tmp_path)
    try:
        blend = ExposureBlend(encoder)
        vote = blend.vote()
        assert vote is not None, "models/activity_vote.json is missing or for another model"
        record = json.loads(paths.model_path(VOTE_FILE).read_text(encoding="utf-8"))
        assert 0 < vote.params.weight < 1
        # Chosen where it helps: better than the model alone on the calibration occupations.
        assert record["calibration_split"]["kappa"] > record["calibration_model_only"]["kappa"]
        assert len(vote) > 15_000
        statement = next(t for _, _, t in database().tasks() if vote.vote(t) is not None)
        texts = [statement, "Answer the phone and take messages for my boss"]
        _, model = encoder.score(texts)
        out = blend.probs(texts, model)
        expected = (1 - vote.params.weight) * model[0] + vote.params.weight * vote.vote(statement)
        np.testing.assert_allclose(out[0], expected, rtol=1e-5)
        np.testing.assert_array_equal(out[1], model[1])
        without = ExposureBlend(encoder, vote_file=tmp_path / "none.json")
        assert without.vote() is None
        np.testing.assert_array_equal(without.probs(texts, model), model)
    finally:
        paths.set_data_dir(None)


@pytest.mark.model
def test_the_precomputed_task_scores_carry_the_vote(tmp_path: Path, encoder: OnnxEncoder) -> None:
    """resources/transitions.npz was built with the bundled vote (else `make index` is due)."""
    from app.core.db import database
    from app.core.exposure import ExposureBlend
    from app.core.transitions import load_resource

    paths.set_data_dir(tmp_path)
    try:
        blend = ExposureBlend(encoder)
        vote = blend.vote()
        assert vote is not None
        res = load_resource(model_sha256=encoder.model_sha256)
        tasks = sorted(database().tasks())  # task_id order, as the resource stores them
        picked = [i for i, (_, _, text) in enumerate(tasks) if vote.vote(text) is not None]
        rows = picked[:: max(1, len(picked) // 40)][:40]
        texts = [tasks[i][2] for i in rows]
        _, model = encoder.score(texts)
        blended = blend.probs(texts, model)
        # Batches quantise their activations together, so allow for a little int8 wobble.
        np.testing.assert_allclose(res.task_probs[rows], blended, atol=3e-2)
        assert np.abs(res.task_probs[rows] - model).max() > 0.05  # not the model's alone
    finally:
        paths.set_data_dir(None)
