"""Screenshots of every page with a real profile:
`python -m app.ui.screenshots [OUT_DIR] [--size 1024x640]`.

Runs in a temporary data folder, offscreen unless QT_QPA_PLATFORM says otherwise (under Xvfb:
`QT_QPA_PLATFORM=xcb`; QT_SCALE_FACTOR=1.5 for 150 % scaling); writes docs/screenshots/*.png at
the smallest size the app supports, 1024×640.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CODE = "43-3031.00"  # Bookkeeping, Accounting, and Auditing Clerks
QUERY = "bookkeeping clerk"
TASKS_TICKED = 10
OWN_TASKS = (
    "Reconcile supplier statements with the ledger in Excel",
    "Train new staff on the invoicing system",
)
SKILL_TEXT = "payroll processing"
SIZE = (1024, 640)


def wait_until(app: Any, condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def build_profile(app: Any, window: Any) -> None:
    """Fill the Profile page the way a person would: search, choose, tick, add, pick skills."""
    from app.ui.profile_document import SkillChip

    page = window.profile_page
    doc = window.document
    wait_until(app, lambda: window.services.engine_ready)
    page.alias.setText("Sam K.")
    doc.set_alias("Sam K.")
    page.search.setText(QUERY)
    doc.role_query = QUERY
    page.run_search()
    wait_until(app, lambda: page.suggestions.rowCount() > 0)
    page.choose(CODE)
    for row in range(TASKS_TICKED):
        doc.tasks.set_checked(row, True)
    doc.tasks.set_weight(0, 90)
    doc.tasks.set_weight(2, 70)
    for text in OWN_TASKS:
        page.own_task.setText(text)
        page.add_own_task()
    catalog = window.services.catalog()
    essential = catalog.esco_skills_for(CODE, "essential")
    for linked in essential[:2]:
        doc.add_skill(SkillChip("esco", linked.skill.uri, linked.skill.label, "ESCO"))
    maths = next(r for r in catalog.onet_skills(CODE, "skill") if r.name == "Mathematics")
    doc.add_skill(SkillChip("onet", maths.element_id, maths.name, "O*NET"))
    doc.add_skill(SkillChip("technology", "Intuit QuickBooks", "Intuit QuickBooks", "technology"))
    doc.add_skill(SkillChip("technology", "Microsoft Excel", "Microsoft Excel", "technology"))
    page.skill_input.setText(SKILL_TEXT)
    page.add_skill_from_input()
    wait_until(app, lambda: page.skill_matches.rowCount() > 0)
    page.skill_matches_view.selectRow(0)
    page._add_matched_skill()


def _sample_clients(store: Any) -> None:
    """Two more saved clients, so the list looks like a counsellor's."""
    from app.core.profile import Profile

    for alias, code, note in (
        ("Jordan P.", "43-4051.00", "Wants remote work; good with people."),
        ("Lee M.", "29-2061.00", "Night shifts; considering a move to clinics."),
    ):
        profile = Profile.from_dict({"schema": 1, "alias": alias, "occupation": {"code": code}})
        client = store.new(alias)
        from dataclasses import replace

        from app.ui.clients import today

        title = {
            "43-4051.00": "Customer Service Representatives",
            "29-2061.00": "Licensed Practical and Licensed Vocational Nurses",
        }[code]
        store.save(replace(client, occupation=title).with_note(today(), note), profile)


def _save_png(image: Any, target: Path) -> None:
    from PySide6.QtGui import QImageWriter

    writer = QImageWriter(str(target), b"png")
    writer.setQuality(0)  # for PNG, quality 0 means the strongest compression
    if not writer.write(image):
        raise OSError(f"cannot write {target}: {writer.errorString()}")


def _pdf_page(window: Any, target: Path, pdf: Path) -> Path:
    """The one-click PDF, its first page rendered to PNG (what a client takes home).

    Rendered by poppler's pdftoppm (Debian: poppler-utils, installed by `make sysdeps`),
    a reader independent of the Qt that wrote the PDF.
    """
    import shutil
    import subprocess

    from PySide6.QtGui import QImage

    saved = window.report_page.save_pdf(str(pdf))
    assert saved is not None
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise OSError("pdftoppm is missing: install poppler-utils (make sysdeps)")
    stem = pdf.with_suffix("")
    subprocess.run(
        [tool, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(saved), str(stem)],
        check=True,
        timeout=60,
    )
    image = QImage(str(stem) + ".png")
    _save_png(image.convertToFormat(QImage.Format.Format_RGB888), target)
    return target


def wait_for_analysis(app: Any, window: Any) -> None:
    before = window.context.result
    window.request_analysis()
    wait_until(app, lambda: window.context.result is not before and not window.runner.busy)


def shoot(out: Path, size: tuple[int, int] = SIZE) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app import paths

    scratch = tempfile.mkdtemp(prefix="skillshift-shots-")
    paths.set_data_dir(scratch)
    from PySide6.QtGui import QImage

    from app.ui.application import make_application
    from app.ui.main_window import MainWindow
    from app.ui.services import Services
    from app.ui.settings import Settings

    app = make_application()
    window = MainWindow(Services("cpu"), Settings(), recover="off")
    window.resize(*size)
    window.show()
    build_profile(app, window)
    wait_for_analysis(app, window)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def grab(index: int, name: str, prepare: Callable[[], None] | None = None) -> None:
        window.show_page(index)
        if prepare is not None:
            prepare()
        for _ in range(20):
            app.processEvents()
        target = out / name
        image = window.grab().toImage()
        # No alpha channel, and 5-6-5 colour: a third smaller, and the text stays crisp.
        small = image.convertToFormat(QImage.Format.Format_RGB16).convertToFormat(
            QImage.Format.Format_RGB888
        )
        _save_png(small, target)
        written.append(target)

    page = window.profile_page
    grab(0, "01-profile.png", page.tasks_view.scrollToTop)
    grab(1, "02-exposure.png")
    pathways = window.pathways_page
    grab(2, "03-pathways.png", lambda: pathways.moves_view.selectRow(0))

    grab(4, "05-report.png")
    written.append(_pdf_page(window, out / "08-report-pdf-page1.png", Path(scratch) / "report.pdf"))
    grab(5, "06-settings-about.png", window.settings_page.refresh_provider)

    def clients() -> None:
        cp = window.clients_page
        _sample_clients(cp.store)
        cp.refresh()
        cp.notes.setPlainText(
            "First session: Sam wants to stay in finance; interested in payroll.\n"
            "Next: look at accountant requirements."
        )
        cp.save_current()
        cp.take_snapshot()
        from app.ui.profile_document import SkillChip

        window.document.add_skill(
            SkillChip("text", "financial statements", "financial statements", "own words")
        )
        tasks = window.document.tasks
        tasks.set_checked(
            next(r for r in range(tasks.rowCount()) if not tasks.row_at(r).checked), True
        )
        wait_for_analysis(app, window)
        cp.take_snapshot()
        cp.snapshots_view.selectRow(0)
        cp.compare_selected()

    grab(3, "04-clients.png", clients)

    def ambiguous() -> None:
        window.clients_page.new_client()
        page.search.setText("analyst")
        window.document.role_query = "analyst"
        page.run_search()
        wait_until(app, lambda: not window.runner.busy)
        page._resolve_enter()
        for _ in range(5):
            app.processEvents()
        page.suggestions_view.setVisible(False)
        doc = window.document
        # Tick two tasks of the second candidate: it rises to the top of the list.
        second = doc.candidates[1].code if len(doc.candidates) > 1 else None
        ticked = 0
        for row in range(doc.tasks.rowCount()):
            r = doc.tasks.row_at(row)
            if r.code == second and ticked < 2:
                doc.tasks.set_checked(row, True)
                ticked += 1
        page.tasks_view.scrollToTop()

    grab(0, "07-profile-ambiguous-title.png", ambiguous)
    window.document.modified = False
    window.close()
    return written


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m app.ui.screenshots")
    parser.add_argument(
        "out", nargs="?", default=str(Path(__file__).resolve().parents[2] / "docs" / "screenshots")
    )
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="window size, WxH")
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    for path in shoot(Path(args.out), (int(width), int(height))):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
