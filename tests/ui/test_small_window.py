"""At 1024×640, the smallest size the app supports (must-fix 6): the window fits, no column
collapses and no explanation is cut off."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

from app.ui.models.task_checklist_model import TaskColumn
from app.ui.pages.pathways_page import MoveColumn

SMALL = (1024, 640)


def _settle() -> None:
    for _ in range(10):
        QApplication.processEvents()


def _cut_labels(page: Any) -> list[str]:
    """Word-wrapped labels shown shorter than their text needs."""
    cut = []
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(page) or not label.wordWrap() or not label.text():
            continue
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 2:
            cut.append(f"{label.text()[:40]!r}: {label.height()} < {needed}")
    return cut


def test_every_page_fits_1024_by_640(analysed: Any) -> None:
    win = analysed
    win.resize(*SMALL)
    _settle()
    assert win.minimumSizeHint().width() <= SMALL[0], win.minimumSizeHint()
    assert win.width() <= SMALL[0] and win.height() <= SMALL[1], win.size()

    win.show_page(0)
    _settle()
    tasks = win.profile_page.tasks_view
    assert tasks.columnWidth(TaskColumn.TASK) >= 200  # was about 90 px

    win.show_page(1)
    _settle()
    assert not _cut_labels(win.exposure_page), _cut_labels(win.exposure_page)

    win.show_page(2)
    _settle()
    moves = win.pathways_page.moves_view
    assert moves.columnWidth(MoveColumn.TITLE) >= 150  # never collapsed to "…"
    plan = win.pathways_page.plan_view
    assert plan.columnWidth(1) >= 80

    win.show_page(3)
    _settle()
    page = win.clients_page
    page.save_current()
    _settle()
    names = page.clients_view
    alias = win.document.alias
    assert names.columnWidth(0) >= names.fontMetrics().horizontalAdvance(alias)
    win.resize(1280, 800)
