"""gc_tuning.settle_text: a big article's layout is frozen out of the
collector's sight; a small one changes nothing."""

from __future__ import annotations

import gc

import pytest

from reader.tui import gc_tuning


def test_only_big_texts_freeze(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[None] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(None))
    gc_tuning.settle_text(gc_tuning.BIG_TEXT - 1)
    assert calls == []
    gc_tuning.settle_text(gc_tuning.BIG_TEXT)
    assert len(calls) == 1


def test_opening_a_big_article_freezes_what_exists() -> None:
    before = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]  # tracked containers made before the call
    gc_tuning.settle_text(10 * gc_tuning.BIG_TEXT)
    try:
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()  # the test process keeps collecting as before
