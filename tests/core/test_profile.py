"""Profiles: round trip, validation messages that name the field, normalisation, atomic save."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import SkillShiftError
from app.core.profile import (
    Preferences,
    Profile,
    ProfileError,
    ProfileSkill,
    ProfileTask,
    validate_task_ids,
)


def sample() -> dict[str, Any]:
    return {
        "schema": 1,
        "alias": "Sam",
        "occupation": {"code": "43-4051.00"},
        "tasks": [
            {"task_id": 2578},
            {"task_id": 2579, "share": 2},
            {"text": "answer customer emails", "share": 1},
        ],
        "skills": [
            {
                "kind": "esco",
                "value": "http://data.europa.eu/esco/skill/0da516ee-e70e-4384-be13-f5ff80be8127",
            },
            {"kind": "text", "value": "microsoft excel"},
            {"kind": "onet", "value": "2.A.1.a", "level": 4.5},
            {"kind": "technology", "value": "Microsoft Excel"},
        ],
        "include_occupation_skills": False,
        "preferences": {"max_zone_step": 2, "min_wage_ratio": 0.9, "safer_only": True},
    }


def test_round_trip_keeps_every_field() -> None:
    profile = Profile.from_dict(sample())
    again = Profile.from_dict(profile.to_dict())
    assert again == profile
    assert profile.alias == "Sam"
    assert profile.occupation_code == "43-4051.00"
    assert profile.tasks[1] == ProfileTask(2579, None, 2.0)
    assert profile.skills[2] == ProfileSkill("onet", "2.A.1.a", 4.5)
    assert profile.preferences == Preferences(2, 0.9, True)
    assert profile.include_occupation_skills is False


def test_defaults() -> None:
    profile = Profile.from_dict({"schema": 1, "occupation": {"role": "nurse"}})
    assert profile.role == "nurse" and profile.occupation_code is None
    assert profile.tasks == () and profile.skills == ()
    assert profile.preferences == Preferences(
        max_zone_step=1, min_wage_ratio=0.75, safer_only=False
    )
    assert profile.include_occupation_skills is True


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"schema": 2}, "schema"),
        ({"schema": None}, "schema"),
        ({"alias": 5}, "alias"),
        ({"surprise": 1}, "surprise"),
        ({"occupation": 7}, "occupation"),
        ({"occupation": {"code": ""}}, "occupation.code"),
        ({"tasks": {"a": 1}}, "tasks"),
        ({"tasks": [{"share": 1}]}, "tasks[0]"),
        ({"tasks": [{"task_id": -3}]}, "tasks[0].task_id"),
        ({"tasks": [{"task_id": True}]}, "tasks[0].task_id"),
        ({"tasks": [{"text": "a", "share": -1}]}, "tasks[0].share"),
        ({"tasks": [{"text": "a", "share": float("nan")}]}, "tasks[0].share"),
        ({"tasks": [{"text": "a", "share": float("inf")}]}, "tasks[0].share"),
        ({"tasks": [{"text": "a", "share": "half"}]}, "tasks[0].share"),
        ({"tasks": [{"text": "a", "share": 0}, {"text": "b", "share": 0}]}, "tasks"),
        ({"skills": [{"kind": "magic", "value": "x"}]}, "skills[0].kind"),
        ({"skills": [{"kind": "esco", "value": "excel"}]}, "skills[0].value"),
        ({"skills": [{"kind": "onet", "value": "2.A.1.a", "level": 9}]}, "skills[0].level"),
        ({"include_occupation_skills": "yes"}, "include_occupation_skills"),
        ({"preferences": {"max_zone_step": 1.5}}, "preferences.max_zone_step"),
        ({"preferences": {"max_zone_step": 9}}, "preferences.max_zone_step"),
        ({"preferences": {"min_wage_ratio": -0.1}}, "preferences.min_wage_ratio"),
        ({"preferences": {"min_wage_ratio": float("nan")}}, "preferences.min_wage_ratio"),
        ({"preferences": {"safer_only": "true"}}, "preferences.safer_only"),
        ({"preferences": {"colour": "red"}}, "preferences.colour"),
    ],
)
def test_invalid_fields_are_named(patch: dict[str, Any], field: str) -> None:
    data = {**sample(), **patch}
    with pytest.raises(ProfileError) as exc:
        Profile.from_dict(data)
    assert str(exc.value).startswith(field + ":") or str(exc.value).startswith(field + " ")
    assert isinstance(exc.value, SkillShiftError)


def test_not_an_object() -> None:
    with pytest.raises(ProfileError, match="profile"):
        Profile.from_dict([1, 2])


def test_duplicates_are_merged_with_shares_added() -> None:
    data = sample()
    data["tasks"] = [
        {"task_id": 2578, "share": 1},
        {"text": "Answer  customer emails", "share": 2},
        {"task_id": 2578, "share": 3},
        {"text": "answer customer emails"},
    ]
    data["skills"] = [{"kind": "text", "value": "Excel"}, {"kind": "text", "value": "excel"}]
    profile = Profile.from_dict(data)
    assert [t.task_id for t in profile.tasks] == [2578, None]
    assert profile.tasks[0].share == 4.0
    assert profile.tasks[1].share == 2.0
    assert len(profile.skills) == 1
    assert "merged_duplicate_task:tasks[2]" in profile.normalised
    assert any(n.startswith("dropped_duplicate_skill") for n in profile.normalised)


def test_default_time_shares_weight_core_twice_supplemental() -> None:
    profile = Profile.from_dict(
        {
            "schema": 1,
            "occupation": "43-4051.00",
            "tasks": [{"task_id": 1}, {"task_id": 2}, {"text": "my own task"}],
        }
    )
    weights = profile.task_weights({1: "Core", 2: "Supplemental"})
    assert weights == pytest.approx([0.4, 0.2, 0.4])
    assert sum(weights) == pytest.approx(1.0)


def test_explicit_shares_are_relative_and_missing_take_the_median() -> None:
    profile = Profile.from_dict(
        {
            "schema": 1,
            "occupation": "43-4051.00",
            "tasks": [{"text": "a", "share": 30}, {"text": "b", "share": 10}, {"text": "c"}],
        }
    )
    assert profile.task_weights() == pytest.approx([30 / 70, 10 / 70, 30 / 70])


def test_huge_shares_do_not_overflow() -> None:
    profile = Profile.from_dict(
        {
            "schema": 1,
            "occupation": "43-4051.00",
            "tasks": [
                {"text": "a", "share": 1e308},
                {"text": "b", "share": 1e308},
                {"text": "c", "share": 0},
            ],
        }
    )
    weights = profile.task_weights()
    assert all(math.isfinite(w) for w in weights)
    assert weights == pytest.approx([0.5, 0.5, 0.0])


def test_no_tasks_gives_no_weights() -> None:
    assert Profile.from_dict({"schema": 1}).task_weights() == []


def test_unknown_task_ids_are_named() -> None:
    profile = Profile.from_dict(sample())
    with pytest.raises(ProfileError, match=r"tasks\[1\]\.task_id: unknown O\*NET task ID 2579"):
        validate_task_ids(profile, {2578})
    validate_task_ids(profile, {2578, 2579})


def test_save_and_load(tmp_path: Path) -> None:
    profile = Profile.from_dict(sample())
    file = tmp_path / "sub" / "sam.json"
    profile.save(file)
    assert Profile.load(file) == profile
    assert json.loads(file.read_text(encoding="utf-8"))["schema"] == 1
    # No temp file left; the backup exists from the first save on (a copy of this version).
    assert sorted(p.name for p in file.parent.iterdir()) == ["sam.json", "sam.json.bak"]
    assert Profile.load(file.with_name("sam.json.bak")) == profile


def test_save_keeps_the_previous_version(tmp_path: Path) -> None:
    file = tmp_path / "sam.json"
    first = Profile.from_dict(sample())
    first.save(file)
    second = Profile.from_dict({**sample(), "alias": "Samantha"})
    second.save(file)
    assert Profile.load(file).alias == "Samantha"
    assert Profile.load(file.with_name("sam.json.bak")).alias == "Sam"


def test_failed_save_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "sam.json"
    Profile.from_dict(sample()).save(file)
    before = file.read_bytes()

    def broken_replace(self: Path, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(ProfileError, match="cannot be saved"):
        Profile.from_dict({**sample(), "alias": "other"}).save(file)
    assert file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sam.json", "sam.json.bak"]


def test_save_fsyncs_before_replacing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(self: Path, target: Any) -> Path:
        calls.append("replace")
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    Profile.from_dict(sample()).save(tmp_path / "p.json")
    assert "replace" in calls and calls.index("fsync") < calls.index("replace")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"schema": 1, "tasks": "x"}', "tasks: expected a list"),
    ],
)
def test_load_errors(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "bad.json"
    file.write_bytes(content)
    with pytest.raises(ProfileError, match=message):
        Profile.load(file)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="does not exist"):
        Profile.load(tmp_path / "nope.json")


def test_bom_is_accepted(tmp_path: Path) -> None:
    file = tmp_path / "bom.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(sample()).encode())
    assert Profile.load(file).alias == "Sam"
