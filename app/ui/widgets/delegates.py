"""Item delegates: a score bar, and a time slider that edits a task's share in place."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSlider, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.ui import theme
from app.ui.models.records_table_model import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class BarDelegate(QStyledItemDelegate):
    """Paints the cell's 0-1 value (SORT_ROLE) as a bar behind its text."""

    def __init__(self, parent: QWidget | None = None, *, colour: str = "accent") -> None:
        super().__init__(parent)
        self._colour = colour

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(SORT_ROLE)
        if isinstance(value, int | float) and not isinstance(value, bool):
            rect: QRect = option.rect
            if option.state & QStyle.StateFlag.State_Selected:
                painter.fillRect(rect, option.palette.highlight())
            fill = theme.colour(self._colour)
            fill.setAlpha(90)
            height = min(rect.height() - 6, 10)
            bar = QRect(
                rect.x() + 4,
                rect.center().y() - height // 2,
                int((rect.width() - 8) * max(0.0, min(1.0, float(value)))),
                height,
            )
            painter.fillRect(bar, fill)
            painter.drawText(
                rect.adjusted(6, 0, -6, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            )
            return
        super().paint(painter, option, index)


class SliderDelegate(QStyledItemDelegate):
    """A 1-100 slider: painted as a bar, edited with a QSlider (mouse or arrow keys)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            super().paint(painter, option, index)
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        # On the selection colour (often the accent itself) the slider takes the selected text's
        # colour, so its handle stays visible.
        fill = option.palette.highlightedText().color() if selected else theme.colour("accent")
        if selected:
            painter.fillRect(rect, option.palette.highlight())
        track = QRect(rect.x() + 6, rect.center().y() - 3, rect.width() - 12, 6)
        groove = theme.colour("grid")
        if selected:
            groove.setAlpha(120)
        painter.fillRect(track, groove)
        if isinstance(value, int):
            done = QRect(track.x(), track.y(), int(track.width() * value / 100), track.height())
            painter.fillRect(done, fill)
            knob_x = track.x() + int(track.width() * value / 100)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(fill)
            painter.setPen(
                QPen(option.palette.highlight().color(), 1) if selected else Qt.PenStyle.NoPen
            )
            painter.drawEllipse(knob_x - 6, rect.center().y() - 6, 12, 12)
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        slider = QSlider(Qt.Orientation.Horizontal, parent)
        slider.setRange(1, 100)
        slider.setPageStep(10)
        slider.setAccessibleName(self.tr("Time on this task"))
        slider.valueChanged.connect(lambda _v: self.commitData.emit(slider))
        return slider

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QSlider):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.blockSignals(True)
            editor.setValue(int(value) if isinstance(value, int) else 50)
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QSlider):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
