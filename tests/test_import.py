"""`reader import`: merging a colleague's native export into the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest

from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.corpus import Corpus
from reader.export import (
    ImportFormatError,
    export_annotations,
    import_annotations,
    parse_export,
    plan_import,
)
from tests.export_support import make_corpus, sample_annotations

READER = Path(sys.executable).with_name("reader")


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path / "corpus")


@pytest.fixture
def annotations(corpus: Corpus) -> list[Annotation]:
    return sample_annotations(corpus)


def native(corpus: Corpus, annotations: list[Annotation]) -> str:
    return export_annotations("json", corpus, annotations).text


def stored(db: Path) -> list[Annotation]:
    with AnnotationStore.open(db, read_only=True) as store:
        return store.all()


def test_parse_rebuilds_identical_annotations(corpus, annotations) -> None:
    assert sorted(parse_export(native(corpus, annotations)), key=lambda a: a.id) == sorted(
        annotations, key=lambda a: a.id
    )


def test_counts_added_updated_skipped_orphaned(corpus, annotations, tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        report = import_annotations(parse_export(native(corpus, annotations)), store, corpus)
        assert (report.added, report.updated, report.skipped, report.orphaned) == (8, 0, 0, 1)
        assert report.missing_articles == ("gone/missing.txt",)
        again = import_annotations(parse_export(native(corpus, annotations)), store, corpus)
        assert (again.added, again.updated, again.skipped, again.orphaned) == (0, 0, 8, 0)

        newer = replace(annotations[0], verdict="false", updated="2025-06-01T00:00:00+00:00")
        older = replace(annotations[1], note="stale", updated="2020-01-01T00:00:00+00:00")
        same_time = replace(annotations[2], note="conflict")  # same `updated`, other content
        other_zone = replace(  # later instant written in another time zone
            annotations[3], tags=("x",), updated="2024-01-04T10:00:00+02:00"
        )
        report = import_annotations([newer, older, same_time, other_zone], store, corpus)
        assert (report.added, report.updated, report.skipped) == (0, 1, 3)
        by_id = {a.id: a for a in store.all()}
    assert by_id[newer.id] == newer
    assert by_id[older.id] == annotations[1]
    assert by_id[same_time.id] == annotations[2]
    assert by_id[other_zone.id] == annotations[3]  # 08:00 UTC is before 09:00 UTC
    assert len(stored(db)) == 8


def test_orphans_are_stored_and_counted(corpus, annotations, tmp_path: Path) -> None:
    orphan = next(a for a in annotations if a.article_id == "gone/missing.txt")
    lost_quote = replace(
        annotations[1],
        id="b" * 32,
        anchor=replace(annotations[1].anchor, exact="nowhere to be found"),
    )
    plan = plan_import([orphan, lost_quote], [], corpus)
    assert len(plan.adds) == 2 and plan.orphaned == 2
    assert plan.missing_articles == ("gone/missing.txt",)
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        import_annotations([orphan, lost_quote], store, corpus)
    assert {a.id for a in stored(db)} == {orphan.id, lost_quote.id}


def test_round_trip_is_identical_but_for_the_timestamp(corpus, annotations, tmp_path: Path) -> None:
    first_db, second_db = tmp_path / "one.json", tmp_path / "two.json"
    with AnnotationStore.open(first_db) as store:
        store.apply_batch(annotations, [])
        first = export_annotations("json", corpus, store.all(), now="2025-01-01T00:00:00Z").text
    with AnnotationStore.open(second_db) as store:
        import_annotations(parse_export(first), store, corpus)
        second = export_annotations("json", corpus, store.all(), now="2025-09-09T09:09:09Z").text
    assert first != second
    assert first.replace("2025-01-01T00:00:00Z", "2025-09-09T09:09:09Z", 1) == second


def test_round_trip_through_the_installed_command(corpus, annotations, tmp_path: Path) -> None:
    db, empty = tmp_path / "db.json", tmp_path / "empty.json"
    with AnnotationStore.open(db) as store:
        store.apply_batch(annotations, [])
    env = {**os.environ, "READER_DB": str(tmp_path / "unused.json")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(READER), *args], capture_output=True, text=True, env=env, check=False, timeout=60
        )

    out1, out2 = tmp_path / "one.json", tmp_path / "two.json"
    assert run("export", str(corpus.root), "--db", str(db), "-o", str(out1)).returncode == 0
    done = run("import", str(out1), str(corpus.root), "--db", str(empty))
    assert done.returncode == 0, done.stderr
    assert "added 8, updated 0, skipped 0, orphaned 1" in done.stdout
    assert "gone/missing.txt" in done.stdout
    assert run("export", str(corpus.root), "--db", str(empty), "-o", str(out2)).returncode == 0
    one = json.loads(out1.read_text(encoding="utf-8"))
    two = json.loads(out2.read_text(encoding="utf-8"))
    one.pop("exported_at"), two.pop("exported_at")
    assert one == two
    lines1 = out1.read_text(encoding="utf-8").splitlines()
    lines2 = out2.read_text(encoding="utf-8").splitlines()
    differ = [n for n, (a, b) in enumerate(zip(lines1, lines2, strict=True)) if a != b]
    assert differ in ([], [3])  # only the export time (same second: no line at all)
    assert lines1[3].startswith('  "exported_at": ')


def _record_file(corpus: Corpus, annotations: list[Annotation], edit) -> str:  # type: ignore[no-untyped-def]
    document = json.loads(native(corpus, annotations))
    edit(document)
    return json.dumps(document)


def _drop_created(doc: dict) -> None:
    del doc["annotations"][3]["created"]


def _bad_tags(doc: dict) -> None:
    doc["annotations"][0]["tags"] = "a,b"


def _duplicate(doc: dict) -> None:
    doc["annotations"][2]["id"] = doc["annotations"][0]["id"]


def _bad_time(doc: dict) -> None:
    doc["annotations"][1]["updated"] = "yesterday"


def _bad_kind(doc: dict) -> None:
    doc["annotations"][0]["kind"] = "rumour"


def _half_anchor(doc: dict) -> None:
    doc["annotations"][1]["offsets"] = None


def _negative(doc: dict) -> None:
    doc["annotations"][1]["offsets"]["stored"]["start"] = -4


def _newer(doc: dict) -> None:
    doc["version"] = 2


def _no_annotations(doc: dict) -> None:
    del doc["annotations"]


RECORD_PROBLEMS = [
    (_drop_created, "annotations[3].created: missing"),
    (_bad_tags, "annotations[0].tags: must be a list"),
    (_duplicate, "annotations[2].id: duplicate of annotations[0].id"),
    (_bad_time, "annotations[1].updated: 'yesterday' is not an ISO 8601 date-time"),
    (_bad_kind, "annotations[0].kind: 'rumour' is not one of highlight, note, tag, fact-check"),
    (_half_anchor, "annotations[1].offsets: must be set when the other one is"),
    (_negative, "annotations[1].offsets.stored.start: must not be negative"),
    (_newer, "version 2, newer than this reader understands"),
    (_no_annotations, "annotations: missing"),
]


@pytest.mark.parametrize(("edit", "message"), RECORD_PROBLEMS)
def test_bad_records_are_named(corpus, annotations, edit, message: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_export(_record_file(corpus, annotations, edit))
    assert message in str(caught.value)


FOREIGN = [
    (b"", "the file is empty"),
    (b"\xff\xfeh\x00i\x00", "not UTF-8"),
    (b"hello, world", "not valid JSON: Expecting value at line 1 column 1"),
    (b'{"schema": "reader-export", "version": 1, "annotations": [', "not valid JSON"),
    (b'{"a": NaN}', "not valid JSON: NaN is not allowed"),
    (b"[]", "a JSON list, not a reader export"),
    (b'"text"', "not an object"),
    (b'{"schema": "other", "version": 1}', "not a reader export (schema 'other'"),
    (b'{"annotations": []}', 'no "schema" field'),
    (b'{"schema": "reader-export", "version": "1"}', "version: '1' is not a valid export version"),
]


@pytest.mark.parametrize(("raw", "message"), FOREIGN)
def test_foreign_files_are_named(raw: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_export(raw)
    assert message in str(caught.value)


def test_other_export_formats_are_refused(corpus, annotations) -> None:
    web = export_annotations("webannotation", corpus, annotations).text
    with pytest.raises(ImportFormatError, match="Web Annotation"):
        parse_export(web)
    claims = export_annotations("claimreview", corpus, annotations).text
    with pytest.raises(ImportFormatError, match="ClaimReview"):
        parse_export(claims)


def test_many_problems_are_summarised(corpus, annotations) -> None:
    def break_all(doc: dict) -> None:
        for record in doc["annotations"]:
            del record["author"]

    with pytest.raises(ImportFormatError) as caught:
        parse_export(_record_file(corpus, annotations, break_all))
    text = str(caught.value)
    assert text.startswith("annotations[0].author: missing")
    assert "and 3 more problem(s)" in text


def test_bad_files_leave_the_database_byte_for_byte(
    corpus, annotations, tmp_path: Path, capsys
) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        store.apply_batch(annotations[:3], [])
    before = db.read_bytes()
    changed = [replace(a, note="changed", updated="2030-01-01T00:00:00+00:00") for a in annotations]
    bad_files = [raw for raw, _ in FOREIGN]
    for edit, _ in RECORD_PROBLEMS:
        bad_files.append(_record_file(corpus, changed, edit).encode())
    for n, raw in enumerate(bad_files):
        path = tmp_path / f"bad{n}.json"
        path.write_bytes(raw)
        assert main(["import", str(path), str(corpus.root), "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"reader: error: {path}: ")
        assert db.read_bytes() == before
    assert main(["import", str(tmp_path / "absent.json"), str(corpus.root), "--db", str(db)]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_import_into_a_corrupt_database_changes_nothing(
    corpus, annotations, tmp_path: Path, capsys
) -> None:
    good = tmp_path / "good.json"
    good.write_text(native(corpus, annotations), encoding="utf-8")
    db = tmp_path / "db.json"
    db.write_bytes(b'{"half": ')
    assert main(["import", str(good), str(corpus.root), "--db", str(db)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert db.read_bytes() == b'{"half": '


def test_dry_run_writes_nothing(corpus, annotations, tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.json"
    good.write_text(native(corpus, annotations), encoding="utf-8")
    db = tmp_path / "db.json"
    assert main(["import", str(good), str(corpus.root), "--db", str(db), "--dry-run"]) == 0
    assert "would import" in capsys.readouterr().out
    assert not db.exists()


def test_nothing_new_means_no_write(corpus, annotations, tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        store.apply_batch(annotations, [])
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    good = tmp_path / "good.json"
    good.write_text(native(corpus, annotations), encoding="utf-8")
    assert main(["import", str(good), str(corpus.root), "--db", str(db)]) == 0
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before


def _annotations_strategy():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    from reader.annotations.model import Anchor, Kind, Source, Status

    text = st.text(max_size=40)
    times = st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5))])).map(
        lambda d: d.isoformat()
    )
    anchors = st.none() | st.builds(
        lambda s, n, exact, pre, suf, h: Anchor(s, s + n, exact, pre, suf, h),
        st.integers(0, 10_000),
        st.integers(0, 500),
        text,
        text,
        text,
        st.sampled_from(["", "f" * 64]),
    )
    one = st.builds(
        Annotation,
        article_id=st.sampled_from(["first.txt", "sub/second.md", "gone.txt"]) | text.filter(bool),
        kind=st.sampled_from(list(Kind)),
        anchor=anchors,
        tags=st.lists(text, max_size=3).map(tuple),
        note=text,
        claim=text,
        claimant=text,
        verdict=st.none() | text,
        conclusion=text,
        sources=st.lists(st.builds(Source, url=text, note=text), max_size=2).map(tuple),
        status=st.sampled_from(list(Status)),
        author=text,
        created=times,
        updated=times,
    )
    return st.lists(one, max_size=6, unique_by=lambda a: a.id)


def test_any_annotations_survive_export_and_parse(tmp_path_factory) -> None:
    from hypothesis import given, settings

    corpus = make_corpus(tmp_path_factory.mktemp("prop") / "corpus")

    @settings(max_examples=40, deadline=None)
    @given(_annotations_strategy())
    def check(annotations: list[Annotation]) -> None:
        text = export_annotations("json", corpus, annotations).text
        back = parse_export(text.encode("utf-8"))
        assert sorted(back, key=lambda a: a.id) == sorted(annotations, key=lambda a: a.id)
        for fmt in ("webannotation", "claimreview", "markdown"):
            export_annotations(fmt, corpus, annotations)  # never raises

    check()
