"""User settings for annotating: author name, tag labels with shortcut keys, verdicts.

Read from a TOML file: `$READER_CONFIG`, else `$XDG_CONFIG_HOME/reader/config.toml`,
else `~/.config/reader/config.toml`. A missing file means defaults. Example::

    author = "Jane Doe"
    verdicts = ["true", "false", "unproven"]

    [labels]            # tag name = one-key shortcut, in display order
    claim = "c"
    "source needed" = "s"

Unknown top-level keys are ignored (other parts of reader may read them).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.annotations.model import DEFAULT_VERDICTS

CONFIG_ENV_VAR = "READER_CONFIG"

DEFAULT_LABELS: tuple[tuple[str, str], ...] = (
    ("claim", "c"),
    ("statistic", "n"),
    ("quote", "q"),
    ("source needed", "s"),
    ("misleading", "m"),
    ("context", "x"),
)


class SettingsError(Exception):
    """The config file is unusable; the message names the file and the problem."""


def default_author() -> str:
    """The login name, or "unknown" when the system cannot tell."""
    try:
        name = getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry
        return "unknown"
    return name.strip() or "unknown"


@dataclass(frozen=True)
class Settings:
    author: str = field(default_factory=default_author)
    labels: tuple[tuple[str, str], ...] = DEFAULT_LABELS
    verdicts: tuple[str, ...] = DEFAULT_VERDICTS

    def label_for_key(self, key: str) -> str | None:
        return next((name for name, k in self.labels if k == key), None)


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV_VAR)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg else Path.home() / ".config"
    return base / "reader" / "config.toml"


def _text(value: Any, what: str, fail: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{what} must be a non-empty string, not {value!r}")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise fail(f"{what} must not contain control characters: {value!r}")
    return value.strip()


def _labels(raw: Any, fail: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        raise fail('[labels] must be a table of name = "key" lines')
    labels: list[tuple[str, str]] = []
    keys: dict[str, str] = {}
    for name, key in raw.items():
        name = _text(name, "a label name", fail)
        key = _text(key, f"the key for label {name!r}", fail)
        if len(key) != 1 or key.isspace():
            raise fail(f"the key for label {name!r} must be one character, not {key!r}")
        if key in keys:
            raise fail(f"labels {keys[key]!r} and {name!r} both use the key {key!r}")
        keys[key] = name
        labels.append((name, key))
    return tuple(labels)


def _verdicts(raw: Any, fail: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail("verdicts must be a non-empty list of strings")
    verdicts = tuple(_text(v, "each verdict", fail) for v in raw)
    if len(set(verdicts)) != len(verdicts):
        raise fail("verdicts must not repeat")
    return verdicts


def parse_settings(data: dict[str, Any], source: str = "the config") -> Settings:
    def fail(problem: str) -> SettingsError:
        return SettingsError(f"{source}: {problem}; fix the file or remove the setting.")

    settings = Settings()
    changes: dict[str, Any] = {}
    if "author" in data:
        changes["author"] = _text(data["author"], "author", fail)
    if "labels" in data:
        changes["labels"] = _labels(data["labels"], fail)
    if "verdicts" in data:
        changes["verdicts"] = _verdicts(data["verdicts"], fail)
    return Settings(**{**settings.__dict__, **changes})


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path` (default: `config_path()`); defaults if it does not exist."""
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise SettingsError(
            f"Cannot read the config file {path} ({exc.strerror or exc}); "
            f"fix its permissions or point ${CONFIG_ENV_VAR} elsewhere."
        ) from None
    import tomllib  # here: most users have no config file (start-up time)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(
            f"The config file {path} is not UTF-8 text; save it as UTF-8."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"The config file {path} is not valid TOML ({exc}); fix it.") from None
    return parse_settings(data, source=f"The config file {path}")
