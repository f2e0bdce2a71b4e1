"""Compare two articles sentence by sentence, for a side-by-side view.

Sentences are paired in order (a longest-common-subsequence alignment that
maximises the total similarity) when their rapidfuzz ratio is at least
`CHANGED_MIN`. A pair is "shared" from `SHARED_MIN` up, "changed" below it.
Unpaired sentences are "left only" / "right only"; each carries its most
similar sentence on the other side, if any, so a moved sentence can be shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from reader.corpus.article import Article
from reader.triage.sentences import Sentence, split_sentences

SHARED_MIN = 85.0
CHANGED_MIN = 60.0
_MAX_CELLS = 4_000_000  # beyond this many sentence pairs, align greedily


class RowKind(StrEnum):
    SHARED = "shared"
    CHANGED = "changed"
    LEFT_ONLY = "left only"
    RIGHT_ONLY = "right only"


@dataclass(frozen=True)
class CompareRow:
    """One row of the side-by-side view. `score` (0..100) is the pair's
    similarity, or for a one-sided row its best similarity on the other side."""

    kind: RowKind
    left: Sentence | None
    right: Sentence | None
    score: float
    counterpart: Sentence | None = None  # one-sided rows: most similar sentence elsewhere


@dataclass(frozen=True)
class Comparison:
    left_id: str
    right_id: str
    rows: tuple[CompareRow, ...]

    def count(self, kind: RowKind) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    @property
    def left_shared_fraction(self) -> float:
        """Share of the left article's sentences found (shared or changed) on the right."""
        left = [r for r in self.rows if r.left is not None]
        paired = [r for r in left if r.kind in (RowKind.SHARED, RowKind.CHANGED)]
        return len(paired) / len(left) if left else 0.0


def _norm(text: str) -> str:
    return " ".join(
        text.replace("“", '"')
        .replace("”", '"')
        .replace("’", "'")
        .replace("‘", "'")
        .casefold()
        .split()
    )


def _scores(left: list[str], right: list[str]) -> dict[tuple[int, int], float]:
    """Similarities >= CHANGED_MIN of every pair, skipping pairs whose lengths
    alone rule that out."""
    found: dict[tuple[int, int], float] = {}
    exact: dict[str, list[int]] = {}
    for j, text in enumerate(right):
        exact.setdefault(text, []).append(j)
    low = CHANGED_MIN / (200.0 - CHANGED_MIN)  # shortest/longest below this cannot reach
    for i, a in enumerate(left):
        for j in exact.get(a, ()):
            found[(i, j)] = 100.0
        for j, b in enumerate(right):
            if (i, j) in found or not a or not b:
                continue
            if min(len(a), len(b)) / max(len(a), len(b)) < low:
                continue
            score = fuzz.ratio(a, b, score_cutoff=CHANGED_MIN)
            if score:
                found[(i, j)] = score
    return found


def _align(n: int, m: int, scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Order-preserving pairs maximising the summed similarity."""
    if n * m > _MAX_CELLS:
        return _greedy(scores)
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = dp[i], dp[i - 1]
        for j in range(1, m + 1):
            best = prev[j] if prev[j] >= row[j - 1] else row[j - 1]
            score = scores.get((i - 1, j - 1))
            if score is not None and prev[j - 1] + score > best:
                best = prev[j - 1] + score
            row[j] = best
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        score = scores.get((i - 1, j - 1))
        if score is not None and dp[i][j] == dp[i - 1][j - 1] + score:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif dp[i - 1][j] >= dp[i][j - 1]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _greedy(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    taken_left: set[int] = set()
    taken_right: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for (i, j), _score in sorted(scores.items(), key=lambda kv: -kv[1]):
        if i in taken_left or j in taken_right:
            continue
        if any((i < a) != (j < b) for a, b in pairs):
            continue  # would cross an earlier pair
        pairs.append((i, j))
        taken_left.add(i)
        taken_right.add(j)
    return sorted(pairs)


def compare_sentences(
    left: Sequence[Sentence], right: Sequence[Sentence], left_id: str = "", right_id: str = ""
) -> Comparison:
    """Align two lists of sentences into side-by-side rows."""
    left_norm = [_norm(s.text) for s in left]
    right_norm = [_norm(s.text) for s in right]
    scores = _scores(left_norm, right_norm)
    best_left: dict[int, tuple[float, int]] = {}
    best_right: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        if score > best_left.get(i, (0.0, -1))[0]:
            best_left[i] = (score, j)
        if score > best_right.get(j, (0.0, -1))[0]:
            best_right[j] = (score, i)

    rows: list[CompareRow] = []

    def one_sided(i: int | None, j: int | None) -> None:
        if i is not None:
            score, other = best_left.get(i, (0.0, -1))
            rows.append(
                CompareRow(
                    RowKind.LEFT_ONLY, left[i], None, score, right[other] if other >= 0 else None
                )
            )
        if j is not None:
            score, other = best_right.get(j, (0.0, -1))
            rows.append(
                CompareRow(
                    RowKind.RIGHT_ONLY, None, right[j], score, left[other] if other >= 0 else None
                )
            )

    i = j = 0
    for pi, pj in [*_align(len(left), len(right), scores), (len(left), len(right))]:
        while i < pi:
            one_sided(i, None)
            i += 1
        while j < pj:
            one_sided(None, j)
            j += 1
        if pi < len(left) and pj < len(right):
            score = scores[(pi, pj)]
            kind = RowKind.SHARED if score >= SHARED_MIN else RowKind.CHANGED
            rows.append(CompareRow(kind, left[pi], right[pj], score))
            i, j = pi + 1, pj + 1
    return Comparison(left_id, right_id, tuple(rows))


def compare_texts(
    left_text: str, right_text: str, left_start: int = 0, right_start: int = 0
) -> Comparison:
    """Compare two texts (from the given offsets)."""
    return compare_sentences(
        split_sentences(left_text, left_start), split_sentences(right_text, right_start)
    )


def compare_articles(left: Article, right: Article) -> Comparison:
    """Compare two articles, title lines included."""
    return compare_sentences(
        split_sentences(left.text), split_sentences(right.text), left.id, right.id
    )
