"""SVG snapshots of annotations in the reading view and the notes panel:
every kind, verdict colours, an overlap, an orphan, dark and light themes.

Regenerate after an intended change:
pytest tests/test_tui_annotations_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.annotations.model import Anchor, Annotation, Kind, Status
from reader.annotations.store import AnnotationStore
from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from tests.tui_support import SEEDS, fake_entities, settle

pytestmark = pytest.mark.usefixtures("no_user_config")


def _span(text: str, phrase: str, **kw: object) -> Annotation:
    start = text.index(phrase)
    anchor = Anchor.from_text(text, start, start + len(phrase))
    stamp = "2026-01-01T00:00:00.000000+00:00"
    return Annotation("000_3dc8ba9f9aacea48.txt", anchor=anchor, created=stamp, **kw)  # type: ignore[arg-type]


def _app(tmp_path: Path) -> ReaderApp:
    root = tmp_path / "corpus"
    root.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, root / path.name)
    corpus = load_corpus(root)
    text = corpus.articles[0].text
    db = tmp_path / "annotations.json"
    with AnnotationStore.open(db) as store:
        for i, ann in enumerate(
            [
                _span(text, "The ongoing military conflict", note="framing"),
                _span(text, "military conflict between Ukraine and Russia", kind=Kind.HIGHLIGHT),
                _span(
                    text,
                    "in the eastern Donbas region in early 2022",
                    kind=Kind.FACTCHECK,
                    verdict="false",
                    status=Status.DONE,
                    claim="offensive in early 2022",
                ),
                _span(
                    text,
                    "supported by Western countries",
                    kind=Kind.FACTCHECK,
                    verdict="mostly true",
                ),
                _span(text, "the issue of Crimea", kind=Kind.TAG, tags=("context",)),
                _span(text, "potential diplomatic fallout", kind=Kind.FACTCHECK),
                Annotation(
                    "000_3dc8ba9f9aacea48.txt",
                    anchor=Anchor(5, 40, "text that was edited away long ago", text_hash="x"),
                    note="lost",
                ),
                Annotation("000_3dc8ba9f9aacea48.txt", note="reads like a rewrite of 001"),
            ]
        ):
            store.add(Annotation(**{**ann.__dict__, "id": f"n{i}"}))
    return ReaderApp(corpus=corpus, db_path=db, extractor=fake_entities)


async def _ready(pilot: Pilot[object]) -> None:
    await settle(pilot, counts=True)


def test_annotations_dark_120x40(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path), terminal_size=(120, 40), run_before=_ready)


def test_annotations_light_120x40(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path)
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(120, 40), run_before=_ready)
