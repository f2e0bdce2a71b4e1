"""Command palette (ctrl+p): the main actions, and jumping to an article."""

from __future__ import annotations

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.tui.article_info import title_of

# (name, help, action run on the main screen)
_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Filter articles", "Filter the sidebar by title and text (/)", "screen.filter"),
    ("Toggle people", "Show or hide PERSON highlights (1)", "screen.toggle_label('PERSON')"),
    ("Toggle organisations", "Show or hide ORG highlights (2)", "screen.toggle_label('ORG')"),
    ("Toggle places", "Show or hide PLACE highlights (3)", "screen.toggle_label('PLACE')"),
    ("Toggle dates", "Show or hide DATE highlights (4)", "screen.toggle_label('DATE')"),
    (
        "Toggle quantities",
        "Show or hide QUANTITY highlights (5)",
        "screen.toggle_label('QUANTITY')",
    ),
    ("Toggle entities panel", "Show or hide the side panel (p)", "screen.toggle_panel"),
    ("Focus sidebar", "Move the focus to the article list", "screen.focus_area('articles')"),
    ("Focus article", "Move the focus to the reading view", "screen.focus_area('article')"),
    ("Focus entities", "Move the focus to the entities panel", "screen.focus_area('entities')"),
    ("Focus notes", "Move the focus to the notes panel", "screen.focus_area('notes')"),
    ("Annotate", "Annotate the selection, else the sentence (a)", "screen.annotate_here"),
    ("Note on the article", "A note on the whole article (A)", "screen.annotate_article_here"),
    ("Undo note change", "Undo the last annotation change (u)", "screen.undo"),
    ("Redo note change", "Redo the last undone annotation change (ctrl+r)", "screen.redo"),
    ("Export notes", "Export annotations to a file (e)", "screen.export"),
    (
        "Corpus problems",
        "The files of the folder that were skipped or read with a caveat",
        "screen.corpus_problems",
    ),
    ("Help", "All the keys and what they do (?)", "app.help"),
    ("Quit", "Leave reader; everything is already saved (q)", "app.quit"),
)
_MAX_ARTICLE_HITS = 30
# "open", "open:" or "Open: " before a title (the hits read "Open: <title>")
_OPEN = re.compile(r"^\s*open\b\s*:?\s*", re.IGNORECASE)


class ReaderCommands(Provider):
    """Actions of the reading app, and "Open: <title>" for each article."""

    async def discover(self) -> Hits:
        for name, help_text, action in _ACTIONS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.strip().lower()
        for name, help_text, action in _ACTIONS:
            score = matcher.match(name)
            if score <= 0 and len(words) > 2 and words in help_text.lower():
                score = 0.3  # "keys" finds Help, "side panel" its toggle
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
        articles = getattr(self.app, "corpus", None)
        if articles is None or not query.strip():
            return
        opening = _OPEN.match(query)
        needle = query[opening.end() :].lower() if opening else query.lower()
        hits = 0
        for index, article in enumerate(articles.articles):
            title = title_of(article)
            if needle in title.lower():
                # Titles are untrusted: plain Content, never matcher.highlight
                # (which parses its argument as markup).
                yield Hit(
                    0.5,
                    Content.assemble("Open: ", (title, "bold")),
                    partial(self._run, f"screen.open_index({index})"),
                    text=f"Open: {title}",
                )
                hits += 1
                if hits >= _MAX_ARTICLE_HITS:
                    return

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
