"""TriageState: texts read from the articles on demand, titles, and the
sidebar notes from the check-worthy spans and the duplicate headlines."""

from pathlib import Path

from reader.annotations.model import Anchor, Annotation, Kind
from reader.corpus import load_corpus
from reader.entities import entities_for
from reader.triage.workspace import build_corpus_triage
from reader.tui.article_info import title_of
from reader.tui.triage_state import DUPLICATE_MARK, ArticleTexts, TriageState, worthy_claims

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_state_texts_titles_and_sidebar_notes() -> None:
    articles = list(load_corpus(SEEDS).articles)
    state = TriageState.of(build_corpus_triage(articles, entities_for), articles)
    assert isinstance(state.texts, ArticleTexts) and len(state.texts) == len(articles)
    for article in articles:
        assert state.texts[article.id] == article.text and article.id in state.texts
        assert state.titles[article.id] == title_of(article)
    assert "missing.txt" not in state.texts and state.texts.get("missing.txt") is None
    assert list(state.texts) == [a.id for a in articles]

    first = next(a for a in articles if a.id.startswith("000"))
    claims = worthy_claims(first, entities_for(first))
    assert len(claims) >= 2
    notes = state.sidebar_notes({})
    assert notes[first.id][0] == DUPLICATE_MARK  # 000 shares 001's headline
    assert "unchecked" not in notes[first.id][1]  # claims not known yet
    state.worthy.update({first.id: claims})
    check = Annotation(
        article_id=first.id,
        kind=Kind.FACTCHECK,
        anchor=Anchor.from_text(first.text, claims[0].start, claims[0].end),
    )
    notes = state.sidebar_notes({first.id: [check]}, only=[first.id])
    assert notes[first.id][1].startswith(f"{len(claims) - 1} unchecked")
