"""The notes panel draws a note's row straight to strips (note_strips), not
through Content and Visual: what it draws must be what OptionList's own path
draws from note_row's Content, cell for cell and style for style (the row's
mouse meta included), for every kind of row, width, theme and row state; and
the lines under the panel's top border (TopBorderLines) must be the lines
Textual's styles cache draws."""

from __future__ import annotations

from itertools import product

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList

from reader.annotations.drafts import PlacedNote
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind, Status
from reader.tui.widgets.note_rows import LazyNoteRows, NoteRows, note_row, note_row_pieces
from reader.tui.widgets.note_strips import fit
from reader.tui.widgets.notes_panel import NotesPanel
from reader.tui.widgets.top_border_lines import TopBorderLines

TEXT = "A text with a claim in it, long enough for notes and their quotes."
HOSTILE = "[bold]not markup[/] \x1b[31m red? \x07\x08\r\x9b2J \u202eevil\u202c \u200bzw\tab"
WIDE = "記者会見で首相は述べた " * 4
COMBINING = "cafe\u0301 nai\u0308ve " * 5
VERDICTS = (None, "false", "mostly true", "two\nlines", "a\n\nb", "tab\there", HOSTILE, WIDE)
NOTES = ("", "short", "checked against the ministry figures " * 4, HOSTILE, WIDE, COMBINING)
PANEL_CSS = """
#notes { border: none; border-top: solid $panel; padding: 0; background: transparent;
         max-height: 100%; height: 1fr; }
"""


def notes() -> list[PlacedNote]:
    """Each kind in each state, whole-article and orphaned ones, fact-checks
    with every verdict and status, long, wide and hostile text."""
    found: list[PlacedNote] = []
    anchor = Anchor.from_text(TEXT, 2, 12, None)
    for n, (kind, note) in enumerate(product(Kind, NOTES)):
        state = list(AnchorState)[n % len(AnchorState)]
        ann = Annotation("a.txt", kind=kind, anchor=anchor, note=note, tags=("t",) * (n % 2))
        found.append(PlacedNote(ann, 2, 12, state))
    for n, verdict in enumerate(VERDICTS):
        ann = Annotation(
            "a.txt",
            kind=Kind.FACTCHECK,
            anchor=None if n % 3 == 0 else anchor,
            claim=HOSTILE if n % 2 else "",
            verdict=verdict,
            status=list(Status)[n % len(Status)],
        )
        state = AnchorState.ORPHANED if n % 3 == 1 else AnchorState.ANCHORED
        found.append(PlacedNote(ann, None if n % 3 == 0 else 2, 12, state))
    return found


class PanelApp(App[None]):
    CSS = PANEL_CSS

    def compose(self) -> ComposeResult:
        yield NotesPanel(id="notes")


def drawn_both_ways(panel: NotesPanel, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Strip], ...]:
    """Every line of the panel drawn by the panel (direct), then by
    OptionList's own path (Visual.to_strips of note_row's Content), both
    from empty caches."""
    height = panel.size.height
    panel._drawn.clear()

    def no_content(*args: object) -> object:
        raise AssertionError("a note row went through Content")

    with monkeypatch.context() as patch:
        patch.setattr(NoteRows, "render_strips", no_content)
        direct = [panel.render_line(y) for y in range(height)]
    panel._drawn.clear()
    panel._option_render_cache.clear()
    usual = [OptionList.render_line(panel, y) for y in range(height)]
    return direct, usual


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_direct_rows_are_the_rows_content_draws(
    theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    placed = notes()
    app = PanelApp()
    async with app.run_test(size=(100, 120)) as pilot:
        app.theme = theme
        panel = app.query_one(NotesPanel)
        dark = app.current_theme.dark
        panel.show_notes(placed, dark, writable=True)
        await pilot.pause()
        lines = sum(LazyNoteRows(n, dark).lines for n in placed)
        assert panel.size.height >= lines  # every row on screen
        for width in (1, 2, 3, 4, 5, 7, 12, 30, 96):
            panel.styles.width = width
            for highlighted, hover in ((0, None), (5, 7), (len(placed) - 1, 3)):
                panel.highlighted = highlighted
                panel._mouse_hovering_over = hover
                await pilot.pause()
                assert panel.scrollable_content_region.width == width
                direct, usual = drawn_both_ways(panel, monkeypatch)
                assert [s.text for s in direct] == [s.text for s in usual]
                assert direct == usual, (theme, width, highlighted)
                assert all(s.cell_length == width for s in direct[:lines])
                assert not any(
                    ch in s.text for s in direct for ch in "\x1b\x07\x08\r\t\x9b\u202e\u200b"
                )


async def test_a_moved_row_is_drawn_with_its_new_index(monkeypatch: pytest.MonkeyPatch) -> None:
    # a note put in before the others: the rows after it move down one, and a
    # click on them must name their new index (the mouse meta)
    placed = notes()[:6]
    app = PanelApp()
    async with app.run_test(size=(60, 40)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes(placed[1:], True, writable=True)
        await pilot.pause()
        before = [panel.render_line(y) for y in range(panel.size.height)]
        panel.show_change(placed, None, 0, True, True)
        await pilot.pause()
        # the moved rows were drawn before (for their old index): drawn again
        kept = [panel.render_line(y) for y in range(panel.size.height)]
        direct, usual = drawn_both_ways(panel, monkeypatch)
        assert kept == direct == usual
        first = LazyNoteRows(placed[0], True).lines
        rows = sum(LazyNoteRows(n, True).lines for n in placed[1:])
        moved = list(zip(before[:rows], direct[first:], strict=False))
        assert len(moved) == rows > 5
        for old_strip, strip in moved:
            old = {seg.style.meta.get("option") for seg in old_strip if seg.style}
            new = {seg.style.meta.get("option") for seg in strip if seg.style}
            assert len(old) == 1 and new == {index + 1 for index in old}


async def test_rows_fall_back_to_content_when_the_rules_ask_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # wrapped text is not what the direct path draws: OptionList's path is taken
    app = PanelApp()
    async with app.run_test(size=(40, 20)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes(notes()[:3], True, writable=True)
        panel.styles.text_wrap = "wrap"
        await pilot.pause()
        panel._drawn.clear()
        panel._option_render_cache.clear()
        calls: list[int] = []
        real = NoteRows.render_strips

        def counted(self: NoteRows, *args: object, **kwargs: object) -> object:
            calls.append(1)
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(NoteRows, "render_strips", counted)
        panel.render_line(0)
        assert calls


async def test_the_message_row_is_drawn_by_option_list() -> None:
    app = PanelApp()
    async with app.run_test(size=(50, 10)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes([], True, writable=True, message="[b]no[/b] notes")
        await pilot.pause()
        assert panel.render_line(0).text.startswith("[b]no[/b] notes")


def test_pieces_are_the_lines_of_note_row() -> None:
    for note in notes():
        for dark in (True, False):
            lines = note_row(note, dark).split("\n")
            pieces = note_row_pieces(note, dark)
            assert ["".join(t for t, _ in line) for line in pieces] == [c.plain for c in lines]
            assert len(pieces) == LazyNoteRows(note, dark).lines


LINES = [
    [("   ", None), ("記者x", "dim"), ("", "bold"), ("e\u0301nd", "italic"), ("!", None)],
    # ASCII up to the cut, then a combining mark, a keycap, a wide character
    [("   ", None), ("abcd\u0301ef1\ufe0f\u20e3gh…", "dim"), ("記", None)],
    [(" ✎ ", "on red"), (" note · moved", "bold")],
    [("   ", None), ("checked against the figures…", "dim")],
]


@pytest.mark.parametrize("width", range(0, 32))
@pytest.mark.parametrize("line", LINES)
def test_fit_cuts_as_content_truncate_does(width: int, line: list[tuple[str, str | None]]) -> None:
    from textual.content import Content

    content = Content.assemble(*[(t, s) if s else t for t, s in line])
    cut = content.truncate(width, ellipsis=True)
    fitted, length = fit(line, width)
    assert "".join(t for t, _ in fitted) == cut.plain
    assert length == cut.cell_length
    spans = [(s.start, s.end, s.style) for s in cut.spans if s.end > s.start]
    at, mine = 0, []
    for text, style in fitted:
        if style is not None:
            mine.append((at, at + len(text), style))
        at += len(text)
    assert mine == spans


async def test_one_draw_reads_its_lookups_once_and_draws_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = PanelApp()
    async with app.run_test(size=(50, 30)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes(notes()[:12], True, writable=True)
        panel.highlighted = 2
        await pilot.pause()
        states: list[object] = []
        real = NotesPanel._draw_state

        def counted(self: NotesPanel) -> object:
            states.append(real(self))
            return states[-1]

        monkeypatch.setattr(NotesPanel, "_draw_state", counted)
        crop = panel.region.reset_offset
        panel._drawn.clear()
        panel._styles_cache.clear()
        direct = panel.render_lines(crop)
        assert len(states) == 1 and states[0].direct  # type: ignore[attr-defined]
        assert panel._drawing is None
        monkeypatch.setattr(
            NotesPanel, "_draw_state", lambda self: real(self)._replace(direct=False)
        )
        panel._drawn.clear()
        panel._option_render_cache.clear()
        panel._styles_cache.clear()
        assert panel.render_lines(crop) == direct


async def test_a_theme_change_redraws_the_rows_in_its_colours() -> None:
    orphan = next(n for n in notes() if n.state is AnchorState.ORPHANED)
    app = PanelApp()
    async with app.run_test(size=(50, 10)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes([orphan], True, writable=True)
        await pilot.pause()
        heads = []
        for theme in ("textual-dark", "nord", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            heads.append(panel.render_line(0))
            panel._drawn.clear()
            panel._option_render_cache.clear()
            assert heads[-1] == OptionList.render_line(panel, 0)
        assert heads[0] != heads[1] and heads[0] == heads[2]


def lines_both_ways(
    panel: NotesPanel, crop: Region, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Strip], list[Strip]]:
    """The panel's render_lines(crop) as drawn (the lines under the top border
    direct), then by Textual's styles cache alone, from empty caches."""
    panel._styles_cache.clear()
    panel._drawn.clear()
    direct = panel.render_lines(crop)
    with monkeypatch.context() as patch:
        patch.setattr(TopBorderLines, "_top_border_only", lambda self: False)
        panel._drawn.clear()
        panel._option_render_cache.clear()
        usual = panel.render_lines(crop)
    return direct, usual


async def test_lines_under_the_top_border_are_the_lines_textual_draws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.styles.height = 20  # (more lines than rows: blank lines under them)
        panel.show_notes(notes()[:7], True, writable=True)
        panel.border_title = "Notes 7"
        await pilot.pause()
        assert panel.styles.border_top[0] and panel._top_border_only()
        width, height = panel.size
        crops = [
            Region(0, 0, width, height),
            Region(0, 3, width, 6),
            Region(5, 0, 20, height),  # (a part of the width: cropped)
        ]
        for focused in (False, True):
            if focused:
                panel.focus()
            panel.highlighted = 3
            await pilot.pause()
            for crop in crops:
                direct, usual = lines_both_ways(panel, crop, monkeypatch)
                assert len(direct) == crop.height
                assert direct == usual, (focused, crop)
        assert "Notes 7" in panel.render_lines(crops[0])[0].text
        # more rows than lines: a scrollbar, the panel scrolled
        panel.show_notes(notes(), True, writable=True)
        panel.highlighted = 20
        await pilot.pause()
        assert panel.show_vertical_scrollbar and panel.scroll_offset.y > 0
        for crop in crops:
            direct, usual = lines_both_ways(panel, crop, monkeypatch)
            assert direct == usual, ("scrolled", crop)


async def test_another_border_takes_textuals_path_again(monkeypatch: pytest.MonkeyPatch) -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(NotesPanel)
        panel.show_notes(notes()[:5], True, writable=True)
        await pilot.pause()
        crop = panel.region.reset_offset
        panel.render_lines(crop)
        assert panel._drew_direct
        panel.styles.border = ("round", "red")
        await pilot.pause()
        assert not panel._top_border_only()
        drawn = panel.render_lines(panel.region.reset_offset)
        assert not panel._drew_direct
        assert drawn[1].text.startswith("│")  # the left border, drawn by Textual
        panel._styles_cache.clear()
        assert drawn == panel.render_lines(panel.region.reset_offset)
