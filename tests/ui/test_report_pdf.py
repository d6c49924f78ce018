"""The PDF a client takes home (must-fix 7): numbers and headings are never broken, and the save
dialog starts in the Documents folder, then wherever the person saved last."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from app.ui.report import MOVES_IN_REPORT

PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(
    PDFTOTEXT is None,
    reason="reading the PDF back needs pdftotext (Debian: poppler-utils, `make system-packages`)",
)
def test_the_pdf_never_breaks_a_wage_or_a_heading(analysed: Any, tmp_path: Path) -> None:
    assert PDFTOTEXT is not None
    pdf = analysed.report_page.save_pdf(str(tmp_path / "report.pdf"))
    assert pdf is not None
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    moves = analysed.context.result.moves[:MOVES_IN_REPORT]
    for move in moves:
        wage = f"${move.wage_median:,.0f}"
        assert re.search(re.escape(wage) + r"(\s|$)", text), f"{wage} is broken in the PDF"
    header = next(line for line in text.splitlines() if re.search(r"Occupation\s+Fit\b", line))
    assert re.search(r"\bExposure\b", header), header
    tasks = next(line for line in text.splitlines() if re.search(r"\bTask\s+Share\b", line))
    assert re.search(r"\bScore\b", tasks), tasks


def test_the_save_dialog_starts_in_documents_then_remembers_the_folder(
    analysed: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = analysed.report_page
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert documents and "skillshift" not in documents.lower()
    analysed.settings.set_report_dir("")
    started: list[str] = []
    chosen = tmp_path / "clients" / "Sam.pdf"
    chosen.parent.mkdir()

    def dialog(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        started.append(start)
        return str(chosen), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    page._save_as()
    assert Path(started[0]).parent == Path(documents)
    assert chosen.is_file()
    page._save_as()
    assert Path(started[1]).parent == chosen.parent  # the last folder used
    assert page.save_default() is not None and page.default_path().parent == chosen.parent
