"""Find a big article's entities in a child process. Pure, no textual import.

A long extraction in a thread shares the interpreter lock with the interface
thread, which then answers keys late. Texts of `PROCESS_CHARS` or more are
therefore analysed in one child process, started on the first big article
and kept for the next ones. The child is a fresh interpreter (no fork of a
process that runs threads), started with `subprocess` rather than
`multiprocessing`: no resource-tracker process, no re-import of the main
module, and no use of `sys.stderr.fileno()` (Textual replaces sys.stderr).
It runs in a session of its own (the terminal's signals are the app's) and
talks over its stdin/stdout: each message is a length and a pickle, the
article and the extractor one way, the whole `EntityResult` back.

`EntityRunner.run` blocks (call it from a worker thread). It runs `analyse`
in the calling thread instead when the text is small, when the extractor
cannot be sent to another process (a closure, a lambda, a function of
`__main__`), or when a child cannot be started or dies (`fallback_reason`
then says why, and later articles use the thread too). A job that is still
running when the next big article comes is abandoned: its child is ended and
`run` returns None for it. A child idle for `IDLE_SECONDS` is ended (the next
big article starts another); `close` ends it at once (the app calls it on
quit); a child whose parent died reads the end of its stdin and exits.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from typing import IO, Any

from reader.corpus.article import Article
from reader.tui.entity_work import EntityResult, Extractor, analyse

PROCESS_CHARS = 100_000  # texts this long (characters) are analysed in the child
IDLE_SECONDS = 60.0  # an idle child is ended after this long (its memory comes back)
_WAIT_SECONDS = 2.0
_LENGTH = struct.Struct("<Q")
# The child's program: take the parent's import path, then serve.
_BOOT = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from reader.tui.entity_runner import serve; serve()"
)


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message; EOFError when the other side is gone."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the other side closed the pipe")
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe")
    return pickle.loads(data)


def serve() -> None:
    """The child's loop: analyse each (article, extractor) read from stdin,
    write the result to stdout, until stdin closes. Whatever the extractor
    prints goes nowhere (stdout is the parent's pipe)."""
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    while True:
        try:
            article, extractor = _receive(requests)
        except EOFError:
            return
        try:
            _send(replies, analyse(article, extractor))
        except BrokenPipeError:
            return


def can_send(extractor: Extractor) -> bool:
    """True if `extractor` can be named in another process (a module-level
    function of an importable module)."""
    if getattr(extractor, "__module__", "__main__") in ("__main__", "__mp_main__"):
        return False
    try:
        pickle.dumps(extractor)
    except Exception:  # closures, lambdas, bound methods of unpicklable objects
        return False
    return True


class _Child:
    """One child process and its pipes."""

    def __init__(self, python: str) -> None:
        self.process = subprocess.Popen(
            [python, "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests: IO[bytes] = self.process.stdin
        self.replies: IO[bytes] = self.process.stdout
        self.ended = False  # ended by the runner (not a crash)
        pickle.dump(sys.path, self.requests)
        self.requests.flush()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def end(self) -> None:
        """Stop the process now: a job it runs is abandoned (the thread
        waiting for it reads the end of the pipe)."""
        self.ended = True
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(_WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(_WAIT_SECONDS)

    def close_pipes(self) -> None:
        for stream in (self.requests, self.replies):
            with contextlib.suppress(OSError):  # a broken pipe while flushing
                stream.close()


class _Abandoned(Exception):
    """The job's child was ended by the runner."""


class EntityRunner:
    """Runs `analyse(article, extractor)`, in a child process for big texts."""

    def __init__(
        self,
        extractor: Extractor,
        min_chars: int = PROCESS_CHARS,
        python: str = sys.executable,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self.extractor = extractor
        self.min_chars = min_chars
        self.idle_seconds = idle_seconds
        self.fallback_reason: str | None = (
            None if can_send(extractor) else "the extractor cannot be sent to a process"
        )
        self._python = python
        self._lock = threading.Lock()
        self._idle: _Child | None = None  # ready for the next job
        self._busy: _Child | None = None  # running a job
        self._closed = False

    @property
    def uses_process(self) -> bool:
        """True while big texts go to a child process."""
        return self.fallback_reason is None and not self._closed

    @property
    def child_pids(self) -> list[int]:
        """The process ids of the live children (for tests and diagnostics)."""
        with self._lock:
            children = [c for c in (self._idle, self._busy) if c is not None]
        return [c.pid for c in children if c.alive()]

    def run(self, article: Article) -> EntityResult | None:
        """The article's entities; None if the job was abandoned (a newer big
        article came, or the runner was closed)."""
        if len(article.text) < self.min_chars or not self.uses_process:
            return None if self._closed else analyse(article, self.extractor)
        try:
            return self._in_child(article)
        except _Abandoned:
            return None
        except Exception as exc:  # the child could not start or died: the thread will do
            with self._lock:
                self.fallback_reason = f"entity process unavailable: {exc!r}"
            return None if self._closed else analyse(article, self.extractor)

    def _take_child(self) -> _Child:
        with self._lock:
            if self._closed:
                raise _Abandoned
            stale, self._busy = self._busy, None
            child, self._idle = self._idle, None
        if stale is not None:
            stale.end()  # its job is for an article the reader left
        if child is not None and not child.alive():
            child.end()
            child.close_pipes()
            child = None
        if child is None:
            child = _Child(self._python)
        with self._lock:
            closed = self._closed
            if not closed:
                self._busy = child
        if closed:
            child.end()
            child.close_pipes()
            raise _Abandoned
        return child

    def _in_child(self, article: Article) -> EntityResult:
        child = self._take_child()
        try:
            _send(child.requests, (article, self.extractor))
            result: EntityResult = _receive(child.replies)
        except (EOFError, OSError) as exc:
            abandoned = child.ended  # ended by the runner, not a crash
            child.end()
            child.close_pipes()
            with self._lock:
                if self._busy is child:
                    self._busy = None
            if abandoned:
                raise _Abandoned from exc
            raise RuntimeError("the entity process stopped") from exc
        with self._lock:
            keep = self._busy is child and not self._closed and self._idle is None
            if self._busy is child:
                self._busy = None
            if keep:
                self._idle = child
        if keep:
            timer = threading.Timer(self.idle_seconds, self._end_if_idle, (child,))
            timer.daemon = True
            timer.start()
        else:  # closed meanwhile, or another child is idle
            child.end()
            child.close_pipes()
        return result

    def _end_if_idle(self, child: _Child) -> None:
        """End `child` if it is still waiting for a job (its idle time is up)."""
        with self._lock:
            if self._idle is not child:
                return  # it took a job since, or was ended
            self._idle = None
        child.end()
        child.close_pipes()

    def close(self) -> None:
        """End the child processes; later calls to `run` return None."""
        with self._lock:
            self._closed = True
            idle, busy = self._idle, self._busy
            self._idle = self._busy = None
        if idle is not None:
            idle.end()
            idle.close_pipes()
        if busy is not None:
            busy.end()  # the thread waiting for it reads the end and closes the pipes
