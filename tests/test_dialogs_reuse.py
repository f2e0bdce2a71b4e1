"""One note dialog shown again and again (AnnotationDialog.load): nothing of
one note may show in the next, and a dialog kept while closed follows theme
changes and resizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.color import Color
from textual.widgets import Input, Select, Static, TextArea

from reader.annotations.drafts import describe
from reader.annotations.model import Kind, Source, Status
from reader.tui.dialogs import AnnotationDialog, ConfirmDialog
from reader.tui.dialogs.widgets import ChoiceSet, CyclingInput, LabelToggles
from tests.annotation_support import annotate_sentence, landed, make_app
from tests.test_dialogs import QUOTE, draft, type_text
from tests.tui_support import settle, wait_until

SIZE = (120, 40)
OTHER_QUOTE = "A second, unrelated sentence."


class Reuse(App[None]):
    """Shows one installed AnnotationDialog, as the main screen does."""

    def __init__(self, dialog: AnnotationDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.install_screen(self.dialog, "note")
        self.show()

    def show(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def text_of(dialog: AnnotationDialog, selector: str) -> str:
    return str(dialog.query_one(selector, Static).render())


def assert_fresh(dialog: AnnotationDialog, claim: str = "", claimant: str = "") -> None:
    """Every field as a new plain note with this claim and claimant shows it."""
    query = dialog.query_one
    assert query("#kind", ChoiceSet).pressed_index == 1  # note
    assert query("#note", TextArea).text == ""
    assert query("#labels", LabelToggles).selected == frozenset()
    assert query("#labels", LabelToggles).cursor == 0
    assert query("#tags", Input).value == ""
    assert query("#claim", TextArea).text == claim
    assert query("#claimant", Input).value == claimant
    assert query("#verdict", Select).value is Select.NULL
    assert not query("#verdict", Select).expanded
    assert query("#conclusion", TextArea).text == ""
    assert query("#sources", TextArea).text == ""
    assert text_of(dialog, "#sources-error") == ""
    assert query("#status", ChoiceSet).pressed_index == 0  # open
    assert not query("#factcheck").display
    assert query("#body").scroll_y == 0
    note = query("#note", TextArea)
    assert dialog.focused is note and note.cursor_location == note.document.end


async def fill_everything(pilot) -> None:  # type: ignore[no-untyped-def]
    """Type into every field of the open dialog (from the note), leaving the
    sources invalid (an error shown) and the verdict menu open."""
    await type_text(pilot, "first note")
    await pilot.press("shift+tab", "f")  # kind: fact-check
    await pilot.press("tab", "tab", "m", "tab")  # note -> labels (misleading) -> tags
    await type_text(pilot, "spin")
    await pilot.press("tab", "end")
    await type_text(pilot, " extra")  # claim
    await pilot.press("tab", "down")  # claimant: the next suggestion
    await pilot.press("tab", "enter", "down", "down", "enter")  # verdict
    await pilot.press("tab")
    await type_text(pilot, "it is wrong")  # conclusion
    await pilot.press("tab")
    await type_text(pilot, "not-a-url")  # sources: an error is shown
    await pilot.press("tab", "d")  # status: done
    await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter")  # verdict menu open
    await pilot.pause()


async def test_a_reused_dialog_shows_nothing_of_the_last_note() -> None:
    first = draft(kind=Kind.NOTE)
    dialog = AnnotationDialog(first, quote=QUOTE, claimant_suggestions=["Putin", "Kremlin"])
    app = Reuse(dialog)
    async with app.run_test(size=(100, 40)) as pilot:
        await fill_everything(pilot)
        assert dialog.query_one("#verdict", Select).expanded
        assert text_of(dialog, "#sources-error") != ""
        assert dialog.query_one("#claimant", Input).value == "Kremlin"
        await pilot.press("escape", "escape")  # the menu, then the dialog
        await pilot.pause()
        assert app.results == [None] and app.screen is not dialog

        second = draft(kind=Kind.NOTE)
        dialog.load(second, quote=OTHER_QUOTE)
        app.show()
        await pilot.pause()
        assert app.screen is dialog  # the same instance, shown again
        assert_fresh(dialog, claim=OTHER_QUOTE)
        assert dialog.query_one("#claimant", CyclingInput).suggestions == ()
        assert not dialog.query_one("#claimant-hint").display
        assert OTHER_QUOTE in text_of(dialog, "#quote")
        assert dialog.query_one("#dialog").border_title is not None
        assert str(dialog.query_one("#dialog").border_title) == "New annotation"
        await pilot.press("ctrl+z")  # the last note's typing is no undo history
        assert dialog.query_one("#note", TextArea).text == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [None, second]


async def test_edit_after_create_shows_the_edited_note_only() -> None:
    created = draft(kind=Kind.NOTE, note="created", tags=("misleading", "spin"))
    dialog = AnnotationDialog(created, quote=QUOTE)
    app = Reuse(dialog)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = draft(
            kind=Kind.FACTCHECK,
            note="the edit",
            claim="a claim",
            claimant="the minister",
            verdict="another scale's verdict",
            conclusion="concluded",
            sources=(Source("https://example.org/a", "report"),),
            status=Status.IN_PROGRESS,
        )
        dialog.load(edited, quote=OTHER_QUOTE, is_new=False, claimant_suggestions=["Kremlin"])
        app.show()
        await pilot.pause()
        query = dialog.query_one
        assert query("#kind", ChoiceSet).pressed_index == 3 and query("#factcheck").display
        note = query("#note", TextArea)
        assert note.text == "the edit" and note.cursor_location == note.document.end == (0, 8)
        assert query("#labels", LabelToggles).selected == frozenset()
        assert query("#tags", Input).value == ""
        assert query("#claim", TextArea).text == "a claim"
        assert query("#claimant", Input).value == "the minister"
        assert query("#claimant-hint").display
        assert query("#verdict", Select).value == "another scale's verdict"
        assert query("#conclusion", TextArea).text == "concluded"
        assert query("#sources", TextArea).text == "https://example.org/a  report"
        assert query("#status", ChoiceSet).pressed_index == 1
        assert str(query("#dialog").border_title) == "Edit annotation"
        await pilot.press("ctrl+s")  # unchanged: the edit comes back as it was
        await pilot.pause()
        assert app.results[-1] is edited
        # and the next new note has the usual verdicts only, none chosen
        dialog.load(draft(kind=Kind.FACTCHECK), quote=QUOTE)
        app.show()
        await pilot.pause()
        verdict = query("#verdict", Select)
        assert verdict.value is Select.NULL
        assert "another scale's verdict" not in [value for _, value in verdict._options]
        assert query("#claim", TextArea).text == QUOTE and query("#claimant", Input).value == ""


async def test_theme_change_and_resize_while_the_dialog_is_closed() -> None:
    dialog = AnnotationDialog(draft(), quote=QUOTE)
    app = Reuse(dialog)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not dialog
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        dialog.load(draft(), quote=QUOTE)
        app.show()
        await pilot.pause()
        box = dialog.query_one("#dialog")
        surface = Color.parse(app.get_css_variables()["surface"])
        assert box.styles.background == surface
        assert dialog.size == app.size == (70, 30)
        assert box.outer_size.width == int(70 * 0.96)
        assert dialog.focused is dialog.query_one("#note")


# -- in the app ----------------------------------------------------------------

pytestmark_app = pytest.mark.usefixtures("no_user_config")


@pytestmark_app
async def test_the_app_reuses_one_dialog_cancel_then_create_then_edit(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        focused = app.focused
        await annotate_sentence(pilot)
        dialog = app.screen
        await type_text(pilot, "thrown away")
        await pilot.press("shift+tab", "f")
        await pilot.press("escape")
        await landed(pilot)
        assert app.screen is main and app.focused is focused  # focus back where it was
        assert main.store.all() == []
        await pilot.press("s", "a")  # the sentence again (as after any cancel)
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        assert app.screen is dialog  # the same dialog, empty again
        assert dialog.query_one("#note", TextArea).text == ""
        assert dialog.kind is Kind.NOTE and not dialog.query_one("#factcheck").display
        await type_text(pilot, "kept")
        await pilot.press("ctrl+s")
        await landed(pilot)
        [saved] = main.store.all()
        assert saved.note == "kept" and saved.kind is Kind.NOTE
        main.edit(saved)
        await landed(pilot)
        assert app.screen is dialog and not dialog.is_new
        assert dialog.query_one("#note", TextArea).text == "kept"
        await type_text(pilot, " and edited")
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert [a.note for a in main.store.all()] == ["kept and edited"]


@pytestmark_app
async def test_a_second_dialog_while_one_is_open_is_a_new_one(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        await annotate_sentence(pilot)
        first = app.screen
        main.annotate_span(0, 0)  # e.g. a failed save's dialog coming back
        await landed(pilot)
        second = app.screen
        assert isinstance(second, AnnotationDialog) and second is not first
        await type_text(pilot, "on top")
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert app.screen is first and first.query_one("#note", TextArea).text == ""
        await pilot.press("escape")
        await landed(pilot)
        assert app.screen is main and [a.note for a in main.store.all()] == ["on top"]
        assert not isinstance(app.screen, ConfirmDialog)


@pytestmark_app
async def test_the_delete_question_is_asked_again_by_the_same_dialog(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        await annotate_sentence(pilot)
        await type_text(pilot, "one")
        await pilot.press("ctrl+s")
        await landed(pilot)
        [first] = main.store.all()
        main.delete(first)
        await landed(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert text_of(confirm, "#question") == f"Delete this {describe(first)}?"
        assert app.focused is not None and app.focused.id == "no"
        await pilot.press("left")  # to the delete button, then answered no anyway
        assert app.focused.id == "yes"
        await pilot.press("n")
        await landed(pilot)
        main.edit(first)  # another dialog in between: made a highlight
        await landed(pilot)
        await pilot.press("shift+tab", "h", "ctrl+s")
        await landed(pilot)
        [kept] = main.store.all()
        assert kept.kind is Kind.HIGHLIGHT
        main.delete(kept)
        await landed(pilot)
        assert app.screen is confirm and app.focused is not None and app.focused.id == "no"
        assert text_of(confirm, "#question") == f"Delete this {describe(kept)}?"
        assert describe(kept) != describe(first)
        await pilot.press("enter")  # the default: cancel
        await landed(pilot)
        assert len(main.store.all()) == 1
        main.delete(kept)
        await landed(pilot)
        await pilot.press("y")
        await landed(pilot)
        assert main.store.all() == [] and app.screen is main
