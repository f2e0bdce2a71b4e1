"""A corpus timeline: every DATE entity with a normalised value, in order.

Values are ISO dates of any precision ("2022", "2022-03", "2022-03-14"). They
are ordered by their first day; at the same first day the coarser date comes
first ("2022" before "2022-01-01"). Values that are not such dates (ranges,
weeks, free text) are left out.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

from reader.corpus.article import Article
from reader.entities.dates import MONTH_NAMES
from reader.entities.model import Entity, Label
from reader.triage.index import EntityIndex
from reader.triage.sentences import Sentence, paragraph_bounds, sentence_at, split_sentences

PRECISIONS = ("year", "month", "day")
_RANK = {name: rank for rank, name in enumerate(PRECISIONS)}
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[\d:.+\-Z]*)?)?)?$")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated mention. `sentence` is None when built without sentences.
    Slots: a corpus timeline holds ~55,000 of them on 10,000 articles."""

    value: str  # the normalised value as extracted: "2022", "2022-03", "2022-03-14"
    precision: str  # "year" | "month" | "day"
    first_day: date  # the sort key
    article_id: str
    start: int  # the DATE mention in the article text
    end: int
    text: str
    sentence: Sentence | None = None

    @property
    def label(self) -> str:
        """Readable date at its precision: "2022", "March 2022", "14 March 2022"."""
        return format_date(self.first_day, self.precision)


def parse_value(value: str | None) -> tuple[date, str] | None:
    """(first day, precision) of an ISO date value, or None."""
    if not value:
        return None
    match = _VALUE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        first = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    precision = "day" if day else "month" if month else "year"
    return first, precision


def format_date(first_day: date, precision: str) -> str:
    if precision == "year":
        return f"{first_day.year}"
    if precision == "month":
        return f"{MONTH_NAMES[first_day.month - 1]} {first_day.year}"
    return f"{first_day.day} {MONTH_NAMES[first_day.month - 1]} {first_day.year}"


def sort_key(entry: TimelineEntry, order: Mapping[str, int] | None = None) -> tuple:
    position = order.get(entry.article_id, 0) if order else 0
    return (entry.first_day, PRECISIONS.index(entry.precision), position, entry.start)


def _date_rows(
    article: Article, entities: Mapping[str, Sequence[Entity]] | EntityIndex
) -> Iterable[tuple[int, int, str | None]]:
    """(start, end, value) of the article's DATE mentions."""
    if isinstance(entities, EntityIndex):
        return ((r[0], r[1], r[3]) for r in entities.rows(article.id, Label.DATE))
    return (
        (e.start, e.end, e.value) for e in entities.get(article.id, ()) if e.label == Label.DATE
    )


def build_timeline(
    articles: Sequence[Article],
    entities_by_article: Mapping[str, Sequence[Entity]] | EntityIndex,
    *,
    with_sentences: bool = True,
) -> list[TimelineEntry]:
    """Every dated mention of `articles`, ordered by date, then by precision
    (coarser first), corpus order and position. `with_sentences=False` skips
    finding each mention's sentence (use `entry_sentence` for the rows shown)."""
    keyed: list[tuple[tuple, TimelineEntry]] = []
    parsed_values: dict[str | None, tuple[date, str] | None] = {}
    for position, article in enumerate(articles):
        paragraphs: dict[int, list[Sentence]] = {}
        text = article.text
        for start, end, value in _date_rows(article, entities_by_article):
            if value not in parsed_values:
                parsed_values[value] = parse_value(value)
            parsed = parsed_values[value]
            if parsed is None:
                continue
            sentence = _sentence(text, start, paragraphs) if with_sentences else None
            entry = TimelineEntry(
                value or "", parsed[1], parsed[0], article.id, start, end, text[start:end], sentence
            )
            keyed.append(((parsed[0], _RANK[parsed[1]], position, start), entry))
    keyed.sort(key=lambda pair: pair[0])
    return [entry for _key, entry in keyed]


class Timeline(Sequence[TimelineEntry]):
    """A corpus timeline held compactly: per entry its first day, precision,
    article, offsets and (numbers into tables of strings) value and mention
    text, in typed arrays, ~25 bytes an entry; each TimelineEntry (without
    sentence) is made when asked for. Equal to a list of the same entries."""

    def __init__(self) -> None:
        self._ids: list[str] = []  # article number -> id
        self._strings: list[str] = []  # values and mention texts
        self._days, self._ranks, self._docs = array("i"), array("b"), array("i")
        self._starts, self._ends = array("i"), array("i")
        self._values, self._texts = array("i"), array("i")  # into _strings
        self._day_cache: dict[int, date] = {}  # day number -> date, as entries are made

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        entities_by_article: Mapping[str, Sequence[Entity]] | EntityIndex,
    ) -> Timeline:
        """The timeline of `articles`, ordered as `build_timeline` orders it."""
        self = cls()
        numbers: dict[str, int] = {}
        parsed_values: dict[str | None, tuple[int, int] | None] = {}
        keys: list[int] = []  # one sortable int per entry: day, rank, article, start
        raw = cls()  # the entries in corpus order, sorted into `self` at the end
        for position, article in enumerate(articles):
            self._ids.append(article.id)
            text = None
            for start, end, value in _date_rows(article, entities_by_article):
                if value not in parsed_values:
                    parsed = parse_value(value)
                    parsed_values[value] = (
                        None if parsed is None else (parsed[0].toordinal(), _RANK[parsed[1]])
                    )
                found = parsed_values[value]
                if found is None:
                    continue
                if text is None:
                    text = article.text  # once per article: it may be rebuilt on access
                day, rank = found
                keys.append((((day << 2) | rank) << 32 | position) << 32 | start)
                raw._days.append(day)
                raw._ranks.append(rank)
                raw._docs.append(position)
                raw._starts.append(start)
                raw._ends.append(end)
                raw._values.append(_number(value or "", numbers, self._strings))
                raw._texts.append(_number(text[start:end], numbers, self._strings))
        order = sorted(range(len(keys)), key=keys.__getitem__)
        del keys
        for mine, theirs in (
            (self._days, raw._days),
            (self._ranks, raw._ranks),
            (self._docs, raw._docs),
            (self._starts, raw._starts),
            (self._ends, raw._ends),
            (self._values, raw._values),
            (self._texts, raw._texts),
        ):
            mine.extend(theirs[i] for i in order)
        return self

    def __len__(self) -> int:
        return len(self._days)

    @overload
    def __getitem__(self, index: int) -> TimelineEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[TimelineEntry]: ...

    def __getitem__(self, index: int | slice) -> TimelineEntry | list[TimelineEntry]:
        if isinstance(index, slice):
            return [self._entry(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("timeline index out of range")
        return self._entry(index)

    def _entry(self, i: int) -> TimelineEntry:
        return next(self._entries(i, i + 1))

    def __iter__(self) -> Iterator[TimelineEntry]:
        return self._entries(0, len(self))

    def _entries(self, first: int, stop: int) -> Iterator[TimelineEntry]:
        """Entries first..stop-1, made ~5x faster than by TimelineEntry(...)
        (the frozen dataclass's __init__ sets each field through
        object.__setattr__): the slots are filled by their descriptors."""
        new, (value, precision, first_day, article_id, start, end, text, sentence) = _FILL
        strings, ids, days = self._strings, self._ids, self._day_cache
        window = slice(first, stop)
        for v, rank, day, doc, s, e, t in zip(
            self._values[window],
            self._ranks[window],
            self._days[window],
            self._docs[window],
            self._starts[window],
            self._ends[window],
            self._texts[window],
            strict=True,
        ):
            entry = new(TimelineEntry)
            value(entry, strings[v])
            precision(entry, PRECISIONS[rank])
            found = days.get(day)
            if found is None:
                found = days[day] = date.fromordinal(day)
            first_day(entry, found)
            article_id(entry, ids[doc])
            start(entry, s)
            end(entry, e)
            text(entry, strings[t])
            sentence(entry, None)
            yield entry

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list

    def article_ids(self) -> set[str]:
        """The articles with at least one entry (without making the entries)."""
        return {self._ids[doc] for doc in set(self._docs)}


_FILL = (
    object.__new__,
    tuple(
        getattr(TimelineEntry, name).__set__  # the slot descriptors (public Python)
        for name in (
            "value",
            "precision",
            "first_day",
            "article_id",
            "start",
            "end",
            "text",
            "sentence",
        )
    ),
)


def _number(text: str, numbers: dict[str, int], strings: list[str]) -> int:
    found = numbers.get(text)
    if found is None:
        found = numbers[text] = len(strings)
        strings.append(text)
    return found


def _sentence(text: str, offset: int, paragraphs: dict[int, list[Sentence]]) -> Sentence | None:
    """The sentence at `offset`, splitting each paragraph once."""
    start, end = paragraph_bounds(text, offset)
    sentences = paragraphs.get(start)
    if sentences is None:
        sentences = paragraphs[start] = split_sentences(text, start, end)
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def entry_sentence(entry: TimelineEntry, article_text: str) -> Sentence | None:
    """The sentence of an entry built without sentences."""
    return entry.sentence or sentence_at(article_text, entry.start)


def for_article(entries: Iterable[TimelineEntry], article_id: str) -> list[TimelineEntry]:
    """The entries of one article, still in timeline order."""
    return [e for e in entries if e.article_id == article_id]
