"""The sidebar: every article as a two-line row (title; date · outlet · notes)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message

from reader.corpus.article import Article
from reader.tui.article_info import row_detail, title_of
from reader.tui.widgets.virtual_rows import VirtualRows

TriageNote = tuple[str, str]  # (mark before the title, words after the detail line)
NO_NOTE: TriageNote = ("", "")


def article_row(
    article: Article, notes: int, open_checks: int = 0, triage: TriageNote = NO_NOTE
) -> tuple[Content, Content]:
    """An article's two sidebar lines, built from plain (display-safe) strings."""
    mark, words = triage
    title = Content.assemble((f"{mark} " if mark else "", "bold"), (title_of(article), "bold"))
    detail = Content.assemble(
        (row_detail(article, notes, open_checks), "dim"),
        (f" · {words}" if words else "", "bold"),
    )
    return title, detail


class ArticleList(VirtualRows):
    """A virtual list over the corpus: it keeps the corpus indices of the
    rows shown (the filter result) and builds a row only when it is drawn,
    so re-filtering and per-row updates cost the same at any corpus size."""

    HELP_AREA = "Sidebar"
    ROW_HEIGHT = 2

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open article", id="reader.sidebar.open"),
        Binding("j", "cursor_down", "Next article", show=False, id="reader.sidebar.cursor_down"),
        Binding("k", "cursor_up", "Previous article", show=False, id="reader.sidebar.cursor_up"),
        Binding("g", "first", "First article", show=False, id="reader.sidebar.first"),
        Binding("G", "last", "Last article", show=False, id="reader.sidebar.last"),
    ]

    @dataclass
    class Opened(Message):
        """The reader chose an article (enter or click)."""

        index: int  # index into the corpus

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._articles: list[Article] = []
        self._shown: list[int] = []  # corpus index of each row, ascending
        self.note_counts: dict[str, int] = {}
        self.open_counts: dict[str, int] = {}  # open fact-checks per article id
        self.triage_notes: dict[str, TriageNote] = {}  # ("⧉", "3 unchecked · same headline")
        self._position: dict[str, int] = {}  # article id -> index, built when needed

    # -- rows ---------------------------------------------------------------------

    def row_lines(self, row: int) -> tuple[Content, Content]:
        return self._lines(self._shown[row])

    def _lines(self, index: int) -> tuple[Content, Content]:
        article_id = self._articles[index].id
        return article_row(
            self._articles[index],
            self.note_counts.get(article_id, 0),
            self.open_counts.get(article_id, 0),
            self.triage_notes.get(article_id, NO_NOTE),
        )

    def row_text(self, article_id: str) -> str:
        """The plain text of an article's row (both lines), shown or not."""
        index = self._index_of(article_id)
        if index is None:
            raise KeyError(article_id)
        return "\n".join(line.plain for line in self._lines(index))

    def row_selected(self, row: int) -> None:
        self.post_message(self.Opened(self._shown[row]))

    def _row_of(self, index: int) -> int | None:
        """The row showing corpus article `index`, or None if filtered out."""
        row = bisect_left(self._shown, index)
        return row if row < len(self._shown) and self._shown[row] == index else None

    def _index_of(self, article_id: str) -> int | None:
        if len(self._position) != len(self._articles):
            self._position = {a.id: i for i, a in enumerate(self._articles)}
        return self._position.get(article_id)

    def _redraw(self, index: int) -> None:
        row = self._row_of(index)
        if row is not None:
            self.refresh_row(row)

    # -- the public API ---------------------------------------------------------------

    def add_articles(
        self, articles: Sequence[Article], show: Sequence[int], note_counts: Mapping[str, int]
    ) -> None:
        """Append `articles` (the next ones of the corpus) and show those of
        them whose corpus index is in `show` (ascending)."""
        self.note_counts.update({a.id: note_counts[a.id] for a in articles if a.id in note_counts})
        self._articles.extend(articles)
        if show:
            had_rows = bool(self._shown)
            self._shown.extend(show)
            self.grow(len(self._shown))
            if not had_rows:
                self.highlighted = 0

    def show_indices(self, indices: Sequence[int] | range, keep: int | None = None) -> None:
        """Show only the articles at `indices` (ascending); keep `keep`
        highlighted if shown, else highlight the first row."""
        shown = list(indices)
        if shown == self._shown and self.row_count == len(shown):
            return
        self._shown = shown
        row = self._row_of(keep) if keep is not None else None
        self.set_row_count(len(shown), (row or 0) if shown else None)

    def update_note_counts(
        self, note_counts: Mapping[str, int], open_counts: Mapping[str, int] | None = None
    ) -> None:
        """Hook for the annotation store: redraw rows whose note count (or count
        of open fact-checks) changed."""
        opens = self.open_counts if open_counts is None else dict(open_counts)
        old_notes, old_opens = self.note_counts, self.open_counts
        self.note_counts = dict(note_counts)
        self.open_counts = dict(opens)
        for index, article in enumerate(self._articles):
            article_id = article.id
            if note_counts.get(article_id, 0) != old_notes.get(article_id, 0) or opens.get(
                article_id, 0
            ) != old_opens.get(article_id, 0):
                self._redraw(index)

    def set_counts(self, article_id: str, notes: int, open_checks: int) -> None:
        """Set one article's note count and open fact-checks; redraw only its row."""
        if notes == self.note_counts.get(article_id, 0) and open_checks == self.open_counts.get(
            article_id, 0
        ):
            return
        self.note_counts[article_id] = notes
        self.open_counts[article_id] = open_checks
        index = self._index_of(article_id)
        if index is not None:
            self._redraw(index)

    def update_triage_notes(self, notes: Mapping[str, TriageNote]) -> None:
        """Hook for the triage data: set the triage notes of the articles in
        `notes` (the others keep theirs) and redraw the rows that changed."""
        for article_id, note in notes.items():
            index = self._index_of(article_id)
            if index is None or note == self.triage_notes.get(article_id, NO_NOTE):
                continue
            self.triage_notes[article_id] = note
            self._redraw(index)

    @property
    def shown(self) -> list[int]:
        return self._shown

    @property
    def highlighted_index(self) -> int | None:
        """The corpus index of the highlighted row."""
        if self.highlighted is None or not self._shown:
            return None
        return self._shown[self.highlighted]

    def select_index(self, index: int) -> None:
        """Highlight the row of corpus article `index`, if shown."""
        row = self._row_of(index)
        if row is not None:
            self.highlighted = row
