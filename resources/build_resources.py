"""Build resources/skillshift.db from the raw source data (run by `make resources`)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))

from app.offline import disable_telemetry  # noqa: E402

disable_telemetry()  # the database build needs no model, but no run may ever phone home

from _build_common import Row, Tables  # noqa: E402
from _build_esco import build_esco  # noqa: E402
from _build_exposure import (  # noqa: E402
    MS_IWA_COLUMNS,
    build_eloundou_tasks,
    build_exposure_rest,
)
from _build_labour import OEWS_TOP_CODE, build_labour  # noqa: E402
from _build_links import build_onet_esco  # noqa: E402
from _build_onet import build_onet  # noqa: E402

from app.core import integrity  # noqa: E402
from app.core.db import SCHEMA_VERSION, content_hash  # noqa: E402

OCCUPATION_COLUMNS = (
    "code", "title", "description", "job_zone", "education", "experience", "soc2018",
    "wage_median", "wage_p10", "wage_p90", "employment", "growth_pct", "openings",
    "bright_outlook", "education_level", "experience_level", "wage_code", "wage_basis",
    "wage_topcoded", "outlook_code", "outlook_basis",
)  # fmt: skip

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources (
    id TEXT PRIMARY KEY, publisher TEXT NOT NULL, dataset TEXT NOT NULL, version TEXT NOT NULL,
    licence TEXT NOT NULL, url TEXT NOT NULL, attribution TEXT NOT NULL, rows TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE occupations (
    code TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT, job_zone INTEGER,
    education TEXT, experience TEXT, soc2018 TEXT NOT NULL,
    wage_median INTEGER, wage_p10 INTEGER, wage_p90 INTEGER, employment INTEGER,
    growth_pct REAL, openings REAL, bright_outlook INTEGER,
    education_level INTEGER, experience_level INTEGER,
    wage_code TEXT, wage_basis TEXT, wage_topcoded INTEGER,
    outlook_code TEXT, outlook_basis TEXT
) WITHOUT ROWID;
CREATE TABLE occupation_isco (
    code TEXT NOT NULL, isco08 TEXT NOT NULL, PRIMARY KEY (code, isco08)
) WITHOUT ROWID;
CREATE INDEX occupation_isco_group ON occupation_isco (isco08);
CREATE TABLE titles (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL
);
CREATE INDEX titles_code ON titles (code);
CREATE TABLE tasks (
    task_id INTEGER PRIMARY KEY, code TEXT NOT NULL, task TEXT NOT NULL, task_type TEXT
);
CREATE INDEX tasks_code ON tasks (code);
CREATE TABLE iwas (
    iwa_id TEXT PRIMARY KEY, title TEXT NOT NULL, element_id TEXT NOT NULL,
    element_name TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE dwas (dwa_id TEXT PRIMARY KEY, title TEXT NOT NULL, iwa_id TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE task_dwas (
    task_id INTEGER NOT NULL, dwa_id TEXT NOT NULL, PRIMARY KEY (task_id, dwa_id)
) WITHOUT ROWID;
CREATE INDEX task_dwas_dwa ON task_dwas (dwa_id);
CREATE TABLE onet_elements (element_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE onet_ratings (
    code TEXT NOT NULL, element_id TEXT NOT NULL, importance REAL, level REAL,
    PRIMARY KEY (code, element_id)
) WITHOUT ROWID;
CREATE TABLE technology_skills (
    code TEXT NOT NULL, example TEXT NOT NULL, commodity_code INTEGER, commodity_title TEXT,
    hot INTEGER NOT NULL, in_demand INTEGER NOT NULL, PRIMARY KEY (code, example)
) WITHOUT ROWID;
CREATE TABLE esco_skills (
    id INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE, label TEXT NOT NULL, alt_labels TEXT,
    description TEXT, skill_type TEXT, reuse_level TEXT
);
CREATE TABLE esco_skill_groups (
    id INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE, label TEXT, code TEXT, level INTEGER
);
CREATE TABLE esco_skill_hierarchy (
    child_uri TEXT NOT NULL, parent_uri TEXT NOT NULL, PRIMARY KEY (child_uri, parent_uri)
) WITHOUT ROWID;
CREATE INDEX esco_skill_hierarchy_parent ON esco_skill_hierarchy (parent_uri);
CREATE TABLE esco_skill_relations (
    skill_uri TEXT NOT NULL, related_uri TEXT NOT NULL, relation_type TEXT NOT NULL,
    PRIMARY KEY (skill_uri, related_uri, relation_type)
) WITHOUT ROWID;
CREATE TABLE esco_occupations (
    id INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE, label TEXT NOT NULL, alt_labels TEXT,
    description TEXT, isco_group TEXT, esco_code TEXT
);
CREATE INDEX esco_occupations_isco ON esco_occupations (isco_group);
CREATE TABLE esco_occupation_skill_ids (
    occupation_id INTEGER NOT NULL, skill_id INTEGER NOT NULL, essential INTEGER NOT NULL,
    PRIMARY KEY (occupation_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX esco_occupation_skill_ids_skill ON esco_occupation_skill_ids (skill_id);
CREATE VIEW esco_occupation_skills AS
    SELECT o.uri AS occupation_uri, s.uri AS skill_uri,
           CASE l.essential WHEN 1 THEN 'essential' ELSE 'optional' END AS relation
    FROM esco_occupation_skill_ids AS l
    JOIN esco_occupations AS o ON o.id = l.occupation_id
    JOIN esco_skills AS s ON s.id = l.skill_id;
CREATE TABLE onet_esco (
    code TEXT NOT NULL, esco_uri TEXT NOT NULL, rank INTEGER NOT NULL, method TEXT NOT NULL,
    score REAL NOT NULL, confidence REAL, PRIMARY KEY (code, esco_uri), UNIQUE (code, rank)
) WITHOUT ROWID;
CREATE INDEX onet_esco_uri ON onet_esco (esco_uri);
CREATE TABLE exposure_tasks (
    task_id INTEGER PRIMARY KEY, code TEXT NOT NULL, human_label TEXT, gpt4_label TEXT,
    gpt4_automation TEXT, human_automation TEXT
);
CREATE INDEX exposure_tasks_code ON exposure_tasks (code);
CREATE TABLE exposure_occupations (
    code TEXT PRIMARY KEY, human_alpha REAL, human_beta REAL, human_gamma REAL,
    gpt4_alpha REAL, gpt4_beta REAL, gpt4_gamma REAL, ms_applicability REAL, ms_soc TEXT
) WITHOUT ROWID;
CREATE TABLE ms_iwa (
    iwa_id TEXT PRIMARY KEY, {", ".join(f"{c} REAL" for c in MS_IWA_COLUMNS)}
) WITHOUT ROWID;
CREATE TABLE anthropic_tasks (
    task_id INTEGER PRIMARY KEY, usage_pct REAL NOT NULL, matched_text TEXT NOT NULL,
    shared_by INTEGER NOT NULL
);
CREATE TABLE anthropic_split (interaction_type TEXT PRIMARY KEY, share REAL NOT NULL)
    WITHOUT ROWID;
"""

# Table order for inserts; `occupations` first so every later row has its parent.
INSERT_ORDER = (
    "occupations", "occupation_isco", "titles", "tasks", "iwas", "dwas", "task_dwas",
    "onet_elements", "onet_ratings", "technology_skills", "esco_skills", "esco_skill_groups",
    "esco_skill_hierarchy", "esco_skill_relations", "esco_occupations",
    "esco_occupation_skill_ids", "onet_esco", "exposure_tasks", "exposure_occupations",
    "ms_iwa", "anthropic_tasks", "anthropic_split",
)  # fmt: skip

VERSIONS = {
    "onet": "30.1 (December 2025)",
    "esco": "v1.1.1",
    "eloundou": "GitHub repository as of 2025-10",
    "microsoft": "2025 (arXiv:2507.07935)",
    "anthropic": "Economic Index release 2025-02-10",
    "bls_oews": "May 2024",
    "bls_projections": "2024–34",
    "crosswalks": "O*NET-SOC 2010→2019, O*NET-SOC 2019→SOC 2018, SOC 2010→2018, SOC 2010↔ISCO-08",
    "nesta": "Mapping Career Causeways crosswalk, November 2020",
}


def _sources() -> list[dict[str, Any]]:
    """One record per dataset; `tables` says which tables carry its data."""
    return [
        {
            "id": "onet",
            "publisher": "U.S. Department of Labor, Employment and Training Administration "
            "(USDOL/ETA); National Center for O*NET Development",
            "dataset": "O*NET Database",
            "licence": "CC BY 4.0",
            "url": "https://www.onetcenter.org/database.html",
            "attribution": "This product incorporates information from the O*NET 30.1 Database "
            "(https://www.onetcenter.org/database.html) by the U.S. Department of Labor, "
            "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
            "license (https://www.onetcenter.org/license_db.html). O*NET® is a trademark of "
            "USDOL/ETA. SkillShift has modified all or some of this information: occupations, "
            "titles, tasks, work activities, skills, knowledge and technology ratings were "
            "converted into SkillShift's database, typical education and experience were derived "
            "from the category shares, and the data were joined to other sources. USDOL/ETA has "
            "not approved, endorsed, or tested these modifications.",
            "tables": [
                "occupations",
                "titles",
                "tasks",
                "iwas",
                "dwas",
                "task_dwas",
                "onet_elements",
                "onet_ratings",
                "technology_skills",
            ],
        },
        {
            "id": "esco",
            "publisher": "European Commission",
            "dataset": "ESCO (European Skills, Competences, Qualifications and Occupations)",
            "licence": "© European Union; reuse authorised under Commission Decision 2011/833/EU",
            "url": "https://esco.ec.europa.eu/",
            "attribution": "This product uses the ESCO classification of the European "
            "Commission, version 1.1.1 (© European Union, https://esco.ec.europa.eu/). Reuse is "
            "authorised under Commission Decision 2011/833/EU of 12 December 2011 on the reuse "
            "of Commission documents, provided the source is acknowledged. SkillShift has "
            "converted the English skills, skill groups, skill relations, occupations and "
            "occupation–skill relations into its database and matched them to O*NET "
            "occupations; the European Commission is not responsible for these changes or for "
            "any use made of them.",
            "tables": [
                "esco_skills",
                "esco_skill_groups",
                "esco_skill_hierarchy",
                "esco_skill_relations",
                "esco_occupations",
                "esco_occupation_skill_ids",
            ],
        },
        {
            "id": "nesta",
            "publisher": "Nesta",
            "dataset": "Mapping Career Causeways: ESCO–O*NET occupation crosswalk",
            "licence": "MIT",
            "url": "https://github.com/nestauk/mapping-career-causeways",
            "attribution": "ESCO–O*NET links from Nesta's Mapping Career Causeways project "
            "(Nesta, 2020), MIT licence. SkillShift "
            "converted the O*NET-SOC 2010 codes to O*NET-SOC 2019 with the O*NET Center "
            "crosswalk and used its links as one piece of evidence among title, description "
            "and ISCO-08 agreement when choosing and ranking each occupation's ESCO links.",
            "tables": ["onet_esco"],
        },
        {
            "id": "eloundou",
            "publisher": "Eloundou, Manning, Mishkin, Rock (OpenAI / OpenResearch / UPenn)",
            "dataset": "GPTs are GPTs: labour market impact potential of LLMs (Science 2024)",
            "licence": "MIT (Copyright (c) 2024 OpenAI)",
            "url": "https://github.com/openai/GPTs-are-GPTs",
            "attribution": "Task exposure labels (E0/E1/E2), automation labels (T0–T4) and "
            "occupation alpha/beta/gamma scores from T. Eloundou, S. Manning, P. Mishkin, D. "
            'Rock, "GPTs are GPTs: Labor market impact potential of LLMs", Science '
            "(2024); data Copyright (c) 2024 OpenAI, MIT licence. SkillShift kept the labels "
            "of tasks that exist in O*NET 30.1 and converted them into its database.",
            "tables": ["exposure_tasks", "exposure_occupations"],
        },
        {
            "id": "microsoft",
            "publisher": "Microsoft Research (Tomlinson, Jaffe, Wang, Counts, Suri)",
            "dataset": "Working with AI: Measuring the Applicability of Generative AI to "
            "Occupations",
            "licence": "CC BY 4.0",
            "url": "https://arxiv.org/abs/2507.07935",
            "attribution": "AI applicability scores and IWA metrics from K. Tomlinson, S. "
            'Jaffe, W. Wang, S. Counts, S. Suri, "Working with AI: Measuring the Applicability '
            'of Generative AI to Occupations", arXiv:2507.07935 (2025), CC BY 4.0. SkillShift '
            "matched the SOC 2018 scores to O*NET-SOC 2019 occupations and converted them into "
            "its database. The scores describe Copilot usage; they do not measure whether AI "
            "can replace a job.",
            "tables": ["exposure_occupations", "ms_iwa"],
        },
        {
            "id": "anthropic",
            "publisher": "Anthropic",
            "dataset": "Anthropic Economic Index",
            "licence": "MIT",
            "url": "https://huggingface.co/datasets/Anthropic/EconomicIndex",
            "attribution": "Share of Claude conversations per O*NET task and the automation vs "
            "augmentation split from the Anthropic Economic Index (K. Handa, A. Tamkin et al., "
            '"Which Economic Tasks are Performed with AI? Evidence from Millions of Claude '
            'Conversations", 2025), released by Anthropic under the MIT licence (its README '
            "states CC BY for the data; this attribution serves both). SkillShift matched the "
            "task statements to O*NET 30.1 tasks by normalised text.",
            "tables": ["anthropic_tasks", "anthropic_split"],
        },
        {
            "id": "bls_oews",
            "publisher": "U.S. Bureau of Labor Statistics",
            "dataset": "Occupational Employment and Wage Statistics (OEWS), national",
            "licence": "Public domain",
            "url": "https://www.bls.gov/oes/",
            "attribution": "Wages and employment: U.S. Bureau of Labor Statistics, Occupational "
            "Employment and Wage Statistics, May 2024 national estimates (public domain). "
            "SkillShift matched SOC 2018 codes to O*NET-SOC occupations (falling back to the "
            f"broad group where needed) and stores annual wages at or above ${OEWS_TOP_CODE:,} "
            "as that cap.",
            "tables": ["occupations"],
        },
        {
            "id": "bls_projections",
            "publisher": "U.S. Bureau of Labor Statistics",
            "dataset": "Employment Projections 2024–34, occupational projections (Table 1.2)",
            "licence": "Public domain",
            "url": "https://www.bls.gov/emp/",
            "attribution": "Growth and openings: U.S. Bureau of Labor Statistics, Employment "
            "Projections program, 2024–34 (public domain). SkillShift matched them to O*NET-SOC "
            "occupations and derived its own bright-outlook flag from them.",
            "tables": ["occupations"],
        },
        {
            "id": "crosswalks",
            "publisher": "U.S. Bureau of Labor Statistics; National Center for O*NET Development",
            "dataset": "Occupation code crosswalks",
            "licence": "Public domain",
            "url": "https://www.bls.gov/soc/ ; https://www.onetcenter.org/taxonomy.html",
            "attribution": "Code crosswalks (O*NET-SOC 2010→2019, O*NET-SOC 2019→SOC 2018, "
            "O*NET-SOC→National Employment Matrix, SOC 2010→2018, SOC 2010↔ISCO-08) from the "
            "U.S. Bureau of Labor Statistics and the O*NET Center (public domain). SkillShift "
            "used them to derive SOC 2018 and ISCO-08 codes and to join datasets.",
            "tables": ["occupation_isco"],
        },
    ]


def _insert(db: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    if not rows:
        return
    marks = ", ".join("?" * len(rows[0]))
    db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def build(source: Path, out: Path, *, phase: str = "all") -> dict[str, Any]:
    """Build the database into `out` (atomically); return the coverage figures."""
    started = time.monotonic()
    tables = Tables()
    occ = build_onet(source, tables)
    lookups = build_esco(source, tables)
    build_eloundou_tasks(source, tables)
    if phase == "all":
        build_labour(source, tables, occ)
        build_onet_esco(source, tables, occ, lookups)
        build_exposure_rest(source, tables, occ)
    tables.put("occupations", (tuple(r.get(c) for c in OCCUPATION_COLUMNS) for r in occ.values()))

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        # A fixed page size and no journal file: the same input gives the same bytes.
        db.execute("PRAGMA page_size = 4096")
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        for table in INSERT_ORDER:
            if table in tables.rows:
                _insert(db, table, tables.rows[table])
        counts = {t: len(tables.rows[t]) for t in INSERT_ORDER if t in tables.rows}
        for record in _sources():
            rows = {t: counts[t] for t in record["tables"] if t in counts}
            db.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record["id"],
                    record["publisher"],
                    record["dataset"],
                    VERSIONS[record["id"]],
                    record["licence"],
                    record["url"],
                    record["attribution"],
                    json.dumps(rows, sort_keys=True),
                ),
            )
        db.commit()
        coverage = dict(sorted(tables.coverage.items()))
        coverage["occupations"] = counts["occupations"]
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "built_from": json.dumps(VERSIONS, ensure_ascii=False, sort_keys=True),
            "coverage": json.dumps(coverage, ensure_ascii=False, sort_keys=True),
            "phase": phase,
            "row_counts": json.dumps(counts, sort_keys=True),
        }
        meta["content_hash"] = content_hash(db)
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        db.commit()
        db.execute("VACUUM")
        problems = db.execute("PRAGMA integrity_check").fetchone()[0]
        if problems != "ok":
            raise RuntimeError(f"integrity check failed: {problems}")
    finally:
        db.close()
    tmp.replace(out)
    coverage["build_seconds"] = round(time.monotonic() - started, 1)
    coverage["content_hash"] = meta["content_hash"]
    return coverage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=HERE / "skillshift.db")
    parser.add_argument(
        "--phase",
        choices=("core", "all"),
        default="all",
        help="'core' builds only the O*NET, ESCO and Eloundou task tables (quick check)",
    )
    args = parser.parse_args(argv)
    source = args.source.resolve()
    if not (source / "onet" / "Occupation Data.txt").is_file():
        parser.error(f"no source data in {source} (expected onet/, esco/, bls/ … folders)")
    coverage = build(source, args.out.resolve(), phase=args.phase)
    integrity.record_files([args.out.resolve()])  # the bundle's manifest of checksums
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {coverage['build_seconds']} s")
    for key, value in coverage.items():
        print(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
