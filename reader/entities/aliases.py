"""Alias propagation of the resolver: names seen elsewhere in the same text.

An index of full person names (a surname or given name alone is that person)
and of organisation and place aliases (short forms, acronyms in brackets, names
without a legal suffix) labels the other mentions, and gives each mention the
canonical key shared by all mentions of one entity.
"""

from __future__ import annotations

from reader.entities.candidates import Cand
from reader.entities.consistency import ConsistencyMixin
from reader.entities.cues import (
    ACRONYM_AFTER,
    GUESSED_PERSON,
    LEGAL,
    OUTLET,
    PLACE_PREP,
)
from reader.entities.model import Label


class AliasMixin(ConsistencyMixin):
    """Alias passes of `Resolver` (kept apart to keep each module small)."""

    _surnames: set[str]

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
