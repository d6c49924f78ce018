"""O*NET 30.1 and code crosswalks → occupations, titles, tasks, work activities, ratings, ISCO."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from _build_common import (
    Row,
    Tables,
    columns,
    integer,
    number,
    read_csv,
    read_onet,
    read_xlsx,
    soc6,
    text,
)

TITLE_SOURCES = ("occupation", "alternate", "short", "reported")

# Category 1 of the experience and training scales has an empty description in O*NET's
# categories file; O*NET OnLine shows it as "None".
_EMPTY_CATEGORY = "None"


def build_onet(source: Path, tables: Tables) -> dict[str, dict[str, Any]]:
    """Fill the O*NET tables; return the occupation records (keyed by code) for later steps."""
    occ = _occupations(source)
    _titles(source, tables, occ)
    _tasks(source, tables, occ)
    _ratings(source, tables, occ)
    _technology(source, tables, occ)
    _isco(source, tables, occ)
    return occ


def _occupations(source: Path) -> dict[str, dict[str, Any]]:
    data = read_onet(source, "Occupation Data")
    occ: dict[str, dict[str, Any]] = {}
    for code, title, description in columns(data, "O*NET-SOC Code", "Title", "Description"):
        occ[code] = {"code": code, "title": text(title), "description": text(description)}

    zones = read_onet(source, "Job Zones")
    for code, zone in columns(zones, "O*NET-SOC Code", "Job Zone"):
        if code in occ:
            occ[code]["job_zone"] = integer(zone)

    cats = read_onet(source, "Education, Training, and Experience Categories")
    labels = {
        (scale, int(float(cat))): text(desc) or _EMPTY_CATEGORY
        for scale, cat, desc in columns(cats, "Scale ID", "Category", "Category Description")
    }
    ete = read_onet(source, "Education, Training, and Experience")
    # Typical level = the category with the highest share of respondents; a tie goes to the
    # lower category so the choice never depends on file order.
    best: dict[tuple[str, str], tuple[float, int]] = {}
    for code, scale, cat, value in columns(
        ete, "O*NET-SOC Code", "Scale ID", "Category", "Data Value"
    ):
        if scale not in ("RL", "RW"):
            continue
        share = number(value)
        if share is None:
            continue
        category = int(float(cat))
        key = (code, scale)
        held = best.get(key)
        if held is None or share > held[0] or (share == held[0] and category < held[1]):
            best[key] = (share, category)
    for (code, scale), (_share, category) in best.items():
        if code not in occ:
            continue
        if scale == "RL":
            occ[code]["education_level"] = category
            occ[code]["education"] = labels[(scale, category)]
        else:
            occ[code]["experience_level"] = category
            occ[code]["experience"] = labels[(scale, category)]

    cross = read_xlsx(source / "crosswalks" / "2019_to_SOC_Crosswalk.xlsx", header=3)
    for raw, soc in columns(cross, "O*NET-SOC 2019 Code", "2018 SOC Code"):
        code = raw.strip()
        if code in occ and text(soc):
            occ[code]["soc2018"] = soc.strip()
    for record in occ.values():
        # Every O*NET-SOC code starts with its SOC code; the crosswalk only confirms it.
        record.setdefault("soc2018", soc6(record["code"]))
    return occ


def _titles(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    found: list[tuple[str, int, str]] = []
    for record in occ.values():
        found.append((record["code"], 0, record["title"]))
    alt = read_onet(source, "Alternate Titles")
    for code, alternate, short in columns(alt, "O*NET-SOC Code", "Alternate Title", "Short Title"):
        if text(alternate):
            found.append((code, 1, text(alternate) or ""))
        if text(short):
            found.append((code, 2, text(short) or ""))
    rep = read_onet(source, "Sample of Reported Titles")
    for code, title in columns(rep, "O*NET-SOC Code", "Reported Job Title"):
        if text(title):
            found.append((code, 3, text(title) or ""))

    # One row per (code, lowercased title, source); the first spelling in sorted order is kept.
    seen: set[tuple[str, int, str]] = set()
    rows: list[Row] = []
    dropped = 0
    for code, rank, title in sorted(found, key=lambda r: (r[0], r[1], r[2].lower(), r[2])):
        key = (code, rank, title.lower())
        if key in seen:
            dropped += 1
            continue
        seen.add(key)
        rows.append((len(rows) + 1, code, title, TITLE_SOURCES[rank]))
    tables.put("titles", rows)
    tables.coverage["titles_duplicates_dropped"] = dropped


def _tasks(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    ts = read_onet(source, "Task Statements")
    tables.put(
        "tasks",
        (
            (int(tid), code, text(task), text(kind))
            for code, tid, task, kind in columns(
                ts, "O*NET-SOC Code", "Task ID", "Task", "Task Type"
            )
            if code in occ
        ),
    )

    iwa = read_onet(source, "IWA Reference")
    tables.put(
        "iwas",
        (
            (iwa_id, text(title), element_id, text(element))
            for element_id, element, iwa_id, title in columns(
                iwa, "Element ID", "Element Name", "IWA ID", "IWA Title"
            )
        ),
    )
    dwa = read_onet(source, "DWA Reference")
    tables.put(
        "dwas",
        (
            (dwa_id, text(title), iwa_id)
            for iwa_id, dwa_id, title in columns(dwa, "IWA ID", "DWA ID", "DWA Title")
        ),
    )
    links = read_onet(source, "Tasks to DWAs")
    tables.put(
        "task_dwas",
        {(int(tid), dwa_id) for tid, dwa_id in columns(links, "Task ID", "DWA ID")},
    )
    coded = set(ts["O*NET-SOC Code"])
    tables.coverage["occupations_with_tasks"] = len(coded & set(occ))


def _ratings(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    elements: dict[str, tuple[str, str]] = {}
    ratings: dict[tuple[str, str], dict[str, float | None]] = defaultdict(dict)
    for name, kind in (("Skills", "skill"), ("Knowledge", "knowledge")):
        data = read_onet(source, name)
        for code, element_id, element, scale, value in columns(
            data, "O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"
        ):
            elements[element_id] = (element, kind)
            if code in occ and scale in ("IM", "LV"):
                ratings[(code, element_id)][scale] = number(value)
    tables.put("onet_elements", ((eid, name, kind) for eid, (name, kind) in elements.items()))
    tables.put(
        "onet_ratings",
        ((code, eid, vals.get("IM"), vals.get("LV")) for (code, eid), vals in ratings.items()),
    )
    tables.coverage["occupations_with_onet_ratings"] = len({code for code, _ in ratings})


def _technology(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    data = read_onet(source, "Technology Skills")
    rows = {}
    for code, example, ccode, ctitle, hot, demand in columns(
        data,
        "O*NET-SOC Code",
        "Example",
        "Commodity Code",
        "Commodity Title",
        "Hot Technology",
        "In Demand",
    ):
        if code in occ and text(example):
            rows[(code, text(example))] = (
                code,
                text(example),
                integer(ccode),
                text(ctitle),
                int(hot == "Y"),
                int(demand == "Y"),
            )
    tables.put("technology_skills", rows.values())


def _isco(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    """SOC 2018 → SOC 2010 → ISCO-08 unit groups (BLS crosswalks)."""
    cw = source / "crosswalks"
    to2010: dict[str, set[str]] = defaultdict(set)
    x1018 = read_csv(cw / "crosswalk_soc2010_to_soc2018.csv")
    for old, new in columns(x1018, "2010 SOC Code", "2018 SOC Code"):
        to2010[soc6(new)].add(soc6(old))
    isco: dict[str, set[str]] = defaultdict(set)
    forward = read_csv(cw / "soc2010_to_isco08.csv")
    for soc, code in columns(forward, "2010 SOC Code", "ISCO-08 Code"):
        isco[soc6(soc)].add(code.strip().zfill(4))
    backward = read_csv(cw / "isco08_to_soc2010.csv")
    for code, soc in columns(backward, "ISCO-08 Code", "2010 SOC Code"):
        isco[soc6(soc)].add(code.strip().zfill(4))

    # Second route for SOC 2018 codes the SOC crosswalk lacks: the O*NET-SOC 2010 code
    # the occupation came from (O*NET's own 2010 → 2019 crosswalk).
    via_onet: dict[str, set[str]] = defaultdict(set)
    x19 = read_csv(cw / "2010_to_2019_soc_crosswalk.csv")
    for old, new in columns(x19, "O*NET-SOC 2010 Code", "O*NET-SOC 2019 Code"):
        via_onet[new.strip()].add(soc6(old))

    rows: set[Row] = set()
    second_route = 0
    for code, record in occ.items():
        groups = {g for s in to2010.get(record["soc2018"], set()) for g in isco.get(s, set())}
        if not groups:
            groups = {g for s in via_onet.get(code, set()) for g in isco.get(s, set())}
            second_route += bool(groups)
        rows.update((code, g) for g in groups if len(g) == 4 and g.isdigit())
    tables.put("occupation_isco", rows)
    tables.coverage["occupations_with_isco"] = len({code for code, _ in rows})
    tables.coverage["occupations_isco_via_onet_2010"] = second_route
