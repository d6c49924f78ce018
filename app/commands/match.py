"""`skillshift match`: job titles → O*NET-SOC occupations (JSON Lines or readable output).

Also holds the runtime helpers the model-backed commands share (exposure, bench, eval).
"""

from __future__ import annotations

import argparse
import queue
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from app.commands.io import read_jsonl_lines, write_json_line
from app.core.encoder import PROVIDER_CHOICES, OnnxEncoder
from app.core.errors import SkillShiftError
from app.core.search import Matcher, unreadable_reason

MAX_BATCH = 64


# --------------------------------------------------------------------------- shared helpers


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_runtime_arguments(parser: argparse.ArgumentParser) -> None:
    """--provider and --threads, the same on every command that runs the model."""
    parser.add_argument(
        "--provider",
        choices=PROVIDER_CHOICES,
        default="auto",
        help="onnxruntime execution provider (default: auto = best available, else cpu)",
    )
    parser.add_argument(
        "--threads",
        type=positive_int,
        default=None,
        metavar="N",
        help="inference threads (default: physical cores, at most 4)",
    )


class StderrProgress:
    """Shows long rebuilds (a stale search index) on stderr; quiet for anything short."""

    def __init__(
        self, delay: float = 0.5, template: str = "building the {what} search index"
    ) -> None:
        self._start = time.monotonic()
        self._delay = delay
        self._last = 0.0
        self._template = template

    def report(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if total == 0 or now - self._start < self._delay:
            return
        if done == total or now - self._last >= 2.0:
            self._last = now
            what = text.rsplit(":", maxsplit=1)[-1]
            print(
                f"skillshift: {self._template.format(what=what)}: {done}/{total}",
                file=sys.stderr,
                flush=True,
            )

    def cancelled(self) -> bool:
        return False


def open_encoder(args: argparse.Namespace) -> OnnxEncoder:
    """The bundled model with the user's provider/threads; fallbacks are reported on stderr."""
    encoder = OnnxEncoder(provider=args.provider, threads=args.threads)
    for warning in encoder.session_info.warnings:
        print(f"skillshift: warning: {warning}", file=sys.stderr, flush=True)
    return encoder


_EOF = object()


def line_batches(max_batch: int = MAX_BATCH) -> Iterator[list[str]]:
    """stdin lines in batches of whatever has already arrived (at least one line each).

    A reader thread feeds a queue, so piped files are scored in full batches while an
    interactive caller that writes one line and waits gets its answer at once (no deadlock).
    Errors while reading (undecodable input) surface after the lines before them.
    """
    lines: queue.Queue[object] = queue.Queue(maxsize=4 * max_batch)

    def reader() -> None:
        try:
            for line in read_jsonl_lines():
                lines.put(line)
        except BaseException as exc:  # handed to the main thread, which reports it
            lines.put(exc)
        lines.put(_EOF)

    threading.Thread(target=reader, name="stdin-reader", daemon=True).start()
    pending: object | None = None
    while True:
        item = lines.get() if pending is None else pending
        pending = None
        batch: list[str] = []
        while isinstance(item, str):
            batch.append(item)
            if len(batch) >= max_batch:
                break
            try:
                item = lines.get_nowait()
            except queue.Empty:
                item = None
                break
        else:
            pending = item
        if batch:
            yield batch
        if pending is _EOF:
            return
        if isinstance(pending, BaseException):
            raise pending


# --------------------------------------------------------------------------- match


def match_record(query: str, matches: list[Any]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "query": query,
        "matches": [{"code": m.code, "title": m.title, "score": m.score} for m in matches],
    }
    reason = unreadable_reason(query)
    if reason is not None:
        record["reason"] = reason  # why there is no answer ("blank", "no_readable_text")
    return record


def _run(args: argparse.Namespace) -> int:
    if not args.jsonl and not args.query:
        raise SkillShiftError("give a job title to look up, or --jsonl to read titles from stdin")
    matcher = Matcher(open_encoder(args))
    matcher.titles(StderrProgress())
    if args.jsonl:
        if args.query:
            raise SkillShiftError("--jsonl reads titles from stdin; leave out the title words")
        for batch in line_batches():
            for query, matches in zip(batch, matcher.match_titles(batch, args.top), strict=True):
                write_json_line(match_record(query, matches))
        return 0
    query = " ".join(args.query)
    matches = matcher.match_title(query, args.top)
    if not matches:
        print(f"no occupation found for {query!r}")
        return 0
    for rank, match in enumerate(matches, start=1):
        print(f"{rank:>2}. {match.code}  {match.title}  ({match.score:.2f})")
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "match",
        help="find the occupations for a job title",
        description="Find the O*NET-SOC occupations that best fit a job title. With --jsonl, read "
        "one title per line from stdin and write one JSON object per line to stdout.",
    )
    parser.add_argument("query", nargs="*", help="job title words (without --jsonl)")
    parser.add_argument(
        "--top",
        type=positive_int,
        default=5,
        metavar="K",
        help="number of occupations to return (default 5)",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='stdin lines → {"query", "matches": [{"code", "title", "score"}]}',
    )
    add_runtime_arguments(parser)
    parser.set_defaults(handler=_run)
