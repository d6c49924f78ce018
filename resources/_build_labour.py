"""BLS OEWS May 2024 wages and Employment Projections 2024–34, joined via SOC 2018 codes."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from _build_common import Tables, columns, integer, number, read_xlsx, records, soc6, text

# OEWS marks annual wages at or above this cap with '#'; the cap is stored in their place.
OEWS_TOP_CODE = 239_200
# Bright outlook: growth at least this multiple of the all-occupations rate, or annual openings
# in the top decile of the detailed (line-item) projections.
BRIGHT_GROWTH_MULTIPLE = 2.0
BRIGHT_OPENINGS_QUANTILE = 0.9

_GROUP_RANK = {"detailed": 0, "broad": 1, "minor": 2, "major": 3, "total": 4}


def _broad(soc: str) -> str:
    # The broad group of a detailed SOC code shares its first five digits and ends in 0.
    return soc[:6] + "0"


def _wage(cell: object) -> tuple[int | None, bool]:
    raw = text(cell)
    if raw == "#":
        return OEWS_TOP_CODE, True
    return integer(raw), False


def build_labour(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    nem_code = _nem_crosswalk(source)
    for code, record in occ.items():
        # Later steps (Microsoft scores) join on the same BLS aggregate codes.
        record["nem_code"] = nem_code.get(code)
    _wages(source, tables, occ, nem_code)
    _projections(source, tables, occ, nem_code)


def _nem_crosswalk(source: Path) -> dict[str, str]:
    frame = read_xlsx(source / "crosswalks" / "nem-onet-to-soc-crosswalk.xlsx", header=4)
    return {
        code.strip(): nem.strip()
        for code, nem in columns(frame, "O*NET-SOC Code", "NEM Code")
        if text(code) and text(nem)
    }


def _wages(
    source: Path, tables: Tables, occ: dict[str, dict[str, Any]], nem_code: dict[str, str]
) -> None:
    frame = read_xlsx(source / "bls" / "national_M2024_dl.xlsx")
    oews: dict[str, dict[str, Any]] = {}
    for rec in records(frame):
        code = soc6(rec["OCC_CODE"])
        held = oews.get(code)
        if held is None or _GROUP_RANK.get(rec["O_GROUP"], 9) < _GROUP_RANK.get(held["O_GROUP"], 9):
            oews[code] = rec
    counts = {"detailed": 0, "aggregate": 0, "broad": 0}
    topcoded = 0
    for code, record in occ.items():
        soc = record["soc2018"]
        chosen: tuple[str, str] | None = None
        for candidate, basis in (
            (soc, "detailed"),
            (nem_code.get(code, ""), "aggregate"),
            (_broad(soc), "broad"),
        ):
            if candidate in oews:
                chosen = (candidate, basis)
                break
        if chosen is None:
            continue
        row = oews[chosen[0]]
        median, top_median = _wage(row["A_MEDIAN"])
        p10, top_p10 = _wage(row["A_PCT10"])
        p90, top_p90 = _wage(row["A_PCT90"])
        record.update(
            wage_median=median,
            wage_p10=p10,
            wage_p90=p90,
            employment=integer(row["TOT_EMP"]),
            wage_code=chosen[0],
            wage_basis=chosen[1],
            wage_topcoded=int(top_median or top_p10 or top_p90),
        )
        if median is not None:
            counts[chosen[1]] += 1
        topcoded += int(top_median or top_p10 or top_p90)
    cov = tables.coverage
    cov["wages_occupations"] = sum(counts.values())
    cov["wages_by_basis"] = counts
    cov["wages_topcoded_occupations"] = topcoded
    cov["wages_top_code_usd"] = OEWS_TOP_CODE


def _projections(
    source: Path, tables: Tables, occ: dict[str, dict[str, Any]], nem_code: dict[str, str]
) -> None:
    frame = read_xlsx(source / "bls" / "employment_projections_2024_34.xlsx", "Table 1.2", header=1)
    code_col = "2024 National Employment Matrix code"
    growth_col = next(c for c in frame.columns if c.startswith("Employment change, percent"))
    open_col = next(c for c in frame.columns if c.startswith("Occupational openings"))
    proj: dict[str, tuple[float | None, float | None, str]] = {}
    for rec in records(frame):
        code = text(rec[code_col])
        if code is None or not code[:2].isdigit():
            continue
        proj[code] = (number(rec[growth_col]), number(rec[open_col]), rec["Occupation type"])
    all_growth = proj["00-0000"][0]
    if all_growth is None:
        raise ValueError("projections: no all-occupations growth rate (00-0000)")
    line_openings = sorted(
        o for g, o, kind in proj.values() if kind == "Line item" and o is not None
    )
    cut = line_openings[max(0, math.ceil(BRIGHT_OPENINGS_QUANTILE * len(line_openings)) - 1)]
    growth_cut = BRIGHT_GROWTH_MULTIPLE * all_growth

    counts = {"nem": 0, "soc2018": 0, "broad": 0}
    bright = 0
    for code, record in occ.items():
        soc = record["soc2018"]
        chosen: tuple[str, str] | None = None
        for candidate, basis in (
            (nem_code.get(code, ""), "nem"),
            (soc, "soc2018"),
            (_broad(soc), "broad"),
        ):
            if candidate in proj and proj[candidate][0] is not None:
                chosen = (candidate, basis)
                break
        if chosen is None:
            continue
        growth, openings, _kind = proj[chosen[0]]
        is_bright = int(
            (growth is not None and growth >= growth_cut)
            or (openings is not None and openings >= cut)
        )
        record.update(
            growth_pct=growth,
            openings=openings,
            bright_outlook=is_bright,
            outlook_code=chosen[0],
            outlook_basis=chosen[1],
        )
        counts[chosen[1]] += 1
        bright += is_bright
    cov = tables.coverage
    cov["projections_occupations"] = sum(counts.values())
    cov["projections_by_basis"] = counts
    cov["bright_outlook_occupations"] = bright
    cov["bright_outlook_rule"] = {
        "all_occupations_growth_pct": all_growth,
        "growth_pct_at_least": growth_cut,
        "annual_openings_thousands_at_least": cut,
        "openings_quantile": BRIGHT_OPENINGS_QUANTILE,
    }
