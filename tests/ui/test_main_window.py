"""The main window with the real model and database: search, tasks, data sources."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow, SourcesDialog
from app.ui.models.records_table_model import Column, RecordsTableModel
from app.ui.services import Services
from app.ui.settings import Settings


@pytest.fixture(scope="module")
def services() -> Services:
    return Services("cpu")


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Any:
    win = MainWindow(services, Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win._ready, timeout=120_000)
    yield win
    win.close()


def test_typed_title_finds_occupations_and_tasks(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "registered nurse")
    qtbot.waitUntil(lambda: window.matches.rowCount() > 0, timeout=30_000)
    codes = [window.matches.row_at(i).code for i in range(window.matches.rowCount())]
    assert "29-1141.00" in codes[:3]
    qtbot.waitUntil(lambda: window.tasks.rowCount() >= 20, timeout=10_000)


def test_clearing_the_search_clears_matches(qtbot: QtBot, window: MainWindow) -> None:
    window.search.setText("cpa")
    qtbot.waitUntil(lambda: window.matches.rowCount() > 0, timeout=30_000)
    window.search.clear()
    window.run_search()
    assert window.matches.rowCount() == 0


def test_sources_dialog_lists_every_dataset(qtbot: QtBot, services: Services) -> None:
    dialog = SourcesDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() >= 7
    datasets = " ".join(dialog.model.row_at(i).dataset for i in range(dialog.model.rowCount()))
    assert "O*NET" in datasets
    assert "ESCO" in datasets


def test_records_model_passes_the_model_tester(qtmodeltester: Any, services: Services) -> None:
    model: RecordsTableModel[Any] = RecordsTableModel(
        [Column("Task", lambda t: t.task), Column("Type", lambda t: t.task_type)]
    )
    model.set_rows(services.catalog().tasks("29-1141.00"))
    qtmodeltester.check(model)
    assert model.rowCount() >= 20
