"""Timeline: ordering by first day and precision, partial dates, bad values."""

from datetime import date
from pathlib import Path

import pytest

from reader.corpus import load_corpus
from reader.entities.model import Entity, Label
from reader.triage.index_build import build_entity_index
from reader.triage.timeline import (
    Timeline,
    build_timeline,
    entry_sentence,
    for_article,
    format_date,
    parse_value,
)


def dated(text: str, word: str, value: str | None) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), word, Label.DATE, value=value)


def make_corpus(tmp_path: Path) -> tuple[list, dict]:  # type: ignore[type-arg]
    root = tmp_path / "c"
    root.mkdir()
    a = "Talks began in March 2022. They failed on 14 March 2022.\nA deal came in 2023."
    b = "The war began in 2022. Fighting peaked on 1 March 2022. Also in 2014."
    (root / "a.txt").write_text(a, encoding="utf-8")
    (root / "b.txt").write_text(b, encoding="utf-8")
    articles = load_corpus(root).articles
    entities = {
        "a.txt": [
            dated(a, "March 2022", "2022-03"),
            dated(a, "14 March 2022", "2022-03-14"),
            dated(a, "2023", "2023"),
            Entity(0, 5, "Talks", Label.ORG),  # not a date: ignored
        ],
        "b.txt": [
            dated(b, "2022", "2022"),
            dated(b, "1 March 2022", "2022-03-01"),
            dated(b, "2014", "2014"),
        ],
    }
    return articles, entities


def test_order_by_first_day_then_precision(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    timeline = build_timeline(articles, entities)
    assert [e.value for e in timeline] == [
        "2014",
        "2022",
        "2022-03",  # first day 2022-03-01, month before the day
        "2022-03-01",
        "2022-03-14",
        "2023",
    ]
    assert [e.precision for e in timeline][:4] == ["year", "year", "month", "day"]
    assert timeline[2].label == "March 2022" and timeline[4].label == "14 March 2022"


def test_entries_carry_article_offsets_and_sentence(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    texts = {a.id: a.text for a in articles}
    for entry in build_timeline(articles, entities):
        text = texts[entry.article_id]
        assert text[entry.start : entry.end] == entry.text
        assert entry.sentence is not None
        assert entry.sentence.start <= entry.start < entry.sentence.end
        assert text[entry.sentence.start : entry.sentence.end] == entry.sentence.text
    deal = next(e for e in build_timeline(articles, entities) if e.value == "2023")
    assert deal.sentence.text == "A deal came in 2023."  # type: ignore[union-attr]


def test_without_sentences_then_on_demand(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    lean = build_timeline(articles, entities, with_sentences=False)
    full = build_timeline(articles, entities)
    assert all(e.sentence is None for e in lean)
    texts = {a.id: a.text for a in articles}
    assert [entry_sentence(e, texts[e.article_id]) for e in lean] == [e.sentence for e in full]


def test_same_date_keeps_corpus_order(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    entities["b.txt"].append(dated(articles[1].text, "Also", "2023"))
    years = [e.article_id for e in build_timeline(articles, entities) if e.value == "2023"]
    assert years == ["a.txt", "b.txt"]


def test_bad_and_missing_values_are_left_out(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    a = articles[0].text
    entities["a.txt"] += [
        dated(a, "Talks", None),
        dated(a, "began", "last week"),
        dated(a, "They", "2022-13"),
        dated(a, "failed", "2022-02-30"),
        dated(a, "deal", "2022-W10"),
    ]
    assert len(build_timeline(articles, entities)) == 6


def test_parse_value() -> None:
    assert parse_value("2022") == (date(2022, 1, 1), "year")
    assert parse_value("2022-03") == (date(2022, 3, 1), "month")
    assert parse_value("2024-09-06") == (date(2024, 9, 6), "day")
    assert parse_value("2024-09-06T10:00:00Z") == (date(2024, 9, 6), "day")
    for bad in (None, "", "22", "2022-3", "March", "2022-00", "2022-02-29"):
        assert parse_value(bad) is None, bad
    assert format_date(date(2024, 9, 6), "day") == "6 September 2024"


def test_for_article_and_from_index(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    index = build_entity_index(articles, lambda article: entities[article.id], extractor_id="t")
    from_index = build_timeline(articles, index)
    assert from_index == build_timeline(articles, entities)
    assert [e.value for e in for_article(from_index, "b.txt")] == ["2014", "2022", "2022-03-01"]


def test_no_entities_gives_empty_timeline(tmp_path: Path) -> None:
    articles, _ = make_corpus(tmp_path)
    assert build_timeline(articles, {}) == []


def test_compact_timeline_gives_the_same_entries(tmp_path: Path) -> None:
    articles, entities = make_corpus(tmp_path)
    entities["b.txt"].append(dated(articles[1].text, "Also", "2023"))  # a tie: corpus order
    lean = build_timeline(articles, entities, with_sentences=False)
    compact = Timeline.build(articles, entities)
    assert len(compact) == len(lean) == 7
    assert list(compact) == lean and compact == lean and lean == compact
    assert compact[0] == lean[0] and compact[-1] == lean[-1] and compact[2:5] == lean[2:5]
    assert compact[::-1] == lean[::-1]
    with pytest.raises(IndexError):
        compact[7]
    with pytest.raises(IndexError):
        compact[-8]
    assert compact.article_ids() == {"a.txt", "b.txt"}
    assert compact != lean[:-1] and compact != "not a timeline"
    assert Timeline.build(articles, {}) == [] and len(Timeline.build([], {})) == 0


def test_compact_timeline_on_the_seeds_from_the_index() -> None:
    from reader.entities import entities_for

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    articles = list(load_corpus(seeds).articles)
    index = build_entity_index(articles, entities_for)
    lean = build_timeline(articles, index, with_sentences=False)
    compact = Timeline.build(articles, index)
    assert len(lean) > 10 and compact == lean
    texts = {a.id: a.text for a in articles}
    assert all(texts[e.article_id][e.start : e.end] == e.text for e in compact)
