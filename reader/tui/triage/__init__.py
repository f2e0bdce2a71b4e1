"""The triage views: timeline, related articles, comparison, quotes, entity
mentions and claims. Each is a modal screen built from plain core data and
dismissed with plain data (`JumpTo`, `MakeFactCheck` or None)."""

from reader.tui.triage.claims_screen import ClaimsScreen
from reader.tui.triage.compare_screen import CompareScreen
from reader.tui.triage.jump import JumpTo, MakeFactCheck
from reader.tui.triage.mentions_screen import EntityMentionsScreen
from reader.tui.triage.quotes_screen import QuotesScreen
from reader.tui.triage.related_screen import RelatedScreen
from reader.tui.triage.timeline_screen import TimelineScreen

__all__ = [
    "ClaimsScreen",
    "CompareScreen",
    "EntityMentionsScreen",
    "JumpTo",
    "MakeFactCheck",
    "QuotesScreen",
    "RelatedScreen",
    "TimelineScreen",
]
