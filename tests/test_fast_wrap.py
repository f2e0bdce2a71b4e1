"""FastWrappedDocument wraps exactly as Textual's WrappedDocument does."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual._wrap import compute_wrap_offsets
from textual.document._document import Document
from textual.widgets.text_area import WrappedDocument

from reader.tui.fast_wrap import (
    ONE_CELL,
    FastWrappedDocument,
    faster,
    is_plain,
    one_cell_ranges,
    plain_wrap_offsets,
)
from tests.tui_support import SEEDS

TRICKY = [
    "",
    " ",
    "a",
    "word",
    "   leading spaces then words",
    "trailing spaces   ",
    "two  spaces   three    four     five",
    "averyveryverylongwordthatmustbefoldedintorows and then some",
    "short averyveryverylongwordthatmustbefoldedintorowsaverylongone x",
    "x" * 100,
    " " * 50,
    "a " * 60,
    "Kyiv’s “offensive” — in 2022… non\u00a0breaking\u00a0spaces here",
    "café naïve Zürich Łódź Ελλάδα Россия",
    "wide 中文字符 here and there",  # not plain: Textual's own wrap
    "tab\there and\tthere",  # not plain
    "zero\u200bwidth space",  # not plain
    "emoji 👍🏽 and joiner 👨\u200d👩",  # not plain
]


def reference(line: str, width: int) -> list[int]:
    return compute_wrap_offsets(line, width, tab_size=4)


@pytest.mark.parametrize("line", TRICKY)
def test_offsets_equal_textuals_on_tricky_lines(line: str) -> None:
    for width in range(1, 70):
        if is_plain(line):
            assert plain_wrap_offsets(line, width) == reference(line, width), width
        doc = FastWrappedDocument(Document(line), width, 4)
        assert doc._wrap_offsets == [reference(line, width)], width


def test_the_written_out_one_cell_table_is_what_rich_measures() -> None:
    assert one_cell_ranges() == ONE_CELL
    # and every character outside it is not plain (the class is its complement)
    inside = {code for low, high in ONE_CELL for code in range(low, high + 1)}
    for code in range(0x20, 0x2200):
        assert is_plain(chr(code) * 2) == (code in inside), hex(code)


def test_what_is_plain() -> None:
    assert is_plain("Kyiv’s “offensive” — 2022")
    assert is_plain("")
    assert not is_plain("tab\there")
    assert not is_plain("中文")
    assert not is_plain("a\u200bb")
    assert not is_plain("a\x1bb")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab xyz  \u00a0’—é")), max_size=200),
    st.integers(min_value=1, max_value=40),
)
def test_offsets_equal_textuals_on_random_lines(line: str, width: int) -> None:
    assert is_plain(line)
    assert plain_wrap_offsets(line, width) == reference(line, width)


def tables(doc: WrappedDocument) -> tuple[object, ...]:
    return (
        doc._wrap_offsets,
        doc._offset_to_line_info,
        doc._line_index_to_offsets,
        doc._tab_width_cache,
        doc.height,
    )


@pytest.mark.parametrize("width", [0, 1, 7, 40, 79, 200])
def test_documents_equal_textuals_on_the_seeds(width: int) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text += "\n" + "\n".join(TRICKY)
    ours = FastWrappedDocument(Document(text), width, 4)
    theirs = WrappedDocument(Document(text), width, 4)
    assert tables(ours) == tables(theirs)
    assert ours.height == sum(len(o) + 1 for o in ours._wrap_offsets)


def test_rewrap_and_queries_agree() -> None:
    rng = random.Random(3)
    words = ["Kyiv", "a", "the", "offensive", "x" * 30, "“quoted”", "", "  "]
    text = "\n".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(200)
    )
    ours = faster(WrappedDocument(Document(text), 0, 4))
    assert isinstance(ours, FastWrappedDocument)
    theirs = WrappedDocument(Document(text), 0, 4)
    for width in (30, 13, 0, 55):
        ours.wrap(width)
        theirs.wrap(width)
        assert tables(ours) == tables(theirs)
        for y in range(0, theirs.height, 7):
            assert ours.offset_to_location((5, y)) == theirs.offset_to_location((5, y))
