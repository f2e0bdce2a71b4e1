"""The sidebar: every article as a two-line row (title; date · outlet · notes)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.corpus.article import Article
from reader.tui.article_info import row_detail, title_of
from reader.tui.widgets.fixed_rows import FixedRows

TriageNote = tuple[str, str]  # (mark before the title, words after the detail line)
NO_NOTE: TriageNote = ("", "")


def _row(
    article: Article, notes: int, open_checks: int = 0, triage: TriageNote = NO_NOTE
) -> Option:
    mark, words = triage
    content = Content.assemble(
        (f"{mark} " if mark else "", "bold yellow"),
        (title_of(article), "bold"),
        "\n",
        (row_detail(article, notes, open_checks), "dim"),
        (f" · {words}" if words else "", "yellow"),
    )
    return Option(FixedRows(content), id=article.id)


class ArticleList(OptionList):
    """An OptionList over the corpus; it shows a subset (the filter result)
    by index, reusing one Option per article so re-filtering is cheap."""

    HELP_AREA = "Sidebar"

    DEFAULT_CSS = """
    ArticleList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

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
        self._all_options: list[Option] = []
        self._shown: list[int] = []  # corpus index of each visible row
        self.note_counts: dict[str, int] = {}
        self.open_counts: dict[str, int] = {}  # open fact-checks per article id
        self.triage_notes: dict[str, TriageNote] = {}  # ("⧉", "3 unchecked · same headline")
        self._position: dict[str, int] = {}  # article id -> index, built when needed

    def add_articles(
        self, articles: Sequence[Article], show: Sequence[int], note_counts: Mapping[str, int]
    ) -> None:
        """Append `articles` (the next ones of the corpus) and show those of
        them whose corpus index is in `show` (ascending)."""
        self.note_counts.update({a.id: note_counts[a.id] for a in articles if a.id in note_counts})
        self._all_options.extend(
            _row(
                a,
                self.note_counts.get(a.id, 0),
                self.open_counts.get(a.id, 0),
                self.triage_notes.get(a.id, NO_NOTE),
            )
            for a in articles
        )
        self._articles.extend(articles)
        if show:
            self._shown.extend(show)
            had_rows = self.option_count > 0
            self.add_options([self._all_options[i] for i in show])
            if not had_rows:
                self.highlighted = 0

    def show_indices(self, indices: Sequence[int] | range, keep: int | None = None) -> None:
        """Show only the articles at `indices`; keep `keep` highlighted if shown."""
        shown = list(indices)
        if shown == self._shown and self.option_count == len(shown):
            return
        self._shown = shown
        self.set_options([self._all_options[i] for i in shown])
        if shown:
            row = shown.index(keep) if keep is not None and keep in shown else 0
            self.highlighted = row

    def update_note_counts(
        self, note_counts: Mapping[str, int], open_counts: Mapping[str, int] | None = None
    ) -> None:
        """Hook for the annotation store: redraw rows whose note count (or count
        of open fact-checks) changed."""
        opens = self.open_counts if open_counts is None else dict(open_counts)
        shown = {self._all_options[i].id for i in self._shown}
        for index, article in enumerate(self._articles):
            new = note_counts.get(article.id, 0)
            new_open = opens.get(article.id, 0)
            if new == self.note_counts.get(article.id, 0) and new_open == self.open_counts.get(
                article.id, 0
            ):
                continue
            row = _row(article, new, new_open, self.triage_notes.get(article.id, NO_NOTE))
            if article.id in shown:
                self.replace_option_prompt(article.id, row.prompt)
            self._all_options[index] = row
        self.note_counts = dict(note_counts)
        self.open_counts = dict(opens)

    def set_counts(self, article_id: str, notes: int, open_checks: int) -> None:
        """Set one article's note count and open fact-checks; redraw only its row."""
        if notes == self.note_counts.get(article_id, 0) and open_checks == self.open_counts.get(
            article_id, 0
        ):
            return
        if len(self._position) != len(self._articles):
            self._position = {a.id: i for i, a in enumerate(self._articles)}
        index = self._position.get(article_id)
        self.note_counts[article_id] = notes
        self.open_counts[article_id] = open_checks
        if index is None:
            return
        article = self._articles[index]
        row = _row(article, notes, open_checks, self.triage_notes.get(article_id, NO_NOTE))
        with contextlib.suppress(OptionDoesNotExist):  # filtered out: drawn when shown
            self.replace_option_prompt(article_id, row.prompt)
        self._all_options[index] = row

    def update_triage_notes(self, notes: Mapping[str, TriageNote]) -> None:
        """Hook for the triage data: set the triage notes of the articles in
        `notes` (the others keep theirs) and redraw the rows that changed."""
        if len(self._position) != len(self._articles):
            self._position = {a.id: i for i, a in enumerate(self._articles)}
        for article_id, note in notes.items():
            index = self._position.get(article_id)
            if index is None or note == self.triage_notes.get(article_id, NO_NOTE):
                continue
            self.triage_notes[article_id] = note
            article = self._articles[index]
            notes_n = self.note_counts.get(article_id, 0)
            row = _row(article, notes_n, self.open_counts.get(article_id, 0), note)
            with contextlib.suppress(OptionDoesNotExist):  # filtered out: drawn when shown
                self.replace_option_prompt(article_id, row.prompt)
            self._all_options[index] = row

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
        if index in self._shown:
            self.highlighted = self._shown.index(index)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Opened(self._shown[event.option_index]))
