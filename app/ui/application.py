"""Start the Qt application (and the offscreen smoke test used by packaging)."""

from __future__ import annotations

import os
import sys

SMOKE_QUERY = "sr accounts payable clerk"


def run_gui(*, smoke_test: bool = False) -> int:
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from app.ui.services import Services
    from app.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("SkillShift")
    app.setOrganizationName("SkillShift")
    settings = Settings()
    services = Services(settings.provider(), settings.threads())
    window = MainWindow(services, settings)
    window.show()
    if smoke_test:
        return _smoke(window)
    return app.exec()


def _smoke(window: object) -> int:
    """Load the model, run one search through the real window, report and exit."""
    from app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    services = window.services
    matches = services.matcher().match_title(SMOKE_QUERY, top_k=5)
    if not matches:
        print("smoke test: the search returned nothing", file=sys.stderr)
        return 1
    tasks = services.catalog().tasks(matches[0].code)
    print(f"smoke test: {SMOKE_QUERY!r} -> {matches[0].code} {matches[0].title}; {len(tasks)} tasks")
    window.close()
    return 0
