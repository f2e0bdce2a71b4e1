"""The one-call builders the TUI uses: corpus triage (cached) and article triage."""

import re
from pathlib import Path

from reader.annotations.model import Anchor, Annotation, Kind
from reader.corpus import load_corpus
from reader.entities.model import Entity, Label
from reader.triage.index import make_key
from reader.triage.workspace import build_corpus_triage, triage_article, triage_cache_dir

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NAMES = re.compile(r"\b(?:Putin|Blinken|Zelensky)\b")


def fake_extract(article):  # type: ignore[no-untyped-def]
    found = [
        Entity(m.start(), m.end(), m.group(), Label.DATE, value=m.group())
        for m in _YEAR.finditer(article.text)
    ]
    found += [
        Entity(m.start(), m.end(), m.group(), Label.PERSON, key=m.group())
        for m in _NAMES.finditer(article.text)
    ]
    return sorted(found)


def test_corpus_triage_builds_then_reloads(tmp_path: Path) -> None:
    articles = load_corpus(SEEDS).articles
    cache_dir = triage_cache_dir(tmp_path / "data" / "annotations.json", SEEDS)
    assert cache_dir.parent == tmp_path / "data" / ".cache"
    stages: list[str] = []
    first = build_corpus_triage(
        articles, fake_extract, cache_dir, progress=lambda s, d, t: stages.append(s)
    )
    assert {"entities", "similarity", "timeline", "headlines"} <= set(stages)
    assert first.index.article_count(make_key("PERSON", "Putin")) >= 3
    assert [e.value for e in first.timeline] == sorted(e.value for e in first.timeline)
    assert len(first.duplicate_titles) == 1
    assert first.similarity.related(articles[0].id)

    again = build_corpus_triage(articles, fake_extract, cache_dir)
    assert again.index.cache_status == "loaded" and again.index.extracted == 0
    assert again.similarity.cache_status == "loaded"
    assert again.timeline == first.timeline
    assert again.similarity.related(articles[1].id) == first.similarity.related(articles[1].id)


def test_corpus_triage_without_cache_or_entities() -> None:
    articles = load_corpus(SEEDS).articles
    data = build_corpus_triage(articles, lambda article: [])
    assert data.timeline == [] and len(data.index) == 0
    assert data.similarity.related(articles[0].id)  # words alone still relate articles


def test_article_triage_and_unchecked_claims() -> None:
    article = next(a for a in load_corpus(SEEDS).articles if a.id.startswith("000"))
    plain = triage_article(article)
    assert plain.sourcing.anonymous_quotes == 5
    assert len(plain.quotes) == 5
    assert plain.unchecked and all(c.score >= 0.5 for c in plain.unchecked)
    assert all(c.start >= article.body_start for c in plain.claims)
    target = plain.unchecked[0]
    check = Annotation(
        article_id=article.id,
        kind=Kind.FACTCHECK,
        anchor=Anchor.from_text(article.text, target.start, target.end),
        verdict="false",
    )
    other_article = Annotation(
        article_id="elsewhere.txt",
        kind=Kind.FACTCHECK,
        anchor=Anchor.from_text(article.text, plain.unchecked[1].start, plain.unchecked[1].end),
    )
    checked = triage_article(article, annotations=[check, other_article])
    assert target not in checked.unchecked
    assert plain.unchecked[1] in checked.unchecked
    assert len(checked.unchecked) == len(plain.unchecked) - 1


def test_corpus_triage_can_be_stopped(tmp_path: Path) -> None:
    import pytest

    from reader.triage.index_build import BuildCancelled

    articles = load_corpus(SEEDS).articles
    with pytest.raises(BuildCancelled):
        build_corpus_triage(articles, fake_extract, tmp_path, should_stop=lambda: True)
