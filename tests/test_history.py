"""Undo/redo of annotation changes, persisted in the database file."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.annotations.history as history_module
from reader.annotations.history import Action
from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore.open(tmp_path / "db.json")


def reopen(store: AnnotationStore) -> AnnotationStore:
    return AnnotationStore.open(store.path)


def test_nothing_to_undo_or_redo(store: AnnotationStore) -> None:
    assert not store.can_undo and not store.can_redo
    assert store.undo() is None
    assert store.redo() is None
    assert not store.path.exists()  # and nothing was written


def test_undo_redo_create_edit_delete(store: AnnotationStore) -> None:
    ann = Annotation("a", note="v1")
    store.add(ann)
    v2 = ann.edited(note="v2")
    store.update(v2)
    store.delete(ann.id)
    assert store.get(ann.id) is None

    change = store.undo()
    assert change is not None and change.action == Action.DELETE
    assert store.get(ann.id) == v2  # the same id comes back
    change = store.undo()
    assert change is not None and change.action == Action.EDIT
    assert change.before == ann and change.after == v2
    assert store.get(ann.id) == ann
    assert store.undo().action == Action.CREATE  # type: ignore[union-attr]
    assert store.get(ann.id) is None
    assert not store.can_undo and store.can_redo

    assert store.redo().action == Action.CREATE  # type: ignore[union-attr]
    assert store.get(ann.id) == ann
    assert store.redo().action == Action.EDIT  # type: ignore[union-attr]
    assert store.get(ann.id) == v2
    assert store.redo().action == Action.DELETE  # type: ignore[union-attr]
    assert store.get(ann.id) is None
    assert store.redo() is None


def test_history_survives_a_restart(store: AnnotationStore) -> None:
    ann = Annotation("a", note="v1")
    store.add(ann)
    store.update(ann.edited(note="v2"))
    store.close()
    later = reopen(store)
    assert later.can_undo and not later.can_redo
    later.undo()
    later.close()
    again = reopen(store)
    assert again.get(ann.id) == ann
    assert again.can_redo
    again.redo()
    assert reopen(store).get(ann.id).note == "v2"  # type: ignore[union-attr]


def test_new_change_after_undo_drops_the_redo_tail(store: AnnotationStore) -> None:
    first, second, third = Annotation("a"), Annotation("a"), Annotation("a")
    store.add(first)
    store.add(second)
    store.undo()  # second gone
    assert store.can_redo
    store.add(third)
    assert not store.can_redo
    assert store.redo() is None
    assert store.get(second.id) is None
    store.undo()
    store.undo()
    assert store.all() == []
    assert not store.can_undo


def test_unchanged_update_is_not_a_change(store: AnnotationStore) -> None:
    ann = Annotation("a")
    store.add(ann)
    store.update(ann)
    store.undo()
    assert store.get(ann.id) is None
    assert not store.can_undo


def test_history_is_capped(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history_module, "HISTORY_CAP", 5)
    anns = [Annotation("a", note=str(i)) for i in range(12)]
    for ann in anns:
        store.add(ann)
    history = json.loads(store.path.read_text("utf-8"))["history"]
    assert len(history) == 5
    undone = 0
    while store.undo() is not None:
        undone += 1
    assert undone == 5
    assert {a.id for a in store.all()} == {a.id for a in anns[:7]}
    while store.redo() is not None:
        pass
    assert len(store.all()) == 12


def test_batch_is_not_in_history(store: AnnotationStore) -> None:
    ann = Annotation("a")
    store.add(ann)
    store.apply_batch([Annotation("b") for _ in range(3)], [])
    assert store.undo().action == Action.CREATE  # type: ignore[union-attr]
    assert len(store.all()) == 3


def test_undo_is_shared_by_two_instances(tmp_path: Path) -> None:
    one = AnnotationStore.open(tmp_path / "db.json")
    two = AnnotationStore.open(tmp_path / "db.json")
    ann = Annotation("a")
    one.add(ann)
    assert two.can_undo
    two.undo()
    assert one.get(ann.id) is None


ops = st.lists(
    st.tuples(st.sampled_from(["add", "edit", "delete"]), st.integers(0, 3), st.text(max_size=5)),
    max_size=15,
)


@settings(max_examples=25, deadline=None)
@given(ops)
def test_undo_all_then_redo_all_round_trips(sequence: list[tuple[str, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = AnnotationStore.open(Path(folder) / "db.json")
        pool: dict[int, Annotation] = {}
        snapshots = [{}]
        for op, slot, note in sequence:
            current = store.get(pool[slot].id) if slot in pool else None
            if op == "add" and current is None:
                pool[slot] = Annotation("art", note=note)
                store.add(pool[slot])
            elif op == "edit" and current is not None:
                store.update(current.edited(note=note + "!"))
            elif op == "delete" and current is not None:
                store.delete(current.id)
            else:
                continue
            snapshots.append({a.id: a for a in store.all()})
        final = snapshots[-1]
        for expected in reversed(snapshots[:-1]):
            assert store.undo() is not None
            assert {a.id: a for a in store.all()} == expected
        assert store.undo() is None
        store = reopen(store)
        for expected in snapshots[1:]:
            assert store.redo() is not None
            assert {a.id: a for a in store.all()} == expected
        assert {a.id: a for a in store.all()} == final


history_ops = st.lists(
    st.tuples(st.sampled_from([0, 1]), st.sampled_from(["add", "undo", "redo", "fail"])),
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(history_ops)
def test_history_numbers_follow_the_model_across_instances_and_failures(
    sequence: list[tuple[int, str]],
) -> None:
    """The file's history (numbers, cursor) is what the undo model says, whichever
    of two instances records, after undo/redo, and after a write that failed."""
    import errno

    from reader.annotations import storage
    from reader.annotations.errors import StoreError

    cap = 2
    saved_cap, saved_write = history_module.HISTORY_CAP, storage.atomic_write_bytes

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    history_module.HISTORY_CAP = cap
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "db.json"
            stores = [AnnotationStore.open(db), AnnotationStore.open(db)]
            seqs: list[int] = []
            cursor = 0
            for who, op in sequence:
                store = stores[who]
                if op == "add":
                    store.add(Annotation("art"))
                    seqs = [s for s in seqs if s <= cursor] + [cursor + 1]
                    seqs = seqs[-cap:]
                    cursor += 1
                elif op == "undo" and store.undo() is not None:
                    cursor -= 1
                elif op == "redo" and store.redo() is not None:
                    cursor += 1
                elif op == "fail":
                    storage.atomic_write_bytes = full  # type: ignore[assignment]
                    try:
                        with pytest.raises(StoreError):
                            store.add(Annotation("art"))
                    finally:
                        storage.atomic_write_bytes = saved_write
                if db.exists():
                    data = json.loads(db.read_text("utf-8"))
                    assert sorted(map(int, data["history"])) == seqs
                    assert data["_meta"]["1"].get("history_cursor", 0) == cursor
    finally:
        history_module.HISTORY_CAP = saved_cap
        storage.atomic_write_bytes = saved_write
