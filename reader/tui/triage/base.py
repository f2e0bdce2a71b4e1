"""The frame every triage view shares: a summary over a list of rows, a
footer of keys; escape closes. The rows are a `RowList` (fixed-height rows
built only when drawn), or for variable-height rows an OptionList."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList, Static

from reader.tui.triage.row_list import RowList
from reader.tui.widgets.quiet_footer import QuietFooter

ResultT = TypeVar("ResultT")


class TriageList(OptionList):
    """An OptionList with vi keys (for rows of varying height)."""

    DEFAULT_CSS = """
    TriageList { height: 1fr; max-height: 100%; border: none; padding: 0; }
    TriageList:focus { border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", id="triage.open"),
        Binding("j", "cursor_down", "Down", show=False, id="triage.down"),
        Binding("k", "cursor_up", "Up", show=False, id="triage.up"),
        Binding("g", "first", "First", show=False, id="triage.first"),
        Binding("G", "last", "Last", show=False, id="triage.last"),
    ]


class TriageScreen(ModalScreen[ResultT], Generic[ResultT]):
    """A full-size modal view: `#summary` over `#rows`. Subclasses give
    `summary()`, `row_count()`, `row_lines(index, width)` (ROW_HEIGHT lines)
    and `result_at(index)`; choosing a row dismisses with `result_at(index)`
    unless that is None."""

    # Opaque: the frame covers the whole screen, and a translucent modal
    # background would make every frame composite the screen underneath.
    DEFAULT_CSS = """
    TriageScreen { align: center middle; background: $surface; }
    TriageScreen > #frame {
        width: 100%; height: 1fr; border: round $primary; background: $surface;
        padding: 0 1;
    }
    TriageScreen #summary { height: auto; max-height: 7; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="triage.close"),
    ]
    VIEW_TITLE: ClassVar[str] = ""
    ROW_HEIGHT: ClassVar[int] = 1

    def compose(self) -> ComposeResult:
        with Vertical(id="frame") as frame:
            frame.border_title = self.VIEW_TITLE
            yield Static(self.summary(), id="summary")
            yield self.make_list()
        yield QuietFooter()

    def make_list(self) -> Widget:
        return RowList(self.ROW_HEIGHT, id="rows")

    @property
    def rows(self) -> RowList:
        return self.query_one("#rows", RowList)

    @property
    def highlighted(self) -> int | None:
        """The index of the highlighted row."""
        try:
            rows = self.query_one("#rows")
        except NoMatches:  # not composed yet
            return None
        return rows.highlighted  # type: ignore[attr-defined,no-any-return]

    def on_mount(self) -> None:
        self.show_rows()
        self.query_one("#rows").focus()

    def show_rows(self, highlighted: int | None = None) -> None:
        """(Re)fill the list from `row_count()`/`row_lines()`."""
        start = self.first_highlight() if highlighted is None else highlighted
        self.rows.set_rows(self.row_count(), self.row_lines, start)

    def first_highlight(self) -> int:
        return 0

    def summary(self) -> Content:
        raise NotImplementedError

    def row_count(self) -> int:
        raise NotImplementedError

    def row_lines(self, index: int, width: int) -> Sequence[Content]:
        raise NotImplementedError

    def result_at(self, index: int) -> ResultT | None:
        raise NotImplementedError

    def refresh_summary(self) -> None:
        self.query_one("#summary", Static).update(self.summary())

    def choose(self, index: int) -> None:
        result = self.result_at(index)
        if result is not None:
            self.dismiss(result)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self.refresh_bindings()  # actions may apply to one row and not another

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.choose(event.index)

    def action_close(self) -> None:
        self.dismiss(None)
