"""The CLI's answers on a fixed input set, to show that a refactoring changed no behaviour.

    python tests/tools/cli_outputs.py write DIR     # run every command, save the outputs in DIR
    python tests/tools/cli_outputs.py compare DIR   # run again, compare with DIR (exit 1 on any
                                                    # difference, naming the files that differ)

Runs `match --top 5 --jsonl`, `exposure --jsonl`, `transitions CODE --top 10 --jsonl` (with and
without filters) and `analyze PROFILE --json` as a user would (`python -m app`, a fresh process
each, a temporary data folder so no cache of the user's is read), and keeps stdout, stderr and
the exit code of each. Not a test: it needs the bundled model and takes about two minutes.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

TITLES = (
    "registered nurse",
    "RN",
    "sr accounts payable clerk",
    "CPA",
    "software engineer - remote",
    "truck driver",
    "it mgr",
    "head chef",
    "warehouse associate",
    "asst store manager",
    "data scientist",
    "hvac tech",
    "elementary school teacher",
    "cto",
    "forklift operator II",
    "medical assistant",
    "paralegal",
    "welder trainee",
    "customer service rep",
    "electrician",
    "bookkeeper",
    "graphic designer",
    "cashier",
    "paino tech",
    "Registered Nurse (RN)",
    "contract manager",
    "",
    "zzzz qqqq",
    "机器学习工程师",
)

TASKS = (
    # O*NET task statements (the work-activity vote applies), one with other case and spacing.
    "Prepare financial statements, reports, and schedules.",
    "operate  cash registers or  other payment systems.",
    "Confer with customers by telephone or in person to provide information about products or "
    "services, take or enter orders, cancel accounts, or obtain details of complaints.",
    "Drive tractor-trailer combination, applying knowledge of commercial driving regulations.",
    # A person's own words.
    "answer customer emails about late deliveries",
    "write python scripts to clean sales data",
    "lift boxes onto pallets in the warehouse",
    "design logos and brochures for small businesses",
    "comfort patients and explain their medication",
    "",
)

TRANSITIONS: tuple[tuple[str, ...], ...] = (
    ("43-4051.00",),  # customer service representatives
    ("29-1141.00",),  # registered nurses
    ("43-3031.00",),  # bookkeeping clerks
    ("15-1252.00",),  # software developers
    ("53-3032.00",),  # heavy truck drivers
    ("27-1024.00",),  # graphic designers
    ("41-2011.00",),  # cashiers
    ("23-2011.00",),  # paralegals
    ("43-4051.00", "--safer", "--min-wage-ratio", "0.9", "--max-zone-step", "1"),
    ("43-3031.00", "--safer", "--bright-outlook"),
    ("53-3032.00", "--min-wage-ratio", "10", "--max-zone-step", "-4"),  # nothing passes
)

PROFILES: dict[str, dict[str, Any]] = {
    "customer_service": {
        "schema": 1,
        "alias": "Sam",
        "occupation": {"code": "43-4051.00"},
        "tasks": [{"task_id": 2578}, {"task_id": 2579}, {"text": "answer customer emails"}],
        "skills": [
            {"kind": "text", "value": "microsoft excel"},
            {"kind": "text", "value": "spanish"},
        ],
    },
    "bookkeeper_safer": {
        "schema": 1,
        "alias": "Alex",
        "occupation": {"code": "43-3031.00"},
        "tasks": [
            {"text": "Prepare financial statements, reports, and schedules."},
            {"text": "reconcile bank statements every month", "share": 3},
            {"text": "chase unpaid invoices by phone"},
        ],
        "skills": [
            {"kind": "technology", "value": "Microsoft Excel"},
            {"kind": "technology", "value": "not a real tool"},
            {"kind": "text", "value": "bookkeeping"},
        ],
        "preferences": {"max_zone_step": 2, "min_wage_ratio": 0.9, "safer_only": True},
    },
    "nurse_by_role": {
        "schema": 1,
        "alias": "",
        "occupation": {"role": "staff nurse"},
        "tasks": [
            {"text": "give patients their medication"},
            {"text": "record vital signs in the patient chart"},
        ],
        "skills": [{"kind": "onet", "value": "2.A.1.a", "level": 5}],
    },
    "truck_driver_no_occupation_skills": {
        "schema": 1,
        "alias": "Jo",
        "occupation": {"code": "53-3032.00"},
        "tasks": [{"text": "drive a lorry between depots"}],
        "skills": [{"kind": "text", "value": "forklift driving"}],
        "include_occupation_skills": False,
        "preferences": {"max_zone_step": 0, "min_wage_ratio": 1.0, "safer_only": False},
    },
    # Physical tasks give a low exposure: no move is safer, so the engine looks for paths.
    "developer_with_paths": {
        "schema": 1,
        "alias": "Kim",
        "occupation": {"code": "15-1252.00"},
        "tasks": [
            {"text": "lift heavy boxes onto trucks"},
            {"text": "climb ladders to repair roofs"},
        ],
        "preferences": {"max_zone_step": 1, "min_wage_ratio": 0.9, "safer_only": False},
    },
    "nothing_passes": {
        "schema": 1,
        "alias": "Lee",
        "occupation": {"code": "41-2011.00"},
        "tasks": [{"task_id": 2400}, {"task_id": 2401}],
        "preferences": {"max_zone_step": 0, "min_wage_ratio": 10, "safer_only": True},
    },
}


def _run(args: list[str], stdin: str, data_dir: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env["SKILLSHIFT_DATA_DIR"] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    return {"args": args, "code": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}


def collect(work: Path) -> dict[str, dict[str, Any]]:
    """Every run's output by name."""
    data_dir = work / "data"
    out: dict[str, dict[str, Any]] = {}
    out["match"] = _run(["match", "--top", "5", "--jsonl"], "\n".join(TITLES) + "\n", data_dir)
    out["exposure"] = _run(["exposure", "--jsonl"], "\n".join(TASKS) + "\n", data_dir)
    for k, args in enumerate(TRANSITIONS):
        name = f"transitions_{k:02d}_{args[0]}"
        out[name] = _run(["transitions", *args, "--top", "10", "--jsonl"], "", data_dir)
    for name, profile in PROFILES.items():
        file = work / f"{name}.json"
        file.write_text(json.dumps(profile), encoding="utf-8")
        run = _run(["analyze", str(file), "--json"], "", data_dir)
        run["args"] = ["analyze", f"{name}.json", "--json"]  # not the temporary folder
        run["stderr"] = run["stderr"].replace(str(file), f"{name}.json")
        out[f"analyze_{name}"] = run
    return out


def write(outputs: dict[str, dict[str, Any]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, run in outputs.items():
        (folder / f"{name}.json").write_text(
            json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def compare(outputs: dict[str, dict[str, Any]], folder: Path) -> list[str]:
    """Names of the runs whose output differs from the saved one (with a short diff printed)."""
    differ: list[str] = []
    saved = {p.stem for p in folder.glob("*.json")}
    for name in sorted(saved | set(outputs)):
        file = folder / f"{name}.json"
        if name not in outputs or not file.is_file():
            differ.append(name)
            print(f"{name}: only in {'the saved set' if name not in outputs else 'this run'}")
            continue
        before = file.read_text(encoding="utf-8")
        after = json.dumps(outputs[name], indent=1, ensure_ascii=False) + "\n"
        if before != after:
            differ.append(name)
            diff = difflib.unified_diff(
                before.splitlines(), after.splitlines(), "saved", "now", lineterm="", n=1
            )
            print(f"{name}: differs\n" + "\n".join(list(diff)[:40]))
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["write", "compare"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="skillshift-cli-outputs-") as tmp:
        outputs = collect(Path(tmp))
    if args.mode == "write":
        write(outputs, args.folder)
        print(f"{len(outputs)} runs written to {args.folder}")
        return 0
    differ = compare(outputs, args.folder)
    print(
        f"{len(outputs)} runs, {len(differ)} differ" + (f": {', '.join(differ)}" if differ else "")
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
