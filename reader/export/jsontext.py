"""JSON text that is safe to print, and the timestamp forms the formats share."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

import orjson

# Characters that json.dumps(ensure_ascii=False) would pass through raw but that a
# terminal or an editor could act on: DEL, C1 controls, bidi controls, zero-width
# characters, and the line/paragraph separators. They are written as \uXXXX escapes,
# so the JSON value is unchanged and nothing hostile reaches a terminal.
_RISKY = [
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    0x2028,
    0x2029,
    0x2060,
    *range(0x2066, 0x206A),
    0xFEFF,
]
_RISKY_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in _RISKY) + "]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any) -> str:
    """Pretty (2-space indent), deterministic JSON ending with a newline, with
    risky characters escaped. orjson: the stdlib's indenting encoder is pure
    Python and takes ~4 s for 10,000 annotations."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
    return _RISKY_RE.sub(_escape, text)


def as_utc(moment: datetime | str | None) -> datetime:
    """`moment` as an aware UTC datetime (now when None; naive means UTC)."""
    if moment is None:
        return datetime.now(UTC)
    if isinstance(moment, str):
        moment = parse_time(moment)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_time(text: str) -> datetime:
    """Parse an ISO 8601 date-time; raises ValueError. Naive values are read as UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def utc_stamp(moment: datetime | str | None) -> str:
    """'YYYY-MM-DDTHH:MM:SSZ' (microseconds kept when present)."""
    moment = as_utc(moment)
    spec = "microseconds" if moment.microsecond else "seconds"
    return moment.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def utc_date(moment: datetime | str) -> str:
    """The UTC calendar date of `moment`, 'YYYY-MM-DD'."""
    value: date = as_utc(moment).date()
    return value.isoformat()


LINK_SCHEMES = ("http", "https", "mailto", "ftp")


def is_link(url: str) -> bool:
    """True for a web or mail link; False for javascript:, data:, file:, bare words."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in LINK_SCHEMES:
        return False
    return bool(parts.path) if parts.scheme.lower() == "mailto" else bool(parts.netloc)
