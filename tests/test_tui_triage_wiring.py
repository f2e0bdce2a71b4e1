"""The triage views reached from the app: the corpus data built in the
background, the keys (T R Q C m), where the views lead, and the sidebar notes.
Driven with the pilot on a copy of the seeds and a fresh database."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from reader.annotations.model import Kind
from reader.annotations.store import AnnotationStore
from reader.corpus import load_corpus
from reader.corpus.article import Article
from reader.entities.model import Entity, Label
from reader.triage.cachefile import read_arrays, write_arrays_atomic
from reader.triage.index import make_key
from reader.triage.index_build import CACHE_FILE
from reader.triage.workspace import SIMILARITY_CACHE_FILE, triage_article
from reader.tui.app import ReaderApp
from reader.tui.claims_cache import CLAIMS_CACHE_FILE
from reader.tui.dialogs import AnnotationDialog
from reader.tui.screens.help_screen import HelpScreen
from reader.tui.screens.main_screen import MainScreen
from reader.tui.triage import (
    ClaimsScreen,
    CompareScreen,
    EntityMentionsScreen,
    QuotesScreen,
    RelatedScreen,
    TimelineScreen,
)
from reader.tui.triage.quotes_screen import quote_counts
from reader.tui.triage_state import DUPLICATE_MARK, DUPLICATE_WORDS
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel
from tests.tui_support import (
    SEEDS,
    fake_entities,
    no_neighbour_prefetch,
    screen_text,
    settle,
    wait_until,
)

SIZE = (120, 40)
SAME_HEADLINE = ("000_3dc8ba9f9aacea48.txt", "001_11fb115ab1b30ee7.txt")
BACKGROUND_CALLS: list[str] = []  # articles the dated extractor saw off the main thread


def dated_entities(article: Article) -> list[Entity]:
    """The fake extractor, with years given their ISO value (for the timeline)."""
    if threading.current_thread() is not threading.main_thread():
        BACKGROUND_CALLS.append(article.id)
    return [
        replace(e, value=e.text) if e.label is Label.DATE else e for e in fake_entities(article)
    ]


def slow_entities(article: Article) -> list[Entity]:
    """As `dated_entities`, but slow in a background thread (the corpus build)."""
    if threading.current_thread() is not threading.main_thread():
        time.sleep(0.5)
    return dated_entities(article)


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "annotations.json"


def make_app(root: Path, db_path: Path | None, extractor=dated_entities) -> ReaderApp:  # type: ignore[no-untyped-def]
    return ReaderApp(corpus=load_corpus(root), db_path=db_path, extractor=extractor)


def main_of(app: ReaderApp) -> MainScreen:
    screen = app.screen_stack[0]  # the default screen
    assert isinstance(screen, MainScreen)
    return screen


def triage_done(app: ReaderApp) -> bool:
    main = main_of(app)
    return main.triage is not None and not main.triage_progress


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await wait_until(pilot, lambda: triage_done(pilot.app))
    await pilot.pause()


def sidebar_rows(app: ReaderApp) -> dict[str, str]:
    main = main_of(app)
    sidebar = main.query_one(ArticleList)
    return {main.articles[i].id: sidebar.row_text(main.articles[i].id) for i in sidebar.shown}


async def test_t_opens_the_timeline_and_enter_jumps_to_the_date(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_of(app)
        await pilot.press("T")
        await pilot.pause()
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen) and timeline.entries
        # move down to a date in another article than the open one
        first_id = main.articles[0].id
        for _ in range(len(timeline.entries)):
            entry = timeline.entries[timeline.shown[timeline.highlighted or 0]]
            if entry.article_id != first_id:
                break
            await pilot.press("j")
        assert entry.article_id != first_id
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        article = main.articles[main.current or 0]
        assert article.id == entry.article_id
        view = main.query_one(ArticleView)
        assert app.focused is view
        assert view.selection_offsets == (entry.start, entry.start)
        assert article.text[entry.start : entry.end].startswith(entry.text[:4])


async def test_r_flags_the_same_headline_and_opens_the_other(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_of(app)
        assert main.articles[0].id == SAME_HEADLINE[0]
        await pilot.press("R")
        await pilot.pause()
        related = app.screen
        assert isinstance(related, RelatedScreen)
        assert SAME_HEADLINE[1] in related.duplicates
        text = screen_text(app)
        assert "SAME HEADLINE" in text and "⚠ same headline" in text
        # c compares the highlighted (flagged) article side by side; escape comes back
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert app.screen.right.id == SAME_HEADLINE[1]  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is related)
        # the flagged article is listed first: enter opens it
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.articles[main.current or 0].id == SAME_HEADLINE[1]
        # from the other side the pair is flagged too
        await pilot.press("R")
        await pilot.pause()
        assert SAME_HEADLINE[0] in app.screen.duplicates  # type: ignore[attr-defined]


async def test_q_shows_the_quotes_with_the_anonymous_count(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # no need to wait for the corpus build
        article = main_of(app).articles[0]
        expected = triage_article(article, dated_entities(article)).quotes
        total, _named, anonymous, _none = quote_counts(expected)
        assert anonymous > 0
        await pilot.press("Q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuotesScreen))
        await pilot.pause()
        assert [q.start for q in app.screen.quotes] == sorted(q.start for q in expected)  # type: ignore[attr-defined]
        text = screen_text(app)
        assert f"{total} quotes" in text and f"{anonymous} anonymous" in text
        assert "⚑ anonymous source" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_claims_f_opens_a_prefilled_fact_check_and_the_sidebar_count_drops(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_of(app)
        article = main.articles[0]
        unchecked = triage_article(article, dated_entities(article)).unchecked
        assert len(unchecked) >= 2
        rows = sidebar_rows(app)
        assert f"{len(unchecked)} unchecked" in rows[article.id]
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        claims = app.screen
        claim = claims.shown[claims.highlighted or 0]  # type: ignore[attr-defined]
        assert claim.start in {c.start for c in unchecked}
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationDialog))
        dialog = app.screen
        assert dialog.draft.kind is Kind.FACTCHECK  # type: ignore[attr-defined]
        assert dialog.draft.claim == " ".join(claim.text.split())  # type: ignore[attr-defined]
        assert dialog.draft.anchor.start == claim.start  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        with AnnotationStore.open(db, read_only=True) as store:
            saved = store.all()
        assert [a.kind for a in saved] == [Kind.FACTCHECK]
        await wait_until(
            pilot, lambda: f"{len(unchecked) - 1} unchecked" in sidebar_rows(app)[article.id]
        )
        await pilot.press("u")  # undo: the claim is unchecked again
        await wait_until(
            pilot, lambda: f"{len(unchecked)} unchecked" in sidebar_rows(app)[article.id]
        )
        await pilot.press("ctrl+r")
        await wait_until(
            pilot, lambda: f"{len(unchecked) - 1} unchecked" in sidebar_rows(app)[article.id]
        )
        # the claims view now marks it as checked
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        assert claim.start in app.screen.covered  # type: ignore[attr-defined]


async def test_sidebar_marks_the_duplicate_headlines_only(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        rows = sidebar_rows(app)
        marked = {aid for aid, text in rows.items() if text.startswith(f"{DUPLICATE_MARK} ")}
        assert marked == set(SAME_HEADLINE)
        assert {aid for aid, text in rows.items() if DUPLICATE_WORDS in text} == marked
        # each row's unchecked count is the article's own
        for article in main_of(app).articles:
            n = len(triage_article(article, dated_entities(article)).unchecked)
            assert (f"{n} unchecked" in rows[article.id]) == (n > 0)
        assert DUPLICATE_MARK in screen_text(app)
        assert main_of(app).query_one("#sidebar-pane").border_subtitle == ""


async def test_the_build_does_not_block_the_first_screen(corpus_root: Path, db: Path) -> None:
    app = make_app(corpus_root, db, extractor=slow_entities)
    async with app.run_test(size=SIZE) as pilot:
        main = main_of(app)
        await pilot.pause()
        # the slow build (5 × 0.5 s) is running: the app answers keys meanwhile
        assert main.triage is None
        assert "indexing" in str(main.query_one("#sidebar-pane").border_subtitle)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert main.current == 1 and main.triage is None
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Still indexing" in str(n.message) for n in app._notifications)
        await wait_until(pilot, lambda: triage_done(app), timeout=20)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_a_second_start_loads_the_cache(corpus_root: Path, db: Path) -> None:
    BACKGROUND_CALLS.clear()
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        rows = sidebar_rows(app)
    assert sorted(set(BACKGROUND_CALLS)) == sorted(a.id for a in app.corpus.articles)
    for name in (CACHE_FILE, CLAIMS_CACHE_FILE):
        assert list((db.parent / ".cache").glob(f"triage-*/{name}")), name
    BACKGROUND_CALLS.clear()
    again = make_app(corpus_root, db)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert main_of(again).triage is not None
        assert sidebar_rows(again) == rows
    assert BACKGROUND_CALLS == []  # nothing extracted again


async def test_m_on_an_entity_lists_its_mentions_across_the_corpus(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_of(app)
        panel = main.query_one(EntityPanel)
        panel.focus()
        await pilot.pause()
        for _ in range(panel.row_count):
            if panel.highlighted_group is not None and panel.highlighted_group.key == "Donbas":
                break
            await pilot.press("down")
        assert panel.highlighted_group is not None and panel.highlighted_group.key == "Donbas"
        await pilot.press("m")
        await pilot.pause()
        mentions = app.screen
        assert isinstance(mentions, EntityMentionsScreen)
        index = main.triage.index  # type: ignore[union-attr]
        expected = index.mentions("PLACE:donbas")
        assert len({m.article_id for m in expected}) >= 2
        rows = mentions.items
        assert [m for r in range(len(rows)) if (m := rows.mention(r)) is not None] == expected
        # the first row heads an article; enter opens its first mention
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.articles[main.current or 0].id == expected[0].article_id
        view = main.query_one(ArticleView)
        assert view.cursor_offset == expected[0].start
        # in the article: the entity under the cursor, or a word why not
        article = main.articles[main.current or 0]
        entities = dated_entities(article)
        free = next(
            i
            for i, ch in enumerate(article.text)
            if ch.isalpha() and not any(e.start <= i < e.end for e in entities)
        )
        view.move_to_offset(free)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("No entity here" in str(n.message) for n in app._notifications)
        await pilot.press("right_square_bracket", "m")  # the next entity
        await pilot.pause()
        following = next(e for e in entities if e.start > free)
        assert isinstance(app.screen, EntityMentionsScreen)
        assert app.screen.entity_key == make_key(str(following.label), following.text)


async def test_help_and_palette_list_the_triage_keys(corpus_root: Path) -> None:
    app = make_app(corpus_root, None)  # no database: no cache, views still work
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen._table().plain
        for key, words in (("T", "Timeline"), ("R", "Related"), ("Q", "Quotes"), ("C", "Claims")):
            assert any(key in line and words in line for line in table.splitlines()), words
        assert "Entity across the corpus" in table
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"timeline")
        await wait_until(pilot, lambda: "Timeline" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen))


def failing_in_background(article: Article) -> list[Entity]:
    """The fake extractor, but broken for the corpus build."""
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("extractor exploded")
    return dated_entities(article)


async def test_a_failed_build_is_reported_and_the_rest_still_works(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db, extractor=failing_in_background)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_of(app)
        await wait_until(pilot, lambda: main.triage_error is not None)
        assert "extractor exploded" in (main.triage_error or "")
        assert main.triage is None and main.query_one("#sidebar-pane").border_subtitle == ""
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Triage unavailable" in str(n.message) for n in app._notifications)
        # views of the open article need no corpus data
        await pilot.press("Q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuotesScreen))


async def test_quitting_stops_the_build(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_neighbour_prefetch(monkeypatch)  # the build's calls only
    BACKGROUND_CALLS.clear()
    app = make_app(corpus_root, db, extractor=slow_entities)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(BACKGROUND_CALLS) >= 1)
        await pilot.press("q")
    await asyncio.sleep(1.2)  # long enough for two more slow extractions
    assert len(BACKGROUND_CALLS) <= 2  # the article in progress, at most one more
    assert not list((db.parent / ".cache").glob(f"triage-*/{SIMILARITY_CACHE_FILE}"))


# -- the claims cache (no app) ------------------------------------------------------


def _score_all(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, list]:  # type: ignore[type-arg]
    from reader.triage.index_build import build_entity_index
    from reader.tui import triage_state

    articles = load_corpus(root).articles
    index = build_entity_index(articles, dated_entities)
    scored: list[str] = []
    real = triage_state.worthy_claims

    def counting(article, entities):  # type: ignore[no-untyped-def]
        scored.append(article.id)
        return real(article, entities)

    monkeypatch.setattr(triage_state, "worthy_claims", counting)
    found: dict = {}  # type: ignore[type-arg]
    done = triage_state.find_worthy(
        articles, index, lambda: False, lambda f, _n: found.update(f), cache
    )
    assert done
    return found, scored


def test_claims_are_cached_and_rescored_only_where_the_text_changed(
    corpus_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / "worthy_claims.json"
    first, scored = _score_all(corpus_root, cache, monkeypatch)
    assert len(scored) == 5 and cache.exists()
    again, scored = _score_all(corpus_root, cache, monkeypatch)
    assert scored == [] and again == first
    changed = corpus_root / SAME_HEADLINE[1]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nIt cost 300 million dollars in 2023.\n"
    )
    third, scored = _score_all(corpus_root, cache, monkeypatch)
    assert scored == [SAME_HEADLINE[1]]
    assert third[SAME_HEADLINE[0]] == first[SAME_HEADLINE[0]]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"format": "reader-worthy-claims", "version": 99}', b"\xff\xfe"],
)
def test_an_unusable_claims_cache_is_rebuilt(
    corpus_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    cache = tmp_path / "worthy_claims.json"
    expected, _ = _score_all(corpus_root, tmp_path / "other.json", monkeypatch)
    cache.write_bytes(content)
    found, scored = _score_all(corpus_root, cache, monkeypatch)
    assert len(scored) == 5 and found == expected
    assert b"reader-worthy-claims" in cache.read_bytes()


def test_a_claim_outside_its_text_invalidates_that_article(
    corpus_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.tui.claims_cache import load_claims

    cache = tmp_path / "worthy_claims.bin"
    expected, _ = _score_all(corpus_root, cache, monkeypatch)
    header = read_arrays(cache)[0]  # type: ignore[index]
    cached = load_claims(cache, header["fingerprint"])  # type: ignore[arg-type]
    _hash, first, stop = cached.articles[SAME_HEADLINE[0]]
    assert stop > first
    cached.ends[first] = 10**9  # an end far past the text
    arrays = [cached.starts, cached.ends, cached.scores, cached.reason_at, cached.reason_ids]
    write_arrays_atomic(cache, header, arrays)
    found, scored = _score_all(corpus_root, cache, monkeypatch)
    assert scored == [SAME_HEADLINE[0]] and found == expected


async def test_an_empty_corpus_says_there_is_nothing_to_triage(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty, tmp_path / "data" / "annotations.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T", "R", "Q", "C")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        messages = [str(n.message) for n in app._notifications]
        # T says why; R, Q and C need an open article: greyed out, silent
        assert messages.count("Triage unavailable: the corpus is empty") == 1
        assert not any("still indexing" in m.lower() for m in messages)


async def test_a_triage_error_on_one_article_is_reported_not_fatal(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.triage import workspace  # the app imports triage_article from it when used

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("hostile text")

    monkeypatch.setattr(workspace, "triage_article", broken)
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("Q")
        await wait_until(
            pilot, lambda: any("hostile text" in str(n.message) for n in app._notifications)
        )
        assert isinstance(app.screen, MainScreen) and app.is_running
        await pilot.press("R")  # the corpus views still work
        await wait_until(pilot, lambda: isinstance(app.screen, RelatedScreen))


async def test_the_claims_are_moved_out_of_the_gcs_way_once_all_are_found(
    corpus_root: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.tui.screens.triage_actions as actions

    calls: list[tuple[int, bool]] = []
    monkeypatch.setattr(
        actions, "settle", lambda n: calls.append((n, triage_done(app) if calls else False))
    )
    app = make_app(corpus_root, db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause()
        count = len(main_of(app).articles)
    # once when the corpus data is ready, once more when the last claims are in
    assert calls == [(count, False), (count, True)]
