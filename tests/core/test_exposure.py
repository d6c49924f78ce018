"""Personal exposure: measures, percentiles, terciles and verdicts, per-task labels and evidence."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from app import paths
from app.core.engine import Engine
from app.core.exposure import (
    REFERENCE_MEASURES,
    ReferenceTable,
    TaskScore,
    automation,
    measures,
    percentile,
    references,
    tercile,
    tercile_cuts,
)
from app.core.profile import Profile, ProfileError
from tests.core.test_graph import CSR


def test_measures_follow_the_definitions() -> None:
    probs = np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]])
    alpha, beta, gamma = measures(probs, np.array([3.0, 1.0]))
    e1 = 0.75 * 0.5 + 0.25 * 0.1
    e2 = 0.75 * 0.3 + 0.25 * 0.3
    assert alpha == pytest.approx(e1)
    assert beta == pytest.approx(e1 + 0.5 * e2)
    assert gamma == pytest.approx(e1 + e2)
    assert all(np.isnan(measures(np.zeros((0, 3)), np.zeros(0))))


def test_percentile_and_terciles() -> None:
    population = np.array([0.1, 0.2, 0.3, 0.4, np.nan, 0.5, 0.6])
    assert percentile(0.35, population) == pytest.approx(50.0)
    assert percentile(0.1, population) == pytest.approx(100 * 0.5 / 6, abs=0.1)
    assert percentile(float("nan"), population) is None
    cuts = tercile_cuts(population)
    assert cuts is not None
    assert [tercile(v, cuts) for v in (0.1, 0.35, 0.6)] == [1, 2, 3]
    assert tercile(None, cuts) is None
    assert tercile_cuts(np.array([np.nan, 1.0])) is None


def _table(rows: dict[str, list[float]]) -> ReferenceTable:
    values = {m: np.array(rows.get(m, [np.nan] * 6), dtype=np.float64) for m in REFERENCE_MEASURES}
    return ReferenceTable(
        codes=[f"c{i}" for i in range(6)],
        values=values,
        cuts={m: tercile_cuts(v) for m, v in values.items()},
        split={},
    )


def test_reference_verdicts() -> None:
    ranks = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    reverse = ranks[::-1]
    agree = _table({"model_beta": ranks, "human_beta": ranks, "gpt4_beta": ranks})
    refs, verdict = references(agree, 5)
    assert verdict == "agree"
    by = {r.measure: r for r in refs}
    assert by["human_beta"].tercile == by["model_beta"].tercile == 3
    assert by["human_beta"].agrees_with_model is True
    assert by["ms_applicability"].value is None and by["ms_applicability"].agrees_with_model is None
    assert references(_table({"model_beta": ranks, "human_beta": reverse}), 5)[1] == "disagree"
    assert (
        references(_table({"model_beta": ranks, "human_beta": ranks, "gpt4_beta": reverse}), 5)[1]
        == "mixed"
    )
    assert references(_table({"model_beta": ranks}), 5)[1] == "insufficient"


def test_automation_summary_weights_by_share() -> None:
    def task(share: float, gpt4: str | None, usage: float | None) -> TaskScore:
        return TaskScore(
            0,
            1,
            "t",
            "onet",
            share,
            (0.3, 0.3, 0.4),
            "E2",
            0.5,
            gpt4_automation=gpt4,
            anthropic_usage_pct=usage,
        )

    summary = automation(
        [task(0.5, "T4", 0.01), task(0.25, "T0", None), task(0.25, None, 0.02)],
        {"directive": 0.2, "feedback loop": 0.1, "learning": 0.3, "task iteration": 0.2},
    )
    assert summary.gpt4_mean_level == pytest.approx((4 * 0.5 + 0 * 0.25) / 0.75)
    assert summary.labelled_share == pytest.approx(0.75)
    assert summary.observed_share == pytest.approx(0.75)
    assert summary.observed_usage_pct == pytest.approx(0.03)
    assert summary.published_split == {
        "automation": pytest.approx(0.3),
        "augmentation": pytest.approx(0.5),
    }


def _profile(**extra: object) -> Profile:
    data: dict[str, object] = {
        "schema": 1,
        "occupation": {"code": CSR},
        "tasks": [
            {"task_id": 2578},
            {"task_id": 2579},
            {"text": "answer customer emails and chat messages"},
        ],
        "skills": [{"kind": "text", "value": "microsoft excel"}],
    }
    data.update(extra)
    return Profile.from_dict(data)


def test_profile_exposure_carries_published_labels_and_evidence(engine: Engine) -> None:
    analysis = engine.analyze(_profile())
    exp = analysis.exposure
    assert exp is not None
    assert 0 <= exp.alpha <= exp.beta <= exp.gamma <= 1
    assert exp.percentile is not None and 0 <= exp.percentile <= 100
    shares = [t.share for t in exp.tasks]
    assert sum(shares) == pytest.approx(1.0)
    connection = sqlite3.connect(f"{paths.database_path().resolve().as_uri()}?mode=ro", uri=True)
    try:
        for t in exp.tasks:
            assert sum(t.probs) == pytest.approx(1.0, abs=1e-4)
            assert t.label == ("E0", "E1", "E2")[int(np.argmax(t.probs))]
            assert t.evidence is not None and t.evidence.task_id != t.task_id
            if t.task_id is None:
                assert t.source == "own" and t.human_label is None
                continue
            row = connection.execute(
                "SELECT human_label, gpt4_label, gpt4_automation FROM exposure_tasks WHERE task_id = ?",
                (t.task_id,),
            ).fetchone()
            expected = tuple(row) if row else (None, None, None)
            assert (t.human_label, t.gpt4_label, t.gpt4_automation) == expected
    finally:
        connection.close()
    measures_shown = [r.measure for r in exp.references]
    assert measures_shown == list(REFERENCE_MEASURES)
    assert exp.verdict in {"agree", "disagree", "mixed", "insufficient"}
    model_ref = next(r for r in exp.references if r.measure == "model_beta")
    assert model_ref.value == pytest.approx(exp.occupation_beta)


def test_time_shares_move_the_profile_beta(engine: Engine) -> None:
    base = engine.analyze(_profile()).exposure
    assert base is not None
    tasks = sorted(base.tasks, key=lambda t: t.beta)
    low, high = tasks[0], tasks[-1]
    assert high.beta > low.beta

    def weighted(favour: TaskScore) -> float:
        items = []
        for t in base.tasks:
            entry: dict[str, object] = {"share": 10 if t is favour else 1}
            if t.task_id is not None:
                entry["task_id"] = t.task_id
            else:
                entry["text"] = t.text
            items.append(entry)
        result = engine.analyze(_profile(tasks=items)).exposure
        assert result is not None
        return result.beta

    assert weighted(high) > base.beta > weighted(low)


def test_no_tasks_is_a_clear_error(engine: Engine) -> None:
    with pytest.raises(ProfileError, match="tasks: the profile has no tasks"):
        engine.analyze(_profile(tasks=[]))


def test_unknown_task_and_skill_are_named(engine: Engine) -> None:
    with pytest.raises(
        ProfileError, match=r"tasks\[0\]\.task_id: unknown O\*NET task ID 999999999"
    ):
        engine.analyze(_profile(tasks=[{"task_id": 999999999}]))
    with pytest.raises(ProfileError, match="unknown ESCO skill"):
        engine.analyze(
            _profile(skills=[{"kind": "esco", "value": "http://data.europa.eu/esco/skill/nope"}])
        )


def test_role_is_matched_to_an_occupation(engine: Engine) -> None:
    profile = Profile.from_dict(
        {
            "schema": 1,
            "occupation": {"role": "registered nurse"},
            "tasks": [{"text": "give medication to patients"}],
        }
    )
    resolved = engine.resolve(profile)
    assert engine.context().data.codes[resolved.index].startswith("29-114")
    assert resolved.resolved_by == "role"


def test_a_typed_task_keeps_its_estimate_whatever_else_is_typed(engine: Engine) -> None:
    # Batch mates share the int8 activation scales of a batch; a typed task's estimate must not
    # move because the person typed (or deleted) another task.
    alone = _profile(tasks=[{"text": "answer customer emails and chat messages"}])
    together = _profile(
        tasks=[
            {"text": "answer customer emails and chat messages"},
            {"text": "Operate a forklift to move pallets of heavy machine parts around the yard"},
            {"task_id": 2578},
            {"text": "sing"},
        ]
    )
    emb_a, probs_a = engine.encode_tasks(engine.resolve(alone))
    emb_t, probs_t = engine.encode_tasks(engine.resolve(together))
    np.testing.assert_allclose(probs_t[0], probs_a[0], atol=1e-6)
    np.testing.assert_allclose(emb_t[0], emb_a[0], atol=1e-6)
    assert not np.allclose(probs_t[1], probs_t[0], atol=1e-3)  # other tasks, other estimates
