"""QuietFooter shows exactly the keys Textual's Footer shows, built its own way."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.tui.widgets.quiet_footer import QuietFooter


class Focusable(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("z", "zoom", "Zoom")]

    def action_zoom(self) -> None:
        pass


class Keys(App[None]):
    AUTO_FOCUS = None  # nothing focused at first: the app's keys alone
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("x", "gone", "Greyed out"),
        Binding("h", "hidden", "Hidden", show=False),
        Binding("a", "same", "Same action"),
        Binding("b", "same", "Same action again"),  # one key per action
    ]

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "gone" else True

    def compose(self) -> ComposeResult:
        yield Focusable(id="box")
        yield Footer(id="plain", compact=self.compact)
        yield QuietFooter(id="quiet", compact=self.compact)


def keys_of(footer: Footer) -> list[tuple[object, ...]]:
    return [
        (
            key.key,
            key.key_display,
            key.description,
            key.action,
            key._disabled,
            key.tooltip,
            key.compact,
            sorted(key.classes),
        )
        for key in footer.query(FooterKey)
    ]


def app_keys_first(keys: list[tuple[object, ...]], app: App[None]) -> list[tuple[object, ...]]:
    """Textual's footer order with the app's own keys moved to the front (the
    palette key stays last): QuietFooter's order."""
    ours = {binding.action for _key, binding in app._bindings}

    def rank(row: tuple[object, ...]) -> int:
        if "-command-palette" in row[7]:  # type: ignore[operator]
            return 2
        return 0 if row[3] in ours else 1

    return sorted(keys, key=rank)


async def same_keys(pilot: Pilot[None]) -> list[tuple[object, ...]]:
    """The keys, once both footers have caught up and agree (fails after 5 s)."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.05)
        quiet = keys_of(app.query_one("#quiet", Footer))
        if quiet and quiet == app_keys_first(keys_of(app.query_one("#plain", Footer)), app):
            return quiet
    raise AssertionError(
        f"{keys_of(app.query_one('#quiet', Footer))} != {keys_of(app.query_one('#plain', Footer))}"
    )


async def settled(app: Keys) -> list[tuple[object, ...]]:
    async with app.run_test(size=(120, 10)) as pilot:
        first = await same_keys(pilot)
        app.query_one("#box").focus()  # the widget's own key joins the footer
        focused = await same_keys(pilot)
        assert "Zoom" in [row[2] for row in focused] and "Zoom" not in [row[2] for row in first]
        # the app's keys before the focused widget's (a narrow terminal cuts the end)
        assert [row[2] for row in focused].index("Quit") < [row[2] for row in focused].index("Zoom")
        return first


async def test_the_same_keys_as_textuals_footer() -> None:
    quiet = await settled(Keys())
    descriptions = [row[2] for row in quiet]
    assert "Quit" in descriptions and "Hidden" not in descriptions
    assert descriptions.count("Same action") == 1 and "Same action again" not in descriptions
    greyed = next(row for row in quiet if row[2] == "Greyed out")
    assert greyed[4] is True and "-disabled" in greyed[7]
    assert all(row[6] is False for row in quiet if "-command-palette" not in row[7])


async def test_the_same_keys_when_compact_and_after_a_change_of_compact() -> None:
    quiet = await settled(Keys(compact=True))
    assert all(row[6] is True and "-compact" in row[7] for row in quiet)

    app = Keys()
    async with app.run_test(size=(120, 10)) as pilot:
        await pilot.pause(0.05)
        for footer in app.query(Footer):
            footer.compact = True
        await pilot.pause(0.05)
        assert keys_of(app.query_one("#quiet", Footer)) == keys_of(app.query_one("#plain", Footer))


class Toggles(Keys):
    """Keys whose "gone" action is enabled or not as `gone_on` says."""

    gone_on = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return (True if self.gone_on else None) if action == "gone" else True  # None: greyed


async def test_a_key_greyed_out_or_back_is_changed_in_place() -> None:
    app = Toggles()
    async with app.run_test(size=(120, 10)) as pilot:
        before = await same_keys(pilot)
        quiet = app.query_one("#quiet", Footer)
        widgets = list(quiet.query(FooterKey))
        assert next(row for row in before if row[2] == "Greyed out")[4] is True
        app.gone_on = True
        app.refresh_bindings()
        after = await same_keys(pilot)  # exactly as Textual's footer shows them
        assert next(row for row in after if row[2] == "Greyed out")[4] is False
        assert "-disabled" not in next(row for row in after if row[2] == "Greyed out")[7]
        assert list(quiet.query(FooterKey)) == widgets  # the same widgets: no remount
        app.gone_on = False
        app.refresh_bindings()
        assert await same_keys(pilot) == before
        assert list(quiet.query(FooterKey)) == widgets


async def test_a_new_key_still_remounts_the_keys() -> None:
    app = Keys()
    async with app.run_test(size=(120, 10)) as pilot:
        await same_keys(pilot)
        quiet = app.query_one("#quiet", Footer)
        widgets = list(quiet.query(FooterKey))
        app.query_one("#box").focus()  # its own key joins the footer
        keys = await same_keys(pilot)
        assert "Zoom" in [row[2] for row in keys]
        assert list(quiet.query(FooterKey)) != widgets
