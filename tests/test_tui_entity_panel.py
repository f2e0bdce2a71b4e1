"""The entity panel on its own: header rows the cursor skips, entity rows
built only when drawn, the others count updating one row, untrusted names."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.entities.model import Label
from reader.tui.entity_styles import label_colour
from reader.tui.entity_summary import EntityGroup
from reader.tui.widgets.entity_panel import EntityPanel, others_key


def group(label: Label, key: str, count: int = 1) -> EntityGroup:
    starts = tuple(range(0, 10 * count, 10))
    return EntityGroup(label, key, (key,), starts, tuple(s + 3 for s in starts))


PEOPLE = [group(Label.PERSON, "Putin", 3), group(Label.PERSON, "Zelensky", 2)]
PLACES = [group(Label.PLACE, "Kyiv", 4), group(Label.PLACE, "Donbas")]
SUMMARY = {Label.PERSON: PEOPLE, Label.PLACE: PLACES}


class PanelApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[EntityGroup] = []

    def compose(self) -> ComposeResult:
        yield EntityPanel(id="entities")

    def on_entity_panel_chosen(self, event: EntityPanel.Chosen) -> None:
        self.chosen.append(event.group)


def lines_of(panel: EntityPanel) -> list[str]:
    return [panel.row_text(row) for row in range(panel.row_count)]


async def test_headers_and_rows_in_order_and_the_cursor_skips_headers() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 12)) as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_groups(SUMMARY, {others_key(PEOPLE[0]): 1}, dark=True)
        panel.focus()
        await pilot.pause()
        assert lines_of(panel) == [
            "PERSON 2 · 5 mentions",
            "  Putin ×3 · 1 other",
            "  Zelensky ×2 · …",
            "PLACE 2 · 5 mentions",
            "  Kyiv ×4 · …",
            "  Donbas ×1 · …",
        ]
        assert panel.groups == PEOPLE + PLACES
        assert panel.highlighted is None and panel.highlighted_group is None
        await pilot.press("down")  # the first entity, not the header above it
        assert panel.highlighted_group == PEOPLE[0]
        await pilot.press("up")  # nothing enabled above: stays
        assert panel.highlighted_group == PEOPLE[0]
        await pilot.press("down", "down")  # over the PLACE header
        assert panel.highlighted_group == PLACES[0]
        await pilot.press("up")
        assert panel.highlighted_group == PEOPLE[1]
        await pilot.press("end")
        assert panel.highlighted_group == PLACES[1]
        await pilot.press("home")
        assert panel.highlighted_group == PEOPLE[0]
        await pilot.press("pageup")
        assert panel.highlighted_group == PEOPLE[0]
        await pilot.press("pagedown")
        assert panel.highlighted_group == PLACES[1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [PLACES[1]]


async def test_a_click_on_a_header_does_nothing_and_on_an_entity_chooses_it() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 12)) as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_groups(SUMMARY, {}, dark=True)
        await pilot.pause()
        await pilot.click(EntityPanel, offset=(3, 3))  # the PLACE header
        await pilot.pause()
        assert app.chosen == [] and panel.highlighted is None
        await pilot.click(EntityPanel, offset=(3, 4))  # Kyiv
        await pilot.pause()
        assert app.chosen == [PLACES[0]] and panel.highlighted_group == PLACES[0]


async def test_set_others_rebuilds_only_that_entitys_row() -> None:
    app = PanelApp()
    built: list[int] = []
    async with app.run_test(size=(40, 12)) as pilot:
        panel = app.query_one(EntityPanel)
        original = panel.row_lines

        def spy(row: int):  # type: ignore[no-untyped-def]
            built.append(row)
            return original(row)

        panel.row_lines = spy  # type: ignore[method-assign]
        panel.show_groups(SUMMARY, {}, dark=True)
        await pilot.pause()
        assert sorted(set(built)) == list(range(6))
        built.clear()
        panel.set_others(others_key(PLACES[0]), 7)
        await pilot.pause()
        assert built == [4]
        assert panel.row_text(4) == "  Kyiv ×4 · 7 others"
        assert "Kyiv ×4 · 7 others" in panel.render_line(4).text


async def test_messages_and_an_empty_summary_are_single_unselectable_rows() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 12)) as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_message("Finding entities…")
        await pilot.pause()
        assert lines_of(panel) == ["Finding entities…"]
        panel.focus()
        await pilot.press("down", "enter")
        assert panel.highlighted is None and app.chosen == []
        panel.show_groups({}, {}, dark=True)
        await pilot.pause()
        assert lines_of(panel) == ["No entities found"] and panel.groups == []


async def test_the_cursor_keeps_its_row_when_the_list_is_refilled() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 12)) as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_groups(SUMMARY, {}, dark=True)
        panel.highlighted = 2
        panel.show_groups(SUMMARY, {}, dark=False)  # the theme changed
        await pilot.pause()
        assert panel.highlighted_group == PEOPLE[1]
        panel.show_groups({Label.PERSON: PEOPLE[:1]}, {}, dark=False)  # fewer rows
        assert panel.highlighted is None


async def test_rows_use_the_label_colour_of_the_theme() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 12)):
        panel = app.query_one(EntityPanel)
        for dark in (True, False):
            panel.show_groups(SUMMARY, {}, dark=dark)
            header, row = panel.row_lines(0)[0], panel.row_lines(1)[0]
            colour = label_colour(Label.PERSON, dark)
            assert any(colour in str(span.style) for span in header.spans)
            assert any(colour in str(span.style) for span in row.spans)
            other = label_colour(Label.PERSON, not dark)
            assert not any(other in str(span.style) for span in row.spans)


async def test_hostile_entity_names_are_plain_text() -> None:
    app = PanelApp()
    hostile = group(Label.ORG, "[bold red]x[/] [@click=app.quit]q[/] \x1b[31mRED\x07")
    async with app.run_test(size=(80, 6)) as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_groups({Label.ORG: [hostile]}, {}, dark=True)
        await pilot.pause()
        text = panel.row_text(1)
        assert "[bold red]x[/] [@click=app.quit]q[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.click(EntityPanel, offset=(20, 1))
        await pilot.pause()
        assert app.is_running and app.chosen == [hostile]


async def test_rows_drawn_from_cached_styles_match_content_render() -> None:
    """Rows are drawn from rich styles looked up per (row style, span style):
    every line must equal what Content.render draws, for headers, entity
    rows, a truncated row (ellipsis), the highlighted row, and after the
    theme changes (the looked-up styles are dropped)."""
    app = PanelApp()
    long_name = group(Label.PLACE, "Very Long Place Name That Will Not Fit In The Panel")
    summary = {Label.PERSON: PEOPLE, Label.PLACE: [*PLACES, long_name]}
    async with app.run_test(size=(30, 12)) as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_groups(summary, {others_key(PEOPLE[0]): 1}, dark=True)
        panel.focus()
        await pilot.press("down")
        await pilot.pause()

        def drawn() -> list:  # type: ignore[type-arg]
            panel._strips.clear()
            return [panel.render_line(y) for y in range(panel.size.height)]

        def by_content_render() -> list:  # type: ignore[type-arg]
            fast = panel._plain_segments
            panel._plain_segments = lambda line, base: None  # type: ignore[method-assign]
            try:
                return drawn()
            finally:
                panel._plain_segments = fast  # type: ignore[method-assign]

        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            fast_lines = drawn()
            assert panel._styles  # the fast path drew them
            assert fast_lines == by_content_render()
        texts = [line.text for line in fast_lines]
        assert any(text.rstrip().endswith("…") for text in texts)
        assert texts[1].startswith("  Putin ×3 · 1 other")
