"""Every page renders something (not a blank window) with a real analysis, light and dark."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QImage

from tests.ui.conftest import wait_for

SAVE_DARK = False
PAGES = ("profile", "exposure", "pathways", "clients", "report", "settings")


def _stats(image: QImage) -> tuple[int, float]:
    """Distinct colours and the share of pixels that differ from the most common colour."""
    small = image.scaled(320, 200)
    counts: dict[int, int] = {}
    for y in range(small.height()):
        for x in range(small.width()):
            rgb = small.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = max(counts.values())
    total = small.width() * small.height()
    return len(counts), 1.0 - background / total


def _mean_lightness(image: QImage) -> float:
    small = image.scaled(160, 100)
    values = [
        small.pixelColor(x, y).lightness()
        for y in range(small.height())
        for x in range(small.width())
    ]
    return sum(values) / len(values)


@pytest.mark.parametrize("index", range(len(PAGES)), ids=PAGES)
def test_page_is_not_blank(analysed: Any, index: int) -> None:
    analysed.show_page(index)
    wait_for(lambda: analysed.stack.currentIndex() == index)
    image = analysed.stack.currentWidget().grab().toImage()
    colours, ink = _stats(image)
    assert colours > 40, f"{PAGES[index]} looks blank ({colours} colours)"
    assert ink > 0.08, f"{PAGES[index]} is mostly background ({ink:.0%} ink)"


def test_dark_palette_renders_every_page(
    analysed: Any, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import theme

    monkeypatch.setattr(theme, "is_dark", lambda: True)
    theme.apply_palette(qapp)
    try:
        window_colour = qapp.palette().color(qapp.palette().ColorRole.Window)
        assert window_colour.lightness() < 80
        # The window restyles itself once every widget has seen the new palette.
        page = analysed.profile_page
        wait_for(lambda: page.palette().color(page.palette().ColorRole.Window).lightness() < 80, 5)
        for index in range(len(PAGES)):
            analysed.show_page(index)
            image = analysed.stack.currentWidget().grab().toImage()
            colours, ink = _stats(image)
            assert colours > 40 and ink > 0.08, PAGES[index]
            # Text stays readable: the page is mostly dark, with light text on it.
            if SAVE_DARK:
                image.save(f"/tmp/dark-{index}.png")
            assert _mean_lightness(image) < 110, PAGES[index]
    finally:
        monkeypatch.undo()
        theme.apply_palette(qapp)
        wait_for(
            lambda: (
                analysed.profile_page.palette().color(page.palette().ColorRole.Window).lightness()
                > 150
            ),
            5,
        )
