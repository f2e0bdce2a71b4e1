"""Find who a passage is attributed to: "said Mr. Smith", "Blinken said",
"according to X", "one U.S. official said", "officials say".

Heuristic, pattern-based and offline. A speaker whose head noun is a generic
source word ("official", "sources", "aides", "experts") and who is not named
is an anonymous source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_S = r"[ \t\u00a0]+"
_S1 = r"[ \t\u00a0]"
_FUNCTION = (
    r"(?!(?:And|But|Or|So|Yet|Still|While|When|If|Though|Although|As|In|On|At|For|With|"
    r"Like|After|Before|Since|Then|Now)\b)"
)
_VERBS = (
    "said|says|say|added|adds|told|tells|stated|states|wrote|writes|asked|asks|explained|"
    "noted|notes|argued|argues|insisted|insists|warned|warns|cautioned|claimed|claims|"
    "acknowledged|predicted|recalled|declared|continued|conceded|confirmed|denied|"
    "reported|reports|believe|believes|fear|fears|suggest|suggests|put it"
)
# Heads that make an unnamed speaker an anonymous source.
_ANON_HEADS = (
    "officials?|sources?|aides?|diplomats?|insiders?|advisers?|advisors?|analysts?|experts?|"
    "observers?|spokesman|spokeswoman|spokesperson|person|people|individuals?|lawmakers?|"
    "officers?|staffers?|authorities|critics|residents|witnesses|members"
)
# Heads that name a non-person source (a report, a government): attributed, not anonymous.
_OTHER_HEADS = (
    "report|reports|statement|government|governments|ministry|agency|newspaper|"
    "study|survey|documents?|administration|campaign|military|army|police|court"
)
_DET = (
    r"(?i:a|an|one|another|the|two|three|four|five|several|some|many|most|other|those|"
    r"these|both|few|various|unnamed|anonymous|multiple|its|their|his|her)"
)
_MOD = (
    rf"{_FUNCTION}(?:(?:[A-Z]\.){{2,}}|(?:Mr|Mrs|Ms|Dr|Gen)\.|[A-Z][\w’'\-]*|senior|top|former|current|unnamed|anonymous|"
    r"administration|government|military|intelligence|defense|defence|state|other|"
    r"high-ranking|ranking|foreign|western|european|american|ukrainian|russian|"
    r"knowledgeable|several|two|three|senior-level|white|house|security|policy)"
)
_TITLE = (
    r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Gen|Sen|Rep|Gov|Lt|Col|Adm|Prof|Sgt|Capt|Maj|Amb|Rev)\.|"
    rf"President|Prime{_S}Minister|Foreign{_S}Minister|Secretary|Representative|Senator|"
    r"Chancellor|Minister|General|Ambassador|Director|Judge|King|Queen|Pope|Governor)"
)
_NAMEWORD = rf"{_FUNCTION}(?:(?:[A-Z]\.){{1,3}}|[A-Z][\w’'\-]+)"
_NAMED = (
    rf"(?:{_TITLE}{_S})?{_NAMEWORD}(?:{_S}(?:{_NAMEWORD}|of|de|da|van|von|bin|al)(?=\s|$|[,.]))*"
)
_DESCRIBED_ONE = rf"(?:{_DET}{_S})?(?:{_MOD}{_S}){{0,4}}(?:{_ANON_HEADS}|{_OTHER_HEADS})\b"
_DESCRIBED = rf"{_DESCRIBED_ONE}(?:{_S}(?:and|or){_S}{_DESCRIBED_ONE})?"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_ADVERBS = rf"(?:{_S}(?:also|has|had|have|then|later|once|repeatedly|\w+ly))*"
_APPOSITIVE = rf"(?:,{_S1}[^,“”\"\n]{{1,90}},)?"

# Speaker before the verb, anchored at the verb: "Mr. Blinken said", "Haines, the director, said".
_BEFORE_VERB = re.compile(rf"(?P<sp>{_DESCRIBED}|{_PRONOUN}|{_NAMED}){_APPOSITIVE}{_ADVERBS}{_S}$")
_WORD_START = re.compile(r"(?<![\w.’'\-])\w")
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
# Speaker after the verb: ", said one U.S. official", "” said Mr. Smith".
_AFTER_VERB = re.compile(rf"{_S}(?P<sp>{_DESCRIBED}|{_NAMED}|{_PRONOUN})")
_ACCORDING = re.compile(rf"\b[Aa]ccording{_S}to{_S}(?P<sp>{_DESCRIBED}|{_NAMED})")
_ANON_END = re.compile(rf"\b(?:{_ANON_HEADS})$")
_NAME_INSIDE = re.compile(rf"{_TITLE}{_S}{_NAMEWORD}")
_POSSESSIVE = re.compile(r"\S+[’']s\b")
_PRONOUN_RE = re.compile(rf"^{_PRONOUN}$")


@dataclass(frozen=True)
class Attribution:
    """A passage that says who said something: `start:end` covers speaker and verb."""

    start: int
    end: int
    speaker: str
    speaker_span: tuple[int, int]
    anonymous: bool
    verb: str

    @property
    def is_pronoun(self) -> bool:
        return bool(_PRONOUN_RE.match(self.speaker))


def is_anonymous(speaker: str) -> bool:
    """An unnamed person or group: "one U.S. official", "sources", "Biden aides"."""
    words = speaker.split()
    if not words or not _ANON_END.search(speaker):
        return False
    # A title and a name ("Gen. Smith's spokesman" aside) make the speaker named.
    return _NAME_INSIDE.search(_POSSESSIVE.sub("", speaker)) is None


def _clean(speaker: str, start: int) -> tuple[str, int, int]:
    """Trim trailing function words a greedy match may have taken."""
    trimmed = re.sub(rf"(?:{_S}(?:of|de|da|van|von|bin|al))+$", "", speaker)
    return trimmed, start, start + len(trimmed)


def _before_verb(text: str, low: int, high: int) -> re.Match[str] | None:
    """Leftmost speaker ending at the verb, trying word starts only (the
    same result as a search, several times faster)."""
    for word in _WORD_START.finditer(text, low, high):
        found = _BEFORE_VERB.match(text, word.start(), high)
        if found is not None:
            return found
    return None


def _verb_form(text: str, verb_start: int, verb_end: int, low: int) -> Attribution | None:
    """The attribution around one verb occurrence, if it has a speaker."""
    verb = text[verb_start:verb_end]
    window_start = max(low, verb_start - 160)
    before = _before_verb(text, window_start, verb_start)
    if before is not None:
        sp_text, sp_start, sp_end = _clean(before.group("sp"), before.start("sp"))
        if sp_text and sp_text.lower() not in {"it", "this", "that", "which"}:
            return Attribution(
                sp_start, verb_end, sp_text, (sp_start, sp_end), is_anonymous(sp_text), verb
            )
    # Verb first is only an attribution straight after a quote or a comma.
    lead = text[max(low, verb_start - 3) : verb_start].rstrip()
    if lead and lead[-1] in ',”"’':
        after = _AFTER_VERB.match(text, verb_end, min(len(text), verb_end + 160))
        if after is not None:
            sp_text, sp_start, sp_end = _clean(after.group("sp"), after.start("sp"))
            if sp_text:
                return Attribution(
                    verb_start, sp_end, sp_text, (sp_start, sp_end), is_anonymous(sp_text), verb
                )
    return None


def find_attributions(text: str, start: int = 0, end: int | None = None) -> list[Attribution]:
    """Every attribution in `text[start:end]`, in order of position."""
    end = len(text) if end is None else end
    found: list[Attribution] = []
    for match in _VERB.finditer(text, start, end):
        attribution = _verb_form(text, match.start(), match.end(), start)
        if attribution is not None:
            found.append(attribution)
    for match in _ACCORDING.finditer(text, start, end):
        sp_text, sp_start, sp_end = _clean(match.group("sp"), match.start("sp"))
        found.append(
            Attribution(
                match.start(),
                sp_end,
                sp_text,
                (sp_start, sp_end),
                is_anonymous(sp_text),
                "according to",
            )
        )
    found.sort(key=lambda a: a.start)
    return found


__all__ = ["Attribution", "find_attributions", "is_anonymous"]
