"""Entities known before an open: the triage index's rows rebuild exactly what
the extractor gives (proved on every seed article), and the choice of the
sidebar neighbours to prepare."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.corpus.article import Article
from reader.entities import entities_for
from reader.entities.model import Entity
from reader.triage.workspace import build_corpus_triage
from reader.tui import entity_prefetch
from reader.tui.entity_prefetch import (
    entities_of,
    fingerprint,
    known_fingerprint,
    neighbours,
    prefetch_candidates,
    stored_result,
    worth_prefetching,
)
from reader.tui.entity_runner import PROCESS_CHARS
from reader.tui.entity_work import analyse, from_rows
from reader.tui.triage_state import TriageState
from tests.tui_support import corpus_of, fake_entities, seeds


def seed_state(cache_dir: Path | None = None) -> tuple[list[Article], TriageState]:
    articles = list(seeds().articles)
    corpus = build_corpus_triage(articles, entities_for, cache_dir)
    return articles, TriageState.of(corpus, articles)


def test_the_index_rebuilds_exactly_what_the_extractor_gives_on_every_seed() -> None:
    articles, state = seed_state()
    fingerprint(entities_for)
    assert len(articles) == 5
    keyed = 0
    for article in articles:
        expected = analyse(article, entities_for)
        found = stored_result(article, article.text, state, entities_for)
        assert found is not None, article.id
        assert expected.entities, article.id  # a real comparison, not of two empties
        assert found.entities == expected.entities, article.id
        assert found.by_line == expected.by_line, article.id
        assert found.summary == expected.summary, article.id
        assert found.counts() == expected.counts()
        assert found == expected
        keyed += sum(e.key is not None and e.key != e.text for e in found.entities)
    assert keyed > 0  # canonical names ("Mr. Blinken" -> the full name) came through


def test_the_index_loaded_from_its_cache_file_rebuilds_the_same(tmp_path: Path) -> None:
    seed_state(tmp_path)  # writes the cache
    articles, state = seed_state(tmp_path)
    assert state.index.cache_status == "loaded" and state.index.extracted == 0
    fingerprint(entities_for)
    values = 0
    for article in articles:
        found = stored_result(article, article.text, state, entities_for)
        assert found == analyse(article, entities_for), article.id
        values += sum(e.value is not None for e in found.entities)
    assert values > 0  # normalised DATE values came through the narrowed arrays


def test_no_index_result_without_an_index_or_for_another_text_or_extractor(
    tmp_path: Path,
) -> None:
    articles, state = seed_state()
    article = articles[1]
    fingerprint(entities_for)
    assert stored_result(article, article.text, None, entities_for) is None

    def other(article: Article) -> list[Entity]:  # another extractor: another fingerprint
        return []

    fingerprint(other)
    assert stored_result(article, article.text, state, other) is None
    # an edited file: same id, another text (hash)
    edited = replace(article, text=article.text + " More.", text_hash="0" * 64)
    assert stored_result(edited, edited.text, state, entities_for) is None
    # an article the index never saw
    stranger = corpus_of(tmp_path, {"new.txt": "Title\n\nPutin met Biden."}).articles[0]
    assert stored_result(stranger, stranger.text, state, entities_for) is None
    # entities_of falls back to the extractor then
    assert entities_of(edited, edited.text, state, entities_for) == analyse(edited, entities_for)


def test_the_fingerprint_must_be_computed_before_the_index_is_trusted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles, state = seed_state()
    monkeypatch.setattr(entity_prefetch, "_fingerprints", {})
    assert known_fingerprint(entities_for) is None
    assert stored_result(articles[0], articles[0].text, state, entities_for) is None
    assert fingerprint(entities_for) == state.index.fingerprint
    assert stored_result(articles[0], articles[0].text, state, entities_for) is not None


def test_rows_outside_the_text_are_dropped_as_analyse_drops_them(tmp_path: Path) -> None:
    article = corpus_of(tmp_path, {"a.txt": "Title\n\nPutin met NATO."}).articles[0]
    text = article.text
    rows = [(e.start, e.end, str(e.label), e.value, e.key) for e in fake_entities(article)]
    bad = [(len(text) - 1, len(text) + 5, "PERSON", None, None), (4, 4, "ORG", None, None)]
    assert from_rows(text, rows + bad) == analyse(article, fake_entities)
    assert len(from_rows(text, rows + bad).entities) == 2


def test_neighbours_are_the_next_then_the_previous_shown_rows() -> None:
    shown = [0, 2, 3, 7, 9]
    assert neighbours(shown, 3) == [7, 2]
    assert neighbours(shown, 3, rows=2) == [7, 2, 9, 0]
    assert neighbours(shown, 0) == [2]  # first row: nothing before
    assert neighbours(shown, 9) == [7]  # last row: nothing after
    assert neighbours(shown, 5) == [7, 3]  # filtered out: the rows around its place
    assert neighbours([], 4) == []


def test_candidates_start_with_the_highlighted_row_and_skip_the_open_and_cached(
    tmp_path: Path,
) -> None:
    articles = corpus_of(tmp_path, {f"{n}.txt": f"Title {n}\n\nPutin {n}." for n in range(6)})
    arts = articles.articles
    shown = list(range(6))
    ids = lambda found: [a.id for a in found]  # noqa: E731
    # reader on 2, nothing highlighted elsewhere: its neighbours
    assert ids(prefetch_candidates(arts, shown, 2, 2, set())) == ["3.txt", "1.txt"]
    # highlight moved to 4 without opening: 4 first, its neighbours, then 2's
    assert ids(prefetch_candidates(arts, shown, 2, 4, set())) == [
        "4.txt",
        "5.txt",
        "3.txt",
        "1.txt",
    ]
    # cached ones are skipped; the open one never comes back as a neighbour
    assert ids(prefetch_candidates(arts, shown, 2, 3, {"4.txt"})) == ["3.txt", "1.txt"]
    assert ids(prefetch_candidates(arts, [0, 5], 0, None, set())) == ["5.txt"]
    assert prefetch_candidates(arts, shown, None, None, set()) == []


def test_long_texts_are_not_prepared_in_this_process() -> None:
    assert worth_prefetching("x" * (PROCESS_CHARS - 1))
    assert not worth_prefetching("x" * PROCESS_CHARS)
