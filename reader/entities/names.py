"""Candidate names: capitalised sequences split into titles, gazetteer hits and name runs.

Each sequence of capitalised words ("Secretary of State Antony J. Blinken") is
typed token by token (title, known place/org, demonym, connector, plain name) and
cut into candidate mentions with whatever evidence the sequence itself gives.
Evidence from the rest of the document is applied later, in `resolve`.
"""

from __future__ import annotations

import bisect

from reader.entities.candidates import (
    COMMON,
    CONN,
    DEMONYM,
    NAME,
    ORG_GAZ,
    PLACE_GAZ,
    TITLE,
    Cand,
    Item,
)
from reader.entities.lexicon import Lexicon, undot
from reader.entities.runs import RunsMixin
from reader.entities.textscan import (
    PARTICLES,
    SEQUENCE_RE,
    STARTERS,
    TOKEN_RE,
    Token,
    is_quoted,
    is_sentence_start,
)
from reader.entities.wordsets import (
    ABBREVIATIONS,
    COMMON_SHAPE,
    CONN_SPLIT,
    EDGE_CONN,
    FUNCTION_WORDS,
)


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


def _blocked(spans_starts: list[int], spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans_starts, s) - 1
    return any(0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1] for j in (i, i + 1))


class NameScanner(RunsMixin):
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

    def _gaz(self, toks: list[Token], i: int, n: int) -> Item | None:
        lex = self.lex
        first = toks[i].text
        longest = lex.max_gaz_tokens if first in lex.gaz_first or first.isupper() else 1
        for length in range(min(longest, n - i), 0, -1):
            last = toks[i + length - 1].text
            if last in ("of", "for", "and", "&", "the", "on") or toks[i].text in PARTICLES:
                continue
            key = " ".join(t.text for t in toks[i : i + length])
            candidates = [key, key.rstrip(".")] if key.endswith(".") else [key]
            if key.isupper() and len(key) > 3:
                candidates.append(key.title())  # "SEOUL, South Korea" datelines
            for candidate in candidates:
                if candidate in lex.orgs:
                    return Item(ORG_GAZ, i, i + length - 1, lex.orgs[candidate])
                if candidate in lex.places:
                    return Item(PLACE_GAZ, i, i + length - 1, lex.places[candidate])
        return None

    def _title(self, toks: list[Token], i: int, n: int) -> Item | None:
        lex = self.lex
        longest = 4 if undot(toks[i].text) in lex.title_first else 1
        for length in range(min(longest, n - i), 0, -1):
            key = " ".join(undot(t.text) for t in toks[i : i + length])
            if key in lex.titles:
                return Item(TITLE, i, i + length - 1)
        j = i
        while j < n and toks[j].bare in lex.title_mods:
            j += 1
        if j > i and j < n and toks[j].bare in lex.title_heads:
            return Item(TITLE, i, j)
        return None

    # ---- main ----------------------------------------------------------------
    def scan(self) -> list[Cand]:
        out: list[Cand] = []
        text = self.text
        blocked = self.blocked
        seq_cache: dict[tuple[str, bool, bool, bool], list[Cand]] = {}
        bi, nb = 0, len(blocked)
        for m in SEQUENCE_RE.finditer(text):
            s, e = m.span()
            word = m.group()
            if word in STARTERS:
                continue
            while bi < nb and blocked[bi][1] <= s:
                bi += 1
            check = bi < nb and blocked[bi][0] < e
            key = None
            if not check:
                # a sequence's candidates depend only on its text and these two flags
                key = (
                    word,
                    is_sentence_start(text, s),
                    self._in_title_line(s),
                    is_quoted(text, s, e),
                )
                cached = seq_cache.get(key)
                if cached is not None:
                    out.extend(template.shifted(s, text) for template in cached)
                    continue
            before = len(out)
            self._sequence(word, s, e, check, out)
            if is_quoted(text, s, e):
                # a quoted title ("A Night of Knowing Nothing"): its words are no names
                for cand in out[before:]:
                    if cand.why != "gazetteer":
                        cand.label, cand.why, cand.title_line = None, "quoted", True
            if key is not None:
                seq_cache[key] = [c.shifted(-s, None) for c in out[before:]]
        return out

    def _sequence(self, word: str, s: int, e: int, check: bool, out: list[Cand]) -> None:
        """Cut one matched sequence into groups (at dates, numbers, sentence ends)."""
        text = self.text
        blocked, blocked_starts = self.blocked, self.blocked_starts
        multi = " " in word or "\t" in word or "\xa0" in word
        if not (multi or check or "-" in word or word[-1] == "."):
            # the common case: one plain capitalised word
            self._single(Token(s, e, word), out)
            return
        if multi:
            toks = [Token(t.start(), t.end(), t.group()) for t in TOKEN_RE.finditer(text, s, e)]
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
        while i < j and toks[i].text in EDGE_CONN:
            i += 1
        while j > i and toks[j - 1].text in EDGE_CONN:
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
        the_any = False  # a capitalised "The" came first: what follows is no person
        if toks[0].text == "The" and len(toks) > 1:
            gaz = self._gaz(toks, 0, len(toks))
            # "The Hague", "The Gambia" keep their "The"; "The Washington Post" opening a
            # sentence does not (the guidelines cannot tell it from the article there)
            if gaz is None or (sent_init and gaz.kind != PLACE_GAZ):
                if not sent_init:
                    the_start = toks[0].start
                the_any = True
                toks = toks[1:]
                sent_init = False
        items = self._type(toks, sent_init, title_line)
        self._runs(toks, items, out, sent_init, title_line, the_start, the_any)

    def _type(self, toks: list[Token], sent_init: bool, title_line: bool) -> list[Item]:
        lex = self.lex
        n = len(toks)
        items: list[Item] = []
        i = 0
        stripping = sent_init
        while i < n:
            tok = toks[i]
            if tok.text in CONN_SPLIT or tok.text in PARTICLES:
                items.append(Item(CONN, i, i))
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
            if (
                gaz is not None
                and gaz.i0 == gaz.i1
                and tok.text not in lex.countries
                and (i + 1 >= n or toks[i + 1].bare not in lex.org_suffix)
            ):
                k = len(items) - 1
                particles = False
                while k >= 0 and items[k].kind == CONN and toks[items[k].i0].text in PARTICLES:
                    k -= 1
                    particles = True
                if (
                    k >= 0
                    and items[k].kind == NAME
                    and (particles or toks[items[k].i1].text in lex.first_names)
                ):
                    gaz = None  # "Denzel Washington", "Martin de los Santos": a surname
            if (
                gaz is not None
                and (stripping or title_line)
                and gaz.i0 == gaz.i1
                and not (tok.bare.isupper() and len(tok.bare) > 1)  # "US", "UK" are not "us"
            ):
                low = tok.bare.lower()
                if low in FUNCTION_WORDS or (
                    low in self.lower_vocab and tok.text not in lex.places
                ):
                    gaz = None  # "Nature" opening a sentence, "Trade" in a headline
            if gaz is not None:
                items.append(gaz)
                i = gaz.i1 + 1
                stripping = False
                continue
            title = self._title(toks, i, n)
            if title is not None and items and items[-1].kind == NAME:
                k = len(items) - 1
                while k > 0 and items[k - 1].kind == NAME:
                    k -= 1
                first = toks[items[k].i0]
                if first.text in lex.first_names or (len(first.text) == 2 and first.text[1] == "."):
                    title = None  # "Martin Luther King Jr.", "Stephen King": part of a name
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
                items.append(Item(DEMONYM, i, i))
                i += 1
                stripping = False
                continue
            if stripping or title_line:
                nxt = toks[i + 1] if i + 1 < n else None
                # "Celine Song said": a given name then a capitalised word is a name, but
                # in a headline "Will Set" is two common words
                given = (
                    tok.text in lex.first_names
                    and nxt is not None
                    and nxt.text[:1].isupper()
                    and not (title_line and self.is_common(nxt.text))
                ) or (
                    tok.bare in lex.org_prefix and nxt is not None and nxt.text[:1].isupper()
                )  # "Air India", "Banco Santander" opening a sentence
                suffix_ok = (
                    title_line
                    and items
                    and items[-1].kind in (NAME, PLACE_GAZ, ORG_GAZ)
                    and (tok.bare in lex.org_suffix or tok.bare in lex.place_suffix)
                )
                # closed-class words are never names; other common words may be a known
                # surname ("Song said"), so they stay candidates for known names only
                function_word = tok.bare in STARTERS or tok.bare.lower() in FUNCTION_WORDS
                if (
                    function_word
                    or self.is_common(tok.bare)
                    or tok.bare.lower() in lex.roles  # "Co-author Ryan MacDonald"
                    or (
                        not title_line
                        and (nxt is None or nxt.text in EDGE_CONN)
                        and COMMON_SHAPE.match(tok.bare)
                    )
                ) and not (given or suffix_ok):
                    # kept as a candidate only if the name is known from elsewhere
                    items.append(Item(COMMON, i, i, None if function_word else "maybe"))
                    i += 1
                    continue
            stripping = False
            items.append(Item(NAME, i, i))
            i += 1
        return items
