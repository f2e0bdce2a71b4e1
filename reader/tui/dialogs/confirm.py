"""A yes/no question: y confirms, n or escape cancels, enter takes the default."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from reader.corpus.sanitize import display_safe
from reader.tui.dialogs.closing import QuietModalScreen


class ConfirmDialog(QuietModalScreen[bool]):
    """Ask one question; dismiss with True (confirmed) or False.

    enter presses the focused button, which is "Cancel" when `default_no`
    (the safe default for destructive actions) and the confirm button otherwise.
    """

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog #dialog {
        width: auto; min-width: 40; max-width: 80%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmDialog #question { width: auto; max-width: 100%; height: auto; margin-bottom: 1; }
    ConfirmDialog #buttons { width: 100%; height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; }
    ConfirmDialog #keys { color: $text-muted; width: auto; max-width: 100%; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("left,right", "app.focus_next", "Switch button", show=False),
    ]

    def __init__(
        self, question: str, *, confirm_label: str = "Delete", default_no: bool = True
    ) -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label
        self.default_no = default_no

    def ask(self, question: str) -> None:
        """Ask another question with this dialog (shown again, not built again):
        the default button has the focus again."""
        self.question = question
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(id="question")
            with Horizontal(id="buttons"):
                yield Button(
                    Text(f"{display_safe(self.confirm_label)} (y)"), variant="error", id="yes"
                )
                yield Button(Text("Cancel (n)"), id="no")
            default = "Cancel" if self.default_no else display_safe(self.confirm_label)
            yield Static(Text(f"y confirm · n/esc cancel · enter: {default}"), id="keys")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        self.query_one("#question", Static).update(Text(display_safe(self.question)))
        self.set_focus(self.query_one("#no" if self.default_no else "#yes", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
