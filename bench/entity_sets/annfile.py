"""Read hand-labelled `.ann` files: article text with `{{LABEL|text|value}}` marks inline.

See `GUIDELINES.md` beside this file for the format and the labelling rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reader.entities.model import Label

OPEN = "{{"
CLOSE = "}}"
SEP = "|"


class AnnError(ValueError):
    """Malformed markup in a `.ann` file or a bad `meta.json`."""


@dataclass(frozen=True, order=True)
class GoldSpan:
    """One hand-labelled mention: `text == doc_text[start:end]`."""

    start: int
    end: int
    label: Label
    text: str
    value: str | None = None


@dataclass(frozen=True)
class GoldDoc:
    """One labelled article of a set."""

    name: str  # file stem, e.g. "003_3746ec981e8ff7bf"
    text: str
    spans: tuple[GoldSpan, ...]
    published: str | None = None  # ISO date from meta.json, if the article states one


def _where(marked: str, pos: int) -> str:
    line = marked.count("\n", 0, pos) + 1
    col = pos - (marked.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


def parse_ann(marked: str) -> tuple[str, list[GoldSpan]]:
    """Strip the marks from `marked`; return the plain text and its spans.

    Raises AnnError on an unknown label, an unclosed or nested mark, a stray
    `}}`, an empty surface text, or a value on a label other than DATE.
    """
    out: list[str] = []
    spans: list[GoldSpan] = []
    plain_len = 0
    pos = 0
    while True:
        opening = marked.find(OPEN, pos)
        stray = marked.find(CLOSE, pos)
        if stray != -1 and (opening == -1 or stray < opening):
            raise AnnError(f"'}}}}' outside a mark at {_where(marked, stray)}")
        if opening == -1:
            out.append(marked[pos:])
            break
        out.append(marked[pos:opening])
        plain_len += opening - pos
        closing = marked.find(CLOSE, opening + 2)
        nested = marked.find(OPEN, opening + 2)
        if closing == -1:
            raise AnnError(f"unclosed mark at {_where(marked, opening)}")
        if nested != -1 and nested < closing:
            raise AnnError(f"nested mark at {_where(marked, nested)}")
        body = marked[opening + 2 : closing]
        if "\n" in body:
            raise AnnError(f"mark spans a line break at {_where(marked, opening)}")
        parts = body.split(SEP)
        if len(parts) not in (2, 3):
            raise AnnError(
                f"mark needs LABEL|text or LABEL|text|value at {_where(marked, opening)}"
            )
        name, surface = parts[0], parts[1]
        try:
            label = Label(name)
        except ValueError:
            raise AnnError(f"unknown label {name!r} at {_where(marked, opening)}") from None
        if not surface:
            raise AnnError(f"empty mark at {_where(marked, opening)}")
        value = parts[2] if len(parts) == 3 else None
        if value is not None and label is not Label.DATE:
            raise AnnError(f"value on a {label} mark at {_where(marked, opening)}")
        if value == "":
            raise AnnError(f"empty value at {_where(marked, opening)}")
        spans.append(GoldSpan(plain_len, plain_len + len(surface), label, surface, value))
        out.append(surface)
        plain_len += len(surface)
        pos = closing + 2
    return "".join(out), spans


def normalise_text(raw: str) -> str:
    """The text as the app reads it: BOM removed, CRLF/CR turned into LF."""
    return raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _load_meta(folder: Path, names: set[str]) -> dict[str, str]:
    path = folder / "meta.json"
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AnnError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise AnnError(f"{path}: expected an object mapping file name to ISO date")
    meta: dict[str, str] = {}
    for key, value in raw.items():
        stem = key.removesuffix(".ann")
        if stem not in names:
            raise AnnError(f"{path}: {key!r} names no .ann file in {folder}")
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            raise AnnError(f"{path}: {key!r} has no ISO date: {value!r}") from None
        meta[stem] = value
    return meta


def load_set(folder: str | Path) -> list[GoldDoc]:
    """Every `*.ann` file of `folder`, sorted by name, with `meta.json` dates."""
    folder = Path(folder)
    files = sorted(folder.glob("*.ann"))
    if not files:
        raise AnnError(f"no .ann files in {folder}")
    meta = _load_meta(folder, {f.stem for f in files})
    docs = []
    for path in files:
        marked = normalise_text(path.read_text(encoding="utf-8"))
        try:
            text, spans = parse_ann(marked)
        except AnnError as exc:
            raise AnnError(f"{path}: {exc}") from None
        docs.append(GoldDoc(path.stem, text, tuple(spans), meta.get(path.stem)))
    return docs
