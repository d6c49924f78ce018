"""Exposure and retrieval figures computed with numpy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from app.core.transitions.config import E2_SHARE, exposure_beta


def cohen_kappa(y: np.ndarray, p: np.ndarray, k: int = 3) -> float:
    cm = np.zeros((k, k))
    np.add.at(cm, (y, p), 1)
    n = cm.sum()
    po = np.trace(cm) / n
    pe = (cm.sum(0) * cm.sum(1)).sum() / (n * n)
    return float((po - pe) / (1 - pe))


def exposure_figures(codes: Sequence[str], y: np.ndarray, probs: np.ndarray) -> dict[str, float]:
    pred = probs.argmax(1)
    human: dict[str, list[float]] = defaultdict(list)
    model_p: dict[str, list[float]] = defaultdict(list)
    model_a: dict[str, list[float]] = defaultdict(list)
    for code, yi, pr, pi in zip(codes, y, probs, pred, strict=True):
        # beta of each task: E1 = 1, E2 = E2_SHARE (the human label, the model, its top class)
        human[code].append((yi == 1) + E2_SHARE * (yi == 2))
        model_p[code].append(exposure_beta(pr))
        model_a[code].append((pi == 1) + E2_SHARE * (pi == 2))
    occ = sorted(human)
    h = np.array([np.mean(human[c]) for c in occ])
    mp = np.array([np.mean(model_p[c]) for c in occ])
    ma = np.array([np.mean(model_a[c]) for c in occ])
    majority = np.bincount(y, minlength=3).max() / len(y)
    return {
        "tasks": len(y),
        "occupations": len(occ),
        "accuracy": round(float((pred == y).mean()), 4),
        "kappa": round(cohen_kappa(y, pred), 4),
        "exposed_accuracy": round(float(((pred > 0) == (y > 0)).mean()), 4),
        "beta_pearson_probs": round(float(np.corrcoef(h, mp)[0, 1]), 4),
        "beta_pearson_argmax": round(float(np.corrcoef(h, ma)[0, 1]), 4),
        "beta_mae_probs": round(float(np.abs(h - mp).mean()), 4),
        "majority_rate": round(float(majority), 4),
        "log_loss": round(float(-np.log(np.clip(probs[np.arange(len(y)), y], 1e-9, 1)).mean()), 4),
    }


def retrieval_figures(
    query_emb: np.ndarray,
    query_codes: Sequence[str],
    index_emb: np.ndarray,
    index_codes: Sequence[str],
) -> dict[str, float]:
    """Top-1/top-5 occupation hit rate; an occupation scores its best-matching index title."""
    occ = sorted(set(index_codes))
    col = {c: i for i, c in enumerate(occ)}
    owner = np.array([col[c] for c in index_codes])
    hit1 = hit5 = 0
    # Columns grouped by owner so reduceat takes each occupation's best title in one pass.
    order = np.argsort(owner, kind="stable")
    bounds = np.r_[0, np.flatnonzero(np.diff(owner[order])) + 1]
    grouped = index_emb[order]
    for start in range(0, len(query_emb), 512):
        sims = query_emb[start : start + 512] @ grouped.T
        best = np.maximum.reduceat(sims, bounds, axis=1)
        top = np.argsort(-best, axis=1)[:, :5]
        for row, code in zip(top, query_codes[start : start + 512], strict=True):
            target = col.get(code, -1)
            hit1 += int(row[0] == target)
            hit5 += int(target in row)
    n = len(query_emb)
    return {"queries": n, "top1": round(hit1 / n, 4), "top5": round(hit5 / n, 4)}
