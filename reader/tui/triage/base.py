"""The frame every triage view shares: a summary line over a list of rows
(an OptionList: only visible rows are drawn), a footer of keys, escape closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

ResultT = TypeVar("ResultT")


class TriageList(OptionList):
    """An OptionList with vi keys; enter opens the highlighted row."""

    DEFAULT_CSS = """
    TriageList { height: 1fr; border: none; padding: 0; }
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
    """A full-size modal view: `#summary` (Content), `#rows` (TriageList).
    Subclasses give `options()`, `summary()` and `result_at(index)`; selecting
    a row dismisses with `result_at(index)` unless that is None."""

    DEFAULT_CSS = """
    TriageScreen { align: center middle; }
    TriageScreen > #frame {
        width: 100%; height: 1fr; border: round $primary; background: $surface;
        padding: 0 1;
    }
    TriageScreen #summary { height: auto; max-height: 6; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="triage.close"),
    ]
    VIEW_TITLE: ClassVar[str] = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="frame") as frame:
            frame.border_title = self.VIEW_TITLE
            yield Static(self.summary(), id="summary")
            yield self.make_list()
        yield Footer()

    def make_list(self) -> OptionList:
        return TriageList(id="rows")

    @property
    def rows(self) -> OptionList:
        return self.query_one("#rows", OptionList)

    def on_mount(self) -> None:
        rows = self.rows
        options = self.options()
        rows.add_options(options)
        if options:
            rows.highlighted = self.first_highlight()
        rows.focus()

    def first_highlight(self) -> int:
        return 0

    def options(self) -> Sequence[Option]:
        raise NotImplementedError

    def summary(self) -> Content:
        raise NotImplementedError

    def result_at(self, index: int) -> ResultT | None:
        raise NotImplementedError

    def refresh_summary(self) -> None:
        self.query_one("#summary", Static).update(self.summary())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        result = self.result_at(event.option_index)
        if result is not None:
            self.dismiss(result)

    def action_close(self) -> None:
        self.dismiss(None)
