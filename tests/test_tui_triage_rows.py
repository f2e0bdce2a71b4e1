"""The virtual row lists of the triage views at size: keys, mouse, enter at
the right place, the timeline filter (narrowing, to nothing and back),
untrusted text in rows drawn on demand, the mentions view reading an index
only for the rows drawn, the related view with thousands of duplicates."""

from __future__ import annotations

from reader.entities.model import Label
from reader.triage.index import Mention
from reader.triage.related import RelatedArticle
from reader.triage.sentences import Sentence
from reader.triage.timeline import TimelineEntry, parse_value, sort_key
from reader.tui.triage import (
    EntityMentionsScreen,
    IndexedMentions,
    JumpTo,
    RelatedScreen,
    RowList,
    TimelineScreen,
)
from tests.test_tui_triage import Host, rows_of, screen_text
from tests.test_tui_triage import article as tarticle

ESCAPE_TITLE = "\x1b[2J[b]bold[/b] \u202eevil\x07"


def entries(count: int, articles: int = 97) -> list[TimelineEntry]:
    """`count` dated mentions spread over `articles` articles; entry n says
    "number n" and sits at offset 10 + n in its article."""
    out = []
    for n in range(count):
        value = f"{1900 + n % 120}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        first_day, precision = parse_value(value)  # type: ignore[misc]
        text = f"Marker number {n} dated {value} in town {n % 7}."
        at = text.index(value)
        start = 10 + n
        out.append(
            TimelineEntry(
                value,
                precision,
                first_day,
                f"art{n % articles}.txt",
                start,
                start + len(value),
                value,
                Sentence(start - at, start - at + len(text), text),
            )
        )
    out.sort(key=sort_key)
    return out


def titles(articles: int = 97) -> dict[str, str]:
    return {f"art{n}.txt": f"Title {n}" for n in range(articles)}


def number_of(entry: TimelineEntry) -> str:
    assert entry.sentence is not None
    return entry.sentence.text.split()[2]


async def test_20000_entries_keys_move_the_cursor_and_enter_opens_that_mention() -> None:
    data = entries(20_000)
    app = Host(lambda: TimelineScreen(data, titles()))
    async with app.run_test(size=(120, 30)) as pilot:
        rows = rows_of(app)
        assert isinstance(rows, RowList) and rows.row_count == 20_000
        assert "20000 dated mentions in 97 articles" in screen_text(app)
        page = rows.scrollable_content_region.height
        await pilot.press("j", "j", "k")
        assert rows.highlighted == 1
        await pilot.press("pagedown")
        assert rows.highlighted == 1 + page
        await pilot.press("G")
        await pilot.pause()
        assert rows.highlighted == 19_999
        assert f"number {number_of(data[-1])} " in screen_text(app)  # drawn at the end
        await pilot.press("pageup", "down", "up", "up")
        assert rows.highlighted == 19_999 - page - 1
        await pilot.press("end", "home")
        assert rows.highlighted == 0
        await pilot.press("G", "k", "enter")
        await pilot.pause()
    chosen = data[-2]
    assert app.results == [JumpTo(chosen.article_id, chosen.start)]


async def test_a_click_opens_the_row_under_the_mouse_after_scrolling() -> None:
    data = entries(20_000)
    app = Host(lambda: TimelineScreen(data, titles()))
    async with app.run_test(size=(120, 30)) as pilot:
        rows = rows_of(app)
        await pilot.press("G")
        await pilot.pause()
        top = int(rows.scroll_offset.y)
        assert top > 19_000
        await pilot.click(rows, offset=(40, 2))
        await pilot.pause()
    chosen = data[top + 2]
    assert app.results == [JumpTo(chosen.article_id, chosen.start)]


async def test_filter_to_nothing_and_back() -> None:
    data = entries(3_000)
    app = Host(lambda: TimelineScreen(data, titles()))
    async with app.run_test(size=(120, 30)) as pilot:
        rows = rows_of(app)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert rows.row_count == 0 and rows.highlighted is None
        assert "0 shown" in screen_text(app)
        await pilot.press("escape", "enter", "j", "G")  # nothing to open or move to
        await pilot.pause()
        assert app.results == [] and rows.highlighted is None
        await pilot.press("slash", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert rows.row_count == 3_000 and rows.highlighted == 0
        assert "shown" not in screen_text(app)
        await pilot.press("escape", "j", "enter")
        await pilot.pause()
    assert app.results == [JumpTo(data[1].article_id, data[1].start)]


async def test_typing_more_letters_narrows_and_a_new_word_searches_everything() -> None:
    data = entries(3_000)
    view = TimelineScreen(data, titles())
    app = Host(lambda: view)

    def expected(*words: str) -> list[int]:
        return [i for i, e in enumerate(data) if all(w in view.haystack(e) for w in words)]

    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await pilot.press("slash", *"town 3")
        await pilot.pause()
        assert screen.shown == expected("town", "3") and 0 < len(screen.shown) < 3_000
        await pilot.press("1")  # "town 31": narrower
        await pilot.pause()
        assert screen.shown == expected("town", "31")
        await pilot.press(*" title 5")  # another word: narrower still
        await pilot.pause()
        assert screen.shown == expected("town", "31", "title", "5")
        for _ in range(len(" title 5") + 1):  # back to "town 3": wider again
            await pilot.press("backspace")
        await pilot.pause()
        assert screen.shown == expected("town", "3")
        await pilot.press("backspace", "backspace", "backspace")  # "tow": wider
        await pilot.press(*"n 5")
        await pilot.pause()
        assert screen.shown == expected("town", "5") and screen.shown
        await pilot.press("enter", "enter")  # leave the field, open the first row
        await pilot.pause()
    first = data[expected("town", "5")[0]]
    assert app.results == [JumpTo(first.article_id, first.start)]


async def test_untrusted_titles_and_sentences_in_rows_drawn_late_stay_inert() -> None:
    data = entries(5_000, articles=3)
    hostile = {f"art{n}.txt": ESCAPE_TITLE for n in range(3)}
    last = data[-1]
    assert last.sentence is not None
    text = "[red]x[/red] \x1b[31m\x07 said on " + last.value
    sentence = Sentence(last.start - text.index(last.value), 0, text)
    sentence = Sentence(sentence.start, sentence.start + len(text), text)
    data[-1] = TimelineEntry(
        last.value,
        last.precision,
        last.first_day,
        last.article_id,
        last.start,
        last.end,
        last.text,
        sentence,
    )
    app = Host(lambda: TimelineScreen(data, hostile))
    async with app.run_test(size=(180, 30)) as pilot:
        await pilot.press("G")  # the hostile sentence is built only now
        await pilot.pause()
        shown = screen_text(app)
        assert "[red]x[/red]" in shown and "[b]bold[/b]" in shown
        assert "␛[31m" in shown and "␛[2J" in shown
        for control in ("\x1b", "\x07", "\u202e"):
            assert control not in shown
        rows = rows_of(app)
        for y in range(rows.size.height):  # the strips themselves, segment by segment
            for segment in rows.render_line(y):
                assert not any(c in segment.text for c in ("\x1b", "\x07", "\u202e"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [JumpTo(last.article_id, last.start)]


# -- the mentions view over an index, read as drawn ------------------------------


class FakeIndex:
    """Mention lookups as an EntityIndex answers them, counting the reads."""

    def __init__(self, per_article: dict[str, list[Mention]]) -> None:
        self.per_article = per_article
        self.read: list[str] = []

    def articles_for(self, key: str) -> list[str]:
        return list(self.per_article) if key == KEY else []

    def mention_count(self, key: str, article_id: str) -> int:
        return len(self.per_article.get(article_id, [])) if key == KEY else 0

    def mentions(self, key: str, article_id: str | None = None) -> list[Mention]:
        assert article_id is not None, "the view must not read every mention at once"
        self.read.append(article_id)
        return list(self.per_article.get(article_id, []))


KEY = "PLACE:kyiv"


def place_corpus(articles: int, per: int) -> tuple[dict[str, list[Mention]], dict[str, str]]:
    mentions: dict[str, list[Mention]] = {}
    texts: dict[str, str] = {}
    for n in range(articles):
        aid = f"p{n:05d}.txt"
        text = " ".join(f"Kyiv report {n}-{m} follows." for m in range(per))
        texts[aid] = text
        at = [i for i in range(len(text)) if text.startswith("Kyiv", i)]
        mentions[aid] = [Mention(aid, s, s + 4, "Kyiv", Label.PLACE) for s in at]
    return mentions, texts


async def test_mentions_from_an_index_read_only_the_articles_drawn() -> None:
    per_article, texts = place_corpus(5_000, 4)  # 25,000 rows
    per_article["p00001.txt"] = []  # an article without mentions has no heading
    index = FakeIndex(per_article)
    titles = {aid: f"Report {aid}" for aid in per_article}
    app = Host(
        lambda: EntityMentionsScreen("Kyiv", KEY, IndexedMentions(index, KEY), titles, texts)
    )
    async with app.run_test(size=(120, 30)) as pilot:
        rows = rows_of(app)
        assert rows.row_count == 4_999 * 5
        assert "Kyiv (PLACE) · 19996 mentions in 4999 articles" in screen_text(app)
        assert "p00001.txt" not in screen_text(app)
        assert 0 < len(set(index.read)) <= 10  # a screenful, not 5,000 articles
        assert rows.highlighted == 1
        await pilot.press("G")
        await pilot.pause()
        assert "Kyiv report 4999-3 follows." in screen_text(app)
        assert len(set(index.read)) <= 20
        await pilot.press("k", "k", "k", "k", "enter")  # the last article's heading
        await pilot.pause()
    last = per_article["p04999.txt"]
    assert app.results == [JumpTo("p04999.txt", last[0].start)]


async def test_mentions_rows_when_the_index_changed_under_the_view() -> None:
    per_article, texts = place_corpus(3, 2)
    index = FakeIndex(per_article)
    titles = {aid: aid for aid in per_article}
    view = EntityMentionsScreen("Kyiv", KEY, IndexedMentions(index, KEY), titles, texts)
    per_article["p00000.txt"] = per_article["p00000.txt"][:1]  # fewer than counted
    app = Host(lambda: view)
    async with app.run_test(size=(120, 30)) as pilot:
        assert view.items.mention(2) is None  # the second of two counted: gone
        assert view.result_at(2) is None and view.result_at(99) is None
        await pilot.press("j", "enter")  # row 2: nothing to open, the view stays
        await pilot.pause()
        assert app.results == [] and app.screen is view
        await pilot.press("j", "enter")  # row 3: the next article's heading
        await pilot.pause()
    assert app.results == [JumpTo("p00001.txt", per_article["p00001.txt"][0].start)]


async def test_mentions_empty_and_from_a_mapping_in_text_order() -> None:
    per_article, texts = place_corpus(2, 3)
    shuffled = {aid: list(reversed(ms)) for aid, ms in per_article.items()}
    app = Host(lambda: EntityMentionsScreen("Kyiv", KEY, shuffled, {}, texts))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "enter")  # the second mention of the first article
        await pilot.pause()
    assert app.results == [JumpTo("p00000.txt", per_article["p00000.txt"][1].start)]
    app = Host(lambda: EntityMentionsScreen("Nobody", "PERSON:nobody", [], {}, {}))
    async with app.run_test(size=(120, 30)) as pilot:
        assert "Nobody (PERSON) · 0 mentions in 0 articles" in screen_text(app)
        await pilot.press("enter", "j", "escape")
        await pilot.pause()
    assert app.results == [None]


# -- the related view with thousands of same headlines ------------------------------


async def test_related_with_4000_same_headlines_lists_them_all_and_flags_three() -> None:
    articles = {f"d{n}.txt": tarticle(f"d{n}.txt", "Breaking News\n\nText.") for n in range(4_000)}
    me = tarticle("me.txt", "Breaking News\n\nMine.")
    duplicates = [(aid, 100.0) for aid in articles]
    related = [RelatedArticle("d7.txt", 0.5, ("Kyiv",), ("news",))]
    app = Host(lambda: RelatedScreen(me, related, duplicates, articles))
    async with app.run_test(size=(120, 40)) as pilot:
        text = screen_text(app)
        assert text.count("SAME HEADLINE as “Breaking News”") == 3
        assert "⚠ … and 3997 more" in text and "1 related article, most similar first" in text
        assert rows_of(app).row_count == 4_000
        await pilot.press("G", "enter")
        await pilot.pause()
    assert app.results == [JumpTo("d999.txt", 0)]  # duplicates sorted by id after score


async def test_related_ranking_given_as_a_function_is_called_after_the_first_frame() -> None:
    articles = {f"d{n}.txt": tarticle(f"d{n}.txt", "Breaking News\n\nText.") for n in range(3)}
    articles["r.txt"] = tarticle("r.txt", "Other Story\n\nText.")
    me = tarticle("me.txt", "Breaking News\n\nMine.")
    calls: list[int] = []
    drawn_before: list[str] = []

    def rank() -> list[RelatedArticle]:
        calls.append(1)
        drawn_before.append(screen_text(app))
        return [RelatedArticle("r.txt", 0.42, ("Kyiv",), ("news",))]

    view = RelatedScreen(me, rank, [("d0.txt", 100.0), ("d1.txt", 95.0)], articles)
    assert calls == [] and "finding related articles…" in view.summary().plain
    app = Host(lambda: view)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert calls == [1]  # the view was laid out and drawn first, with the flags
        assert "finding related articles…" in drawn_before[0]
        assert "SAME HEADLINE as “Breaking News” (d0.txt)" in drawn_before[0]
        text = screen_text(app)
        assert "1 related article, most similar first" in text and "finding" not in text
        assert "0.42 Other Story" in text and "shared: Kyiv · words: news" in text
        assert rows_of(app).row_count == 3 and rows_of(app).highlighted == 0
        await pilot.press("G", "enter")
        await pilot.pause()
    assert calls == [1] and app.results == [JumpTo("r.txt", 0)]


async def test_related_ranking_that_fails_leaves_the_same_headlines_usable() -> None:
    articles = {"d0.txt": tarticle("d0.txt", "Breaking News\n\nText.")}
    me = tarticle("me.txt", "Breaking News\n\nMine.")

    def rank() -> list[RelatedArticle]:
        raise RuntimeError("similarity data gone")

    app = Host(lambda: RelatedScreen(me, rank, [("d0.txt", 100.0)], articles))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert any("similarity data gone" in str(n.message) for n in app._notifications)
        text = screen_text(app)
        assert "0 related articles" in text and "SAME HEADLINE" in text
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [JumpTo("d0.txt", 0)]


async def test_the_filter_haystacks_are_made_in_turns_once_the_field_opens() -> None:
    data = entries(12_000)  # more than two turns' worth
    view = TimelineScreen(data, titles())
    app = Host(lambda: view)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert view._haystacks is None  # nothing made for a view never filtered
        await pilot.press("slash")
        await pilot.pause()
        assert view._haystacks == [view.haystack(e) for e in data]
        del view._haystacks[7_000:]  # as if the words came before the last turns
        await pilot.press(*"town 4")
        await pilot.pause()
        stacks = [view.haystack(e) for e in data]
        expected = [i for i, h in enumerate(stacks) if "town" in h and "4" in h]
        assert view.shown == expected and len(view._haystacks) == 12_000
        assert rows_of(app).row_count == len(expected) > 0
