"""List the articles of a corpus: id, title, date, outlet, words, notes.

Files that were skipped or re-decoded are reported on stderr, one line each;
they never fail the command. Metadata is cached by text hash in the user's
cache folder ($READER_CACHE_DIR; "off" turns it off). Exit codes: 0 done; 2 the
corpus folder cannot be used."""

from __future__ import annotations

import argparse
import importlib
import shutil
from pathlib import Path

from reader.cli.common import (
    add_corpus_argument,
    add_db_argument,
    cell_width,
    default_db_path,
    emit,
    fail_corpus,
    fit,
    one_line,
    to_json,
    warn,
    warn_problems,
)
from reader.corpus import Article, CorpusError, Provenance, load_corpus

DERIVED_MARK = "≈ "  # before a title derived from the first sentence


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _store_counts(db_path: Path) -> dict[str, object]:
    """{article id: ArticleCounts} from the annotation store; {} when there is
    no database file or no store module. Raises the store's error if unusable."""
    if not db_path.exists():
        return {}  # no notes yet (a folder or an unreadable file is the store's to report)
    try:
        store_module = importlib.import_module("reader.annotations.store")
    except ImportError as exc:
        if exc.name and "reader.annotations" in exc.name:
            return {}
        raise
    store = store_module.AnnotationStore.open(db_path, read_only=True)
    try:
        return dict(store.counts_by_article())
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def note_counts(db_path: Path) -> dict[str, int]:
    """{article id: number of notes} from the annotation database at `db_path`;
    {} when the database file (or the store) does not exist."""
    return {key: counts.notes for key, counts in _store_counts(Path(db_path)).items()}  # type: ignore[attr-defined]


def _row(article: Article, counts: object | None, known: bool) -> dict[str, object]:
    """One article as a JSON-ready dict. `known` False: the note counts could not be read."""
    fields = {
        "title": article.title,
        "subtitle": article.subtitle,
        "author": article.author,
        "outlet": article.outlet,
        "original_outlet": article.original_outlet,
        "published": article.published,
    }
    row: dict[str, object] = {"id": article.id, "path": str(article.path)}
    row.update({name: field.value for name, field in fields.items()})
    row["words"] = article.word_count
    row["reading_minutes"] = article.reading_minutes
    row["notes"] = getattr(counts, "notes", 0) if known else None
    row["open_factchecks"] = getattr(counts, "open_factchecks", 0) if known else None
    row["provenance"] = {name: str(field.provenance) for name, field in fields.items()}
    row["spans"] = {name: list(field.span) for name, field in fields.items() if field.span}
    row["text_hash"] = article.text_hash
    row["encoding"] = article.encoding
    row["warnings"] = list(article.warnings)
    return row


def _table(rows: list[dict[str, object]], width: int) -> list[str]:
    """An aligned table that fits `width` columns; the title takes what is left."""
    headers = ("ID", "TITLE", "DATE", "OUTLET", "WORDS", "NOTES")
    ids = [one_line(str(row["id"])) for row in rows]
    outlets = [one_line(str(row["outlet"] or "")) for row in rows]
    id_width = min(32, max([2, *map(cell_width, ids)]))
    outlet_width = min(20, max([6, *map(cell_width, outlets)]))
    fixed = id_width + 10 + outlet_width + 5 + 5 + 2 * 5
    title_width = max(12, width - fixed)
    lines = [
        "  ".join(
            (
                fit(headers[0], id_width),
                fit(headers[1], title_width),
                fit(headers[2], 10),
                fit(headers[3], outlet_width),
                fit(headers[4], 5, ">"),
                fit(headers[5], 5, ">"),
            )
        ).rstrip()
    ]
    for row, article_id, outlet in zip(rows, ids, outlets, strict=True):
        derived = row["provenance"]["title"] == Provenance.DERIVED  # type: ignore[index]
        title = (DERIVED_MARK if derived else "") + one_line(str(row["title"] or ""))
        notes = "?" if row["notes"] is None else str(row["notes"])
        cells = (
            fit(article_id, id_width),
            fit(title, title_width),
            fit(str(row["published"] or "-"), 10),
            fit(outlet or "-", outlet_width),
            fit(str(row["words"]), 5, ">"),
            fit(notes, 5, ">"),
        )
        lines.append("  ".join(cells).rstrip())
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        corpus = load_corpus(args.corpus, cache=True)  # metadata cached by text hash
    except CorpusError as exc:
        return fail_corpus(exc, args.corpus)
    warn_problems(corpus.problems)
    db_path = args.db or default_db_path()
    try:
        counts: dict[str, object] | None = _store_counts(db_path)
    except Exception as exc:  # the store's own error: report it, still list the articles
        warn(f"notes not counted: {exc}")
        counts = None
    rows = [
        _row(article, (counts or {}).get(article.id), counts is not None)
        for article in corpus.articles
    ]
    if args.json:
        emit(to_json(rows))
        return 0
    if not rows:
        warn(f"no articles in {corpus.root}")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    lines = _table(rows, width)
    if any(row["provenance"]["title"] == Provenance.DERIVED for row in rows):  # type: ignore[index]
        lines.append(f"{DERIVED_MARK}title derived from the first sentence (the text states none)")
    emit("\n".join(lines))
    return 0
