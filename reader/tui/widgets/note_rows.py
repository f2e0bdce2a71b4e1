"""A note's row in the notes panel: mark, kind, place, a fact-check's
verdict and status, the first words; drawn without a wrapping pass, its
Content built only when the row is first drawn."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from reader.annotations.drafts import PlacedNote, style_tag, summary
from reader.annotations.model import AnchorState, Annotation, Kind
from reader.corpus.sanitize import display_safe
from reader.tui.annotation_styles import KIND_MARKS, annotation_bg
from reader.tui.widgets.fixed_rows import FixedRows

Piece = tuple[str, str | None]  # (text, a style to parse, or None: the row's own)
INDENT = "   "  # the lines under the head


def _where(note: PlacedNote) -> str:
    if note.start is None:
        return "whole article"
    if note.state is AnchorState.ORPHANED:
        return "orphaned"
    return "moved" if note.state is AnchorState.MOVED else ""


def _verdict(ann: Annotation) -> str:
    """The verdict and status as shown: made safe, a tab one space (a raw tab
    would move the terminal's cursor: Content draws it as it is, zero cells wide)."""
    verdict = display_safe(ann.verdict).replace("\t", " ") if ann.verdict else "no verdict yet"
    return f"{verdict} · {ann.status.value}"


def _head(note: PlacedNote, dark: bool) -> list[tuple[str, str]]:
    """The first line: the kind's mark on its colour, the kind and the place."""
    ann = note.annotation
    bits = [ann.kind.value]
    where = _where(note)
    if where:
        bits.append(where)
    mark = KIND_MARKS.get(ann.kind.value, "•")
    head_style = "bold $error" if note.state is AnchorState.ORPHANED else "bold"
    return [
        (f" {mark} ", f"on {annotation_bg(style_tag(ann), dark)}"),
        (" " + " · ".join(bits), head_style),
    ]


def _first_words(ann: Annotation) -> str:
    return display_safe(" ".join(summary(ann).split()))


def note_row(note: PlacedNote, dark: bool) -> Content:
    """Mark, kind and place; for a fact-check, its verdict and status on a
    line of their own (they matter most); then the first words."""
    ann = note.annotation
    parts: list[str | tuple[str, str]] = [*_head(note, dark)]
    if ann.kind is Kind.FACTCHECK:
        parts += ["\n" + INDENT, (_verdict(ann), "italic")]
    parts += ["\n" + INDENT, (_first_words(ann), "dim")]
    return Content.assemble(*parts)


def note_row_pieces(note: PlacedNote, dark: bool) -> list[list[Piece]]:
    """note_row(note, dark) as lines of (text, style or None) pieces, without
    building a Content (note_strips draws them): the same text and styles,
    the same lines as Content.split gives (the test compares the two)."""
    ann = note.annotation
    lines: list[list[Piece]] = [list(_head(note, dark))]
    if ann.kind is Kind.FACTCHECK:
        first, *more = _verdict(ann).split("\n")
        lines.append([(INDENT, None), (first, "italic")])
        lines += [[(text, "italic")] for text in more]
    lines.append([(INDENT, None), (_first_words(ann), "dim")])
    return lines


def note_row_lines(note: PlacedNote) -> int:
    """How many lines note_row(note) has, without building it: the head and
    the first words (one line each), and a fact-check's verdict line(s)."""
    ann = note.annotation
    if ann.kind is not Kind.FACTCHECK:
        return 2
    return 3 + (display_safe(ann.verdict).count("\n") if ann.verdict else 0)


class NoteRows(FixedRows):
    """A note's row: each of its lines cut to the width with an ellipsis (what
    the panel's nowrap/ellipsis rules ask for) without Content's wrapping
    pass, about two thirds of drawing a row; a new note scrolls the panel
    to rows never drawn before."""

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        get_rule = options.rules.get
        if (
            width <= 0
            or options.selection is not None  # (text selected with the mouse: as usual)
            or get_rule("text_wrap", "wrap") != "nowrap"
            or get_rule("text_overflow", "fold") != "ellipsis"
            or get_rule("text_align", "left") not in ("left", "start")
            or get_rule("line_pad", 0)
        ):
            return super().render_strips(width, height, style, options)
        lines = self.content.split("\n")[: self.lines if height is None else height]
        strips = []
        for line in lines:
            fitted = line.truncate(width, ellipsis=True)
            segments = [
                Segment(text, part.rich_style)
                for text, part in fitted.render(style, "", options.get_style)
            ]
            strips.append(Strip(segments, fitted.cell_length))
        return strips


class LazyNoteRows(NoteRows):
    """A note's rows whose Content is built when first needed (drawn): the
    list measures a row by its line count alone, so opening an article of
    500 notes builds the twenty or so rows on screen, not 500."""

    def __init__(self, note: PlacedNote, dark: bool) -> None:
        self._note = note
        self._dark = dark
        self._content: Content | None = None
        self._pieces: list[list[Piece]] | None = None
        self.lines = note_row_lines(note)

    @property
    def built(self) -> bool:
        """The row was drawn (its Content or its pieces were made)."""
        return self._content is not None or self._pieces is not None

    @property
    def pieces(self) -> list[list[Piece]]:
        """The row's lines as pieces (note_row_pieces), made when first drawn."""
        if self._pieces is None:
            self._pieces = note_row_pieces(self._note, self._dark)
        return self._pieces

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = note_row(self._note, self._dark)
        return self._content

    @content.setter
    def content(self, content: Content) -> None:
        self._content = content
