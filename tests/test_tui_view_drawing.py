"""The reading view draws a wrapped document row in one pass (row_sections):
each of its lines must look exactly as TextArea draws it, with the entity and
note styles, wide characters and empty lines; and the view's drawn lines are
those lines."""

from __future__ import annotations

from rich.color import Color
from textual.app import App, ComposeResult

from reader.annotations.drafts import PlacedNote
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind
from reader.entities.model import Entity, Label
from reader.tui.annotation_styles import annotation_bg
from reader.tui.text_layout import line_starts, spans_by_line
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.row_sections import row_sections

TEXT = (
    "A title [bold]not markup[/bold]\n"
    "\n"
    + "Antony Blinken met officials in Kyiv on Tuesday, and 400 square miles were " * 6
    + "\n"
    + "漢字の段落、幅の広い文字が折り返される。" * 5
    + "\n"
    + "short\n"
    + "\n"
    + "Last line with Kyiv at its end Kyiv"
)


def _entities(text: str) -> list[Entity]:
    found = []
    for word, label in (("Blinken", Label.PERSON), ("Kyiv", Label.PLACE), ("400", Label.QUANTITY)):
        at = text.find(word)
        while at != -1:
            found.append(Entity(at, at + len(word), word, label, key=word))
            at = text.find(word, at + 1)
    return sorted(found)


def _note(text: str, start: int, end: int, kind: Kind) -> PlacedNote:
    annotation = Annotation("a", kind=kind, anchor=Anchor.from_text(text, start, end, None))
    return PlacedNote(annotation, start, end, AnchorState.ANCHORED)


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield AnnotatedArticleView(id="article")


def _show(view: AnnotatedArticleView) -> None:
    view.show_text("a", TEXT)
    entities = _entities(TEXT)
    view.set_entities(
        entities,
        spans_by_line(line_starts(TEXT), [(e.start, e.end, e.label.value) for e in entities]),
    )
    # two overlapping notes across a line break, one inside the wide-character row
    wide = TEXT.index("漢")
    view.set_notes(
        [
            _note(TEXT, 100, wide + 12, Kind.NOTE),
            _note(TEXT, 150, 180, Kind.HIGHLIGHT),
            _note(TEXT, wide + 3, wide + 9, Kind.TAG),
        ],
        writable=True,
    )


async def test_row_sections_match_textarea_lines() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 40)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        _show(view)
        await pilot.pause()
        wrapped = view.wrapped_document
        assert view.scroll_offset == (0, 0)
        assert any(len(wrapped.get_offsets(r)) >= 2 for r in range(view.document.line_count))
        cursor_row = view.cursor_location[0]
        for row in range(view.document.line_count):
            if row == cursor_row:  # (drawn with the cursor: not a plain row)
                continue
            top = wrapped.location_to_offset((row, 0)).y
            count = len(wrapped.get_offsets(row)) + 1
            expected = [view._render_line(top + n) for n in range(count)]
            assert row_sections(view, row) == expected, row
            assert row_sections(view, row, 1, 2) == expected[1:3], row


async def test_drawn_lines_are_the_rows_sections() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 40)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        _show(view)
        view.move_cursor((0, 3))  # the cursor row is drawn the TextArea way
        await pilot.pause()
        drawn = [view.render_line(y) for y in range(view.size.height)]
        assert drawn == [view._render_line(y) for y in range(view.size.height)]
        # styles really are there: an entity (bold underline) and a note background
        kyiv_row = next(y for y, strip in enumerate(drawn) if "Kyiv" in strip.text)
        assert any(
            seg.text.startswith("Kyiv") and seg.style.bold and seg.style.underline
            for seg in drawn[kyiv_row]
            if seg.style
        )
        note_bg = Color.parse(annotation_bg(Kind.NOTE.value, dark=True))
        assert any(
            seg.style is not None and seg.style.bgcolor == note_bg and seg.text.strip()
            for strip in drawn
            for seg in strip
        )


async def test_drawn_lines_match_when_scrolled_into_a_wrapped_row() -> None:
    app = ViewApp()
    async with app.run_test(size=(40, 8)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        _show(view)
        await pilot.pause()
        wrapped = view.wrapped_document
        row = next(r for r in range(view.document.line_count) if len(wrapped.get_offsets(r)) >= 4)
        top = wrapped.location_to_offset((row, 0)).y
        view.scroll_to(y=top + 2, animate=False)  # the row starts above the view
        await pilot.pause()
        assert view.scroll_offset.y == top + 2
        height = view.size.height
        drawn = [view.render_line(y) for y in range(height)]
        assert drawn == [view._render_line(y) for y in range(height)]
        # a line asked for on its own (a partial repaint) is drawn right too
        view._line_cache.clear()
        assert view.render_line(height - 1) == view._render_line(height - 1)
        assert view.render_line(height + 3) == view._render_line(height + 3)


async def test_rows_with_tabs_or_line_numbers_are_drawn_the_textarea_way() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        view.show_text("a", "one\ttab here\nplain line")
        await pilot.pause()
        assert row_sections(view, 0) is None  # a tab: TextArea's tab widths apply
        assert row_sections(view, 1) is not None
        view.show_line_numbers = True
        await pilot.pause()
        assert row_sections(view, 1) is None
        assert view.render_line(1) == view._render_line(1)


async def test_a_new_text_is_drawn_without_entities_or_notes() -> None:
    """show_text repaints the whole view by itself (as for a long article
    whose entities come later from a worker), whatever its height."""
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        texts = ("alpha line\nbeta line", "gamma line\ndelta line", "long " * 80)
        for n, text in enumerate(texts):
            view.show_text(f"a{n}", text)
            await pilot.pause()
            screen = " ".join(strip.text for strip in app.screen._compositor.render_strips())
            assert all(word in screen for word in text.split()), (text, screen)
            for other in texts[:n]:
                assert not any(word in screen for word in set(other.split()) - {"line"})


async def test_notes_set_before_the_first_draw_of_a_text_show_and_later_ones_too() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 30)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        note_bg = Color.parse(annotation_bg(Kind.NOTE.value, dark=True))

        def screen_has_note_bg() -> bool:
            return any(
                seg.style is not None and seg.style.bgcolor == note_bg
                for strip in app.screen._compositor.render_strips()
                for seg in strip
            )

        view.show_text("a", "first article\n\nplain words here")
        await pilot.pause()
        view.show_text("b", TEXT)
        view.set_notes([_note(TEXT, 40, 60, Kind.NOTE)], writable=True)  # before a draw
        await pilot.pause()
        assert screen_has_note_bg()
        view.set_notes([], writable=True)  # after a draw: its lines repaint
        await pilot.pause()
        assert not screen_has_note_bg()
        view.set_notes([_note(TEXT, 40, 60, Kind.NOTE)], writable=True)
        await pilot.pause()
        assert screen_has_note_bg()


def _drawn_as_textarea(view: AnnotatedArticleView) -> list[object]:
    height = view.size.height
    drawn = [view.render_line(y) for y in range(height)]
    assert drawn == [view._render_line(y) for y in range(height)]
    return drawn


def _cursor_cells(view: AnnotatedArticleView, drawn: list[object]) -> int:
    cursor_style = view._theme.cursor_style
    return sum(
        1
        for strip in drawn
        for seg in strip  # type: ignore[attr-defined]
        if seg.style is not None and seg.style.bgcolor == cursor_style.bgcolor
    )


async def test_the_cursor_row_is_drawn_in_one_pass_as_textarea_draws_it() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 30)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        _show(view)
        view.focus()
        wrapped = view.wrapped_document
        row = next(r for r in range(view.document.line_count) if len(wrapped.get_offsets(r)) >= 3)
        column = wrapped.get_offsets(row)[0] + 4  # in the row's second line
        view.move_cursor((row, column))
        await pilot.pause()
        assert view._draw_cursor
        top = wrapped.location_to_offset((row, 0)).y
        count = len(wrapped.get_offsets(row)) + 1
        expected = [view._render_line(top + n) for n in range(count)]
        assert row_sections(view, row, cursor=column) == expected
        assert row_sections(view, row, cursor=None) != expected  # the cursor is drawn

        drawn = _drawn_as_textarea(view)
        assert _cursor_cells(view, drawn) == 1
        # moved along the row (a new column: not the line drawn before)
        view.move_cursor((row, column + 7))
        await pilot.pause()
        assert _cursor_cells(view, _drawn_as_textarea(view)) == 1
        # at the end of the row, on the space where a cursor rests
        view.move_cursor((row, len(view.document.get_line(row))))
        await pilot.pause()
        assert _cursor_cells(view, _drawn_as_textarea(view)) == 1
        # a selection on the row: drawn the TextArea way
        view.move_cursor((row, 3), select=True)
        await pilot.pause()
        _drawn_as_textarea(view)
        view.move_cursor((row, 3))
        await pilot.pause()
        assert _cursor_cells(view, _drawn_as_textarea(view)) == 1
        # no focus: no cursor, the row is a plain row
        view.blur()
        await pilot.pause()
        assert not view._draw_cursor
        assert _cursor_cells(view, _drawn_as_textarea(view)) == 0
