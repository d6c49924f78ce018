"""The one task runner: results, replacement by kind, queueing, delayed progress, cancel, errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app import paths
from app.core.errors import SkillShiftError
from app.core.progress import Cancelled
from app.ui.tasks import TaskRunner, TaskState


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(progress_delay_s=0.2)
    yield r
    r.shutdown()


def test_result_reaches_the_callback_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[Any] = []
    main = threading.get_ident()
    runner.submit(
        lambda s: 6 * 7, kind="a", on_done=lambda r: seen.append((r, threading.get_ident()))
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, main)]


def test_a_new_job_of_the_same_kind_replaces_the_waiting_one(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gate = threading.Event()
    done: list[str] = []
    cancelled: list[int] = []
    runner.cancelled.connect(cancelled.append)

    def blocker(state: TaskState) -> str:
        gate.wait(5)
        return "blocker"

    runner.submit(blocker, kind="load", on_done=done.append)
    first = runner.submit(lambda s: "first", kind="search", on_done=done.append)
    runner.submit(lambda s: "second", kind="search", on_done=done.append)
    gate.set()
    qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)
    # The load is not cancelled by a search; the stale search never runs.
    assert done == ["blocker", "second"]
    assert first in cancelled


def test_running_job_of_the_same_kind_is_cancelled(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()
    results: list[str] = []

    def slow(state: TaskState) -> str:
        started.set()
        for _ in range(200):
            if state.cancelled():
                raise Cancelled
            time.sleep(0.01)
        return "slow"

    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.submit(slow, kind="analysis", on_done=results.append)
        assert started.wait(5)
        runner.submit(lambda s: "fresh", kind="analysis", on_done=results.append)
    qtbot.waitUntil(lambda: results == ["fresh"], timeout=5000)


def test_progress_shows_only_after_the_delay(qtbot: QtBot, runner: TaskRunner) -> None:
    started: list[str] = []
    progress: list[tuple[int, int]] = []
    runner.started.connect(lambda _t, label: started.append(label))
    runner.progress.connect(lambda _t, done, total, _x: progress.append((done, total)))
    finished: list[object] = []
    runner.submit(lambda s: "quick", "Quick", kind="q", on_done=finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    qtbot.wait(300)
    assert started == []  # a quick job never flashes a progress bar

    def slow(state: TaskState) -> str:
        for i in range(5):
            state.report(i + 1, 5, "step")
            time.sleep(0.1)
        return "slow"

    runner.submit(slow, "Slow", kind="s", on_done=finished.append)
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=5000)
    assert started == ["Slow"]
    assert progress and progress[-1] == (5, 5)


def test_cancel_stops_a_job_and_reports_it(qtbot: QtBot, runner: TaskRunner) -> None:
    results: list[object] = []

    def loop(state: TaskState) -> str:
        while not state.cancelled():
            time.sleep(0.01)
        raise Cancelled

    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.submit(loop, kind="x", on_done=results.append)
        qtbot.wait(50)
        runner.cancel()
    assert results == []
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)


def test_errors_are_delivered_as_messages(qtbot: QtBot, runner: TaskRunner) -> None:
    def user_error(state: TaskState) -> None:
        raise SkillShiftError("unknown occupation code: 99-9999.00")

    def bug(state: TaskState) -> None:
        raise KeyError("boom")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(user_error, kind="a")
    assert blocker.args[1] == "unknown occupation code: 99-9999.00"
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(bug, kind="b")
    # An unforeseen error: one line naming it and its crash log (in the data folder).
    message = blocker.args[1]
    assert message.startswith("unexpected error (KeyError: 'boom'); details were written to ")
    log = Path(message.split("details were written to ")[1].split(";")[0])
    assert log.parent == paths.data_dir() and log.name.startswith("crash-")
    assert "raise KeyError" in log.read_text(encoding="utf-8")
    assert "\n" not in message


def test_a_failing_callback_is_reported_not_swallowed(qtbot: QtBot, runner: TaskRunner) -> None:
    def broken(_result: object) -> None:
        raise ValueError("bad display")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(lambda s: 1, kind="a", on_done=broken)
    assert "bad display" in blocker.args[1]


def test_shutdown_refuses_new_work(qtbot: QtBot) -> None:
    r = TaskRunner()
    r.submit(lambda s: time.sleep(0.05), kind="a")
    r.shutdown()
    assert r.submit(lambda s: 1) == -1
    assert not r.busy
