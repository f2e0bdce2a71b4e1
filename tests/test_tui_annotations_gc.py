"""Garbage collection around annotation writes (gc_quiet.py, note_writes.py):
held off while a change is written and drawn, always turned back on (also
after a failed write), and the full collection done at a quiet moment."""

from __future__ import annotations

import errno
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import filelock
import pytest

from reader.annotations import storage
from reader.tui.dialogs import AnnotationDialog
from reader.tui.gc_quiet import GcHold, tidy, young_objects
from reader.tui.screens import note_writes
from reader.tui.widgets.notes_panel import NotesPanel
from tests.annotation_support import annotate_sentence, landed, make_app
from tests.tui_support import settle, wait_until

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")


@pytest.fixture(autouse=True)
def gc_back_on() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


def test_holds_nest_and_the_last_release_turns_collection_back_on() -> None:
    hold = GcHold()
    hold.release()  # nothing held: nothing happens
    assert gc.isenabled()
    hold.hold()
    hold.hold()
    assert not gc.isenabled() and hold.held
    hold.release()
    assert not gc.isenabled()
    hold.release()
    assert gc.isenabled() and not hold.held


def test_a_hold_leaves_collection_off_if_someone_else_turned_it_off() -> None:
    gc.disable()
    hold = GcHold()
    hold.hold()
    hold.release()
    assert not gc.isenabled()


def test_tidy_collects_and_freezes_only_when_the_young_part_is_big() -> None:
    frozen = gc.get_freeze_count()
    assert not tidy(above=10**9)
    assert gc.get_freeze_count() == frozen
    cycle: list[object] = []
    cycle.append(cycle)  # garbage only a collection frees
    del cycle
    assert tidy(above=0)
    assert gc.get_freeze_count() > frozen
    assert young_objects() < 1000  # the survivors are frozen
    gc.disable()
    assert not tidy(above=0)  # someone turned collection off: left alone


async def test_collection_is_off_while_a_write_waits_and_on_once_it_is_drawn(
    corpus_root: Path, db: Path
) -> None:
    switch = sys.getswitchinterval()
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await settle(pilot)
        other = filelock.FileLock(str(db) + ".lock")  # the write waits for it
        other.acquire()
        try:
            await annotate_sentence(pilot)
            await pilot.press(*"held", "ctrl+s")
            await wait_until(pilot, lambda: app.screen is screen)
            assert screen.writes_pending == 1  # type: ignore[attr-defined]
            assert not gc.isenabled()
            assert sys.getswitchinterval() == note_writes.STORE_SWITCH  # the store thread's turn
        finally:
            other.release()
        await landed(pilot)
        await wait_until(pilot, gc.isenabled)
        assert sys.getswitchinterval() == switch
        assert [n.annotation.note for n in screen.query_one(NotesPanel).notes] == ["held"]


async def test_collection_comes_back_after_a_failed_write(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage, "atomic_write_bytes", full)
        await pilot.press("enter")
        await settle(pilot)
        await annotate_sentence(pilot)
        await pilot.press(*"lost", "ctrl+s")
        await landed(pilot)
        assert any("No space left" in str(n.message) for n in app._notifications)
        await wait_until(pilot, gc.isenabled)


async def test_tidying_waits_for_a_quiet_moment_without_a_dialog_or_a_toast(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tidied: list[tuple[bool, int]] = []  # (collection on, threshold)
    monkeypatch.setattr(note_writes, "QUIET_AFTER", 60)
    monkeypatch.setattr(note_writes, "tidy", lambda above: tidied.append((gc.isenabled(), above)))
    quiet = (True, note_writes.QUIET_TIDY_ABOVE)
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await settle(pilot)
        await annotate_sentence(pilot)
        await pilot.press(*"one", "ctrl+s")
        await landed(pilot)
        assert screen._quiet_timer is not None  # type: ignore[attr-defined]
        assert len(app._notifications)  # "Saved …"
        screen._quiet()  # type: ignore[attr-defined]  # the time came with the toast shown
        assert tidied == []
        app.clear_notifications()
        await pilot.press("A")  # a note on the whole article
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        screen._quiet()  # type: ignore[attr-defined]  # ... with a dialog open
        assert tidied == []
        monkeypatch.setattr(note_writes, "QUIET_AFTER", 0.3)  # for the timer the next save sets
        await pilot.press(*"two", "ctrl+s")
        await landed(pilot)
        assert app.screen is screen
        app.clear_notifications()
        await wait_until(pilot, lambda: bool(tidied))
        assert tidied == [quiet]  # once, with collection on


async def test_changes_in_a_row_do_not_hold_collection_off_for_ever(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(note_writes, "SETTLED_AFTER", 60)
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        await pilot.press(*"one", "ctrl+s")
        await landed(pilot)
        assert not gc.isenabled()  # held until the change settles (60 s here)
        monkeypatch.setattr(note_writes, "MAX_HOLD", 0.0)  # ... or it was held too long
        await pilot.press("u")  # another change
        await landed(pilot)
        await wait_until(pilot, gc.isenabled)
        assert screen.store.all() == []  # type: ignore[attr-defined]
