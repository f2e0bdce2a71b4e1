"""The reading app driven with Textual's pilot, pressing the real keys."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from reader.entities.model import Label
from reader.tui.app import ReaderApp
from reader.tui.entity_styles import label_colour
from reader.tui.screens.help_screen import HelpScreen
from reader.tui.screens.main_screen import MainScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel
from reader.tui.widgets.filter_input import FilterInput
from tests.tui_support import (
    corpus_of,
    fake_entities,
    screen_text,
    seeds,
    settle,
    wait_until,
)

SIZE = (120, 40)


def make_app(corpus=None, extractor=fake_entities) -> ReaderApp:  # type: ignore[no-untyped-def]
    return ReaderApp(
        corpus=corpus if corpus is not None else seeds(), db_path=None, extractor=extractor
    )


async def test_starts_in_sidebar_on_the_first_article() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(ArticleList)
        view = app.screen.query_one(ArticleView)
        assert app.focused is sidebar
        assert sidebar.highlighted == 0
        assert view.article_id == app.corpus.articles[0].id
        text = screen_text(app)
        assert "Ukraine’s Offensive Could Set" in text
        assert "US Wants to Help Ukraine" in text  # the sidebar lists the others
        assert "date unknown" in text  # the metadata line says what is unknown


async def test_down_and_enter_open_another_article_in_the_reader() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "down", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        third = app.corpus.articles[2]
        assert view.article_id == third.id
        assert app.focused is view
        assert view.text.startswith("US Wants to Help Ukraine")
        # the side panel now lists the third article's entities
        panel = app.screen.query_one(EntityPanel)
        keys = {g.key for g in panel.groups}
        assert "Putin" in keys and "Washington Post" in keys
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one(ArticleList)
        await pilot.press("k", "enter")
        await settle(pilot)
        assert view.article_id == app.corpus.articles[1].id


async def test_filter_by_title_and_full_text_then_escape_clears() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(ArticleList)
        await pilot.press("slash")
        assert isinstance(app.focused, FilterInput)
        await pilot.press(*"KURSK")
        expected = [
            i
            for i, a in enumerate(app.corpus.articles)
            if "kursk" in ((a.title.value or "") + "\n" + a.text).lower()
        ]
        assert 0 < len(expected) < len(app.corpus.articles)
        assert sidebar.shown == expected
        assert f"Articles {len(expected)}/5" in screen_text(app)
        await pilot.press("escape")
        assert sidebar.shown == list(range(5))
        assert app.focused is sidebar
        assert app.screen.query_one(FilterInput).value == ""
        await pilot.press("tab", "shift+tab", "shift+tab")  # the box is not in the tab order
        assert not isinstance(app.focused, FilterInput)


async def test_filter_finds_words_only_in_the_body_and_enter_keeps_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        body_only = "in conclusion"  # the generated summary's tell, not in any title
        await pilot.press("slash", *body_only, "enter")
        sidebar = app.screen.query_one(ArticleList)
        matches = [i for i, a in enumerate(app.corpus.articles) if body_only in a.text.lower()]
        assert sidebar.shown == matches and matches
        assert app.focused is sidebar
        assert app.screen.query_one(FilterInput).value == body_only
        await pilot.press("slash", *"zzzz-nothing")
        assert sidebar.shown == []
        assert "Articles 0/5" in screen_text(app)


def _entity_colours_on_line(view: ArticleView, row: int) -> set[str]:
    line = view.get_line(row)
    return {
        span.style.color.name.lower()  # type: ignore[union-attr]
        for span in line.spans
        if not isinstance(span.style, str) and span.style.color is not None
    }


async def test_number_keys_toggle_entity_types() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        person, place = (label_colour(lab, True) for lab in (Label.PERSON, Label.PLACE))
        # seed 000 title line mentions Ukraine and Russia: PLACE
        assert place in _entity_colours_on_line(view, 0)
        await pilot.press("3")
        assert Label.PLACE in app.screen.hidden_labels
        assert place not in _entity_colours_on_line(view, 0)
        assert "3 place" in screen_text(app)  # the legend still lists it (struck)
        await pilot.press("3")
        assert place in _entity_colours_on_line(view, 0)
        assert person != place


async def test_bracket_keys_jump_between_visible_entities() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        view = app.screen.query_one(ArticleView)
        assert app.focused is view
        mentions = fake_entities(app.corpus.articles[0])
        assert view.cursor_offset == 0 and mentions[0].start == 0
        await pilot.press("right_square_bracket")
        assert view.cursor_offset == mentions[1].start
        await pilot.press("right_square_bracket")
        assert view.cursor_offset == mentions[2].start
        await pilot.press("left_square_bracket")
        assert view.cursor_offset == mentions[1].start
        # hide places: jumps now skip them
        await pilot.press("3", "G")
        end = view.cursor_offset
        await pilot.press("left_square_bracket")
        non_places = [m for m in mentions if m.label is not Label.PLACE and m.start < end]
        assert view.cursor_offset == non_places[-1].start


async def test_reading_cursor_keys_move() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        view = app.screen.query_one(ArticleView)
        await pilot.press("l", "l", "w")
        assert view.cursor_location == (0, len("Ukraine"))  # the word ends at the ’
        await pilot.press("b", "l", "l", "h")
        assert view.cursor_location == (0, 1)
        await pilot.press("j")
        assert view.cursor_location[0] >= 1 or view.cursor_location[1] > 1  # next visual line
        await pilot.press("G")
        assert view.cursor_offset == len(view.text)
        await pilot.press("g")
        assert view.cursor_offset == 0
        await pilot.press("pagedown")
        assert view.cursor_offset > 0


async def test_choosing_an_entity_moves_to_its_next_mention() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        panel = app.screen.query_one(EntityPanel)
        assert app.focused is panel
        view = app.screen.query_one(ArticleView)
        await pilot.press("down", "enter")  # first entity row under the first header
        group = panel.groups[0]
        first = (group.starts[0], group.ends[0])  # the cursor is at 0: the first mention
        assert view.selection_offsets == first  # the mention is selected, cursor at its end
        await pilot.press("enter")
        assert view.selection_offsets == group.next_mention(first[0])
        assert view.selection_offsets != first
        # cross-article counts arrive from a worker, a moment after opening
        await settle(pilot, counts=True)
        prompts = [panel.row_text(r) for r in range(panel.row_count) if panel.row_enabled(r)]
        assert prompts and all("other" in p and "…" not in p for p in prompts)


async def test_help_lists_every_binding_and_focus_returns() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        view = app.screen.query_one(ArticleView)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Quit" in text and "Toggle people" in text  # on screen
        table = str(app.screen.query_one("#help-table", Static).content)
        for needle in ("Next entity", "Filter", "Next article", "Sidebar", "Article"):
            assert needle in table
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is view


async def test_help_follows_a_remapped_key() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.set_keymap({"reader.article.next_entity": "n"})
        await pilot.press("tab", "n")
        view = app.screen.query_one(ArticleView)
        assert view.cursor_offset == fake_entities(app.corpus.articles[0])[1].start
        await pilot.press("question_mark")
        await pilot.pause()
        table = str(app.screen.query_one("#help-table", Static).content)
        lines = [line for line in table.splitlines() if "Next entity" in line]
        assert lines and all(" n " in line for line in lines)


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_command_palette_offers_the_main_actions() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle people")
        await wait_until(  # the search ran: other toggles are filtered out
            pilot,
            lambda: (
                "Toggle people" in screen_text(app)
                and "Toggle organisations" not in screen_text(app)
            ),
        )
        await pilot.press("enter")
        await settle(pilot)
        assert Label.PERSON in main.hidden_labels  # type: ignore[attr-defined]


async def test_narrow_screen_hides_the_panel_and_p_shows_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#panel-pane")
        assert not pane.display
        assert "Ukraine’s Offensive" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert pane.display
        assert not app.screen.query_one("#sidebar-pane").display  # panel replaces sidebar
        assert app.focused is app.screen.query_one(EntityPanel)  # focus follows
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not pane.display  # toggled at narrow width means hidden when wide
        await pilot.press("p")
        await pilot.pause()
        assert pane.display


async def test_light_theme_switches_entity_colours() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        app.theme = "textual-light"
        await pilot.pause()
        colours = _entity_colours_on_line(view, 0)
        assert label_colour(Label.PLACE, False) in colours
        assert label_colour(Label.PLACE, True) not in colours


async def test_failing_extractor_is_reported_not_fatal() -> None:
    def broken(article):  # type: ignore[no-untyped-def]
        raise RuntimeError("[bold]boom[/]")

    app = make_app(extractor=broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Entities unavailable" in screen_text(app)
        assert app.screen.query_one(ArticleView).article_id is not None
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.is_running


async def test_out_of_range_entities_are_dropped() -> None:
    def sloppy(article):  # type: ignore[no-untyped-def]
        good = fake_entities(article)[:1]
        from reader.entities.model import Entity

        bad = [Entity(len(article.text) - 1, len(article.text) + 50, "x", Label.DATE)]
        return good + bad

    app = make_app(extractor=sloppy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(EntityPanel)
        assert [g.label for g in panel.groups] == [Label.PLACE]


async def test_ui_stays_responsive_while_extraction_runs(tmp_path: Path) -> None:
    release = threading.Event()

    def slow(article):  # type: ignore[no-untyped-def]
        release.wait(10)
        return fake_entities(article)

    big = ("Ukraine and Russia talk. " * 40 + "\n\n") * 1000  # ~1 MB
    corpus = corpus_of(tmp_path, {"a_big.txt": "Big one\n\n" + big, "b_small.txt": "Small\n\nKyiv"})
    app = make_app(corpus, extractor=slow)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Finding entities" in screen_text(app)
        await pilot.press("down")  # the list still answers keys
        assert app.screen.query_one(ArticleList).highlighted == 1
        await pilot.press("tab", "G")
        view = app.screen.query_one(ArticleView)
        assert view.cursor_offset == len(corpus.articles[0].text)
        release.set()
        await settle(pilot)
        assert view.visible_entities()


async def test_empty_corpus_opens(tmp_path: Path) -> None:
    app = make_app(corpus_of(tmp_path, {}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "The corpus is empty" in screen_text(app)
        await pilot.press("tab", "right_square_bracket", "slash", "x", "escape", "q")
    assert app.return_code == 0


async def test_clicking_an_article_opens_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(ArticleList)
        await pilot.click(ArticleList, offset=(3, 4))  # third row: two lines per row
        await settle(pilot)
        assert sidebar.highlighted == 2
        assert app.screen.query_one(ArticleView).article_id == app.corpus.articles[2].id


async def test_streamed_corpus_shows_the_first_article_before_the_rest(tmp_path: Path) -> None:
    from reader.corpus import Corpus, iter_corpus
    from reader.corpus.loader import LoadProblem

    release = threading.Event()
    full = seeds()

    def slow_source():  # type: ignore[no-untyped-def]
        yield full.articles[0]
        release.wait(10)
        yield LoadProblem(Path("broken.txt"), "[bold]not UTF-8[/]", skipped=True)
        yield from full.articles[1:]

    app = ReaderApp(corpus=Corpus(root=full.root), extractor=fake_entities, source=slow_source())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(ArticleView)))
        await wait_until(pilot, lambda: app.screen.query_one(ArticleView).article_id is not None)
        await pilot.pause()
        text = screen_text(app)
        assert "Ukraine’s Offensive Could Set" in text
        assert "Articles 1 loading…" in text
        assert app.screen.query_one(ArticleView).article_id == full.articles[0].id
        release.set()
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")))  # mounts later
        text = screen_text(app)
        assert "Articles 5" in text and "loading" not in text
        assert "broken.txt: [bold]not UTF-8[/]" in text  # problem shown, literally
        assert app.screen.query_one(ArticleList).shown == list(range(5))
        await pilot.press("slash", *"kursk")
        assert app.screen.query_one(ArticleList).shown == [
            i for i, a in enumerate(full.articles) if "kursk" in a.text.lower()
        ]
    assert list(iter_corpus(full.root))  # the real streaming source works too


async def test_note_counts_hook_updates_the_sidebar() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.corpus.articles
        app.screen.set_note_counts({articles[0].id: 1, articles[2].id: 3})  # type: ignore[attr-defined]
        await pilot.pause()
        text = screen_text(app)
        assert "1 note" in text and "3 notes" in text
        await pilot.press("slash", *"kursk", "escape")  # rows rebuilt by filtering keep counts
        assert "3 notes" in screen_text(app)


async def test_clicking_the_legend_toggles_a_type() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        legend = app.screen.query_one("#legend")
        row = screen_text(app).splitlines()[legend.region.y]
        x = row.index("3 place")
        await pilot.click(offset=(x + 2, legend.region.y))
        await pilot.pause()
        assert Label.PLACE in app.screen.hidden_labels  # type: ignore[attr-defined]


async def test_v_selects_while_moving_and_s_selects_a_sentence() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "v", "l", "l", "l")
        view = app.screen.query_one(ArticleView)
        assert view.selected_text == "Ukr"
        start, end = view.selection_offsets
        assert app.corpus.articles[0].text[start:end] == "Ukr"
        await pilot.press("v", "l")  # stop selecting: movement no longer extends
        assert view.selected_text == ""
        await pilot.press("j", "j", "j", "s")
        text = view.selected_text
        assert text and text.strip()[-1] in ".!?"
        assert text in app.corpus.articles[0].text


async def test_every_builtin_theme_renders() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            assert "Ukraine’s Offensive" in screen_text(app)
            view = app.screen.query_one(ArticleView)
            dark = app.current_theme.dark
            assert label_colour(Label.PLACE, dark) in _entity_colours_on_line(view, 0)


async def test_queued_filter_keystrokes_collapse_into_one_run() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        runs: list[str] = []
        original = screen._apply_filter  # type: ignore[attr-defined]

        def counting(query: str) -> None:
            runs.append(query)
            original(query)

        screen._apply_filter = counting  # type: ignore[attr-defined]
        await pilot.press("slash")
        box = screen.query_one(FilterInput)
        for query in ("k", "ku", "kur", "kursk"):
            box.value = query  # four Changed messages queue up before any runs
        await pilot.pause()
        assert runs == ["kursk"]
        expected = [i for i, a in enumerate(app.corpus.articles) if "kursk" in a.text.lower()]
        assert screen.query_one(ArticleList).shown == expected


async def test_clicking_an_entity_in_the_panel_moves_the_cursor() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(EntityPanel)
        view = app.screen.query_one(ArticleView)
        group = panel.groups[1]  # the second entity listed
        row = next(
            y
            for y, line in enumerate(screen_text(app).splitlines())
            if f"{group.key} ×{group.count}" in line[panel.region.x :]
        )
        await pilot.click(offset=(panel.region.x + 4, row))
        await pilot.pause()
        assert view.selection_offsets == (group.starts[0], group.ends[0])


async def test_entity_jumps_are_greyed_out_without_visible_entities() -> None:
    app = make_app(extractor=lambda article: [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        bindings = app.screen.active_bindings
        assert bindings["right_square_bracket"].enabled is False
        assert bindings["left_square_bracket"].enabled is False
        await pilot.press("right_square_bracket")  # does nothing, no error
        assert app.screen.query_one(ArticleView).cursor_offset == 0


async def test_command_palette_opens_an_article_by_title() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bold incursion")
        await wait_until(pilot, lambda: "Open: Ukraine’s bold incursion" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        target = next(
            i for i, a in enumerate(app.corpus.articles) if "bold incursion" in a.text[:60]
        )
        assert main.query_one(ArticleView).article_id == app.corpus.articles[target].id
        assert app.focused is main.query_one(ArticleView)


def _styled_runs(app: ReaderApp, word: str) -> list[str]:
    """Colours of the screen cells that show `word`, wherever it is drawn in
    the reading view."""
    view = app.screen.query_one(ArticleView)
    colours = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        if not (view.region.y <= y < view.region.bottom):
            continue
        x = 0
        for segment in strip:
            if word in segment.text and x >= view.region.x:
                colours.append(segment.style.color.name if segment.style.color else "")
            x += segment.cell_length
    return colours


async def test_highlights_land_on_the_right_cells_after_tabs_and_wide_text(
    tmp_path: Path,
) -> None:
    text = "Title\n\n“Quoted” 漢字 —\tKyiv and Odesa’s port\n"

    def extractor(article):  # type: ignore[no-untyped-def]
        from reader.entities.model import Entity

        out = []
        for word in ("Kyiv", "Odesa"):
            start = article.text.index(word)
            out.append(Entity(start, start + len(word), word, Label.PLACE))
        return out

    app = make_app(corpus_of(tmp_path, {"a.txt": text}), extractor=extractor)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        place = label_colour(Label.PLACE, True)
        assert _styled_runs(app, "Kyiv") == [place]
        assert _styled_runs(app, "Odesa") == [place]
        assert _styled_runs(app, "port") and place not in _styled_runs(app, "port")
        assert place not in _styled_runs(app, "漢字")


async def test_an_empty_article_and_a_whitespace_one_open(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, {"a_empty.txt": "", "b_blank.txt": "\n\n   \n"})
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.corpus.articles) + len(app.corpus.problems) == 2
        for _ in app.corpus.articles:
            await pilot.press("enter", "G", "right_square_bracket", "s", "shift+tab", "down")
            await settle(pilot)
        assert app.is_running


async def test_entities_given_out_of_order_are_jumped_in_text_order() -> None:
    app = make_app(extractor=lambda article: [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        mentions = fake_entities(app.corpus.articles[0])[:4]
        view.set_entities(list(reversed(mentions)), {})
        await pilot.press("tab", "right_square_bracket", "right_square_bracket")
        assert view.cursor_offset == mentions[2].start


async def test_set_counts_redraws_one_row_and_survives_filtering() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.corpus.articles
        sidebar = app.screen.query_one(ArticleList)
        sidebar.set_counts(articles[1].id, 4, 2)
        await pilot.pause()
        assert "4 notes" in screen_text(app)
        assert sidebar.note_counts[articles[1].id] == 4
        assert sidebar.open_counts[articles[1].id] == 2
        await pilot.press("slash", *"zzzq")  # hides every row
        sidebar.set_counts(articles[1].id, 5, 0)
        await pilot.press("escape")
        assert "5 notes" in screen_text(app) and "4 notes" not in screen_text(app)


# Modules the first screen does not need: they are imported on first use (the
# triage views and their data, dialogs, export, help, the annotation store when
# there is no db, the headless subcommands). Start-up time depends on it.
_DEFERRED = (
    "reader.triage.claims",
    "reader.triage.attribution",
    "reader.triage.quotes",
    "reader.triage.workspace",
    "reader.triage.index",
    "reader.triage.index_build",
    "reader.triage.mention_store",
    "reader.tui.triage",
    "reader.tui.triage_state",
    "reader.tui.claims_cache",
    "reader.tui.dialogs",
    "reader.tui.screens.help_screen",
    "reader.tui.commands",  # the palette's providers (reader.tui.preload loads them)
    "reader.tui.triage_commands",
    "reader.tui.claim_help",
    "reader.triage.sentences",
    "reader.corpus.filter_index",  # built in a worker after the first screen
    "reader.corpus.word_index",
    "reader.export",
    "reader.annotations.store",
    "reader.annotations.history",
    "reader.cli.claims_cmd",
    "reader.cli.export_cmd",
    "reader.cli.import_cmd",
    "tinydb",
    "rapidfuzz",
    "filelock",
    "tomllib",
    "dateutil.parser",  # only for a publication date that is not YYYY-MM-DD
)


def test_importing_the_app_leaves_out_what_the_first_screen_does_not_need() -> None:
    code = (
        "import sys, reader.cli, reader.tui.app\n"
        f"deferred = {_DEFERRED!r}\n"
        "print(sorted(m for m in sys.modules\n"
        "             if any(m == d or m.startswith(d + '.') for d in deferred)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout
    # and the check itself works: a module that is imported is reported
    shown = subprocess.run(
        [sys.executable, "-c", code.replace("reader.tui.app\n", "reader.tui.app, tinydb\n", 1)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "'tinydb'" in shown.stdout


async def test_the_first_article_is_read_at_mount_the_rest_in_a_worker() -> None:
    from reader.corpus import Corpus
    from reader.corpus.loader import LoadProblem

    full = seeds()
    threads: list[str] = []

    def source():  # type: ignore[no-untyped-def]
        for item in [LoadProblem(Path("bad.txt"), "unreadable", skipped=True), *full.articles]:
            threads.append(threading.current_thread().name)
            yield item

    app = ReaderApp(corpus=Corpus(root=full.root), extractor=fake_entities, source=source())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not getattr(app.screen, "streaming", True))
        await settle(pilot)
        main = threading.main_thread().name
        # the problem before it and the first article: here, for the first frame
        assert threads[:2] == [main, main]
        assert all(name != main for name in threads[2:]) and len(threads) == 6
        assert app.screen.query_one(ArticleList).shown == list(range(5))
        assert app.screen.query_one(ArticleView).article_id == full.articles[0].id


async def test_a_batch_that_arrives_while_the_app_shuts_down_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.corpus import Corpus

    full = seeds()
    app = ReaderApp(corpus=Corpus(root=full.root), extractor=fake_entities, source=iter([]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        with monkeypatch.context() as patch:
            # as in App._shutdown, which stops running before the widgets go
            patch.setattr(ReaderApp, "is_running", property(lambda self: False))
            screen._receive(list(full.articles), True)  # type: ignore[attr-defined]
            screen._filter_index_ready(None)  # type: ignore[attr-defined]
        assert len(screen.articles) == 0  # type: ignore[attr-defined]
        assert screen._filter_index is not None  # type: ignore[attr-defined]
        screen._receive(list(full.articles[:2]))  # type: ignore[attr-defined]
        assert len(screen.articles) == 2  # type: ignore[attr-defined]


async def test_a_source_that_ends_before_any_article_needs_no_worker() -> None:
    from reader.corpus import Corpus
    from reader.corpus.loader import LoadProblem

    def source():  # type: ignore[no-untyped-def]
        yield LoadProblem(Path("bad.txt"), "unreadable", skipped=True)

    app = ReaderApp(corpus=Corpus(root=Path(".")), extractor=fake_entities, source=source())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.streaming is False  # type: ignore[attr-defined]
        assert not [w for w in app.workers if w.group == "load"]
        text = screen_text(app)
        assert "The corpus is empty" in text and "bad.txt: unreadable" in text


async def test_the_breakpoint_class_is_right_from_the_start_and_follows_resizes() -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
    assert MainScreen._breakpoint(99) == "-narrow" and MainScreen._breakpoint(100) == "-wide"


async def test_entity_panel_rows_survive_a_resize_to_the_size_they_were_drawn_at() -> None:
    app = make_app()
    built: list[int] = []  # rows whose lines the panel built
    original = EntityPanel.row_lines

    def spy(self: EntityPanel, row: int):  # type: ignore[no-untyped-def]
        built.append(row)
        return original(self, row)

    EntityPanel.row_lines = spy  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, counts=True)
            panel = app.screen.query_one(EntityPanel)
            rows_before = [line for line in screen_text(app).splitlines() if "×" in line]
            drawn, size = set(built), panel.outer_size
            built.clear()
            await pilot.resize_terminal(120, 44)  # taller: the panel resizes, same width
            await settle(pilot)
            assert panel.outer_size != size and drawn
            assert not drawn & set(built)  # the rows drawn before were not built again
            rows_after = [line for line in screen_text(app).splitlines() if "×" in line]
            assert rows_before and rows_after[: len(rows_before)] == rows_before
    finally:
        EntityPanel.row_lines = original  # type: ignore[method-assign]


async def test_the_first_frame_draws_the_first_article_already_wrapped() -> None:
    app = make_app()
    drawn: list[tuple[int, int]] = []  # (wrapped at, view's wrap width) per draw
    original = ArticleView.render_line  # (each line drawn)

    def spy(self: ArticleView, y):  # type: ignore[no-untyped-def]
        if self.article_id is not None:
            drawn.append((self.wrapped_document._width, self.wrap_width))
        return original(self, y)

    ArticleView.render_line = spy  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert drawn and drawn[0][0] == drawn[0][1] > 0
            view = app.screen.query_one(ArticleView)
            assert view.virtual_size.height == view.wrapped_document.height
            await pilot.resize_terminal(100, SIZE[1])  # narrower: wrapped again, once
            await settle(pilot)
            assert drawn[-1][0] == drawn[-1][1] == view.wrap_width
    finally:
        ArticleView.render_line = original  # type: ignore[method-assign]
