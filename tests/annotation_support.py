"""Fixtures and helpers shared by the annotation pilot tests (a pytest plugin,
registered in conftest.py): a copy of the seeds per module, one database
folder per module (so the triage cache kept beside the database is built
once), no user config (`pytestmark = pytest.mark.usefixtures("no_user_config")`),
and a wait for the annotation writes that run in the store thread. A test
module's own fixture of the same name takes precedence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.corpus import load_corpus
from reader.tui.app import ReaderApp
from reader.tui.dialogs import AnnotationDialog
from tests.tui_support import SEEDS, fake_entities, wait_until


@pytest.fixture
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.iterdir():
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every test's database, so the app's triage cache (kept
    beside the database) is built once for the module."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture
def db(data_dir: Path, request: pytest.FixtureRequest) -> Path:
    return data_dir / f"{request.node.name}.json"


def make_app(root: Path, db_path: Path | None) -> ReaderApp:
    return ReaderApp(corpus=load_corpus(root), db_path=db_path, extractor=fake_entities)


async def landed(pilot) -> None:  # type: ignore[no-untyped-def]
    """A pause that also lets queued annotation writes land (they run in a
    thread, see note_writes.py) and the screen redraw."""
    await pilot.pause()
    screens = [s for s in pilot.app.screen_stack if hasattr(s, "writes_pending")]
    await wait_until(pilot, lambda: not any(s.writes_pending for s in screens))
    await pilot.pause()


async def annotate_sentence(pilot) -> None:  # type: ignore[no-untyped-def]
    """From the reading view: down a line, select the sentence there and open
    the note dialog for it (returns once the dialog is the screen)."""
    await pilot.press("j", "s", "a")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, AnnotationDialog))
