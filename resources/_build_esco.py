"""ESCO v1.1.1 → skills, skill hierarchy, occupations, occupation–skill links; O*NET↔ESCO links."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from _build_common import Row, Tables, columns, number, read_csv, records, text

# Skill ids come first (1…), skill-group ids start here, so one integer space covers both.
GROUP_ID_BASE = 100_000
# How many ESCO occupations the ISCO fallback keeps per O*NET occupation.
FALLBACK_KEEP = 3

_STOP = {
    "a", "an", "and", "or", "of", "the", "in", "for", "to", "on", "with", "by", "at", "all",
    "other", "except", "including", "general", "worker", "workers", "occupation", "occupations",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


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


def _tokens(value: str) -> frozenset[str]:
    out = set()
    for word in _WORD.findall(value.lower()):
        if word in _STOP:
            continue
        # Crude plural folding: "nurses" and "nurse" should meet.
        plural = len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        out.add(word[:-1] if plural else word)
    return frozenset(out)


def _bag(value: str) -> Counter[str]:
    return Counter(w for w in _WORD.findall(value.lower()) if len(w) > 2 and w not in _STOP)


class _Ranker:
    """Scores ESCO occupations of an ISCO unit group against one O*NET occupation.

    score = 0.6 × IDF-weighted Jaccard of title words (best pair of O*NET title and ESCO
    label / alternative label) + 0.4 × IDF-weighted cosine of the two descriptions.
    IDF weighting keeps generic words ("technician", "teacher") from deciding the match;
    the weights were chosen by agreement with Nesta's links (see `fallback_agreement_*`).
    """

    TITLE_WEIGHT = 0.6
    DESCRIPTION_WEIGHT = 0.4

    def __init__(self, names: dict[str, list[str]], descriptions: dict[str, str]) -> None:
        self.names = {uri: [_tokens(n) for n in labels] for uri, labels in names.items()}
        self.bags = {uri: _bag(d) for uri, d in descriptions.items()}
        count = len(names) + 1
        name_df: Counter[str] = Counter()
        for token_sets in self.names.values():
            name_df.update(frozenset().union(*token_sets))
        desc_df: Counter[str] = Counter()
        for bag in self.bags.values():
            desc_df.update(bag.keys())
        self.name_idf = {t: math.log(count / (n + 1)) + 1 for t, n in name_df.items()}
        self.desc_idf = {t: math.log(count / (n + 1)) + 1 for t, n in desc_df.items()}
        self.default_idf = math.log(count) + 1
        self.vectors = {uri: self._vector(bag) for uri, bag in self.bags.items()}

    def _vector(self, bag: Counter[str]) -> tuple[dict[str, float], float]:
        vec = {t: n * self.desc_idf.get(t, self.default_idf) for t, n in bag.items()}
        return vec, math.sqrt(sum(v * v for v in vec.values()))

    def _jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        union = a | b
        if not union:
            return 0.0
        weight = self.name_idf.get
        inter = sum(weight(t, self.default_idf) for t in a & b)
        return inter / sum(weight(t, self.default_idf) for t in union)

    def rank(self, title: str, description: str, candidates: list[str]) -> list[tuple[float, str]]:
        mine = _tokens(title)
        vec, norm = self._vector(_bag(description))
        scored = []
        for uri in candidates:
            t_score = max((self._jaccard(mine, b) for b in self.names[uri]), default=0.0)
            other, other_norm = self.vectors[uri]
            dot = sum(v * other.get(t, 0.0) for t, v in vec.items())
            d_score = dot / (norm * other_norm) if norm and other_norm else 0.0
            score = self.TITLE_WEIGHT * t_score + self.DESCRIPTION_WEIGHT * d_score
            scored.append((round(score, 6), uri))
        # Best first; equal scores fall back to URI order so the build stays deterministic.
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored


def build_onet_esco(
    source: Path,
    tables: Tables,
    occ: dict[str, dict[str, Any]],
    lookups: dict[str, Any],
) -> None:
    """Nesta's crosswalk (O*NET-SOC 2010 → 2019), then an ISCO-08 fallback for the rest."""
    occ_id: dict[str, int] = lookups["occ_id"]
    to2019: dict[str, set[str]] = defaultdict(set)
    x19 = read_csv(source / "crosswalks" / "2010_to_2019_soc_crosswalk.csv")
    for old, new in columns(x19, "O*NET-SOC 2010 Code", "O*NET-SOC 2019 Code"):
        to2019[old.strip()].add(new.strip())

    nesta = read_csv(source / "nesta" / "esco_onet_crosswalk_Nov2020.csv")
    links: dict[tuple[str, str], Row] = {}
    unknown_uri = 0
    for old, uri, similarity, confidence in columns(
        nesta, "onet_code", "concept_uri", "semantic_similarity", "confidence"
    ):
        if uri not in occ_id:
            unknown_uri += 1
            continue
        for code in sorted(to2019.get(old.strip(), set())):
            if code not in occ:
                continue
            key = (code, uri)
            score = number(similarity)
            held = links.get(key)
            # Two 2010 codes can fold into one 2019 code; keep the stronger evidence.
            if held is None or (score or 0.0) > (held[3] or 0.0):
                links[key] = (code, uri, "nesta", score, number(confidence))
    coded_tasks = {row[1] for row in tables.rows["tasks"]}
    nesta_links: dict[str, set[str]] = defaultdict(set)
    for code, uri in links:
        nesta_links[code].add(uri)

    isco: dict[str, set[str]] = defaultdict(set)
    for code, group in tables.rows["occupation_isco"]:
        isco[code].add(group)
    ranker = _Ranker(lookups["occ_names"], lookups["occ_descriptions"])

    def ranked(code: str) -> list[tuple[float, str]]:
        candidates = sorted({u for g in isco.get(code, ()) for u in lookups["by_isco"].get(g, [])})
        record = occ[code]
        return ranker.rank(record["title"], record.get("description") or "", candidates)

    fallback_codes = 0
    top1 = top3 = tried = 0
    for code in sorted(occ):
        scored = ranked(code)
        if code in nesta_links:
            # Measure the fallback where Nesta gives the answer, so its quality is on record.
            if scored:
                tried += 1
                top1 += scored[0][1] in nesta_links[code]
                top3 += any(uri in nesta_links[code] for _s, uri in scored[:FALLBACK_KEEP])
            continue
        kept = [(uri, score) for score, uri in scored[:FALLBACK_KEEP] if score > 0]
        # Some unit groups hold no ESCO occupation (ISCO 3221 nursing associate professionals,
        # 2240 paramedical practitioners …); widening to the minor group was tried and gave
        # links such as remote sensing scientists → army corporal, so those stay unlinked.
        for uri, score in kept:
            links[(code, uri)] = (code, uri, "isco_fallback", round(score, 4), None)
        fallback_codes += bool(kept)
    tables.put("onet_esco", links.values())

    linked = {code for code, _ in links}
    cov = tables.coverage
    cov["nesta_rows_in_file"] = len(nesta)
    cov["nesta_rows_unknown_esco_uri"] = unknown_uri
    cov["onet_esco_nesta_occupations"] = len(nesta_links)
    cov["onet_esco_nesta_occupations_with_tasks"] = len(set(nesta_links) & coded_tasks)
    cov["onet_esco_fallback_occupations"] = fallback_codes
    cov["onet_esco_occupations"] = len(linked)
    cov["onet_esco_occupations_with_tasks"] = len(linked & coded_tasks)
    cov["occupations_with_tasks_total"] = len(coded_tasks)
    cov["fallback_agreement_checked"] = tried
    cov["fallback_agreement_top1"] = round(top1 / tried, 4) if tried else None
    cov["fallback_agreement_top3"] = round(top3 / tried, 4) if tried else None
