"""Clients page (counsellor mode): saved profiles, notes per session, dated snapshots compared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import SkillShiftError
from app.core.storage import CorruptProfileError
from app.ui.clients import (
    Client,
    ClientStore,
    ComparisonRow,
    PassphraseRequiredError,
    SessionNote,
    Snapshot,
    compare,
    summarise,
    today,
)
from app.ui.context import AppContext
from app.ui.models.records_table_model import Column, RecordsTableModel
from app.ui.widgets.common import heading, source_row, table, wrapped


def _t(text: str) -> str:
    return QCoreApplication.translate("ClientsPage", text)


def comparison_name(code: str) -> str:
    return {
        "occupation_title": _t("Occupation"),
        "beta": _t("AI exposure (beta)"),
        "percentile": _t("Percentile among occupations"),
        "alpha": _t("Directly exposed time (alpha)"),
        "gamma": _t("Exposed with tools (gamma)"),
        "tasks": _t("O*NET tasks ticked"),
        "own_tasks": _t("Own tasks"),
        "skills": _t("Skills listed"),
        "top_move": _t("Best move"),
        "moves_in_common": _t("Top-5 moves (count / in common)"),
    }.get(code, code)


def _fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def _short_date(stamp: str) -> str:
    return stamp.replace("T", " ")[:16]


class ClientsPage(QWidget):
    """Works on the shared profile document; `client_opened` tells the window to refresh pages."""

    client_opened = Signal()
    saved = Signal()

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, store: ClientStore | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = store if store is not None else ClientStore()
        self.current: Client | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        self.title = heading(self.tr("Clients"), self)
        outer.addWidget(self.title)
        outer.addWidget(
            wrapped(
                self.tr(
                    "For counsellors: every client's profile, session notes and snapshots stay in the "
                    "SkillShift data folder on this computer ({folder})."
                ).format(folder=self.store.root),
                self,
                muted=True,
            )
        )

        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.clients: RecordsTableModel[Client] = RecordsTableModel(
            [
                Column(
                    self.tr("Client"),
                    lambda c: (
                        self.tr("(protected: open to see)")
                        if c.protected and not c.alias
                        else c.alias or self.tr("(no name)")
                    ),
                ),
                Column(self.tr("Occupation"), lambda c: c.occupation),
                Column(
                    self.tr("Last saved"),
                    lambda c: c.modified,
                    display=lambda c: _short_date(c.modified),
                ),
            ],
            self,
        )
        self.clients_view = table(self.clients, left, self.tr("Saved clients"), stretch=1)
        ll.addWidget(self.clients_view, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New"), left)
        self.open_button = QPushButton(self.tr("&Open"), left)
        self.save_button = QPushButton(self.tr("&Save"), left)
        self.duplicate_button = QPushButton(self.tr("D&uplicate"), left)
        self.delete_button = QPushButton(self.tr("&Delete…"), left)
        for b in (
            self.new_button,
            self.open_button,
            self.save_button,
            self.duplicate_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        ll.addLayout(buttons)
        io = QHBoxLayout()
        self.export_button = QPushButton(self.tr("E&xport…"), left)
        self.import_button = QPushButton(self.tr("&Import…"), left)
        self.protect_button = QPushButton(self.tr("&Protect with a passphrase…"), left)
        io.addWidget(self.export_button)
        io.addWidget(self.import_button)
        io.addWidget(self.protect_button)
        io.addStretch(1)
        ll.addLayout(io)
        self.state = wrapped("", left, muted=True)
        ll.addWidget(self.state)

        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        notes_box = QGroupBox(self.tr("Session notes"), right)
        nl = QVBoxLayout(notes_box)
        self.today_label = QLabel(
            self.tr("&Notes for today ({date}):").format(date=today()), notes_box
        )
        self.notes = QPlainTextEdit(notes_box)
        self.notes.setPlaceholderText(
            self.tr("What you discussed, agreed next steps… saved automatically.")
        )
        self.notes.setAccessibleName(self.tr("Notes for today's session"))
        self.today_label.setBuddy(self.notes)
        nl.addWidget(self.today_label)
        self.notes.setMaximumHeight(110)
        nl.addWidget(self.notes, 2)
        self.sessions: RecordsTableModel[SessionNote] = RecordsTableModel(
            [
                Column(self.tr("Session"), lambda s: s.date),
                Column(self.tr("Notes"), lambda s: s.text.replace("\n", " ")),
            ],
            self,
        )
        self.sessions_view = table(self.sessions, notes_box, self.tr("Earlier sessions"), stretch=1)
        self.sessions_view.setMaximumHeight(90)
        nl.addWidget(QLabel(self.tr("Earlier sessions:"), notes_box))
        nl.addWidget(self.sessions_view, 1)
        rl.addWidget(notes_box, 2)

        snap_box = QGroupBox(self.tr("Snapshots"), right)
        sl = QVBoxLayout(snap_box)
        snap_row = QHBoxLayout()
        self.snapshot_button = QPushButton(self.tr("&Take snapshot"), snap_box)
        self.snapshot_button.setToolTip(
            self.tr("Keep today's profile and results to compare later")
        )
        self.compare_button = QPushButton(self.tr("Co&mpare selected with latest"), snap_box)
        snap_row.addWidget(self.snapshot_button)
        snap_row.addWidget(self.compare_button)
        snap_row.addStretch(1)
        sl.addLayout(snap_row)
        self.snapshots: RecordsTableModel[Snapshot] = RecordsTableModel(
            [
                Column(self.tr("Taken"), lambda s: s.taken, display=lambda s: _short_date(s.taken)),
                Column(self.tr("Occupation"), lambda s: s.summary.get("occupation_title")),
                Column(self.tr("Exposure"), lambda s: s.summary.get("beta"), align_right=True),
                Column(
                    self.tr("Best move"),
                    lambda s: (s.summary.get("top_moves") or [{}])[0].get("title"),
                ),
            ],
            self,
        )
        self.snapshots_view = table(
            self.snapshots, snap_box, self.tr("Snapshots of this client"), stretch=3
        )
        self.snapshots_view.setMaximumHeight(110)
        # Occupation and best move share the width and wrap; neither collapses to "…".
        self.snapshots_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        sl.addWidget(self.snapshots_view)
        self.comparison: RecordsTableModel[ComparisonRow] = RecordsTableModel(
            [
                Column(self.tr("Measure"), lambda r: comparison_name(r.measure)),
                Column(self.tr("Earlier"), lambda r: r.before, display=lambda r: _fmt(r.before)),
                Column(self.tr("Later"), lambda r: r.after, display=lambda r: _fmt(r.after)),
                Column(
                    self.tr("Change"),
                    lambda r: r.change,
                    display=lambda r: {"up": "↑", "down": "↓", "same": "="}.get(r.change, ""),
                ),
            ],
            self,
        )
        self.comparison_view = table(
            self.comparison, snap_box, self.tr("Comparison of two snapshots"), sortable=False
        )
        header = self.comparison_view.horizontalHeader()
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.comparison_view.setColumnWidth(0, 150)  # measure names wrap
        sl.addWidget(self.comparison_view, 1)
        rl.addWidget(snap_box, 4)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)

        self.new_button.clicked.connect(self.new_client)
        self.open_button.clicked.connect(self.open_selected)
        self.clients_view.activated.connect(lambda _i: self.open_selected())
        self.clients_view.doubleClicked.connect(lambda _i: self.open_selected())
        self.save_button.clicked.connect(self.save_current)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.import_file)
        self.protect_button.clicked.connect(self.protect_selected)
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.compare_button.clicked.connect(self.compare_selected)
        self.notes.textChanged.connect(lambda: context.document.set_notes(self.notes.toPlainText()))
        self.refresh()
        self._show_current()

    # ---- list

    def refresh(self) -> None:
        self.clients.set_rows(self.store.list())
        if self.current is not None:
            for row, client in enumerate(self.clients.rows()):
                if client.id == self.current.id:
                    proxy = self.clients_view.model()
                    assert isinstance(proxy, QSortFilterProxyModel)
                    self.clients_view.selectRow(
                        proxy.mapFromSource(self.clients.index(row, 0)).row()
                    )

    def _selected(self) -> Client | None:
        row = source_row(self.clients_view)
        return self.clients.row_at(row) if row is not None else None

    def _show_current(self) -> None:
        c = self.current
        if c is None:
            self.state.setText(
                self.tr("Working on an unsaved profile. Save it to keep it as a client.")
            )
            self.sessions.set_rows([])
            self.snapshots.set_rows([])
        else:
            self.state.setText(
                self.tr("Open: {alias} (saved {when}).").format(
                    alias=c.alias or "—", when=_short_date(c.modified)
                )
            )
            self.sessions.set_rows([s for s in c.sessions if s.date != today()])
            self.snapshots.set_rows(c.snapshots)
        self.comparison.set_rows([])

    def _fail(self, exc: Exception) -> None:
        self.context.error.emit(str(exc))

    # ---- actions

    def ask_unsaved(self, action: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel, for work not saved yet (tests replace this method)."""
        doc = self.context.document
        who = doc.alias.strip() or self.tr("this profile")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            action,
            self.tr("Save the changes to {who} first?").format(who=who),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("If you discard them, they are lost."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def keep_or_discard(self, action: str) -> bool | None:
        """Before the profile is replaced or the app quits, ask about unsaved work.

        True: nothing is lost (unchanged, or saved now); False: the person discarded the
        changes; None: they cancelled, so nothing may happen.
        """
        doc = self.context.document
        if not doc.modified or doc.empty:
            return True
        answer = self.ask_unsaved(action)
        if answer == QMessageBox.StandardButton.Save:
            return True if self.save_current() else None
        if answer == QMessageBox.StandardButton.Discard:
            return False
        return None

    def new_client(self) -> None:
        if self.keep_or_discard(self.tr("New client")) is None:
            return
        self.current = None
        self.context.document.clear()
        self.notes.setPlainText("")
        self._show_current()
        self.client_opened.emit()

    def open_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.open_client(chosen.id)

    def ask_passphrase(self, prompt: str) -> str | None:
        """A masked input; None when cancelled (tests replace this method)."""
        text, ok = QInputDialog.getText(
            self, self.tr("Passphrase"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok else None

    def protect_selected(self) -> None:
        chosen = self._selected() or self.current
        if chosen is None:
            self.context.error.emit(self.tr("Select a saved client to protect."))
            return
        first = self.ask_passphrase(
            self.tr("New passphrase for this client (at least 8 characters):")
        )
        if first is None:
            return
        again = self.ask_passphrase(self.tr("Type the passphrase again:"))
        if again is None:
            return
        if again != first:
            self.context.error.emit(self.tr("The passphrases differ; nothing was changed."))
            return
        try:
            protected = self.store.protect(chosen.id, first)
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return
        if self.current is not None and self.current.id == chosen.id:
            self.current = protected
            self.context.settings.set_last_client(protected.id)
        self.refresh()
        self.context.status.emit(
            self.tr("{alias} is now encrypted; without the passphrase it cannot be opened.").format(
                alias=protected.alias or protected.id
            )
        )

    def ask_restore(self, message: str) -> bool:
        """Offer the previous version of a damaged profile (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            self.tr("Damaged profile"),
            self.tr("{message}\n\nRestore the previous version?").format(message=message),
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_client(self, client_id: str) -> None:
        if self.keep_or_discard(self.tr("Open client")) is None:
            return
        try:
            try:
                client, profile = self.store.load(client_id)
            except PassphraseRequiredError:
                phrase = self.ask_passphrase(self.tr("This client is protected. Passphrase:"))
                if phrase is None:
                    return
                client, profile = self.store.load(client_id, phrase)
            except CorruptProfileError as exc:
                if exc.backup is None or not self.ask_restore(str(exc)):
                    raise
                client, profile = self.store.restore_backup(client_id)
            self.context.document.load(
                self.context.services.catalog(), profile, notes=client.note_for(today())
            )
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return
        self.current = client
        self.notes.blockSignals(True)
        self.notes.setPlainText(self.context.document.notes)
        self.notes.blockSignals(False)
        self.context.settings.set_last_client(client.id)
        self._show_current()
        self.client_opened.emit()

    def adopt(self, client_id: str | None, notes: str) -> None:
        """After crash recovery: the draft belonged to this client (if any) and had these notes."""
        self.current = None
        if client_id:
            try:
                self.current, _profile = self.store.load(client_id)
            except (SkillShiftError, OSError):
                self.current = None
        self.notes.blockSignals(True)
        self.notes.setPlainText(notes)
        self.notes.blockSignals(False)
        self._show_current()

    def save_current(self) -> bool:
        doc = self.context.document
        try:
            profile = doc.to_profile()
        except SkillShiftError as exc:
            self._fail(exc)
            return False
        if self.current is None:
            alias = doc.alias.strip()
            if not alias:
                alias, ok = QInputDialog.getText(
                    self, self.tr("Save client"), self.tr("Client's name or alias:")
                )
                if not ok or not alias.strip():
                    return False
                doc.set_alias(alias.strip())
                profile = replace(profile, alias=alias.strip())
            client = self.store.new(profile.alias)
        else:
            client = self.current
        client = replace(client, occupation=doc.occupation_title).with_note(today(), doc.notes)
        try:
            self.current = self.store.save(client, profile)
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return False
        doc.modified = False
        self.saved.emit()
        self.context.settings.set_last_client(self.current.id)
        self.refresh()
        self._show_current()
        self.context.status.emit(self.tr("Saved {alias}.").format(alias=self.current.alias))
        return True

    def duplicate_selected(self) -> None:
        chosen = self._selected() or self.current
        if chosen is None:
            return
        try:
            copy = self.store.duplicate(chosen.id)
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return
        self.refresh()
        self.context.status.emit(self.tr("Duplicated as {alias}.").format(alias=copy.alias))

    def delete_selected(self, *, confirm: bool = True) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete client"),
                self.tr(
                    "Delete {alias} with all notes and snapshots? This cannot be undone."
                ).format(alias=chosen.alias or chosen.id),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.store.delete(chosen.id)
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return
        if self.current is not None and self.current.id == chosen.id:
            self.current = None
        self.refresh()
        self._show_current()

    def export_selected(self, target: str | None = None) -> None:
        chosen = self._selected() or self.current
        if chosen is None:
            self.context.error.emit(self.tr("Select a saved client to export."))
            return
        if target is None:
            target, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export client"),
                str(Path.home() / f"{chosen.alias or chosen.id}.skillshift.json"),
                self.tr("SkillShift client (*.json)"),
            )
            if not target:
                return
        try:
            self.store.export(chosen.id, Path(target))
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return
        self.context.status.emit(self.tr("Exported to {path}.").format(path=target))

    def import_file(self, source: str | None = None) -> None:
        if source is None:
            source, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import client or profile"),
                str(Path.home()),
                self.tr("SkillShift client or profile (*.json)"),
            )
            if not source:
                return
        try:
            client = self.store.import_file(Path(source))
        except (SkillShiftError, OSError) as exc:
            self._fail(exc)
            return
        self.refresh()
        self.context.status.emit(self.tr("Imported {alias}.").format(alias=client.alias))

    def take_snapshot(self) -> None:
        result = self.context.result
        if result is None:
            self.context.error.emit(
                self.tr("There is no analysis to keep yet: fill in the profile first.")
            )
            return
        if self.current is None and not self.save_current():
            return
        assert self.current is not None
        snap = Snapshot(taken=_now(), profile=result.profile.to_dict(), summary=summarise(result))
        self.current = replace(self.current, snapshots=(*self.current.snapshots, snap))
        self.save_current()

    def compare_selected(self) -> None:
        """The selected snapshot against the latest (or, if the latest is selected, the one before)."""
        snaps = self.snapshots.rows()  # in the order they were taken
        if len(snaps) < 2:
            self.context.error.emit(self.tr("Take at least two snapshots to compare them."))
            return
        row = source_row(self.snapshots_view)
        chosen = row if row is not None else 0
        other = len(snaps) - 1 if chosen != len(snaps) - 1 else len(snaps) - 2
        first, second = sorted((chosen, other))
        self.comparison.set_rows(compare(snaps[first], snaps[second]))


def _now() -> str:
    from app.ui.clients import now

    return now()
