"""AnnotationStore for an interface: which articles a change touched, and
threads (a write waiting for the file lock never holds up a reader)."""

from __future__ import annotations

import dataclasses
import errno
import threading
import time
from pathlib import Path

import filelock
import pytest

from reader.annotations import storage
from reader.annotations.model import Anchor, Annotation, Kind, Status
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
    return tmp_path / "annotations.json"


def test_changed_articles_of_each_kind_of_change(db: Path) -> None:
    store = AnnotationStore.open(db)
    assert store.take_changed_articles() == set()
    note = make("a.txt")
    store.add(note)
    assert store.take_changed_articles() == {"a.txt"}
    assert store.take_changed_articles() == set()  # taken
    store.update(note.edited(note="changed"))
    assert store.take_changed_articles() == {"a.txt"}
    moved = dataclasses.replace(note, article_id="b.txt")
    store.update(moved)  # moved to another article: both rows change
    assert store.take_changed_articles() == {"a.txt", "b.txt"}
    assert store.undo() is not None  # back to a.txt
    assert store.take_changed_articles() == {"a.txt", "b.txt"}
    assert store.redo() is not None
    assert store.take_changed_articles() == {"a.txt", "b.txt"}
    store.delete(note.id)
    assert store.take_changed_articles() == {"b.txt"}
    store.apply_batch([make("c.txt"), make("d.txt")], [])
    assert store.take_changed_articles() == {"c.txt", "d.txt"}
    store.delete("no such id")
    assert store.take_changed_articles() == set()


def test_changes_made_by_another_instance_are_reported_once_read(db: Path) -> None:
    mine = AnnotationStore.open(db)
    mine.add(make("a.txt"))
    mine.take_changed_articles()
    theirs = AnnotationStore.open(db)
    moved = dataclasses.replace(theirs.all()[0], article_id="z.txt")
    theirs.update(moved)
    theirs.add(make("c.txt"))
    assert mine.changed_on_disk()
    mine.refresh()
    assert not mine.changed_on_disk()
    assert mine.take_changed_articles() == {"a.txt", "z.txt", "c.txt"}
    # merged during a write, too
    theirs.delete(moved.id)
    mine.add(make("d.txt"))
    assert mine.take_changed_articles() == {"z.txt", "d.txt"}


def test_a_failed_write_reports_the_article_it_rolled_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AnnotationStore.open(db)
    store.add(make("a.txt"))
    store.take_changed_articles()

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write_bytes", full)
    with pytest.raises(StoreError, match="No space left"):
        store.add(make("b.txt"))
    assert store.for_article("b.txt") == []  # rolled back
    # b.txt was touched (and restored): a screen that drew it must look again
    assert "b.txt" in store.take_changed_articles()
    assert store.counts_for("b.txt") == ArticleCounts(0, 0)


def test_counts_for_and_for_articles_agree_with_the_whole_store(db: Path) -> None:
    store = AnnotationStore.open(db)
    store.add(make("a.txt", kind=Kind.FACTCHECK, status=Status.OPEN))
    store.add(make("a.txt", kind=Kind.FACTCHECK, status=Status.DONE))
    store.add(make("b.txt"))
    everything = store.counts_by_article()
    for article in ("a.txt", "b.txt", "none.txt"):
        assert store.counts_for(article) == everything.get(article, ArticleCounts(0, 0))
    found = store.for_articles(["a.txt", "b.txt", "none.txt"])
    assert found == {"a.txt": store.for_article("a.txt"), "b.txt": store.for_article("b.txt")}


def test_a_write_waiting_for_the_file_lock_does_not_block_readers(db: Path) -> None:
    store = AnnotationStore.open(db, lock_timeout=5)
    first = make("a.txt")
    store.add(first)
    other = filelock.FileLock(str(db) + ".lock")  # another program holds the lock
    other.acquire()
    done = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            store.add(make("b.txt"))
        except BaseException as exc:  # reported below
            errors.append(exc)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        time.sleep(0.2)  # the writer is waiting for the lock now
        assert not done.is_set()
        started = time.monotonic()
        assert store.for_article("a.txt") == [first]
        assert store.counts_for("a.txt") == ArticleCounts(1, 0)
        assert store.can_undo
        assert time.monotonic() - started < 0.5  # not held up by the waiting writer
    finally:
        other.release()
    writer.join(5)
    assert done.is_set() and not errors
    assert [a.article_id for a in AnnotationStore.open(db, read_only=True).all()] == [
        "a.txt",
        "b.txt",
    ]


def test_writes_from_two_threads_all_land(db: Path) -> None:
    store = AnnotationStore.open(db)
    notes = [make(f"{i % 3}.txt", note=str(i)) for i in range(20)]

    def add(chunk: list[Annotation]) -> None:
        for note in chunk:
            store.add(note)

    threads = [threading.Thread(target=add, args=(notes[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    again = AnnotationStore.open(db, read_only=True)
    assert {a.id for a in again.all()} == {n.id for n in notes}
    assert store.take_changed_articles() == {"0.txt", "1.txt", "2.txt"}
