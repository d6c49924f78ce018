"""Clients: saved profiles, notes per session, snapshots compared, autosave and crash recovery."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.profile import Profile
from app.ui.clients import (
    ClientError,
    ClientStore,
    Draft,
    DraftStore,
    Snapshot,
    compare,
    today,
)
from app.ui.services import Services
from tests.ui.conftest import CODE, fill_small_profile, make_window

PROFILE = {
    "schema": 1,
    "alias": "Ana",
    "occupation": {"code": CODE},
    "tasks": [{"task_id": 2486, "share": 2}, {"text": "train new staff", "share": 1}],
    "skills": [{"kind": "technology", "value": "Microsoft Excel"}],
}


def _snap(taken: str, beta: float, tasks: int, moves: list[str]) -> Snapshot:
    return Snapshot(
        taken,
        PROFILE,
        {
            "occupation_title": "Clerks",
            "beta": beta,
            "percentile": 80.0,
            "tasks": tasks,
            "skills": 1,
            "top_moves": [{"code": m, "title": m} for m in moves],
        },
    )


def test_store_saves_lists_duplicates_deletes(tmp_path: Path) -> None:
    store = ClientStore(tmp_path)
    profile = Profile.from_dict(PROFILE)
    client = store.new("Ana").with_note(today(), "first talk")
    saved = store.save(client, profile)
    assert (tmp_path / saved.id / "profile.json").is_file()
    # The profile file is the CLI's format: `skillshift analyze` reads it as is.
    assert Profile.load(tmp_path / saved.id / "profile.json") == profile
    loaded, again = store.load(saved.id)
    assert loaded.note_for(today()) == "first talk" and again == profile
    copy = store.duplicate(saved.id)
    assert copy.id != saved.id and copy.alias == "Ana (copy)"
    assert {c.id for c in store.list()} == {saved.id, copy.id}
    store.delete(saved.id)
    assert [c.id for c in store.list()] == [copy.id]
    with pytest.raises(ClientError):
        store.load(saved.id)
    with pytest.raises(ClientError):
        store.load("../escape")


def test_export_and_import_keep_notes_and_snapshots(tmp_path: Path) -> None:
    store = ClientStore(tmp_path / "a")
    client = store.new("Ana").with_note("2026-01-05", "talked")
    client = store.save(
        replace(client, snapshots=(_snap("2026-01-05T10:00", 0.5, 3, ["x"]),)),
        Profile.from_dict(PROFILE),
    )
    target = tmp_path / "ana.skillshift.json"
    store.export(client.id, target)
    other = ClientStore(tmp_path / "b")
    imported = other.import_file(target)
    assert imported.alias == "Ana" and imported.note_for("2026-01-05") == "talked"
    assert len(imported.snapshots) == 1
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(PROFILE), "utf-8")
    assert other.import_file(plain).alias == "Ana"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(ClientError):
        other.import_file(bad)
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps({"schema": 1, "tasks": "x"}), "utf-8")
    with pytest.raises(Exception, match="tasks"):
        other.import_file(invalid)


def test_compare_reports_changes_from_the_first_to_the_second() -> None:
    later = _snap("2026-02-01T09:00", 0.40, 5, ["a", "b"])
    earlier = _snap("2026-01-01T09:00", 0.50, 3, ["a", "c"])
    rows = {r.measure: r for r in compare(earlier, later)}
    assert (
        rows["beta"].before == 0.50 and rows["beta"].after == 0.40 and rows["beta"].change == "down"
    )
    assert rows["tasks"].change == "up"
    assert rows["top_move"].change == "same"
    assert rows["moves_in_common"].after == 1


def test_draft_store_round_trip_and_damage(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path / "draft.json")
    assert drafts.read() is None
    drafts.write(Draft("2026-01-01T10:00", False, None, {"profile": PROFILE, "notes": "n"}))
    found = drafts.read()
    assert found is not None and not found.clean and found.state["notes"] == "n"
    (tmp_path / "draft.json").write_text("{half", "utf-8")
    assert drafts.read() is None  # a damaged draft is ignored, never a crash
    drafts.clear()
    assert not (tmp_path / "draft.json").exists()


def test_clients_page_save_open_snapshot_compare(qtbot: QtBot, window: Any) -> None:
    page = window.clients_page
    fill_small_profile(window)
    page.notes.setPlainText("Ana wants fewer evening shifts.")
    assert window.document.notes == "Ana wants fewer evening shifts."
    assert page.save_current()
    assert page.clients.rowCount() == 1 and page.current is not None
    qtbot.waitUntil(
        lambda: window.context.result is not None and not window.runner.busy, timeout=60_000
    )
    page.take_snapshot()
    rows = window.document.tasks.rows()
    window.document.tasks.set_checked(next(i for i, r in enumerate(rows) if not r.checked), True)
    first = window.context.result
    qtbot.waitUntil(
        lambda: window.context.result is not first and not window.runner.busy, timeout=60_000
    )
    page.take_snapshot()
    assert page.snapshots.rowCount() == 2
    page.snapshots_view.selectRow(0)
    page.compare_selected()
    measures = {r.measure: r for r in page.comparison.rows()}
    assert measures["tasks"].change == "up"
    # A fresh profile, then the saved client opened again: everything comes back.
    page.new_client()
    assert window.document.occupation_code is None and page.notes.toPlainText() == ""
    page.clients_view.selectRow(0)
    page.open_selected()
    assert window.document.occupation_code == CODE
    assert window.document.notes == "Ana wants fewer evening shifts."
    assert len(window.document.skills) == 2
    page.clients_view.selectRow(0)
    page.duplicate_selected()
    assert page.clients.rowCount() == 2
    page.clients_view.selectRow(0)
    page.delete_selected(confirm=False)
    assert page.clients.rowCount() == 1
    assert not window.errors


def test_export_import_through_the_page(qtbot: QtBot, window: Any, tmp_path: Path) -> None:
    page = window.clients_page
    fill_small_profile(window)
    assert page.save_current()
    page.clients_view.selectRow(0)
    target = tmp_path / "client.json"
    page.export_selected(str(target))
    assert target.is_file()
    page.import_file(str(target))
    assert page.clients.rowCount() == 2
    page.import_file(str(tmp_path / "missing.json"))
    assert window.errors and "cannot be imported" in window.errors[-1]
    assert window.banner.isVisibleTo(window)


def test_nothing_typed_is_lost_after_a_crash(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_window(services, recover="discard")
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: services.engine_ready and not first.runner.busy, timeout=120_000)
    fill_small_profile(first, own=("count the petty cash",))
    first.clients_page.notes.setPlainText("typed just before the crash")
    qtbot.keyClicks(first.profile_page.own_task, "half a ta")
    first.autosave()  # what the timer does every few seconds
    drafts = DraftStore()
    crashed = drafts.read()
    assert crashed is not None and not crashed.clean
    first.close()  # a clean exit marks the draft clean; put the crashed one back
    drafts.write(crashed)
    asked: list[str] = []

    def answer_yes(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    second = make_window(services, recover="ask")
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.document.occupation_code == CODE, timeout=10_000)
    assert asked and "did not close properly" in asked[0]
    doc = second.document
    assert doc.alias == "Test client"
    assert any(r.own and r.text == "count the petty cash" for r in doc.tasks.rows())
    assert len(doc.tasks.checked()) == 5 and len(doc.skills) == 2
    assert doc.notes == "typed just before the crash"
    assert second.clients_page.notes.toPlainText() == "typed just before the crash"
    assert second.profile_page.own_task.text() == "half a ta"
    qtbot.waitUntil(lambda: not second.runner.busy, timeout=60_000)
    second.close()


def test_autosave_writes_a_draft_a_few_seconds_after_an_edit(
    qtbot: QtBot, services: Services
) -> None:
    from app.ui.main_window import AUTOSAVE_INTERVAL_MS

    win = make_window(services, recover="discard")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: services.engine_ready and not win.runner.busy, timeout=120_000)
    drafts = DraftStore()
    drafts.clear()
    win.document.set_alias("Autosaved")
    qtbot.waitUntil(lambda: drafts.read() is not None, timeout=AUTOSAVE_INTERVAL_MS + 3000)
    draft = drafts.read()
    assert draft is not None and draft.state["profile"]["alias"] == "Autosaved" and not draft.clean
    win.clients_page.ask_unsaved = lambda _action: QMessageBox.StandardButton.Save
    win.close()
    closed = drafts.read()
    assert closed is not None and closed.clean  # a clean exit is not offered as a crash next time
