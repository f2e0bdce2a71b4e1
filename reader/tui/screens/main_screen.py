"""The main screen: sidebar, reading view, entity panel, footer."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reader.corpus.article import Article
from reader.corpus.sanitize import display_safe
from reader.entities.model import Entity, Label
from reader.tui.entity_summary import EntityGroup, count_other_articles, summarize
from reader.tui.filter_index import FilterIndex, haystack
from reader.tui.text_layout import Span, line_starts, reading_text, spans_by_line
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel, others_key
from reader.tui.widgets.filter_input import FilterInput
from reader.tui.widgets.legend import Legend

Extractor = Callable[[Article], Sequence[Entity]]
_CACHE_SIZE = 64


@dataclass(frozen=True)
class EntityResult:
    """What the reading view and side panel need for one article."""

    entities: tuple[Entity, ...]
    by_line: dict[int, list[Span]]
    summary: dict[Label, list[EntityGroup]]
    error: str | None = None


def analyse(article: Article, extractor: Extractor) -> EntityResult:
    """Run the extractor and lay out its result; bad spans are dropped."""
    try:
        found = extractor(article)
    except Exception as exc:  # the extractor is a separate component: never crash the UI
        return EntityResult((), {}, {}, error=f"entity extraction failed: {exc!r}")
    size = len(article.text)
    entities = tuple(sorted(e for e in found if 0 <= e.start < e.end <= size))
    starts = line_starts(article.text)
    by_line = spans_by_line(starts, [(e.start, e.end, e.label.value) for e in entities])
    return EntityResult(entities, by_line, summarize(entities))


class MainScreen(Screen[None]):
    """Lists the corpus, shows one article with its entities."""

    HELP_AREA = "Main screen"

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="reader.filter"),
        Binding(
            "1",
            "toggle_label('PERSON')",
            "Toggle people",
            show=False,
            id="reader.toggle_label_person",
        ),
        Binding(
            "2",
            "toggle_label('ORG')",
            "Toggle organisations",
            show=False,
            id="reader.toggle_label_org",
        ),
        Binding(
            "3",
            "toggle_label('PLACE')",
            "Toggle places",
            show=False,
            id="reader.toggle_label_place",
        ),
        Binding(
            "4", "toggle_label('DATE')", "Toggle dates", show=False, id="reader.toggle_label_date"
        ),
        Binding(
            "5",
            "toggle_label('QUANTITY')",
            "Toggle quantities",
            show=False,
            id="reader.toggle_label_quantity",
        ),
        Binding("p", "toggle_panel", "Entities panel", show=False, id="reader.toggle_panel"),
    ]

    hidden_labels: reactive[frozenset[Label]] = reactive(frozenset())
    current: reactive[int | None] = reactive(None)

    def __init__(self, articles: Sequence[Article], extractor: Extractor) -> None:
        super().__init__()
        self.articles = articles
        self.extractor = extractor
        self.note_counts: dict[str, int] = {}
        self._entity_cache: OrderedDict[str, EntityResult] = OrderedDict()
        self._others: dict[tuple[Label, str, tuple[str, ...]], int] = {}
        self._filter_index: FilterIndex | None = None
        self._titles = [a.title.value.lower() if a.title.value else "" for a in articles]
        self._legend_counts: dict[Label, int] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar-pane"):
                yield FilterInput(id="filter")
                yield ArticleList(id="articles")
            with Vertical(id="reading-pane"):
                yield ArticleHeader(id="header")
                yield Legend(id="legend")
                yield ArticleView(id="article")
            with Vertical(id="panel-pane"):
                yield Static(id="panel-status")
                yield EntityPanel(id="entities")
        yield Footer()

    # -- start-up ----------------------------------------------------------------

    def on_mount(self) -> None:
        sidebar = self.query_one(ArticleList)
        sidebar.set_articles(self.articles, self.note_counts)
        self._update_sidebar_title()
        self.query_one("#panel-pane").border_title = "Entities"
        self._show_legend()
        if self.articles:
            self.current = 0
        else:
            self.query_one(ArticleHeader).show_article(None)
            self.query_one(EntityPanel).show_message("The corpus is empty")
        sidebar.focus()
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self._build_filter_index()

    @property
    def dark(self) -> bool:
        return self.app.current_theme.dark

    @work(thread=True, exclusive=True, group="filter-index")
    def _build_filter_index(self) -> None:
        index = FilterIndex(haystack(a.title.value or "", a.text) for a in self.articles)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filter_index_ready, index)

    def _filter_index_ready(self, index: FilterIndex) -> None:
        self._filter_index = index
        if self.query_one(FilterInput).value:
            self._apply_filter(self.query_one(FilterInput).value)
        self._count_others()

    # -- opening an article -----------------------------------------------------

    def watch_current(self, index: int | None) -> None:
        if index is None:
            return
        article = self.articles[index]
        self.query_one(ArticleHeader).show_article(article)
        view = self.query_one(ArticleView)
        view.show_text(article.id, reading_text(display_safe(article.text)))
        cached = self._entity_cache.get(article.id)
        if cached is not None:
            self._entity_cache.move_to_end(article.id)
            self._show_entities(article.id, cached)
        else:
            self.query_one(EntityPanel).show_message("Finding entities…")
            self._set_status("finding entities…")
            self._show_legend({})
            self._extract(article)

    @work(thread=True, exclusive=True, group="entities")
    def _extract(self, article: Article) -> None:
        result = analyse(article, self.extractor)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._entities_ready, article.id, result)

    def _entities_ready(self, article_id: str, result: EntityResult) -> None:
        self._entity_cache[article_id] = result
        while len(self._entity_cache) > _CACHE_SIZE:
            self._entity_cache.popitem(last=False)
        if self.current is not None and self.articles[self.current].id == article_id:
            self._show_entities(article_id, result)

    def _show_entities(self, article_id: str, result: EntityResult) -> None:
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
        counts = {label: sum(g.count for g in gs) for label, gs in result.summary.items()}
        self._show_legend(counts)
        self._set_status(f"{len(result.entities)} mentions")
        self._count_others()

    # -- cross-article counts ---------------------------------------------------

    def _count_others(self) -> None:
        if self._filter_index is None or self.current is None:
            return
        result = self._entity_cache.get(self.articles[self.current].id)
        if result is None:
            return
        todo = [
            g
            for groups in result.summary.values()
            for g in groups
            if others_key(g) not in self._others
        ]
        if todo:
            self._count_others_worker(todo, self.current, self._filter_index)

    @work(thread=True, exclusive=True, group="others")
    def _count_others_worker(
        self, groups: list[EntityGroup], exclude: int, index: FilterIndex
    ) -> None:
        worker = get_current_worker()
        for group in groups:
            if worker.is_cancelled:
                return
            n = count_other_articles(group.forms, index.haystacks, exclude)
            self.app.call_from_thread(self._other_ready, others_key(group), n)

    def _other_ready(self, key: tuple[Label, str, tuple[str, ...]], count: int) -> None:
        self._others[key] = count
        self.query_one(EntityPanel).set_others(key, count)

    # -- sidebar and filter ------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.current = event.index
        self.query_one(ArticleView).focus()

    def action_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.add_class("-active")
        box.focus()

    @on(FilterInput.Changed)
    def _filter_changed(self, event: FilterInput.Changed) -> None:
        self._apply_filter(event.value)

    def _apply_filter(self, query: str) -> None:
        if self._filter_index is not None:
            shown = self._filter_index.search(query)
        else:  # the full-text index is still being built: titles only for now
            needle = query.lower()
            shown = [i for i, t in enumerate(self._titles) if needle in t]
        self.query_one(ArticleList).show_indices(shown, keep=self.current)
        self._update_sidebar_title()

    @on(FilterInput.Closed)
    def _filter_closed(self, event: FilterInput.Closed) -> None:
        box = self.query_one(FilterInput)
        if event.cleared or not box.value:
            box.remove_class("-active")
        self.query_one(ArticleList).focus()

    def _update_sidebar_title(self) -> None:
        shown = len(self.query_one(ArticleList).shown)
        total = len(self.articles)
        pane = self.query_one("#sidebar-pane")
        pane.border_title = f"Articles {shown}/{total}" if shown != total else f"Articles {total}"

    # -- entities ---------------------------------------------------------------

    def action_toggle_label(self, label: str) -> None:
        lab = Label(label)
        self.hidden_labels = self.hidden_labels ^ {lab}

    def watch_hidden_labels(self, hidden: frozenset[Label]) -> None:
        self.query_one(ArticleView).set_hidden_labels(hidden)
        self._show_legend()

    def _show_legend(self, counts: dict[Label, int] | None = None) -> None:
        if counts is not None:
            self._legend_counts = counts
        self.query_one(Legend).show_state(self.hidden_labels, self.dark, self._legend_counts)

    @on(EntityPanel.Chosen)
    def _entity_chosen(self, event: EntityPanel.Chosen) -> None:
        view = self.query_one(ArticleView)
        start, _end = event.group.next_mention(view.cursor_offset)
        view.move_to_offset(start)

    def action_toggle_panel(self) -> None:
        pane = self.query_one("#panel-pane")
        pane.toggle_class("-toggled")

    def _set_status(self, text: str) -> None:
        self.query_one("#panel-status", Static).update(Content(text))

    def _theme_changed(self) -> None:
        """Entity colours differ on dark and light themes."""
        self.query_one(ArticleView).set_dark(self.dark)
        self._show_legend()
        if self.current is not None:
            result = self._entity_cache.get(self.articles[self.current].id)
            if result is not None and not result.error:
                self.query_one(EntityPanel).show_groups(result.summary, self._others, self.dark)

    # -- palette helpers -----------------------------------------------------------

    def action_focus_area(self, widget_id: str) -> None:
        widget = self.query_one(f"#{widget_id}")
        if widget.display and widget.parent is not None and widget.parent.display:
            widget.focus()

    def action_open_index(self, index: int) -> None:
        if 0 <= index < len(self.articles):
            sidebar = self.query_one(ArticleList)
            if index not in sidebar.shown:
                self.query_one(FilterInput).value = ""
                self.query_one(FilterInput).remove_class("-active")
                sidebar.show_indices(range(len(self.articles)))
            sidebar.select_index(index)
            self.current = index
            self.query_one(ArticleView).focus()
