"""Derived search data kept as .npz files in the user cache (rebuilt when missing or damaged)."""

from __future__ import annotations

import contextlib
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

_T = TypeVar("_T")


def cached_arrays(
    path: Path | None,
    build: Callable[[], _T],
    to_arrays: Callable[[_T], dict[str, np.ndarray]],
    from_arrays: Callable[[Any], _T],
) -> _T:
    """Derived data from an .npz in the user cache, or built and written there."""
    if path is None:
        return build()
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as arrays:
                return from_arrays(arrays)
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
            pass  # damaged: rebuild below
    value = build()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            np.savez(handle, **to_arrays(value))  # type: ignore[arg-type]
        tmp.replace(path)
    except OSError:
        # An unwritable cache only costs a rebuild next time (and on a read-only folder even
        # removing the temp file fails).
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return value
