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
    AnnotationDialog #keys { height: auto; color: $text-muted; dock: bottom; }
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
        self.labels = tuple(labels)
        self.scale = tuple(verdicts)  # the verdicts offered for every note
        self._shown_verdicts: tuple[str, ...] | None = None  # the Select's options now
        self._set_draft(draft, quote, is_new, claimant_suggestions, title)

    def _set_draft(
        self,
        draft: Annotation,
        quote: str,
        is_new: bool,
        claimant_suggestions: Sequence[str],
        title: str | None,
    ) -> None:
        self.draft = draft
        self.quote = quote
        self.is_new = is_new
        self.claimant_suggestions = tuple(s for s in claimant_suggestions if s.strip())
        self.verdicts = self.scale
        if draft.verdict and draft.verdict not in self.verdicts:
            self.verdicts += (draft.verdict,)  # keep a verdict from another scale
        self.title_text = title or ("New annotation" if is_new else "Edit annotation")

    def load(
        self,
        draft: Annotation,
        *,
        quote: str,
        is_new: bool = True,
        claimant_suggestions: Sequence[str] = (),
        title: str | None = None,
    ) -> None:
        """Show another note: every field is set again from `draft` (nothing
        typed for the last one stays), the cursor at the end of the note. Lets
        one dialog be shown again and again instead of built for each note."""
        self._set_draft(draft, quote, is_new, claimant_suggestions, title)
        if self.is_mounted:
            self._fill()

    # -- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The fields, empty: `_fill` puts the draft in them (on mount and on `load`)."""
        with Vertical(id="dialog"):
            yield Static(id="quote")
            with VerticalScroll(id="body", can_focus=False):
                yield _row(
                    "Kind",
                    ChoiceSet(
                        *(plain_button(label, False, key) for _, label, key in KINDS),
                        keys=[key for _, _, key in KINDS],
                        id="kind",
                    ),
                )
                yield _row("Note", SafeTextArea(id="note"))
                yield _row("Labels", LabelToggles(self.labels, id="labels"))
                yield _row("Tags", SafeInput(placeholder="free tags, comma separated", id="tags"))
                with Vertical(id="factcheck"):
                    yield _row("Claim", SafeTextArea(id="claim"))
                    yield _row(
                        "Claimant",
                        CyclingInput((), placeholder="who made the claim", id="claimant"),
                    )
                    yield Static(classes="hint", id="claimant-hint")
                    yield _row(
                        "Verdict",
                        Select[str]([], prompt="(no verdict yet)", allow_blank=True, id="verdict"),
                    )
                    yield _row("Conclusion", SafeTextArea(id="conclusion"))
                    yield _row("Sources", SafeTextArea(id="sources"))
                    yield Static(Text("one per line: URL  note"), classes="hint")
                    yield Static("", id="sources-error")
                    yield _row(
                        "Status",
                        ChoiceSet(
                            *(plain_button(status.value, False, key) for status, key in STATUSES),
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
        self._fill()

    def _fill(self) -> None:
        """Every field from the draft, quietly (no Changed messages), the
        body scrolled to the top and the cursor at the end of the note."""
        draft = self.draft
        on, free = split_tags(draft.tags, [name for name, _ in self.labels])
        quote = display_safe(self.quote)
        if len(quote) > QUOTE_MAX_CHARS:
            quote = quote[: QUOTE_MAX_CHARS - 1] + "…"
        claim = draft.claim or " ".join(display_safe(self.quote).split())
        claimant = draft.claimant or (self.claimant_suggestions[:1] or ("",))[0]
        query = self.query_one
        with self.prevent(TextArea.Changed, Input.Changed, Select.Changed, RadioSet.Changed):
            query("#dialog").border_title = Text(display_safe(self.title_text))
            query("#quote", Static).update(Text(quote or "(no quote: a note on the whole article)"))
            query("#kind", ChoiceSet).choose(
                next(i for i, k in enumerate(KINDS) if k[0] is draft.kind)
            )
            note = query("#note", SafeTextArea)
            note.load_text(draft.note)
            labels = query("#labels", LabelToggles)
            labels.selected, labels.cursor = on, 0
            self._set_input("#tags", ", ".join(display_safe(t) for t in free))
            query("#claim", SafeTextArea).load_text(claim)
            query("#claimant", CyclingInput).set_suggestions(self.claimant_suggestions)
            self._set_input("#claimant", display_safe(claimant))
            hint = query("#claimant-hint", Static)
            hint.display = bool(self.claimant_suggestions)
            shown = " · ".join(display_safe(s) for s in self.claimant_suggestions)
            hint.update(Text(f"up/down: {shown}" if shown else ""))
            verdict = query("#verdict", Select)
            verdict.expanded = False
            if self._shown_verdicts != self.verdicts:
                verdict.set_options([(Text(display_safe(v)), v) for v in self.verdicts])
                self._shown_verdicts = self.verdicts
            verdict.value = draft.verdict if draft.verdict else Select.NULL
            query("#conclusion", SafeTextArea).load_text(draft.conclusion)
            query("#sources", SafeTextArea).load_text(format_sources(draft.sources))
            query("#sources-error", Static).update("")
            query("#status", ChoiceSet).choose(
                next(i for i, (status, _) in enumerate(STATUSES) if status is draft.status)
            )
            self._show_factcheck(draft.kind is Kind.FACTCHECK)
        query("#body").scroll_home(animate=False, immediate=True)
        note.move_cursor(note.document.end)
        self.set_focus(note)

    def _set_input(self, selector: str, value: str) -> None:
        field = self.query_one(selector, Input)
        field.value = value
        field.cursor_position = len(value)

    # -- reading the fields -----------------------------------------------

    def _radio_index(self, selector: str) -> int:
        return self.query_one(selector, RadioSet).pressed_index

    @property
    def kind(self) -> Kind:
        """The kind currently chosen in the dialog."""
        index = self._radio_index("#kind")
        return KINDS[index][0] if index >= 0 else self.draft.kind

    def _show_factcheck(self, show: bool) -> None:
        # display, not a class: a class change restyles the ~20 widgets below
        self.query_one("#factcheck").display = show

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
