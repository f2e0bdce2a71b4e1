"""Every binding of a set of nodes, as rows for the help screen.

Generated from the nodes' bindings (with the user's keymap applied), never
hand-maintained, so the help cannot drift from the keys that work."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import App
from textual.dom import DOMNode

# Scrolling sideways: no action where nothing scrolls sideways (the lists and
# the soft-wrapped article), so not listed there.
_SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})


@dataclass(frozen=True)
class BindingRow:
    area: str
    keys: str
    description: str


def area_name(node: DOMNode) -> str:
    return str(getattr(node, "HELP_AREA", "") or type(node).__name__)


def binding_rows(app: App[object], nodes: Iterable[DOMNode]) -> list[BindingRow]:
    """One row per (area, action) with all its keys; actions a node says are
    unavailable (check_action returns False), and sideways scrolling where
    nothing scrolls sideways, are left out."""
    rows: list[BindingRow] = []
    seen: set[tuple[str, str]] = set()
    keymap = getattr(app, "_keymap", {})  # set by App.set_keymap / update_keymap
    for node in nodes:
        area = area_name(node)
        bindings = node._bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        keys_of: dict[str, list[str]] = {}
        description_of: dict[str, str] = {}
        for _key, binding in bindings:
            if binding.system:
                continue
            name = binding.action.split("(")[0].split(".")[-1]
            if node.check_action(name, ()) is False:
                continue
            if name in _SIDEWAYS and not getattr(node, "allow_horizontal_scroll", False):
                continue
            if name == "reading_key":
                continue  # the main screen's reading keys: listed under the article
            keys = keys_of.setdefault(binding.action, [])
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
            # subclasses' bindings come later: their wording wins
            description_of[binding.action] = binding.description or name.replace("_", " ")
        for action, keys in keys_of.items():
            if (area, action) in seen:
                continue
            seen.add((area, action))
            rows.append(BindingRow(area, " / ".join(keys), description_of[action]))
    return rows
