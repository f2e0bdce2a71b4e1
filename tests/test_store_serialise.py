"""The incremental serialiser writes exactly what is in memory."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.model import Annotation
from reader.annotations.serialise import TableSerialiser, TrackedTable
from reader.annotations.store import AnnotationStore

keys = st.text(min_size=1, max_size=6)
docs = st.dictionaries(
    st.text(max_size=3), st.integers(-(2**63), 2**63 - 1) | st.text(max_size=5), max_size=3
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("set"), keys, docs),
        st.tuples(st.just("del"), keys, st.none()),
        st.tuples(st.just("pop"), keys, st.none()),
        st.tuples(st.just("clear"), st.none(), st.none()),
        st.tuples(st.just("update"), keys, docs),
        st.tuples(st.just("write"), st.none(), st.none()),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(start=st.dictionaries(keys, docs, max_size=20), ops=operations)
def test_serialised_table_always_matches_memory(start: dict, ops: list) -> None:  # type: ignore[type-arg]
    table = TrackedTable(start)
    serialiser = TableSerialiser()
    assert orjson.loads(serialiser.dumps(table)) == start
    for op, key, doc in ops:
        if op == "set":
            table[key] = doc
        elif op == "del" and key in table:
            del table[key]
        elif op == "pop":
            table.pop(key, None)
        elif op == "clear":
            table.clear()
        elif op == "update":
            table.update({key: doc})
        assert orjson.loads(serialiser.dumps(table)) == dict(table)


def test_plain_dict_falls_back_to_full_serialisation() -> None:
    serialiser = TableSerialiser()
    assert orjson.loads(serialiser.dumps({"a": {"x": 1}})) == {"a": {"x": 1}}
    assert serialiser.dumps(TrackedTable()) == b"{}"


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["add", "edit", "del", "undo", "redo"]), st.integers(0, 5)))
)
def test_database_file_matches_memory_after_any_changes(ops: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db.json"
        store = AnnotationStore.open(db)
        made: list[Annotation] = []
        for op, n in ops:
            if op == "add":
                made.append(Annotation(f"art{n}", note=str(n)))
                store.add(made[-1])
            elif op in ("edit", "del") and made:
                current = store.get(made[n % len(made)].id)
                if current is not None and op == "edit":
                    store.update(current.edited(note=current.note + "+"))
                elif current is not None:
                    store.delete(current.id)
            elif op == "undo":
                store.undo()
            elif op == "redo":
                store.redo()
            if db.exists():
                on_disk = json.loads(db.read_text("utf-8"))
                in_memory = json.loads(orjson.dumps(store._storage.data))
                assert on_disk == in_memory
        assert {a.id: a for a in AnnotationStore.open(db).all()} == {a.id: a for a in store.all()}


def test_short_writes_are_resumed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from reader.annotations import storage

    real_writev = os.writev

    def stingy(fd: int, buffers: list[bytes]) -> int:
        return real_writev(fd, [bytes(buffers[0][:3])])  # at most 3 bytes a call

    monkeypatch.setattr(storage.os, "writev", stingy)
    target = tmp_path / "out.json"
    pieces = [b"{", b'"a"', b":", b"[1,2,3]", b"}", b""]
    storage.atomic_write_bytes(target, pieces)
    assert target.read_bytes() == b'{"a":[1,2,3]}'
    storage.atomic_write_bytes(target, b"x" * 1000)
    assert target.read_bytes() == b"x" * 1000
