"""The triage side of the main screen: the corpus-wide data built (or loaded
from its cache) in a thread worker after the first screen is up, and the keys
that open the triage views (timeline, related articles, quotes, claims, an
entity's mentions across the corpus).

A mixin: `MainScreen(CorpusScreen, AnnotatingScreen, TriageActions)`. It
expects `articles`, `current`, `corpus`, `streaming`, `extractor`,
`action_open_index`, `annotate_span`, `store`, an ArticleList `#articles`,
an ArticleView `#article`, an EntityPanel `#entities` and a `#sidebar-pane`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.annotations.model import Kind
from reader.corpus.article import Article
from reader.tui.gc_tuning import settle
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel

if TYPE_CHECKING:
    from reader.triage.related import RelatedArticle
    from reader.triage.workspace import ArticleTriage
    from reader.triage.worthy import WorthySpans
    from reader.tui.triage import JumpTo, MakeFactCheck
    from reader.tui.triage_state import TriageState

# The triage packages (reader.triage, reader.tui.triage, triage_state) are
# imported where first used, most of them in the build worker: none is needed
# for the first screen, whose start-up time counts (tests/test_tui_app.py
# checks that importing the app leaves them out).

_PROGRESS_SECONDS = 0.25  # progress reaches the UI at most this often
_RETRY_SECONDS = 0.25  # while the corpus still streams in (and after a streamed start)
_NEEDS_ARTICLE = frozenset({"related", "quotes", "claims"})


class TriageActions(Screen[None]):
    """See the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("T", "timeline", "Timeline", id="reader.timeline"),
        Binding("R", "related", "Related", id="reader.related"),
        Binding("Q", "quotes", "Quotes", show=False, id="reader.quotes"),
        Binding("C", "claims", "Claims", show=False, id="reader.claims"),
        Binding(
            "m",
            "entity_mentions",
            "Entity across the corpus",
            show=False,
            id="reader.entity_mentions",
        ),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.triage: TriageState | None = None
        self.triage_progress = ""  # shown while building; "" when done or not started
        self.triage_error: str | None = None
        self._positions: dict[str, int] = {}
        self._annotated: set[str] = set()  # articles with annotations at the last refresh

    # -- the background build ----------------------------------------------------

    def on_mount(self) -> None:
        # after the first frame: the first article is drawn before any of this
        self.call_after_refresh(self._start_triage_soon)

    def _start_triage_soon(self) -> None:
        if getattr(self, "_source", None) is not None:
            # a corpus read at start-up (the `reader` command): a moment later,
            # so a key pressed at once is not slowed by the build's thread
            self.set_timer(_RETRY_SECONDS, self._start_triage)
        else:
            self._start_triage()

    def _start_triage(self) -> None:
        if getattr(self, "streaming", False):
            self.set_timer(_RETRY_SECONDS, self._start_triage)
            return
        articles = list(getattr(self, "articles", []))
        if not articles:
            self.triage_error = "the corpus is empty"
            return
        db_path = getattr(self.app, "db_path", None)
        root = getattr(getattr(self, "corpus", None), "root", None)
        self._build_triage(articles, self.extractor, db_path, root)  # type: ignore[attr-defined]

    # description: else Textual builds one from repr() of all the articles
    @work(thread=True, exclusive=True, group="triage-build", description="triage build")
    def _build_triage(
        self, articles: list[Article], extract: Any, db_path: Path | None, root: Path | None
    ) -> None:
        # imported here, off the UI thread (see the imports at the top)
        from reader.triage.index_build import BuildCancelled
        from reader.triage.workspace import build_corpus_triage, triage_cache_dir
        from reader.tui.claims_cache import CLAIMS_CACHE_FILE
        from reader.tui.triage_state import TriageState, find_worthy, progress_text

        self._from_thread(self._show_triage_progress, progress_text("entities", 0, len(articles)))
        cache_dir = None
        if db_path is not None and root is not None:
            cache_dir = triage_cache_dir(Path(db_path), Path(root))
        worker = get_current_worker()
        stop = lambda: worker.is_cancelled  # noqa: E731
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_SECONDS and not worker.is_cancelled:
                last[0] = now
                self._from_thread(self._show_triage_progress, progress_text(stage, done, total))

        try:
            corpus = build_corpus_triage(
                articles, extract, cache_dir, progress=progress, should_stop=stop
            )
            state = TriageState.of(corpus, articles)
        except BuildCancelled:
            return
        except Exception as exc:  # a failed build must not end the app
            self._from_thread(self._triage_failed, f"{type(exc).__name__}: {exc}")
            return
        if worker.is_cancelled:
            return
        self._from_thread(self._triage_ready, state)

        def batch(found: WorthySpans, done: int) -> None:
            status = progress_text("claims", done, len(articles))
            self._from_thread(self._worthy_found, found, status)

        claims_cache = None if cache_dir is None else cache_dir / CLAIMS_CACHE_FILE
        if find_worthy(articles, state.index, stop, batch, claims_cache):
            self._from_thread(self._show_triage_progress, "")
            # the claims and the sidebar rows they redrew: out of the GC's way too
            self._from_thread(settle, len(articles))

    def _from_thread(self, call: Any, *args: Any) -> None:
        # RuntimeError / NoMatches: the app or the screen is going away
        with contextlib.suppress(RuntimeError, NoMatches):
            self.app.call_from_thread(call, *args)

    def _show_triage_progress(self, text: str) -> None:
        self.triage_progress = text
        self.query_one("#sidebar-pane").border_subtitle = text

    def _triage_failed(self, message: str) -> None:
        self.triage_error = message
        self._show_triage_progress("")
        self.notify(message, title="Triage unavailable", severity="error", markup=False)

    def _triage_ready(self, state: TriageState) -> None:
        self.triage = state
        settle(len(state.articles))  # big data built: out of the GC's way
        self.refresh_triage_notes(state.duplicate_ids)
        self.refresh_bindings()

    def _worthy_found(self, found: WorthySpans, status: str) -> None:
        if self.triage is None:
            return
        self.triage.worthy.update(found)
        self._show_triage_progress(status)
        self.refresh_triage_notes(found)

    def refresh_triage_notes(
        self,
        only: Iterable[str] | None = None,
        known: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        """Redraw the sidebar's triage notes of the articles `only` (reading
        only their annotations, or taking them from `known`: every one of
        `only`'s, e.g. drawn before the store has them); without it, of every
        article whose annotations may have changed (reads them all: for a full
        resync)."""
        if self.triage is None:
            return
        from reader.tui.triage_state import group_by_article  # loaded with self.triage

        store = getattr(self, "store", None)
        annotations: Mapping[str, Sequence[Any]]
        if only is not None and known is not None:
            ids = set(only)
            annotations = {aid: anns for aid, anns in known.items() if aid in ids and anns}
            self._annotated = (self._annotated - ids) | set(annotations)
        elif only is None:  # a count depends on the article's own annotations only
            try:
                annotations = group_by_article(store.all()) if store is not None else {}
            except Exception:  # the store reports its own errors
                annotations = {}
            ids = self._annotated | set(annotations)
            self._annotated = set(annotations)
        else:
            ids = set(only)
            try:
                annotations = store.for_articles(ids) if store is not None else {}
            except Exception:  # the store reports its own errors
                annotations = {}
            self._annotated = (self._annotated - ids) | set(annotations)
        notes = self.triage.sidebar_notes(annotations, ids)
        self.query_one(ArticleList).update_triage_notes(notes)

    # -- what applies ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_ARTICLE and self._open_article() is None:
            return None
        return super().check_action(action, parameters)

    def _ready(self) -> TriageState | None:
        """The corpus data, or None after saying why it is not there yet."""
        if self.triage is None:
            if self.triage_error is not None:
                message = f"Triage unavailable: {self.triage_error}"
            else:
                message = f"Still indexing the corpus ({self.triage_progress or 'starting'})"
            self.notify(message, timeout=3, markup=False)
        return self.triage

    def _open_article(self) -> Article | None:
        current = getattr(self, "current", None)
        articles = getattr(self, "articles", [])
        return articles[current] if current is not None and current < len(articles) else None

    # -- the views ----------------------------------------------------------------

    def action_timeline(self) -> None:
        from reader.tui.triage import TimelineScreen

        state = self._ready()
        if state is not None:
            screen = TimelineScreen(state.corpus.timeline, state.titles, state.texts)
            self.app.push_screen(screen, self._triage_done)

    def action_related(self) -> None:
        from reader.tui.triage import RelatedScreen

        article = self._open_article()
        state = self._ready()
        if article is None or state is None:
            return
        similarity = state.corpus.similarity

        def related() -> list[RelatedArticle]:  # ranked just after the view's first frame
            return similarity.related(article.id)

        screen = RelatedScreen(article, related, state.corpus.duplicate_titles, state.articles)
        self.app.push_screen(screen, self._triage_done)

    def action_quotes(self) -> None:
        article = self._open_article()
        if article is not None:
            self._triage_open_article(article, "quotes")

    def action_claims(self) -> None:
        article = self._open_article()
        if article is not None:
            self._triage_open_article(article, "claims")

    def _triage_open_article(self, article: Article, view: str) -> None:
        """Triage the open article in a worker, then show `view` of it."""
        entities = self._entities_of(article)
        self._article_worker(article, entities, self._annotations_of(article), view)

    @work(thread=True, exclusive=True, group="triage-article")
    def _article_worker(
        self, article: Article, entities: list[Any] | None, annotations: list[Any], view: str
    ) -> None:
        from reader.triage.workspace import triage_article

        if entities is None:
            try:
                entities = list(self.extractor(article))  # type: ignore[attr-defined]
            except Exception:  # quotes and claims still work without entities
                entities = []
        try:
            result = triage_article(article, entities, annotations)
        except Exception as exc:  # a triage bug must not end the app
            message = f"Could not triage this article: {type(exc).__name__}: {exc}"
            self._from_thread(self._notify_error, message)
            return
        if not get_current_worker().is_cancelled:
            self._from_thread(self._show_article_triage, article, result, view)

    def _notify_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)

    def _entities_of(self, article: Article) -> list[Any] | None:
        cache = getattr(self, "_entity_cache", {})
        found = cache.get(article.id)
        if found is not None and not found.error:
            return list(found.entities)
        if self.triage is not None and article.id in self.triage.texts:
            return list(self.triage.index.entities(article.id))
        return None

    def _annotations_of(self, article: Article) -> list[Any]:
        store = getattr(self, "store", None)
        try:
            return store.for_article(article.id) if store is not None else []
        except Exception:  # the store reports its own errors; claims still show
            return []

    def _show_article_triage(self, article: Article, result: ArticleTriage, view: str) -> None:
        from reader.tui.triage import ClaimsScreen, QuotesScreen, covered_starts

        if self._open_article() is not article:
            return  # the reader moved on meanwhile
        if view == "quotes":
            self.app.push_screen(QuotesScreen(article, result.quotes), self._triage_done)
        else:
            covered = covered_starts(result.claims, result.unchecked)
            screen = ClaimsScreen(article, result.claims, covered)
            self.app.push_screen(screen, self._triage_done)

    def action_entity_mentions(self) -> None:
        from reader.tui.triage import EntityMentionsScreen, IndexedMentions

        names = self._entity_at_hand()
        state = self._ready()
        if state is None:
            return
        if names is None:
            self.notify("No entity here: put the cursor on one, or pick it in the panel")
            return
        label, forms = names
        key = state.entity_key(label, forms)
        if key is None:
            self.notify(f"{forms[0]} is not in the corpus index", timeout=3, markup=False)
            return
        screen = EntityMentionsScreen(
            state.index.display_name(key),
            key,
            IndexedMentions(state.index, key),  # read per article as drawn
            state.titles,
            state.texts,
        )
        self.app.push_screen(screen, self._triage_done)

    def _entity_at_hand(self) -> tuple[str, list[str]] | None:
        """(label, names) of the entity highlighted in the entities panel (when
        it has the focus), else of the entity under the reading cursor."""
        focused = self.focused
        if isinstance(focused, EntityPanel):
            group = focused.highlighted_group
            if group is None:
                return None
            return str(group.label), [group.key, *group.forms]
        view = self.query_one("#article", ArticleView)
        cursor, _ = view.selection_offsets
        for entity in view.visible_entities():
            if entity.start <= cursor < entity.end or entity.start == cursor:
                return str(entity.label), [entity.key or entity.text, entity.text]
        return None

    # -- where the views lead ------------------------------------------------------

    def _triage_done(self, result: JumpTo | MakeFactCheck | None) -> None:
        from reader.tui.triage import JumpTo, MakeFactCheck  # loaded: a view was open

        if isinstance(result, JumpTo):
            if self.open_article_id(result.article_id):
                self.call_after_refresh(self._move_to, result.offset, None)
        elif isinstance(result, MakeFactCheck) and self.open_article_id(result.article_id):
            self.call_after_refresh(self._fact_check, result.start, result.end)

    def _move_to(self, offset: int, end: int | None) -> None:
        self.query_one("#article", ArticleView).move_to_offset(offset, end)

    def _fact_check(self, start: int, end: int) -> None:
        self._move_to(start, end)
        self.annotate_span(start, end, Kind.FACTCHECK)  # type: ignore[attr-defined]

    def open_article_id(self, article_id: str) -> bool:
        """Open the article `article_id` (focus to the reading view); False
        when the corpus has no such article."""
        articles = getattr(self, "articles", [])
        if len(self._positions) != len(articles):
            self._positions = {a.id: i for i, a in enumerate(articles)}
        index = self._positions.get(article_id)
        if index is None:
            self.notify(f"{article_id} is no longer in the corpus", markup=False)
            return False
        if index == getattr(self, "current", None):
            self.set_focus(self.query_one("#article", ArticleView))
        else:
            self.action_open_index(index)  # type: ignore[attr-defined]
        return True
