"""Charts drawn with QPainter: exposure gauge, distribution across occupations, reference bars."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui import theme


def _text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(widget.foregroundRole())


def render_image(widget: QWidget, size: QSize, scale: float = 2.0) -> QImage:
    """The chart painted into an image (for the PDF report), independent of the screen."""
    image = QImage(
        int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    old = widget.size()
    widget.resize(size)
    painter = QPainter(image)
    widget.render(painter, QPoint(0, 0), renderFlags=QWidget.RenderFlag.DrawChildren)
    painter.end()
    widget.resize(old)
    return image


class ExposureGauge(QWidget):
    """A horizontal 0-1 bar: the person's beta, their occupation's, and the tercile bands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value: float | None = None
        self.occupation_value: float | None = None
        self.cuts: tuple[float, float] | None = None
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Exposure gauge"))

    def set_values(
        self, value: float | None, occupation: float | None, cuts: tuple[float, float] | None
    ) -> None:
        self.value, self.occupation_value, self.cuts = value, occupation, cuts
        if value is not None:
            self.setAccessibleDescription(self.tr("Your exposure: {v:.2f} of 1").format(v=value))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 56)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()
        left, right, top, bar_h = 8.0, w - 8.0, 18.0, 14.0
        span = right - left
        bands = self.cuts or (1 / 3, 2 / 3)
        stops = [0.0, bands[0], bands[1], 1.0]
        colours = [theme.colour("E0"), theme.colour("E2"), theme.colour("E1")]
        for i, col in enumerate(colours):
            band = QColor(col)
            band.setAlpha(70)
            p.fillRect(
                QRectF(left + stops[i] * span, top, (stops[i + 1] - stops[i]) * span, bar_h), band
            )
        p.setPen(QPen(theme.colour("grid"), 1))
        p.drawRect(QRectF(left, top, span, bar_h))
        text = _text_colour(self)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.setPen(text)
        p.drawText(QRectF(left, top + bar_h + 2, 60, 16), Qt.AlignmentFlag.AlignLeft, "0")
        p.drawText(QRectF(right - 60, top + bar_h + 2, 60, 16), Qt.AlignmentFlag.AlignRight, "1")
        labels = (self.tr("lower third"), self.tr("middle third"), self.tr("upper third"))
        for i, label in enumerate(labels):
            p.setPen(theme.colour("muted"))
            p.drawText(
                QRectF(
                    left + stops[i] * span, top + bar_h + 2, (stops[i + 1] - stops[i]) * span, 16
                ),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
        if self.occupation_value is not None:
            x = left + max(0.0, min(1.0, self.occupation_value)) * span
            p.setPen(QPen(theme.colour("muted"), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, top - 4), QPointF(x, top + bar_h + 4))
        if self.value is not None:
            x = left + max(0.0, min(1.0, self.value)) * span
            path = QPainterPath()
            path.moveTo(x, top + 2)
            path.lineTo(x - 7, top - 10)
            path.lineTo(x + 7, top - 10)
            path.closeSubpath()
            p.fillPath(path, theme.colour("person"))
            p.setPen(QPen(theme.colour("person"), 3))
            p.drawLine(QPointF(x, top), QPointF(x, top + bar_h))
        p.end()


class DistributionChart(QWidget):
    """Histogram of every occupation's model beta, with the person and their occupation marked."""

    BINS = 25

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: np.ndarray = np.zeros(0)
        self.person: float | None = None
        self.occupation: float | None = None
        self.occupation_label = ""
        self.setMinimumSize(320, 200)
        self.setAccessibleName(self.tr("Distribution of exposure across occupations"))

    def set_data(
        self,
        values: np.ndarray,
        person: float | None,
        occupation: float | None,
        occupation_label: str,
    ) -> None:
        self.values = np.asarray(values, dtype=np.float64)
        self.person, self.occupation, self.occupation_label = person, occupation, occupation_label
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = _text_colour(self)
        values = self.values[np.isfinite(self.values)] if len(self.values) else self.values
        margin_l, margin_r, margin_t, margin_b = 44.0, 12.0, 44.0, 40.0
        plot = QRectF(
            margin_l,
            margin_t,
            self.width() - margin_l - margin_r,
            self.height() - margin_t - margin_b,
        )
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        if len(values) == 0 or plot.width() < 20 or plot.height() < 20:
            p.setPen(theme.colour("muted"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No analysis yet"))
            p.end()
            return
        counts, _edges = np.histogram(values, bins=self.BINS, range=(0.0, 1.0))
        peak = max(1, int(counts.max()))
        nice = _nice_step(peak)
        top_count = nice * math.ceil(peak / nice)
        p.setPen(QPen(theme.colour("grid"), 1))
        for k in range(0, top_count + 1, nice):
            y = plot.bottom() - k / top_count * plot.height()
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text)
            p.drawText(
                QRectF(0, y - 8, margin_l - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(k),
            )
            p.setPen(QPen(theme.colour("grid"), 1))
        bar_w = plot.width() / self.BINS
        person_bin = (
            None if self.person is None else min(self.BINS - 1, int(self.person * self.BINS))
        )
        for i, count in enumerate(counts.tolist()):
            h = count / top_count * plot.height()
            rect = QRectF(plot.left() + i * bar_w + 1, plot.bottom() - h, bar_w - 2, h)
            fill = theme.colour("person") if i == person_bin else theme.colour("bar")
            if i == person_bin:
                fill.setAlpha(150)
            p.fillRect(rect, fill)
        p.setPen(text)
        for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = plot.left() + tick * plot.width()
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            p.drawText(
                QRectF(x - 20, plot.bottom() + 4, 40, 14),
                Qt.AlignmentFlag.AlignHCenter,
                f"{tick:g}",
            )
        p.drawText(
            QRectF(plot.left(), plot.bottom() + 18, plot.width(), 16),
            Qt.AlignmentFlag.AlignHCenter,
            self.tr("AI exposure (model beta) → · bars: number of occupations"),
        )
        if self.occupation is not None:
            x = plot.left() + self.occupation * plot.width()
            p.setPen(QPen(theme.colour("muted"), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        if self.person is not None:
            x = plot.left() + self.person * plot.width()
            p.setPen(QPen(theme.colour("person"), 3))
            p.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
        # Legend in the top-right corner, where few occupations are this exposed.
        bold = QFont(small)
        bold.setBold(True)
        lx, ly = plot.right() - 230, plot.top() - 40
        if self.person is not None:
            p.setPen(QPen(theme.colour("person"), 3))
            p.drawLine(QPointF(lx, ly + 7), QPointF(lx + 18, ly + 7))
            p.setFont(bold)
            p.setPen(theme.colour("person"))
            p.drawText(
                QRectF(lx + 24, ly, 226, 14),
                Qt.AlignmentFlag.AlignVCenter,
                self.tr("You: {v:.2f}").format(v=self.person),
            )
        if self.occupation is not None:
            p.setPen(QPen(theme.colour("muted"), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(lx, ly + 23), QPointF(lx + 18, ly + 23))
            p.setFont(small)
            p.setPen(text)
            p.drawText(
                QRectF(lx + 24, ly + 16, 226, 14),
                Qt.AlignmentFlag.AlignVCenter,
                self.tr("Your occupation, all its tasks: {v:.2f}").format(v=self.occupation),
            )
        p.end()


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if peak / step <= 5:
            return step
    return 1000


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0-1: the occupation's percentile among all occupations on this measure
    text: str  # what the bar says (the percentile)
    highlight: bool = False
    agrees: bool | None = None


class PercentileBars(QWidget):
    """Horizontal bars on one labelled 0-100 scale: each measure's percentile among occupations.

    The measures' own scales differ (shares of tasks, ratings, usage), so bar lengths are
    comparable only as percentiles; the axis under the bars says so.
    """

    ROW = 30
    AXIS = 48  # tick numbers and the scale's name, on two lines where the widget is narrow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: tuple[Bar, ...] = ()
        self.scale_label = self.tr("percentile among all occupations (0 = least exposed)")
        self.setMinimumHeight(self.AXIS + 4)
        self.setAccessibleName(self.tr("Reference measures compared"))

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = tuple(bars)
        self.setMinimumHeight(self.ROW * len(self.bars) + self.AXIS + 4)
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.text}" for b in self.bars)
            + (" — " + self.scale_label if self.bars else "")
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, self.ROW * max(1, len(self.bars)) + self.AXIS + 4)

    def bar_span(self) -> tuple[float, float]:
        """Left edge and length in pixels of the 0-100 scale (bars and ticks share it)."""
        value_w = 36.0
        left = 4.0
        return left, max(10.0, self.width() - value_w - 12 - left)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = _text_colour(self)
        left, span = self.bar_span()
        right = left + span
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        p.setFont(small)
        bottom = 2 + self.ROW * len(self.bars)
        for tick in (0, 25, 50, 75, 100):
            x = left + tick / 100 * span
            p.setPen(QPen(theme.colour("grid"), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, 14), QPointF(x, bottom + 2))
            p.setPen(text)
            p.drawText(QRectF(x - 20, bottom + 2, 40, 14), Qt.AlignmentFlag.AlignHCenter, str(tick))
        p.setPen(theme.colour("muted"))
        p.drawText(
            QRectF(left, bottom + 16, span, 30),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.scale_label,
        )
        for i, bar in enumerate(self.bars):
            y = 2 + i * self.ROW
            p.setPen(text)
            p.drawText(
                QRectF(left, y, span, 14),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            p.fillRect(QRectF(left, y + 15, span, 10), theme.colour("grid"))
            if bar.value is not None:
                if bar.highlight:
                    fill = theme.colour("person")
                elif bar.agrees is False:
                    fill = theme.colour("riskier")
                else:
                    fill = theme.colour("accent")
                p.fillRect(QRectF(left, y + 15, span * max(0.0, min(1.0, bar.value)), 10), fill)
            p.setPen(text)
            p.drawText(
                QRectF(right + 6, y + 12, 40, 18),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.text,
            )
        p.end()


class SplitBar(QWidget):
    """One stacked bar of named shares (automation vs augmentation)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: tuple[tuple[str, float, QColor], ...] = ()
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_parts(self, parts: Sequence[tuple[str, float, QColor]]) -> None:
        self.parts = tuple(parts)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 44)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        total = sum(max(0.0, v) for _, v, _ in self.parts)
        if total <= 0:
            p.end()
            return
        x = 0.0
        w = float(self.width())
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        p.setFont(small)
        for label, value, col in self.parts:
            part = max(0.0, value) / total * w
            p.fillRect(QRectF(x, 0, part, 20), col)
            p.setPen(QColor("white"))
            p.drawText(
                QRectF(x + 4, 0, part - 8, 20),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{value / total:.0%}",
            )
            p.setPen(_text_colour(self))
            p.drawText(
                QRectF(x + 2, 22, part - 4, 18),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x += part
        p.end()
