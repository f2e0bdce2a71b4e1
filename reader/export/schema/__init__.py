"""The JSON Schema of the native export, shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

NATIVE_SCHEMA_FILE = "reader-export.v1.schema.json"


def native_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every native export satisfies."""
    text = resources.files(__name__).joinpath(NATIVE_SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)
