"""Split article text into sentences, keeping offsets into the original string.

Rules, in order: a newline followed by a blank line or by a line that starts
with anything but a lowercase letter ends a sentence (titles and paragraphs
have no final stop). Inside a line, `.`, `!` or `?` (with any closing quotes
or brackets after it) followed by whitespace ends a sentence when the next
word does not start with a lowercase letter and the word before the stop is
not an abbreviation ("Mr.", "Sept. 6", initials "Antony J. Blinken",
"U.S. officials").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence: `text == article_text[start:end]`, stripped of outer whitespace."""

    start: int
    end: int
    text: str


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Titles and other abbreviations that are (almost) never the end of a sentence.
_NEVER_FINAL = _words(
    "mr mrs ms mx dr gen sen rep gov lt col adm capt cmdr sgt maj prof rev fr st jr sr "
    "messrs mme mlle hon pres supt insp cpl pvt amb atty vs cf e.g i.e dept"
)
# Not final when a number follows: months ("Sept. 6"), "No. 5", "Vol. 2", "ca. 1900".
_BEFORE_NUMBER = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos fig vol pp ch art sec approx ca"
)
# Words that plausibly open a new sentence after a dotted acronym ("... in the U.S. The ...").
_OPENERS = _words(
    "the a an but and or so yet it its he she they we i this that these those there then "
    "in on at for as if when while after before since although though however still "
    "meanwhile moreover also his her their our my no not"
)

_BOUNDARY = re.compile(r"[.!?]+[”\"’')\]»]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.’'-]*)$")
_NEXT = re.compile(r"\s+([“\"‘'(\[«]*)(\S?)(\w*)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")


def _is_boundary(text: str, stop: int, end: int, limit: int) -> tuple[bool, int]:
    """Whether the terminator match text[stop:end] ends a sentence, and where
    the next sentence starts (`limit`: end of the block being split)."""
    nxt = _NEXT.match(text, end, limit)
    if nxt is None:
        return True, limit
    opening, first, rest = nxt.group(1), nxt.group(2), nxt.group(3)
    if not first:
        return True, nxt.start(1)
    if first.islower():
        return False, 0
    if "\n" in text[end : nxt.start(2)]:
        return True, nxt.start(1)
    mark = text[stop]
    closed = end - stop > 1 and text[end - 1] in "”\"’')]»"
    if mark != "." or closed or text[stop : stop + 2] == "..":
        return True, nxt.start(1)
    line_start = max(text.rfind("\n", max(0, stop - 40), stop) + 1, stop - 40, 0)
    word = _WORD_BEFORE.search(text, line_start, stop).group(1)  # type: ignore[union-attr]
    bare = word.lower().strip("’'-")
    if bare in _NEVER_FINAL:
        return False, 0
    if bare in _BEFORE_NUMBER and first.isdigit():
        return False, 0
    if len(bare) == 1 and word.isupper() and not opening:
        return False, 0  # an initial: "Antony J. Blinken"
    if _DOTTED.search(word + "."):
        # "U.S. officials" / "the U.S. The ...": only a common opener starts a sentence.
        next_word = (first + rest).lower()
        if opening or next_word in _OPENERS:
            return True, nxt.start(1)
        return False, 0
    return True, nxt.start(1)


def _split_line(text: str, start: int, end: int, out: list[Sentence]) -> None:
    pos = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.start() < pos:
            continue
        ok, next_start = _is_boundary(text, match.start(), match.end(), end)
        if ok:
            _emit(text, pos, match.end(), out)
            pos = next_start
    _emit(text, pos, end, out)


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Every sentence of `text[start:end]`, in order, with offsets into `text`."""
    end = len(text) if end is None else min(end, len(text))
    out: list[Sentence] = []
    block_start = start
    pos = start
    # Join lines that continue a hard-wrapped sentence (next line starts lowercase).
    while pos < end:
        newline = text.find("\n", pos, end)
        if newline < 0:
            break
        after = newline + 1
        while after < end and text[after] in " \t\r":
            after += 1
        if after < end and text[after].islower():
            pos = newline + 1
            continue
        _split_line(text, block_start, newline, out)
        block_start = pos = newline + 1
    _split_line(text, block_start, end, out)
    return out


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the line (paragraph) that holds `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def sentence_at(text: str, offset: int) -> Sentence | None:
    """The sentence holding `offset`, found by splitting only its paragraph."""
    if not 0 <= offset < len(text):
        return None
    start, end = paragraph_bounds(text, offset)
    for sentence in split_sentences(text, start, end):
        if sentence.start <= offset < sentence.end:
            return sentence
    return None
