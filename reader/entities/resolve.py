"""Document-level resolution of candidate names.

Context cues ("the city of X", "X, the director", "X said", "in X": see
reader.entities.context), names seen elsewhere in the same text (a full name makes
its surname a person: reader.entities.aliases), coordination ("Putin and Zelensky")
and canonical keys shared by all mentions of one entity, in the order `resolve` runs
them.
"""

from __future__ import annotations

from reader.entities.aliases import AliasMixin
from reader.entities.candidates import Cand
from reader.entities.consistency import ConsistencyMixin
from reader.entities.context import ContextMixin
from reader.entities.cues import (
    ADMIN_AFTER,
    APPOS,
    ARM_NOUNS,
    COORD,
    NEXT_WORD,
    OPEN_PAREN,
    ORG_NOUNS,
    PLACE_NOUNS,
    PLAYS,
    POSSESSIVE_BEFORE,
    SAID_AFTER,
    WHICH_ORG,
    appositive_head,
)
from reader.entities.lexicon import Lexicon
from reader.entities.model import Label
from reader.entities.textscan import is_quoted, is_sentence_start


def _start(c: Cand) -> int:
    return c.start


class Resolver(ContextMixin, AliasMixin, ConsistencyMixin):
    def __init__(self, text: str, lex: Lexicon, is_common) -> None:  # type: ignore[no-untyped-def]
        self.text = text
        self.lex = lex
        self.is_common = is_common
        self._org_firsts: set[str] = set()  # "Tata" of "Tata Motors": a company family
        self._context_cache: dict[tuple[str, str, bool, str], tuple[Label, str] | None] = {}
        self._surnames: set[str] = set()  # last words of full person names
        self._org_stems: dict[str, tuple[Label, str]] = {}  # short forms of orgs
        self._singles: set[str] = set()  # one-word mentions: surnames used alone
        self._single_labels: dict[str, Label] = {}  # one-word mentions with strong labels
        self._person_words: set[str] = set()  # words of names the scanner found personal

    # ---- main ---------------------------------------------------------------------
    def resolve(self, cands: list[Cand]) -> list[Cand]:
        text = self.text
        cands.sort(key=_start)
        self._person_words = {
            t
            for c in cands
            if c.label == Label.PERSON and c.strong and len(c.tokens) >= 2
            for t in c.tokens[1:]
        }
        self._org_firsts = {
            c.tokens[0]
            for c in cands
            if c.label == Label.ORG
            and c.strong
            and len(c.tokens) >= 2
            and c.tokens[0][:1].isupper()
            and c.tokens[0] not in ("The", "National", "International", "World", "United")
            and not self.is_common(c.tokens[0])
            and c.tokens[0] not in self.lex.places
            and c.tokens[0] not in self.lex.first_names
        }
        for c in cands:
            if c.label in (None, Label.PERSON) and not c.titled and len(c.tokens) <= 2:
                m = ADMIN_AFTER.match(text, c.end)
                if m and not c.title_line:
                    c.end = m.end()
                    c.text = text[c.start : c.end]
                    c.label, c.strong, c.why = Label.ORG, True, "administration"
        for c in cands:
            if c.why == "maybe" and c.label is None:
                # a common word opening a sentence, but described as a firm or a place:
                # "Grab, a Singapore-based company, ..."
                app = APPOS.match(text, c.end)
                head = appositive_head(app.group(1)) if app else None
                if head in ORG_NOUNS or head in PLACE_NOUNS:
                    c.label = Label.ORG if head in ORG_NOUNS else Label.PLACE
                    c.why, c.strong, c.title_line = "appositive", True, False
                elif WHICH_ORG.match(text, c.end):
                    c.label, c.why, c.strong, c.title_line = Label.ORG, "which-org", True, False
        for c in cands:
            if (c.label is None or c.why.startswith("acronym")) and not c.title_line:
                found = self._cached(self._strong_context, c)
                if found:
                    c.label, c.why = found
                    c.strong = True
            elif c.why == "place-suffix" and not c.title_line:
                found = self._cached(self._strong_context, c)
                if found and found[0] == Label.ORG:
                    c.label, c.why = found  # "Quanta Hill, a rival chipmaker"
            if c.why in ("appositive-org", "appositive", "which-org") and c.label == Label.ORG:
                self._extend_to_sentence_start(c)
            elif c.label == Label.ORG and c.why in ("org-suffix", "gazetteer"):
                self._extend_to_sentence_start(c, head_of=True)
        for c in cands:
            if c.label is None and is_quoted(text, c.start, c.end):
                # a work's title: “Oppenheimer,” “Perfect Days” name no entity of ours
                c.title_line, c.why = True, "quoted"
        for c in cands:
            if (
                c.label == Label.PERSON
                and c.why == "given-name"
                and POSSESSIVE_BEFORE.search(text, max(0, c.start - 8), c.start)
            ):
                # "its Aurora X5 sensor": what follows "its"/"their" is no person
                nxt = NEXT_WORD.match(text, c.end)
                org = nxt is None or nxt.group(1) in ORG_NOUNS or nxt.group(1) in ARM_NOUNS
                c.label, c.why = (Label.ORG, "its-name") if org else (None, "its-thing")
        self._shrink_headline_names(cands)
        self._singles = {c.text for c in cands if len(c.tokens) == 1}
        self._single_labels = {
            c.text: c.label
            for c in cands
            if len(c.tokens) == 1 and c.strong and c.label in (Label.PERSON, Label.ORG)
        }
        persons, aliases = self._index(cands)
        self._apply_index(cands, persons, aliases, only_unknown=False)
        self._surname_places(cands, persons)
        for c in cands:
            if c.label is None and not c.title_line:
                if c.sent_init and len(c.tokens) == 1:
                    # a capitalised opener that is no common word: a name if it speaks
                    if SAID_AFTER.match(text, c.end) and self._looks_like_name(c):
                        c.label, c.why = self._person_or_org(c, "said-single")
                    continue
                found = self._cached(self._weak_context, c)
                if found:
                    c.label, c.why = found
        self._coordinate(cands)
        self._affiliation(cands)
        self._one_kind(cands)
        persons, aliases = self._index(cands, include_weak=True)
        self._apply_index(cands, persons, aliases, only_unknown=True)
        self._grow_headline_names(cands)
        for c in cands:
            if (
                c.label == Label.ORG
                and c.after_the
                and c.start >= 4
                and text[c.start - 4 : c.start] == "The "
                and not is_sentence_start(text, c.start - 4)
            ):
                c.start -= 4  # "local band The Moorland Ghosts": "The" is part of it
                c.text = text[c.start : c.end]
        cands = self._join_known(cands, persons)
        self._keys(cands, persons)
        return [c for c in cands if c.label is not None]

    def _coordinate(self, cands: list[Cand]) -> None:
        text = self.text
        for idx, c in enumerate(cands):
            guessed = c.label == Label.PERSON and c.why == "name-shape"
            if (c.label is not None and not guessed) or c.title_line:
                continue
            if not self._looks_like_name(c):
                continue
            for j in (idx - 1, idx + 1):
                if not 0 <= j < len(cands):
                    continue
                other = cands[j]
                if other.label is None:
                    continue
                lo, hi = (other.end, c.start) if j < idx else (c.end, other.start)
                if not 0 <= hi - lo <= 12:
                    continue
                between = text[lo:hi]
                if guessed and (other.label != Label.ORG or other.why == "name-shape"):
                    continue  # a guessed person changes only for an org beside it
                if COORD.match(between) and (
                    other.label != Label.ORG  # org lists need "and": "Copyright, Project X"
                    or ("and" in between or "&" in between or " or " in between)
                ):
                    c.label, c.why = other.label, "coordination"
                    break
                if (
                    not guessed
                    and other.label == Label.PERSON
                    and (
                        (j < idx and PLAYS.match(between))  # "Sandra Hüller as Sandra"
                        or (j > idx and OPEN_PAREN.match(between))  # "Nora (Greta Lee)"
                        or (
                            j < idx and OPEN_PAREN.match(between) and text[c.end : c.end + 1] == ")"
                        )
                    )
                ):
                    c.label, c.why = Label.PERSON, "role-of-actor"
                    break
