"""The triage views. Each is a modal screen built from plain core data and
dismissed with plain data, so the app wires it with `push_screen(screen, callback)`:

    TimelineScreen(corpus.timeline, titles, texts)            -> JumpTo | None
    RelatedScreen(article, similarity.related(article.id),
                  corpus.duplicate_titles, articles_by_id)    -> JumpTo | None
    CompareScreen(left, right, compare_articles(left, right)) -> JumpTo | None
    QuotesScreen(article, article_triage.quotes)              -> JumpTo | None
    EntityMentionsScreen(index.display_name(key), key,
                         IndexedMentions(index, key), titles, texts)  -> JumpTo | None
    ClaimsScreen(article, article_triage.claims,
                 covered_starts(claims, unchecked))           -> JumpTo | MakeFactCheck | None
"""

from reader.tui.triage.claims_screen import ClaimsScreen, covered_starts
from reader.tui.triage.compare_screen import CompareScreen
from reader.tui.triage.jump import JumpTo, MakeFactCheck
from reader.tui.triage.mentions_screen import EntityMentionsScreen, IndexedMentions
from reader.tui.triage.quotes_screen import QuotesScreen
from reader.tui.triage.related_screen import RelatedScreen
from reader.tui.triage.row_list import RowList
from reader.tui.triage.timeline_screen import TimelineScreen

__all__ = [
    "ClaimsScreen",
    "CompareScreen",
    "EntityMentionsScreen",
    "IndexedMentions",
    "JumpTo",
    "MakeFactCheck",
    "QuotesScreen",
    "RelatedScreen",
    "RowList",
    "TimelineScreen",
    "covered_starts",
]
