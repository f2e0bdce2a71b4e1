"""Dialogs built once and shown again (installed screens), refilled each time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

DialogT = TypeVar("DialogT", bound="Screen[Any]")


class KeptDialogs:
    """One dialog of each name per owner, kept (installed) when it closes and
    shown again, refilled, for the next question. Building a dialog's widgets
    and styling them was most of the time to open it (the note dialog's ~30:
    250-600 ms), removing them a large part of closing it."""

    def __init__(self, owner: object) -> None:
        self._prefix = f"reader-{id(owner)}"
        self._kept: dict[str, Screen[Any]] = {}

    def get(
        self,
        app: App[Any],
        name: str,
        make: Callable[[], DialogT],
        refill: Callable[[DialogT], None],
    ) -> DialogT:
        """The dialog kept as `name`, refilled; a new one the first time (then
        kept) or while the kept one is up (e.g. a failed save's dialog over it)."""
        kept = self._kept.get(name)
        if kept is not None and kept not in app.screen_stack:
            refill(kept)  # type: ignore[arg-type]
            return kept  # type: ignore[return-value]
        dialog = make()
        if kept is None:
            self._kept[name] = dialog
            app.install_screen(dialog, f"{self._prefix}-{name}")
        return dialog
