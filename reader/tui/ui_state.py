"""What the app remembers between runs that is not a note: the theme last
chosen (palette: "Change theme"), saved when the app exits, in a small JSON
file beside the annotation database. A preference only: a missing, damaged
or unwritable file means the default theme and nothing else (no message)."""

from __future__ import annotations

import json
from pathlib import Path

STATE_NAME = "reader-ui.json"
_MAX_BYTES = 4096  # a file larger than this is not ours


def state_path(db_path: Path | None) -> Path | None:
    """The state file for the database at `db_path` (None: nothing is kept)."""
    return None if db_path is None else db_path.parent / STATE_NAME


def remembered_theme(path: Path | None) -> str | None:
    """The theme name saved in `path`, or None."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
        data = json.loads(raw) if len(raw) <= _MAX_BYTES else None
    except (OSError, ValueError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) and 0 < len(theme) <= 64 else None


def remember_theme(path: Path | None, theme: str) -> bool:
    """Save `theme` in `path` (atomically, as the database is written); False
    if it could not be written."""
    if path is None:
        return False
    from reader.annotations.durable import atomic_write_bytes  # (not at start-up)

    try:
        atomic_write_bytes(path, json.dumps({"theme": theme}).encode())
    except OSError:
        return False
    return True
