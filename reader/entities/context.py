"""Context cues of the resolver: what the words around one mention say it is.

Strong cues ("the city of X", "X, a Singapore-based company", "X, the director",
"X said he") and weak ones ("in X", "the X said", the shape of an unknown name);
each gives a label and the name of the rule, or None.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.entities.candidates import Cand
from reader.entities.cues import (
    AGE_AFTER,
    APPOS,
    ARM_NOUNS,
    ARTICLES,
    BY_ORG_BEFORE,
    BY_PERSON_BEFORE,
    BYLINE,
    CAPITAL,
    FIRM_AFTER,
    FIRM_BEFORE,
    FIRM_VERB_AFTER,
    IN_BEFORE,
    JOINED_BEFORE,
    KIN_AFTER,
    NEXT_WORD,
    OBJECT_BEFORE,
    OF_BEFORE,
    ORG_KIND_BEFORE,
    ORG_NOUN_AFTER,
    ORG_NOUNS,
    ORG_ROLE_OF,
    ORG_VERB_AFTER,
    PARTY_TAG,
    PLACE_NOUNS,
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
from reader.entities.wordsets import COMPASS, GENERIC_ORG_AFTER, NOT_PERSON_HEADS


class ContextMixin:
    """Context rules of `Resolver` (kept apart to keep each module small)."""

    text: str
    lex: Lexicon
    is_common: Callable[[str], bool]
    _context_cache: dict[tuple[str, str, bool, str], tuple[Label, str] | None]
    _org_firsts: set[str]
    _person_words: set[str]
    _singles: set[str]
    _single_labels: dict[str, Label]

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
