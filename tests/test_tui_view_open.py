"""Opening another article repaints what changed and lays nothing out when
no size changes: the header takes as many lines, the reading view's text only
changes its scroll range (no layout: its scrollbar is updated in place), and
the notes panel keeps its height (or is hidden, without a database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from reader.annotations.drafts import PlacedNote
from reader.annotations.model import Anchor, AnchorState, Annotation, Kind
from reader.annotations.store import AnnotationStore
from reader.tui.app import ReaderApp
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import LazyNoteRows, NotesPanel, note_row, note_row_lines
from tests.tui_support import corpus_of, fake_entities, settle

pytestmark = pytest.mark.usefixtures("no_user_config")

PARAGRAPH = "Putin and Zelensky spoke of Ukraine and Russia in 2023 and 2024. " * 4
FILES = {
    "a.txt": "Title of article A\n\n" + (PARAGRAPH + "\n\n") * 12,
    "b.txt": "Title of article B\n\n" + (PARAGRAPH + "\n\n") * 20,
    "c.txt": "A far longer title, one that has to wrap over more than a single line "
    "of the header at this width\n\n" + (PARAGRAPH + "\n\n") * 5,
}


def count_calls(app: App[object], method: str) -> list[int]:
    """A list that grows by one per call of the screen compositor's `method`
    (private: the compositor's layout or drawing pass itself)."""
    compositor = app.screen._compositor
    original = getattr(compositor, method)
    calls: list[int] = []

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    setattr(compositor, method, counted)
    return calls


def count_reflows(app: App[object]) -> list[int]:
    """A list that grows by one per layout of the screen."""
    return count_calls(app, "reflow")


def count_frames(app: App[object]) -> list[int]:
    """A list that grows by one per frame drawn."""
    return count_calls(app, "render_update")


async def open_article(pilot, app: ReaderApp, name: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    screen.current = [a.id for a in screen.articles].index(name)  # type: ignore[attr-defined]
    await settle(pilot)


async def test_opening_an_article_of_the_same_header_height_lays_nothing_out(
    tmp_path: Path,
) -> None:
    corpus = corpus_of(tmp_path, FILES)
    app = ReaderApp(corpus=corpus, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        header = app.screen.query_one(ArticleHeader)
        assert not app.screen.query_one(NotesPanel).display  # no database
        await open_article(pilot, app, "a.txt")
        height_a = view.virtual_size.height
        reflows = count_reflows(app)
        await open_article(pilot, app, "b.txt")
        assert reflows == []
        assert "Title of article B" in header.render_line(0).text
        # the scroll range and the scrollbar follow the longer text
        assert view.virtual_size.height == view.wrapped_document.height > height_a
        bar = view.vertical_scrollbar
        assert view.show_vertical_scrollbar
        assert bar.window_virtual_size == view.virtual_size.height
        view.scroll_end(animate=False)
        await pilot.pause()
        assert (
            view.scroll_offset.y == view.virtual_size.height - view.scrollable_content_region.height
        )

        await open_article(pilot, app, "c.txt")  # a taller header: laid out
        assert reflows == [1]  # once (neither the header nor a scrollbar asks again)
        assert header.size.height > 2
        assert view.region.y >= header.region.bottom


async def test_a_layout_that_moves_no_scrollbar_draws_one_frame(tmp_path: Path) -> None:
    more = {f"z{n:02}.txt": f"Short article {n}\n\nText.\n" for n in range(60)}
    corpus = corpus_of(tmp_path, {**FILES, **more})  # (a sidebar with a scrollbar)
    app = ReaderApp(corpus=corpus, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "b.txt")
        screen = app.screen
        view = screen.query_one(AnnotatedArticleView)
        sidebar = screen.query_one(ArticleList)
        bars = [view.vertical_scrollbar, sidebar.vertical_scrollbar]
        assert view.show_vertical_scrollbar and sidebar.show_vertical_scrollbar
        repainted: list[object] = []
        for bar in bars:
            bar.refresh = lambda *a, bar=bar, **k: repainted.append(bar) or bar  # type: ignore[method-assign]
        frames, reflows = count_frames(app), count_reflows(app)
        screen.query_one(ArticleHeader).refresh(layout=True)  # (as a new height asks)
        await settle(pilot)
        # laid out and drawn once: no scrollbar asked for a frame of its own
        assert reflows == [1]
        assert frames == [1]
        assert repainted == []
        for bar in bars:
            del bar.refresh
        # a size change still updates them (window size follows the height)
        height = view.vertical_scrollbar.window_size
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert view.vertical_scrollbar.window_size == height - 10
        assert sidebar.vertical_scrollbar.window_size == sidebar.scrollable_content_region.height


async def test_a_text_that_fits_drops_the_scrollbar(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, {**FILES, "d.txt": "Title of article D\n\nShort.\n"})
    app = ReaderApp(corpus=corpus, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(AnnotatedArticleView)
        await open_article(pilot, app, "b.txt")
        assert view.show_vertical_scrollbar
        width = view.wrap_width  # (the gutter is stable: the wrap width stays)
        await open_article(pilot, app, "d.txt")
        assert not view.show_vertical_scrollbar  # (a layout reactive: laid out)
        assert view.virtual_size.height == view.wrapped_document.height == view.document.line_count
        assert view.wrap_width == width == view.wrapped_document._width
        assert "Short." in view.render_line(2).text
        await open_article(pilot, app, "b.txt")  # and comes back
        assert view.show_vertical_scrollbar
        assert view.vertical_scrollbar.window_virtual_size == view.virtual_size.height


def note(article_id: str, text: str, start: int) -> Annotation:
    return Annotation(article_id, anchor=Anchor.from_text(text, start, start + 10, None), note="n")


async def test_the_notes_panel_keeps_its_height_without_a_layout(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    corpus = corpus_of(root, FILES)
    by_id = {a.id: a for a in corpus.articles}
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        for name, starts in (("a.txt", (30, 200, 400)), ("b.txt", (40, 300, 500))):
            for start in starts:
                store.add(note(name, by_id[name].text, start))
    app = ReaderApp(corpus=corpus, db_path=db, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(NotesPanel)
        await open_article(pilot, app, "a.txt")
        height = panel.size.height
        reflows = count_reflows(app)
        await open_article(pilot, app, "b.txt")  # three notes again: as high
        assert reflows == []
        assert len(panel.notes) == 3
        assert {n.annotation.article_id for n in panel.notes} == {"b.txt"}
        assert panel.size.height == height
        # no notes: the message (NO_NOTES, 4 lines) is lower than 3 notes (6 lines)
        await open_article(pilot, app, "c.txt")
        assert reflows
        assert panel.size.height < height


def test_note_row_lines_counts_the_lines_note_row_builds() -> None:
    text = "A text with a claim in it, long enough for notes."
    for kind in Kind:
        for verdict in (None, "false", "two\nlines"):
            ann = Annotation(
                "a.txt",
                kind=kind,
                anchor=Anchor.from_text(text, 2, 12, None),
                note="first\nwords",
                verdict=verdict if kind is Kind.FACTCHECK else None,
            )
            for state in AnchorState:
                placed = PlacedNote(ann, 2, 12, state)
                row = note_row(placed, dark=True)
                assert note_row_lines(placed) == row.plain.count("\n") + 1
                lazy = LazyNoteRows(placed, dark=True)
                assert lazy.lines == note_row_lines(placed)
                assert lazy.content.plain == row.plain


async def test_note_rows_are_built_when_drawn_and_kept_for_the_next_open(
    tmp_path: Path,
) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    corpus = corpus_of(root, FILES)
    by_id = {a.id: a for a in corpus.articles}
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        for start in range(0, 60 * 20, 20):  # 60 notes, more than the panel shows
            store.add(note("b.txt", by_id["b.txt"].text, start))
        store.add(note("a.txt", by_id["a.txt"].text, 5))
    app = ReaderApp(corpus=corpus, db_path=db, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(NotesPanel)
        await open_article(pilot, app, "b.txt")
        rows = [option.prompt for option in panel.options]
        assert len(rows) == 60 and all(isinstance(r, LazyNoteRows) for r in rows)
        built = [r for r in rows if r.built]
        assert 0 < len(built) < 30  # the rows on screen (and no others)
        assert "note" in panel.render_line(0).text
        # the last row is built when it is scrolled to, and reads right
        panel.highlighted = 59
        await pilot.pause()
        assert rows[59].built
        shown = [panel.render_line(y).text for y in range(panel.size.height)]
        assert any(rows[59].content.plain.split("\n")[0].strip() in line for line in shown)
        # another article and back: b's rows are reused as they were
        await open_article(pilot, app, "a.txt")
        assert len(panel.options) == 1
        await open_article(pilot, app, "b.txt")
        assert [option.prompt for option in panel.options] == rows


async def test_the_panel_status_shows_each_articles_mentions_repainting_only_on_change(
    tmp_path: Path,
) -> None:
    same = "Title of article X\n\n" + PARAGRAPH + "\n"
    corpus = corpus_of(tmp_path, {"x.txt": same, "y.txt": same.replace(" X", " Y"), **FILES})
    app = ReaderApp(corpus=corpus, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#panel-status")
        await open_article(pilot, app, "x.txt")
        count = len(fake_entities(by_name(app, "x.txt")))
        assert str(status.content) == f"{count} mentions"
        refreshed: list[int] = []
        original = status.refresh

        def spy(*regions, **kw):  # type: ignore[no-untyped-def]
            refreshed.append(1)
            return original(*regions, **kw)

        status.refresh = spy  # type: ignore[method-assign]
        await open_article(pilot, app, "y.txt")  # as many mentions
        assert str(status.content) == f"{count} mentions" and refreshed == []
        await open_article(pilot, app, "b.txt")
        b_count = len(fake_entities(by_name(app, "b.txt")))
        assert b_count != count
        assert str(status.content) == f"{b_count} mentions" and refreshed


def by_name(app: ReaderApp, name: str):  # type: ignore[no-untyped-def]
    return next(a for a in app.screen.articles if a.id == name)  # type: ignore[attr-defined]


async def test_a_new_article_starts_at_the_top_with_nothing_selected(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, FILES)
    app = ReaderApp(corpus=corpus, extractor=fake_entities)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "b.txt")
        view = app.screen.query_one(AnnotatedArticleView)
        view.focus()
        view.move_cursor((20, 5))
        view.move_cursor((30, 2), select=True)
        view.selecting = True
        await settle(pilot)
        assert view.scroll_offset.y > 0 and view.selection_offsets[1] > view.selection_offsets[0]
        await open_article(pilot, app, "a.txt")
        assert view.cursor_location == (0, 0)
        assert view.selection.start == view.selection.end == (0, 0)
        assert view.scroll_offset == (0, 0)
        assert not view.selecting
        assert view.cursor_offset == 0
