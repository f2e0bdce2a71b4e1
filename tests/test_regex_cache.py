"""The on-disk cache of compiled regexes (reader.regex_cache): same patterns,
same matches, and anything unexpected means compiling as usual."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader import regex_cache

SEED = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))[1]

EXTRACT = f"""
import json, sys
import reader.regex_cache as cache
from reader.corpus import load_article
from reader.entities import entities_for
article = load_article({str(SEED)!r})
found = [(e.start, e.end, e.label.value, e.text, e.value) for e in entities_for(article)]
print(json.dumps({{"loaded": len(cache._loaded), "entities": found}}))
"""


def run(code: str, cache_dir: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_CACHE_DIR": cache_dir}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_patterns_saved_by_the_app_load_in_the_next_run_and_match_the_same(
    tmp_path: Path,
) -> None:
    cache_dir = str(tmp_path / "cache")
    first = run("import reader.tui.app, re; re.compile('user-query-zq')", cache_dir)
    assert first.returncode == 0, first.stderr
    saved = marshal.loads((tmp_path / "cache" / regex_cache.FILE_NAME).read_bytes())
    patterns = [entry[0] for entry in saved["entries"]]
    assert len(patterns) > 50
    assert "user-query-zq" not in patterns  # compiled after start-up: not kept

    cached = run(EXTRACT, cache_dir)
    plain = run(EXTRACT, "off")
    assert cached.returncode == 0 and plain.returncode == 0, cached.stderr + plain.stderr
    with_cache, without = json.loads(cached.stdout), json.loads(plain.stdout)
    assert with_cache["loaded"] > 50 and without["loaded"] == 0
    assert with_cache["entities"] == without["entities"] and len(without["entities"]) > 20


def test_a_loaded_pattern_is_what_re_compile_returns(tmp_path: Path) -> None:
    pattern = r"reader-test-(?P<w>a|b)+x\d{2}"
    entry = regex_cache._program(pattern, re.IGNORECASE)
    path = tmp_path / "c.marshal"
    path.write_bytes(marshal.dumps({"version": regex_cache._version_key(), "entries": [entry]}))
    re.purge()  # load() stops at 400 cached patterns: earlier tests may have filled it
    assert regex_cache.load(path) == 1
    compiled = re.compile(pattern, re.IGNORECASE)
    assert compiled is re._cache[(str, pattern, re.IGNORECASE.value)]  # type: ignore[attr-defined]
    assert compiled.groupindex == {"w": 1} and compiled.flags & re.IGNORECASE
    match = compiled.search("xx READER-TEST-abBaX42")
    assert match is not None and match.group("w") == "a"


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal at all",
        marshal.dumps({"version": "another python", "entries": []}),
        marshal.dumps([1, 2, 3]),
    ],
)
def test_an_unusable_file_loads_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.marshal"
    path.write_bytes(content)
    assert regex_cache.load(path) == 0
    assert regex_cache.load(tmp_path / "missing.marshal") == 0


def test_a_damaged_entry_is_skipped_and_compiled_as_usual(tmp_path: Path) -> None:
    good, bad = r"reader-good-(x|y)z", r"reader-bad-(x|y)z"
    broken = list(regex_cache._program(bad, 0))
    broken[3] = [9999] * 5  # not a program: _sre.compile refuses it
    path = tmp_path / "c.marshal"
    entries = [regex_cache._program(good, 0), tuple(broken)]
    path.write_bytes(marshal.dumps({"version": regex_cache._version_key(), "entries": entries}))
    re.purge()  # as above
    assert regex_cache.load(path) == 1
    assert (str, bad, 0) not in re._cache  # type: ignore[attr-defined]
    assert re.compile(bad).fullmatch("reader-bad-yz")


def test_off_means_no_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", "off")
    assert regex_cache.cache_path() is None and regex_cache.load() == 0
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    assert regex_cache.cache_path() == tmp_path / regex_cache.FILE_NAME


def test_module_patterns_of_later_modules_are_kept_apart_but_not_patterns_built_from_data(
    tmp_path: Path,
) -> None:
    """reader.tui.preload's step: after the app's own `remember()`, a module
    imported later adds its module-level patterns, to the later file (which
    the start does not read; `load_later` does); a pattern built from data
    meanwhile (not a module global) is not saved."""
    cache_dir = str(tmp_path / "cache")
    code = (
        "import re, sys, types; import reader.tui.app; from reader import regex_cache\n"
        "start = len(regex_cache._loaded); later = regex_cache.load_later()\n"
        "late = types.ModuleType('reader.zz_late'); sys.modules['reader.zz_late'] = late\n"
        "late.ONE = re.compile('late-module-zq'); late.PAIRS = ((b'x', re.compile(b'pair-zq')),)\n"
        "data = re.compile('built-from-data-zq')\n"
        "print(start, later, regex_cache.remember_patterns(regex_cache.module_patterns()))\n"
    )
    first = run(code, cache_dir)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split()[1:] == ["0", "2"]
    folder = tmp_path / "cache"
    later = [
        e[0] for e in marshal.loads((folder / regex_cache.LATER_FILE_NAME).read_bytes())["entries"]
    ]
    assert set(later) == {b"pair-zq", "late-module-zq"}
    start = [e[0] for e in marshal.loads((folder / regex_cache.FILE_NAME).read_bytes())["entries"]]
    assert len(start) > 50 and not {"late-module-zq", "built-from-data-zq"} & set(start)
    again = run(code, cache_dir).stdout.split()
    assert int(again[0]) == len(start)  # the start reads its own file only
    assert again[1:] == ["2", "2"]  # the later file, read by load_later
