"""Run the installed `reader` command (or `python -m reader`) in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def reader_command() -> list[str]:
    """The installed console script: on PATH, else beside this Python, else `-m reader`."""
    found = shutil.which("reader") or shutil.which("reader", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "reader"]


def run_reader(
    *args: str, cwd: Path = ROOT, module: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader"] if module else reader_command()
    full_env = {key: value for key, value in os.environ.items() if key != "READER_DB"}
    full_env.update({"COLUMNS": "120", "READER_CACHE_DIR": "off", **(env or {})})
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=60,
        check=False,
    )
