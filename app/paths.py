"""The one place that knows where bundled resources live and where user data goes."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path, PurePosixPath

APP_NAME = "SkillShift"

_data_dir_override: Path | None = None


class PathError(ValueError):
    """A relative resource path that tries to leave its folder."""


def bundle_root() -> Path:
    """Folder that holds `resources/` and `models/`: the source tree or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def _safe_join(base: Path, relative: str) -> Path:
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or relative.startswith(("/", "\\")) or ".." in pure.parts:
        raise PathError(f"resource path must be relative and stay inside its folder: {relative!r}")
    if pure.parts and ":" in pure.parts[0]:
        raise PathError(f"resource path must not name a drive: {relative!r}")
    return base.joinpath(*pure.parts)


def resource_path(relative: str = "") -> Path:
    """A file under `resources/` (the embedded database and assets)."""
    return _safe_join(bundle_root() / "resources", relative)


def model_path(relative: str = "") -> Path:
    """A file under `models/` (the ONNX model, tokenizer, manifest)."""
    return _safe_join(bundle_root() / "models", relative)


DATABASE_FILE = "skillshift.db"
PACKED_DATABASE_FILE = "skillshift.db.gz"  # the installed bundle ships the database compressed


def database_path() -> Path:
    """The embedded database: SKILLSHIFT_DB, else resources/, else unpacked from the bundle."""
    env = os.environ.get("SKILLSHIFT_DB")
    if env:
        return Path(env)
    plain = resource_path(DATABASE_FILE)
    packed = resource_path(PACKED_DATABASE_FILE)
    if plain.exists() or not packed.exists():
        return plain
    return unpack_database(packed)


def unpack_database(packed: Path) -> Path:
    """Decompress the bundled database once into the cache (named by the archive's size/mtime).

    Nothing is written inside the bundle; a half-written copy is never used (temp file, rename).
    """
    import gzip
    import shutil

    from app.core.errors import ResourceError

    stat = packed.stat()
    target = cache_dir() / f"skillshift-{stat.st_size:x}-{int(stat.st_mtime):x}.db"
    if target.exists():
        return target
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with gzip.open(packed, "rb") as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
        tmp.replace(target)
    except OSError as exc:
        raise ResourceError(
            f"the database cannot be unpacked into {target.parent} ({exc.strerror or exc}); "
            "SkillShift needs a writable data folder the first time it starts: choose one with "
            "--data-dir"
        ) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    for old in target.parent.glob("skillshift-*.db"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink(missing_ok=True)
    return target


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Move every writable folder (profiles, settings, caches) under `path` (`--data-dir`)."""
    global _data_dir_override  # noqa: PLW0603 - one process-wide setting, set once at start-up
    _data_dir_override = Path(path).expanduser().resolve() if path is not None else None


def _env_data_dir() -> Path | None:
    env = os.environ.get("SKILLSHIFT_DATA_DIR")
    return Path(env).expanduser() if env else None


def _default_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_NAME


LOCATION_FILE = "data-location.txt"


def location_file() -> Path:
    """Where a data folder chosen in Settings is remembered (always in the default folder)."""
    return _default_data_dir() / LOCATION_FILE


def chosen_data_dir() -> Path | None:
    """The folder picked in Settings, if any and still usable."""
    try:
        text = location_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_absolute() else None


def choose_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Remember `path` as the data folder from the next start on (None: back to the default)."""
    pointer = location_file()
    pointer.parent.mkdir(parents=True, exist_ok=True)
    if path is None:
        pointer.unlink(missing_ok=True)
        return
    target = Path(path).expanduser().resolve()
    target.mkdir(parents=True, exist_ok=True)
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(str(target) + "\n", encoding="utf-8")
    tmp.replace(pointer)


def data_dir(create: bool = True) -> Path:
    """Root of all user data: `--data-dir`, SKILLSHIFT_DATA_DIR, the folder chosen in Settings,
    else the platform's default.

    `create` makes the folder when it can; a folder that cannot be made (a read-only mount, a
    folder of another user) is returned all the same: reading works, and whatever writes there
    reports the problem (`writable_problem` says so up front).
    """
    path = _data_dir_override or _env_data_dir() or chosen_data_dir() or _default_data_dir()
    if create:
        _try_mkdir(path)
    return path


def _try_mkdir(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)


def _subdir(name: str, create: bool) -> Path:
    path = data_dir(create) / name
    if create:
        _try_mkdir(path)
    return path


def writable_problem(folder: Path | None = None) -> str | None:
    """Why nothing can be saved in `folder` (default: the data folder), or None when it can."""
    target = folder if folder is not None else data_dir()
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".write-check.", suffix=".tmp", dir=target)
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(fd)
    with contextlib.suppress(OSError):
        Path(name).unlink()
    return None


def profiles_dir(create: bool = True) -> Path:
    return _subdir("profiles", create)


def cache_dir(create: bool = True) -> Path:
    return _subdir("cache", create)


def settings_file() -> Path:
    return data_dir() / "settings.ini"
