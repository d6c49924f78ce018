"""Settings (compute provider, threads, language, data folder) and About / Data sources."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import __version__, paths
from app.core.catalog import Source
from app.ui.context import AppContext
from app.ui.models.records_table_model import Column, RecordsTableModel
from app.ui.settings import LANGUAGES, PROVIDERS
from app.ui.widgets.common import heading, table, wrapped


class SettingsPage(QWidget):
    """`apply_requested(provider, threads)`: the window reloads the model with these settings."""

    apply_requested = Signal(str, int)
    restart_requested = Signal()  # the language changed and the person chose to restart now

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        settings = context.settings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        top = QHBoxLayout()
        compute = QGroupBox(self.tr("Settings"), self)
        form = QFormLayout(compute)
        self.provider = QComboBox(compute)
        names = {
            "auto": self.tr("Automatic (best available)"),
            "cpu": self.tr("CPU"),
            "cuda": self.tr("NVIDIA CUDA"),
            "directml": self.tr("DirectML (Windows GPU)"),
            "coreml": self.tr("Core ML (Apple)"),
        }
        for key in PROVIDERS:
            self.provider.addItem(names[key], key)
        self.provider.setCurrentIndex(max(0, PROVIDERS.index(settings.provider())))
        self.provider.setAccessibleName(self.tr("Compute provider"))
        form.addRow(self.tr("&Compute provider:"), self.provider)
        self.in_use = QLabel(self.tr("model not loaded yet"), compute)
        self.in_use.setWordWrap(True)
        self.in_use.setAccessibleName(self.tr("Compute provider in use"))
        form.addRow(self.tr("In use:"), self.in_use)
        self.threads = QSpinBox(compute)
        self.threads.setRange(0, 64)
        self.threads.setSpecialValueText(self.tr("automatic"))
        self.threads.setValue(settings.threads())
        self.threads.setAccessibleName(self.tr("Threads"))
        form.addRow(self.tr("&Threads:"), self.threads)
        self.apply_button = QPushButton(self.tr("&Apply and reload the model"), compute)
        form.addRow("", self.apply_button)
        self.language = QComboBox(compute)
        for code, name in zip(LANGUAGES, ("English", "简体中文 (Simplified Chinese)"), strict=True):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language()))
        self.language.setAccessibleName(self.tr("Language"))
        form.addRow(self.tr("&Language:"), self.language)
        self.language_note = wrapped(
            self.tr("Changing the language offers to restart SkillShift; your work is kept."),
            compute,
            muted=True,
        )
        form.addRow("", self.language_note)
        folder = QHBoxLayout()
        self.data_dir = QLabel(str(paths.data_dir()), compute)
        self.data_dir.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("&Open folder"), compute)
        self.change_folder = QPushButton(self.tr("C&hange…"), compute)
        self.change_folder.setAccessibleName(self.tr("Change the data folder"))
        folder.addWidget(self.data_dir, 1)
        folder.addWidget(self.open_folder)
        folder.addWidget(self.change_folder)
        form.addRow(self.tr("Data folder:"), folder)
        form.addRow(
            "",
            wrapped(
                self.tr(
                    "Profiles, settings, drafts and caches live here. A new folder is used "
                    "from the next start; start SkillShift with --data-dir FOLDER to use "
                    "another one just once (e.g. on a USB stick)."
                ),
                compute,
                muted=True,
            ),
        )
        top.addWidget(compute, 1)

        about = QGroupBox(self.tr("About SkillShift"), self)
        al = QVBoxLayout(about)
        al.addWidget(heading(self.tr("SkillShift {version}").format(version=__version__), about))
        al.addWidget(
            wrapped(
                self.tr(
                    "How exposed your tasks are to AI, and where your skills can take you. Everything runs on this "
                    "computer: SkillShift opens no network connection, and nothing you type leaves it."
                ),
                about,
            )
        )
        self.database_info = wrapped("", about)
        al.addWidget(self.database_info)
        self.model_info = wrapped("", about, muted=True)
        al.addWidget(self.model_info)
        al.addWidget(
            wrapped(
                self.tr(
                    "Exposure estimates describe what AI could do with tasks, not whether jobs disappear. "
                    "Wages and outlook are U.S. national figures."
                ),
                about,
                muted=True,
            )
        )
        al.addStretch(1)
        top.addWidget(about, 1)
        outer.addLayout(top)

        outer.addWidget(heading(self.tr("Data sources"), self, 1.1))
        outer.addWidget(
            wrapped(
                self.tr(
                    "SkillShift is built from these datasets; their publishers do not endorse it."
                ),
                self,
                muted=True,
            )
        )
        self.sources: RecordsTableModel[Source] = RecordsTableModel(
            [
                Column(self.tr("Dataset"), lambda s: s.dataset),
                Column(self.tr("Publisher"), lambda s: s.publisher),
                Column(self.tr("Version"), lambda s: s.version),
                Column(self.tr("Licence"), lambda s: s.licence),
                Column(self.tr("Attribution"), lambda s: s.attribution),
            ],
            self,
        )
        self.sources_view = table(self.sources, self, self.tr("Data sources"), stretch=4)
        header = self.sources_view.horizontalHeader()
        for column, width in ((0, 230), (1, 200), (2, 100), (3, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.sources_view.setColumnWidth(column, width)
        outer.addWidget(self.sources_view, 1)

        self.apply_button.clicked.connect(self._apply)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
        )
        self.change_folder.clicked.connect(self._change_folder)
        context.search_ready.connect(self.refresh_provider)
        self.load_sources()

    def _change_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder for SkillShift's data"), str(paths.data_dir())
        )
        if chosen:
            self.set_data_folder(chosen)

    def set_data_folder(self, folder: str) -> None:
        """Remember `folder` for the next start; what is saved now stays where it is."""
        try:
            paths.choose_data_dir(folder)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Data folder"),
                self.tr("SkillShift cannot use that folder: {error}").format(error=exc.strerror),
            )
            return
        self.data_dir.setText(
            self.tr("{current} (from the next start: {chosen})").format(
                current=paths.data_dir(), chosen=folder
            )
            if paths.chosen_data_dir() != paths.data_dir()
            else str(paths.data_dir())
        )

    def load_sources(self) -> None:
        try:
            catalog = self.context.services.catalog()
            self.sources.set_rows(catalog.sources())
            counts = dict(
                catalog._rows(
                    "SELECT 'occupations', COUNT(*) FROM occupations UNION ALL "
                    "SELECT 'tasks', COUNT(*) FROM tasks UNION ALL "
                    "SELECT 'titles', COUNT(*) FROM titles UNION ALL "
                    "SELECT 'skills', COUNT(*) FROM esco_skills"
                )
            )
            self.database_info.setText(
                self.tr(
                    "The built-in database: {occupations:,} occupations, {titles:,} job titles, {tasks:,} tasks "
                    "and {skills:,} ESCO skills."
                ).format(**counts)
            )
        except Exception as exc:  # a missing or damaged database: say so on the page and the bar
            self.context.error.emit(str(exc))

    def refresh_provider(self) -> None:
        services = self.context.services
        try:
            info = services.encoder().session_info
        except Exception as exc:  # the model failed to load: its error was shown already
            self.in_use.setText(self.tr("not running ({e})").format(e=exc))
            return
        text = self.tr("{provider} ({providers}), {threads} threads, started in {s:.2f} s").format(
            provider=info.provider,
            providers=", ".join(info.providers),
            threads=info.threads,
            s=info.seconds,
        )
        if info.warnings:
            text += " — " + "; ".join(info.warnings)
        self.in_use.setText(text)
        manifest = services.encoder().manifest
        base = manifest.raw.get("base_model", {})
        name = (
            base.get("name") or base.get("id") or manifest.model_file
            if isinstance(base, dict)
            else manifest.model_file
        )
        self.model_info.setText(
            self.tr(
                "Model: {file} (fine-tuned from {name}), {dim}-dimensional embeddings, "
                "exposure classes {labels}."
            ).format(
                file=manifest.model_file,
                name=name,
                dim=manifest.dim,
                labels=", ".join(manifest.labels),
            )
        )

    def _apply(self) -> None:
        provider = str(self.provider.currentData())
        threads = self.threads.value()
        self.context.settings.set_provider(provider)
        self.context.settings.set_threads(threads)
        self.context.settings.sync()
        self.in_use.setText(self.tr("reloading…"))
        self.apply_requested.emit(provider, threads)

    def ask_restart(self) -> bool:
        """Restart now to switch the language? (tests replace this method)"""
        answer = QMessageBox.question(
            self,
            self.tr("Language"),
            self.tr(
                "The new language is used from the next start. Restart SkillShift now? "
                "Your work comes back as it is."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _language_changed(self) -> None:
        self.context.settings.set_language(str(self.language.currentData()))
        self.context.settings.sync()
        if self.ask_restart():
            self.restart_requested.emit()
        else:
            self.language_note.setText(
                self.tr("The new language is used the next time SkillShift starts.")
            )
