"""The skills graph: matching, filters, the person's skills, paths, learning order, the resource."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from app import paths as app_paths
from app.core.engine import Engine
from app.core.errors import ResourceError, UnknownCodeError
from app.core.profile import Profile
from app.core.transitions import (
    Filters,
    Move,
    SkillMatchRow,
    Weights,
    components,
    config,
    learning,
    moves,
    paths,
    resource,
    skills,
)

CSR = "43-4051.00"  # Customer Service Representatives
RN = "29-1141.00"  # Registered Nurses


# --------------------------------------------------------------------------- pure pieces


def test_greedy_match_is_one_to_one_and_best_first() -> None:
    sim = np.array(
        [
            [0.95, 0.90, 0.10],
            [0.92, 0.50, 0.10],
            [0.10, 0.10, 0.55],
        ]
    )
    # Row 1 would take column 0 under max-similarity; one-to-one leaves it nothing above 0.6,
    # and row 2's best (0.55) is below it too.
    assert skills.greedy_match(sim, 0.6) == [(0, 0, 0.95)]
    # Lower down, every row gets a column of its own, the most similar pair first.
    pairs = skills.greedy_match(sim, 0.5)
    assert pairs == [(0, 0, 0.95), (2, 2, 0.55), (1, 1, 0.5)]
    assert len({r for r, _, _ in pairs}) == len({c for _, c, _ in pairs}) == len(pairs)


def test_credit_thresholds() -> None:
    w = Weights(match_threshold=0.8, partial_threshold=0.65)
    assert skills.credit(np.array([0.9, 0.8, 0.7, 0.65, 0.5]), w).tolist() == [
        1.0,
        1.0,
        0.5,
        0.5,
        0.0,
    ]


def test_onet_coverage_is_asymmetric() -> None:
    importance = np.array([[5.0, 1.0], [5.0, 1.0]])
    level = np.array([[6.0, 2.0], [2.0, 2.0]])
    expert_to_novice = components.onet_coverage_row(level[0], importance, level)[1]
    novice_to_expert = components.onet_coverage_row(level[1], importance, level)[0]
    assert expert_to_novice == pytest.approx(1.0)
    assert novice_to_expert == pytest.approx((5 * 2 / 6 + 1) / 6)


# --------------------------------------------------------------------------- resource


def test_resource_matches_the_database_and_model(engine: Engine) -> None:
    ctx = engine.context()
    assert ctx.res.codes == ctx.data.codes
    assert ctx.res.meta["components"] == list(config.COMPONENTS)
    n, top = ctx.res.neighbours.shape
    assert n == ctx.data.n and top >= 50
    # Every row's neighbours are other occupations, best first.
    assert not (ctx.res.neighbours == np.arange(n)[:, None]).any()
    assert (np.diff(ctx.res.scores, axis=1) <= 1e-6).all()
    assert np.isfinite(ctx.res.model_beta).sum() >= 900
    finite = ctx.res.model_beta[np.isfinite(ctx.res.model_beta)]
    assert ((finite >= 0) & (finite <= 1)).all()


def test_missing_damaged_and_stale_resource(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match=r"missing.*build_transitions"):
        resource.load_resource(tmp_path / "none.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ResourceError, match="damaged"):
        resource.load_resource(bad)
    copy = tmp_path / "t.npz"
    shutil.copy(resource.resource_file(), copy)
    with pytest.raises(ResourceError, match="different model"):
        resource.load_resource(copy, model_sha256="0" * 64)
    with pytest.raises(ResourceError, match="different database"):
        resource.load_resource(copy, content_hash="0" * 64)
    stale = Engine(engine.encoder, resource_path=copy, matcher=engine.matcher)
    meta = json.loads(np.load(copy)["meta"].tobytes())
    assert meta["model_sha256"] == engine.encoder.model_sha256  # type: ignore[attr-defined]
    stale.context()  # a faithful copy loads


def test_live_components_agree_with_the_precomputed_ones(engine: Engine) -> None:
    ctx = engine.context()
    a = ctx.data.index(CSR)
    live = components.source_components(ctx, moves.occupation_source(ctx, a))
    stored = ctx.res.components[a]
    rows = ctx.res.neighbours[a]
    weighted = [k for k, name in enumerate(config.COMPONENTS) if getattr(ctx.res.weights, name) > 0]
    assert weighted
    diff = np.abs(np.nan_to_num(live[rows][:, weighted]) - np.nan_to_num(stored[:, weighted]))
    # Same formulas and the same vectors at build and run time: only float16 storage differs.
    assert diff.max() < 2e-3
    live_scores, _ = components.live_scores(ctx, moves.occupation_source(ctx, a))
    assert np.abs(live_scores[rows] - ctx.res.scores[a]).max() < 2e-3


def test_unknown_code(engine: Engine) -> None:
    with pytest.raises(UnknownCodeError, match=r"unknown occupation code: 99-9999\.99"):
        engine.transitions("99-9999.99", Filters())


# --------------------------------------------------------------------------- moves and filters


def test_unfiltered_moves_are_ranked_best_first(engine: Engine) -> None:
    result = engine.transitions(CSR, Filters(), 10)
    assert len(result.moves) == 10
    scores = [m.score for m in result.moves]
    assert scores == sorted(scores, reverse=True)
    assert CSR not in [m.code for m in result.moves]
    assert result.rejected == {}
    # Each move lists skills it shares and (for most) a gap; importance is on a 0-1 scale.
    assert any(m.have for m in result.moves)
    for m in result.moves:
        assert all(0 <= g.importance <= 1 for g in m.gap)
        assert not {g.uri for g in m.gap} & {h.uri for h in m.have}


@pytest.mark.parametrize(
    "filters",
    [
        Filters(max_zone_step=0),
        Filters(min_wage_ratio=1.0),
        Filters(safer=True),
        Filters(max_zone_step=1, min_wage_ratio=0.75, safer=True),
        Filters(bright_outlook=True),
    ],
)
def test_filters_hold(engine: Engine, filters: Filters) -> None:
    ctx = engine.context()
    a = ctx.data.index(CSR)
    result = engine.transitions(CSR, filters, 10)
    assert result.moves, "CSR has many possible moves under each filter"
    assert sum(result.rejected.values()) > 0
    for m in result.moves:
        b = ctx.data.index(m.code)
        if filters.max_zone_step is not None:
            assert ctx.data.job_zone[b] - ctx.data.job_zone[a] <= filters.max_zone_step
        if filters.min_wage_ratio:
            assert ctx.data.wage[b] >= filters.min_wage_ratio * ctx.data.wage[a]
        if filters.safer:
            assert ctx.res.model_beta[b] < ctx.res.model_beta[a]
        if filters.bright_outlook:
            assert m.outlook["bright"] is True


def test_impossible_filters_give_an_explained_empty_result(engine: Engine) -> None:
    result = engine.transitions(CSR, Filters(min_wage_ratio=10.0, max_zone_step=-4), 10)
    assert result.moves == ()
    assert (
        set(result.rejected) <= {"zone", "wage"}
        and sum(result.rejected.values()) == engine.context().data.n - 1
    )


def _profile(skills: list[str], include: bool = False) -> Profile:
    return Profile.from_dict(
        {
            "schema": 1,
            "occupation": {"code": CSR},
            "tasks": [{"task_id": 2578}, {"task_id": 2579}],
            "skills": [{"kind": "esco", "value": u} for u in skills],
            "include_occupation_skills": include,
        }
    )


def test_the_persons_own_skills_change_the_gap_and_the_ranking(engine: Engine) -> None:
    ctx = engine.context()
    rn = ctx.data.index(RN)
    essential = [
        ctx.data.skill_uris[r]
        for r, e in zip(
            ctx.data.occ_skills[rn].tolist(), ctx.data.occ_essential[rn].tolist(), strict=True
        )
        if e > 0
    ]
    assert len(essential) > 10
    base_skills = [
        ctx.data.skill_uris[r] for r in ctx.data.occ_skills[ctx.data.index(CSR)][:10].tolist()
    ]

    def rank_and_move(skills: list[str]) -> tuple[int, Move]:
        resolved = engine.resolve(_profile(skills))
        emb, _probs, _, _ = engine.score_tasks(resolved)
        src = engine.source(resolved, emb, 0.5)
        scores, comps = components.live_scores(ctx, src)
        scores[src.index] = -np.inf
        rank = int((scores > scores[rn]).sum()) + 1
        move = moves.make_move(ctx, src.skills, rn, float(scores[rn]), comps[rn])
        return rank, move

    rank_before, before = rank_and_move(base_skills)
    rank_after, after = rank_and_move(base_skills + essential)
    assert after.score > before.score
    assert rank_after < rank_before
    gap_before = {g.uri for g in before.gap}
    gap_after = {g.uri for g in after.gap}
    assert gap_before & set(essential)
    assert not gap_after & set(essential)
    assert {h.uri for h in after.have} & set(essential)


def test_occupation_skills_are_included_by_default(engine: Engine) -> None:
    with_defaults = engine.resolve(_profile([], include=True))
    alone = engine.resolve(_profile([], include=False))
    ctx = engine.context()
    assert set(with_defaults.skill_rows.tolist()) == set(
        ctx.data.occ_skills[ctx.data.index(CSR)].tolist()
    )
    assert len(alone.skill_rows) == 0


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize("code", [CSR, "43-9021.00", "15-1251.00"])
def test_paths_are_valid(engine: Engine, code: str) -> None:
    ctx = engine.context()
    a = ctx.data.index(code)
    beta = ctx.res.model_beta[a]
    goal = np.isfinite(ctx.res.model_beta) & (ctx.res.model_beta < beta - 0.15)
    found = paths.shortest_paths(ctx.data, ctx.res, a, goal, max_zone_step=1, limit=3)
    assert found
    costs = [p.cost for p in found]
    assert costs == sorted(costs)
    for path in found:
        nodes = [ctx.data.index(c) for c in path.codes]
        assert nodes[0] == a and 2 <= len(nodes) <= 1 + config.MAX_PATH_STEPS
        assert goal[nodes[-1]]
        total = 0.0
        for u, v, score in zip(nodes, nodes[1:], path.scores, strict=False):
            k = np.flatnonzero(ctx.res.neighbours[u] == v)
            assert len(k) == 1, "each step is an edge of the neighbour graph"
            assert ctx.res.scores[u, k[0]] == pytest.approx(score)
            assert ctx.data.job_zone[v] - ctx.data.job_zone[u] <= 1
            total += 1 - score
        assert path.cost == pytest.approx(total, abs=1e-5)


def test_path_to_an_unreachable_goal_is_empty(engine: Engine) -> None:
    ctx = engine.context()
    goal = np.zeros(ctx.data.n, dtype=bool)
    assert paths.shortest_paths(ctx.data, ctx.res, ctx.data.index(CSR), goal) == []


# --------------------------------------------------------------------------- learning order


def test_learning_order_puts_prerequisites_first_and_counts_unlocks(engine: Engine) -> None:
    data = engine.context().data
    child, parents = next((c, p) for c, p in sorted(data.prerequisites.items()) if p)
    parent = sorted(parents)[0]

    def row(r: int, importance: float) -> SkillMatchRow:
        return SkillMatchRow(data.skill_labels[r], data.skill_uris[r], importance)

    def move(code: str, gap: list[SkillMatchRow], beta: float) -> Move:
        return Move(code, code, 0.5, {}, beta, None, None, {}, (), (), tuple(gap))

    other_row = next(r for r in range(len(data.skill_uris)) if r not in (child, parent))
    target = move("T", [row(child, 1.0), row(parent, 0.4), row(other_row, 0.6)], 0.2)
    others = [
        move("A", [row(other_row, 1.0)], 0.1),
        move("B", [row(other_row, 1.0), row(child, 1.0)], 0.9),
    ]
    steps = learning.learning_order(data, target, others, safer_than=0.5)
    uris = [s.uri for s in steps]
    assert uris.index(data.skill_uris[parent]) < uris.index(data.skill_uris[child])
    by_uri = {s.uri: s for s in steps}
    assert by_uri[data.skill_uris[parent]].reason == "prerequisite"
    assert data.skill_uris[child] in by_uri[data.skill_uris[parent]].before
    assert by_uri[data.skill_uris[other_row]].unlocks == 2
    assert by_uri[data.skill_uris[other_row]].unlocks_safer == 1
    assert by_uri[data.skill_uris[child]].unlocks == 1
    assert by_uri[data.skill_uris[child]].unlocks_safer == 0


def test_learning_order_of_nothing_missing_is_empty(engine: Engine) -> None:
    data = engine.context().data
    assert learning.learning_order(data, Move("T", "T", 1.0, {}, None, None, None, {}), []) == []


# --------------------------------------------------------------------------- sparse skill graph


def _toy_space(seed: int = 3) -> tuple[skills.SkillSpace, np.ndarray, list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(8, 16))
    # 60 skills in 8 families: members of a family are similar, families are not.
    vectors = np.repeat(base, 8, axis=0)[:60] + 0.35 * rng.normal(size=(60, 16))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    occ_skills = [np.array(sorted(rng.choice(50, 12, replace=False))) for _ in range(6)]
    data = SimpleNamespace(occ_skills=occ_skills)
    return skills.SkillSpace.build(vectors.astype(np.float32), data, block=7), vectors, occ_skills


def test_sparse_skill_graph_matches_dense_similarity() -> None:
    space, vectors, _ = _toy_space()
    used = space.used
    assert set(used.tolist()) <= set(range(50))
    source = np.array([int(used[0]), int(used[5]), 55, 58])  # two used skills, two never used
    dense = vectors[source] @ vectors[used].T
    dense[0, 0] = dense[1, 5] = 1.0
    expected = np.where(dense >= config.NEIGHBOUR_MIN, dense, 0.0).max(axis=0)
    assert np.allclose(space.best_over_used(source), expected, atol=2e-3)
    targets = used[[1, 2, 5, 9]]
    t, s, v = space.pairs(source, targets, 0.7)
    got = {(int(a), int(b)) for a, b in zip(t, s, strict=True)}
    sim = vectors[targets] @ vectors[source].T
    sim[np.equal.outer(targets, source)] = 1.0

    def above(threshold: float) -> set[tuple[int, int]]:
        hits = np.nonzero(sim >= threshold)
        return {(int(a), int(source[b])) for a, b in zip(*hits, strict=True)}

    # float16 storage may only move a pair that sits right on the threshold.
    assert above(0.702) <= got <= above(0.698)
    assert all(x >= 0.7 - 1e-3 for x in v)


def test_greedy_pairs_use_each_skill_once() -> None:
    t = np.array([0, 0, 1, 1, 2])
    s = np.array([10, 11, 10, 11, 10])
    v = np.array([0.9, 0.8, 0.95, 0.7, 0.99])
    pairs = skills.greedy_pairs(t, s, v)
    assert pairs[0] == (2, 10, 0.99)
    assert (0, 11, 0.8) in pairs
    assert len(pairs) == 2  # target 1 has nothing left: 10 and 11 are taken


def test_proxy_recall_counts_group_members_in_the_top_k() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_transitions", app_paths.resource_path("build_transitions.py")
    )
    assert spec is not None and spec.loader is not None
    bt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bt)
    n = 14
    groups = {"g": [set() for _ in range(n)]}
    groups["g"][0] = {1, 2, 3}
    groups["g"][4] = set(range(5, 14))  # 9 members: the denominator is min(9, 10)
    proxy = bt.ProxySets(groups, n)
    scores = np.zeros((n, n))
    scores[0, [1, 2]] = 1.0  # two of its three members on top
    scores[0, 4:13] = 0.5  # nine non-members push member 3 out of the top 10
    scores[4, 5:14] = 1.0  # all 9 members on top
    top = bt.top_k(scores, np.array([0, 4]))
    assert bt.recall_at(top, proxy, "g", np.array([0, 4])) == pytest.approx((2 / 3 + 1.0) / 2)
    no_group = np.array([1])
    assert np.isnan(bt.recall_at(bt.top_k(scores, no_group), proxy, "g", no_group))
