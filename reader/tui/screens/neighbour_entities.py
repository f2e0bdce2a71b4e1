"""The main screen's prefetch of entities: while the reader reads, the
entities of the sidebar rows around the open article (and around the
highlighted row, as the reader moves through the sidebar) are prepared in a
thread worker, so that opening one of them finds them in the screen's entity
cache. From the triage index when it has them (reader.tui.entity_prefetch),
else by the extractor; texts for the child process are left alone.

A mixin: `MainScreen(..., NeighbourEntities)`. It expects `articles`,
`current`, `extractor`, `_entity_cache` (an OrderedDict, kept at most
`_CACHE_SIZE`), `_entity_index()` (the triage data or None) and an ArticleList.
Waiting _PREFETCH_DELAY after the last open or sidebar move keeps the worker
away from quick key presses; each move stops a prefetch under way. The first
run also learns the extractor's fingerprint (prefetch or not): the triage
index serves an open only once it is known.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from reader.corpus.article import Article
from reader.tui import entity_prefetch
from reader.tui.entity_prefetch import entities_of, prefetch_candidates
from reader.tui.entity_work import EntityResult
from reader.tui.widgets.article_list import ArticleList

if TYPE_CHECKING:  # loaded with the triage data, after the first screen
    from reader.tui.triage_state import TriageState

_PREFETCH_DELAY = 0.3  # seconds the reader stays before the neighbours are prepared


class NeighbourEntities(Screen[None]):
    """See the module docstring."""

    prefetch_entities = True  # off: neighbours not prepared (benchmarks, tests)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prefetch_due = 0.0  # monotonic time the prefetch may start
        self._prefetch_timer: Timer | None = None

    def on_mount(self) -> None:
        # the reader moves through the sidebar: prepare the entities around the row
        self.watch(self.query_one(ArticleList), "highlighted", self._schedule_prefetch, init=False)

    def _schedule_prefetch(self) -> None:
        """Prepare the entities around the open and the highlighted row once
        the reader stays _PREFETCH_DELAY; each call (an open, a sidebar move)
        stops a prefetch under way and starts the wait again."""
        self.workers.cancel_group(self, "entity-prefetch")
        self._prefetch_due = time.monotonic() + _PREFETCH_DELAY
        if self._prefetch_timer is None:
            self._prefetch_timer = self.set_timer(_PREFETCH_DELAY, self._prefetch_now)

    def _prefetch_now(self) -> None:
        self._prefetch_timer = None
        wait = self._prefetch_due - time.monotonic()
        if wait > 0.001:  # moved again meanwhile
            self._prefetch_timer = self.set_timer(wait, self._prefetch_now)
            return
        if not self.app.is_running:
            return
        todo: list[Article] = []
        if self.prefetch_entities:
            sidebar = self.query_one(ArticleList)
            todo = prefetch_candidates(
                self.articles,  # type: ignore[attr-defined]
                sidebar.shown,
                self.current,  # type: ignore[attr-defined]
                sidebar.highlighted_index,
                self._entity_cache,  # type: ignore[attr-defined]
            )
        # the first run also learns the extractor's fingerprint (prefetch or not):
        # until then the triage index is not used (entity_prefetch.stored_result)
        extractor = self.extractor  # type: ignore[attr-defined]
        if todo or entity_prefetch.known_fingerprint(extractor) is None:
            self._prefetch(todo, self._entity_index())  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="entity-prefetch", description="entity prefetch")
    def _prefetch(self, articles: list[Article], state: TriageState | None) -> None:
        worker = get_current_worker()
        extractor = self.extractor  # type: ignore[attr-defined]
        entity_prefetch.fingerprint(extractor)
        for article in articles:
            if worker.is_cancelled:
                return
            text = article.text
            if not entity_prefetch.worth_prefetching(text):
                continue
            result = entities_of(article, text, state, extractor)
            if worker.is_cancelled:
                return
            if result.error is None:  # a failure is reported when the article is opened
                with contextlib.suppress(RuntimeError):  # the app is closing
                    self.app.call_from_thread(self._prefetched, article.id, result)

    def _prefetched(self, article_id: str, result: EntityResult) -> None:
        if article_id in self._entity_cache:  # type: ignore[attr-defined]
            return  # (an open got there first)
        articles, current = self.articles, self.current  # type: ignore[attr-defined]
        if current is not None and articles[current].id == article_id:
            # opened meanwhile and still being analysed (a long text): show it now
            self._entities_ready(article_id, result)  # type: ignore[attr-defined]
        else:
            self._remember_entities(article_id, result)  # type: ignore[attr-defined]
