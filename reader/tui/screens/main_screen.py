"""The main screen: sidebar, reading view, entity panel, footer."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.corpus.article import Article
from reader.corpus.loader import Corpus, LoadProblem
from reader.corpus.sanitize import display_safe, has_unsafe
from reader.entities.model import Label
from reader.tui import css_cache, entity_prefetch, first_entities, gc_tuning, preload
from reader.tui.entity_prefetch import entities_of, stored_result
from reader.tui.entity_runner import PROCESS_CHARS, EntityRunner
from reader.tui.entity_work import EntityResult, Extractor
from reader.tui.gc_tuning import settle, settle_text
from reader.tui.prompt_frames import PromptFrames
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.screens.corpus_screen import CorpusScreen
from reader.tui.screens.neighbour_entities import NeighbourEntities
from reader.tui.screens.triage_actions import TriageActions
from reader.tui.text_layout import reading_text
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel, OthersKey
from reader.tui.widgets.filter_input import FilterInput
from reader.tui.widgets.legend import Legend
from reader.tui.widgets.notes_panel import NotesPanel
from reader.tui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:  # loaded with the triage data, after the first screen
    from reader.tui.triage_state import TriageState

_CACHE_SIZE = 64  # articles whose entities are kept
_SYNC_EXTRACT_CHARS = 20_000  # shorter articles get their entities in the same frame


# The reading view's keys, pressed while the focus is elsewhere (the sidebar at
# start): the focus moves to the article and the key does what it does there.
_READING_KEYS: tuple[tuple[str, str, str], ...] = (
    # (key, the view's action, the view's binding id: a remapped key moves both)
    ("s", "select_sentence", "reader.article.select_sentence"),
    ("v", "toggle_selecting", "reader.article.toggle_selecting"),
    ("x", "select_entity", "reader.select_entity"),
    ("a", "annotate", "reader.annotate"),
    ("A", "annotate_article", "reader.annotate_article"),
    ("f", "factcheck", "reader.factcheck"),
    ("c", "next_claim", "reader.next_claim"),
    ("right_square_bracket", "next_entity", "reader.article.next_entity"),
    ("left_square_bracket", "previous_entity", "reader.article.previous_entity"),
    ("right_curly_bracket", "next_note", "reader.next_note"),
    ("left_curly_bracket", "previous_note", "reader.previous_note"),
)


class MainScreen(CorpusScreen, AnnotatingScreen, TriageActions, NeighbourEntities, PromptFrames):
    """Lists the corpus, shows one article with its entities."""

    HELP_AREA = "Main screen"
    AUTO_FOCUS = "#articles"

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as the key arrives, so the keys typed right after
        # it already go to the filter box (not when a text box has the focus)
        Binding("slash", "filter", "Filter", priority=True, id="reader.filter"),
        Binding(
            "1", "toggle_label('PERSON')", "Toggle people", show=False, id="reader.toggle_person"
        ),
        Binding(
            "2", "toggle_label('ORG')", "Toggle organisations", show=False, id="reader.toggle_org"
        ),
        Binding(
            "3", "toggle_label('PLACE')", "Toggle places", show=False, id="reader.toggle_place"
        ),
        Binding("4", "toggle_label('DATE')", "Toggle dates", show=False, id="reader.toggle_date"),
        Binding(
            "5",
            "toggle_label('QUANTITY')",
            "Toggle quantities",
            show=False,
            id="reader.toggle_quantity",
        ),
        Binding("p", "toggle_panel", "Entities panel", show=False, id="reader.toggle_panel"),
        *(
            Binding(key, f"reading_key('{action}')", "In the article", show=False, id=binding_id)
            for key, action, binding_id in _READING_KEYS
        ),
    ]

    # repaint=False: the widgets that change repaint themselves; a repaint of
    # the whole screen per article open cost a full-screen render (~25 ms)
    hidden_labels: reactive[frozenset[Label]] = reactive(frozenset(), repaint=False)
    current: reactive[int | None] = reactive(None, repaint=False)

    def __init__(
        self,
        corpus: Corpus,
        extractor: Extractor,
        source: Iterator[Article | LoadProblem] | None = None,
    ) -> None:
        """Show `corpus`; with `source`, its articles stream in from a worker."""
        super().__init__(corpus, source)
        self.extractor = extractor
        # big articles: extraction in a child process (see entity_runner)
        self._entity_runner = EntityRunner(extractor)
        self.note_counts: dict[str, int] = {}
        self._entity_cache: OrderedDict[str, EntityResult] = OrderedDict()
        # the last opened articles' entities, kept on disk for the next start
        self._kept_entities = first_entities.KeptEntities(first_entities.cache_path())
        # A first open takes its entities from the triage index (once built by
        # the same extractor) or those kept by an earlier run before running the
        # extractor (a switch for benchmarks and tests; the neighbours'
        # prefetch: NeighbourEntities).
        self.entities_from_triage = True
        self._pending_query = ""
        self._filter_scheduled = False
        self._legend_counts: dict[Label, int] = {}
        self._sidebar_title = ""
        # The breakpoint class for the size the app has now (Textual sets it on
        # the first Resize): set here, that Resize restyles nothing (~10 ms less).
        with contextlib.suppress(RuntimeError):  # no active app: Textual sets it later
            current = self._breakpoint(self.app.size.width)
            for _threshold, name in self.HORIZONTAL_BREAKPOINTS:
                self.set_class(name == current, name, update=False)

    @classmethod
    def _breakpoint(cls, width: int) -> str:
        """The HORIZONTAL_BREAKPOINTS class for `width`: the last whose threshold
        it reaches (the rule Textual applies)."""
        return [name for threshold, name in cls.HORIZONTAL_BREAKPOINTS if width >= threshold][-1]

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar-pane"):
                yield FilterInput(id="filter")
                yield ArticleList(id="articles")
            with Vertical(id="reading-pane"):
                yield ArticleHeader(id="header")
                yield Legend(id="legend")
                yield AnnotatedArticleView(id="article")
            with Vertical(id="panel-pane"):
                yield Static(id="panel-status")
                yield EntityPanel(id="entities")
                yield NotesPanel(id="notes")
        yield QuietFooter()

    # -- start-up ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.query_one("#panel-pane").border_title = "Entities"
        self.query_one(ArticleList).focus()
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self._show_legend()
        self._start_loading()
        # the first frame has everything above: collection resumes after it
        self.call_after_refresh(gc_tuning.release)
        # and every rule it needed was parsed: saved for the next start
        self.call_after_refresh(css_cache.remember, self.app.stylesheet)
        # then what the first frame did not need (dialogs, help, palette): see preload
        self.call_after_refresh(preload.start, self)

    def _on_articles_added(self, first_new: int) -> None:
        new = self.articles[first_new:]
        query = self.query_one(FilterInput).value.lower()
        show = [i for i in range(first_new, len(self.articles)) if query in self._titles[i]]
        self.query_one(ArticleList).add_articles(new, show, self.note_counts)
        if self.current is None and self.articles:
            self.current = 0
        self._update_sidebar_title()

    def _on_corpus_loaded(self) -> None:
        if not self.articles:
            unreadable = len(self.corpus.problems)
            self.query_one(ArticleHeader).show_empty(self.corpus.root, unreadable)
            self.query_one(EntityPanel).show_message("The corpus is empty")
        self._update_sidebar_title()

    def _on_filter_index_ready(self) -> None:
        if self.query_one(FilterInput).value:
            self._apply_filter(self.query_one(FilterInput).value)
        self._update_sidebar_title()

    def _on_other_count(self, key: OthersKey, count: int) -> None:
        if not self.app.is_running:
            return  # a count that arrives while the app shuts down: no panel left
        self.query_one(EntityPanel).set_others(key, count)

    @property
    def dark(self) -> bool:
        return self.app.current_theme.dark

    # -- opening an article -----------------------------------------------------

    def watch_current(self, index: int | None) -> None:
        if index is None:
            return
        article = self.articles[index]
        self.query_one(ArticleHeader).show_article(article)
        view = self.query_one(ArticleView)
        raw = article.text  # once: it may be rebuilt on each access
        text = display_safe(raw) if has_unsafe(raw) else raw
        settle_text(len(text))
        view.show_text(article.id, reading_text(text))
        settle_text(len(text))
        self._schedule_prefetch()
        cached = self._entity_cache.get(article.id)
        if cached is not None:
            self._entity_cache.move_to_end(article.id)
            self._keep_result(article, cached)
            self._show_entities(cached)
        elif len(raw) <= _SYNC_EXTRACT_CHARS:
            found = self._kept_result(article, raw)  # (the start: no extractor import)
            if found is None:
                found = entities_of(article, raw, self._entity_index(), self.extractor)
            self._keep_result(article, found)
            self._entities_ready(article.id, found)
        else:
            self.query_one(EntityPanel).show_message("Finding entities…")
            self._set_status("finding entities…")
            self._legend_counts = {}
            self._show_legend()
            self._extract(article, self._entity_index())

    def _kept_result(self, article: Article, text: str) -> EntityResult | None:
        """`article`'s entities as an earlier run kept them (see first_entities)."""
        if not self.entities_from_triage or not self._kept_entities.has_entries():
            return None
        # (read from the extractor's files, without importing it: ~3 ms, once)
        fingerprint = entity_prefetch.fingerprint(self.extractor)
        return self._kept_entities.recall(article, text, fingerprint)

    def _keep_result(self, article: Article, result: EntityResult) -> None:
        """Keep an opened article's entities for the next start (saved on unmount)."""
        if result.error is None:
            self._kept_entities.keep(article, result.entities)

    def _entity_index(self) -> TriageState | None:
        """The triage data, when it may serve as a source of entities."""
        return self.triage if self.entities_from_triage else None

    # description: else Textual builds one from repr() of the arguments (all the triage data)
    @work(thread=True, exclusive=True, group="entities", description="entities")
    def _extract(self, article: Article, state: TriageState | None) -> None:
        result = None
        text = article.text
        if len(text) < PROCESS_CHARS:  # longer: laid out in the child process only
            result = stored_result(article, text, state, self.extractor)
        if result is None:
            result = self._entity_runner.run(article)  # None: abandoned for a newer one
        if result is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._entities_ready, article.id, result)

    def on_unmount(self) -> None:
        """No entity process outlives the app; the entities of the articles
        opened are kept for the next start."""
        self._entity_runner.close()
        if self._kept_entities.has_new():
            self._kept_entities.save(entity_prefetch.fingerprint(self.extractor))

    def _entities_ready(self, article_id: str, result: EntityResult) -> None:
        settle(len(result.entities))  # a big article's entities live on in the cache
        self._remember_entities(article_id, result)
        if self.current is not None and self.articles[self.current].id == article_id:
            self._show_entities(result)

    def _remember_entities(self, article_id: str, result: EntityResult) -> None:
        """Keep `result` in the entity cache (the least recently used go)."""
        self._entity_cache[article_id] = result
        self._entity_cache.move_to_end(article_id)
        while len(self._entity_cache) > _CACHE_SIZE:
            self._entity_cache.popitem(last=False)

    def _show_entities(self, result: EntityResult) -> None:
        view = self.query_one(ArticleView)
        view.set_dark(self.dark)
        view.set_hidden_labels(self.hidden_labels)
        view.set_entities(result.entities, result.by_line)
        panel = self.query_one(EntityPanel)
        if result.error:
            panel.show_message("Entities unavailable")
            self.notify(result.error, severity="error", markup=False)
        else:
            panel.show_groups(result.summary, self._others, self.dark)
        self._legend_counts = result.counts()
        self._show_legend()
        self._set_status(f"{len(result.entities)} mentions")
        if self.current is not None:
            groups = [g for gs in result.summary.values() for g in gs]
            self.count_others(groups, self.current)

    # -- sidebar and filter ------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.current = event.index
        # at once, so keys typed right after enter already move the cursor
        self.set_focus(self.query_one(ArticleView))

    def action_filter(self) -> None:
        self.query_one(FilterInput).enter()

    @on(FilterInput.Changed)
    def _filter_changed(self, event: FilterInput.Changed) -> None:
        # Keystrokes that queued up while a filter ran collapse into one run.
        self._pending_query = event.value
        if not self._filter_scheduled:
            self._filter_scheduled = True
            self.call_later(self._run_pending_filter)

    def _run_pending_filter(self) -> None:
        self._filter_scheduled = False
        self._apply_filter(self._pending_query)

    def _apply_filter(self, query: str) -> None:
        self.query_one(ArticleList).show_indices(self.filtered(query), keep=self.current)
        self._update_sidebar_title()

    @on(FilterInput.Closed)
    def _filter_closed(self, event: FilterInput.Closed) -> None:
        self.set_focus(self.query_one(ArticleList))
        self.query_one(FilterInput).leave()

    def _update_sidebar_title(self) -> None:
        shown = len(self.query_one(ArticleList).shown)
        total = len(self.articles)
        title = f"Articles {shown}/{total}" if shown != total else f"Articles {total}"
        if self.streaming:
            title += " loading…"
        elif not self.text_index_ready and self.query_one(FilterInput).value:
            title += " (titles only, text index not ready)"
        if title != self._sidebar_title:  # setting a border title repaints the whole pane
            self._sidebar_title = title
            self.query_one("#sidebar-pane").border_title = Content(title)

    # -- entities ---------------------------------------------------------------

    def action_toggle_label(self, label: str) -> None:
        self.hidden_labels = self.hidden_labels ^ {Label(label)}

    @on(Legend.Toggled)
    def _legend_toggled(self, event: Legend.Toggled) -> None:
        self.action_toggle_label(event.label.value)

    def watch_hidden_labels(self, hidden: frozenset[Label]) -> None:
        self.query_one(ArticleView).set_hidden_labels(hidden)
        self._show_legend()

    def _show_legend(self) -> None:
        self.query_one(Legend).show_state(self.hidden_labels, self.dark, self._legend_counts)

    @on(EntityPanel.Chosen)
    def _entity_chosen(self, event: EntityPanel.Chosen) -> None:
        view = self.query_one(ArticleView)
        # the mention is selected: visible even while the panel keeps the focus
        low, high = view.selection_offsets
        # nothing selected: a mention right at the cursor counts as the next one
        start, end = event.group.next_mention(low if high > low else low - 1)
        view.move_to_offset(start, end)

    def action_toggle_panel(self) -> None:
        """Wide: hide or show the entities panel. Narrow: show it in place of
        the sidebar, or go back."""
        self.toggle_class("-panel-toggled")
        self.call_after_refresh(self._keep_focus_visible)

    def _keep_focus_visible(self) -> None:
        focused = self.focused
        if focused is None or not self._is_shown(focused):
            for widget_id in ("entities", "articles", "article"):
                widget = self.query_one(f"#{widget_id}")
                if self._is_shown(widget):
                    widget.focus()
                    return

    @staticmethod
    def _is_shown(widget: Widget) -> bool:
        return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))

    def _set_status(self, text: str) -> None:
        status = self.query_one("#panel-status", Static)
        if text != str(status.content):  # (the same count: no repaint)
            status.update(Content(text), layout=False)

    def _theme_changed(self) -> None:
        """Entity colours differ on dark and light themes."""
        self.query_one(ArticleView).set_dark(self.dark)
        self._show_legend()
        if self.current is not None:
            result = self._entity_cache.get(self.articles[self.current].id)
            if result is not None and not result.error:
                self.query_one(EntityPanel).show_groups(result.summary, self._others, self.dark)

    # -- annotation store hook ------------------------------------------------------

    def set_note_counts(
        self, counts: dict[str, int], open_checks: dict[str, int] | None = None
    ) -> None:
        """Notes (and open fact-checks) per article id, shown in the sidebar rows."""
        self.note_counts = dict(counts)
        self.query_one(ArticleList).update_note_counts(self.note_counts, open_checks)
        self.refresh_triage_notes()

    # -- palette helpers -----------------------------------------------------------

    async def action_reading_key(self, action: str) -> None:
        """A reading-view key pressed elsewhere: focus the article, then act
        there (when the action applies there: check_action decides)."""
        view = self.query_one(AnnotatedArticleView)
        if self.focused is view or view.article_id is None or not self._is_shown(view):
            return
        view.focus()
        await self.app.run_action(action, view)

    def action_focus_area(self, widget_id: str) -> None:
        widget = self.query_one(f"#{widget_id}")
        if self._is_shown(widget):
            widget.focus()

    def action_open_index(self, index: int) -> None:
        if 0 <= index < len(self.articles):
            sidebar = self.query_one(ArticleList)
            if index not in sidebar.shown:
                self.query_one(FilterInput).value = ""
                sidebar.show_indices(range(len(self.articles)))
            sidebar.select_index(index)
            self.current = index
            self.set_focus(self.query_one(ArticleView))
