"""Merge a colleague's native JSON export (reader export --format json) into the
annotation database: ids are kept, identical ones skipped, newer versions
replace older ones, annotations of articles not in the corpus are kept and
reported as orphaned. A bad file changes nothing.

Exit codes: 0 done; 1 the database could not be read or written; 2 the file is
unreadable or not a valid reader export, or the corpus is missing."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import add_corpus_argument, add_db_argument, default_db_path, fail
from reader.corpus import CorpusError, load_corpus
from reader.export import ImportFormatError, import_annotations, plan_import, read_export

MAX_LISTED = 5


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="a native JSON export")
    add_corpus_argument(parser)
    add_db_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )


def run(args: argparse.Namespace) -> int:
    from reader.annotations.errors import StoreError

    try:
        incoming = read_export(args.file)
    except ImportFormatError as exc:
        return fail(f"{args.file}: {exc}")
    except OSError as exc:
        return fail(f"cannot read {args.file}: {exc.strerror or exc}")
    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        return fail(str(exc))
    db_path = args.db or default_db_path()
    from reader.annotations.store import AnnotationStore

    try:
        if args.dry_run:
            existing = []
            if db_path.exists():
                store = AnnotationStore.open(db_path, read_only=True)
                try:
                    existing = list(store.all())
                finally:
                    store.close()
            plan = plan_import(incoming, existing, corpus)
            counts = (len(plan.adds), len(plan.updates), plan.skipped, plan.orphaned)
            missing = plan.missing_articles
        else:
            store = AnnotationStore.open(db_path)
            try:
                report = import_annotations(incoming, store, corpus)
            finally:
                store.close()
            counts = (report.added, report.updated, report.skipped, report.orphaned)
            missing = report.missing_articles
    except StoreError as exc:
        return fail(str(exc), 1)
    prefix = "would import" if args.dry_run else "imported"
    print(
        f"{prefix} {args.file}: added {counts[0]}, updated {counts[1]}, "
        f"skipped {counts[2]}, orphaned {counts[3]}"
    )
    if missing:
        shown = ", ".join(missing[:MAX_LISTED])
        more = f" and {len(missing) - MAX_LISTED} more" if len(missing) > MAX_LISTED else ""
        print(f"articles not in the corpus (kept as orphaned): {shown}{more}")
    return 0
