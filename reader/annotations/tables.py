"""The TinyDB table class for the big tables (annotations, undo history)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tinydb.table import Table

from reader.annotations.serialise import TrackedTable


class StrIdTable(Table):
    """A TinyDB table with string document ids, kept as a `TrackedTable`.

    TinyDB's `_update_table` copies the whole table twice to convert ids to and
    from `document_id_class`; with string ids both copies are identities, so
    this override skips them and keeps the storage's `TrackedTable`, whose
    changed keys let the storage re-serialise only what changed. For that,
    documents are replaced (remove + insert), never updated in place.
    """

    document_id_class = str  # type: ignore[assignment]

    def _update_table(self, updater: Callable[[dict[Any, Any]], None]) -> None:
        tables = self._storage.read()
        table = tables.get(self.name)
        if table is None:
            table = tables[self.name] = TrackedTable()
        updater(table)
        self._storage.write(tables)
        self.clear_cache()

    def update(self, *args: Any, **kwargs: Any) -> list[Any]:
        raise NotImplementedError("replace documents (remove + insert), do not update them")

    update_multiple = update
    upsert = update
