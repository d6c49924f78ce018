"""Start the Qt application (and the offscreen smoke test used by packaging)."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SMOKE_QUERY = "bookkeeper"
SMOKE_TASKS = 6
SMOKE_TIMEOUT_S = 180.0
# Qt messages that say nothing to the user (the offscreen platform cannot resize windows).
QUIET_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _message_handler(mode: Any, context: Any, message: str) -> None:
    if any(quiet in message for quiet in QUIET_MESSAGES):
        return
    print(message, file=sys.stderr)


def _install_excepthook(window: Any) -> None:
    """An exception in a slot reaches the user as one line (banner and stderr) and its details
    go to a crash log in the data folder; it never vanishes, and no traceback is printed."""
    from app.crashlog import crash_message, write_crash_log

    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        if not isinstance(value, Exception):  # KeyboardInterrupt, SystemExit: Python's way
            previous(kind, value, tb)
            return
        message = crash_message(value, write_crash_log(value))
        print(f"skillshift: {message}", file=sys.stderr)
        with contextlib.suppress(RuntimeError):  # the window may already be gone
            window.show_error(message)

    sys.excepthook = hook


def make_application(argv: list[str] | None = None) -> Any:
    """The QApplication with SkillShift's names, palette, message filter and translators."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.ui import theme
    from app.ui.i18n import install_translators
    from app.ui.settings import Settings

    qInstallMessageHandler(_message_handler)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("SkillShift")
    app.setOrganizationName("SkillShift")
    app.setApplicationDisplayName("SkillShift")
    app.setDesktopFileName("skillshift")
    icon = paths.resource_path("icons/skillshift.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    theme.follow_system(app)
    app._skillshift_translators = install_translators(app, Settings().language())  # type: ignore[attr-defined]
    return app


def run_gui(*, smoke_test: bool = False) -> int:
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    app = make_application()

    from app.ui.clients import tidy_data_folder

    tidy_data_folder()  # saves a crash cut short are finished, its temp copies deleted

    from app.ui.main_window import MainWindow
    from app.ui.services import Services
    from app.ui.settings import Settings

    settings = Settings()
    services = Services(settings.provider(), settings.threads())
    window = MainWindow(services, settings, recover="off" if smoke_test else "ask")
    _install_excepthook(window)
    window.show()
    if smoke_test:
        return _smoke(app, window, started)
    code: int = app.exec()
    return code


def _smoke(app: Any, window: Any, started: float) -> int:
    """Through the real window: load the model, search, pick, tick tasks, analyse, exit."""
    from PySide6.QtCore import QEventLoop, QTimer

    from app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    shown = time.perf_counter() - started
    page = window.profile_page
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def fail(message: str) -> None:
        outcome.setdefault("error", message)
        loop.quit()

    def on_engine() -> None:
        page.search.setText(SMOKE_QUERY)
        page.run_search()

    def on_suggestions() -> None:
        if "analysis" in outcome or page.suggestions.rowCount() == 0:
            return
        outcome["match"] = page.suggestions.row_at(0)
        page.choose(outcome["match"].code)
        for row in range(min(SMOKE_TASKS, window.document.tasks.rowCount())):
            window.document.tasks.set_checked(row, True)
        window.request_analysis()

    def on_result(result: Any) -> None:
        outcome["analysis"] = result
        loop.quit()

    window.context.engine_ready.connect(on_engine)
    page.suggestions.modelReset.connect(on_suggestions)
    window.context.analysis_ready.connect(on_result)
    window.runner.failed.connect(lambda _t, message: fail(message))
    QTimer.singleShot(int(SMOKE_TIMEOUT_S * 1000), lambda: fail("timed out"))
    if window.services.engine_ready:
        on_engine()
    loop.exec()
    # The smoke test's profile is nobody's work: quit without asking to save it.
    window.document.modified = False
    window.close()
    if window.errors and "error" not in outcome:
        outcome["error"] = window.errors[0]
    if "error" in outcome:
        print(f"smoke test failed: {outcome['error']}", file=sys.stderr)
        return 1
    match, result = outcome["match"], outcome["analysis"]
    top = result.moves[0].title if result.moves else "none"
    printed = _smoke_print(window)
    if printed is None:
        print("smoke test failed: the report could not be printed", file=sys.stderr)
        return 1
    print(
        f"smoke test: window {shown:.2f} s; {SMOKE_QUERY!r} -> {match.code} {match.title}; "
        f"exposure {result.beta:.2f} (percentile {result.exposure.percentile}); "
        f"{len(result.moves)} moves, best {top}; printed {printed}; "
        f"total {time.perf_counter() - started:.1f} s"
    )
    app.processEvents()
    return 0


def _smoke_print(window: Any) -> str | None:
    """Print the report through Qt's print system (PDF printer) as the Print action does.

    This loads QtPrintSupport and its platform plugin the way a real print does, without a
    dialog; it returns "N pages" or None when nothing was written.
    """
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    document = window.report_page.document
    if document is None:
        return None
    QPrinterInfo.availablePrinterNames()  # asks the print backend (CUPS on Linux)
    # A temporary folder, not the data folder: the smoke test also runs on a read-only one.
    with tempfile.TemporaryDirectory(prefix="skillshift-smoke-") as folder:
        target = Path(folder) / "smoke-print.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setOutputFileName(str(target))
        document.print_(printer)
        if not target.is_file() or target.stat().st_size == 0:
            return None
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", target.read_bytes()))
    return f"{pages} pages"
