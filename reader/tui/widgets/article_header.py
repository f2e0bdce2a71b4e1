"""Title and metadata line of the open article (never parsed as markup)."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from reader.corpus.article import Article
from reader.corpus.sanitize import display_safe
from reader.tui.article_info import metadata_parts, title_of


class ArticleHeader(Static):
    """Two lines: the title, then outlet · author · date · words · reading time."""

    DEFAULT_CSS = """
    ArticleHeader { height: auto; padding: 0 1; }
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # A header of another height would ask for a second layout of the
        # screen after the one that gave it that height (its virtual size, a
        # layout reactive, follows its size; nothing scrolls or reads it here).
        # Private Textual hook, textual pinned.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self._show(Content("No article"))
            return
        pieces: list[tuple[str, str] | str] = []
        for n, (text, known) in enumerate(metadata_parts(article)):
            if n:
                pieces.append(" · ")
            pieces.append((text, "" if known else "italic $text-muted"))
        self._show(
            Content.assemble((title_of(article), "bold"), "\n", *pieces).stylize_before("$text")
        )

    def show_empty(self, root: Path, unreadable: int) -> None:
        """No article to show: say where none was found and what to do."""
        problems = (
            f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read"
            " (see the warning)"
            if unreadable
            else ""
        )
        self._show(
            Content.assemble(
                (f"No articles in {display_safe(str(root))}", "bold"),
                "\nreader reads the .txt and .md files in a folder and its sub-folders",
                problems,
                ".\nq quits; then run: reader FOLDER (a folder of articles).",
            ).stylize_before("$text")
        )

    def _show(self, content: Content) -> None:
        """Show `content`, asking for a layout of the screen only when it
        takes a different number of lines at the present width: a layout
        moves nothing when the height is the same, yet it costs a reflow and
        repaints the scrollbars (and a second one follows: a header whose
        size changes asks for another)."""
        height, width = self.content_size.height, self.content_size.width
        self.update(content, layout=False)
        if not width or self.get_content_height(self.size, self.size, width) != height:
            self.refresh(layout=True)
