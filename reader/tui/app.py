"""The reading app. Tiny on purpose: the work is in screens and widgets."""

# ruff: noqa: E402 (the collector is paused before the imports below)
from __future__ import annotations

from reader.tui import gc_tuning

# (almost) no cyclic collection while Textual and the app are imported (released at the
# end of this module) nor until the first frame (ReaderApp): see gc_tuning
gc_tuning.hold()

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from reader import code_cache, regex_cache
from reader.corpus.article import Article
from reader.corpus.loader import Corpus, LoadProblem
from reader.tui import css_cache, ui_state
from reader.tui.entity_work import Extractor
from reader.tui.screens.main_screen import MainScreen
from reader.tui.tones import tone_variables

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

# everything the first screen needs is imported: its regexes (and the methods
# @dataclass wrote) are worth keeping
regex_cache.remember()
code_cache.remember()
gc_tuning.release()


# The palette's providers, loaded when it first opens (Textual calls a
# provider source that is not a class), or by reader.tui.preload before.
def _reader_commands() -> type[Provider]:
    from reader.tui.commands import ReaderCommands

    return ReaderCommands


def _triage_commands() -> type[Provider]:
    from reader.tui.triage_commands import TriageCommands

    return TriageCommands


def _default_extractor() -> Extractor:
    # imported on its first call, after the first frame when the first
    # article's entities were kept by an earlier run (reader.tui.first_entities)
    from reader.tui.lazy_extractor import default_extractor

    return default_extractor()


class ReaderApp(App[None]):
    """`reader`: a folder of articles, one open at a time, entities highlighted.

    Give a loaded `corpus`, or an empty one plus `source` (e.g. `iter_corpus(root)`)
    to show the first articles at once and stream the rest in a worker."""

    HELP_AREA = "Anywhere"

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {_reader_commands, _triage_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="reader.help"),
        Binding("q", "quit", "Quit", id="reader.quit"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        db_path: Path | None = None,
        extractor: Extractor | None = None,
        *,
        source: Iterator[Article | LoadProblem] | None = None,
    ) -> None:
        gc_tuning.hold()  # released after the first frame (MainScreen) or on exit
        super().__init__()
        self._state_path = ui_state.state_path(db_path)
        theme = ui_state.remembered_theme(self._state_path)
        if theme is not None and theme != self.theme and theme in self.available_themes:
            self.theme = theme  # before the CSS is parsed (css_cache is keyed by theme)
        self._start_theme = self.theme
        css_cache.fill(self.stylesheet)  # the rules an earlier run parsed (see css_cache)
        self.corpus = corpus
        self.db_path = db_path
        self.extractor = extractor or _default_extractor()
        self._source = source

    def get_default_screen(self) -> MainScreen:
        # The first screen on the stack (not pushed on mount): it is composed with
        # the app and laid out once for the first frame. A screen pushed on mount
        # got a Resize after its first layout and laid everything out and drew
        # it again (~40 ms of CPU before the first full screen).
        return MainScreen(self.corpus, self.extractor, self._source)

    def on_unmount(self) -> None:
        gc_tuning.release()  # if the first frame never came
        # the theme chosen, saved once at exit (the palette's theme picker
        # changes the theme at each row it previews)
        if self.theme != self._start_theme:
            ui_state.remember_theme(self._state_path, self.theme)

    def action_help(self) -> None:
        from reader.tui.screens.help_screen import HelpScreen  # not needed at start-up

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_css_variables(self) -> dict[str, str]:
        # $reader-warning & co. (see tones.py), recomputed at each theme change
        variables = {**super().get_css_variables(), **tone_variables(self.current_theme.dark)}
        self.theme_variables = variables
        return variables

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Quit" repeats ours, and its "Keys" opens a key panel
        # that is not the app's help (`?`, "Help" in the palette).
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command
