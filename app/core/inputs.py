"""Files and JSON a person hands to the app: regular files only, bounded reads, plain messages."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

_CHUNK = 1 << 20


class NotARegularFileError(OSError):
    """A folder, a device (/dev/zero), a named pipe or a socket where a file was expected."""


class FileTooLargeError(OSError):
    """More bytes than the caller accepts; only `limit` + 1 of them were read."""

    def __init__(self, path: str | os.PathLike[str], limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        self.limit = limit


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The content of the regular file `path`, of at most `limit` bytes.

    The size is not taken from stat(): a device or a file that grows is read in chunks, never
    past `limit` + 1 bytes. Opening does not block on a named pipe without a writer.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFileError(
                errno.EINVAL, "not a regular file: a folder, a device or a pipe", str(path)
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLargeError(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """True for a regular file (after symlinks); False for anything else or nothing."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


class JsonInputError(ValueError):
    """Text that is not JSON SkillShift can read; the message is meant for the person."""


def parse_json(raw: bytes | str) -> Any:
    """JSON from a file's bytes (UTF-8, an optional BOM) with messages for people, not developers.

    Raises UnicodeDecodeError for bytes that are not UTF-8, JsonInputError for anything else.
    """
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    try:
        return json.loads(text)
    except RecursionError:
        raise JsonInputError("nested too deeply") from None
    except ValueError as exc:
        message = str(exc)
        if "integer string conversion" in message:
            # Python's own text names a developer setting (sys.set_int_max_str_digits).
            limit = sys.get_int_max_str_digits()
            raise JsonInputError(
                f"a number has more than {limit:,} digits; no value SkillShift reads needs that many"
            ) from None
        raise JsonInputError(message) from None
