"""Small helpers to walk lines of a text by offsets, without splitting it."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s|$)")
# Words that end with a period without ending the sentence.
_ABBREVIATION_WORDS = """
mr mrs ms dr prof st jr sr gen col lt sgt capt adm gov sen rep pres rev jan feb mar apr
jun jul aug sep sept oct nov dec vs etc inc corp ltd co approx dept est fig mt ft al
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
LETTER = re.compile(r"[^\W\d_]")  # any letter, in any script
_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line from its first to its last visible character
_VISIBLE_SPAN = re.compile(r"\S(?:[\s\S]*\S)?")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace
    (an empty span at `end` when it holds only whitespace)."""
    visible = _VISIBLE_SPAN.search(text, start, end)
    return visible.span() if visible else (end, end)


def iter_lines(text: str, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines between `start` and `stop`, without their
    surrounding whitespace."""
    for match in _LINE.finditer(text, start, len(text) if stop is None else stop):
        yield match.span()


def line_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding `pos`."""
    return text.rfind("\n", 0, pos) + 1


def sentence_end(text: str, start: int, stop: int) -> int | None:
    """End offset of the first sentence in text[start:stop] (after its final
    punctuation and closing quotes), or None when no sentence ends there.
    Abbreviations ("Mr.", "Sept.") and initials ("U.S.", "J.") do not end one."""
    for match in _SENTENCE_END.finditer(text, start, stop):
        if match.group() == ".":
            look_from = max(start, match.start() - 40)  # bounded: no quadratic scans
            space = text.rfind(" ", look_from, match.start())
            newline = text.rfind("\n", look_from, match.start())
            word_start = max(space, newline, look_from - 1)
            word = text[word_start + 1 : match.start()].lstrip("\"“‘'(")
            if word.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word):
                continue
        after = match.end()
        while after < stop and text[after] in " \t":
            after += 1
        if after < stop and text[after].islower():
            continue  # "approx. five": no new sentence starts here
        return match.end()
    return None
