"""`skillshift analyze PROFILE.json`: exposure summary, per-task rows, references, moves, learning plan."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands.io import write_json
from app.commands.match import add_runtime_arguments, positive_int
from app.commands.transitions import open_engine
from app.core.profile import Profile


def _text_report(result: dict[str, Any]) -> None:
    prof, exp = result["profile"], result["exposure"]
    occ = prof["occupation"]
    print(f"{prof['alias'] or 'profile'}: {occ['code']} {occ['title']}")
    pct = "-" if exp["percentile"] is None else f"{exp['percentile']:.0f}"
    print(
        f"exposure: alpha {exp['alpha']:.2f}  beta {exp['beta']:.2f}  gamma {exp['gamma']:.2f}  "
        f"percentile {pct}  references {exp['verdict']}"
    )
    for task in exp["tasks"]:
        print(f"  {task['label']}  {task['beta']:.2f}  {task['share']:.0%}  {task['text'][:80]}")
    if result["moves"]:
        print("moves:")
        for move in result["moves"]:
            beta = "-" if move["exposure_beta"] is None else f"{move['exposure_beta']:.2f}"
            print(f"  {move['code']}  {move['title']}  score {move['score']:.2f}  beta {beta}")
    else:
        print(f"moves: none ({result['empty_reason']}; removed by filters: {result['rejected']})")
    for path in result["paths"]:
        print("path: " + " → ".join(f"{s['code']} {s['title']}" for s in path["steps"]))
    steps = result["learning_plan"]["steps"]
    if steps:
        print(f"learn for {result['learning_plan']['target']}:")
        for step in steps:
            print(f"  {step['skill']}  ({step['reason']}, opens {step['unlocks']})")


def _run(args: argparse.Namespace) -> int:
    profile = Profile.load(args.profile)
    engine = open_engine(args)
    result = engine.analyze(profile, top=args.top).to_dict(engine)
    if args.json:
        write_json(result)
    else:
        _text_report(result)
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="a profile's AI exposure, its best moves and what to learn",
        description="Analyse a profile (JSON, schema 1): task exposure with published labels and "
        "reference measures, moves that respect the profile's preferences, a learning plan, and "
        "multi-step paths to a safer occupation when no direct move qualifies.",
    )
    parser.add_argument("profile", help="profile JSON file")
    parser.add_argument(
        "--top", type=positive_int, default=10, metavar="K", help="how many moves (default 10)"
    )
    parser.add_argument(
        "--json", action="store_true", help="write the whole result as one JSON object"
    )
    add_runtime_arguments(parser)
    parser.set_defaults(handler=_run)
