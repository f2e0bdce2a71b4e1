"""The methods @dataclass writes, compiled once and kept on disk (start-up time).

`@dataclass` writes each method it adds (`__init__`, `__repr__`, `__eq__`, ...)
as Python source and runs it with `exec`, which parses and compiles it: some
330 methods for Textual's classes and ours, ~8% of the app's start-up work
(and `namedtuple` does the same with `eval`, ~70 times). `install()` (called by
`reader/__init__.py`, before the classes are made) gives the dataclasses module
an `exec`, and the collections module an `eval`, of their own (module globals,
which Python looks up before the builtins) that compile each source text once,
exactly as the builtins do, and keep the code object: in memory for the run,
on disk for the next one (saved at exit when the run compiled something new and
`remember()` was called: the app does; a headless command only reads the file).

Same text, same code: the source is the key, and it is compiled with the
builtin's file name ("<string>") and no inherited `__future__` flags, so the
methods are the ones `exec` would have made. The file is keyed by the exact
interpreter build and bytecode format; anything unexpected (another Python, a
damaged file, a module that already has an `exec` or `eval` of its own) means compiling
as usual. READER_CACHE_DIR=off turns it off, as it does the other caches
(same folder: see reader.regex_cache).
"""

from __future__ import annotations

import atexit
import builtins
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from reader import regex_cache

FILE_NAME = "dataclass-code.marshal"
_MAX_ENTRIES = 2_000  # the app makes ~400; the file never holds more than this

_Key = tuple[str, str]  # (mode, source): "exec" or "eval"
_codes: dict[_Key, CodeType] = {}  # loaded or compiled
_used: dict[_Key, CodeType] = {}  # what this run ran: what is saved
_state = {"installed": False, "compiled": 0, "remembered": False}


def cache_path() -> Path | None:
    """The cache file, or None when caching is off."""
    regexes = regex_cache.cache_path()
    return None if regexes is None else regexes.with_name(FILE_NAME)


def _version_key() -> str:
    return f"{sys.version}|{sys.implementation.cache_tag}|{MAGIC_NUMBER.hex()}"


def _code(source: str, mode: str) -> CodeType:
    key = (mode, source)
    code = _codes.get(key)
    if code is None:
        # as exec and eval compile a string: file name "<string>", no inherited flags
        code = compile(source, "<string>", mode, dont_inherit=True)
        _codes[key] = code
        _state["compiled"] += 1
    if len(_used) < _MAX_ENTRIES:
        _used[key] = code
    return code


def cached_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """`exec`, with the code of a source text compiled once per text."""
    if isinstance(source, str):
        source = _code(source, "exec")
    builtins.exec(source, globals, locals)


def cached_eval(source: Any, globals: Any = None, locals: Any = None) -> Any:
    """`eval`, with the code of a source text compiled once per text."""
    if isinstance(source, str):
        source = _code(source.lstrip(" \t"), "eval")  # eval strips these too
    return builtins.eval(source, globals, locals)


def load(path: Path | None = None) -> int:
    """Read the saved code objects; how many were loaded."""
    path = cache_path() if path is None else path
    if path is None:
        return 0
    entries = regex_cache.read_cache_file(path, _version_key())
    if entries is None:
        return 0
    try:
        loaded = {
            (mode, source): code
            for (mode, source), code in entries.items()
            if mode in ("exec", "eval") and isinstance(source, str) and isinstance(code, CodeType)
        }
    except Exception:  # missing, unreadable or from elsewhere: compile as usual
        return 0
    for key, code in loaded.items():
        _codes.setdefault(key, code)
    return len(loaded)


def _targets() -> list[tuple[ModuleType, str, Any]]:
    import collections
    import dataclasses

    return [(dataclasses, "exec", cached_exec), (collections, "eval", cached_eval)]


def install(path: Path | None = None) -> bool:
    """Load the saved code and route the dataclasses module's `exec` and the
    collections module's `eval` through the cache. False when caching is off
    (then nothing changes). A module that already has a global of that name is
    left alone."""
    if _state["installed"]:
        return True
    path = cache_path() if path is None else path
    if path is None:
        return False
    load(path)
    for module, name, replacement in _targets():
        if name not in vars(module):
            setattr(module, name, replacement)
    _state["installed"] = True
    return True


def remember() -> None:
    """Save at exit what this run compiled that the file did not have (called
    by the app, as regex_cache.remember: a headless command only reads the file)."""
    path = cache_path()
    if _state["installed"] and path is not None and not _state["remembered"]:
        _state["remembered"] = True
        atexit.register(_save_if_new, path)


def uninstall() -> None:
    """Give the modules back the builtins (tests)."""
    for module, name, replacement in _targets():
        if vars(module).get(name) is replacement:
            delattr(module, name)
    _state["installed"] = False


def _save_if_new(path: Path) -> None:
    if _state["compiled"]:
        save(path)


def save(path: Path | None = None) -> int:
    """Write the code this run used, then what the file had, up to a bound
    (atomically; another entry point, say a headless command, keeps the app's
    entries); how many entries."""
    path = cache_path() if path is None else path
    if path is None or not _used:
        return 0
    entries = dict(_used)
    for key, code in _codes.items():
        if len(entries) >= _MAX_ENTRIES:
            break
        entries.setdefault(key, code)
    if not regex_cache.write_cache_file(path, _version_key(), entries):
        return 0
    return len(entries)
