"""The parsing rules behind the dialog fields (tags, sources, export paths)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotations.model import Source
from reader.tui.dialogs.export import default_export_path
from reader.tui.dialogs.fields import (
    format_sources,
    is_web_url,
    merge_tags,
    parse_sources,
    parse_tags,
    split_tags,
)


def test_parse_tags_trims_collapses_and_dedupes() -> None:
    assert parse_tags(" war ,  peace   talks,, war,\tUN ") == ("war", "peace talks", "UN")
    assert parse_tags("") == ()
    assert parse_tags(" , ,") == ()


def test_split_and_merge_tags() -> None:
    on, free = split_tags(("ukraine", "misleading", "opinion"), ["misleading", "opinion", "x"])
    assert on == {"misleading", "opinion"} and free == ("ukraine",)
    assert merge_tags(["opinion"], ["ukraine", "opinion"]) == ("opinion", "ukraine")


@pytest.mark.parametrize(
    "url",
    ["https://example.org", "http://a.b/c?d=e#f", "HTTPS://EXAMPLE.ORG/x", "http://[::1]:8080/"],
)
def test_web_urls_accepted(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "example.org",
        "www.example.org/page",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "http:///path-only",
        "https://exa mple.org",
        "https://example.org/\x1b]52;c;AAAA\x07",
        "http://example.org:notaport/",
        "http://[::1/",
    ],
)
def test_non_web_urls_rejected(url: str) -> None:
    assert not is_web_url(url)


def test_parse_sources_lines_notes_and_blank_lines() -> None:
    text = (
        "\n  https://a.example/1   UN   report \n\n"
        "http://b.example/2\nhttps://c.example/3\tfrom AP\n"
    )
    sources, errors = parse_sources(text)
    assert errors == ()
    assert sources == (
        Source("https://a.example/1", "UN report"),
        Source("http://b.example/2", ""),
        Source("https://c.example/3", "from AP"),
    )


def test_parse_sources_reports_each_bad_line_safely() -> None:
    text = "https://ok.example\nexample.org no scheme\n\x1b[31mred\nhttps://ok2.example"
    sources, errors = parse_sources(text)
    assert [s.url for s in sources] == ["https://ok.example", "https://ok2.example"]
    assert len(errors) == 2
    assert errors[0].startswith("line 2:") and "example.org" in errors[0]
    assert errors[1].startswith("line 3:") and "\x1b" not in errors[1] and "\u241b" in errors[1]


def test_parse_sources_error_shortens_huge_lines() -> None:
    _, errors = parse_sources("x" * 100_000)
    assert len(errors) == 1 and len(errors[0]) < 120


_host = st.from_regex(r"[a-z][a-z0-9]{0,10}\.(org|com|net)", fullmatch=True)
_path = st.from_regex(r"(/[A-Za-z0-9_.~-]{0,8}){0,3}", fullmatch=True)
_note = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=30)


@given(
    st.lists(
        st.builds(
            lambda scheme, host, path, note: Source(
                f"{scheme}://{host}{path}", " ".join(note.split())
            ),
            st.sampled_from(["http", "https"]),
            _host,
            _path,
            _note,
        ),
        max_size=6,
    )
)
def test_sources_round_trip(sources: list[Source]) -> None:
    parsed, errors = parse_sources(format_sources(sources))
    assert errors == ()
    assert parsed == tuple(sources)


def test_default_export_paths() -> None:
    day = date(2026, 11, 21)
    data = Path("data")
    assert default_export_path(data, "json", "all", day) == data / "export-all-2026-11-21.json"
    assert (
        default_export_path(data, "claimreview", "article", day)
        == data / "export-claimreview-article-2026-11-21.jsonld"
    )
    assert default_export_path(data, "markdown", "all", day).suffix == ".md"
    assert default_export_path(data, "unknown", "all", day).suffix == ".txt"
