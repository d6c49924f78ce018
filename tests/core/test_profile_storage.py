"""Profile files on disk: schema migration, damaged files set aside, .bak recovery, locking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.core import profile as profile_module
from app.core import storage
from app.core.profile import SCHEMA_VERSION, Profile, ProfileError
from app.core.storage import CorruptProfileError, FileLock, LockedError
from tests.conftest import REPO


def sample(alias: str = "Sam") -> dict[str, Any]:
    return {
        "schema": 1,
        "alias": alias,
        "occupation": {"code": "43-4051.00"},
        "tasks": [{"task_id": 2578, "share": 2}, {"text": "answer customer emails"}],
        "skills": [{"kind": "text", "value": "microsoft excel"}],
    }


# --------------------------------------------------------------------------- schema


def test_schema_1_files_still_load_and_are_written_as_schema_1(tmp_path: Path) -> None:
    file = tmp_path / "p.json"
    file.write_text(json.dumps(sample()), encoding="utf-8")
    loaded = Profile.load(file)
    assert loaded.alias == "Sam" and len(loaded.tasks) == 2
    assert loaded.to_dict()["schema"] == SCHEMA_VERSION == 1


def test_migration_chain_upgrades_an_older_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism a schema 2 will use: an old file is upgraded step by step on load."""

    def from_0(data: dict[str, Any]) -> dict[str, Any]:
        out = dict(data)
        out["alias"] = out.pop("name", "")  # e.g. a field renamed between versions
        return out

    monkeypatch.setitem(profile_module.MIGRATIONS, 0, from_0)
    old = {"schema": 0, "name": "Old Sam", "occupation": {"code": "43-4051.00"}}
    loaded = Profile.from_dict(old)
    assert loaded.alias == "Old Sam"
    assert loaded.to_dict()["schema"] == SCHEMA_VERSION
    assert old == {"schema": 0, "name": "Old Sam", "occupation": {"code": "43-4051.00"}}


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (0, "unsupported profile version 0"),
        (-3, "unsupported profile version -3"),
        (99, "newer SkillShift"),
        ("1", "schema: expected a whole number"),
        (1.5, "schema: expected a whole number"),
        (True, "schema: expected a whole number"),
    ],
)
def test_unsupported_schemas(schema: Any, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        Profile.from_dict({"schema": schema})


# --------------------------------------------------------------------------- damaged files

DAMAGED = [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "not UTF-8", id="binary"),
    pytest.param('{"schema": 1, "alias": "S\xe9"}'.encode("latin-1"), "not UTF-8", id="latin1"),
    pytest.param(json.dumps(sample())[:40].encode(), "not valid JSON", id="truncated"),
    pytest.param(b"", "not valid JSON", id="empty"),
    pytest.param(b"[1, 2, 3]", "expected a JSON object", id="json-list"),
    pytest.param(b'{"kind": "skillshift-client", "client": {}}', "schema: missing", id="foreign"),
    pytest.param(b'{"schema": 1, "tasks": [{"share": 1}]}', r"tasks\[0\]", id="bad-field"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "not valid JSON", id="deep-nesting"),
]


@pytest.mark.parametrize(("content", "message"), DAMAGED)
def test_damaged_file_is_set_aside_and_named(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "client.json"
    file.write_bytes(content)
    with pytest.raises(CorruptProfileError, match=message) as info:
        storage.load_profile(file)
    err = info.value
    assert str(file) in str(err)  # the message names the file
    assert not file.exists()
    assert err.set_aside is not None and err.set_aside.read_bytes() == content
    assert ".corrupt-" in err.set_aside.name
    assert err.backup is None and "no earlier version" in str(err)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    file = tmp_path / "huge.json"
    with file.open("wb") as handle:
        handle.truncate(profile_module.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    start = time.perf_counter()
    with pytest.raises(CorruptProfileError, match="too large"):
        storage.load_profile(file)
    assert time.perf_counter() - start < 1.0


def test_previous_version_is_offered_and_restored(tmp_path: Path) -> None:
    file = tmp_path / "sam.json"
    storage.save_profile(Profile.from_dict(sample("Sam v1")), file)
    storage.save_profile(Profile.from_dict(sample("Sam v2")), file)
    file.write_bytes(b'{"schema": 1, "alias": ')  # damaged by a crash elsewhere / a bad sync
    with pytest.raises(CorruptProfileError, match=r"sam\.json\.bak can be restored") as info:
        storage.load_profile(file)
    assert info.value.backup == tmp_path / "sam.json.bak"
    restored = storage.restore_backup(file)
    assert restored.alias == "Sam v1"
    assert Profile.load(file).alias == "Sam v1"


def test_set_aside_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    file = tmp_path / "p.json"
    names = set()
    for n in range(3):
        file.write_bytes(b"garbage %d" % n)
        with pytest.raises(CorruptProfileError) as info:
            storage.load_profile(file)
        assert info.value.set_aside is not None
        names.add(info.value.set_aside.name)
    assert len(names) == 3
    assert sorted(p.read_bytes() for p in tmp_path.iterdir() if p.suffix != ".lock") == [
        b"garbage 0",
        b"garbage 1",
        b"garbage 2",
    ]


def test_missing_file_is_not_corrupt(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="does not exist") as info:
        storage.load_profile(tmp_path / "nope.json")
    assert not isinstance(info.value, CorruptProfileError)


# --------------------------------------------------------------------------- locking


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    with FileLock(target) as lock:
        assert lock.path.is_file()
        assert lock.path.read_text().split()[0] == str(os.getpid())
        with pytest.raises(LockedError, match="being saved by another SkillShift"):
            FileLock(target, wait=0.05).acquire()
    with FileLock(target, wait=0.05):  # released: free at once
        pass


_HOLD = """
import sys, time
from app.core.storage import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
time.sleep(600)
"""


def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path) -> None:
    """The OS drops a dead process's lock: nothing to detect, nothing to break."""
    target = tmp_path / "p.json"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(LockedError):
        FileLock(target, wait=0.1).acquire()
    holder.kill()
    holder.wait(timeout=30)
    start = time.monotonic()
    with FileLock(target, wait=5):
        pass
    assert time.monotonic() - start < 1.0


_CONTEND = """
import os, sys, time
from app.core.storage import FileLock
target, log, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
while time.time() < go:
    pass
with FileLock(target, wait=30):
    with open(log, "a") as fh:
        fh.write(f"in {os.getpid()} {time.monotonic_ns()}\\n")
    time.sleep(0.03)
    with open(log, "a") as fh:
        fh.write(f"out {os.getpid()} {time.monotonic_ns()}\\n")
"""


def test_only_one_process_holds_the_lock_even_past_a_dead_holder(tmp_path: Path) -> None:
    """Three processes start at the same instant on a lock a dead process left (the case where
    check-then-delete let two or three hold it at once): never two holders at a time."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for round_ in range(12):
        target = tmp_path / f"p{round_}.json"
        lock = target.with_name(target.name + ".lock")
        lock.write_text(f"{dead} 0\n")
        old = time.time() - 3600
        os.utime(lock, (old, old))
        log = tmp_path / f"log{round_}.txt"
        go = time.time() + 1.5
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _CONTEND, str(target), str(log), str(go)], env=env
            )
            for _ in range(3)
        ]
        for proc in procs:
            assert proc.wait(timeout=120) == 0
        holders = 0
        for line in log.read_text().splitlines():
            holders += 1 if line.startswith("in ") else -1
            assert holders <= 1, f"round {round_}: two processes held the lock at once"


_HAMMER = """
import sys
from app.core.profile import Profile
from app.core.storage import save_profile
who, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tasks = [{"text": f"task {who} {i}", "share": i + 1} for i in range(40)]
for i in range(n):
    p = Profile.from_dict({"schema": 1, "alias": f"{who}-{i}", "tasks": tasks})
    save_profile(p, path)
"""


def test_two_processes_saving_at_once_corrupt_nothing(tmp_path: Path) -> None:
    file = tmp_path / "shared.json"
    storage.save_profile(Profile.from_dict(sample()), file)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _HAMMER, who, "150", str(file)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    reads = 0
    while any(p.poll() is None for p in procs):
        loaded = Profile.load(file)  # a reader never sees half a file
        assert loaded.alias == "Sam" or loaded.alias.split("-")[0] in {"a", "b"}
        reads += 1
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    final = Profile.load(file)
    backup = Profile.load(file.with_name("shared.json.bak"))
    assert final.alias in {"a-149", "b-149"}
    assert len(final.tasks) == 40 and {t.text.split()[1] for t in final.tasks if t.text} == {
        final.alias[0]
    }
    assert backup.alias != final.alias
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["shared.json", "shared.json.bak", "shared.json.lock"], leftovers
    assert reads > 0
