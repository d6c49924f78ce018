"""The person's tasks: the occupation's O*NET tasks to tick, their own tasks, and time shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.core.transitions.config import CORE_WEIGHT, OWN_TASK_WEIGHT, SUPPLEMENTAL_WEIGHT
from app.ui import theme
from app.ui.models.records_table_model import RECORD_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

# Default time weights on the 1-100 slider, in the core's 2 : 1 : 2 proportion (Core,
# Supplemental, own task) so an untouched checklist matches the CLI's defaults.
_SLIDER_PER_WEIGHT = 25
DEFAULT_WEIGHT = {
    "Core": round(_SLIDER_PER_WEIGHT * CORE_WEIGHT),
    "Supplemental": round(_SLIDER_PER_WEIGHT * SUPPLEMENTAL_WEIGHT),
    "Own": round(_SLIDER_PER_WEIGHT * OWN_TASK_WEIGHT),
}
OTHER_WEIGHT = 25


class TaskColumn(IntEnum):
    TASK = 0
    KIND = 1
    TIME = 2
    SHARE = 3
    EXPOSURE = 4
    OCCUPATION = 5


@dataclass(frozen=True)
class TaskRow:
    task_id: int | None  # None: the person's own words
    text: str
    kind: str  # "Core" | "Supplemental" | "Other" | "Own"
    code: str | None  # the occupation the O*NET task belongs to
    checked: bool
    weight: int  # 1-100 relative time slider
    label: str | None = None  # E0/E1/E2 once scored
    beta: float | None = None  # E1 + 0.5·E2 once scored

    @property
    def own(self) -> bool:
        return self.task_id is None


def default_weight(kind: str) -> int:
    return DEFAULT_WEIGHT.get(kind, OTHER_WEIGHT)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskChecklistModel", text)


class TaskChecklistModel(QAbstractTableModel):
    """Rows are immutable TaskRow values; edits replace a row and emit `edited`."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._titles: dict[str, str] = {}

    # ---- content

    def rows(self) -> tuple[TaskRow, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> TaskRow:
        return self._rows[row]

    def set_rows(self, rows: Sequence[TaskRow], titles: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if titles is not None:
            self._titles = dict(titles)
        self.endResetModel()

    def checked(self) -> tuple[TaskRow, ...]:
        return tuple(r for r in self._rows if r.checked)

    def add_own(self, text: str, weight: int = DEFAULT_WEIGHT["Own"]) -> int:
        """Add one of the person's own tasks (always ticked) after the other own tasks, which lead
        the list so they stay in view; returns its row."""
        clean = " ".join(text.split())
        key = clean.lower()
        for i, existing in enumerate(self._rows):
            if existing.own and existing.text.lower() == key:
                return i
        row = sum(1 for r in self._rows if r.own)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, TaskRow(None, clean, "Own", None, True, weight))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit()

    def set_checked(self, row: int, checked: bool) -> None:
        self._replace(row, replace(self._rows[row], checked=checked))

    def set_weight(self, row: int, weight: int) -> None:
        self._replace(row, replace(self._rows[row], weight=max(1, min(100, int(weight)))))

    def set_score(self, text: str, label: str, beta: float) -> None:
        """Show a model score on every row with this text (live scoring and analysis)."""
        for i, r in enumerate(self._rows):
            if r.text == text and (r.label != label or r.beta != beta):
                self._rows[i] = replace(r, label=label, beta=beta)
                self.dataChanged.emit(
                    self.index(i, TaskColumn.EXPOSURE), self.index(i, TaskColumn.EXPOSURE)
                )

    def set_scores(self, scores: dict[tuple[int | None, str], tuple[str, float]]) -> None:
        changed = False
        for i, r in enumerate(self._rows):
            found = scores.get((r.task_id, r.text))
            if found is not None and (r.label, r.beta) != found:
                self._rows[i] = replace(r, label=found[0], beta=found[1])
                changed = True
        if changed and self._rows:
            self.dataChanged.emit(
                self.index(0, TaskColumn.EXPOSURE),
                self.index(len(self._rows) - 1, TaskColumn.EXPOSURE),
            )

    def _replace(self, row: int, value: TaskRow) -> None:
        if self._rows[row] == value:
            return
        self._rows[row] = value
        # Shares are relative: one slider moves every ticked row's share of time.
        self.dataChanged.emit(self.index(row, 0), self.index(row, TaskColumn.OCCUPATION))
        self.dataChanged.emit(
            self.index(0, TaskColumn.SHARE), self.index(len(self._rows) - 1, TaskColumn.SHARE)
        )
        self.edited.emit()

    def share(self, row: int) -> float | None:
        r = self._rows[row]
        if not r.checked:
            return None
        total = sum(x.weight for x in self._rows if x.checked)
        return r.weight / total if total else None

    # ---- Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TaskColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TaskColumn.TASK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == TaskColumn.TIME and self._rows[index.row()].checked:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == RECORD_ROLE:
            return r
        if col == TaskColumn.TASK:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return r.text
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if r.checked else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return r.text
        elif col == TaskColumn.KIND:
            if role == Qt.ItemDataRole.DisplayRole:
                return {
                    "Core": _tr("Core"),
                    "Supplemental": _tr("Supplemental"),
                    "Own": _tr("My own"),
                }.get(r.kind, _tr("Other"))
            if role == SORT_ROLE:
                return r.kind
        elif col == TaskColumn.TIME:
            if role in (Qt.ItemDataRole.EditRole, SORT_ROLE):
                return r.weight
            if role == Qt.ItemDataRole.DisplayRole:
                return str(r.weight) if r.checked else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("Relative time on this task; drag or use the arrow keys")
        elif col == TaskColumn.SHARE:
            share = self.share(index.row())
            if role == Qt.ItemDataRole.DisplayRole:
                return "" if share is None else f"{share:.0%}"
            if role == SORT_ROLE:
                return share if share is not None else -1.0
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif col == TaskColumn.EXPOSURE:
            if role == Qt.ItemDataRole.DisplayRole:
                if r.label is None or r.beta is None:
                    return ""
                return f"{r.label} · {r.beta:.2f}"
            if role == SORT_ROLE:
                return r.beta if r.beta is not None else -1.0
            if role == Qt.ItemDataRole.ForegroundRole and r.label:
                return theme.label_colour(r.label)
            if role == Qt.ItemDataRole.ToolTipRole and r.label:
                return _tr(
                    "Model estimate: {label}, exposure {beta:.2f} (0 = none, 1 = fully)"
                ).format(label=r.label, beta=r.beta or 0.0)
        elif col == TaskColumn.OCCUPATION:
            title = self._titles.get(r.code or "", "")
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
                return title if r.code else _tr("(you)")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        if index.column() == TaskColumn.TASK and role == Qt.ItemDataRole.CheckStateRole:
            state = value.value if isinstance(value, Qt.CheckState) else int(value)
            self.set_checked(index.row(), state == Qt.CheckState.Checked.value)
            return True
        if index.column() == TaskColumn.TIME and role == Qt.ItemDataRole.EditRole:
            try:
                weight = int(value)
            except (TypeError, ValueError):
                return False
            self.set_weight(index.row(), weight)
            return True
        return False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TaskColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                TaskColumn.TASK: _tr("Task (tick what you do)"),
                TaskColumn.KIND: _tr("Type"),
                TaskColumn.TIME: _tr("Time"),
                TaskColumn.SHARE: _tr("Share"),
                TaskColumn.EXPOSURE: _tr("AI exposure"),
                TaskColumn.OCCUPATION: _tr("Occupation"),
            }[TaskColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                TaskColumn.TIME: _tr(
                    "How much of your time the task takes, relative to the others"
                ),
                TaskColumn.SHARE: _tr("Share of your working time (from the Time sliders)"),
                TaskColumn.EXPOSURE: _tr("The model's exposure class and score for this task"),
            }.get(TaskColumn(section))
        return None
