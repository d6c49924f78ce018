"""Progress reporting and cancellation for long core functions that work in batches."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):  # noqa: N818 - reads as "the work was cancelled", not an error
    """The caller asked to stop; raised between batches, never mid-batch."""


class Progress(Protocol):
    """What a long core function reports to and asks of its caller (UI task, CLI, test)."""

    def report(self, done: int, total: int, text: str) -> None: ...

    def cancelled(self) -> bool: ...


class NullProgress:
    """Reports nowhere and never cancels: the default for callers that do not care."""

    def report(self, done: int, total: int, text: str) -> None:
        return None

    def cancelled(self) -> bool:
        return False


NULL_PROGRESS = NullProgress()


def check_cancelled(progress: Progress) -> None:
    """Raise Cancelled when the caller asked to stop; call this between batches."""
    if progress.cancelled():
        raise Cancelled
