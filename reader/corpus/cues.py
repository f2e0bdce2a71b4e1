"""Author, outlet and publication date, read from what the article states.

Only small windows are scanned: the lines right after the title and the last
~2 KB, where bylines, datelines and editor's notes live. A value is taken only
from an explicit cue ("Author: ...", "By ...", "Published: ...", an editor's
note "This article was published by X on DATE"); nothing is guessed.

Outlet of a republished piece: `outlet` is where this copy was published (the
republisher: where the reader read it) and `original_outlet` the first
publisher. A note that only says "originally published by X" gives
original_outlet = X and leaves outlet unknown. A date stated in such a note is
the first publication date, the only one the text gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reader.corpus.article import UNKNOWN, MetaField, Provenance
from reader.corpus.spans import LETTER, strip_span

HEAD_CHARS = 800  # the text after the title that may hold a byline or dateline
FOOT_CHARS = 2048  # the tail that may hold a byline, an editor's note, page debris
MAX_CUE_LINE = 160  # a byline or dateline is a short line
MAX_NOTE_LINE = 2000  # an editor's note is read this far

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_ABBREVIATIONS = "janfebmaraprmayjunjulaugsepoctnovdec"
_MONTH_NUMBERS = {_MONTH_ABBREVIATIONS[i : i + 3]: i // 3 + 1 for i in range(0, 36, 3)}
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))(?!\d)"  # "2024-09-06T10:00" too
)
_DATE_PREFIX = re.compile(
    rf"(?i:(?:(?:first |originally )?(?:published|posted)|date|dated)(?:\s+on)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY},?\s*)?$"
)
_DATE_SUFFIX = re.compile(
    r"(?i:\s*(?:,|\||at|-|—)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4})?\s*\.?$"
)
_AUTHOR_LABEL = re.compile(r"(?i:authors?|written by|byline|reported by)[ \t]*:?[ \t]+")
_BY = re.compile(r"(?:By|BY|by)[ \t]*:?[ \t]+")
_PARTICLE_WORDS = "de da del della di van von der den la le du bin al ibn y and &"
_NAME_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_NOT_NAMES = re.compile(rf"(?:{_MONTH}|{_WEEKDAY}|The|This|That|Then|Now|Next)$")
_NOT_OUTLETS = re.compile(rf"(?:{_MONTH}|{_WEEKDAY})\.?$")  # "published on Sept. 6"
_SEPARATORS = re.compile(r"\s*(?:[,|;•·(]|\s[-–—]\s)\s*")
_OUTLET_LABEL = re.compile(r"(?i:source|outlet|publication|publisher|published by)[ \t]*:[ \t]*")
# The opening of an editor's note about where the piece appeared; only lines that
# start with one are read as notes, so body sentences never give an outlet.
_NOTE_MARKER = re.compile(
    r"[*_(\[ \t]*(?i:editor[’']?s[ \t]+note|note[ \t]*:|(?:a[ \t]+version[ \t]+of[ \t]+)?"
    r"this[ \t]+(?:article|story|piece|op-ed|essay|commentary|column|post)\b"
    r"|(?:originally|first)[ \t]+(?:published|appeared|ran)|republished)"
)
_NOTE_VERBS = ("published", "appeared", "posted", "ran")
_NOTE_VERB = re.compile(r"(?i:published|appeared|posted|ran)\b")
_NOTE_VERB_PREFIX = re.compile(r"(?i:(?:originally|first)[ \t]+|re)$")
_OUTLET_TOKEN = r"[A-Z0-9][\w&’'-]*(?:\.[\w&’'-]+)*"  # "Antiwar.com", "Channel 4"
_OUTLET_NAME = (  # capitalised words, the first a letter: "Project Syndicate", "New York Times"
    rf"(?=[A-Z]){_OUTLET_TOKEN}(?:[ \t]+(?:(?:of|and|for|&|the)[ \t]+)?{_OUTLET_TOKEN})*"
)
_OUTLET = re.compile(rf"[ \t]+(?:by|in|on|at)[ \t]+(?:the[ \t]+)?(?P<outlet>{_OUTLET_NAME})")
_LABELLED_OUTLET = re.compile(rf"[ \t]*(?:the[ \t]+)?(?P<outlet>(?=[A-Z0-9]){_OUTLET_TOKEN}.*)")
_ON_DATE = re.compile(r"[ \t,]+(?:on|in)[ \t]+")
# Any line that can hold a cue starts like this; other lines are passed over.
_CUE_START = re.compile(
    r"[*_(\[ \t]*(?:(?i:authors?|by|byline|written|reported|published|posted|date|dated"
    r"|source|outlet|publication|publisher|editor|note|this|a version|originally|first"
    rf"|republished)\b|{_MONTH}|{_WEEKDAY}|\d)"
)
_CUE_LINE = re.compile(rf"\n(?={_CUE_START.pattern})")  # a literal prefix searches fast
# Page furniture left at the end of copied articles.
DEBRIS_LINES = frozenset(
    (
        "leave a comment",
        "leave a reply",
        "cancel reply",
        "share this",
        "share this article",
        "share this story",
        "share",
        "tweet",
        "print",
        "email",
        "advertisement",
        "comments",
        "subscribe",
        "related",
        "related articles",
        "read more",
    )
)
_MAX_DEBRIS_LINE = 200  # longer lines are text, not page furniture


@dataclass(frozen=True)
class Cues:
    author: MetaField = UNKNOWN
    outlet: MetaField = UNKNOWN
    original_outlet: MetaField = UNKNOWN
    published: MetaField = UNKNOWN
    debris: tuple[tuple[int, int], ...] = ()


def parse_date(match: re.Match[str]) -> str | None:
    """ISO "YYYY-MM-DD" of a DATE_RE match (it always has day, month and year).
    The day must exist ("Feb. 30" gives None)."""
    groups = match.groupdict()
    if groups["y3"]:
        year, month, day = int(groups["y3"]), int(groups["m3"]), int(groups["d3"])
    else:
        year = int(groups["y1"] or groups["y2"])
        month = _MONTH_NUMBERS[(groups["m1"] or groups["m2"])[:3].lower()]
        day = int(groups["d1"] or groups["d2"])
    return _iso_date(year, month, day)


@lru_cache(maxsize=8192)  # a corpus repeats its dates
def _iso_date(year: int, month: int, day: int) -> str | None:
    """The ISO date, None for an impossible one (Feb 30) or a year outside 1800-2200.
    (datetime.date checks what dateutil's isoparse did, without its ~25 ms import.)"""
    if not 1800 <= year <= 2200:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def is_cue_line(text: str, start: int, end: int) -> bool:
    """True for a byline or a dateline: "By Jane Roe", "Published: May 2, 2023"."""
    if not _CUE_START.match(text, start, end):
        return False
    return _author(text, start, end).known or _dateline(text, start, end).known


def find_cues(text: str, head_start: int, body_start: int | None = None) -> Cues:
    """Cues in the head (from `head_start` to HEAD_CHARS past `body_start`, so
    lines above and right under the title) and in the tail."""
    author = published = outlet = original = UNKNOWN
    head_end = min(len(text), max(head_start, body_start or 0) + HEAD_CHARS)
    foot_start = max(head_end, len(text) - FOOT_CHARS)
    debris = _trailing_debris(text, foot_start)
    for start, end in _cue_lines(text, head_start, head_end, foot_start):
        if author is UNKNOWN:
            author = _author(text, start, end)
        if published is UNKNOWN:
            published = _dateline(text, start, end)
        if outlet is UNKNOWN and end - start <= MAX_CUE_LINE:
            label = _OUTLET_LABEL.match(text, start, end)
            if label:
                outlet = _outlet_at(text, label.end() - 1, end, labelled=True)
        if _NOTE_MARKER.match(text, start, end):
            note_outlet, note_original, note_date = _editor_note(text, start, end)
            outlet = outlet if outlet.known else note_outlet
            original = original if original.known else note_original
            published = published if published.known else note_date
    return Cues(author, outlet, original, published, debris)


def _cue_lines(
    text: str, head_start: int, head_end: int, foot_start: int
) -> Iterator[tuple[int, int]]:
    """Spans of the lines in the head and foot windows that may hold a cue."""
    starts = [head_start] if _CUE_START.match(text, head_start) else []
    for window_start, window_end in ((head_start, head_end), (foot_start, len(text))):
        starts.extend(cue.start() + 1 for cue in _CUE_LINE.finditer(text, window_start, window_end))
    for start in starts:
        stop = min(len(text), start + MAX_NOTE_LINE)  # a longer line is read that far
        newline = text.find("\n", start, stop)
        yield strip_span(text, start, stop if newline < 0 else newline)


def _trailing_debris(text: str, stop_at: int) -> tuple[tuple[int, int], ...]:
    """Spans of the page-furniture lines that end the text ("Leave a Comment")."""
    debris = []
    end = len(text)
    while end > stop_at:
        line_begin = max(stop_at, text.rfind("\n", stop_at, end) + 1)
        if end - line_begin > _MAX_DEBRIS_LINE:
            break  # a paragraph, not page furniture
        start, stop = strip_span(text, line_begin, end)
        if start < stop:
            if text[start:stop].strip(" .:!").lower() not in DEBRIS_LINES:
                break
            debris.append((start, stop))
        end = line_begin - 1
    return tuple(debris[::-1])


def _author(text: str, start: int, end: int) -> MetaField:
    if end - start > MAX_CUE_LINE:
        return UNKNOWN
    label = _AUTHOR_LABEL.match(text, start, end)
    if label:
        value_end = _cut_at_separator(text, label.end(), end)
        value = text[label.end() : value_end]
        if LETTER.search(value) and len(value.split()) <= 12:
            return MetaField(value, Provenance.TEXT, (label.end(), value_end))
        return UNKNOWN
    by = _BY.match(text, start, end)
    if not by:
        return UNKNOWN
    name_end = _cut_at_separator(text, by.end(), end)
    if _is_name(text[by.end() : name_end]) and not text[name_end:end].rstrip().endswith("."):
        return MetaField(text[by.end() : name_end], Provenance.TEXT, (by.end(), name_end))
    return UNKNOWN


def _cut_at_separator(text: str, start: int, end: int) -> int:
    separator = _SEPARATORS.search(text, start, end)
    stop = separator.start() if separator else end
    return stop - (len(text[start:stop]) - len(text[start:stop].rstrip(" .")))


def _is_name(value: str) -> bool:
    tokens = value.split()
    if not 1 <= len(tokens) <= 8 or _NOT_NAMES.match(tokens[0]):
        return False
    for token in tokens:
        if token in _NAME_PARTICLES:
            continue
        if not (token[0].isupper() and all(ch.isalpha() or ch in ".'’-" for ch in token)):
            return False
    return tokens[-1] not in _NAME_PARTICLES


def _dateline(text: str, start: int, end: int) -> MetaField:
    """A line that is a date, perhaps labelled ("Published: Sept. 6, 2024") or
    after a byline ("By Jane Roe | March 3, 2023")."""
    if end - start > MAX_CUE_LINE:
        return UNKNOWN
    for match in DATE_RE.finditer(text, start, end):
        prefix = text[_date_prefix_start(text, start, match.start()) : match.start()].lstrip()
        if _DATE_PREFIX.match(prefix) and _DATE_SUFFIX.match(text[match.end() : end]):
            value = parse_date(match)
            if value:
                return MetaField(value, Provenance.TEXT, match.span())
    return UNKNOWN


def _date_prefix_start(text: str, start: int, pos: int) -> int:
    """Start of the text before `pos` that belongs to the date: after a byline separator."""
    cut = max(text.rfind("|", start, pos), text.rfind("•", start, pos), text.rfind("·", start, pos))
    if _BY.match(text, start, pos) and cut < 0:
        cut = text.rfind(",", start, pos)
    return start if cut < 0 else cut + 1


def _outlet_at(text: str, pos: int, end: int, labelled: bool = False) -> MetaField:
    if labelled:
        match = _LABELLED_OUTLET.match(text, pos, end)
        if match:
            value_end = _cut_at_separator(text, match.start("outlet"), end)
            span = (match.start("outlet"), value_end)
            return MetaField(text[span[0] : span[1]], Provenance.TEXT, span)
        return UNKNOWN
    match = _OUTLET.match(text, pos, end)
    if not match or _NOT_OUTLETS.match(match.group("outlet").split()[0]):
        return UNKNOWN
    return MetaField(match.group("outlet"), Provenance.TEXT, match.span("outlet"))


def _editor_note(text: str, start: int, end: int) -> tuple[MetaField, MetaField, MetaField]:
    """(outlet, original outlet, date) from a note such as "This article was
    published by Project Syndicate on Sept. 6, 2024, and has been republished by
    the Kyiv Independent"."""
    found: dict[str, list[tuple[MetaField, MetaField]]] = {"re": [], "original": [], "": []}
    for verb_start, verb_end in _note_verbs(text, start, end):
        before = _NOTE_VERB_PREFIX.search(text, max(start, verb_start - 12), verb_start)
        prefix = before.group().strip().lower() if before else ""
        if prefix != "re" and verb_start > start and text[verb_start - 1].isalnum():
            continue  # inside a word: "Iran", "grant"
        kind = "re" if prefix == "re" else "original" if prefix else ""
        where = date = UNKNOWN
        pos = verb_end
        for _ in range(2):  # "by X on DATE" or "on DATE by X"
            before_pos = pos
            if not where.known:
                where = _outlet_at(text, pos, end)
                pos = where.span[1] if where.span else pos
            if not date.known:
                date = _date_after(text, pos, end)
                pos = date.span[1] if date.span else pos
            if pos == before_pos or (where.known and date.known):
                break
        found[kind].append((where, date))
    first = [item for item in found["original"] + found[""] if item[0].known or item[1].known]
    again = [item for item in found["re"] if item[0].known]
    first_outlet = next((where for where, _ in first if where.known), UNKNOWN)
    date = next((d for _, d in first + found["re"] if d.known), UNKNOWN)
    if again:
        return again[0][0], first_outlet, date
    if found["original"]:
        return UNKNOWN, first_outlet, date
    return first_outlet, UNKNOWN, date


def _note_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of "published", "appeared", ... (any case, ending a word) in the line.
    str.find on the lower-cased line is many times faster than a regex search."""
    low = text[start:end].lower()
    if len(low) != end - start:  # lower() changed lengths (rare letters): use the regex
        return [match.span() for match in _NOTE_VERB.finditer(text, start, end)]
    spans = []
    for verb in _NOTE_VERBS:
        pos = low.find(verb)
        while pos >= 0:
            verb_end = start + pos + len(verb)
            if verb_end == end or not text[verb_end].isalnum():
                spans.append((start + pos, verb_end))
            pos = low.find(verb, pos + len(verb))
    return sorted(spans)


def _date_after(text: str, pos: int, end: int) -> MetaField:
    on = _ON_DATE.match(text, pos, end)
    match = DATE_RE.match(text, on.end(), end) if on else None
    value = parse_date(match) if match else None
    if match and value:
        return MetaField(value, Provenance.TEXT, match.span())
    return UNKNOWN
