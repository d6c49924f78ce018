"""One background task runner for the whole UI: progress, cancel, and errors that reach the user."""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot


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


@dataclass
class _Request:
    token: int
    kind: str
    label: str
    job: Job
    state: TaskState
    on_done: Callable[[Any], None] | None = None


class TaskRunner(QObject):
    """Runs one job at a time on a single worker thread.

    Every job has a kind ("load", "search", "analysis", …). A new job cancels the running job of
    the same kind and replaces any waiting one, so typing never piles up stale searches, while a
    search never cancels the model load. Signals carry the request's token so a stale result is
    never shown. `started` fires only once a job has run for `progress_delay_s`, so quick work
    never flashes a progress bar.
    """

    started = Signal(int, str)
    progress = Signal(int, int, int, str)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    idle = Signal()
    _progress = Signal(int, int, int, str)
    _done = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, *, progress_delay_s: float = 0.5) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="skillshift-task")
        self._token = 0
        self._queue: deque[_Request] = deque()
        self._running: _Request | None = None
        self._future: Future[Any] | None = None
        self._announced = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(progress_delay_s * 1000))
        self._timer.timeout.connect(self._announce)
        self._last_progress: tuple[int, int, str] | None = None
        self._progress.connect(self._on_progress)
        self._done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._queue)

    @property
    def running_label(self) -> str:
        return self._running.label if self._running is not None else ""

    def submit(
        self,
        job: Job,
        label: str = "",
        *,
        kind: str = "default",
        on_done: Callable[[Any], None] | None = None,
    ) -> int:
        """Queue `job`; returns its token. Same-kind work still waiting or running is dropped.

        `on_done(result)` runs on the UI thread after `finished`, only if the job succeeded and
        was not cancelled; failures go to `failed` (the main window shows them).
        """
        if self._closed:
            return -1
        self._token += 1
        request = _Request(self._token, kind, label, job, TaskState(self, self._token), on_done)
        for waiting in [r for r in self._queue if r.kind == kind]:
            self._queue.remove(waiting)
            self.cancelled.emit(waiting.token)
        if self._running is not None and self._running.kind == kind:
            self._running.state.cancel()
        self._queue.append(request)
        self._start_next()
        return request.token

    def cancel(self, kind: str | None = None) -> None:
        """Cancel the running job and drop waiting ones (all, or only those of `kind`)."""
        for waiting in [r for r in self._queue if kind is None or r.kind == kind]:
            self._queue.remove(waiting)
            self.cancelled.emit(waiting.token)
        if self._running is not None and (kind is None or self._running.kind == kind):
            self._running.state.cancel()

    def wait(self, timeout_s: float = 30.0) -> None:
        """Block until the running job ends (shutdown, reloading the model, tests)."""
        future = self._future
        if future is not None:
            # The job's own error is delivered by its signal; here we only wait for it to end.
            with contextlib.suppress(Exception):
                future.result(timeout=timeout_s)

    def shutdown(self, timeout_s: float = 30.0) -> None:
        """Cancel everything and wait for the worker (closeEvent)."""
        self._closed = True
        self.cancel()
        self._timer.stop()
        self.wait(timeout_s)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._running = None
        self._future = None

    def _start_next(self) -> None:
        if self._running is not None or not self._queue or self._closed:
            return
        request = self._queue.popleft()
        self._running = request
        self._announced = False
        self._last_progress = None
        self._timer.start()

        def run() -> None:
            try:
                result = request.job(request.state)
            except BaseException as exc:  # every failure reaches the UI as a message
                self._done.emit(request.token, None, exc)
            else:
                self._done.emit(request.token, result, None)

        self._future = self._pool.submit(run)

    @Slot()
    def _announce(self) -> None:
        request = self._running
        if request is None or self._announced:
            return
        self._announced = True
        self.started.emit(request.token, request.label)
        if self._last_progress is not None:
            self.progress.emit(request.token, *self._last_progress)

    @Slot(int, int, int, str)
    def _on_progress(self, token: int, done: int, total: int, text: str) -> None:
        if self._running is None or token != self._running.token:
            return
        self._last_progress = (done, total, text)
        if self._announced:
            self.progress.emit(token, done, total, text)

    @Slot(int, object, object)
    def _on_done(self, token: int, result: object, error: object) -> None:
        request = self._running
        if request is None or token != request.token:
            return
        self._running = None
        self._future = None
        self._timer.stop()
        from app.core.errors import SkillShiftError
        from app.core.progress import Cancelled

        if request.state.cancelled() or isinstance(error, Cancelled):
            self.cancelled.emit(token)
        elif error is None:
            self.finished.emit(token, result)
            if request.on_done is not None:
                try:
                    request.on_done(result)
                except Exception as exc:  # a UI bug must still reach the user, not vanish
                    self.failed.emit(token, _unexpected(exc))
        elif isinstance(error, SkillShiftError):
            self.failed.emit(token, str(error))
        elif isinstance(error, OSError):
            self.failed.emit(
                token, f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")
            )
        else:
            self.failed.emit(token, _unexpected(error))
        self._start_next()
        if not self.busy:
            self.idle.emit()


def _unexpected(error: object) -> str:
    """The last resort for a job's unforeseen error: a crash log, and one line saying where."""
    from app.crashlog import crash_message, write_crash_log

    if not isinstance(error, BaseException):
        return str(error)
    return crash_message(error, write_crash_log(error))
