"""Annotating in the app, driven with the pilot and the real keys; the
database file is checked with a fresh AnnotationStore."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.annotations.model import Kind, Status
from reader.annotations.store import AnnotationStore
from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from reader.tui.dialogs import AnnotationDialog, ConfirmDialog
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.widgets.annotated_view import AnnotatedArticleView
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import NotesPanel
from tests.tui_support import SEEDS, fake_entities, screen_text, settle

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.iterdir():
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "annotations.json"


def make_app(root: Path, db_path: Path | None) -> ReaderApp:
    return ReaderApp(corpus=load_corpus(root), db_path=db_path, extractor=fake_entities)


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


async def open_article(pilot, index: int = 0) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press(*(["j"] * index), "enter")
    await settle(pilot)


async def test_select_with_v_annotate_and_save(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        view = view_of(app)
        article = app.corpus.articles[0]
        await pilot.press("j", "j", "v", "w", "w", "w")
        low, high = view.selection_offsets
        assert high > low
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationDialog)
        await pilot.press(*"checked [red]this[/]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AnnotationDialog)
        saved = stored(db)
        assert len(saved) == 1
        ann = saved[0]
        assert ann.article_id == article.id and ann.kind is Kind.NOTE
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
        assert "1 note" in screen_text(app)


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
        assert sentence[-1] in ".!?”\"" or article.text[high : high + 1] in ("\n", "")
        await pilot.press("a", *"sentence note", "ctrl+s")
        await settle(pilot)
        # no selection now: the cursor is inside the same sentence
        await pilot.press("left", "w")
        assert view.selection_offsets[0] == view.selection_offsets[1]
        await pilot.press("a", *"second", "ctrl+s")
        await settle(pilot)
        saved = sorted(stored(db), key=lambda a: a.created)
        assert [a.note for a in saved] == ["sentence note", "second"]
        assert saved[0].anchor is not None and saved[1].anchor is not None
        assert (saved[1].anchor.start, saved[1].anchor.end) == (low, high)


async def test_escape_cancels_and_nothing_is_stored(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        await pilot.press("j", "j", "a", *"draft", "escape")
        await settle(pilot)
        assert not db.exists() or stored(db) == []
        assert panel_of(app).notes == []
