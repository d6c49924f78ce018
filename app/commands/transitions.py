"""`skillshift transitions CODE`: the most feasible moves from an occupation, with skill gaps."""

from __future__ import annotations

import argparse
import math
from typing import Any

from app.commands.io import write_json_line
from app.commands.match import StderrProgress, add_runtime_arguments, open_encoder, positive_int
from app.core.catalog import normalise_code
from app.core.encoder import OnnxEncoder
from app.core.engine import Engine
from app.core.errors import UnknownCodeError
from app.core.transitions import Filters, Move, MoveList

REJECT_NAMES = {
    "zone": "job-zone step",
    "wage": "wage floor",
    "safer": "safer",
    "safer_unknown": "safer (this occupation has no model exposure: it has no O*NET tasks)",
    "outlook": "bright outlook",
}


def open_engine(args: argparse.Namespace, *, run_model: bool = True) -> Engine:
    """The engine over the bundled model; `run_model=False` skips starting the model session
    (listing an occupation's moves only needs the model's checksum, not the model)."""
    if run_model:
        encoder = open_encoder(args)
    else:
        encoder = OnnxEncoder(provider=args.provider, threads=args.threads)
    engine = Engine(encoder)
    engine.context(StderrProgress())
    return engine


def ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value) or value < 0 or value > 10:
        raise argparse.ArgumentTypeError(f"must be between 0 and 10, got {text}")
    return value


def zone_step(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not -4 <= value <= 4:
        raise argparse.ArgumentTypeError(f"must be between -4 and 4, got {value}")
    return value


def move_record(move: Move) -> dict[str, Any]:
    """The JSON Lines contract: code, title, score, exposure_beta, wage_median, job_zone, outlook,
    have, gap (plus partial matches and score components)."""
    full = move.to_dict()
    return {
        "code": full["code"],
        "title": full["title"],
        "score": full["score"],
        "exposure_beta": full["exposure_beta"],
        "wage_median": full["wage_median"],
        "job_zone": full["job_zone"],
        "outlook": full["outlook"],
        "have": full["have"],
        "partial": full["partial"],
        "gap": full["gap"],
        "components": full["components"],
    }


def explain_empty(result: MoveList) -> str:
    parts = [f"{REJECT_NAMES.get(k, k)} removed {v}" for k, v in sorted(result.rejected.items())]
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"skillshift: no move passes the filters{detail}; relax --safer, --min-wage-ratio or --max-zone-step"


def _run(args: argparse.Namespace) -> int:
    code = normalise_code(args.code)
    filters = Filters(
        max_zone_step=args.max_zone_step,
        min_wage_ratio=args.min_wage_ratio,
        safer=args.safer,
        bright_outlook=args.bright_outlook,
    )
    engine = open_engine(args, run_model=False)
    try:
        result = engine.transitions(code, filters, args.top)
    except UnknownCodeError:
        raise UnknownCodeError(args.code.strip()) from None
    if not result.moves:
        import sys

        print(explain_empty(result), file=sys.stderr)
        return 0
    if args.jsonl:
        for move in result.moves:
            write_json_line(move_record(move))
        return 0
    for rank, move in enumerate(result.moves, start=1):
        beta = "-" if move.exposure_beta is None else f"{move.exposure_beta:.2f}"
        wage = "-" if move.wage_median is None else f"${move.wage_median:,.0f}"
        gap = ", ".join(g.skill for g in move.gap[:3]) or "-"
        print(
            f"{rank:2}. {move.code}  {move.title}  score {move.score:.2f}  beta {beta}  "
            f"wage {wage}  zone {move.job_zone or '-'}  gap: {gap}"
        )
    return 0


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--safer",
        action="store_true",
        help="only occupations with a lower model exposure (beta) than this one",
    )
    parser.add_argument(
        "--min-wage-ratio",
        type=ratio,
        default=None,
        metavar="R",
        help="only occupations paying at least R x this one's median wage",
    )
    parser.add_argument(
        "--max-zone-step",
        type=zone_step,
        default=None,
        metavar="N",
        help="only occupations at most N O*NET job zones higher",
    )
    parser.add_argument(
        "--bright-outlook",
        action="store_true",
        help="only occupations with a bright outlook (growth or openings)",
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "transitions",
        help="the most feasible moves from an occupation, with skill gaps",
        description="Rank occupations a worker in CODE could move to: what CODE brings that the "
        "destination needs (ESCO and O*NET skills, activities, technology) and how similar the work "
        "is. With no filter flags the list is unfiltered.",
    )
    parser.add_argument("code", help="O*NET-SOC code, e.g. 43-4051.00")
    parser.add_argument(
        "--top", type=positive_int, default=10, metavar="K", help="how many moves (default 10)"
    )
    add_filter_arguments(parser)
    parser.add_argument(
        "--jsonl", action="store_true", help="one JSON object per destination, best first"
    )
    add_runtime_arguments(parser)
    parser.set_defaults(handler=_run)
