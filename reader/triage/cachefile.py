"""Cache files of the triage indexes: atomic writes, forgiving reads."""

from __future__ import annotations

import json
import os
import tempfile
from array import array
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import orjson


class CacheUnreadable(Exception):
    """The cache file exists but is not JSON (or cannot be read)."""


def read_json(path: Path) -> object | None:
    """The decoded file, None if it does not exist; CacheUnreadable otherwise."""
    try:
        return _decode(Path(path).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as exc:
        raise CacheUnreadable(str(exc)) from exc


def _decode(data: bytes) -> object:
    """JSON to objects with the standard library: as fast here as orjson, and
    orjson's intermediate document peaks at ~3x the result on a cache of
    10,000 articles (a 9.7 MB file: 163 MB instead of 58 MB)."""
    return json.loads(data)


def _write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write `chunks` to a temporary file in the same folder, flush, fsync,
    replace. A crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: object) -> None:
    """Write `data` as JSON, atomically (see `_write_atomic`)."""
    _write_atomic(path, [orjson.dumps(data)])


_MAGIC = b"reader-arrays 1\n"


def write_arrays_atomic(path: Path, header: dict[str, object], arrays: list[array]) -> None:
    """A binary cache: `header` (JSON) and typed `arrays`, written atomically.
    Much smaller to read back than the same numbers as JSON lists."""
    meta = dict(header, arrays=[[a.typecode, len(a)] for a in arrays])
    head = orjson.dumps(meta)
    start = _MAGIC + len(head).to_bytes(8, "little") + head
    _write_atomic(path, chain([start], (numbers.tobytes() for numbers in arrays)))


def read_arrays(path: Path) -> tuple[dict[str, object], list[array]] | None:
    """(header, arrays) written by `write_arrays_atomic`; None if the file does
    not exist; CacheUnreadable if it is anything else or cut short. The arrays
    are read straight from the file (no copy of the whole file in memory)."""
    try:
        with Path(path).open("rb") as handle:
            return _read_arrays(handle, os.fstat(handle.fileno()).st_size)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError, RecursionError) as exc:
        raise CacheUnreadable(str(exc)) from exc


def _read_arrays(handle: BinaryIO, file_size: int) -> tuple[dict[str, object], list[array]]:
    start = handle.read(len(_MAGIC) + 8)
    if len(start) < len(_MAGIC) + 8 or not start.startswith(_MAGIC):
        raise ValueError("not an arrays cache")
    size = int.from_bytes(start[len(_MAGIC) :], "little")
    at = len(start) + size
    if at > file_size:
        raise ValueError("cut short")
    header = _decode(handle.read(size))
    if not isinstance(header, dict) or not isinstance(header.get("arrays"), list):
        raise ValueError("no array list")
    arrays = []
    for typecode, length in header.pop("arrays"):
        numbers = array(typecode)
        if type(length) is not int or length < 0 or at + length * numbers.itemsize > file_size:
            raise ValueError("cut short")
        numbers.fromfile(handle, length)
        arrays.append(numbers)
        at += length * numbers.itemsize
    if at != file_size:
        raise ValueError("trailing bytes")
    return header, arrays


def narrow_ids(numbers: array, bound: int) -> array:
    """`numbers` (all in 0..`bound` - 1) as 2-byte unsigned ints when they fit
    (10,000 articles, tens of thousands of terms or keys): half of "i"."""
    if bound <= 1 << 16 and numbers.typecode != "H":
        return array("H", numbers)
    return numbers


_RANGES = (
    ("b", -(1 << 7), 1 << 7),
    ("B", 0, 1 << 8),
    ("h", -(1 << 15), 1 << 15),
    ("H", 0, 1 << 16),
)


def narrowest(numbers: array) -> array:
    """`numbers` in the smallest integer typecode that holds them all (b, B,
    h, H, else as they are): offsets into articles of under 64 K characters,
    ids into tables of under 32 K strings fit in 2 bytes instead of 4."""
    if not numbers or numbers.itemsize <= 1:
        return numbers
    low, high = min(numbers), max(numbers)
    for typecode, lowest, stop in _RANGES:
        if lowest <= low and high < stop:
            if array(typecode).itemsize < numbers.itemsize:
                return array(typecode, numbers)
            break
    return numbers
