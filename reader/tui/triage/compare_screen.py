"""Two articles side by side, sentence by sentence: shared, changed, and
found on one side only, each with its own style and marker glyph (so it
reads without colour). Wide: two columns; narrow: left above right."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import partial
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.article import Article
from reader.triage.compare import CompareRow, Comparison, RowKind
from reader.triage.sentences import Sentence
from reader.tui.triage.base import TriageList, TriageScreen
from reader.tui.triage.jump import JumpTo
from reader.tui.triage.rows import LazyRow, flat, plural, squeeze

MARKERS: dict[RowKind, str] = {
    RowKind.SHARED: "=",
    RowKind.CHANGED: "~",
    RowKind.LEFT_ONLY: "◀",
    RowKind.RIGHT_ONLY: "▶",
}
STYLES: dict[RowKind, str] = {
    RowKind.SHARED: "dim",
    RowKind.CHANGED: "$reader-warning",
    RowKind.LEFT_ONLY: "$reader-bad",
    RowKind.RIGHT_ONLY: "$reader-good",
}
CHANGED_WORDS = "bold underline"
WIDE = 90  # from this width the two articles are drawn in two columns
_WORD = re.compile(r"\S+")


def summary_counts(comparison: Comparison) -> str:
    """ "12 shared · 3 changed · 4 only left · 2 only right"."""
    return (
        f"{comparison.count(RowKind.SHARED)} shared · {comparison.count(RowKind.CHANGED)} changed"
        f" · {comparison.count(RowKind.LEFT_ONLY)} only left"
        f" · {comparison.count(RowKind.RIGHT_ONLY)} only right"
    )


def changed_spans(left: str, right: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the words that differ between two sentences."""
    a = [m.span() for m in _WORD.finditer(left)]
    b = [m.span() for m in _WORD.finditer(right)]
    matcher = difflib.SequenceMatcher(
        None, [left[s:e] for s, e in a], [right[s:e] for s, e in b], autojunk=False
    )
    out_a: list[tuple[int, int]] = []
    out_b: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            out_a.append((a[i1][0], a[i2 - 1][1]))
        if j2 > j1:
            out_b.append((b[j1][0], b[j2 - 1][1]))
    return out_a, out_b


def _side(sentence: Sentence | None, style: str, marks: Sequence[tuple[int, int]]) -> Content:
    if sentence is None:
        return Content("")
    text = flat(sentence.text)
    spans = [Span(s, e, CHANGED_WORDS) for s, e in marks]
    return Content.styled(text, style).add_spans(spans) if spans else Content.styled(text, style)


class CompareList(TriageList):
    """The aligned rows; enter opens the left sentence (the right one when
    the row has no left)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open left", id="triage.compare.open_left"),
    ]


class CompareScreen(TriageScreen[JumpTo]):
    """Dismissed with JumpTo(left.id or right.id, sentence start) (enter: the
    left sentence, r: the right one), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_difference", "Next difference", id="triage.compare.next"),
        Binding("p", "previous_difference", "Previous difference", id="triage.compare.previous"),
        Binding("r", "open_right", "Open right", id="triage.compare.open_right"),
    ]
    VIEW_TITLE = "Compare"

    def __init__(self, left: Article, right: Article, comparison: Comparison) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.comparison = comparison
        self.compare_rows: list[CompareRow] = list(comparison.rows)

    def make_list(self) -> OptionList:
        return CompareList(id="rows")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#rows", OptionList)

    def show_rows(self, highlighted: int | None = None) -> None:
        options = self.option_list
        options.clear_options()
        options.add_options(self.options())
        if self.compare_rows:
            options.highlighted = highlighted or 0

    def row_count(self) -> int:
        return len(self.compare_rows)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_right" and self.is_mounted:
            index = self.highlighted
            if index is None or self.compare_rows[index].right is None:
                return None  # shown greyed out: this row has no right sentence
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def summary(self) -> Content:
        left = squeeze(self.left.title.value or self.left.id)
        right = squeeze(self.right.title.value or self.right.id)
        legend = "  ".join(f"{MARKERS[k]} {k.value}" for k in RowKind)
        return Content.assemble(
            ("left: ", "dim"),
            (left, "bold"),
            "\n",
            ("right: ", "dim"),
            (right, "bold"),
            "\n",
            (summary_counts(self.comparison), "bold"),
            (f"  ({plural(len(self.compare_rows), 'row')})", "dim"),
            "\n",
            (legend, "dim"),
        )

    def options(self) -> Sequence[Option]:
        return [Option(LazyRow(partial(self._lines, row))) for row in self.compare_rows]

    def _lines(self, row: CompareRow, width: int) -> list[Content]:
        style = STYLES[row.kind]
        left_marks: Sequence[tuple[int, int]] = ()
        right_marks: Sequence[tuple[int, int]] = ()
        if row.kind == RowKind.CHANGED and row.left is not None and row.right is not None:
            left_marks, right_marks = changed_spans(row.left.text, row.right.text)
        left = _side(row.left, style, left_marks)
        right = _side(row.right, style, right_marks)
        marker = Content.styled(f"{MARKERS[row.kind]} ", f"bold {style}")
        if width >= WIDE:
            column = (width - 5) // 2
            left_lines = left.wrap(column) if row.left is not None else []
            right_lines = right.wrap(width - 5 - column) if row.right is not None else []
            height = max(len(left_lines), len(right_lines), 1)
            lines = []
            for n in range(height):
                a = left_lines[n] if n < len(left_lines) else Content("")
                b = right_lines[n] if n < len(right_lines) else Content("")
                lead = marker if n == 0 else Content("  ")
                lines.append(lead + a.truncate(column, pad=True) + Content(" │ ") + b)
            return lines
        lines = []
        for tag, side, sentence in (("L ", left, row.left), ("R ", right, row.right)):
            if sentence is None:
                continue
            for n, piece in enumerate(side.wrap(max(1, width - 4))):
                lead = (marker if not lines else Content("  ")) if n == 0 else Content("  ")
                lines.append(lead + Content.styled(tag if n == 0 else "  ", "dim") + piece)
        return lines or [marker]

    # -- navigation --------------------------------------------------------

    def _step(self, direction: int) -> None:
        rows = self.option_list
        start = rows.highlighted if rows.highlighted is not None else -direction
        index = start + direction
        while 0 <= index < len(self.compare_rows):
            if self.compare_rows[index].kind != RowKind.SHARED:
                rows.highlighted = index
                return
            index += direction
        self.notify("No more differences.", timeout=2, markup=False)

    def action_next_difference(self) -> None:
        self._step(1)

    def action_previous_difference(self) -> None:
        self._step(-1)

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.compare_rows):
            return None
        row = self.compare_rows[index]
        if row.left is not None:
            return JumpTo(self.left.id, row.left.start)
        if row.right is not None:
            return JumpTo(self.right.id, row.right.start)
        return None

    def action_open_right(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.compare_rows):
            return
        row = self.compare_rows[index]
        if row.right is None:
            self.notify("This sentence is only in the left article.", timeout=2, markup=False)
            return
        self.dismiss(JumpTo(self.right.id, row.right.start))
