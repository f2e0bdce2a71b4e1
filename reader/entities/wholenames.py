"""Whether a run of name items names one organisation or place as a whole.

"Kyiv Independent", "Gulf of Aden", "University of Tokyo", "Procter & Gamble",
"China Mobile", "Airtel Africa": the evidence is the run's first and last
items (gazetteer hits, org/place suffixes and heads, connectors).
"""

from __future__ import annotations

from reader.entities.candidates import CONN, DEMONYM, NAME, ORG_GAZ, PLACE_GAZ, Item, strip_conn
from reader.entities.lexicon import Lexicon
from reader.entities.model import Label
from reader.entities.textscan import Token
from reader.entities.wordsets import GENERIC_ORG_AFTER

_CONTINENTS = frozenset(
    ("Africa", "Asia", "Europe", "Americas", "Latin America", "Middle East", "Asia Pacific")
)


class WholeNameMixin:
    """Whole-name rules of `RunsMixin` (kept apart to keep each module small)."""

    text: str
    lex: Lexicon

    def is_common(self, word: str) -> bool:  # pragma: no cover - provided by NameScanner
        raise NotImplementedError

    def _named_firm(self, toks: list[Token], part: list[Item]) -> bool:
        """Two or more plain name words, the first no common word, the last an org
        ending ("Apollo Agriculture", "Kilimo Ventures")."""
        return (
            len(part) >= 2
            and all(it.kind == NAME for it in part)
            and not self.is_common(toks[part[0].i0].bare)
            and toks[part[-1].i1].bare in self.lex.org_suffix
        )

    def _complete(self, toks: list[Token], part: list[Item]) -> bool:
        """Whether `part` names something on its own (not "Ministry of Trade" + "Industry")."""
        if not part:
            return False
        if len(part) == 1:
            return part[0].kind in (ORG_GAZ, PLACE_GAZ)
        if any(it.kind == CONN and toks[it.i0].text == "and" for it in part):
            return False
        return self._whole_run(toks, part) is not None

    def _whole_run(self, toks: list[Token], run: list[Item]) -> tuple[Label, int, str] | None:
        """A run that names one org or place as a whole ("Kyiv Independent", "Gulf of Aden")."""
        lex = self.lex
        if len(run) < 2:
            return None
        last = run[-1]
        first = run[0]
        label = None
        why = ""
        after = GENERIC_ORG_AFTER.match(self.text, toks[last.i1].end)
        ampersand = any(it.kind == CONN and toks[it.i0].text == "&" for it in run)
        if (
            len(run) >= 3
            and last.kind == PLACE_GAZ
            and toks[last.i0].text in lex.countries
            and run[-2].kind == NAME
            and toks[run[-2].i1].bare in lex.org_suffix
        ):
            return Label.ORG, first.i0, "org-country"  # "Cancer Research UK"
        if (
            last.kind == PLACE_GAZ
            and last.canon in _CONTINENTS
            and all(it.kind == NAME for it in run[:-1])
            and toks[first.i0].text not in lex.first_names
            and not any(self.is_common(toks[it.i0].bare) for it in run[:-1])
        ):
            return Label.ORG, first.i0, "regional-unit"  # "Airtel Africa", "Jumia Europe"
        if (
            first.kind == PLACE_GAZ
            and first.i0 == first.i1
            and toks[first.i0].text in lex.countries
            and all(it.kind == NAME and toks[it.i0].text not in lex.first_names for it in run[1:])
        ):
            return Label.ORG, first.i0, "country-company"  # "China Mobile", "Statistics"
        if (
            len(run) == 2
            and first.kind == PLACE_GAZ
            and first.i0 == first.i1
            and toks[first.i0].text not in lex.countries
            and last.kind == ORG_GAZ
            and last.i1 > last.i0
            and toks[last.i1].bare in lex.org_suffix
        ):
            return Label.ORG, first.i0, "city-org"  # "Bombay High Court"
        if ampersand and first.kind == NAME and last.kind == NAME:
            label, why = Label.ORG, "ampersand"  # "Procter & Gamble", "Larsen & Toubro"
        elif after and last.kind != DEMONYM and first.kind != DEMONYM:
            label, why = Label.ORG, "party-after"  # "the Alternative for Germany party"
        elif first.kind == NAME and toks[first.i0].bare in lex.org_prefix:
            label, why = Label.ORG, "org-prefix"  # "Banco Santander", "Deutsche Telekom"
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
            rest = strip_conn(run[1:])
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
