"""Command palette (ctrl+p): the triage views."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, action run on the main screen)
TRIAGE_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Timeline", "Every dated mention in the corpus, in date order (T)", "screen.timeline"),
    (
        "Related articles",
        "Articles like the open one; same headlines flagged, c compares (R)",
        "screen.related",
    ),
    ("Quotes", "The open article's quotations and who said them (Q)", "screen.quotes"),
    (
        "Check-worthy claims",
        "The open article's claims to check; f fact-checks one (C)",
        "screen.claims",
    ),
    (
        "Entity across the corpus",
        "Every mention of the entity at the cursor or picked in the panel (m)",
        "screen.entity_mentions",
    ),
)


class TriageCommands(Provider):
    """The triage views of the open article and the corpus."""

    async def discover(self) -> Hits:
        for name, help_text, action in TRIAGE_ACTIONS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in TRIAGE_ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
