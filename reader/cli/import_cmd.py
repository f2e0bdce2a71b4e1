"""reader import: not available yet (being built)."""

from __future__ import annotations

import argparse

from reader.cli.common import fail


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    return fail("'reader import' is not available yet")
