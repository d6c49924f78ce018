"""The main window: keyboard navigation, accessible names, errors shown, cancel, settings, about."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from app.ui.i18n import install_translators
from app.ui.settings import Settings
from app.ui.tasks import TaskState
from tests.ui.conftest import CODE

REPO = Path(__file__).resolve().parents[2]


def test_ctrl_number_switches_pages_and_nav_follows(qtbot: QtBot, window: Any) -> None:
    window.activateWindow()
    for i in range(len(window.pages)):
        window.show_page(i)
        assert window.stack.currentIndex() == i
        assert window.nav_buttons[i].isChecked()
    shortcuts = [
        a.shortcut().toString()
        for a in window.menuBar().actions()[1].menu().actions()
        if a.shortcut()
    ]
    assert [f"Ctrl+{i}" for i in range(1, 7)] == shortcuts[:6]


def test_every_input_has_an_accessible_name_or_label(window: Any) -> None:
    missing = []
    for page in (
        window.profile_page,
        window.pathways_page,
        window.clients_page,
        window.settings_page,
    ):
        for widget in page.findChildren(QLineEdit) + page.findChildren(QTableView):
            if widget.parent() is not None and type(widget.parent()).__name__ in (
                "QSpinBox",
                "QComboBox",
            ):
                continue
            if not widget.accessibleName():
                missing.append(type(widget).__name__ + ":" + widget.objectName())
    assert not missing, missing
    for button in window.nav_buttons:
        assert button.accessibleName() and "&" in button.text()  # a mnemonic


def test_buttons_have_mnemonics(window: Any) -> None:
    texts = [
        b.text()
        for b in window.profile_page.findChildren(QAbstractButton)
        if b.text() and b.text() != "×"
    ]
    assert texts and all("&" in t for t in texts), texts


def test_errors_are_shown_in_the_window(qtbot: QtBot, window: Any) -> None:
    def broken(state: TaskState) -> None:
        raise RuntimeError("disk on fire")

    window.runner.submit(broken, kind="test")
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10_000)
    assert "disk on fire" in window.banner_text.text()
    assert window.banner.isVisibleTo(window)
    window.profile_page.choose("99-9999.00")
    assert "99-9999.00" in window.errors[-1]


def test_escape_cancels_the_running_job(qtbot: QtBot, window: Any) -> None:
    cancelled: list[int] = []
    window.runner.cancelled.connect(cancelled.append)

    def endless(state: TaskState) -> None:
        while not state.cancelled():
            time.sleep(0.01)

    token = window.runner.submit(endless, "Endless", kind="endless")
    # The progress bar and the Cancel button appear only once the job has run for 500 ms.
    assert not window.cancel_button.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.cancel_button.isVisibleTo(window), timeout=5000)
    assert window.progress.isVisibleTo(window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    assert cancelled == [token]
    assert not window.cancel_button.isVisibleTo(window)


def test_cancel_button_stops_the_running_job(qtbot: QtBot, window: Any) -> None:
    def endless(state: TaskState) -> None:
        while not state.cancelled():
            time.sleep(0.01)

    window.runner.submit(endless, "Endless", kind="endless")
    qtbot.waitUntil(lambda: window.cancel_button.isVisibleTo(window), timeout=5000)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)


def test_settings_show_the_provider_really_in_use(qtbot: QtBot, window: Any) -> None:
    page = window.settings_page
    page.refresh_provider()
    assert page.in_use.text().startswith("cpu")
    assert page.provider.count() == 5
    assert page.sources.rowCount() >= 7
    datasets = " ".join(s.dataset for s in page.sources.rows())
    assert "O*NET" in datasets and "ESCO" in datasets
    page.language.setCurrentIndex(1)
    assert Settings().language() == "zh_CN"
    page.threads.setValue(1)
    page.provider.setCurrentIndex(1)  # cpu
    page._apply()
    qtbot.waitUntil(
        lambda: window.services.search_ready and not window.runner.busy, timeout=120_000
    )
    assert window.services.encoder().session_info.threads == 1
    page.refresh_provider()
    assert "1 threads" in page.in_use.text()
    window.services.reconfigure("cpu", None)  # leave the shared services as other tests expect


def test_settings_change_the_data_folder_for_the_next_start(
    window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from app import paths

    # The chosen folder is remembered in the platform default folder; keep both in tmp_path.
    monkeypatch.delenv("SKILLSHIFT_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    page = window.settings_page
    page.set_data_folder(str(tmp_path / "portable"))
    assert paths.chosen_data_dir() == (tmp_path / "portable").resolve()
    assert paths.data_dir() == (tmp_path / "portable").resolve()
    assert str(tmp_path / "portable") in page.data_dir.text()
    paths.choose_data_dir(None)


def test_the_ui_switches_to_simplified_chinese(qtbot: QtBot, qapp: Any, services: Any) -> None:
    from app.ui.main_window import MainWindow

    english = install_translators(qapp, "en")
    assert len(english) == 1  # only the plural forms ("1 task", "2 tasks")
    for translator in english:
        qapp.removeTranslator(translator)
    translators = install_translators(qapp, "zh_CN")
    try:
        assert translators, "the zh_CN translation did not load"
        win = MainWindow(services, Settings(), recover="off")
        qtbot.addWidget(win)
        assert win.nav_buttons[0].text() == "个人资料(&P)"
        assert win.profile_page.add_own.text() == "添加任务(&A)"
        win.runner.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        from PySide6.QtCore import QLocale

        QLocale.setDefault(QLocale("en_US"))


@pytest.mark.model  # the smoke test loads the model in the child
def test_smoke_test_command(offline_env: dict[str, str], tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--smoke-test", "--data-dir", str(tmp_path / "data")],
        cwd=REPO,
        env=offline_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("smoke test:") and "43-3031.00" in proc.stdout
    assert proc.stderr.strip() == ""
    assert (tmp_path / "data").is_dir()


def test_counts_use_plural_forms(qtbot: QtBot, qapp: Any, window: Any) -> None:
    """Should-fix: "1 tasks", "opens 1 other moves"."""
    from app.core.transitions import LearningStep
    from app.ui.wording import reason_text

    translators = install_translators(qapp, "en")
    try:
        doc = window.document
        doc.set_occupation(window.services.catalog(), CODE)
        doc.tasks.set_checked(0, True)
        window._update_summary()
        assert "· 1 task · 0 skills" in window.summary.text()
        doc.tasks.set_checked(1, True)
        window._update_summary()
        assert "· 2 tasks ·" in window.summary.text()
        window.profile_page._update_task_summary()
        assert window.profile_page.task_summary.text().startswith("2 tasks ticked, 0 of them")
        one = LearningStep("x", "u", 1.0, 1, 1, "opens_moves")
        assert reason_text(one) == "opens 1 other move, 1 of them safer"
        many = LearningStep("x", "u", 1.0, 3, 0, "opens_moves")
        assert reason_text(many) == "opens 3 other moves"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_changing_the_language_offers_a_restart_that_keeps_the_work(
    qtbot: QtBot, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should-fix: the language applied only after a restart, and the app did not say so."""
    from app.ui import main_window

    launched: list[list[str]] = []
    monkeypatch.setattr(main_window, "launch_detached", launched.append)
    page = window.settings_page
    page.ask_restart = lambda: False
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    assert Settings().language() == "zh_CN"
    assert "next time" in page.language_note.text() and not launched
    page.ask_restart = lambda: True
    window.document.set_alias("Kept")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert launched and launched[0][0] == sys.executable
    assert not window.isVisible()
    Settings().set_language("en")
