"""Title and metadata line of the open article (never parsed as markup)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.corpus.article import Article
from reader.tui.article_info import metadata_parts, title_of


class ArticleHeader(Static):
    """Two lines: the title, then outlet · author · date · words · reading time."""

    DEFAULT_CSS = """
    ArticleHeader { height: auto; padding: 0 1; }
    """

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.update(Content("No article"))
            return
        pieces: list[tuple[str, str] | str] = []
        for n, (text, known) in enumerate(metadata_parts(article)):
            if n:
                pieces.append(" · ")
            pieces.append((text, "" if known else "italic $text-muted"))
        self.update(
            Content.assemble((title_of(article), "bold"), "\n", *pieces).stylize_before("$text")
        )
