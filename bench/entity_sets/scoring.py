"""Precision / recall / F1 of predicted entity spans against gold spans.

Works on anything with `start`, `end`, `label` and `value` attributes (GoldSpan,
reader.entities.Entity). Matching is done per document; counts are summed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from reader.entities.model import Label

Mode = Literal["exact", "overlap"]
LABELS: tuple[str, ...] = tuple(str(label) for label in Label)
ALL = "ALL"


class SpanLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> object: ...
    @property
    def value(self) -> str | None: ...


@dataclass
class Counts:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    """Per-label counts (plus ALL) and DATE value accuracy, summed over documents."""

    by_label: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in LABELS})
    values_correct: int = 0
    values_total: int = 0

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_label.values():
            total.add(counts)
        return total

    @property
    def value_accuracy(self) -> float | None:
        return self.values_correct / self.values_total if self.values_total else None

    def add(self, other: Score) -> None:
        for label, counts in other.by_label.items():
            self.by_label.setdefault(label, Counts()).add(counts)
        self.values_correct += other.values_correct
        self.values_total += other.values_total


def _key(span: SpanLike) -> tuple[int, int, str]:
    return (span.start, span.end, str(span.label))


def match(gold: Sequence[SpanLike], pred: Sequence[SpanLike], mode: Mode) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index); each gold and each pred used at most once.

    exact: same start, end and label. overlap: same label and the character
    ranges intersect; a maximum matching, so one long prediction cannot claim
    two gold spans and leave another prediction unmatched.
    """
    if mode == "exact":
        free: dict[tuple[int, int, str], list[int]] = {}
        for j, p in enumerate(pred):
            free.setdefault(_key(p), []).append(j)
        pairs = []
        for i, g in enumerate(gold):
            candidates = free.get(_key(g))
            if candidates:
                pairs.append((i, candidates.pop(0)))
        return pairs
    if mode != "overlap":
        raise ValueError(f"unknown mode {mode!r}")
    edges: list[list[int]] = [
        [
            j
            for j, p in enumerate(pred)
            if str(p.label) == str(g.label) and p.start < g.end and g.start < p.end
        ]
        for g in gold
    ]
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score_doc(gold: Sequence[SpanLike], pred: Sequence[SpanLike], mode: Mode) -> Score:
    """Score one document's predictions against its gold spans."""
    result = Score()
    pairs = match(gold, pred, mode)
    matched_gold = Counter(str(gold[i].label) for i, _ in pairs)
    for label, n in Counter(str(g.label) for g in gold).items():
        counts = result.by_label.setdefault(label, Counts())
        counts.tp += matched_gold[label]
        counts.fn += n - matched_gold[label]
    for label, n in Counter(str(p.label) for p in pred).items():
        result.by_label.setdefault(label, Counts()).fp += n - matched_gold[label]
    if mode == "exact":
        for i, j in pairs:
            g = gold[i]
            if str(g.label) == str(Label.DATE) and g.value is not None:
                result.values_total += 1
                result.values_correct += pred[j].value == g.value
    return result


def score_set(docs: Iterable[tuple[Sequence[SpanLike], Sequence[SpanLike]]], mode: Mode) -> Score:
    """Sum of `score_doc` over (gold, pred) pairs of documents."""
    total = Score()
    for gold, pred in docs:
        total.add(score_doc(gold, pred, mode))
    return total


def errors(
    gold: Sequence[SpanLike], pred: Sequence[SpanLike], label: str
) -> tuple[list[SpanLike], list[SpanLike]]:
    """(false negatives, false positives) of `label` under exact matching."""
    pairs = match(gold, pred, "exact")
    hit_gold = {i for i, _ in pairs}
    hit_pred = {j for _, j in pairs}
    missed = [g for i, g in enumerate(gold) if i not in hit_gold and str(g.label) == label]
    spurious = [p for j, p in enumerate(pred) if j not in hit_pred and str(p.label) == label]
    return missed, spurious
