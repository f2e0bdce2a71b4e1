"""The app's default entity extractor, imported on its first call.

The first screen can show entities kept by an earlier run
(reader.tui.first_entities) without the extractor: importing it and building
its word lists costs ~30 ms, which would delay the first frame. A
`LazyExtractor` names the function (module and attribute) and imports it the
first time it is called (a worker, reader.tui.preload, or an open that needs
it). It carries the function's `__module__` and `__qualname__`, so its
fingerprint (reader.code_fingerprint, computed without importing) is the
function's own, and it pickles by name (the entity process imports it there).
Pure, no textual import.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import regex_cache

if TYPE_CHECKING:
    from reader.corpus.article import Article
    from reader.entities.model import Entity


class LazyExtractor:
    """Calls `module.name(article)`, importing `module` on the first call."""

    def __init__(self, module: str, name: str) -> None:
        self.__module__ = module  # the function's: its fingerprint is the function's
        self.__qualname__ = name
        self._function: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the function has been imported (by a call or `load`)."""
        return self._function is not None

    def load(self) -> Any:
        """The function, imported now if it was not yet."""
        if self._function is None:
            with self._lock:
                if self._function is None:
                    self._function = self._import()
        return self._function

    def _import(self) -> Any:
        """Import the function, with the compiled regexes its modules made in
        an earlier run (a file of their own in the reader cache folder, read
        only now; saved at exit when some were compiled)."""
        if self.__module__ in sys.modules:  # imported (or being imported: this waits)
            return getattr(importlib.import_module(self.__module__), self.__qualname__)
        path = regex_file(self.__module__)
        if path is not None:
            regex_cache.load(path)
        before = regex_cache.snapshot()
        function = getattr(importlib.import_module(self.__module__), self.__qualname__)
        regex_cache.save_new_at_exit(path, before)
        return function

    def __call__(self, article: Article) -> Sequence[Entity]:
        result: Sequence[Entity] = self.load()(article)
        return result

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyExtractor, (self.__module__, self.__qualname__))

    def __repr__(self) -> str:
        return f"LazyExtractor({self.__module__!r}, {self.__qualname__!r})"


def regex_file(module: str) -> Path | None:
    """The file of the regexes `module`'s import compiles (None: caches off)."""
    path = regex_cache.cache_path()
    return None if path is None else path.with_name(f"regex-programs-{module}.marshal")


def default_extractor() -> LazyExtractor:
    """reader.entities.extract.entities_for, imported on first use."""
    return LazyExtractor("reader.entities.extract", "entities_for")
