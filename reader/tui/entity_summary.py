"""Group an article's entity mentions for the side panel, and count in how
many other articles each entity appears. Pure, no textual import."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.entities.model import Entity, Label

if TYPE_CHECKING:  # built after the first screen (reader.tui.screens.corpus_screen)
    from reader.corpus.word_index import WordIndex

LABEL_ORDER: tuple[Label, ...] = (
    Label.PERSON,
    Label.ORG,
    Label.PLACE,
    Label.DATE,
    Label.QUANTITY,
)


@dataclass(frozen=True)
class EntityGroup:
    """All mentions of one entity in one article."""

    label: Label
    key: str  # the canonical name (Entity.key, or the mention text)
    forms: tuple[str, ...]  # distinct mention texts, first seen first
    starts: tuple[int, ...]  # mention start offsets, ascending
    ends: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.starts)

    def next_mention(self, offset: int) -> tuple[int, int]:
        """The first mention starting after `offset`, wrapping to the first."""
        i = bisect_right(self.starts, offset)
        if i == len(self.starts):
            i = 0
        return self.starts[i], self.ends[i]


def group_key(entity: Entity) -> tuple[Label, str]:
    return entity.label, (entity.key or entity.text).casefold()


def summarize(entities: Iterable[Entity]) -> dict[Label, list[EntityGroup]]:
    """Entities grouped by label (in LABEL_ORDER), then by entity, most
    mentioned first (ties: first mention first)."""
    collected: dict[tuple[Label, str], list[Entity]] = {}
    for entity in sorted(entities):
        collected.setdefault(group_key(entity), []).append(entity)
    by_label: dict[Label, list[EntityGroup]] = {}
    for (label, _k), mentions in collected.items():
        forms = tuple(dict.fromkeys(m.text for m in mentions))
        by_label.setdefault(label, []).append(
            EntityGroup(
                label=label,
                key=mentions[0].key or mentions[0].text,
                forms=forms,
                starts=tuple(m.start for m in mentions),
                ends=tuple(m.end for m in mentions),
            )
        )
    ordered: dict[Label, list[EntityGroup]] = {}
    for label in LABEL_ORDER:
        if label in by_label:
            ordered[label] = sorted(by_label[label], key=lambda g: (-g.count, g.starts[0]))
    return ordered


def _pattern(forms: Iterable[bytes]) -> re.Pattern[bytes] | None:
    words = sorted(set(forms), key=len, reverse=True)
    if not words:
        return None
    alternation = b"|".join(re.escape(w) for w in words)
    # bytes \w is ASCII: a curly quote or dash after a name is a boundary
    return re.compile(rb"(?<!\w)(?:" + alternation + rb")(?!\w)")


def count_other_articles(
    forms: Iterable[str],
    haystacks: Sequence[bytes],
    exclude: int | None,
    should_stop: Callable[[], bool] | None = None,
    words: WordIndex | None = None,
) -> int | None:
    """How many of `haystacks` (lower-cased UTF-8 article texts, see
    filter_index.haystack), other than the one at index `exclude`, mention any
    of `forms` as whole words. With a complete `words` index only the articles
    holding a form's rarest word are searched. None if `should_stop()` turned
    true (it is asked every few hundred articles)."""
    needles = [f.lower().encode("utf-8", "replace") for f in forms if f.strip()]
    pattern = _pattern(needles)
    if pattern is None:
        return 0
    candidates: Iterable[int] = range(len(haystacks))
    if words is not None and words.complete:
        found: set[int] = set()
        for needle in needles:
            some = words.candidates(needle)
            if some is None:  # a form without a word: search everything
                found = set(range(len(haystacks)))
                break
            found.update(some)
        candidates = sorted(found)
    count = 0
    for n, index in enumerate(candidates):
        if should_stop is not None and n % 256 == 0 and should_stop():
            return None
        if index == exclude:
            continue
        hay = haystacks[index]
        if any(needle in hay for needle in needles) and pattern.search(hay):
            count += 1
    return count
