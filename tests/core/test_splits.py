"""Held-out title splits: what search evaluation queries is never in training or in the index."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.commands.evaluate import (
    HEAD_HELD_OUT_SPLITS,
    SPLITS,
    TWIN_SPLITS,
    _reported_twins,
    held_out_queries,
    held_out_rule,
)
from app.core.db import TitleRow, database
from app.core.validation import HELD_OUT_REPORTED_PERCENT, is_held_out_reported
from tests.conftest import REPO

SOURCE = REPO.parent / "shared" / "data"


@pytest.fixture(scope="module")
def rows() -> list[TitleRow]:
    return database().title_rows()


def _held_out(split: str, rows: list[TitleRow]) -> Callable[[TitleRow], bool]:
    """The split's rule, primed the way `evaluate_match` primes it (reported rows first)."""
    if split not in TWIN_SPLITS:
        return SPLITS[split]
    held = _reported_twins(TWIN_SPLITS[split])
    for row in sorted(rows, key=lambda r: r.source != "reported"):
        held(row)
    return held


def test_held_out_reported_is_a_stable_fifth(rows: list[TitleRow]) -> None:
    reported = [r for r in rows if r.source == "reported"]
    held = [r for r in reported if is_held_out_reported(r.code, r.title)]
    share = len(held) / len(reported)
    assert abs(share - HELD_OUT_REPORTED_PERCENT / 100) < 0.03
    # Case and surrounding spaces do not move a title between sides.
    for r in held[:50]:
        assert is_held_out_reported(f" {r.code} ", f"  {r.title.upper()} ")
    # Every occupation with reported titles keeps most of them.
    assert len({r.code for r in held}) > 0.5 * len({r.code for r in reported})


def test_titles_split_holds_out_twins_and_nothing_else(rows: list[TitleRow]) -> None:
    held = _held_out("titles", rows)
    chosen = {
        (r.code, r.title.lower())
        for r in rows
        if r.source == "reported" and is_held_out_reported(r.code, r.title)
    }
    twins = 0
    for r in rows:
        key = (r.code, r.title.lower())
        assert held(r) == (r.source != "occupation" and key in chosen), r
        twins += held(r) and r.source != "reported"
    assert twins > 100  # the alternate titles that repeat a held-out reported title go too
    queries = held_out_queries(rows, held)
    assert len(queries) > 500
    # A query counts every code that lists it, held out or not.
    assert all(queries[i].codes for i in range(len(queries)))


@pytest.mark.skipif(not SOURCE.is_dir(), reason="raw source data not available")
@pytest.mark.parametrize("split", ["validation", "reported", "titles"])
def test_training_never_pairs_an_evaluated_title(rows: list[TitleRow], split: str) -> None:
    from models.common import contrastive_titles

    pool = {(t.code, t.text.lower()) for t in contrastive_titles("all")}
    assert len(pool) > 40_000
    held = _held_out(split, rows)
    evaluated = {(r.code, r.title.lower()) for r in rows if held(r)}
    assert len(evaluated) > 500
    assert not evaluated & pool


@pytest.mark.parametrize("split", HEAD_HELD_OUT_SPLITS)
def test_the_bundled_title_classifier_never_learns_its_held_out_titles(
    rows: list[TitleRow], split: str
) -> None:
    from models.build_index import head_training_rows

    pool = {(r.title.lower(), r.code) for r in head_training_rows(None)}
    assert len(pool) > 40_000
    held = _held_out(split, rows)
    evaluated = {(r.title.lower(), r.code) for r in rows if held(r)}
    assert len(evaluated) > 500
    assert not evaluated & pool
    # Official titles are never held out, so every occupation keeps at least one example.
    assert {code for _, code in pool} == {r.code for r in rows}


def test_held_out_rule_joins_splits(rows: list[TitleRow]) -> None:
    both = held_out_rule(rows, ["titles", "validation"])
    titles, validation = _held_out("titles", rows), _held_out("validation", rows)
    assert all(both(r) == (titles(r) or validation(r)) for r in rows)
    assert not any(held_out_rule(rows, [])(r) for r in rows)
