"""Candidate mentions and the typed items a capitalised sequence is cut into."""

from __future__ import annotations

from dataclasses import dataclass

from reader.entities.model import Label

# token kinds
NAME, CONN, TITLE, DEMONYM, ORG_GAZ, PLACE_GAZ, COMMON = range(7)


@dataclass
class Cand:
    """A candidate mention. `label` None means: no evidence yet."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    label: Label | None = None
    strong: bool = False
    titled: bool = False
    honorific: bool = False
    sent_init: bool = False
    title_line: bool = False
    key: str | None = None
    why: str = ""
    after_the: bool = False  # follows a capitalised mid-sentence "The": not a person

    def shifted(self, delta: int, text: str | None) -> Cand:
        """A copy moved by `delta` characters (`text`: the document, to refresh `.text`)."""
        start, end = self.start + delta, self.end + delta
        return Cand(
            start,
            end,
            text[start:end] if text is not None else self.text,
            self.tokens,
            self.label,
            self.strong,
            self.titled,
            self.honorific,
            self.sent_init,
            self.title_line,
            self.key,
            self.why,
            self.after_the,
        )


@dataclass
class Item:
    kind: int
    i0: int  # first token index
    i1: int  # last token index (inclusive)
    canon: str | None = None


def strip_conn(run: list[Item]) -> list[Item]:
    i, j = 0, len(run)
    while i < j and run[i].kind == CONN:
        i += 1
    while j > i and run[j - 1].kind == CONN:
        j -= 1
    return run[i:j]
