"""The corpus timeline: every dated mention in date order, with its sentence
and article; `/` filters; enter opens the mention."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input

from reader.triage.sentences import Sentence
from reader.triage.timeline import Timeline, TimelineEntry, entry_sentence
from reader.tui.triage.base import TriageScreen
from reader.tui.triage.jump import JumpTo
from reader.tui.triage.rows import fit, flat, plural, squeeze, window

DATE_WIDTH = 17  # "30 September 2022"
PRECISION_WIDTH = 6  # "month"
HAYSTACK_CHUNK = 5_000  # filter haystacks made per turn of the event loop


class TimelineScreen(TriageScreen[JumpTo]):
    """Dismissed with JumpTo(article_id, offset of the date mention), or None.

    `titles`: article id -> title to show. `texts`: article id -> text, used
    to find the sentence of entries built without one (only for rows drawn)."""

    DEFAULT_CSS = """
    TimelineScreen #filter { display: none; height: 3; }
    TimelineScreen #filter.shown { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="triage.timeline.filter"),
    ]
    VIEW_TITLE = "Timeline"

    def __init__(
        self,
        entries: Sequence[TimelineEntry],
        titles: Mapping[str, str],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.titles = titles
        self.texts = texts or {}
        if isinstance(entries, Timeline):  # compact: an entry is made when its row is drawn
            self.entries: Sequence[TimelineEntry] = entries
            self.article_count = len(entries.article_ids())
        else:
            self.entries = entries if isinstance(entries, list | tuple) else list(entries)
            self.article_count = len({e.article_id for e in self.entries})
        self.shown: list[int] = list(range(len(self.entries)))
        self._haystacks: list[str] | None = None  # made on the first filter
        self._words: list[str] = []  # the words `shown` was filtered with

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Input(placeholder="filter by date, words or title", id="filter")

    def row_count(self) -> int:
        return len(self.shown)

    def row_lines(self, index: int, width: int) -> list[Content]:
        return self._line(self.entries[self.shown[index]], width)

    def summary(self) -> Content:
        entries = self.entries
        if not entries:
            return Content("No dated mentions with a known date in this corpus.")
        articles = self.article_count
        first, last = entries[0].first_day.year, entries[-1].first_day.year
        span = f"{first}" if first == last else f"{first} – {last}"
        parts = [
            f"{plural(len(entries), 'dated mention')} in {plural(articles, 'article')}",
            f" · {span}",
        ]
        if len(self.shown) != len(entries):
            parts.append(f" · {len(self.shown)} shown")
        return Content.assemble(
            (parts[0], "bold"),
            *parts[1:],
            ("  (date precision: day, month or year)", "dim"),
        )

    def sentence_of(self, entry: TimelineEntry) -> Sentence | None:
        text = self.texts.get(entry.article_id)
        if entry.sentence is not None or text is None:
            return entry.sentence
        return entry_sentence(entry, text)

    def _line(self, entry: TimelineEntry, width: int) -> list[Content]:
        title_width = max(8, min(32, width // 4))
        text_width = width - DATE_WIDTH - PRECISION_WIDTH - title_width - 5
        sentence = self.sentence_of(entry)
        if sentence is not None:
            mark = (entry.start - sentence.start, entry.end - sentence.start)
            body = window(sentence.text, text_width, mark)
        else:
            body = window(entry.text, text_width, (0, len(entry.text)))
        title = squeeze(self.titles.get(entry.article_id, entry.article_id))
        line = Content.assemble(
            (fit(flat(entry.label), DATE_WIDTH).plain, "bold"),
            " ",
            (fit(entry.precision, PRECISION_WIDTH).plain, "dim italic"),
            " ",
            fit(body, max(0, text_width)),
            " │ ",
            (fit(title, title_width).plain, "dim"),
        )
        return [line]

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.shown):
            return None
        entry = self.entries[self.shown[index]]
        return JumpTo(entry.article_id, entry.start)

    # -- filter ------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.add_class("shown")
        field.focus()
        if self._haystacks is None:  # made while the first words are typed
            self._haystacks = []
            self.call_later(self._make_haystacks)

    def haystack(self, entry: TimelineEntry) -> str:
        """What the filter searches in one entry, casefolded."""
        sentence = entry.sentence.text if entry.sentence else ""
        title = self.titles.get(entry.article_id, entry.article_id)
        return f"{entry.label} {entry.value} {entry.text} {sentence} {title}".casefold()

    def _make_haystacks(self) -> None:
        """The next HAYSTACK_CHUNK haystacks; then keys and frames go first."""
        made, entries = self._haystacks, self.entries
        if made is None or len(made) >= len(entries):
            return
        start = len(made)
        made.extend(map(self.haystack, entries[start : start + HAYSTACK_CHUNK]))
        if len(made) < len(entries):
            self.call_later(self._make_haystacks)

    def filtered(self, words: Sequence[str]) -> list[int]:
        """Indices of the entries holding every word. The haystacks are made
        from the time the filter opens (the rest at once when needed); when
        every earlier word is part of a new one (more letters typed), only
        the rows shown are searched again."""
        if not words:
            return list(range(len(self.entries)))
        if self._haystacks is None:
            self._haystacks = []
        haystacks = self._haystacks
        if len(haystacks) < len(self.entries):
            haystacks.extend(map(self.haystack, self.entries[len(haystacks) :]))
        narrower = self._words and all(any(w in n for n in words) for w in self._words)
        found: Sequence[int] = self.shown if narrower else range(len(haystacks))
        for word in words:  # one word at a time: a plain `in` per row
            found = [i for i in found if word in haystacks[i]]
        return list(found)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        shown = self.filtered(words)
        self._words = words
        if shown == self.shown:
            return
        self.shown = shown
        self.show_rows(0)
        self.refresh_summary()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.rows.focus()

    def action_close(self) -> None:
        """Escape in the filter field leaves the filter (kept while it has
        words), not the view."""
        field = self.query_one("#filter", Input)
        if field.has_focus:
            if not field.value:
                field.remove_class("shown")
            self.rows.focus()
            return
        self.dismiss(None)
