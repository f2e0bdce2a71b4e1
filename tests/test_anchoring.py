"""Re-anchoring annotations after an article changes: examples and hypothesis properties."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.annotations.anchoring import Placement, context_score, place, place_all
from reader.annotations.model import Anchor, AnchorState, Annotation

ARTICLE = (
    "KYIV, Ukraine - The foreign minister said on Tuesday that talks would resume. "
    "Officials in Moscow said the talks would not resume. Inflation was 12 percent "
    "last year, according to the statistics office, and unemployment rose sharply."
)


def anchor_on(text: str, quote: str, occurrence: int = 0, text_hash: str = "h0") -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Anchor.from_text(text, start, start + len(quote), text_hash)


def span(text: str, p: Placement) -> str:
    return text[p.start : p.end]


def test_unchanged_text_is_anchored_in_place() -> None:
    anchor = anchor_on(ARTICLE, "Inflation was 12 percent")
    assert place(anchor, ARTICLE, "h0") == Placement(anchor.start, anchor.end, AnchorState.ANCHORED)
    # Same text under another hash: the quote is still at its offsets.
    assert place(anchor, ARTICLE, "other").state == AnchorState.ANCHORED


def test_text_inserted_before_moves_the_annotation() -> None:
    anchor = anchor_on(ARTICLE, "Inflation was 12 percent")
    edited = "UPDATE: corrected. " + ARTICLE
    found = place(anchor, edited, "h1")
    assert found.state == AnchorState.MOVED
    assert found.start == anchor.start + len("UPDATE: corrected. ")
    assert span(edited, found) == "Inflation was 12 percent"


def test_context_chooses_between_repeated_quotes() -> None:
    second = anchor_on(ARTICLE, "talks would", occurrence=1)
    first = anchor_on(ARTICLE, "talks would", occurrence=0)
    # Make the first occurrence nearer to the second's old offset.
    edited = ARTICLE.replace("KYIV, Ukraine - The foreign minister said on Tuesday that ", "")
    for anchor, ctx in ((second, "said the talks would not"), (first, "talks would resume.")):
        found = place(anchor, edited, "h1")
        assert found.state == AnchorState.MOVED
        window = edited[found.start - 9 : found.end + 9]
        assert ctx in window or ctx in edited[found.start : found.end + 12]


def test_nearest_repeat_wins_when_context_is_equal() -> None:
    text = "x" * 40 + "abcdef" + "x" * 40 + "abcdef" + "x" * 40 + "abcdef" + "x" * 40
    target = text.index("abcdef", 50)
    anchor = Anchor.from_text(text, target, target + 6)
    edited = "yy" + text
    found = place(anchor, edited, "")
    assert (found.start, found.end) == (target + 2, target + 8)


def test_small_edit_inside_a_long_quote_is_found_fuzzily() -> None:
    quote = "Inflation was 12 percent last year, according to the statistics office"
    anchor = anchor_on(ARTICLE, quote)
    edited = ARTICLE.replace("12 percent", "12.4 per cent").replace("office", "agency")
    found = place(anchor, edited, "h1")
    assert found.state == AnchorState.MOVED
    got = span(edited, found)
    assert got.startswith("Inflation was 12.4")
    assert abs(len(got) - len(quote)) <= 8


def test_edited_quote_moved_far_away_is_still_found() -> None:
    filler = "Background paragraph without the claim. " * 120  # ~5,000 characters
    quote = "the ministry reported a deficit of 4.2 billion hryvnias in March"
    text = quote + ". " + filler
    anchor = Anchor.from_text(text, 0, len(quote))
    edited = filler + "Later: the ministry reported a deficit of 4.3 billion hryvnias in March."
    found = place(anchor, edited, "h1")
    assert found.state == AnchorState.MOVED
    assert span(edited, found).startswith("the ministry reported a deficit of 4.3")


def test_short_quote_needs_an_exact_match() -> None:
    anchor = anchor_on(ARTICLE, "KYI")
    edited = ARTICLE.replace("KYIV", "KIEV")
    found = place(anchor, edited, "h1")
    assert found.state == AnchorState.ORPHANED


def test_removed_quote_is_orphaned_with_clamped_offsets() -> None:
    anchor = anchor_on(ARTICLE, "unemployment rose sharply")
    edited = ARTICLE[: anchor.start - 10]
    found = place(anchor, edited, "h1")
    assert found.state == AnchorState.ORPHANED
    assert 0 <= found.start <= found.end <= len(edited)
    assert place(anchor, "", "h2") == Placement(0, 0, AnchorState.ORPHANED)


def test_rewritten_passage_is_orphaned_not_misplaced() -> None:
    anchor = anchor_on(ARTICLE, "Officials in Moscow said the talks would not resume.")
    edited = ARTICLE.replace(
        "Officials in Moscow said the talks would not resume.",
        "A spokesman for the Kremlin declined to comment on any of it.",
    )
    assert place(anchor, edited, "h1").state == AnchorState.ORPHANED


def test_zero_length_anchor_follows_its_context() -> None:
    at = ARTICLE.index("Inflation")
    caret = Anchor.from_text(ARTICLE, at, at)
    assert place(caret, ARTICLE, "").state == AnchorState.ANCHORED
    moved = place(caret, "New lede. " + ARTICLE, "")
    assert (moved.start, moved.state) == (at + 10, AnchorState.MOVED)


def test_context_score_counts_agreeing_characters() -> None:
    anchor = anchor_on(ARTICLE, "Inflation")
    assert context_score(anchor, ARTICLE, anchor.start, anchor.end) == len(anchor.prefix) + len(
        anchor.suffix
    )
    assert context_score(anchor, ARTICLE, 0, 4) < 5


def test_place_all_skips_article_level_notes() -> None:
    anchored = Annotation("a", anchor=anchor_on(ARTICLE, "Inflation"))
    whole = Annotation("a", note="about the whole piece")
    result = place_all([anchored, whole], ARTICLE, "h0")
    assert set(result) == {anchored.id}


def test_unicode_offsets_are_characters() -> None:
    text = "Zelensky 🇺🇦 said «peace» is near — e\u0301 combining"
    anchor = anchor_on(text, "«peace»")
    found = place(anchor, "👋 " + text, "")
    assert span("👋 " + text, found) == "«peace»"


# ---------------------------------------------------------------- properties

ALPHABET = "abcdefghijklmnop ,.\n"
texts = st.text(alphabet=ALPHABET, min_size=30, max_size=400)
inserts = st.text(alphabet=ALPHABET + "XYZ", min_size=1, max_size=60)


@st.composite
def quoted(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(texts)
    length = draw(st.integers(8, min(40, len(text))))
    start = draw(st.integers(0, len(text) - length))
    return text, start, start + length


@st.composite
def edit_outside(draw: st.DrawFn, text: str, start: int, end: int) -> tuple[str, int]:
    """An insertion or deletion that leaves [start, end) intact: (new text, shift)."""
    before = draw(st.booleans())
    if draw(st.booleans()):  # insertion
        pos = draw(st.integers(0, start) if before else st.integers(end, len(text)))
        new = draw(inserts)
        return text[:pos] + new + text[pos:], (len(new) if before else 0)
    lo, hi = (0, start) if before else (end, len(text))
    a = draw(st.integers(lo, hi))
    b = draw(st.integers(a, hi))
    return text[:a] + text[b:], (-(b - a) if before else 0)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), case=quoted())
def test_surviving_unique_quote_is_reanchored_exactly(
    data: st.DataObject, case: tuple[str, int, int]
) -> None:
    text, start, end = case
    anchor = Anchor.from_text(text, start, end, "old")
    edited, shift = data.draw(edit_outside(text, start, end))
    # Several edits, some right next to the quote (they change its context).
    edited2, shift2 = data.draw(edit_outside(edited, start + shift, end + shift))
    quote = text[start:end]
    first = edited2.find(quote)
    assume(first != -1 and edited2.find(quote, first + 1) == -1)  # unique, overlaps too
    found = place(anchor, edited2, "new")
    assert (found.start, found.end) == (start + shift + shift2, end + shift + shift2)
    expected = AnchorState.ANCHORED if shift + shift2 == 0 else AnchorState.MOVED
    assert found.state == expected


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=300),
    start=st.integers(-50, 400),
    length=st.integers(-5, 80),
    exact=st.text(max_size=60),
    prefix=st.text(max_size=32),
    suffix=st.text(max_size=32),
    text_hash=st.sampled_from(["", "h", "x"]),
)
def test_place_never_raises_and_stays_in_bounds(
    text: str, start: int, length: int, exact: str, prefix: str, suffix: str, text_hash: str
) -> None:
    anchor = Anchor(start, start + length, exact, prefix, suffix, "h")
    found = place(anchor, text, text_hash)
    assert isinstance(found, Placement)
    assert 0 <= found.start <= found.end <= len(text)
    if found.state == AnchorState.ANCHORED:
        assert text[found.start : found.end] == exact
    if found.state == AnchorState.MOVED and len(exact) < 5:
        assert text[found.start : found.end] == exact


@settings(max_examples=150, deadline=None)
@given(case=quoted(), garbage=st.text(alphabet="QRSTUVW", min_size=0, max_size=200))
def test_every_annotation_gets_a_placement(case: tuple[str, int, int], garbage: str) -> None:
    text, start, end = case
    anns = [
        Annotation("a", anchor=Anchor.from_text(text, start, end, "old")),
        Annotation("a", anchor=Anchor.from_text(text, 0, min(3, len(text)), "old")),
        Annotation("a", anchor=Anchor.from_text(text, len(text), len(text), "old")),
    ]
    result = place_all(anns, garbage, "new")
    assert set(result) == {a.id for a in anns}
    for placement in result.values():
        assert 0 <= placement.start <= placement.end <= len(garbage)
