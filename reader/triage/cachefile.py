"""Cache files of the triage indexes: atomic writes, forgiving reads."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import orjson


class CacheUnreadable(Exception):
    """The cache file exists but is not JSON (or cannot be read)."""


def read_json(path: Path) -> object | None:
    """The decoded file, None if it does not exist; CacheUnreadable otherwise."""
    try:
        return orjson.loads(Path(path).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, orjson.JSONDecodeError) as exc:
        raise CacheUnreadable(str(exc)) from exc


def write_json_atomic(path: Path, data: object) -> None:
    """Write `data` as JSON: temporary file in the same folder, flush, fsync,
    replace. A crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = orjson.dumps(data)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
