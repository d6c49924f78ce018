"""The last resort for an error nobody foresaw: details in a crash log, one line for the person."""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from app import __version__, paths

CRASH_PREFIX = "crash-"


def write_crash_log(error: BaseException) -> Path | None:
    """The traceback and versions in DATA/crash-<time>.log (the temp folder when the data folder
    cannot be written); None when neither can."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(
        [
            f"SkillShift {__version__} on Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}\n",
            f"command line: {sys.argv!r}\n\n",
            *traceback.format_exception(type(error), error, error.__traceback__),
        ]
    )
    for folder in (_data_folder(), Path(tempfile.gettempdir())):
        if folder is None:
            continue
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"{CRASH_PREFIX}{stamp}-", suffix=".log", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
                handle.write(text)
            return Path(name)
    return None


def _data_folder() -> Path | None:
    try:
        return paths.data_dir(create=False)
    except (OSError, ValueError):
        return None


def crash_message(error: BaseException, log: Path | None) -> str:
    """One line: what failed, and where the details are."""
    summary = f"{type(error).__name__}: {error}".splitlines()[0][:300]
    where = f"details were written to {log}" if log else "no crash log could be written"
    return f"unexpected error ({summary}); {where}; please report it with that file"
