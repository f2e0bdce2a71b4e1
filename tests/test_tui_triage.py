"""The triage views, each pushed on a tiny host app and driven with real keys."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from reader.corpus.article import Article, MetaField, Provenance
from reader.entities.model import Entity, Label
from reader.triage.claims import Claim
from reader.triage.compare import Comparison, RowKind, compare_articles
from reader.triage.index import Mention
from reader.triage.quotes import Quote
from reader.triage.related import RelatedArticle
from reader.triage.sentences import Sentence
from reader.triage.timeline import TimelineEntry, build_timeline, parse_value, sort_key
from reader.tui.tones import tone_variables
from reader.tui.triage import (
    ClaimsScreen,
    CompareScreen,
    EntityMentionsScreen,
    JumpTo,
    MakeFactCheck,
    QuotesScreen,
    RelatedScreen,
    TimelineScreen,
)
from reader.tui.triage.claims_screen import covered_starts
from tests.tui_support import screen_lines

HOSTILE = "Officials said [@click=app.quit]x[/] and \x1b[31mred\x1b[0m happened in 2022."
SHOWN_HOSTILE = "[@click=app.quit]x[/]"
SHOWN_ESCAPE = "␛[31mred"


class Host(App[None]):
    """Pushes one screen and records what it is dismissed with."""

    def __init__(self, make: Callable[[], Screen]) -> None:
        super().__init__()
        self.make = make
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)

    def get_css_variables(self) -> dict[str, str]:
        # the tone variables ReaderApp gives its screens ($reader-warning, ...)
        return {**super().get_css_variables(), **tone_variables(self.current_theme.dark)}


def article(article_id: str, text: str, title: str | None = None) -> Article:
    first = text.split("\n", 1)[0]
    title = first if title is None else title
    return Article(
        id=article_id,
        path=Path(article_id),
        text=text,
        text_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=MetaField(title, Provenance.TEXT, (0, len(first))),
        body_start=len(first) + 1,
    )


def screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app))


def rows_of(app: App[object]):  # type: ignore[no-untyped-def]
    return app.screen.query_one("#rows")


# -- shared data -------------------------------------------------------------

TIMELINE_A = article(
    "a.txt",
    "Talks in Geneva\n\nThe war began in February 2022. Talks were held on 14 March 2022.\n"
    "Another round followed in 2023.",
)
TIMELINE_B = article(
    "b.txt",
    "Earlier History\n\nCrimea was annexed in 2014. " + HOSTILE + "\n",
)


def date_entities(art: Article, values: dict[str, str]) -> list[Entity]:
    found = []
    for words, value in values.items():
        start = art.text.index(words)
        found.append(Entity(start, start + len(words), words, Label.DATE, value))
    return found


TIMELINE_ENTITIES = {
    "a.txt": date_entities(
        TIMELINE_A, {"February 2022": "2022-02", "14 March 2022": "2022-03-14", "2023": "2023"}
    ),
    "b.txt": date_entities(TIMELINE_B, {"2014": "2014", "2022.": "2022"}),
}
TITLES = {"a.txt": "Talks in Geneva", "b.txt": "Earlier History"}


def timeline(with_sentences: bool = True) -> list[TimelineEntry]:
    return build_timeline(
        [TIMELINE_A, TIMELINE_B], TIMELINE_ENTITIES, with_sentences=with_sentences
    )


def synthetic_entries(count: int) -> list[TimelineEntry]:
    entries = []
    for n in range(count):
        value = f"{1990 + n % 35}-{1 + n % 12:02d}" if n % 2 else f"{1990 + n % 35}"
        first_day, precision = parse_value(value)  # type: ignore[misc]
        text = f"Event number {n} took place in {value} far away."
        start = text.index(value)
        entries.append(
            TimelineEntry(
                value,
                precision,
                first_day,
                f"art{n % 40}.txt",
                start,
                start + len(value),
                value,
                Sentence(0, len(text), text),
            )
        )
    entries.sort(key=sort_key)
    return entries


# -- TimelineScreen ----------------------------------------------------------


async def test_timeline_rows_in_date_order_and_enter_jumps_to_the_mention() -> None:
    entries = timeline()
    app = Host(lambda: TimelineScreen(entries, TITLES))
    async with app.run_test(size=(120, 30)) as pilot:
        text = screen_text(app)
        labels = ["2014", "2022", "February 2022", "14 March 2022", "2023"]
        positions = [text.index(f"│ {label} ") for label in labels]
        assert positions == sorted(positions)
        assert "5 dated mentions in 2 articles" in text
        assert "month" in text and "day" in text and "year" in text  # precision shown
        assert "Earlier History" in text and "Talks in Geneva" in text
        await pilot.press("j", "j", "enter")
        await pilot.pause()
    third = entries[2]
    assert third.label == "February 2022"
    assert app.results == [JumpTo("a.txt", TIMELINE_A.text.index("February 2022"))]


async def test_timeline_escape_returns_none_and_empty_timeline_says_so() -> None:
    app = Host(lambda: TimelineScreen([], {}))
    async with app.run_test(size=(100, 20)) as pilot:
        assert "No dated mentions" in screen_text(app)
        await pilot.press("j", "G", "pagedown", "enter", "escape")
        await pilot.pause()
    assert app.results == [None]


async def test_timeline_finds_sentences_from_texts_when_entries_have_none() -> None:
    entries = timeline(with_sentences=False)
    assert all(e.sentence is None for e in entries)
    texts = {a.id: a.text for a in (TIMELINE_A, TIMELINE_B)}
    app = Host(lambda: TimelineScreen(entries, TITLES, texts))
    async with app.run_test(size=(140, 30)):
        text = screen_text(app)
    assert "Crimea was annexed in 2014." in text
    assert "Talks were held on 14 March 2022." in text


async def test_timeline_with_5000_entries_shows_first_and_last_rows() -> None:
    entries = synthetic_entries(5000)
    app = Host(lambda: TimelineScreen(entries, {f"art{n}.txt": f"Title {n}" for n in range(40)}))
    async with app.run_test(size=(120, 30)) as pilot:
        rows = rows_of(app)
        assert rows.row_count == 5000
        first = screen_text(app)
        assert "5000 dated mentions in 40 articles" in first
        assert f"{entries[0].sentence.text[:20]}" in first  # type: ignore[union-attr]
        await pilot.press("G", "enter")
        await pilot.pause()
    last = entries[-1]
    assert app.results == [JumpTo(last.article_id, last.start)]


async def test_timeline_long_sentence_keeps_the_date_in_view() -> None:
    text = "Long\n\n" + "Words and more words " * 30 + "until 9 May 1945 at last."
    art = article("long.txt", text)
    start = text.index("9 May 1945")
    entities = {"long.txt": [Entity(start, start + 10, "9 May 1945", Label.DATE, "1945-05-09")]}
    entries = build_timeline([art], entities)
    app = Host(lambda: TimelineScreen(entries, {"long.txt": "Long"}))
    async with app.run_test(size=(90, 20)):
        [row] = [line for line in screen_lines(app) if "9 May 1945  " in line]
    assert "…" in row and "until 9 May 1945 at last." in row


async def test_timeline_page_keys_move_by_a_screenful() -> None:
    entries = synthetic_entries(500)
    app = Host(lambda: TimelineScreen(entries, {}))
    async with app.run_test(size=(100, 24)) as pilot:
        rows = rows_of(app)
        await pilot.press("pagedown")
        page = rows.highlighted
        assert page is not None and 5 < page < 24
        await pilot.press("pagedown", "pageup", "k")
        assert rows.highlighted == page - 1
        await pilot.press("G")
        await pilot.pause()
        assert rows.highlighted == 499
        last = entries[-1].sentence.text  # type: ignore[union-attr]
        assert last[last.index("number") : last.index(" far")] in screen_text(app)
        await pilot.press("g")
        assert rows.highlighted == 0


async def test_timeline_filter_narrows_rows_and_escape_leaves_the_filter() -> None:
    entries = timeline()
    app = Host(lambda: TimelineScreen(entries, TITLES))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"crimea")
        await pilot.pause()
        rows = rows_of(app)
        assert rows.row_count == 1
        assert "1 shown" in screen_text(app)
        await pilot.press("escape")  # leaves the field, keeps the filter
        assert app.focused is rows and app.results == []
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [JumpTo("b.txt", TIMELINE_B.text.index("2014"))]


# -- RelatedScreen and CompareScreen -----------------------------------------

LEFT = article(
    "left.txt",
    "Talks Resume in Geneva\n\n"
    "Negotiators met in Geneva on Monday for a third round of talks. "
    "The army lost 300 tanks near the river in the spring offensive. "
    "Both delegations called the atmosphere constructive. "
    "A new round is planned for May.",
)
RIGHT = article(
    "right.txt",
    "Talks Resume in Geneva\n\n"
    "Negotiators met in Geneva on Monday for a third round of talks. "
    "The army lost many tanks near the river crossing last spring. "
    "Observers said little progress was made on the main issues. "
    "A new round is planned for May.",
)
OTHER = article("other.txt", "Harvest Report\n\nWheat prices rose in Kansas.")
SIMILAR = article("similar.txt", "Geneva Diary\n\nNegotiators met again in Geneva.")
ARTICLES = {a.id: a for a in (LEFT, RIGHT, OTHER, SIMILAR)}
RELATED = [
    RelatedArticle("similar.txt", 0.61, ("Geneva",), ("negotiators",)),
    RelatedArticle("right.txt", 0.42, ("Geneva", "May"), ("talks", "round")),
    RelatedArticle("other.txt", 0.07, (), ("prices",)),
]


def comparison() -> Comparison:
    return compare_articles(LEFT, RIGHT)


async def test_related_flags_same_headline_first_and_enter_opens_the_article() -> None:
    app = Host(lambda: RelatedScreen(LEFT, RELATED, [("right.txt", 100.0)], ARTICLES))
    async with app.run_test(size=(110, 30)) as pilot:
        text = screen_text(app)
        assert "⚠ SAME HEADLINE as “Talks Resume in Geneva” (right.txt)" in text
        assert "3 related articles" in text
        order = [text.index(t) for t in ("same headline 0.42", "0.61 Geneva Diary", "0.07")]
        assert order == sorted(order)  # the duplicate first, then by similarity
        assert "shared: Geneva, May · words: talks, round" in text
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.results == [JumpTo("similar.txt", 0)]


async def test_related_c_opens_compare_escape_returns_and_enter_jumps() -> None:
    app = Host(lambda: RelatedScreen(LEFT, RELATED, [("right.txt", 100.0)], ARTICLES))
    async with app.run_test(size=(110, 30)) as pilot:
        related = app.screen
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.right is RIGHT
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is related and app.results == []
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "enter")  # the second row: the shared first sentence
        await pilot.pause()
    expected = LEFT.text.index("Negotiators")
    assert app.results == [JumpTo("left.txt", expected)]


async def test_related_nearly_same_headline_and_missing_article() -> None:
    app = Host(lambda: RelatedScreen(LEFT, [], [("gone.txt", 93.4)], {}))
    async with app.run_test(size=(110, 30)) as pilot:
        text = screen_text(app)
        assert "NEARLY THE SAME HEADLINE (93%) as “gone.txt”" in text
        assert "only the headline matches" in text
        assert app.screen.check_action("compare", ()) is None  # greyed out in the footer
        await pilot.press("c")  # not loaded: nothing happens, nothing returned
        await pilot.pause()
        assert app.results == [] and isinstance(app.screen, RelatedScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_compare_summary_counts_and_markers() -> None:
    result = comparison()
    counts = [result.count(k) for k in RowKind]
    assert counts == [3, 1, 1, 1]  # the texts are written for this
    app = Host(lambda: CompareScreen(LEFT, RIGHT, result))
    async with app.run_test(size=(120, 40)):
        text = screen_text(app)
        lines = screen_lines(app)
    assert "3 shared · 1 changed · 1 only left · 1 only right" in text
    changed = next(line for line in lines if "300 tanks" in line)
    assert "~ The army lost 300 tanks" in changed and "many tanks" in changed  # side by side
    assert any("◀ Both delegations" in line for line in lines)
    right_only = next(line for line in lines if "Observers said" in line)
    assert "▶ " in right_only and "Both delegations" not in right_only


async def test_compare_narrow_stacks_left_above_right() -> None:
    app = Host(lambda: CompareScreen(LEFT, RIGHT, comparison()))
    async with app.run_test(size=(70, 50)):
        lines = screen_lines(app)
    changed = next(n for n, line in enumerate(lines) if "~ L The army lost 300" in line)
    assert any("R The army lost many tanks" in line for line in lines[changed + 1 : changed + 4])


async def test_compare_n_and_p_move_between_differences() -> None:
    result = comparison()
    kinds = [row.kind for row in result.rows]
    differences = [n for n, kind in enumerate(kinds) if kind != RowKind.SHARED]
    app = Host(lambda: CompareScreen(LEFT, RIGHT, result))
    async with app.run_test(size=(120, 40)) as pilot:
        rows = rows_of(app)
        assert rows.highlighted == 0
        seen = []
        for _ in range(len(differences) + 1):  # one more than there are: stays on the last
            await pilot.press("n")
            seen.append(rows.highlighted)
        assert seen == [*differences, differences[-1]]
        await pilot.press("p")
        assert rows.highlighted == differences[-2]
        assert app.screen.check_action("open_right", ()) is None  # greyed out
        await pilot.press("r")  # the left-only row has no right sentence: stays open
        await pilot.pause()
        assert app.results == []
        await pilot.press("n", "enter")  # right only: enter opens the right article
        await pilot.pause()
    right_only = result.rows[differences[-1]].right
    assert right_only is not None
    assert app.results == [JumpTo("right.txt", right_only.start)]


async def test_compare_r_opens_the_right_sentence_and_escape_returns_none() -> None:
    result = comparison()
    app = Host(lambda: CompareScreen(LEFT, RIGHT, result))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "r")
        await pilot.pause()
    assert app.results == [JumpTo("right.txt", RIGHT.text.index("Negotiators"))]
    app = Host(lambda: CompareScreen(LEFT, RIGHT, result))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


# -- QuotesScreen --------------------------------------------------------------

QUOTE_TEXT = (
    "Quotes Day\n\n"
    "“We will talk,” said Mr. Blinken. “We will not,” one U.S. official said. "
    "“Nothing is agreed.” “Keep going,” said Ms. Haines."
)
QUOTES_ARTICLE = article("q.txt", QUOTE_TEXT)


def quote(words: str, speaker: str | None, anonymous: bool = False) -> Quote:
    start = QUOTE_TEXT.index(words) - 1
    return Quote(start, start + len(words) + 2, words, speaker, None, anonymous, "test")


QUOTES = [
    quote("Keep going,", "Ms. Haines"),
    quote("We will talk,", "Mr. Blinken"),
    quote("We will not,", "one U.S. official", anonymous=True),
    quote("Nothing is agreed.", None),
]


async def test_quotes_header_counts_flags_and_enter_jumps_in_text_order() -> None:
    app = Host(lambda: QuotesScreen(QUOTES_ARTICLE, QUOTES))
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "4 quotes · 2 named · 1 anonymous · 1 unattributed" in text
        assert "⚑ anonymous source: one U.S. official" in text
        assert "? unattributed" in text
        order = [text.index(w) for w in ("We will talk", "We will not", "Nothing", "Keep going")]
        assert order == sorted(order)  # text order, whatever order they came in
        await pilot.press("down", "down", "enter")
        await pilot.pause()
    assert app.results == [JumpTo("q.txt", QUOTE_TEXT.index("“Nothing"))]


async def test_quotes_none_found_and_escape() -> None:
    app = Host(lambda: QuotesScreen(QUOTES_ARTICLE, []))
    async with app.run_test(size=(100, 20)) as pilot:
        assert "No quotations found" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


# -- EntityMentionsScreen ----------------------------------------------------

M1 = article("m1.txt", "First\n\nMr. Blinken spoke. Later Blinken left.")
M2 = article("m2.txt", "Second\n\nThe visit of Blinken to Kyiv was short.")


def mentions() -> list[Mention]:
    found = []
    for art in (M1, M2):
        start = art.text.find("Blinken")
        while start >= 0:
            found.append(Mention(art.id, start, start + 7, "Blinken", Label.PERSON))
            start = art.text.find("Blinken", start + 1)
    return found


async def test_mentions_grouped_by_article_with_sentences_and_enter_jumps() -> None:
    texts = {a.id: a.text for a in (M1, M2)}
    titles = {"m1.txt": "First", "m2.txt": "Second"}
    make = lambda: EntityMentionsScreen(  # noqa: E731
        "Antony J. Blinken", "PERSON:antony j. blinken", mentions(), titles, texts
    )
    app = Host(make)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "Antony J. Blinken (PERSON) · 3 mentions in 2 articles" in text
        assert "First  2 mentions" in text and "Second  1 mention" in text
        lines = screen_lines(app)
        heading = next(n for n, line in enumerate(lines) if "Second  1 mention" in line)
        assert "The visit of Blinken to Kyiv was short." in lines[heading + 1]
        assert rows_of(app).highlighted == 1  # the first mention, not its heading
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.results == [JumpTo("m1.txt", M1.text.index("Later Blinken") + 6)]
    app = Host(make)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")  # an article heading: its first mention
        await pilot.pause()
    assert app.results == [JumpTo("m2.txt", M2.text.index("Blinken"))]


# -- ClaimsScreen ------------------------------------------------------------

CLAIM_TEXT = (
    "Claims\n\nThe army lost 300 tanks in 2022. Prices doubled since May. "
    "It rained. Everyone always agrees."
)
CLAIMS_ARTICLE = article("c.txt", CLAIM_TEXT)


def claim(words: str, score: float, *reasons: str) -> Claim:
    start = CLAIM_TEXT.index(words)
    return Claim(start, start + len(words), words, score, reasons)


CLAIMS = [
    claim("The army lost 300 tanks in 2022.", 0.9, "a figure", "a date"),
    claim("Prices doubled since May.", 0.7, "a comparison (doubled)"),
    claim("It rained.", 0.1),
    claim("Everyone always agrees.", 0.55, "absolute wording (everyone, always)"),
]


async def test_claims_unchecked_first_marks_and_f_requests_a_fact_check() -> None:
    covered = {CLAIMS[0].start}
    app = Host(lambda: ClaimsScreen(CLAIMS_ARTICLE, CLAIMS, covered))
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "3 check-worthy claims · 1 checked · 2 to check" in text
        assert "It rained" not in text  # below the threshold
        order = [text.index(w) for w in ("Prices doubled", "Everyone always", "The army lost")]
        assert order == sorted(order)  # unchecked by score, then the checked one
        assert "✓ checked  0.90 The army lost" in text
        assert "● to check 0.70 Prices doubled" in text
        assert "a comparison (doubled)" in text
        await pilot.press("down", "f")
        await pilot.pause()
    everyone = CLAIMS[3]
    assert app.results == [MakeFactCheck("c.txt", everyone.start, everyone.end)]


async def test_claims_text_order_and_enter_jumps() -> None:
    app = Host(lambda: ClaimsScreen(CLAIMS_ARTICLE, CLAIMS, threshold=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")  # text order
        text = screen_text(app)
        assert "4 check-worthy claims · 0 checked · 4 to check  (order: text order)" in text
        order = [text.index(w) for w in ("The army", "Prices", "It rained", "Everyone")]
        assert order == sorted(order)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
    assert app.results == [JumpTo("c.txt", CLAIM_TEXT.index("It rained"))]


def test_covered_starts_from_the_article_triage() -> None:
    unchecked = [CLAIMS[1], CLAIMS[3]]
    assert covered_starts(CLAIMS, unchecked) == {CLAIMS[0].start}  # "It rained" is too low
    assert covered_starts(CLAIMS, unchecked, threshold=0.0) == {CLAIMS[0].start, CLAIMS[2].start}


async def test_related_compare_failure_is_reported_not_fatal() -> None:
    def broken(left: Article, right: Article) -> Comparison:
        raise ValueError("boom")

    make = lambda: RelatedScreen(LEFT, RELATED, [], ARTICLES, compare=broken)  # noqa: E731
    app = Host(make)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen) and app.is_running
        assert any("Could not compare: boom" in str(n.message) for n in app._notifications)


# -- hostile text --------------------------------------------------------------


async def test_hostile_text_is_shown_literally_in_every_view() -> None:
    evil = article("evil.txt", f"{HOSTILE}\n\n{HOSTILE} “{HOSTILE}” said {HOSTILE}")
    start = evil.text.index("Officials", 5)
    sentence = Sentence(start, start + len(HOSTILE), HOSTILE)
    first_day, precision = parse_value("2022")  # type: ignore[misc]
    date_at = start + HOSTILE.index("2022")
    entry = TimelineEntry("2022", precision, first_day, "evil.txt", date_at, date_at + 4, "2022")
    quoted = evil.text.index("“")
    screens: list[Callable[[], Screen]] = [
        lambda: TimelineScreen([entry], {"evil.txt": HOSTILE}, {"evil.txt": evil.text}),
        lambda: RelatedScreen(
            evil, [RelatedArticle("evil2.txt", 0.5, (HOSTILE,), ())], [], {"evil2.txt": evil}
        ),
        lambda: CompareScreen(evil, evil, compare_articles(evil, evil)),
        lambda: QuotesScreen(
            evil, [Quote(quoted, quoted + len(HOSTILE) + 2, HOSTILE, HOSTILE, None, True)]
        ),
        lambda: EntityMentionsScreen(
            HOSTILE,
            "PERSON:x",
            [Mention("evil.txt", start, start + 9, "Officials", Label.PERSON)],
            {"evil.txt": HOSTILE},
            {"evil.txt": evil.text},
        ),
        lambda: ClaimsScreen(evil, [Claim(sentence.start, sentence.end, HOSTILE, 0.9, (HOSTILE,))]),
    ]
    for make in screens:
        app = Host(make)
        async with app.run_test(size=(200, 40)) as pilot:
            text = screen_text(app)
            assert SHOWN_HOSTILE in text, type(app.screen).__name__
            assert SHOWN_ESCAPE in text, type(app.screen).__name__
            assert "\x1b" not in text
            row = rows_of(app)
            await pilot.click(row, offset=(30, 0))  # on the text: no link to follow
            await pilot.pause()
            assert app.is_running
        assert all(r is None or isinstance(r, JumpTo) for r in app.results)


def test_jump_requests_are_small_frozen_values() -> None:
    jump = JumpTo("a.txt", 3)
    assert jump == JumpTo("a.txt", 3) and hash(jump) == hash(JumpTo("a.txt", 3))
    request = MakeFactCheck("a.txt", 3, 9)
    try:
        request.start = 4  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover - a mutable request would be a bug
        raise AssertionError("MakeFactCheck must be frozen")
    assert date(2022, 1, 1) == parse_value("2022")[0]  # type: ignore[index]


# -- the real core on the seeds ---------------------------------------------


async def test_every_view_opens_on_the_core_results_for_the_seeds() -> None:
    from reader.entities.extract import entities_for
    from reader.triage.workspace import build_corpus_triage, triage_article
    from tests.tui_support import seeds

    articles = list(seeds().articles)
    corpus = build_corpus_triage(articles, entities_for)
    assert corpus.timeline and corpus.duplicate_titles
    by_id = {a.id: a for a in articles}
    titles = {a.id: a.title.value or a.id for a in articles}
    texts = {a.id: a.text for a in articles}
    first = next(a for a in articles if a.id.startswith("001_"))
    copy = next(a for a in articles if a.id.startswith("000_"))
    one = triage_article(first, corpus.index.entities(first.id))
    key = corpus.index.keys("PERSON")[0]
    screens: list[tuple[Callable[[], Screen], str]] = [
        (
            lambda: TimelineScreen(corpus.timeline, titles, texts),
            f"{len(corpus.timeline)} dated mentions",
        ),
        (
            lambda: RelatedScreen(
                first, corpus.similarity.related(first.id), corpus.duplicate_titles, by_id
            ),
            f"SAME HEADLINE as “{titles[copy.id]}” ({copy.id})",
        ),
        (lambda: CompareScreen(copy, first, compare_articles(copy, first)), "only right"),
        (lambda: QuotesScreen(first, one.quotes), f"{len(one.quotes)} quotes"),
        (
            lambda: EntityMentionsScreen(
                corpus.index.display_name(key), key, corpus.index.mentions(key), titles, texts
            ),
            f"{len(corpus.index.mentions(key))} mentions",
        ),
        (lambda: ClaimsScreen(first, one.claims), "check-worthy claims"),
    ]
    for make, expected in screens:
        app = Host(make)
        async with app.run_test(size=(140, 40)) as pilot:
            assert expected in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
        [result] = app.results
        assert isinstance(result, JumpTo) and result.article_id in by_id
        assert 0 <= result.offset < len(by_id[result.article_id].text)
