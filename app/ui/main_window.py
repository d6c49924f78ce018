"""The main window: find your occupation, see its tasks, and the data sources behind it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.ui.models.records_table_model import Column, RecordsTableModel
from app.ui.services import Services
from app.ui.settings import Settings
from app.ui.tasks import TaskRunner, TaskState

SEARCH_DELAY_MS = 200


def _table(model: Any, parent: QWidget, name: str, *, sortable: bool = True) -> QTableView:
    """A table over `model`; the first column (the text) takes the spare width."""
    view = QTableView(parent)
    view.setAccessibleName(name)
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(Qt.ItemDataRole.UserRole)
    view.setModel(proxy)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class SourcesDialog(QDialog):
    """About SkillShift and the datasets it is built from, read from the database."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About SkillShift and its data sources"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "SkillShift {version} works entirely on this computer. It is built from the "
                "datasets below; their publishers do not endorse this app."
            ).format(version=__version__),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RecordsTableModel[Any] = RecordsTableModel(
            [
                Column(self.tr("Dataset"), lambda s: s.dataset),
                Column(self.tr("Publisher"), lambda s: s.publisher),
                Column(self.tr("Version"), lambda s: s.version),
                Column(self.tr("Licence"), lambda s: s.licence),
                Column(self.tr("Attribution"), lambda s: s.attribution),
            ],
            self,
        )
        self.model.set_rows(services.catalog().sources())
        view = _table(self.model, self, self.tr("Data sources"))
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 520)


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: Settings) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.runner = TaskRunner(self)
        self.setWindowTitle(self.tr("SkillShift"))
        self.resize(1280, 800)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        prompt = QLabel(self.tr("&What is your job title?"), central)
        self.search = QLineEdit(central)
        self.search.setPlaceholderText(self.tr("e.g. sr accounts payable clerk"))
        self.search.setAccessibleName(self.tr("Job title"))
        self.search.setClearButtonEnabled(True)
        prompt.setBuddy(self.search)
        layout.addWidget(prompt)
        layout.addWidget(self.search)
        self.status = QLabel(self.tr("Loading the model…"), central)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.busy = QProgressBar(central)
        self.busy.setVisible(False)
        layout.addWidget(self.busy)

        splitter = QSplitter(Qt.Orientation.Vertical, central)
        self.matches: RecordsTableModel[Any] = RecordsTableModel(
            [
                Column(self.tr("Occupation"), lambda m: m.title),
                Column(self.tr("Code"), lambda m: m.code),
                Column(self.tr("Match"), lambda m: round(float(m.score), 3), align_right=True),
            ],
            self,
        )
        self.matches_view = _table(
            self.matches, splitter, self.tr("Matching occupations"), sortable=False
        )
        self.tasks: RecordsTableModel[Any] = RecordsTableModel(
            [
                Column(self.tr("Task"), lambda t: t.task),
                Column(self.tr("Type"), lambda t: t.task_type),
            ],
            self,
        )
        self.tasks_view = _table(self.tasks, splitter, self.tr("Tasks of the occupation"))
        splitter.addWidget(self.matches_view)
        splitter.addWidget(self.tasks_view)
        splitter.setSizes([250, 450])
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        about = QAction(self.tr("&About and data sources…"), self)
        about.setShortcut(QKeySequence.StandardKey.HelpContents)
        about.triggered.connect(self.show_sources)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.matches_view.selectionModel().currentRowChanged.connect(self._on_match_selected)
        self.runner.started.connect(self._on_busy)
        self.runner.progress.connect(self._on_progress)
        self.runner.failed.connect(self._on_failed)
        self._prepare_token = self.runner.submit(self._prepare, self.tr("Loading the model"))
        self.runner.finished.connect(self._on_finished)
        self._search_token = -1
        self._ready = False

    # ---- background work (never touches widgets)

    def _prepare(self, state: TaskState) -> str:
        matcher = self.services.matcher()
        matcher.titles(state)
        return self.services.encoder().provider

    def _search_job(self, query: str) -> Any:
        def job(state: TaskState) -> Any:
            return self.services.matcher().match_title(query, top_k=5)

        return job

    # ---- UI slots

    def run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self.matches.set_rows([])
            return
        self._search_token = self.runner.submit(self._search_job(query), self.tr("Searching"))

    def _on_finished(self, token: int, result: object) -> None:
        self.busy.setVisible(False)
        if token == self._prepare_token:
            self._ready = True
            self.status.setText(
                self.tr("Ready. The model runs on this computer ({provider}).").format(
                    provider=str(result)
                )
            )
            if self.search.text().strip():
                self.run_search()
        elif token == self._search_token and isinstance(result, list):
            self.matches.set_rows(result)
            if result:
                self.matches_view.selectRow(0)
            else:
                self.status.setText(self.tr("No occupation matches that title."))

    def _on_busy(self, _token: int, label: str) -> None:
        self.busy.setRange(0, 0)
        self.busy.setFormat(label)
        self.busy.setVisible(True)

    def _on_progress(self, _token: int, done: int, total: int, text: str) -> None:
        if total > 0:
            self.busy.setRange(0, total)
            self.busy.setValue(done)
        if text:
            self.busy.setFormat(f"{text} %p%")

    def _on_failed(self, _token: int, message: str) -> None:
        self.busy.setVisible(False)
        self.status.setText(message)
        QMessageBox.warning(self, self.tr("SkillShift"), message)

    def _on_match_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        proxy = self.matches_view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        match = self.matches.row_at(proxy.mapToSource(current).row())
        occupation = self.services.catalog().occupation(match.code)
        self.tasks.set_rows(self.services.catalog().tasks(match.code))
        self.status.setText(f"{occupation.title} ({occupation.code})")

    def show_sources(self) -> None:
        SourcesDialog(self.services, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        self.settings.set_geometry(bytes(self.saveGeometry().data()))
        self.settings.sync()
        super().closeEvent(event)
