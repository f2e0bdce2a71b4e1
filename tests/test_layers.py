"""The core layers never import textual: every module of corpus, entities,
annotations, export and triage, and the headless CLI, imports with textual blocked."""

import pkgutil
import subprocess
import sys

import reader

CORE_PACKAGES = ("corpus", "entities", "annotations", "export", "triage")
HEADLESS = (
    "reader.cli",
    *(f"reader.cli.{n}_cmd" for n in ("list", "entities", "export", "import", "claims")),
)


def core_modules() -> list[str]:
    names: list[str] = []
    for package in CORE_PACKAGES:
        path = [f"{reader.__path__[0]}/{package}"]
        names.append(f"reader.{package}")
        names += [info.name for info in pkgutil.walk_packages(path, prefix=f"reader.{package}.")]
    return names


BLOCK_TEXTUAL = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is blocked in the core")
        return None
sys.meta_path.insert(0, Blocker())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok")
"""


def _import_blocked(*modules: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, *modules],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_core_module_is_found() -> None:
    modules = core_modules()
    for expected in ("reader.corpus.loader", "reader.annotations.store", "reader.triage.index"):
        assert expected in modules
    assert len(modules) > 40


def test_core_imports_without_textual() -> None:
    result = _import_blocked(*core_modules(), *HEADLESS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_blocker_really_blocks() -> None:
    result = _import_blocked("textual.app")
    assert result.returncode != 0
    assert "blocked" in result.stderr
