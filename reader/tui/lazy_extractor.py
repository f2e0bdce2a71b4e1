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
import threading
from collections.abc import Sequence
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
                    # its compiled regexes, kept by an earlier run (when the
                    # first screen imports it, reader.tui.preload has not yet)
                    regex_cache.load_later()
                    module = importlib.import_module(self.__module__)
                    self._function = getattr(module, self.__qualname__)
                    # and kept for the next run, also when it ends before the preload
                    regex_cache.remember_patterns(regex_cache.module_patterns())
        return self._function

    def __call__(self, article: Article) -> Sequence[Entity]:
        result: Sequence[Entity] = self.load()(article)
        return result

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyExtractor, (self.__module__, self.__qualname__))

    def __repr__(self) -> str:
        return f"LazyExtractor({self.__module__!r}, {self.__qualname__!r})"


def default_extractor() -> LazyExtractor:
    """reader.entities.extract.entities_for, imported on first use."""
    return LazyExtractor("reader.entities.extract", "entities_for")
