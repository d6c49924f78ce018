"""Resource and user-data locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import paths


def test_resources_resolve_inside_the_source_tree() -> None:
    root = paths.bundle_root()
    assert (root / "app" / "paths.py").exists()
    assert paths.resource_path("skillshift.db").parent == root / "resources"
    assert paths.model_path("manifest.json").parent == root / "models"


@pytest.mark.parametrize(
    "bad", ["/etc/passwd", "../secret", "a/../../b", "C:/x", "\\\\server\\share"]
)
def test_escaping_paths_are_rejected(bad: str) -> None:
    with pytest.raises(paths.PathError):
        paths.resource_path(bad)


def test_frozen_bundle_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert paths.bundle_root() == tmp_path
    assert paths.model_path("tokenizer.json") == tmp_path / "models" / "tokenizer.json"


def test_data_dir_override_moves_everything(tmp_path: Path) -> None:
    paths.set_data_dir(tmp_path / "portable")
    try:
        assert paths.data_dir() == (tmp_path / "portable").resolve()
        assert paths.profiles_dir().is_dir()
        assert paths.cache_dir().parent == paths.data_dir()
        assert paths.settings_file().parent == paths.data_dir()
    finally:
        paths.set_data_dir(None)


def test_default_data_dir_honours_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLSHIFT_DATA_DIR", str(tmp_path / "env"))
    paths.set_data_dir(None)
    assert paths.data_dir() == tmp_path / "env"


def test_a_folder_chosen_in_settings_is_used_from_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILLSHIFT_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    paths.set_data_dir(None)
    default = tmp_path / "xdg" / "SkillShift"
    assert paths.data_dir() == default
    paths.choose_data_dir(tmp_path / "usb")
    assert paths.location_file().parent == default
    assert paths.data_dir() == (tmp_path / "usb").resolve()
    assert paths.profiles_dir().parent == (tmp_path / "usb").resolve()
    # --data-dir still wins for one run, and the choice can be undone.
    paths.set_data_dir(tmp_path / "once")
    assert paths.data_dir() == (tmp_path / "once").resolve()
    paths.set_data_dir(None)
    paths.choose_data_dir(None)
    assert paths.data_dir() == default


def test_a_broken_location_file_falls_back_to_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILLSHIFT_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    paths.set_data_dir(None)
    pointer = paths.location_file()
    pointer.parent.mkdir(parents=True)
    pointer.write_bytes(b"\xff\xfe relative/path")
    assert paths.data_dir() == tmp_path / "xdg" / "SkillShift"
    pointer.write_text("relative/path", encoding="utf-8")
    assert paths.data_dir() == tmp_path / "xdg" / "SkillShift"


def test_a_packed_database_is_unpacked_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip
    import sqlite3

    bundle = tmp_path / "bundle"
    (bundle / "resources").mkdir(parents=True)
    db = tmp_path / "plain.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        con.execute("INSERT INTO t VALUES (42)")
    con.close()
    (bundle / "resources" / paths.PACKED_DATABASE_FILE).write_bytes(gzip.compress(db.read_bytes()))
    monkeypatch.delenv("SKILLSHIFT_DB", raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(bundle), raising=False)
    first = paths.database_path()
    assert first.parent == paths.cache_dir()
    assert first.read_bytes() == db.read_bytes()
    assert not (bundle / "resources" / paths.DATABASE_FILE).exists()
    stamp = first.stat().st_mtime_ns
    assert paths.database_path() == first
    assert first.stat().st_mtime_ns == stamp
    assert not list(first.parent.glob("*.tmp"))
