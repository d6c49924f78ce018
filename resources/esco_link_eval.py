"""Measure a database's O*NET -> ESCO occupation links against the careful-coder judgements.

`python resources/esco_link_eval.py [--db DB] [--old OLD_DB]` prints precision, recall and top-1 of
the links per split of `esco_link_judgements.tsv`; with `--old` it also compares two databases: how
many occupations change their link set or their best link, and which gain or lose stage, sound and
performance skills. `--sample` reproduces the judged sample. Never imported by the app.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "esco_link_judgements.tsv"
# The five occupations the issue names; judged separately from the random sample.
EXAMPLES = ("27-1024.00", "53-3032.00", "15-1252.00", "23-2011.00", "43-3031.00")
SAMPLE_SIZE = 120
SAMPLE_SEED = 20251206

# ISCO-08 unit groups of the performing arts, stage, sound and broadcast trades: musicians (2652),
# dancers and choreographers (2653), film/stage directors and producers (2654), actors (2655),
# creative and performing artists n.e.c. (2659), other artistic and cultural associate
# professionals such as stage, lighting and sound technicians (3435), broadcasting and
# audio-visual technicians (3521). ESCO occupations there, or with "performance" in their label
# ("performance video designer" sits with graphic designers in 2166), are stage occupations.
STAGE_GROUPS = ("2652", "2653", "2654", "2655", "2659", "3435", "3521")


@dataclass(frozen=True)
class Judged:
    split: str
    best: str
    keep: frozenset[str]  # best + keep: what a careful coder links
    fine: frozenset[str]  # best + keep + ok: not wrong to link


def read_judgements(path: Path = JUDGEMENTS) -> dict[str, Judged]:
    grades: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    splits: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, split, grade, uri, *_rest = line.split("\t")
        grades[code][grade].add(uri)
        splits[code] = split
    out = {}
    for code, by in grades.items():
        (best,) = by["best"]
        keep = frozenset(by["best"] | by["keep"])
        out[code] = Judged(splits[code], best, keep, frozenset(keep | by["ok"]))
    return out


def ranked_links(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Each occupation's linked ESCO URIs, best first.

    A database with a `rank` column is read in that order; an older one in the order the catalog
    used to show them (Nesta links by similarity, then the fallback by score, then label).
    """
    columns = {row[1] for row in db.execute("PRAGMA table_info(onet_esco)")}
    order = (
        "x.rank"
        if "rank" in columns
        else "x.method = 'isco_fallback', x.score IS NULL, x.score DESC, e.label"
    )
    out: dict[str, list[str]] = defaultdict(list)
    for code, uri in db.execute(
        "SELECT x.code, x.esco_uri FROM onet_esco AS x JOIN esco_occupations AS e "
        f"ON e.uri = x.esco_uri ORDER BY x.code, {order}"
    ):
        out[code].append(uri)
    return out


def figures(links: dict[str, list[str]], judged: dict[str, Judged], split: str) -> dict[str, float]:
    codes = [c for c, j in judged.items() if j.split == split]
    predicted = good = wanted = found = top1 = top1_keep = unlinked = 0
    for code in codes:
        j, mine = judged[code], links.get(code, [])
        predicted += len(mine)
        good += sum(uri in j.fine for uri in mine)
        wanted += len(j.keep)
        found += sum(uri in j.keep for uri in mine)
        top1 += bool(mine) and mine[0] == j.best
        top1_keep += bool(mine) and mine[0] in j.keep
        unlinked += not mine
    return {
        "occupations": len(codes),
        "links": predicted,
        "links_per_occupation": round(predicted / len(codes), 2),
        "precision": round(good / predicted, 3) if predicted else 0.0,
        "recall": round(found / wanted, 3),
        "top1": round(top1 / len(codes), 3),
        "top1_best_or_keep": round(top1_keep / len(codes), 3),
        "unlinked": unlinked,
    }


def stage_skill_ids(db: sqlite3.Connection) -> set[int]:
    """Stage, sound and performance skills, as ESCO itself draws them.

    A skill is one when at least half of the ESCO occupations that list it as essential are
    stage occupations ("analyse a script" 22 of 37, "communicate during show" 12 of 16, "assess
    power needs" 8 of 8; 435 skills in ESCO v1.1.1; "graphic design" 2 of 18 is not).
    """
    listed: Counter[int] = Counter()
    on_stage: Counter[int] = Counter()
    for skill, group, label in db.execute(
        "SELECT l.skill_id, coalesce(o.isco_group, ''), o.label FROM esco_occupation_skill_ids "
        "AS l JOIN esco_occupations AS o ON o.id = l.occupation_id WHERE l.essential = 1"
    ):
        listed[int(skill)] += 1
        on_stage[int(skill)] += str(group).startswith(STAGE_GROUPS) or "performance" in label
    return {skill for skill, n in listed.items() if 2 * on_stage[skill] >= n}


def linked_skills(db: sqlite3.Connection, uris: list[str], essential_only: bool) -> set[int]:
    if not uris:
        return set()
    marks = ",".join("?" * len(uris))
    sql = (
        "SELECT DISTINCT l.skill_id FROM esco_occupations AS o JOIN esco_occupation_skill_ids "
        f"AS l ON l.occupation_id = o.id WHERE o.uri IN ({marks})"
        + (" AND l.essential = 1" if essential_only else "")
    )
    return {int(skill) for (skill,) in db.execute(sql, uris)}


def stage_occupations(db: sqlite3.Connection) -> set[str]:
    """O*NET occupations of the stage trades themselves (an ISCO group in STAGE_GROUPS)."""
    marks = ",".join("?" * len(STAGE_GROUPS))
    sql = f"SELECT DISTINCT code FROM occupation_isco WHERE isco08 IN ({marks})"
    return {str(code) for (code,) in db.execute(sql, STAGE_GROUPS)}


def compare(new: sqlite3.Connection, old: sqlite3.Connection) -> None:
    a, b = ranked_links(old), ranked_links(new)
    codes = sorted(set(a) | set(b))
    changed = [c for c in codes if set(a.get(c, [])) != set(b.get(c, []))]
    best = [c for c in codes if a.get(c, [None])[0] != b.get(c, [None])[0]]
    print(f"occupations linked: {len(a)} -> {len(b)}")
    print(f"links: {sum(map(len, a.values()))} -> {sum(map(len, b.values()))}")
    print(f"link set changed: {len(changed)} of {len(codes)}; best link changed: {len(best)}")
    stage = stage_skill_ids(new)
    own_trade = stage_occupations(new)
    print(f"stage/sound/performance skills (ESCO-defined): {len(stage)}")
    for essential_only in (False, True):
        had = has = gained = lost = 0
        for code in codes:
            if code in own_trade:
                continue
            before = linked_skills(old, a.get(code, []), essential_only) & stage
            after = linked_skills(new, b.get(code, []), essential_only) & stage
            had += bool(before)
            has += bool(after)
            gained += bool(after) and not before
            lost += bool(before) and not after
        kind = "essential" if essential_only else "any (essential or optional)"
        print(
            f"occupations outside the stage trades ({len(codes) - len(own_trade & set(codes))}) "
            f"with {kind} stage skills: {had} -> {has} ({lost} lose them all, {gained} gain some)"
        )


def sample(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """The judged sample: SOC-group-stratified, fixed seed, alternately tune / report."""
    codes = [
        str(c)
        for (c,) in db.execute(
            "SELECT code FROM occupations WHERE code IN (SELECT code FROM tasks) ORDER BY code"
        )
        if c not in EXAMPLES
    ]
    groups: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        groups[code[:2]].append(code)
    quota = {g: SAMPLE_SIZE * len(v) / len(codes) for g, v in groups.items()}
    alloc = {g: int(q) for g, q in quota.items()}
    for g in sorted(quota, key=lambda g: -(quota[g] - alloc[g]))[
        : SAMPLE_SIZE - sum(alloc.values())
    ]:
        alloc[g] += 1
    rng = random.Random(SAMPLE_SEED)
    out = []
    toggle = 0
    for g in sorted(groups):
        picked = sorted(rng.sample(groups[g], alloc[g]))
        rng.shuffle(picked)
        for code in picked:
            out.append((code, "tune" if toggle % 2 == 0 else "report"))
            toggle += 1
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=HERE / "skillshift.db")
    parser.add_argument("--old", type=Path, help="a second database to compare with")
    parser.add_argument("--sample", action="store_true", help="print the judged sample")
    args = parser.parse_args(argv)
    db = sqlite3.connect(f"{args.db.resolve().as_uri()}?mode=ro", uri=True)
    if args.sample:
        for code, split in sample(db):
            print(f"{code}\t{split}")
        return 0
    judged = read_judgements()
    links = ranked_links(db)
    for split in ("tune", "report", "example"):
        print(split, figures(links, judged, split))
    if args.old:
        old = sqlite3.connect(f"{args.old.resolve().as_uri()}?mode=ro", uri=True)
        print("-- today's links (--old) on the same splits")
        old_links = ranked_links(old)
        for split in ("tune", "report", "example"):
            print(split, figures(old_links, judged, split))
        compare(db, old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
