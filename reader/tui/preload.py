"""What the first screen does not need, loaded in the idle time right after it.

The first frame imports only what it draws (the start-up time counts). The
modules of the features a reader reaches next (the note dialog, help, the
command palette, export, the triage views) are imported here, in a thread
worker started 0.12 s after the first frame, so the first `a`, `?`, ctrl+p or
`e` finds them loaded instead of importing them then (bench/tui_first_use.py:
the first note dialog ~50-150 ms less CPU, help ~10-50 ms). The parsed CSS of
their widgets, saved by an earlier run (reader.tui.css_cache's later rules),
is put into the stylesheet's cache at the end, on the interface thread. Their
modules' compiled regexes are kept too, in a file the start does not read
(reader.regex_cache's later patterns).

A key pressed while a module is still loading just waits for that module
(Python's import lock): never longer than importing it itself. The worker
stops between modules once cancelled (the app quits); its failure only means
loading on first use.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reader import regex_cache
from reader.tui import css_cache

if TYPE_CHECKING:
    from textual.dom import DOMNode

# In the order a reader is likely to need them. Nothing here is imported by
# the first screen (tests/test_tui_preload.py checks that in a fresh process).
DEFERRED: tuple[str, ...] = (
    "reader.entities.extract",  # opens (the start: only if not kept, see first_entities)
    "reader.tui.screens.help_screen",  # ?
    "reader.tui.dialogs",  # a, enter, d, e
    "reader.tui.commands",  # ctrl+p
    "reader.tui.triage_commands",
    "reader.tui.claim_help",  # a (claimant suggestions), c
    "reader.export",  # e, once answered
    "reader.tui.triage",  # T, R, Q, C, ctrl+e
)

GROUP = "preload"
# After the frames that complete the first screen (the footer's keys come a
# frame after the article), which a worker running meanwhile slowed (~20 ms:
# it holds the GIL half of the time); ~0.1 s of loading follows, done before
# a reader's first key.
DELAY = 0.12


def load(
    names: Sequence[str] = DEFERRED, should_stop: Callable[[], bool] = lambda: False
) -> list[str]:
    """Import `names` in order, up to the first `should_stop()`; the ones
    imported. A module that fails to import is left for its feature to report
    when it is used (as without the preload)."""
    done: list[str] = []
    for name in names:
        if should_stop():
            break
        try:
            importlib.import_module(name)
        except Exception:  # the feature's own import reports it when used
            continue
        done.append(name)
    return done


def start(node: DOMNode, names: Sequence[str] = DEFERRED, delay: float = DELAY) -> None:
    """In `delay` seconds, load `names`, then the saved CSS of later widgets,
    in a thread worker of `node` (call it once the first frame is drawn).
    The later modules' regexes saved by an earlier run are put in at once
    (~1 ms): the triage worker, which starts now, imports some of them."""
    regex_cache.load_later()
    node.set_timer(delay, lambda: _run(node, names))


def _run(node: DOMNode, names: Sequence[str]) -> None:
    if not node.is_attached:
        return
    app = node.app

    def work() -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        load(names, lambda: worker.is_cancelled)
        # kept for the next run (~60 ms of compiling otherwise), apart from the start's
        regex_cache.remember_patterns(regex_cache.module_patterns())
        rules = css_cache.later_rules()  # unpickled here, off the interface thread
        if rules and not worker.is_cancelled:
            with contextlib.suppress(RuntimeError):  # the app stopped meanwhile
                app.call_from_thread(_add_rules, app, rules)

    # exit_on_error=False: a failed preload only means loading on first use
    node.run_worker(
        work,
        thread=True,
        exclusive=True,
        group=GROUP,
        description="preload",
        exit_on_error=False,
    )


def _add_rules(app: Any, rules: dict[tuple[Any, ...], Any]) -> None:
    if app.is_running:
        css_cache.add_rules(app.stylesheet, rules)
