"""In a real terminal (tmux): after the note dialog closes (cancelled, then
saved), the pane shows byte for byte what a full repaint of the screen shows
(forced by resizing the window and back), colours included."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.tui_support import TmuxReader, wait_for


@pytest.mark.tmux
def test_a_closed_dialog_leaves_what_a_full_repaint_draws(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    reader = TmuxReader(tmp_path, "uncover")
    keys = reader.keys

    def pane() -> str:  # with the colours (escape sequences)
        return reader.pane(colours=True)

    def settled() -> str:
        """The pane once it stopped changing."""
        last = pane()
        for _ in range(40):
            time.sleep(0.4)
            now = pane()
            if now == last:
                return now
            last = now
        return last

    def repainted() -> str:
        """The pane after a full repaint (the window resized and back)."""
        for width in (100, 120):
            reader.resize(width, 40)
            time.sleep(0.6)
        return settled()

    try:
        assert wait_for(lambda: "Set Stage for" in pane() and "Notes" in pane()), pane()
        keys("Enter")  # open the first article: the focus moves to the text
        time.sleep(0.5)
        keys("j", "j", "w", "s", "a")
        assert wait_for(lambda: "ctrl+s save" in pane()), pane()
        keys("-l", "thrown away")
        keys("Escape")
        assert wait_for(lambda: "ctrl+s save" not in pane()), pane()
        closed = settled()
        assert closed == repainted()
        keys("s", "a")
        assert wait_for(lambda: "ctrl+s save" in pane()), pane()
        keys("-l", "kept in tmux")
        keys("C-s")
        assert wait_for(lambda: "kept in tmux" in pane() and "Saved note" not in pane()), pane()
        closed = settled()
        assert "kept in tmux" in closed
        assert closed == repainted()
        keys("q")
        assert wait_for(lambda: "EXITED-0" in pane()), pane()
    finally:
        reader.kill()
