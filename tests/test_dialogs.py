"""The modal dialogs, driven by real key presses through Textual's pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, RadioSet, Select, Static, TextArea

from reader.annotations.model import Anchor, Annotation, Kind, Source, Status
from reader.tui.dialogs import (
    AnnotationDialog,
    ConfirmDialog,
    ExportDialog,
    ExportRequest,
)
from reader.tui.dialogs.widgets import LabelToggles

QUOTE = "Russia launched a successful offensive in early 2022."
TEXT = f"Some context. {QUOTE} More text."
START = TEXT.index(QUOTE)
FIXED = "2026-11-21T08:00:00.000000+00:00"


class Host(App[None]):
    """A tiny app that pushes one dialog and records what it returns."""

    def __init__(self, make: Callable[[], Screen]) -> None:
        super().__init__()
        self.make = make
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)


def draft(**changes: object) -> Annotation:
    anchor = Anchor.from_text(TEXT, START, START + len(QUOTE))
    base = Annotation(article_id="001_test.txt", anchor=anchor, created=FIXED)
    return Annotation(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def annotation_host(d: Annotation | None = None, **kwargs: object) -> Host:
    d = d or draft()
    kwargs.setdefault("quote", QUOTE)
    return Host(lambda: AnnotationDialog(d, **kwargs))  # type: ignore[arg-type]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if ch == " " else ch for ch in text])


# -- AnnotationDialog --------------------------------------------------------


async def test_opens_in_note_and_ctrl_s_saves_the_note() -> None:
    d = draft()
    app = annotation_host(d)
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.focused is not None and app.focused.id == "note"
        await type_text(pilot, "check this")
        await pilot.press("enter")  # a new line in the note, not a save
        await type_text(pilot, "twice")
        assert app.results == []
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.note == "check this\ntwice"
    assert result.id == d.id and result.created == d.created == result.updated
    assert result.kind is Kind.NOTE and result.anchor == d.anchor


async def test_escape_cancels_with_none() -> None:
    app = annotation_host()
    async with app.run_test(size=(100, 40)) as pilot:
        await type_text(pilot, "thrown away")
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_enter_in_a_one_line_field_saves() -> None:
    app = annotation_host()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("tab", "tab")  # note -> labels -> free tags
        assert app.focused is not None and app.focused.id == "tags"
        await type_text(pilot, "war,  spin ,,war")
        await pilot.press("enter")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.tags == ("war", "spin")


async def test_factcheck_fields_by_keyboard_only() -> None:
    app = annotation_host(claimant_suggestions=["Vladimir Putin", "Kremlin"])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        factcheck = screen.query_one("#factcheck")
        assert not factcheck.display
        await pilot.press("shift+tab")  # note -> kind
        assert app.focused is not None and app.focused.id == "kind"
        await pilot.press("f")
        await pilot.pause()
        assert factcheck.display
        assert screen.query_one("#claim", TextArea).text == QUOTE
        claimant = screen.query_one("#claimant", Input)
        assert claimant.value == "Vladimir Putin"
        # kind -> note -> labels -> tags -> claim -> claimant
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        assert app.focused is claimant
        await pilot.press("down")
        assert claimant.value == "Kremlin"
        await pilot.press("down")
        assert claimant.value == "Vladimir Putin"
        await pilot.press("tab")  # verdict
        assert app.focused is not None and app.focused.id == "verdict"
        # open the menu, from the blank prompt go down to "false" (5th), pick it
        await pilot.press("enter", "down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert screen.query_one("#verdict", Select).value == "false"
        await pilot.press("tab")  # conclusion
        await type_text(pilot, "No offensive in early 2022.")
        await pilot.press("tab")  # sources
        await type_text(pilot, "https://example.org/a  UN report")
        await pilot.press("enter")
        await type_text(pilot, "http://example.com/b")
        await pilot.press("tab")  # status
        assert app.focused is not None and app.focused.id == "status"
        await pilot.press("d")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.kind is Kind.FACTCHECK
    assert result.claim == QUOTE and result.claimant == "Vladimir Putin"
    assert result.verdict == "false" and result.status is Status.DONE
    assert result.conclusion == "No offensive in early 2022."
    assert result.sources == (
        Source("https://example.org/a", "UN report"),
        Source("http://example.com/b", ""),
    )


async def test_kind_arrows_choose_at_once_and_enter_saves() -> None:
    app = annotation_host()
    async with app.run_test(size=(100, 40)) as pilot:
        factcheck = app.screen.query_one("#factcheck")
        await pilot.press("shift+tab", "right")  # note -> kind; note -> tag
        assert not factcheck.display
        await pilot.press("right")  # tag -> fact-check
        await pilot.pause()
        assert factcheck.display
        await pilot.press("left")  # back to tag: the fact-check fields hide again
        await pilot.pause()
        assert not factcheck.display
        await pilot.press("enter")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation) and result.kind is Kind.TAG


async def test_escape_in_open_verdict_menu_only_closes_the_menu() -> None:
    app = annotation_host(draft(kind=Kind.FACTCHECK))
    async with app.run_test(size=(100, 40)) as pilot:
        verdict = app.screen.query_one("#verdict", Select)
        verdict.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert verdict.expanded
        await pilot.press("escape")
        await pilot.pause()
        assert not verdict.expanded and app.results == []
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_claimant_completes_from_suggestions() -> None:
    app = annotation_host(
        draft(kind=Kind.FACTCHECK, claimant="x"), claimant_suggestions=["Kremlin spokesman"]
    )
    async with app.run_test(size=(100, 40)) as pilot:
        claimant = app.screen.query_one("#claimant", Input)
        claimant.focus()
        claimant.value = ""
        await type_text(pilot, "kre")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion shown after the cursor
        assert claimant.value == "Kremlin spokesman"
        await pilot.press("enter")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation) and result.claimant == "Kremlin spokesman"


async def test_bad_source_url_blocks_saving_with_a_visible_error() -> None:
    app = annotation_host(draft(kind=Kind.FACTCHECK))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        sources = screen.query_one("#sources", TextArea)
        sources.focus()
        await type_text(pilot, "https://ok.example/x")
        await pilot.press("enter")
        await type_text(pilot, "javascript:alert(1) evil")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.screen is screen and app.focused is sources
        error = str(screen.query_one("#sources-error", Static).render())
        assert "line 2" in error and "javascript:alert(1)" in error
        # fixing the line clears the error and lets the dialog save
        await pilot.press("ctrl+u")  # delete to the start of the line
        await type_text(pilot, "https://fixed.example/y")
        await pilot.pause()
        assert str(screen.query_one("#sources-error", Static).render()) == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert [s.url for s in result.sources] == ["https://ok.example/x", "https://fixed.example/y"]


async def test_bad_source_is_ignored_when_not_a_factcheck() -> None:
    """Hidden fact-check fields neither block saving nor overwrite the draft."""
    app = annotation_host(draft(kind=Kind.FACTCHECK))
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#sources", TextArea).text = "not a url"
        await pilot.press("shift+tab", "h", "ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.kind is Kind.HIGHLIGHT and result.sources == ()


async def test_label_shortcuts_toggle_tags() -> None:
    labels = [("misleading", "m"), ("needs source", "s"), ("opinion", "o")]
    app = annotation_host(labels=labels)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("tab")  # note -> labels
        row = app.screen.query_one("#labels", LabelToggles)
        assert app.focused is row
        await pilot.press("o", "m", "s", "s")  # s twice: on, then off again
        assert row.selected == {"opinion", "misleading"}
        await pilot.press("space")  # the cursor stayed on the last key used: "needs source"
        assert row.selected == {"opinion", "misleading", "needs source"}
        await pilot.press("right", "space")  # opinion off
        assert row.selected == {"misleading", "needs source"}
        await pilot.press("right", "space")  # wraps round to misleading: off
        assert row.selected == {"needs source"}
        await pilot.press("left", "space", "m")  # back to opinion: on; m: on
        assert row.selected == {"opinion", "misleading", "needs source"}
        await pilot.press("tab")
        await type_text(pilot, "ukraine, opinion")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    # labels in their configured order, then free tags, without repeats
    assert result.tags == ("misleading", "needs source", "opinion", "ukraine")
    assert result.note == ""  # the shortcut keys typed nothing into the note


async def test_editing_prefills_every_field_and_bumps_updated() -> None:
    existing = draft(
        kind=Kind.FACTCHECK,
        tags=("misleading", "ukraine"),
        note="first note",
        claim="An edited claim",
        claimant="A. Person",
        verdict="mostly false",
        conclusion="Not quite.",
        sources=(Source("https://a.example/1", "one"), Source("https://b.example/2")),
        status=Status.IN_PROGRESS,
    )
    app = annotation_host(existing, is_new=False, claimant_suggestions=["Someone Else"])
    async with app.run_test(size=(100, 40)) as pilot:
        s = app.screen
        assert s.query_one("#factcheck").display
        assert s.query_one("#note", TextArea).text == "first note"
        assert s.query_one("#labels", LabelToggles).selected == {"misleading"}
        assert s.query_one("#tags", Input).value == "ukraine"
        assert s.query_one("#claim", TextArea).text == "An edited claim"
        assert s.query_one("#claimant", Input).value == "A. Person"
        assert s.query_one("#verdict", Select).value == "mostly false"
        assert s.query_one("#conclusion", TextArea).text == "Not quite."
        assert s.query_one("#sources", TextArea).text.splitlines() == [
            "https://a.example/1  one",
            "https://b.example/2",
        ]
        await type_text(pilot, " more")  # the cursor is at the end of the note
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.note == "first note more"
    assert result.id == existing.id and result.created == existing.created
    assert result.updated > existing.updated
    unchanged = ("kind", "tags", "claim", "claimant", "verdict", "conclusion", "sources", "status")
    for name in unchanged:
        assert getattr(result, name) == getattr(existing, name), name


async def test_saving_an_unchanged_edit_returns_the_same_annotation() -> None:
    existing = draft(kind=Kind.FACTCHECK, note="n", claim="c", verdict="true", tags=("x",))
    app = annotation_host(existing, is_new=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [existing]
    assert app.results[0].updated == existing.updated  # type: ignore[union-attr]


async def test_verdict_from_another_scale_is_kept() -> None:
    existing = draft(kind=Kind.FACTCHECK, verdict="pants on fire")
    app = annotation_host(existing, is_new=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation) and result.verdict == "pants on fire"


async def test_verdict_can_be_unset() -> None:
    existing = draft(kind=Kind.FACTCHECK, verdict="true")
    app = annotation_host(existing, is_new=False)
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#verdict", Select).focus()
        await pilot.press("enter", "home", "enter", "ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation) and result.verdict is None


HOSTILE = "[@click=app.quit]x[/] [b]bold[/b] \x1b]52;c;AAAA\x07 \u202eevil"


async def test_hostile_quote_and_note_are_shown_literally_and_do_nothing() -> None:
    existing = draft(note="[red]note[/red] [@click=app.quit]q[/]")
    app = annotation_host(existing, quote=HOSTILE, title="[b]T[/b]")
    async with app.run_test(size=(100, 40)) as pilot:
        quote = app.screen.query_one("#quote", Static)
        shown = str(quote.render())
        assert "[@click=app.quit]x[/]" in shown and "[b]bold[/b]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "\u241b]52;c;AAAA\u2407" in shown  # visible control pictures
        await pilot.click(quote)
        await pilot.click(quote, offset=(1, 0))
        await pilot.pause()
        assert app.is_running and app.results == []
        screen_text = "\n".join(
            "".join(seg.text for seg in line) for line in app.screen._compositor.render_strips()
        )
        assert "[@click=app.quit]x[/]" in screen_text
        assert "[red]note[/red]" in screen_text
        assert "\x1b" not in screen_text
        assert "[b]T[/b]" in screen_text  # the title is literal too
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.note == "[red]note[/red] [@click=app.quit]q[/]"


async def test_pasted_escape_sequences_never_reach_the_screen_or_the_result() -> None:
    app = annotation_host(draft(kind=Kind.FACTCHECK))
    async with app.run_test(size=(100, 40)) as pilot:
        # as from a terminal: the app forwards a paste to the focused field
        app.post_message(events.Paste("a\x1b]52;c;AAAA\x07b\r\nc"))
        await pilot.pause()
        app.screen.query_one("#claimant", Input).focus()
        app.post_message(events.Paste("Mr\x1b[31m X"))
        await pilot.pause()
        screen_text = "\n".join(
            "".join(seg.text for seg in line) for line in app.screen._compositor.render_strips()
        )
        assert "\x1b" not in screen_text and "\x07" not in screen_text
        await pilot.press("ctrl+s")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, Annotation)
    assert result.note == "a\u241b]52;c;AAAA\u2407b\nc"
    assert result.claimant == "Mr\u241b[31m X"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_field_is_reachable_at_small_and_large_sizes(size: tuple[int, int]) -> None:
    app = annotation_host(draft(kind=Kind.FACTCHECK))
    async with app.run_test(size=size) as pilot:
        body = app.screen.query_one("#body")
        seen = []
        for _ in range(10):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            seen.append(focused.id)
            # the focused field is scrolled fully into view inside the dialog body
            assert body.region.contains_region(focused.region), focused.id
        assert seen == [
            "labels", "tags", "claim", "claimant", "verdict",
            "conclusion", "sources", "status", "kind", "note",
        ]  # fmt: skip


# -- ConfirmDialog -----------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "default_no", "expected"),
    [
        (["y"], True, True),
        (["n"], True, False),
        (["escape"], True, False),
        (["enter"], True, False),  # the safe default
        (["enter"], False, True),
        (["right", "enter"], True, True),  # move to the confirm button
    ],
)
async def test_confirm_dialog(keys: list[str], default_no: bool, expected: bool) -> None:
    app = Host(lambda: ConfirmDialog("Delete [b]this[/b]?", default_no=default_no))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Delete [b]this[/b]?" in str(app.screen.query_one("#question", Static).render())
        await pilot.press(*keys)
        await pilot.pause()
    assert app.results == [expected]


# -- ExportDialog ------------------------------------------------------------

TODAY = date(2026, 11, 21)


def export_host(tmp_path: Path, has_article: bool = True) -> Host:
    return Host(lambda: ExportDialog(has_article=has_article, default_dir=tmp_path, today=TODAY))


async def test_export_defaults_and_enter(tmp_path: Path) -> None:
    app = export_host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        path = app.screen.query_one("#path", Input)
        assert path.value == str(tmp_path / "export-article-2026-11-21.json")
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [
        ExportRequest("json", "article", tmp_path / "export-article-2026-11-21.json", False)
    ]


async def test_export_format_and_scope_update_the_path(tmp_path: Path) -> None:
    app = export_host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        path = app.screen.query_one("#path", Input)
        # focus starts on the format list; arrows choose at once
        await pilot.press("down")
        assert path.value == str(tmp_path / "export-webannotation-article-2026-11-21.jsonld")
        await pilot.press("down", "down")
        assert path.value == str(tmp_path / "export-markdown-article-2026-11-21.md")
        await pilot.press("tab", "right")  # scope: all articles
        assert path.value == str(tmp_path / "export-markdown-all-2026-11-21.md")
        assert app.results == []
        await pilot.press("enter")  # enter on a choice exports, like ctrl+s
        await pilot.pause()
    [request] = app.results
    assert request == ExportRequest(
        "markdown", "all", tmp_path / "export-markdown-all-2026-11-21.md", False
    )


async def test_export_without_article_is_all_only(tmp_path: Path) -> None:
    app = export_host(tmp_path, has_article=False)
    async with app.run_test(size=(80, 24)) as pilot:
        path = app.screen.query_one("#path", Input)
        assert path.value == str(tmp_path / "export-all-2026-11-21.json")
        await pilot.press("tab", "left")  # "this article" is disabled: cannot be picked
        assert app.screen.query_one("#scope", RadioSet).pressed_index == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
    [request] = app.results
    assert isinstance(request, ExportRequest) and request.scope == "all"


async def test_export_typed_path_is_kept_when_format_changes(tmp_path: Path) -> None:
    app = export_host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        path = app.screen.query_one("#path", Input)
        path.value = str(tmp_path / "mine.json")
        await pilot.press("down")
        assert path.value == str(tmp_path / "mine.json")
        path.value = ""  # emptied: the default follows the choices again
        await pilot.press("down")
        assert path.value == str(tmp_path / "export-claimreview-article-2026-11-21.jsonld")


async def test_export_existing_file_asks_before_overwriting(tmp_path: Path) -> None:
    target = tmp_path / "export-article-2026-11-21.json"
    target.write_text("old", encoding="utf-8")
    app = export_host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        export_screen = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is export_screen and app.results == []
        assert "exists" in str(export_screen.query_one("#error", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [ExportRequest("json", "article", target, True)]
    assert target.read_text(encoding="utf-8") == "old"  # the dialog never writes


async def test_export_rejects_a_folder_and_an_empty_path(tmp_path: Path) -> None:
    app = export_host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        path = app.screen.query_one("#path", Input)
        error = app.screen.query_one("#error", Static)
        path.value = str(tmp_path)
        await pilot.press("ctrl+s")
        assert "folder" in str(error.render())
        path.value = "  "
        await pilot.press("ctrl+s")
        assert "Choose a file" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


# -- snapshot ----------------------------------------------------------------


def test_snapshot_factcheck_dialog(snap_compare) -> None:  # type: ignore[no-untyped-def]
    existing = draft(
        kind=Kind.FACTCHECK,
        tags=("misleading", "ukraine"),
        note="Contradicts the 001 report.",
        claimant="Unnamed official",
        verdict="false",
        sources=(Source("https://example.org/report", "UN report"),),
    )
    app = annotation_host(existing, is_new=False, claimant_suggestions=["Unnamed official"])

    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=settle)
