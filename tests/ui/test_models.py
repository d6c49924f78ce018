"""Every item model passes Qt's model tester, and the checklist keeps shares and ticks right."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.core.transitions import Move
from app.ui.models.records_table_model import RECORD_ROLE, SORT_ROLE, Column, RecordsTableModel
from app.ui.models.task_checklist_model import TaskChecklistModel, TaskColumn, TaskRow
from app.ui.pages.pathways_page import MovesFilter
from app.ui.services import Services

CODE = "43-3031.00"


def _rows(services: Services) -> list[TaskRow]:
    return [
        TaskRow(
            t.task_id,
            t.task,
            t.task_type or "Other",
            t.code,
            False,
            50 if t.task_type == "Core" else 25,
        )
        for t in services.catalog().tasks(CODE)
    ]


def _move(
    code: str, beta: float | None, wage: float | None, zone: int | None, bright: bool
) -> Move:
    return Move(
        code,
        f"Occupation {code}",
        0.5,
        {},
        beta,
        wage,
        zone,
        {"bright": bright, "growth_pct": 1.0, "openings_thousands": 2.0},
    )


def test_records_model_passes_the_model_tester(qtmodeltester: Any, services: Services) -> None:
    model: RecordsTableModel[Any] = RecordsTableModel(
        [
            Column("Task", lambda t: t.task),
            Column("Type", lambda t: t.task_type),
            Column("Id", lambda t: t.task_id, align_right=True),
        ]
    )
    model.set_rows(services.catalog().tasks(CODE))
    qtmodeltester.check(model)
    assert model.rowCount() >= 20
    index = model.index(0, 2)
    assert isinstance(model.data(index, SORT_ROLE), int)  # numbers sort as numbers
    assert model.data(index, RECORD_ROLE) is model.row_at(0)


def test_records_model_shows_missing_values_as_a_dash(qtmodeltester: Any) -> None:
    model: RecordsTableModel[tuple[str, float | None]] = RecordsTableModel(
        [Column("Name", lambda r: r[0]), Column("Value", lambda r: r[1])]
    )
    model.set_rows([("a", None), ("b", 0.5)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == "—"
    assert model.data(model.index(1, 1)) == "0.50"
    model.set_rows([])
    qtmodeltester.check(model)


def test_checklist_passes_the_model_tester_and_edits(
    qtmodeltester: Any, services: Services
) -> None:
    model = TaskChecklistModel()
    model.set_rows(_rows(services))
    qtmodeltester.check(model)
    first = model.index(0, TaskColumn.TASK)
    assert model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.row_at(0).checked
    time_cell = model.index(0, TaskColumn.TIME)
    assert model.flags(time_cell) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, TaskColumn.TIME)) & Qt.ItemFlag.ItemIsEditable  # unticked
    assert model.setData(time_cell, 80, Qt.ItemDataRole.EditRole)
    assert model.row_at(0).weight == 80
    model.setData(
        model.index(1, TaskColumn.TASK), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    model.set_weight(1, 20)
    assert model.share(0) == pytest.approx(0.8)
    assert model.share(1) == pytest.approx(0.2)
    assert model.share(2) is None
    qtmodeltester.check(model)


def test_own_tasks_lead_the_list_and_are_not_duplicated(
    qtmodeltester: Any, services: Services
) -> None:
    model = TaskChecklistModel()
    model.set_rows(_rows(services))
    edits: list[int] = []
    model.edited.connect(lambda: edits.append(1))
    row = model.add_own("  Reconcile   supplier statements ")
    assert row == 0 and model.row_at(0).text == "Reconcile supplier statements"
    assert model.add_own("reconcile supplier statements") == 0
    second = model.add_own("Train new staff")
    assert second == 1
    assert [r.own for r in model.rows()[:3]] == [True, True, False]
    assert all(r.checked for r in model.rows() if r.own)
    model.set_score("Train new staff", "E0", 0.2)
    assert model.data(model.index(1, TaskColumn.EXPOSURE)) == "E0 · 0.20"
    model.remove(0)
    assert model.row_at(0).text == "Train new staff"
    assert edits  # every change tells the document
    qtmodeltester.check(model)


def test_moves_filter_holds_every_filter(qtmodeltester: Any) -> None:
    moves = [
        _move("11-0000.00", 0.30, 60_000, 3, True),
        _move("12-0000.00", 0.70, 90_000, 3, False),
        _move("13-0000.00", 0.20, 30_000, 2, False),
        _move("14-0000.00", 0.10, 80_000, 5, True),
        _move("15-0000.00", None, None, None, False),
    ]
    model: RecordsTableModel[Move] = RecordsTableModel([Column("Title", lambda m: m.title)])
    model.set_rows(moves)
    proxy = MovesFilter()
    proxy.setSourceModel(model)
    proxy.set_reference(0.5, 50_000, 3)

    def shown() -> list[str]:
        return [proxy.index(r, 0).data(RECORD_ROLE).code for r in range(proxy.rowCount())]

    proxy.configure(safer=False, bright=False, min_wage_ratio=0.0, max_zone_step=None)
    assert len(shown()) == 5
    proxy.configure(safer=True, bright=False, min_wage_ratio=0.0, max_zone_step=None)
    assert shown() == ["11-0000.00", "13-0000.00", "14-0000.00"]
    proxy.configure(safer=False, bright=False, min_wage_ratio=1.0, max_zone_step=None)
    assert shown() == ["11-0000.00", "12-0000.00", "14-0000.00"]
    proxy.configure(safer=False, bright=False, min_wage_ratio=0.0, max_zone_step=1)
    assert "14-0000.00" not in shown()
    proxy.configure(safer=False, bright=True, min_wage_ratio=0.0, max_zone_step=None)
    assert shown() == ["11-0000.00", "14-0000.00"]
    qtmodeltester.check(proxy)


def test_sort_proxy_orders_numbers_numerically(services: Services) -> None:
    model: RecordsTableModel[tuple[str, int]] = RecordsTableModel(
        [Column("Name", lambda r: r[0]), Column("N", lambda r: r[1])]
    )
    model.set_rows([("a", 9), ("b", 10), ("c", 100)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["c", "b", "a"]


def test_the_time_slider_handle_shows_in_a_selected_row(qapp: Any) -> None:
    """Should-fix: the slider's handle disappeared in the selected row."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from app.ui import theme
    from app.ui.models.task_checklist_model import TaskChecklistModel, TaskColumn, TaskRow
    from app.ui.widgets.delegates import SliderDelegate

    model = TaskChecklistModel()
    model.set_rows([TaskRow(1, "a task", "Core", "x", True, 50)])
    index = model.index(0, TaskColumn.TIME)
    delegate = SliderDelegate()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 112, 30)
    option.state = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Enabled
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, theme.colour("accent"))  # a common theme
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    option.palette = palette
    image = QImage(112, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("black"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    knob = QColor(image.pixel(6 + 50, 15))  # the handle sits at 50 % of the track
    highlight = palette.color(QPalette.ColorRole.Highlight)
    distance = sum(
        abs(a - b) for a, b in zip(knob.getRgb()[:3], highlight.getRgb()[:3], strict=True)
    )
    assert distance > 150, (knob.name(), highlight.name())
