"""The core layers (corpus, entities, annotations, export, triage) never import textual."""

import subprocess
import sys

CORE_MODULES = [
    "reader.corpus",
    "reader.entities",
    "reader.annotations.model",
    "reader.annotations.codec",
    "reader.cli",
]

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


def test_core_imports_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, *CORE_MODULES],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_blocker_really_blocks() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, "textual.app"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "blocked" in result.stderr
