"""Annotating with the installed `reader` in a real terminal (tmux): keys in,
the database file checked from outside, undo, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from tests.tui_support import SEEDS, after_pane_size, terminal_env


def _reader_command() -> list[str]:
    exe = Path(sys.executable).with_name("reader")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]


def _notes(db: Path) -> list[str]:
    if not db.exists():
        return []
    with AnnotationStore.open(db, read_only=True) as store:
        return [a.note for a in store.all()]


@pytest.mark.tmux
def test_annotate_undo_and_quit_in_a_real_terminal(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, corpus / path.name)
    db = tmp_path / "data" / "annotations.json"
    session = f"reader-notes-{os.getpid()}"
    tmux = ["tmux", "-L", session]
    command = " ".join([*_reader_command(), str(corpus), "--db", str(db)])
    env = terminal_env()
    env["READER_CONFIG"] = str(tmp_path / "none.toml")
    size = ["-x", "120", "-y", "40"]
    config = ["-e", f"READER_CONFIG={env['READER_CONFIG']}"]
    run = after_pane_size(40, 120, f"{command}; echo EXITED-$?; sleep 30")
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, *size, *config, run], check=True, env=env
    )

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
        ).stdout

    def wait(ok: Callable[[], bool], seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if ok():
                return True
            time.sleep(0.3)
        return ok()

    def keys(*names: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *names], check=True)

    try:
        assert wait(lambda: "Set Stage for" in screen() and "Notes" in screen()), screen()
        keys("Enter")  # open the first article: the focus moves to the text
        time.sleep(0.5)
        keys("j", "j", "w", "s", "a")
        assert wait(lambda: "ctrl+s save" in screen()), screen()
        keys("-l", "typed in tmux")
        keys("C-s")
        assert wait(lambda: _notes(db) == ["typed in tmux"]), (_notes(db), screen())
        assert wait(lambda: "typed in tmux" in screen())  # the notes panel
        keys("u")
        assert wait(lambda: _notes(db) == []), screen()
        keys("q")
        assert wait(lambda: "EXITED-0" in screen()), screen()
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
