"""The read-only catalog API over the embedded database."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import paths
from app.core.catalog import Catalog, Occupation, normalise_code
from app.core.errors import ResourceError, SkillShiftError, UnknownCodeError

RN = "29-1141.00"
DB = paths.resource_path("skillshift.db")


@pytest.fixture(scope="module")
def catalog() -> Iterator[Catalog]:
    with Catalog.open(DB) as cat:
        yield cat


@pytest.fixture(scope="module")
def raw() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"{DB.as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("29-1141", RN),
        (" 29-1141.00 ", RN),
        ("291141", RN),
        ("15-1252.00", "15-1252.00"),
        ("nurse", "nurse"),
        ("29-1141.0", "29-1141.0"),
    ],
)
def test_normalise_code(given: str, expected: str) -> None:
    assert normalise_code(given) == expected


def test_open_is_fast() -> None:
    timings = []
    for _ in range(7):
        start = time.perf_counter()
        cat = Catalog.open(DB)
        timings.append(time.perf_counter() - start)
        cat.close()
    assert statistics.median(timings) <= 0.050


def test_open_uses_database_path_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "other name #1.db"
    shutil.copyfile(DB, copy)
    monkeypatch.setenv("SKILLSHIFT_DB", str(copy))
    with Catalog.open() as cat:
        assert cat.path == copy
        assert cat.occupation(RN).title == "Registered Nurses"


def test_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    with pytest.raises(ResourceError) as info:
        Catalog.open(missing)
    assert str(missing) in str(info.value)
    assert "make resources" in str(info.value)
    assert isinstance(info.value, SkillShiftError)


def test_not_an_sqlite_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database\n" * 10)
    with pytest.raises(ResourceError, match="make resources") as info:
        Catalog.open(bad)
    assert str(bad) in str(info.value)


def test_truncated_database(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.db"
    bad.write_bytes(DB.read_bytes()[:8192])
    with pytest.raises(ResourceError, match="make resources"):
        catalog = Catalog.open(bad)
        # A truncated file may still open; the first real query must then fail cleanly.
        catalog.occupations()


def test_sqlite_without_meta(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(ResourceError, match="make resources"):
        Catalog.open(empty)


def test_wrong_schema_version(tmp_path: Path) -> None:
    # A database from before the ranked ESCO links (schema 1) is refused with a clear message.
    other = tmp_path / "v1.db"
    shutil.copyfile(DB, other)
    with sqlite3.connect(other) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(ResourceError, match="schema version 1"):
        Catalog.open(other)


def test_verify_detects_modified_rows(tmp_path: Path, catalog: Catalog) -> None:
    assert catalog.verify()
    changed = tmp_path / "changed.db"
    shutil.copyfile(DB, changed)
    with sqlite3.connect(changed) as db:
        db.execute("UPDATE occupations SET wage_median = 1 WHERE code = ?", (RN,))
    with Catalog.open(changed) as cat:
        assert cat.occupation(RN).wage_median == 1
        assert not cat.verify()


def test_occupation(catalog: Catalog) -> None:
    occ = catalog.occupation("29-1141")
    assert occ.code == RN
    assert occ.title == "Registered Nurses"
    assert occ.soc2018 == "29-1141"
    assert occ.job_zone in {1, 2, 3, 4, 5}
    assert occ.education
    assert occ.experience
    assert occ.isco08
    assert occ.wage_median is not None
    assert occ.wage_p10 is not None
    assert occ.wage_p90 is not None
    assert occ.wage_p10 < occ.wage_median < occ.wage_p90
    assert occ.employment is not None
    assert occ.employment > 1_000_000
    assert occ.growth_pct is not None
    assert occ.openings is not None
    assert isinstance(occ.bright_outlook, bool)
    with pytest.raises(dataclasses.FrozenInstanceError):
        occ.title = "x"  # type: ignore[misc]


def test_unknown_code(catalog: Catalog) -> None:
    with pytest.raises(UnknownCodeError, match=r"unknown occupation code: 99-9999\.00"):
        catalog.occupation(" 99-9999.00 ")
    with pytest.raises(UnknownCodeError):
        catalog.tasks("nonsense")
    assert not catalog.has_occupation("99-9999")
    assert catalog.has_occupation("29-1141")


def test_occupations_match_the_table(catalog: Catalog, raw: sqlite3.Connection) -> None:
    occupations = catalog.occupations()
    assert len(occupations) == 1016
    codes = [o.code for o in occupations]
    assert codes == sorted(codes)
    assert all(isinstance(o, Occupation) for o in occupations)
    by_code = {o.code: o for o in occupations}
    assert by_code[RN] == catalog.occupation(RN)
    isco = raw.execute("SELECT COUNT(*) FROM occupation_isco").fetchone()[0]
    assert sum(len(o.isco08) for o in occupations) == isco
    # The cached list is a copy: callers cannot change the catalog's state.
    occupations.clear()
    assert len(catalog.occupations()) == 1016


def test_search_codes(catalog: Catalog) -> None:
    found = catalog.search_codes("29-114")
    assert RN in found
    assert all(code.startswith("29-114") for code in found)
    assert catalog.search_codes("") == []
    assert catalog.search_codes("%") == []
    assert catalog.search_codes("29_1141") == []
    assert len(catalog.search_codes("29-")) > 50


def test_titles(catalog: Catalog, raw: sqlite3.Connection) -> None:
    titles = catalog.titles()
    assert len(titles) == raw.execute("SELECT COUNT(*) FROM titles").fetchone()[0]
    mine = catalog.titles_for("29-1141")
    assert mine[0].title == "Registered Nurses"
    assert mine[0].source == "occupation"
    assert {t.source for t in mine} >= {"occupation", "alternate"}
    assert all(t.code == RN for t in mine)
    keys = [(t.title.lower(), t.source) for t in mine]
    assert len(keys) == len(set(keys))


def test_tasks(catalog: Catalog) -> None:
    tasks = catalog.tasks(RN)
    assert len(tasks) >= 20
    kinds = [t.task_type for t in tasks]
    # Core tasks first, then supplemental.
    assert kinds == sorted(kinds, key=lambda k: {"Core": 0, "Supplemental": 1}.get(k or "", 2))
    first = tasks[0]
    assert catalog.task(first.task_id) == first
    assert catalog.task(-1) is None


def test_onet_skills(catalog: Catalog) -> None:
    skills = catalog.onet_skills(RN, "skill", top=5)
    assert len(skills) == 5
    assert all(s.kind == "skill" for s in skills)
    importance = [s.importance for s in skills if s.importance is not None]
    assert len(importance) == 5
    assert importance == sorted(importance, reverse=True)
    everything = catalog.onet_skills(RN, "skill")
    assert len(everything) > 5
    assert everything[:5] == skills
    assert all(s.importance is None or s.importance <= importance[-1] for s in everything[5:])
    knowledge = catalog.onet_skills(RN, "knowledge", top=3)
    assert knowledge
    assert all(k.kind == "knowledge" for k in knowledge)
    with pytest.raises(ValueError, match="kind"):
        catalog.onet_skills(RN, "ability")  # type: ignore[arg-type]


def test_technology(catalog: Catalog) -> None:
    tech = catalog.technology(RN)
    assert tech
    hot = [t.hot for t in tech]
    assert hot == sorted(hot, reverse=True)
    assert any(t.hot for t in tech)


def test_esco_links_and_skills(catalog: Catalog, raw: sqlite3.Connection) -> None:
    linked = catalog.esco_occupations(RN)
    assert linked
    assert {e.method for e in linked} <= {"nesta", "isco", "title", "text"}
    assert [e.rank for e in linked] == list(range(1, len(linked) + 1))
    essential = catalog.esco_skills_for(RN, "essential")
    optional = catalog.esco_skills_for(RN, "optional")
    assert essential
    assert not {s.skill.uri for s in essential} & {s.skill.uri for s in optional}
    assert all(0 < s.share <= 1 for s in essential + optional)
    counts = [s.occupations for s in essential]
    assert counts == sorted(counts, reverse=True)
    # Independent check through the URI view.
    expected = {
        row[0]
        for row in raw.execute(
            "SELECT DISTINCT s.skill_uri FROM onet_esco AS x JOIN esco_occupation_skills AS s "
            "ON s.occupation_uri = x.esco_uri WHERE x.code = ? AND s.relation = 'essential'",
            (RN,),
        )
    }
    assert {s.skill.uri for s in essential} == expected
    with pytest.raises(ValueError, match="relation"):
        catalog.esco_skills_for(RN, "required")  # type: ignore[arg-type]


def test_esco_skill_lookup(catalog: Catalog) -> None:
    skills = catalog.all_esco_skills()
    assert len(skills) == 13896
    sample = skills[len(skills) // 2]
    assert catalog.esco_skill(sample.uri) == sample
    assert catalog.esco_skill("http://example.org/not-a-skill") is None
    assert any(s.alt_labels for s in skills)
    assert all("\n" not in label for s in skills[:500] for label in s.alt_labels)


def test_exposure_reference(catalog: Catalog, raw: sqlite3.Connection) -> None:
    ref = catalog.exposure_reference("29-1141")
    row = raw.execute(
        "SELECT human_beta, gpt4_beta, ms_applicability FROM exposure_occupations WHERE code = ?",
        (RN,),
    ).fetchone()
    assert (ref.human_beta, ref.gpt4_beta, ref.ms_applicability) == row
    assert ref.human_beta is not None
    assert ref.tasks_total == len(catalog.tasks(RN))
    assert 0 < ref.anthropic_tasks_matched <= ref.tasks_total
    usage = catalog.anthropic_usage(t.task_id for t in catalog.tasks(RN))
    assert len(usage) == ref.anthropic_tasks_matched
    assert ref.anthropic_usage_pct == pytest.approx(sum(u.usage_pct for u in usage.values()))


def test_exposure_reference_without_sources(catalog: Catalog, raw: sqlite3.Connection) -> None:
    code = raw.execute(
        "SELECT code FROM occupations WHERE code NOT IN (SELECT code FROM exposure_occupations) "
        "AND code NOT IN (SELECT code FROM tasks) ORDER BY code LIMIT 1"
    ).fetchone()[0]
    ref = catalog.exposure_reference(code)
    assert ref.human_beta is None
    assert ref.ms_applicability is None
    assert ref.anthropic_usage_pct is None
    assert ref.tasks_total == 0


def test_task_exposure(catalog: Catalog) -> None:
    tasks = catalog.tasks(RN)
    labels = catalog.task_exposure([t.task_id for t in tasks] + [-5])
    assert labels
    assert set(labels) <= {t.task_id for t in tasks}
    assert all(v.code == RN for v in labels.values())
    assert {v.human_label for v in labels.values()} <= {"E0", "E1", "E2", None}
    # More ids than one query may bind.
    many = catalog.task_exposure(range(1, 30000))
    assert len(many) == 16052
    assert catalog.task_exposure([]) == {}


def test_sources_and_meta(catalog: Catalog) -> None:
    sources = catalog.sources()
    assert {s.id for s in sources} >= {"onet", "esco", "eloundou", "microsoft", "anthropic"}
    onet = next(s for s in sources if s.id == "onet")
    assert onet.licence == "CC BY 4.0"
    assert onet.rows["tasks"] == 18796
    meta = catalog.meta()
    assert meta["schema_version"] == "2"
    assert len(meta["content_hash"]) == 64
    assert catalog.coverage()["occupations"] == 1016
    split = catalog.anthropic_split()
    assert set(split) >= {"directive", "learning", "validation"}


def test_shared_between_threads(catalog: Catalog) -> None:
    codes = [o.code for o in catalog.occupations()][::40]
    expected = {code: len(catalog.tasks(code)) for code in codes}
    errors: list[BaseException] = []
    results: list[dict[str, int]] = []

    def work() -> None:
        try:
            results.append({code: len(catalog.tasks(code)) for code in codes})
            for code in codes:
                catalog.esco_skills_for(code)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert results == [expected] * 6
