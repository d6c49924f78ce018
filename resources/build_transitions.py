"""Precompute resources/transitions.npz: occupation-to-occupation scores and model exposure."""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.offline import disable_telemetry  # noqa: E402

disable_telemetry()  # before anything loads onnxruntime (the model scores every task)

from app.core import integrity  # noqa: E402
from app.core.db import Database  # noqa: E402
from app.core.transitions import config  # noqa: E402
from app.core.transitions.components import onet_coverage_row, task_weight_vector  # noqa: E402
from app.core.transitions.config import COMPONENTS, Weights  # noqa: E402
from app.core.transitions.data import OccupationData  # noqa: E402
from app.core.transitions.resource import FORMAT, TRANSITIONS_FILE, save_resource  # noqa: E402
from app.core.transitions.skills import NeedTable, SkillSpace, credit  # noqa: E402
from app.core.validation import is_validation_occupation  # noqa: E402


def log(text: str) -> None:
    print(f"[transitions] {text}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- encoder outputs


def encoder_outputs(
    encoder: Any, data: OccupationData, cache: Path | None
) -> dict[str, np.ndarray]:
    """Task embeddings + probabilities, skill-label and title embeddings (cached per model)."""
    texts = {
        "task": [data.task_text[int(t)] for t in data.task_ids],
        "skill": data.skill_labels,
        "title": data.titles,
        "description": [d or t for d, t in zip(data.descriptions, data.titles, strict=True)],
    }
    key = hashlib.sha256(
        ("v2" + encoder.model_sha256 + json.dumps(texts, sort_keys=True)).encode("utf-8")
    ).hexdigest()[:20]
    file = cache / f"encoder-outputs-{key}.npz" if cache else None
    if file is not None and file.is_file():
        with np.load(file) as npz:
            log(f"encoder outputs from {file}")
            return {k: npz[k] for k in npz.files}
    start = time.perf_counter()
    task_emb, task_probs = encoder.score(texts["task"], batch_size=128)
    log(f"scored {len(texts['task'])} tasks in {time.perf_counter() - start:.0f} s")
    out = {
        "task_emb": task_emb,
        "task_probs": task_probs,
        "title_emb": encoder.embed(texts["title"]),
        "desc_emb": encoder.embed(texts["description"]),
    }
    log(f"encoder done in {time.perf_counter() - start:.0f} s")
    # Use exactly the vectors the app will use at run time (the search index, int8 per row), so
    # skill and task matches computed live agree with the precomputed ones at the thresholds.
    from app.core.index import EmbeddingStore

    store = EmbeddingStore(encoder, cache_dir=cache) if cache else EmbeddingStore(encoder)
    out["skill_emb"] = store.vectors("skill", texts["skill"]).vectors
    out["task_emb"] = store.vectors("task", texts["task"]).vectors
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        np.savez(file, **out)
    return out


def blend_activity_vote(
    encoder: Any, data: OccupationData, enc: dict[str, np.ndarray], model_dir: Path | None
) -> None:
    """The app's estimate of an O*NET statement also counts its work activities' labels."""
    from app import paths
    from app.core.activity_vote import VOTE_FILE
    from app.core.exposure import ExposureBlend

    folder = model_dir if model_dir is not None else paths.model_path()
    blend = ExposureBlend(encoder, vote_file=folder / VOTE_FILE)
    vote = blend.vote()
    if vote is None:
        log("no work-activity vote for this model: task scores are the model's alone")
        return
    texts = [data.task_text[int(t)] for t in data.task_ids]
    enc["task_probs"] = blend.probs(texts, enc["task_probs"])
    log(f"work-activity vote (weight {vote.params.weight}) blended into the task scores")


def alternate_title_embeddings(
    db: Database, data: OccupationData, encoder: Any, cache: Path | None
) -> np.ndarray:
    """[n, dim] sum of each occupation's title embeddings (official title twice), from the search
    index's title vectors; titles held out for the search evaluation are left out."""
    from app.core.index import EmbeddingStore
    from app.core.validation import is_held_out_title

    rows = [(r.code, r.title, r.source) for r in db.title_rows()]
    # The same text list the matcher embeds, so the bundled vectors are reused.
    every = sorted({t for _, t, _ in rows} | set(data.titles))
    store = EmbeddingStore(encoder, cache_dir=cache) if cache else EmbeddingStore(encoder)
    stored = store.vectors("title", every)
    position = {t: i for i, t in enumerate(stored.texts)}
    out = np.zeros((data.n, stored.vectors.shape[1]), dtype=np.float32)
    for code, title, source in rows:
        if code in data.pos and not is_held_out_title(code, title, source):
            out[data.pos[code]] += stored.vectors[position[title]]
    for i, title in enumerate(data.titles):
        out[i] += 2.0 * stored.vectors[position[title]]
    return out


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def occupation_vectors(data: OccupationData, enc: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Mean task embedding, title embedding and model alpha/beta/gamma per occupation."""
    n = data.n
    dim = enc["task_emb"].shape[1]
    task_mean = np.zeros((n, dim), dtype=np.float32)
    alpha = np.full(n, np.nan)
    beta = np.full(n, np.nan)
    gamma = np.full(n, np.nan)
    probs = enc["task_probs"].astype(np.float64)
    for i, rows in enumerate(data.occ_task_rows):
        if len(rows) == 0:
            continue
        w = np.array([config.task_weight(data.task_types.get(int(data.task_ids[r]))) for r in rows])
        w = w / w.sum()
        task_mean[i] = w @ enc["task_emb"][rows]
        p = w @ probs[rows]
        alpha[i], beta[i], gamma[i] = p[1], config.exposure_beta(p), p[1] + p[2]
    title = _unit(enc["title_emb"] + enc["desc_emb"])
    if "alt_title_emb" in enc:
        # Alternate titles say what the occupation is called in practice; they help most.
        title = _unit(title + _unit(enc["alt_title_emb"]))
    return {
        "task_embedding": _unit(task_mean),
        "title_embedding": title,
        "model_alpha": alpha,
        "model_beta": beta,
        "model_gamma": gamma,
    }


# --------------------------------------------------------------------------- all-pairs components


def _cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    unit = _unit(vectors)
    sim = unit @ unit.T
    empty = np.linalg.norm(vectors, axis=1) == 0
    sim[empty, :] = np.nan
    sim[:, empty] = np.nan
    return sim.astype(np.float64)


def _coverage_matrix(weights: np.ndarray) -> np.ndarray:
    """[A, B]: share of B's weight that A has (binary presence)."""
    have = (weights > 0).astype(np.float32)
    total = weights.sum(axis=1)
    out = (have @ weights.T) / np.where(total > 0, total, 1.0)[None, :]
    out[:, total == 0] = np.nan
    out[have.sum(axis=1) == 0, :] = np.nan
    return out.astype(np.float64)


def skill_best_similarity(
    data: OccupationData, skill_emb: np.ndarray
) -> tuple[np.ndarray, SkillSpace]:
    """[n, K] best label similarity of each used skill to each occupation's skills (1 if held),
    from the same sparse skill graph the app uses at run time."""
    space = SkillSpace.build(skill_emb, data)
    best = np.zeros((data.n, len(space.used)), dtype=np.float32)
    for a, rows in enumerate(data.occ_skills):
        if len(rows):
            best[a] = space.best_over_used(rows)
    return best, space


def esco_coverage_matrix(
    data: OccupationData, best: np.ndarray, space: SkillSpace, weights: Weights
) -> np.ndarray:
    table = NeedTable.build(data, space, weights.optional_weight)
    cred = credit(best, weights).astype(np.float32)
    need = np.zeros((data.n, len(space.used)), dtype=np.float32)
    need[table.occ, table.cols] = table.need
    total = table.total
    out = (cred @ need.T) / np.where(total > 0, total, 1.0)[None, :]
    out[:, total == 0] = np.nan
    out[[len(r) == 0 for r in data.occ_skills], :] = np.nan
    return out.astype(np.float64)


def task_coverage_matrix(
    data: OccupationData, task_emb: np.ndarray, block: int = 48, nearest: np.ndarray | None = None
) -> np.ndarray:
    """[A, B]: weighted mean over B's tasks of the best cosine to any of A's tasks."""
    weights = task_weight_vector(data)
    wmat = np.zeros((data.n, len(data.task_ids)), dtype=np.float32)
    for b, rows in enumerate(data.occ_task_rows):
        wmat[b, rows] = weights[rows]
    emb = task_emb.astype(np.float32)
    out = np.full((data.n, data.n), np.nan)
    has = [a for a in range(data.n) if len(data.occ_task_rows[a])]
    no_tasks = np.array([len(r) == 0 for r in data.occ_task_rows])
    for start in range(0, len(has), block):
        group = has[start : start + block]
        rows = np.concatenate([data.occ_task_rows[a] for a in group])
        starts = np.cumsum([0] + [len(data.occ_task_rows[a]) for a in group[:-1]])
        sim = emb @ emb[rows].T  # [tasks, block tasks]
        best = np.maximum.reduceat(sim, starts, axis=1)  # [tasks, block]
        out[group] = (wmat @ best).T
        if nearest is not None:
            # The most similar other task of each task in the block: its evidence in `analyze`.
            sim[rows, np.arange(len(rows))] = -np.inf
            nearest[rows] = np.argmax(sim, axis=0)
    out[:, no_tasks] = np.nan
    return out


def onet_coverage_matrix(data: OccupationData) -> np.ndarray:
    out = np.full((data.n, data.n), np.nan)
    rated = ~np.isnan(data.level).all(axis=1)
    for a in np.flatnonzero(rated):
        out[a] = onet_coverage_row(data.level[a], data.importance, data.level)
    return out


def component_stack(
    data: OccupationData,
    vectors: dict[str, np.ndarray],
    best: np.ndarray,
    space: SkillSpace,
    weights: Weights,
    *,
    task_emb: np.ndarray,
    nearest: np.ndarray | None = None,
) -> np.ndarray:
    """[C, n, n] component values A (row) → B (column); fills `nearest` (other task per task)."""
    im = np.nan_to_num(data.importance)
    onet_sim = _cosine_matrix(im)
    dwa_share = config.DWA_SHARE
    activity = dwa_share * _coverage_matrix(data.dwa) + (1.0 - dwa_share) * _coverage_matrix(
        data.iwa
    )
    return np.stack(
        [
            _cosine_matrix(vectors["task_embedding"]),
            task_coverage_matrix(data, task_emb, nearest=nearest),
            _cosine_matrix(vectors["title_embedding"]),
            esco_coverage_matrix(data, best, space, weights),
            onet_coverage_matrix(data),
            onet_sim,
            activity,
            _coverage_matrix(data.tech),
        ]
    )


def fill_values(stack: np.ndarray) -> np.ndarray:
    return np.array([float(np.nanmean(c)) if np.isfinite(c).any() else 0.0 for c in stack])


def score_matrix(stack: np.ndarray, weights: Weights, fill: np.ndarray) -> np.ndarray:
    w = weights.vector()
    total = np.zeros(stack.shape[1:])
    for k in range(len(w)):
        if w[k]:
            total += w[k] * np.where(np.isnan(stack[k]), fill[k], stack[k])
    total /= w.sum()
    np.fill_diagonal(total, -np.inf)
    return total


# --------------------------------------------------------------------------- proxy evaluation


def proxy_groups(data: OccupationData, isco: dict[str, set[str]]) -> dict[str, list[set[int]]]:
    """Per occupation, the other occupations in its SOC broad / minor group and ISCO unit group."""
    out: dict[str, list[set[int]]] = {}
    for name, width in (("soc_broad", 6), ("soc_minor", 4)):
        groups: dict[str, set[int]] = {}
        for i, code in enumerate(data.codes):
            groups.setdefault(code[:width], set()).add(i)
        out[name] = [groups[c[:width]] - {i} for i, c in enumerate(data.codes)]
    by_group: dict[str, set[int]] = {}
    for i, code in enumerate(data.codes):
        for g in isco.get(code, ()):
            by_group.setdefault(g, set()).add(i)
    out["isco_unit"] = [
        set().union(*[by_group[g] for g in isco.get(c, ())]) - {i} if isco.get(c) else set()
        for i, c in enumerate(data.codes)
    ]
    return out


class ProxySets:
    """Boolean membership matrices of the proxy groups, for fast recall@k over many score matrices."""

    def __init__(self, groups: dict[str, list[set[int]]], n: int) -> None:
        self.names = list(groups)
        self.member = {}
        self.size = {}
        for name, sets in groups.items():
            m = np.zeros((n, n), dtype=bool)
            for a, g in enumerate(sets):
                if g:
                    m[a, sorted(g)] = True
            self.member[name] = m
            self.size[name] = m.sum(axis=1)


def top_k(scores: np.ndarray, rows: np.ndarray, k: int = 10) -> np.ndarray:
    sub = scores[rows].copy()
    sub[np.arange(len(rows)), rows] = -np.inf
    return np.argpartition(-sub, k, axis=1)[:, :k]


def recall_at(top: np.ndarray, proxy: ProxySets, name: str, rows: np.ndarray, k: int = 10) -> float:
    """Mean over rows with a non-empty group of |top-k ∩ group| / min(|group|, k)."""
    live = proxy.size[name][rows] > 0
    if not live.any():
        return float("nan")
    hits = proxy.member[name][rows[live][:, None], top[live]].sum(axis=1)
    return float(np.mean(hits / np.minimum(proxy.size[name][rows[live]], k)))


def evaluate(scores: np.ndarray, proxy: ProxySets, rows: Sequence[int]) -> dict[str, float]:
    idx = np.asarray(rows, dtype=np.int64)
    top = top_k(scores, idx)
    figures = {name: round(recall_at(top, proxy, name, idx), 4) for name in proxy.names}
    figures["mean"] = round(float(np.mean(list(figures.values()))), 4)
    return figures


GRID: dict[str, tuple[float, ...]] = {
    "task_similarity": (0.0, 0.1, 0.2, 0.3, 0.4),
    "task_coverage": (0.0, 0.1, 0.2),
    "title_similarity": (0.0, 0.1, 0.2, 0.3, 0.4),
    "esco_coverage": (0.0, 0.1, 0.2, 0.3, 0.4),
    "onet_coverage": (0.0, 0.05, 0.1),
    "onet_similarity": (0.0, 0.1, 0.2),
    "activity_coverage": (0.0, 0.1, 0.2, 0.3, 0.4),
    "technology_coverage": (0.0, 0.05, 0.1),
}
ASYMMETRIC = (
    "task_coverage",
    "esco_coverage",
    "onet_coverage",
    "activity_coverage",
    "technology_coverage",
)


def grid_search(
    stack: np.ndarray,
    fill: np.ndarray,
    proxy: ProxySets,
    rows: Sequence[int],
    *,
    base: Weights,
    min_asymmetric: float,
) -> tuple[Weights, dict[str, float], int]:
    """Grid over component weights (normalised to sum 1) maximising mean proxy recall@10 on `rows`;
    the asymmetric components keep at least `min_asymmetric` of the weight."""
    filled = np.stack(
        [np.where(np.isnan(c), f, c) for c, f in zip(stack, fill, strict=True)]
    ).astype(np.float32)
    idx = np.asarray(rows, dtype=np.int64)
    sub = filled[:, idx, :]
    best: tuple[float, Weights, dict[str, float]] | None = None
    trials = 0
    for combo in itertools.product(*(GRID[name] for name in COMPONENTS)):
        total = sum(combo)
        if total <= 0:
            continue
        values = {name: round(v / total, 4) for name, v in zip(COMPONENTS, combo, strict=True)}
        if sum(values[k] for k in ASYMMETRIC) < min_asymmetric - 1e-9:
            continue
        if abs(total - 1.0) > 1e-9:
            continue  # only combinations that already sum to 1: each normalised point once
        trials += 1
        w = np.array([values[name] for name in COMPONENTS], dtype=np.float32)
        scores = np.tensordot(w, sub, axes=1)
        top = np.argpartition(
            -np.where(np.arange(scores.shape[1])[None, :] == idx[:, None], -np.inf, scores),
            10,
            axis=1,
        )[:, :10]
        figures = {name: recall_at(top, proxy, name, idx) for name in proxy.names}
        figures["mean"] = float(np.mean(list(figures.values())))
        if best is None or figures["mean"] > best[0]:
            best = (figures["mean"], Weights(**{**base.to_dict(), **values}), figures)
    assert best is not None
    return best[1], {k: round(v, 4) for k, v in best[2].items()}, trials


def threshold_search(
    data: OccupationData,
    stack: np.ndarray,
    best_sim: np.ndarray,
    space: SkillSpace,
    *,
    proxy: ProxySets,
    rows: Sequence[int],
    weights: Weights,
) -> tuple[Weights, list[dict[str, Any]]]:
    """With the component weights fixed, the skill-matching thresholds and the optional weight."""
    k = COMPONENTS.index("esco_coverage")
    trials: list[dict[str, Any]] = []
    best: tuple[float, Weights] | None = None
    for match, partial, optional in itertools.product(
        (0.75, 0.8, 0.85, 0.9), (0.6, 0.65, 0.7), (0.25, 0.5, 1.0)
    ):
        if partial >= match:
            continue
        w = Weights(
            **{
                **weights.to_dict(),
                "match_threshold": match,
                "partial_threshold": partial,
                "optional_weight": optional,
            }
        )
        trial = stack.copy()
        trial[k] = esco_coverage_matrix(data, best_sim, space, w)
        figures = evaluate(score_matrix(trial, w, fill_values(trial)), proxy, rows)
        trials.append(
            {
                "match_threshold": match,
                "partial_threshold": partial,
                "optional_weight": optional,
                **figures,
            }
        )
        if best is None or figures["mean"] > best[0]:
            best = (figures["mean"], w)
    assert best is not None
    return best[1], trials


# --------------------------------------------------------------------------- build


def top_neighbours(
    scores: np.ndarray, stack: np.ndarray, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = scores.shape[0]
    k = min(top, n - 1)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    nb = order.astype(np.int16)
    sc = np.take_along_axis(scores, order, axis=1).astype(np.float32)
    comps = np.stack([np.take_along_axis(c, order, axis=1) for c in stack], axis=-1)
    return nb, sc, comps.astype(np.float16)


def build(
    data: OccupationData,
    enc: dict[str, np.ndarray],
    *,
    weights: Weights,
    model_sha256: str,
    content_hash: str,
    out: Path,
    top: int = config.STORED_NEIGHBOURS,
) -> dict[str, Any]:
    vectors = occupation_vectors(data, enc)
    best, space = skill_best_similarity(data, enc["skill_emb"])
    nearest = np.full(len(data.task_ids), -1, dtype=np.int64)
    stack = component_stack(
        data, vectors, best, space, weights, task_emb=enc["task_emb"], nearest=nearest
    )
    fill = fill_values(stack)
    scores = score_matrix(stack, weights, fill)
    nb, sc, comps = top_neighbours(scores, stack, top)
    meta = {
        "format": FORMAT,
        "model_sha256": model_sha256,
        "db_content_hash": content_hash,
        "weights": weights.to_dict(),
        "components": list(COMPONENTS),
        "top_n": int(nb.shape[1]),
        "skill_neighbour_min": config.NEIGHBOUR_MIN,
        "task_count": len(data.task_ids),
        "task_weights": {"Core": config.CORE_WEIGHT, "Supplemental": config.SUPPLEMENTAL_WEIGHT},
    }
    arrays = {
        "neighbours": nb,
        "scores": sc,
        "components": comps,
        "fill": fill.astype(np.float64),
        "model_alpha": vectors["model_alpha"].astype(np.float32),
        "model_beta": vectors["model_beta"].astype(np.float32),
        "model_gamma": vectors["model_gamma"].astype(np.float32),
        "task_embedding": vectors["task_embedding"].astype(np.float16),
        "title_embedding": vectors["title_embedding"].astype(np.float16),
        "task_probs": enc["task_probs"].astype(np.float32),
        "task_nearest": nearest.astype(np.int32),
        "skill_used": space.used.astype(np.int32),
        "skill_indptr": space.indptr.astype(np.int32),
        "skill_indices": space.indices.astype(np.int16),
        "skill_sims": space.sims.astype(np.float16),
    }
    save_resource(out, arrays, meta, data.codes)
    return {
        "stack": stack,
        "fill": fill,
        "scores": scores,
        "vectors": vectors,
        "best_sim": best,
        "space": space,
    }


def isco_groups(db: Database) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for code, group in db.rows("SELECT code, isco08 FROM occupation_isco"):
        out.setdefault(str(code), set()).add(str(group))
    return out


def run_evaluation(
    data: OccupationData, db: Database, built: dict[str, Any], weights: Weights, search: bool
) -> dict[str, Any]:
    proxy = ProxySets(proxy_groups(data, isco_groups(db)), data.n)
    train = [i for i, c in enumerate(data.codes) if not is_validation_occupation(c)]
    valid = [i for i, c in enumerate(data.codes) if is_validation_occupation(c)]
    stack, fill = built["stack"], built["fill"]
    baseline = stack[0].copy()
    baseline[np.isnan(baseline)] = -1.0
    report: dict[str, Any] = {
        "baseline_mean_task_embedding": {
            "train": evaluate(baseline, proxy, train),
            "validation": evaluate(baseline, proxy, valid),
        },
        "chosen": {
            "weights": weights.to_dict(),
            "train": evaluate(built["scores"], proxy, train),
            "validation": evaluate(built["scores"], proxy, valid),
        },
    }
    for name in COMPONENTS:
        single = stack[COMPONENTS.index(name)].copy()
        single[np.isnan(single)] = -1.0
        report.setdefault("single_component_validation", {})[name] = evaluate(single, proxy, valid)
    if search:
        best_sim, space = built["best_sim"], built["space"]
        for min_asym in (0.0, 0.4):
            found, _figures, trials = grid_search(
                stack, fill, proxy, train, base=weights, min_asymmetric=min_asym
            )
            tuned, _ = threshold_search(
                data, stack, best_sim, space, proxy=proxy, rows=train, weights=found
            )
            trial = stack.copy()
            trial[COMPONENTS.index("esco_coverage")] = esco_coverage_matrix(
                data, best_sim, space, tuned
            )
            report[f"grid_min_asymmetric_{min_asym}"] = {
                "trials": trials,
                "weights": tuned.to_dict(),
                "train": evaluate(score_matrix(trial, tuned, fill_values(trial)), proxy, train),
                "validation": evaluate(
                    score_matrix(trial, tuned, fill_values(trial)), proxy, valid
                ),
            }
            log(f"grid (asymmetric >= {min_asym}): {report[f'grid_min_asymmetric_{min_asym}']}")
    return report


def main(
    argv: Sequence[str] | None = None, encoder_factory: Callable[[], Any] | None = None
) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--db", type=Path, default=None, help="database (default: resources/skillshift.db)"
    )
    parser.add_argument(
        "--model-dir", type=Path, default=None, help="model folder (default: models/)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / TRANSITIONS_FILE)
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "transitions-cache")
    parser.add_argument("--weights", type=Path, help="JSON file with Weights fields")
    parser.add_argument("--evaluate", action="store_true", help="print proxy recall figures")
    parser.add_argument(
        "--search", action="store_true", help="grid-search weights (with --evaluate)"
    )
    parser.add_argument("--report", type=Path, help="write the evaluation as JSON here")
    args = parser.parse_args(argv)

    from app.core.encoder import OnnxEncoder

    start = time.perf_counter()
    encoder = encoder_factory() if encoder_factory else OnnxEncoder(args.model_dir)
    db = Database.open(args.db, verify=False)
    data = OccupationData.load(db)
    weights = Weights.from_dict(json.loads(args.weights.read_text())) if args.weights else Weights()
    enc = encoder_outputs(encoder, data, args.cache)
    blend_activity_vote(encoder, data, enc, args.model_dir)
    enc["alt_title_emb"] = alternate_title_embeddings(db, data, encoder, args.cache)
    built = build(
        data,
        enc,
        weights=weights,
        model_sha256=encoder.model_sha256,
        content_hash=db.content_hash or "",
        out=args.out,
    )
    integrity.record_files([args.out])  # the bundle's manifest of checksums
    log(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s"
    )
    if args.evaluate:
        report = run_evaluation(data, db, built, weights, args.search)
        text = json.dumps(report, indent=2)
        print(text)
        if args.report:
            args.report.write_text(text + "\n", encoding="utf-8")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
