"""durable.py: the atomic write keeps the new file open, lets the old one go in the
background, starts writeback in chunks, and cleans up after a failed write."""

from __future__ import annotations

import errno
import gc
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations import durable
from reader.annotations.durable import HeldFile, atomic_write_bytes, write_all
from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore

posix_only = pytest.mark.skipif(not durable.HOLD_FILES, reason="files are held on POSIX only")
needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs /proc to see open files"
)


def open_fds() -> set[int]:
    return {int(n) for n in os.listdir("/proc/self/fd")}


def deleted_files_open(folder: Path) -> list[str]:
    """Files under `folder` this process holds open although they were replaced."""
    found = []
    for n in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{n}")
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(folder)) and target.endswith(" (deleted)"):
            found.append(target)
    return found


def wait_for(condition, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def same_file(fd: int, path: Path) -> bool:
    """Whether `fd` is open on the file at `path` (False once it is closed)."""
    try:
        a = os.fstat(fd)
    except OSError:
        return False
    b = os.stat(path)
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


@posix_only
@needs_proc
def test_the_new_file_is_held_and_the_replaced_one_closed_in_the_background(
    tmp_path: Path,
) -> None:
    target = tmp_path / "db.json"
    held = HeldFile()
    for n in range(5):
        atomic_write_bytes(target, [b"{", b'"n":', str(n).encode(), b"}"], held)
        assert held.held is not None and same_file(held.held, target)
    assert target.read_bytes() == b'{"n":4}'
    # the four replaced files are closed (and so freed) by the closer thread
    assert wait_for(lambda: not deleted_files_open(tmp_path)), deleted_files_open(tmp_path)
    fd = held.held
    held.release()
    assert held.held is None
    assert wait_for(lambda: not same_file(fd, target))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@posix_only
@needs_proc
def test_a_held_file_is_let_go_when_its_owner_is_collected(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    held = HeldFile()
    atomic_write_bytes(target, b"{}", held)
    target.unlink()  # so that the held file shows as deleted
    assert deleted_files_open(tmp_path)
    del held
    gc.collect()
    assert wait_for(lambda: not deleted_files_open(tmp_path))


def test_without_holding_files_the_write_closes_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(durable, "HOLD_FILES", False)  # e.g. Windows
    target = tmp_path / "db.json"
    held = HeldFile()
    atomic_write_bytes(target, b"{}", held)
    assert held.held is None
    assert target.read_bytes() == b"{}"


@needs_proc
@pytest.mark.parametrize("with_held", [False, True])
def test_a_failed_write_leaves_no_temp_file_nor_open_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_held: bool
) -> None:
    target = tmp_path / "db.json"
    held = HeldFile() if with_held else None
    atomic_write_bytes(target, b'{"old":1}', held)
    before_fd = held.held if held is not None else None
    fds = open_fds()

    def full(fd: int, buffers: list[bytes]) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable.os, "writev", full)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, [b"x" * 100] * 3, held)
    monkeypatch.undo()
    assert open_fds() <= fds  # the temp file's descriptor was closed (the closer may close more)
    assert target.read_bytes() == b'{"old":1}'
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if held is not None:
        assert held.held == before_fd  # still the file at the path


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(st.binary(max_size=40), max_size=30),
    chunk=st.integers(1, 64),
    most=st.integers(1, 50),
)
def test_chunked_writes_with_writeback_write_every_byte_in_order(
    pieces: list[bytes], chunk: int, most: int
) -> None:
    """Short writes, pieces longer than a chunk, and a hint that fails."""
    import tempfile

    advised: list[tuple[int, int]] = []
    real_writev = os.writev

    def stingy(fd: int, buffers: list[bytes]) -> int:
        data = b"".join(bytes(b) for b in buffers)[:most]
        return real_writev(fd, [data])

    def advise(fd: int, offset: int, length: int) -> None:
        advised.append((offset, length))
        raise OSError(errno.EINVAL, "not here")  # only a hint: ignored

    saved = durable.WRITEBACK_EVERY, durable._writeback_fn, durable.os.writev
    durable.WRITEBACK_EVERY, durable._writeback_fn, durable.os.writev = chunk, advise, stingy
    try:
        with tempfile.TemporaryFile() as handle:
            write_all(handle.fileno(), list(pieces))
            handle.seek(0)
            assert handle.read() == b"".join(pieces)
    finally:
        durable.WRITEBACK_EVERY, durable._writeback_fn, durable.os.writev = saved
    # writeback was asked for consecutive ranges from the start, never past the end
    offset = 0
    for start, length in advised:
        assert start == offset and length >= 1
        offset += length
    assert offset <= len(b"".join(pieces))


def test_big_payloads_start_writeback_before_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    advised: list[tuple[int, int]] = []
    monkeypatch.setattr(durable, "_writeback_fn", lambda fd, o, n: advised.append((o, n)))
    payload = os.urandom(durable.WRITEBACK_EVERY * 3 + 5)
    target = tmp_path / "big.json"
    atomic_write_bytes(target, payload)
    assert target.read_bytes() == payload
    every = durable.WRITEBACK_EVERY
    assert advised == [(0, every), (every, every), (2 * every, every)]


@posix_only
def test_the_store_holds_the_file_it_wrote_or_read(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    ours, theirs = AnnotationStore.open(db), AnnotationStore.open(db)
    ours.add(Annotation("a.txt", note="ours"))
    held = ours._storage._held
    assert held is not None and held.held is not None and same_file(held.held, db)
    theirs.add(Annotation("a.txt", note="theirs"))  # replaces the file ours holds
    assert len(ours.all()) == 2  # re-read: now holds the new file
    assert held.held is not None and same_file(held.held, db)
    ours.close()
    assert held.held is None
    reader = AnnotationStore.open(db, read_only=True)
    assert reader._storage._held is None  # a reader holds nothing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_linux_writeback_starts_on_a_real_file(tmp_path: Path) -> None:
    start = durable._linux_writeback()
    assert start is not None
    with open(tmp_path / "f", "wb") as handle:
        handle.write(b"x" * 100_000)
        handle.flush()
        assert start(handle.fileno(), 0, 100_000) == 0
        assert start(-1, 0, 1) == -1  # a bad descriptor: reported, not raised


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX fork")
def test_the_closer_thread_is_restarted_in_a_forked_child(tmp_path: Path) -> None:
    durable.close_later(os.open(tmp_path, os.O_RDONLY))  # the parent's closer exists
    pid = os.fork()
    if pid == 0:  # the child: its closer must be its own thread
        code = 1
        try:
            fd = os.open(tmp_path, os.O_RDONLY)
            durable.close_later(fd)
            end = time.monotonic() + 5
            while time.monotonic() < end:
                try:
                    os.fstat(fd)
                except OSError:
                    code = 0
                    break
                time.sleep(0.01)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
