"""Saves killed at every step: a client's two files stay in step, NAME.bak is always there, and no
plain copy outlives "Protect with a passphrase" or the next start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.atomic import JOURNAL_FILE
from app.core.profile import Profile
from app.core.storage import load_profile
from app.ui.clients import ClientStore, Draft, DraftStore, now, tidy_data_folder
from tests.conftest import REPO

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="SIGKILL"), pytest.mark.timeout(600)]

# The child makes one save and kills itself (SIGKILL: no cleanup of any kind) just before its
# KILL_AT-th file-system step (rename, link or unlink), or prints "done" when the save has fewer.
_CHILD = """
import os, signal, sys
from dataclasses import replace
from pathlib import Path
kill_at, root, what, client_id = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
from app.core.profile import Profile
from app.core.storage import save_profile
from app.ui.clients import ClientStore
store = ClientStore(root / "profiles")
client, profile = store.load(client_id)
steps = 0
def step(real):
    def wrapped(*args, **kwargs):
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapped
for name in ("replace", "rename", "link", "unlink"):
    setattr(os, name, step(getattr(os, name)))
if what == "client":
    store.save(client.with_note("2024-01-02", "v2"), replace(profile, alias="v2"))
else:
    save_profile(replace(profile, alias="v2"), root / "profiles" / client_id / "profile.json")
print("done", flush=True)
"""


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _first_version(root: Path) -> str:
    store = ClientStore(root / "profiles")
    client = store.new("v1").with_note("2024-01-02", "v1")
    return store.save(client, Profile(alias="v1", occupation_code="43-4051.00")).id


def _killed_saves(tmp_path: Path, what: str) -> list[Path]:
    """One data folder per kill point, each left as the killed save left it."""
    pristine = tmp_path / "pristine"
    client_id = _first_version(pristine)
    results = []
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for kill_at in range(1, 60):
        root = tmp_path / f"kill-{kill_at}"
        shutil.copytree(pristine, root)
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(kill_at), str(root), what, client_id],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        if proc.stdout.strip() == "done":
            break
        assert proc.returncode == -9, proc.stderr[-2000:]
        results.append(root / "profiles" / client_id)
    assert len(results) >= 3, "the save has fewer steps than expected"
    return results


def test_profile_and_client_files_stay_in_step_under_kills(tmp_path: Path) -> None:
    for folder in _killed_saves(tmp_path, "client"):
        store = ClientStore(folder.parent)
        client, profile = store.load(folder.name)  # finishes a save the kill cut short
        assert client.note_for("2024-01-02") == profile.alias, folder.name
        assert (folder / "profile.json.bak").is_file(), _names(folder)
        assert not (folder / JOURNAL_FILE).exists()
        tidy_data_folder(folder.parent.parent)
        assert not [n for n in _names(folder) if n.endswith(".tmp")], _names(folder)


def test_backup_is_always_there_after_the_first_save(tmp_path: Path) -> None:
    for folder in _killed_saves(tmp_path, "profile"):
        file = folder / "profile.json"
        assert load_profile(file).alias in {"v1", "v2"}
        assert Profile.load(folder / "profile.json.bak").alias in {"v1", "v2"}


def test_an_interrupted_save_is_finished_at_start(tmp_path: Path) -> None:
    folders = _killed_saves(tmp_path, "client")
    for folder in folders:
        tidy_data_folder(folder.parent.parent)
        assert not (folder / JOURNAL_FILE).exists()
        assert not [n for n in _names(folder) if n.endswith(".tmp")]


def test_start_removes_only_temp_files_no_save_still_needs(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = tmp_path / "profiles" / "sam-1"
    folder.mkdir(parents=True)
    gone = [
        folder / f".profile.json.{dead}.k2j4_x.tmp",  # a killed save's plain copy
        tmp_path / f".draft.json.{dead}.a8b9c0.tmp",
        folder / ".profile.json.q1w2e3r4.tmp",  # an older SkillShift's, a minute old
    ]
    kept = [
        folder / f".profile.json.{os.getpid()}.z9y8x7.tmp",  # a save running now
        folder / ".client.json.u7i8o9p0.tmp",  # an older SkillShift's, just written
        folder / "notes.tmp",  # not ours
    ]
    for path in gone + kept:
        path.write_text("Sam's notes", encoding="utf-8")
    old = time.time() - 120
    os.utime(gone[2], (old, old))
    removed = tidy_data_folder(tmp_path)
    assert sorted(removed) == sorted(gone)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in gone)


def test_protect_leaves_no_plain_copy_anywhere(tmp_path: Path) -> None:
    """The draft is resealed with the passphrase; plain temp copies go; nothing in the data
    folder still holds the client's words in plain text."""
    secret_note = "SAM-TOLD-ME-IN-CONFIDENCE"
    drafts = DraftStore(tmp_path / "draft.json")
    store = ClientStore(tmp_path / "profiles", drafts)
    client = store.new("Sam Private").with_note("2024-01-02", secret_note)
    client = store.save(client, Profile(alias="Sam Private", occupation_code="43-4051.00"))
    drafts.write(
        Draft(now(), False, client.id, {"profile": {"alias": "Sam Private"}, "notes": secret_note})
    )
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (tmp_path / f".draft.json.{dead}.k1k2k3.tmp").write_text(secret_note, encoding="utf-8")
    (tmp_path / "profiles" / client.id / f".client.json.{dead}.m1m2m3.tmp").write_text(
        secret_note, encoding="utf-8"
    )
    protected = store.protect(client.id, "a long passphrase")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert secret_note.encode() not in data, path
            assert b"Sam Private" not in data, path
    # The resealed draft belongs to the protected client and opens with its passphrase.
    draft = drafts.read()
    assert draft is not None and draft.client_id == protected.id
    assert draft.state["notes"] == secret_note
    store.forget_passphrases()
    assert DraftStore(tmp_path / "draft.json").read() is None  # sealed: not offered in plain
    _client, profile = ClientStore(tmp_path / "profiles").load(protected.id, "a long passphrase")
    assert profile.alias == "Sam Private"
    assert replace(profile, alias="x").alias == "x"
