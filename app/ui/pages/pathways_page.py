"""Pathways page: where your skills can take you, what each move lacks, and what to learn first."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.profile import Preferences
from app.core.transitions import Facts, Filters, LearningStep, Move, is_safer, passes
from app.ui import theme
from app.ui.analysis import AnalysisResult
from app.ui.context import AppContext
from app.ui.models.records_table_model import RECORD_ROLE, Column, RecordsTableModel
from app.ui.widgets.common import source_row, table, wrapped
from app.ui.widgets.delegates import BarDelegate
from app.ui.widgets.pathway_graph import Node, PathwayGraph
from app.ui.wording import reason_text

GRAPH_DIRECT = 5


def _t(text: str) -> str:
    return QCoreApplication.translate("PathwaysPage", text)


class MoveColumn(IntEnum):
    TITLE = 0
    FIT = 1
    EXPOSURE = 2
    WAGE = 3
    ZONE = 4
    OUTLOOK = 5
    GAP = 6


@dataclass(frozen=True)
class GapRow:
    status: str  # have | partial | learn
    skill: str
    importance: float
    via: str | None  # for have/partial: the skill of yours that covers it


@dataclass(frozen=True)
class PlanRow:
    order: int
    step: LearningStep


def status_name(status: str) -> str:
    return {"have": _t("have"), "partial": _t("partly"), "learn": _t("to learn")}.get(
        status, status
    )


def outlook_text(move: Move) -> str:
    o = move.outlook
    growth = o.get("growth_pct")
    parts = []
    if o.get("bright"):
        parts.append(_t("bright"))
    if isinstance(growth, int | float):
        parts.append(f"{growth:+.1f}%")
    return " · ".join(parts) or "—"


NAN = float("nan")


def _known(value: float | None) -> float:
    return NAN if value is None else float(value)


class MovesFilter(QSortFilterProxyModel):
    """Filters the moves live: safer than you, wage floor, job-zone step, bright outlook."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_beta: float | None = None
        self.current_wage: float | None = None
        self.current_zone: int | None = None
        self.safer = False
        self.bright = False
        self.min_wage_ratio = 0.75
        self.max_zone_step: int | None = 1

    def configure(
        self, *, safer: bool, bright: bool, min_wage_ratio: float, max_zone_step: int | None
    ) -> None:
        self.beginFilterChange()
        self.safer, self.bright = safer, bright
        self.min_wage_ratio, self.max_zone_step = min_wage_ratio, max_zone_step
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_reference(self, beta: float | None, wage: float | None, zone: int | None) -> None:
        self.beginFilterChange()
        self.person_beta, self.current_wage, self.current_zone = beta, wage, zone
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, m: Move) -> bool:
        """The engine's one acceptance test (app/core/transitions/config.py)."""
        filters = Filters(self.max_zone_step, self.min_wage_ratio, self.safer, self.bright)
        person = Facts(
            _known(self.current_zone), _known(self.current_wage), _known(self.person_beta), NAN
        )
        bright = m.outlook.get("bright")
        move = Facts(
            _known(m.job_zone),
            _known(m.wage_median),
            _known(m.exposure_beta),
            NAN if bright is None else float(bright),
        )
        return passes(filters, person, move) is None

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        move = model.data(model.index(source_row, 0, source_parent), RECORD_ROLE)
        return isinstance(move, Move) and self.accepts(move)


class PathwaysPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: AnalysisResult | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        self.placeholder = wrapped(
            self.tr(
                "Your possible moves appear here once the Profile page has an occupation and tasks."
            ),
            self,
        )
        outer.addWidget(self.placeholder)

        filters = QHBoxLayout()
        self.safer = QCheckBox(self.tr("&Safer only (less exposed than you)"), self)
        self.bright = QCheckBox(self.tr("&Bright outlook only"), self)
        wage_label = QLabel(self.tr("&Wage at least:"), self)
        self.wage = QSpinBox(self)
        self.wage.setRange(0, 300)
        self.wage.setSingleStep(5)
        self.wage.setSuffix(self.tr(" % of yours"))
        self.wage.setAccessibleName(
            self.tr("Minimum wage as a percentage of your current median wage")
        )
        wage_label.setBuddy(self.wage)
        zone_label = QLabel(self.tr("&Job zone up at most:"), self)
        self.zone = QSpinBox(self)
        self.zone.setRange(-1, 4)
        self.zone.setSpecialValueText(self.tr("any"))
        self.zone.setAccessibleName(self.tr("Largest step up in O*NET job zone"))
        zone_label.setBuddy(self.zone)
        self.count = QLabel("", self)
        # Two rows, so a 1024-pixel window holds them without widening the page.
        filters.addWidget(self.safer)
        filters.addWidget(self.bright)
        filters.addStretch(1)
        filters.addWidget(self.count)
        outer.addLayout(filters)
        limits = QHBoxLayout()
        for limit in (wage_label, self.wage, zone_label, self.zone):
            limits.addWidget(limit)
        limits.addStretch(1)
        outer.addLayout(limits)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QSplitter(Qt.Orientation.Vertical, split)
        self.moves: RecordsTableModel[Move] = RecordsTableModel(
            [
                Column(
                    self.tr("Occupation"),
                    lambda m: m.title,
                    tooltip=lambda m: f"{m.title} ({m.code})",
                ),
                Column(
                    self.tr("Fit"),
                    lambda m: m.score,
                    display=lambda m: f"{m.score:.2f}",
                    align_right=True,
                    header_tip=self.tr("How much of what the move needs you already bring (0-1)"),
                ),
                Column(
                    self.tr("Exposure\n(vs your occupation)"),
                    lambda m: m.exposure_beta,
                    display=self._exposure_text,
                    foreground=self._exposure_colour,
                    tooltip=self._exposure_tip,
                    header_tip=self.tr(
                        "The occupation's exposure over all its O*NET tasks, and in brackets "
                        "the difference from your occupation's, counted the same way. Your own "
                        "tasks' figure is on the Exposure page."
                    ),
                ),
                Column(
                    self.tr("Wage"),
                    lambda m: m.wage_median,
                    display=lambda m: "—" if m.wage_median is None else f"${m.wage_median:,.0f}",
                    align_right=True,
                ),
                Column(
                    self.tr("Zone"),
                    lambda m: m.job_zone,
                    align_right=True,
                    header_tip=self.tr(
                        "O*NET job zone: 1 little preparation … 5 extensive preparation"
                    ),
                ),
                Column(
                    self.tr("Outlook"),
                    lambda m: m.outlook.get("growth_pct") or -math.inf,
                    display=outlook_text,
                    header_tip=self.tr(
                        "Employment growth 2024–34 (BLS); bright = O*NET Bright Outlook"
                    ),
                ),
                Column(
                    self.tr("Learn"),
                    lambda m: len(m.gap),
                    align_right=True,
                    header_tip=self.tr("Essential skills of the move you do not have yet"),
                ),
            ],
            self,
        )
        self.proxy = MovesFilter(self)
        self.moves_view = table(self.moves, left, self.tr("Possible moves"), proxy=self.proxy)
        self.moves_view.setItemDelegateForColumn(MoveColumn.FIT, BarDelegate(self.moves_view))
        self.moves_view.horizontalHeader().setSectionResizeMode(
            MoveColumn.FIT, QHeaderView.ResizeMode.Fixed
        )
        self.moves_view.setColumnWidth(MoveColumn.FIT, 80)
        # The title never collapses to "…": it keeps a readable width and wraps.
        self.moves_view.horizontalHeader().setSectionResizeMode(
            MoveColumn.TITLE, QHeaderView.ResizeMode.Interactive
        )
        self.moves_view.setColumnWidth(MoveColumn.TITLE, 180)
        self.moves_view.horizontalHeader().setSectionResizeMode(
            MoveColumn.GAP, QHeaderView.ResizeMode.Stretch
        )
        left.addWidget(self.moves_view)
        graph_box = QGroupBox(self.tr("Map of moves"), left)
        gl = QVBoxLayout(graph_box)
        self.graph = PathwayGraph(graph_box)
        gl.addWidget(self.graph)
        self.graph_note = wrapped(
            self.tr(
                "Green border: less exposed than you; orange: more. Solid lines: direct moves (thicker = "
                "better fit); dashed: multi-step paths to safer occupations."
            ),
            graph_box,
            muted=True,
        )
        gl.addWidget(self.graph_note)
        left.addWidget(graph_box)
        left.setSizes([330, 300])

        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.move_title = wrapped(self.tr("Select a move to see its skill gap."), right)
        self.move_title.setTextFormat(Qt.TextFormat.RichText)
        rl.addWidget(self.move_title)
        self.gap: RecordsTableModel[GapRow] = RecordsTableModel(
            [
                Column(
                    self.tr("Status"),
                    lambda g: {"have": 0, "partial": 1, "learn": 2}[g.status],
                    display=lambda g: status_name(g.status),
                    foreground=self._status_colour,
                ),
                Column(
                    self.tr("Skill the move needs"),
                    lambda g: g.skill,
                    tooltip=lambda g: (
                        None if not g.via else self.tr("covered by your skill: {s}").format(s=g.via)
                    ),
                ),
                Column(
                    self.tr("Importance"),
                    lambda g: g.importance,
                    display=lambda g: f"{g.importance:.2f}",
                    align_right=True,
                ),
            ],
            self,
        )
        self.gap_view = table(self.gap, right, self.tr("Skill gap of the selected move"), stretch=1)
        rl.addWidget(self.gap_view, 3)
        plan_box = QGroupBox(self.tr("What to learn, in order"), right)
        pl = QVBoxLayout(plan_box)
        self.plan: RecordsTableModel[PlanRow] = RecordsTableModel(
            [
                Column(self.tr("#"), lambda p: p.order, align_right=True),
                Column(self.tr("Skill"), lambda p: p.step.skill),
                Column(self.tr("Why now"), lambda p: reason_text(p.step)),
            ],
            self,
        )
        self.plan_view = table(
            self.plan, plan_box, self.tr("Learning plan"), sortable=False, stretch=1
        )
        # The skill and the reason share the width and wrap: neither collapses to "…".
        self.plan_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        pl.addWidget(self.plan_view)
        rl.addWidget(plan_box, 2)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 460])
        self.body = split
        outer.addWidget(split, 1)
        self.body.setVisible(False)

        self.safer.toggled.connect(self._filters_changed)
        self.bright.toggled.connect(self._filters_changed)
        self.wage.valueChanged.connect(self._filters_changed)
        self.zone.valueChanged.connect(self._filters_changed)
        self.moves_view.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._show_selected()
        )
        self.graph.node_clicked.connect(self.select_code)
        context.analysis_ready.connect(self.show_result)
        context.analysis_cleared.connect(self.clear)
        context.document.changed.connect(self._sync_filters_from_document)
        self._sync_filters_from_document()

    # ---- presentation helpers

    def _baseline(self) -> float | None:
        """Like with like: moves carry whole-occupation figures, so they are compared with the
        person's occupation counted the same way (all its O*NET tasks), not with their own tasks."""
        return None if self.result is None else self.result.exposure.occupation_beta

    def _exposure_text(self, m: Move) -> str:
        if m.exposure_beta is None:
            return "—"
        base = self._baseline()
        if base is None:
            return f"{m.exposure_beta:.2f}"
        return f"{m.exposure_beta:.2f} ({m.exposure_beta - base:+.2f})"

    def _exposure_tip(self, m: Move) -> str | None:
        base = self._baseline()
        if m.exposure_beta is None or base is None or self.result is None:
            return None
        return self.tr(
            "{title}, all its tasks: {beta:.2f}. Your occupation ({own}), all its tasks: "
            "{base:.2f}. Your own tasks: {you:.2f}."
        ).format(
            title=m.title,
            beta=m.exposure_beta,
            own=self.result.occupation.title,
            base=base,
            you=self.result.beta,
        )

    def _exposure_colour(self, m: Move) -> QColor | None:
        base = self._baseline()
        if m.exposure_beta is None or base is None:
            return None
        return theme.colour("safer") if is_safer(m.exposure_beta, base) else theme.colour("riskier")

    def _status_colour(self, g: GapRow) -> QColor:
        return {
            "have": theme.colour("safer"),
            "partial": theme.colour("E2"),
            "learn": theme.colour("riskier"),
        }[g.status]

    # ---- filters

    def _sync_filters_from_document(self) -> None:
        prefs = self.context.document.preferences
        widgets = (self.safer, self.wage, self.zone)
        for w in widgets:
            w.blockSignals(True)
        self.safer.setChecked(prefs.safer_only)
        self.wage.setValue(round(prefs.min_wage_ratio * 100))
        self.zone.setValue(prefs.max_zone_step if prefs.max_zone_step >= 0 else -1)
        for w in widgets:
            w.blockSignals(False)
        self._apply_filters()

    def _filters_changed(self) -> None:
        zone = self.zone.value()
        self.context.document.set_preferences(
            Preferences(
                max_zone_step=4 if zone < 0 else zone,
                min_wage_ratio=self.wage.value() / 100.0,
                safer_only=self.safer.isChecked(),
            )
        )
        self._apply_filters()

    def _apply_filters(self) -> None:
        zone = self.zone.value()
        self.proxy.configure(
            safer=self.safer.isChecked(),
            bright=self.bright.isChecked(),
            min_wage_ratio=self.wage.value() / 100.0,
            max_zone_step=None if zone < 0 else zone,
        )
        self._after_filter()

    def _after_filter(self) -> None:
        shown, total = self.proxy.rowCount(), self.moves.rowCount()
        self.count.setText(self.tr("{shown} of %n move(s) shown", "", total).format(shown=shown))
        if shown and not self.moves_view.currentIndex().isValid():
            self.moves_view.selectRow(0)
        elif not shown:
            self.gap.set_rows([])
            self.plan.set_rows([])
            self.move_title.setText(
                self.tr(
                    "No move passes these filters: relax the wage floor, the job-zone "
                    "step or “safer only”."
                )
            )
        self._update_graph()

    # ---- results

    def show_result(self, result: AnalysisResult) -> None:
        self.result = result
        self.placeholder.setVisible(False)
        self.body.setVisible(True)
        occ = result.occupation
        self.proxy.set_reference(
            result.beta, float(occ.wage_median) if occ.wage_median else None, occ.job_zone
        )
        selected = self.selected_move()
        self.moves.set_rows(result.moves)
        self.moves_view.sortByColumn(MoveColumn.FIT, Qt.SortOrder.DescendingOrder)
        if selected is not None:
            self.select_code(selected.code)
        self._after_filter()

    def clear(self) -> None:
        """No analysis for the open profile: nothing of an earlier one stays on the page."""
        self.result = None
        self.body.setVisible(False)
        self.placeholder.setVisible(True)
        self.proxy.set_reference(None, None, None)
        self.moves.set_rows([])
        self.gap.set_rows([])
        self.plan.set_rows([])
        self.move_title.setText(self.tr("Select a move to see its skill gap."))
        self.count.setText("")
        self.graph.clear()

    def selected_move(self) -> Move | None:
        row = source_row(self.moves_view)
        return self.moves.row_at(row) if row is not None and row < self.moves.rowCount() else None

    def select_code(self, code: str) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            move = index.data(RECORD_ROLE)
            if isinstance(move, Move) and move.code == code:
                self.moves_view.selectRow(r)
                return

    def _show_selected(self) -> None:
        move = self.selected_move()
        if move is None or self.result is None:
            return
        labels = {}
        for chip in self.context.document.skills:
            labels[chip.value] = chip.label
        rows = [
            GapRow(
                "have",
                s.skill,
                s.importance,
                None if s.matched_by == s.uri else self._label(s.matched_by),
            )
            for s in move.have
        ]
        rows += [
            GapRow("partial", s.skill, s.importance, self._label(s.matched_by))
            for s in move.partial
        ]
        rows += [GapRow("learn", s.skill, s.importance, None) for s in move.gap]
        self.gap.set_rows(rows)
        self.gap_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        steps = self.result.learning.get(move.code, ())
        self.plan.set_rows([PlanRow(i + 1, s) for i, s in enumerate(steps)])
        wage = "—" if move.wage_median is None else f"${move.wage_median:,.0f}"
        base = self._baseline()
        self.move_title.setText(
            self.tr(
                "<b>{title}</b> ({code}) · fit {fit:.2f} · exposure {beta} (your occupation "
                "{base}) · wage {wage}<br>Its skills: you have {have}, partly have {partial}, "
                "would learn {gap}."
            ).format(
                title=move.title,
                code=move.code,
                fit=move.score,
                beta="—" if move.exposure_beta is None else f"{move.exposure_beta:.2f}",
                base="—" if base is None else f"{base:.2f}",
                wage=wage,
                have=len(move.have),
                partial=len(move.partial),
                gap=len(move.gap),
            )
        )
        self._update_graph()

    def _label(self, uri: str | None) -> str | None:
        if not uri:
            return None
        skill = self.context.services.catalog().esco_skill(uri)
        return skill.label if skill else uri

    def _update_graph(self) -> None:
        result = self.result
        if result is None:
            return
        occ = result.occupation
        you = Node(occ.code, self.tr("You: {title}").format(title=occ.title), result.beta, 0)
        # The best-fitting moves that pass the filters (whatever the table's sort), plus the selected one.
        passing = sorted((m for m in result.moves if self.proxy.accepts(m)), key=lambda m: -m.score)
        shown = passing[:GRAPH_DIRECT]
        selected = self.selected_move()
        if selected is not None and selected not in shown and self.proxy.accepts(selected):
            shown.append(selected)
        direct = [(Node(m.code, m.title, m.exposure_beta, 1), m.score) for m in shown]
        paths = []
        for path in result.paths:
            steps = [
                (Node(s.code, s.title, s.exposure_beta, i), s.step_score)
                for i, s in enumerate(path)
                if i > 0
            ]
            if steps:
                paths.append(steps)
        self.graph.set_graph(you, direct, paths, result.beta)
        move = self.selected_move()
        self.graph.select(move.code if move else None)
