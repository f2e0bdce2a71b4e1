"""The quotations of one article, with who said them: named, anonymous
(flagged) or unattributed; enter opens the quote."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from reader.corpus.article import Article
from reader.triage.quotes import Quote
from reader.tui.triage.base import TriageScreen
from reader.tui.triage.jump import JumpTo
from reader.tui.triage.rows import plural, squeeze, window

ANONYMOUS = "⚑"
UNATTRIBUTED = "?"
NAMED = "»"


def quote_counts(quotes: Sequence[Quote]) -> tuple[int, int, int, int]:
    """(quotes, named, anonymous, unattributed)."""
    named = sum(1 for q in quotes if q.speaker and not q.anonymous)
    anonymous = sum(1 for q in quotes if q.speaker and q.anonymous)
    unattributed = sum(1 for q in quotes if not q.speaker)
    return len(quotes), named, anonymous, unattributed


def count_line(quotes: Sequence[Quote]) -> str:
    """ "7 quotes · 2 named · 4 anonymous · 1 unattributed"."""
    total, named, anonymous, unattributed = quote_counts(quotes)
    return (
        f"{plural(total, 'quote')} · {named} named · {anonymous} anonymous"
        f" · {unattributed} unattributed"
    )


def speaker_line(quote: Quote) -> Content:
    """Who said it: a name, a flagged anonymous source, or "unattributed"."""
    if not quote.speaker:
        head = Content.styled(f"{UNATTRIBUTED} unattributed", "italic dim")
    elif quote.anonymous:
        head = Content.styled(
            f"{ANONYMOUS} anonymous source: {squeeze(quote.speaker)}", "bold $reader-warning"
        )
    else:
        head = Content.styled(f"{NAMED} {squeeze(quote.speaker)}", "bold")
    notes = [quote.how] if quote.how else []
    if not quote.closed:
        notes.append("quote never closed")
    if notes:
        head += Content.styled(f"  ({'; '.join(notes)})", "dim")
    return head


class QuotesScreen(TriageScreen[JumpTo]):
    """Dismissed with JumpTo(article.id, quote.start), or None."""

    VIEW_TITLE = "Quotes and sources"
    ROW_HEIGHT = 2

    def __init__(self, article: Article, quotes: Sequence[Quote]) -> None:
        super().__init__()
        self.article = article
        self.quotes = sorted(quotes, key=lambda q: q.start)

    def summary(self) -> Content:
        title = squeeze(self.article.title.value or self.article.id)
        if not self.quotes:
            return Content.assemble(("No quotations found", "bold"), " in ", title)
        return Content.assemble((count_line(self.quotes), "bold"), "\n", (title, "dim"))

    def row_count(self) -> int:
        return len(self.quotes)

    def row_lines(self, index: int, width: int) -> list[Content]:
        quote = self.quotes[index]
        words = window(f"“{quote.text}”", width - 2)
        return [speaker_line(quote), Content("  ") + words]

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.quotes):
            return None
        return JumpTo(self.article.id, self.quotes[index].start)
