"""The side panel: the open article's entities grouped by type, with mention
counts and in how many other articles each one appears."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.sanitize import display_safe
from reader.entities.model import Label
from reader.tui.entity_styles import label_colour
from reader.tui.entity_summary import EntityGroup
from reader.tui.widgets.fixed_rows import FixedRows
from reader.tui.widgets.legend import NAMES

OthersKey = tuple[Label, str, tuple[str, ...]]


def others_key(group: EntityGroup) -> OthersKey:
    return group.label, group.key, group.forms


class EntityPanel(OptionList):
    """Headers (disabled rows) per label, then one row per entity. Enter or a
    click on an entity posts `Chosen`: the screen moves the cursor to the
    entity's next mention."""

    HELP_AREA = "Entities panel"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to next mention", id="reader.entities.next_mention"),
    ]

    DEFAULT_CSS = """
    EntityPanel { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    @dataclass
    class Chosen(Message):
        group: EntityGroup

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # no links in these rows: skips a per-row link-style pass (~1/4 of a redraw)
        self.auto_links = False
        self._groups: dict[str, EntityGroup] = {}
        self._others: dict[OthersKey, int] = {}
        self._dark = True
        # the size the cached rows were drawn at (first draw since a resize cleared them)
        self._drawn_at: Size | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._drawn_at is None:
            self._drawn_at = self.outer_size
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:
        # OptionList drops every rendered row on a Resize and draws them again;
        # the first Resize arrives just after the first frame drew them at this
        # very size (the start-up drew the panel twice). Other sizes: as before.
        if self._drawn_at == event.size:
            event.prevent_default()
        else:
            self._drawn_at = None

    def show_message(self, text: str) -> None:
        self._groups = {}
        self.set_options([Option(Content(text), disabled=True)])

    def show_groups(
        self,
        summary: Mapping[Label, list[EntityGroup]],
        others: Mapping[OthersKey, int],
        dark: bool,
    ) -> None:
        self._dark = dark
        self._others = dict(others)
        self._groups = {}
        options: list[Option] = []
        for label, groups in summary.items():
            mentions = sum(g.count for g in groups)
            header = Content.assemble(
                (f"{NAMES[label].upper()} ", f"bold {label_colour(label, dark)}"),
                (f"{len(groups)} · {mentions} mention{'s' if mentions != 1 else ''}", "dim"),
            )
            options.append(Option(FixedRows(header), disabled=True))
            for group in groups:
                option_id = f"e{len(self._groups)}"
                self._groups[option_id] = group
                options.append(Option(FixedRows(self._prompt(group)), id=option_id))
        if not options:
            options.append(Option(Content("No entities found"), disabled=True))
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted

    def _prompt(self, group: EntityGroup) -> Content:
        n = self._others.get(others_key(group))
        others = "…" if n is None else f"{n} other" if n == 1 else f"{n} others"
        return Content.assemble(
            "  ",
            (display_safe(" ".join(group.key.split())), label_colour(group.label, self._dark)),
            (f" ×{group.count}", "bold"),
            (f" · {others}", "dim"),
        )

    def set_others(self, key: OthersKey, count: int) -> None:
        """Record that the entity `key` appears in `count` other articles."""
        self._others[key] = count
        for option_id, group in self._groups.items():
            if others_key(group) == key:
                self.replace_option_prompt(option_id, FixedRows(self._prompt(group)))

    @property
    def groups(self) -> list[EntityGroup]:
        return list(self._groups.values())

    @property
    def highlighted_group(self) -> EntityGroup | None:
        """The entity on the highlighted row (None on a header or message)."""
        option = self.highlighted_option
        return None if option is None else self._groups.get(option.id or "")

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = self._groups.get(event.option.id or "")
        if group is not None:
            self.post_message(self.Chosen(group))
