"""Profile page with the real model: live suggestions, ambiguity, checklist, own tasks, skills."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import CODE


def _type_title(qtbot: QtBot, window: Any, text: str) -> None:
    page = window.profile_page
    page.search.setFocus()
    qtbot.keyClicks(page.search, text)
    qtbot.waitUntil(
        lambda: page.suggestions.rowCount() > 0 and not window.runner.busy, timeout=30_000
    )


def test_typing_a_title_suggests_occupations_live(qtbot: QtBot, window: Any) -> None:
    page = window.profile_page
    _type_title(qtbot, window, "bookkeeper")
    rows = page.suggestions.rows()
    assert 1 <= len(rows) <= 5
    assert rows[0].code == CODE
    assert all(a.score >= b.score for a, b in itertools.pairwise(rows))
    assert page.suggestions_view.isVisible()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.occupation_code == CODE, timeout=10_000)
    assert window.document.tasks.rowCount() >= 20
    assert "Bookkeeping" in page.occupation_label.text()
    assert not window.errors


def test_an_ambiguous_title_asks_and_ranks_by_ticked_tasks(qtbot: QtBot, window: Any) -> None:
    page = window.profile_page
    doc = window.document
    _type_title(qtbot, window, "analyst")
    page._resolve_enter()
    assert doc.candidates, "'analyst' should fit several occupations"
    assert page.ambiguity.isVisible()
    assert doc.occupation_code is None  # nothing is analysed until the person chooses
    assert not page.tasks_view.isColumnHidden(4 + 1)  # the occupation column shows
    last = doc.candidates[-1]
    ticked = 0
    for row in range(doc.tasks.rowCount()):
        if doc.tasks.row_at(row).code == last.code and ticked < 2:
            doc.tasks.set_checked(row, True)
            ticked += 1
    assert ticked == 2
    top, count = doc.ranked_candidates()[0]
    assert top.code == last.code and count == 2
    assert page.candidates.row_at(0)[0].code == last.code
    page.candidates_view.selectRow(0)
    page._use_candidate()
    assert doc.occupation_code == last.code
    assert not page.ambiguity.isVisible()
    assert len(doc.tasks.checked()) == 2  # the ticks survive the choice


def test_checklist_ticks_shares_and_own_tasks_scored_live(qtbot: QtBot, window: Any) -> None:
    page = window.profile_page
    doc = window.document
    page.choose(CODE)
    model = doc.tasks
    for row in range(3):
        model.setData(
            model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert len(model.checked()) == 3
    qtbot.keyClicks(page.own_task, "Reconcile supplier statements with the ledger")
    qtbot.waitUntil(lambda: "Live estimate" in page.own_preview.text(), timeout=20_000)
    page.add_own_task()
    assert model.row_at(0).own and model.row_at(0).checked
    qtbot.waitUntil(lambda: model.row_at(0).label in ("E0", "E1", "E2"), timeout=20_000)
    assert 0.0 <= (model.row_at(0).beta or -1) <= 1.0
    shares = [model.share(r) for r in range(model.rowCount()) if model.row_at(r).checked]
    assert abs(sum(s or 0 for s in shares) - 1.0) < 1e-9
    profile = doc.to_profile()
    assert len(profile.tasks) == 4 and profile.tasks[0].text is not None
    page.tasks_view.setCurrentIndex(model.index(0, 0))
    assert page.remove_own.isEnabled()
    page._remove_own()
    assert len(doc.to_profile().tasks) == 3


def test_skills_from_lists_and_free_text_matched_to_esco(qtbot: QtBot, window: Any) -> None:
    page = window.profile_page
    doc = window.document
    page.choose(CODE)
    options = page.skill_options.stringList()
    kinds = {page._skill_options[o].kind for o in options}
    assert {"esco", "onet", "technology"} <= kinds
    tech = next(o for o in options if page._skill_options[o].kind == "technology")
    page._on_completion(tech)
    assert doc.skills[-1].kind == "technology"
    assert page.suggested.rowCount() > 0
    page.suggested_view.selectRow(0)
    page._add_suggested()
    assert len(doc.skills) == 2
    page.skill_input.setText("payroll processing")
    page.add_skill_from_input()
    qtbot.waitUntil(lambda: page.skill_matches.rowCount() > 0, timeout=20_000)
    assert page.match_panel.isVisible()
    page.skill_matches_view.selectRow(0)
    page._add_matched_skill()
    assert doc.skills[-1].kind == "esco" and doc.skills[-1].value.startswith(
        "http://data.europa.eu/esco/skill/"
    )
    page.skill_input.setText("juggling spreadsheets")
    page.add_skill_from_input()
    qtbot.waitUntil(page.match_panel.isVisible, timeout=20_000)
    page._keep_words()
    assert doc.skills[-1].kind == "text"
    assert len(page.chips.chip_widgets()) == 4
    page.chips.chip_widgets()[0].removed.emit(doc.skills[0])
    assert len(doc.skills) == 3
    assert [s.kind for s in doc.to_profile().skills] == [c.kind for c in doc.skills]
    assert not window.errors


def test_editing_the_profile_triggers_an_analysis(qtbot: QtBot, window: Any) -> None:
    from tests.ui.conftest import fill_small_profile

    fill_small_profile(window, tasks=3)
    with qtbot.waitSignal(window.context.analysis_ready, timeout=60_000) as blocker:
        pass
    result = blocker.args[0]
    assert result.occupation.code == CODE
    assert len(result.exposure.tasks) == 4
    assert "AI exposure" in window.summary.text()


def test_a_title_that_matches_nothing_says_so(qtbot: QtBot, window: Any) -> None:
    """Must-fix 5: "asdfgh" is answered "no occupation matches", with a hint, not candidates."""
    page = window.profile_page
    page.search.setFocus()
    qtbot.keyClicks(page.search, "asdfgh")
    qtbot.waitUntil(lambda: page.search_hint.isVisibleTo(page), timeout=30_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    assert "No occupation matches" in page.search_hint.text()
    assert "asdfgh" in page.search_hint.text()
    assert not page.suggestions_view.isVisibleTo(page) and page.suggestions.rowCount() == 0
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert not window.document.candidates and not page.ambiguity.isVisibleTo(page)
    assert window.document.occupation_code is None


def test_suggestions_say_how_sure_and_one_click_picks(qtbot: QtBot, window: Any) -> None:
    """Must-fix 5: each suggestion carries a confidence in plain words; a single click picks."""
    page = window.profile_page
    _type_title(qtbot, window, "registered nurse")
    words = [page.suggestions_view.model().index(r, 2).data() for r in range(3)]
    assert words[0] == "very likely"
    assert all(w in {"very likely", "likely", "possible", "unlikely"} for w in words)
    assert "Click" in page.search_hint.text()
    view = page.suggestions_view
    second = view.model().index(1, 0)
    wanted = page.suggestions.row_at(1).code
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(second).center()
    )
    assert window.document.occupation_code == wanted
    assert not view.isVisibleTo(page)


def test_an_esco_skill_name_is_added_at_once(qtbot: QtBot, window: Any) -> None:
    """Should-fix: "typography" was "not in the list", then matched at 1.00."""
    page = window.profile_page
    window.profile_page.choose(CODE)
    page.skill_input.setFocus()
    page.skill_input.setText("typography")  # typed (keyClicks would open the completer popup)
    qtbot.keyClick(page.skill_input, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(c.label == "typography" for c in window.document.skills), timeout=30_000
    )
    chip = next(c for c in window.document.skills if c.label == "typography")
    assert chip.kind == "esco" and not page.match_panel.isVisibleTo(page)
    assert page.skill_input.text() == ""


def test_the_status_bar_forgets_a_finished_job(qtbot: QtBot, window: Any) -> None:
    """Should-fix: "Matching your skill to ESCO…" stayed after the match had finished."""
    import time

    label = "Matching your skill to ESCO"
    window.runner.submit(lambda _state: time.sleep(0.8), label, kind="skill-match")
    qtbot.waitUntil(lambda: label in window.status_label.text(), timeout=5_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    qtbot.wait(10)
    assert label not in window.status_label.text()
    assert window.status_label.text()


def test_tab_never_stops_on_a_widget_that_takes_no_input(qtbot: QtBot, window: Any) -> None:
    """Should-fix: tabbing out of the task table landed on an invisible stop (the skills'
    scroll area) that swallowed typing."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLineEdit

    page = window.profile_page
    window.profile_page.choose(CODE)
    page.tasks_view.setFocus()
    seen = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        seen.append(type(focused).__name__)
        assert isinstance(focused, QLineEdit | QAbstractButton | QAbstractItemView), seen
