"""Safe profile files on disk: a lock between app instances, damaged files set aside, .bak recovery."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.core.errors import SkillShiftError
from app.core.profile import Profile, ProfileError

LOCK_SUFFIX = ".lock"
BACKUP_SUFFIX = ".bak"
CORRUPT_MARK = ".corrupt-"
# A save takes milliseconds; a lock older than this was left by a process that died mid-save
# (or whose pid was reused), so it may be broken.
STALE_LOCK_SECONDS = 30.0
DEFAULT_WAIT_SECONDS = 10.0


class LockedError(SkillShiftError):
    """Another SkillShift is saving the same file and did not finish in time."""


class CorruptProfileError(ProfileError):
    """A profile that could not be read; it was renamed to `set_aside`, `backup` may restore it."""

    def __init__(self, message: str, path: Path, set_aside: Path | None, backup: Path | None):
        super().__init__(message)
        self.path = path
        self.set_aside = set_aside
        self.backup = backup


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "posix":
        return True  # no cheap check: rely on the lock's age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


class FileLock:
    """An O_CREAT|O_EXCL lock file next to `target` holding "pid time"; stale locks are broken."""

    def __init__(self, target: Path, wait: float = DEFAULT_WAIT_SECONDS) -> None:
        self.target = Path(target)
        self.path = self.target.with_name(self.target.name + LOCK_SUFFIX)
        self.wait = wait
        self._held = False

    def _stale(self) -> bool:
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return False  # just released: try again
        except OSError:
            return False
        parts = text.split()
        try:
            pid = int(parts[0])
        except (IndexError, ValueError):
            # Written by a process that died between creating and filling the file.
            return age > 1.0
        return age > STALE_LOCK_SECONDS or not _pid_alive(pid)

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait
        delay = 0.002
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if self._stale():
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"{self.target} is being saved by another SkillShift (lock {self.path}); "
                        "try again, or delete the lock file if no other SkillShift is running"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
                continue
            except OSError as exc:
                raise ProfileError(
                    f"profile {self.target} cannot be locked ({exc.strerror or exc})"
                ) from None
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(f"{os.getpid()} {time.time():.3f}\n")
            self._held = True
            return

    def release(self) -> None:
        if self._held:
            self._held = False
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


@contextlib.contextmanager
def locked(target: Path, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
    with FileLock(target, wait):
        yield


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def save_profile(profile: Profile, path: str | os.PathLike[str]) -> Path:
    """Profile.save (atomic, keeps NAME.bak) under the lock, so two instances never interleave."""
    file = Path(path)
    with locked(file):
        return profile.save(file)


def set_aside(path: Path) -> Path:
    """Rename a damaged file to NAME.corrupt-<timestamp> (never overwriting an earlier one)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{n}")
    path.rename(target)
    return target


def _good_backup(path: Path) -> Path | None:
    backup = backup_path(path)
    try:
        Profile.load(backup)
    except ProfileError:
        return None
    return backup


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Profile.load; a damaged file is set aside and a CorruptProfileError offers the .bak.

    A missing or unreadable (permission) file is a plain ProfileError and nothing is moved.
    """
    file = Path(path)
    try:
        return Profile.load(file)
    except ProfileError as exc:
        if not file.is_file() or not os.access(file, os.R_OK):
            raise
        message = str(exc)
    with locked(file):
        try:
            aside: Path | None = set_aside(file)
        except OSError:
            aside = None
    backup = _good_backup(file)
    hint = (
        f"; the damaged file was kept as {aside.name}" if aside else "; it could not be set aside"
    )
    offer = (
        f"; the previous version {backup.name} can be restored"
        if backup
        else "; there is no earlier version to restore"
    )
    raise CorruptProfileError(message + hint + offer, file, aside, backup)


def restore_backup(path: str | os.PathLike[str]) -> Profile:
    """Put NAME.bak back as NAME (the damaged file has been set aside by load_profile)."""
    file = Path(path)
    backup = backup_path(file)
    profile = Profile.load(backup)
    with locked(file):
        if file.exists():
            set_aside(file)
        profile.save(file)
    return profile
