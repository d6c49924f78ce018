"""Light and dark palettes that follow the system, and the few colours the charts share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Exposure classes: E0 not exposed, E1 directly exposed, E2 exposed with extra tools.
_LIGHT = {
    "E0": "#2e7d4f",
    "E1": "#c62828",
    "E2": "#ef8f00",
    "accent": "#1f6fb2",
    "person": "#7b1fa2",
    "muted": "#7a7f87",
    "safer": "#2e7d4f",
    "riskier": "#c25400",
    "grid": "#d9dde3",
    "bar": "#9fb7d4",
    "chip": "#e8eef7",
    "chip_text": "#1b2a3d",
    "banner": "#fdecea",
    "banner_text": "#7f1d1d",
}
_DARK = {
    "E0": "#5cc48a",
    "E1": "#ff6b6b",
    "E2": "#ffb74d",
    "accent": "#64a8e8",
    "person": "#ce93d8",
    "muted": "#9aa0a8",
    "safer": "#5cc48a",
    "riskier": "#ff9a4d",
    "grid": "#3a3f47",
    "bar": "#4f6f94",
    "chip": "#2b3a4d",
    "chip_text": "#e6edf5",
    "banner": "#4a1f1f",
    "banner_text": "#ffd7d7",
}


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        scheme = app.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        # Unknown scheme: ask the platform's own palette, never the one we applied ourselves.
        platform = app.style().standardPalette() if isinstance(app, QApplication) else app.palette()
        return platform.color(QPalette.ColorRole.Window).lightness() < 128
    return False


def colour(name: str) -> QColor:
    """A named chart colour for the current light or dark palette."""
    table = _DARK if is_dark() else _LIGHT
    return QColor(table.get(name, table["muted"]))


def label_colour(label: str | None) -> QColor:
    return colour(label) if label in ("E0", "E1", "E2") else colour("muted")


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e2227"), QColor("#262a30"), QColor("#e6e8eb")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#2c3138"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#33383f"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a9099"))
    p.setColor(QPalette.ColorRole.Button, QColor("#30353c"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff6b6b"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fa8"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#64a8e8"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7078"))
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    p.setColor(QPalette.ColorRole.WindowText, QColor("#1d2126"))
    p.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f3f7"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe8"))
    p.setColor(QPalette.ColorRole.ToolTipText, QColor("#1d2126"))
    p.setColor(QPalette.ColorRole.Text, QColor("#1d2126"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a9099"))
    p.setColor(QPalette.ColorRole.Button, QColor("#eceef1"))
    p.setColor(QPalette.ColorRole.ButtonText, QColor("#1d2126"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2d6db3"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1f6fb2"))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a5ad"))
    return p


def apply_palette(app: QApplication) -> None:
    """Fusion with a light or dark palette matching the system's colour scheme (and its changes)."""
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if is_dark() else _light_palette())


def follow_system(app: QApplication) -> None:
    apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_palette(app))
