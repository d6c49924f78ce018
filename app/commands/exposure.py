"""`skillshift exposure`: AI exposure (E0/E1/E2) of task statements, with the nearest O*NET task."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

import numpy as np

from app.commands.io import write_json_line
from app.commands.match import StderrProgress, add_runtime_arguments, line_batches, open_encoder
from app.core.encoder import Encoder
from app.core.errors import SkillShiftError
from app.core.exposure import ExposureBlend
from app.core.search import Matcher, unreadable_reason

EMPTY_RECORD: dict[str, Any] = {"label": None, "probs": None, "nearest_task": None}


def exposure_records(
    encoder: Encoder, matcher: Matcher, blend: ExposureBlend, texts: Sequence[str]
) -> list[dict[str, Any]]:
    """One record per text, in order; text the model cannot read (blank, no Latin letter or
    digit) gets nulls and a "reason" rather than a guess, as `match` does."""
    reasons = [unreadable_reason(text) for text in texts]
    live = [i for i, reason in enumerate(reasons) if reason is None]
    records: list[dict[str, Any]] = [
        {"text": text, **EMPTY_RECORD}
        if reason is None
        else {"text": text, **EMPTY_RECORD, "reason": reason}
        for text, reason in zip(texts, reasons, strict=True)
    ]
    if not live:
        return records
    scored = [texts[i] for i in live]
    embeddings, probs = encoder.score(scored)
    probs = blend.probs(scored, probs)
    nearest = matcher.nearest_tasks(embeddings, top_k=1)
    labels = encoder.labels
    for row, i in enumerate(live):
        task = nearest[row][0]
        records[i]["label"] = labels[int(np.argmax(probs[row]))]
        records[i]["probs"] = {
            label: round(float(p), 4) for label, p in zip(labels, probs[row], strict=True)
        }
        records[i]["nearest_task"] = {
            "task_id": task.task_id,
            "task": task.task,
            "code": task.code,
            "similarity": task.similarity,
        }
    return records


def _run(args: argparse.Namespace) -> int:
    if not args.jsonl and not args.text:
        raise SkillShiftError("give a task statement, or --jsonl to read one per line from stdin")
    encoder = open_encoder(args)
    matcher = Matcher(encoder)
    blend = ExposureBlend(encoder)
    matcher.tasks(StderrProgress())
    if args.jsonl:
        if args.text:
            raise SkillShiftError("--jsonl reads task statements from stdin; leave out the text")
        for batch in line_batches():
            for record in exposure_records(encoder, matcher, blend, batch):
                write_json_line(record)
        return 0
    (record,) = exposure_records(encoder, matcher, blend, [" ".join(args.text)])
    if record["label"] is None:
        reason = "" if record["reason"] == "blank" else ": no letters or digits the model reads"
        print(f"nothing to score{reason}")
        return 0
    probs = "  ".join(f"{k} {v:.2f}" for k, v in record["probs"].items())
    task = record["nearest_task"]
    print(f"{record['label']}  ({probs})")
    print(
        f"nearest O*NET task ({task['code']}, similarity {task['similarity']:.2f}): {task['task']}"
    )
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "exposure",
        help="estimate how exposed a task is to AI (E0/E1/E2)",
        description="Estimate AI exposure of task statements (E0 none, E1 direct, E2 with tools). "
        "With --jsonl, read one task per line from stdin and write one JSON object per line.",
    )
    parser.add_argument("text", nargs="*", help="task statement words (without --jsonl)")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='stdin lines → {"text", "label", "probs", "nearest_task"}',
    )
    add_runtime_arguments(parser)
    parser.set_defaults(handler=_run)
