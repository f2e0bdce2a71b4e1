"""DATE spans and their normalised values, absolute and relative to a publication date."""

from __future__ import annotations

import pytest

from reader.entities import Label, extract_entities


def dates(text: str, published: str | None = None) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in extract_entities(text, published) if e.label == Label.DATE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was published on Sept. 6, 2024, by them.", ("Sept. 6, 2024", "2024-09-06")),
        ("Russia invaded in February 2022 and stayed.", ("February 2022", "2022-02")),
        ("It annexed the peninsula in March 2014.", ("March 2014", "2014-03")),
        ("The offensive began in early 2022, they said.", ("early 2022", "2022")),
        ("It was annexed in 2014.", ("2014", "2014")),
        ("On 12 March 2023 the vote took place.", ("12 March 2023", "2023-03-12")),
        ("The file is dated 2021-11-30 in the archive.", ("2021-11-30", "2021-11-30")),
        ("Results for the third quarter of 2023 were weak.", ("the third quarter of 2023", "2023")),
        ("Sales in fiscal 2025 should grow.", ("fiscal 2025", "2025")),
    ],
)
def test_absolute_dates_need_no_publication_date(text: str, expected: tuple[str, str]) -> None:
    assert dates(text) == [expected]


# 2023-05-11 is a Thursday.
PUB = "2023-05-11"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She testified last week about it.", ("last week", "2023-05-01")),
        ("He traveled across Europe this week.", ("this week", "2023-05-08")),
        ("They will meet next week in Geneva.", ("next week", "2023-05-15")),
        ("Mr. Blinken said on Tuesday that it was over.", ("Tuesday", "2023-05-09")),
        ("The report came out on Monday.", ("Monday", "2023-05-08")),
        ("They spoke last month by phone.", ("last month", "2023-04")),
        ("A deal could come by the end of the year.", ("the end of the year", "2023")),
        ("Elections are due next year.", ("next year", "2024")),
        ("Mediation began in February.", ("February", "2023-02")),
        ("Talks collapsed in October.", ("October", "2022-10")),
        ("It happened yesterday.", ("yesterday", "2023-05-10")),
        ("It began two years ago.", ("two years ago", "2021")),
        ("Setbacks may follow this summer.", ("this summer", "2023")),
    ],
)
def test_relative_dates_resolve_against_publication(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert dates(text, PUB) == [expected]


def test_seasons_and_months_in_an_article_of_september_2024() -> None:
    text = (
        "But this past summer he warmed to talks. After a summit in June, and the "
        "invasion of Kharkiv Oblast last spring, things moved."
    )
    assert dates(text, "2024-09-06") == [
        ("this past summer", "2024"),
        ("June", "2024-06"),
        ("last spring", "2024"),
    ]


def test_relative_dates_without_publication_have_no_value() -> None:
    text = "Last week, on Tuesday, they met; this year and next month matter, and in June."
    got = dates(text)
    assert [t for t, _ in got] == ["Last week", "Tuesday", "this year", "next month", "June"]
    assert all(v is None for _, v in got)


def test_imprecise_relative_phrases_have_no_value() -> None:
    text = "Over the next few months, and in the past several months. A few months ago, too."
    assert dates(text, PUB) == [
        ("the next few months", None),
        ("the past several months", None),
        ("A few months ago", None),
    ]


def test_prepositions_are_outside_and_durations_are_quantities() -> None:
    text = "Since 2014, and over the last 14 months, they met on Monday."
    ents = [(str(e.label), e.text) for e in extract_entities(text, PUB)]
    assert ents == [("DATE", "2014"), ("QUANTITY", "14 months"), ("DATE", "Monday")]


def test_may_the_verb_is_not_a_date() -> None:
    assert dates("He may still believe it. Talks resumed in May.", PUB) == [("May", "2023-05")]


def test_bad_publication_date_is_ignored() -> None:
    assert dates("They met last week.", "not a date") == [("last week", None)]
    assert dates("They met last week.", "") == [("last week", None)]


def test_impossible_calendar_dates_get_no_value() -> None:
    assert dates("It was due on February 30, 2023, they said.") == [("February 30, 2023", None)]


def test_holidays_are_dates_without_values() -> None:
    text = "Sales rose over Christmas and during Ramadan, and on Election Day."
    assert dates(text, PUB) == [("Christmas", None), ("Ramadan", None), ("Election Day", None)]


def test_future_cue_picks_the_coming_day() -> None:
    # 2024-07-09 is a Tuesday
    assert dates("Results are expected to come out on July 25.", "2024-07-09") == [
        ("July 25", "2024-07-25")
    ]
    assert dates("The talks will resume on Friday.", "2024-07-09") == [("Friday", "2024-07-12")]
    assert dates("The talks resumed on Friday.", "2024-07-09") == [("Friday", "2024-07-05")]


def test_abbreviated_month_without_period_and_times_are_not_quantities() -> None:
    text = '"We will win," said Haddad on Sep 6, 2024 at 9:30 a.m. and 9/6/2024.'
    got = [(str(e.label), e.text, e.value) for e in extract_entities(text)]
    assert got == [("PERSON", "Haddad", None), ("DATE", "Sep 6, 2024", "2024-09-06")]


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_relative_dates_at_the_edges_of_the_calendar(published: str) -> None:
    text = "It happens next week, last week, tomorrow, yesterday, next month and in December."
    got = dates(text, published)
    assert len(got) == 6  # found, with or without a value, and no crash


def test_day_without_year_takes_the_nearest_year() -> None:
    assert dates("Janus Films releases it on Nov. 15.", "2024-11-14") == [("Nov. 15", "2024-11-15")]
    assert dates("It opened on Dec. 28 to good reviews.", "2025-01-03") == [
        ("Dec. 28", "2024-12-28")
    ]


def test_year_ranges_are_one_date() -> None:
    text = "Growth in 2024-25 beat the 2014-2015 pace; the 1990/91 season; the file 2024-09-06."
    assert dates(text) == [
        ("2024-25", None),
        ("2014-2015", None),
        ("1990/91", None),
        ("2024-09-06", "2024-09-06"),
    ]
