"""Writing annotations without holding up the interface, redrawing only
what a change touched, and undo/redo.

A mixin under AnnotatingScreen (which supplies `store`, `article`, `_say`,
`_refresh_notes` and `_unchecked`). Every change (add, update, delete,
re-attach, undo, redo) is a job in one queue: an async worker takes the jobs
in order and runs each store call in a single store thread, one at a time,
so the store's wait for its file lock (up to 10 s) and the durable write never
block the event loop. A change this screen makes (a note created, edited,
deleted, re-attached) is drawn when it is submitted, row by row
(one_change.py), so that the dialog's closing frame shows it; the panel says
"saving…" if the write takes long, and "Saved" is said only when the write
returned. When a call returns, the articles whose annotations changed
(`store.take_changed_articles`: this write's, and any another instance made
that the store merged) are redrawn, except a change drawn already that the
store holds exactly as drawn (`store.holds`); an undo/redo's one change is
drawn row by row then. A failed write is reported, the store has rolled back,
and the screen shows the store again (a change drawn at submission is taken
back).

Garbage collection is held off from a change's submission until it is drawn,
and the full collection is done at a quiet moment (gc_quiet.py), which keeps
the part of the heap later full collections walk small: a full collection in
the middle of a save was the slowest 5% of saves. While writes run, the
store thread gets the GIL back quickly (the switch interval), so its write is
not stretched by the drawing.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.timer import Timer

from reader.annotations.drafts import describe_change
from reader.annotations.errors import StoreError
from reader.tui.gc_quiet import GcHold, tidy
from reader.tui.screens.one_change import Drawn, OneChange
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:  # the store (TinyDB, filelock) is imported when a db is opened
    from reader.annotations.history import Change
    from reader.annotations.store import AnnotationStore

SAVING_AFTER = 0.3  # seconds a write may take before the notes panel says "saving…"
SETTLED_AFTER = 0.25  # s after a change is drawn before collections resume
MAX_HOLD = 2.0  # s: changes drawn one after the other hold collections off no longer
QUIET_AFTER = 4.0  # seconds without a change (and its toast gone) before collecting garbage
QUIET_TIDY_ABOVE = 10_000  # objects outside the frozen part worth a tidy when quiet
STORE_SWITCH = 0.0005  # s: the GIL comes back to the store thread this fast during writes


@dataclass
class WriteJob:
    """One store call, and what to do on the UI thread when it returned."""

    what: str  # for "Could not <what>"
    call: Callable[[], Any]  # runs in the store thread
    saved: Callable[[Any], None] | None = None  # with the call's result
    failed: Callable[[], None] | None = None  # after the error was shown
    drawn: Drawn | None = None  # the change, drawn when it was submitted (submit_drawn)
    draw: Callable[[Any], Drawn | None] | None = None  # draws what the call did (undo)


class NoteWrites(OneChange):
    """The write queue and the per-article redraw; see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.store: AnnotationStore | None = None
        self._jobs: deque[WriteJob] = deque()
        self._draining = False
        self._store_busy = False  # a store call is running in the store thread
        self._executor: ThreadPoolExecutor | None = None
        self._saving_timer: Timer | None = None
        self._gc = GcHold()
        self._quiet_timer: Timer | None = None
        self._release_timer: Timer | None = None
        self._held_since = 0.0
        # (can undo, can redo) as of the last look between writes: the footer
        # asks on every refresh, and asking the store during a write would
        # wait for the write (its lock).
        self._undo_redo = (False, False)
        self._switch = sys.getswitchinterval()  # restored when the writes are done

    def history_allows(self, undo: bool) -> bool:
        """Whether u (undo) or ctrl+r (redo) applies now, without asking the
        store: a queued change can be undone (the undo queues behind it), and
        leaves nothing to redo."""
        if undo:
            return self.writes_pending > 0 or self._undo_redo[0]
        return not self.writes_pending and self._undo_redo[1]

    def _look_at_history(self) -> None:
        """Read can_undo/can_redo (only between writes: no wait on the store)."""
        store = self.store
        if store is not None and not self._store_busy:
            history = (store.can_undo, store.can_redo)
            if history != self._undo_redo:
                self._undo_redo = history
                self.refresh_bindings()

    @property
    def writes_pending(self) -> int:
        """Jobs queued or running (0: everything the user did is on disk)."""
        return len(self._jobs) + (1 if self._draining else 0)

    def submit(
        self,
        what: str,
        call: Callable[[], Any],
        saved: Callable[[Any], None] | None = None,
        failed: Callable[[], None] | None = None,
        draw: Callable[[Any], Drawn | None] | None = None,
    ) -> WriteJob | None:
        """Queue a store call (see WriteJob); jobs run in the order submitted.
        With no job running, the store thread starts it at once. None: no
        store (said so)."""
        if self.store is None:
            self.notify("Notes cannot be saved: no annotation database", severity="error")
            return None
        job = WriteJob(what, call, saved, failed, None, draw)
        if self._draining:
            self._jobs.append(job)
            return job
        allowed = self._history_keys()
        self._draining = True
        if not self._gc.held:
            self._gc.hold()  # released once the change is drawn and settled
            self._held_since = time.monotonic()
        self._saving_timer = self.set_timer(SAVING_AFTER, self._show_saving)
        # The store thread needs the GIL back after each of its system calls
        # (write, fsync, rename...): with the default 5 ms switch interval and
        # the UI thread drawing, a 10 ms write took 30-60 ms.
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, STORE_SWITCH))
        self.run_worker(self._drain(job, self._start(job)), group="note-writes")
        if self._history_keys() != allowed:
            self.refresh_bindings()  # undo applies to the queued change
        return job

    def _history_keys(self) -> tuple[bool, bool]:
        """Whether undo and redo apply now: the footer is asked to look again
        only when a write starting or ending changes them (it walks every key)."""
        return self.history_allows(True), self.history_allows(False)

    def submit_drawn(
        self,
        what: str,
        call: Callable[[], Any],
        draw: Callable[[], Drawn | None],
        saved: Callable[[Any], None] | None = None,
        failed: Callable[[], None] | None = None,
    ) -> Drawn | None:
        """Submit a change and draw it now (`draw`: OneChange.draw_change), the
        store call started first, so that its disk write runs while the
        change and the closing dialog are drawn. None: not drawn (or no store)."""
        job = self.submit(what, call, saved, failed)
        if job is None:
            return None
        job.drawn = draw()
        return job.drawn

    def _start(self, job: WriteJob) -> asyncio.Future[Any]:
        """Run `job.call` in the store thread, now."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="reader-store")
        self._store_busy = True
        return asyncio.get_running_loop().run_in_executor(self._executor, job.call)

    async def _drain(self, job: WriteJob, running: asyncio.Future[Any]) -> None:
        try:
            while True:
                error: str | None = None
                try:
                    result = await running
                except StoreError as exc:
                    error = str(exc)
                except Exception as exc:  # a bug in a write must not end the app
                    error = f"{type(exc).__name__}: {exc}"
                finally:
                    self._store_busy = False
                if error is not None:
                    self._write_failed(job, error)
                else:
                    self._written(job, result)
                    if job.saved is not None:
                        job.saved(result)
                if not self._jobs:
                    break
                job = self._jobs.popleft()
                running = self._start(job)
        finally:
            sys.setswitchinterval(self._switch)
            allowed = self._history_keys()
            self._store_busy = self._draining = False  # jobs left: closing (on_unmount)
            if self._saving_timer is not None:
                self._saving_timer.stop()
                self._saving_timer = None
            self._set_saving(False)
            if self._history_keys() != allowed:
                self.refresh_bindings()
            # after the frame that shows the change (and whatever waits for it)
            self.call_after_refresh(self.call_later, self._drawn)

    def _drawn(self) -> None:
        """The change is on screen: collections may run again once its redraw
        settled (the closing dialog's last frames); tidy when quiet."""
        if self._release_timer is not None:
            self._release_timer.stop()
        if time.monotonic() - self._held_since > MAX_HOLD:  # changes in a row: not for ever
            self._settled()
        else:
            self._release_timer = self.set_timer(SETTLED_AFTER, self._settled)
        if self._quiet_timer is not None:
            self._quiet_timer.stop()
        self._quiet_timer = self.set_timer(QUIET_AFTER, self._quiet)

    def _settled(self) -> None:
        self._release_timer = None
        while self._gc.held and not self._draining:
            self._gc.release()

    def _quiet(self) -> None:
        """No change for QUIET_AFTER seconds: a full collection, survivors
        frozen (gc_quiet.tidy), unless a write, a dialog or a toast is there:
        frozen while alive, their cycles would never be collected (tidying
        right after each save, with its toast and the closing dialog, grew the
        process by 0.3 MB a save). Then after the next change."""
        self._quiet_timer = None
        busy = self._draining or self._gc.held or self.app.screen is not self
        # (App has no public count of the notifications shown)
        if not busy and not len(self.app._notifications):
            tidy(QUIET_TIDY_ABOVE)

    def _written(self, job: WriteJob, result: Any) -> None:
        """A write returned: redraw what the screen does not show as stored.
        A change drawn at submission (or by `job.draw`, for an undo) that the
        store holds as drawn is not drawn again; anything else is."""
        store = self.store
        if store is None:
            return
        self._look_at_history()
        touched = store.take_changed_articles()
        drawn = job.drawn
        if drawn is None and job.draw is not None and len(touched) <= 1:
            drawn = job.draw(result)
        if drawn is not None:
            if touched <= {drawn.article_id} and store.holds(drawn.article_id, drawn.annotations):
                touched.discard(drawn.article_id)  # on screen already
            else:
                touched.add(drawn.article_id)  # e.g. another instance's change merged
        self.articles_changed(touched)

    def _write_failed(self, job: WriteJob, message: str) -> None:
        self._say(message, title=f"Could not {job.what}", severity="error", timeout=10)  # type: ignore[attr-defined]
        # the store rolled back: show what it holds (a change drawn at
        # submission is taken back)
        if self.store is not None:
            self._look_at_history()
            touched = self.store.take_changed_articles()
            if job.drawn is not None:
                touched.add(job.drawn.article_id)
            self.articles_changed(touched)
        if job.failed is not None:
            job.failed()

    def _show_saving(self) -> None:
        self._set_saving(self._draining)

    def _set_saving(self, on: bool) -> None:
        with contextlib.suppress(NoMatches):
            panel = self.query_one("#notes", NotesPanel)
            text = "saving…" if on else ""
            if panel.border_subtitle != text:
                panel.border_subtitle = text

    def on_unmount(self) -> None:
        """The app is closing: the running write and the queued ones finish
        first, in order (what the user saved is on disk when the app is gone)."""
        while self._gc.held:
            self._gc.release()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        while self._jobs:
            job = self._jobs.popleft()
            try:
                job.call()
            except Exception as exc:  # no screen left to show it on
                print(f"reader: could not {job.what}: {exc}", file=sys.stderr)

    # -- undo / redo (u, ctrl+r: bound in AnnotatingScreen) ---------------------------

    def action_undo(self) -> None:
        self._step(undo=True)

    def action_redo(self) -> None:
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        if self.store is None:
            return
        call = self.store.undo if undo else self.store.redo
        what = "undo" if undo else "redo"
        self.submit(what, call, partial(self._stepped, undo), draw=partial(self._draw_step, undo))

    def _draw_step(self, undo: bool, change: Change | None) -> Drawn | None:
        """Draw the one change an undo (`undo`) or a redo made, if it is the
        open article's (see OneChange.draw_change)."""
        if change is None:
            return None
        before, after = (change.after, change.before) if undo else (change.before, change.after)
        return self.draw_change(before, after)

    def _stepped(self, undo: bool, change: Change | None) -> None:
        if change is None:
            self.notify("Nothing to undo" if undo else "Nothing to redo", timeout=2)
            return
        message = describe_change(change, undone=undo)
        touched = change.after or change.before
        article = self.article  # type: ignore[attr-defined]
        if touched is not None and (article is None or touched.article_id != article.id):
            message += f" (in {touched.article_id})"  # another article: say which, stay here
        self._say(message, timeout=4)  # type: ignore[attr-defined]

    # -- the poll -------------------------------------------------------------------

    def poll_store(self) -> None:
        """Show changes another instance made to the file (a stat when none)."""
        if self.store is None or self._draining:
            return
        if self.store.changed_on_disk():
            self.submit("read the annotation database", self.store.refresh)
        else:  # a read may have picked them up already
            self.show_store_changes()

    # -- redrawing what changed -----------------------------------------------------

    def show_store_changes(self) -> None:
        """Redraw the articles whose annotations changed since the last call."""
        if self.store is not None:
            self._look_at_history()
            self.articles_changed(self.store.take_changed_articles())

    def articles_changed(self, article_ids: Iterable[str]) -> None:
        """Redraw what shows the annotations of `article_ids`: the open article's
        highlights and notes panel if it is one, their sidebar rows and triage notes."""
        store = self.store
        ids = set(article_ids)
        if store is None or not ids:
            return
        unchecked: dict[str, Any] = self._unchecked  # type: ignore[attr-defined]
        for article_id in ids:
            unchecked.pop(article_id, None)
        article = self.article  # type: ignore[attr-defined]
        if article is not None and article.id in ids:
            self._refresh_notes()  # type: ignore[attr-defined]
        sidebar = self.query_one(ArticleList)
        screen_counts: dict[str, int] = getattr(self, "note_counts", {})
        for article_id in ids:
            counts = store.counts_for(article_id)
            sidebar.set_counts(article_id, counts.notes, counts.open_factchecks)
            screen_counts[article_id] = counts.notes  # for rows added later (streaming)
        self.refresh_triage_notes(ids)  # type: ignore[attr-defined]
