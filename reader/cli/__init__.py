"""The `reader` command: the TUI by default, headless subcommands otherwise."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader.cli import tui_cmd

# name -> module (reader.cli.NAME_cmd), imported only when that subcommand runs:
# the app's start-up does not pay for the triage and export imports
SUBCOMMANDS: dict[str, str] = {
    name: f"reader.cli.{name}_cmd" for name in ("list", "entities", "export", "import", "claims")
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A keyboard-first terminal reader for people who check the news.",
        epilog="Subcommands: "
        + ", ".join(SUBCOMMANDS)
        + ". Run 'reader SUBCOMMAND --help' for each. With no subcommand, opens the app.",
    )
    tui_cmd.configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        module = importlib.import_module(SUBCOMMANDS[args_list[0]])
        sub = argparse.ArgumentParser(prog=f"reader {args_list[0]}", description=module.__doc__)
        module.configure(sub)
        args = sub.parse_args(args_list[1:])
        return module.run(args)
    args = build_parser().parse_args(args_list)
    return tui_cmd.run(args)
