"""Identify a function by its code, without importing it (start-up time).

`extractor_fingerprint(extract)` names the function and, for code of this
package, hashes every file of its module's folder (code and data), so a cache
made by another version is not reused. The module's file is found as the
import system would find it (`importlib.machinery.PathFinder`, no module
executed): `LazyExtractor` (reader.tui.lazy_extractor) has its fingerprint
before the extractor is imported. Tiny on purpose: no import of the extractor.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable
from importlib.machinery import PathFinder
from pathlib import Path


def module_folder(module_name: str) -> Path | None:
    """The folder of the file of `module_name` (a package's own folder for a
    package), found without executing the module or its parent packages
    (those already imported are looked up in sys.modules); None if not found."""
    module = sys.modules.get(module_name)
    if module is not None:
        where = getattr(module, "__file__", None)
        return Path(where).parent if where else None
    parent, _, _leaf = module_name.rpartition(".")
    locations: list[str] | None = None
    if parent:
        loaded = sys.modules.get(parent)
        if loaded is not None:
            locations = list(getattr(loaded, "__path__", []))
        else:
            folder = module_folder(parent)
            locations = None if folder is None else [str(folder)]
        if locations is None:
            return None
    spec = PathFinder.find_spec(module_name, locations)
    if spec is None or not spec.origin or not spec.has_location:
        return None
    return Path(spec.origin).parent


def extractor_fingerprint(extract: Callable[..., object]) -> str:
    """Identify the extractor so a cache made by another version is not reused:
    for code inside this package, a hash of its module folder's files (code
    and data), read without importing the module."""
    module_name = getattr(extract, "__module__", "") or ""
    name = f"{module_name}.{getattr(extract, '__qualname__', repr(extract))}"
    if not module_name.startswith("reader."):
        return name
    return _hashed(module_name, name)


@functools.lru_cache(maxsize=16)
def _hashed(module_name: str, name: str) -> str:
    """`name@hash of its module folder's files`, read once per process (the
    start-up, the triage build and the claims cache all ask for it)."""
    folder = module_folder(module_name) or Path(".")
    digest = hashlib.sha256(name.encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{name}@{digest.hexdigest()[:16]}"
