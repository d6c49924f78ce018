"""Integrity at load: a modified database is refused with a way to restore it; checks are cached."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from app.core import catalog as catalog_module
from app.core.catalog import Catalog, verify_database
from app.core.errors import ResourceError
from app.core.matching import connect_readonly
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
    for attempt in (Catalog.open, verify_database, connect_readonly):
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


def test_check_is_remembered_so_opening_stays_fast(db_copy: Path) -> None:
    Catalog.open().close()  # first open: the content is hashed (under a second)
    catalog_module._VERIFIED_DB.clear()  # a new process: only the user cache remembers
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        Catalog.open().close()
        timings.append(time.perf_counter() - start)
    assert min(timings) <= 0.050
    # Changing the file (new mtime/size) makes it check again and catch the change.
    with sqlite3.connect(db_copy) as db:
        db.execute(
            "UPDATE occupations SET title = 'x' WHERE code = (SELECT MIN(code) FROM occupations)"
        )
    db.close()
    with pytest.raises(ResourceError, match="has been modified"):
        Catalog.open()
