"""The footer, rebuilt only when what it shows changes.

Textual's Footer remounts every key widget after each `refresh_bindings`
call, and schedules one remount per call: opening an article asked for
three or four (notes, cursor state, panel), ~20 widgets each, most of the
time spent opening an article. This one waits for the frame, then compares
what it would show with what it shows and remounts only on a difference.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """A Footer that looks and behaves the same, minus the repeated rebuilds."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pending = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    def _what_it_shows(self) -> tuple[object, ...]:
        """Everything `Footer.compose` reads, as a comparable value."""
        app = self.app
        rows = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.action,
                binding.description,
                binding.group,
                enabled,
                tooltip,
                binding.tooltip,
                binding.show,
            )
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (rows, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    async def _rebuild_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._what_it_shows()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
