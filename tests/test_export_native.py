"""The native JSON export: schema-valid, complete, placed against the current text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from reader.annotations.model import Anchor, Annotation, Kind
from reader.corpus import Article, Corpus
from reader.entities import Entity, Label
from reader.export import ExportError, export_annotations
from reader.export.schema import native_schema
from tests.export_support import make_corpus, sample_annotations, write_article

NOW = "2025-02-03T04:05:06Z"
VALIDATOR = jsonschema.Draft202012Validator(native_schema())


def export_json(corpus: Corpus, annotations: list[Annotation], **kw: object) -> dict:
    result = export_annotations("json", corpus, annotations, now=NOW, **kw)
    document = json.loads(result.text)
    VALIDATOR.validate(document)
    assert result.count == len(document["annotations"])
    return document


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path / "corpus")


def test_schema_itself_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(native_schema())


def test_every_kind_exports_schema_valid(corpus: Corpus) -> None:
    annotations = sample_annotations(corpus)
    document = export_json(corpus, annotations)
    assert document["schema"] == "reader-export"
    assert document["version"] == 1
    assert document["exported_at"] == "2025-02-03T04:05:06Z"
    assert {r["id"] for r in document["annotations"]} == {a.id for a in annotations}
    assert [a["id"] for a in document["articles"]] == [
        "first.txt",
        "sub/second.md",
        "hostile.txt",
        "gone/missing.txt",
    ]


def test_schema_rejects_a_broken_record(corpus: Corpus) -> None:
    """The schema is strict enough to catch a missing or mistyped field."""
    document = export_json(corpus, sample_annotations(corpus))
    del document["annotations"][0]["created"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(document)
    document = export_json(corpus, sample_annotations(corpus))
    document["annotations"][0]["anchor_state"] = "lost"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(document)


def test_article_and_annotation_fields(corpus: Corpus) -> None:
    document = export_json(corpus, sample_annotations(corpus))
    first = document["articles"][0]
    assert first == {
        "id": "first.txt",
        "in_corpus": True,
        "title": "Talks Resume in Geneva",
        "outlet": "The Daily Planet",
        "author": "Lois Lane",
        "date": "2023-05-11",
        "path": "first.txt",
        "text_hash": corpus.by_id("first.txt").text_hash,
    }
    assert document["articles"][1]["path"] == "sub/second.md"
    check = next(r for r in document["annotations"] if r["kind"] == "fact-check")
    text = corpus.by_id("first.txt").text
    start = text.index("40,000")
    assert check["quote"]["exact"] == "40,000 troops had moved to the border in early 2022"
    assert text[:start].endswith(check["quote"]["prefix"])
    assert text[start + len(check["quote"]["exact"]) :].startswith(check["quote"]["suffix"])
    assert check["offsets"]["stored"]["start"] == start
    assert check["offsets"]["current"] == {"start": start, "end": start + 51}
    assert check["anchor_state"] == "anchored"
    assert check["verdict"] == "mostly false"
    assert check["claimant"] == "Officials"
    assert check["conclusion"] == "Satellite images show fewer troops."
    assert check["sources"] == [{"url": "https://example.org/images", "note": "Satellite images"}]
    assert check["status"] == "done"
    assert check["author"] == "Ana Reviewer"
    assert check["tags"] == ["numbers"]
    assert check["created"] == "2024-01-02T10:00:00+00:00"
    assert check["updated"] == "2024-01-03T11:30:00+00:00"


def test_order_is_by_article_then_position(corpus: Corpus) -> None:
    annotations = sample_annotations(corpus)
    forward = export_json(corpus, annotations)
    backward = export_json(corpus, list(reversed(annotations)))
    assert forward == backward
    first_ids = [r["id"] for r in forward["annotations"] if r["article_id"] == "first.txt"]
    # article-level note first, then by position in the text
    assert first_ids == [
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3",
    ]


def test_article_level_note_and_missing_article(corpus: Corpus) -> None:
    records = {r["id"]: r for r in export_json(corpus, sample_annotations(corpus))["annotations"]}
    whole = records["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6"]
    assert whole["quote"] is None and whole["offsets"] is None
    assert whole["anchor_state"] == "anchored"
    orphan = records["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa7"]
    assert orphan["anchor_state"] == "orphaned"
    assert orphan["offsets"] == {
        "stored": {"start": 3, "end": 9, "text_hash": "0" * 64},
        "current": None,
    }


def test_anchor_states_follow_an_edited_article(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    before = write_article(root, "a.txt", "Intro.\nThe minister resigned on Monday.\n")
    moved = Annotation(
        article_id="a.txt",
        anchor=Anchor.from_text(before.text, 7, 38, before.text_hash),
        created="2024-01-01T00:00:00+00:00",
    )
    gone = Annotation(
        article_id="a.txt",
        anchor=Anchor.from_text(before.text, 0, 6, before.text_hash),
        created="2024-01-01T00:00:01+00:00",
    )
    assert moved.anchor.exact == "The minister resigned on Monday"
    after = write_article(
        root, "a.txt", "A new lead paragraph.\n\nThe minister resigned on Monday.\n"
    )
    document = export_json(Corpus(root=root, articles=[after]), [moved, gone])
    states = {r["id"]: r for r in document["annotations"]}
    assert states[moved.id]["anchor_state"] == "moved"
    new_start = after.text.index("The minister")
    assert states[moved.id]["offsets"]["current"] == {"start": new_start, "end": new_start + 31}
    assert states[moved.id]["offsets"]["stored"]["start"] == 7
    assert states[gone.id]["anchor_state"] == "orphaned"
    assert states[gone.id]["offsets"]["current"] is None


def test_entities_inside_the_span(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    text = corpus.by_id("first.txt").text

    def fake_entities(article: Article) -> list[Entity]:
        if article.id != "first.txt":
            return []
        found = []
        for needle, label, value in (
            ("Antony Blinken", Label.PERSON, None),
            ("Sergei Lavrov", Label.PERSON, None),
            ("Geneva", Label.PLACE, None),
            ("early 2022", Label.DATE, "2022"),
            ("40,000 troops", Label.QUANTITY, None),
        ):
            start = text.index(needle)
            found.append(Entity(start, start + len(needle), needle, label, value))
        return found

    monkeypatch.setattr("reader.export.gather.entities_for", fake_entities)
    records = {r["id"]: r for r in export_json(corpus, sample_annotations(corpus))["annotations"]}
    check = records["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1"]
    assert [(e["text"], e["label"], e["value"]) for e in check["entities"]] == [
        ("40,000 troops", "QUANTITY", None),
        ("early 2022", "DATE", "2022"),
    ]
    note = records["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2"]
    assert [e["text"] for e in note["entities"]] == ["Antony Blinken", "Sergei Lavrov"]
    assert records["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6"]["entities"] == []


def test_one_article_only(corpus: Corpus) -> None:
    document = export_json(corpus, sample_annotations(corpus), article_id="sub/second.md")
    assert [a["id"] for a in document["articles"]] == ["sub/second.md"]
    assert {r["article_id"] for r in document["annotations"]} == {"sub/second.md"}
    assert len(document["annotations"]) == 2


def test_article_without_annotations_and_missing_annotated_article(corpus: Corpus) -> None:
    empty = export_json(corpus, [], article_id="hostile.txt")
    assert [a["id"] for a in empty["articles"]] == ["hostile.txt"]
    assert empty["annotations"] == []
    orphans = export_json(corpus, sample_annotations(corpus), article_id="gone/missing.txt")
    assert orphans["articles"][0]["in_corpus"] is False
    assert len(orphans["annotations"]) == 1


def test_unknown_article_and_format(corpus: Corpus) -> None:
    with pytest.raises(ExportError, match=r"unknown article 'frist.txt'.*did you mean 'first.txt'"):
        export_annotations("json", corpus, sample_annotations(corpus), article_id="frist.txt")
    with pytest.raises(ExportError, match="unknown format 'xml'"):
        export_annotations("xml", corpus, [])


def test_hostile_text_is_kept_but_escaped(corpus: Corpus) -> None:
    annotations = sample_annotations(corpus)
    result = export_annotations("json", corpus, annotations, now=NOW)
    assert "\x1b" not in result.text and "\u202e" not in result.text and "\x07" not in result.text
    assert "\\u001b" in result.text and "\\u202e" in result.text
    records = {r["id"]: r for r in json.loads(result.text)["annotations"]}
    hostile = next(a for a in annotations if a.id.endswith("8"))
    assert records[hostile.id]["note"] == hostile.note


def test_empty_database_exports_an_empty_valid_document(corpus: Corpus) -> None:
    document = export_json(corpus, [])
    assert document["articles"] == [] and document["annotations"] == []


def test_large_text_and_many_annotations(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    text = "word " * 200_000
    article = write_article(root, "big.txt", text)
    annotations = [
        Annotation(
            article_id="big.txt",
            kind=Kind.HIGHLIGHT,
            anchor=Anchor.from_text(text, i * 5, i * 5 + 4, article.text_hash),
            created=f"2024-01-01T00:00:{i % 60:02d}+00:00",
        )
        for i in range(0, 2000)
    ]
    document = export_json(Corpus(root=root, articles=[article]), annotations)
    assert len(document["annotations"]) == 2000
    starts = [r["offsets"]["current"]["start"] for r in document["annotations"]]
    assert starts == sorted(starts)
