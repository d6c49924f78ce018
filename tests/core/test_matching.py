"""Free-text matching: normalisation pieces, then titles/skills/tasks with the real model and DB."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.db import database
from app.core.index import EmbeddingStore
from app.core.search import Matcher, MatchWeights, TitleRow, analyse_query
from app.core.search.lexical import LexicalIndex, lexical_features
from app.core.search.lexicon import Lexicon, align_forms, raw_tokens
from app.core.search.normalise import analyse_title, singular
from app.core.search.spelling import SpellingIndex, _osa_distance
from app.core.search.titles import TitleLexical, build_title_lexical, code_centroids
from app.core.search.vector import VectorIndex
from tests.conftest import write_title_db
from tests.fake_encoder import FakeEncoder

CODE_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


# --------------------------------------------------------------------------- pieces


def test_singular_meets_plural_titles() -> None:
    assert singular("nurses") == "nurse"
    assert singular("secretaries") == "secretary"
    assert singular("boss") == "boss" and singular("analysis") == "analysis"


def test_title_analysis_drops_noise_and_levels() -> None:
    lexicon = Lexicon.builtin()
    reading = analyse_title("Senior Accountant II - Remote (Contract)", lexicon)
    assert reading.words == ("senior", "accountant")
    assert reading.core == ("accountant",)  # seniority kept for embedding, not for lexical
    assert analyse_title("Class V Water Operator", lexicon).words == (
        "class",
        "v",
        "water",
        "operator",
    )
    assert analyse_title("Mgr, Accounts Payable", lexicon).key == "manager account payable"


def test_acronyms_and_abbreviations_are_learnt_from_titles() -> None:
    assert align_forms(raw_tokens("CTO"), ["chief", "technology", "officer"]) == [
        ("acronym", "cto", "chief technology officer")
    ]
    assert align_forms(raw_tokens("Piano Tech"), ["piano", "technician"]) == [
        ("abbreviation", "tech", "technician")
    ]
    assert align_forms(raw_tokens("Head Chef"), ["chefs", "and", "head", "cooks"]) is None
    lexicon = Lexicon.from_titles(
        [
            "Doctor of Osteopathy (DO)",
            "SNF RN (Skilled Nursing Facility Registered Nurse)",
            "Cath Lab Tech (Catheterization Laboratory Technician)",
            "Cath Tech (Catheterization Technician)",
        ]
    )
    assert lexicon.acronyms["do"] == ("doctor of osteopathy",)
    assert lexicon.acronyms["snf"] == ("skilled nursing facility",)
    assert lexicon.acronyms["rn"][0] == "registered nurse"
    assert lexicon.abbreviations["cath"] == ("catheterization",)
    # The long form is the canonical reading of "X (ACR)" titles.
    assert (
        analyse_title("Certified Public Accountant (CPA)", lexicon).key
        == "certified public accountant"
    )
    assert analyse_title("CPA", lexicon).key == "certified public accountant"


def test_spelling_corrects_one_edit() -> None:
    assert _osa_distance("acounts", "accounts", 2) == 1
    assert _osa_distance("accuonts", "accounts", 2) == 1  # a swap costs one
    spelling = SpellingIndex({"accounts": 20, "account": 30, "payable": 5, "nurse": 9})
    assert spelling.correct("accuonts") == "accounts"
    assert spelling.correct("paybale") == "payable"
    assert spelling.correct("nurse") == "nurse"
    assert spelling.correct("zzzzzz") == "zzzzzz"
    assert spelling.correct("rn") == "rn"  # too short to guess


def test_spelling_offers_both_readings_of_an_ambiguous_typo() -> None:
    spelling = SpellingIndex({"sale": 40, "scale": 10, "technician": 5})
    assert spelling.candidates("sacle") == ["sale", "scale"]  # more frequent first
    assert spelling.candidates("sacle", 1) == ["sale"]
    assert spelling.candidates("scale") == ["scale"]
    assert spelling.candidates("qqqqq") == ["qqqqq"]


def _tiny_title_index(titles: list[str]) -> Any:
    occupations = {f"11-{1000 + i}.00": t for i, t in enumerate(titles)}
    rows = [TitleRow(code, title, "alternate") for code, title in occupations.items()]
    lexical = build_title_lexical(rows, occupations)
    return lexical.with_vectors(np.zeros((len(lexical.texts), 4), dtype=np.float32))


def test_query_readings_keep_typed_abbreviations_and_noise() -> None:
    index = _tiny_title_index(
        [
            "ENG Operator (Electronic News Gathering Operator)",
            "Project Engineer",
            "Management Trainer",
            "Scale Technician",
            "Sale Technician",
            "Piano Technician",
            "Paint Technician",
        ]
    )
    assert index.lexicon.acronyms["eng"][0] == "electronic news gathering"

    def readings(query: str) -> list[str]:
        return [r.text for r in analyse_query(query, index)]

    # Typed in lowercase, "eng" is the common abbreviation; in capitals, the acronym.
    assert readings("project eng")[0] == "project engineer"
    assert readings("ENG operator") == ["electronic news gathering operator"]
    # A noise word is dropped, never "corrected" into a real word.
    assert readings("project engineer trainee") == ["project engineer"]
    assert "trainer" not in " ".join(readings("projcet engineer trainee"))
    # An ambiguous typo gives both readings, the likeliest combinations first.
    assert set(readings("sacle technician")) == {"sale technician", "scale technician"}
    both = readings("paino tech (piano tech)")
    assert both[0].startswith("paint technician") or both[0].startswith("piano technician")
    assert any(r.startswith("piano technician") for r in both)
    assert len(both) <= 4


def test_noise_words_that_start_a_job_name_stay() -> None:
    index = _tiny_title_index(
        ["Contract Manager", "Remote Sensing Technician", "Registered Nurse", "Manager"]
    )
    assert {("contract", "manager"), ("remote", "sensing")} <= index.lexicon.kept_noise

    def readings(query: str) -> list[str]:
        return [r.text for r in analyse_query(query, index)]

    assert readings("contract manager") == ["contract manager"]
    assert readings("Remote Sensing Technician - remote") == ["remote sensing technician"]
    # Elsewhere they still say nothing about the occupation.
    assert readings("contract registered nurse") == ["registered nurse"]
    assert readings("registered nurse contract") == ["registered nurse"]
    assert readings("remote manager") == ["manager"]
    assert analyse_title("Contract Manager", index.lexicon).key == "contract manager"
    assert analyse_title("Contract Manager", Lexicon.builtin()).key == "manager"
    # The learnt pairs travel with the cached lexical data.

    lexical = build_title_lexical(
        [TitleRow("11-1000.00", "Contract Manager", "alternate")], {"11-1000.00": "Managers"}
    )
    arrays = {k: np.asarray(v) for k, v in lexical.to_arrays().items()}
    assert TitleLexical.from_arrays(arrays).lexicon.kept_noise == {("contract", "manager")}


def test_code_centroids_are_unit_means_across_chunks() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((500, 8)).astype(np.float32)
    # 9,000 (title, code) pairs grouped by code: code 1 straddles the 8,192-pair chunk edge.
    pair_code = np.repeat([0, 1, 2], [4000, 4500, 500])
    pair_text = rng.integers(0, len(vectors), len(pair_code))
    centroids = code_centroids(vectors, pair_text, pair_code, 4)
    for code in range(3):
        mean = vectors[pair_text[pair_code == code]].mean(axis=0)
        np.testing.assert_allclose(centroids[code], mean / np.linalg.norm(mean), atol=1e-5)
    assert not centroids[3].any()  # a code without titles gets no direction


def test_vector_index_top_matches_brute_force() -> None:
    rng = np.random.default_rng(7)
    # Like sentence embeddings: most variance in a few directions, a little everywhere else.
    basis = np.linalg.qr(rng.standard_normal((384, 96)))[0]
    vectors = rng.standard_normal((6000, 96)) @ basis.T + 0.03 * rng.standard_normal((6000, 384))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    index = VectorIndex(vectors)
    assert index.basis is not None  # large enough for the two-pass search
    # Queries near stored rows, as task statements are near O*NET tasks.
    queries = vectors[rng.choice(len(vectors), 300)] + 0.02 * rng.standard_normal((300, 384))
    queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)
    exact = queries @ vectors.T
    for k in (1, 3):
        rows, sims = index.top(queries, k)
        assert rows.shape == sims.shape == (300, k)
        np.testing.assert_array_equal(rows, np.argsort(-exact, axis=1, kind="stable")[:, :k])
        np.testing.assert_allclose(sims, np.take_along_axis(exact, rows, axis=1), atol=1e-5)
    small = VectorIndex(vectors[:100])  # one exact pass below min_rows
    rows, _ = small.top(queries[:5], 2)
    np.testing.assert_array_equal(rows, np.argsort(-(queries[:5] @ vectors[:100].T), axis=1)[:, :2])


def test_lexical_index_ranks_exact_then_typo() -> None:
    docs = [["truck", "driver"], ["pastry", "chef"], ["truck", "mechanic"], ["driver"]]
    index = LexicalIndex.build([lexical_features(d) for d in docs])
    scores = index.scores(lexical_features(["truck", "driver"]))
    assert scores[0] == pytest.approx(1.0, abs=1e-5)
    assert scores[1] == 0
    typo = index.scores(lexical_features(["truck", "drievr"]))
    assert int(np.argmax(typo)) == 0 and typo[0] < 1.0
    assert not index.scores([]).any() and not index.scores(["w:unknown"]).any()


# --------------------------------------------------------------------------- a tiny catalogue


@pytest.fixture
def tiny_db(tmp_path: Path) -> Path:
    return write_title_db(
        tmp_path / "tiny.db",
        [
            ("29-1141.00", "Registered Nurses"),
            ("35-2014.00", "Cooks, Restaurant"),
            ("53-3032.00", "Heavy and Tractor-Trailer Truck Drivers"),
        ],
        [
            ("29-1141.00", "Registered Nurse (RN)", "alternate"),
            ("29-1141.00", "Charge Nurse", "alternate"),
            ("35-2014.00", "Senior Line Cook", "alternate"),
            ("35-2014.00", "Grill Cook", "reported"),
            ("53-3032.00", "Semi Truck Driver", "alternate"),
            ("53-3032.00", "Senior Driver", "alternate"),
        ],
    )


def test_tiny_catalogue_matching(tiny_db: Path, tmp_path: Path) -> None:
    encoder = FakeEncoder()
    store = EmbeddingStore(encoder, bundled=tmp_path / "none.npz", cache_dir=tmp_path / "cache")
    matcher = Matcher(encoder, db_path=tiny_db, store=store)
    top = matcher.match_title("rn", top_k=3)
    assert top[0].code == "29-1141.00"
    assert top[0].title == "Registered Nurses"
    assert len({m.code for m in top}) == len(top) == 3
    assert [m.score for m in top] == sorted((m.score for m in top), reverse=True)
    assert matcher.match_title("grill cokk - remote")[0].code == "35-2014.00"
    # "senior" alone must not pull the query to whatever title also says senior.
    assert matcher.match_title("senior semi truck driver")[0].code == "53-3032.00"
    assert matcher.match_title("senior line cook")[0].code == "35-2014.00"
    assert matcher.match_title("   ") == [] and matcher.match_title("?!") == []
    assert len(matcher.match_title("nurse", top_k=1)) == 1
    # Another script gets no guess; a pasted megabyte is cut, not expanded.
    assert matcher.match_title("护士") == [] and matcher.match_title("🙂") == []
    assert matcher.match_title("Registered Nurse 🙂")[0].code == "29-1141.00"
    start = time.perf_counter()
    assert matcher.match_title("registered nurse " * 60_000)[0].code == "29-1141.00"
    assert time.perf_counter() - start < 2.0


def test_title_filter_removes_titles_from_the_index(tiny_db: Path, tmp_path: Path) -> None:
    encoder = FakeEncoder()
    store = EmbeddingStore(encoder, bundled=tmp_path / "none.npz", cache_dir=tmp_path / "cache")
    full = Matcher(encoder, db_path=tiny_db, store=store)
    without = Matcher(
        encoder, db_path=tiny_db, store=store, title_filter=lambda r: r.title != "Grill Cook"
    )
    assert "Grill Cook" in full.titles().texts
    assert "Grill Cook" not in without.titles().texts
    assert "Cooks, Restaurant" in without.titles().texts  # official titles always stay
    # The lexical side is cached per row set; a second matcher reads the cache.
    assert len(list((tmp_path / "cache").glob("title-lexical-*.npz"))) == 2
    again = Matcher(encoder, db_path=tiny_db, store=store)
    first, second = full.match_title("grill cook"), again.match_title("grill cook")
    assert [m.code for m in first] == [m.code for m in second]
    # The second matcher's vectors come from the int8 cache: equal up to quantisation.
    np.testing.assert_allclose([m.score for m in first], [m.score for m in second], atol=2e-3)


def test_coverage_asks_whether_the_words_are_used_not_whether_the_text_is_the_same() -> None:
    index = LexicalIndex.build(
        [
            ["w:cafeteria", "w:server"],
            ["w:cafeteria"],
            ["w:a", "w:b", "w:c", "w:cafeteria", "w:server"],
        ]
    )
    both = index.coverage(["w:cafeteria", "w:server"])
    assert both[0] == pytest.approx(1.0) and both[2] == pytest.approx(1.0)
    # Only part of the query's IDF mass: server is the rarer word, so it weighs more.
    assert 0.0 < both[1] < 0.5
    cosine = index.scores(["w:cafeteria", "w:server"])
    assert cosine[2] < cosine[0]  # the cosine does mark the longer document down
    # A word no document has still counts in the query's mass.
    assert index.coverage(["w:cafeteria", "w:server", "w:zzz"])[0] < 1.0
    assert not index.coverage(["w:zzz"]).any()


def _code_gap(
    tmp_path: Path,
    occupations: list[tuple[str, str]],
    titles: list[tuple[str, str, str]],
    query: str,
) -> tuple[Any, Callable[[MatchWeights], float]]:
    """A tiny catalogue's title index, and the score lead of its first occupation over its
    second for `query` under given weights."""
    db = write_title_db(tmp_path / "codes.db", occupations, titles)
    encoder = FakeEncoder()
    store = EmbeddingStore(encoder, bundled=tmp_path / "none.npz", cache_dir=tmp_path / "cache")
    first, second = occupations[0][0], occupations[1][0]

    def gap(weights: MatchWeights) -> float:
        matcher = Matcher(encoder, db_path=db, store=store, weights=weights)
        scores = {m.code: m.score for m in matcher.match_title(query, 2)}
        return scores[first] - scores[second]

    return Matcher(encoder, db_path=db, store=store).titles(), gap


def test_an_occupation_whose_titles_share_the_words_between_them_wins(tmp_path: Path) -> None:
    index, gap = _code_gap(
        tmp_path,
        [("35-3023.00", "Fast Food and Counter Workers"), ("35-9011.00", "Dining Attendants")],
        [
            ("35-3023.00", "Cafeteria Worker", "alternate"),
            ("35-3023.00", "Counter Server", "alternate"),
            ("35-9011.00", "Cafeteria Attendant", "alternate"),
            ("35-9011.00", "Busser", "alternate"),
        ],
        "cafeteria server",
    )
    coverage = index.code_words.coverage(["w:cafeteria", "w:server"])
    assert coverage[index.codes.index("35-3023.00")] == pytest.approx(1.0)
    assert coverage[index.codes.index("35-9011.00")] < 0.6
    assert gap(MatchWeights()) > gap(MatchWeights(vocabulary=0.0))
    # It travels with the cached lexical data.
    lexical = build_title_lexical(
        [TitleRow("35-3023.00", "Counter Server", "alternate")], {"35-3023.00": "Cafeteria Workers"}
    )
    arrays = {k: np.asarray(v) for k, v in lexical.to_arrays().items()}
    again = TitleLexical.from_arrays(arrays).code_words
    assert again.coverage(["w:cafeteria", "w:server"])[0] == pytest.approx(1.0)


def test_an_occupation_with_a_title_ending_in_the_query_head_word_is_preferred(
    tmp_path: Path,
) -> None:
    index, gap = _code_gap(
        tmp_path,
        [("11-9032.00", "Education Administrators"), ("25-2022.00", "Middle School Teachers")],
        [
            ("11-9032.00", "School Principal", "alternate"),
            ("25-2022.00", "Middle School Teacher", "alternate"),
            ("25-2022.00", "Principal Investigator Teacher", "alternate"),
        ],
        "middle school principal",
    )
    heads = index.code_words.coverage(["h:principal"])
    assert heads[index.codes.index("11-9032.00")] == pytest.approx(1.0)
    assert heads[index.codes.index("25-2022.00")] == 0.0  # "principal" is not its head word
    assert gap(MatchWeights()) > gap(MatchWeights(head=0.0))


# --------------------------------------------------------------------------- real model and DB


def _codes(matcher: Matcher, query: str, k: int = 5) -> list[str]:
    return [m.code for m in matcher.match_title(query, k)]


@pytest.mark.model
def test_acronyms_find_their_occupation(matcher: Matcher) -> None:
    assert "29-1141.00" in _codes(matcher, "rn", 3)
    assert "13-2011.00" in _codes(matcher, "cpa", 3)
    assert "29-2061.00" in _codes(matcher, "LPN", 3)
    assert "53-3032.00" in _codes(matcher, "cdl driver", 5)


@pytest.mark.model
def test_messy_titles(matcher: Matcher) -> None:
    assert "43-3031.00" in _codes(matcher, "sr acounts payable clerk", 5)
    assert _codes(matcher, "Registered Nurse II - Remote", 1) == ["29-1141.00"]
    assert "15-1252.00" in _codes(matcher, "sofware developer - remote", 3)
    assert "41-2031.00" in _codes(matcher, "retail sales asociate trainee", 3)
    assert "11-3021.00" in _codes(matcher, "it mgr", 5)


@pytest.mark.model
def test_results_are_one_per_code_with_official_titles(matcher: Matcher) -> None:
    results = matcher.match_title("nurse", top_k=10)
    index = matcher.titles()
    official = dict(zip(index.codes, index.official, strict=True))
    assert len(results) == 10
    assert len({m.code for m in results}) == 10
    assert all(CODE_RE.match(m.code) and official[m.code] == m.title for m in results)
    scores = [m.score for m in results]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[-1] <= scores[0] <= 1.0


@pytest.mark.model
def test_the_bundled_title_classifier_belongs_to_the_bundled_model(matcher: Matcher) -> None:
    from app.commands.evaluate import HEAD_HELD_OUT_SPLITS

    index = matcher.titles()
    head = index.head
    assert head is not None, "models/title_head.npz is missing or was fitted on another model"
    assert head.codes == index.codes
    assert tuple(head.meta["held_out_splits"]) == HEAD_HELD_OUT_SPLITS
    assert head.meta["trained_on"]["titles"] > 40_000
    # It knows common titles on its own: the right code is its first or second guess.
    for query, code in [("registered nurse", "29-1141.00"), ("dental hygienist", "29-1292.00")]:
        probabilities = head.probabilities(matcher.encoder.embed([query])[0])
        assert code in [head.codes[i] for i in np.argsort(-probabilities)[:2]], query


@pytest.mark.model
def test_batch_and_single_queries_agree(matcher: Matcher) -> None:
    queries = ["truck driver", "", "pastry chef", "data scientist"]
    batch = matcher.match_titles(queries, top_k=3)
    assert batch[1] == []
    for query, result in zip(queries, batch, strict=True):
        if query:
            assert [m.code for m in result] == [m.code for m in matcher.match_title(query, 3)]


@pytest.mark.model
def test_a_skill_matches_the_same_in_any_list(matcher: Matcher) -> None:
    alone = matcher.match_skill("spreadsheets", top_k=5)
    listed = matcher.match_skills(
        ["forklift driving", "spreadsheets", "conflict resolution with angry customers"], top_k=5
    )[1]
    assert [s.uri for s in listed] == [s.uri for s in alone]
    assert [s.score for s in listed] == pytest.approx([s.score for s in alone], abs=1e-4)


@pytest.mark.model
def test_skills_and_tasks(matcher: Matcher) -> None:
    skills = matcher.match_skill("python programming", top_k=3)
    assert "python" in skills[0].label.lower()
    assert skills[0].uri.startswith("http://data.europa.eu/esco/skill/")
    tasks = database().tasks()
    _, _, text = tasks[1234]
    nearest = matcher.nearest_tasks(matcher.encoder.embed([text]), top_k=3)[0]
    assert nearest[0].task == text  # several occupations may share the statement
    assert (nearest[0].task_id, nearest[0].code, text) in tasks
    assert nearest[0].similarity > 0.97
    assert nearest[0].similarity >= nearest[1].similarity


@pytest.mark.model
def test_an_esco_label_or_alternative_label_is_found_first(matcher: Matcher) -> None:
    """Should-fix: "hazmat transport" matched "transport visitors" first; "typography" was not
    recognised as an ESCO skill's own name."""
    typed = matcher.match_skill("Typography", top_k=4)
    assert typed[0].label == "typography" and typed[0].exact and typed[0].score == 1.0
    assert len(typed) == 4 and len({m.uri for m in typed}) == 4
    # An alternative label, and the same with its usual short form.
    for text in ("hazardous materials transport", "hazmat transport"):
        found = matcher.match_skill(text, top_k=3)
        assert found[0].label == "hazardous materials transportation" and found[0].exact, text
    assert not matcher.match_skill("payroll processing", top_k=1)[0].exact
