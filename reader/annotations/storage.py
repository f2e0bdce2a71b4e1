"""A TinyDB storage that keeps the database in memory and writes it atomically.

TinyDB's JSONStorage rewrites its file in place (a crash leaves half a file) and
re-parses the whole file on every query. This storage instead:

- holds the parsed tables in memory and hands TinyDB that dict on `read()`;
- on `write()`, serialises everything with orjson into a temporary file in the
  same folder, flushes, fsyncs, `os.replace`s it over the database and fsyncs
  the folder, so the file on disk is always either the old or the new version;
- inside `transaction()`, several TinyDB operations become one durable write;
- checks a file before trusting it (valid JSON, TinyDB layout, known schema) and
  never writes over a file it could not read.

Locking between processes is the caller's job (see `store.py`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

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
# (device, inode, size, mtime_ns): changes whenever another process replaces the file.
Signature = tuple[int, int, int, int]

LEFT_ALONE = "it was left untouched"


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def disk_signature(path: Path) -> Signature | None:
    try:
        return signature_of(os.stat(path))
    except (FileNotFoundError, NotADirectoryError):  # e.g. a path under a regular file
        return None


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_SUFFIX = ".tmp"


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (where the file system supports it)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems cannot fsync a folder; the file itself is already synced.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)


def _write_all(fd: int, pieces: list[bytes]) -> None:
    """Write every piece in order, a few hundred per system call."""
    batch = 512  # below every platform's IOV_MAX
    i = 0
    while i < len(pieces):
        group = pieces[i : i + batch]
        written = os.writev(fd, group)
        for piece in group:
            if written >= len(piece):
                written -= len(piece)
                i += 1
                continue
            pieces[i] = piece[written:]  # a short write: resume inside this piece
            break


def atomic_write_bytes(path: Path, payload: bytes | Sequence[bytes]) -> Signature:
    """Write `payload` (bytes, or pieces written in order) to `path` atomically.

    A crash at any moment leaves either the old or the new file.

    Returns the signature of the new file.
    """
    folder = path.parent
    tmp = folder / f"{temp_prefix(path)}{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        old_mode = None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    try:
        try:
            if old_mode is not None:
                os.fchmod(fd, old_mode)
            _write_all(fd, [payload] if isinstance(payload, bytes) else list(payload))
            os.fsync(fd)
            sig = signature_of(os.fstat(fd))
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)
    return sig


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files left by a writer that was killed mid-write.

    Only call this while holding the database lock: no writer is active then.
    """
    prefix = temp_prefix(path)
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


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


def read_database(path: Path) -> tuple[Tables, Signature | None]:
    """Read `path`: its tables and the signature of what was read (None: no file)."""
    try:
        with open(path, "rb") as handle:
            sig = signature_of(os.fstat(handle.fileno()))
            raw = handle.read()
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
            data, self.signature = read_database(self.path)
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
            self.signature = atomic_write_bytes(self.path, payload)
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
