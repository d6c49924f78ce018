"""A counsellor's session end to end, in the real window with the real model: client A, New,
client B, A again. Nothing of one client may show while another is open, and no work is lost
without asking."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import CODE, fill_small_profile

NURSE = "29-1141.00"  # Registered Nurses
ANALYSIS_TIMEOUT_MS = 60_000


def _analysed(qtbot: QtBot, win: Any) -> Any:
    """Wait for the analysis of what the document holds now."""
    qtbot.waitUntil(
        lambda: win.context.result is not None and not win.runner.busy,
        timeout=ANALYSIS_TIMEOUT_MS,
    )
    return win.context.result


def _on_screen(win: Any) -> str:
    """Every text a person can see of the analysis: header, title, Exposure, Pathways, Report."""
    exposure, pathways, report = win.exposure_page, win.pathways_page, win.report_page
    parts = [win.summary.text(), win.windowTitle(), report.view.toPlainText()]
    if not exposure.body.isHidden():
        parts += [exposure.headline.text(), exposure.subline.text()]
        parts += [t.text for t in exposure.tasks.rows()]
    if not pathways.body.isHidden():
        parts += [m.title for m in pathways.moves.rows()]
    return "\n".join(parts)


def _answer(win: Any, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def ask(action: str) -> QMessageBox.StandardButton:
        asked.append(action)
        return button

    win.clients_page.ask_unsaved = ask
    return asked


def _nurse_profile(win: Any, alias: str, tasks: int = 3) -> None:
    doc = win.document
    doc.set_alias(alias)
    win.profile_page.choose(NURSE)
    for row in range(tasks):
        doc.tasks.set_checked(row, True)


def test_a_new_client_shows_nothing_of_the_previous_one(qtbot: QtBot, window: Any) -> None:
    """Must-fix 1: after New and choosing an occupation with no task ticked, no page, header,
    report or title may show client A."""
    fill_small_profile(window)
    window.document.set_alias("Client A")
    a = _analysed(qtbot, window)
    assert window.clients_page.save_current()
    a_task = a.exposure.tasks[0].text
    assert "Client A" in _on_screen(window) and a_task in _on_screen(window)

    window.clients_page.new_client()
    window.profile_page.choose(NURSE)  # an occupation, no task ticked yet
    assert window.context.result is None
    seen = _on_screen(window)
    assert "Client A" not in seen and a_task not in seen and f"{a.beta:.2f}" not in seen
    assert window.exposure_page.body.isHidden() and not window.exposure_page.placeholder.isHidden()
    assert window.pathways_page.body.isHidden() and window.pathways_page.moves.rowCount() == 0
    assert window.report_page.document is None and not window.report_page.pdf_button.isEnabled()
    assert window.report_page.default_path().name.startswith("SkillShift-profile-")


def test_an_analysis_started_for_the_previous_client_is_never_shown(
    qtbot: QtBot, window: Any
) -> None:
    """Must-fix 1: New while client A's analysis is still running: A's result must not arrive."""
    fill_small_profile(window)
    window.document.set_alias("Client A")
    window.request_analysis()  # running now
    assert window.runner.busy
    _answer(window, QMessageBox.StandardButton.Discard)
    window.clients_page.new_client()
    _nurse_profile(window, "Client B", tasks=0)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=ANALYSIS_TIMEOUT_MS)
    qtbot.wait(50)
    assert window.context.result is None
    assert "Client A" not in _on_screen(window)


def test_session_create_new_then_reopen_shows_only_that_client(qtbot: QtBot, window: Any) -> None:
    """The flow of the issue: A analysed and saved; New asks, B analysed; A reopened shows A only."""
    page = window.clients_page
    fill_small_profile(window)
    window.document.set_alias("Client A")
    a = _analysed(qtbot, window)
    assert page.save_current()
    a_id = page.current.id

    window.document.set_alias("Client A (edited)")  # unsaved: New must ask
    asked = _answer(window, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked, "New did not ask about unsaved work"
    assert window.document.empty and window.context.result is None
    _nurse_profile(window, "Client B")
    b = _analysed(qtbot, window)
    assert b.profile.alias == "Client B" and b.occupation.code == NURSE
    seen = _on_screen(window)
    assert "Client B" in seen and "Client A" not in seen
    assert "SkillShift report: Client B" in window.report_page.view.toPlainText()
    assert page.save_current()

    # Reopen A: every page, the header and the report show A only.
    for row in range(page.clients.rowCount()):
        if page.clients.row_at(row).id == a_id:
            page.open_client(a_id)
    again = _analysed(qtbot, window)
    assert again.profile.alias == "Client A" and again.occupation.code == CODE
    assert again.beta == a.beta
    seen = _on_screen(window)
    assert "Client B" not in seen and "Registered Nurses" not in seen
    assert "SkillShift report: Client A" in window.report_page.view.toPlainText()
    assert window.windowHandle().title().startswith("Client A")
    assert {m.code for m in window.pathways_page.moves.rows()} == {m.code for m in a.moves}
    assert not window.errors


def test_new_asks_save_discard_or_cancel_before_dropping_work(qtbot: QtBot, window: Any) -> None:
    """Must-fix 2: Ctrl+N on a profile built by keyboard asks first; Cancel keeps everything."""
    profile = window.profile_page
    qtbot.keyClicks(profile.alias, "Kim")
    window.profile_page.choose(CODE)
    window.document.tasks.set_checked(0, True)

    asked = _answer(window, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["New client"]
    assert window.document.alias == "Kim" and window.document.occupation_code == CODE
    assert len(window.document.tasks.checked()) == 1

    asked = _answer(window, QMessageBox.StandardButton.Save)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked and window.document.empty
    saved = [c.alias for c in window.clients_page.store.list()]
    assert saved == ["Kim"]

    # Nothing typed since: New does not ask.
    asked = _answer(window, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == []


def test_the_window_title_names_the_client_once(qtbot: QtBot, window: Any) -> None:
    """Should-fix: "SkillShift — P1 dev — SkillShift". The platform adds the application's name
    to the title, so the window's own title must not."""
    window.document.set_alias("P1 dev")
    title = window.windowHandle().title()
    assert "P1 dev" in title and "SkillShift" not in title
    window.clients_page.new_client()
    assert "P1 dev" not in window.windowHandle().title()
