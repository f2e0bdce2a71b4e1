"""`?`: every binding of the app, by where it applies."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.tui.binding_rows import binding_rows


class HelpScreen(ModalScreen[None]):
    """A scrolling list of bindings, generated from the screen below."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="reader.help.dismiss"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (escape closes)"
            yield Static(self._table(), id="help-table")

    def _binding_nodes(self) -> list[DOMNode]:
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else self.app.screen
        widgets = [w for w in below.query("*") if w.can_focus]
        # Text inputs last: their many editing keys matter least here.
        widgets.sort(key=lambda w: isinstance(w, Input))
        return [self.app, below, *widgets]

    def _table(self) -> Content:
        rows = binding_rows(self.app, self._binding_nodes())
        width = max((len(r.keys) for r in rows), default=4)
        parts: list[Content | str | tuple[str, str]] = []
        area = None
        for row in rows:
            if row.area != area:
                area = row.area
                parts.append((f"\n{area}\n", "bold $accent"))
            parts.append((f"  {row.keys.ljust(width)}  ", "bold"))
            parts.append(f"{row.description}\n")
        return Content.assemble(*parts)
