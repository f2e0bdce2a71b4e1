"""Document-level resolution of candidate names.

Context cues ("the city of X", "X, the director", "X said", "in X"), names seen
elsewhere in the same text (a full name makes its surname a person), coordination
("Putin and Zelensky") and canonical keys shared by all mentions of one entity.
"""

from __future__ import annotations

from reader.entities.candidates import Cand
from reader.entities.consistency import ConsistencyMixin
from reader.entities.cues import (
    ACRONYM_AFTER,
    ADMIN_AFTER,
    AGE_AFTER,
    APPOS,
    ARM_NOUNS,
    ARTICLES,
    BY_ORG_BEFORE,
    BY_PERSON_BEFORE,
    BYLINE,
    CAPITAL,
    COORD,
    FIRM_AFTER,
    FIRM_BEFORE,
    FIRM_VERB_AFTER,
    GUESSED_PERSON,
    IN_BEFORE,
    JOINED_BEFORE,
    KIN_AFTER,
    LEGAL,
    NEXT_WORD,
    OBJECT_BEFORE,
    OF_BEFORE,
    OPEN_PAREN,
    ORG_KIND_BEFORE,
    ORG_NOUN_AFTER,
    ORG_NOUNS,
    ORG_ROLE_OF,
    ORG_VERB_AFTER,
    OUTLET,
    PARTY_TAG,
    PLACE_NOUNS,
    PLACE_PREP,
    PLAYS,
    PLURAL,
    POSSESSIVE_BEFORE,
    PREP_BEFORE,
    PRONOUN,
    ROLE_AT,
    ROLE_BEFORE,
    SAID_AFTER,
    SAID_BEFORE,
    SAID_IT,
    SENTENCE_END,
    SHARES_MOVE_AFTER,
    SHOWN_BY_BEFORE,
    SOURCE_THE_BEFORE,
    STATEMENT_AFTER,
    THE_BEFORE,
    TICKER_AFTER,
    VERBISH,
    WHICH,
    WHICH_ORG,
    WHO,
    WORD,
    appositive_head,
    dateline,
)
from reader.entities.lexicon import Lexicon
from reader.entities.model import Label
from reader.entities.textscan import is_quoted, is_sentence_start
from reader.entities.wordsets import COMPASS, GENERIC_ORG_AFTER, NOT_PERSON_HEADS


def _start(c: Cand) -> int:
    return c.start


class Resolver(ConsistencyMixin):
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

    # ---- context cues -----------------------------------------------------------
    def _before(self, c: Cand, n: int = 40) -> str:
        return self.text[max(0, c.start - n) : c.start]

    def _strong_context(self, c: Cand) -> tuple[Label, str] | None:
        text, lex = self.text, self.lex
        if dateline(text, c):
            return Label.PLACE, "dateline"
        if BYLINE.search(text, max(0, c.start - 12), c.start):
            return Label.PERSON, "byline"  # "By JANE DOE" opening a line
        if GENERIC_ORG_AFTER.match(text, c.end):
            return Label.ORG, "party-after"
        nxt = NEXT_WORD.match(text, c.end)
        if nxt and nxt.group(1) in lex.place_generic:
            return Label.PLACE, "generic-after"
        before = self._before(c)
        of = OF_BEFORE.search(before)
        if of and of.group(1) in lex.place_of:
            return Label.PLACE, "place-of"
        app = APPOS.match(text, c.end)
        head = appositive_head(app.group(1)) if app else None
        if head in ORG_NOUNS:
            return Label.ORG, "appositive-org"  # "Grab, a Singapore-based company"
        if head in PLACE_NOUNS:
            return Label.PLACE, "appositive-place"  # "Cuenca, a city in Ecuador"
        if ROLE_AT.search(before) and not (c.tokens[0] in lex.first_names and len(c.tokens) > 1):
            return Label.ORG, "role-at"  # "an analyst at Vontobel", "economist at X"
        personal = c.text in self._person_words or (
            c.tokens[0] in lex.first_names and len(c.tokens) > 1
        )  # "Wayne Rooney ... fined Rooney": a known person stays one
        if not personal and (
            ORG_ROLE_OF.search(before)
            or SOURCE_THE_BEFORE.search(before)
            or SHOWN_BY_BEFORE.search(before)
        ):
            return Label.ORG, "org-role-of"  # "chief executive of Kinetix", "told the Guardian"
        if ORG_KIND_BEFORE.search(before) and not personal:
            return Label.ORG, "kind-before"  # "local band The Moorland Ghosts"
        if JOINED_BEFORE.search(before) and not personal and c.tokens[0] not in lex.first_names:
            return Label.ORG, "joined"  # "joined Solmar", "the league fined Portvale"
        if self._looks_like_name(c):
            if app and (
                head in lex.roles or any(w in lex.roles for w in WORD.findall(app.group(1)))
            ):
                return Label.PERSON, "appositive"
            if WHICH_ORG.match(text, c.end) and not personal:
                return Label.ORG, "which-org"  # "Meridian Health, which funds two chairs"
            if WHO.match(text, c.end):
                return Label.PERSON, "who"
            role = ROLE_BEFORE.search(before)
            if role and role.group(1) in lex.roles:
                return Label.PERSON, "role-before"
            if BY_PERSON_BEFORE.search(before):
                return Label.PERSON, "directed-by"
            if BY_ORG_BEFORE.search(before):
                return Label.ORG, "owned-by"
            if len(c.tokens) >= 2 and (SAID_AFTER.match(text, c.end) or SAID_BEFORE.search(before)):
                return self._person_or_org(c, "said")
            if AGE_AFTER.match(text, c.end) or KIN_AFTER.match(text, c.end):
                return Label.PERSON, "age-or-kin"  # "Odinga, 77,", "Glazer’s wife"
            if (
                FIRM_AFTER.match(text, c.end)
                or TICKER_AFTER.match(text, c.end)
                or ORG_NOUN_AFTER.match(text, c.end)
                or SHARES_MOVE_AFTER.match(text, c.end)
                or FIRM_BEFORE.search(before)
                or FIRM_VERB_AFTER.match(text, c.end)
                or (not personal and ORG_VERB_AFTER.match(text, c.end))
            ):
                return Label.ORG, "firm-context"  # "shares of Zomato", "Zomato’s revenue"
        return None

    def _cached(self, rule, c: Cand) -> tuple[Label, str] | None:  # type: ignore[no-untyped-def]
        """`rule(c)`, remembered by the text around the mention: repeated passages (and
        the same name in the same words) are decided once."""
        key = (rule.__name__, c.text, c.sent_init, self.text[max(0, c.start - 48) : c.end + 168])
        if key not in self._context_cache:
            self._context_cache[key] = rule(c)
        return self._context_cache[key]

    def _kind_hint(self, c: Cand) -> Label | None:
        """PERSON or ORG from what follows: "X said he ..." / "X said its profit ...",
        "X said in a statement". None when the sentence does not tell."""
        text = self.text
        if STATEMENT_AFTER.match(text, c.end) or SAID_IT.match(text, c.end):
            return Label.ORG  # "X said in a statement", "X said it would"
        window = text[c.end : c.end + 160]
        stop = SENTENCE_END.search(window)
        if stop:
            window = window[: stop.start()]
        m = PRONOUN.search(window)
        if m is None or CAPITAL.search(window, 0, m.start()):
            return None  # no pronoun, or another name comes first
        return Label.PERSON if m.group(1) else Label.ORG

    def _person_or_org(self, c: Cand, why: str) -> tuple[Label, str]:
        hint = self._kind_hint(c)
        if hint == Label.ORG:
            return Label.ORG, why + "-org"
        return Label.PERSON, why

    def _looks_like_name(self, c: Cand) -> bool:
        """No common word in it, except a last one after a name ("Celine Song",
        "Moon Jae-in" is not; "Perfect Days", "Flower Moon" are titles, not names)."""
        toks = c.tokens
        checked = toks[:-1] if len(toks) > 1 else toks
        return (
            not any(self.is_common(t) for t in checked)
            and not any(t in COMPASS for t in toks)
            and not PARTY_TAG.match(c.text)
            and not (len(c.tokens) == 1 and c.tokens[0].isupper())
            and c.tokens[-1].rstrip(".") not in NOT_PERSON_HEADS
        )

    def _weak_context(self, c: Cand) -> tuple[Label, str] | None:
        text = self.text
        before = self._before(c)
        single = len(c.tokens) == 1
        if (
            PREP_BEFORE.search(before)
            and (single or (self._looks_like_name(c) and IN_BEFORE.search(before)))
            and not c.tokens[0].isupper()
            and text[c.end : c.end + 1] not in ("'", "’")
        ):
            return Label.PLACE, "preposition"  # "in Santa Cruz", "near Vuhledar"
        if (
            single
            and self._looks_like_name(c)
            and (
                (SAID_AFTER.match(text, c.end) and not OBJECT_BEFORE.search(before))
                or SAID_BEFORE.search(before)  # "..., said Haddad."
            )
        ):
            return self._person_or_org(c, "said-single")
        looks = self._looks_like_name(c)
        if single and looks and THE_BEFORE.search(before) and SAID_AFTER.match(text, c.end):
            return Label.ORG, "the-said"  # "the Bundesbank said": people are not "the X"
        if not single and c.tokens[0] in self._org_firsts:
            return Label.ORG, "company-family"  # "Mercado Pago" after "Mercado Libre"
        if not single and looks and POSSESSIVE_BEFORE.search(before):
            nxt = NEXT_WORD.match(text, c.end)
            if nxt and nxt.group(1) not in ORG_NOUNS and nxt.group(1) not in ARM_NOUNS:
                return None  # "its Aurora X5 sensor": a product
            return Label.ORG, "its-name"  # "its Jio Platforms unit": not a person
        if not single and looks and THE_BEFORE.search(before):
            nxt = NEXT_WORD.match(text, c.end)
            if nxt and nxt.group(1) not in ORG_NOUNS and not VERBISH.match(nxt.group(1)):
                return None  # "the Nova Prime phone", "the Harbour Lights festival"
            if c.tokens[-1] not in NOT_PERSON_HEADS:
                return Label.ORG, "the-name"
            return None
        if not single and looks and c.after_the and self._kind_hint(c) == Label.ORG:
            return Label.ORG, "the-name-org"  # "The Lantern Saints released their album"
        if (
            not single
            and 2 <= len(c.tokens) <= 4
            and looks
            and not c.after_the
            and not WHICH.match(text, c.end)
        ):
            return self._name_shape(c)
        return None

    def _name_shape(self, c: Cand) -> tuple[Label, str] | None:
        """Two to four unknown capitalised words: a person only with some evidence
        (a he/she after it, its last word used alone as a surname, or no common
        word in it); "it"/"its"/"their" after it or a plural last word make an
        organisation ("Northgate Hornets", "Lantern Saints"); else no label."""
        hint = self._kind_hint(c)
        if hint is not None:
            return hint, "name-shape" if hint == Label.PERSON else "name-shape-org"
        last = c.tokens[-1]
        alone = self._single_labels.get(last)
        if alone is not None:
            # its last word alone is a known person (a surname) or an org ("Hornets")
            return alone, "name-shape" if alone == Label.PERSON else "short-form-org"
        if c.tokens[0] in ARTICLES:
            return Label.ORG, "article-name"  # "El Financiero", "Die Zeit"
        if PLURAL.match(last) and self.is_common(last[:-1]) and last not in self._singles:
            return Label.ORG, "plural-name"
        if self.is_common(last) and last not in self._singles:
            return None  # "Vela Mobile", "Velvet Static": no evidence of a person
        return Label.PERSON, "name-shape"

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

    def _index(
        self, cands: list[Cand], include_weak: bool = False
    ) -> tuple[dict[str, str], dict[str, tuple[Label, str]]]:
        """Surname/given-name index of full person names, and surface aliases."""
        persons: dict[str, str] = {}
        full: dict[tuple[str, str], str] = {}
        aliases: dict[str, tuple[Label, str]] = {}
        # one of each kind of mention is enough: names repeat many times
        seen: set[tuple[str, object]] = set()
        unique: list[Cand] = []
        for c in cands:
            if c.label is None or not (c.strong or include_weak):
                continue
            if c.label != Label.PERSON and len(c.tokens) >= 2:
                acronym = ACRONYM_AFTER.match(self.text, c.end)
                if acronym:  # "... Commission (IEBC)"
                    aliases.setdefault(acronym.group(1), (c.label, c.key or c.text))
            ident = (c.text, c.label)
            if ident in seen:
                continue
            seen.add(ident)
            unique.append(c)
        cands = unique
        self._org_stems = self._stems(cands)
        for c in cands:
            if c.label == Label.PERSON and not self._org_stem(c):
                parts = [t for t in c.tokens if not (len(t) == 2 and t.endswith("."))]
                if len(parts) >= 2:
                    sig = (parts[0], parts[-1])
                    best = full.get(sig)
                    if best is None or len(c.text) > len(best):
                        full[sig] = c.text
        self._surnames = {last for _first, last in full}
        for (_first, last), name in full.items():
            persons.setdefault(last, name)
        for (first, _last), name in full.items():
            persons.setdefault(first, name)
            persons.setdefault(name, name)
        for name in full.values():
            for middle in name.split()[1:-1]:
                if len(middle) > 2 and middle[0].isupper() and not middle.endswith("."):
                    persons.setdefault(middle, name)  # "Lula" of "Luiz Inácio Lula da Silva"
        for (first, last), name in full.items():
            persons[f"{first} {last}"] = name
        for c in cands:
            if c.label == Label.PERSON and len(c.tokens) == 1 and not self._org_stem(c):
                persons.setdefault(c.text, c.text)
        aliases.update((k, v) for k, v in self._org_stems.items() if k not in aliases)
        for c in cands:
            if c.label == Label.PERSON:
                continue
            key = c.key or c.text
            aliases.setdefault(c.text, (c.label, key))
            toks = c.tokens
            if c.label == Label.PLACE and c.why == "place-suffix" and len(toks) >= 2:
                aliases.setdefault(" ".join(toks[:-1]), (Label.PLACE, key))
            if c.label == Label.ORG and len(toks) >= 2:
                if toks[-1].rstrip(".") in LEGAL:
                    aliases.setdefault(" ".join(toks[:-1]).rstrip(","), (Label.ORG, key))
                if toks[-1] in OUTLET:
                    aliases.setdefault(toks[-1], (Label.ORG, key))
        return persons, aliases

    def _apply_index(
        self,
        cands: list[Cand],
        persons: dict[str, str],
        aliases: dict[str, tuple[Label, str]],
        only_unknown: bool,
    ) -> None:
        for c in cands:
            if c.label == Label.PERSON and self._org_stem(c):
                c.label, c.key = self._org_stems[c.text]
                c.why = "org-stem"
                continue
            if (
                c.label == Label.PERSON
                and c.why in GUESSED_PERSON
                and not (c.titled or c.honorific)
                and aliases.get(c.text, (None, ""))[0] == Label.ORG
            ):
                # "Shamba Shield, a startup, ... said Shamba Shield": one name, one kind
                c.label, c.key = aliases[c.text]
                c.why = "org-alias"
                continue
            if (c.label is not None and (only_unknown or c.strong)) or c.why == "quoted":
                continue
            surface = c.text
            if surface.isupper() and surface not in aliases and surface not in persons:
                surface = surface.title()  # "PUTIN SAYS" in a shouting headline
            if surface in aliases and not c.titled:
                c.label, c.key = aliases[surface]
                c.strong = c.strong or not only_unknown
                c.why = c.why or "alias"
            elif surface in persons and (c.why != "maybe" or surface in self._surnames):
                # a common word opening a sentence ("Will", "Grace") is a known person
                # only as a surname, never because someone's given name is spelled so
                c.label, c.key = Label.PERSON, persons[surface]
                c.strong = True
                c.why = c.why or "known-person"

    def _surname_places(self, cands: list[Cand], persons: dict[str, str]) -> None:
        """ "Denzel Washington ... Washington said": a city-named surname of a person
        named in full here is that person, unless a preposition makes it a place."""
        text = self.text
        for c in cands:
            if (
                c.label == Label.PLACE
                and len(c.tokens) == 1
                and c.text in self._surnames
                and c.text not in self.lex.countries
                and not PLACE_PREP.search(text, max(0, c.start - 12), c.start)
            ):
                c.label, c.key, c.why = Label.PERSON, persons.get(c.text, c.text), "surname"

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

    def _keys(self, cands: list[Cand], persons: dict[str, str]) -> None:
        for c in cands:
            if c.label == Label.PERSON:
                parts = [t for t in c.tokens if not (len(t) == 2 and t.endswith("."))]
                if len(parts) >= 2:
                    c.key = persons.get(f"{parts[0]} {parts[-1]}", c.text)
                else:
                    c.key = persons.get(c.text) or persons.get(c.text.title(), c.text)
            elif c.key is None:
                c.key = c.text
