"""Quitting never crashes: Qt's bindings keep Python's reference counts, and closing the window
while jobs run ends every worker cleanly, again and again."""

from __future__ import annotations

import gc
import sys
from typing import Any

from PySide6.QtCore import QObject, QStringListModel, Signal
from pytestqt.qtbot import QtBot

from app.ui.services import Services
from tests.ui.conftest import CODE, LOAD_TIMEOUT_MS, make_window

EMITS = 500


class _Emitter(QObject):
    ping = Signal()
    value = Signal(object)


def _drift(action: Any, obj: object) -> int:
    gc.collect()
    before = sys.getrefcount(obj)
    for _ in range(EMITS):
        action()
    gc.collect()
    return sys.getrefcount(obj) - before


def test_emitting_signals_keeps_the_reference_counts_of_true_and_none() -> None:
    """The quit crash ("Fatal Python error: bool_dealloc"): PySide6 6.12.0 drops one reference
    to True on every emit() and two to None on every model reset. On Python 3.11 True and None
    are ordinary objects, so after a few hundred edits interpreter shutdown frees True itself."""
    emitter = _Emitter()
    model = QStringListModel(["a", "b"])
    assert abs(_drift(emitter.ping.emit, True)) < EMITS // 10
    assert abs(_drift(lambda: emitter.value.emit(1), True)) < EMITS // 10
    assert abs(_drift(lambda: (model.beginResetModel(), model.endResetModel()), None)) < (
        EMITS // 10
    )


def test_quit_while_jobs_are_in_flight_twenty_times(qtbot: QtBot, services: Services) -> None:
    """Close the window with a search, a skill match and an analysis queued or running: every
    worker ends, nothing is delivered to the closed window, and no error is shown."""
    for _round in range(20):
        win = make_window(services)
        qtbot.addWidget(win)
        qtbot.waitUntil(
            lambda w=win: bool(w.errors) or (services.engine_ready and not w.runner.busy),
            timeout=LOAD_TIMEOUT_MS,
        )
        doc = win.document
        doc.set_alias("Quitting")
        doc.set_occupation(services.catalog(), CODE)
        for row in range(4):
            doc.tasks.set_checked(row, True)
        win.request_analysis()
        win.profile_page.search.setText("registered nurse")
        win.profile_page.run_search()
        win.profile_page.skill_input.setText("typography")
        win.profile_page.add_skill_from_input()
        assert win.runner.busy
        win.close()
        assert not win.runner.busy and not win.isVisible()
        qtbot.wait(20)  # queued signals from the finished worker arrive now, to a closed window
        assert not win.errors, win.errors
        win.deleteLater()
        qtbot.wait(1)
