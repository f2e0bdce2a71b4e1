"""Small keyboard-first widgets used by the dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, TextArea
from textual.widgets.text_area import Edit, EditResult

from reader.corpus.sanitize import display_safe


def clean_typed(text: str) -> str:
    """Typed or pasted text made safe to draw: line ends normalised, then every
    control, escape, bidi and zero-width character made visible."""
    return display_safe(text.replace("\r\n", "\n").replace("\r", "\n"))


class SafeTextArea(TextArea):
    """A TextArea that never holds a control or escape character, even pasted."""

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_typed(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        super().load_text(clean_typed(text))


class SafeInput(Input):
    """An Input that never holds a control or escape character, even pasted."""

    def validate_value(self, value: str) -> str:
        return display_safe(value)


class LabelToggles(Widget, can_focus=True):
    """A row of labels, each toggled by its own key while the row has focus.

    left/right move a cursor between labels and space toggles the one under it.
    Label names are drawn as plain text (never markup).
    """

    DEFAULT_CSS = """
    LabelToggles { height: auto; padding: 0 1; }
    LabelToggles:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous label", show=False),
        Binding("right", "move(1)", "Next label", show=False),
        Binding("space", "toggle_cursor", "Toggle label", show=False),
    ]

    selected: reactive[frozenset[str]] = reactive(frozenset(), always_update=True)
    cursor: reactive[int] = reactive(0)

    def __init__(
        self,
        labels: Sequence[tuple[str, str]],
        selected: frozenset[str] = frozenset(),
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = tuple(labels)
        self._by_key = {key: name for name, key in self.labels if key}
        self.set_reactive(LabelToggles.selected, frozenset(selected))

    def toggle(self, name: str) -> None:
        """Switch one label on or off."""
        self.selected = self.selected ^ {name}

    def action_move(self, step: int) -> None:
        if self.labels:
            self.cursor = (self.cursor + step) % len(self.labels)

    def action_toggle_cursor(self) -> None:
        if self.labels:
            self.toggle(self.labels[self.cursor][0])

    def on_key(self, event: events.Key) -> None:
        name = self._by_key.get(event.character or "")
        if name is not None:
            event.stop()
            event.prevent_default()
            self.cursor = [n for n, _ in self.labels].index(name)
            self.toggle(name)

    def render(self) -> Text:
        if not self.labels:
            return Text("(no labels configured)", style="dim")
        text = Text()
        for index, (name, key) in enumerate(self.labels):
            mark = "[x]" if name in self.selected else "[ ]"
            style = "reverse" if self.has_focus and index == self.cursor else ""
            if index:
                text.append("  ")
            text.append(f"{mark} {display_safe(name)}", style=style)
            if key:
                text.append(f" ({display_safe(key)})", style="dim")
        return text


def plain_button(label: str, value: bool = False, key: str = "") -> RadioButton:
    """A RadioButton whose label is literal text, never markup; the first
    occurrence of `key` in it is underlined as the button's one-key shortcut."""
    text = Text(display_safe(label))
    at = label.find(key) if key else -1
    if at >= 0:
        text.stylize("underline", at, at + len(key))
    return RadioButton(text, value=value)


class ChoiceSet(RadioSet):
    """A radio group for forms: arrows choose at once (as in GUI radio groups),
    one letter per button chooses directly, and enter runs the screen's `save`
    action, so enter submits the dialog like in a one-line field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "step(1)", "Next option", show=False),
        Binding("up,left", "step(-1)", "Previous option", show=False),
        Binding("enter", "screen.save", "Save", show=False),
    ]

    def __init__(self, *buttons: RadioButton, keys: Sequence[str] = (), **kwargs: object) -> None:
        super().__init__(*buttons, **kwargs)  # type: ignore[arg-type]
        self._keys = {key: index for index, key in enumerate(keys) if key}

    def on_mount(self) -> None:
        # RadioSet's own mount handler runs after this one and puts the cursor on
        # the first button; move it to the chosen one once that is done.
        self.call_after_refresh(self._cursor_to_pressed)

    def on_focus(self) -> None:
        self._cursor_to_pressed()

    def _cursor_to_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def choose(self, index: int) -> None:
        """Make the button at `index` the pressed one (and the cursor's) at once,
        quietly: no RadioSet.Changed, so a dialog can be refilled in one go."""
        buttons = list(self.query(RadioButton))
        with self.prevent(RadioButton.Changed):
            for at, button in enumerate(buttons):
                button.value = at == index
        # RadioSet keeps the pressed button in `_pressed_button` (private, textual
        # 8.2.8; no public setter that does not post a message and wait for it).
        self._pressed_button = buttons[index] if 0 <= index < len(buttons) else None
        self._selected = index if 0 <= index < len(buttons) else None

    def press_index(self, index: int) -> None:
        """Switch on the button at `index` (which posts RadioSet.Changed)."""
        buttons = list(self.query(RadioButton))
        if 0 <= index < len(buttons) and not buttons[index].disabled:
            buttons[index].value = True
            self._selected = index

    def action_step(self, direction: int) -> None:
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        if self._selected is not None:
            self.press_index(self._selected)

    def on_key(self, event: events.Key) -> None:
        index = self._keys.get(event.character or "")
        if index is not None:
            event.stop()
            event.prevent_default()
            self.press_index(index)


class CyclingInput(SafeInput):
    """An Input whose value can be cycled through suggestions with up/down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cycle(1)", "Next suggestion", show=False),
        Binding("up", "cycle(-1)", "Previous suggestion", show=False),
    ]

    def __init__(self, suggestions: Sequence[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.suggestions: tuple[str, ...] = ()
        self.set_suggestions(suggestions)

    def set_suggestions(self, suggestions: Sequence[str]) -> None:
        """Offer these suggestions (up/down and the inline completion) from now on."""
        self.suggestions = tuple(suggestions)
        self.suggester = (
            SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
        )

    def action_cycle(self, step: int) -> None:
        if not self.suggestions:
            return
        try:
            index = (self.suggestions.index(self.value) + step) % len(self.suggestions)
        except ValueError:
            index = 0 if step > 0 else len(self.suggestions) - 1
        self.value = self.suggestions[index]
        self.cursor_position = len(self.value)
