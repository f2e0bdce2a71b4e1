"""The check-worthy claims cache (typed arrays): round trip and bad files."""

from dataclasses import replace
from pathlib import Path

from reader.corpus import load_corpus
from reader.entities import entities_for
from reader.triage.cachefile import read_arrays, write_arrays_atomic
from reader.tui.claims_cache import claims_of, load_claims, save_claims
from reader.tui.triage_state import worthy_claims

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _claims(n: int = 12):  # type: ignore[no-untyped-def]
    articles = list(load_corpus(SEEDS).articles)[:n]
    return articles, {a.id: worthy_claims(a, entities_for(a)) for a in articles}


def test_round_trip_gives_the_same_claims(tmp_path: Path) -> None:
    articles, claims = _claims()
    assert sum(map(len, claims.values())) > 10
    path = tmp_path / "c.bin"
    save_claims(path, "fp", {a.id: (a.text_hash, claims[a.id]) for a in articles})
    cached = load_claims(path, "fp")
    assert len(cached) == len(articles)
    for article in articles:
        assert claims_of(article, cached) == claims[article.id]
    assert len(load_claims(path, "other fingerprint")) == 0
    assert len(load_claims(tmp_path / "missing.bin", "fp")) == 0
    # An edited text: its claims are not reused.
    edited = replace(articles[0], text_hash="0" * 64)
    assert claims_of(edited, cached) is None


def test_numbers_out_of_range_make_the_file_unusable(tmp_path: Path) -> None:
    articles, claims = _claims(4)
    path = tmp_path / "c.bin"
    save_claims(path, "fp", {a.id: (a.text_hash, claims[a.id]) for a in articles})
    header, arrays = read_arrays(path)  # type: ignore[misc]
    arrays[4][0] = len(header["reasons"])  # type: ignore[arg-type]  # no such reason
    write_arrays_atomic(path, header, arrays)
    assert len(load_claims(path, "fp")) == 0
    header["articles"][0][3] = 10**6  # type: ignore[index]  # a slice past the claims
    arrays[4][0] = 0
    write_arrays_atomic(path, header, arrays)
    assert len(load_claims(path, "fp")) == 0
    path.write_bytes(path.read_bytes()[:-3])
    assert len(load_claims(path, "fp")) == 0
