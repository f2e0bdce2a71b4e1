"""List an article's check-worthy claims with their score and reasons.

ARTICLE is a file path, or an article id of the corpus (a unique prefix of an
id will do: "001"). Exit codes: 0 done; 2 bad input (unknown article, missing
corpus, unreadable file)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from reader.cli.common import DEFAULT_CORPUS, fail
from reader.corpus import Article, CorpusError, load_article, load_corpus
from reader.corpus.sanitize import display_safe
from reader.entities.model import Entity
from reader.triage.claims import DEFAULT_THRESHOLD, check_worthy, score_claims
from reader.triage.quotes import find_quotes, sourcing_summary


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="PATH_OR_ID", help="an article file or corpus id")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of articles ids refer to (default: ./seeds)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument("--all", action="store_true", help="every sentence, not only claims")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="SCORE",
        help=f"lowest score of a check-worthy claim, 0..1 (default: {DEFAULT_THRESHOLD})",
    )


def _find_article(spec: str, corpus_root: Path) -> Article | str:
    """The article, or an error message."""
    path = Path(spec)
    if path.is_file():
        root = path.parent
        try:
            resolved, corpus = path.resolve(), corpus_root.resolve()
            if resolved.is_relative_to(corpus):
                return load_article(resolved, corpus)
            return load_article(path, root)
        except CorpusError as exc:
            return f"cannot read {spec}: {exc}"
    try:
        articles = load_corpus(corpus_root).articles
    except CorpusError as exc:
        return str(exc)
    exact = [a for a in articles if a.id == spec]
    matches = exact or [a for a in articles if a.id.startswith(spec)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return f"unknown article: {spec!r} is not a file nor an article id in {corpus_root}"
    names = ", ".join(a.id for a in matches[:5])
    return f"ambiguous article {spec!r}: matches {names}{' ...' if len(matches) > 5 else ''}"


def _entities(article: Article) -> list[Entity]:
    """The article's entities; none if the extractor fails (claims still work)."""
    try:
        from reader.entities import entities_for

        return list(entities_for(article))
    except Exception:  # the extractor must never stop claim listing
        return []


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except BrokenPipeError:  # `reader claims X | head`: the reader stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    if not 0.0 <= args.threshold <= 1.0:
        return fail("--threshold must be between 0 and 1")
    found = _find_article(args.article, args.corpus)
    if isinstance(found, str):
        return fail(found)
    article = found
    entities = _entities(article)
    quotes = find_quotes(article.text, entities)
    claims = score_claims(article.text, entities, quotes, start=article.body_start)
    shown = claims if args.all else check_worthy(claims, args.threshold)
    if args.json:
        # On a terminal every non-ASCII character is escaped, so no control or
        # bidi character in the text reaches it; in a pipe the text stays as is.
        ascii_only = sys.stdout.isatty()
        json.dump([c.to_json() for c in shown], sys.stdout, ensure_ascii=ascii_only, indent=2)
        sys.stdout.write("\n")
        return 0
    title = article.title.value or article.id
    worthy = len(check_worthy(claims, args.threshold))
    print(display_safe(f"{article.id}: {title}"))
    print(f"{worthy} check-worthy of {len(claims)} sentences (threshold {args.threshold:g})")
    src = sourcing_summary(article.text, entities, quotes)
    print(
        f"sourcing: {src.quotes} quotes ({src.anonymous_quotes} anonymous, "
        f"{src.unattributed_quotes} unattributed); {src.attributions} attributions "
        f"({src.anonymous_attributions} to anonymous sources)"
    )
    for claim in shown:
        text = display_safe(" ".join(claim.text.split()))
        print(f"\n{claim.score:.2f}  [{claim.start}-{claim.end}]  {text}")
        if claim.reasons:
            print(display_safe("      " + "; ".join(claim.reasons)))
    return 0
