"""Shared readers and helpers for the resource build (never imported by the app)."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

Row = tuple[Any, ...]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass
class Tables:
    """Rows per table, filled by the builder steps and inserted in one go at the end."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    coverage: dict[str, Any] = field(default_factory=dict)

    def put(self, table: str, rows: Iterable[Row]) -> None:
        # Sorted once here so the insert order (and so the file) never depends on dict order.
        self.rows[table] = sorted(rows, key=sort_key)


def sort_key(row: Row) -> tuple[tuple[int, Any], ...]:
    """Total order over rows that may hold None next to numbers or text."""
    return tuple((0, "") if v is None else (1, v) if isinstance(v, str) else (2, v) for v in row)


def columns(frame: pd.DataFrame, *names: str) -> list[tuple[str, ...]]:
    """The named columns as rows of text (every reader keeps cells as strings)."""
    data = [[str(v) for v in frame[name].tolist()] for name in names]
    return list(zip(*data, strict=True))


def records(frame: pd.DataFrame) -> list[dict[str, str]]:
    return [{str(k): str(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def read_onet(source: Path, name: str) -> pd.DataFrame:
    """One O*NET tab-delimited file, every cell as text ('' for empty)."""
    return pd.read_csv(
        source / "onet" / f"{name}.txt",
        sep="\t",
        dtype=str,
        keep_default_na=False,
        quoting=csv.QUOTE_NONE,
        encoding="utf-8",
    )


def read_csv(path: Path, sep: str = ",") -> pd.DataFrame:
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8")


def read_xlsx(path: Path, sheet: str | int = 0, header: int = 0) -> pd.DataFrame:
    frame = pd.read_excel(path, sheet_name=sheet, header=header, dtype=str)
    return frame.fillna("")


def text(value: object) -> str | None:
    """Trimmed text, or None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    out = str(value).strip()
    return out or None


def number(value: object) -> float | None:
    """A float from a cell, None for empty or BLS/OEWS footnote markers ('*', '—', …)."""
    raw = text(value)
    if raw is None:
        return None
    try:
        out = float(raw.replace(",", ""))
    except ValueError:
        return None
    return None if math.isnan(out) else out


def integer(value: object) -> int | None:
    out = number(value)
    return None if out is None else round(out)


def normalise_text(value: str) -> str:
    """Lowercase and drop everything but letters and digits (for matching statements by text)."""
    return _NON_ALNUM.sub("", value.lower())


def soc6(code: str) -> str:
    """`29-1141.00` → `29-1141`; trailing spaces in BLS files removed."""
    return code.strip()[:7]
