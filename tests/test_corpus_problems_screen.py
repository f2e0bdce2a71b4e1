"""Palette "Corpus problems": every file that was skipped or read with a
caveat, listed in full (the start-up toast shows three), names shown as
plain text; with none, a note says every file was read."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Static

from reader.corpus import load_corpus
from reader.tui.screens.problems_screen import CorpusProblemsScreen
from tests.test_tui_app import SIZE, make_app, settle
from tests.tui_support import wait_until

GOOD = "A Headline\n\nThe minister said the border was closed on Monday.\n"


def corpus_with_problems(root: Path) -> Path:
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    for n in range(5):
        (root / f"binary{n}.txt").write_bytes(b"\x00\x01\x02 binary " * 20)
    (root / "empty.txt").write_text("")
    (root / "evil\x1b[31m[bold]x.txt").write_bytes(b"\x00\x00 also binary")
    return root


async def open_problems(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*"corpus problems")
    await pilot.pause(0.3)
    await pilot.press("enter")


async def test_every_problem_is_listed_as_plain_text(tmp_path: Path) -> None:
    corpus = load_corpus(corpus_with_problems(tmp_path / "corpus"))
    assert len(corpus.problems) == 7
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_problems(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, CorpusProblemsScreen))
        await pilot.pause()
        shown = str(app.screen.query_one("#problems-list", Static).render())
        for n in range(5):
            assert f"binary{n}.txt" in shown
        assert "empty.txt" in shown
        assert "\x1b" not in shown and "[bold]x.txt" in shown  # plain, never markup
        assert shown.count("(skipped)") + shown.count("(loaded)") == 7
        assert "7 files" in str(app.screen.query_one("VerticalScroll").border_title)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CorpusProblemsScreen))


async def test_with_no_problem_it_says_every_file_was_read(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    app = make_app(load_corpus(root))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_problems(pilot)
        await wait_until(
            pilot, lambda: any("was read" in str(n.message) for n in app._notifications)
        )
        assert not isinstance(app.screen, CorpusProblemsScreen)
