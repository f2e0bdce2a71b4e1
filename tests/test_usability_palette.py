"""The command palette as a new user types into it (found by hand: "quit"
listed two Quit commands, "keys" opened Textual's own key panel instead of
the app's help, and "open", as the README's "Open: <title>" suggests,
found nothing)."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList

from reader.tui.screens.help_screen import HelpScreen
from reader.tui.widgets.article_view import ArticleView
from tests.test_tui_app import SIZE, make_app, settle
from tests.tui_support import wait_until


def prompts(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The first line of each command the palette lists now."""
    if not isinstance(app.screen, CommandPalette):
        return []
    options = app.screen.query_one(OptionList)
    return [
        str(options.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(options.option_count)
    ]


async def search(pilot, query: str, until) -> list[str]:  # type: ignore[no-untyped-def]
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    await wait_until(pilot, lambda: until(prompts(app)))
    await pilot.pause(0.3)  # every provider has answered
    return prompts(app)


async def test_quit_is_listed_once_and_keys_finds_the_apps_help() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = await search(pilot, "quit", lambda p: "Quit" in p)
        assert found.count("Quit") == 1
        await pilot.press(*["backspace"] * 4)
        found = await search(pilot, "keys", lambda p: bool(p) and "No matches found" not in p)
        assert "Keys" not in found  # Textual's key panel is not the app's help
        assert found[0] == "Help"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_open_lists_the_articles() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = await search(pilot, "open", lambda p: any(x.startswith("Open: ") for x in p))
        titles = [x for x in found if x.startswith("Open: ")]
        assert len(titles) == len(app.corpus.articles)
        found = await search(pilot, " bold", lambda p: len([x for x in p if "Open: " in x]) == 1)
        [title] = [x for x in found if x.startswith("Open: ")]
        assert title.startswith("Open: Ukraine’s bold incursion")
        await pilot.press("enter")
        await settle(pilot)
        target = next(a for a in app.corpus.articles if "bold incursion" in a.text[:60])
        assert app.screen.query_one(ArticleView).article_id == target.id
