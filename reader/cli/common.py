"""Helpers shared by the subcommands: defaults, errors, corpus and db paths,
finding one article, and terminal-safe table cells."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from reader.corpus import (
    Article,
    ArticleError,
    CorpusError,
    LoadProblem,
    find_article_files,
    load_article,
)
from reader.corpus.sanitize import UNSAFE_CODES, display_safe

DEFAULT_CORPUS = Path("seeds")
DEFAULT_DB = Path("data") / "annotations.json"
DB_ENV_VAR = "READER_DB"
_LINE_BREAKS = str.maketrans({"\n": "\u23ce", "\t": " "})  # newline shown as ⏎


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error to stderr and return the exit code."""
    print(f"reader: error: {one_line(message)}", file=sys.stderr)
    return code


def fail_corpus(exc: Exception, root: Path) -> int:
    """fail() for a corpus folder that cannot be opened; when it is the default
    ./seeds that is missing (reader run outside the project), say what to do."""
    message = str(exc)
    if root == DEFAULT_CORPUS and not root.exists():
        message += (
            " (with no folder given, reader opens ./seeds: run reader from the project"
            " folder, or give a folder of articles: reader PATH)"
        )
    return fail(message)


def emit(text: str) -> None:
    """Write `text` and a newline to stdout. A closed pipe (`reader list | head`)
    ends the command quietly; characters the terminal cannot encode become "?"."""
    stream = sys.stdout
    if hasattr(stream, "reconfigure") and stream.errors == "strict":
        stream.reconfigure(errors="replace")
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())  # no error at exit
        raise SystemExit(0) from None


def warn(message: str) -> None:
    """Print a one-line warning to stderr."""
    print(f"reader: warning: {one_line(message)}", file=sys.stderr)


def warn_problems(problems: Iterable[LoadProblem]) -> None:
    """One warning line per file that was skipped or loaded with a caveat."""
    for problem in problems:
        warn(str(problem))


def default_db_path() -> Path:
    env = os.environ.get(DB_ENV_VAR)
    return Path(env) if env else DEFAULT_DB


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of .txt/.md articles (default: ./seeds)",
    )


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"annotation database (default: ${DB_ENV_VAR} or ./data/annotations.json)",
    )


def _json_escape(code: int) -> str:
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON writes astral characters
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# json.dumps(ensure_ascii=False) escapes C0 controls only; C1 controls (8-bit CSI),
# DEL, bidi overrides and invisible characters would reach the terminal raw.
_JSON_ESCAPES = {code: _json_escape(code) for code in UNSAFE_CODES}


def to_json(data: object) -> str:
    """Indented JSON with non-ASCII text kept readable and every character that
    could act on a terminal written as a \\u escape (still valid JSON)."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES)


def one_line(text: str) -> str:
    """Untrusted text made safe for one terminal line: controls, escapes and
    bidi characters made visible, newlines shown as ⏎."""
    return display_safe(text).translate(_LINE_BREAKS)


def cell_width(text: str) -> int:
    """Terminal columns `text` takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def fit(text: str, width: int, align: str = "<") -> str:
    """`text` cut with "…" or padded to exactly `width` columns."""
    if cell_width(text) > width:
        out, used = [], 0
        for char in text:
            char_width = cell_width(char)
            if used + char_width > width - 1:
                break
            out.append(char)
            used += char_width
        text = "".join(out) + "…"
    pad = " " * max(0, width - cell_width(text))
    return pad + text if align == ">" else text + pad


def find_article(spec: str, corpus_root: Path) -> Article:
    """The article named by `spec`: a file path, an id of the corpus, or a
    unique prefix of one ("003"). Raises CorpusError with a one-line message."""
    path = Path(spec)
    if path.is_file():
        try:
            resolved, root = path.resolve(), corpus_root.resolve()
            if resolved.is_relative_to(root):
                return load_article(resolved, root)
            return load_article(path)
        except ArticleError as exc:
            raise CorpusError(f"cannot read {spec}: {exc.problem.message}") from None
    if path.is_dir():
        raise CorpusError(f"{spec} is a folder; give one article file or an article id")
    files, _ = find_article_files(corpus_root)
    matches = [item for item in files if item.id == spec]
    matches = matches or [item for item in files if item.id.startswith(spec)]
    if not matches:
        raise CorpusError(f"unknown article: {spec!r} is neither a file nor an id in {corpus_root}")
    if len(matches) > 1:
        names = ", ".join(item.id for item in matches[:5])
        more = " ..." if len(matches) > 5 else ""
        raise CorpusError(f"ambiguous article {spec!r}: matches {names}{more}")
    try:
        return load_article(matches[0].path, corpus_root)
    except ArticleError as exc:
        raise CorpusError(f"cannot read {matches[0].id}: {exc.problem.message}") from None
