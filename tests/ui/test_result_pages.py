"""Exposure, Pathways and Report pages over a real analysis of a small bookkeeping profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.exposure import REFERENCE_MEASURES
from app.ui.models.records_table_model import RECORD_ROLE
from app.ui.report import report_html, write_pdf
from tests.ui.conftest import CODE


def test_exposure_page_shows_the_person_among_occupations(
    qtmodeltester: Any, analysed: Any
) -> None:
    page = analysed.exposure_page
    result = analysed.context.result
    assert not page.body.isHidden() and page.placeholder.isHidden()
    assert f"{result.beta:.2f}" in page.headline.text()
    assert "%" in page.subline.text()  # the percentile among occupations
    assert page.chart.person == pytest.approx(result.beta)
    assert int(np.isfinite(page.chart.values).sum()) > 500
    assert page.tasks.rowCount() == len(result.profile.tasks) == 5
    own = [t for t in page.tasks.rows() if t.source == "own"]
    assert len(own) == 1 and own[0].human_label is None  # published labels only for O*NET tasks
    assert any(t.human_label or t.gpt4_label for t in page.tasks.rows())
    assert all(t.evidence is not None for t in page.tasks.rows())
    assert [r.measure for r in page.references.rows()] == list(REFERENCE_MEASURES)
    assert page.verdict.text()
    assert len(page.bars.bars) == len(REFERENCE_MEASURES)
    assert "not job loss" in page.caveat.text()
    assert page.automation_text.text()
    for model in (page.tasks, page.references):
        qtmodeltester.check(model)


def test_pathways_filters_hold_and_selection_shows_gap_and_plan(
    qtmodeltester: Any, analysed: Any
) -> None:
    page = analysed.pathways_page
    result = analysed.context.result
    assert page.moves.rowCount() == len(result.moves) > 10

    def shown() -> list[Any]:
        return [page.proxy.index(r, 0).data(RECORD_ROLE) for r in range(page.proxy.rowCount())]

    page.wage.setValue(0)
    page.zone.setValue(-1)
    page.safer.setChecked(False)
    everything = len(shown())
    assert everything == page.moves.rowCount()
    page.safer.setChecked(True)
    safer = shown()
    assert 0 < len(safer) < everything
    assert all(m.exposure_beta is not None and m.exposure_beta < result.beta for m in safer)
    assert analysed.document.preferences.safer_only  # the filter is part of the profile
    page.safer.setChecked(False)
    page.wage.setValue(120)
    wage = result.occupation.wage_median
    assert all(m.wage_median >= 1.2 * wage for m in shown())
    page.wage.setValue(0)
    page.zone.setValue(0)
    assert all(m.job_zone is None or m.job_zone <= result.occupation.job_zone for m in shown())
    page.zone.setValue(-1)
    page.bright.setChecked(True)
    assert all(m.outlook.get("bright") for m in shown())
    page.bright.setChecked(False)
    # Sorting by wage, then selecting a move shows its gap and learning plan.
    page.moves_view.sortByColumn(
        3, page.moves_view.horizontalHeader().sortIndicatorOrder().DescendingOrder
    )
    wages = [m.wage_median or 0 for m in shown()]
    assert wages == sorted(wages, reverse=True)
    page.moves_view.selectRow(0)
    move = page.selected_move()
    assert move is not None and move.title in page.move_title.text()
    statuses = {g.status for g in page.gap.rows()}
    assert statuses <= {"have", "partial", "learn"} and "have" in statuses
    assert page.gap.rowCount() == len(move.have) + len(move.partial) + len(move.gap)
    assert [p.step for p in page.plan.rows()] == list(result.learning[move.code])
    codes = {n.code for n in page.graph.nodes}
    assert result.occupation.code in codes and move.code in codes
    page.graph.node_clicked.emit(shown()[2].code)
    assert page.selected_move().code == shown()[2].code
    for model in (page.moves, page.gap, page.plan, page.proxy):
        qtmodeltester.check(model)


def test_graph_draws_multi_step_paths_when_there_are_any(analysed: Any) -> None:
    result = analysed.context.result
    page = analysed.pathways_page
    for path in result.paths:
        assert path[0].code == CODE
        assert path[-1].exposure_beta is not None and path[-1].exposure_beta < result.beta
        assert 2 <= len(path) <= 4
    dashed = [e for e in page.graph.edges if not e.direct]
    assert len(dashed) == sum(len(p) - 1 for p in result.paths)


def test_report_has_every_section_and_writes_a_pdf(analysed: Any, tmp_path: Path) -> None:
    result = analysed.context.result
    sources = analysed.services.catalog().sources()
    html = report_html(result, sources, notes="Discussed payroll.")
    for needle in (
        result.occupation.title,
        "Top moves",
        "Learning plan",
        "Sources, licences",
        "O*NET",
        "ESCO",
        "not job loss",
        "Discussed payroll.",
        f"{result.beta:.2f}",
    ):
        assert needle in html, needle
    page = analysed.report_page
    assert page.document is not None and page.pdf_button.isEnabled()
    target = page.save_pdf(str(tmp_path / "report.pdf"))
    assert target is not None
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000  # text plus the chart image
    assert page.default_path().suffix == ".pdf"
    write_pdf(page.document, str(tmp_path / "again.pdf"))
    assert (tmp_path / "again.pdf").stat().st_size > 20_000


def test_report_preview_renders_pages(
    analysed: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    painted: list[int] = []

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        dialog.paintRequested.emit(printer)
        painted.append(1)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    analysed.report_page.preview()
    assert painted == [1]
    assert (tmp_path / "preview.pdf").read_bytes().startswith(b"%PDF")


def test_every_model_in_the_window_passes_the_model_tester(
    qtmodeltester: Any, analysed: Any
) -> None:
    from PySide6.QtCore import QAbstractItemModel

    models = [m for m in analysed.findChildren(QAbstractItemModel) if m.rowCount() > 0]
    names = {type(m).__name__ for m in models}
    assert {"RecordsTableModel", "TaskChecklistModel", "MovesFilter"} <= names
    assert len(models) >= 10
    for model in models:
        qtmodeltester.check(model)


def test_keyboard_space_ticks_a_task_and_arrows_move_its_slider(qtbot: Any, analysed: Any) -> None:
    from PySide6.QtCore import Qt

    from app.ui.models.task_checklist_model import TaskColumn

    analysed.show_page(0)
    view = analysed.profile_page.tasks_view
    model = analysed.document.tasks
    row = next(r for r in range(model.rowCount()) if not model.row_at(r).checked)
    view.setFocus()
    view.setCurrentIndex(model.index(row, TaskColumn.TASK))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.row_at(row).checked
    before = model.row_at(row).weight
    view.setCurrentIndex(model.index(row, TaskColumn.TIME))  # opens the slider editor
    editor = view.indexWidget(model.index(row, TaskColumn.TIME)) or view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert model.row_at(row).weight == before + 2
    view.setCurrentIndex(model.index(row, TaskColumn.TASK))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not model.row_at(row).checked
