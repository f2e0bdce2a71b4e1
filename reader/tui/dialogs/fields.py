"""Pure helpers behind the dialog fields: parsing tags and sources, paths.

Nothing here imports textual, so the rules are easy to test on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from reader.annotations.model import Source
from reader.corpus.sanitize import display_safe

# (name, key): the labels offered as one-key toggles in the annotation dialog.
DEFAULT_LABELS: tuple[tuple[str, str], ...] = (
    ("misleading", "m"),
    ("needs source", "s"),
    ("opinion", "o"),
    ("check later", "c"),
    ("important", "i"),
    ("contradiction", "x"),
)

_SPACES = re.compile(r"\s+")
_MAX_SHOWN = 60


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags: trimmed, inner whitespace collapsed, empties and
    repeats dropped, order kept."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        tag = _SPACES.sub(" ", part).strip()
        if tag and tag not in seen:
            seen[tag] = None
    return tuple(seen)


def merge_tags(labels: Iterable[str], free: Iterable[str]) -> tuple[str, ...]:
    """Toggled labels first, then free tags, without repeats."""
    return tuple(dict.fromkeys([*labels, *free]))


def split_tags(
    tags: Sequence[str], label_names: Sequence[str]
) -> tuple[frozenset[str], tuple[str, ...]]:
    """Separate stored tags into (labels that are offered as toggles, the rest)."""
    names = set(label_names)
    on = frozenset(t for t in tags if t in names)
    return on, tuple(t for t in tags if t not in names)


def _shown(text: str) -> str:
    """A short, display-safe rendering of a piece of user text for an error."""
    text = display_safe(text)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def is_web_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces or controls."""
    if not text or any(ch.isspace() or ord(ch) < 0x20 or ch == "\x7f" for ch in text):
        return False
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def parse_sources(text: str) -> tuple[tuple[Source, ...], tuple[str, ...]]:
    """Parse "URL  note" lines into Sources; blank lines are skipped.

    Returns (sources, errors); each error names its line and what was wrong.
    """
    sources: list[Source] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        url, _, note = line.partition(" ")
        if "\t" in url:  # "URL<tab>note"
            url, _, rest = url.partition("\t")
            note = f"{rest} {note}".strip()
        if not is_web_url(url):
            errors.append(f"line {number}: {_shown(url)!r} is not an http(s) URL")
            continue
        sources.append(Source(url=url, note=_SPACES.sub(" ", note).strip()))
    return tuple(sources), tuple(errors)


def format_sources(sources: Iterable[Source]) -> str:
    """The inverse of parse_sources: one "URL  note" per line."""
    return "\n".join(f"{s.url}  {s.note}".rstrip() for s in sources)
