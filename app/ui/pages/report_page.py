"""Report page: the whole analysis as a document; one click saves a PDF; preview and print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.analysis import AnalysisResult
from app.ui.context import AppContext
from app.ui.report import build_document, write_pdf
from app.ui.widgets.common import wrapped


class ReportPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.document: QTextDocument | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Save as &PDF"), self)
        self.pdf_button.setToolTip(
            self.tr(
                "One click: saves the report in the folder you last saved one in "
                "(at first your Documents folder)"
            )
        )
        self.save_as_button = QPushButton(self.tr("Save PDF &as…"), self)
        self.preview_button = QPushButton(self.tr("Print pre&view…"), self)
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        for b in (self.pdf_button, self.save_as_button, self.preview_button, self.print_button):
            b.setEnabled(False)
            row.addWidget(b)
        row.addStretch(1)
        outer.addLayout(row)
        self.state = wrapped(
            self.tr("The report is ready once the profile has been analysed."), self, muted=True
        )
        outer.addWidget(self.state)
        self.view = QTextBrowser(self)
        self.view.setAccessibleName(self.tr("Report preview"))
        self.view.setOpenLinks(False)
        outer.addWidget(self.view, 1)
        self.pdf_button.clicked.connect(self.save_default)
        self.save_as_button.clicked.connect(self._save_as)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        context.analysis_ready.connect(self.show_result)
        context.analysis_cleared.connect(self.clear)

    def clear(self) -> None:
        """No analysis for the open profile: no report of an earlier one may remain."""
        self.view.setDocument(QTextDocument(self.view))
        if self.document is not None:
            self.document.deleteLater()
        self.document = None
        for b in (self.pdf_button, self.save_as_button, self.preview_button, self.print_button):
            b.setEnabled(False)
        self.state.setText(self.tr("The report is ready once the profile has been analysed."))

    def show_result(self, result: AnalysisResult) -> None:
        sources = self.context.services.catalog().sources()
        if self.document is not None:
            self.document.deleteLater()
        self.document = build_document(result, sources, self.context.document.notes)
        self.document.setParent(self)
        self.view.setDocument(self.document)
        for b in (self.pdf_button, self.save_as_button, self.preview_button, self.print_button):
            b.setEnabled(True)
        self.state.setText(self.tr("Preview of the report. Save it as a PDF or print it."))

    def report_folder(self) -> Path:
        """Where reports go: the folder last saved in, else the person's Documents folder."""
        last = self.context.settings.report_dir()
        if last and Path(last).is_dir():
            return Path(last)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents else Path.home()

    def default_path(self) -> Path:
        folder = self.report_folder()
        result = self.context.result
        alias = (result.profile.alias if result else "") or "profile"
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in alias)[:40]
        from datetime import date

        return folder / f"SkillShift-{safe}-{date.today().isoformat()}.pdf"

    def save_default(self) -> Path | None:
        """The one-click save: the reports folder, a dated file name."""
        return self.save_pdf()

    def save_pdf(self, path: str | None = None) -> Path | None:
        if self.document is None:
            return None
        target = Path(path) if path else self.default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_pdf(self.document, str(target))
        except OSError as exc:
            self.context.error.emit(self.tr("The PDF could not be saved: {e}").format(e=exc))
            return None
        if not target.is_file() or target.stat().st_size == 0:
            self.context.error.emit(
                self.tr("The PDF could not be written to {path}.").format(path=target)
            )
            return None
        self.context.settings.set_report_dir(str(target.parent))  # the next save starts there
        self.state.setText(self.tr("Saved {path}").format(path=target))
        self.context.status.emit(self.tr("Report saved: {path}").format(path=target))
        return target

    def _save_as(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), str(self.default_path()), self.tr("PDF (*.pdf)")
        )
        if target:
            self.save_pdf(target)

    def preview(self) -> None:
        if self.document is None:
            return
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.tr("SkillShift report preview"))
        document = self.document
        dialog.paintRequested.connect(document.print_)
        dialog.exec()

    def print_report(self) -> None:
        if self.document is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.document.print_(printer)
