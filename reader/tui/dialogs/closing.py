"""A modal screen whose closing does not lay out the screen it uncovers.

Textual 8.2.8 removes a popped screen with `App._prune(screen, parent=app)`;
once the screen's widgets are gone, that calls `app.refresh(layout=True)`,
which lays out (and then fully repaints) the *current* screen: the one that
was under the dialog, whose size and widgets did not change. With four
scrollable panels and hundreds of notes that layout costs 15-70 ms per
dismissal, on top of the repaint the uncovered screen needs anyway.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_remove import AwaitRemove
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class QuietModalScreen(ModalScreen[ResultT]):
    """A ModalScreen removed without a layout of the screen under it."""

    def remove(self) -> AwaitRemove:
        # Private API (App._prune, textual 8.2.8): the public Widget.remove
        # prunes with parent=the App, whose post-remove step is the layout
        # above; a screen is no part of another screen's layout, so prune it
        # with no parent (the mouse-over is then updated by the next mouse
        # move, not at once). Pinned by tests/test_dialogs_closing.py.
        return self.app._prune(self)
