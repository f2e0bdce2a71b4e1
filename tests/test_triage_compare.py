"""Comparing two articles sentence by sentence."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import load_corpus
from reader.triage.compare import (
    CHANGED_MIN,
    SHARED_MIN,
    RowKind,
    compare_articles,
    compare_texts,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ORIGINAL = (
    "Talks Resume in Geneva\n\n"
    "Negotiators met in Geneva on Monday for a third round of talks. "
    "The meeting lasted six hours. "
    "Both delegations called the atmosphere constructive. "
    "A new round is planned for May."
)
REWRITE = (
    "Talks Resume in Geneva\n\n"
    "Negotiators met in Geneva on Monday for a fourth round of talks. "
    "The meeting lasted six hours. "
    "Observers said little progress was made on the main issues. "
    "A new round is planned for May."
)


def kinds(comparison) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(row.kind) for row in comparison.rows]


def test_rewrite_with_one_changed_one_replaced_sentence() -> None:
    result = compare_texts(ORIGINAL, REWRITE)
    assert kinds(result) == [
        "shared",  # title
        "shared",  # third -> fourth: one word, still near-identical
        "shared",
        "left only",
        "right only",
        "shared",
    ]
    second = result.rows[1]
    assert second.left.text.endswith("third round of talks.")  # type: ignore[union-attr]
    assert second.right.text.endswith("fourth round of talks.")  # type: ignore[union-attr]
    assert 85 <= second.score < 100
    assert result.rows[0].score == 100


def test_changed_band_between_60_and_85() -> None:
    left = "The army lost 300 tanks near the river in the spring offensive."
    right = "The army lost many tanks near the river crossing last spring."
    (row,) = compare_texts(left, right).rows
    assert row.kind == RowKind.CHANGED and 60 <= row.score < 85


def test_identical_and_disjoint_texts() -> None:
    same = compare_texts(ORIGINAL, ORIGINAL)
    assert all(row.kind == RowKind.SHARED and row.score == 100 for row in same.rows)
    assert same.left_shared_fraction == 1.0
    apart = compare_texts("Apples are red. Pears are green.", "Rockets fly high. Boats float.")
    assert kinds(apart) == ["left only", "left only", "right only", "right only"]
    assert apart.left_shared_fraction == 0.0
    assert compare_texts("", "").rows == ()
    assert kinds(compare_texts("", "One sentence.")) == ["right only"]


def test_moved_sentence_points_to_its_counterpart() -> None:
    left = "Alpha happened first. Beta came second. Gamma closed the day."
    right = "Beta came second. Gamma closed the day. Alpha happened first."
    result = compare_texts(left, right)
    one_sided = [r for r in result.rows if r.kind in (RowKind.LEFT_ONLY, RowKind.RIGHT_ONLY)]
    assert len(one_sided) == 2
    for row in one_sided:
        mine = row.left or row.right
        assert row.counterpart is not None and row.counterpart.text == mine.text  # type: ignore[union-attr]
        assert row.score == 100


def test_offsets_point_into_each_text() -> None:
    result = compare_texts(ORIGINAL, REWRITE)
    for row in result.rows:
        if row.left:
            assert ORIGINAL[row.left.start : row.left.end] == row.left.text
        if row.right:
            assert REWRITE[row.right.start : row.right.end] == row.right.text


def test_seed_000_vs_001_share_only_the_headline() -> None:
    by_id = {a.id: a for a in load_corpus(SEEDS).articles}
    left = by_id["000_3dc8ba9f9aacea48.txt"]
    right = by_id["001_11fb115ab1b30ee7.txt"]
    result = compare_articles(left, right)
    assert result.left_id == left.id and result.right_id == right.id
    assert result.rows[0].kind == RowKind.SHARED
    assert result.rows[0].left.text.startswith("Ukraine’s Offensive Could Set Stage")  # type: ignore[union-attr]
    assert result.count(RowKind.SHARED) == 1
    assert result.count(RowKind.LEFT_ONLY) >= 15 and result.count(RowKind.RIGHT_ONLY) >= 50
    # Every sentence of both appears exactly once, in order.
    lefts = [r.left for r in result.rows if r.left]
    rights = [r.right for r in result.rows if r.right]
    assert lefts == sorted(lefts, key=lambda s: s.start) and len(set(lefts)) == len(lefts)
    assert rights == sorted(rights, key=lambda s: s.start)


def test_seed_self_compare_is_all_shared() -> None:
    article = load_corpus(SEEDS).articles[1]
    result = compare_articles(article, article)
    assert {row.kind for row in result.rows} == {RowKind.SHARED}


_SENTENCES = st.sampled_from(
    [
        "The army lost 300 tanks.",
        "The army lost 310 tanks.",
        "Talks resumed in Geneva on Monday.",
        "Talks resumed in Vienna on Friday.",
        "Nobody expected this.",
        "Prices rose sharply in March.",
        "Short.",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCES, max_size=12), st.lists(_SENTENCES, max_size=12))
def test_every_sentence_once_in_order_and_kinds_match_scores(left, right) -> None:  # type: ignore[no-untyped-def]
    left_text, right_text = " ".join(left), " ".join(right)
    result = compare_texts(left_text, right_text)
    lefts = [r.left.text for r in result.rows if r.left]
    rights = [r.right.text for r in result.rows if r.right]
    assert lefts == left and rights == right
    for row in result.rows:
        if row.kind == RowKind.SHARED:
            assert row.score >= SHARED_MIN and row.left and row.right
        elif row.kind == RowKind.CHANGED:
            assert CHANGED_MIN <= row.score < SHARED_MIN and row.left and row.right
        else:
            assert (row.left is None) != (row.right is None)
