"""The reading app. Tiny on purpose: the work is in screens and widgets."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from reader.corpus.loader import Corpus
from reader.tui.commands import ReaderCommands
from reader.tui.screens.help_screen import HelpScreen
from reader.tui.screens.main_screen import Extractor, MainScreen


def _default_extractor() -> Extractor:
    from reader.entities import entities_for

    return entities_for


class ReaderApp(App[None]):
    """`reader`: a folder of articles, one open at a time, entities highlighted."""

    HELP_AREA = "Anywhere"

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="reader.quit"),
        Binding("question_mark", "help", "Help", id="reader.help"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        db_path: Path | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.db_path = db_path
        self.extractor = extractor or _default_extractor()

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.corpus.articles, self.extractor))
        for problem in self.corpus.problems:
            self.notify(f"{problem.path.name}: {problem.message}", severity="warning", markup=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
