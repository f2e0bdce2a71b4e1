"""Shared helpers for the TUI tests: a deterministic extractor, screen text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from reader.corpus import load_corpus
from reader.corpus.article import Article
from reader.corpus.loader import Corpus
from reader.entities.model import Entity, Label

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

_NAMES: dict[str, Label] = {
    "Blinken": Label.PERSON,
    "Putin": Label.PERSON,
    "Zelensky": Label.PERSON,
    "Biden": Label.PERSON,
    "Washington Post": Label.ORG,
    "NATO": Label.ORG,
    "Kremlin": Label.ORG,
    "Ukraine": Label.PLACE,
    "Russia": Label.PLACE,
    "Kursk": Label.PLACE,
    "Donbas": Label.PLACE,
    "2022": Label.DATE,
    "2023": Label.DATE,
    "2024": Label.DATE,
    "400 square miles": Label.QUANTITY,
}
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(n) for n in _NAMES) + r")\b")


def fake_entities(article: Article) -> list[Entity]:
    """A fixed, deterministic stand-in for the real extractor."""
    return [
        Entity(m.start(), m.end(), m.group(), _NAMES[m.group()], key=m.group())
        for m in _PATTERN.finditer(article.text)
    ]


def seeds() -> Corpus:
    return load_corpus(SEEDS)


def corpus_of(root: Path, files: dict[str, str]) -> Corpus:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return load_corpus(root)


def screen_lines(app: App[object]) -> list[str]:
    """The text of every row of the screen as drawn (with modal backgrounds)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app))


async def wait_until(
    pilot: Pilot[object], predicate: Callable[[], bool], timeout: float = 15.0
) -> None:
    """Pause until `predicate()` holds (fails the test after `timeout` s)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


def _counts_done(app: App[object]) -> bool:
    from reader.tui.widgets.entity_panel import EntityPanel

    panels = app.screen.query(EntityPanel)
    return all("…" not in p.row_text(row) for p in panels for row in range(p.row_count))


async def settle(pilot: Pilot[object], counts: bool = False) -> None:
    """Let workers (entity extraction, indexes) finish and the screen redraw.
    With `counts`, also wait for the cross-article counts, which start a
    moment after an article opens."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    if counts:
        await wait_until(pilot, lambda: _counts_done(pilot.app))
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def after_pane_size(rows: int, cols: int, command: str) -> str:
    """A shell line that waits until the tmux pane really is rows x cols, then runs
    `command`. A detached session can be resized after its first process starts;
    an app that reads the size before that (and misses the SIGWINCH under load)
    would draw at 80x24."""
    return f'until [ "$(stty size)" = "{rows} {cols}" ]; do sleep 0.05; done; {command}'


def terminal_env(**extra: str) -> dict[str, str]:
    """The environment for a real terminal session: ours without TMUX, and without
    COLUMNS/LINES (pytest's environment sets them to 80x24, and the app would read
    those instead of the terminal's real size)."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS", "LINES")}
    env.update(extra)
    return env


def installed_reader() -> list[str]:
    """The `reader` console script beside this Python, else `python -m reader`."""
    exe = Path(sys.executable).with_name("reader")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]


class TmuxReader:
    """The installed `reader` on a copy of the seeds (its db under `tmp_path`)
    in a detached tmux session of 120x40, on a server of its own; `kill()` ends
    it. The caller skips the test when tmux is not installed."""

    def __init__(self, tmp_path: Path, name: str) -> None:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for path in SEEDS.iterdir():
            shutil.copy(path, corpus / path.name)
        self.db = tmp_path / "data" / "annotations.json"
        self.session = f"reader-{name}-{os.getpid()}"
        self.tmux = ["tmux", "-L", self.session]
        command = " ".join([*installed_reader(), str(corpus), "--db", str(self.db)])
        env = terminal_env(READER_CONFIG=str(tmp_path / "none.toml"))
        config = ["-e", f"READER_CONFIG={env['READER_CONFIG']}"]
        run = after_pane_size(40, 120, f"{command}; echo EXITED-$?; sleep 30")
        size = ["-x", "120", "-y", "40"]
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.session, *size, *config, run],
            check=True,
            env=env,
        )

    def pane(self, colours: bool = False) -> str:
        """What the pane shows (with colours: their escape sequences too)."""
        flags = ["-e", "-p"] if colours else ["-p"]
        return subprocess.run(
            [*self.tmux, "capture-pane", *flags, "-t", self.session],
            capture_output=True,
            text=True,
        ).stdout

    def keys(self, *names: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.session, *names], check=True)

    def resize(self, width: int, height: int) -> None:
        subprocess.run(
            [*self.tmux, "resize-window", "-t", self.session, "-x", str(width), "-y", str(height)]
        )

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def wait_for(ok: Callable[[], bool], seconds: float = 20) -> bool:
    """Poll `ok` every 0.3 s until it holds or `seconds` pass; its last answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ok():
            return True
        time.sleep(0.3)
    return ok()


def no_neighbour_prefetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens prepare no neighbour's entities from their construction on, so
    the prefetch timer (0.3 s after the start's highlight) cannot run first on
    a loaded machine, as it can when a test turns it off once the app runs."""
    from reader.tui.screens.neighbour_entities import NeighbourEntities

    monkeypatch.setattr(NeighbourEntities, "prefetch_entities", False)
