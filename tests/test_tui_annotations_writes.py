"""The annotation write path in the app: writes off the event loop, in order;
each change redraws only its articles, and the sidebar always agrees with the
store (a wrong set of article ids would leave stale counts, silently)."""

from __future__ import annotations

import dataclasses
import errno
import threading
import time
from pathlib import Path

import filelock
import pytest

from reader.annotations import storage
from reader.annotations.model import Anchor, Annotation, Kind, Status
from reader.annotations.store import AnnotationStore
from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from reader.tui.dialogs import AnnotationDialog
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import NotesPanel
from tests.annotation_support import annotate_sentence, landed, make_app
from tests.tui_support import settle, wait_until

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")


def main_of(app: ReaderApp):  # type: ignore[no-untyped-def]
    """The main screen, under any dialog."""
    return next(s for s in app.screen_stack if hasattr(s, "writes_pending"))


def assert_sidebar_agrees(app: ReaderApp, db_path: Path) -> None:
    """Every article's sidebar counts (and the rows of those with notes) equal
    what a fresh store reads from the file."""
    sidebar = app.screen.query_one(ArticleList)
    with AnnotationStore.open(db_path, read_only=True) as fresh:
        truth = fresh.counts_by_article()
    for article in app.screen.articles:  # type: ignore[attr-defined]
        counts = truth.get(article.id)
        notes = counts.notes if counts else 0
        open_checks = counts.open_factchecks if counts else 0
        assert sidebar.note_counts.get(article.id, 0) == notes, article.id
        assert sidebar.open_counts.get(article.id, 0) == open_checks, article.id


def row_text(sidebar: ArticleList, article_id: str) -> str:
    """An article's sidebar row (the virtual sidebar has row_text; OptionList options)."""
    if hasattr(sidebar, "row_text"):
        return str(sidebar.row_text(article_id))
    return str(sidebar.get_option(article_id).prompt)


def note_on(article_id: str, text: str, start: int, **kw: object) -> Annotation:
    return Annotation(
        article_id,
        anchor=Anchor.from_text(text, start, start + 20, None),
        note="n",
        **kw,  # type: ignore[arg-type]
    )


async def test_sidebar_counts_follow_every_kind_of_change(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        first, second = screen.articles[0], screen.articles[1]  # type: ignore[attr-defined]
        # create (keys), a fact-check that is open
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "j", "j", "w", "s", "f")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        await pilot.press(*"claim", "ctrl+s")
        await landed(pilot)
        assert_sidebar_agrees(app, db)
        assert screen.query_one(ArticleList).open_counts[first.id] == 1
        # edit: the status changes the open count only
        [ann] = screen.store.for_article(first.id)  # type: ignore[attr-defined]
        screen.submit("save", lambda: screen.store.update(ann.edited(status=Status.DONE)))  # type: ignore[attr-defined]
        await landed(pilot)
        assert_sidebar_agrees(app, db)
        assert screen.query_one(ArticleList).open_counts[first.id] == 0
        # delete, undo, redo
        screen.delete(ann)  # type: ignore[attr-defined]
        await pilot.press("y")
        await landed(pilot)
        assert_sidebar_agrees(app, db)
        assert screen.query_one(ArticleList).note_counts.get(first.id, 0) == 0
        for key in ("u", "ctrl+r", "u"):
            await pilot.press(key)
            await landed(pilot)
            assert_sidebar_agrees(app, db)
        # another instance adds to another article: the poll picks it up
        with AnnotationStore.open(db) as other:
            other.add(note_on(second.id, second.text, 10))
        await wait_until(
            pilot, lambda: screen.query_one(ArticleList).note_counts.get(second.id) == 1
        )
        await landed(pilot)
        assert_sidebar_agrees(app, db)
        assert "1 note" in row_text(screen.query_one(ArticleList), second.id)


async def test_undo_and_redo_of_a_note_moved_between_articles_update_both_rows(
    corpus_root: Path, db: Path
) -> None:
    articles = load_corpus(corpus_root).articles
    a, b = articles[0], articles[3]
    note = note_on(a.id, a.text, 30)
    with AnnotationStore.open(db) as other:
        other.add(note)
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(ArticleList)
        assert sidebar.note_counts.get(a.id) == 1
        # another instance moves it to b (an edit; the undo history is shared)
        with AnnotationStore.open(db) as other:
            other.update(dataclasses.replace(note, article_id=b.id, updated="later"))
        await wait_until(pilot, lambda: sidebar.note_counts.get(b.id) == 1)
        await landed(pilot)
        assert sidebar.note_counts.get(a.id, 0) == 0
        assert_sidebar_agrees(app, db)
        await pilot.press("u")  # undo the move: back on a
        await landed(pilot)
        assert (sidebar.note_counts.get(a.id, 0), sidebar.note_counts.get(b.id, 0)) == (1, 0)
        assert_sidebar_agrees(app, db)
        # the open article (a) shows it again
        assert [n.annotation.id for n in app.screen.query_one(NotesPanel).notes] == [note.id]
        await pilot.press("ctrl+r")  # and moved again
        await landed(pilot)
        assert (sidebar.note_counts.get(a.id, 0), sidebar.note_counts.get(b.id, 0)) == (0, 1)
        assert_sidebar_agrees(app, db)
        assert app.screen.query_one(NotesPanel).notes == []


async def test_a_failed_write_is_reported_rolled_back_and_never_called_saved(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.screen.articles[0]  # type: ignore[attr-defined]

        def full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage, "atomic_write_bytes", full)
        await pilot.press("enter")
        await settle(pilot)
        await annotate_sentence(pilot)
        await pilot.press(*"precious", "ctrl+s")
        await landed(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("No space left" in m for m in messages)
        assert not any(m.startswith("Saved") for m in messages)
        assert isinstance(app.screen, AnnotationDialog)  # back, with what was typed
        assert "precious" in app.screen.draft.note
        main = main_of(app)
        assert main.store.for_article(article.id) == []  # type: ignore[attr-defined]
        assert main.query_one(NotesPanel).notes == []
        assert main.query_one(ArticleList).note_counts.get(article.id, 0) == 0
        assert not db.exists() or AnnotationStore.open(db, read_only=True).all() == []
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert any(str(n.message).startswith("Saved") for n in app._notifications)
        assert [a.note for a in AnnotationStore.open(db, read_only=True).all()] == ["precious"]
        assert_sidebar_agrees(app, db)


async def test_a_busy_file_lock_does_not_freeze_the_app_and_writes_keep_their_order(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(AnnotatedArticleView)
        await pilot.press("enter")
        await settle(pilot)
        other = filelock.FileLock(str(db) + ".lock")  # another program holds the lock
        other.acquire()
        try:
            for moves, text in ((["j"], "one"), (["j", "j"], "two")):
                await pilot.press(*moves, "s", "a")
                await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
                await pilot.press(*text, "ctrl+s")
                await wait_until(pilot, lambda: app.screen is screen)
            await pilot.press("u")  # queued behind both: undoes "two"
            assert screen.writes_pending == 3  # type: ignore[attr-defined]
            # the app keeps answering keys while the writes wait
            before = view.cursor_location
            started = time.monotonic()
            await pilot.press("j", "j")
            assert view.cursor_location != before
            assert time.monotonic() - started < 2
            panel = screen.query_one(NotesPanel)
            await wait_until(pilot, lambda: panel.border_subtitle == "saving…")
            assert not any(str(n.message).startswith("Saved") for n in app._notifications)
            assert screen.writes_pending == 3  # type: ignore[attr-defined]
        finally:
            other.release()
        await landed(pilot)
        assert panel.border_subtitle == ""
        assert [a.note for a in AnnotationStore.open(db, read_only=True).all()] == ["one"]
        assert [n.annotation.note for n in panel.notes] == ["one"]
        assert screen.store.can_redo  # type: ignore[attr-defined]
        assert_sidebar_agrees(app, db)


async def test_an_edit_repaints_its_lines_and_row_only(corpus_root: Path, db: Path) -> None:
    article = load_corpus(corpus_root).articles[0]
    text = article.text
    # notes inside one line each: at the start of every third paragraph
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n" and "\n" not in text[i + 1 : i + 22]]
    notes = [note_on(article.id, text, s) for s in starts[:15:3]]
    with AnnotationStore.open(db) as other:
        other.apply_batch(notes, [])
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(AnnotatedArticleView)
        panel = screen.query_one(NotesPanel)
        await pilot.pause()
        cache = view._line_cache  # TextArea's drawn lines (private; textual is pinned)
        drawn = cache.keys  # LRUCache has no __iter__
        drawn_before = {key: cache.get(key) for key in drawn()}
        options_before = list(panel.options)
        assert len(options_before) == len(notes) and drawn_before
        rows_before = [panel.render_line(y) for y in range(panel.size.height)]
        target = notes[1]
        row = article.text.count("\n", 0, target.anchor.start)  # type: ignore[union-attr]
        changed = target.edited(kind=Kind.HIGHLIGHT)
        screen.submit("save", lambda: screen.store.update(changed))  # type: ignore[attr-defined]
        await landed(pilot)
        # the other notes keep their row objects; the edited one was replaced in place
        assert [o is p for o, p in zip(panel.options, options_before, strict=True)] == [True] * len(
            notes
        )
        assert "highlight" in str(panel.options[1].prompt)
        # and only its lines are drawn again (the others come from the panel's cache)
        rows_after = [panel.render_line(y) for y in range(panel.size.height)]
        pairs = enumerate(zip(rows_before, rows_after, strict=True))
        redrawn_rows = [y for y, (a, b) in pairs if a is not b]
        assert any("highlight" in rows_after[y].text for y in redrawn_rows)
        assert len(redrawn_rows) <= 3  # one note's row: its lines
        # drawn lines of the other rows were kept; those of the edited row redrawn
        top = view.wrapped_document.location_to_offset((row, 0)).y
        drawn_after = {key: cache.get(key) for key in drawn()}
        redrawn = set(range(top, top + len(view.wrapped_document.get_offsets(row)) + 1))
        same = {key[2] for key, strip in drawn_before.items() if drawn_after.get(key) is strip}
        assert same == {key[2] for key in drawn_before} - redrawn  # only the edited paragraph
        assert redrawn & {key[2] for key in drawn_before}  # which was on screen
        assert top in {key[2] for key in drawn_after}  # and drawn again
        text_row = view.get_line(row)
        assert any(span.style.bgcolor is not None for span in text_row.spans)  # type: ignore[union-attr]


async def test_the_notes_panel_still_shrinks_when_notes_go(corpus_root: Path, db: Path) -> None:
    article = load_corpus(corpus_root).articles[0]
    starts = [i for i, ch in enumerate(article.text) if ch == "\n"][:40]
    notes = [note_on(article.id, article.text, s + 1) for s in starts]
    with AnnotationStore.open(db) as other:
        other.apply_batch(notes, [])
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one(NotesPanel)
        tall = panel.outer_size.height
        for note in notes[:-1]:
            screen.submit("delete", lambda n=note: screen.store.delete(n.id))  # type: ignore[attr-defined]
        await landed(pilot)
        await pilot.pause()
        assert len(panel.notes) == 1
        assert panel.outer_size.height < tall  # the layout was not skipped wrongly
        screen.submit("add", lambda: screen.store.add(notes[0]))  # type: ignore[attr-defined]
        await landed(pilot)
        await pilot.pause()
        assert len(panel.notes) == 2
        assert panel.outer_size.height > 3


async def test_clicking_a_notes_row_after_rows_moved_picks_that_note(
    corpus_root: Path, db: Path
) -> None:
    article = load_corpus(corpus_root).articles[0]
    text = article.text
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n" and "\n" not in text[i + 1 : i + 22]]
    notes = [
        dataclasses.replace(note_on(article.id, text, s), note=f"note {i}")
        for i, s in enumerate(starts[2:6])
    ]
    with AnnotationStore.open(db) as other:
        other.apply_batch(notes, [])
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one(NotesPanel)
        await pilot.pause()
        # a new note above all of them: every row moves down one place
        first = dataclasses.replace(note_on(article.id, text, starts[0]), note="new first")
        screen.submit("add", lambda: screen.store.add(first))  # type: ignore[attr-defined]
        await landed(pilot)
        assert [n.annotation.note for n in panel.notes][:2] == ["new first", "note 0"]
        panel.highlighted = 0
        await pilot.pause()
        row = next(y for y in range(panel.size.height) if "note 2" in panel.render_line(y).text)
        await pilot.click(NotesPanel, offset=(4, row))
        await pilot.pause()
        assert panel.highlighted_note is not None
        assert panel.highlighted_note.annotation.note == "note 2"


async def test_quitting_with_writes_queued_saves_them_all_in_order(
    corpus_root: Path, db: Path
) -> None:
    article = load_corpus(corpus_root).articles[0]
    notes = [note_on(article.id, article.text, 10 * i) for i in range(1, 4)]
    other = filelock.FileLock(str(db) + ".lock", thread_local=False)  # released by a timer
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        other.acquire()  # the first write waits; the others queue behind it
        for note in notes:
            screen.submit("add", lambda n=note: screen.store.add(n))  # type: ignore[attr-defined]
        screen.submit("delete", lambda: screen.store.delete(notes[1].id))  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.writes_pending == 4  # type: ignore[attr-defined]
        threading.Timer(0.5, other.release).start()
        await pilot.press("q")
    with AnnotationStore.open(db, read_only=True) as fresh:
        assert [a.id for a in fresh.all()] == [notes[0].id, notes[2].id]
    with AnnotationStore.open(db) as again:  # the four changes are in the undo history
        assert again.undo() is not None and again.get(notes[1].id) is not None


def footer_undo_enabled(app: ReaderApp) -> bool:
    """What the footer shows for u (Undo): enabled or greyed out."""
    from textual.widgets._footer import FooterKey  # the key widget (no public name)

    (key,) = [k for k in main_of(app).query(FooterKey) if k.action == "undo"]
    return not key._disabled


async def test_the_footer_follows_undo_only_when_a_write_changes_it(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write in flight can be undone (u greyed in while it runs); the footer
    is asked to look again when a write's start or end changes that, and not
    after a write that leaves undo/redo as they were."""
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_of(app)
        assert footer_undo_enabled(app) is False  # nothing to undo
        # a write that records nothing (a re-read): u applies while it runs, not after
        release = threading.Event()
        screen.submit("wait", release.wait)
        await wait_until(pilot, lambda: footer_undo_enabled(app))
        assert screen.writes_pending == 1
        release.set()
        await landed(pilot)
        await settle(pilot)
        assert footer_undo_enabled(app) is False
        # a note saved: undo applies during and after; the write's end leaves
        # the keys as they are (no refresh_bindings from the queue)
        await pilot.press("enter")
        await settle(pilot)
        await annotate_sentence(pilot)
        await pilot.press(*"kept", "ctrl+s")
        await landed(pilot)
        assert footer_undo_enabled(app) is True
        calls: list[int] = []
        real = type(screen).refresh_bindings
        monkeypatch.setattr(
            type(screen), "refresh_bindings", lambda self: (calls.append(1), real(self))[1]
        )
        screen.submit("wait", release.wait)  # (already set: returns at once)
        await landed(pilot)
        assert calls == []
        assert footer_undo_enabled(app) is True
