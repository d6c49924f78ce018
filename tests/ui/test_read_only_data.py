"""The window on a read-only data folder: it opens and works, and says once that nothing saves."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app import paths
from app.ui.services import Services
from tests.conftest import read_only
from tests.ui.conftest import LOAD_TIMEOUT_MS, make_window


def test_window_opens_on_a_read_only_data_folder(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    paths.set_data_dir(data)
    with read_only(data):
        # "discard": drafts are read and written as in normal use, without a question.
        win = make_window(services, recover="discard")
        qtbot.addWidget(win)
        qtbot.waitUntil(
            lambda: services.engine_ready and not win.runner.busy, timeout=LOAD_TIMEOUT_MS
        )
        assert len(win.errors) == 1, win.errors
        assert "cannot be written" in win.errors[0] and str(data) in win.errors[0]
        assert win.clients_page.store.list() == []
        win.document.set_alias("Sam")
        win.autosave()
        win.autosave()
        assert len(win.errors) == 2 and "Autosave failed" in win.errors[1]  # said once
        win.close()
    assert sorted(data.iterdir()) == []
