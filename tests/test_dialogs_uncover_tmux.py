"""In a real terminal (tmux): after the note dialog closes (cancelled, then
saved), the pane shows byte for byte what a full repaint of the screen shows
(forced by resizing the window and back), colours included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tui_support import SEEDS, after_pane_size, terminal_env


def _reader_command() -> list[str]:
    exe = Path(sys.executable).with_name("reader")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]


@pytest.mark.tmux
def test_a_closed_dialog_leaves_what_a_full_repaint_draws(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, corpus / path.name)
    db = tmp_path / "data" / "annotations.json"
    session = f"reader-uncover-{os.getpid()}"
    tmux = ["tmux", "-L", session]
    command = " ".join([*_reader_command(), str(corpus), "--db", str(db)])
    env = terminal_env()
    env["READER_CONFIG"] = str(tmp_path / "none.toml")
    config = ["-e", f"READER_CONFIG={env['READER_CONFIG']}"]
    run = after_pane_size(40, 120, f"{command}; echo EXITED-$?; sleep 30")
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", *config, run],
        check=True,
        env=env,
    )

    def pane() -> str:  # with the colours (escape sequences)
        return subprocess.run(
            [*tmux, "capture-pane", "-e", "-p", "-t", session], capture_output=True, text=True
        ).stdout

    def wait(ok: Callable[[], bool], seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if ok():
                return True
            time.sleep(0.3)
        return ok()

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
        for width in ("100", "120"):
            subprocess.run([*tmux, "resize-window", "-t", session, "-x", width, "-y", "40"])
            time.sleep(0.6)
        return settled()

    def keys(*names: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *names], check=True)

    try:
        assert wait(lambda: "Set Stage for" in pane() and "Notes" in pane()), pane()
        keys("Enter")  # open the first article: the focus moves to the text
        time.sleep(0.5)
        keys("j", "j", "w", "s", "a")
        assert wait(lambda: "ctrl+s save" in pane()), pane()
        keys("-l", "thrown away")
        keys("Escape")
        assert wait(lambda: "ctrl+s save" not in pane()), pane()
        closed = settled()
        assert closed == repainted()
        keys("s", "a")
        assert wait(lambda: "ctrl+s save" in pane()), pane()
        keys("-l", "kept in tmux")
        keys("C-s")
        assert wait(lambda: "kept in tmux" in pane() and "Saved note" not in pane()), pane()
        closed = settled()
        assert "kept in tmux" in closed
        assert closed == repainted()
        keys("q")
        assert wait(lambda: "EXITED-0" in pane()), pane()
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
