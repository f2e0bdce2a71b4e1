"""The footer, rebuilt only when what it shows changes.

Textual's Footer remounts every key widget after each `refresh_bindings`
call, and schedules one remount per call: opening an article asked for
three or four (notes, cursor state, panel), ~20 widgets each, most of the
time spent opening an article. This one waits for the frame, then compares
what it would show with what it shows and remounts only on a difference;
when only keys' enabled states differ (say Related once the triage data is
in, Undo after a first note), it greys them out or back in place.

Its keys are the same FooterKey widgets, made with their `compact` state
already set: Textual's Footer makes them compact, then binds them to its own
`compact`, and each change restyled the key (two restyles per key, ~10 ms of
the start-up for the main screen's footer).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the key widget (no public name)


class QuietFooter(Footer):
    """A Footer that looks and behaves the same, minus the repeated rebuilds."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pending = False
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        # one key per action, the first binding for it, in the screen's order
        first: dict[str, tuple[Binding, bool, str, bool]] = {}
        for node, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip, node is self.app))
        if any(binding.group is not None for binding, *_ in first.values()):
            yield from super().compose()  # grouped keys: Textual's own layout
            return
        self.styles.grid_size_columns = len(first)
        # the app's own keys (? Help, q Quit) first: a narrow terminal cuts the
        # footer's end, and a new user must always see where help is
        keys = sorted(first.values(), key=lambda item: not item[3])
        for binding, enabled, tooltip, _from_app in keys:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
                # compact from the start, class included: see the module docstring
                classes="-compact" if self.compact else "",
            )
            key.set_reactive(FooterKey.compact, self.compact)
            yield key
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def _watch_compact(self, compact: bool) -> None:
        # what Footer's data_bind did: the keys (not the palette key) follow it
        for key in self.query(FooterKey):
            if not key.has_class("-command-palette"):
                key.compact = compact

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            if self._shown is None:
                # the first keys go into the screen's first frame (Textual's
                # Footer adds them after it: one more full frame at start-up)
                self.call_later(self._rebuild_if_changed)
            else:
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
        if shown == self._shown:
            return
        old, self._shown = self._shown, shown
        same_keys = old is not None and _without_enabled(old) == _without_enabled(shown)
        if same_keys and self._set_enabled():
            return  # the same keys, some greyed out or back: no remount
        await self.recompose()

    def _set_enabled(self) -> bool:
        """Grey out or restore the keys in place, as compose would make them;
        False when the keys on screen do not match (then recompose)."""
        active = self.screen.active_bindings
        enabled: dict[str, bool] = {}
        for _node, binding, is_enabled, _tooltip in active.values():
            if binding.group is not None:
                return False  # Textual's grouped layout: rebuilt as a whole
            if binding.show:
                enabled.setdefault(binding.action, is_enabled)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        keys = list(self.query(FooterKey))
        for key in keys:
            if key.has_class("-command-palette"):
                if palette is None:
                    return False
                wanted = palette[2]
            elif key.action in enabled:
                wanted = enabled[key.action]
            else:
                return False
            key._disabled = not wanted  # FooterKey's own flag (no public name)
            key.set_class(not wanted, "-disabled")
        return True


def _without_enabled(shown: tuple[object, ...]) -> tuple[object, ...]:
    """What `_what_it_shows` returned, less each key's enabled state."""
    rows, *rest = shown
    return (tuple(row[:5] + row[6:] for row in rows), *rest)  # type: ignore[attr-defined]
