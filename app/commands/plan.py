"""`skillshift plan PROFILE.json --target CODE`: ordered learning plan and any multi-step path."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands.io import write_json
from app.commands.match import add_runtime_arguments
from app.commands.transitions import open_engine
from app.core.catalog import normalise_code
from app.core.errors import UnknownCodeError
from app.core.profile import Profile


def _text_report(result: dict[str, Any]) -> None:
    target = result["target"]
    print(
        f"target: {target['code']} {target['title']}  score {target['score']:.2f}  "
        f"rank {result['rank']}  {'direct move' if result['direct'] else 'not a direct move'}"
    )
    if result["filtered_out_by"]:
        print(f"note: your preferences exclude it ({result['filtered_out_by']})")
    for i, step in enumerate(result["learning_plan"], start=1):
        print(f"{i:2}. {step['skill']}  ({step['reason']}, opens {step['unlocks']})")
    if result["path"]:
        print("path: " + " → ".join(f"{s['code']} {s['title']}" for s in result["path"]["steps"]))
    elif not result["direct"]:
        print("no path of at most 3 steps reaches it")


def _run(args: argparse.Namespace) -> int:
    profile = Profile.load(args.profile)
    engine = open_engine(args)
    try:
        result = engine.plan(profile, normalise_code(args.target))
    except UnknownCodeError as exc:
        if exc.code == normalise_code(args.target):
            raise UnknownCodeError(args.target.strip()) from None
        raise
    if args.json:
        write_json(result)
    else:
        _text_report(result)
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="what to learn, in order, to move to a target occupation",
        description="The learning plan from a profile to --target CODE: missing skills ranked by "
        "importance, the moves they open and their prerequisites; a path of at most 3 steps when "
        "the target is not a direct move.",
    )
    parser.add_argument("profile", help="profile JSON file")
    parser.add_argument(
        "--target", required=True, metavar="CODE", help="O*NET-SOC code of the target"
    )
    parser.add_argument("--json", action="store_true", help="write the result as one JSON object")
    add_runtime_arguments(parser)
    parser.set_defaults(handler=_run)
