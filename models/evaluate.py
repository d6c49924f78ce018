"""Validation figures of an exported ONNX model, run through onnxruntime on validation occupations."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import time
from pathlib import Path

import numpy as np

from app.core.activity_vote import VOTE_FILE, ActivityVote, load_activity_vote
from app.core.messy import messy_variant
from app.core.validation import is_validation_occupation
from models.common import (
    LABELS,
    LABELS_FILE,
    MODELS_DIR,
    WORK_DIR,
    held_out_queries,
    index_titles,
    load_labelled_tasks,
    load_titles,
    rng,
)
from models.metrics import exposure_figures, retrieval_figures
from models.onnx_tools import OrtModel

# A seed of its own so evaluation variants differ from the training augmentation.
_EVAL_SEED = 777


def load_gpt4_labels() -> dict[str, int]:
    """Task ID -> GPT-4's exposure label (the paper's `gpt4_exposure`), for comparison only."""
    out = {}
    with LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = row["gpt4_exposure"].strip()
            if label in LABELS:
                out[row["Task ID"].strip()] = LABELS.index(label)
    return out


def evaluate_exposure(model: OrtModel, vote: ActivityVote | None = None) -> dict[str, float]:
    """Validation figures of the graph, with the app's work-activity vote when it has one."""
    tasks = [t for t in load_labelled_tasks() if is_validation_occupation(t.code)]
    texts = [t.text for t in tasks]
    probs = model.run(texts)["exposure_probs"]
    if vote is not None:
        probs = vote.blend(texts, probs)
    y = np.array([t.label for t in tasks])
    return exposure_figures([t.code for t in tasks], y, probs)


def app_vote(model_path: Path) -> ActivityVote | None:
    """The vote the app would use with this model (its labels: training occupations only)."""
    sha = hashlib.sha256(model_path.read_bytes()).hexdigest()
    return load_activity_vote(None, MODELS_DIR / VOTE_FILE, sha)


def gpt4_exposure() -> dict[str, float]:
    """GPT-4's published labels scored against the humans on the same validation tasks."""
    tasks = [t for t in load_labelled_tasks() if is_validation_occupation(t.code)]
    gpt4 = load_gpt4_labels()
    kept = [t for t in tasks if t.task_id in gpt4]
    onehot = np.eye(3)[[gpt4[t.task_id] for t in kept]]
    return exposure_figures([t.code for t in kept], np.array([t.label for t in kept]), onehot)


def evaluate_retrieval(model: OrtModel) -> dict[str, dict[str, float]]:
    """Nearest title (embedding only) for held-out titles of validation occupations."""
    titles = load_titles()
    index = index_titles(titles)
    queries = held_out_queries(titles)
    index_emb = model.run([t.text for t in index], batch=256)["embedding"]
    index_codes = [t.code for t in index]
    rs = rng(_EVAL_SEED)
    clean = [q.text for q in queries]
    messy = [messy_variant(q.text, rs) for q in queries]
    codes = [q.code for q in queries]
    reported = np.array([q.source == "reported" for q in queries])
    out = {}
    for name, texts in (("clean", clean), ("messy", messy)):
        emb = model.run(texts, batch=256)["embedding"]
        out[name] = retrieval_figures(emb, codes, index_emb, index_codes)
        # Reported titles are what people actually type; alternates include rare variants.
        out[f"{name}_reported_only"] = retrieval_figures(
            emb[reported],
            [c for c, r in zip(codes, reported, strict=True) if r],
            index_emb,
            index_codes,
        )
    return out


def throughput(model: OrtModel, count: int = 2000) -> dict[str, float]:
    """Task statements per second through tokenizer + graph (2 threads, batches of 64)."""
    texts = [t.text for t in load_labelled_tasks()[:count]]
    model.run(texts[:128])
    started = time.perf_counter()
    model.run(texts, batch=64)
    tasks_per_s = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    for title in ("Registered Nurse", "sr software eng - remote", "forklift operator"):
        model.run([title])
    title_ms = (time.perf_counter() - started) / 3 * 1000
    return {"tasks_per_second": round(tasks_per_s), "single_title_ms": round(title_ms, 2)}


def evaluate(model_path: Path, tokenizer_path: Path, retrieval: bool = True) -> dict:
    model = OrtModel(model_path, tokenizer_path)
    result: dict = {"exposure": evaluate_exposure(model), "gpt4_vs_humans": gpt4_exposure()}
    vote = app_vote(model_path)
    if vote is not None:
        result["exposure_with_activity_vote"] = evaluate_exposure(model, vote)
    if retrieval:
        result["title_retrieval"] = evaluate_retrieval(model)
    # Measured on the shared build machine, so only indicative.
    result["speed"] = throughput(model)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=MODELS_DIR / "skillshift-encoder.onnx")
    parser.add_argument("--tokenizer", type=Path, default=MODELS_DIR / "tokenizer.json")
    parser.add_argument(
        "--stock",
        action="store_true",
        help="also score the stock base model built by make_model --stage stock",
    )
    args = parser.parse_args()
    report = {"model": evaluate(args.model, args.tokenizer)}
    stock = WORK_DIR / "stock-final.onnx"
    if args.stock and stock.exists():
        report["stock"] = evaluate(stock, args.tokenizer)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
