"""Client privacy: passphrase protection at rest, wrong passphrase, export and delete per client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.crypto import WrongPassphraseError
from app.core.profile import Profile
from app.ui.clients import (
    ClientStore,
    Draft,
    DraftStore,
    PassphraseRequiredError,
    _draft_keys,
    now,
    today,
)
from tests.ui.conftest import CODE, fill_small_profile

PHRASE = "blue harbour lantern"
PROFILE = {
    "schema": 1,
    "alias": "Ana Secret",
    "occupation": {"code": CODE},
    "tasks": [{"task_id": 2486, "share": 2}, {"text": "train new staff", "share": 1}],
}


@pytest.fixture(autouse=True)
def _forget_keys() -> Any:
    yield
    _draft_keys.clear()


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_protect_encrypts_and_needs_the_passphrase(tmp_path: Path) -> None:
    store = ClientStore(tmp_path / "clients", drafts=DraftStore(tmp_path / "draft.json"))
    client = store.new("Ana Secret").with_note(today(), "talked about night shifts")
    saved = store.save(client, Profile.from_dict(PROFILE))
    folder = store.root / saved.id
    assert b"Ana Secret" in _all_bytes(folder)
    protected = store.protect(saved.id, PHRASE)
    assert not folder.exists()  # the old folder's name came from the alias
    folder = store.root / protected.id
    assert "ana" not in protected.id
    names = sorted(p.name for p in folder.iterdir())
    # The lock file (the OS lock's anchor) holds a pid and a time, nothing personal.
    assert names == ["client.json.enc", "client.json.lock", "profile.json.enc", "protected.json"]
    blob = _all_bytes(folder)
    assert b"Ana" not in blob and b"night shifts" not in blob and b"train new staff" not in blob
    listed = ClientStore(store.root).list()
    assert [(c.id, c.alias, c.protected) for c in listed] == [(protected.id, "", True)]
    fresh = ClientStore(store.root)
    with pytest.raises(PassphraseRequiredError, match="protected"):
        fresh.load(protected.id)
    before = _all_bytes(folder)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        fresh.load(protected.id, "not the passphrase")
    assert _all_bytes(folder) == before  # nothing lost or changed
    loaded, profile = fresh.load(protected.id, PHRASE)
    assert loaded.alias == "Ana Secret" and loaded.note_for(today()) == "talked about night shifts"
    assert profile.alias == "Ana Secret" and len(profile.tasks) == 2
    # Saving again keeps it encrypted (the passphrase is remembered in memory only).
    fresh.save(loaded.with_note(today(), "second talk"), profile)
    assert b"second talk" not in _all_bytes(folder)
    assert ClientStore(store.root).load(protected.id, PHRASE)[0].note_for(today()) == "second talk"


def test_short_passphrase_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    store = ClientStore(tmp_path)
    saved = store.save(store.new("Bo"), Profile.from_dict(PROFILE))
    with pytest.raises(Exception, match="at least 8"):
        store.protect(saved.id, "short")
    assert (tmp_path / saved.id / "profile.json").is_file()
    assert not store.is_protected(saved.id)


def test_export_encrypted_and_import_back(tmp_path: Path) -> None:
    store = ClientStore(tmp_path / "clients")
    saved = store.save(store.new("Ana"), Profile.from_dict(PROFILE))
    target = tmp_path / "ana.skillshift.json"
    store.export(saved.id, target, passphrase=PHRASE)
    assert b"Ana" not in target.read_bytes()
    with pytest.raises(PassphraseRequiredError):
        store.import_file(target)
    with pytest.raises(WrongPassphraseError):
        store.import_file(target, passphrase="wrong passphrase")
    imported = store.import_file(target, passphrase=PHRASE)
    assert imported.alias == "Ana Secret" and imported.id != saved.id


def test_delete_removes_files_snapshots_and_the_draft(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path / "draft.json")
    store = ClientStore(tmp_path / "clients", drafts=drafts)
    keep = store.save(store.new("Keep"), Profile.from_dict(PROFILE))
    gone = store.save(store.new("Gone"), Profile.from_dict(PROFILE))
    gone = store.protect(gone.id, PHRASE)
    drafts.write(Draft(now(), False, gone.id, {"profile": PROFILE}))
    assert b"Ana Secret" not in drafts.path.read_bytes()  # a protected client's draft is sealed
    assert drafts.read() is not None and drafts.read().client_id == gone.id  # type: ignore[union-attr]
    store.delete(gone.id)
    assert not (store.root / gone.id).exists()
    assert not drafts.path.exists()
    assert [c.id for c in store.list()] == [keep.id]
    drafts.write(Draft(now(), False, keep.id, {}))
    store.delete(gone.id)  # deleting again is harmless and leaves others' drafts alone
    assert drafts.read() is not None


def test_protect_and_open_through_the_page(qtbot: QtBot, window: Any) -> None:
    page = window.clients_page
    fill_small_profile(window)
    assert page.save_current()
    answers = iter([PHRASE, PHRASE])
    page.ask_passphrase = lambda _prompt: next(answers)
    page.clients_view.selectRow(0)
    page.protect_selected()
    assert not window.errors, window.errors
    client_id = page.current.id
    assert page.store.is_protected(client_id)
    assert "(protected" in page.clients.data(page.clients.index(0, 0))
    # A new session: the page knows nothing, asks on open; a wrong answer is a clear error.
    page.store.forget_passphrases()
    page.new_client()
    asked: list[str] = []
    page.ask_passphrase = lambda prompt: asked.append(prompt) or "wrong passphrase"
    page.clients_view.selectRow(0)
    page.open_selected()
    assert asked and window.errors and "wrong passphrase" in window.errors[-1]
    assert window.document.occupation_code is None
    page.ask_passphrase = lambda _prompt: PHRASE
    page.clients_view.selectRow(0)
    page.open_selected()
    assert window.document.occupation_code == CODE
    assert page.current is not None and page.current.id == client_id
    # Mismatched confirmation changes nothing.
    answers = iter(["one passphrase", "another passphrase"])
    page.ask_passphrase = lambda _prompt: next(answers)
    page.protect_selected()
    assert "differ" in window.errors[-1]


def test_damaged_client_profile_is_set_aside_and_the_backup_offered(
    qtbot: QtBot, window: Any
) -> None:
    page = window.clients_page
    fill_small_profile(window)
    assert page.save_current()
    assert page.save_current()  # a second save keeps the first as profile.json.bak
    folder = page.store.root / page.current.id
    (folder / "profile.json").write_bytes(b'{"schema": 1, "alias": "cut sh')
    offered: list[str] = []
    page.ask_restore = lambda message: offered.append(message) or True
    page.new_client()
    page.clients_view.selectRow(0)
    page.open_selected()
    assert offered and "profile.json.bak can be restored" in offered[0]
    assert "not valid JSON" in offered[0]
    assert window.document.occupation_code == CODE  # the previous version is open again
    aside = [p for p in folder.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"schema": 1, "alias": "cut sh'
    assert not window.errors
