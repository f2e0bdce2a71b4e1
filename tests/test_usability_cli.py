"""The command line as a new user meets it (found by hand: `reader` run
outside the project folder said only "corpus folder not found: seeds")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


@pytest.mark.parametrize("argv", [[], ["list"]])
def test_missing_default_corpus_says_what_to_do(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./seeds here
    assert main([*argv, "--db", str(tmp_path / "db.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("reader: error: corpus folder not found: seeds")
    assert "run reader from the project folder" in err
    assert "reader PATH" in err


def test_a_missing_folder_that_was_named_gets_no_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing"
    assert main(["list", str(missing), "--db", str(tmp_path / "db.json")]) == 2
    err = capsys.readouterr().err
    assert err == f"reader: error: corpus folder not found: {missing}\n"
