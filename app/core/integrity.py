"""One manifest of every bundled file with its sha256 (resources/checksums.json), checked by
content before first use in every process: no cache keyed on size or modification time.

Loaders call `check(path)` (or `verify(name)`) before they read a bundled file; the window checks
them all in its first background job. Build scripts that write a bundled file call
`record_files(...)`, the one place the manifest is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app import paths
from app.core.errors import ResourceError
from app.core.progress import NULL_PROGRESS, Progress, check_cancelled

CHECKSUMS_FILE = "resources/checksums.json"
FORMAT = 1
DATABASE = "resources/skillshift.db"
TRANSITIONS = "resources/transitions.npz"
MODEL = "models/skillshift-encoder.onnx"
TOKENIZER = "models/tokenizer.json"
MODEL_MANIFEST = "models/manifest.json"
EMBEDDINGS = "models/embeddings.npz"
TITLE_HEAD = "models/title_head.npz"
ACTIVITY_VOTE = "models/activity_vote.json"
# Every file of the bundle that the app reads (build.spec bundles exactly these, plus the
# manifest itself, the icon and the translations).
BUNDLED: tuple[str, ...] = (
    MODEL,
    TOKENIZER,
    MODEL_MANIFEST,
    EMBEDDINGS,
    TITLE_HEAD,
    ACTIVITY_VOTE,
    "models/LICENSE",
    "models/NOTICE",
    "models/model_card.md",
    DATABASE,
    TRANSITIONS,
)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Expected:
    sha256: str
    size: int


_lock = threading.Lock()
_name_locks: dict[str, threading.Lock] = {}
# File versions (name, path, size, mtime, inode) whose content matched in this process.
_verified: set[tuple[str, str, int, int, int]] = set()
_manifests: dict[tuple[str, int, int], dict[str, Expected]] = {}


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def location(name: str) -> Path:
    """Where the bundled file `name` is read from (the database may be an unpacked copy)."""
    if name == DATABASE:
        return paths.database_path()
    return _join(paths.bundle_root(), name)


def _join(root: Path, name: str) -> Path:
    return root.joinpath(*name.split("/"))


def _shown(name: str, path: Path) -> str:
    try:
        return path.relative_to(paths.bundle_root()).as_posix()
    except ValueError:
        return str(path)


def restore_hint(name: str, path: Path | None = None) -> str:
    """How to get the original file back, for the situation the app runs in."""
    frozen = getattr(sys, "frozen", False)
    if name == DATABASE and path is not None and path.parent == paths.cache_dir(create=False):
        return "delete it and SkillShift unpacks it again, or reinstall SkillShift"
    if frozen:
        return "reinstall SkillShift to restore it"
    if name.startswith("models/"):
        return "restore it with `git checkout -- models/` (or rebuild it with `make model`)"
    return (
        "reinstall SkillShift (or, in a source checkout, `git checkout -- resources/` or "
        "`make resources`) to restore it"
    )


def _what(name: str, path: Path) -> str:
    if name == DATABASE:
        return f"the SkillShift database {path}"
    return f"bundled file {_shown(name, path)}"


def manifest(root: Path | None = None) -> dict[str, Expected]:
    """The recorded checksums (read once per version of the file); a ResourceError if unusable."""
    file = _join(root if root is not None else paths.bundle_root(), CHECKSUMS_FILE)
    try:
        stat = file.stat()
        key = (str(file), stat.st_size, stat.st_mtime_ns)
        with _lock:
            known = _manifests.get(key)
        if known is not None:
            return known
        raw = json.loads(file.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise ValueError(f"unsupported format {raw.get('format')!r}")
        entries = {
            str(name): Expected(str(entry["sha256"]).lower(), int(entry["bytes"]))
            for name, entry in raw["files"].items()
        }
    except FileNotFoundError:
        raise ResourceError(
            f"the list of checksums {CHECKSUMS_FILE} is missing; {restore_hint(CHECKSUMS_FILE)}"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ResourceError(
            f"the list of checksums {CHECKSUMS_FILE} cannot be read ({exc}); "
            f"{restore_hint(CHECKSUMS_FILE)}"
        ) from None
    with _lock:
        _manifests[key] = entries
    return entries


def _name_lock(name: str) -> threading.Lock:
    with _lock:
        return _name_locks.setdefault(name, threading.Lock())


def verify(name: str, path: Path | None = None) -> None:
    """Check one bundled file (at `path`, default its place in the bundle) by its content against
    the manifest, once per version of the file in this process; ResourceError on a mismatch."""
    file = path if path is not None else location(name)
    expected = manifest().get(name)
    if expected is None:
        raise ResourceError(
            f"no checksum is recorded for {name} in {CHECKSUMS_FILE}; {restore_hint(name)}"
        )
    with _name_lock(name):
        try:
            stat = file.stat()
        except FileNotFoundError:
            raise ResourceError(f"{_what(name, file)} is missing; {restore_hint(name)}") from None
        except OSError as exc:
            raise ResourceError(
                f"{_what(name, file)} cannot be read ({exc.strerror or exc}); {restore_hint(name)}"
            ) from None
        key = (name, str(file), stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if key in _verified:
            return
        try:
            same = stat.st_size == expected.size and sha256_file(file) == expected.sha256
        except OSError as exc:
            raise ResourceError(
                f"{_what(name, file)} cannot be read ({exc.strerror or exc}); {restore_hint(name)}"
            ) from None
        if not same:
            raise ResourceError(
                f"{_what(name, file)} has been modified or damaged (its content does not match "
                f"the checksum recorded when it was built); {restore_hint(name, file)}"
            )
        _verified.add(key)


def bundled_name(path: Path) -> str | None:
    """The manifest name of `path` when it is one of the bundle's own files (not the database,
    which Catalog.open checks for the app's own use only)."""
    relative = _relative(path, paths.bundle_root())
    return relative if relative in BUNDLED and relative != DATABASE else None


def _relative(path: Path, root: Path) -> str | None:
    # Not resolved: a bundle may be assembled from links (tests), and its own names count.
    try:
        return Path(path).absolute().relative_to(Path(root).absolute()).as_posix()
    except ValueError:
        return None


def check(path: Path) -> None:
    """Before reading `path`: verify it if it is a bundled file (other paths: tools and tests)."""
    name = bundled_name(path)
    if name is not None:
        verify(name, path)


def verify_bundle(progress: Progress = NULL_PROGRESS, *, workers: int = 2) -> None:
    """Every bundled file, in parallel (hashing releases the GIL); the first failure is raised."""
    names = list(BUNDLED)
    progress.report(0, len(names), "verify")
    done = 0
    with ThreadPoolExecutor(max(1, workers)) as pool:
        for future in [pool.submit(verify, name) for name in names]:
            future.result()
            done += 1
            progress.report(done, len(names), "verify")
            check_cancelled(progress)


def forget() -> None:
    """Forget what this process verified (tests, and the bench that measures a first check)."""
    with _lock:
        _verified.clear()
        _manifests.clear()


def record_files(files: Iterable[Path], *, root: Path | None = None) -> list[str]:
    """Record the current sha256 and size of bundled `files` in the manifest (build scripts call
    this after writing one). Files outside the bundle are ignored: a build that writes elsewhere
    (a test, a trial) leaves the manifest alone. Returns the names recorded."""
    base = (root if root is not None else paths.bundle_root()).absolute()
    names: list[str] = []
    for file in files:
        relative = _relative(file, base)
        if relative in BUNDLED:
            names.append(relative)
    if names:
        write_manifest(base, names)
    return names


def write_manifest(root: Path, names: Sequence[str] = BUNDLED) -> None:
    """Refresh `names` (default: every bundled file present) in ROOT/resources/checksums.json."""
    file = _join(root, CHECKSUMS_FILE)
    try:
        current = json.loads(file.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        current = {}
    for name in names:
        path = _join(root, name)
        if path.is_file():
            current[name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    body = {
        "format": FORMAT,
        "about": "every bundled file and its sha256, checked by content at every start "
        "(app/core/integrity.py); written by the build scripts through record_files",
        "files": {name: current[name] for name in sorted(current) if name in BUNDLED},
    }
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        tmp.replace(file)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    forget()
