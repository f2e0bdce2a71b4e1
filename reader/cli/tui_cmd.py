"""reader [CORPUS] [--db PATH]: open the interactive app."""

from __future__ import annotations

import argparse

from reader.cli.common import (
    add_corpus_argument,
    add_db_argument,
    default_db_path,
    fail_corpus,
)
from reader.corpus import Corpus, CorpusError, iter_corpus


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    try:
        source = iter_corpus(args.corpus)  # checks the folder now, reads files lazily
    except CorpusError as exc:
        return fail_corpus(exc, args.corpus)
    from reader.tui.app import ReaderApp  # textual is imported only for the TUI

    # The app shows the first articles at once and streams the rest in a worker.
    app = ReaderApp(
        corpus=Corpus(root=args.corpus), db_path=args.db or default_db_path(), source=source
    )
    app.run()
    return 0
