"""Show the entities of one article: people, organisations, places, dates, quantities.

PATH_OR_ID is an article file, or an article id of the corpus (a unique prefix
of an id will do: "003"). Offsets are character offsets into the article text.
Exit codes: 0 done; 1 extraction failed; 2 unknown article, unreadable file or
missing corpus folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import (
    DEFAULT_CORPUS,
    cell_width,
    emit,
    fail,
    find_article,
    fit,
    one_line,
    to_json,
)
from reader.corpus import CorpusError, Provenance
from reader.entities import Entity, Label, entities_for

MAX_TEXT_WIDTH = 40


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="PATH_OR_ID", help="an article file or corpus id")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of articles that ids refer to (default: ./seeds)",
    )
    parser.add_argument(
        "--label",
        action="append",
        choices=[str(label) for label in Label],
        help="only entities with this label (repeatable)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of {start, end, text, label[, value, key]}",
    )


def _table(entities: list[Entity]) -> list[str]:
    texts = [one_line(entity.text) for entity in entities]
    text_width = min(MAX_TEXT_WIDTH, max([4, *map(cell_width, texts)]))
    offsets = [f"{entity.start}-{entity.end}" for entity in entities]
    offset_width = max([7, *map(len, offsets)])
    lines = [f"{fit('LABEL', 8)}  {fit('TEXT', text_width)}  {fit('OFFSETS', offset_width)}  VALUE"]
    for entity, text, span in zip(entities, texts, offsets, strict=True):
        value = one_line(entity.value) if entity.value is not None else ""
        row = f"{fit(str(entity.label), 8)}  {fit(text, text_width)}  {fit(span, offset_width)}"
        lines.append(f"{row}  {value}".rstrip())
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        article = find_article(args.article, args.corpus)
    except CorpusError as exc:
        return fail(str(exc))
    try:
        entities = list(entities_for(article))
    except Exception as exc:  # report a bug in the extractor as an error, not a traceback
        return fail(f"entity extraction failed on {article.id}: {type(exc).__name__}: {exc}", 1)
    if args.label:
        entities = [entity for entity in entities if str(entity.label) in args.label]
    if args.json:
        emit(to_json([entity.to_json() for entity in entities]))
        return 0
    title = one_line(article.title.value or "")
    if article.title.provenance == Provenance.DERIVED:
        title += " (title derived from the first sentence)"
    lines = [f"{one_line(article.id)}: {title}", f"{len(entities)} entities", ""]
    if entities:
        lines.extend(_table(entities))
    emit("\n".join(lines))
    return 0
