"""What every page shares: services, the task runner, the edited profile and the latest analysis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.ui.profile_document import ProfileDocument
from app.ui.services import Services
from app.ui.settings import Settings
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.analysis import AnalysisResult


class AppContext(QObject):
    search_ready = Signal()
    engine_ready = Signal()
    analysis_ready = Signal(object)  # AnalysisResult
    analysis_stale = Signal()  # the profile changed; a new analysis is on its way
    analysis_cleared = Signal()  # no analysis belongs to the profile now: pages show none
    error = Signal(str)  # shown by the main window's message bar
    status = Signal(str)

    def __init__(
        self,
        services: Services,
        settings: Settings,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.runner = runner
        self.document = ProfileDocument(self)
        self.result: AnalysisResult | None = None

    def set_result(self, result: AnalysisResult) -> None:
        self.result = result
        self.analysis_ready.emit(result)

    def clear_result(self) -> None:
        """Forget the analysis (another client, or nothing left to analyse): every page resets."""
        self.result = None
        self.analysis_cleared.emit()
