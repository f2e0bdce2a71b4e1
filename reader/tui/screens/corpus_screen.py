"""The data side of the main screen: the corpus streaming in, the filter and
word indexes, and the cross-article counts, all built in thread workers.

MainScreen (the widgets) subclasses it and implements the `_on_*` hooks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

from textual import work
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from reader.corpus.article import Article
from reader.corpus.loader import Corpus, LoadProblem
from reader.corpus.sanitize import display_safe
from reader.tui.entity_summary import EntityGroup, count_other_articles
from reader.tui.gc_tuning import settle
from reader.tui.read_ahead import ReadAhead
from reader.tui.widgets.entity_panel import OthersKey, others_key

if TYPE_CHECKING:  # built in a worker after the first screen (imported there)
    from reader.corpus.filter_index import FilterIndex
    from reader.corpus.word_index import WordIndex

_FIRST_SCREEN_WAIT = 0.05  # seconds the first frame waits for the sidebar's first screenful
_BATCH_SECONDS = 0.1  # streaming load: hand articles to the UI this often
_COUNT_DELAY = 0.4  # cross-article counts start once the reader stays on an article


class _LowerTitles(Sequence[str]):
    """The articles' titles, lower-cased when asked (not kept: 2 MB on 10,000)."""

    def __init__(self, articles: list[Article]) -> None:
        self._articles = articles

    def __len__(self) -> int:
        return len(self._articles)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [(a.title.value or "").lower() for a in self._articles[index]]
        return (self._articles[index].title.value or "").lower()


class CorpusScreen(Screen[None]):
    """Holds the corpus and its indexes; calls the hooks below as data arrives."""

    def __init__(
        self, corpus: Corpus, source: Iterator[Article | LoadProblem] | None = None
    ) -> None:
        """Show `corpus`; with `source`, its articles stream in from a worker."""
        super().__init__()
        self.corpus = corpus
        self.articles = corpus.articles  # grows while `source` streams in
        self._source = source
        self.streaming = source is not None
        self._ahead: ReadAhead[Article | LoadProblem] | None = None  # see _take_first
        self._titles = _LowerTitles(self.articles)  # for filtering before the index
        self._filter_index: FilterIndex | None = None
        self._word_index: WordIndex | None = None
        self._others: dict[OthersKey, int] = {}
        self._count_timer: Timer | None = None
        self._counting: tuple[list[EntityGroup], int] | None = None

    # -- hooks for the widgets -------------------------------------------------------

    def _on_articles_added(self, first_new: int) -> None:
        """`self.articles[first_new:]` are new."""

    def _on_corpus_loaded(self) -> None:
        """Every article is in."""

    def _on_filter_index_ready(self) -> None:
        """Full-text filtering is available."""

    def _on_other_count(self, key: OthersKey, count: int) -> None:
        """The entity `key` appears in `count` other articles."""

    # -- loading -------------------------------------------------------------------

    def _start_loading(self) -> None:
        self._report_problems(self.corpus.problems)
        done = self._source is None or self._take_first(self._source)
        self._add_titles(0)
        if done:
            self.streaming = False
            # its indexes after the first frame: their worker would compete with
            # it for the GIL (and import what the first screen does not need)
            self._loaded(index_now=False)
        else:
            # after the first frame: a loading thread would compete with it for the GIL
            self.call_after_refresh(self._stream, self._source)

    def _take_first(self, source: Iterator[Article | LoadProblem]) -> bool:
        """Read, here and now, up to the first article: the first frame shows it.
        The next screenful is read in a thread, waited for at most
        _FIRST_SCREEN_WAIT: if it came, the first frame shows it too (else it
        streams in from the worker, as the rest does: see ReadAhead).
        True when `source` has nothing after it."""
        taken: list[Article | LoadProblem] = []
        for item in source:
            taken.append(item)
            if isinstance(item, Article):
                break
        else:
            self._add_items(taken)
            return True
        self._add_items(taken)
        more = self.app.size.height // 2 - 1  # a sidebar row is two lines; one is in
        if more < 1:
            return False

        def enough(items: list[Article | LoadProblem]) -> bool:
            return sum(isinstance(item, Article) for item in items) >= more

        ahead = ReadAhead(source, enough)
        if not ahead.wait(_FIRST_SCREEN_WAIT):
            self._ahead = ahead  # the worker takes it over
            return False
        self._add_items(ahead.items)
        return ahead.exhausted

    @work(thread=True, exclusive=True, group="load")
    def _stream(self, source: Iterator[Article | LoadProblem]) -> None:
        worker = get_current_worker()
        ahead, self._ahead = self._ahead, None
        if ahead is not None:  # still reading the first screenful: its items first
            while not ahead.wait(_BATCH_SECONDS):
                if worker.is_cancelled:
                    return
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._receive, ahead.items, ahead.exhausted)
            if ahead.exhausted:
                return
        batch: list[Article | LoadProblem] = []
        last = 0.0  # the first article goes out at once: the first screen counts
        for item in source:
            if worker.is_cancelled:
                return
            batch.append(item)
            now = time.monotonic()
            if now - last >= _BATCH_SECONDS:
                self.app.call_from_thread(self._receive, batch)
                batch, last = [], now
        self.app.call_from_thread(self._receive, batch, True)

    def _add_items(self, batch: list[Article | LoadProblem]) -> None:
        for item in batch:
            self.corpus.add(item)
        self._report_problems([p for p in batch if isinstance(p, LoadProblem)])

    def _receive(self, batch: list[Article | LoadProblem], done: bool = False) -> None:
        if not self.app.is_running:
            return  # a batch that arrives while the app shuts down: no widgets left
        first_new = len(self.articles)
        self._add_items(batch)
        self._add_titles(first_new)
        if done:
            self.streaming = False
            self._loaded()

    def _add_titles(self, first_new: int) -> None:
        self._on_articles_added(first_new)

    def _loaded(self, index_now: bool = True) -> None:
        settle(len(self.articles))
        self._on_corpus_loaded()
        if index_now:
            self._build_filter_index()
        else:
            self.call_after_refresh(self._build_filter_index)

    def _report_problems(self, problems: list[LoadProblem]) -> None:
        """One notification for the files that could not be read (fully)."""
        if not problems:
            return
        lines = [f"{p.path.name}: {p.message}" for p in problems[:3]]
        if len(problems) > 3:
            lines.append(f"… and {len(problems) - 3} more")
        lines.append("(ctrl+p: Corpus problems lists them all)")
        self.app.notify("\n".join(lines), title="Corpus", severity="warning", markup=False)

    def action_corpus_problems(self) -> None:
        """List every file that was skipped or loaded with a caveat."""
        from reader.tui.screens.problems_screen import CorpusProblemsScreen

        problems = self.corpus.problems
        if not problems:
            folder = display_safe(str(self.corpus.root))
            self.app.notify(f"Every file in {folder} was read.", markup=False)
            return
        self.app.push_screen(CorpusProblemsScreen(problems, self.corpus.root))

    @work(thread=True, exclusive=True, group="filter-index")
    def _build_filter_index(self) -> None:
        from reader.corpus.filter_index import FilterIndex
        from reader.corpus.word_index import WordIndex

        worker = get_current_worker()
        index = FilterIndex.of_articles(list(self.articles))  # over the corpus's TextStore
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._filter_index_ready, index)
        words = WordIndex(index.haystacks, lambda: worker.is_cancelled)
        if words.complete:
            index.attach_words(words)
            self.app.call_from_thread(self._word_index_ready, words)

    def _filter_index_ready(self, index: FilterIndex) -> None:
        if not self.app.is_running:
            return
        self._filter_index = index
        self._on_filter_index_ready()

    def _word_index_ready(self, words: WordIndex) -> None:
        self._word_index = words
        if self._counting is not None:
            self._start_counting()

    def filtered(self, query: str) -> list[int]:
        """Indices of the articles whose title or text contains `query`
        (ignoring case); titles only while the text index is being built."""
        index = self._filter_index
        if index is not None and len(index) == len(self.articles):
            return index.search(query)
        needle = query.lower()
        return [i for i, t in enumerate(self._titles) if needle in t]

    @property
    def text_index_ready(self) -> bool:
        return self._filter_index is not None

    # -- cross-article counts ---------------------------------------------------

    def count_others(self, groups: list[EntityGroup], article_index: int) -> None:
        """Count, a moment later and in a worker, the other articles that
        mention each of `groups` (results are cached across articles)."""
        self.workers.cancel_group(self, "others")
        if self._count_timer is not None:
            self._count_timer.stop()
        self._counting = ([g for g in groups if others_key(g) not in self._others], article_index)
        self._count_timer = self.set_timer(_COUNT_DELAY, self._start_counting)

    def _start_counting(self) -> None:
        self._count_timer = None
        if self._counting is None or self._word_index is None or self._filter_index is None:
            return  # the indexes call again when ready
        groups, exclude = self._counting
        todo = [g for g in groups if others_key(g) not in self._others]
        self._counting = None
        if todo:
            self._count_others_worker(todo, exclude, self._filter_index, self._word_index)

    @work(thread=True, exclusive=True, group="others")
    def _count_others_worker(
        self, groups: list[EntityGroup], exclude: int, index: FilterIndex, words: WordIndex
    ) -> None:
        worker = get_current_worker()
        for group in groups:
            n = count_other_articles(
                group.forms, index.haystacks, exclude, lambda: worker.is_cancelled, words
            )
            if n is None or worker.is_cancelled:
                return
            self.app.call_from_thread(self._other_ready, others_key(group), n)

    def _other_ready(self, key: OthersKey, count: int) -> None:
        self._others[key] = count
        self._on_other_count(key, count)
