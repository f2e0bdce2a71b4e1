"""Shared text scanning: capitalised-token regexes, sentence starts, title-case lines.

Regexes are compiled once and run over the whole text; Python loops only visit
the (few) capitalised sequences, never every character.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.entities.rx import words


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
# "al-Sisi", "d’Alema", "bin-Zayed": a lowercase particle glued to a capitalised name
PARTICLE_NAME = (
    rf"(?:al|el|ad|ash|as|at|an|ar|az|bin|ibn|abu|d|de|di|da|van|von|du|le|la)[-{APOS}]{CAP_WORD}"
)
AMPERSAND_NAME = rf"[{UPPER}]{{1,3}}&[{UPPER}]{{1,3}}(?![^\W_])"  # "H&M", "AT&T", "S&P"
NAME_TOKEN = rf"(?:{AMPERSAND_NAME}|{INITIALS}|{CAP_WORD}\.?|{INITIAL}|{PARTICLE_NAME})"
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
    "do",
    "das",
    "bin",
    "ibn",
    "al",
    "el",
    "y",
    "zu",
    "ter",
    "los",
    "las",
    "bint",
    "ben",
)
PARTICLES = frozenset(c for c in CONNECTORS if c not in ("of", "for", "and", "&", "the", "on"))
_CONN = "|".join(re.escape(c) for c in sorted(CONNECTORS, key=len, reverse=True))
_SP = r"[ \t\u00a0]+"
# Capitalised function words that open sentences; alone (no capitalised word after
# them) they are skipped by the regex itself, which saves most of the Python work.
_STARTERS = (
    "The|A|An|In|On|At|It|Its|He|She|We|They|I|You|His|Her|Their|Our|My|Your|But|And|Or|So|Yet|"
    "This|That|These|Those|There|Here|For|As|If|When|While|After|Before|However|Some|Many|Most|"
    "What|Which|Who|Whom|Whose|How|Why|Where|With|By|From|To|Of|Still|Even|Despite|Although|"
    "Though|Since|Because|Also|Just|Not|No|All|Both|Each|Every|Now|Then|Such|Other|Another|Any|"
    "More|Less|Only|Meanwhile|Moreover|Instead|Like|Among|During|Under|Over|Through|Until|"
    "Without|Within|About|Against|Between|Into|Once|Whether|Is|Are|Was|Were|Has|Have|Had|Do|"
    "Does|Did|Can|Could|Will|Would|Should|Might|Must|Be|Being|Been|Let|Yes|Nor|Neither|Either|"
    "Thus|Therefore|Indeed|Perhaps|Already|Again|Never|Always|Often|Later|Earlier|Last|Next|"
    "First|Second|Finally|Further|One|Two|Three"
)
# The first token is spelled out so that the pattern starts with a character class:
# Python's regex engine then skips non-capitals at C speed.
_FIRST = (
    rf"[{UPPER}](?<![\w@#/{APOS}-].)"
    rf"(?:[{UPPER}]{{0,2}}&[{UPPER}]{{1,3}}(?![^\W_])|(?:\.[{UPPER}])+\.|"
    rf"[^\W_]*(?:[{APOS}](?![sS]\b)[^\W_]+|-[^\W_]+)*\.?)"
)
SEQUENCE_RE = re.compile(rf"{_FIRST}(?:{_SP}(?:(?:{_CONN}){_SP})*(?:{NAME_TOKEN}))*")
STARTERS = frozenset(_STARTERS.split("|"))
TOKEN_RE = re.compile(rf"{NAME_TOKEN}|(?:{_CONN})(?=\s)")
_TLD_RE = re.compile(r"\.(?:com|org|net|io|ai|co\.uk|news|info)(?![\w/@.]|\.\w)")
_DOMAIN_NAME_RE = re.compile(r"(?<![\w@/.])[A-Za-z][A-Za-z0-9-]{1,40}$")


def find_domains(text: str) -> list[tuple[int, int]]:
    """Spans of bare domain names ("Antiwar.com"), not URLs or e-mail addresses."""
    spans = []
    for m in _TLD_RE.finditer(text):
        lo = max(0, m.start() - 42)
        name = _DOMAIN_NAME_RE.search(text, lo, m.start())
        if name is not None and (name.start() > lo or lo == 0):
            spans.append((name.start(), m.end()))
    return spans


_PUNCT = "\"'“”‘’()[]{}<>.,;:!?…—–-*_/\\|«»"
WORD_RE = re.compile(r"[^\W_][^\W_'’-]*")
_LINE_RE = re.compile(r"[^\n]+")
_TITLE_CAP = re.compile(rf"(?<![\w'’-])[{UPPER}][^\W_]*")
_TITLE_LOW = re.compile(rf"(?<![\w'’-])[^\W\d_{UPPER}][^\W_]*")
# Words a title-case headline leaves in lowercase.
_HEADLINE_LOWER = frozenset(
    words(
        "a an the and or but nor of in on at to for from by with as vs via into onto over per "
        "than up out off upon amid after before about against between under without within is "
        "are be"
    )
)
_SENT_END = re.compile(r"[.!?:;][\"'”’)\]]*$")


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")


_OPEN_QUOTES = "“\"‘'«"
_CLOSE_QUOTES = "”\"’'»"


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is the whole of a quotation: "Mami Wata," or “Oppenheimer”."""
    if start == 0 or text[start - 1] not in _OPEN_QUOTES:
        return False
    after = text[end : end + 2]
    return bool(after) and (
        after[0] in _CLOSE_QUOTES or (after[0] in ",." and after[1:2] in _CLOSE_QUOTES)
    )


def lowercase_vocabulary(text: str) -> frozenset[str]:
    """Words that occur in lowercase somewhere in `text` (so they are common words there)."""
    words = set(text.split())
    out = set()
    for word in words:
        word = word.strip(_PUNCT)
        if word[:1].islower():
            out.add(word)
            if "-" in word or "—" in word:
                out.update(p for p in re.split(r"[-—]", word) if p[:1].islower())
    return frozenset(out)


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of headline-like lines: every word capitalised but the small function words."""
    spans = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if (
            len(line) > 200
            or line.rstrip().endswith(".")
            or line.lstrip().startswith(("By ", "BY "))
        ):
            continue  # a sentence, or a byline
        caps = len(_TITLE_CAP.findall(line))
        if caps < 3:
            continue
        lows = sum(1 for w in _TITLE_LOW.findall(line) if w not in _HEADLINE_LOWER)
        if lows <= caps // 8:
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
