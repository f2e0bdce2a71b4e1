"""Parsed CSS kept on disk between runs (start-up time).

Textual parses, at every start, the app's stylesheet and the DEFAULT_CSS of
each widget class it mounts (~15,000 characters for the main screen): ~20 ms
of CPU before the first frame, more than any other single step of styling.
The rules it makes depend only on the CSS text, where it came from, and the
theme's variables, so `fill()` puts the rules an earlier run saved into the
stylesheet's own parse cache (Stylesheet._parse_cache, private: no public
way; textual pinned), and Textual finds them there instead of parsing.
`remember()` (once the first frame is drawn) notes what the stylesheet holds
then; when some of it was not loaded from disk, it is saved at exit.

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

_loaded: set[tuple[Any, ...]] = set()  # keys this process put into a stylesheet
_to_save: dict[str, Any] = {}  # what remember() saw: {"key": ..., "entries": ...}
_registered = False


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
        if data["key"] != _version_key(stylesheet):
            return 0
        entries = dict(data["entries"])
    except Exception:  # missing, damaged, or from another version: parse as usual
        return 0
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
    if not entries or all(key in _loaded for key in entries):
        return
    _to_save.clear()
    _to_save.update(key=_version_key(stylesheet), entries=entries)
    if not _registered:
        _registered = True
        atexit.register(save)


def save(path: Path | None = None) -> bool:
    """Write the remembered rules (atomically); False if nothing was written."""
    path = cache_path() if path is None else path
    if path is None or not _to_save:
        return False
    try:
        data = pickle.dumps(dict(_to_save), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # rules pickle cannot hold (a Textual that changed): unsaved
        return False
    return regex_cache.write_bytes(path, data)
