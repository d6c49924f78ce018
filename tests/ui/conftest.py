"""UI test fixtures: one Services for the whole run, windows that load the real model, and a
check that fails any test leaving a worker thread running."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ui.services import Services

CODE = "43-3031.00"  # Bookkeeping, Accounting, and Auditing Clerks
LOAD_TIMEOUT_MS = 180_000


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    before = {t.ident for t in threading.enumerate()}
    yield
    leftover = [
        t for t in threading.enumerate() if t.ident not in before and t.is_alive() and not t.daemon
    ]
    assert not leftover, f"threads left running: {[t.name for t in leftover]}"


@pytest.fixture(scope="session")
def services() -> Services:
    """Loading the model takes seconds: every UI test shares one set of core objects."""
    return Services("cpu")


@pytest.fixture(scope="module")
def module_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """For module-scoped windows: a temporary data folder set before anything touches disk."""
    from app import paths

    folder = tmp_path_factory.mktemp("module-data")
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


def wait_for(condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    """Spin the Qt event loop until `condition()` holds (for module fixtures without qtbot)."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < end, "timed out waiting for the window"
        QApplication.processEvents()
        time.sleep(0.005)


def discard_changes(_action: str) -> Any:
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.StandardButton.Discard


def make_window(services: Services, **kwargs: Any) -> Any:
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    kwargs.setdefault("recover", "off")
    window = MainWindow(services, Settings(), **kwargs)
    # Closing a test's window drops its profile without a dialog; tests of the Save / Discard /
    # Cancel question replace this again.
    window.clients_page.ask_unsaved = discard_changes
    window.settings_page.ask_restart = lambda: False  # a language change does not restart
    window.resize(1280, 800)
    window.show()
    return window


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[Any]:
    """A fresh main window whose model and skills graph are loaded."""
    win = make_window(services)
    qtbot.addWidget(win)
    qtbot.waitUntil(
        lambda: bool(win.errors) or (services.engine_ready and not win.runner.busy),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert not win.errors, win.errors
    yield win
    win.close()


def fill_small_profile(
    win: Any, *, tasks: int = 4, own: tuple[str, ...] = ("train new staff on invoicing",)
) -> None:
    """Bookkeeping clerk, a few ticked tasks, own tasks, two skills; no waiting."""
    from app.ui.profile_document import SkillChip

    doc = win.document
    catalog = win.services.catalog()
    doc.set_alias("Test client")
    doc.set_occupation(catalog, CODE)
    own_count = sum(1 for r in doc.tasks.rows() if r.own)
    # From the fourth task on: the record-keeping tasks that are most exposed, so the profile
    # has safer moves to show.
    for row in range(own_count + 3, own_count + 3 + tasks):
        doc.tasks.set_checked(row, True)
    for text in own:
        doc.tasks.add_own(text)
    skill = catalog.esco_skills_for(CODE)[0].skill
    doc.add_skill(SkillChip("esco", skill.uri, skill.label, "ESCO"))
    doc.add_skill(SkillChip("technology", "Microsoft Excel", "Microsoft Excel", "technology"))


@pytest.fixture(scope="module")
def analysed(qapp: Any, module_data_dir: Path, services: Services) -> Iterator[Any]:
    """A window with a small bookkeeping profile already analysed (shared by a module's tests)."""
    win = make_window(services)
    wait_for(
        lambda: bool(win.errors) or (services.engine_ready and not win.runner.busy),
        LOAD_TIMEOUT_MS / 1000,
    )
    assert not win.errors, win.errors
    fill_small_profile(win)
    win.request_analysis()
    wait_for(lambda: bool(win.errors) or (win.context.result is not None and not win.runner.busy))
    assert not win.errors, win.errors
    yield win
    win.close()
    win.deleteLater()
