"""Every mention of one entity across the corpus, grouped by article, each
with its sentence; enter opens the mention (or, on an article row, its first)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.content import Content

from reader.triage.index import Mention
from reader.triage.sentences import sentence_at
from reader.tui.triage.base import TriageScreen
from reader.tui.triage.jump import JumpTo
from reader.tui.triage.rows import fit, plural, squeeze, window


@dataclass(frozen=True)
class _Row:
    article_id: str
    mention: Mention | None  # None: the article's heading row
    count: int = 0  # heading rows: mentions in the article


def _grouped(mentions: Sequence[Mention] | Mapping[str, Sequence[Mention]]) -> list[_Row]:
    if isinstance(mentions, Mapping):
        by_article = {aid: sorted(ms, key=lambda m: m.start) for aid, ms in mentions.items()}
    else:
        by_article = {}
        for mention in mentions:
            by_article.setdefault(mention.article_id, []).append(mention)
    rows: list[_Row] = []
    for article_id, found in by_article.items():
        if not found:
            continue
        rows.append(_Row(article_id, None, len(found)))
        rows += [_Row(article_id, m) for m in found]
    return rows


class EntityMentionsScreen(TriageScreen[JumpTo]):
    """Dismissed with JumpTo(article_id, mention.start), or None.

    `entity_label`: the name to show ("Antony J. Blinken"); `entity_key`: its
    index key ("PERSON:antony j. blinken"); `mentions`: `EntityIndex.mentions(key)`
    (or {article id: mentions}); `texts`: article id -> text, for the sentence
    around each mention (only for rows drawn)."""

    VIEW_TITLE = "Mentions"

    def __init__(
        self,
        entity_label: str,
        entity_key: str,
        mentions: Sequence[Mention] | Mapping[str, Sequence[Mention]],
        titles: Mapping[str, str],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.entity_label = entity_label
        self.entity_key = entity_key
        self.titles = titles
        self.texts = texts or {}
        self.items = _grouped(mentions)

    def summary(self) -> Content:
        kind = self.entity_key.partition(":")[0] if ":" in self.entity_key else ""
        mentions = sum(1 for r in self.items if r.mention is not None)
        articles = sum(1 for r in self.items if r.mention is None)
        name = Content.styled(squeeze(self.entity_label) or "(no name)", "bold")
        if kind:
            name += Content.styled(f" ({squeeze(kind)})", "dim")
        return name + Content(f" · {plural(mentions, 'mention')} in {plural(articles, 'article')}")

    def row_count(self) -> int:
        return len(self.items)

    def row_lines(self, index: int, width: int) -> list[Content]:
        return self._line(self.items[index], width)

    def first_highlight(self) -> int:
        return 1 if len(self.items) > 1 else 0

    def _line(self, row: _Row, width: int) -> list[Content]:
        if row.mention is None:
            title = squeeze(self.titles.get(row.article_id, row.article_id))
            count = f"  {plural(row.count, 'mention')}"
            head = fit(Content.styled(title, "bold"), max(1, width - len(count)))
            return [head.rstrip() + Content.styled(count, "dim")]
        mention = row.mention
        text = self.texts.get(row.article_id)
        sentence = sentence_at(text, mention.start) if text is not None else None
        if sentence is None:
            body = window(mention.text, width - 4, (0, len(mention.text)))
        else:
            mark = (mention.start - sentence.start, mention.end - sentence.start)
            body = window(sentence.text, width - 4, mark)
        return [Content("    ") + body]

    def result_at(self, index: int) -> JumpTo | None:
        if not 0 <= index < len(self.items):
            return None
        row = self.items[index]
        if row.mention is None:
            following = self.items[index + 1] if index + 1 < len(self.items) else None
            if following is None or following.mention is None:
                return None
            return JumpTo(row.article_id, following.mention.start)
        return JumpTo(row.article_id, row.mention.start)
