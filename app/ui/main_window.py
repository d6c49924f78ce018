"""The main window: six pages, one task runner, live analysis, autosave and crash recovery."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QEvent, QProcess, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.core.errors import SkillShiftError
from app.core.profile import Profile
from app.ui import theme
from app.ui.analysis import AnalysisResult, analyse
from app.ui.clients import Draft, DraftStore, now
from app.ui.context import AppContext
from app.ui.pages.clients_page import ClientsPage
from app.ui.pages.exposure_page import ExposurePage
from app.ui.pages.pathways_page import PathwaysPage
from app.ui.pages.profile_page import ProfilePage
from app.ui.pages.report_page import ReportPage
from app.ui.pages.settings_page import SettingsPage
from app.ui.services import Services
from app.ui.settings import Settings
from app.ui.tasks import TaskRunner, TaskState

ANALYSIS_DELAY_MS = 700
AUTOSAVE_INTERVAL_MS = 2000


class MainWindow(QMainWindow):
    """`recover`: "ask" (offer a crashed session's draft), "restore", "discard", or "off"
    (no draft is read or written: tests and the smoke test)."""

    def __init__(self, services: Services, settings: Settings, *, recover: str = "ask") -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.runner = TaskRunner(self)
        self.context = AppContext(services, settings, self.runner, self)
        self.document = self.context.document
        self.errors: list[str] = []
        self._recover = recover
        self.drafts = DraftStore() if recover != "off" else None
        self._dirty = False
        self._restyling = False
        self._restarting = False
        self._analysis_token = -1
        # Bumped whenever another client's profile takes the document's place: an analysis
        # started for the previous one is never shown.
        self._analysis_generation = 0
        self.resize(1280, 800)

        central = QWidget(self)
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        nav = QFrame(central)
        nav.setObjectName("nav")
        nav.setFixedWidth(150)
        nav_layout = QVBoxLayout(nav)
        nav_layout.setContentsMargins(8, 12, 8, 12)
        brand = QLabel(self.tr("SkillShift"), nav)
        brand.setObjectName("brand")
        nav_layout.addWidget(brand)
        self.stack = QStackedWidget(central)
        self.profile_page = ProfilePage(self.context, self.stack)
        self.exposure_page = ExposurePage(self.context, self.stack)
        self.pathways_page = PathwaysPage(self.context, self.stack)
        self.clients_page = ClientsPage(self.context, self.stack)
        self.report_page = ReportPage(self.context, self.stack)
        self.settings_page = SettingsPage(self.context, self.stack)
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("&Profile"), self.profile_page),
            (self.tr("&Exposure"), self.exposure_page),
            (self.tr("Path&ways"), self.pathways_page),
            (self.tr("&Clients"), self.clients_page),
            (self.tr("&Report"), self.report_page),
            (self.tr("&Settings && About"), self.settings_page),
        ]
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: list[QToolButton] = []
        for i, (name, page) in enumerate(self.pages):
            self.stack.addWidget(page)
            button = QToolButton(nav)
            button.setText(name)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(34)
            button.setToolTip(
                self.tr("{page} (Ctrl+{n})").format(page=name.replace("&", ""), n=i + 1)
            )
            button.setAccessibleName(name.replace("&&", "&").replace("&", ""))
            self.nav_group.addButton(button, i)
            nav_layout.addWidget(button)
            self.nav_buttons.append(button)
        nav_layout.addStretch(1)
        self.nav_status = QLabel("", nav)
        self.nav_status.setWordWrap(True)
        self.nav_status.setObjectName("navStatus")
        nav_layout.addWidget(self.nav_status)
        root.addWidget(nav)

        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(0)
        self.banner = QFrame(central)
        self.banner.setObjectName("banner")
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(12, 6, 12, 6)
        self.banner_text = QLabel("", self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton(self.tr("&Dismiss"), self.banner)
        dismiss.clicked.connect(lambda: self.banner.setVisible(False))
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(dismiss)
        self.banner.setVisible(False)
        main.addWidget(self.banner)
        self.summary = QLabel("", central)
        self.summary.setObjectName("summary")
        self.summary.setContentsMargins(12, 8, 12, 0)
        main.addWidget(self.summary)
        main.addWidget(self.stack, 1)
        root.addLayout(main, 1)
        self.setCentralWidget(central)

        bar = self.statusBar()
        self._status = self.tr("Loading the model…")  # shown again once no job runs
        self.status_label = QLabel(self._status, bar)
        self.progress = QProgressBar(bar)
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), bar)
        self.cancel_button.setToolTip(self.tr("Stop the running job (Esc)"))
        self.cancel_button.setVisible(False)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._apply_style()

        self._make_menus()
        self.nav_group.idClicked.connect(self.show_page)
        self.show_page(0)
        self.cancel_button.clicked.connect(self.cancel_work)
        self.runner.started.connect(self._on_started)
        self.runner.progress.connect(self._on_progress)
        self.runner.failed.connect(self._on_failed)
        self.runner.idle.connect(self._on_idle)
        self.runner.cancelled.connect(self._on_cancelled)
        self.context.error.connect(self.show_error)
        self.context.status.connect(self.show_status)
        self.context.analysis_ready.connect(self._on_analysis_ready)
        self.context.analysis_cleared.connect(self._update_summary)
        self.document.changed.connect(self._on_document_changed)
        for field in (
            self.profile_page.own_task,
            self.profile_page.skill_input,
            self.profile_page.search,
        ):
            field.textEdited.connect(self._mark_dirty)
        self.clients_page.client_opened.connect(self._on_client_opened)
        self.clients_page.saved.connect(self._update_summary)
        self.settings_page.apply_requested.connect(self.reload_model)
        self.settings_page.restart_requested.connect(self.restart)
        self._analysis_timer = QTimer(self)
        self._analysis_timer.setSingleShot(True)
        self._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
        self._analysis_timer.timeout.connect(self.request_analysis)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_INTERVAL_MS)
        self._autosave.timeout.connect(self.autosave)
        if self.drafts is not None:
            self._autosave.start()
        geometry = settings.geometry()
        if geometry:
            self.restoreGeometry(geometry)
        self._update_summary()
        self.load_model()
        self._autosave_error = ""
        if recover != "off":
            problem = paths.writable_problem()
            if problem:
                self.show_error(
                    self.tr(
                        "Nothing can be saved: the data folder {folder} cannot be written "
                        "({problem}). Choose another folder on the Settings page."
                    ).format(folder=paths.data_dir(create=False), problem=problem)
                )
            QTimer.singleShot(0, self._offer_recovery)

    # ---- layout

    def _apply_style(self) -> None:
        nav_bg = self.palette().color(self.backgroundRole()).darker(108).name()
        accent = theme.colour("accent").name()
        banner, banner_text = theme.colour("banner").name(), theme.colour("banner_text").name()
        self.setStyleSheet(
            f"#nav {{ background: {nav_bg}; }} "
            f"#nav QToolButton {{ text-align: left; padding: 6px 10px; border: none; border-radius: 6px; }} "
            f"#nav QToolButton:checked {{ background: {accent}; color: white; }} "
            f"#nav QToolButton:focus {{ outline: 2px solid {accent}; }} "
            "#brand { font-size: 15pt; font-weight: bold; padding: 0 4px 12px 4px; } "
            "#navStatus { font-size: 8pt; } "
            f"#banner {{ background: {banner}; }} #banner QLabel {{ color: {banner_text}; }} "
            "#summary { font-size: 10pt; } "
            "QLabel#caveat { padding: 6px; border-left: 4px solid #ef8f00; } "
        )

    def event(self, event: QEvent) -> bool:
        # Stylesheets fix their colours when applied: re-apply them when the system switches
        # between light and dark (the palette follows the system, see theme.follow_system).
        if event.type() == QEvent.Type.ApplicationPaletteChange and not self._restyling:
            self._restyling = True
            # After every widget has seen the new palette: drop the polished stylesheet, restyle.
            QTimer.singleShot(0, self._restyle)
        return super().event(event)

    def _restyle(self) -> None:
        try:
            self.setStyleSheet("")
            self._apply_style()
            self.profile_page.chips.set_chips(self.document.skills)
        finally:
            self._restyling = False

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new = self.new_action = QAction(self.tr("&New client"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.clients_page.new_client)  # asks before discarding work
        save = QAction(self.tr("&Save client"), self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(self.clients_page.save_current)
        pdf = QAction(self.tr("Save report as &PDF"), self)
        pdf.setShortcut(QKeySequence("Ctrl+Shift+P"))
        pdf.triggered.connect(self.report_page.save_default)
        print_action = QAction(self.tr("&Print report…"), self)
        print_action.setShortcut(QKeySequence.StandardKey.Print)
        print_action.triggered.connect(self.report_page.print_report)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (new, save, pdf, print_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        for i, (name, _page) in enumerate(self.pages):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, i=i: self.show_page(i))
            view.addAction(action)
        cancel = QAction(self.tr("&Cancel running job"), self)
        cancel.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        cancel.triggered.connect(self.cancel_work)
        view.addSeparator()
        view.addAction(cancel)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About and data sources"), self)
        about.setShortcut(QKeySequence.StandardKey.HelpContents)
        about.triggered.connect(lambda: self.show_page(len(self.pages) - 1))
        help_menu.addAction(about)

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.nav_buttons[index].setChecked(True)

    # ---- model loading

    def load_model(self) -> None:
        services = self.services

        def search_part(state: TaskState) -> str:
            return services.load_search(state)

        def engine_part(state: TaskState) -> None:
            services.load_engine(state)

        self.runner.submit(
            search_part,
            self.tr("Loading the model"),
            kind="load-search",
            on_done=self._on_search_ready,
        )
        self.runner.submit(
            engine_part,
            self.tr("Preparing the skills graph"),
            kind="load-engine",
            on_done=lambda _r: self._on_engine_ready(),
        )

    def _on_search_ready(self, provider: object) -> None:
        self.nav_status.setText(
            self.tr("Model: {provider}, on this computer").format(provider=provider)
        )
        self.show_status(
            self.tr(
                "Model ready on this computer ({provider}). Preparing the skills graph…"
            ).format(provider=provider)
        )
        self.context.search_ready.emit()

    def _on_engine_ready(self) -> None:
        self.show_status(self.tr("Ready. Everything runs on this computer."))
        self.context.engine_ready.emit()
        if self.document.ready:
            self.request_analysis()

    def reload_model(self, provider: str, threads: int) -> None:
        self.runner.cancel()
        self.runner.wait()
        self.services.reconfigure(provider, threads or None)
        self.show_status(self.tr("Reloading the model…"))
        self.load_model()

    # ---- analysis

    def _mark_dirty(self, _text: str = "") -> None:
        self._dirty = True

    def _on_document_changed(self) -> None:
        self._dirty = True
        if self.document.ready:
            self._analysis_timer.start()
        else:
            # Nothing to analyse (no occupation, or no task ticked): no figure may remain.
            self._drop_analysis()
        self._update_summary()

    def _drop_analysis(self) -> None:
        self._analysis_timer.stop()
        self.runner.cancel("analysis")
        if self.context.result is not None:
            self.context.clear_result()

    def _on_profile_replaced(self) -> None:
        """Another client (or a blank one) is in the document: forget everything of the last."""
        self._analysis_generation += 1
        self._drop_analysis()
        self._update_summary()
        if self.document.ready and self.services.engine_ready:
            self.request_analysis()

    def request_analysis(self) -> None:
        if not self.document.ready:
            return
        try:
            profile: Profile = self.document.to_profile()
        except SkillShiftError as exc:
            self.show_error(str(exc))
            return
        services = self.services
        generation = self._analysis_generation

        def job(state: TaskState) -> AnalysisResult:
            return analyse(services, profile, state)

        self.context.analysis_stale.emit()
        self._analysis_token = self.runner.submit(
            job,
            self.tr("Analysing your profile"),
            kind="analysis",
            on_done=lambda result: self._deliver(result, generation),
        )

    def _deliver(self, result: object, generation: int) -> None:
        assert isinstance(result, AnalysisResult)
        if generation != self._analysis_generation or not self.document.ready:
            return  # analysed for a profile that is no longer open
        self.context.set_result(result)

    def _on_analysis_ready(self, result: AnalysisResult) -> None:
        self._update_summary()
        self.show_status(self.tr("Analysis updated."))

    def _update_summary(self) -> None:
        doc = self.document
        if doc.occupation_code is None:
            text = self.tr("Start on the Profile page: type your job title.")
        else:
            ticked = doc.tasks.checked()
            text = self.tr("{who}{title} · {tasks} · {skills}").format(
                who=(doc.alias + " — ") if doc.alias else "",
                title=doc.occupation_title,
                tasks=self.tr("%n task(s)", "", len(ticked)),
                skills=self.tr("%n skill(s)", "", len(doc.skills)),
            )
            result = self.context.result
            if result is not None:
                text += self.tr(" · AI exposure {beta:.2f}").format(beta=result.beta)
        self.summary.setText(text)
        # The platform adds the application's name ("Ana — SkillShift"); [*] shows unsaved edits.
        if doc.alias.strip():
            self.setWindowTitle(f"{doc.alias.strip()}[*]")
        elif doc.empty:
            self.setWindowTitle(self.tr("SkillShift"))  # ends with the name: nothing is added
        else:
            self.setWindowTitle(self.tr("Unnamed profile") + "[*]")
        self.setWindowModified(doc.modified and not doc.empty)

    # ---- runner feedback

    def _on_started(self, _token: int, label: str) -> None:
        self.progress.setRange(0, 0)
        self.progress.setFormat(label)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(label + "…")

    def _on_progress(self, _token: int, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat("%p%")

    def _on_idle(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        # The running job's label ("Matching your skill to ESCO…") goes with the job.
        self.status_label.setText(self._status)

    def _on_cancelled(self, token: int) -> None:
        if token == self._analysis_token and not self.runner.busy:
            self.show_status(self.tr("Cancelled."))

    def _on_failed(self, _token: int, message: str) -> None:
        self.show_error(message)

    def cancel_work(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
            self.show_status(self.tr("Cancelling…"))

    def show_error(self, message: str) -> None:
        self.errors.append(message)
        self.banner_text.setText(message)
        self.banner.setVisible(True)
        self._status = message
        self.status_label.setText(message)

    def show_status(self, message: str) -> None:
        self._status = message
        self.status_label.setText(message)

    # ---- drafts

    def draft_state(self) -> dict[str, Any]:
        return {
            "profile": self.document.profile_dict(),
            "role_query": self.document.role_query,
            "notes": self.document.notes,
            "page": self.stack.currentIndex(),
            "modified": self.document.modified,
            # Half-typed text counts too: nothing typed is lost.
            "typing": {
                "own_task": self.profile_page.own_task.text(),
                "skill": self.profile_page.skill_input.text(),
            },
        }

    def autosave(self, *, clean: bool = False) -> None:
        if self.drafts is None or not (self._dirty or clean):
            return
        client = self.clients_page.current
        try:
            self.drafts.write(
                Draft(now(), clean, client.id if client else None, self.draft_state())
            )
        except OSError as exc:
            # Once per kind of failure, not every two seconds (the temp file's name varies).
            reason = exc.strerror or str(exc)
            if reason != self._autosave_error:
                self._autosave_error = reason
                self.show_error(
                    self.tr("Autosave failed: {e}").format(
                        e=f"{reason} ({self.drafts.path.parent})"
                    )
                )
            return
        self._autosave_error = ""
        self._dirty = False

    def _offer_recovery(self) -> None:
        if self.drafts is None:
            return
        draft = self.drafts.read()
        if draft is None:
            return
        if self._recover == "discard":
            self.drafts.clear()
            return
        if not draft.clean and self._recover == "ask":
            answer = QMessageBox.question(
                self,
                self.tr("Restore your work?"),
                self.tr(
                    "SkillShift did not close properly last time. Restore the work autosaved at {when}?"
                ).format(when=draft.saved.replace("T", " ")[:16]),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.drafts.clear()
                return
        self.restore_draft(draft)

    def restore_draft(self, draft: Draft) -> None:
        state = draft.state
        try:
            profile = Profile.from_dict(state.get("profile"))
            self.document.load(self.services.catalog(), profile, notes=str(state.get("notes", "")))
        except (SkillShiftError, OSError) as exc:
            self.show_error(self.tr("The autosaved work could not be restored: {e}").format(e=exc))
            return
        self.document.role_query = str(state.get("role_query", ""))
        self.document.modified = bool(state.get("modified", not draft.clean))
        self.profile_page.sync_from_document()
        self.clients_page.adopt(draft.client_id, self.document.notes)
        self._on_profile_replaced()
        typing = state.get("typing")
        if isinstance(typing, dict):
            self.profile_page.own_task.setText(str(typing.get("own_task", "")))
            self.profile_page.skill_input.setText(str(typing.get("skill", "")))
        page = state.get("page")
        if isinstance(page, int) and 0 <= page < len(self.pages):
            self.show_page(page)
        if not draft.clean:
            self.show_status(
                self.tr("Restored the work autosaved at {when}.").format(when=draft.saved[:16])
            )

    def restart(self) -> None:
        """Close (the work is kept in the draft, restored at the next start) and start again."""
        self._restarting = True
        if self.close():
            launch_detached(restart_command())
        else:
            self._restarting = False

    def _on_client_opened(self) -> None:
        self.profile_page.sync_from_document()
        self._on_profile_replaced()
        self.show_page(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        discard = False
        if not self._restarting:
            keep = self.clients_page.keep_or_discard(self.tr("Quit"))
            if keep is None:
                event.ignore()
                return
            discard = not keep
        self._analysis_timer.stop()
        self._autosave.stop()
        self.settings.set_geometry(bytes(self.saveGeometry().data()))
        self.hide()  # the window goes at once, even while a running job finishes its batch
        self.runner.shutdown()
        if discard and self.drafts is not None:
            self.drafts.clear()  # the person chose to drop this work: it does not come back
        else:
            self.autosave(clean=True)
        self.settings.sync()
        super().closeEvent(event)


def restart_command() -> list[str]:
    """The command line that started this process: the bundle, or Python with its arguments."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, *sys.orig_argv[1:]]


def launch_detached(command: list[str]) -> bool:
    started, _pid = QProcess.startDetached(command[0], command[1:])
    return bool(started)
