"""The export dialog: choose a format, a scope and a file; confirm overwrites."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from reader.corpus.sanitize import display_safe
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.widgets import ChoiceSet, SafeInput, plain_button

Scope = Literal["article", "all"]

DEFAULT_FORMATS: tuple[tuple[str, str], ...] = (
    ("json", "Native JSON"),
    ("webannotation", "W3C Web Annotation"),
    ("claimreview", "ClaimReview JSON-LD"),
    ("markdown", "Markdown report"),
)
EXTENSIONS: dict[str, str] = {
    "json": "json",
    "webannotation": "jsonld",
    "claimreview": "jsonld",
    "markdown": "md",
}


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export, and where."""

    format: str
    scope: Scope
    path: Path
    overwrite: bool = False


def default_export_path(default_dir: Path, fmt: str, scope: Scope, today: date) -> Path:
    """e.g. data/export-all-2026-11-21.json, data/export-markdown-article-2026-11-21.md"""
    stem = "export" if fmt == "json" else f"export-{fmt}"
    return default_dir / f"{stem}-{scope}-{today.isoformat()}.{EXTENSIONS.get(fmt, 'txt')}"


def _scope_label(scope: str, notes: int | None) -> str:
    if notes is None:
        return scope
    return f"{scope} ({notes} {'note' if notes == 1 else 'notes'})"


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Dismissed with an ExportRequest, or None when cancelled."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #dialog {
        width: 80%; max-width: 90; min-width: 60; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportDialog Horizontal { height: auto; }
    ExportDialog .field-label { width: 9; padding: 1 1 0 0; text-style: bold; }
    ExportDialog RadioSet { width: 1fr; height: auto; }
    ExportDialog #scope { layout: horizontal; }
    ExportDialog Input { width: 1fr; }
    ExportDialog #error { color: $error; height: auto; padding-left: 9; }
    ExportDialog #keys { color: $text-muted; height: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Export", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(
        self,
        *,
        formats: Sequence[tuple[str, str]] = DEFAULT_FORMATS,
        has_article: bool,
        default_dir: Path,
        today: date | None = None,
        notes: tuple[int, int] | None = None,
    ) -> None:
        """`notes`: how many notes the open article and all articles hold, shown
        beside each scope; with none on this article (and some elsewhere) the
        scope starts at all articles."""
        super().__init__()
        self.formats = tuple(formats)
        self.has_article = has_article
        self.notes = notes
        self.default_dir = Path(default_dir)
        self.today = today or date.today()
        self._auto_path = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Export notes"
            with Horizontal():
                yield Label("Format", classes="field-label")
                yield ChoiceSet(
                    *(
                        plain_button(label, index == 0)
                        for index, (_, label) in enumerate(self.formats)
                    ),
                    id="format",
                )
            with Horizontal():
                yield Label("Scope", classes="field-label")
                here, everywhere = self.notes if self.notes is not None else (None, None)
                on_article = self.has_article and not (here == 0 and everywhere)
                article = RadioButton(
                    Text(_scope_label("this article", here)),
                    value=on_article,
                    disabled=not self.has_article,
                )
                yield ChoiceSet(
                    article,
                    RadioButton(
                        Text(_scope_label("all articles", everywhere)), value=not on_article
                    ),
                    id="scope",
                )
            with Horizontal():
                yield Label("File", classes="field-label")
                yield SafeInput(id="path", placeholder="where to write the export")
            yield Static("", id="error")
            yield Static(Text("ctrl+s/enter export · esc cancel · tab move"), id="keys")

    def on_mount(self) -> None:
        self._refresh_path()
        self.query_one("#format", RadioSet).focus()

    @property
    def format(self) -> str:
        index = self.query_one("#format", RadioSet).pressed_index
        return self.formats[max(index, 0)][0]

    @property
    def scope(self) -> Scope:
        index = self.query_one("#scope", RadioSet).pressed_index
        return "article" if index == 0 and self.has_article else "all"

    def _refresh_path(self) -> None:
        """Follow format/scope in the path, unless the user typed their own."""
        field = self.query_one("#path", Input)
        if field.value and field.value != self._auto_path:
            return
        self._auto_path = str(
            default_export_path(self.default_dir, self.format, self.scope, self.today)
        )
        field.value = self._auto_path
        field.cursor_position = len(field.value)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._refresh_path()

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(message))

    def action_save(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._error("Choose a file to write.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._error(f"{display_safe(str(path))} is a folder; give a file name.")
            return
        request = ExportRequest(self.format, self.scope, path, overwrite=False)
        if not path.exists():
            self.dismiss(request)
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.dismiss(ExportRequest(request.format, request.scope, path, overwrite=True))
            else:
                self._error(f"{display_safe(str(path))} exists; choose another name.")
                self.query_one("#path", Input).focus()

        self.app.push_screen(
            ConfirmDialog(
                f"{path} already exists. Overwrite it?", confirm_label="Overwrite", default_no=True
            ),
            answered,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
