"""Entities kept on disk for the first screen (reader.tui.first_entities), the
extractor imported on first use (reader.tui.lazy_extractor) and its
fingerprint computed without importing it (reader.code_fingerprint)."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reader.code_fingerprint import extractor_fingerprint, module_folder
from reader.corpus.article import Article
from reader.entities import entities_for
from reader.triage import index_build
from reader.tui import first_entities
from reader.tui.entity_runner import EntityRunner, can_send
from reader.tui.entity_work import analyse
from reader.tui.first_entities import KeptEntities
from reader.tui.lazy_extractor import LazyExtractor, default_extractor
from tests.tui_support import REPO, fake_entities, seeds

FP = extractor_fingerprint(entities_for)


def seed_articles() -> list[Article]:
    articles = list(seeds().articles)
    assert len(articles) == 5
    return articles


def kept_file(path: Path, articles: list[Article], fingerprint: str = FP) -> None:
    kept = KeptEntities(path)
    for article in articles:
        kept.keep(article, analyse(article, entities_for).entities)
    assert kept.save(fingerprint)


def test_every_seed_comes_back_as_the_extractor_gives_it(tmp_path: Path) -> None:
    path = tmp_path / first_entities.FILE_NAME
    articles = seed_articles()
    kept_file(path, articles)
    fresh = KeptEntities(path)  # as the next start reads it
    for article in articles:
        expected = analyse(article, entities_for)
        assert expected.entities, article.id  # a real comparison, not of two empties
        assert fresh.recall(article, article.text, FP) == expected, article.id
    assert not fresh.has_new()


def test_a_reused_file_keeps_the_old_entries_and_adds_the_new(tmp_path: Path) -> None:
    path = tmp_path / first_entities.FILE_NAME
    first, *rest = seed_articles()
    kept_file(path, [first])
    second_run = KeptEntities(path)
    assert second_run.recall(rest[0], rest[0].text, FP) is None  # not kept yet
    for article in rest:
        second_run.keep(article, analyse(article, entities_for).entities)
    assert second_run.has_new()
    assert second_run.save(FP)
    third_run = KeptEntities(path)
    for article in [first, *rest]:
        assert third_run.recall(article, article.text, FP) == analyse(article, entities_for)
    # nothing new: no write
    third_run.keep(first, analyse(first, entities_for).entities)
    assert not third_run.has_new() and not third_run.save(FP)


def test_only_the_last_opened_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_entities, "KEEP", 2)
    path = tmp_path / first_entities.FILE_NAME
    articles = seed_articles()
    kept_file(path, articles[:3])
    fresh = KeptEntities(path)
    found = [fresh.recall(a, a.text, FP) is not None for a in articles[:3]]
    assert found == [False, True, True]


def test_stale_entries_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / first_entities.FILE_NAME
    article = seed_articles()[0]
    kept_file(path, [article])
    kept = KeptEntities(path)
    assert kept.recall(article, article.text, FP) is not None  # (the entry is there)
    # another version of the extractor
    assert kept.recall(article, article.text, FP + "x") is None
    # another text (its hash) or the same text with another length
    edited = article.text.replace("the", "teh", 1)
    other_text = replace(
        article, text=edited, text_hash=hashlib.sha256(edited.encode()).hexdigest()
    )
    assert kept.recall(other_text, edited, FP) is None
    assert kept.recall(article, article.text + " more", FP) is None
    # another publication date (relative dates depend on it)
    published = replace(article.published, value="1999-01-01")
    assert kept.recall(replace(article, published=published), article.text, FP) is None


def test_an_other_fingerprint_on_save_drops_the_old_entries(tmp_path: Path) -> None:
    path = tmp_path / first_entities.FILE_NAME
    one, two = seed_articles()[:2]
    kept_file(path, [one], fingerprint=FP + "old")
    kept = KeptEntities(path)
    kept.keep(two, analyse(two, entities_for).entities)
    assert kept.save(FP)
    fresh = KeptEntities(path)
    assert fresh.recall(one, one.text, FP) is None
    assert fresh.recall(two, two.text, FP) == analyse(two, entities_for)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"\x00garbage" + data,  # damaged
        lambda data: b"",  # empty
    ],
)
def test_a_damaged_or_truncated_file_is_ignored(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / first_entities.FILE_NAME
    article = seed_articles()[0]
    kept_file(path, [article])
    path.write_bytes(damage(path.read_bytes()))
    kept = KeptEntities(path)
    assert not kept.has_entries()
    assert kept.recall(article, article.text, FP) is None


def test_rows_that_do_not_fit_the_text_are_ignored(tmp_path: Path) -> None:
    import marshal

    path = tmp_path / first_entities.FILE_NAME
    article = seed_articles()[0]
    kept_file(path, [article])
    data = marshal.loads(path.read_bytes())
    text_hash, published, size, rows = data["entries"][0]
    for bad in [
        (0, size + 5, "PERSON", None, None),
        (3, 1, "PERSON", None, None),
        (0, 2, "X", None, None),
    ]:
        data["entries"] = [(text_hash, published, size, [*rows, bad])]
        path.write_bytes(marshal.dumps(data))
        assert KeptEntities(path).recall(article, article.text, FP) is None, bad


def test_an_unreadable_or_unwritable_folder_and_caches_off(tmp_path: Path) -> None:
    article = seed_articles()[0]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    kept = KeptEntities(blocker / first_entities.FILE_NAME)
    assert kept.recall(article, article.text, FP) is None
    kept.keep(article, analyse(article, entities_for).entities)
    assert not kept.save(FP)  # cannot be written: no error
    off = KeptEntities(None)
    off.keep(article, analyse(article, entities_for).entities)
    assert not off.save(FP) and off.recall(article, article.text, FP) is None


def test_cache_path_follows_the_reader_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    assert first_entities.cache_path() == tmp_path / first_entities.FILE_NAME
    monkeypatch.setenv("READER_CACHE_DIR", "off")
    assert first_entities.cache_path() is None


def test_an_extractor_without_a_code_hash_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / first_entities.FILE_NAME
    article = seed_articles()[0]
    fingerprint = extractor_fingerprint(fake_entities)
    assert "@" not in fingerprint  # (a test module: named, not hashed)
    kept = KeptEntities(path)
    kept.keep(article, fake_entities(article))
    assert not kept.save(fingerprint) and not path.exists()


# -- the fingerprint, without importing -------------------------------------------


def _imported_fingerprint(extract) -> str:  # type: ignore[no-untyped-def]
    """The fingerprint as it was computed before: by importing the module."""
    module_name = extract.__module__
    name = f"{module_name}.{extract.__qualname__}"
    folder = Path(importlib.import_module(module_name).__file__ or ".").parent
    digest = hashlib.sha256(name.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{name}@{digest.hexdigest()[:16]}"


def test_the_fingerprint_is_the_same_as_by_import() -> None:
    from reader.entities import extract_entities
    from reader.triage.claims import score_claims

    for function in (entities_for, extract_entities, score_claims):
        assert extractor_fingerprint(function) == _imported_fingerprint(function)
    assert extractor_fingerprint(default_extractor()) == _imported_fingerprint(entities_for)
    assert index_build.extractor_fingerprint is extractor_fingerprint
    assert extractor_fingerprint(len) == "builtins.len"
    assert module_folder("reader.no_such_module") is None


def test_in_a_fresh_interpreter_the_fingerprint_imports_no_extractor() -> None:
    code = (
        "import json, sys\n"
        "from reader.code_fingerprint import extractor_fingerprint\n"
        "from reader.tui.lazy_extractor import default_extractor\n"
        "fp = extractor_fingerprint(default_extractor())\n"
        "names = [m for m in sys.modules if m.startswith('reader.entities')]\n"
        "print(json.dumps([fp, sorted(names)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "READER_CACHE_DIR": "off"},
        timeout=60,
        check=True,
    )
    fp, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert fp == FP
    assert loaded == []


# -- the lazy extractor -------------------------------------------------------------


def test_the_lazy_extractor_gives_what_the_function_gives() -> None:
    lazy = LazyExtractor("reader.entities.extract", "entities_for")
    assert not lazy.loaded
    article = seed_articles()[1]
    assert list(lazy(article)) == entities_for(article)
    assert lazy.loaded and lazy.load() is entities_for
    again = pickle.loads(pickle.dumps(lazy))
    assert isinstance(again, LazyExtractor) and not again.loaded
    assert can_send(lazy)


def test_a_lazy_extractor_of_a_missing_function_fails_when_called() -> None:
    lazy = LazyExtractor("reader.entities.extract", "no_such_function")
    assert analyse(seed_articles()[0], lazy).error is not None


def test_the_entity_process_runs_the_lazy_extractor() -> None:
    article = seed_articles()[0]
    runner = EntityRunner(default_extractor(), min_chars=10)
    try:
        assert runner.uses_process
        assert runner.run(article) == analyse(article, entities_for)
        assert runner.child_pids  # (it ran in the child)
    finally:
        runner.close()


def test_the_entities_package_loads_the_extractor_on_first_use() -> None:
    import reader.entities

    assert (
        reader.entities.extract_entities
        is importlib.import_module("reader.entities.extract").extract_entities
    )
    with pytest.raises(AttributeError):
        reader.entities.no_such_name  # noqa: B018


def test_the_extractor_regexes_are_kept_in_a_file_of_their_own(tmp_path: Path) -> None:
    """Imported on first use: its regexes are compiled once, saved at exit,
    then loaded by the next run's import instead of compiled."""
    code = (
        "import json, re\n"
        "import reader.tui.app\n"
        "from reader import regex_cache\n"
        "from reader.tui.lazy_extractor import default_extractor\n"
        "before = regex_cache.snapshot()\n"
        "default_extractor().load()\n"
        "new = [k for k in re._cache if k not in before]\n"
        "print(json.dumps([len(new), sum(k not in regex_cache._loaded for k in new)]))\n"
    )
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path)}

    def run() -> tuple[int, int]:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=60,
            check=True,
        )
        new, compiled = json.loads(done.stdout.strip().splitlines()[-1])
        return new, compiled

    new, compiled = run()
    assert new > 20 and compiled == new  # nothing kept yet: all compiled
    assert (tmp_path / "regex-programs-reader.entities.extract.marshal").is_file()
    new, compiled = run()
    assert new > 20 and compiled == 0  # all loaded from the file
