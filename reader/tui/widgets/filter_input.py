"""The filter box above the sidebar: `/` opens it, typing filters, escape clears."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    HELP_AREA = "Filter box"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear filter", id="reader.filter.clear_filter"),
        Binding("down", "done", "To the list", show=False, id="reader.filter.done"),
    ]

    class Closed(Message):
        """The reader left the filter (escape clears it, enter/down keep it)."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter title and text…", id=id, compact=True)

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Closed(cleared=True))

    def action_done(self) -> None:
        self.post_message(self.Closed(cleared=False))

    async def action_submit(self) -> None:
        self.post_message(self.Closed(cleared=False))
