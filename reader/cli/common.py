"""Helpers shared by the subcommands: defaults, errors, corpus and db paths."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_CORPUS = Path("seeds")
DEFAULT_DB = Path("data") / "annotations.json"
DB_ENV_VAR = "READER_DB"


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error to stderr and return the exit code."""
    print(f"reader: error: {message}", file=sys.stderr)
    return code


def default_db_path() -> Path:
    env = os.environ.get(DB_ENV_VAR)
    return Path(env) if env else DEFAULT_DB


def add_corpus_argument(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of .txt/.md articles (default: ./seeds)",
    )


def add_db_argument(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"annotation database (default: ${DB_ENV_VAR} or ./data/annotations.json)",
    )
