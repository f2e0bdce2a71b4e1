"""`e`: export notes from the app, written in a thread worker.

A mixin for the main screen (see annotating.py): it expects `store` (an
AnnotationStore or None), `article` (the open Article or None) and `corpus`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.annotations.errors import StoreError
from reader.corpus.sanitize import display_safe

if TYPE_CHECKING:
    from reader.annotations.store import AnnotationStore
    from reader.corpus.article import Article
    from reader.corpus.loader import Corpus
    from reader.tui.dialogs import ExportRequest


class ExportingScreen(Screen[None]):
    """The export key and its worker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export", id="reader.export"),
    ]

    if TYPE_CHECKING:
        store: AnnotationStore | None
        corpus: Corpus

        @property
        def article(self) -> Article | None: ...

    def action_export(self) -> None:
        from reader.tui.dialogs import ExportDialog  # not needed for the first screen

        db_path = getattr(self.app, "db_path", None)
        folder = Path(db_path).parent if db_path is not None else Path.cwd()

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request)

        counts: dict[str, int] | None = getattr(self, "note_counts", None)
        notes = None
        if counts is not None and self.store is not None:
            here = counts.get(self.article.id, 0) if self.article is not None else 0
            notes = (here, sum(counts.values()))
        self.app.push_screen(
            ExportDialog(
                has_article=self.article is not None,
                default_dir=folder,
                today=date.today(),
                notes=notes,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        from reader.export import ExportError, WriteError, export_annotations, write_atomic
        from reader.export.atomic import TargetExists

        store, article = self.store, self.article
        try:
            annotations = store.all() if store is not None else []
            article_id = article.id if request.scope == "article" and article is not None else None
            result = export_annotations(
                request.format, self.corpus, annotations, article_id=article_id
            )
            path = write_atomic(request.path, result.text, overwrite=request.overwrite)
        except TargetExists:
            message = f"{request.path} appeared meanwhile; export again to overwrite it."
            self.app.call_from_thread(self._export_failed, message)
            return
        except (ExportError, WriteError, StoreError, OSError) as exc:
            self.app.call_from_thread(self._export_failed, str(exc))
            return
        noun = "note" if result.count == 1 else "notes"
        self.app.call_from_thread(
            self.notify,
            display_safe(f"Exported {result.count} {noun} to {path}"),
            title="Export",
            markup=False,
        )

    def _export_failed(self, message: str) -> None:
        self.notify(
            display_safe(message), title="Export failed", severity="error", timeout=10, markup=False
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return getattr(self.app, "db_path", None) is not None
        return super().check_action(action, parameters)
