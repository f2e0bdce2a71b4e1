"""The annotation database: one TinyDB file, safe against crashes and a second instance.

Every change is durable when the call returns (see `durable.py` for the atomic
write). Each read-modify-write holds a lock on the sidecar file `PATH.lock` and
first re-reads the database if another process replaced it since we last
looked, so two instances on one file merge their work instead of overwriting
it. Reads also pick up the other instance's changes (a cheap `stat` decides).

The file (TinyDB's layout: tables of documents keyed by id)::

    {"_meta":       {"1": {"schema": 1, "app": "reader", "history_cursor": 12}},
     "annotations": {"<annotation id>": {...codec.annotation_to_dict...}},
     "history":     {"<seq>": {"action": "edit", "before": {...}, "after": {...}, "at": "..."}}}

Undo/redo walk `history` around the cursor (see `history.py`); an import
(`apply_batch`) is not recorded there.

Threads: every public method is safe to call from any thread. Writes run one at
a time (a writer lock) and wait for the file lock *before* taking the lock on
the in-memory state, so a reader in another thread (the interface) is never
held up by a busy file lock, only for the few milliseconds a write applies its
change and saves it. `take_changed_articles` tells a caller which articles'
annotations changed (by its writes or another instance's) since it last asked.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import filelock
from tinydb import TinyDB
from tinydb.table import Document

from reader.annotations.codec import CodecError, annotation_from_dict, annotation_to_dict
from reader.annotations.durable import remove_stale_temps
from reader.annotations.errors import StoreError
from reader.annotations.history import Action, Change, HistoryLog
from reader.annotations.index import AnnotationIndex, ArticleCounts, articles_changed
from reader.annotations.model import Annotation
from reader.annotations.storage import ANNOTATIONS_TABLE, AtomicJSONStorage
from reader.annotations.tables import StrIdTable

__all__ = ["Action", "AnnotationStore", "ArticleCounts", "Change", "StoreError"]

DEFAULT_LOCK_TIMEOUT = 10.0
T = TypeVar("T")


def _prepare_folder(folder: Path, path: Path) -> None:
    """Create `folder` if needed and prove we can create files in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".{path.name}.probe-{os.getpid()}-{secrets.token_hex(4)}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StoreError(
            f"Cannot write the annotation database {path}: {exc.strerror or exc} in {folder}; "
            "notes cannot be saved there: pass a writable path with --db."
        ) from None


class AnnotationStore:
    """Annotations kept in memory, indexed by id and article, mirrored to one file."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool,
        read_only_reason: str | None,
        lock_timeout: float,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.problems: list[str] = []  # records in the file we could not read (kept as is)
        self._real = Path(os.path.realpath(path))
        self._lock = filelock.FileLock(
            str(self._real) + ".lock", timeout=lock_timeout, thread_local=False
        )
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()  # the in-memory state (readers and writers)
        self._writer = threading.Lock()  # one write at a time (held while waiting for the file)
        self._closed = False
        self._storage = AtomicJSONStorage(self._real, read_only=read_only)
        self._db = TinyDB(storage=lambda: self._storage)
        self._annotations_table = StrIdTable(self._db.storage, ANNOTATIONS_TABLE)
        self._history = HistoryLog(self._storage, path)
        self._index = AnnotationIndex()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> AnnotationStore:
        """Open (or prepare to create) the database at `path`; StoreError if unusable."""
        path = Path(path)
        store = cls(
            path,
            read_only=read_only,
            read_only_reason="opened read-only" if read_only else None,
            lock_timeout=lock_timeout,
        )
        real = store._real
        if real.is_dir():
            raise StoreError(
                f"The annotation database path {path} is a folder; pass a file path with --db."
            )
        if read_only:
            store._storage.load()
        else:
            _prepare_folder(real.parent, path)
            if real.exists() and not os.access(real, os.W_OK):
                raise StoreError(
                    f"The annotation database {path} is read-only: notes cannot be saved "
                    "to it; make it writable, or pass another path with --db."
                )
            with store._locked():
                remove_stale_temps(real)
                store._storage.load()
        store._rebuild_index(reuse=False)
        return store

    # Reading ---------------------------------------------------------------------

    def all(self) -> list[Annotation]:
        with self._mutex:
            self._refresh_for_read()
            return self._index.all()

    def for_article(self, article_id: str) -> list[Annotation]:
        """The article's annotations: article-level notes first, then by position."""
        with self._mutex:
            self._refresh_for_read()
            return self._index.for_article(article_id)

    def get(self, annotation_id: str) -> Annotation | None:
        with self._mutex:
            self._refresh_for_read()
            return self._index.by_id.get(annotation_id)

    def counts_by_article(self) -> dict[str, ArticleCounts]:
        with self._mutex:
            self._refresh_for_read()
            return self._index.counts_by_article()

    def counts_for(self, article_id: str) -> ArticleCounts:
        """The counts of one article (what counts_by_article holds for it)."""
        with self._mutex:
            self._refresh_for_read()
            return self._index.counts_for(article_id)

    def for_articles(self, article_ids: Iterable[str]) -> dict[str, list[Annotation]]:
        """`for_article` of each id that has annotations (one look at the disk)."""
        with self._mutex:
            self._refresh_for_read()
            index = self._index
            return {a: index.for_article(a) for a in article_ids if index.has_article(a)}

    def holds(self, article_id: str, annotations: Iterable[Annotation]) -> bool:
        """Whether the article's annotations are exactly these objects (what a
        screen drew is what is stored: no comparison of their fields)."""
        with self._mutex:
            self._refresh_for_read()
            return self._index.holds(article_id, annotations)

    def refresh(self) -> None:
        """Re-read the file now if another instance replaced it (reads do this too)."""
        with self._mutex:
            self._refresh_for_read()

    def changed_on_disk(self) -> bool:
        """True if another instance replaced the file since we last read it (a stat)."""
        return self._storage.changed_on_disk()

    def take_changed_articles(self) -> set[str]:
        """The ids of the articles whose annotations changed since the last call:
        by this store's writes (including undo/redo and a write that failed and
        was rolled back) or by another instance's, once read. Both articles of
        an annotation that moved between them are included."""
        with self._mutex:
            return self._index.take_touched()

    @property
    def can_undo(self) -> bool:
        with self._mutex:
            self._refresh_for_read()
            return not self.read_only and self._history.can_undo()

    @property
    def can_redo(self) -> bool:
        with self._mutex:
            self._refresh_for_read()
            return not self.read_only and self._history.can_redo()

    # Changing --------------------------------------------------------------------

    def add(self, annotation: Annotation) -> None:
        """Store a new annotation (durable on return); ValueError if its id exists."""
        self._check_type(annotation)

        def change() -> None:
            if annotation.id in self._index.by_id:
                raise ValueError(f"annotation {annotation.id} already exists")
            self._set(annotation.id, annotation)
            self._history.record(Change(Action.CREATE, None, annotation))

        self._write(change)

    def update(self, annotation: Annotation) -> None:
        """Replace the annotation with the same id (re-created if another instance deleted it)."""
        self._check_type(annotation)

        def change() -> None:
            before = self._index.by_id.get(annotation.id)
            if before == annotation:
                return
            self._set(annotation.id, annotation)
            self._history.record(Change(Action.EDIT, before, annotation))

        self._write(change)

    def delete(self, annotation_id: str) -> None:
        """Delete by id; deleting an unknown id does nothing."""

        def change() -> None:
            before = self._index.by_id.get(annotation_id)
            if before is None:
                return
            self._set(annotation_id, None)
            self._history.record(Change(Action.DELETE, before, None))

        self._write(change)

    def apply_batch(self, adds: Sequence[Annotation], updates: Sequence[Annotation]) -> None:
        """Add and replace many annotations in one durable write (imports).

        All or nothing: ValueError (and nothing written) if an added id exists
        already or appears twice. A batch is not recorded in the undo history.
        """
        for ann in (*adds, *updates):
            self._check_type(ann)

        def change() -> None:
            seen: set[str] = set()
            for ann in adds:
                if ann.id in self._index.by_id or ann.id in seen:
                    raise ValueError(f"annotation {ann.id} already exists")
                seen.add(ann.id)
            final = {a.id: a for a in (*adds, *updates)}
            raw = self._storage.data.get(ANNOTATIONS_TABLE, {})
            replaced = [i for i in final if i in raw]
            if replaced:
                self._annotations_table.remove(doc_ids=replaced)
            self._annotations_table.insert_multiple(
                Document(annotation_to_dict(a), doc_id=a.id) for a in final.values()
            )
            for ann in final.values():
                self._index.set(ann.id, ann)

        if adds or updates:
            self._write(change)

    def undo(self) -> Change | None:
        """Revert the last applied change; returns it, or None if there is none."""

        def change() -> Change | None:
            undone = self._history.step_back()
            if undone is not None:
                self._set(undone.annotation_id, undone.before)
            return undone

        return self._write(change)

    def redo(self) -> Change | None:
        """Re-apply the last undone change; returns it, or None if there is none."""

        def change() -> Change | None:
            redone = self._history.step_forward()
            if redone is not None:
                self._set(redone.annotation_id, redone.after)
            return redone

        return self._write(change)

    def close(self) -> None:
        """Nothing is pending (every change is already on disk); later changes fail."""
        with self._mutex:
            self._closed = True
            self._storage.release_file()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Internals ---------------------------------------------------------------------

    @staticmethod
    def _check_type(annotation: object) -> None:
        if not isinstance(annotation, Annotation):
            raise TypeError(f"expected an Annotation, got {type(annotation).__name__}")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreError(
                f"The annotation database {self.path} is busy: another program held its lock "
                f"({self._lock.lock_file}) for over {self._lock_timeout:g} s; close it or retry."
            ) from None
        except OSError as exc:
            raise StoreError(
                f"Cannot lock the annotation database {self.path} "
                f"({exc.strerror or exc}); check the permissions of its folder."
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    def _write(self, change: Callable[[], T]) -> T:
        # Order: writer lock, file lock (may wait up to lock_timeout), then the
        # in-memory state; readers only ever take the last one.
        with self._writer:
            if self._closed:
                raise StoreError(f"The annotation database {self.path} was closed.")
            if self.read_only:
                raise StoreError(
                    f"The annotation database {self.path} is {self.read_only_reason}; "
                    "nothing can be changed."
                )
            with self._locked(), self._mutex:
                if self._storage.changed_on_disk(retry_rejected=True):
                    self._reload()
                self._storage.ensure_meta()
                try:
                    with self._storage.transaction():
                        return change()
                except BaseException:
                    # The storage dropped the unsaved change and re-read the file.
                    self._rebuild_index(reuse=False)
                    raise

    def _refresh_for_read(self) -> None:
        if self._storage.changed_on_disk():
            try:
                self._reload()
            except StoreError as exc:
                # Keep serving what we have; writing will refuse with this message.
                self.problems.append(str(exc))

    def _reload(self) -> None:
        old_raw = self._storage.data.get(ANNOTATIONS_TABLE, {})
        self._storage.load()
        self._rebuild_index(reuse=True, old_raw=old_raw)

    def _rebuild_index(self, *, reuse: bool, old_raw: dict[str, Any] | None = None) -> None:
        """Index the annotations table; with `reuse`, keep objects whose record is unchanged."""
        old = self._index
        index = AnnotationIndex()
        problems: list[str] = []
        for key, doc in self._storage.data.get(ANNOTATIONS_TABLE, {}).items():
            if reuse and old_raw is not None and key in old.by_id and old_raw.get(key) == doc:
                index.set(key, old.by_id[key])
                continue
            try:
                ann = annotation_from_dict(doc)
            except CodecError as exc:
                problems.append(f"record {key!r} skipped (kept in the file): {exc}")
                continue
            if ann.id != key:
                problems.append(f"record {key!r} skipped (kept in the file): its id is {ann.id!r}")
                continue
            index.set(key, ann)
        index.touched = old.touched | articles_changed(old.by_id, index.by_id)
        self._index = index
        self.problems = problems

    def _set(self, annotation_id: str, annotation: Annotation | None) -> None:
        """Make the stored state of `annotation_id` equal `annotation` (None: absent)."""
        raw = self._storage.data.get(ANNOTATIONS_TABLE, {})
        if annotation is None:
            self._annotations_table.remove(doc_ids=[annotation_id])
        else:
            if annotation_id in raw:
                self._annotations_table.remove(doc_ids=[annotation_id])
            doc = annotation_to_dict(annotation)
            self._annotations_table.insert(Document(doc, doc_id=annotation_id))
        self._index.set(annotation_id, annotation)
