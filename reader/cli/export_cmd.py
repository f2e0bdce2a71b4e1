"""Export annotations as native JSON (default), W3C Web Annotation, schema.org
ClaimReview or a Markdown report, to stdout or atomically to a file.

Exit codes: 0 done; 1 the database could not be read or the file could not be
written; 2 bad input (unknown article or format, missing corpus, an existing
file without --force)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.annotations.model import Annotation
from reader.cli.common import add_corpus_argument, add_db_argument, default_db_path, fail
from reader.corpus import Corpus, CorpusError, load_corpus
from reader.export import (
    DEFAULT_FORMAT,
    FORMATS,
    ExportError,
    TargetExists,
    WriteError,
    export_annotations,
    write_atomic,
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_db_argument(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=list(FORMATS),
        default=DEFAULT_FORMAT,
        metavar="FORMAT",
        help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
        + f" (default: {DEFAULT_FORMAT})",
    )
    parser.add_argument(
        "--article",
        metavar="ID",
        help="only this article: its id (the path relative to the corpus) or its file",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help="write to PATH (default: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing PATH")


def load_annotations(db_path: Path) -> list[Annotation]:
    """All annotations of the database at `db_path`; none if it does not exist yet.

    Raises StoreError when the file is not a usable database."""
    if not db_path.exists():
        return []
    from reader.annotations.store import AnnotationStore

    store = AnnotationStore.open(db_path, read_only=True)
    try:
        return list(store.all())
    finally:
        store.close()


def article_id_for(value: str, corpus: Corpus) -> str:
    """An article id as given, or the id of the corpus file `value` points at."""
    if corpus.by_id(value) is not None:
        return value
    try:
        relative = Path(value).resolve().relative_to(corpus.root.resolve())
    except (ValueError, OSError):
        return value
    return relative.as_posix() if corpus.by_id(relative.as_posix()) is not None else value


def write_stdout(text: str) -> None:
    """UTF-8 to stdout whatever the locale; a closed pipe (| head) is not an error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        sys.stderr.close()


def run(args: argparse.Namespace) -> int:
    from reader.annotations.errors import StoreError

    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        return fail(str(exc))
    db_path = args.db or default_db_path()
    if not db_path.exists():
        print(f"reader: note: no annotation database at {db_path}", file=sys.stderr)
    try:
        annotations = load_annotations(db_path)
    except StoreError as exc:
        return fail(str(exc), 1)
    try:
        article_id = None if args.article is None else article_id_for(args.article, corpus)
        result = export_annotations(args.format, corpus, annotations, article_id=article_id)
    except ExportError as exc:
        return fail(str(exc))
    if args.output is None or str(args.output) == "-":
        write_stdout(result.text)
        return 0
    try:
        write_atomic(args.output, result.text, overwrite=args.force)
    except TargetExists as exc:
        return fail(str(exc))
    except WriteError as exc:
        return fail(str(exc), 1)
    noun = "note" if result.count == 1 else "notes"
    print(f"Exported {result.count} {noun} to {args.output}", file=sys.stderr)
    return 0
