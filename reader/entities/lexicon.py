"""Gazetteers and word lists shipped in `reader/entities/data/`, loaded once, lazily.

Every list is our own, written from general knowledge. Loading all of them takes a
few milliseconds; `lexicon()` caches the result for the life of the process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Function words that also occur as given names in some culture ("He", "To", "Do").
_NOT_GIVEN_NAMES = frozenset(
    [
        "He",
        "Do",
        "To",
        "Le",
        "Ma",
        "Oh",
        "Son",
        "Long",
        "Can",
        "Will",
        "Said",
        "So",
        "An",
        "Us",
        "We",
        "No",
        "On",
        "In",
        "By",
        "It",
        "Ha",
        "Ho",
        "Lu",
        "Su",
    ]
)


@dataclass(frozen=True)
class Lexicon:
    places: dict[str, str]  # surface -> canonical name
    countries: frozenset[str]
    orgs: dict[str, str]  # surface -> canonical name
    first_names: frozenset[str]
    titles: frozenset[str]  # dot-less, space-joined ("Lt Gen", "Secretary of State")
    title_heads: frozenset[str]
    title_mods: frozenset[str]
    demonyms: frozenset[str]
    org_suffix: frozenset[str]  # dot-less
    org_head: frozenset[str]
    org_prefix: frozenset[str]  # "Banco Santander", "Deutsche Telekom"
    place_suffix: frozenset[str]
    place_head: frozenset[str]
    place_generic: frozenset[str]  # lowercase: "the Donbas region"
    place_of: frozenset[str]  # lowercase: "the city of Bakhmut"
    roles: frozenset[str]
    common: frozenset[str]  # lowercase
    max_gaz_tokens: int
    gaz_first: frozenset[str]  # first words of multi-word places and orgs
    title_first: frozenset[str]  # first words of multi-word titles (dot-less)


def _lines(name: str) -> list[str]:
    out = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _words(name: str) -> list[str]:
    return [w for line in _lines(name) for w in line.split()]


def _sections(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).extend(line.split())
    return sections


def _aliases(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _lines(name):
        surface, _, canonical = line.partition("\t")
        surface = surface.strip()
        table[surface] = canonical.strip() or surface
    return table


def undot(token: str) -> str:
    return token.replace(".", "")


@functools.cache
def lexicon() -> Lexicon:
    countries = _aliases("countries.tsv")
    places: dict[str, str] = {}
    for name in _lines("regions.txt"):
        places[name] = name
    for line in _lines("cities.txt"):
        for name in line.split("|"):
            name = name.strip()
            if name:
                places[name] = name
    places.update(countries)
    orgs = _aliases("orgs.txt")
    demonyms = set(_words("demonyms.txt"))
    for word in list(demonyms):
        if word[-1] in "nhi" and "-" not in word:
            demonyms.add(word + "s")  # Russians, Kazakhs, Israelis
    title_words = _sections("title_words.txt")
    org_words = _sections("org_words.txt")
    place_words = _sections("place_words.txt")
    common = frozenset(
        w.lower() for w in (*_words("common_words.txt"), *_words("english_words.txt"))
    )
    titles = frozenset(undot(t) for t in _lines("titles.txt"))
    gaz_lengths = [len(k.split()) for k in (*places, *orgs)]
    return Lexicon(
        places=places,
        countries=frozenset(countries),
        orgs=orgs,
        first_names=frozenset(_words("first_names.txt")) - _NOT_GIVEN_NAMES,
        titles=titles,
        title_heads=frozenset(title_words.get("heads", [])),
        title_mods=frozenset(title_words.get("modifiers", [])),
        demonyms=frozenset(demonyms),
        org_suffix=frozenset(undot(w) for w in org_words.get("suffix", [])),
        org_head=frozenset(org_words.get("head", [])),
        org_prefix=frozenset(org_words.get("prefix", [])),
        place_suffix=frozenset(place_words.get("suffix", [])),
        place_head=frozenset(place_words.get("head", [])),
        place_generic=frozenset(place_words.get("generic", [])),
        place_of=frozenset(place_words.get("of", [])),
        roles=frozenset(_words("roles.txt")),
        common=common,
        max_gaz_tokens=max(gaz_lengths, default=1),
        gaz_first=frozenset(k.split()[0] for k in (*places, *orgs) if " " in k),
        title_first=frozenset(t.split()[0] for t in titles if " " in t),
    )
