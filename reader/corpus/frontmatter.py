"""Front matter at the top of a Markdown file ("---" ... "---"): stated metadata.

Only flat `key: value` lines (and `- item` lists under a key) are read; it is
not a YAML parser, and nothing in the block is executed or resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.corpus.article import MetaField, Provenance
from reader.corpus.cues import DATE_RE, parse_date

MAX_FRONT_MATTER = 8192  # a longer block is not front matter
_KEYS = {
    "title": "title",
    "headline": "title",
    "subtitle": "subtitle",
    "dek": "subtitle",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "by": "author",
    "date": "published",
    "published": "published",
    "pubdate": "published",
    "published_at": "published",
    "publication_date": "published",
    "date_published": "published",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "site_name": "outlet",
    "original_outlet": "original_outlet",
    "original_source": "original_outlet",
    "originally_published_by": "original_outlet",
}
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_LINE = re.compile(r"([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_ITEM_LINE = re.compile(r"[ \t]+-[ \t]+(.*?)[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    end: int  # offset just after the closing line
    fields: dict[str, MetaField] = field(default_factory=dict)  # Article field name -> value


def read_front_matter(text: str) -> FrontMatter | None:
    """The front matter block at the very start of `text`, or None."""
    opening = _OPEN.match(text)
    if not opening:
        return None
    closing = _CLOSE.search(text, opening.end(), MAX_FRONT_MATTER)
    if not closing:
        return None
    end = closing.end() + (1 if text[closing.end() : closing.end() + 1] == "\n" else 0)
    fields: dict[str, MetaField] = {}
    items: list[tuple[int, int]] = []
    key: str | None = None
    pos = opening.end()
    while pos < closing.start():
        line_end = text.find("\n", pos, closing.start())
        line_end = closing.start() if line_end < 0 else line_end
        item = _ITEM_LINE.match(text, pos, line_end)
        pair = None if item else _KEY_LINE.match(text, pos, line_end)
        if item and key is not None:
            items.append(_unquote(text, *item.span(1)))
        elif pair:
            _store(text, fields, key, items)
            key, items = _KEYS.get(pair.group(1).lower().replace("-", "_")), []
            if pair.group(2) and key is not None:
                items.append(_unquote(text, *pair.span(2)))
        pos = line_end + 1
    _store(text, fields, key, items)
    return FrontMatter(end, fields)


def _unquote(text: str, start: int, end: int) -> tuple[int, int]:
    if end - start >= 2 and text[start] == text[end - 1] and text[start] in "\"'":
        return start + 1, end - 1
    return start, end


def _store(
    text: str, fields: dict[str, MetaField], key: str | None, items: list[tuple[int, int]]
) -> None:
    items = [(start, end) for start, end in items if start < end]
    if key is None or not items or key in fields:
        return
    start, end = items[0][0], items[-1][1]
    if key == "published":
        match = DATE_RE.search(text, start, end)
        value = parse_date(match) if match else None
        if match and value:
            fields[key] = MetaField(value, Provenance.TEXT, match.span())
        return
    if text[start] == "[" or "{" in text[start:end]:
        return  # inline YAML lists and maps are not read
    value = ", ".join(text[s:e] for s, e in items)
    fields[key] = MetaField(value, Provenance.TEXT, (start, end))
