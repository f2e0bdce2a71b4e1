"""The filter box above the sidebar: `/` focuses it, typing filters, enter or
down goes back to the list keeping the filter, escape clears it."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input


class FilterInput(Input):
    """Always shown, but out of the tab order: `/` (or a click) enters it."""

    HELP_AREA = "Filter box"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear filter", id="reader.filter.clear_filter"),
        Binding("down", "done", "To the list", id="reader.filter.done"),
    ]

    # Input sets its virtual size (the text's width) on every keystroke, and
    # Widget's virtual_size asks for a layout of the whole screen when it
    # changes: every pane was drawn again per filter keystroke (~10 ms of
    # ~25 on 10,000 articles). The box has no scrollbars and its horizontal
    # scroll limits are computed from the size when needed: a repaint will do.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class Closed(Message):
        """The reader left the filter (escape clears it, enter/down keep it)."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="/ filter title and text", id=id, compact=True)
        self.can_focus = False

    def enter(self) -> None:
        """Take the focus now (not on the next tick), so that keys typed right
        after `/` land here, however fast they come."""
        self.can_focus = True
        self.screen.set_focus(self)

    def leave(self) -> None:
        self.can_focus = False

    def _on_click(self, event: events.Click) -> None:
        self.enter()

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Closed(cleared=True))

    def action_done(self) -> None:
        self.post_message(self.Closed(cleared=False))

    async def action_submit(self) -> None:
        self.post_message(self.Closed(cleared=False))
