"""All the metadata of one article's text, each field with its provenance."""

from __future__ import annotations

from dataclasses import dataclass

from reader.corpus.article import MetaField
from reader.corpus.cues import find_cues, is_cue_line
from reader.corpus.decode import count_words
from reader.corpus.frontmatter import read_front_matter
from reader.corpus.headline import Heading, find_heading
from reader.corpus.spans import iter_lines

WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Metadata:
    title: MetaField
    subtitle: MetaField
    author: MetaField
    outlet: MetaField
    original_outlet: MetaField
    published: MetaField
    body_start: int
    debris: tuple[tuple[int, int], ...]
    word_count: int
    reading_minutes: int


def reading_minutes(words: int) -> int:
    """Minutes at WORDS_PER_MINUTE, rounded, at least 1 for any text."""
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


def read_metadata(text: str, fallback_title: str, utf8: bytes | None = None) -> Metadata:
    """Metadata of `text`. `utf8` (the text as UTF-8, if the caller has it) makes
    counting words cheaper. The word count covers the body: it leaves out a
    stated title line and trailing page debris ("Leave a Comment")."""
    front = read_front_matter(text) if text.startswith("---") else None
    begin = front.end if front else 0
    heading = find_heading(text, fallback_title, begin, is_cue_line)
    stated = front.fields if front else {}
    if front and "title" in stated and heading.title.value != stated["title"].value:
        # The first line after the front matter is body, not a second title.
        first = next(iter_lines(text, front.end), None)
        heading = Heading(stated["title"], first[0] if first else len(text))
    cues = find_cues(text, begin, heading.body_start)
    words = count_words(text.encode("utf-8") if utf8 is None else utf8)
    excluded = [(0, front.end)] if front else []
    excluded += [heading.title_line] if heading.title_line else []
    for start, end in (*excluded, *cues.debris):
        words -= count_words(text[start:end].encode("utf-8"))
    return Metadata(
        title=stated.get("title", heading.title),
        subtitle=stated.get("subtitle", heading.subtitle),
        author=stated.get("author", cues.author),
        outlet=stated.get("outlet", cues.outlet),
        original_outlet=stated.get("original_outlet", cues.original_outlet),
        published=stated.get("published", cues.published),
        body_start=heading.body_start,
        debris=cues.debris,
        word_count=words,
        reading_minutes=reading_minutes(words),
    )
