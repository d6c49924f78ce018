"""Shared input/output helpers for the CLI: JSON Lines in and out, strict decoding."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from app.core.errors import SkillShiftError

MAX_LINE_CHARS = 2000


def read_jsonl_lines(
    stream: BinaryIO | None = None, *, warn: TextIO | None = None
) -> Iterator[str]:
    """Yield each stdin line as text (newline stripped), truncated to MAX_LINE_CHARS.

    Undecodable input stops with a SkillShiftError naming the line.
    """
    source = stream if stream is not None else sys.stdin.buffer
    err = warn if warn is not None else sys.stderr
    for number, raw in enumerate(source, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SkillShiftError(
                f"input line {number} is not valid UTF-8 text (byte {exc.start}); "
                "save the file as UTF-8 and try again"
            ) from None
        text = text.removesuffix("\n").removesuffix("\r")
        if text.startswith("\ufeff") and number == 1:
            text = text[1:]
        if len(text) > MAX_LINE_CHARS:
            print(
                f"warning: line {number} has {len(text)} characters; "
                f"only the first {MAX_LINE_CHARS} are used",
                file=err,
            )
            text = text[:MAX_LINE_CHARS]
        yield text


def write_json_line(obj: Any, out: TextIO | None = None) -> None:
    stream = out if out is not None else sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
    stream.flush()


def write_json(obj: Any, out: TextIO | None = None) -> None:
    stream = out if out is not None else sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
