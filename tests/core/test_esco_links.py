"""O*NET -> ESCO occupation links: the ones a careful coder would choose, best first (issue 18)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator

import pytest

from app import paths
from app.core.catalog import Catalog

DB = paths.resource_path("skillshift.db")
GRAPHIC_DESIGNERS = "27-1024.00"
TRUCK_DRIVERS = "53-3032.00"
SOFTWARE_DEVELOPERS = "15-1252.00"
# ISCO-08 unit groups of the performing arts, stage, sound and broadcast trades (musicians,
# dancers, directors and producers, actors, other performers, stage and audio-visual technicians).
STAGE_GROUPS = ("2652", "2653", "2654", "2655", "2659", "3435", "3521")


@pytest.fixture(scope="module")
def catalog() -> Iterator[Catalog]:
    with Catalog.open(DB) as cat:
        yield cat


@pytest.fixture(scope="module")
def raw() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"{DB.as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()


def stage_skills(raw: sqlite3.Connection) -> dict[str, str]:
    """Stage, sound and performance skills as ESCO draws them (URI -> label).

    At least half of the ESCO occupations listing the skill as essential are stage occupations:
    in STAGE_GROUPS, or "performance" in the label (resources/esco_link_eval.py, same rule).
    """
    listed: Counter[str] = Counter()
    on_stage: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for uri, label, group, occupation in raw.execute(
        "SELECT s.uri, s.label, coalesce(o.isco_group, ''), o.label "
        "FROM esco_occupation_skill_ids AS l JOIN esco_skills AS s ON s.id = l.skill_id "
        "JOIN esco_occupations AS o ON o.id = l.occupation_id WHERE l.essential = 1"
    ):
        listed[uri] += 1
        on_stage[uri] += group.startswith(STAGE_GROUPS) or "performance" in occupation
        labels[uri] = label
    return {uri: labels[uri] for uri, n in listed.items() if 2 * on_stage[uri] >= n}


def test_stage_skill_set_holds_the_skills_named_in_the_issue(raw: sqlite3.Connection) -> None:
    labels = set(stage_skills(raw).values())
    assert {"analyse a script", "communicate during show", "assess power needs"} <= labels
    assert not labels & {"design graphics", "graphic design", "use creative suite software"}


def test_graphic_designers_link_to_design_not_the_stage(catalog: Catalog) -> None:
    linked = catalog.esco_occupations(GRAPHIC_DESIGNERS)
    assert linked[0].label == "graphic designer"
    for occupation in linked:
        assert "performance" not in occupation.label, occupation.label
        assert not (occupation.isco_group or "").startswith(STAGE_GROUPS), occupation.label


def test_graphic_designers_have_design_skills_and_no_stage_skills(
    catalog: Catalog, raw: sqlite3.Connection
) -> None:
    essential = {s.skill.uri: s.skill.label for s in catalog.esco_skills_for(GRAPHIC_DESIGNERS)}
    labels = set(essential.values())
    assert {"design graphics", "graphic design"} <= labels
    assert not labels & {"analyse a script", "communicate during show", "assess power needs"}
    stage = {essential[uri] for uri in essential.keys() & stage_skills(raw).keys()}
    assert not stage, sorted(stage)


def test_truck_drivers_link_to_truck_driving_only(catalog: Catalog) -> None:
    linked = catalog.esco_occupations(TRUCK_DRIVERS)
    assert linked[0].label == "cargo vehicle driver"
    labels = [e.label for e in linked]
    # Drivers of trucks and lorries, nothing that merely sits in the same ISCO group.
    assert all(label.endswith("driver") for label in labels), labels
    assert not {
        "fire service vehicle operator",
        "concrete pump operator",
        "live animal transporter",
    } & set(labels)


def test_software_developers_best_link_is_software_developer(catalog: Catalog) -> None:
    linked = catalog.esco_occupations(SOFTWARE_DEVELOPERS)
    assert linked[0].label == "software developer"
    assert (
        linked[0].uri
        == "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
    )
