"""reader [CORPUS] [--db PATH]: open the interactive app."""

from __future__ import annotations

import argparse

from reader.cli.common import add_corpus_argument, add_db_argument, default_db_path, fail
from reader.corpus import CorpusError, load_corpus


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        return fail(str(exc))
    from reader.tui.app import ReaderApp  # textual is imported only for the TUI

    ReaderApp(corpus=corpus, db_path=args.db or default_db_path()).run()
    return 0
