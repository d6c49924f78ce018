"""A picture of the moves: you on the left, direct moves next, multi-step paths further right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.transitions.config import is_safer
from app.ui import theme


@dataclass(frozen=True)
class Node:
    code: str
    title: str
    beta: float | None
    column: int  # 0 = you, 1 = one step, 2-3 = later steps of a path


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    score: float | None
    direct: bool


class PathwayGraph(QWidget):
    """Nodes coloured by exposure relative to yours; click a node to select that move."""

    node_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.person_beta: float | None = None
        self.selected: str | None = None
        self._rects: dict[str, QRectF] = {}
        self.setMinimumSize(420, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Graph of career moves"))
        self.setMouseTracking(True)

    def set_graph(
        self,
        you: Node,
        direct: Sequence[tuple[Node, float]],
        paths: Sequence[Sequence[tuple[Node, float | None]]],
        person_beta: float | None,
    ) -> None:
        nodes: dict[str, Node] = {you.code: you}
        edges: list[Edge] = []
        for node, fit in direct:
            nodes.setdefault(node.code, node)
            edges.append(Edge(you.code, node.code, fit, True))
        for path in paths:
            previous = you.code
            for node, score in path:
                if node.code not in nodes:
                    nodes[node.code] = node
                edges.append(Edge(previous, node.code, score, False))
                previous = node.code
        self.nodes = list(nodes.values())
        self.edges = edges
        self.person_beta = person_beta
        self.setAccessibleDescription(
            self.tr("%n direct move(s)", "", len(direct))
            + self.tr(" and %n multi-step path(s)", "", len(paths))
        )
        self.update()

    def select(self, code: str | None) -> None:
        self.selected = code
        self.update()

    def clear(self) -> None:
        self.nodes, self.edges, self.person_beta, self.selected = [], [], None, None
        self._rects = {}
        self.setAccessibleDescription("")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def _layout(self) -> dict[str, QRectF]:
        columns: dict[int, list[Node]] = {}
        for node in self.nodes:
            columns.setdefault(node.column, []).append(node)
        count = max(columns) + 1 if columns else 1
        col_w = self.width() / max(count, 2)
        box_w = min(210.0, col_w - 18)
        rects: dict[str, QRectF] = {}
        top = 26.0
        for c, members in columns.items():
            height = (self.height() - top - 8) / max(1, len(members))
            box_h = max(18.0, min(40.0, height - 6))
            for i, node in enumerate(members):
                cy = top + height * (i + 0.5)
                x = c * col_w + (col_w - box_w) / 2
                rects[node.code] = QRectF(x, cy - box_h / 2, box_w, box_h)
        return rects

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        if not self.nodes:
            p.setPen(theme.colour("muted"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No moves to draw yet"))
            p.end()
            return
        self._rects = rects = self._layout()
        count = max(n.column for n in self.nodes) + 1
        col_w = self.width() / max(count, 2)
        headers = [
            self.tr("You now"),
            self.tr("Direct moves · first steps"),
            self.tr("Path, step 2"),
            self.tr("Path, step 3"),
        ]
        p.setPen(theme.colour("muted"))
        for c in range(count):
            p.drawText(
                QRectF(c * col_w, 2, col_w, 18), Qt.AlignmentFlag.AlignHCenter, headers[min(c, 3)]
            )
        for e in self.edges:
            a, b = rects.get(e.source), rects.get(e.target)
            if a is None or b is None:
                continue
            width = 1.0 + 3.0 * max(0.0, min(1.0, (e.score or 0.0)))
            pen = QPen(theme.colour("accent") if e.direct else theme.colour("person"), width)
            if not e.direct:
                pen.setStyle(Qt.PenStyle.DashLine)
            if e.target == self.selected:
                pen.setWidthF(width + 2)
            p.setPen(pen)
            start = QPointF(a.right(), a.center().y())
            end = QPointF(b.left(), b.center().y())
            path = QPainterPath(start)
            mid = (start.x() + end.x()) / 2
            path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
            p.drawPath(path)
        metrics = QFontMetrics(small)
        for node in self.nodes:
            r = rects[node.code]
            base = self.palette().color(self.backgroundRole()).lighter(104)
            border = theme.colour("grid")
            if node.column == 0:
                border = theme.colour("person")
            elif node.beta is not None and self.person_beta is not None:
                border = (
                    theme.colour("safer")
                    if is_safer(node.beta, self.person_beta)
                    else theme.colour("riskier")
                )
            p.setBrush(base)
            p.setPen(QPen(border, 3 if node.code == self.selected else 1.6))
            p.drawRoundedRect(r, 6, 6)
            beta = "—" if node.beta is None else f"{node.beta:.2f}"
            if r.height() >= 2 * metrics.height() + 4:
                p.setPen(text)
                title = metrics.elidedText(
                    node.title, Qt.TextElideMode.ElideRight, int(r.width() - 10)
                )
                p.drawText(
                    r.adjusted(6, 2, -6, -r.height() / 2),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    title,
                )
                p.setPen(border)
                p.drawText(
                    r.adjusted(6, r.height() / 2, -6, -2),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                    self.tr("exposure {beta}").format(beta=beta),
                )
            else:
                value_w = metrics.horizontalAdvance(beta) + 8
                p.setPen(border)
                p.drawText(
                    r.adjusted(6, 0, -6, 0),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    beta,
                )
                p.setPen(text)
                title = metrics.elidedText(
                    node.title, Qt.TextElideMode.ElideRight, int(r.width() - 12 - value_w)
                )
                p.drawText(
                    r.adjusted(6, 0, -6 - value_w, 0),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    title,
                )
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        for code, rect in self._rects.items():
            if rect.contains(pos):
                self.node_clicked.emit(code)
                return
        super().mousePressEvent(event)
