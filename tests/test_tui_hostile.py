"""Untrusted article text: markup shows as typed, escapes never reach the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from tests.tui_support import (
    after_pane_size,
    corpus_of,
    fake_entities,
    installed_reader,
    screen_text,
    settle,
    terminal_env,
    wait_until,
)

MARKUP_TITLE = "[bold red]x[/] [@click=app.quit]quit me[/] [link=https://evil.example]l[/link]"
ESCAPES = (
    "red \x1b[31mRED\x1b[0m "
    "clip \x1b]52;c;SGVsbG8=\x07 "
    "link \x1b]8;;https://evil.example\x1b\\EVIL\x1b]8;;\x1b\\ "
    "csi8 \x9b2J "
    "bidi \u202eevil\u202c zw a\u200bb"
)
HOSTILE = f"{MARKUP_TITLE}\n\nBody [b]not bold[/b] {ESCAPES}\n\nUkraine and Russia.\n"


def hostile_files() -> dict[str, str]:
    return {"000_hostile.txt": HOSTILE, "001_plain.txt": "Plain title\n\nUkraine.\n"}


async def test_markup_in_title_and_body_is_shown_literally(tmp_path: Path) -> None:
    app = ReaderApp(corpus=corpus_of(tmp_path, hostile_files()), extractor=fake_entities)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]x[/]" in text  # header and sidebar show the brackets
        assert "[@click=app.quit]quit me[/]" in text
        assert "[b]not bold[/b]" in text
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert "␛[31mRED" in text  # the escape is shown as a control picture
        assert "\u202e" not in text and "\u200b" not in text


async def test_clicking_a_click_markup_title_does_nothing(tmp_path: Path) -> None:
    app = ReaderApp(corpus=corpus_of(tmp_path, hostile_files()), extractor=fake_entities)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        rows = screen_text(app).splitlines()
        hits = [(x, y) for y, row in enumerate(rows) for x in [row.find("quit me")] if x >= 0]
        assert len(hits) >= 2  # sidebar row and header title
        for x, y in hits:
            await pilot.click(offset=(x + 2, y))
            await pilot.pause()
            assert app.is_running and app.return_code is None
        assert app.screen.query_one("#article").text.startswith(MARKUP_TITLE)


async def test_notifications_with_article_text_are_not_markup(tmp_path: Path) -> None:
    def broken(article):  # type: ignore[no-untyped-def]
        raise ValueError(article.title.value)

    app = ReaderApp(corpus=corpus_of(tmp_path, hostile_files()), extractor=broken)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")))  # mounts later
        toasts = list(app.screen.query("Toast"))
        assert toasts
        toast_text = "".join(
            screen_text(app).splitlines()[y][toasts[0].region.x : toasts[0].region.right]
            for y in range(toasts[0].region.y, toasts[0].region.bottom)
        )
        assert "[@click=app.quit]quit" in toast_text  # the exception text, literally
        assert app.is_running


async def test_hostile_title_in_the_command_palette_is_literal(tmp_path: Path) -> None:
    app = ReaderApp(corpus=corpus_of(tmp_path, hostile_files()), extractor=fake_entities)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bold red")
        shown = "Open: [bold red]x[/] [@click=app.quit]quit me[/]"
        await wait_until(pilot, lambda: shown in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None


# -- the bytes that reach a real terminal ---------------------------------------------


def _read_until(fd: int, deadline: float, stop: bytes | None = None) -> bytes:
    out = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if stop and stop in out:
                break
    return out


def test_no_article_escape_reaches_the_pty(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    corpus_of(corpus, hostile_files())
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    env = terminal_env(TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("TEXTUAL", None)
    proc = subprocess.Popen(
        [*installed_reader(), str(corpus), "--db", str(tmp_path / "db.json")],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
    )
    os.close(slave)
    try:
        out = _read_until(master, time.monotonic() + 20, stop=b"quit me")
        out += _read_until(master, time.monotonic() + 2)
        os.write(master, b"q")
        out += _read_until(master, time.monotonic() + 10)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(master)
    assert b"quit me" in out, out[-2000:]
    assert proc.returncode == 0
    assert b"\x1b]52" not in out  # no clipboard write
    assert b"\x1b]8;;https://evil" not in out  # no hyperlink from the article
    assert b"\x1b[31mRED" not in out  # the article's own CSI never reaches the terminal
    assert "␛[31mRED".encode() in out  # ...it is drawn as visible text instead
    assert "\u202e".encode() not in out and "\u200b".encode() not in out
    assert b"\xc2\x9b" not in out  # C1 CSI


@pytest.mark.tmux
def test_installed_reader_in_tmux_shows_the_first_seed_and_quits() -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    repo = Path(__file__).resolve().parent.parent
    session = f"reader-test-{os.getpid()}"
    tmux = ["tmux", "-L", session]  # a private server: others' tmux use cannot disturb it
    command = after_pane_size(
        40, 120, " ".join(installed_reader()) + "; echo READER-EXITED-$?; sleep 30"
    )
    subprocess.run(
        [
            *tmux,
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            str(repo),
            command,
        ],
        check=True,
        env=terminal_env(),
    )
    try:
        screen = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (
            "Set Stage for" in screen and "Articles 5 " in screen
        ):
            time.sleep(0.3)
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
        assert "Ukraine’s Offensive Could Set Stage for" in screen
        assert "Articles 5" in screen
        # typed in one burst, as a fast typist would: every key lands in the filter
        subprocess.run([*tmux, "send-keys", "-t", session, "/kursk"], check=True)
        seeds = load_corpus(repo / "seeds").articles
        wanted = f"Articles {sum('kursk' in a.text.lower() for a in seeds)}/5"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and wanted not in screen:
            time.sleep(0.2)
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
        assert wanted in screen
        subprocess.run([*tmux, "send-keys", "-t", session, "Escape"], check=True)
        time.sleep(0.5)  # an escape followed at once by a key reads as alt+key
        subprocess.run([*tmux, "send-keys", "-t", session, "q"], check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "READER-EXITED" not in screen:
            time.sleep(0.3)
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
        assert "READER-EXITED-0" in screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def test_reader_on_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    done = subprocess.run(
        [*installed_reader(), str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "not found" in done.stderr or "no such" in done.stderr.lower()
    assert "\x1b[" not in done.stdout  # the app never started
