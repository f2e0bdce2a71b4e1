"""Read the first items of a streaming source in a thread, waited for briefly.

The first frame should show a screenful of the corpus, not one article and
then, a frame or three later, the rest: each extra frame before the screen is
complete costs a full render. But a source may be slow (a network folder, a
huge corpus), and the first frame must not wait for it. `ReadAhead` reads the
items in its own thread until the caller's `enough(items)` says stop or the
source ends; the caller waits for it a bounded time (`wait(timeout)`), takes
what came if it finished in time, and otherwise leaves it to a worker that
waits for it and goes on from there. Only one thread ever
iterates the source at a time. No textual import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class ReadAhead(Generic[T]):
    """Items of `source` read by a daemon thread until `enough(items)` or the end."""

    def __init__(self, source: Iterator[T], enough: Callable[[list[T]], bool]) -> None:
        self.items: list[T] = []
        self.exhausted = False  # the source has nothing more
        self._source = source
        self._enough = enough
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="read-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for item in self._source:
                self.items.append(item)
                if self._enough(self.items):
                    return
            self.exhausted = True
        except BaseException as exc:  # handed to whoever takes the items
            self._error = exc
        finally:
            self._done.set()

    def wait(self, timeout: float | None) -> bool:
        """Wait up to `timeout` seconds (None: as long as it takes) for the
        thread to stop; True when it has. Raises what the source raised."""
        if not self._done.wait(timeout):
            return False
        if self._error is not None:
            raise self._error
        return True
