"""The annotation side of the main screen: the store, the dialogs, the notes
panel, check-worthy claims (writing, redrawing and undo/redo: note_writes.py;
export: exporting.py).

A mixin: `MainScreen(CorpusScreen, AnnotatingScreen)`. It expects the screen
to have `current` (the open article's index), `articles`, `corpus`, `dark`,
`set_note_counts`, `refresh_triage_notes`, an ArticleList, an
AnnotatedArticleView `#article` and a NotesPanel `#notes`. Every change is
written by the store as soon as the dialog closes (in the background, see
note_writes.py); there is no save key.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Static

from reader.annotations.drafts import (
    PlacedNote,
    article_note,
    describe,
    draft_for_span,
    place_notes,
)
from reader.annotations.errors import StoreError
from reader.annotations.model import Anchor, Annotation, Kind
from reader.annotations.settings import Settings, SettingsError, load_settings
from reader.corpus.article import Article
from reader.corpus.sanitize import display_safe
from reader.tui.gc_tuning import settle
from reader.tui.screens.kept_dialogs import KeptDialogs
from reader.tui.screens.note_writes import NoteWrites
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:
    from reader.triage.claims import Claim

# The dialogs and the claim helpers are imported when first used: they are
# not needed for the first screen, whose start-up time counts.

_WRITES = frozenset({"undo", "redo"})
_POLL_SECONDS = 2.0  # how often to look for changes made by another instance


class AnnotatingScreen(NoteWrites):
    """Annotations on the open article; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "undo", "Undo", id="reader.undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="reader.redo"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.store_message: str | None = None  # why annotations are read-only/unavailable
        self.settings = Settings()
        self.placed: list[PlacedNote] = []
        self._placed_on: tuple[str, str] | None = None  # (article id, text hash) of `placed`
        self._unchecked: dict[str, list[Claim]] = {}  # article id -> claims, on demand
        self._dialogs = KeptDialogs(self)  # the note and delete dialogs, built once

    # -- start-up ----------------------------------------------------------------

    @property
    def notes_on(self) -> bool:
        """False when the app runs without an annotation database (db_path None)."""
        return getattr(self.app, "db_path", None) is not None

    @property
    def writable(self) -> bool | None:
        if not self.notes_on:
            return None
        return self.store is not None and not self.store.read_only

    def on_mount(self) -> None:
        notes = self.query_one("#notes", NotesPanel)
        notes.display = self.notes_on
        notes.border_title = "Notes"
        if self.notes_on:
            self._open_store(Path(self.app.db_path))  # type: ignore[attr-defined]
        self.watch(self, "current", self._article_changed, init=True)
        if self.store is not None:
            self.set_interval(_POLL_SECONDS, self.poll_store)
        self.watch(self.app, "theme", self._refresh_notes, init=False)
        self._refresh_counts()
        if self.store is not None:
            self.store.take_changed_articles()  # all of them: just counted
            self._look_at_history()
            # A big loaded store lives as long as the app: keep full collections
            # off it (at 10,000 notes one took ~100 ms and landed on every 5th save).
            settle(sum(c.notes for c in self.store.counts_by_article().values()))

    def _open_store(self, db_path: Path) -> None:
        from reader.annotations.store import AnnotationStore  # not needed without a db

        try:
            self.settings = load_settings()
        except SettingsError as exc:
            self._say(str(exc), title="Settings", severity="warning")
        try:
            self.store = AnnotationStore.open(db_path)
        except StoreError as exc:
            self.store_message = str(exc)
            try:  # show what is there, change nothing
                self.store = AnnotationStore.open(db_path, read_only=True)
            except (StoreError, OSError):  # OSError: e.g. a path under a regular file
                self.store = None
        if self.store is not None and self.store.read_only and self.store_message is None:
            self.store_message = (
                f"The annotation database {db_path} is {self.store.read_only_reason}."
            )
        if self.store_message is not None:
            self._show_banner(f"Notes are read-only: {self.store_message}")
            self._say(
                self.store_message, title="Annotations read-only", severity="error", timeout=10
            )
        if self.store is not None and self.store.problems:
            shown = self.store.problems[:3]
            more = len(self.store.problems) - len(shown)
            text = "\n".join(shown) + (f"\n… and {more} more" if more > 0 else "")
            self._say(text, title="Annotation database", severity="warning")

    def _show_banner(self, text: str) -> None:
        banner = Static(Content(display_safe(text)), id="store-banner")
        banner.styles.background = "darkred"
        banner.styles.color = "white"
        banner.styles.height = "auto"
        banner.styles.padding = (0, 1)
        try:
            self.mount(banner, before=self.query_one("#body"))
        except NoMatches:
            self.mount(banner)

    # -- the open article -----------------------------------------------------------

    @property
    def article(self) -> Article | None:
        current = getattr(self, "current", None)
        articles = getattr(self, "articles", [])
        return articles[current] if current is not None and current < len(articles) else None

    def _view(self) -> AnnotatedArticleView:
        return self.query_one("#article", AnnotatedArticleView)

    def _article_changed(self, _index: int | None = None) -> None:
        self._refresh_notes()

    def _refresh_notes(self) -> None:
        """Place the open article's notes and show them in the text and the panel."""
        article = self.article
        annotations: list[Annotation] = []
        if article is not None and self.store is not None:
            annotations = self.store.for_article(article.id)
        known = None  # the last placements, if on this very text
        if article is not None and self._placed_on == (article.id, article.text_hash):
            known = {n.annotation.id: n for n in self.placed}
        self.placed = (
            place_notes(annotations, article.text, article.text_hash, known) if article else []
        )
        self._placed_on = (article.id, article.text_hash) if article else None
        view = self._view()
        view.set_notes(self.placed, self.writable)
        message = ""
        if self.notes_on and self.store is None:
            message = "Notes unavailable:\nsee the message above"
        panel = self.query_one("#notes", NotesPanel)
        panel.show_notes(self.placed, self.dark, self.writable, message)  # type: ignore[attr-defined]
        self.title_notes(panel, self.placed)
        self.refresh_bindings()

    def _refresh_counts(self) -> None:
        """Every article's counts in the sidebar (at start-up; a change redraws
        only its articles' rows, see note_writes.py)."""
        if self.store is None:
            return
        counts = self.store.counts_by_article()
        notes = {aid: c.notes for aid, c in counts.items()}
        open_checks = {aid: c.open_factchecks for aid, c in counts.items()}
        self.set_note_counts(notes, open_checks)  # type: ignore[attr-defined]

    def _select_note(self, annotation_id: str) -> None:
        self.query_one("#notes", NotesPanel).select_note(annotation_id)

    # -- writing -----------------------------------------------------------------

    def _open_dialog(
        self,
        draft: Annotation,
        quote: str,
        is_new: bool,
        suggestions: list[str],
        stored: Annotation | None = None,
    ) -> None:
        """`stored`: for an edit, what the store holds (default `draft`); a
        result equal to it is not written."""
        from reader.tui.dialogs import AnnotationDialog

        stored = draft if stored is None else stored

        def done(result: Annotation | None) -> None:
            if result is None or (not is_new and result == stored) or self.store is None:
                return
            drawn = None

            def saved(_: None) -> None:
                if drawn is None:
                    self._select_note(result.id)
                    if is_new and result.anchor is not None:
                        self._view().clear_selection()
                verb = "Saved" if is_new else "Updated"
                self._say(f"{verb} {describe(result)}", timeout=3)

            def failed() -> None:  # keep what was typed: the dialog comes back with it
                self._open_dialog(result, quote, is_new, suggestions, stored)

            # drawn now, in the dialog's closing frame; "Saved" once it is on disk
            call = self.store.add if is_new else self.store.update
            draw = partial(self.draw_change, None if is_new else stored, result, select=True)
            drawn = self.submit_drawn("save the note", partial(call, result), draw, saved, failed)
            if drawn is not None and is_new and result.anchor is not None:
                self._view().clear_selection()  # so the new highlight shows at once

        dialog = self._dialogs.get(
            self.app,
            "note",
            lambda: AnnotationDialog(
                draft,
                quote=quote,
                is_new=is_new,
                claimant_suggestions=suggestions,
                labels=self.settings.labels,
                verdicts=self.settings.verdicts,
            ),
            lambda kept: kept.load(
                draft, quote=quote, is_new=is_new, claimant_suggestions=suggestions
            ),
        )
        self.app.push_screen(dialog, done)

    def annotate_span(self, start: int, end: int, kind: Kind = Kind.NOTE) -> None:
        """Open the dialog for a new annotation on the open article's text[start:end]
        (start == end: a note on the whole article). Triage views call this too."""
        article = self.article
        if article is None or not self.writable:
            self.app.bell()
            return
        if start == end:
            self._open_dialog(article_note(article.id, author=self.settings.author), "", True, [])
            return
        suggestions = self._claimants(article, start, end)
        claim = ""
        if kind is Kind.FACTCHECK:
            claim = " ".join(article.text[start:end].split())
        draft = draft_for_span(
            article.id,
            article.text,
            start,
            end,
            text_hash=article.text_hash,
            author=self.settings.author,
            kind=kind,
            claim=claim,
            claimant=suggestions[0] if kind is Kind.FACTCHECK and suggestions else "",
        )
        self._open_dialog(draft, article.text[start:end], True, suggestions)

    def _claimants(self, article: Article, start: int, end: int) -> list[str]:
        from reader.tui.claim_help import claimants_near

        return claimants_near(article, self._view()._entities, start, end)

    @on(AnnotatedArticleView.Annotate)
    def _annotate_requested(self, event: AnnotatedArticleView.Annotate) -> None:
        event.stop()
        self.annotate_span(event.start, event.end, event.kind)

    @on(AnnotatedArticleView.Edit)
    def _edit_requested(self, event: AnnotatedArticleView.Edit) -> None:
        event.stop()
        self.edit(event.annotation)

    @on(AnnotatedArticleView.Delete)
    def _delete_requested(self, event: AnnotatedArticleView.Delete) -> None:
        event.stop()
        self.delete(event.annotation)

    def edit(self, annotation: Annotation) -> None:
        if not self.writable:
            self.app.bell()
            return
        quote = annotation.anchor.exact if annotation.anchor is not None else ""
        article = self.article
        suggestions: list[str] = []
        if article is not None:
            span = next((n for n in self.placed if n.annotation.id == annotation.id), None)
            if span is not None and span.start is not None and span.end is not None:
                suggestions = self._claimants(article, span.start, span.end)
        self._open_dialog(annotation, quote, False, suggestions)

    def delete(self, annotation: Annotation) -> None:
        if not self.writable:
            self.app.bell()
            return

        def answered(yes: bool | None) -> None:
            if not yes or self.store is None:
                return
            self.submit_drawn(
                "delete the note",
                partial(self.store.delete, annotation.id),
                partial(self.draw_change, annotation, None),
                lambda _: self._say(f"Deleted {describe(annotation)} (u undoes)", timeout=3),
            )

        from reader.tui.dialogs import ConfirmDialog

        question = f"Delete this {describe(annotation)}?"
        dialog = self._dialogs.get(
            self.app, "delete", lambda: ConfirmDialog(question), lambda kept: kept.ask(question)
        )
        self.app.push_screen(dialog, answered)

    @on(NotesPanel.Request)
    def _panel_request(self, event: NotesPanel.Request) -> None:
        event.stop()
        note = event.note
        if event.action == "edit":
            self.edit(note.annotation)
        elif event.action == "delete":
            self.delete(note.annotation)
        elif event.action == "show" and note.start is not None:
            self._view().select_span(note.start, note.end or note.start)
        elif event.action == "reattach":
            self.reattach(note.annotation)

    def reattach(self, annotation: Annotation) -> None:
        """Move `annotation` to the reading view's selection."""
        article = self.article
        view = self._view()
        low, high = view.selection_offsets
        if article is None or not self.writable or annotation.anchor is None:
            self.app.bell()
            return
        if high <= low:
            self.notify(
                "Select the text to attach it to first (v or s in the article)", markup=False
            )
            return
        anchor = Anchor.from_text(article.text, low, high, article.text_hash)
        moved = annotation.edited(anchor=anchor)
        drawn = None

        def saved(_: None) -> None:
            if drawn is None:
                self._select_note(moved.id)
            self._say(f"Re-attached {describe(moved)}", timeout=3)

        draw = partial(self.draw_change, annotation, moved, select=True)
        drawn = self.submit_drawn(
            "re-attach the note", partial(self.store.update, moved), draw, saved
        )  # type: ignore[union-attr]

    def action_annotate_here(self) -> None:
        """The palette's "Annotate": as `a` in the reading view."""
        self._view().action_annotate()

    def action_annotate_article_here(self) -> None:
        self.annotate_span(0, 0)

    def _say(self, message: str, **kwargs: Any) -> None:
        """Notify with text that may quote the article or the user: never markup,
        never a control character."""
        self.notify(display_safe(message), markup=False, **kwargs)

    # -- claims (triage) -------------------------------------------------------------

    @on(AnnotatedArticleView.NextClaim)
    def _next_claim(self, event: AnnotatedArticleView.NextClaim) -> None:
        from reader.tui.claim_help import next_claim, unchecked_claims

        event.stop()
        article = self.article
        if article is None:
            return
        claims = self._unchecked.get(article.id)
        if claims is None:
            annotations = self.store.for_article(article.id) if self.store is not None else []
            claims = unchecked_claims(article, self._view()._entities, annotations)
            self._unchecked = {article.id: claims}
        claim, wrapped = next_claim(claims, event.offset)
        if claim is None:
            self.notify("No unchecked check-worthy claims in this article", timeout=3)
            return
        self._view().select_span(claim.start, claim.end)
        where = " (from the top)" if wrapped else ""
        reasons = ", ".join(claim.reasons) or "claim"
        self._say(f"Check-worthy{where}: {reasons} · f fact-checks it", timeout=4)

    # -- what applies -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _WRITES:
            if not self.notes_on:
                return False
            if self.store is None or self.store.read_only:
                return None
            return self.history_allows(undo=action == "undo") or None
        if action in ("annotate_here", "annotate_article_here"):
            if not self.notes_on:
                return False
            return (bool(self.writable) and self.article is not None) or None
        return super().check_action(action, parameters)
