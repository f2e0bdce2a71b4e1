"""Find an article's title (stated or derived), its subtitle and where its body starts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.corpus.article import UNKNOWN, MetaField, Provenance
from reader.corpus.spans import LETTER, iter_lines, sentence_end

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
MAX_SUBTITLE_CHARS = 300
MAX_LINES_ABOVE_TITLE = 2  # bylines or datelines passed over to find the headline
DERIVED_SEARCH_CHARS = 1000  # a first sentence is looked for this far, no further
DERIVED_TITLE_CHARS = 120  # a derived title longer than this is cut at a word, with "…"

_UNDERLINE = re.compile(r"=+|-+")
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+")
_TITLE_LABEL = re.compile(r"(?i:title|headline)[ \t]*:[ \t]*")
_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "... Says U.S."
# Lines right under a title that are bylines or datelines, not a subtitle.
_NOT_SUBTITLE = re.compile(
    r"(?i:by|author|authors|written by|published|posted|updated|date|source|photo)\b|\d"
)


@dataclass(frozen=True)
class Heading:
    title: MetaField
    body_start: int
    title_line: tuple[int, int] | None = None  # the whole title line, when the title is stated
    subtitle: MetaField = UNKNOWN


def looks_like_headline(line: str) -> bool:
    """A short single line that does not read as a sentence of prose."""
    if len(line) > MAX_HEADLINE_CHARS or not LETTER.search(line):
        return False
    if len(line.split()) > MAX_HEADLINE_WORDS or line[-1] in ",;:":
        return False
    end = sentence_end(line, 0, len(line))
    if end is not None and end < len(line):
        return False  # two sentences: a paragraph, not a headline
    return not (line.endswith(".") and not _INITIALISM_END.search(line))


def find_heading(
    text: str,
    fallback_title: str,
    begin: int = 0,
    is_cue_line: Callable[[str, int, int], bool] | None = None,
) -> Heading:
    """The title of text[begin:]: its first line when that reads as a headline
    (or is marked as one: "# Title", "Title: ...", "**Title**"), else its first
    sentence (DERIVED), else `fallback_title` (DERIVED, e.g. the file name)
    when there is no text. Up to two leading lines for which `is_cue_line`
    holds (a byline or dateline above the headline) are passed over."""
    lines = iter_lines(text, begin)
    first = next(lines, None)
    if first is None:
        return Heading(MetaField(fallback_title, Provenance.DERIVED), begin)
    for skipped in range(MAX_LINES_ABOVE_TITLE + 1):
        if not LETTER.search(text, *first):  # a rule ("---", "***") or a number
            first = next((line for line in lines if LETTER.search(text, *line)), first)
        if skipped == MAX_LINES_ABOVE_TITLE or not (is_cue_line and is_cue_line(text, *first)):
            break
        following = next(lines, None)
        if following is None:
            break
        first = following
    start, end = first
    marker = _MARKDOWN_HEADING.match(text, start, end) or _TITLE_LABEL.match(text, start, end)
    value_start = marker.end() if marker else start
    value_end = end
    if marker and marker.re is _MARKDOWN_HEADING:
        value_end = len(text[value_start:end].rstrip("#").rstrip()) + value_start
    value_start, value_end = _unwrap_emphasis(text, value_start, value_end)
    emphasised = (value_start, value_end) != (start, end) and not marker
    headline = looks_like_headline(text[value_start:value_end])
    if value_start < value_end and (marker or headline or (emphasised and _is_short(text, first))):
        title = MetaField(text[value_start:value_end], Provenance.TEXT, (value_start, value_end))
        rest = next(iter_lines(text, end), None)
        if rest and _UNDERLINE.fullmatch(text, *rest):  # a Setext heading: "Title\n====="
            rest = next(iter_lines(text, rest[1]), None)
        body_start = rest[0] if rest else len(text)
        return Heading(title, body_start, (start, end), _subtitle(text, rest))
    return Heading(_derived_title(text, start, end), begin)


def _unwrap_emphasis(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span wrapped in Markdown emphasis ("**Title**") to its inside."""
    for wrapper in ("**", "__", "*", "_"):
        size = len(wrapper)
        if (
            end - start > 2 * size
            and text.startswith(wrapper, start)
            and text.endswith(wrapper, start, end)
        ):
            return start + size, end - size
    return start, end


def _is_short(text: str, line: tuple[int, int]) -> bool:
    return line[1] - line[0] <= MAX_HEADLINE_CHARS and "\n" in text[line[1] : line[1] + 1]


def _derived_title(text: str, start: int, line_end: int) -> MetaField:
    line_end = min(line_end, start + DERIVED_SEARCH_CHARS)
    end = sentence_end(text, start, line_end) or line_end
    value = " ".join(text[start:end].split())
    if value.endswith(".") and not value.endswith(".."):
        value = value[:-1]
    if len(value) > DERIVED_TITLE_CHARS:
        cut = value.rfind(" ", 0, DERIVED_TITLE_CHARS)
        value = value[: cut if cut > 0 else DERIVED_TITLE_CHARS].rstrip(",;:—–- ") + "…"
    return MetaField(value, Provenance.DERIVED, (start, end))


def _subtitle(text: str, line: tuple[int, int] | None) -> MetaField:
    """A dek: the line under the title when it is short, not a byline, and not
    a sentence of the body (no final full stop), with more text after it."""
    if line is None:
        return UNKNOWN
    start, end = line
    heading = _MARKDOWN_HEADING.match(text, start, end)
    if heading:
        start = heading.end()
    candidate = text[start:end]
    if (
        end - start > MAX_SUBTITLE_CHARS
        or text.find("\n", end) < 0
        or not LETTER.search(candidate)
        or candidate.rstrip("\"”’')]")[-1:] in (".", "!", "?", ":", ";", ",", "")
        or _NOT_SUBTITLE.match(candidate)
        or next(iter_lines(text, end), None) is None
    ):
        return UNKNOWN
    return MetaField(candidate, Provenance.TEXT, (start, end))
