"""The embedded database: counts, foreign keys, value rules, coverage and determinism."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import paths
from app.core.db import SCHEMA_VERSION, content_hash

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "data"
DB = paths.resource_path("skillshift.db")


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    assert DB.is_file(), f"{DB} is missing; run `make resources`"
    connection = sqlite3.connect(f"{DB.as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()


def scalar(db: sqlite3.Connection, sql: str, *params: object) -> Any:
    return db.execute(sql, params).fetchone()[0]


def coverage(db: sqlite3.Connection) -> dict[str, Any]:
    raw = scalar(db, "SELECT value FROM meta WHERE key = 'coverage'")
    assert isinstance(raw, str)
    out: dict[str, Any] = json.loads(raw)
    return out


# Counts taken from the source files (wc / csv reader over /work/shared/data).
@pytest.mark.parametrize(
    ("table", "rows"),
    [
        ("occupations", 1016),
        ("tasks", 18796),
        ("esco_skills", 13896),
        ("esco_occupations", 3007),
        ("esco_skill_hierarchy", 20656),
        ("esco_skill_relations", 5899),
        ("esco_skill_groups", 647),
        ("iwas", 332),
        ("dwas", 2087),
        ("task_dwas", 23850),
        ("technology_skills", 32773),
        ("exposure_tasks", 16052),
        ("anthropic_split", 6),
        ("sources", 9),
    ],
)
def test_row_counts(db: sqlite3.Connection, table: str, rows: int) -> None:
    assert scalar(db, f"SELECT COUNT(*) FROM {table}") == rows


def test_occupation_skill_links_account_for_every_file_row(db: sqlite3.Connection) -> None:
    cov = coverage(db)
    stored = scalar(db, "SELECT COUNT(*) FROM esco_occupation_skills")
    assert cov["esco_occupation_skill_rows_in_file"] == 123855
    # One occupation URI in the relations file has no entry in occupations_en.csv.
    assert cov["esco_unknown_occupation_uris"] == [
        "http://data.europa.eu/esco/occupation/a9e54177-a185-404d-b6e6-15663d31137e"
    ]
    assert stored == 123855 - cov["esco_occupation_skill_rows_unknown_occupation"] == 123788
    # The view loses nothing against its id table.
    assert stored == scalar(db, "SELECT COUNT(*) FROM esco_occupation_skill_ids")
    essential = scalar(
        db, "SELECT COUNT(*) FROM esco_occupation_skills WHERE relation = 'essential'"
    )
    assert essential == scalar(
        db, "SELECT COUNT(*) FROM esco_occupation_skill_ids WHERE essential = 1"
    )


def test_eloundou_rows_kept_and_dropped(db: sqlite3.Connection) -> None:
    cov = coverage(db)
    assert cov["eloundou_label_rows_in_file"] == 16504
    assert (
        cov["eloundou_label_rows_kept"] + cov["eloundou_label_rows_dropped_unknown_task"] == 16504
    )
    assert cov["eloundou_label_rows_kept"] == scalar(db, "SELECT COUNT(*) FROM exposure_tasks")


FOREIGN_KEYS = [
    ("titles", "code", "occupations", "code"),
    ("tasks", "code", "occupations", "code"),
    ("occupation_isco", "code", "occupations", "code"),
    ("task_dwas", "task_id", "tasks", "task_id"),
    ("task_dwas", "dwa_id", "dwas", "dwa_id"),
    ("dwas", "iwa_id", "iwas", "iwa_id"),
    ("onet_ratings", "code", "occupations", "code"),
    ("onet_ratings", "element_id", "onet_elements", "element_id"),
    ("technology_skills", "code", "occupations", "code"),
    ("onet_esco", "code", "occupations", "code"),
    ("onet_esco", "esco_uri", "esco_occupations", "uri"),
    ("exposure_tasks", "task_id", "tasks", "task_id"),
    ("exposure_tasks", "code", "occupations", "code"),
    ("exposure_occupations", "code", "occupations", "code"),
    ("ms_iwa", "iwa_id", "iwas", "iwa_id"),
    ("anthropic_tasks", "task_id", "tasks", "task_id"),
    ("esco_occupation_skill_ids", "occupation_id", "esco_occupations", "id"),
    ("esco_occupation_skill_ids", "skill_id", "esco_skills", "id"),
    ("esco_skill_relations", "skill_uri", "esco_skills", "uri"),
    ("esco_skill_relations", "related_uri", "esco_skills", "uri"),
]


@pytest.mark.parametrize(("child", "column", "parent", "key"), FOREIGN_KEYS)
def test_foreign_key_resolves(
    db: sqlite3.Connection, child: str, column: str, parent: str, key: str
) -> None:
    assert scalar(db, f"SELECT COUNT(*) FROM {child}") > 0
    dangling = scalar(
        db,
        f"SELECT COUNT(*) FROM {child} WHERE {column} IS NULL "
        f"OR {column} NOT IN (SELECT {key} FROM {parent})",
    )
    assert dangling == 0


@pytest.mark.parametrize("column", ["child_uri", "parent_uri"])
def test_hierarchy_ends_are_skills_or_groups(db: sqlite3.Connection, column: str) -> None:
    dangling = scalar(
        db,
        f"SELECT COUNT(*) FROM esco_skill_hierarchy WHERE {column} NOT IN "
        "(SELECT uri FROM esco_skills UNION SELECT uri FROM esco_skill_groups)",
    )
    assert dangling == 0


def test_exposure_task_codes_match_their_tasks(db: sqlite3.Connection) -> None:
    assert (
        scalar(
            db,
            "SELECT COUNT(*) FROM exposure_tasks AS e JOIN tasks AS t USING (task_id) "
            "WHERE e.code != t.code",
        )
        == 0
    )


def test_integrity_and_schema_version(db: sqlite3.Connection) -> None:
    assert scalar(db, "PRAGMA integrity_check") == "ok"
    assert scalar(db, "SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
    assert scalar(db, "SELECT value FROM meta WHERE key = 'phase'") == "all"


def test_size_budget() -> None:
    assert DB.stat().st_size <= 60 * 1024 * 1024


def test_value_domains(db: sqlite3.Connection) -> None:
    def distinct(sql: str) -> set[object]:
        return {row[0] for row in db.execute(sql)}

    assert distinct("SELECT DISTINCT job_zone FROM occupations") <= {1, 2, 3, 4, 5, None}
    assert distinct("SELECT DISTINCT source FROM titles") == {
        "occupation",
        "alternate",
        "short",
        "reported",
    }
    assert distinct("SELECT DISTINCT task_type FROM tasks") == {"Core", "Supplemental", None}
    assert distinct("SELECT DISTINCT kind FROM onet_elements") == {"skill", "knowledge"}
    assert distinct("SELECT DISTINCT method FROM onet_esco") == {"nesta", "isco", "title", "text"}
    assert distinct("SELECT DISTINCT relation FROM esco_occupation_skills") == {
        "essential",
        "optional",
    }
    labels = distinct(
        "SELECT human_label FROM exposure_tasks UNION SELECT gpt4_label FROM exposure_tasks"
    )
    assert labels <= {"E0", "E1", "E2", None}
    assert "E2" in labels
    automation = distinct(
        "SELECT gpt4_automation FROM exposure_tasks "
        "UNION SELECT human_automation FROM exposure_tasks"
    )
    assert automation <= {"T0", "T1", "T2", "T3", "T4", None}
    # Every occupation has exactly one 'occupation' title, equal to its own title.
    assert (
        scalar(
            db,
            "SELECT COUNT(*) FROM occupations AS o JOIN titles AS t "
            "ON t.code = o.code AND t.source = 'occupation' AND t.title = o.title",
        )
        == 1016
    )
    assert (
        scalar(
            db,
            "SELECT COUNT(*) FROM (SELECT code, lower(title), source FROM titles "
            "GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)",
        )
        == 0
    )
    ratings = db.execute(
        "SELECT MIN(importance), MAX(importance), MIN(level), MAX(level) FROM onet_ratings"
    ).fetchone()
    assert 1 <= ratings[0] <= ratings[1] <= 5
    assert 0 <= ratings[2] <= ratings[3] <= 7
    # Anthropic's published shares cover 84 % of conversations; stored as fractions.
    shares = [row[0] for row in db.execute("SELECT share FROM anthropic_split")]
    assert all(0 < s < 1 for s in shares)
    assert 0.5 < sum(shares) <= 1


def test_wages_are_ordered_and_top_codes_flagged(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT code, wage_p10, wage_median, wage_p90, wage_topcoded FROM occupations "
        "WHERE wage_median IS NOT NULL"
    ).fetchall()
    assert len(rows) > 900
    for code, p10, median, p90, topcoded in rows:
        assert p10 is None or p10 <= median, code
        assert p90 is None or median <= p90, code
        if 239200 in (p10, median, p90):
            assert topcoded == 1, code
    assert scalar(db, "SELECT COUNT(*) FROM occupations WHERE wage_topcoded = 1") > 0
    assert scalar(db, "SELECT MAX(wage_p90) FROM occupations") == 239200


def test_bright_outlook_follows_the_recorded_rule(db: sqlite3.Connection) -> None:
    rule = coverage(db)["bright_outlook_rule"]
    assert isinstance(rule, dict)
    rows = db.execute(
        "SELECT growth_pct, openings, bright_outlook FROM occupations "
        "WHERE outlook_basis IS NOT NULL"
    ).fetchall()
    assert rows
    for growth, openings, bright in rows:
        expected = growth >= rule["growth_pct_at_least"] or (
            openings is not None and openings >= rule["annual_openings_thousands_at_least"]
        )
        assert bright == int(expected)
    assert 0 < sum(r[2] for r in rows) < len(rows)
    assert scalar(db, "SELECT COUNT(*) FROM occupations WHERE outlook_basis IS NULL "
                  "AND bright_outlook IS NOT NULL") == 0  # fmt: skip


def test_coverage_figures_match_the_rows(db: sqlite3.Connection) -> None:
    cov = coverage(db)
    assert cov["wages_occupations"] == scalar(
        db, "SELECT COUNT(*) FROM occupations WHERE wage_median IS NOT NULL"
    )
    assert cov["projections_occupations"] == scalar(
        db, "SELECT COUNT(*) FROM occupations WHERE growth_pct IS NOT NULL"
    )
    with_tasks = "SELECT DISTINCT code FROM tasks"
    assert cov["occupations_with_tasks_total"] == scalar(db, f"SELECT COUNT(*) FROM ({with_tasks})")
    assert cov["onet_esco_occupations_with_tasks"] == scalar(
        db, f"SELECT COUNT(DISTINCT code) FROM onet_esco WHERE code IN ({with_tasks})"
    )
    assert cov["onet_esco_links"] == scalar(db, "SELECT COUNT(*) FROM onet_esco")
    assert cov["onet_esco_links_by_method"] == dict(
        db.execute("SELECT method, COUNT(*) FROM onet_esco GROUP BY method").fetchall()
    )
    assert cov["onet_esco_best_link_by_method"] == dict(
        db.execute("SELECT method, COUNT(*) FROM onet_esco WHERE rank = 1 GROUP BY method")
    )
    assert cov["onet_esco_links_per_occupation"] == {
        str(n): count
        for n, count in db.execute(
            "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM onet_esco GROUP BY code) GROUP BY n"
        )
    }
    # Nesta's crosswalk reaches 647 occupations; its links are evidence, kept where they win.
    assert cov["onet_esco_nesta_occupations"] == 647
    assert cov["onet_esco_nesta_occupations_with_tasks"] <= cov["onet_esco_nesta_occupations"]
    assert cov["anthropic_onet_tasks_with_usage"] == scalar(
        db, "SELECT COUNT(*) FROM anthropic_tasks"
    )
    assert 0.8 < cov["anthropic_match_rate"] <= 1


def test_onet_esco_links_follow_the_rule(db: sqlite3.Connection) -> None:
    rule = coverage(db)["onet_esco_rule"]
    rows = db.execute(
        "SELECT code, rank, method, score, confidence FROM onet_esco ORDER BY code, rank"
    ).fetchall()
    by_code: dict[str, list[tuple[int, str, float, float | None]]] = {}
    for code, rank, method, score, confidence in rows:
        by_code.setdefault(code, []).append((rank, method, score, confidence))
    # Every occupation has a best link; at most keep_max links, ranked 1..n by score.
    assert len(by_code) == 1016
    for code, links in by_code.items():
        assert [r for r, *_ in links] == list(range(1, len(links) + 1)), code
        assert len(links) <= rule["keep_max"], code
        scores = [s for _, _, s, _ in links]
        assert scores == sorted(scores, reverse=True), code
        assert all(s >= rule["keep_ratio"] * scores[0] - 1e-9 for s in scores), code
        # Nesta's confidence travels with Nesta's links only.
        assert all((m == "nesta") == (c is not None) for _, m, _, c in links), code
    # Links found through the ISCO-08 unit group share it.
    outside = scalar(
        db,
        "SELECT COUNT(*) FROM onet_esco AS x JOIN esco_occupations AS e ON e.uri = x.esco_uri "
        "WHERE x.method = 'isco' AND NOT EXISTS (SELECT 1 FROM occupation_isco AS i "
        "WHERE i.code = x.code AND i.isco08 = e.isco_group)",
    )
    assert outside == 0
    # An ESCO occupation is an extra (rank > 1) link of one O*NET occupation at most.
    assert scalar(db, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM onet_esco "
                  "WHERE rank > 1 GROUP BY esco_uri)") == 1  # fmt: skip


def test_sources_rows_match_tables(db: sqlite3.Connection) -> None:
    for source_id, licence, attribution, rows in db.execute(
        "SELECT id, licence, attribution, rows FROM sources"
    ):
        assert licence
        assert len(attribution) > 80, source_id
        for table, count in json.loads(rows).items():
            assert scalar(db, f"SELECT COUNT(*) FROM {table}") == count, (source_id, table)
    onet = scalar(db, "SELECT attribution FROM sources WHERE id = 'onet'")
    assert isinstance(onet, str)
    assert "O*NET 30.1 Database" in onet
    assert "USDOL/ETA" in onet
    assert "CC BY 4.0" in onet
    esco = scalar(db, "SELECT attribution FROM sources WHERE id = 'esco'")
    assert isinstance(esco, str)
    assert "2011/833/EU" in esco


def test_content_hash_matches_the_rows(db: sqlite3.Connection) -> None:
    stored = scalar(db, "SELECT value FROM meta WHERE key = 'content_hash'")
    assert stored == content_hash(db)


def test_content_hash_sees_a_changed_row(db: sqlite3.Connection, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    target = sqlite3.connect(copy)
    db.backup(target)
    before = content_hash(target)
    target.execute("UPDATE tasks SET task = task || '.' WHERE task_id = 1839")
    assert content_hash(target) != before
    target.close()


@pytest.mark.slow
@pytest.mark.skipif(not SOURCE.is_dir(), reason="raw source data not available")
def test_rebuild_gives_the_same_content(db: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "rebuilt.db"
    result = subprocess.run(
        [sys.executable, str(REPO / "resources" / "build_resources.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rebuilt = sqlite3.connect(out)
    try:
        stored = rebuilt.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()[0]
        assert stored == content_hash(rebuilt)
    finally:
        rebuilt.close()
    assert stored == scalar(db, "SELECT value FROM meta WHERE key = 'content_hash'")
