"""The sidebar's virtual list on its own: rows, hostile titles, per-row
updates, filtering to nothing and back, mouse and keys at 10,000 rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult

from reader.corpus.article import UNKNOWN, Article, MetaField, Provenance
from reader.tui.widgets.article_list import ArticleList
from tests.tui_support import screen_lines

SMALL = (40, 12)  # the list is the whole screen: 12 lines, 6 rows of two lines


def article(n: int, title: str | None = None, outlet: str | None = None) -> Article:
    return Article(
        id=f"{n:05d}.txt",
        path=Path(f"{n:05d}.txt"),
        text=f"Title {n}\n\nBody {n}.",
        text_hash=str(n),
        title=MetaField(f"Title {n}" if title is None else title, Provenance.TEXT),
        outlet=MetaField(outlet, Provenance.TEXT) if outlet else UNKNOWN,
    )


def articles(count: int) -> list[Article]:
    return [article(n) for n in range(count)]


class ListApp(App[None]):
    """Only the sidebar, filled with `items`, focused."""

    def __init__(self, items: list[Article], notes: dict[str, int] | None = None) -> None:
        super().__init__()
        self.items = items
        self.notes = notes or {}
        self.opened: list[int] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")

    def on_mount(self) -> None:
        sidebar = self.query_one(ArticleList)
        sidebar.add_articles(self.items, range(len(self.items)), self.notes)
        sidebar.focus()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        self.opened.append(event.index)


def sidebar_of(app: App[None]) -> ArticleList:
    return app.query_one(ArticleList)


def rows_text(app: App[None]) -> list[str]:
    """The screen's lines without the scrollbar (the two last columns)."""
    return [line[:-2].rstrip() for line in screen_lines(app)]


def backgrounds(sidebar: ArticleList, y: int) -> set[object]:
    """The background colours of the text on line `y` (the scrollbar aside)."""
    return {segment.style.bgcolor for segment in sidebar.render_line(y) if segment.style}


class BuildCounter:
    """Counts the rows the list builds (row_lines calls)."""

    def __init__(self, sidebar: ArticleList) -> None:
        self.rows: list[int] = []
        original = sidebar.row_lines

        def counting(row: int):  # type: ignore[no-untyped-def]
            self.rows.append(row)
            return original(row)

        sidebar.row_lines = counting  # type: ignore[method-assign]


async def test_rows_are_a_title_line_and_a_detail_line() -> None:
    items = [article(0, outlet="Daily"), *articles(10)[1:]]
    app = ListApp(items, notes={items[1].id: 1})
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lines = rows_text(app)
        assert lines[0] == "Title 0"
        assert lines[1] == "Daily · 0 notes"
        assert lines[2] == "Title 1"
        assert lines[3] == "1 note"
        assert lines[10] == "Title 5" and len(lines) == 12  # six rows fill the screen
        assert sidebar_of(app).highlighted == 0


async def test_long_titles_end_in_an_ellipsis_within_the_width() -> None:
    items = [article(0, title="A very long headline " * 5), *articles(3)[1:]]
    app = ListApp(items)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        first = screen_lines(app)[0]
        assert len(first) == SMALL[0]
        assert first.rstrip().endswith("…")
        assert first.startswith("A very long headline A very")


async def test_wide_characters_are_cut_to_the_width() -> None:
    items = [article(0, title="日本語の見出し" * 8), article(1, title="Ünïcödé ok")]
    app = ListApp(items)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        sidebar = sidebar_of(app)
        first, third = sidebar.render_line(0), sidebar.render_line(2)
        assert first.cell_length == third.cell_length == SMALL[0]
        assert first.text.rstrip().endswith("…") and first.text.startswith("日本語の見出し")
        assert third.text.rstrip() == "Ünïcödé ok"


async def test_hostile_titles_are_shown_as_typed_without_escapes() -> None:
    hostile = "[bold red]x[/] \x1b[31mred\x1b[0m \u202eevil"
    app = ListApp([article(0, title=hostile, outlet="[link=https://e.x]o[/link]")])
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "[bold red]x[/]" in text
        assert "[link=https://e.x]o[/link]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert "␛[31mred" in text  # the escape made visible, not obeyed
        row = sidebar_of(app).row_text(app.items[0].id)
        assert row.startswith("[bold red]x[/]") and "\n" in row


async def test_filtering_to_no_rows_and_back_keeps_the_article() -> None:
    app = ListApp(articles(50))
    async with app.run_test(size=SMALL) as pilot:
        sidebar = sidebar_of(app)
        sidebar.show_indices([3, 7, 40], keep=None)
        await pilot.pause()
        assert sidebar.shown == [3, 7, 40] and sidebar.row_count == 3
        await pilot.press("down", "down")
        assert sidebar.highlighted_index == 40
        sidebar.show_indices([])
        await pilot.pause()
        assert sidebar.highlighted is None and sidebar.highlighted_index is None
        assert all(not line.strip() for line in screen_lines(app))
        await pilot.press("down", "G", "enter")  # nothing to move to or open
        assert app.opened == []
        sidebar.show_indices(range(50), keep=40)
        await pilot.pause()
        assert sidebar.highlighted == 40 and sidebar.highlighted_index == 40
        assert any(line.rstrip() == "Title 40" for line in screen_lines(app))
        sidebar.show_indices([1, 2], keep=40)  # not shown: the first row
        assert sidebar.highlighted_index == 1


async def test_filtering_ten_thousand_rows_builds_only_the_visible_ones() -> None:
    app = ListApp(articles(10_000))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        sidebar = sidebar_of(app)
        counter = BuildCounter(sidebar)
        sidebar.show_indices(range(1, 10_000, 2), keep=5_001)
        await pilot.pause()
        assert sidebar.row_count == 5_000 and sidebar.virtual_size.height == 10_000
        assert sidebar.highlighted_index == 5_001
        assert 0 < len(set(counter.rows)) <= 7  # six rows on screen
        assert any(line.rstrip() == "Title 5001" for line in screen_lines(app))


async def test_set_counts_rebuilds_one_row_and_waits_while_filtered_out() -> None:
    items = articles(10_000)
    app = ListApp(items)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        sidebar = sidebar_of(app)
        counter = BuildCounter(sidebar)
        sidebar.set_counts(items[2].id, 3, 1)
        await pilot.pause()
        assert counter.rows == [2]  # that row only, once
        assert "3 notes · 1 open" in screen_lines(app)[5]
        sidebar.set_counts(items[2].id, 3, 1)  # no change: nothing to draw
        sidebar.set_counts("not-in-the-corpus.txt", 1, 0)  # kept, drawn nowhere
        await pilot.pause()
        assert counter.rows == [2]
        assert sidebar.note_counts["not-in-the-corpus.txt"] == 1
        sidebar.show_indices([0, 1])
        sidebar.set_counts(items[2].id, 4, 0)
        await pilot.pause()
        assert sidebar.note_counts[items[2].id] == 4
        assert sidebar.row_text(items[2].id).endswith("4 notes")
        sidebar.show_indices(range(10_000))
        await pilot.pause()
        assert rows_text(app)[5] == "4 notes"


async def test_update_note_counts_redraws_only_rows_that_changed() -> None:
    items = articles(200)
    app = ListApp(items, notes={items[0].id: 1, items[1].id: 2})
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        sidebar = sidebar_of(app)
        counter = BuildCounter(sidebar)
        sidebar.update_note_counts({items[0].id: 1, items[1].id: 5, items[150].id: 1}, {})
        await pilot.pause()
        assert counter.rows == [1]  # row 150 changed too, but it is off screen
        assert rows_text(app)[3] == "5 notes"
        assert sidebar.row_text(items[150].id).endswith("1 note")


async def test_triage_notes_mark_the_row() -> None:
    items = articles(20)
    app = ListApp(items)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        sidebar = sidebar_of(app)
        counter = BuildCounter(sidebar)
        sidebar.update_triage_notes({items[1].id: ("⧉", "same headline"), "gone.txt": ("!", "")})
        await pilot.pause()
        assert counter.rows == [1]
        lines = rows_text(app)
        assert lines[2] == "⧉ Title 1"
        assert lines[3] == "0 notes · same headline"


async def test_clicking_a_row_highlights_and_opens_it() -> None:
    app = ListApp(articles(20))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.click(ArticleList, offset=(2, 5))  # second line of the third row
        await pilot.pause()
        assert sidebar_of(app).highlighted == 2
        assert app.opened == [2]


async def test_hovering_a_row_changes_only_its_background() -> None:
    app = ListApp(articles(20))
    async with app.run_test(size=SMALL) as pilot:
        sidebar = sidebar_of(app)
        await pilot.pause()
        plain = backgrounds(sidebar, 6)  # row 3, first line
        assert plain == backgrounds(sidebar, 8)
        await pilot.hover(ArticleList, offset=(2, 7))
        await pilot.pause()
        assert backgrounds(sidebar, 6) != plain and backgrounds(sidebar, 7) != plain
        assert backgrounds(sidebar, 8) == plain
        await pilot.hover(ArticleList, offset=(2, 9))
        await pilot.pause()
        assert backgrounds(sidebar, 6) == plain


async def test_mouse_wheel_scrolls_without_moving_the_highlight() -> None:
    app = ListApp(articles(10_000))
    async with app.run_test(size=SMALL) as pilot:
        sidebar = sidebar_of(app)
        await pilot.pause()
        for _ in range(3):
            sidebar.post_message(
                events.MouseScrollDown(sidebar, 2, 2, 0, 1, 0, False, False, False)
            )
        await pilot.pause()
        assert sidebar.scroll_offset.y > 0
        assert sidebar.highlighted == 0
        top = sidebar.scroll_offset.y
        row, part = divmod(top, 2)
        first = rows_text(app)[0]
        assert first == (f"Title {row}" if part == 0 else "0 notes")
        assert f"Title {row + 1}" in screen_lines(app)[2 - part]


async def test_keys_move_through_ten_thousand_rows() -> None:
    app = ListApp(articles(10_000))
    async with app.run_test(size=SMALL) as pilot:
        sidebar = sidebar_of(app)
        await pilot.press("j", "down", "k")
        assert sidebar.highlighted == 1
        await pilot.press("G")
        assert sidebar.highlighted == 9_999
        await pilot.pause()
        lines = rows_text(app)
        assert lines[-2] == "Title 9999"  # scrolled to the end
        await pilot.press("down")
        assert sidebar.highlighted == 9_999  # stays at the end
        await pilot.press("g")
        assert sidebar.highlighted == 0
        await pilot.press("pagedown")
        assert sidebar.highlighted == 6  # one screen: 12 lines, 6 rows
        await pilot.press("pageup", "up")
        assert sidebar.highlighted == 0
        await pilot.press("end", "home", "end")
        assert sidebar.highlighted == 9_999
        await pilot.press("enter")
        assert app.opened == [9_999]


async def test_select_index_and_streamed_batches() -> None:
    items = articles(30)
    app = ListApp([])
    async with app.run_test(size=SMALL) as pilot:
        sidebar = sidebar_of(app)
        assert sidebar.highlighted is None and sidebar.row_count == 0
        sidebar.add_articles(items[:10], [1, 5], {})  # a filter is active
        assert sidebar.highlighted == 0 and sidebar.highlighted_index == 1
        sidebar.add_articles(items[10:], [12, 29], {items[29].id: 2})
        await pilot.pause()
        assert sidebar.shown == [1, 5, 12, 29] and sidebar.row_count == 4
        assert rows_text(app)[:8:2] == ["Title 1", "Title 5", "Title 12", "Title 29"]
        assert rows_text(app)[7] == "2 notes"
        sidebar.select_index(29)
        assert sidebar.highlighted == 3
        sidebar.select_index(2)  # filtered out: the highlight stays
        assert sidebar.highlighted == 3
        assert sidebar.row_text(items[29].id).endswith("2 notes")
        with pytest.raises(KeyError):
            sidebar.row_text("missing.txt")
