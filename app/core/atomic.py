"""Files replaced so that a crash at any instant leaves a whole version: atomic writes, a backup
that is never missing, several files committed together, and the temp files a crash leaves."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

BACKUP_SUFFIX = ".bak"
# A commit of several files in one folder: written (complete) before the first file is replaced,
# removed after the last; found at start or before a read, it is finished (rolled forward).
JOURNAL_FILE = ".commit.json"
# Our temp files: ".NAME.PID.RANDOM.tmp" (the writer's pid says whether it may still be writing).
_TEMP = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]+\.tmp$")
# A temp file of a live process is left alone unless it is this old (its pid was reused);
# one without a pid (an older SkillShift) once it is a minute old.
STALE_TEMP_SECONDS = 3600.0
STALE_UNNAMED_TEMP_SECONDS = 60.0


def temp_file(target: Path) -> tuple[int, Path]:
    """A new temp file beside `target` (same folder, so a rename replaces it atomically)."""
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    return fd, Path(name)


def _write_temp(target: Path, data: bytes) -> Path:
    fd, tmp = temp_file(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return tmp


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def make_backup(path: Path) -> None:
    """NAME.bak becomes a copy of NAME, replaced in one rename: it is never missing on the way.

    A hard link when the file system has them (no copy), else a copy through a temp file."""
    backup = backup_path(path)
    fd, tmp = temp_file(backup)
    os.close(fd)
    try:
        tmp.unlink()
        try:
            os.link(path, tmp)
        except OSError:
            tmp.write_bytes(path.read_bytes())
        tmp.replace(backup)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes, *, keep_backup: bool = False) -> None:
    """Replace `path` with `data`: temp file, fsync, rename. With `keep_backup`, NAME.bak holds the
    version before (after a first save: the same version), and exists from the first save on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, data)
    try:
        if keep_backup and path.exists():
            make_backup(path)
        tmp.replace(path)
        if keep_backup and not backup_path(path).exists():
            make_backup(path)
        fsync_dir(path.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def commit_files(
    folder: Path,
    writes: Mapping[str, bytes],
    *,
    backups: Iterable[str] = (),
    removals: Iterable[str] = (),
) -> None:
    """Replace several files of `folder` together: after a crash at any point the next
    `recover(folder)` leaves all of them old or all of them new (the caller holds the lock).

    Names in `backups` keep NAME.bak as `write_atomic` does; names in `removals` are deleted
    as part of the same commit (a client's plain files once its encrypted ones are in place).
    """
    folder.mkdir(parents=True, exist_ok=True)
    recover(folder)
    staged: dict[str, str] = {}
    try:
        for name, data in writes.items():
            staged[name] = _write_temp(folder / name, data).name
        journal = {"replace": staged, "backup": sorted(set(backups)), "remove": sorted(removals)}
        write_atomic(folder / JOURNAL_FILE, json.dumps(journal).encode("utf-8"))
    except BaseException:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                (folder / tmp).unlink(missing_ok=True)
        raise
    recover(folder)


def recover(folder: Path) -> bool:
    """Finish a commit a crash interrupted (idempotent). True when there was one."""
    journal_file = folder / JOURNAL_FILE
    try:
        journal = json.loads(journal_file.read_text(encoding="utf-8"))
        replace = {str(k): str(v) for k, v in journal["replace"].items()}
        backups = {str(n) for n in journal.get("backup", ())}
        removals = [str(n) for n in journal.get("remove", ())]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        # Not a journal this version wrote whole (it is written atomically): leave it be.
        return False
    for name, tmp_name in replace.items():
        target, tmp = folder / Path(name).name, folder / Path(tmp_name).name
        if not tmp.exists():
            continue  # already in place
        if name in backups and target.exists():
            make_backup(target)
        tmp.replace(target)
        if name in backups and not backup_path(target).exists():
            make_backup(target)
    for name in removals:
        (folder / Path(name).name).unlink(missing_ok=True)
    fsync_dir(folder)
    journal_file.unlink(missing_ok=True)
    fsync_dir(folder)
    return True


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "posix":
        return True  # no cheap check: the file's age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def leftover_temp_files(root: Path) -> list[Path]:
    """Temp files under `root` that no running save can still need (their writer is gone, or
    they are old), except those a pending commit journal names."""
    found: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for folder, _dirs, files in os.walk(root):
            here = Path(folder)
            pending = _journal_temps(here) if JOURNAL_FILE in files else set()
            for name in files:
                match = _TEMP.match(name)
                if match is None or name in pending or name == JOURNAL_FILE:
                    continue
                try:
                    age = now - (here / name).stat().st_mtime
                except OSError:
                    continue
                pid = match["pid"]
                if pid is None:
                    stale = age > STALE_UNNAMED_TEMP_SECONDS
                else:
                    stale = not _pid_alive(int(pid)) or age > STALE_TEMP_SECONDS
                if stale:
                    found.append(here / name)
    return found


def _journal_temps(folder: Path) -> set[str]:
    try:
        journal = json.loads((folder / JOURNAL_FILE).read_text(encoding="utf-8"))
        return {Path(str(v)).name for v in journal["replace"].values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def remove_leftover_temp_files(root: Path) -> list[Path]:
    """Delete what `leftover_temp_files` finds (they may hold personal data); the removed paths."""
    removed = []
    for path in leftover_temp_files(root):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
