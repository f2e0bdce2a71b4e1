"""WorthySpans: the check-worthy claims kept as spans give the same sidebar
counts as the Claim lists they replace; find_worthy hands them over."""

from pathlib import Path

import pytest

from reader.annotations.model import Anchor, Annotation, Kind
from reader.corpus import load_corpus
from reader.entities import entities_for
from reader.triage.claims import unchecked_claims
from reader.triage.index_build import build_entity_index
from reader.triage.worthy import WorthySpans
from reader.tui.claims_cache import CLAIMS_CACHE_FILE
from reader.tui.triage_state import find_worthy, worthy_claims

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeded():  # type: ignore[no-untyped-def]
    articles = list(load_corpus(SEEDS).articles)
    return articles, {a.id: worthy_claims(a, entities_for(a)) for a in articles}


def _check(article, start: int, end: int, kind: Kind = Kind.FACTCHECK, on: str = "") -> Annotation:  # type: ignore[no-untyped-def]
    return Annotation(
        article_id=on or article.id, kind=kind, anchor=Anchor.from_text(article.text, start, end)
    )


def test_spans_and_unchecked_counts_match_the_claims(seeded) -> None:  # type: ignore[no-untyped-def]
    articles, claims = seeded
    spans = WorthySpans()
    spans.update(claims)
    assert len(spans) == len(articles) and set(spans) == set(claims)
    assert spans.claim_count() == sum(map(len, claims.values())) > 10
    for article in articles:
        mine = claims[article.id]
        assert spans[article.id] == [(c.start, c.end) for c in mine]
        assert spans.unchecked(article.id, []) == len(mine)
        if len(mine) < 2:
            continue
        annotations = [
            _check(article, mine[0].start + 1, mine[0].start + 3),  # overlaps the first
            _check(article, mine[1].start, mine[1].end, kind=Kind.NOTE),  # not a fact-check
            _check(article, mine[-1].start, mine[-1].end, on="elsewhere.txt"),  # other article
            _check(article, mine[0].end, mine[0].end + 1),  # just after the first: no overlap
        ]
        expected = len(unchecked_claims(mine, annotations, article_id=article.id))
        assert expected == len(mine) - 1 or mine[1].start == mine[0].end
        assert spans.unchecked(article.id, annotations) == expected


def test_unknown_article_replacing_and_merging() -> None:
    spans = WorthySpans()
    assert spans.unchecked("a.txt", []) is None and "a.txt" not in spans
    with pytest.raises(KeyError):
        spans["a.txt"]
    spans.add("a.txt", [(1, 5), (7, 9)])
    spans.add("b.txt", [])
    spans.add("a.txt", [(2, 3)])  # rescored: replaces, does not add
    assert spans["a.txt"] == [(2, 3)] and spans["b.txt"] == []
    assert spans.unchecked("b.txt", []) == 0
    merged = WorthySpans()
    merged.add("c.txt", [(0, 1)])
    merged.update(spans)
    assert dict(merged) == {"c.txt": [(0, 1)], "a.txt": [(2, 3)], "b.txt": []}


def test_find_worthy_hands_spans_then_reuses_the_cache(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles, claims = seeded
    index = build_entity_index(articles, entities_for)
    cache = tmp_path / CLAIMS_CACHE_FILE
    for _run in range(2):  # scored, then from the cache
        batches: list[WorthySpans] = []
        collect = lambda found, _done, out=batches: out.append(found)  # noqa: E731
        assert find_worthy(articles, index, lambda: False, collect, cache)
        assert cache.exists()
        assert all(isinstance(found, WorthySpans) for found in batches)
        got = WorthySpans()
        for found in batches:
            got.update(found)
        assert {aid: got[aid] for aid in got} == {
            aid: [(c.start, c.end) for c in mine] for aid, mine in claims.items()
        }


def test_find_worthy_stops_when_asked(seeded) -> None:  # type: ignore[no-untyped-def]
    articles, _claims = seeded
    index = build_entity_index(articles, entities_for)
    calls: list[int] = []
    stop = lambda: len(calls) >= 1  # noqa: E731
    batch = lambda _f, done: calls.append(done)  # noqa: E731
    assert not find_worthy(articles, index, stop, batch, None, every_seconds=0.0)
    assert calls == [1]
