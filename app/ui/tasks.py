"""One background task runner for the whole UI: progress, cancel, and errors that reach the user."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class TaskState:
    """Handed to core functions: they call `report` and check `cancelled` between batches."""

    def __init__(self, runner: TaskRunner, token: int) -> None:
        self._runner = runner
        self._token = token
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._runner._progress.emit(self._token, int(done), int(total), str(text))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


Job = Callable[[TaskState], Any]


class TaskRunner(QObject):
    """Runs one job at a time on a single worker; a new request cancels the running one.

    Signals carry the request's token so a stale result is never shown. `started` fires only once
    a job has run for `progress_delay_s`, so quick work never flashes a progress bar.
    """

    started = Signal(int, str)
    progress = Signal(int, int, int, str)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    _progress = Signal(int, int, int, str)
    _done = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, *, progress_delay_s: float = 0.5) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="skillshift-task")
        self._token = 0
        self._state: TaskState | None = None
        self._future: Future[Any] | None = None
        self._delay = progress_delay_s
        self._started_at = 0.0
        self._announced = False
        self._label = ""
        self._progress.connect(self._on_progress)
        self._done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        return self._future is not None and not self._future.done()

    def submit(self, job: Job, label: str = "") -> int:
        self.cancel()
        self._token += 1
        token = self._token
        state = TaskState(self, token)
        self._state = state
        self._label = label
        self._started_at = time.monotonic()
        self._announced = False

        def run() -> None:
            try:
                result = job(state)
            except BaseException as exc:  # every failure reaches the UI as a message
                self._done.emit(token, None, exc)
            else:
                self._done.emit(token, result, None)

        self._future = self._pool.submit(run)
        return token

    def cancel(self) -> None:
        if self._state is not None:
            self._state.cancel()

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Cancel and wait for the worker (closeEvent)."""
        self.cancel()
        future = self._future
        if future is not None:
            try:
                future.result(timeout=timeout_s)
            except Exception:  # noqa: S110 - the job's own error was already delivered
                pass
        self._pool.shutdown(wait=True, cancel_futures=True)

    @Slot(int, int, int, str)
    def _on_progress(self, token: int, done: int, total: int, text: str) -> None:
        if token != self._token:
            return
        if not self._announced and time.monotonic() - self._started_at >= self._delay:
            self._announced = True
            self.started.emit(token, self._label)
        if self._announced:
            self.progress.emit(token, done, total, text)

    @Slot(int, object, object)
    def _on_done(self, token: int, result: object, error: object) -> None:
        if token != self._token:
            return
        from app.core.errors import SkillShiftError

        if error is None:
            self.finished.emit(token, result)
        elif type(error).__name__ == "Cancelled" or (
            self._state is not None and self._state.cancelled()
        ):
            self.cancelled.emit(token)
        elif isinstance(error, SkillShiftError):
            self.failed.emit(token, str(error))
        else:
            self.failed.emit(token, f"{type(error).__name__}: {error}")
