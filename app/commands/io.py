"""Shared input/output helpers for the CLI: JSON Lines in and out, strict decoding."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from app.core.errors import SkillShiftError

MAX_LINE_CHARS = 2000
# A line is read in chunks of this many bytes; beyond MAX_LINE_CHARS only its length is counted,
# so a single 200 MB line costs a chunk of memory, not 200 MB (UTF-8: at most 4 bytes a character).
CHUNK_BYTES = 64 * 1024


def read_jsonl_lines(
    stream: BinaryIO | None = None, *, warn: TextIO | None = None
) -> Iterator[str]:
    """Yield each stdin line as text (newline stripped), truncated to MAX_LINE_CHARS.

    Lines are read in bounded chunks: a line of any length costs at most a few chunks of memory.
    Undecodable input stops with a SkillShiftError naming the line.
    """
    source = stream if stream is not None else sys.stdin.buffer
    err = warn if warn is not None else sys.stderr
    number = 0
    while True:
        head = source.readline(CHUNK_BYTES)
        if not head:
            return
        number += 1
        decoder = codecs.getincrementaldecoder("utf-8")()
        ended = head.endswith(b"\n")
        offset = 0  # bytes of the line before the piece being decoded
        piece = head.removesuffix(b"\n")
        try:
            text = decoder.decode(piece, final=ended)
            extra = 0
            # The rest of a long line: decoded (so bad bytes are still caught) and counted.
            while not ended:
                offset += len(piece)
                chunk = source.readline(CHUNK_BYTES)
                ended = not chunk or chunk.endswith(b"\n")
                piece = chunk.removesuffix(b"\n")
                part = decoder.decode(piece, final=ended)
                if len(text) <= MAX_LINE_CHARS:
                    text += part
                else:
                    extra += len(part) - (ended and part.endswith("\r"))
        except UnicodeDecodeError as exc:
            raise SkillShiftError(
                f"input line {number} is not valid UTF-8 text (byte {offset + exc.start}); "
                "save the file as UTF-8 and try again"
            ) from None
        text = text.removesuffix("\r")
        if text.startswith("\ufeff") and number == 1:
            text = text[1:]
        length = len(text) + extra
        if length > MAX_LINE_CHARS:
            print(
                f"warning: line {number} has {length} characters; "
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
