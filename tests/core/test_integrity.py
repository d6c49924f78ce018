"""Integrity: every bundled file is checked by content before first use, in every process."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from app.core import integrity
from app.core.catalog import Catalog
from app.core.db import Database, database, verify_database
from app.core.errors import ResourceError
from app.core.progress import NULL_PROGRESS
from app.paths import database_path


@pytest.fixture
def db_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "skillshift.db"
    shutil.copyfile(database_path(), copy)
    monkeypatch.setenv("SKILLSHIFT_DB", str(copy))
    return copy


def test_modified_database_is_refused_with_how_to_restore(db_copy: Path) -> None:
    with sqlite3.connect(db_copy) as db:
        db.execute(
            "UPDATE occupations SET wage_median = wage_median + 1 WHERE code = (SELECT MIN(code) FROM occupations)"
        )
    db.close()
    for attempt in (Catalog.open, verify_database, Database.open, database):
        with pytest.raises(ResourceError, match="has been modified") as info:
            attempt()
        assert "reinstall SkillShift" in str(info.value)
        assert str(db_copy) in str(info.value)
    with Catalog.open(db_copy) as cat:  # an explicit path (tools, tests) opens unchecked
        assert cat.path == db_copy


def test_a_database_without_a_recorded_hash_is_refused(db_copy: Path) -> None:
    with sqlite3.connect(db_copy) as db:
        db.execute("DELETE FROM meta WHERE key = 'content_hash'")
    db.close()
    with pytest.raises(ResourceError, match="has been modified or damaged"):
        Catalog.open()


def test_each_start_checks_by_content_not_by_size_and_time(db_copy: Path) -> None:
    """Bit rot, `cp -p`, `rsync -t`, `touch -r`: same size, same modification time, other bytes."""
    Catalog.open().close()
    integrity.forget()  # a new start: nothing is remembered from the last one
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        Catalog.open().close()
        timings.append(time.perf_counter() - start)
    assert min(timings) <= 0.050  # within one process a checked file is not hashed again
    stat = db_copy.stat()
    blob = db_copy.read_bytes()
    assert blob.count(b"Registered Nurses") >= 1
    db_copy.write_bytes(blob.replace(b"Registered Nurses", b"Regisrered Nurses", 1))
    os.utime(db_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert db_copy.stat().st_size == stat.st_size
    integrity.forget()
    with pytest.raises(ResourceError, match="has been modified or damaged"):
        Catalog.open()


def test_the_manifest_lists_every_bundled_file_and_they_match() -> None:
    from tests.conftest import REPO

    recorded = integrity.manifest()
    assert set(recorded) == set(integrity.BUNDLED)
    for name in (
        "models/skillshift-encoder.onnx",
        "models/tokenizer.json",
        "resources/skillshift.db",
        "models/embeddings.npz",
        "resources/transitions.npz",
        "models/title_head.npz",
        "models/activity_vote.json",
    ):
        assert name in recorded
    integrity.forget()
    integrity.verify_bundle()  # the committed files are the recorded ones
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert "checksums.json" in spec  # the bundle is built from the same list


def test_record_files_updates_only_bundled_entries(tmp_path: Path) -> None:
    from tests.conftest import REPO

    root = tmp_path / "bundle"
    (root / "resources").mkdir(parents=True)
    (root / "models").mkdir()
    shutil.copyfile(REPO / integrity.CHECKSUMS_FILE, root / integrity.CHECKSUMS_FILE)
    (root / "resources" / "transitions.npz").write_bytes(b"rebuilt")
    (root / "resources" / "elsewhere.npz").write_bytes(b"not bundled")
    names = integrity.record_files(
        [root / "resources" / "transitions.npz", root / "resources" / "elsewhere.npz"], root=root
    )
    assert names == ["resources/transitions.npz"]
    recorded = integrity.manifest(root)
    assert recorded["resources/transitions.npz"] == integrity.Expected(
        hashlib.sha256(b"rebuilt").hexdigest(), 7
    )
    assert (
        recorded["models/skillshift-encoder.onnx"]
        == integrity.manifest()["models/skillshift-encoder.onnx"]
    )


WRITERS = {
    "resources/build_resources.py": ["skillshift.db"],
    "resources/build_transitions.py": ["transitions.npz"],
    "models/build_index.py": ["embeddings.npz", "title_head.npz"],
    "models/fit_activity_vote.py": ["activity_vote.json"],
    "models/make_model.py": ["skillshift-encoder.onnx", "tokenizer.json", "manifest.json"],
    "models/model_card.py": ["model_card.md"],
}


@pytest.mark.parametrize("script", list(WRITERS))
def test_every_build_script_that_writes_a_bundled_file_records_it(script: str) -> None:
    """One shared function writes the manifest; each writer of a bundled file calls it."""
    from tests.conftest import REPO

    source = (REPO / script).read_text(encoding="utf-8")
    assert "integrity.record_files(" in source
    assert "checksums.json" not in source  # nobody writes the manifest by hand


@pytest.mark.model  # load_search starts the model
def test_verification_runs_off_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's first job checks everything; the GUI thread never hashes a bundled file."""
    import threading

    from app.ui.services import Services

    hashed_on: list[str] = []
    real = integrity.sha256_file

    def watched(path: Path) -> str:
        hashed_on.append(threading.current_thread().name)
        return real(path)

    monkeypatch.setattr(integrity, "sha256_file", watched)
    integrity.forget()
    services = Services("cpu")
    worker = threading.Thread(target=lambda: services.load_search(NULL_PROGRESS), name="job")
    worker.start()
    worker.join()
    assert len(hashed_on) == len(integrity.BUNDLED)
    assert "MainThread" not in hashed_on
    services.catalog()  # first use on the GUI thread: already checked, nothing hashed
    assert len(hashed_on) == len(integrity.BUNDLED)


# A start of the app from a bundle folder (as the frozen app sees its own folder).
_START = (
    "import sys; sys._MEIPASS = sys.argv[1]; from app.cli import main; sys.exit(main(sys.argv[2:]))"
)
# Which command reads each file first, and a same-size change that keeps it loadable where it can.
CORRUPTIONS: dict[str, tuple[list[str], str, bytes, bytes]] = {
    "resources/skillshift.db": (
        ["info", "29-1141.00"],
        "",
        b"Registered Nurses",
        b"Regisrered Nurses",
    ),
    "models/skillshift-encoder.onnx": (["match", "--jsonl"], "nurse\n", b"", b""),
    "models/tokenizer.json": (["match", "--jsonl"], "nurse\n", b'"nurse"', b'"nurze"'),
    "models/manifest.json": (["match", "--jsonl"], "nurse\n", b'"E2"', b'"E9"'),
    "models/embeddings.npz": (["match", "--jsonl"], "nurse\n", b"", b""),
    "models/title_head.npz": (["match", "--jsonl"], "nurse\n", b"", b""),
    "models/activity_vote.json": (
        ["exposure", "--jsonl"],
        "Give injections.\n",
        b'"weight": 0.',
        b'"weight": 1.',
    ),
    "resources/transitions.npz": (["transitions", "29-1141.00", "--top", "2"], "", b"", b""),
}


def _bundle(tmp_path: Path, damaged: str) -> Path:
    """A bundle folder of links to the real files, with a real copy of `damaged`."""
    from tests.conftest import REPO

    bundle = tmp_path / "bundle"
    for folder in ("models", "resources"):
        (bundle / folder).mkdir(parents=True)
        for item in (REPO / folder).iterdir():
            if item.is_file():
                (bundle / folder / item.name).symlink_to(item)
    target = bundle / damaged
    target.unlink()
    shutil.copy2(REPO / damaged, target)
    return bundle


def _damage_keeping_size_and_time(file: Path, old: bytes, new: bytes) -> None:
    stat = file.stat()
    blob = bytearray(file.read_bytes())
    if old:
        at = blob.index(old)
        blob[at : at + len(old)] = new
    else:  # a bit flipped in the middle (bit rot)
        blob[len(blob) // 2] ^= 0x10
    file.write_bytes(bytes(blob))
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size and file.stat().st_mtime_ns == stat.st_mtime_ns


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="links for the bundle folder")
def test_a_same_size_change_with_the_time_kept_is_caught_at_the_next_start(
    tmp_path: Path,
) -> None:
    """Each bundled file in turn: a first start fills every cache there is, the file changes with
    its size and modification time kept, and the next start refuses it (exit 2, how to restore)."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from tests.conftest import REPO

    def start(
        bundle: Path, data: Path, argv: list[str], stdin: str
    ) -> subprocess.CompletedProcess[str]:
        env = {
            k: v for k, v in os.environ.items() if k not in {"SKILLSHIFT_DB", "SKILLSHIFT_DATA_DIR"}
        }
        env["PYTHONPATH"] = str(REPO)
        return subprocess.run(
            [sys.executable, "-c", _START, str(bundle), "--data-dir", str(data), *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=400,
            check=False,
        )

    def one(
        name: str,
    ) -> tuple[str, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
        argv, stdin, old, new = CORRUPTIONS[name]
        folder = tmp_path / name.replace("/", "-")
        bundle = _bundle(folder, name)
        first = start(bundle, folder / "data", argv, stdin)
        _damage_keeping_size_and_time(bundle / name, old, new)
        second = start(bundle, folder / "data", argv, stdin)
        return name, first, second

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(one, CORRUPTIONS))
    for name, first, second in results:
        assert first.returncode == 0, (name, first.stderr[-2000:])
        assert second.returncode == 2, (
            name,
            second.returncode,
            second.stdout[-500:],
            second.stderr[-2000:],
        )
        assert "has been modified or damaged" in second.stderr, (name, second.stderr)
        assert "Traceback" not in second.stderr
