"""Skill chips in a wrapping flow layout; each chip removes itself with its × button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from app.ui import theme
from app.ui.profile_document import SkillChip


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps, like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line > 0:
                x = rect.x()
                y += line + self._spacing
                line = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class Chip(QWidget):
    removed = Signal(object)

    def __init__(self, chip: SkillChip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chip = chip
        self.setObjectName("chip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.setSpacing(4)
        text = QLabel(chip.label, self)
        kind = QLabel(chip.origin, self)
        kind.setObjectName("chipKind")
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Remove {skill}").format(skill=chip.label))
        close.setAccessibleName(self.tr("Remove skill {skill}").format(skill=chip.label))
        close.clicked.connect(lambda: self.removed.emit(self.chip))
        layout.addWidget(text)
        layout.addWidget(kind)
        layout.addWidget(close)
        bg, fg, muted = (
            theme.colour("chip").name(),
            theme.colour("chip_text").name(),
            theme.colour("muted").name(),
        )
        self.setStyleSheet(
            f"#chip {{ background: {bg}; border-radius: 11px; }} "
            f"#chip QLabel {{ color: {fg}; }} #chip QLabel#chipKind {{ color: {muted}; font-size: 8pt; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(
            self.tr("Skill: {skill} ({origin})").format(skill=chip.label, origin=chip.origin)
        )


class ChipBox(QWidget):
    """Shows the profile's skills; emits `remove_requested(chip)` when a chip's × is pressed."""

    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self)
        self._chips: list[Chip] = []
        self.empty = QLabel(
            self.tr("No skills yet: pick from the suggestions or type your own."), self
        )
        self.empty.setEnabled(False)
        self.empty.setWordWrap(True)
        self._layout.addWidget(self.empty)
        self.setAccessibleName(self.tr("Your skills"))

    def set_chips(self, chips: Sequence[SkillChip]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.empty:
                widget.hide()  # deletion waits for the event loop; hide it now
                widget.deleteLater()
        self._chips = []
        self.empty.setVisible(not chips)
        if not chips:
            self._layout.addWidget(self.empty)
        for chip in chips:
            w = Chip(chip, self)
            w.removed.connect(self.remove_requested)
            self._layout.addWidget(w)
            self._chips.append(w)
        self._layout.invalidate()
        self.updateGeometry()

    def chip_widgets(self) -> list[Chip]:
        return list(self._chips)
