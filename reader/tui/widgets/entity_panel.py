"""The side panel: the open article's entities grouped by type, with mention
counts and in how many other articles each one appears."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message

from reader.corpus.sanitize import display_safe
from reader.entities.model import Label
from reader.tui.entity_styles import label_colour
from reader.tui.entity_summary import EntityGroup
from reader.tui.widgets.legend import NAMES
from reader.tui.widgets.virtual_rows import VirtualRows

OthersKey = tuple[Label, str, tuple[str, ...]]


def others_key(group: EntityGroup) -> OthersKey:
    return group.label, group.key, group.forms


def header_line(label: Label, groups: list[EntityGroup], dark: bool) -> Content:
    """A label's header row: its name in its colour, entities and mentions."""
    mentions = sum(g.count for g in groups)
    return Content.assemble(
        (f"{NAMES[label].upper()} ", f"bold {label_colour(label, dark)}"),
        (f"{len(groups)} · {mentions} mention{'s' if mentions != 1 else ''}", "dim"),
    )


def entity_line(group: EntityGroup, others: int | None, dark: bool) -> Content:
    """An entity's row, "  name ×N · K others" ("…" while K is unknown),
    built from the plain (display-safe) name."""
    count = "…" if others is None else f"{others} other" if others == 1 else f"{others} others"
    return Content.assemble(
        "  ",
        (display_safe(" ".join(group.key.split())), label_colour(group.label, dark)),
        (f" ×{group.count}", "bold"),
        (f" · {count}", "dim"),
    )


class EntityPanel(VirtualRows):
    """Headers (disabled rows the cursor skips) per label, then one row per
    entity, drawn only when visible. Enter or a click on an entity posts
    `Chosen`: the screen moves the cursor to the entity's next mention."""

    HELP_AREA = "Entities panel"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to next mention", id="reader.entities.next_mention"),
    ]

    # the OptionList padding this panel had before it was a VirtualRows
    DEFAULT_CSS = """
    EntityPanel { padding: 0 1; }
    """

    @dataclass
    class Chosen(Message):
        group: EntityGroup

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # per row: an entity, or the Content of a header / message row
        self._rows: list[EntityGroup | Content] = []
        self._others: dict[OthersKey, int] = {}
        self._row_of: dict[OthersKey, list[int]] = {}  # the rows of each entity
        self._dark = True

    # -- rows ---------------------------------------------------------------------

    def row_lines(self, row: int) -> tuple[Content]:
        item = self._rows[row]
        if isinstance(item, Content):
            return (item,)
        return (entity_line(item, self._others.get(others_key(item)), self._dark),)

    def row_enabled(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and not isinstance(self._rows[row], Content)

    def row_selected(self, row: int) -> None:
        item = self._rows[row]
        if not isinstance(item, Content):
            self.post_message(self.Chosen(item))

    # -- the public API -------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """One dimmed row of `text` (our own words, not article text)."""
        self._rows = [Content(text)]
        self._row_of = {}
        self.set_row_count(1, None)

    def show_groups(
        self,
        summary: Mapping[Label, list[EntityGroup]],
        others: Mapping[OthersKey, int],
        dark: bool,
    ) -> None:
        """List `summary`'s entities under a header per label; the cursor
        stays on the same row number."""
        self._dark = dark
        self._others = dict(others)
        rows: list[EntityGroup | Content] = []
        for label, groups in summary.items():
            rows.append(header_line(label, groups, dark))
            rows.extend(groups)
        if not rows:
            rows.append(Content("No entities found"))
        highlighted = self.highlighted
        self._rows = rows
        self._row_of = {}
        for row, item in enumerate(rows):
            if not isinstance(item, Content):
                self._row_of.setdefault(others_key(item), []).append(row)
        keep = highlighted if highlighted is not None and highlighted < len(rows) else None
        self.set_row_count(len(rows), keep)

    def set_others(self, key: OthersKey, count: int) -> None:
        """Record that the entity `key` appears in `count` other articles
        (redraws only its row)."""
        self._others[key] = count
        for row in self._row_of.get(key, ()):
            self.refresh_row(row)

    @property
    def groups(self) -> list[EntityGroup]:
        return [item for item in self._rows if not isinstance(item, Content)]

    @property
    def highlighted_group(self) -> EntityGroup | None:
        """The entity on the highlighted row (None on a header or message)."""
        row = self.highlighted
        if row is None or not self.row_enabled(row):
            return None
        item = self._rows[row]
        return None if isinstance(item, Content) else item

    def row_text(self, row: int) -> str:
        """The plain text of row `row`."""
        return self.row_lines(row)[0].plain
