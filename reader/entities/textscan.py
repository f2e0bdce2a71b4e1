"""Shared text scanning: capitalised-token regexes, sentence starts, title-case lines.

Regexes are compiled once and run over the whole text; Python loops only visit
the (few) capitalised sequences, never every character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _char_class(pred) -> str:  # type: ignore[no-untyped-def]
    """Regex class body of the chars (below U+2000 and a few blocks) where pred holds."""
    ranges: list[tuple[int, int]] = []
    for block in ((0, 0x2000), (0x2C00, 0x2E00), (0xA640, 0xA800), (0xFF21, 0xFF3B)):
        for cp in range(*block):
            if pred(chr(cp)):
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1] = (ranges[-1][0], cp)
                else:
                    ranges.append((cp, cp))
    parts = []
    for lo, hi in ranges:
        parts.append(
            re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        )
    return "".join(parts)


UPPER = _char_class(lambda c: c.isupper() or c.istitle())
APOS = "'’"
# A capitalised word: "Blinken", "O’Brien", "Jean-Luc", "McDonald", "G7". A possessive
# "’s" is never part of it.
CAP_WORD = rf"[{UPPER}][^\W_]*(?:[{APOS}](?![sS]\b)[^\W_]+|-[^\W_]+)*"
INITIALS = rf"(?:[{UPPER}]\.){{2,}}"  # U.S., U.K.
INITIAL = rf"[{UPPER}]\.(?![^\W_])"  # J.
NAME_TOKEN = rf"(?:{INITIALS}|{CAP_WORD}\.?|{INITIAL})"
CONNECTORS = (
    "of",
    "for",
    "and",
    "&",
    "the",
    "on",
    "de",
    "da",
    "di",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "du",
    "des",
    "dos",
    "das",
    "bin",
    "ibn",
    "al",
    "el",
    "y",
    "zu",
    "ter",
)
PARTICLES = frozenset(c for c in CONNECTORS if c not in ("of", "for", "and", "&", "the", "on"))
_CONN = "|".join(re.escape(c) for c in sorted(CONNECTORS, key=len, reverse=True))
_SP = r"[ \t\u00a0]+"
SEQUENCE_RE = re.compile(
    rf"(?<![\w@#/])(?<![{APOS}-])(?:{NAME_TOKEN})(?:{_SP}(?:(?:{_CONN}){_SP})*(?:{NAME_TOKEN}))*"
)
TOKEN_RE = re.compile(rf"{NAME_TOKEN}|(?:{_CONN})(?=\s)")
DOMAIN_RE = re.compile(
    r"(?<![\w@/.])[A-Za-z][A-Za-z0-9-]{1,40}\.(?:com|org|net|io|ai|co\.uk|news|info)(?![\w/@.]|\.\w)"
)
LOWER_WORD_RE = re.compile(r"\b[^\W\d_]+\b")
WORD_RE = re.compile(r"[^\W_][^\W_'’-]*")
_LINE_RE = re.compile(r"[^\n]{1,300}")
_TITLE_CAP = re.compile(rf"(?<![^\W_])[{UPPER}][^\W_]{{3,}}")
_TITLE_LOW = re.compile(rf"(?<![^\W_'’-])[^\W\d_{UPPER}][^\W_]{{3,}}")
_SENT_END = re.compile(r"[.!?:;][\"'”’)\]]*$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")


def lowercase_vocabulary(text: str) -> frozenset[str]:
    """Words that occur in lowercase somewhere in `text` (so they are common words there)."""
    return frozenset(w for w in LOWER_WORD_RE.findall(text) if w[0].islower())


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of headline-like lines where most long words are capitalised."""
    spans = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if len(line) > 200 or (line.rstrip().endswith((".", "?", "!")) and len(line) > 120):
            continue
        caps = len(_TITLE_CAP.findall(line))
        if caps < 3:
            continue
        lows = len(_TITLE_LOW.findall(line))
        if caps >= 3 * max(lows, 1) or (lows == 0 and caps >= 3):
            spans.append(m.span())
    return spans


def is_sentence_start(text: str, pos: int) -> bool:
    """True when `pos` begins a sentence, a line, a quotation or a heading."""
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0\"'“‘([«—–-":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    prev = text[max(0, i - 4) : i]
    if prev.endswith((".", "!", "?", ":", ";", "…")):
        # "Mr. Smith" is not a sentence start, but the caller treats title
        # abbreviations as part of the sequence anyway.
        return True
    return pos > i and text[i] in "“\"‘'" and text[i - 1] in ",;:"
