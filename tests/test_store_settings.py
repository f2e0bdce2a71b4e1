"""Annotation settings: defaults, the TOML file, and clear errors for bad files."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from reader.annotations.model import DEFAULT_VERDICTS
from reader.annotations.settings import (
    DEFAULT_LABELS,
    Settings,
    SettingsError,
    config_path,
    default_author,
    load_settings,
)


def write(tmp_path: Path, body: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(body, str):
        path.write_text(body, "utf-8")
    else:
        path.write_bytes(body)
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "nope.toml")
    assert settings.labels == DEFAULT_LABELS
    assert settings.verdicts == DEFAULT_VERDICTS
    assert settings.author == default_author()
    assert settings.label_for_key("c") == "claim"
    assert settings.label_for_key("?") is None


def test_default_author_falls_back_to_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", broken)
    assert default_author() == "unknown"
    assert Settings().author == "unknown"
    monkeypatch.setattr(getpass, "getuser", lambda: "jane")
    assert Settings().author == "jane"


def test_values_from_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
author = "  Jane Doe "
verdicts = ["true", "false", "needs context"]
something_else = 1  # read by another part of reader

[labels]
claim = "c"
"source needed" = "s"
"числа" = "ч"
""",
    )
    settings = load_settings(path)
    assert settings.author == "Jane Doe"
    assert settings.verdicts == ("true", "false", "needs context")
    assert settings.labels == (("claim", "c"), ("source needed", "s"), ("числа", "ч"))


def test_partial_file_keeps_other_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'author = "sam"\n'))
    assert settings.author == "sam"
    assert settings.labels == DEFAULT_LABELS


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("author = [", "not valid TOML"),
        (b"author = '\xff'", "not UTF-8"),
        ("author = 3", "author must be a non-empty string"),
        ('author = ""', "author must be a non-empty string"),
        ('author = "a\\u001b[31m"', "control characters"),
        ('labels = ["claim"]', "[labels] must be a table"),
        ('[labels]\nclaim = "cc"', "must be one character"),
        ('[labels]\nclaim = " "', "non-empty string"),
        ('[labels]\nclaim = "c"\nquote = "c"', "both use the key"),
        ("verdicts = []", "non-empty list"),
        ('verdicts = "true"', "non-empty list"),
        ('verdicts = ["true", "true"]', "must not repeat"),
        ("verdicts = [1]", "each verdict"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, body: str | bytes, problem: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(SettingsError) as err:
        load_settings(path)
    assert problem in str(err.value)
    assert str(path) in str(err.value)


def test_unreadable_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="Cannot read"):
        load_settings(tmp_path)  # a folder


def test_config_path_lookup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "x.toml"))
    assert config_path() == tmp_path / "x.toml"
    monkeypatch.delenv("READER_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "reader" / "config.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_path() == tmp_path / ".config" / "reader" / "config.toml"
    (tmp_path / ".config" / "reader").mkdir(parents=True)
    (tmp_path / ".config" / "reader" / "config.toml").write_text('author = "home"', "utf-8")
    assert load_settings().author == "home"
