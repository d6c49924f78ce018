"""Safe profile files on disk: an OS lock between app instances, damaged files set aside, .bak."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.core.atomic import BACKUP_SUFFIX, backup_path
from app.core.errors import SkillShiftError
from app.core.profile import Profile, ProfileError

LOCK_SUFFIX = ".lock"
__all__ = [
    "BACKUP_SUFFIX",
    "CorruptProfileError",
    "FileLock",
    "LockedError",
    "backup_path",
    "load_profile",
    "locked",
    "restore_backup",
    "save_profile",
    "set_aside",
]
CORRUPT_MARK = ".corrupt-"
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


def _try_lock(fd: int) -> bool:
    """Take the OS lock on `fd` without waiting; False when another holder has it."""
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    """An operating-system lock (flock; msvcrt.locking on Windows) on NAME.lock beside `target`.

    The kernel holds it, so it goes away with the process that held it (a crash or a kill leaves
    nothing to break) and two processes can never both hold it. The file stays (removing it
    would let a waiter lock a file that is no longer the one others open); it names its last
    holder (pid and time) for whoever looks.
    """

    def __init__(self, target: Path, wait: float = DEFAULT_WAIT_SECONDS) -> None:
        self.target = Path(target)
        self.path = self.target.with_name(self.target.name + LOCK_SUFFIX)
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as exc:
            raise ProfileError(
                f"{self.target} cannot be saved ({exc.strerror or exc}: {self.path})"
            ) from None
        deadline = time.monotonic() + self.wait
        delay = 0.002
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockedError(
                    f"{self.target} is being saved by another SkillShift that did not finish "
                    f"within {self.wait:g} s; try again"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        with contextlib.suppress(OSError):  # who holds it: a note, never needed
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)  # (os.pwrite does not exist on Windows)
            os.write(fd, f"{os.getpid()} {time.time():.3f}\n".encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)

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
