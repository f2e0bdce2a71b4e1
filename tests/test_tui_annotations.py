"""Annotating in the app, driven with the pilot and the real keys; the
database file is checked with a fresh AnnotationStore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.color import Color
from textual.widgets import Input

from reader.annotations.model import Anchor, Annotation, Kind, Status
from reader.annotations.store import AnnotationStore, StoreError
from reader.corpus import load_corpus
from reader.triage.workspace import triage_article
from reader.tui.annotation_styles import annotation_bg
from reader.tui.app import ReaderApp
from reader.tui.dialogs import AnnotationDialog, ConfirmDialog, ExportDialog
from reader.tui.screens.help_screen import HelpScreen
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import NotesPanel
from tests.annotation_support import landed, make_app
from tests.tui_support import fake_entities, screen_text, settle

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("no_user_config")


def stored(db_path: Path) -> list:  # type: ignore[type-arg]
    with AnnotationStore.open(db_path, read_only=True) as store:
        return store.all()


def view_of(app: ReaderApp) -> AnnotatedArticleView:
    return app.screen.query_one(AnnotatedArticleView)


def panel_of(app: ReaderApp) -> NotesPanel:
    return app.screen.query_one(NotesPanel)


def background_at(view: AnnotatedArticleView, text: str, offset: int) -> object:
    """The background colour the reading view gives text[offset] (None: none)."""
    row = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    line = view.get_line(row)
    found = None
    for span in line.spans:
        style = span.style
        if span.start <= col < span.end and getattr(style, "bgcolor", None) is not None:
            found = style.bgcolor  # type: ignore[union-attr]
    return found


def sidebar_row(app: ReaderApp, article_id: str) -> str:
    """The text of the article's sidebar row (all of it, however narrow the sidebar)."""
    return app.screen.query_one(ArticleList).row_text(article_id)


async def open_article(pilot, index: int = 0) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press(*(["j"] * index), "enter")
    await settle(pilot)


async def test_select_with_v_annotate_and_save(
    corpus_root: Path, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('author = "Jane Doe"\n', encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(config))
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        view = view_of(app)
        article = app.corpus.articles[0]
        # escape cancels: nothing is stored
        await pilot.press("j", "j", "a", *"draft", "escape")
        await landed(pilot)
        assert not isinstance(app.screen, AnnotationDialog)
        assert not db.exists() or stored(db) == []
        await pilot.press("v", "w", "w", "w")
        low, high = view.selection_offsets
        assert high > low
        await pilot.press("a")
        await landed(pilot)
        assert isinstance(app.screen, AnnotationDialog)
        await pilot.press(*"checked [red]this[/]")
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert not isinstance(app.screen, AnnotationDialog)
        assert view.selection.is_empty  # dropped, so the new highlight shows
        saved = stored(db)
        assert len(saved) == 1
        ann = saved[0]
        assert ann.article_id == article.id and ann.kind is Kind.NOTE
        assert ann.author == "Jane Doe"  # from the settings file
        assert ann.note == "checked [red]this[/]"
        assert ann.anchor is not None and (ann.anchor.start, ann.anchor.end) == (low, high)
        assert ann.anchor.exact == article.text[low:high]
        # in the notes panel (markup shown as typed) and highlighted in the text
        panel = panel_of(app)
        assert [n.annotation.id for n in panel.notes] == [ann.id]
        assert "checked [red]this[/]" in screen_text(app)
        assert background_at(view, article.text, high - 1) is not None
        assert background_at(view, article.text, high + 1) is None
        # the sidebar row counts it
        assert "1 note" in sidebar_row(app, article.id)


async def test_s_selects_sentence_and_a_without_selection_takes_the_sentence(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, 1)
        view = view_of(app)
        article = app.corpus.articles[1]
        await pilot.press("j", "j", "j", "w", "w")
        await pilot.press("s")
        low, high = view.selection_offsets
        sentence = article.text[low:high]
        assert high > low and sentence.strip() == sentence
        assert sentence[-1] in '.!?”"' or article.text[high : high + 1] in ("\n", "")
        await pilot.press("a", *"sentence note", "ctrl+s")
        await landed(pilot)
        # no selection now: the cursor is inside the same sentence
        await pilot.press("left")  # back inside the span just saved
        assert view.selection_offsets[0] == view.selection_offsets[1]
        await pilot.press("a", *"second", "ctrl+s")
        await landed(pilot)
        saved = sorted(stored(db), key=lambda a: a.created)
        assert [a.note for a in saved] == ["sentence note", "second"]
        assert saved[0].anchor is not None and saved[1].anchor is not None
        assert (saved[1].anchor.start, saved[1].anchor.end) == (low, high)


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def note_in(db_path: Path, note: str):  # type: ignore[no-untyped-def]
    return next(a for a in stored(db_path) if a.note == note)


async def test_factcheck_with_verdict_status_and_source_and_sidebar_counts(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        view = view_of(app)
        article = app.corpus.articles[0]
        await pilot.press("j", "j", "j", "w", "s")
        low, high = view.selection_offsets
        await pilot.press("f")
        await landed(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotationDialog) and dialog.draft.kind is Kind.FACTCHECK
        assert dialog.draft.claim == " ".join(article.text[low:high].split())
        # note -> labels -> tags -> claim -> claimant -> verdict
        await type_text(pilot, "offensive claim")
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        await pilot.press("enter", "down", "down", "down", "down", "down", "enter")
        await pilot.press("tab", "tab")  # conclusion -> sources
        await type_text(pilot, "https://example.org/report  UN report")
        await pilot.press("tab", "d", "ctrl+s")
        await landed(pilot)
        ann = note_in(db, "offensive claim")
        assert ann.kind is Kind.FACTCHECK and ann.verdict == "false"
        assert ann.status is Status.DONE
        assert [s.url for s in ann.sources] == ["https://example.org/report"]
        assert background_at(view, article.text, low + 1) == Color.parse(
            annotation_bg("fact-check:bad", app.current_theme.dark)
        )
        sidebar = app.screen.query_one(ArticleList)
        assert sidebar.note_counts[article.id] == 1 and sidebar.open_counts[article.id] == 0
        row = sidebar_row(app, article.id)
        assert "1 note" in row and "open" not in row
        # an open fact-check (no verdict yet) and a highlight, elsewhere
        await pilot.press("G", "k", "k", "s", "f", *"second", "ctrl+s")
        await landed(pilot)
        assert "2 notes · 1 open" in sidebar_row(app, article.id)
        await pilot.press("g", "j", "s", "a", "shift+tab", "h", "ctrl+s")
        await landed(pilot)
        kinds = sorted(a.kind.value for a in stored(db))
        assert kinds == ["fact-check", "fact-check", "highlight"]
        assert "3 notes · 1 open" in sidebar_row(app, article.id)
        rows = [n.annotation.kind for n in panel_of(app).notes]
        assert rows[0] is Kind.HIGHLIGHT  # text order: the highlight is near the top


async def test_edit_delete_undo_redo_and_undo_after_restart(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, 2)
        view = view_of(app)
        assert app.screen.active_bindings["u"].enabled is False  # nothing to undo yet
        await pilot.press("j", "j", "w", "s", "a", *"first", "ctrl+s")
        await landed(pilot)
        assert app.screen.active_bindings["u"].enabled is True
        ann = note_in(db, "first")
        # enter inside the span edits it
        await pilot.press("left")  # back inside the span just saved
        await pilot.press("enter")
        await landed(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotationDialog) and not dialog.is_new
        await type_text(pilot, " edited")
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert [a.note for a in stored(db)] == ["first edited"]
        assert stored(db)[0].id == ann.id
        # d asks first; n keeps it, d + y deletes it
        await pilot.press("d")
        await landed(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await landed(pilot)
        assert len(stored(db)) == 1
        await pilot.press("d", "y")
        await landed(pilot)
        assert stored(db) == [] and panel_of(app).notes == []
        await pilot.press("u")
        await landed(pilot)
        assert [a.note for a in stored(db)] == ["first edited"]
        assert any("Undid deletion" in str(n.message) for n in app._notifications)
        assert [n.annotation.id for n in panel_of(app).notes] == [ann.id]
        await pilot.press("ctrl+r")
        await landed(pilot)
        assert stored(db) == []
        await pilot.press("u")
        await landed(pilot)
        assert view.notes and view.notes[0].annotation.note == "first edited"
    # a new instance on the same file: u still undoes (the edit, then the create)
    again = make_app(corpus_root, db)
    async with again.run_test(size=SIZE) as pilot:
        await landed(pilot)
        await pilot.press("u")
        await landed(pilot)
        assert [a.note for a in stored(db)] == ["first"]
        await pilot.press("u")
        await landed(pilot)
        assert stored(db) == []
        assert again.screen.active_bindings["u"].enabled is False


async def test_article_note_and_jumping_between_notes(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, 1)
        view = view_of(app)
        await pilot.press("A")
        await landed(pilot)
        assert isinstance(app.screen, AnnotationDialog)
        assert "whole article" in screen_text(app)
        await type_text(pilot, "whole piece is opinion")
        await pilot.press("ctrl+s")
        await landed(pilot)
        top = note_in(db, "whole piece is opinion")
        assert top.anchor is None
        assert "whole article" in screen_text(app)
        assert app.screen.active_bindings["right_curly_bracket"].enabled is False
        await pilot.press("j", "j", "w", "s", "a", "ctrl+s")
        await pilot.press("G", "b", "b", "s", "a", "ctrl+s")
        await landed(pilot)
        # x on an entity selects it
        article = app.corpus.articles[1]
        first, second = fake_entities(article)[:2]
        await pilot.press("g", "x")
        assert first.start == 0 and view.selection_offsets == (first.start, first.end)
        await pilot.press("g", "right_square_bracket", "x")
        assert view.selection_offsets == (second.start, second.end)
        starts = sorted(n.start for n in view.notes if n.start is not None)
        await pilot.press("g", "right_curly_bracket")
        assert view.cursor_offset == starts[0]
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == starts[1]
        await pilot.press("left_curly_bracket")
        assert view.cursor_offset == starts[0]


async def test_orphan_is_listed_and_reattached_to_the_selection(
    corpus_root: Path, db: Path
) -> None:
    article = load_corpus(corpus_root).articles[0]
    gone = "a sentence that is not in this article at all, anywhere"
    with AnnotationStore.open(db) as store:
        store.add(
            Annotation(
                article.id,
                anchor=Anchor(10, 10 + len(gone), gone, text_hash="old"),
                note="lost note",
            )
        )
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        panel = panel_of(app)
        assert [n.state.value for n in panel.notes] == ["orphaned"]
        assert "orphaned" in screen_text(app)
        assert view_of(app).notes[0].in_text is False
        await pilot.press("j", "j", "j", "s")
        low, high = view_of(app).selection_offsets
        await pilot.press("tab", "tab")
        assert app.focused is panel
        await pilot.press("r")
        await landed(pilot)
        [ann] = stored(db)
        assert ann.note == "lost note" and ann.anchor is not None
        assert (ann.anchor.start, ann.anchor.end) == (low, high)
        assert ann.anchor.exact == article.text[low:high]
        assert [n.state.value for n in panel.notes] == ["anchored"]
        await pilot.press("u")  # the re-attach is undoable too
        await landed(pilot)
        assert stored(db)[0].anchor.exact == gone  # type: ignore[union-attr]
        # another instance adds a note to this article: it shows up by itself
        with AnnotationStore.open(db) as other:
            other.add(Annotation(article.id, note="from elsewhere"))
        for _ in range(50):
            if any(n.annotation.note == "from elsewhere" for n in panel.notes):
                break
            await pilot.pause(0.1)
        assert any(n.annotation.note == "from elsewhere" for n in panel.notes)
        assert app.screen.query_one(ArticleList).note_counts[article.id] == 2


async def test_corrupt_database_opens_read_only_and_is_left_untouched(
    corpus_root: Path, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("author = [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(config))
    db.write_bytes(b'{"_meta": {"1": {"schema": 1, "app": "reader"}}, "annotations": {')
    before = db.read_bytes()
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        text = screen_text(app)
        assert "read-only" in text and str(db) in text.replace("\n", "")
        bindings = app.screen.active_bindings
        assert bindings["a"].enabled is False  # greyed out, still listed
        assert bindings["u"].enabled is False
        await pilot.press("j", "s", "a", "f", "A")
        await landed(pilot)
        assert not isinstance(app.screen, AnnotationDialog)
        assert view_of(app).article_id == app.corpus.articles[0].id  # reading still works
        assert any(str(config) in str(n.message) for n in app._notifications)  # settings
    assert db.read_bytes() == before


async def test_store_error_on_save_keeps_the_typed_note(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        store = app.screen.store  # type: ignore[attr-defined]

        def broken(_annotation: object) -> None:
            raise StoreError("The annotation database is on a full disk; free some space.")

        monkeypatch.setattr(store, "add", broken)
        await pilot.press("j", "s", "a", *"precious", "ctrl+s")
        await landed(pilot)
        assert any("full disk" in str(n.message) for n in app._notifications)
        dialog = app.screen
        assert isinstance(dialog, AnnotationDialog)  # back, with what was typed
        assert "precious" in dialog.draft.note
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert [a.note for a in stored(db)] == ["precious"]
        # an edit that fails comes back too, and saving it unchanged still writes it
        monkeypatch.setattr(store, "update", broken)
        await pilot.press("left", "enter", *" more", "ctrl+s")
        await landed(pilot)
        assert isinstance(app.screen, AnnotationDialog) and not app.screen.is_new
        assert [a.note for a in stored(db)] == ["precious"]
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert [a.note for a in stored(db)] == ["precious more"]


async def test_export_with_e_writes_the_file_and_says_so(
    corpus_root: Path, db: Path, tmp_path: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        await pilot.press("j", "s", "a", *"to export", "ctrl+s")
        await landed(pilot)
        await pilot.press("e")
        await landed(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)  # the export runs in a thread worker
        written = list(db.parent.glob("export-*.json"))
        assert len(written) == 1
        data = json.loads(written[0].read_text(encoding="utf-8"))
        assert "to export" in json.dumps(data)
        messages = [str(n.message) for n in app._notifications]
        assert f"Exported 1 note to {written[0]}" in messages
        # the same file again: overwrite is asked; "n" keeps the old one
        await pilot.press("e")
        await landed(pilot)
        await pilot.press("ctrl+s")
        await landed(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n", "escape")
        await landed(pilot)
        assert len(list(db.parent.glob("export-*.json"))) == 1
        # a folder that does not exist: the error is notified, nothing is written
        await pilot.press("e")
        await landed(pilot)
        target = tmp_path / "no" / "such" / "folder" / "out.json"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and str(target.parent) in str(errors[-1].message)
        assert not target.exists()


async def test_c_jumps_to_unchecked_claims_and_f_fact_checks_one(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        view = view_of(app)
        article = app.corpus.articles[0]
        unchecked = triage_article(article, fake_entities(article)).unchecked
        assert len(unchecked) >= 2
        await pilot.press("c")
        await landed(pilot)
        first = unchecked[0]
        assert view.selection_offsets == (first.start, first.end)
        await pilot.press("f")
        await landed(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotationDialog) and dialog.draft.kind is Kind.FACTCHECK
        assert dialog.draft.claim == " ".join(first.text.split())
        await pilot.press("ctrl+s")
        await landed(pilot)
        # the claim is covered now: c from the top skips it
        await pilot.press("g", "c")
        await landed(pilot)
        assert view.selection_offsets == (unchecked[1].start, unchecked[1].end)
        # and the help screen lists the annotation keys
        await pilot.press("question_mark")
        await landed(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen._table().plain
        assert "Annotate" in help_text and "Next unchecked claim" in help_text
        assert "Undo" in help_text and "Export" in help_text


async def test_unreadable_records_are_reported_and_kept(corpus_root: Path, db: Path) -> None:
    article = load_corpus(corpus_root).articles[0]
    with AnnotationStore.open(db) as store:
        store.add(Annotation(article.id, note="good one"))
    data = json.loads(db.read_text(encoding="utf-8"))
    data["annotations"]["broken"] = {"kind": "no such kind"}
    db.write_text(json.dumps(data), encoding="utf-8")
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert any("broken" in str(n.message) for n in warnings)
        assert [n.annotation.note for n in panel_of(app).notes] == ["good one"]
        # in the notes panel, d deletes (after asking)
        await pilot.press("tab", "tab")
        assert app.focused is panel_of(app)
        await pilot.press("d", "y")
        await landed(pilot)
        assert panel_of(app).notes == []
    assert "broken" in json.loads(db.read_text(encoding="utf-8"))["annotations"]


async def test_unusable_db_path_still_opens_the_app(corpus_root: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = make_app(corpus_root, blocker / "annotations.json")
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        assert "read-only" in screen_text(app)
        assert app.screen.active_bindings["a"].enabled is False
        await pilot.press("j", "s", "a")
        await landed(pilot)
        assert not isinstance(app.screen, AnnotationDialog)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


async def test_hostile_article_text_never_reaches_notes_as_markup_or_escapes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "hostile"
    root.mkdir()
    body = "Title line\n\nThe [bold red]minister[/] said \x1b[2Jclear and \u202eevil now.\n"
    (root / "h.txt").write_text(body, encoding="utf-8")
    db = tmp_path / "db.json"
    app = make_app(root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        app.set_keymap({"reader.annotate": "n"})  # users can remap by binding id
        await pilot.press("j", "j", "w", "s", "n", "ctrl+s")  # no note: the quote is the summary
        await landed(pilot)
        [ann] = stored(db)
        assert "[bold red]minister[/]" in ann.anchor.exact  # type: ignore[union-attr]
        messages = [str(n.message) for n in app._notifications]
        assert any("[bold red]minister[/]" in m for m in messages)  # shown as typed
        assert not any("\x1b" in m or "\u202e" in m for m in messages)
        assert "[bold red]minister[/]" in screen_text(app)  # the notes panel row
        assert "\x1b" not in screen_text(app)
