"""Drawing less per change. The reading view redraws only the lines a
selection change touches: a line no selection, cursor or matched bracket is
on keeps its drawn strip when the selection moves or is dropped (as after
every new note), and the lines that were selected are drawn again without the
selection. A note's row in the panel is cut to the width without a wrapping
pass, and looks the same."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.style import Style
from textual.visual import RenderOptions
from textual.widget import Widget
from textual.widgets.option_list import Option

from reader.annotations.store import AnnotationStore
from reader.corpus import load_corpus
from reader.corpus.sanitize import display_safe
from reader.tui.app import ReaderApp
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.fixed_rows import FixedRows
from reader.tui.widgets.notes_panel import NoteRows, NotesPanel
from tests.annotation_support import landed, make_app
from tests.test_tui_annotations_writes import note_on
from tests.tui_support import fake_entities, settle

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")


def drawn(view: AnnotatedArticleView) -> list:  # type: ignore[type-arg]
    return [view.render_line(y) for y in range(view.size.height)]


async def test_dropping_a_selection_redraws_only_its_lines(
    corpus_root: Path, tmp_path: Path
) -> None:
    app = ReaderApp(
        corpus=load_corpus(corpus_root), db_path=tmp_path / "db.json", extractor=fake_entities
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        assert view.soft_wrap and view.document.line_count > 3
        wrapped = view.wrapped_document
        # select the whole of document row 2 (a paragraph, on screen)
        row = next(r for r in range(2, view.document.line_count) if view.document.get_line(r))
        end = len(view.document.get_line(row))
        view.focus()  # the cursor is drawn (without the focus it is not shown)
        view.move_cursor((row, 0))
        view.move_cursor((row, end), select=True)
        await pilot.pause()
        top = wrapped.location_to_offset((row, 0)).y
        rows = set(range(top, top + len(wrapped.get_offsets(row)) + 1))
        assert max(rows) < view.size.height  # all on screen (not scrolled)
        assert view.scroll_offset.y == 0
        before = drawn(view)
        selection_bg = view._theme.selection_style.bgcolor  # type: ignore[union-attr]
        assert any(
            seg.style is not None and seg.style.bgcolor == selection_bg
            for y in rows
            for seg in before[y]
        )

        view.clear_selection()  # the cursor stays at the end of the row
        await pilot.pause()
        after = drawn(view)
        kept = {y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a is b}
        # every other line kept its drawn strip; the selected ones were drawn again
        assert kept == set(range(view.size.height)) - rows
        for y in rows:
            assert not any(
                seg.style is not None and seg.style.bgcolor == selection_bg for seg in after[y]
            )
            assert after[y].text == before[y].text

        # moving the cursor to another row draws only the old and the new row again
        other = next(
            r for r in range(row + 1, view.document.line_count) if view.document.get_line(r)
        )
        view.move_cursor((other, 0))
        await pilot.pause()
        moved = drawn(view)
        other_top = wrapped.location_to_offset((other, 0)).y
        other_rows = set(range(other_top, other_top + len(wrapped.get_offsets(other)) + 1))
        redrawn = {y for y, (a, b) in enumerate(zip(after, moved, strict=True)) if a is not b}
        assert redrawn <= rows | other_rows
        assert redrawn & other_rows  # the cursor is drawn on its new row


def cells(strips: list) -> list[tuple[str, object]]:  # type: ignore[type-arg]
    """Each cell's character and style, however the strips are cut into segments
    (without the mouse-selection offsets: an OptionList allows no text selection)."""
    return [
        (ch, seg.style.clear_meta_and_links() if seg.style else None)
        for strip in strips
        for seg in strip
        for ch in seg.text
    ]


@pytest.mark.parametrize("width", [1, 5, 12, 40, 200])
def test_a_note_row_draws_as_wrapped_content_would(width: int) -> None:
    # hostile and wide text: markup-like, an escape already made safe, CJK, long
    body = display_safe("[bold]x[/] \x1b[31m 記者会見 " + "checked against the figures " * 6)
    content = Content.assemble(
        (" • ", "on #224466"), (" note · moved", "bold"), "\n   ", (body, "dim italic")
    )
    rules = {"text_wrap": "nowrap", "text_overflow": "ellipsis", "text_align": "start"}
    options = RenderOptions(Style.parse, rules, None, None)  # type: ignore[arg-type]
    base = Style.parse("on #101010")
    fast = NoteRows(content).render_strips(width, None, base, options)
    slow = FixedRows(content).render_strips(width, None, base, options)
    assert len(fast) == len(slow) == 2
    assert [s.text.rstrip() for s in fast] == [s.text.rstrip() for s in slow]
    assert all(s.cell_length <= width for s in fast)
    assert [c for c in cells(fast) if c[0] != " "] == [c for c in cells(slow) if c[0] != " "]
    assert "[bold]" in "".join(s.text for s in fast) or width < 12
    assert not any("\x1b" in s.text for s in fast)


def test_a_note_row_wraps_as_usual_when_the_rules_ask_for_it() -> None:
    content = Content("a long line of words that wraps\n   second")
    options = RenderOptions(Style.parse, {"text_wrap": "wrap"}, None, None)  # type: ignore[arg-type]
    strips = NoteRows(content).render_strips(10, None, Style.null(), options)
    assert len(strips) == 2 and strips[0].text.startswith("a long")


async def test_the_notes_panel_draws_its_rows_without_wrapping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class PanelApp(App[None]):
        def compose(self) -> ComposeResult:
            yield NotesPanel()

    app = PanelApp()
    async with app.run_test(size=(40, 10)) as pilot:
        panel = app.query_one(NotesPanel)
        long = "[b]not markup[/b] " * 10
        panel.set_options([Option(NoteRows(Content(f" • note\n   {long}")), id="n1")])

        def wrapped(*args: object) -> list[object]:
            raise AssertionError("the wrapping path ran")

        monkeypatch.setattr(FixedRows, "render_strips", wrapped)
        await pilot.pause()
        lines = [panel.render_line(y).text for y in range(2)]
        assert lines[0].strip() == "• note"
        assert lines[1].strip().startswith("[b]not markup[/b]") and lines[1].rstrip().endswith("…")


async def test_a_new_or_deleted_note_moves_only_the_rows_after_it(
    tmp_path: Path, corpus_root: Path
) -> None:
    article = load_corpus(corpus_root).articles[0]
    text = article.text
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n" and "\n" not in text[i + 1 : i + 22]]
    notes = [
        dataclasses.replace(note_on(article.id, text, s), note=f"note {i}")
        for i, s in enumerate(starts[:6])
    ]
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as other:
        other.apply_batch(notes, [])
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one(NotesPanel)
        await pilot.pause()
        before = list(panel.options)
        assert len(before) == 6
        panel.highlighted = 4
        await pilot.pause()

        # a note between "note 2" and "note 3": one row inserted, the rest kept
        new = dataclasses.replace(note_on(article.id, text, starts[2] + 5), note="inserted")
        screen.submit("add", lambda: screen.store.add(new))  # type: ignore[attr-defined]
        await landed(pilot)
        shown = [n.annotation.note for n in panel.notes]
        assert shown == ["note 0", "note 1", "note 2", "inserted", "note 3", "note 4", "note 5"]
        after = list(panel.options)
        assert [o is p for o, p in zip(after[:3] + after[4:], before, strict=True)] == [True] * 6
        assert [o.id for o in after] == [n.annotation.id for n in panel.notes]
        assert panel.get_option(new.id) is after[3]
        assert panel.highlighted_note is not None and panel.highlighted_note.annotation.note == (
            "note 4"
        )  # the highlight stayed on its note
        assert "inserted" in panel.get_option_at_index(3).prompt.content.plain  # type: ignore[union-attr]
        # a click lands on the row drawn there (the rows after it moved down)
        panel.scroll_home(animate=False)
        await pilot.pause()
        for wanted in ("inserted", "note 4"):
            row = next(y for y in range(panel.size.height) if wanted in panel.render_line(y).text)
            await pilot.click(NotesPanel, offset=(4, row))
            await pilot.pause()
            assert panel.highlighted_note is not None
            assert panel.highlighted_note.annotation.note == wanted
            app.pop_screen()  # the click opened the edit dialog
            await pilot.pause()

        # deleting the highlighted "note 1": the rows after it move up, the
        # highlight goes to the next note (not back to the top)
        panel.select_note(notes[1].id)
        await pilot.pause()
        kept = list(panel.options)
        screen.submit("delete", lambda: screen.store.delete(notes[1].id))  # type: ignore[attr-defined]
        await landed(pilot)
        shown = [n.annotation.note for n in panel.notes]
        assert shown == ["note 0", "note 2", "inserted", "note 3", "note 4", "note 5"]
        assert [o is p for o, p in zip(panel.options, kept[:1] + kept[2:], strict=True)] == [
            True
        ] * 6
        assert panel.highlighted_note is not None
        assert panel.highlighted_note.annotation.note == "note 2"
        assert notes[1].id not in {o.id for o in panel.options}

        # down to none: the panel says so
        for note in [new, *notes[:1], *notes[2:]]:
            screen.submit("delete", lambda n=note: screen.store.delete(n.id))  # type: ignore[attr-defined,misc]
        await landed(pilot)
        assert panel.notes == [] and panel.option_count == 1
        assert "No notes yet" in str(panel.get_option_at_index(0).prompt)


async def test_a_selection_change_repaints_only_its_rows_on_screen(
    corpus_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(
        corpus=load_corpus(corpus_root), db_path=tmp_path / "db.json", extractor=fake_entities
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        wrapped = view.wrapped_document
        rows = [r for r in range(1, view.document.line_count) if view.document.get_line(r)][:3]
        view.move_cursor((rows[0], 0))
        view.move_cursor((rows[0], len(view.document.get_line(rows[0]))), select=True)
        await pilot.pause()
        assert view.scroll_offset.y == 0

        calls: list[tuple[Region, ...]] = []
        real = Widget.refresh

        def spy(self: Widget, *regions: Region, **kw: bool) -> Widget:
            if self is view:
                calls.append(regions)
            return real(self, *regions, **kw)

        monkeypatch.setattr(Widget, "refresh", spy)

        def lines_of(row: int) -> set[int]:
            top = wrapped.location_to_offset((row, 0)).y
            return set(range(top, top + len(wrapped.get_offsets(row)) + 1))

        view.clear_selection()  # the cursor stays on rows[0]
        view.move_cursor((rows[2], 0))  # and moves on, below
        assert calls and all(regions for regions in calls)  # never the whole view
        painted = {y for regions in calls for r in regions for y in range(r.y, r.bottom)}
        assert painted == lines_of(rows[0]) | lines_of(rows[2])
        assert not painted & lines_of(rows[1])

        # a move that scrolls the view repaints all of it
        calls.clear()
        view.move_cursor((view.document.line_count - 1, 0))
        assert view.scroll_offset.y > 0
        assert () in calls
        await pilot.pause()
        assert view.selection.start == view.selection.end
