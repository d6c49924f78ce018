"""`skillshift eval match`: title search accuracy on held-out titles, clean and messy, vs a baseline."""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import paths
from app.commands.io import write_json
from app.commands.match import StderrProgress
from app.core.db import database
from app.core.encoder import PROVIDER_CHOICES, Encoder, OnnxEncoder
from app.core.errors import SkillShiftError
from app.core.progress import NULL_PROGRESS, Progress
from app.core.search import Matcher, MatchWeights, TitleRow
from app.core.title_training import fit_title_head
from app.core.validation import (
    is_held_out_reported,
    is_held_out_title,
    is_validation_occupation,
)

GOALS = {"clean": {"top1": 0.85, "top5": 0.97}, "messy": {"top1": 0.75, "top5": 0.92}}
TUNING_SHARE_PERCENT = 10

# How people shorten words when they type a title; the messy variants use these.
MESSY_ABBREVIATIONS = {
    "manager": "mgr",
    "senior": "sr",
    "junior": "jr",
    "assistant": "asst",
    "technician": "tech",
    "engineer": "eng",
    "administrator": "admin",
    "representative": "rep",
    "coordinator": "coord",
    "director": "dir",
    "supervisor": "supv",
    "accountant": "acct",
    "department": "dept",
    "specialist": "spec",
    "operations": "ops",
    "executive": "exec",
    "management": "mgmt",
}
MESSY_SUFFIXES = ("", " - remote", " II", " trainee")


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def messy_variant(title: str) -> str:
    """A deterministic "as typed" rendering: lowercase, abbreviated, one swapped letter, a suffix."""
    seed = _hash(f"messy:{title}")
    words = [MESSY_ABBREVIATIONS.get(w, w) for w in title.lower().split()]
    swappable = [
        i
        for i, w in enumerate(words)
        if w.isalpha() and len(w) >= 5 and w not in MESSY_ABBREVIATIONS.values()
    ]
    if swappable:
        i = swappable[seed % len(swappable)]
        word = words[i]
        spots = [j for j in range(1, len(word) - 2) if word[j] != word[j + 1]]
        if spots:
            j = spots[(seed >> 16) % len(spots)]
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words) + MESSY_SUFFIXES[(seed >> 32) % len(MESSY_SUFFIXES)]


def is_tuning_title(row: TitleRow) -> bool:
    """Titles of training occupations we hold out ourselves to tune the signal weights."""
    if is_validation_occupation(row.code) or row.source == "occupation":
        return False
    digest = hashlib.sha256(
        f"skillshift-tuning-v1:{row.code}|{row.title.lower()}".encode()
    ).digest()
    return int.from_bytes(digest[:4], "big") % 100 < TUNING_SHARE_PERCENT


def _reported_twins(chosen: Callable[[TitleRow], bool]) -> Callable[[TitleRow], bool]:
    """Chosen reported titles and the alternate titles that repeat them (same code and text).

    This mirrors how an independent check withholds titles: a reported job title together with
    its alternate-title twin, while every other title of the occupation stays in the index.
    """
    reported: set[tuple[str, str]] = set()

    def held_out(row: TitleRow) -> bool:
        if row.source == "occupation":
            return False
        key = (row.code, row.title.strip().lower())
        if row.source == "reported" and chosen(row):
            reported.add(key)
            return True
        return key in reported

    return held_out


# Reported titles held out with their alternate-title twins: of the validation occupations
# (unseen by training), or a fifth of every occupation's (the occupation itself is known).
TWIN_SPLITS: dict[str, Callable[[TitleRow], bool]] = {
    "reported": lambda row: is_validation_occupation(row.code),
    "titles": lambda row: is_held_out_reported(row.code, row.title),
}

SPLITS: dict[str, Callable[[TitleRow], bool]] = {
    "validation": lambda r: is_held_out_title(r.code, r.title, r.source),
    "tuning": is_tuning_title,
}

# The bundled title classifier never learns these splits' titles (`titles` stands for the
# independent check, `tuning` chooses the search weights); for another split, `eval match` fits
# a classifier of its own without that split's titles (about two minutes on two cores).
HEAD_HELD_OUT_SPLITS: tuple[str, ...] = ("titles", "tuning")


def held_out_rule(rows: Sequence[TitleRow], splits: Iterable[str]) -> Callable[[TitleRow], bool]:
    """True for a title row one of `splits` queries (and keeps out of the index)."""
    rules: list[Callable[[TitleRow], bool]] = []
    for split in splits:
        if split in TWIN_SPLITS:
            held = _reported_twins(TWIN_SPLITS[split])
            # Reported rows first so their alternate twins are recognised.
            for row in sorted(rows, key=lambda r: r.source != "reported"):
                held(row)
            rules.append(held)
        else:
            rules.append(SPLITS[split])
    return lambda row: any(rule(row) for rule in rules)


@dataclass(frozen=True)
class EvalQuery:
    text: str
    codes: frozenset[str]  # every code that lists this title (any hit counts)


def held_out_queries(
    rows: Sequence[TitleRow], held_out: Callable[[TitleRow], bool]
) -> list[EvalQuery]:
    codes_of: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        codes_of[row.title].add(row.code)
    texts = sorted({r.title for r in rows if held_out(r)})
    return [EvalQuery(t, frozenset(codes_of[t])) for t in texts]


def score_queries(
    matcher: Matcher, texts: Sequence[str], truth: Sequence[frozenset[str]], batch: int = 256
) -> dict[str, float]:
    top1 = top5 = 0
    for start in range(0, len(texts), batch):
        results = matcher.match_titles(texts[start : start + batch], top_k=5)
        for matches, codes in zip(results, truth[start : start + batch], strict=True):
            returned = [m.code for m in matches]
            top1 += bool(returned[:1]) and returned[0] in codes
            top5 += any(code in codes for code in returned)
    n = max(1, len(texts))
    return {"queries": len(texts), "top1": round(top1 / n, 4), "top5": round(top5 / n, 4)}


def evaluate_match(
    encoder: Encoder,
    *,
    split: str = "validation",
    weights: MatchWeights | None = None,
    baseline_encoder: Encoder | None = None,
    limit: int | None = None,
    db_path: Path | None = None,
    progress: Progress = NULL_PROGRESS,
) -> dict[str, Any]:
    """Top-1/top-5 of the full search and of embedding-only search, on titles absent from the index."""
    rows = database(db_path).title_rows()
    held_out = held_out_rule(rows, [split])
    queries = held_out_queries(rows, held_out)
    if limit is not None:
        queries = sorted(queries, key=lambda q: _hash(q.text))[:limit]
    clean = [q.text for q in queries]
    messy = [messy_variant(q.text) for q in queries]
    truth = [q.codes for q in queries]

    def keep(row: TitleRow) -> bool:
        return not held_out(row)

    system = Matcher(encoder, db_path=db_path, title_filter=keep, weights=weights)
    head_source = _split_head(system, split, [r for r in rows if keep(r)], progress)
    systems: dict[str, Matcher] = {
        "system": system,
        "embedding_only": Matcher(
            encoder, db_path=db_path, title_filter=keep, weights=EMBEDDING_ONLY
        ),
    }
    if baseline_encoder is not None:
        systems["stock_embedding_only"] = Matcher(
            baseline_encoder, db_path=db_path, title_filter=keep, weights=EMBEDDING_ONLY
        )
    result: dict[str, Any] = {
        "split": split,
        "queries": len(queries),
        "goals": GOALS,
        "title_classifier": head_source,
    }
    for name, matcher in systems.items():
        start = time.perf_counter()
        result[name] = {
            "clean": score_queries(matcher, clean, truth),
            "messy": score_queries(matcher, messy, truth),
        }
        result[name]["seconds"] = round(time.perf_counter() - start, 1)
    return result


def _split_head(matcher: Matcher, split: str, kept: Sequence[TitleRow], progress: Progress) -> str:
    """Give the matcher a title classifier that never learnt the split's titles.

    The bundled one when it left the split out; otherwise one fitted here on the titles the
    split keeps. Where no classifier fits the model, search runs without one, as the app does.
    """
    index = matcher.titles()
    if index.head is None:
        return "none"
    if split in index.head.meta.get("held_out_splits", ()):
        return "bundled"
    head = fit_title_head(matcher, kept, meta={"held_out_splits": [split]}, progress=progress)
    index.head = head.aligned(index.codes)
    return "fitted without this split's titles"


EMBEDDING_ONLY = MatchWeights(
    embedding=1.0,
    lexical=0.0,
    exact=0.0,
    official=0.0,
    centroid=0.0,
    classifier=0.0,
    vocabulary=0.0,
    head=0.0,
    spread=0.0,
    use_lexical=False,
)


def _baseline_encoder(path: str | None, args: argparse.Namespace) -> Encoder | None:
    """A model folder with a manifest, or a bare .onnx embedding graph (tokenizer beside it)."""
    if path is None:
        return None
    target = Path(path)
    if target.is_dir():
        return OnnxEncoder(target, provider=args.provider, threads=args.threads)
    if target.suffix != ".onnx" or not target.is_file():
        raise SkillShiftError(
            f"--baseline-model: {path} is neither a model folder nor an .onnx file"
        )
    tokenizer = target.with_name("tokenizer.json")
    if not tokenizer.is_file():
        tokenizer = paths.model_path("tokenizer.json")
    return OnnxEncoder.embedding_only(
        target, tokenizer, provider=args.provider, threads=args.threads
    )


def _print_table(result: dict[str, Any]) -> None:
    print(f"title search on {result['queries']} held-out titles ({result['split']} split)")
    print(f"{'':24}{'clean top1':>11}{'clean top5':>11}{'messy top1':>11}{'messy top5':>11}")
    for name in ("system", "embedding_only", "stock_embedding_only"):
        if name in result:
            c, m = result[name]["clean"], result[name]["messy"]
            print(
                f"{name:24}{c['top1']:>11.3f}{c['top5']:>11.3f}{m['top1']:>11.3f}{m['top5']:>11.3f}"
            )
    print(f"{'title classifier':24}{result['title_classifier']}")
    g = result["goals"]
    print(
        f"{'goal':24}{g['clean']['top1']:>11.2f}{g['clean']['top5']:>11.2f}"
        f"{g['messy']['top1']:>11.2f}{g['messy']['top5']:>11.2f}"
    )


def _run_match(args: argparse.Namespace) -> int:
    encoder = OnnxEncoder(provider=args.provider, threads=args.threads)
    for warning in encoder.session_info.warnings:
        print(f"skillshift: warning: {warning}", file=sys.stderr)
    result = evaluate_match(
        encoder,
        split=args.split,
        baseline_encoder=_baseline_encoder(args.baseline_model, args),
        limit=args.limit,
        progress=StderrProgress(template="fitting a title classifier for this split ({what})"),
    )
    result["model_sha256"] = encoder.model_sha256
    if args.json:
        write_json(result)
    else:
        _print_table(result)
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval", help="measure search and model quality on held-out data")
    targets = parser.add_subparsers(dest="eval_target", metavar="TARGET", required=True)
    match = targets.add_parser("match", help="title search on held-out titles (clean and messy)")
    match.add_argument("--json", action="store_true", help="print the figures as JSON")
    match.add_argument(
        "--split",
        choices=sorted([*SPLITS, *TWIN_SPLITS]),
        default="titles",
        help="titles: a fifth of every occupation's reported titles and their twins, as an"
        " independent check withholds them (default); validation: held-out titles of validation"
        " occupations; reported: reported titles of validation occupations and their"
        " alternate-title twins; tuning: our own held-out titles of training occupations"
        " (chooses the search weights)",
    )
    match.add_argument("--limit", type=int, default=None, help="evaluate only N queries")
    match.add_argument(
        "--baseline-model",
        metavar="DIR",
        default=None,
        help="a model folder (manifest.json) or an .onnx embedding graph, e.g. the stock base "
        "model, to compare embedding-only search with",
    )
    match.add_argument("--provider", choices=PROVIDER_CHOICES, default="auto")
    match.add_argument("--threads", type=int, default=None)
    match.set_defaults(handler=_run_match)
