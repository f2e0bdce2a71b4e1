"""The compiled dataclass methods kept on disk (reader.code_cache): the same
methods as without it, and anything unexpected means compiling as usual."""

from __future__ import annotations

import collections
import dataclasses
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import code_cache

# Dataclasses of every kind, then each generated method's code and metadata.
DESCRIBE = """
from __future__ import annotations
import collections, dataclasses, json, sys
from typing import ClassVar, NamedTuple
import reader
from reader import code_cache

@dataclasses.dataclass(frozen=True, slots=True, order=True)
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()

@dataclasses.dataclass(kw_only=True)
class Options:
    name: str
    size: list[int] = dataclasses.field(default_factory=list)
    limit: ClassVar[int] = 3
    scale: dataclasses.InitVar[float] = 1.0
    def __post_init__(self, scale: float) -> None:
        self.size = [int(s * scale) for s in self.size]

@dataclasses.dataclass(eq=False, repr=False, unsafe_hash=True)
class Plain:
    a: object = None

Pair = collections.namedtuple("Pair", "left right", defaults=(None,))

class Span(NamedTuple):
    start: int
    end: int = 0

def describe_code(code):
    consts = [describe_code(c) if hasattr(c, "co_code") else repr(c) for c in code.co_consts]
    return [code.co_code.hex(), consts, code.co_names, code.co_varnames, code.co_flags,
            code.co_filename, code.co_firstlineno, code.co_qualname]

def describe(fn):
    return [describe_code(fn.__code__), fn.__qualname__, repr(fn.__defaults__),
            repr(fn.__kwdefaults__), repr(fn.__annotations__)]

out = {}
for cls in (Point, Options, Plain, Pair, Span):
    for name in sorted(vars(cls)):
        fn = getattr(cls, name)  # a staticmethod's function too (namedtuple's __new__)
        if callable(fn) and hasattr(fn, "__code__"):
            out[f"{cls.__name__}.{name}"] = describe(fn)
code_cache.remember()  # as the app does: save at exit
assert Pair(1) == (1, None) and Span(2) == (2, 0)
assert Point(1, 2) < Point(2) and Options(name="n", size=[2], scale=2.0).size == [4]
print(json.dumps({"methods": out, "installed": code_cache._state["installed"],
                  "compiled": code_cache._state["compiled"], "known": len(code_cache._codes)}))
"""


def run(cache_dir: str) -> dict[str, object]:
    env = {**os.environ, "READER_CACHE_DIR": cache_dir}
    done = subprocess.run(
        [sys.executable, "-c", DESCRIBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_methods_are_the_ones_exec_makes_and_load_in_the_next_run(tmp_path: Path) -> None:
    plain = run("off")  # no cache: the builtin exec
    assert plain["installed"] is False
    first = run(str(tmp_path))  # compiles, saves at exit
    second = run(str(tmp_path))  # loads
    assert first["installed"] is True and second["installed"] is True
    assert first["methods"] == plain["methods"] == second["methods"]
    generated = [m for m in plain["methods"].values() if m[0][5] == "<string>"]  # type: ignore[attr-defined]
    assert len(generated) > 10
    assert first["compiled"] > 0
    assert "Pair.__new__" in first["methods"] and "Span.__new__" in first["methods"]  # type: ignore[operator]
    assert second["compiled"] == 0 and second["known"] == first["compiled"]
    assert (tmp_path / code_cache.FILE_NAME).is_file()


def test_a_damaged_or_foreign_file_means_compiling_as_usual(tmp_path: Path) -> None:
    plain = run("off")
    path = tmp_path / code_cache.FILE_NAME
    path.write_bytes(b"\x00not marshal")
    damaged = run(str(tmp_path))
    assert damaged["methods"] == plain["methods"] and damaged["compiled"] > 0
    # another interpreter's file: its entries are not used
    code = compile("def __create_fn__():\n def f(self): return 1\n return f", "<string>", "exec")
    path.write_bytes(marshal.dumps({"version": "another python", "entries": {"x": code}}))
    foreign = run(str(tmp_path))
    assert foreign["methods"] == plain["methods"] and foreign["compiled"] > 0


def test_cached_exec_compiles_each_text_once_and_runs_it_each_time() -> None:
    source = "def __create_fn__(n):\n def f(self): return n\n return f\n"
    before = code_cache._state["compiled"]
    made = []
    for n in (1, 2):
        namespace: dict[str, object] = {}
        code_cache.cached_exec(source, {}, namespace)
        made.append(namespace["__create_fn__"](n)(None))  # type: ignore[operator]
    assert made == [1, 2]
    assert code_cache._state["compiled"] == before + 1
    assert code_cache._codes["exec", source].co_filename == "<string>"


def test_cached_eval_evaluates_as_eval_does() -> None:
    namespace = {"x": 4}
    assert code_cache.cached_eval(" \t(lambda y: x * y)(3)", namespace) == 12  # leading blanks
    assert code_cache.cached_eval("x + 1", {"x": 1}) == 2
    assert code_cache.cached_eval(compile("x", "<s>", "eval"), {"x": 7}) == 7


def test_install_leaves_dataclasses_alone_when_caching_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    was = code_cache._state["installed"]
    code_cache.uninstall()
    try:
        monkeypatch.setenv("READER_CACHE_DIR", "off")
        assert code_cache.install() is False
        assert "exec" not in vars(dataclasses) and "eval" not in vars(collections)
    finally:
        monkeypatch.undo()
        if was:
            assert code_cache.install() is True
            assert vars(dataclasses)["exec"] is code_cache.cached_exec
            assert vars(collections)["eval"] is code_cache.cached_eval


def test_a_run_that_does_not_remember_only_reads_the_file(tmp_path: Path) -> None:
    code = "import dataclasses, reader\n@dataclasses.dataclass\nclass Once:\n    a: int = 0\n"
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert not (tmp_path / code_cache.FILE_NAME).exists()  # a headless command
    first = run(str(tmp_path))  # remembers: saves
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert run(str(tmp_path))["compiled"] == 0 and first["compiled"] > 0


def test_a_run_of_other_classes_keeps_the_entries_of_the_first(tmp_path: Path) -> None:
    first = run(str(tmp_path))
    other = (
        "import dataclasses, reader\n"
        "from reader import code_cache\n"
        "@dataclasses.dataclass\n"
        "class Unusual:\n"
        "    field_seen_nowhere_else: int = 0\n"
        "code_cache.remember()\n"
        "print(code_cache._state['compiled'])\n"
    )
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", other], env=env, capture_output=True, text=True, check=True
    )
    assert int(done.stdout) > 0  # its own methods were new
    again = run(str(tmp_path))
    assert again["compiled"] == 0 and again["methods"] == first["methods"]
