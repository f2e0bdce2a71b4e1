"""`reader FOLDER` on a folder with no readable article says so and what to
do (found by hand: it showed only "No article" and "The corpus is empty")."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import Corpus, iter_corpus
from reader.tui.app import ReaderApp
from tests.tui_support import fake_entities, screen_text, wait_until


def app_on(root: Path) -> ReaderApp:
    return ReaderApp(
        corpus=Corpus(root=root), db_path=None, extractor=fake_entities, source=iter_corpus(root)
    )


def flat(app: ReaderApp) -> str:
    """The screen's text with borders and runs of spaces squeezed out."""
    text = "".join(ch if ch.isalnum() or ch in " .,:/()_-" else " " for ch in screen_text(app))
    return " ".join(text.split())


async def test_an_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await wait_until(pilot, lambda: "No articles" in flat(app))
        text = flat(app)
        assert f"No articles in {tmp_path}" in text
        assert "reads the .txt and .md files" in text
        assert "q quits" in text and "reader FOLDER" in text
        assert "could not be read" not in text


async def test_a_folder_of_unreadable_files_points_at_the_warnings(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    app = app_on(tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await wait_until(pilot, lambda: "No articles" in flat(app))
        assert "2 files could not be read" in flat(app)
