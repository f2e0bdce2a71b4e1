"""The hand-labelled entity sets: the `.ann` parser, the labels' invariants, the scoring."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from bench.entity_sets.annfile import AnnError, GoldSpan, load_set, normalise_text, parse_ann
from bench.entity_sets.scoring import Counts, errors, match, score_doc, score_set
from reader.entities.model import Label

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "entity_sets"
SEEDS = ROOT / "seeds"
SET_NAMES = ["dev", "heldout", "heldout2"]

NATIONALITIES = re.compile(
    r"(?i)^(the )?(ukrainians?|russians?|americans?|europeans?|british|chinese|western|german|"
    r"israeli|french|japanese|kenyans?|indians?|brazilians?|chileans?|indonesians?|nigerians?|"
    r"koreans?|spanish|swiss|pakistanis?|vietnamese|egyptians?|germans|mexicans?|australians?|"
    r"polish|poles)$"
)
TITLE_PREFIX = re.compile(
    r"^(Mr|Mrs|Ms|Dr|Prof|Gen|Gov|Rep|Sen|Sir|President|Secretary|Minister|Chancellor|"
    r"Representative|Professor|Governor|Mayor|Judge|Coach|Councillor|Acting|Analyst|Author|By)\b\.?"
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


@pytest.mark.parametrize("set_name", _available_sets())
def test_every_occurrence_of_a_labelled_surface_is_labelled(set_name: str) -> None:
    """A surface labelled once is labelled at each whole-word occurrence (repeats count).

    The exceptions are the surfaces the guidelines leave out in some contexts:
    a rate denominator ("120,000 tonnes a year")."""
    skip = {"a year"}
    for doc in load_set(SETS / set_name):
        covered = [False] * len(doc.text)
        for s in doc.spans:
            covered[s.start : s.end] = [True] * (s.end - s.start)
        for surface in {s.text for s in doc.spans} - skip:
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", doc.text):
                assert covered[m.start()], f"{doc.name}: unlabelled {surface!r} at {m.start()}"


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.mark.parametrize("set_name", _available_sets())
def test_weekday_values_fall_on_that_weekday_near_publication(set_name: str) -> None:
    for doc in load_set(SETS / set_name):
        for span in doc.spans:
            day = span.text.split()[0].lower()
            if span.label is not Label.DATE or day not in WEEKDAYS or span.value is None:
                continue
            assert doc.published is not None
            when = date.fromisoformat(span.value)
            assert when.weekday() == WEEKDAYS.index(day), f"{doc.name}: {span}"
            gap = abs((when - date.fromisoformat(doc.published)).days)
            assert gap <= 7, f"{doc.name}: {span}"


@pytest.mark.parametrize(("set_name", "min_docs"), [("heldout", 5), ("heldout2", 6)])
def test_heldout_sets_are_marked_never_tuned_and_have_the_promised_shape(
    set_name: str, min_docs: int
) -> None:
    folder = SETS / set_name
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "never used for tuning" in readme
    docs = load_set(folder)
    assert len(docs) >= min_docs
    for doc in docs:
        assert doc.published is not None, doc.name
        assert 400 <= len(doc.text.split()) <= 700, doc.name
        labels = {str(s.label) for s in doc.spans}
        assert labels == {str(label) for label in Label}, doc.name
    others = {doc.text for name in SET_NAMES if name != set_name for doc in load_set(SETS / name)}
    assert not others & {doc.text for doc in docs}


def test_heldout2_shares_no_article_name_with_heldout() -> None:
    first = {doc.name for doc in load_set(SETS / "heldout")}
    second = {doc.name for doc in load_set(SETS / "heldout2")}
    assert second and not first & second


# --- scoring ------------------------------------------------------------------


def _s(start: int, end: int, label: str = "PERSON", value: str | None = None) -> GoldSpan:
    return GoldSpan(start, end, Label(label), "x" * (end - start), value)


def test_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0


def test_exact_needs_same_boundaries_overlap_does_not() -> None:
    gold, pred = [_s(0, 10)], [_s(0, 8)]
    exact = score_doc(gold, pred, "exact").by_label["PERSON"]
    overlap = score_doc(gold, pred, "overlap").by_label["PERSON"]
    assert (exact.tp, exact.fp, exact.fn) == (0, 1, 1)
    assert (overlap.tp, overlap.fp, overlap.fn) == (1, 0, 0)


def test_touching_spans_do_not_overlap() -> None:
    result = score_doc([_s(0, 5)], [_s(5, 9)], "overlap").overall
    assert (result.tp, result.fp, result.fn) == (0, 1, 1)


def test_a_wrong_label_never_matches() -> None:
    for mode in ("exact", "overlap"):
        result = score_doc([_s(0, 5, "ORG")], [_s(0, 5, "PLACE")], mode)
        assert (result.by_label["ORG"].fn, result.by_label["PLACE"].fp) == (1, 1)
        assert result.overall.tp == 0


def test_one_long_prediction_matches_only_one_gold_span() -> None:
    result = score_doc([_s(0, 5), _s(6, 10)], [_s(0, 10)], "overlap").overall
    assert (result.tp, result.fp, result.fn) == (1, 0, 1)
    result = score_doc([_s(0, 10)], [_s(0, 5), _s(6, 10)], "overlap").overall
    assert (result.tp, result.fp, result.fn) == (1, 1, 0)


def test_overlap_matching_is_maximal_not_greedy() -> None:
    # A greedy pass giving gold[0] the first overlapping prediction (the long
    # one) would leave gold[1] unmatched; the best assignment matches both.
    gold = [_s(0, 5), _s(4, 10)]
    pred = [_s(0, 10), _s(0, 3)]
    result = score_doc(gold, pred, "overlap").overall
    assert (result.tp, result.fp, result.fn) == (2, 0, 0)
    assert match(gold, pred, "overlap") == [(0, 1), (1, 0)]


def test_duplicate_predictions_count_once() -> None:
    result = score_doc([_s(0, 5)], [_s(0, 5), _s(0, 5)], "exact").overall
    assert (result.tp, result.fp, result.fn) == (1, 1, 0)


def test_date_value_accuracy_counts_exact_dates_with_a_gold_value() -> None:
    gold = [
        _s(0, 4, "DATE", "2024"),
        _s(5, 9, "DATE", "2023-05"),
        _s(10, 14, "DATE"),
        _s(15, 19, "DATE", "2020"),
    ]
    pred = [
        _s(0, 4, "DATE", "2024"),
        _s(5, 9, "DATE", "2023-06"),
        _s(10, 14, "DATE", "2022"),
        _s(15, 18, "DATE", "2020"),
    ]
    result = score_doc(gold, pred, "exact")
    # the third has no gold value; the fourth is not an exact match
    assert (result.values_correct, result.values_total) == (1, 2)
    assert result.value_accuracy == pytest.approx(0.5)
    assert score_doc(gold, pred, "overlap").value_accuracy is None


def test_score_set_sums_documents_and_never_matches_across_them() -> None:
    docs = [([_s(0, 5)], [_s(0, 5)]), ([_s(10, 15)], [_s(0, 5)])]
    result = score_set(docs, "exact").overall
    assert (result.tp, result.fp, result.fn) == (1, 1, 1)


def test_errors_lists_misses_and_spurious_of_one_label() -> None:
    gold = [_s(0, 5), _s(6, 9), _s(10, 12, "ORG")]
    pred = [_s(0, 5), _s(6, 8), _s(20, 22, "ORG")]
    missed, spurious = errors(gold, pred, "PERSON")
    assert (missed, spurious) == ([gold[1]], [pred[1]])


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown mode"):
        match([_s(0, 1)], [_s(0, 1)], "fuzzy")  # type: ignore[arg-type]


# --- the benchmark script -------------------------------------------------------


def test_benchmark_scores_a_perfect_extractor_as_perfect(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bench.entities as bench_entities
    from reader.entities.model import Entity

    gold = {doc.text: doc.spans for doc in load_set(SETS / "dev")}

    def perfect(text: str, published: str | None = None) -> list[Entity]:
        spans = gold.get(text, ())
        return [Entity(s.start, s.end, s.text, s.label, s.value) for s in spans]

    monkeypatch.setattr(bench_entities, "extract_entities", perfect)
    monkeypatch.setattr(bench_entities, "MAX_TIMED_BYTES", 200_000)
    args = ["--set", "dev", "--json", "--repeats", "1", "--min-seconds", "0.01", "--cold-mb", "0"]
    assert bench_entities.main(args) == 0
    report = json.loads(capsys.readouterr().out)
    dev = report["sets"]["dev"]
    assert dev["exact"]["ALL"]["f1"] == dev["overlap"]["ALL"]["f1"] == 1.0
    assert dev["date_values"]["accuracy"] == 1.0
    assert dev["gold"] == dev["pred"]
    assert dev["throughput"]["bytes"] > 0
    assert report["machine"]["cpu_count"] == os.cpu_count()


@pytest.mark.parametrize("set_name", ["heldout", "heldout2", "all"])
def test_benchmark_refuses_errors_on_the_heldout_sets(
    set_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import bench.entities as bench_entities

    with pytest.raises(SystemExit):
        bench_entities.main(["--set", set_name, "--errors", "PERSON", "--cold-mb", "0"])
    assert "never used for tuning" in capsys.readouterr().err


def test_benchmark_runs_heldout2_alone_and_in_all(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bench.entities as bench_entities

    monkeypatch.setattr(bench_entities, "extract_entities", lambda text, published=None: [])
    monkeypatch.setattr(bench_entities, "MAX_TIMED_BYTES", 50_000)
    quick = ["--json", "--repeats", "1", "--min-seconds", "0.001", "--cold-mb", "0"]
    assert bench_entities.main(["--set", "heldout2", *quick]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report["sets"]) == ["heldout2"]
    gold = report["sets"]["heldout2"]["gold"]
    assert gold == {
        k: sum(str(s.label) == k for d in load_set(SETS / "heldout2") for s in d.spans)
        for k in gold
    }
    assert report["sets"]["heldout2"]["exact"]["ALL"]["recall"] == 0.0
    assert "cold_throughput" not in report
    assert bench_entities.main(["--set", "all", *quick]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "heldout2" in report["sets"] and "dev" in report["sets"]


def test_cold_throughput_times_each_generated_article_once_in_a_child() -> None:
    import bench.entities as bench_entities

    result = bench_entities.cold_throughput(0.03)
    assert result["bytes"] >= 30_000
    assert result["articles"] >= 1 and 0 <= result["dated"] <= result["articles"]
    assert result["seconds"] > 0 and result["mb_per_s"] > 0
    assert result["cpu_seconds"] > 0 and result["cpu_mb_per_s"] > 0
    assert len(result["load_average_before"]) == 3
