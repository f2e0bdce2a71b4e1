"""Entity extraction entry points.

The pipeline, all offline and rule-based (see bench/entity_sets/GUIDELINES.md):

1. `dates` and `quantities`: compiled regexes over the whole text (DATE values via
   python-dateutil, relative to the publication date when one is given);
2. `names`: each capitalised sequence is typed token by token (titles, gazetteer
   places and organisations, demonyms, connectors, plain words) and cut into
   candidates (`runs` holds the run-level rules);
3. `resolve`: document-level evidence (context cues, names seen elsewhere, surnames
   of full names, coordination, pronouns) labels the rest and sets shared `key`s;
4. the three are merged without overlaps, numbers and dates taking precedence.

Gazetteers and word lists live in `data/` and load once (`lexicon`).
"""

from __future__ import annotations

from reader.corpus.article import Article
from reader.entities.dates import find_dates
from reader.entities.lexicon import lexicon
from reader.entities.model import Entity, Label
from reader.entities.names import NameScanner
from reader.entities.quantities import find_quantities
from reader.entities.resolve import Resolver
from reader.entities.textscan import find_domains, lowercase_vocabulary, title_case_lines


def _span_key(ent: Entity) -> tuple[int, int]:
    return (ent.start, -ent.end)


def _merge(primary: list[Entity], secondary: list[Entity]) -> list[Entity]:
    """`primary` plus the entities of `secondary` that overlap none of it.

    Both lists are sorted and free of overlaps; so is the result (a linear merge).
    """
    out: list[Entity] = []
    i, n = 0, len(primary)
    for ent in secondary:
        while i < n and primary[i].end <= ent.start:
            out.append(primary[i])
            i += 1
        if i < n and primary[i].start < ent.end:
            continue
        out.append(ent)
    out.extend(primary[i:])
    return out


def extract_entities(text: str, published: str | None = None) -> list[Entity]:
    """All entities of `text`, sorted by start. `published` is an ISO date used
    to resolve relative dates ("last week")."""
    if not text:
        return []
    lex = lexicon()
    dates = find_dates(text, published)
    numeric = _merge(dates, find_quantities(text))
    domains = [Entity(s, e, text[s:e], Label.ORG, key=text[s:e]) for s, e in find_domains(text)]
    numeric = _merge(numeric, domains)
    blocked = [(e.start, e.end) for e in numeric]
    vocab = lowercase_vocabulary(text)
    scanner = NameScanner(text, lex, vocab, title_case_lines(text), blocked)
    cands = Resolver(text, lex, scanner.is_common).resolve(scanner.scan())
    names = [
        Entity(c.start, c.end, text[c.start : c.end], c.label, key=c.key)
        for c in cands
        if c.label is not None and c.end > c.start
    ]
    names.sort(key=_span_key)
    # names never overlap each other: keep the earlier/longer one
    clean: list[Entity] = []
    for ent in names:
        if clean and ent.start < clean[-1].end:
            continue
        clean.append(ent)
    return _merge(numeric, clean)


def entities_for(article: Article) -> list[Entity]:
    """The entities of an article, relative dates resolved against its publication date."""
    return extract_entities(article.text, article.published.value)
