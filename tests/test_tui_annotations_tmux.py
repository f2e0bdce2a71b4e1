"""Annotating with the installed `reader` in a real terminal (tmux): keys in,
the database file checked from outside, undo, quit."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from tests.tui_support import TmuxReader, wait_for


def _notes(db: Path) -> list[str]:
    if not db.exists():
        return []
    with AnnotationStore.open(db, read_only=True) as store:
        return [a.note for a in store.all()]


@pytest.mark.tmux
def test_annotate_undo_and_quit_in_a_real_terminal(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    reader = TmuxReader(tmp_path, "notes")
    db, screen, keys = reader.db, reader.pane, reader.keys
    try:
        assert wait_for(lambda: "Set Stage for" in screen() and "Notes" in screen()), screen()
        keys("Enter")  # open the first article: the focus moves to the text
        time.sleep(0.5)
        keys("j", "j", "w", "s", "a")
        assert wait_for(lambda: "ctrl+s save" in screen()), screen()
        keys("-l", "typed in tmux")
        keys("C-s")
        assert wait_for(lambda: _notes(db) == ["typed in tmux"]), (_notes(db), screen())
        assert wait_for(lambda: "typed in tmux" in screen())  # the notes panel
        keys("u")
        assert wait_for(lambda: _notes(db) == []), screen()
        keys("q")
        assert wait_for(lambda: "EXITED-0" in screen()), screen()
    finally:
        reader.kill()
