"""Start-up: the parsed CSS an earlier run saved is used, and right
(reader.tui.css_cache)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from textual.css import stylesheet as stylesheet_module
from textual.css.stylesheet import Stylesheet

from reader.tui import css_cache
from reader.tui.app import ReaderApp
from tests.tui_support import fake_entities, screen_text, seeds, settle

SIZE = (120, 40)


def _app() -> ReaderApp:
    return ReaderApp(corpus=seeds(), db_path=None, extractor=fake_entities)


def _rules_dump(stylesheet: Stylesheet) -> list[bytes]:
    return [pickle.dumps(rule.styles.get_rules()) for rule in stylesheet.rules]


async def _run(app: ReaderApp) -> str:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        css_cache.remember(app.stylesheet)
        return screen_text(app)


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(css_cache, "_loaded", set())
    monkeypatch.setattr(css_cache, "_to_save", {})
    monkeypatch.setattr(css_cache, "_registered", True)  # saved by the test, not at exit
    return tmp_path / css_cache.FILE_NAME


async def test_saved_rules_are_loaded_and_give_the_same_screen(cache_file: Path) -> None:
    first = _app()
    assert css_cache.fill(first.stylesheet) == 0  # nothing saved yet
    text = await _run(first)
    assert css_cache.save() and cache_file.exists()
    rules = _rules_dump(first.stylesheet)

    parsed: list[object] = []  # sources Textual parsed itself (its parse cache missed)
    original = stylesheet_module.parse

    def spy(scope, css, read_from, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(read_from)
        return original(scope, css, read_from, **kwargs)

    stylesheet_module.parse = spy  # type: ignore[assignment]
    try:
        second = _app()  # fills its stylesheet from the file
        assert len(second.stylesheet._parse_cache) > 10
        assert await _run(second) == text
    finally:
        stylesheet_module.parse = original  # type: ignore[assignment]
    assert parsed == []  # every start-up rule came from the file
    assert _rules_dump(second.stylesheet) == rules  # the same rules, in the same order


async def test_rules_saved_for_other_variables_are_not_used(cache_file: Path) -> None:
    await _run(_app())
    assert css_cache.save()
    light = _app()
    light.stylesheet.set_variables({**light.stylesheet._variables, "primary": "#123456"})
    assert css_cache.fill(light.stylesheet) == 0
    assert len(light.stylesheet._parse_cache) == 0


def test_a_damaged_or_missing_file_means_parsing_as_usual(cache_file: Path) -> None:
    sheet = Stylesheet(variables={"primary": "#0178D4"})
    assert css_cache.fill(sheet) == 0  # missing
    cache_file.write_bytes(b"not a pickle")
    assert css_cache.fill(sheet) == 0
    cache_file.write_bytes(pickle.dumps({"key": "another version", "entries": {}}))
    assert css_cache.fill(sheet) == 0
    assert len(sheet._parse_cache) == 0


def test_nothing_is_saved_when_every_rule_came_from_the_file(cache_file: Path) -> None:
    sheet = Stylesheet(variables={"primary": "#0178D4"})
    sheet.add_source("Static { color: red; }", read_from=("x.tcss", ""))
    sheet.parse()
    css_cache.remember(sheet)
    assert css_cache.save()
    css_cache._to_save.clear()
    again = Stylesheet(variables={"primary": "#0178D4"})
    assert css_cache.fill(again) == 1
    again.add_source("Static { color: red; }", read_from=("x.tcss", ""))
    again.parse()
    css_cache.remember(again)
    assert css_cache._to_save == {}  # all loaded: nothing to write at exit


def test_caching_off_reads_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", "off")
    monkeypatch.setattr(css_cache, "_to_save", {})
    sheet = Stylesheet(variables={})
    sheet.add_source("Static { color: red; }", read_from=("x.tcss", ""))
    sheet.parse()
    css_cache.remember(sheet)
    assert css_cache._to_save == {} and not css_cache.save()
    assert css_cache.fill(sheet) == 0
