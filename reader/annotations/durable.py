"""Replace a file atomically and durably, keeping the slow parts off the writer's path.

`atomic_write_bytes` writes a temporary file in the same folder, fsyncs it,
renames it over the target and fsyncs the folder: a crash at any moment leaves
either the old or the new file. For a database of several megabytes rewritten
on every change, two costs of that sequence need not be waited for:

- Freeing the old file. The rename drops the last name of the old file, and
  if nothing holds it open the kernel frees its blocks inside the rename
  (about 4 ms for 8 MB on ext4, plus a longer folder fsync). A `HeldFile`
  keeps the file last written or read open, so the rename only drops a name;
  the old file is then closed, and freed, by a background thread.
- Waiting for the disk. On Linux, writeback of each few megabytes starts as
  soon as they are copied (`sync_file_range(SYNC_FILE_RANGE_WRITE)`, a hint
  that syncs nothing by itself), so the disk works while the rest is copied
  and the final fsync waits for less. (`posix_fadvise(DONTNEED)` also starts
  writeback, but then waits on every CPU to drop pages still being written.)

Neither changes what is durable when the call returns: the file's fsync and
the folder's fsync still come before it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import queue
import secrets
import stat
import sys
import threading
import weakref
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate
from pathlib import Path

# (device, inode, size, mtime_ns): changes whenever another process replaces the file.
Signature = tuple[int, int, int, int]
Piece = bytes | memoryview

TEMP_SUFFIX = ".tmp"
IOV_BATCH = 512  # pieces per writev, below every platform's IOV_MAX
WRITEBACK_EVERY = 2 << 20  # bytes copied before their writeback is started
# Only POSIX lets a file be renamed over while it is open.
HOLD_FILES = os.name == "posix"
SYNC_FILE_RANGE_WRITE = 2  # linux/fs.h

Writeback = Callable[[int, int, int], object]  # (fd, offset, length)


def _unresolved(fd: int, offset: int, length: int) -> None:
    """Marks `_writeback_fn` as not looked up yet."""


_writeback_fn: Writeback | None = _unresolved  # looked up on the first large write


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


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


# Closing replaced files in the background ---------------------------------------

_closer_lock = threading.Lock()
_closer: tuple[int, queue.SimpleQueue[int]] | None = None  # (pid, its queue)


def _close_forever(fds: queue.SimpleQueue[int]) -> None:
    while True:
        fd = fds.get()
        with contextlib.suppress(OSError):
            os.close(fd)  # frees the file if it was replaced (the GIL is released)


def close_later(fd: int) -> None:
    """Close `fd` in a background thread (one per process, started on first use)."""
    global _closer
    with _closer_lock:
        if _closer is None or _closer[0] != os.getpid():  # none yet, or we were forked
            _closer = (os.getpid(), queue.SimpleQueue())
            threading.Thread(
                target=_close_forever, args=(_closer[1],), name="reader-closer", daemon=True
            ).start()
        _closer[1].put(fd)


def _release(fds: list[int]) -> None:
    while fds:
        close_later(fds.pop())


class HeldFile:
    """Holds the file last written or read at a path open (see the module doc).

    Not thread-safe: its owner serialises `hold` and `release`. The file is
    closed in the background when replaced by the next `hold`, on `release`,
    or when this object is garbage collected.
    """

    def __init__(self) -> None:
        self._fds: list[int] = []  # zero or one descriptor
        weakref.finalize(self, _release, self._fds)

    def hold(self, fd: int) -> None:
        """Take over `fd` (an open file now at the path); the previous one is let go."""
        if not HOLD_FILES:
            os.close(fd)
            return
        _release(self._fds)
        self._fds.append(fd)

    def release(self) -> None:
        _release(self._fds)

    @property
    def held(self) -> int | None:
        return self._fds[0] if self._fds else None


# Writing ---------------------------------------------------------------------------


def _cut(piece: Piece, every: int) -> list[Piece]:
    if len(piece) <= every:
        return [piece]
    view = memoryview(piece)
    return [view[k : k + every] for k in range(0, len(piece), every)]


def _groups(pieces: Sequence[Piece]) -> list[tuple[list[Piece], int]]:
    """The pieces in groups of about WRITEBACK_EVERY bytes (at most IOV_BATCH
    pieces), with their sizes; a longer piece is cut (without copying). The
    cuts are found by bisection: no Python loop over the pieces."""
    every = WRITEBACK_EVERY
    sizes = list(map(len, pieces))
    if sizes and max(sizes) > every:
        pieces = [part for piece in pieces for part in _cut(piece, every)]
        sizes = list(map(len, pieces))
    ends = list(accumulate(sizes))
    groups: list[tuple[list[Piece], int]] = []
    start = done = 0
    while start < len(pieces):
        stop = min(bisect_left(ends, done + every, start) + 1, start + IOV_BATCH, len(pieces))
        size = ends[stop - 1] - done
        groups.append((list(pieces[start:stop]), size))
        start, done = stop, done + size
    return groups


def _writev_all(fd: int, group: list[Piece], size: int) -> None:
    """Write the group's pieces in order, resuming after short writes."""
    written = os.writev(fd, group)
    while written < size:
        size -= written
        for i, piece in enumerate(group):  # drop what was written, resume inside a piece
            if written < len(piece):
                group = [piece[written:], *group[i + 1 :]]
                break
            written -= len(piece)
        written = os.writev(fd, group)


def _linux_writeback() -> Writeback | None:
    """libc's sync_file_range, starting writeback of a range (None off Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # only here: a few ms to import, and only Linux has the call

        func = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (ImportError, OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    func.restype = ctypes.c_int

    def start(fd: int, offset: int, length: int) -> object:
        return func(fd, offset, length, SYNC_FILE_RANGE_WRITE)  # the GIL is released

    return start


def _start_writeback(fd: int, offset: int, length: int) -> None:
    global _writeback_fn
    if _writeback_fn is _unresolved:
        _writeback_fn = _linux_writeback()
    if _writeback_fn is not None:
        with contextlib.suppress(OSError):  # only a hint; a failure returns -1, also ignored
            _writeback_fn(fd, offset, length)


def write_all(fd: int, pieces: Sequence[Piece]) -> None:
    """Write every piece in order, starting writeback every WRITEBACK_EVERY bytes."""
    groups = _groups(pieces)
    offset = 0
    for n, (group, size) in enumerate(groups):
        _writev_all(fd, group, size)
        if size and n + 1 < len(groups):  # the last part goes with the fsync
            _start_writeback(fd, offset, size)
        offset += size


def atomic_write_bytes(
    path: Path, payload: bytes | Sequence[Piece], held: HeldFile | None = None
) -> Signature:
    """Write `payload` (bytes, or pieces written in order) to `path` atomically.

    A crash at any moment leaves either the old or the new file. With `held`,
    the new file stays open in it (and the one it held is let go). Returns the
    signature of the new file.
    """
    folder = path.parent
    tmp = folder / f"{temp_prefix(path)}{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        old_mode = None
    keep = held is not None and HOLD_FILES
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    try:
        try:
            if old_mode is not None:
                os.fchmod(fd, old_mode)
            write_all(fd, [payload] if isinstance(payload, bytes) else payload)
            os.fsync(fd)
            sig = signature_of(os.fstat(fd))
        finally:
            if not keep:
                os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        if keep:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if keep:
        assert held is not None
        held.hold(fd)
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
