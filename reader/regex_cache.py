"""Compiled regular expressions kept on disk between runs (start-up time).

Python compiles every regex at import, in pure Python: the extractor's tables,
the corpus cues and Textual's own patterns took ~40% of the app's import time.
`load()` (called by `reader/__init__.py`) puts the compiled patterns saved by
an earlier run into the `re` module's cache, so the `re.compile` calls at
import return them at once. `remember()` (called once the app's modules are
imported) marks what is in that cache then as worth saving; if any of it was
not loaded from disk, it is saved when the process exits. The patterns of
modules imported after the first screen (by reader.tui.preload) are kept in
a file of their own, which that preload reads (`remember_patterns`,
`load_later`): the start does not load them.

What is saved is the regex engine's own program for each pattern, built by
the same steps as `re.compile` (`re._parser.parse`, `re._compiler._code`) and
turned back into a pattern by `_sre.compile`, which validates the program. These
are CPython internals with no public equivalent: the file is keyed by the exact
interpreter build and engine version, and anything unexpected (another Python,
a damaged file, a changed internal) means the patterns are compiled as usual.
Only patterns compiled while importing are saved, never ones built later from
user input (a filter query). READER_CACHE_DIR=off turns the cache off, as it
does the corpus metadata cache (same folder: see reader.corpus.cache).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

CACHE_ENV_VAR = "READER_CACHE_DIR"  # as reader.corpus.cache (not imported: too big)
FILE_NAME = "regex-programs.marshal"
_MAX_ENTRIES = 400  # below re._MAXCACHE (512): the cache must not evict what we load

_Key = tuple[type, Any, int]
_loaded: set[_Key] = set()
_to_save: list[_Key] = []
_registered = False
LATER_FILE_NAME = "regex-programs-later.marshal"
_later: list[_Key] = []  # remember_patterns: saved to the later file
_later_registered = False


def cache_path() -> Path | None:
    """The cache file, or None when caching is off (same folder rules as
    reader.corpus.cache.default_cache_dir)."""
    configured = os.environ.get(CACHE_ENV_VAR)
    if configured is not None:
        if configured.strip().lower() in ("", "off", "0", "no"):
            return None
        return Path(configured) / FILE_NAME
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reader" / FILE_NAME


def _version_key() -> str:
    import _sre

    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"


def _re_cache() -> dict[_Key, re.Pattern[Any]] | None:
    cache = getattr(re, "_cache", None)  # CPython's compiled-pattern cache (private)
    return cache if isinstance(cache, dict) else None


def load(path: Path | None = None) -> int:
    """Put the saved patterns into the `re` cache; how many were loaded."""
    import _sre

    path = cache_path() if path is None else path
    cache = _re_cache()
    if path is None or cache is None:
        return 0
    entries = read_cache_file(path, _version_key())
    if entries is None:
        return 0
    count = 0
    for entry in entries:
        try:
            pattern, flags, final_flags, code, groups, groupindex, indexgroup = entry
            compiled = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
        except Exception:  # a damaged entry: that pattern is compiled as usual
            continue
        key = (type(pattern), pattern, flags)
        if len(cache) >= _MAX_ENTRIES:
            break
        cache.setdefault(key, compiled)
        _loaded.add(key)
        count += 1
    return count


def remember() -> None:
    """Mark the patterns compiled so far as worth saving; when some of them
    were not loaded from disk, save them all at exit."""
    global _registered
    cache = _re_cache()
    if cache is None or cache_path() is None:
        return
    keys = [k for k in cache if isinstance(k, tuple) and len(k) == 3 and k[0] in (str, bytes)]
    _to_save[:] = keys[:_MAX_ENTRIES]
    if not _registered and any(k not in _loaded for k in _to_save):
        _registered = True
        atexit.register(save)


def later_path() -> Path | None:
    """The file of the later patterns (see `remember_patterns`), or None."""
    path = cache_path()
    return None if path is None else path.with_name(LATER_FILE_NAME)


def load_later() -> int:
    """Put the later patterns into the `re` cache (reader.tui.preload, before
    it imports the later modules); how many were loaded."""
    path = later_path()
    return 0 if path is None else load(path)


def remember_patterns(patterns: Iterable[re.Pattern[Any]]) -> int:
    """Save these compiled patterns too, apart (the later file, which the
    start does not read): the module-level ones of modules imported after
    `remember()` (reader.tui.preload passes them), found by identity in the
    `re` cache, so a pattern built from data (an article's words) never is.
    Written at exit when some were not loaded from disk; how many there are."""
    global _later_registered
    cache = _re_cache()
    if cache is None or later_path() is None:
        return 0
    wanted = {id(p) for p in patterns}
    for _ in range(3):  # another thread may compile meanwhile
        try:
            items = list(cache.items())
            break
        except RuntimeError:
            continue
    else:
        return 0
    start = set(_to_save)
    keys = [
        k
        for k, compiled in items
        if id(compiled) in wanted and k not in start and isinstance(k, tuple) and len(k) == 3
    ]
    _later[:] = keys[: max(0, _MAX_ENTRIES - len(_to_save))]
    if not _later_registered and any(k not in _loaded for k in _later):
        _later_registered = True
        atexit.register(_save_later)
    return len(_later)


def snapshot() -> set[_Key]:
    """The patterns in the `re` cache now (for `save_new_at_exit`)."""
    cache = _re_cache()
    return set() if cache is None else set(list(cache))


def save_new_at_exit(path: Path | None, before: set[_Key]) -> int:
    """Save to `path` at exit the patterns compiled since `before` (a
    `snapshot`), if some were not loaded from disk: for a module imported on
    first use, whose own file is `load(path)`ed before the import
    (reader.tui.lazy_extractor). How many there are."""
    cache = _re_cache()
    if cache is None or path is None:
        return 0
    keys = [
        k
        for k in list(cache)
        if k not in before and isinstance(k, tuple) and len(k) == 3 and k[0] in (str, bytes)
    ][:_MAX_ENTRIES]
    if any(k not in _loaded for k in keys):
        atexit.register(save, path, keys)
    return len(keys)


def _save_later() -> int:
    path = later_path()
    return 0 if path is None else save(path, _later)


def module_patterns(prefixes: tuple[str, ...] = ("reader.",)) -> list[re.Pattern[Any]]:
    """The compiled patterns held by the loaded modules named with `prefixes`
    (module globals, and inside a tuple, list or dict global)."""
    found: list[re.Pattern[Any]] = []
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefixes) or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, re.Pattern):
                found.append(value)
            elif isinstance(value, tuple | list | dict):
                items = value.values() if isinstance(value, dict) else value
                found += [v for v in items if isinstance(v, re.Pattern)]
                for inner in items:  # one level deeper: (key, pattern) pairs
                    if isinstance(inner, tuple):
                        found += [v for v in inner if isinstance(v, re.Pattern)]
    return found


def _program(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What `_sre.compile` needs for `pattern`: the steps of re._compiler.compile."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    flags = int(flags)  # a RegexFlag is an int subclass: marshal refuses it
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags, groups = int(flags | parsed.state.flags), parsed.state.groups - 1
    return (pattern, flags, final_flags, code, groups, groupindex, tuple(indexgroup))


def save(path: Path | None = None, keys: list[_Key] | None = None) -> int:
    """Write the remembered patterns (or `keys`) atomically; how many were written."""
    path = cache_path() if path is None else path
    keys = _to_save if keys is None else keys
    if path is None or not keys:
        return 0
    entries = []
    for _type, pattern, flags in keys:
        try:
            entries.append(_program(pattern, flags))
        except Exception:  # an internal that changed: leave this one out
            continue
    return len(entries) if write_cache_file(path, _version_key(), entries) else 0


def read_cache_file(path: Path, version: str) -> Any:
    """The entries of the cache file `path`, or None when it is missing,
    unreadable or written by another `version` (then compile as usual)."""
    try:
        data = marshal.loads(path.read_bytes())
        return data["entries"] if data["version"] == version else None
    except Exception:  # missing, unreadable or from elsewhere
        return None


def write_cache_file(path: Path, version: str, entries: Any) -> bool:
    """Replace the cache file `path` with `entries` for `version`, atomically
    (temporary file in the same folder, then rename; no fsync: a lost cache is
    only rebuilt). False when marshal cannot hold the entries or the folder
    cannot be written (the caches then work unsaved)."""
    try:
        data = marshal.dumps({"version": version, "entries": entries})
    except ValueError:  # something marshal cannot hold: an internal that changed
        return False
    return write_bytes(path, data)


def write_bytes(path: Path, data: bytes) -> bool:
    """Replace the file `path` with `data`, atomically (temporary file in the
    same folder, then rename; no fsync); False when the folder cannot be written."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except OSError:  # a read-only cache folder: compile as usual next time
        return False
    return True
