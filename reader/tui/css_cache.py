"""Parsed CSS kept on disk between runs (start-up time).

Textual parses, at every start, the app's stylesheet and the DEFAULT_CSS of
each widget class it mounts (~15,000 characters for the main screen): ~20 ms
of CPU before the first frame, more than any other single step of styling.
The rules it makes depend only on the CSS text, where it came from, and the
theme's variables, so `fill()` puts the rules an earlier run saved into the
stylesheet's own parse cache (Stylesheet._parse_cache, private: no public
way; textual pinned), and Textual finds them there instead of parsing.
`remember()` (once the first frame is drawn) notes what the stylesheet holds
then; when some of it was not loaded from disk, it is saved at exit. The
rules parsed after it (dialogs, help, the command palette: widgets first
mounted later) are saved apart, as the later rules: `fill()` leaves them
packed, and reader.tui.preload unpacks them (`later_rules`) after the first
frame, off the interface thread, and puts them in (`add_rules`).

The file is keyed by the exact interpreter, Textual's CSS modules (path,
size, time: textual.__version__ would import importlib.metadata, ~30 ms)
and the theme's variables (a theme change clears that cache: Textual then
parses as usual); anything unexpected (another version, a damaged file,
another theme) means parsing as usual. The rules are pickled: the file lives
in the user's own cache folder, beside the compiled code of reader.code_cache,
and is trusted as much. READER_CACHE_DIR=off turns it off (see reader.regex_cache).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import sys
import weakref
from pathlib import Path
from typing import Any

from textual.css import model as css_model
from textual.css import parse as css_parse
from textual.css import styles as css_styles
from textual.css import stylesheet as stylesheet_module
from textual.css.stylesheet import Stylesheet

from reader import regex_cache

FILE_NAME = "textual-css.pickle"
_MAX_ENTRIES = 64  # Stylesheet._parse_cache's own size: more would evict the first
_ROOM = 8  # kept free for rules parsed as usual (a widget that no run mounted yet)

_loaded: set[tuple[Any, ...]] = set()  # keys this process put into a stylesheet
_to_save: dict[str, Any] = {}  # what remember() saw: {"key": ..., "entries": ...}
_registered = False
# the later rules: {"key": ..., "packed": pickled entries} from the file (fill),
# {"key": ..., "start": remember()'s entries, "sheet": a weak reference} (remember)
_later: dict[str, Any] = {}
_noted: dict[str, Any] = {}


def cache_path() -> Path | None:
    """The cache file, or None when caching is off."""
    regexes = regex_cache.cache_path()
    return None if regexes is None else regexes.with_name(FILE_NAME)


def _textual_files() -> str:
    """Which Textual makes the rules: its CSS modules' paths, sizes and times."""
    stamps = []
    for module in (css_model, css_parse, css_styles, stylesheet_module):
        stat = os.stat(module.__file__ or "")
        stamps.append(f"{module.__file__}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(stamps)


def _version_key(stylesheet: Stylesheet) -> str:
    variables = repr(sorted(stylesheet._variables.items()))
    digest = hashlib.sha256(variables.encode("utf-8")).hexdigest()
    return f"{sys.version}|{_textual_files()}|{digest}"


def _parse_cache(stylesheet: Stylesheet) -> Any:
    return getattr(stylesheet, "_parse_cache", None)


def fill(stylesheet: Stylesheet, path: Path | None = None) -> int:
    """Put the rules saved for this stylesheet's variables into its parse
    cache; how many sources' rules were loaded."""
    path = cache_path() if path is None else path
    cache = _parse_cache(stylesheet)
    if path is None or cache is None:
        return 0
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
        version = _version_key(stylesheet)
        if data["key"] != version:
            return 0
        entries = dict(data["entries"])
        packed = data.get("later")
    except Exception:  # missing, damaged, or from another version: parse as usual
        return 0
    _later.clear()
    if isinstance(packed, bytes):
        _later.update(key=version, packed=packed)
    count = 0
    for key, rules in list(entries.items())[:_MAX_ENTRIES]:
        if isinstance(key, tuple) and isinstance(rules, list):
            cache[key] = rules
            _loaded.add(key)
            count += 1
    return count


def remember(stylesheet: Stylesheet) -> None:
    """Note the rules the stylesheet holds now; when some were not loaded
    from disk, they are saved at exit."""
    global _registered
    cache = _parse_cache(stylesheet)
    if cache is None or cache_path() is None:
        return
    entries = {key: cache.get(key) for key in list(cache.keys())}
    if not entries:
        return
    version = _version_key(stylesheet)
    _noted.clear()
    _noted.update(key=version, start=entries, sheet=weakref.ref(stylesheet))
    if not _registered:  # also for the later rules this run may parse
        _registered = True
        atexit.register(save)
    if all(key in _loaded for key in entries):
        return
    _to_save.clear()
    _to_save.update(key=version, entries=entries)


def later_rules() -> dict[tuple[Any, ...], Any]:
    """The later rules `fill` found in the file, unpacked (safe off the
    interface thread: it touches no stylesheet); empty when there were none."""
    packed = _later.get("packed")
    if packed is None:
        return {}
    try:
        rules = pickle.loads(packed)
    except Exception:  # damaged: parsed as usual when their widgets mount
        return {}
    return {k: v for k, v in rules.items() if isinstance(k, tuple) and isinstance(v, list)}


def add_rules(stylesheet: Stylesheet, rules: dict[tuple[Any, ...], Any]) -> int:
    """Put `rules` (from `later_rules`) into the stylesheet's parse cache when
    its variables are still those of the file (no theme change meanwhile),
    leaving room so nothing it holds is evicted; how many were added."""
    cache = _parse_cache(stylesheet)
    if cache is None or not rules or _later.get("key") != _version_key(stylesheet):
        return 0
    room = _MAX_ENTRIES - _ROOM - len(cache)
    added = 0
    for key, value in rules.items():
        if added >= room:
            break
        if cache.get(key) is None:
            cache[key] = value
            _loaded.add(key)
            added += 1
    return added


def _later_to_save() -> tuple[dict[tuple[Any, ...], Any], bool]:
    """The later rules to write (this run's, then the file's) and whether
    this run parsed any that the file lacked."""
    ref = _noted.get("sheet")
    sheet = None if ref is None else ref()
    cache = None if sheet is None else _parse_cache(sheet)
    if sheet is None or cache is None or _version_key(sheet) != _noted["key"]:
        return {}, False  # (another theme's variables: not these rules)
    start = _noted["start"]
    found = {k: cache.get(k) for k in list(cache.keys()) if k not in start}
    new = any(k not in _loaded for k in found)
    if new and _later.get("key") == _noted["key"]:
        for k, v in later_rules().items():
            found.setdefault(k, v)
    room = max(0, _MAX_ENTRIES - _ROOM - len(start))
    return dict(list(found.items())[:room]), new


def save(path: Path | None = None) -> bool:
    """Write the remembered rules (atomically); False if nothing was written."""
    path = cache_path() if path is None else path
    later, later_new = _later_to_save()
    if path is None or not (_to_save or later_new):
        return False
    start = _to_save or {"key": _noted["key"], "entries": _noted["start"]}
    try:
        packed = pickle.dumps(later, protocol=pickle.HIGHEST_PROTOCOL)
        data = pickle.dumps({**start, "later": packed}, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # rules pickle cannot hold (a Textual that changed): unsaved
        return False
    return regex_cache.write_bytes(path, data)
