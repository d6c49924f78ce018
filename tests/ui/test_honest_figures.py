"""The Exposure and Pathways pages say only what their data supports, and say whose figure each
one is (must-fix 4)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.exposure import percentile
from app.ui.models.records_table_model import RECORD_ROLE
from tests.ui.conftest import CODE


def test_published_measures_are_bars_of_their_percentiles_on_one_labelled_scale(
    analysed: Any,
) -> None:
    page = analysed.exposure_page
    result = analysed.context.result
    table = analysed.services.engine().references_table()
    assert "percentile" in page.bars.scale_label
    assert len(page.bars.bars) == len(result.exposure.references)
    for bar, ref in zip(page.bars.bars, result.exposure.references, strict=True):
        if ref.value is None:
            assert bar.value is None and bar.text == "—"
            continue
        rank = percentile(ref.value, table.values[ref.measure])
        assert ref.percentile == rank
        # The bar's length and its number are the same figure: the percentile.
        assert bar.value == pytest.approx(rank / 100)
        assert bar.text == f"{rank:.0f}"
    lengths = [b.value for b in page.bars.bars if b.value is not None]
    texts = [float(b.text) for b in page.bars.bars if b.value is not None]
    assert np.argsort(lengths).tolist() == np.argsort(texts).tolist()


def test_the_automation_split_is_shown_only_for_tasks_with_data_and_says_whose(
    qtbot: QtBot, analysed: Any, window: Any
) -> None:
    page = analysed.exposure_page
    auto = analysed.context.result.exposure.automation
    assert auto.observed_share > 0  # the bookkeeping tasks are in Anthropic's sample
    assert page.split_bar.isVisibleTo(page)
    assert "not yours" in page.automation_text.text()
    assert "all conversations" in page.split_bar.toolTip()

    # Only tasks in the person's own words: no source has data on them.
    doc = window.document
    doc.set_occupation(window.services.catalog(), CODE)
    doc.tasks.add_own("water the office plants")
    doc.tasks.add_own("organise the summer party")
    qtbot.waitUntil(
        lambda: window.context.result is not None and not window.runner.busy, timeout=60_000
    )
    mine = window.exposure_page
    assert window.context.result.exposure.automation.observed_share == 0
    assert not mine.split_bar.isVisibleTo(mine) and not mine.split_bar.parts
    assert "no data" in mine.automation_text.text()
    assert "%" not in mine.automation_text.text()


def test_pathways_compares_whole_occupations_with_whole_occupations(analysed: Any) -> None:
    page = analysed.pathways_page
    result = analysed.context.result
    base = result.exposure.occupation_beta
    assert base is not None and abs(base - result.beta) > 0.005  # the two figures differ here
    header = page.moves.headerData(2, Qt.Orientation.Horizontal)
    assert "your occupation" in header
    page.wage.setValue(0)
    page.zone.setValue(-1)
    checked = 0
    for row in range(page.proxy.rowCount()):
        move = page.proxy.index(row, 0).data(RECORD_ROLE)
        shown = page.proxy.index(row, 2).data()
        if move.exposure_beta is None:
            continue
        assert shown == f"{move.exposure_beta:.2f} ({move.exposure_beta - base:+.2f})"
        tip = page.proxy.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
        assert result.occupation.title in tip and "Your own tasks" in tip
        checked += 1
    assert checked > 5
    page.moves_view.selectRow(0)
    assert f"your occupation {base:.2f}" in page.move_title.text()


def test_the_exposure_page_explains_its_terms_in_plain_words(analysed: Any) -> None:
    """Should-fix: E0/E1/E2, alpha, gamma and "model beta" explained on the page itself."""
    page = analysed.exposure_page
    assert page.glossary.isVisibleTo(page)
    text = page.glossary.text()
    for term in ("E0", "E1", "E2", "beta", "alpha", "gamma", "SkillShift model"):
        assert term in text, term
