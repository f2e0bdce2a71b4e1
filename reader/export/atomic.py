"""Write a text file atomically: a temporary file beside it, fsync, then rename.

Readers of `path` see either the old file or the complete new one, never a
partial file, even if the process is killed half-way.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; the message says why, naming the path."""


class TargetExists(WriteError):
    """The file exists and overwriting was not allowed."""


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform/filesystem allows it
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path | str, text: str, *, overwrite: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` atomically and return the path.

    Raises TargetExists when `path` exists and `overwrite` is false (checked
    again at the moment of the rename, so a file that appears meanwhile is
    not clobbered), and WriteError for any other failure. On failure no
    temporary file is left behind and an existing `path` is untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise WriteError(f"{path} is a folder, not a file")
    if not overwrite and path.exists():
        raise TargetExists(f"{path} already exists (use --force to overwrite it)")
    if not folder.is_dir():
        why = "is not a folder" if folder.exists() else "does not exist"
        raise WriteError(f"cannot write {path}: {folder} {why}")
    data = text.encode("utf-8")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_current_umask())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_without_clobbering(tmp, path)
    except WriteError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    _fsync_dir(folder)
    return path


def _link_without_clobbering(tmp: Path, path: Path) -> None:
    """Move `tmp` to `path` only if `path` does not exist (hard link, then unlink)."""
    try:
        os.link(tmp, path)
    except FileExistsError as exc:
        raise TargetExists(f"{path} already exists (use --force to overwrite it)") from exc
    except OSError:
        # Filesystems without hard links: the check above is the best we can do.
        if path.exists():
            raise TargetExists(f"{path} already exists (use --force to overwrite it)") from None
        os.replace(tmp, path)
        return
    tmp.unlink(missing_ok=True)
