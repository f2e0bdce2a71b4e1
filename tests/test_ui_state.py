"""The theme chosen is remembered beside the database and used from the
first frame of the next run; a damaged or odd state file means the default
theme, never a crash; no database, nothing kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.ui_state import STATE_NAME, remember_theme, remembered_theme, state_path
from tests.annotation_support import make_app
from tests.tui_support import settle

pytestmark = pytest.mark.usefixtures("no_user_config")


def test_saved_and_read_back(tmp_path: Path) -> None:
    path = state_path(tmp_path / "annotations.json")
    assert path == tmp_path / STATE_NAME
    assert remembered_theme(path) is None  # nothing saved yet
    assert remember_theme(path, "textual-light")
    assert remembered_theme(path) == "textual-light"
    assert [p.name for p in tmp_path.iterdir()] == [STATE_NAME]  # no temp file left
    assert state_path(None) is None and remembered_theme(None) is None
    assert not remember_theme(None, "nord")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"[1, 2]",
        b'{"theme": 3}',
        b'{"theme": ""}',
        b"\xff\xfe\x00",
        b'{"theme": "' + b"x" * 5000 + b'"}',
    ],
)
def test_a_damaged_file_means_no_theme(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / STATE_NAME
    path.write_bytes(content)
    assert remembered_theme(path) is None


def test_an_unwritable_place_is_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert not remember_theme(blocked / STATE_NAME, "nord")  # its folder is a file


async def test_the_next_run_starts_in_the_theme_chosen(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        default = app.theme
        app.theme = "textual-light" if default != "textual-light" else "nord"
        chosen = app.theme
        await pilot.pause()
    again = make_app(corpus_root, db)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == chosen
        assert again.screen.styles.background == again.current_theme.to_color_system().background


async def test_an_unknown_theme_in_the_file_starts_in_the_default(
    corpus_root: Path, db: Path
) -> None:
    (db.parent / STATE_NAME).write_text('{"theme": "no-such-theme"}')
    app = make_app(corpus_root, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
