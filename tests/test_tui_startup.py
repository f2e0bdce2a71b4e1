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
from reader.tui.screens.help_screen import HelpScreen
from tests.tui_support import fake_entities, screen_text, seeds, settle, wait_until

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
    monkeypatch.setattr(css_cache, "_later", {})
    monkeypatch.setattr(css_cache, "_noted", {})
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


def _help_keys(keys: object) -> list[tuple[object, ...]]:
    return [k for k in keys if k[1][1] == "HelpScreen.DEFAULT_CSS"]  # type: ignore[attr-defined,index]


async def _open_help(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        css_cache.remember(app.stylesheet)  # as after the first frame
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_rules_parsed_after_the_first_frame_are_saved_apart_and_added_later(
    cache_file: Path,
) -> None:
    await _open_help(_app())  # help's CSS parsed after remember(): a later rule
    assert css_cache.save()
    data = pickle.loads(cache_file.read_bytes())
    later = pickle.loads(data["later"])
    assert _help_keys(later) and not _help_keys(data["entries"])

    second = _app()  # fill: the start rules only, the later ones left packed
    assert not _help_keys(second.stylesheet._parse_cache.keys())
    rules = css_cache.later_rules()
    assert _help_keys(rules)
    assert css_cache.add_rules(second.stylesheet, rules) == len(rules)
    assert _help_keys(second.stylesheet._parse_cache.keys())
    parsed: list[object] = []
    original = stylesheet_module.parse

    def spy(scope, css, read_from, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(read_from)
        return original(scope, css, read_from, **kwargs)

    stylesheet_module.parse = spy  # type: ignore[assignment]
    try:
        await _open_help(second)
    finally:
        stylesheet_module.parse = original  # type: ignore[assignment]
    assert parsed == []  # help's rules too came from the file
    css_cache._to_save.clear()
    assert not css_cache.save()  # nothing new: the file is not rewritten


async def test_later_rules_are_not_added_under_other_variables(cache_file: Path) -> None:
    await _open_help(_app())
    assert css_cache.save()
    light = _app()
    rules = css_cache.later_rules()
    assert rules
    light.stylesheet.set_variables({**light.stylesheet._variables, "primary": "#123456"})
    assert css_cache.add_rules(light.stylesheet, rules) == 0


def test_later_rules_leave_room_in_the_parse_cache(cache_file: Path) -> None:
    sheet = Stylesheet(variables={"primary": "#0178D4"})
    css_cache._later.update(key=css_cache._version_key(sheet))
    rules = {(f"S{i} {{ color: red; }}", ("x.tcss", str(i)), True, 0, ""): [] for i in range(80)}
    added = css_cache.add_rules(sheet, rules)
    assert added == css_cache._MAX_ENTRIES - css_cache._ROOM
    assert len(sheet._parse_cache) == added
