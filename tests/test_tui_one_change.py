"""One known change drawn row by row (screens/one_change.py) shows what a
full redraw shows: the same notes panel rows and highlight, the same
highlights in the text, the same sidebar row and triage note, for create,
edit (text, kind, verdict, span), delete, undo and redo, on an article with
overlapping notes, an article-level note and an orphan. A change is drawn
when it is submitted, and taken back if its write fails; "Saved" waits for
the write; a change another instance made meanwhile is drawn in full."""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widget import Widget

from reader.annotations import storage
from reader.annotations.drafts import place_notes
from reader.annotations.errors import StoreError
from reader.annotations.model import Anchor, Annotation, Kind, Status
from reader.annotations.store import AnnotationStore
from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from reader.tui.note_lines import note_lines
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import NotesPanel
from tests.annotation_support import landed, make_app
from tests.tui_support import settle, wait_until

SIZE = (120, 50)
pytestmark = pytest.mark.usefixtures("no_user_config")


def fixed(
    article_id: str, text: str, n: int, span: tuple[int, int] | None, **kw: Any
) -> Annotation:
    anchor = Anchor.from_text(text, *span, None) if span is not None else None
    return Annotation(
        article_id,
        anchor=anchor,
        id=f"note{n:02}",
        created=f"2026-01-01T00:00:{n:02}",
        **kw,
    )


def seed_notes(article_id: str, text: str) -> list[Annotation]:
    """Overlapping notes, one on the whole article, one orphaned."""
    orphan = Annotation(
        article_id,
        anchor=Anchor(50, 70, "Zebras of Qwxyz never said this", text_hash="old"),
        note="lost",
        id="note05",
        created="2026-01-01T00:00:05",
    )
    return [
        fixed(article_id, text, 1, (40, 160), note="wide"),
        fixed(article_id, text, 2, (60, 90), kind=Kind.FACTCHECK, verdict="false", note="c"),
        fixed(article_id, text, 3, (100, 220), kind=Kind.TAG, tags=("x",)),
        fixed(article_id, text, 4, None, note="about the article"),
        orphan,
        fixed(article_id, text, 6, (300, 420), kind=Kind.HIGHLIGHT),
    ]


def lines_of(widget: Widget) -> list[list[tuple[str, str]]]:
    """What the widget draws: each line's runs of (text, style), meta aside."""
    out = []
    for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
        runs: list[tuple[str, str]] = []
        for segment in strip:
            style = str(segment.style or "")
            if runs and runs[-1][1] == style:
                runs[-1] = (runs[-1][0] + segment.text, style)
            else:
                runs.append((segment.text, style))
        out.append(runs)
    return out


def dump(screen: Any, article_id: str) -> dict[str, object]:
    panel = screen.query_one(NotesPanel)
    view = screen.query_one(AnnotatedArticleView)
    sidebar = screen.query_one(ArticleList)
    return {
        "rows": [(o.id, str(o.prompt)) for o in panel.options],
        "highlighted": panel.highlighted,
        "title": panel.border_title,
        "panel": lines_of(panel),
        "text": lines_of(view),
        "pieces": dict(view._note_lines),
        "sidebar": sidebar.row_text(article_id),
        "counts": (sidebar.note_counts.get(article_id), sidebar.open_counts.get(article_id)),
        "triage": sidebar.triage_notes.get(article_id),
    }


def assert_as_stored(screen: Any, article_id: str) -> None:
    """The screen shows what a placement from scratch of the stored notes gives."""
    article = screen.article
    truth = place_notes(screen.store.for_article(article_id), article.text, article.text_hash)
    assert screen.placed == truth
    view = screen.query_one(AnnotatedArticleView)
    assert view._note_lines == note_lines(truth, view._starts)
    panel = screen.query_one(NotesPanel)
    assert [n.annotation for n in panel.notes] == [n.annotation for n in truth]
    assert [o.id for o in panel.options] == [n.annotation.id for n in truth]
    counts = screen.store.counts_for(article_id)
    sidebar = screen.query_one(ArticleList)
    assert sidebar.note_counts.get(article_id, 0) == counts.notes
    assert sidebar.open_counts.get(article_id, 0) == counts.open_factchecks
    if screen.triage is not None:
        want = screen.triage.sidebar_notes(screen.store.for_articles({article_id}), {article_id})
        assert sidebar.triage_notes.get(article_id, ("", "")) == want[article_id]


def answering(app: ReaderApp) -> Callable[[Callable[[Any], Any]], None]:
    """Dialogs answered at once (push_screen calls back with `answer(dialog)`)."""
    answer: list[Callable[[Any], Any]] = [lambda d: None]

    def push(dialog: Any, callback: Any = None, *args: Any, **kw: Any) -> None:
        if callback is not None:
            callback(answer[0](dialog))

    app.push_screen = push  # type: ignore[method-assign]

    def set_answer(fn: Callable[[Any], Any]) -> None:
        answer[0] = fn

    return set_answer


def operations(article_id: str, text: str) -> list[tuple[str, Callable[[Any, Any], None]]]:
    """(name, op(screen, answer)) for every kind of change, in order."""

    def stored(screen: Any, n: int) -> Annotation:
        return screen.store.get(f"note{n:02}")

    def create(screen: Any, answer: Any) -> None:
        # a fact-check over a check-worthy claim (383-529): the triage note changes
        new = fixed(article_id, text, 7, (390, 460), kind=Kind.FACTCHECK, note="new, overlapping")
        answer(lambda d: new)
        screen.annotate_span(390, 460)

    def create_on_article(screen: Any, answer: Any) -> None:
        answer(lambda d: fixed(article_id, text, 8, None, note="second on the article"))
        screen.annotate_span(0, 0)

    def edit(n: int, **changes: Any) -> Callable[[Any, Any], None]:
        def run(screen: Any, answer: Any) -> None:
            target = stored(screen, n)
            answer(lambda d: target.edited(**changes))
            screen.edit(target)

        return run

    def delete(n: int) -> Callable[[Any, Any], None]:
        def run(screen: Any, answer: Any) -> None:
            answer(lambda d: True)
            screen.delete(stored(screen, n))

        return run

    def reattach(n: int, start: int, end: int) -> Callable[[Any, Any], None]:
        def run(screen: Any, answer: Any) -> None:
            screen.query_one(AnnotatedArticleView).select_span(start, end)
            screen.reattach(stored(screen, n))

        return run

    return [
        ("create", create),
        ("create on the article", create_on_article),
        ("edit text", edit(1, note="a longer text for the wide note")),
        ("edit kind", edit(3, kind=Kind.FACTCHECK, verdict="true")),
        ("edit verdict", edit(2, verdict="mostly true")),
        ("edit status", edit(3, status=Status.DONE)),  # one open fact-check fewer
        ("delete the highlighted", delete(2)),
        ("edit span", edit(6, anchor=Anchor.from_text(text, 20, 50, None))),
        ("edit orphan", edit(5, note="still lost")),
        ("re-attach orphan", reattach(5, 500, 530)),
        ("delete", delete(1)),
        ("undo", lambda screen, answer: screen.action_undo()),
        ("undo again", lambda screen, answer: screen.action_undo()),
        ("redo", lambda screen, answer: screen.action_redo()),
        ("delete on the article", delete(4)),
        ("delete new", delete(7)),
    ]


async def run_all(corpus_root: Path, db: Path, full: bool) -> list[dict[str, object]]:
    article = load_corpus(corpus_root).articles[0]
    with AnnotationStore.open(db) as store:
        store.apply_batch(seed_notes(article.id, article.text), [])
    app = make_app(corpus_root, db)
    dumps = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        assert screen.article.id == article.id
        screen.query_one(AnnotatedArticleView).cursor_blink = False
        full_redraws = []
        refresh_notes = screen._refresh_notes
        screen._refresh_notes = lambda: (full_redraws.append(1), refresh_notes())
        if full:  # every change drawn as any other: from the store, in full
            screen.draw_change = lambda *a, **k: None
        answer = answering(app)
        for name, op in operations(article.id, article.text):
            op(screen, answer)
            await landed(pilot)
            await pilot.pause()
            assert_as_stored(screen, article.id)
            dumps.append({"op": name, **dump(screen, article.id)})
        assert bool(full_redraws) == full  # (the row-by-row path was taken)
    return dumps


async def test_each_change_drawn_row_by_row_shows_what_a_full_redraw_shows(
    corpus_root: Path, data_dir: Path, db: Path
) -> None:
    by_rows = await run_all(corpus_root, db, full=False)
    in_full = await run_all(corpus_root, data_dir / f"full-{db.name}", full=True)
    for mine, theirs in zip(by_rows, in_full, strict=True):
        for key in mine:
            assert mine[key] == theirs[key], (mine["op"], key)
    ops = [d["op"] for d in by_rows]
    assert ops[-1] == "delete new"
    at = ops.index("re-attach orphan")
    assert "orphaned" in str(by_rows[at - 1]["title"]) and "orphaned" not in str(
        by_rows[at]["title"]
    )
    assert any("new, overlapping" in str(rows) for rows in by_rows[0]["rows"])  # type: ignore[union-attr]


def failing_writes(monkeypatch: pytest.MonkeyPatch, store: Any, how: str) -> str:
    """Make the next writes fail: the disk full (the store changed its state
    and rolled it back) or refused before anything changed; the message."""
    if how == "disk full":

        def full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage, "atomic_write_bytes", full)
        return "No space left"

    def refuse(*_args: object) -> None:
        raise StoreError("The annotation database is busy")

    for name in ("add", "update", "delete"):
        monkeypatch.setattr(store, name, refuse)
    return "is busy"


@pytest.mark.parametrize("how", ["disk full", "refused"])
@pytest.mark.parametrize("what", ["create", "edit span", "delete"])
async def test_a_change_drawn_before_its_write_failed_is_taken_back(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch, what: str, how: str
) -> None:
    article = load_corpus(corpus_root).articles[0]
    with AnnotationStore.open(db) as store:
        store.apply_batch(seed_notes(article.id, article.text), [])
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        before = dump(screen, article.id)
        answer = answering(app)
        op = dict(operations(article.id, article.text))[what]
        reopened: list[object] = []
        error = failing_writes(monkeypatch, screen.store, how)
        op(screen, answer)
        real_open = screen._open_dialog
        screen._open_dialog = lambda *a, **k: reopened.append(a)  # the failed save's dialog
        assert screen.writes_pending  # not written yet
        assert dump(screen, article.id)["rows"] != before["rows"]  # drawn at once
        await landed(pilot)
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(error in m for m in messages)
        assert not any(m.startswith(("Saved", "Updated", "Deleted")) for m in messages)
        assert_as_stored(screen, article.id)
        after = dump(screen, article.id)
        for key in ("rows", "title", "pieces", "sidebar", "counts", "triage", "text"):
            assert after[key] == before[key], key
        assert bool(reopened) == (what != "delete")  # the dialog comes back, with the text
        screen._open_dialog = real_open


async def test_saved_is_said_only_once_the_write_returned(corpus_root: Path, db: Path) -> None:
    article = load_corpus(corpus_root).articles[0]
    with AnnotationStore.open(db) as store:
        store.apply_batch(seed_notes(article.id, article.text), [])
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        go = threading.Event()
        real_add = screen.store.add

        def slow_add(annotation: Annotation) -> None:
            assert go.wait(10)
            real_add(annotation)

        screen.store.add = slow_add
        answer = answering(app)
        dict(operations(article.id, article.text))["create"](screen, answer)
        await pilot.pause()
        await pilot.pause()
        panel = screen.query_one(NotesPanel)
        assert screen.writes_pending
        assert "note07" in [o.id for o in panel.options]  # on screen while it is written
        assert panel.highlighted_note.annotation.id == "note07"
        assert not any(str(n.message).startswith("Saved") for n in app._notifications)
        # meanwhile another instance adds a note to the same article: merged by
        # the write, drawn in full when it returns
        other_note = fixed(article.id, article.text, 9, (10, 30), note="from elsewhere")
        with AnnotationStore.open(db) as other:
            other.add(other_note)
        go.set()
        await landed(pilot)
        await wait_until(
            pilot, lambda: any(str(n.message).startswith("Saved") for n in app._notifications)
        )
        assert {"note07", "note09"} <= {o.id for o in panel.options}
        assert_as_stored(screen, article.id)


async def test_an_undo_in_another_article_leaves_the_open_one_alone(
    corpus_root: Path, db: Path
) -> None:
    articles = load_corpus(corpus_root).articles
    article, elsewhere = articles[0], articles[2]
    with AnnotationStore.open(db) as store:
        store.apply_batch(seed_notes(article.id, article.text), [])
        store.add(fixed(elsewhere.id, elsewhere.text, 20, (5, 25), note="there"))
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        before = dump(screen, article.id)
        screen.action_undo()  # undoes the add in the other article
        await landed(pilot)
        await pilot.pause()
        assert screen.store.for_article(elsewhere.id) == []
        assert screen.query_one(ArticleList).note_counts.get(elsewhere.id, 0) == 0
        after = dump(screen, article.id)
        assert after["rows"] == before["rows"] and after["pieces"] == before["pieces"]
        assert_as_stored(screen, article.id)


async def test_a_write_starts_when_submitted_before_the_change_is_drawn(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        started = threading.Event()
        order: list[str] = []

        def call() -> None:
            started.set()
            order.append("write")

        def draw() -> None:
            # the event loop has not run since submit: the store thread has
            assert started.wait(5)
            order.append("draw")

        assert screen.submit_drawn("save", call, draw) is None  # (nothing drawn)
        await landed(pilot)
        assert order == ["write", "draw"]
        assert not screen.writes_pending
