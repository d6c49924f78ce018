"""Reference exposure measures: Eloundou et al., Microsoft (Tomlinson et al.), Anthropic."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from _build_common import (
    Row,
    Tables,
    columns,
    normalise_text,
    number,
    read_csv,
    records,
    soc6,
    text,
)

MS_IWA_COLUMNS = (
    "share_user",
    "share_ai",
    "completion_user",
    "completion_ai",
    "impact_scope_user",
    "impact_scope_ai",
    "feedback_positive_fraction_user",
    "feedback_positive_fraction_ai",
    "completion_x_scope_x_coverage_user",
    "completion_x_scope_x_coverage_ai",
)


def _task_id(value: str) -> int:
    # full_labelset.tsv writes Task IDs as floats ("15382.0").
    return round(float(value))


def build_eloundou_tasks(source: Path, tables: Tables) -> None:
    base = source / "exposure" / "eloundou"
    labels = read_csv(base / "full_labelset.tsv", sep="\t")
    automation = read_csv(base / "automation_gpt4_human_labels.tsv", sep="\t")
    auto: dict[int, tuple[str | None, str | None]] = {
        _task_id(tid): (text(gpt4), text(human))
        for tid, gpt4, human in columns(
            automation, "Task ID", "gpt4_automation", "human_automation"
        )
    }
    task_code = {row[0]: row[1] for row in tables.rows["tasks"]}
    rows: list[Row] = []
    dropped = 0
    for tid_raw, human, gpt4, gpt4_auto in columns(
        labels, "Task ID", "human_exposure_agg", "gpt4_exposure", "gpt4_automation"
    ):
        tid = _task_id(tid_raw)
        if tid not in task_code:
            # Labelled on an older O*NET release; the task no longer exists in 30.1.
            dropped += 1
            continue
        a_gpt4, a_human = auto.get(tid, (None, None))
        rows.append(
            (tid, task_code[tid], text(human), text(gpt4), a_gpt4 or text(gpt4_auto), a_human)
        )
    tables.put("exposure_tasks", rows)
    tables.coverage["eloundou_label_rows_in_file"] = len(labels)
    tables.coverage["eloundou_label_rows_kept"] = len(rows)
    tables.coverage["eloundou_label_rows_dropped_unknown_task"] = dropped
    tables.coverage["eloundou_occupations_with_task_labels"] = len({r[1] for r in rows})


def build_exposure_rest(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    _occupation_level(source, tables, occ)
    _ms_iwa(source, tables)
    _anthropic(source, tables)


def _occupation_level(source: Path, tables: Tables, occ: dict[str, dict[str, Any]]) -> None:
    merged: dict[str, dict[str, Any]] = defaultdict(dict)
    level = read_csv(source / "exposure" / "eloundou" / "occ_level.csv")
    for rec in records(level):
        code = rec["O*NET-SOC Code"].strip()
        if code not in occ:
            continue
        for side, prefix in (("human", "human_rating"), ("gpt4", "dv_rating")):
            for part in ("alpha", "beta", "gamma"):
                merged[code][f"{side}_{part}"] = number(rec[f"{prefix}_{part}"])

    ms = read_csv(source / "exposure" / "microsoft" / "soc_ai_applicability_scores.csv")
    scores = {
        soc6(soc): number(score) for soc, score in columns(ms, "SOC Code", "ai_applicability_score")
    }
    used: set[str] = set()
    for code, record in occ.items():
        # Microsoft scores detailed SOC 2018 codes, and BLS aggregates (13-1020, 29-2010 …)
        # where OEWS publishes only those; the NEM code of the occupation names the aggregate.
        for soc in (record["soc2018"], record.get("nem_code")):
            if soc in scores:
                merged[code]["ms_applicability"] = scores[soc]
                merged[code]["ms_soc"] = soc
                used.add(soc)
                break
    cols = (
        "human_alpha", "human_beta", "human_gamma", "gpt4_alpha", "gpt4_beta", "gpt4_gamma",
        "ms_applicability", "ms_soc",
    )  # fmt: skip
    tables.put(
        "exposure_occupations",
        ((code, *(vals.get(c) for c in cols)) for code, vals in merged.items()),
    )
    cov = tables.coverage
    cov["eloundou_occupations"] = sum(1 for v in merged.values() if v.get("human_beta") is not None)
    cov["microsoft_soc_rows_in_file"] = len(ms)
    cov["microsoft_soc_rows_matched"] = len(used)
    cov["microsoft_occupations"] = sum(
        1 for v in merged.values() if v.get("ms_applicability") is not None
    )


def _ms_iwa(source: Path, tables: Tables) -> None:
    data = read_csv(source / "exposure" / "microsoft" / "iwa_metrics.csv")
    known = {row[0] for row in tables.rows["iwas"]}
    rows = [
        (rec["IWA"].strip(), *(number(rec[c]) for c in MS_IWA_COLUMNS))
        for rec in records(data)
        if rec["IWA"].strip() in known
    ]
    tables.put("ms_iwa", rows)
    tables.coverage["microsoft_iwa_rows_in_file"] = len(data)
    tables.coverage["microsoft_iwa_rows_kept"] = len(rows)


def _anthropic(source: Path, tables: Tables) -> None:
    base = source / "exposure" / "anthropic"
    by_text: dict[str, list[int]] = defaultdict(list)
    for tid, _code, task, _kind in tables.rows["tasks"]:
        by_text[normalise_text(task)].append(tid)

    usage: dict[str, float] = defaultdict(float)
    original: dict[str, str] = {}
    mappings = read_csv(base / "onet_task_mappings.csv")
    for name, pct in columns(mappings, "task_name", "pct"):
        key = normalise_text(name)
        # A few statements differ only in punctuation and fold together; their shares add up.
        usage[key] += number(pct) or 0.0
        original.setdefault(key, name.strip())
    rows: list[Row] = []
    matched_rows = 0
    matched_share = 0.0
    total_share = 0.0
    for name, pct in columns(mappings, "task_name", "pct"):
        share = number(pct) or 0.0
        total_share += share
        if normalise_text(name) in by_text:
            matched_rows += 1
            matched_share += share
    for key, share in usage.items():
        for tid in by_text.get(key, []):
            rows.append((tid, share, original[key], len(by_text[key])))
    tables.put("anthropic_tasks", rows)

    split = read_csv(base / "automation_vs_augmentation.csv")
    tables.put(
        "anthropic_split",
        (
            (kind.strip(), (number(pct) or 0.0) / 100.0)
            for kind, pct in columns(split, "interaction_type", "pct")
        ),
    )
    cov = tables.coverage
    cov["anthropic_task_rows_in_file"] = len(mappings)
    cov["anthropic_task_rows_matched"] = matched_rows
    cov["anthropic_match_rate"] = round(matched_rows / len(mappings), 4)
    cov["anthropic_usage_share_matched"] = round(matched_share / total_share, 4)
    cov["anthropic_onet_tasks_with_usage"] = len(rows)
