"""ESCO v1.1.1 → skills, skill hierarchy, occupations, occupation–skill links."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from _build_common import Row, Tables, columns, read_csv, records, text

# Skill ids come first (1…), skill-group ids start here, so one integer space covers both.
GROUP_ID_BASE = 100_000


def _labels(value: str) -> str | None:
    """ESCO keeps alternative labels one per line; drop blanks and duplicates, keep order."""
    seen: list[str] = []
    for line in value.splitlines():
        item = line.strip()
        if item and item not in seen:
            seen.append(item)
    return "\n".join(seen) or None


def build_esco(source: Path, tables: Tables) -> dict[str, Any]:
    """Fill the ESCO tables; return the lookups the O*NET↔ESCO step needs."""
    esco = source / "esco"
    skills = sorted(records(read_csv(esco / "skills_en.csv")), key=lambda r: r["conceptUri"])
    skill_id: dict[str, int] = {}
    rows: list[Row] = []
    for n, rec in enumerate(skills, start=1):
        skill_id[rec["conceptUri"]] = n
        rows.append(
            (
                n,
                rec["conceptUri"],
                text(rec["preferredLabel"]),
                _labels(rec["altLabels"]),
                text(rec["description"]),
                text(rec["skillType"]),
                text(rec["reuseLevel"]),
            )
        )
    tables.put("esco_skills", rows)

    occupations = sorted(
        records(read_csv(esco / "occupations_en.csv")), key=lambda r: r["conceptUri"]
    )
    occ_id: dict[str, int] = {}
    occ_rows: list[Row] = []
    occ_names: dict[str, list[str]] = {}
    occ_descriptions: dict[str, str] = {}
    by_isco: dict[str, list[str]] = defaultdict(list)
    for n, rec in enumerate(occupations, start=1):
        occ_id[rec["conceptUri"]] = n
        isco = rec["iscoGroup"].strip().zfill(4) if text(rec["iscoGroup"]) else None
        occ_rows.append(
            (
                n,
                rec["conceptUri"],
                text(rec["preferredLabel"]),
                _labels(rec["altLabels"]),
                text(rec["description"]),
                isco,
                text(rec["code"]),
            )
        )
        occ_names[rec["conceptUri"]] = [rec["preferredLabel"], *(rec["altLabels"].splitlines())]
        occ_descriptions[rec["conceptUri"]] = rec["description"]
        if isco:
            by_isco[isco].append(rec["conceptUri"])
    tables.put("esco_occupations", occ_rows)

    links = read_csv(esco / "occupationSkillRelations.csv")
    link_rows: dict[tuple[int, int], Row] = {}
    orphan_rows = 0
    orphan_occupations: set[str] = set()
    for occ_uri, relation, skill_uri in columns(links, "occupationUri", "relationType", "skillUri"):
        if occ_uri not in occ_id or skill_uri not in skill_id:
            # The file links one occupation URI that occupations_en.csv does not describe;
            # without a label or ISCO group nothing can reach it, so its links are left out.
            orphan_rows += 1
            orphan_occupations.add(occ_uri)
            continue
        key = (occ_id[occ_uri], skill_id[skill_uri])
        link_rows[key] = (*key, int(relation == "essential"))
    tables.put("esco_occupation_skill_ids", link_rows.values())
    tables.coverage["esco_occupation_skill_rows_in_file"] = len(links)
    tables.coverage["esco_occupation_skill_rows_unknown_occupation"] = orphan_rows
    tables.coverage["esco_unknown_occupation_uris"] = sorted(orphan_occupations)

    _hierarchy(esco, tables, skill_id)

    related = read_csv(esco / "skillSkillRelations.csv")
    tables.put(
        "esco_skill_relations",
        {
            (a, b, kind)
            for a, kind, b in columns(
                related, "originalSkillUri", "relationType", "relatedSkillUri"
            )
            if a in skill_id and b in skill_id
        },
    )
    return {
        "occ_names": occ_names,
        "occ_descriptions": occ_descriptions,
        "by_isco": by_isco,
        "occ_id": occ_id,
    }


def _hierarchy(esco: Path, tables: Tables, skill_id: dict[str, int]) -> None:
    groups: dict[str, tuple[str | None, str | None]] = {}
    listed = read_csv(esco / "skillGroups_en.csv")
    for uri, label, code in columns(listed, "conceptUri", "preferredLabel", "code"):
        groups[uri] = (text(label), text(code))
    # skillsHierarchy_en.csv names every group on levels 0–3 (seven of them are missing from
    # skillGroups_en.csv but are parents in broaderRelationsSkillPillar.csv) and gives the level.
    level: dict[str, int] = {}
    tree = read_csv(esco / "skillsHierarchy_en.csv")
    for rec in records(tree):
        for depth in range(4):
            uri = rec[f"Level {depth} URI"].strip()
            if not uri:
                continue
            level.setdefault(uri, depth)
            if uri not in groups:
                groups[uri] = (
                    text(rec[f"Level {depth} preferred term"]),
                    text(rec[f"Level {depth} code"]),
                )
            elif groups[uri][1] is None and text(rec[f"Level {depth} code"]):
                groups[uri] = (groups[uri][0], text(rec[f"Level {depth} code"]))
    tables.put(
        "esco_skill_groups",
        (
            (GROUP_ID_BASE + n, uri, groups[uri][0], groups[uri][1], level.get(uri))
            for n, uri in enumerate(sorted(groups), start=1)
        ),
    )
    known = set(skill_id) | set(groups)
    broader = read_csv(esco / "broaderRelationsSkillPillar.csv")
    pairs = set()
    unresolved = 0
    for child, parent in columns(broader, "conceptUri", "broaderUri"):
        if child in known and parent in known:
            pairs.add((child, parent))
        else:
            unresolved += 1
    tables.put("esco_skill_hierarchy", pairs)
    tables.coverage["esco_hierarchy_unresolved_rows"] = unresolved
