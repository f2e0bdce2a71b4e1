"""The README's commands are the ones CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_install_and_test_commands() -> None:
    commands = readme_commands()
    assert len(commands) >= 2
    assert commands[0].rstrip().endswith("reader")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    test_command = readme_commands()[1]
    # CI creates and activates the venv itself; the install + test part must be verbatim.
    tail = test_command.split("&& ", 2)[-1]
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tail in ci_script
