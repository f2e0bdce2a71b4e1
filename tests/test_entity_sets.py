"""The hand-labelled entity sets: the `.ann` parser, the labels' invariants, the scoring."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.entity_sets.annfile import AnnError, GoldSpan, load_set, normalise_text, parse_ann
from reader.entities.model import Label

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "entity_sets"
SEEDS = ROOT / "seeds"
SET_NAMES = ["dev", "heldout"]

NATIONALITIES = re.compile(
    r"(?i)^(the )?(ukrainians?|russians?|americans?|europeans?|british|chinese|western|german|"
    r"israeli|french|japanese|kenyans?|indians?|brazilians?|chileans?|indonesians?|nigerians?|"
    r"koreans?|spanish|swiss)$"
)
TITLE_PREFIX = re.compile(
    r"^(Mr|Mrs|Ms|Dr|Prof|Gen|Gov|Rep|Sen|Sir|President|Secretary|Minister|Chancellor|"
    r"Representative|Professor|Governor|Mayor|Judge|Coach)\b\.?"
)


def _available_sets() -> list[str]:
    return [name for name in SET_NAMES if (SETS / name).is_dir()]


# --- parser -------------------------------------------------------------------


def test_parse_plain_and_valued_marks() -> None:
    text, spans = parse_ann(
        "{{PERSON|Ada Osei}} flew to {{PLACE|Nairobi}} on {{DATE|May 3|2024-05-03}}."
    )
    assert text == "Ada Osei flew to Nairobi on May 3."
    assert spans == [
        GoldSpan(0, 8, Label.PERSON, "Ada Osei"),
        GoldSpan(17, 24, Label.PLACE, "Nairobi"),
        GoldSpan(28, 33, Label.DATE, "May 3", "2024-05-03"),
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_parse_text_without_marks_and_adjacent_marks() -> None:
    assert parse_ann("no marks here") == ("no marks here", [])
    text, spans = parse_ann("{{QUANTITY|5}}{{QUANTITY|km}}")
    assert text == "5km"
    assert [(s.start, s.end) for s in spans] == [(0, 1), (1, 3)]


def test_parse_counts_offsets_in_characters_not_bytes() -> None:
    text, spans = parse_ann("Ünïcödé “quoted” {{PERSON|Zoë Ngũgĩ}} ok")
    span = spans[0]
    assert text[span.start : span.end] == "Zoë Ngũgĩ"


@pytest.mark.parametrize(
    ("marked", "message"),
    [
        ("{{PERSN|Ada}} x", "unknown label"),
        ("{{person|Ada}} x", "unknown label"),
        ("a {{PERSON|Ada x", "unclosed"),
        ("a {{PERSON|Ada {{PLACE|Lagos}}}}", "nested"),
        ("a }} b", "outside a mark"),
        ("{{PERSON|}}", "empty mark"),
        ("{{PERSON}}", "LABEL|text"),
        ("{{DATE|May|2024|05}}", "LABEL|text"),
        ("{{PLACE|Lagos|2024}}", "value on a PLACE"),
        ("{{DATE|May|}}", "empty value"),
        ("{{PERSON|Ada\nOsei}}", "line break"),
    ],
)
def test_parse_rejects_malformed_markup(marked: str, message: str) -> None:
    with pytest.raises(AnnError, match=re.escape(message)):
        parse_ann(marked)


def test_parse_error_names_the_line() -> None:
    with pytest.raises(AnnError, match="line 3"):
        parse_ann("one\ntwo\nthree {{NOPE|x}}")


def test_load_set_reads_meta_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.ann").write_text("\ufeff{{PLACE|Quito}} on {{DATE|Monday}}\r\n", "utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"a.ann": "2024-01-03"}), "utf-8")
    [doc] = load_set(tmp_path)
    assert (doc.name, doc.text, doc.published) == ("a", "Quito on Monday\n", "2024-01-03")
    (tmp_path / "meta.json").write_text(json.dumps({"zzz.ann": "2024-01-03"}), "utf-8")
    with pytest.raises(AnnError, match=r"names no \.ann file"):
        load_set(tmp_path)
    (tmp_path / "meta.json").write_text(json.dumps({"a": "3 Jan 2024"}), "utf-8")
    with pytest.raises(AnnError, match="no ISO date"):
        load_set(tmp_path)
    (tmp_path / "meta.json").write_text("{not json", "utf-8")
    with pytest.raises(AnnError, match="not valid JSON"):
        load_set(tmp_path)
    (tmp_path / "meta.json").unlink()
    (tmp_path / "b.ann").write_text("{{ORG|Banco", "utf-8")
    with pytest.raises(AnnError, match=r"b\.ann.*unclosed"):
        load_set(tmp_path)


def test_load_set_of_empty_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(AnnError, match=r"no \.ann files"):
        load_set(tmp_path)


# --- the labelled sets ----------------------------------------------------------


def test_dev_set_covers_every_seed_and_strips_to_it_exactly() -> None:
    docs = {doc.name: doc for doc in load_set(SETS / "dev")}
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds, "no seed articles"
    assert sorted(docs) == [p.stem for p in seeds]
    for seed in seeds:
        expected = normalise_text(seed.read_bytes().decode("utf-8"))
        assert docs[seed.stem].text == expected, seed.name


def test_dev_meta_has_the_stated_publication_date() -> None:
    docs = {doc.name: doc for doc in load_set(SETS / "dev")}
    assert docs["003_3746ec981e8ff7bf"].published == "2024-09-06"
    assert [d.name for d in docs.values() if d.published] == ["003_3746ec981e8ff7bf"]


@pytest.mark.parametrize("set_name", _available_sets())
def test_span_invariants(set_name: str) -> None:
    docs = load_set(SETS / set_name)
    assert sum(len(doc.spans) for doc in docs) > 0
    for doc in docs:
        previous_end = 0
        for span in doc.spans:
            where = f"{set_name}/{doc.name}@{span.start} {span.text!r}"
            assert doc.text[span.start : span.end] == span.text, where
            assert span.text == span.text.strip(), where
            assert span.start >= previous_end, where
            previous_end = span.end
            assert not span.text.endswith(("'s", "’s")), where
            assert not NATIONALITIES.match(span.text), where
            if span.label is Label.PERSON:
                assert not TITLE_PREFIX.match(span.text), where
            if span.value is not None:
                assert span.label is Label.DATE, where
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", span.value), where


@pytest.mark.parametrize("set_name", _available_sets())
def test_relative_dates_have_no_value_without_a_publication_date(set_name: str) -> None:
    relative = re.compile(
        r"(?i)\b(this|last|next|past|ago|week|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b"
    )
    for doc in load_set(SETS / set_name):
        if doc.published is not None:
            continue
        for span in doc.spans:
            if span.label is Label.DATE and relative.search(span.text):
                assert span.value is None, f"{doc.name}: {span.text!r}"


def test_every_span_of_a_repeated_surface_is_labelled_alike_in_dev() -> None:
    """A surface labelled once is labelled at each whole-word occurrence (repeats count)."""
    skip = {"two", "a year", "spring", "winter", "the week", "Post"}
    for doc in load_set(SETS / "dev"):
        labelled = {s.text: s.label for s in doc.spans if s.text not in skip}
        starts = {s.start for s in doc.spans}
        covered = [False] * len(doc.text)
        for s in doc.spans:
            covered[s.start : s.end] = [True] * (s.end - s.start)
        for surface in labelled:
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", doc.text):
                assert m.start() in starts or covered[m.start()], (
                    f"{doc.name}: unlabelled {surface!r} at {m.start()}"
                )
