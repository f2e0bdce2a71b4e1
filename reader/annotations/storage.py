"""A TinyDB storage that keeps the database in memory and writes it atomically.

TinyDB's JSONStorage rewrites its file in place (a crash leaves half a file) and
re-parses the whole file on every query. This storage instead:

- holds the parsed tables in memory and hands TinyDB that dict on `read()`;
- on `write()`, serialises everything with orjson (re-encoding only what
  changed: serialise.py) into a temporary file in the same folder, fsyncs it,
  `os.replace`s it over the database and fsyncs the folder (durable.py), so
  the file on disk is always either the old or the new version;
- inside `transaction()`, several TinyDB operations become one durable write;
- checks a file before trusting it (valid JSON, TinyDB layout, known schema) and
  never writes over a file it could not read.

Locking between processes is the caller's job (see `store.py`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from reader.annotations.durable import (
    HeldFile,
    Signature,
    atomic_write_bytes,
    signature_of,
)
from reader.annotations.errors import StoreError
from reader.annotations.serialise import TableSerialiser, TrackedTable

SCHEMA_VERSION = 1
APP_NAME = "reader"
META_TABLE = "_meta"
META_DOC_ID = "1"
ANNOTATIONS_TABLE = "annotations"
HISTORY_TABLE = "history"
KNOWN_TABLES = frozenset({META_TABLE, ANNOTATIONS_TABLE, HISTORY_TABLE, "_default"})
TRACKED_TABLES = (ANNOTATIONS_TABLE, HISTORY_TABLE)  # big tables, serialised incrementally

Tables = dict[str, dict[str, Any]]

LEFT_ALONE = "it was left untouched"


def disk_signature(path: Path) -> Signature | None:
    try:
        return signature_of(os.stat(path))
    except (FileNotFoundError, NotADirectoryError):  # e.g. a path under a regular file
        return None


def parse_database(path: Path, raw: bytes) -> Tables:
    """Parse and check the bytes of a database file; StoreError if unusable."""
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(
            f"The annotation database {path} is not valid JSON ({exc}); {LEFT_ALONE}: "
            "repair it, or move it aside to start a new one."
        ) from None
    validate_tables(path, data)
    return data


def _not_ours(path: Path, why: str) -> StoreError:
    return StoreError(
        f"{path} is not a reader annotation database ({why}); {LEFT_ALONE}: "
        "pass another file with --db, or move it aside."
    )


def validate_tables(path: Path, data: object) -> None:
    if not isinstance(data, dict):
        kind = type(data).__name__.replace("dict", "object")
        raise _not_ours(path, f"its top level is a JSON {kind}, not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _not_ours(path, f"table {name!r} is not an object of documents")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise _not_ours(path, f"document {doc_id!r} in table {name!r} is not an object")
    for name in (META_TABLE, HISTORY_TABLE):
        bad = [k for k in data.get(name, {}) if not (k.isascii() and k.isdigit())]
        if bad:
            raise _not_ours(path, f"table {name!r} has non-numeric document ids {bad[:3]}")
    meta_table = data.get(META_TABLE)
    if meta_table is None:
        extra = [n for n, t in data.items() if t and n not in KNOWN_TABLES - {"_default"}]
        if extra:
            raise _not_ours(path, f"no {META_TABLE} table, and foreign tables {sorted(extra)}")
        return
    meta = meta_table.get(META_DOC_ID)
    if meta is None:
        raise _not_ours(path, f"its {META_TABLE} table has no document {META_DOC_ID!r}")
    if meta.get("app") != APP_NAME:
        raise _not_ours(path, f"it was written by {meta.get('app')!r}")
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise _not_ours(path, f"its schema version {schema!r} is not a positive integer")
    if schema > SCHEMA_VERSION:
        raise StoreError(
            f"The annotation database {path} was written by a newer version of reader "
            f"(schema {schema}; this version reads up to {SCHEMA_VERSION}); {LEFT_ALONE}: "
            "upgrade reader, or pass another file with --db."
        )


def read_database(path: Path, held: HeldFile | None = None) -> tuple[Tables, Signature | None]:
    """Read `path`: its tables and the signature of what was read (None: no file).

    With `held`, the file read is kept open in it (see durable.py).
    """
    try:
        with open(path, "rb") as handle:
            sig = signature_of(os.fstat(handle.fileno()))
            raw = handle.read()
            if held is not None:
                held.hold(os.dup(handle.fileno()))
    except FileNotFoundError:
        return {}, None
    except IsADirectoryError:
        raise StoreError(
            f"The annotation database path {path} is a folder; pass a file path with --db."
        ) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot read the annotation database {path} ({exc.strerror}); "
            "check its permissions or pass another file with --db."
        ) from None
    return parse_database(path, raw), sig


class AtomicJSONStorage(Storage):
    """TinyDB storage: in-memory tables, atomic durable writes, batched transactions."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = path
        self.read_only = read_only
        self.data: Tables = {}
        self.signature: Signature | None = None
        self.rejected: Signature | None = None
        self._depth = 0
        self._dirty = False
        self._serialisers = {name: TableSerialiser() for name in TRACKED_TABLES}
        # the file at `path` as we last wrote or read it, kept open (writers only)
        self._held = None if read_only else HeldFile()

    # TinyDB's interface -------------------------------------------------------

    def read(self) -> Tables:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError(f"The annotation database {self.path} is open read-only.")
        self.data = data
        if self._depth:
            self._dirty = True
        else:
            self.flush()

    def close(self) -> None:
        pass

    def release_file(self) -> None:
        """Let go of the file kept open (a later read or write keeps one again)."""
        if self._held is not None:
            self._held.release()

    # Our additions ------------------------------------------------------------

    def changed_on_disk(self, *, retry_rejected: bool = False) -> bool:
        """True if the file exists and is not the one we last read or wrote.

        A file we rejected counts as unchanged unless `retry_rejected` (writers
        pass it, so that they refuse to write over it).
        """
        sig = disk_signature(self.path)
        if sig is None or sig == self.signature:
            return False
        return retry_rejected or sig != self.rejected

    def load(self) -> None:
        """(Re)read the file from disk, replacing what is in memory.

        On StoreError, memory is unchanged and the bad file's signature is
        remembered so that reads do not re-parse it again and again.
        """
        sig = disk_signature(self.path)
        try:
            data, self.signature = read_database(self.path, self._held)
        except StoreError:
            self.rejected = sig
            raise
        self.rejected = None
        for name in TRACKED_TABLES:
            data[name] = TrackedTable(data.get(name, {}))
        self.data = data

    def ensure_meta(self) -> None:
        meta = self.data.setdefault(META_TABLE, {}).setdefault(META_DOC_ID, {})
        meta.setdefault("schema", SCHEMA_VERSION)
        meta.setdefault("app", APP_NAME)

    def flush(self) -> None:
        """Write everything in memory to disk, atomically and durably."""
        self.ensure_meta()
        try:
            payload = self.serialise()
        except (TypeError, orjson.JSONEncodeError) as exc:
            raise StoreError(
                f"Could not save the annotation database {self.path}: a value cannot be "
                f"stored as JSON ({exc}); the change was not saved."
            ) from None
        try:
            self.signature = atomic_write_bytes(self.path, payload, self._held)
        except OSError as exc:
            raise StoreError(
                f"Could not save the annotation database {self.path} ({exc.strerror or exc}); "
                "the last change was not saved: free some disk space or check permissions."
            ) from None
        self._dirty = False

    def serialise(self) -> list[bytes]:
        """The whole database as JSON pieces; unchanged parts of big tables are cached."""
        out = [b"{"]
        for name, table in self.data.items():
            if len(out) > 1:
                out.append(b",")
            out += (orjson.dumps(name), b":")
            serialiser = self._serialisers.get(name)
            out += [orjson.dumps(table)] if serialiser is None else serialiser.pieces(table)
        out.append(b"}")
        return out

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one durable write; on error, drop them and reload."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._dirty = False
                self.load()
            raise
        self._depth -= 1
        if self._depth == 0 and self._dirty:
            try:
                self.flush()
            except BaseException:
                self._dirty = False
                self.load()
                raise
