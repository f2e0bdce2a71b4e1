"""The annotation dialog: kind, labels, note and the fact-check fields.

Built from plain data (a draft Annotation and the quoted text) and dismissed
with the edited Annotation, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, RadioSet, Select, Static, TextArea

from reader.annotations.model import DEFAULT_VERDICTS, Annotation, Kind, Status
from reader.corpus.sanitize import display_safe
from reader.tui.dialogs.closing import QuietModalScreen
from reader.tui.dialogs.fields import (
    DEFAULT_LABELS,
    format_sources,
    merge_tags,
    parse_sources,
    parse_tags,
    split_tags,
)
from reader.tui.dialogs.widgets import (
    ChoiceSet,
    CyclingInput,
    LabelToggles,
    SafeInput,
    SafeTextArea,
    plain_button,
)

KINDS: tuple[tuple[Kind, str, str], ...] = (
    (Kind.HIGHLIGHT, "highlight", "h"),
    (Kind.NOTE, "note", "n"),
    (Kind.TAG, "tag", "t"),
    (Kind.FACTCHECK, "fact-check", "f"),
)
STATUSES: tuple[tuple[Status, str], ...] = (
    (Status.OPEN, "o"),
    (Status.IN_PROGRESS, "p"),
    (Status.DONE, "d"),
)
QUOTE_MAX_CHARS = 400


def _row(label: str, *widgets: object, id: str | None = None) -> Horizontal:
    """One form row: a fixed-width label on the left, the field on the right."""
    return Horizontal(Label(label, markup=False, classes="field-label"), *widgets, id=id)  # type: ignore[arg-type]


class AnnotationDialog(QuietModalScreen[Annotation | None]):
    """Create or edit one annotation. Opens with the cursor in the note."""

    DEFAULT_CSS = """
    AnnotationDialog { align: center middle; }
    AnnotationDialog #dialog {
        width: 96%; max-width: 120; height: 96%; max-height: 44;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    AnnotationDialog #quote {
        height: auto; max-height: 5; margin-bottom: 1;
        color: $text-muted; border-left: outer $accent; padding-left: 1;
    }
    AnnotationDialog #body { height: 1fr; }
    AnnotationDialog Horizontal { height: auto; }
    AnnotationDialog .field-label { width: 12; padding: 1 1 0 0; text-style: bold; }
    AnnotationDialog #factcheck { height: auto; }
    AnnotationDialog #factcheck.hidden { display: none; }
    AnnotationDialog Input, AnnotationDialog Select, AnnotationDialog LabelToggles,
    AnnotationDialog TextArea, AnnotationDialog RadioSet { width: 1fr; }
    AnnotationDialog RadioSet { layout: horizontal; height: auto; }
    AnnotationDialog RadioSet > RadioButton { width: auto; margin-right: 1; }
    AnnotationDialog LabelToggles { margin: 1 0; }
    AnnotationDialog #note { height: 6; }
    AnnotationDialog #claim, AnnotationDialog #conclusion { height: 4; }
    AnnotationDialog #sources { height: 5; }
    AnnotationDialog .hint { color: $text-muted; padding-left: 12; height: auto; }
    AnnotationDialog #sources-error { color: $error; padding-left: 12; height: auto; }
    AnnotationDialog #keys { height: 1; color: $text-muted; dock: bottom; }
    """
    AUTO_FOCUS = "#note"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(
        self,
        draft: Annotation,
        *,
        quote: str,
        is_new: bool = True,
        claimant_suggestions: Sequence[str] = (),
        labels: Sequence[tuple[str, str]] = DEFAULT_LABELS,
        verdicts: Sequence[str] = DEFAULT_VERDICTS,
        title: str | None = None,
    ) -> None:
        super().__init__()
        self.draft = draft
        self.quote = quote
        self.is_new = is_new
        self.claimant_suggestions = tuple(s for s in claimant_suggestions if s.strip())
        self.labels = tuple(labels)
        self.verdicts = tuple(verdicts)
        if draft.verdict and draft.verdict not in self.verdicts:
            self.verdicts += (draft.verdict,)  # keep a verdict from another scale
        self.title_text = title or ("New annotation" if is_new else "Edit annotation")

    # -- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        draft = self.draft
        on, free = split_tags(draft.tags, [name for name, _ in self.labels])
        quote = display_safe(self.quote)
        if len(quote) > QUOTE_MAX_CHARS:
            quote = quote[: QUOTE_MAX_CHARS - 1] + "…"
        claim = draft.claim or " ".join(display_safe(self.quote).split())
        claimant = draft.claimant or (self.claimant_suggestions[:1] or ("",))[0]

        with Vertical(id="dialog") as dialog:
            dialog.border_title = Text(display_safe(self.title_text))
            yield Static(Text(quote or "(no quote: a note on the whole article)"), id="quote")
            with VerticalScroll(id="body", can_focus=False):
                yield _row(
                    "Kind",
                    ChoiceSet(
                        *(
                            plain_button(label, kind is draft.kind, key)
                            for kind, label, key in KINDS
                        ),
                        keys=[key for _, _, key in KINDS],
                        id="kind",
                    ),
                )
                yield _row("Note", SafeTextArea(display_safe(draft.note), id="note"))
                yield _row("Labels", LabelToggles(self.labels, on, id="labels"))
                yield _row(
                    "Tags",
                    SafeInput(
                        ", ".join(display_safe(t) for t in free),
                        placeholder="free tags, comma separated",
                        id="tags",
                    ),
                )
                with Vertical(id="factcheck"):
                    yield _row("Claim", SafeTextArea(display_safe(claim), id="claim"))
                    yield _row(
                        "Claimant",
                        CyclingInput(
                            self.claimant_suggestions,
                            value=display_safe(claimant),
                            placeholder="who made the claim",
                            id="claimant",
                        ),
                    )
                    if self.claimant_suggestions:
                        shown = " · ".join(display_safe(s) for s in self.claimant_suggestions)
                        yield Static(Text(f"up/down: {shown}"), classes="hint", id="claimant-hint")
                    yield _row(
                        "Verdict",
                        Select(
                            [(Text(display_safe(v)), v) for v in self.verdicts],
                            prompt="(no verdict yet)",
                            allow_blank=True,
                            value=draft.verdict if draft.verdict else Select.NULL,
                            id="verdict",
                        ),
                    )
                    yield _row(
                        "Conclusion", SafeTextArea(display_safe(draft.conclusion), id="conclusion")
                    )
                    yield _row(
                        "Sources",
                        SafeTextArea(display_safe(format_sources(draft.sources)), id="sources"),
                    )
                    yield Static(Text("one per line: URL  note"), classes="hint")
                    yield Static("", id="sources-error")
                    yield _row(
                        "Status",
                        ChoiceSet(
                            *(
                                plain_button(status.value, status is draft.status, key)
                                for status, key in STATUSES
                            ),
                            keys=[key for _, key in STATUSES],
                            id="status",
                        ),
                    )
            yield Static(
                Text(
                    "ctrl+s save · esc cancel · tab/shift+tab move"
                    " · enter saves from a one-line field"
                ),
                id="keys",
            )

    def on_mount(self) -> None:
        self._show_factcheck(self.draft.kind is Kind.FACTCHECK)
        note = self.query_one("#note", TextArea)
        note.move_cursor(note.document.end)
        note.focus()

    # -- reading the fields -----------------------------------------------

    def _radio_index(self, selector: str) -> int:
        return self.query_one(selector, RadioSet).pressed_index

    @property
    def kind(self) -> Kind:
        """The kind currently chosen in the dialog."""
        index = self._radio_index("#kind")
        return KINDS[index][0] if index >= 0 else self.draft.kind

    def _show_factcheck(self, show: bool) -> None:
        self.query_one("#factcheck").set_class(not show, "hidden")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "kind":
            self._show_factcheck(self.kind is Kind.FACTCHECK)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "sources":
            self._check_sources()

    def _check_sources(self) -> bool:
        """Show the source errors, if any; True when the sources are valid."""
        _, errors = parse_sources(self.query_one("#sources", TextArea).text)
        self.query_one("#sources-error", Static).update(Text("\n".join(errors)))
        return not errors

    def collect(self) -> dict[str, object] | None:
        """The changed fields, or None (with the error shown) when invalid."""
        kind = self.kind
        labels = self.query_one("#labels", LabelToggles).selected
        chosen = [name for name, _ in self.labels if name in labels]
        free = parse_tags(self.query_one("#tags", Input).value)
        changes: dict[str, object] = {
            "kind": kind,
            "tags": merge_tags(chosen, free),
            "note": self.query_one("#note", TextArea).text.strip(),
        }
        if kind is not Kind.FACTCHECK:
            return changes
        sources, errors = parse_sources(self.query_one("#sources", TextArea).text)
        if errors:
            self._check_sources()
            self.query_one("#sources", TextArea).focus()
            return None
        verdict = self.query_one("#verdict", Select).value
        status_index = self._radio_index("#status")
        changes.update(
            claim=" ".join(self.query_one("#claim", TextArea).text.split()),
            claimant=self.query_one("#claimant", Input).value.strip(),
            verdict=None if verdict is Select.NULL else str(verdict),
            conclusion=self.query_one("#conclusion", TextArea).text.strip(),
            sources=sources,
            status=STATUSES[status_index][0] if status_index >= 0 else self.draft.status,
        )
        return changes

    # -- actions ----------------------------------------------------------

    def action_save(self) -> None:
        changes = self.collect()
        if changes is None:
            self.app.bell()
            return
        unchanged = all(getattr(self.draft, name) == value for name, value in changes.items())
        if self.is_new:  # a new draft keeps its created/updated stamps
            result = replace(self.draft, **changes)  # type: ignore[arg-type]
        elif unchanged:  # saving an edit that changed nothing is not an edit
            result = self.draft
        else:
            result = self.draft.edited(**changes)
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
