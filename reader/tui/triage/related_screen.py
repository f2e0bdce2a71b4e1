"""Articles related to one article, best first, with why (shared entities and
words); same or nearly the same headline flagged and listed first. enter
opens one; c compares it with this article side by side."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content

from reader.corpus.article import Article
from reader.triage.compare import Comparison, compare_articles
from reader.triage.duplicates import DuplicateTitles
from reader.triage.related import RelatedArticle
from reader.tui.triage.base import TriageScreen
from reader.tui.triage.compare_screen import CompareScreen
from reader.tui.triage.jump import JumpTo
from reader.tui.triage.rows import plural, squeeze

FLAG = "⚠"
FLAG_STYLE = "bold red"
Duplicates = Sequence[tuple[str, float]] | Sequence[DuplicateTitles]


@dataclass(frozen=True)
class _Item:
    article_id: str
    related: RelatedArticle | None
    headline: float | None  # headline similarity 0..100 when it is a duplicate


def duplicate_scores(article_id: str, duplicates: Duplicates) -> dict[str, float]:
    """{other article id: headline similarity 0..100} from `duplicates_of(...)`
    pairs or from `near_duplicate_titles(...)` groups."""
    found: dict[str, float] = {}
    for item in duplicates:
        if isinstance(item, DuplicateTitles):
            if article_id in item.article_ids:
                found.update((a, item.score) for a in item.article_ids if a != article_id)
        else:
            other, score = item
            if other != article_id:
                found[other] = float(score)
    return found


def headline_flag(score: float) -> str:
    return "same headline" if score >= 100.0 else f"nearly the same headline ({score:.0f}%)"


class RelatedScreen(TriageScreen[JumpTo]):
    """Dismissed with JumpTo(other article id, 0) (enter), or with the JumpTo
    chosen in the comparison opened by c; None on escape.

    `related`: `SimilarityIndex.related(article.id)`, or a function giving
    it, called just after the first frame (the view shows the same-headline
    flags at once, the ranking when it is done); `duplicates`:
    `duplicates_of(article, ...)` or `CorpusTriage.duplicate_titles`;
    `articles`: article id -> Article (titles, and the other side of c).
    `compare`: how to compare two articles (run in a thread)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "compare", "Compare", id="triage.related.compare"),
    ]
    VIEW_TITLE = "Related articles"
    ROW_HEIGHT = 2

    def __init__(
        self,
        article: Article,
        related: Sequence[RelatedArticle] | Callable[[], Sequence[RelatedArticle]],
        duplicates: Duplicates = (),
        articles: Mapping[str, Article] | None = None,
        *,
        compare: Callable[[Article, Article], Comparison] = compare_articles,
    ) -> None:
        super().__init__()
        self.article = article
        self.articles = articles or {}
        self.compare = compare
        self.duplicates = duplicate_scores(article.id, duplicates)
        self.ranking: Callable[[], Sequence[RelatedArticle]] | None = None  # not called yet
        if callable(related):
            self.ranking, related = related, ()
        self.items = self._items(related)

    def _items(self, related: Sequence[RelatedArticle]) -> list[_Item]:
        ranked = {r.article_id: r for r in related if r.article_id != self.article.id}
        dups = sorted(self.duplicates, key=lambda a: (-self.duplicates[a], a))
        items = [_Item(a, ranked.get(a), self.duplicates[a]) for a in dups]
        return items + [_Item(a, r, None) for a, r in ranked.items() if a not in self.duplicates]

    def on_mount(self) -> None:
        super().on_mount()
        if self.ranking is not None:
            self.call_after_refresh(self._rank)

    def _rank(self) -> None:
        """Call the ranking function; the highlighted row stays highlighted."""
        ranking, self.ranking = self.ranking, None
        if ranking is None or not self.is_attached:
            return
        try:
            related = list(ranking())
        except Exception as exc:  # the same-headline flags are still worth showing
            self.notify(f"Could not rank related articles: {exc}", severity="error", markup=False)
            related = []
        current = self._current()
        self.items = self._items(related)
        ids = [item.article_id for item in self.items]
        keep = ids.index(current.article_id) if current is not None else None
        self.show_rows(keep)
        self.refresh_summary()
        self.refresh_bindings()

    def title_of(self, article_id: str) -> str:
        other = self.articles.get(article_id)
        if article_id == self.article.id:
            other = self.article
        title = other.title.value if other is not None else None
        return squeeze(title or article_id)

    def summary(self) -> Content:
        """The title, the same-headline flags (the first three when there are
        more than three; a generated corpus can have thousands), the count."""
        lines = [Content.styled(self.title_of(self.article.id), "bold")]
        flagged = [item for item in self.items if item.headline is not None]
        for item in flagged[:3] if len(flagged) > 3 else flagged:
            assert item.headline is not None
            lines.append(
                Content.styled(
                    f"{FLAG} {headline_flag(item.headline).upper()} as "
                    f"“{self.title_of(item.article_id)}” ({squeeze(item.article_id)})",
                    FLAG_STYLE,
                )
            )
        if len(flagged) > 3:
            lines.append(Content.styled(f"{FLAG} … and {len(flagged) - 3} more", FLAG_STYLE))
        count = sum(1 for item in self.items if item.related is not None)
        ranked = f"{plural(count, 'related article')}, most similar first"
        if self.ranking is not None:
            ranked = "finding related articles…"
        lines.append(Content.styled(ranked, "dim"))
        return Content("\n").join(lines)

    def row_count(self) -> int:
        return len(self.items)

    def row_lines(self, index: int, width: int) -> list[Content]:
        item = self.items[index]
        head = Content("")
        if item.headline is not None:
            head += Content.styled(f"{FLAG} {headline_flag(item.headline)} ", FLAG_STYLE)
        score = f"{item.related.score:.2f}" if item.related else " -- "
        head += Content.styled(f"{score} ", "bold") + Content(self.title_of(item.article_id))
        reasons: list[str] = []
        if item.related is not None:
            if item.related.shared_entities:
                reasons.append("shared: " + ", ".join(item.related.shared_entities))
            if item.related.shared_terms:
                reasons.append("words: " + ", ".join(item.related.shared_terms))
        else:
            reasons.append("not similar in content; only the headline matches")
        detail = squeeze(" · ".join(reasons) or "no shared entities or words")
        return [head, Content.styled(f"    {detail}", "dim")]

    def _current(self) -> _Item | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.items):
            return None
        return JumpTo(self.items[index].article_id, 0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "compare":
            item = self._current() if self.is_mounted else None
            return None if item is None or item.article_id not in self.articles else True
        return True

    def action_compare(self) -> None:
        item = self._current()
        if item is None:
            return
        other = self.articles.get(item.article_id)
        if other is None:
            self.notify("That article is not loaded.", severity="warning", markup=False)
            return
        self.notify("Comparing…", timeout=1, markup=False)
        self._run_compare(other)

    @work(thread=True, exclusive=True, group="triage-compare")
    def _run_compare(self, other: Article) -> None:
        try:
            comparison = self.compare(self.article, other)
        except Exception as exc:  # a failed comparison must not take the app down
            message = f"Could not compare: {exc}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_compare, other, comparison)

    def _show_compare(self, other: Article, comparison: Comparison) -> None:
        if self.app.screen is not self:
            return  # closed meanwhile
        self.app.push_screen(CompareScreen(self.article, other, comparison), self._compared)

    def _compared(self, result: JumpTo | None) -> None:
        if result is not None:
            self.dismiss(result)
