"""`e` on an article with no notes (found by hand: the export dialog chose
"this article" and wrote a file with 0 notes; nothing said how many notes
each scope holds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import RadioButton

from reader.tui.dialogs import ExportDialog
from reader.tui.widgets.article_list import ArticleList
from tests.annotation_support import landed, make_app
from tests.test_tui_annotations import open_article
from tests.tui_support import settle

pytestmark = pytest.mark.usefixtures("no_user_config")


def scope_labels(dialog: ExportDialog) -> list[tuple[str, bool]]:
    return [(str(b.label), b.value) for b in dialog.query_one("#scope").query(RadioButton)]


async def test_export_shows_note_counts_and_picks_all_when_this_article_has_none(
    corpus_root: Path, db: Path
) -> None:
    app = make_app(corpus_root, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_article(pilot, 0)
        await pilot.press("j", "s", "a", *"to export", "ctrl+s")
        await landed(pilot)
        await pilot.press("e")
        await landed(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert scope_labels(dialog) == [
            ("this article (1 note)", True),
            ("all articles (1 note)", False),
        ]
        await pilot.press("escape")
        app.screen.query_one(ArticleList).focus()
        await open_article(pilot, 1)  # no notes here
        await pilot.press("e")
        await landed(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert scope_labels(dialog) == [
            ("this article (0 notes)", False),
            ("all articles (1 note)", True),
        ]
        await pilot.press("ctrl+s")
        await settle(pilot)
        [written] = db.parent.glob("export-all-*.json")
        assert "to export" in json.dumps(json.loads(written.read_text(encoding="utf-8")))
