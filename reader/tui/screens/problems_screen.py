"""Corpus problems (palette: "Corpus problems"): every file of the folder that
was skipped or loaded with a caveat, which the start-up toast only samples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.corpus.errors import LoadProblem
from reader.corpus.sanitize import display_safe


def problem_lines(problems: Sequence[LoadProblem], root: Path) -> Content:
    """One line per problem: the file (relative to `root`), what happened and
    whether it was skipped. Paths and messages are shown as plain text."""
    parts: list[str | tuple[str, str]] = []
    for problem in problems:
        try:
            where = problem.path.relative_to(root).as_posix()
        except ValueError:
            where = str(problem.path)
        verdict = "skipped" if problem.skipped else "loaded"
        parts += [
            (display_safe(where), "bold"),
            f"  {display_safe(problem.message)} ",
            (f"({verdict})\n", "dim"),
        ]
    return Content.assemble(*parts)


class CorpusProblemsScreen(ModalScreen[None]):
    """A scrolling list of the corpus's problems; escape or q closes it."""

    DEFAULT_CSS = """
    CorpusProblemsScreen { align: center middle; }
    CorpusProblemsScreen > VerticalScroll {
        width: 100; max-width: 100%; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="reader.problems.dismiss"),
    ]

    def __init__(self, problems: Sequence[LoadProblem], root: Path) -> None:
        super().__init__()
        self._problems = list(problems)
        self._root = root

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            count = len(self._problems)
            scroll.border_title = (
                f"{count} file{'s' if count != 1 else ''} not read fully (escape closes)"
            )
            yield Static(problem_lines(self._problems, self._root), id="problems-list")
