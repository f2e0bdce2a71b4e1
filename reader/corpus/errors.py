"""What can go wrong while reading a corpus, as values and exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CorpusError(Exception):
    """The corpus folder itself cannot be used (missing, not a folder, unreadable)."""


@dataclass(frozen=True)
class LoadProblem:
    """One file that was skipped, or loaded with a caveat the user should see."""

    path: Path
    message: str
    skipped: bool  # True: the file was not loaded at all
    kind: str = "other"  # a short machine-readable tag, see ProblemKind
    article_id: str | None = None

    def __str__(self) -> str:
        verdict = "skipped" if self.skipped else "loaded"
        return f"{self.article_id or self.path}: {self.message} ({verdict})"


class ProblemKind:
    """The values of LoadProblem.kind."""

    BINARY = "binary"
    ENCODING = "encoding"
    EMPTY = "empty"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"
    SYMLINK_LOOP = "symlink-loop"
    BROKEN_LINK = "broken-link"
    NOT_A_FILE = "not-a-file"
    FILE_NAME = "file-name"  # loaded, but its name is not valid UTF-8


class ArticleError(CorpusError):
    """One article file cannot be loaded; `problem` says why."""

    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(f"{problem.path}: {problem.message}")
        self.problem = problem
