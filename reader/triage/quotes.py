"""Direct quotations and who said them.

Quotes are curly (“…”) or straight ("…") double quotes. A quote left open at
the end of a paragraph continues when the next paragraph opens with the same
mark (the newspaper convention); otherwise it ends with its paragraph.

A quote's speaker is found, in order: an attribution right after it in the
same sentence ("…,” said Mr. Smith), one earlier in the sentence (Mr. Blinken
said that “…”), the speaker of the quote before it in the paragraph, a person
named earlier in the sentence ("Mr. Cleverly …: “…”), an attribution in the
sentence before. "he"/"she"/"they" are resolved to the nearest named person
before them. Speakers like "one U.S. official" are anonymous sources.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.entities.model import Entity, Label
from reader.triage.attribution import _NAMED, _TITLE, Attribution, find_attributions
from reader.triage.sentences import Sentence, split_sentences

_OPENERS = {"“": "”", '"': '"'}
_MARKS = re.compile('[“”"]')
_TITLED_NAME = re.compile(rf"{_TITLE}[ \u00a0]+{_NAMED}")


@dataclass(frozen=True)
class Quote:
    """A direct quotation.

    `start:end` covers the marks (the whole run for a multi-paragraph quote);
    `text` is the quoted words without the marks, paragraphs joined by "\\n".
    `speaker` is the name as written where the text gives it (a pronoun is
    replaced by the name it stands for), `speaker_span` where that name is.
    `how` says how the speaker was found ("" when unattributed).
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    anonymous: bool = False
    how: str = ""
    closed: bool = True  # False: the quote was never closed (ended with its paragraph)
    speaker_key: str | None = None  # Entity.key of the speaker, when entities name them


@dataclass(frozen=True)
class SourcingSummary:
    """How an article sources what it reports."""

    quotes: int
    named_quotes: int  # quotes attributed to a named person or body
    anonymous_quotes: int  # quotes attributed to an unnamed source
    unattributed_quotes: int
    attributions: int  # every "X said"/"according to X", quoted or not
    anonymous_attributions: int


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        out.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _quote_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    open_at: int | None = None
    mark = ""
    pieces: list[tuple[int, int]] = []
    piece_start = 0
    for index, (line_start, line_end) in enumerate(lines):
        pos = line_start
        if open_at is not None:  # continuing a quote from the previous paragraph
            pos = text.index(mark, line_start) + 1
            piece_start = pos
        for found in _MARKS.finditer(text, pos, line_end):
            char, pos = found.group(), found.start()
            if open_at is None and char in _OPENERS:
                open_at, mark, piece_start, pieces = pos, char, pos + 1, []
            elif open_at is not None and char == _OPENERS[mark]:
                pieces.append((piece_start, pos))
                spans.append(_Span(open_at, pos + 1, tuple(pieces), True))
                open_at = None
        if open_at is None:
            continue
        pieces.append((piece_start, line_end))
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is not None and text[following[0] : following[1]].lstrip().startswith(mark):
            continue
        spans.append(_Span(open_at, line_end, tuple(pieces), False))
        open_at = None
    return [s for s in spans if any(text[a:b].strip() for a, b in s.pieces)]


class _Context:
    """Sentences of the text, split once per paragraph on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[Sentence] = split_sentences(text)
        self.starts = [s.start for s in self.sentences]

    def index_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


class _ByStart:
    """Items sorted by their start offset, looked up by range in O(log n)."""

    def __init__(self, items: Iterable[Any], start: Callable[[Any], int]) -> None:
        self.items = sorted(items, key=start)
        self.starts = [start(item) for item in self.items]

    def between(self, low: int, high: int) -> list[Any]:
        """Items whose start is in [low, high)."""
        lo = bisect.bisect_left(self.starts, low)
        return self.items[lo : bisect.bisect_left(self.starts, high, lo)]


class _Spans:
    """Quote spans (sorted, not overlapping): is an offset inside one?"""

    def __init__(self, spans: Sequence[_Span]) -> None:
        self.spans = spans
        self.starts = [s.start for s in spans]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.spans[index].end


def _people(text: str, entities: Sequence[Entity] | None, spans: _Spans) -> list[tuple]:
    """(start, end, name) of people named outside quotes: titled names ("Mr.
    Blinken", "Rep. Mike Rogers") and PERSON entities; of overlapping ones the
    widest is kept."""
    found = [(m.start(), m.end(), m.group(0)) for m in _TITLED_NAME.finditer(text)]
    if entities:
        found += [(e.start, e.end, e.text) for e in entities if e.label == Label.PERSON]
    found.sort(key=lambda p: (p[0], -p[1]))
    kept: list[tuple[int, int, str]] = []
    for person in found:
        if person[0] in spans:
            continue
        if kept and person[0] < kept[-1][1]:  # overlaps the previous (wider or earlier) one
            if person[1] - person[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = person
            continue
        kept.append(person)
    return kept


def _keys(entities: Sequence[Entity] | None) -> list[Entity]:
    return [e for e in entities or () if e.key and e.label in (Label.PERSON, Label.ORG)]


def _key_for(span: tuple[int, int] | None, named: Sequence[Entity]) -> str | None:
    """The canonical key of the PERSON/ORG entity inside the speaker's span."""
    if span is None:
        return None
    for entity in named:
        if span[0] <= entity.start and entity.end <= span[1]:
            return entity.key
    return None


def find_quotes(text: str, entities: Sequence[Entity] | None = None) -> list[Quote]:
    """Every direct quotation in `text`, with its speaker where the text says."""
    spans = _quote_spans(text)
    if not spans:
        return []
    ctx = _Context(text)
    inside = _Spans(spans)
    attributions = _ByStart(
        (a for a in find_attributions(text) if a.start not in inside), lambda a: a.start
    )
    people = _ByStart(_people(text, entities, inside), lambda p: p[0])
    named = _keys(entities)
    resolved = _resolve_all(attributions, people, ctx)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for span in spans:
        first = ctx.sentences[ctx.index_at(span.start)]
        last = ctx.sentences[ctx.index_at(max(span.start, span.end - 1))]
        after_end = min(
            (i for i in (text.find(m, span.end, last.end) for m in _OPENERS) if i >= 0),
            default=last.end,
        )
        found = _attribute(span, first, after_end, attributions, previous, people, ctx)
        speaker, sp_span, anonymous, how = None, None, False, ""
        if found is not None:
            attribution, how = found
            if isinstance(attribution, Attribution):
                speaker, sp_span, anonymous = resolved[id(attribution)]
            else:
                speaker, sp_span, anonymous = attribution
        words = "\n".join(text[a:b].strip() for a, b in span.pieces)
        key = _key_for(sp_span, named) if speaker and not anonymous else None
        quote = Quote(
            span.start, span.end, words, speaker, sp_span, anonymous, how, span.closed, key
        )
        quotes.append(quote)
        previous = quote
    return quotes


_Speaker = tuple[str, tuple[int, int] | None, bool]  # speaker, span, anonymous


def _attribute(
    span: _Span,
    first: Sentence,
    after_end: int,
    attributions: _ByStart,
    previous: Quote | None,
    people: _ByStart,
    ctx: _Context,
) -> tuple[Attribution | _Speaker, str] | None:
    """(attribution or (speaker, span, anonymous), how) for one quote, or None."""
    text = ctx.text
    after = attributions.between(span.end, after_end)
    if after and not text[span.end : after[0].start].strip(" ,;:—–-\u00a0"):
        return after[0], "attribution after the quote"
    before = [a for a in attributions.between(first.start, span.start) if a.end <= span.start]
    if before:
        return before[-1], "attribution before the quote"
    if after:
        return after[0], "attribution later in the sentence"
    para_start = text.rfind("\n", 0, span.start) + 1
    if previous is not None and previous.speaker and previous.end >= para_start:
        return (previous.speaker, previous.speaker_span, previous.anonymous), "continues a quote"
    named = [p for p in people.between(first.start, span.start) if p[1] <= span.start]
    if named:
        start, end, name = named[-1]
        return (name, (start, end), False), "person named in the sentence"
    index = ctx.index_at(span.start)
    if index > 0:
        prior = ctx.sentences[index - 1]
        if text.count("\n", prior.end, span.start) <= 2:
            inside = attributions.between(prior.start, prior.end)
            if inside:
                return inside[-1], "attribution in the sentence before"
    return None


def _resolve_all(
    attributions: _ByStart, people: _ByStart, ctx: _Context
) -> dict[int, tuple[str, tuple[int, int], bool]]:
    """id(attribution) -> (speaker, span, anonymous), pronouns replaced by the
    nearest speaker (then person) named in the same or the two sentences before."""
    resolved: dict[int, tuple[str, tuple[int, int], bool]] = {}
    for attribution in attributions.items:
        if attribution.is_pronoun:
            found = _antecedent(attribution, attributions, resolved, people, ctx)
            resolved[id(attribution)] = found or (
                attribution.speaker,
                attribution.speaker_span,
                False,
            )
        else:
            resolved[id(attribution)] = (
                attribution.speaker,
                attribution.speaker_span,
                attribution.anonymous,
            )
    return resolved


def _antecedent(
    attribution: Attribution,
    attributions: _ByStart,
    resolved: dict[int, tuple[str, tuple[int, int], bool]],
    people: _ByStart,
    ctx: _Context,
) -> tuple[str, tuple[int, int], bool] | None:
    pos = attribution.start
    plural = attribution.speaker.lower() == "they"
    index = ctx.index_at(pos)
    for back in range(3):
        if index - back < 0:
            break
        sentence = ctx.sentences[index - back]
        low, high = sentence.start, min(sentence.end, pos)
        spoken = [
            resolved[id(a)]
            for a in attributions.between(low - 200, high)
            if low <= a.speaker_span[0] and a.speaker_span[1] <= high and id(a) in resolved
        ]
        spoken = [s for s in spoken if s[0].endswith("s") == plural or not plural]
        if spoken:
            return max(spoken, key=lambda s: s[1][1])
        if not plural:
            named = [p for p in people.between(low, high) if p[1] <= high]
            if named:
                start, end, name = named[-1]
                return name, (start, end), False
    earlier = [
        resolved[id(a)]
        for a in attributions.between(pos - 800, pos)
        if a.end <= pos and pos - a.end <= 600 and id(a) in resolved and not a.is_pronoun
    ]
    return earlier[-1] if earlier else None


def sourcing_summary(
    text: str, entities: Sequence[Entity] | None = None, quotes: Sequence[Quote] | None = None
) -> SourcingSummary:
    """Counts of named, anonymous and unattributed quotes and attributions.
    Pass `quotes` already found by `find_quotes(text, ...)` to save the work."""
    if quotes is None:
        quotes = find_quotes(text, entities)
    spans = _Spans([_Span(q.start, q.end, (), q.closed) for q in quotes])
    attributions = [a for a in find_attributions(text) if a.start not in spans]
    return SourcingSummary(
        quotes=len(quotes),
        named_quotes=sum(1 for q in quotes if q.speaker and not q.anonymous),
        anonymous_quotes=sum(1 for q in quotes if q.anonymous),
        unattributed_quotes=sum(1 for q in quotes if not q.speaker),
        attributions=len(attributions),
        anonymous_attributions=sum(1 for a in attributions if a.anonymous),
    )
