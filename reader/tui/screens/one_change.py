"""Drawing one known change to the open article's annotations row by row.

A mixin under NoteWrites (AnnotatingScreen supplies `article`, `placed`,
`_placed_on`, `_view`, `writable`, `dark`, `_unchecked` and
`refresh_triage_notes`). When the change is known (a note created, edited or
deleted by this screen, or the one change an undo/redo made), its note is
placed alone and put where a full placement would put it
(drafts.placed_with), the reading view rebuilds the highlights of its lines
only, the notes panel takes out / puts in its one row, and the article's
sidebar row and triage note are made from the notes drawn, without asking the
store. The store is asked afterwards whether it holds exactly what was drawn
(`AnnotationStore.holds`: identity of the objects); anything else (another
instance's change merged, a failed write) is redrawn in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.annotations.drafts import PlacedNote, placed_with
from reader.annotations.index import ArticleCounts, counts_of
from reader.annotations.model import AnchorState, Annotation, Kind
from reader.tui.screens.exporting import ExportingScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.notes_panel import NotesPanel


@dataclass(frozen=True)
class Drawn:
    """A change drawn on the screen: the article's annotations as drawn."""

    article_id: str
    annotations: tuple[Annotation, ...]


@dataclass
class Tally:
    """What a change needs to know of all the placed notes, kept from one
    change to the next instead of looking at every note each time: the notes
    by id, how many are orphaned, how many fact-checks are open."""

    notes: list[PlacedNote]  # the list it was made for (`placed` is replaced, not changed)
    by_id: dict[str, PlacedNote]
    orphans: int
    open_checks: int

    @classmethod
    def of(cls, notes: list[PlacedNote]) -> Tally:
        return cls(
            notes,
            {n.annotation.id: n for n in notes},
            sum(1 for n in notes if _orphaned(n)),
            counts_of(n.annotation for n in notes).open_factchecks,
        )

    def swap(self, notes: list[PlacedNote], old: PlacedNote | None, new: PlacedNote | None) -> None:
        """The tally of `notes`: these notes with `old` taken out, `new` put in."""
        for note, step in ((old, -1), (new, 1)):
            if note is not None:
                ann = note.annotation
                if step < 0:
                    del self.by_id[ann.id]
                else:
                    self.by_id[ann.id] = note
                self.orphans += step * _orphaned(note)
                self.open_checks += step * counts_of((ann,)).open_factchecks
        self.notes = notes


def _orphaned(note: PlacedNote) -> bool:
    return note.state is AnchorState.ORPHANED


class OneChange(ExportingScreen):
    """See the module docstring."""

    _tally: Tally | None = None  # of `placed`, once a change was drawn on it

    def _tally_of(self, notes: list[PlacedNote]) -> Tally:
        tally = self._tally
        if tally is None or tally.notes is not notes:
            tally = self._tally = Tally.of(notes)
        return tally

    def draw_change(
        self, before: Annotation | None, after: Annotation | None, select: bool = False
    ) -> Drawn | None:
        """Draw the open article's note `before` becoming `after` (before None:
        created; after None: deleted); `select`: highlight it in the notes
        panel (else the highlight stays as a full redraw keeps it). None, and
        nothing drawn, when the change is not one note of the open article as
        placed now (the caller redraws in full)."""
        article = self.article  # type: ignore[attr-defined]
        changed = after if after is not None else before
        if (
            article is None
            or changed is None
            or self._placed_on != (article.id, article.text_hash)  # type: ignore[attr-defined]
            or any(a is not None and a.article_id != article.id for a in (before, after))
        ):
            return None
        old: list[PlacedNote] = self.placed  # type: ignore[has-type]
        tally = self._tally_of(old)
        notes, removed, added = placed_with(
            old, changed.id, after, article.text, article.text_hash, tally.by_id
        )
        if removed is None and added is None:
            return Drawn(article.id, tuple(n.annotation for n in notes))  # nothing shown changed
        gone = old[removed] if removed is not None else None
        new = notes[added] if added is not None else None
        moved = [n for n in (gone, new) if n is not None]
        tally.swap(notes, gone, new)
        self.placed = notes
        writable = self.writable  # type: ignore[attr-defined]
        self._view().set_notes(notes, writable, changed=moved)  # type: ignore[attr-defined]
        panel = self.query_one("#notes", NotesPanel)
        pick = after.id if select and after is not None else None
        panel.show_change(notes, removed, added, self.dark, writable, pick)  # type: ignore[attr-defined]
        self.title_notes(panel, notes, tally.orphans)
        self.refresh_bindings()
        annotations = tuple(n.annotation for n in notes)
        # the triage note counts the claims no fact-check covers: only a
        # fact-check's change can change it
        checks = any(a is not None and a.kind is Kind.FACTCHECK for a in (before, after))
        counts = ArticleCounts(len(notes), tally.open_checks)
        self.show_counts(article.id, annotations, triage=checks, counts=counts)
        return Drawn(article.id, annotations)

    def show_counts(
        self,
        article_id: str,
        annotations: tuple[Annotation, ...],
        triage: bool = True,
        counts: ArticleCounts | None = None,
    ) -> None:
        """The article's sidebar row and (`triage`) triage note, from `annotations`
        (`counts`: theirs, when the caller knows them)."""
        self._unchecked.pop(article_id, None)  # type: ignore[attr-defined]
        if counts is None:
            counts = counts_of(annotations)
        self.query_one(ArticleList).set_counts(article_id, counts.notes, counts.open_factchecks)
        screen_counts: dict[str, int] = getattr(self, "note_counts", {})
        screen_counts[article_id] = counts.notes  # for rows added later (streaming)
        if triage:
            self.refresh_triage_notes({article_id}, {article_id: annotations})  # type: ignore[attr-defined]

    @staticmethod
    def title_notes(panel: NotesPanel, notes: list[PlacedNote], orphans: int | None = None) -> None:
        """The panel's title: how many notes, how many of them orphaned (`orphans`,
        when the caller knows it)."""
        if orphans is None:
            orphans = sum(1 for n in notes if _orphaned(n))
        title = f"Notes {len(notes)}" if notes else "Notes"
        if orphans:
            title += f" · {orphans} orphaned"
        panel.border_title = title
