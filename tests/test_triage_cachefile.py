"""Triage cache files: typed arrays round-trip; anything else is unreadable."""

from array import array
from pathlib import Path

import pytest

from reader.triage.cachefile import (
    CacheUnreadable,
    read_arrays,
    read_json,
    write_arrays_atomic,
    write_json_atomic,
)


def test_arrays_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.bin"
    arrays = [array("i", [1, -2, 3]), array("f", [0.5, 0.25]), array("b"), array("d", [1e300])]
    write_arrays_atomic(path, {"format": "x", "names": ["é", "\x00k"]}, arrays)
    header, back = read_arrays(path)  # type: ignore[misc]
    assert header == {"format": "x", "names": ["é", "\x00k"]}
    assert back == arrays and [a.typecode for a in back] == ["i", "f", "b", "d"]
    assert read_arrays(tmp_path / "missing.bin") is None
    assert not [p for p in path.parent.iterdir() if p.name != "c.bin"]  # no temporary left


@pytest.mark.parametrize(
    "mangle",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data + b"\x00",  # trailing bytes
        lambda data: b"X" + data[1:],  # not the magic line
        lambda data: data.replace(b'"i"', b'"?"', 1),  # unknown typecode
        lambda data: data.replace(b"[[", b"[{", 1),  # array list not pairs
        lambda data: data[:30],
        lambda data: b"",
        lambda data: data[:16] + b"\xff" * 8 + data[24:],  # a header longer than the file
        lambda data: data.replace(b'["i",3]', b'["i",-3]', 1),  # a negative length
        lambda data: data.replace(b'["i",3]', b'["i",3.0]', 1),  # a length not an int
        lambda data: data.replace(b'["i",3]', b'["i",4]', 1),  # longer than what follows
    ],
)
def test_mangled_arrays_file_is_unreadable(tmp_path: Path, mangle) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.bin"
    write_arrays_atomic(path, {"k": 1}, [array("i", [1, 2, 3]), array("d", [2.0])])
    path.write_bytes(mangle(path.read_bytes()))
    with pytest.raises(CacheUnreadable):
        read_arrays(path)


@pytest.mark.parametrize(
    "content", [b"[" * 100_000, b"{not json", b"\xff\xfe\x00", b'{"a": 1} trailing']
)
def test_hostile_json_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(content)
    with pytest.raises(CacheUnreadable):
        read_json(path)
    write_json_atomic(path, {"ok": [1, 2]})
    assert read_json(path) == {"ok": [1, 2]}


def test_narrowest_keeps_the_numbers_in_the_smallest_type() -> None:
    from reader.triage.cachefile import narrow_ids, narrowest

    cases = [
        ([-1, 0, 127], "b"),
        ([0, 255], "B"),
        ([-1, 300], "h"),
        ([0, 40_000], "H"),
        ([-1, 40_000], "i"),
        ([0, 70_000], "i"),
    ]
    for numbers, typecode in cases:
        narrowed = narrowest(array("i", numbers))
        assert narrowed.typecode == typecode and narrowed.tolist() == numbers
    assert narrowest(array("i")).typecode == "i"  # nothing to judge by
    assert narrowest(array("b", [1])).typecode == "b"
    assert narrow_ids(array("i", [3, 65_535]), 65_536).typecode == "H"
    assert narrow_ids(array("i", [3]), 65_537).typecode == "i"


def test_mention_store_narrows_on_save_and_widens_to_add(tmp_path: Path) -> None:
    from reader.triage.mention_store import MentionStore

    store = MentionStore()
    store.add("short", [(0, 5, "PERSON", None, "Ann"), (10, 14, "DATE", "2022", None)])
    store.add("long", [(70_000, 70_004, "PLACE", None, None)])
    path = tmp_path / "m.bin"
    store.save(path, "fp")
    loaded, status = MentionStore.load(path, "fp")
    assert status == "loaded"
    assert [a.typecode for a in loaded._arrays()] == ["i", "i", "b", "b", "b"]
    assert loaded.rows("short") == store.rows("short") and loaded.rows("long") == store.rows("long")
    loaded.add("more", [(1, 2, "ORG", None, "x" * 3)])  # widened first: no overflow
    loaded.ends[-1] = 100_000
    assert loaded.rows("more") == [(1, 100_000, "ORG", None, "xxx")]
    assert loaded.rows("short") == store.rows("short")


def test_a_folder_in_place_of_the_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "c.bin").mkdir()
    with pytest.raises(CacheUnreadable):
        read_arrays(tmp_path / "c.bin")
