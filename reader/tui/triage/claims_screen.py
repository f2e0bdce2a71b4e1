"""Check-worthy sentences of one article, with score and reasons; those a
fact-check already covers are marked. enter opens one, f asks for a fact-check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from reader.corpus.article import Article
from reader.triage.claims import DEFAULT_THRESHOLD, Claim
from reader.tui.triage.base import TriageScreen
from reader.tui.triage.jump import JumpTo, MakeFactCheck
from reader.tui.triage.rows import plural, squeeze, window

CHECKED = "✓"
UNCHECKED = "●"
ORDERS = ("unchecked", "text")  # unchecked first (by score), or text order


def covered_starts(
    claims: Iterable[Claim], unchecked: Iterable[Claim], threshold: float = DEFAULT_THRESHOLD
) -> frozenset[int]:
    """Starts of the check-worthy claims a fact-check covers, from
    `ArticleTriage.claims` and `.unchecked` (made with the same `threshold`)."""
    open_starts = {c.start for c in unchecked}
    return frozenset(c.start for c in claims if c.score >= threshold and c.start not in open_starts)


class ClaimsScreen(TriageScreen[JumpTo | MakeFactCheck]):
    """Dismissed with JumpTo(article.id, claim.start) (enter),
    MakeFactCheck(article.id, claim.start, claim.end) (f), or None.

    `covered`: starts of the claims a fact-check already covers.
    `threshold`: claims scoring below it are left out (None: show all)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "factcheck", "Fact-check", id="triage.claims.factcheck"),
        Binding("o", "toggle_order", "Order", id="triage.claims.order"),
    ]
    VIEW_TITLE = "Check-worthy claims"
    ROW_HEIGHT = 2

    def __init__(
        self,
        article: Article,
        claims: Sequence[Claim],
        covered: Set[int] = frozenset(),
        *,
        threshold: float | None = DEFAULT_THRESHOLD,
        order: str = "unchecked",
    ) -> None:
        super().__init__()
        self.article = article
        self.covered = frozenset(covered)
        self.claims = [c for c in claims if threshold is None or c.score >= threshold]
        self.order = order if order in ORDERS else ORDERS[0]
        self.shown = self._sorted()

    def _sorted(self) -> list[Claim]:
        if self.order == "text":
            return sorted(self.claims, key=lambda c: c.start)
        return sorted(self.claims, key=lambda c: (c.start in self.covered, -c.score, c.start))

    def summary(self) -> Content:
        title = squeeze(self.article.title.value or self.article.id)
        if not self.claims:
            return Content.assemble(("No check-worthy claims", "bold"), " in ", title)
        checked = sum(1 for c in self.claims if c.start in self.covered)
        order = "unchecked first, by score" if self.order == "unchecked" else "text order"
        return Content.assemble(
            (plural(len(self.claims), "check-worthy claim"), "bold"),
            f" · {checked} checked · {len(self.claims) - checked} to check",
            (f"  (order: {order})", "dim"),
            "\n",
            (title, "dim"),
        )

    def row_count(self) -> int:
        return len(self.shown)

    def row_lines(self, index: int, width: int) -> list[Content]:
        claim = self.shown[index]
        if claim.start in self.covered:
            mark = Content.styled(f"{CHECKED} checked  ", "$reader-good")
        else:
            mark = Content.styled(f"{UNCHECKED} to check ", "bold $reader-warning")
        head = mark + Content.styled(f"{claim.score:.2f} ", "bold")
        text = window(claim.text, width - head.cell_length)
        reasons = squeeze("; ".join(claim.reasons)) or "no reasons given"
        return [head + text, Content.styled(f"    {reasons}", "dim")]

    def _current(self) -> Claim | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.shown):
            return None
        return JumpTo(self.article.id, self.shown[index].start)

    def action_factcheck(self) -> None:
        claim = self._current()
        if claim is not None:
            self.dismiss(MakeFactCheck(self.article.id, claim.start, claim.end))

    def action_toggle_order(self) -> None:
        current = self._current()
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.shown = self._sorted()
        self.show_rows(self.shown.index(current) if current in self.shown else 0)
        self.refresh_summary()
