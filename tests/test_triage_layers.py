"""The triage core and `reader claims` never import textual."""

import subprocess
import sys

MODULES = [
    "reader.triage.sentences",
    "reader.triage.attribution",
    "reader.triage.quotes",
    "reader.triage.claims",
    "reader.triage.index",
    "reader.triage.timeline",
    "reader.triage.related",
    "reader.triage.duplicates",
    "reader.triage.compare",
    "reader.cli.claims_cmd",
]

PROBE = """
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
print(sorted(m for m in sys.modules if m.startswith("textual")))
"""


def test_triage_imports_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *MODULES], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_probe_fails_when_textual_is_imported() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "textual.widget"], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "blocked" in result.stderr
