"""Candidate names: capitalised sequences split into titles, gazetteer hits and name runs.

Each sequence of capitalised words ("Secretary of State Antony J. Blinken") is
typed token by token (title, known place/org, demonym, connector, plain name) and
cut into candidate mentions with whatever evidence the sequence itself gives.
Evidence from the rest of the document is applied later, in `resolve`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from reader.entities.lexicon import Lexicon, undot
from reader.entities.model import Label
from reader.entities.rx import words
from reader.entities.textscan import (
    PARTICLES,
    SEQUENCE_RE,
    STARTERS,
    TOKEN_RE,
    Token,
    is_sentence_start,
)

ABBREVIATIONS = frozenset(
    [
        "St",
        "Jr",
        "Sr",
        "Inc",
        "Corp",
        "Co",
        "Ltd",
        "Mt",
        "Ft",
        "Bros",
        "Gov",
        "Sen",
        "Rep",
        "Gen",
        "Lt",
        "Col",
        "Capt",
        "Sgt",
        "Adm",
        "Dr",
        "Mr",
        "Mrs",
        "Ms",
        "Prof",
        "Rev",
        "Hon",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "No",
        "Vol",
        "Ave",
        "Blvd",
        "Dept",
        "Univ",
        "Cmdr",
        "Maj",
        "Pvt",
        "Cpl",
        "Supt",
        "Msgr",
        "Fr",
        "Pres",
        "Messrs",
        "Mme",
        "Mlle",
        "Sr",
        "Sra",
        "Dra",
    ]
)
PERSONAL_HONORIFICS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
        "Prof",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Sen",
        "Rep",
        "Gov",
        "Gen",
        "Rev",
        "Messrs",
        "Mme",
        "Mlle",
    ]
)
COMPASS = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Global",
        "Upper",
        "Lower",
    ]
)
# Last words of capitalised names of things that are none of our labels.
NOT_PERSON_HEADS = frozenset(
    [
        "Telescope",
        "Prize",
        "Award",
        "Awards",
        "Cup",
        "Trophy",
        "Festival",
        "Act",
        "Treaty",
        "Accord",
        "Accords",
        "Agreement",
        "Convention",
        "Protocol",
        "Doctrine",
        "Plan",
        "Report",
        "Index",
        "Day",
        "Games",
        "Olympics",
        "Championship",
        "Championships",
        "Tour",
        "Open",
        "Marathon",
        "Medal",
        "Summit",
        "War",
        "Revolution",
        "Era",
        "Dynasty",
        "Empire",
        "Law",
        "Syndrome",
        "Disease",
        "Virus",
        "Effect",
        "Theory",
        "Principle",
        "Model",
        "Show",
        "Series",
        "Album",
        "Film",
        "Movie",
        "Novel",
        "Declaration",
        "Charter",
        "Constitution",
        "Amendment",
        "Bill",
        "Budget",
        "Strategy",
        "Agenda",
        "Deal",
        "Pact",
        "Prix",
    ]
)
# All-capital words that are not organisations.
NOT_ORG_ACRONYMS = frozenset(
    words(
        "DNA RNA AI GDP GNP CEO CFO COO CTO CPI PMI IPO ETF EV SUV TV PC GPS HIV AIDS COVID UV "
        "LED LCD USB API CO NO PHD MBA MP MPS VIP OK PR HR IT ID UFO FAQ ATM PIN SMS LNG LPG GMO "
        "TB MRI CT DIY ESG PPE ICU ER FM AM BC AD CE BCE AC DC PM ET GMT UTC EST PST CET BST OPED "
        "OP ED IQ PS PPS RPM MPH KM KG USD EUR GBP JPY CNY INR LGBT LGBTQ NFT VR AR IOT SARS MERS "
        "TBA TBD FYI ASAP RIP AKA VS XL II III IV VI VII VIII IX XI XII XX"
    )
)
CONN_SPLIT = frozenset(("of", "for", "and", "&", "the", "on"))
_EDGE_CONN = CONN_SPLIT | PARTICLES

# Word shapes of common English words opening a sentence ("Analysts", "Speaking").
_COMMON_SHAPE = re.compile(
    r"[A-Z][a-z]+(?:ing|ed|ly|tion|tions|sion|sions|ment|ments|ness|ity|ities|ance|ence|isms?|"
    r"ists|ers|ors|ics|ies|ful|less|ous|ive|ives|able|ible|ants|ents)$"
)

# Function words that happen to be spelled like a gazetteer entry.
_FUNCTION_WORDS = frozenset(
    words("us may will can it is so no do an as at be by he if in me my of on or to up we")
)

# Lowercase words after a name that make it an organisation ("the Morena party").
GENERIC_ORG_AFTER = re.compile(r"[ \t]+(?:party|parties|movement|coalition|alliance|bloc)\b")

# token kinds
NAME, CONN, TITLE, DEMONYM, ORG_GAZ, PLACE_GAZ, COMMON = range(7)


@dataclass
class Cand:
    """A candidate mention. `label` None means: no evidence yet."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    label: Label | None = None
    strong: bool = False
    titled: bool = False
    honorific: bool = False
    sent_init: bool = False
    title_line: bool = False
    key: str | None = None
    why: str = ""
    after_the: bool = False  # follows a capitalised mid-sentence "The": not a person

    def shifted(self, delta: int, text: str | None) -> Cand:
        """A copy moved by `delta` characters (`text`: the document, to refresh `.text`)."""
        start, end = self.start + delta, self.end + delta
        return Cand(
            start,
            end,
            text[start:end] if text is not None else self.text,
            self.tokens,
            self.label,
            self.strong,
            self.titled,
            self.honorific,
            self.sent_init,
            self.title_line,
            self.key,
            self.why,
            self.after_the,
        )


@dataclass
class _Item:
    kind: int
    i0: int  # first token index
    i1: int  # last token index (inclusive)
    canon: str | None = None


def _lower_hyphen_tail(word: str, vocab: frozenset[str]) -> int:
    """Length of `word` before a lowercase English hyphen part ("Mumbai-based"), else 0.

    Lowercase parts that are not known words stay: "Kim Jae-june", "Wong Kar-wai".
    """
    pos = 0
    for i, part in enumerate(word.split("-")):
        if i and part[:1].islower() and (part.endswith(("ed", "ing")) or part in vocab):
            return pos - 1
        pos += len(part) + 1
    return 0


def _strip_conn(run: list[_Item]) -> list[_Item]:
    i, j = 0, len(run)
    while i < j and run[i].kind == CONN:
        i += 1
    while j > i and run[j - 1].kind == CONN:
        j -= 1
    return run[i:j]


def _blocked(spans_starts: list[int], spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans_starts, s) - 1
    return any(0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1] for j in (i, i + 1))


class NameScanner:
    """Scans one text for candidate names."""

    def __init__(
        self,
        text: str,
        lex: Lexicon,
        lower_vocab: frozenset[str],
        title_lines: list[tuple[int, int]],
        blocked: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.lex = lex
        self.lower_vocab = lower_vocab
        self.title_lines = title_lines
        self.title_starts = [s for s, _ in title_lines]
        self.blocked = blocked
        self.blocked_starts = [s for s, _ in blocked]
        # one sequence's candidates, by its tokens and position flags: names repeat a lot
        self._cache: dict[tuple[object, ...], list[Cand]] = {}

    # ---- helpers -------------------------------------------------------------
    def _in_title_line(self, pos: int) -> bool:
        i = bisect.bisect_right(self.title_starts, pos) - 1
        return i >= 0 and self.title_lines[i][0] <= pos < self.title_lines[i][1]

    def is_common(self, word: str) -> bool:
        low = word.lower()
        return low in self.lex.common or low in self.lower_vocab

    def _gaz(self, toks: list[Token], i: int, n: int) -> _Item | None:
        lex = self.lex
        for length in range(min(lex.max_gaz_tokens, n - i), 0, -1):
            last = toks[i + length - 1].text
            if last in ("of", "for", "and", "&", "the", "on") or toks[i].text in PARTICLES:
                continue
            key = " ".join(t.text for t in toks[i : i + length])
            candidates = [key, key.rstrip(".")] if key.endswith(".") else [key]
            if key.isupper() and len(key) > 3:
                candidates.append(key.title())  # "SEOUL, South Korea" datelines
            for candidate in candidates:
                if candidate in lex.orgs:
                    return _Item(ORG_GAZ, i, i + length - 1, lex.orgs[candidate])
                if candidate in lex.places:
                    return _Item(PLACE_GAZ, i, i + length - 1, lex.places[candidate])
        return None

    def _title(self, toks: list[Token], i: int, n: int) -> _Item | None:
        lex = self.lex
        for length in range(min(4, n - i), 0, -1):
            key = " ".join(undot(t.text) for t in toks[i : i + length])
            if key in lex.titles:
                return _Item(TITLE, i, i + length - 1)
        j = i
        while j < n and toks[j].bare in lex.title_mods:
            j += 1
        if j > i and j < n and toks[j].bare in lex.title_heads:
            return _Item(TITLE, i, j)
        return None

    # ---- main ----------------------------------------------------------------
    def scan(self) -> list[Cand]:
        out: list[Cand] = []
        text = self.text
        blocked, blocked_starts = self.blocked, self.blocked_starts
        token_iter = TOKEN_RE.finditer
        bi, nb = 0, len(blocked)
        for m in SEQUENCE_RE.finditer(text):
            s, e = m.span()
            word = m.group()
            if word in STARTERS:
                continue
            while bi < nb and blocked[bi][1] <= s:
                bi += 1
            check = bi < nb and blocked[bi][0] < e
            multi = " " in word or "\t" in word or "\xa0" in word
            if not (multi or check or "-" in word or word[-1] == "."):
                # the common case: one plain capitalised word
                self._single(Token(s, e, word), out)
                continue
            if multi:
                toks = [Token(t.start(), t.end(), t.group()) for t in token_iter(text, s, e)]
            else:
                toks = [Token(s, e, word)]
            group: list[Token] = []
            for tok in toks:
                if "-" in tok.text and tok.text not in self.lex.places:
                    cut = _lower_hyphen_tail(tok.text, self.lower_vocab)
                    if cut:
                        # "Mumbai-based", "Russian-backed": keep the name part, end here
                        group.append(Token(tok.start, tok.start + cut, tok.text[:cut]))
                        self._group(group, out)
                        group = []
                        continue
                if check and _blocked(blocked_starts, blocked, tok.start, tok.end):
                    self._group(group, out)
                    group = []
                    continue
                if self._ends_sentence(tok):
                    # a sentence ends here: drop the period, cut the sequence
                    group.append(Token(tok.start, tok.end - 1, tok.bare))
                    self._group(group, out)
                    group = []
                    continue
                group.append(tok)
            self._group(group, out)
        return out

    def _ends_sentence(self, tok: Token) -> bool:
        text = tok.text
        return (
            text.endswith(".")
            and len(text) > 2
            and text.count(".") == 1
            and tok.bare not in ABBREVIATIONS
            and undot(text) not in self.lex.titles
        )

    def _single(self, tok: Token, out: list[Cand]) -> None:
        base = tok.start
        sent_init = is_sentence_start(self.text, base)
        title_line = self._in_title_line(base)
        key = (tok.text, sent_init, title_line)
        cached = self._cache.get(key)
        if cached is not None:
            for template in cached:
                out.append(template.shifted(base, self.text))
            return
        before = len(out)
        self._group_uncached([tok], out, sent_init, title_line)
        self._cache[key] = [c.shifted(-base, None) for c in out[before:]]

    def _group(self, toks: list[Token], out: list[Cand]) -> None:
        i, j = 0, len(toks)
        while i < j and toks[i].text in _EDGE_CONN:
            i += 1
        while j > i and toks[j - 1].text in _EDGE_CONN:
            j -= 1
        if i == j:
            return
        if i or j < len(toks):
            toks = toks[i:j]
        base = toks[0].start
        sent_init = is_sentence_start(self.text, base)
        title_line = self._in_title_line(base)
        # the slice holds the tokens and their spacing: equal slices, equal results
        key = (self.text[base : toks[-1].end], sent_init, title_line)
        cached = self._cache.get(key)
        if cached is not None:
            for template in cached:
                out.append(template.shifted(base, self.text))
            return
        before = len(out)
        self._group_uncached(toks, out, sent_init, title_line)
        self._cache[key] = [c.shifted(-base, None) for c in out[before:]]

    def _group_uncached(
        self, toks: list[Token], out: list[Cand], sent_init: bool, title_line: bool
    ) -> None:
        the_start: int | None = None
        if toks[0].text == "The" and len(toks) > 1:
            gaz = self._gaz(toks, 0, len(toks))
            if gaz is None or sent_init:
                if not sent_init:
                    the_start = toks[0].start
                toks = toks[1:]
                sent_init = False
        items = self._type(toks, sent_init, title_line)
        self._runs(toks, items, out, sent_init, title_line, the_start)

    def _type(self, toks: list[Token], sent_init: bool, title_line: bool) -> list[_Item]:
        lex = self.lex
        n = len(toks)
        items: list[_Item] = []
        i = 0
        stripping = sent_init
        while i < n:
            tok = toks[i]
            if tok.text in CONN_SPLIT or tok.text in PARTICLES:
                items.append(_Item(CONN, i, i))
                i += 1
                continue
            gaz = self._gaz(toks, i, n)
            if gaz is not None and gaz.i0 == gaz.i1 and gaz.kind == PLACE_GAZ:
                # "Jordan Peterson", "Florence Pugh": a given name, not the place
                nxt = toks[i + 1] if i + 1 < n else None
                if (
                    tok.text in lex.first_names
                    and nxt is not None
                    and nxt.text[0].isupper()
                    and self._gaz(toks, i + 1, n) is None
                    and nxt.bare not in lex.org_suffix
                    and nxt.bare not in lex.place_suffix
                    and not self.is_common(nxt.text)
                ):
                    gaz = None
                elif (
                    tok.text not in lex.countries
                    and items
                    and items[-1].kind == NAME
                    and toks[items[-1].i1].text in lex.first_names
                ):
                    gaz = None  # "Denzel Washington"
            if (
                gaz is not None
                and (stripping or title_line)
                and gaz.i0 == gaz.i1
                and not (tok.bare.isupper() and len(tok.bare) > 1)  # "US", "UK" are not "us"
            ):
                low = tok.bare.lower()
                if low in _FUNCTION_WORDS or (
                    low in self.lower_vocab and tok.text not in lex.places
                ):
                    gaz = None  # "Nature" opening a sentence, "Trade" in a headline
            if gaz is not None:
                items.append(gaz)
                i = gaz.i1 + 1
                stripping = False
                continue
            title = self._title(toks, i, n)
            if title is not None:
                items.append(title)
                i = title.i1 + 1
                stripping = False
                continue
            nxt = toks[i + 1] if i + 1 < n else None
            if tok.bare in lex.demonyms and not (
                tok.text in lex.first_names
                and nxt is not None
                and nxt.text[:1].isupper()
                and nxt.bare not in lex.org_suffix
                and nxt.bare not in lex.place_suffix
                and nxt.bare not in lex.demonyms
            ):  # "Christian Friedel" is a name
                items.append(_Item(DEMONYM, i, i))
                i += 1
                stripping = False
                continue
            if stripping or title_line:
                nxt = toks[i + 1] if i + 1 < n else None
                given = (
                    tok.text in lex.first_names and nxt is not None and not self.is_common(nxt.text)
                )
                suffix_ok = (
                    title_line
                    and items
                    and items[-1].kind in (NAME, PLACE_GAZ, ORG_GAZ)
                    and (tok.bare in lex.org_suffix or tok.bare in lex.place_suffix)
                )
                function_word = tok.bare.lower() in lex.common
                if (
                    function_word
                    or self.is_common(tok.bare)
                    or (
                        not title_line
                        and (nxt is None or nxt.text in _EDGE_CONN)
                        and _COMMON_SHAPE.match(tok.bare)
                    )
                ) and not (given or suffix_ok):
                    # kept as a candidate only if the name is known from elsewhere
                    items.append(_Item(COMMON, i, i, None if function_word else "maybe"))
                    i += 1
                    continue
            stripping = False
            items.append(_Item(NAME, i, i))
            i += 1
        return items

    def _runs(
        self,
        toks: list[Token],
        items: list[_Item],
        out: list[Cand],
        sent_init: bool,
        title_line: bool,
        the_start: int | None,
    ) -> None:
        runs: list[tuple[list[_Item], _Item | None]] = []
        current: list[_Item] = []
        title: _Item | None = None
        for item in items:
            if item.kind == COMMON and item.canon == "maybe":
                self._emit(toks, item.i0, item.i1, None, False, out, why="maybe", title_line=True)
            if item.kind in (TITLE, COMMON):
                if current:
                    runs.append((current, title))
                current = []
                title = item if item.kind == TITLE else None
                continue
            current.append(item)
        if current:
            runs.append((current, title))
        first_start = toks[0].start
        lex = self.lex
        for run, run_title in runs:
            run = _strip_conn(run)
            if not run:
                continue
            ctx = {
                "sent_init": sent_init and toks[run[0].i0].start == first_start,
                "title_line": title_line,
            }
            if run_title is not None:
                last = toks[run[-1].i1].bare
                if (
                    all(it.kind != CONN for it in run)
                    and run[-1].kind == NAME
                    and (last in lex.org_suffix or last in lex.place_suffix)
                    and toks[run[0].i0].text not in lex.first_names
                ):
                    # "General Elections Commission": not a title, part of the name
                    label = Label.ORG if last in lex.org_suffix else Label.PLACE
                    self._emit(
                        toks, run_title.i0, run[-1].i1, label, True, out, why="suffix", **ctx
                    )
                    continue
                honorific = toks[run_title.i0].bare in PERSONAL_HONORIFICS
                k = self._person_extent(toks, run)
                self._name_cand(toks, run[:k], True, honorific, out, ctx)
                run = _strip_conn(run[k:])
                ctx = {**ctx, "sent_init": False}
            for part in self._split_and(toks, run):
                whole = self._whole_run(toks, part)
                if whole is not None:
                    label, i0, why = whole
                    start = toks[i0].start
                    if the_start is not None and i0 == run[0].i0 and label == Label.ORG:
                        start = the_start
                    self._emit(toks, i0, part[-1].i1, label, True, out, why=why, start=start, **ctx)
                elif (
                    the_start is not None
                    and part[0].i0 == 0
                    and all(it.kind == NAME for it in part)
                    and any(toks[it.i0].bare in lex.org_suffix for it in part)
                ):
                    # "The Astrophysical Journal Letters"
                    self._emit(
                        toks,
                        0,
                        part[-1].i1,
                        Label.ORG,
                        True,
                        out,
                        why="the-org",
                        start=the_start,
                        **ctx,
                    )
                else:
                    before = len(out)
                    self._split_run(toks, part, out, ctx)
                    if the_start is not None and part[0].i0 == 0:
                        for cand in out[before:]:
                            cand.after_the = True
                ctx = {**ctx, "sent_init": False}

    @staticmethod
    def _person_extent(toks: list[Token], run: list[_Item]) -> int:
        """How many items of a titled run make the person's name ("Adam Smith" of ...)."""
        if run[0].kind != NAME:
            return 1  # "Mr. Jordan": a gazetteer word used as a surname
        k = 0
        while k < len(run):
            item = run[k]
            if item.kind == NAME or (
                item.kind == CONN
                and toks[item.i0].text in PARTICLES
                and k + 1 < len(run)
                and run[k + 1].kind == NAME
            ):
                k += 1
            else:
                break
        return k

    def _split_and(self, toks: list[Token], run: list[_Item]) -> list[list[_Item]]:
        """Cut a run at "and" after a complete name ("X Foundation and the Y Trust"),
        and at "of" after a person's name ("Priya Natarajan of Yale University")."""
        lex = self.lex
        parts: list[list[_Item]] = []
        current: list[_Item] = []
        for item in run:
            if (
                item.kind == CONN
                and toks[item.i0].text in ("of", "for")
                and len(current) >= 2
                and all(it.kind == NAME for it in current)
                and toks[current[0].i0].text in lex.first_names
                and not any(
                    toks[it.i0].bare in lex.org_suffix or toks[it.i0].bare in lex.org_head
                    for it in current
                )
            ):
                parts.append(current)
                current = []
                continue
            if item.kind == CONN and toks[item.i0].text == "and" and current:
                prev = current[-1]
                nxt_the = item.i0 + 1 < len(toks) and toks[item.i0 + 1].text == "the"
                last = toks[run[-1].i1].bare
                right_is_named = last in lex.org_suffix or last in lex.place_suffix
                if (
                    prev.kind in (ORG_GAZ, PLACE_GAZ)
                    and (nxt_the or not right_is_named or prev.i1 > prev.i0)
                ) or (
                    prev.kind == NAME
                    and (
                        toks[prev.i1].bare in lex.org_suffix
                        or toks[prev.i1].bare in lex.place_suffix
                    )
                ):
                    parts.append(current)
                    current = []
                    continue
            current.append(item)
        if current:
            parts.append(current)
        return [p for p in (_strip_conn(p) for p in parts) if p]

    def _whole_run(self, toks: list[Token], run: list[_Item]) -> tuple[Label, int, str] | None:
        """A run that names one org or place as a whole ("Kyiv Independent", "Gulf of Aden")."""
        lex = self.lex
        if len(run) < 2:
            return None
        last = run[-1]
        first = run[0]
        label = None
        why = ""
        after = GENERIC_ORG_AFTER.match(self.text, toks[last.i1].end)
        if after and last.kind != DEMONYM and first.kind != DEMONYM:
            label, why = Label.ORG, "party-after"  # "the Alternative for Germany party"
        elif last.kind == NAME and toks[last.i1].bare in lex.org_suffix:
            label, why = Label.ORG, "org-suffix"
        elif last.kind == NAME and toks[last.i1].bare in lex.place_suffix:
            label, why = Label.PLACE, "place-suffix"
        elif (
            first.kind == NAME
            and len(run) > 2
            and run[1].kind == CONN
            and toks[run[1].i0].text in ("of", "for", "on")
            and toks[first.i0].bare in lex.place_head
            and toks[first.i0].bare not in lex.org_head
        ):
            label, why = Label.PLACE, "place-head"
        else:
            for k in range(len(run) - 2):
                item, nxt = run[k], run[k + 1]
                if (
                    item.kind == NAME
                    and nxt.kind == CONN
                    and toks[nxt.i0].text in ("of", "for", "on")
                    and toks[item.i0].bare in lex.org_head
                ):
                    # "University of Tokyo", "Max Planck Institute for Physics"
                    label, why = Label.ORG, "org-head"
                    break
        if label is None:
            return None
        i0 = first.i0
        if first.kind == DEMONYM and len(run) > 1 and run[1].kind == CONN:
            # "Democrat on the Armed Services Committee": the demonym is not part of it
            rest = _strip_conn(run[1:])
            return (label, rest[0].i0, why) if rest else None
        if first.kind == DEMONYM and len(run) > 1:
            rest = run[1:]
            # "the Russian Black Sea Fleet" names a known place after the demonym;
            # "European Space Agency" does not, and keeps it
            distinctive = any(it.kind in (ORG_GAZ, PLACE_GAZ) for it in rest)
            while rest and rest[0].kind == CONN:
                rest = rest[1:]
            if distinctive and rest:
                i0 = rest[0].i0
        return label, i0, why

    def _split_run(
        self, toks: list[Token], run: list[_Item], out: list[Cand], ctx: dict[str, bool]
    ) -> None:
        """Cut a run into gazetteer hits and plain name candidates; drop demonyms."""
        names: list[_Item] = []
        at_start = ctx["sent_init"]  # the first item opens the sentence

        def flush() -> None:
            if names:
                sent_init = at_start and names[0] is run[0]
                self._name_cand(toks, names, False, False, out, {**ctx, "sent_init": sent_init})
                names.clear()

        for idx, item in enumerate(run):
            if item.kind == NAME:
                names.append(item)
            elif item.kind == CONN:
                nxt = run[idx + 1] if idx + 1 < len(run) else None
                if (
                    toks[item.i0].text in PARTICLES
                    and names
                    and nxt is not None
                    and nxt.kind == NAME
                ):
                    names.append(item)
                else:
                    flush()
            elif item.kind in (ORG_GAZ, PLACE_GAZ):
                flush()
                label = Label.ORG if item.kind == ORG_GAZ else Label.PLACE
                sent_init = at_start and item is run[0]
                self._emit(
                    toks,
                    item.i0,
                    item.i1,
                    label,
                    True,
                    out,
                    why="gazetteer",
                    sent_init=sent_init,
                    title_line=ctx["title_line"],
                )
                out[-1].key = item.canon
            else:  # a demonym ends a name and is not one
                flush()
        flush()

    def _name_cand(
        self,
        toks: list[Token],
        names: list[_Item],
        titled: bool,
        honorific: bool,
        out: list[Cand],
        ctx: dict[str, bool],
    ) -> None:
        lex = self.lex
        i0, i1 = names[0].i0, names[-1].i1
        words = [toks[i].text for i in range(i0, i1 + 1)]
        bare = [w.rstrip(".") for w in words]
        label: Label | None = None
        strong = False
        why = ""
        initials = [w for w in words if len(w) == 2 and w.endswith(".")]
        if titled:
            label, strong, why = Label.PERSON, True, "title"
        elif (
            len(words) == 1
            and bare[0].isalpha()
            and bare[0].isupper()
            and 2 <= len(bare[0]) <= 6
            and bare[0] not in NOT_ORG_ACRONYMS
        ):
            label, strong, why = Label.ORG, False, "acronym"
        elif bare[-1] in NOT_PERSON_HEADS:
            pass  # "James Webb Space Telescope", "Nobel Peace Prize"
        elif len(words) >= 2 and any(
            w.isupper() and w.isalpha() and len(w) > 1 and w not in NOT_ORG_ACRONYMS for w in bare
        ):
            label, strong, why = Label.ORG, False, "acronym-in-name"  # "SK Hynix"
        elif len(words) >= 2 and words[0] in lex.first_names and not self._compass(bare):
            label, strong, why = Label.PERSON, True, "given-name"
        elif len(words) >= 3 and initials and words[-1] not in initials:
            label, strong, why = Label.PERSON, True, "initial"
        elif any(w in PARTICLES for w in words) and len(words) >= 3:
            label, strong, why = Label.PERSON, True, "particle"
        self._emit(
            toks, i0, i1, label, strong, out, why=why, titled=titled, honorific=honorific, **ctx
        )

    @staticmethod
    def _compass(words: list[str]) -> bool:
        return any(w in COMPASS for w in words)

    def _emit(
        self,
        toks: list[Token],
        i0: int,
        i1: int,
        label: Label | None,
        strong: bool,
        out: list[Cand],
        *,
        why: str,
        start: int | None = None,
        titled: bool = False,
        honorific: bool = False,
        sent_init: bool = False,
        title_line: bool = False,
    ) -> None:
        s = toks[i0].start if start is None else start
        e = toks[i1].end
        out.append(
            Cand(
                start=s,
                end=e,
                text=self.text[s:e],
                tokens=tuple(t.text for t in toks[i0 : i1 + 1]),
                label=label,
                strong=strong,
                titled=titled,
                honorific=honorific,
                sent_init=sent_init,
                title_line=title_line,
                why=why,
            )
        )
