"""Check-worthiness: score each sentence by what a fact-checker would verify.

The score (0..1) is a capped sum of weighted signals, each reported as a
human-readable reason: figures, dates, comparisons, quotations and who they
are attributed to, named people and organisations, causal and absolute
wording. Questions and heavily hedged sentences are damped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.annotations.model import Annotation, Kind
from reader.entities.model import Entity, Label
from reader.triage.attribution import Attribution, find_attributions
from reader.triage.quotes import Quote
from reader.triage.sentences import Sentence, split_sentences

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    """A scored sentence: `text == article_text[start:end]`. Slots: the app
    keeps the check-worthy claims of every article (~80,000 on 10,000)."""

    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "reasons": list(self.reasons),
        }


_NUMBER_WORDS = (
    r"hundreds|thousands|millions|billions|trillions|dozens|hundred|thousand|million|"
    r"billion|trillion|dozen|half|twice|percent|per cent"
)
_FIGURE = re.compile(
    rf"(?<![\w.])[$€£]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:%|percent|per cent|{_NUMBER_WORDS}))?"
    rf"|\b(?:{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|(?:1[89]|20)\d\d|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:last|next|this)\s+(?:week|month|year|spring|summer|autumn|fall|winter)|"
    r"yesterday|today|tomorrow)\b"
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse)\s+than\b|"
    r"\bthe\s+(?:most|least)\s+\w+|"
    r"\b(?:doubled|tripled|quadrupled|halved|increased|decreased|rose|fell|grew|dropped|"
    r"surged|plunged|soared|record|times\s+as)\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(r"\b[a-z]{2,}est\b")
_NOT_SUPERLATIVE = frozenset(
    str.split(
        "interest honest modest forest harvest arrest contest digest invest manifest earnest "
        "guest chest quest nest priest conquest southwest northwest midwest attest suggest "
        "request protest test rest west pest vest zest crest unrest behest bequest detest "
        "infest ingest divest molest wrest"
    )
)
_CAUSAL = re.compile(
    r"\b(?:because|led\s+to|lead\s+to|leads\s+to|resulted\s+in|results\s+in|result\s+in|"
    r"caused|causes|due\s+to|as\s+a\s+result|therefore|thanks\s+to|blamed|"
    r"responsible\s+for|consequently)\b",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(
    r"\b(?:always|never|all|every|everyone|everything|none|nobody|no\s+one|nothing|"
    r"entirely|completely|only|impossible|unprecedented|absolutely|undeniabl[ey])\b",
    re.IGNORECASE,
)
# Without entities: capitalised words that do not open the sentence stand for names.
_PROPER = re.compile(r"[A-Z][\w’'\-]+(?: (?:of )?[A-Z][\w’'\-]+)*")
_HEDGE = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|should|would|seems?|appears?|likely)\b",
    re.IGNORECASE,
)

_W_FIGURE = 0.3
_W_DATE = 0.25
_W_COMPARISON = 0.2
_W_QUOTE = 0.15
_W_NAMED_SOURCE = 0.25
_W_ANON_SOURCE = 0.2
_W_NAME = 0.1
_W_PLACE = 0.05
_W_CAUSAL = 0.25
_W_ABSOLUTE = 0.15


def _plural(count: int, one: str, many: str | None = None) -> str:
    article = "an" if one[0] in "aeiou" else "a"
    return f"{article} {one}" if count == 1 else f"{count} {many or one + 's'}"


def _figures(text: str, start: int, entities: Sequence[Entity]) -> int:
    """QUANTITY entities, plus numbers they do not cover; numbers inside a
    date ("Sept. 6, 2024", a DATE entity or, without entities, a date pattern)
    are not figures."""
    quantities = [(e.start, e.end) for e in entities if e.label == Label.QUANTITY]
    if entities:
        dates = [(e.start, e.end) for e in entities if e.label == Label.DATE]
    else:
        dates = [(start + m.start(), start + m.end()) for m in _DATE.finditer(text)]
    covered = quantities + dates
    count = len(quantities)
    for match in _FIGURE.finditer(text):
        if _YEAR.match(match.group(0)):
            continue  # a bare year is a date, not a figure
        a, b = start + match.start(), start + match.end()
        if not any(s < b and a < e for s, e in covered):
            count += 1
    return count


def _dates(text: str, entities: Sequence[Entity]) -> int:
    from_entities = sum(1 for e in entities if e.label == Label.DATE)
    return from_entities or len(_DATE.findall(text))


def _sources(
    sentence: Sentence, quotes: Sequence[Quote], attributions: Sequence[Attribution]
) -> tuple[int, list[str], list[str]]:
    """(quotes in the sentence, named speakers, anonymous speakers)."""
    inside = [q for q in quotes if q.start < sentence.end and sentence.start < q.end]
    named: list[str] = []
    anonymous: list[str] = []
    for q in inside:
        if q.speaker:
            (anonymous if q.anonymous else named).append(q.speaker)
    for a in attributions:
        if sentence.start <= a.start < sentence.end and not a.is_pronoun:
            (anonymous if a.anonymous else named).append(a.speaker)
    return len(inside), sorted(set(named)), sorted(set(anonymous))


def score_sentence(
    sentence: Sentence,
    entities: Sequence[Entity] = (),
    quotes: Sequence[Quote] = (),
    attributions: Sequence[Attribution] = (),
    guess_names: bool = False,
) -> Claim:
    """Score one sentence. `entities`, `quotes` and `attributions` may cover the
    whole article; only those inside the sentence count. `guess_names`: no
    entities are known, so capitalised words inside the sentence count as names."""
    text = sentence.text
    inside = [e for e in entities if sentence.start <= e.start and e.end <= sentence.end]
    score = 0.0
    reasons: list[str] = []

    figures = _figures(text, sentence.start, inside)
    if figures:
        score += _W_FIGURE * min(figures, 2)
        reasons.append(_plural(figures, "figure"))
    dates = _dates(text, inside)
    if dates:
        score += _W_DATE
        reasons.append(_plural(dates, "date"))
    comparisons = [m.group(0).lower() for m in _COMPARISON.finditer(text)]
    comparisons += [
        w for w in _SUPERLATIVE.findall(text) if w not in _NOT_SUPERLATIVE and len(w) > 4
    ]
    if comparisons:
        score += _W_COMPARISON
        reasons.append(f"a comparison ({', '.join(dict.fromkeys(comparisons))})")
    n_quotes, named, anonymous = _sources(sentence, quotes, attributions)
    if n_quotes:
        score += _W_QUOTE
        reasons.append(_plural(n_quotes, "quotation"))
    if named:
        score += _W_NAMED_SOURCE
        reasons.append(f"attributed to a named source ({'; '.join(named)})")
    if anonymous:
        score += _W_ANON_SOURCE
        reasons.append(f"attributed to an anonymous source ({'; '.join(anonymous)})")
    people = {e.key or e.text for e in inside if e.label == Label.PERSON}
    orgs = {e.key or e.text for e in inside if e.label == Label.ORG}
    if people:
        score += _W_NAME * min(len(people), 2)
        reasons.append(f"names {_plural(len(people), 'person', 'people')}")
    if orgs:
        score += _W_NAME * min(len(orgs), 2)
        reasons.append(f"names {_plural(len(orgs), 'organisation')}")
    places = {e.key or e.text for e in inside if e.label == Label.PLACE}
    if places:
        score += _W_PLACE * min(len(places), 2)
        reasons.append(f"names {_plural(len(places), 'place')}")
    if guess_names and not inside:
        opening = len(text) - len(text.lstrip("“\"‘'( "))
        names = {m.group(0) for m in _PROPER.finditer(text) if m.start() > opening}
        if names:
            score += _W_NAME * min(len(names), 2)
            reasons.append(f"mentions {_plural(len(names), 'name')}")
    causal = [m.group(0).lower() for m in _CAUSAL.finditer(text)]
    if causal:
        score += _W_CAUSAL
        reasons.append(f"causal wording ({', '.join(dict.fromkeys(causal))})")
    absolute = [m.group(0).lower() for m in _ABSOLUTE.finditer(text)]
    if absolute:
        score += _W_ABSOLUTE
        reasons.append(f"absolute wording ({', '.join(dict.fromkeys(absolute))})")

    if score and text.rstrip("”\"’' ").endswith("?"):
        score *= 0.5
        reasons.append("a question (damped)")
    elif score and len(_HEDGE.findall(text)) >= 2:
        score *= 0.8
        reasons.append("hedged (damped)")
    if score and len(text.split()) < 5:
        score *= 0.6
        reasons.append("very short (damped)")
    return Claim(sentence.start, sentence.end, text, round(min(score, 1.0), 3), tuple(reasons))


def score_claims(
    text: str,
    entities: Sequence[Entity] = (),
    quotes: Sequence[Quote] = (),
    start: int = 0,
) -> list[Claim]:
    """Every sentence of `text[start:]` with its check-worthiness, in order.
    Pass `start=article.body_start` to leave the title line out."""
    attributions = find_attributions(text, start)
    a_starts = [a.start for a in attributions]
    ordered = sorted(entities, key=lambda e: e.start)
    e_starts = [e.start for e in ordered]
    by_start = sorted(quotes, key=lambda q: q.start)
    q_starts = [q.start for q in by_start]
    q_ends = [q.end for q in by_start]  # quotes do not overlap: ends are sorted too
    guess = not ordered
    claims: list[Claim] = []
    for sentence in split_sentences(text, start):
        low, high = sentence.start, sentence.end
        claims.append(
            score_sentence(
                sentence,
                ordered[bisect_left(e_starts, low) : bisect_left(e_starts, high)],
                by_start[bisect_right(q_ends, low) : bisect_left(q_starts, high)],
                attributions[bisect_left(a_starts, low) : bisect_left(a_starts, high)],
                guess,
            )
        )
    return claims


def check_worthy(claims: Iterable[Claim], threshold: float = DEFAULT_THRESHOLD) -> list[Claim]:
    return [c for c in claims if c.score >= threshold]


def unchecked_claims(
    claims: Iterable[Claim],
    annotations: Iterable[Annotation],
    threshold: float = DEFAULT_THRESHOLD,
    article_id: str | None = None,
) -> list[Claim]:
    """Check-worthy claims that no fact-check annotation's span overlaps.
    With `article_id`, annotations of other articles are ignored."""
    spans = [
        (a.anchor.start, a.anchor.end)
        for a in annotations
        if a.kind == Kind.FACTCHECK
        and a.anchor is not None
        and (article_id is None or a.article_id == article_id)
    ]
    return [
        c
        for c in check_worthy(claims, threshold)
        if not any(s < c.end and c.start < e for s, e in spans)
    ]


def prefill_factcheck(
    claim: Claim, entities: Sequence[Entity] = (), quotes: Sequence[Quote] = ()
) -> tuple[str, str]:
    """(claim text, claimant) to pre-fill a fact-check dialog. The claimant is
    the speaker of a quote in the claim (its canonical entity key when known),
    else an attribution in it, else the PERSON/ORG named nearest to it (inside
    first), else ""."""
    claim_text = " ".join(claim.text.split())
    for quote in quotes:
        if quote.start < claim.end and claim.start < quote.end and quote.speaker:
            return claim_text, quote.speaker_key or quote.speaker
    for attribution in find_attributions(claim.text):
        if not attribution.is_pronoun:
            return claim_text, attribution.speaker
    named = [e for e in entities if e.label in (Label.PERSON, Label.ORG)]
    if not named:
        return claim_text, ""

    def distance(e: Entity) -> tuple[int, int]:
        if claim.start <= e.start and e.end <= claim.end:
            return (0, e.start - claim.start)
        return (1, min(abs(e.end - claim.start), abs(e.start - claim.end)))

    best = min(named, key=distance)
    return claim_text, best.key or best.text
