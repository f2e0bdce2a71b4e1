"""Find the article files of a corpus folder: recursive, sorted, loop-safe."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.errors import CorpusError, LoadProblem, ProblemKind

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class ArticleFile:
    id: str  # path relative to the corpus root, POSIX separators, NFC
    path: Path


def is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def find_article_files(root: Path) -> tuple[list[ArticleFile], list[LoadProblem]]:
    """Every .txt/.md file under `root`, sorted by id, and what could not be read.

    Hidden files and folders (".git", ".notes.md") are left out. Symbolic links
    are followed, but a folder is read once: a link back to a folder already
    read (a loop) is reported and not followed. Raises CorpusError when `root`
    itself is missing, not a folder, or unreadable."""
    root = Path(root)
    try:
        root_stat = root.stat()
    except FileNotFoundError:
        raise CorpusError(f"corpus folder not found: {root}") from None
    except OSError as exc:
        raise CorpusError(f"cannot open corpus folder {root}: {_reason(exc)}") from None
    if not stat.S_ISDIR(root_stat.st_mode):
        raise CorpusError(f"not a folder: {root} (give the folder that holds the articles)")
    try:
        os.scandir(root).close()
    except OSError as exc:
        raise CorpusError(f"cannot read corpus folder {root}: {_reason(exc)}") from None

    files: list[ArticleFile] = []
    problems: list[LoadProblem] = []
    seen = {(root_stat.st_dev, root_stat.st_ino)}
    stack: list[tuple[str, str]] = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            problems.append(_problem(folder, prefix.rstrip("/"), ProblemKind.UNREADABLE, exc))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + _id_name(entry.name)
            kind = _kind(entry, rel, problems)
            if kind == "dir":
                key = _dir_key(entry)
                if key in seen:
                    problems.append(
                        LoadProblem(
                            Path(entry.path),
                            "link to a folder that is already read (a loop or a duplicate): "
                            "not followed",
                            skipped=True,
                            kind=ProblemKind.SYMLINK_LOOP,
                            article_id=rel,
                        )
                    )
                    continue
                seen.add(key)
                stack.append((entry.path, rel + "/"))
            elif kind == "file" and is_article_name(entry.name):
                files.append(ArticleFile(rel, Path(entry.path)))
                if "\ufffd" in rel and "\ufffd" not in entry.name:
                    problems.append(
                        LoadProblem(
                            Path(entry.path),
                            "file name is not valid UTF-8: its id shows \ufffd for the bad bytes",
                            skipped=False,
                            kind=ProblemKind.FILE_NAME,
                            article_id=rel,
                        )
                    )
            elif kind == "other" and is_article_name(entry.name):
                problems.append(
                    LoadProblem(
                        Path(entry.path),
                        "not a regular file (a device, pipe or socket)",
                        skipped=True,
                        kind=ProblemKind.NOT_A_FILE,
                        article_id=rel,
                    )
                )
    files.sort(key=lambda item: item.id)
    problems.sort(key=lambda item: item.article_id or "")
    return files, problems


def article_id_for(path: Path, root: Path | None = None) -> str:
    """The id of the article at `path`: relative to `root` (default: its folder)."""
    relative = Path(path).relative_to(root) if root is not None else Path(Path(path).name)
    return "/".join(_id_name(part) for part in relative.parts)


def _id_name(name: str) -> str:
    """A file name as it goes into an article id: valid UTF-8 (bytes that are
    not become U+FFFD) in NFC, so the id is the same on every system (macOS
    stores names decomposed) and annotations follow a moved corpus."""
    if not name.isascii():
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        name = unicodedata.normalize("NFC", name)
    return name


def _kind(entry: os.DirEntry[str], rel: str, problems: list[LoadProblem]) -> str:
    """ "dir", "file", "other" or "" (unusable, problem recorded)."""
    if not entry.is_symlink():
        if entry.is_dir(follow_symlinks=False):
            return "dir"
        return "file" if entry.is_file(follow_symlinks=False) else "other"
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(_problem(entry.path, rel, ProblemKind.SYMLINK_LOOP, exc))
        elif is_article_name(entry.name):
            problems.append(_problem(entry.path, rel, ProblemKind.BROKEN_LINK, exc))
        return ""
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def _dir_key(entry: os.DirEntry[str]) -> tuple[int, int]:
    info = entry.stat()  # follows links: the folder itself
    return info.st_dev, info.st_ino


def _problem(path: str, rel: str, kind: str, exc: OSError) -> LoadProblem:
    messages = {
        ProblemKind.SYMLINK_LOOP: "symbolic link loop",
        ProblemKind.BROKEN_LINK: "broken symbolic link (its target does not exist)",
    }
    message = messages.get(kind) or f"cannot read folder: {_reason(exc)}"
    return LoadProblem(Path(path), message, skipped=True, kind=kind, article_id=rel or None)


def _reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)
