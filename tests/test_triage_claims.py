"""Check-worthiness scores, reasons, unchecked claims and fact-check pre-fill."""

from pathlib import Path

from reader.annotations.model import Anchor, Annotation, Kind
from reader.entities.model import Entity, Label
from reader.triage.claims import (
    DEFAULT_THRESHOLD,
    Claim,
    check_worthy,
    prefill_factcheck,
    score_claims,
    score_sentence,
    unchecked_claims,
)
from reader.triage.quotes import find_quotes
from reader.triage.sentences import Sentence, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def one(text: str, entities=(), quotes=None) -> Claim:  # type: ignore[no-untyped-def]
    claims = score_claims(text, entities, find_quotes(text) if quotes is None else quotes)
    assert len(claims) == 1
    return claims[0]


def ent(text: str, word: str, label: Label, **kw) -> Entity:  # type: ignore[no-untyped-def]
    start = text.index(word)
    return Entity(start, start + len(word), word, label, **kw)


def test_figures_and_named_source_beat_a_bland_sentence() -> None:
    strong = one("Unemployment fell to 3.4 percent in 2023, the lowest in 50 years, Mr. Diaz said.")
    bland = one("The weather was pleasant and people walked in the park.")
    assert strong.score > bland.score
    assert strong.score >= DEFAULT_THRESHOLD > bland.score
    assert bland.score == 0 and bland.reasons == ()
    assert "2 figures" in strong.reasons
    assert "a date" in strong.reasons
    assert any(r.startswith("a comparison") and "lowest" in r for r in strong.reasons)
    assert "attributed to a named source (Mr. Diaz)" in strong.reasons


def test_each_signal_has_a_reason() -> None:
    cases = {
        "The strike led to a blackout across the region.": "causal wording (led to)",
        "Officials never admitted the error in public statements.": "absolute wording (never)",
        "Exports doubled after the agreement was signed.": "a comparison (doubled)",
    }
    for text, reason in cases.items():
        claim = one(text)
        assert reason in claim.reasons, (text, claim.reasons)
        assert 0 < claim.score < 1


def test_anonymous_source_reason() -> None:
    claim = one("“The offensive is working,” said one U.S. official.")
    assert "a quotation" in claim.reasons
    assert "attributed to an anonymous source (one U.S. official)" in claim.reasons


def test_entities_add_names_and_are_not_double_counted() -> None:
    text = "Acme Corp hired 300 workers, Jane Roe told the board."
    entities = [
        ent(text, "Acme Corp", Label.ORG, key="Acme Corp"),
        ent(text, "300 workers", Label.QUANTITY),
        ent(text, "Jane Roe", Label.PERSON, key="Jane Roe"),
    ]
    claim = one(text, entities)
    assert "a figure" in claim.reasons  # the QUANTITY and the digit are one figure
    assert "names a person" in claim.reasons
    assert "names an organisation" in claim.reasons
    guessed = one(text, [])  # no entities known: capitalised words stand for names
    assert not any(r.startswith("names") for r in guessed.reasons)
    assert "mentions a name" in guessed.reasons  # "Jane Roe"; the opening "Acme" is not guessed


def test_guessed_names_only_without_entities() -> None:
    text = "The report was read by Jane Roe in Paris."
    assert "mentions 2 names" in one(text).reasons
    other = ent(text, "report", Label.ORG)  # an entity elsewhere turns guessing off
    assert not any(r.startswith("mentions") for r in one(text, [other]).reasons)


def test_question_is_damped() -> None:
    statement = one("The army lost 5,000 soldiers in 2022.")
    question = one("Did the army lose 5,000 soldiers in 2022?")
    assert question.score < statement.score
    assert "a question (damped)" in question.reasons


def test_scores_are_bounded_and_offsets_exact() -> None:
    text = (SEEDS / "001_11fb115ab1b30ee7.txt").read_text(encoding="utf-8")
    claims = score_claims(text, quotes=find_quotes(text))
    assert len(claims) == len(split_sentences(text))
    for claim in claims:
        assert 0 <= claim.score <= 1
        assert text[claim.start : claim.end] == claim.text


def test_seed_000_flags_the_false_early_2022_offensive() -> None:
    text = (SEEDS / "000_3dc8ba9f9aacea48.txt").read_text(encoding="utf-8")
    claims = check_worthy(score_claims(text, quotes=find_quotes(text)))
    assert any("in early 2022" in c.text for c in claims)
    assert any("14,000 people" in c.text for c in claims)


def test_body_start_leaves_out_the_title() -> None:
    text = "Deaths Rose 40% in 2020\n\nThe weather was nice."
    assert score_claims(text, start=25)[0].text == "The weather was nice."


def _factcheck(start: int, end: int, text: str, article: str = "a.txt") -> Annotation:
    return Annotation(
        article_id=article, kind=Kind.FACTCHECK, anchor=Anchor.from_text(text, start, end)
    )


def test_unchecked_claims_excludes_overlapping_fact_checks() -> None:
    text = "Deaths rose 40% in 2020, officials said. Exports doubled in 2021 to 3 billion."
    claims = check_worthy(score_claims(text))
    assert len(claims) == 2
    first, second = claims
    covered = _factcheck(first.start + 3, first.start + 10, text)
    note = Annotation(article_id="a.txt", kind=Kind.NOTE, anchor=Anchor.from_text(text, 50, 60))
    other = _factcheck(second.start, second.end, text, article="b.txt")
    assert unchecked_claims(claims, [covered, note]) == [second]
    assert unchecked_claims(claims, [covered, other], article_id="a.txt") == [second]
    assert unchecked_claims(claims, [covered, other]) == []
    assert unchecked_claims(claims, []) == claims
    # A fact-check touching the claim's end only does not cover it.
    touching = _factcheck(first.end, first.end + 1, text)
    assert first in unchecked_claims(claims, [touching])


def test_prefill_uses_quote_speaker_then_attribution_then_nearest_name() -> None:
    text = "“Prices rose 9 percent,” said Mr. Lee. Acme Corp opened 40 new stores last year."
    quotes = find_quotes(text)
    claims = score_claims(text, quotes=quotes)
    assert prefill_factcheck(claims[0], [], quotes) == (claims[0].text, "Mr. Lee")
    entities = [
        ent(text, "Mr. Lee", Label.PERSON, key="Kim Lee"),
        ent(text, "Acme Corp", Label.ORG),
    ]
    assert prefill_factcheck(claims[1], entities, quotes) == (claims[1].text, "Acme Corp")
    assert prefill_factcheck(claims[1], [], quotes)[1] == ""
    reported = score_sentence(Sentence(0, 31, "The ministry said exports fell."))
    assert prefill_factcheck(reported)[1] == "The ministry"


def test_prefill_collapses_whitespace() -> None:
    claim = Claim(0, 10, "Prices\n  rose  sharply.", 0.6, ())
    assert prefill_factcheck(claim)[0] == "Prices rose sharply."


def test_claim_json() -> None:
    claim = one("Exports doubled in 2021.")
    data = claim.to_json()
    assert set(data) == {"start", "end", "text", "score", "reasons"}
    assert data["reasons"] == list(claim.reasons)


def test_day_numbers_in_dates_are_not_figures() -> None:
    text = "The article was published on Sept. 6, 2024, by the outlet."
    claim = one(text)
    assert not any("figure" in r for r in claim.reasons)
    assert "a date" in claim.reasons
    start = text.index("Sept.")
    date = Entity(
        start, start + len("Sept. 6, 2024"), "Sept. 6, 2024", Label.DATE, value="2024-09-06"
    )
    assert not any("figure" in r for r in one(text, [date]).reasons)
    assert "a figure" in one("Talks began on Sept. 6 with 40 delegates.").reasons
