"""Command-line entry point: headless commands over the core, or the GUI with no arguments."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.core.errors import SkillShiftError

# Subcommand modules under app.commands; each defines `register(subparsers)`.
COMMAND_MODULES: tuple[str, ...] = (
    "info",
    "match",
    "exposure",
    "transitions",
    "analyze",
    "plan",
    "evaluate",
    "bench",
)

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="skillshift",
        description="SkillShift: how exposed your tasks are to AI, and where your skills can take you.",
    )
    parser.add_argument("--version", action="version", version=f"SkillShift {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="keep all user data (profiles, settings, caches) in DIR"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the GUI offscreen, run one search and one analysis, exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"app.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"app.commands.{name}":
                continue
            raise
        module.register(subparsers)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run_gui

    return run_gui(smoke_test=bool(args.smoke_test))


# An error nobody foresaw: not the person's input, so not exit code 2 (EX_SOFTWARE).
UNEXPECTED_EXIT_CODE = 70


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.data_dir:
            from app import paths

            paths.set_data_dir(args.data_dir)
        if args.command is None:
            return _run_gui(args)
        handler: Handler = args.handler
        return handler(args)
    except SkillShiftError as exc:
        print(f"skillshift: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("skillshift: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last resort: every foreseen case has its own message
        from app.crashlog import crash_message, write_crash_log

        print(f"skillshift: {crash_message(exc, write_crash_log(exc))}", file=sys.stderr)
        return UNEXPECTED_EXIT_CODE
