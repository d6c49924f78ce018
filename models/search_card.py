"""Measure the app's whole title search and write its section of models/model_card.md.

The card's validation tables score the graph's embeddings alone; what a user meets is the full
search (embeddings, the lexical signal, the title classifier). This runs `skillshift eval match`
on each split and puts the figures in the card, next to embedding-only search on the same
queries, so the card shows both from one run of one model.

    PYTHONPATH=. .venv/bin/python -m models.search_card            # titles, reported, tuning
    PYTHONPATH=. .venv/bin/python -m models.search_card --split titles
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import time
from pathlib import Path
from typing import Any

from app.commands.evaluate import GOALS, evaluate_match
from app.commands.match import StderrProgress
from app.core.encoder import OnnxEncoder
from models.common import MODELS_DIR
from models.model_card import replace_card_section

CARD_SECTION = "## In the app: title search"
SPLITS = ("titles", "reported", "tuning")

SPLIT_TEXT = {
    "titles": "a fifth of every occupation's reported titles with the alternate titles that"
    " repeat them; the occupation stays known (how titles are withheld for an independent"
    " check)",
    "reported": "every reported title of the validation occupations with its alternate twin",
    "tuning": "a tenth of the training occupations' titles; these choose the search weights",
    "validation": "the reported titles and half of the alternate titles of the validation"
    " occupations",
}


def _row(split: str, queries: int, system: str, figures: dict[str, Any]) -> str:
    c, m = figures["clean"], figures["messy"]
    return (
        f"| {split} ({queries:,}) | {system} | {c['top1']:.3f} | {c['top5']:.3f} |"
        f" {m['top1']:.3f} | {m['top5']:.3f} |"
    )


def card_lines(results: list[dict[str, Any]], measured: str) -> list[str]:
    """The card section for `results` (one `evaluate_match` result per split)."""
    lines = [
        "What a typed title meets in the app: nearest titles by embedding, an IDF-weighted word"
        " and character-trigram signal, abbreviations, acronyms and typos read the way a query is"
        " read, each occupation's mean title embedding, the share of the query's words its titles"
        " use and whether one of them ends in the query's head word, and the title classifier"
        " (`app/core/search/`, `app/core/title_head.py`). A query is a hit when a returned"
        " code is any occupation that lists the title; its split's titles are out of the index,"
        " of encoder training and of the classifier (for a split the bundled classifier learnt,"
        " `eval match` fits one without it). Messy queries are the same titles typed: lowercase,"
        ' mgr/sr/asst/tech, one transposed letter, and " - remote", " II" or " trainee".',
        "",
        "| split (queries) | search | clean top-1 | clean top-5 | messy top-1 | messy top-5 |",
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        split, n = result["split"], result["queries"]
        lines.append(_row(split, n, "full search (the app)", result["system"]))
        lines.append(_row(split, n, "embeddings only", result["embedding_only"]))
    g = GOALS
    lines += [
        f"| goal | | {g['clean']['top1']} | {g['clean']['top5']} | {g['messy']['top1']} |"
        f" {g['messy']['top5']} |",
        "",
        *[f"- `{r['split']}`: {SPLIT_TEXT.get(r['split'], r['split'])}." for r in results],
        "",
        f"Measured {measured} with `python -m models.search_card`"
        " (the same figures as `skillshift eval match --split SPLIT`). int8 activations round a"
        " little differently on CPUs with and without VNNI, which moves these figures by a few"
        " tenths of a point.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", action="append", choices=sorted(SPLIT_TEXT), default=None)
    parser.add_argument("--models", type=Path, default=MODELS_DIR)
    parser.add_argument("--no-card", action="store_true", help="print the figures only")
    args = parser.parse_args()
    encoder = OnnxEncoder(args.models)
    results = []
    for split in args.split or SPLITS:
        start = time.perf_counter()
        result = evaluate_match(
            encoder,
            split=split,
            progress=StderrProgress(template="fitting a title classifier for this split ({what})"),
        )
        result["seconds"] = round(time.perf_counter() - start, 1)
        results.append(result)
        print(json.dumps({k: result[k] for k in ("split", "queries", "system", "seconds")}))
    if not args.no_card:
        measured = f"on {datetime.date.today().isoformat()} ({platform.machine()}, onnxruntime CPU)"
        card = replace_card_section(args.models, CARD_SECTION, card_lines(results, measured))
        print(f"wrote {card}")


if __name__ == "__main__":
    main()
