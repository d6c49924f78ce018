"""The one read-only data layer: opens the database, checks it, reads its metadata, serves tables."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from app import paths
from app.core import integrity
from app.core.errors import ResourceError

SCHEMA_VERSION = 2
_SQLITE_MAGIC = b"SQLite format 3\x00"
_REBUILD = "run `make resources` to build it"


def content_hash(connection: sqlite3.Connection) -> str:
    """sha256 over every table's name, columns and rows in primary-key order (`meta` excluded)."""
    digest = hashlib.sha256()
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'meta' ORDER BY name"
        )
    ]
    for name in names:
        info = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [row[1] for row in info]
        # Primary-key order reads the table's own b-tree (no sort); tables without a key
        # are ordered by all their columns.
        key = [f'"{row[1]}"' for row in sorted(info, key=lambda r: r[5]) if row[5] > 0]
        order = ", ".join(key) or ", ".join(str(i) for i in range(1, len(columns) + 1))
        rows = connection.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
        # One JSON document per table: the C encoder does the work, not a Python loop.
        digest.update(json.dumps([name, columns, rows], ensure_ascii=False).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class TitleRow:
    code: str
    title: str
    source: str  # occupation | alternate | short | reported


class Database:
    """One database file, opened read-only; safe to share between threads.

    Every read goes through `rows`; the tables search reads whole (occupations, titles, tasks,
    skills) are read once and kept.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._lock = threading.Lock()
        self._tables_lock = threading.Lock()
        self._tables: dict[str, Any] = {}
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None, *, verify: bool | None = None) -> Database:
        """Open the database at `path` (default: the bundled one) or raise ResourceError.

        `verify` (default: only for the app's own database, i.e. `path` None) checks the rows
        against the content hash recorded at build time and refuses a modified file.
        """
        where = Path(path) if path is not None else paths.database_path()
        check = path is None if verify is None else verify
        if not where.is_file():
            raise ResourceError(f"the SkillShift database is missing: {where}; {_REBUILD}")
        try:
            with where.open("rb") as handle:
                magic = handle.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise ResourceError(f"cannot read the SkillShift database {where}: {exc}") from None
        if magic != _SQLITE_MAGIC:
            raise ResourceError(
                f"the SkillShift database is damaged (not an SQLite file): {where}; {_REBUILD}"
            )
        # immutable=1: the bundled file never changes while the app runs, so SQLite can skip
        # locking and change detection (also works from a read-only install folder).
        uri = f"{where.resolve().as_uri()}?mode=ro&immutable=1"
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.Error:
            if connection is not None:
                connection.close()
            raise ResourceError(
                f"the SkillShift database is damaged or incomplete: {where}; {_REBUILD}"
            ) from None
        if row is None or row[0] != str(SCHEMA_VERSION):
            connection.close()
            found = "none" if row is None else row[0]
            raise ResourceError(
                f"the SkillShift database {where} has schema version {found}, this version of "
                f"SkillShift needs {SCHEMA_VERSION}; {_REBUILD}"
            )
        database = cls(connection, where)
        if check:
            try:
                _verify_once(database)
            except ResourceError:
                database.close()
                raise
        return database

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of one query; a damaged file is a ResourceError that says how to fix it."""
        with self._lock:
            try:
                return self._connection.execute(sql, tuple(params)).fetchall()
            except UnicodeEncodeError:
                # Text that is not valid Unicode (a lone surrogate, e.g. from a JSON "\ud800"
                # escape) cannot equal any stored value: nothing found.
                return []
            except sqlite3.DatabaseError as exc:
                raise ResourceError(
                    f"the SkillShift database {self.path} could not be read ({exc}); {_REBUILD}"
                ) from None

    # -- metadata ------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.rows("SELECT key, value FROM meta ORDER BY key")}

    @property
    def content_hash(self) -> str | None:
        """The content hash recorded when the database was built (None when there is none)."""
        return self.meta().get("content_hash")

    def verify(self) -> bool:
        """True when the rows still match the content hash written at build time."""
        with self._lock:
            actual = content_hash(self._connection)
        return actual == self.content_hash

    # -- whole tables, read once ---------------------------------------------------------

    def _table(self, name: str, read: Callable[[], Any]) -> Any:
        with self._tables_lock:
            if name not in self._tables:
                self._tables[name] = read()
            return self._tables[name]

    def occupations(self) -> dict[str, str]:
        """code → official title, in code order."""

        def read() -> dict[str, str]:
            rows = self.rows("SELECT code, title FROM occupations ORDER BY code")
            return {str(c): str(t) for c, t in rows}

        return dict(self._table("occupations", read))

    def title_rows(self) -> list[TitleRow]:
        """Every non-empty title (occupation, alternate, short, reported) in id order."""

        def read() -> list[TitleRow]:
            rows = self.rows("SELECT code, title, source FROM titles ORDER BY id")
            return [TitleRow(str(c), str(t).strip(), str(s)) for c, t, s in rows if str(t).strip()]

        return list(self._table("titles", read))

    def tasks(self) -> list[tuple[int, str, str]]:
        """(task_id, code, task) in task_id order."""

        def read() -> list[tuple[int, str, str]]:
            rows = self.rows("SELECT task_id, code, task FROM tasks ORDER BY task_id")
            return [(int(i), str(c), str(t)) for i, c, t in rows]

        return list(self._table("tasks", read))

    def skills(self) -> list[tuple[str, str]]:
        """(uri, preferred label) of every ESCO skill, in uri order."""

        def read() -> list[tuple[str, str]]:
            rows = self.rows("SELECT uri, label FROM esco_skills ORDER BY uri")
            return [(str(u), str(lab)) for u, lab in rows]

        return list(self._table("skills", read))


# Shared handles by (resolved path, size, mtime_ns, inode): a changed or replaced file is opened
# (and, for the app's own database, checked) anew.
_SHARED: dict[tuple[str, int, int, int], Database] = {}
_SHARED_LOCK = threading.Lock()
_SHARED_KEEP = 4


def database(path: Path | None = None) -> Database:
    """The shared read-only handle on the database at `path` (default: the app's own, verified
    once), opened on first use and kept for the life of the process."""
    where = path if path is not None else paths.database_path()
    try:
        stat = where.stat()
        key = (str(where.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:
        return Database.open(path)  # missing or unreadable: the same clear error as opening
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = Database.open(path)
            if len(_SHARED) >= _SHARED_KEEP:
                _SHARED.pop(next(iter(_SHARED)))  # tests open many copies; the app one file
            _SHARED[key] = found
    return found


def verify_database(path: str | Path | None = None) -> None:
    """Refuse a modified database (ResourceError saying how to restore it); checked by content
    once per process."""
    with Database.open(path, verify=True):
        pass


def _verify_once(database: Database) -> None:
    """The app's own database against the bundle's manifest, by content (app/core/integrity.py)."""
    integrity.verify(integrity.DATABASE, database.path)
