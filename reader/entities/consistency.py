"""Document-level consistency of the resolver: one name keeps one kind.

Short forms of organisations named in full ("Tran Phu" of "Tran Phu Electronics"),
a guessed person whose text or first word is an organisation elsewhere, headline
words that are a name of the body, and names opening a sentence whose first words
were set aside as common words.
"""

from __future__ import annotations

import itertools

from reader.entities.candidates import Cand
from reader.entities.cues import (
    GUESSED_PERSON,
    LEGAL,
    OPENER_WORDS,
    OUTLET,
    PREV_WORDS,
    TEAM_TAILS,
)
from reader.entities.lexicon import Lexicon
from reader.entities.model import Label
from reader.entities.wordsets import COMPASS

# person labels a "<person> of X" affiliation may overturn
_AFFIL_GUESS = frozenset(("name-shape", "particle", "said", "known-person"))


class ConsistencyMixin:
    """Passes of `Resolver` that make all mentions of one name agree."""

    text: str
    lex: Lexicon
    _org_stems: dict[str, tuple[Label, str]]

    def is_common(self, word: str) -> bool:  # pragma: no cover - provided by Resolver
        raise NotImplementedError

    def _one_kind(self, cands: list[Cand]) -> None:
        """A guessed person whose text, or whose first word alone, is an org elsewhere
        in the text is that org ("Skyline said it ..." makes "Skyline Habitat" one)."""
        orgs = {c.text for c in cands if c.label == Label.ORG}
        if not orgs:
            return
        for c in cands:
            if (
                c.label == Label.PERSON
                and c.why in ("name-shape", "said", "coordination")
                and not (c.titled or c.honorific)
                and (c.text in orgs or (len(c.tokens) > 1 and c.tokens[0] in orgs))
            ):
                c.label, c.why = Label.ORG, "one-kind"

    def _extend_to_sentence_start(self, c: Cand, head_of: bool = False) -> None:
        """ "Clean Vote Watch, an election group": capitalised words opening the sentence
        that were set aside as common words belong to the described name; with
        `head_of`, only an org head and "of" ("Friends of Hebden Library")."""
        before = self.text[max(0, c.start - 48) : c.start]
        m = OPENER_WORDS.search(before)
        if m and head_of:
            opener = m.group(1).split()
            if not (len(opener) == 2 and opener[0] in self.lex.org_head and opener[1] == "of"):
                return
        if m and not m.group(1).startswith(("The ", "A ", "An ")):
            c.start -= len(m.group(1))
            c.text = self.text[c.start : c.end]
            c.tokens = tuple(c.text.split())
            c.sent_init = True

    def _grow_headline_names(self, cands: list[Cand]) -> None:
        """A headline word that ends a name of the body is that name: "Harbour Rovers"
        of "Portvale Beat Harbour Rovers" when "Harbour" was set aside as common."""
        text = self.text
        body = {
            c.text: c
            for c in cands
            if not c.title_line and c.label is not None and 2 <= len(c.tokens) <= 4
        }
        if not body:
            return
        for c in cands:
            if not c.title_line or c.why == "quoted":
                continue
            line_start = text.rfind("\n", 0, c.start) + 1
            m = PREV_WORDS.search(text, max(line_start, c.start - 40), c.start)
            if not m:
                continue
            words_before = m.group(0)
            for cut in range(len(words_before)):
                if cut and words_before[cut - 1] != " ":
                    continue
                name = words_before[cut:] + c.text
                if name in body:
                    ref = body[name]
                    c.start -= len(words_before) - cut
                    c.text, c.tokens = name, ref.tokens
                    c.label, c.key, c.why = ref.label, ref.key, "headline-name"
                    break

    def _join_known(self, cands: list[Cand], persons: dict[str, str]) -> list[Cand]:
        """Two neighbours that spell a known full name are one ("Celine" "Song" in a
        headline where "Song" was cut off as a common word)."""
        text = self.text
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if (
                prev is not None
                and c.start == prev.end + 1
                and text[prev.end] == " "
                and f"{prev.text} {c.text}" in persons
                and persons[f"{prev.text} {c.text}"] == f"{prev.text} {c.text}"
            ):
                prev.end, prev.text = c.end, f"{prev.text} {c.text}"
                prev.tokens = prev.tokens + c.tokens
                prev.label, prev.strong = Label.PERSON, True
                continue
            out.append(c)
        return out

    def _stems(self, cands: list[Cand]) -> dict[str, tuple[Label, str]]:
        """Short forms of organisations named in full here: "Tran Phu" of "Tran Phu
        Electronics", "Kestrel" of "Kestrel Devices", "Rovers" of "Harbour Rovers"."""
        lex = self.lex
        stems: dict[str, tuple[Label, str]] = {}
        for c in cands:
            toks = c.tokens
            if c.label != Label.ORG or len(toks) < 2 or not c.strong or c.title_line:
                continue
            key = c.key or c.text
            last = toks[-1].rstrip(".")
            head = [t for t in toks[:-1] if t != "The"]
            if (
                last in lex.org_suffix
                and head
                and head[0][:1].isupper()
                and head[0] not in lex.org_prefix
                and not any(t in lex.demonyms or t in COMPASS for t in head)
                and " ".join(head) not in lex.places
                and " ".join(head) not in lex.orgs
                and not (len(head) == 1 and self.is_common(head[0]))
                and not any(t in ("of", "for", "on", "and", "&") for t in toks)
            ):
                stems.setdefault(" ".join(head).rstrip(","), (Label.ORG, key))
            if (
                (
                    last in OUTLET
                    or last in TEAM_TAILS
                    or (last.endswith("s") and not self.is_common(last))
                )
                and last not in LEGAL
                and (last not in lex.org_suffix or last in OUTLET or last in TEAM_TAILS)
            ):
                stems.setdefault(last, (Label.ORG, key))  # "the Courier", "Hornets"
        return stems

    def _org_stem(self, c: Cand) -> bool:
        """A person guess without personal evidence that is the short form of an org."""
        return (
            c.text in self._org_stems
            and not c.titled
            and not c.honorific
            and c.why in GUESSED_PERSON
        )

    def _shrink_headline_names(self, cands: list[Cand]) -> None:
        """In a headline, "Denis Villeneuve Delivers" is the "Denis Villeneuve" of the body."""
        text = self.text
        body = {c.text for c in cands if not c.title_line and c.label is not None}
        for c in cands:
            if (
                not c.title_line
                or not 2 <= len(c.tokens) <= 12  # headline names are short; bound the search
                or c.why == "quoted"
                or not (c.label is None or c.why == "given-name")
            ):
                continue
            if c.text in body:
                continue
            # the longest run of its words that the body names ("Denis Villeneuve"
            # of "Denis Villeneuve Delivers", "Anura Dissanayake" of "Leftist Anura ...")
            n = len(c.tokens)
            spans = sorted(
                ((i, j) for i in range(n) for j in range(i + 1, n + 1) if j - i < n),
                key=lambda ij: (ij[0] - ij[1], ij[0]),
            )
            for i, j in spans:
                words_ = " ".join(c.tokens[i:j])
                if words_ not in body:
                    continue
                start = text.find(words_, c.start, c.end)
                if start < 0:
                    continue
                c.start, c.end, c.text = start, start + len(words_), words_
                c.tokens = c.tokens[i:j]
                c.label = None
                break

    def _affiliation(self, cands: list[Cand]) -> None:
        """ "Farah Nasser of De Standaard": an unplaced name right after "<person> of"
        is where that person works."""
        text = self.text
        for prev, c in itertools.pairwise(cands):
            if (
                prev.label == Label.PERSON
                and len(prev.tokens) >= 2
                and text[prev.end : c.start] == " of "
                and not c.title_line
                and (c.label is None or (c.label == Label.PERSON and c.why in _AFFIL_GUESS))
                and c.why != "quoted"
            ):
                c.label, c.why = Label.ORG, "affiliation"
