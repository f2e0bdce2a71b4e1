"""AnnotationStore: round trips, restarts, bad files left untouched, unwritable paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.annotations.model import Anchor, Annotation, Kind, Source, Status
from reader.annotations.store import AnnotationStore, ArticleCounts, StoreError

TEXT = "The minister said on Tuesday that inflation was 12 percent, citing [Reuters]."


def make(article: str = "a.txt", note: str = "n", **kw: object) -> Annotation:
    start = TEXT.index("inflation")
    return Annotation(
        article_id=article,
        anchor=Anchor.from_text(TEXT, start, start + 24, "hash1"),
        note=note,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "annotations.json"


def test_round_trip_and_restart(db: Path) -> None:
    store = AnnotationStore.open(db)
    rich = make(
        kind=Kind.FACTCHECK,
        tags=("claim", "statistic"),
        claim="inflation was 12 percent",
        claimant="the minister",
        verdict="mostly false",
        sources=(Source("https://example.org/cpi", "official figure"),),
        status=Status.IN_PROGRESS,
        author="jane",
        note="héllo \u202e [b]bold[/b] \x1b[31m",
    )
    plain = make("b.txt")
    store.add(rich)
    store.add(plain)
    edited = plain.edited(note="changed")
    store.update(edited)
    assert store.get(rich.id) == rich
    assert store.get(plain.id) == edited
    store.close()

    again = AnnotationStore.open(db)
    assert again.get(rich.id) == rich
    assert again.get(plain.id) == edited
    assert {a.id for a in again.all()} == {rich.id, plain.id}
    assert again.for_article("a.txt") == [rich]
    assert again.for_article("missing") == []
    # The file is plain JSON that names its schema.
    data = json.loads(db.read_text("utf-8"))
    assert data["_meta"]["1"]["schema"] == 1
    assert data["_meta"]["1"]["app"] == "reader"
    assert set(data["annotations"]) == {rich.id, plain.id}


def test_delete_and_counts(db: Path) -> None:
    store = AnnotationStore.open(db)
    a1 = make("a.txt", kind=Kind.FACTCHECK)
    a2 = make("a.txt", kind=Kind.FACTCHECK, status=Status.DONE)
    a3 = make("b.txt")
    for ann in (a1, a2, a3):
        store.add(ann)
    assert store.counts_by_article() == {
        "a.txt": ArticleCounts(notes=2, open_factchecks=1),
        "b.txt": ArticleCounts(notes=1, open_factchecks=0),
    }
    store.delete(a3.id)
    store.delete("no-such-id")  # a no-op
    assert "b.txt" not in store.counts_by_article()
    assert AnnotationStore.open(db).get(a3.id) is None


def test_for_article_orders_by_position(db: Path) -> None:
    store = AnnotationStore.open(db)
    late = Annotation("a", anchor=Anchor.from_text(TEXT, 40, 50))
    early = Annotation("a", anchor=Anchor.from_text(TEXT, 4, 12))
    whole = Annotation("a", note="article-level")
    for ann in (late, early, whole):
        store.add(ann)
    assert [a.id for a in store.for_article("a")] == [whole.id, early.id, late.id]


def test_add_duplicate_id_is_refused(db: Path) -> None:
    store = AnnotationStore.open(db)
    ann = make()
    store.add(ann)
    with pytest.raises(ValueError):
        store.add(ann)
    with pytest.raises(TypeError):
        store.add({"id": "x"})  # type: ignore[arg-type]
    assert len(AnnotationStore.open(db).all()) == 1


def test_apply_batch_is_one_write_and_all_or_nothing(db: Path) -> None:
    store = AnnotationStore.open(db)
    existing = make(note="old")
    store.add(existing)
    adds = [make(f"art{i % 7}", note=str(i)) for i in range(500)]
    store.apply_batch(adds, [existing.edited(note="new")])
    again = AnnotationStore.open(db)
    assert len(again.all()) == 501
    assert again.get(existing.id).note == "new"  # type: ignore[union-attr]
    before = db.read_bytes()
    with pytest.raises(ValueError):
        store.apply_batch([make(), adds[0]], [])
    assert db.read_bytes() == before
    assert len(store.all()) == 501


def test_empty_file_is_a_new_database(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    store = AnnotationStore.open(db)
    assert store.all() == []
    ann = make()
    store.add(ann)
    assert AnnotationStore.open(db).get(ann.id) == ann


def test_missing_file_is_not_created_until_first_change(db: Path) -> None:
    store = AnnotationStore.open(db)
    assert db.parent.is_dir()
    assert not db.exists()
    store.add(make())
    assert db.exists()


BAD_FILES = {
    "invalid json": b'{"annotations": {"x": ',
    "binary": b"\xff\xfe\x00garbage",
    "json list": b"[1, 2, 3]",
    "json string": b'"hello"',
    "table not a dict": b'{"annotations": [1, 2]}',
    "document not a dict": b'{"annotations": {"1": "text"}}',
    "newer schema": b'{"_meta": {"1": {"schema": 99, "app": "reader"}}, "annotations": {}}',
    "schema not a number": b'{"_meta": {"1": {"schema": "one", "app": "reader"}}}',
    "another app": b'{"_meta": {"1": {"schema": 1, "app": "other"}}}',
    "foreign tinydb": b'{"_default": {"1": {"name": "John"}}}',
    "history ids not numbers": b'{"history": {"abc": {}}}',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_database_is_refused_and_left_untouched(db: Path, name: str) -> None:
    db.parent.mkdir(parents=True)
    content = BAD_FILES[name]
    db.write_bytes(content)
    stat_before = db.stat()
    with pytest.raises(StoreError) as err:
        AnnotationStore.open(db)
    message = str(err.value)
    assert str(db) in message
    assert "untouched" in message
    if name == "newer schema":
        assert "newer version" in message
    assert db.read_bytes() == content
    assert db.stat().st_mtime_ns == stat_before.st_mtime_ns
    # Read-only opening refuses the same way.
    with pytest.raises(StoreError):
        AnnotationStore.open(db, read_only=True)
    assert db.read_bytes() == content


def test_file_broken_by_someone_else_while_open_is_not_overwritten(db: Path) -> None:
    store = AnnotationStore.open(db)
    kept = make()
    store.add(kept)
    db.write_bytes(b"{ broken")
    assert store.get(kept.id) == kept  # reads keep serving what we had
    with pytest.raises(StoreError, match="not valid JSON"):
        store.add(make())
    assert db.read_bytes() == b"{ broken"


def test_unreadable_records_are_kept_in_the_file(db: Path) -> None:
    db.parent.mkdir(parents=True)
    good = make()
    from reader.annotations.codec import annotation_to_dict

    data = {
        "_meta": {"1": {"schema": 1, "app": "reader"}},
        "annotations": {good.id: annotation_to_dict(good), "weird": {"id": "weird"}},
    }
    db.write_text(json.dumps(data), "utf-8")
    store = AnnotationStore.open(db)
    assert [a.id for a in store.all()] == [good.id]
    assert any("weird" in p for p in store.problems)
    store.add(make())
    assert json.loads(db.read_text("utf-8"))["annotations"]["weird"] == {"id": "weird"}


def test_unwritable_paths_fail_at_open(tmp_path: Path) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    with pytest.raises(StoreError, match="Cannot write") as unwritable:
        AnnotationStore.open(a_file / "sub" / "annotations.json")
    # what to do, and no option that does not exist (there is no "open read-only")
    assert "--db" in str(unwritable.value) and "open it read-only" not in str(unwritable.value)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        AnnotationStore.open(folder)


def test_read_only_open_under_a_regular_file_is_a_store_error(tmp_path: Path) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    for path in (a_file / "annotations.json", a_file / "sub" / "annotations.json"):
        with pytest.raises(StoreError, match="Cannot read"):
            AnnotationStore.open(path, read_only=True)
    assert a_file.read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_fails_at_open(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="Cannot write"):
            AnnotationStore.open(locked / "annotations.json")
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_fails_at_open(db: Path) -> None:
    AnnotationStore.open(db).add(make())
    db.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        AnnotationStore.open(db)
    assert len(AnnotationStore.open(db, read_only=True).all()) == 1


def test_read_only_store(db: Path) -> None:
    store = AnnotationStore.open(db)
    ann = make()
    store.add(ann)
    viewer = AnnotationStore.open(db, read_only=True)
    assert viewer.read_only and viewer.read_only_reason
    assert viewer.get(ann.id) == ann
    before = db.read_bytes()
    with pytest.raises(StoreError, match="read-only"):
        viewer.add(make())
    with pytest.raises(StoreError):
        viewer.delete(ann.id)
    assert not viewer.can_undo
    assert db.read_bytes() == before
    # A read-only store of a missing file is empty and creates nothing.
    ghost = db.parent / "nothing.json"
    assert AnnotationStore.open(ghost, read_only=True).all() == []
    assert not ghost.exists()


def test_closed_store_refuses_changes(db: Path) -> None:
    with AnnotationStore.open(db) as store:
        store.add(make())
    with pytest.raises(StoreError, match="closed"):
        store.add(make())


def test_two_instances_merge_instead_of_overwriting(db: Path) -> None:
    first = AnnotationStore.open(db)
    second = AnnotationStore.open(db)
    a = make(note="from first")
    b = make(note="from second")
    first.add(a)
    second.add(b)  # must re-read the file and keep `a`
    first.update(a.edited(note="edited in first"))  # must keep `b`
    final = AnnotationStore.open(db)
    assert {x.id for x in final.all()} == {a.id, b.id}
    assert final.get(a.id).note == "edited in first"  # type: ignore[union-attr]
    # Reads pick up the other instance's changes too.
    assert second.get(a.id).note == "edited in first"  # type: ignore[union-attr]


def test_lock_timeout_is_a_clear_error(db: Path) -> None:
    import filelock

    store = AnnotationStore.open(db, lock_timeout=0.2)
    holder = filelock.FileLock(str(db) + ".lock")
    with holder, pytest.raises(StoreError, match="busy"):
        store.add(make())
    store.add(make())  # works again once the lock is free


def test_stale_temp_files_are_cleaned_at_open(db: Path) -> None:
    AnnotationStore.open(db).add(make())
    stale = db.parent / f".{db.name}.12345.deadbeef.tmp"
    stale.write_bytes(b"half a write")
    AnnotationStore.open(db)
    assert not stale.exists()


def test_written_file_keeps_its_permissions(db: Path) -> None:
    store = AnnotationStore.open(db)
    store.add(make())
    db.chmod(0o640)
    store.add(make())
    assert db.stat().st_mode & 0o777 == 0o640


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=texts,
    tags=st.lists(texts, max_size=3),
    verdict=st.none() | texts,
    urls=st.lists(texts, max_size=2),
)
def test_any_annotation_survives_a_round_trip(
    tmp_path: Path, note: str, tags: list[str], verdict: str | None, urls: list[str]
) -> None:
    db = tmp_path / "prop.json"
    db.unlink(missing_ok=True)
    ann = Annotation(
        "art",
        note=note,
        tags=tuple(tags),
        verdict=verdict,
        sources=tuple(Source(u) for u in urls),
        anchor=Anchor(0, len(note), note, note[:3], note[-3:], "h"),
    )
    AnnotationStore.open(db).add(ann)
    assert AnnotationStore.open(db).get(ann.id) == ann


def test_failed_write_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from reader.annotations import storage

    store = AnnotationStore.open(db)
    kept = make()
    store.add(kept)
    before = db.read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write_bytes", disk_full)
    lost = make(note="never saved")
    with pytest.raises(StoreError, match="No space left"):
        store.add(lost)
    assert store.get(lost.id) is None  # memory agrees with the file
    assert store.get(kept.id) == kept
    assert db.read_bytes() == before
    monkeypatch.undo()
    store.add(lost)
    assert AnnotationStore.open(db).get(lost.id) == lost
    store.undo()  # the failed add left no trace in the history either
    store.undo()
    assert store.all() == []


@pytest.mark.parametrize(
    "bad",
    [
        Annotation("a", anchor=Anchor(2**70, 2**70 + 1, "x")),
        Annotation("a", note="lone surrogate \ud800"),
    ],
)
def test_unstorable_values_are_a_clear_error(db: Path, bad: Annotation) -> None:
    store = AnnotationStore.open(db)
    good = make()
    store.add(good)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="cannot be stored"):
        store.add(bad)
    with pytest.raises(StoreError, match="cannot be stored"):
        store.apply_batch([make(), bad], [])
    assert db.read_bytes() == before
    assert [a.id for a in store.all()] == [good.id]


def test_symlinked_database_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "annotations.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = AnnotationStore.open(link)
    ann = make()
    store.add(ann)
    assert link.is_symlink()
    assert AnnotationStore.open(real).get(ann.id) == ann


def test_store_modules_do_not_import_textual() -> None:
    import subprocess
    import sys

    from tests.test_layers import BLOCK_TEXTUAL

    modules = [
        "reader.annotations.store",
        "reader.annotations.anchoring",
        "reader.annotations.settings",
    ]
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


two_instance_ops = st.lists(
    st.tuples(
        st.sampled_from([0, 1]),
        st.sampled_from(["add", "edit", "delete", "undo", "redo"]),
        st.integers(0, 4),
    ),
    max_size=25,
)


@settings(max_examples=20, deadline=None)
@given(two_instance_ops)
def test_two_instances_always_agree_with_the_file(ops: list[tuple[int, str, int]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db.json"
        stores = [AnnotationStore.open(db), AnnotationStore.open(db)]
        ids: list[str] = []
        for who, op, n in ops:
            store = stores[who]
            if op == "add":
                ann = Annotation(f"art{n}", note=f"by {who}")
                ids.append(ann.id)
                store.add(ann)
            elif op in ("edit", "delete") and ids:
                current = store.get(ids[n % len(ids)])
                if current is not None and op == "edit":
                    store.update(current.edited(note=current.note + f" +{who}"))
                elif current is not None:
                    store.delete(current.id)
            elif op == "undo":
                store.undo()
            elif op == "redo":
                store.redo()
            truth = {a.id: a for a in AnnotationStore.open(db, read_only=True).all()}
            for each in stores:
                assert {a.id: a for a in each.all()} == truth
                counts = each.counts_by_article()
                assert sum(c.notes for c in counts.values()) == len(truth)
