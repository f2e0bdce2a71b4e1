"""Entity extraction: organisations and people told apart by evidence, not by shape."""

from __future__ import annotations

import pytest

from reader.entities import Label, extract_entities


def labels(text: str) -> dict[str, str]:
    """Surface text -> label of every name found (the last mention wins)."""
    out = {}
    for e in extract_entities(text, None):
        assert e.text == text[e.start : e.end]
        out[e.text] = str(e.label)
    return out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Marta Kowalczyk ran procurement at Zorvane before the merger.", "Zorvane"),
        ("Kowalczyk later joined Zorvane as a consultant.", "Zorvane"),
        ("The league fined Zorvane after the match.", "Zorvane"),
        ("Ines Duarte, chief executive of Zorvane, watched from the stands.", "Zorvane"),
        ("The match will be shown by Zorvane on Saturday.", "Zorvane"),
        ("Okafor told the Evening Clarion that he would stay.", "Evening Clarion"),
        ("Quelmor Hodd, which funds two research chairs, declined to comment.", "Quelmor Hodd"),
        ("Quelmor Hodd, the group managed by Haneul Entertainment, won.", "Quelmor Hodd"),
    ],
)
def test_context_makes_an_unknown_name_an_org(text: str, name: str) -> None:
    assert labels(text).get(name) == str(Label.ORG)


def test_short_form_of_an_org_named_in_full_is_an_org() -> None:
    text = (
        "Tran Phu Electronics raised its forecast. Tran Phu shares rose 6% in trading. "
        "Later Tran Phu plans to ship sensors to Kestrel Devices. Kestrel declined to comment."
    )
    found = labels(text)
    assert found["Tran Phu"] == str(Label.ORG)
    assert found["Kestrel"] == str(Label.ORG)


def test_team_and_outlet_short_forms() -> None:
    text = (
        "Portvale beat Harbour Rovers on Sunday, the Sabina Courier reported. "
        "Rovers had led early. The Courier said the crowd was large."
    )
    found = labels(text)
    assert found["Rovers"] == str(Label.ORG)
    assert found["Courier"] == str(Label.ORG)


def test_strong_org_mention_beats_a_said_person_guess() -> None:
    text = (
        "Shamba Shield, a Nairobi-based startup, raised money on Tuesday. "
        "Grace Njeri said Shamba Shield had cut claim times."
    )
    found = labels(text)
    assert found["Shamba Shield"] == str(Label.ORG)
    assert found["Grace Njeri"] == str(Label.PERSON)


def test_unknown_pair_with_common_last_word_is_not_guessed_a_person() -> None:
    found = labels("The firm plans to ship its sensors to Vela Mobile from June.")
    assert found.get("Vela Mobile") != str(Label.PERSON)


def test_plural_common_last_word_makes_a_team_not_a_person() -> None:
    found = labels("Portvale visit Northgate Eagles on Saturday.")
    assert found.get("Northgate Eagles") == str(Label.ORG)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # person evidence still wins: a pronoun, a surname used alone, a given name
        ("Ngozi Okafor said he would resign next year.", "Ngozi Okafor"),
        ("Qadri Soltanov arrived late. Soltanov said the talks failed.", "Qadri Soltanov"),
        ("Guitarist Theo Brandt said the band recorded live.", "Theo Brandt"),
        ("Vice-chancellor Helen Achterberg defended the rise.", "Helen Achterberg"),
    ],
)
def test_people_keep_their_label(text: str, person: str) -> None:
    assert labels(text).get(person) == str(Label.PERSON)


def test_product_after_its_is_no_org() -> None:
    found = labels("Tran Phu Electronics plans to ship its Aurora Zen sensor in June.")
    assert "Aurora Zen" not in found
    assert found["Tran Phu Electronics"] == str(Label.ORG)


def test_appositive_org_takes_the_capitalised_words_opening_the_sentence() -> None:
    text = "Voters queued for hours. Clean Vote Watch, an election monitoring group, counted."
    assert labels(text).get("Clean Vote Watch") == str(Label.ORG)


def test_appositive_firm_beats_a_place_ending() -> None:
    text = "Quanta Hill, a rival chipmaker, reported a quarterly loss."
    assert labels(text).get("Quanta Hill") == str(Label.ORG)


def test_headline_word_grows_to_the_body_name() -> None:
    text = "Portvale Beat Harbour Rovers to Go Top\n\nPortvale beat Harbour Rovers on Sunday."
    ents = [(e.start, e.text, str(e.label)) for e in extract_entities(text)]
    assert (14, "Harbour Rovers", str(Label.ORG)) in ents


def test_lone_name_and_named_firm_are_two_orgs() -> None:
    found = labels("He worked at One Acre Fund. Tala and Apollo Agriculture are rivals.")
    assert found.get("Apollo Agriculture") == str(Label.ORG)
    assert "Tala and Apollo Agriculture" not in found


def test_plural_short_form_used_alone_makes_the_full_name_an_org() -> None:
    text = "Portvale visit Northgate Hornets on Saturday. Hornets striker Yusuf Demir is out."
    assert labels(text).get("Northgate Hornets") == str(Label.ORG)


def test_first_word_alone_as_an_org_makes_the_full_name_an_org() -> None:
    text = (
        "A court ordered Skyline Habitat to pay the buyers. Skyline said it would appeal. "
        "Skyline Habitat's chairman blamed the city."
    )
    assert labels(text).get("Skyline Habitat") == str(Label.ORG)


def test_name_joined_to_an_org_by_and_is_an_org() -> None:
    found = labels("The company had asked Unilever and Tetra Pak for help.")
    assert found.get("Tetra Pak") == str(Label.ORG)


def test_lone_name_and_the_org_are_two() -> None:
    found = labels("Reporters from Lokmat and the Times of India covered the hearing.")
    assert "Lokmat and the Times of India" not in found
    assert found.get("Times of India") == str(Label.ORG)


def test_city_and_court_are_one_org() -> None:
    assert labels("It will appeal to the Bombay High Court.").get("Bombay High Court") == "ORG"


def test_foreign_article_opens_an_org() -> None:
    found = labels("He once worked at a bank. El Financiero reported the deal on Monday.")
    assert found.get("El Financiero") == str(Label.ORG)


def test_given_name_after_its_is_no_person() -> None:
    found = labels("The firm will ship its Stella Nova sensor to carmakers next year.")
    assert found.get("Stella Nova") != str(Label.PERSON)


@pytest.mark.parametrize("name", ["Maya Okonkwo", "Theo Brandt", "Ines Duarte", "Jakub Nowak"])
def test_common_given_names_make_people(name: str) -> None:
    assert labels(f"On Monday {name} went home early.").get(name) == str(Label.PERSON)


def test_kind_noun_before_names_an_org_with_its_the() -> None:
    text = "On Friday local band The Moorland Ghosts played a benefit gig."
    assert labels(text).get("The Moorland Ghosts") == str(Label.ORG)


def test_which_represents_makes_a_common_word_opener_an_org() -> None:
    text = "The council cut jobs. Unison, which represents library staff, objected."
    assert labels(text).get("Unison") == str(Label.ORG)


def test_org_head_of_opening_a_sentence_is_inside() -> None:
    text = "It was saved. Friends of Hebden Library will run it on three days a week."
    assert labels(text).get("Friends of Hebden Library") == str(Label.ORG)


def test_org_cue_does_not_turn_a_known_surname_into_an_org() -> None:
    text = "Wayne Rooney scored twice. Later the league fined Rooney for dissent."
    found = [(e.text, str(e.label)) for e in extract_entities(text)]
    assert ("Rooney", str(Label.PERSON)) in found
    assert ("Rooney", str(Label.ORG)) not in found


def test_name_after_person_of_is_an_affiliation() -> None:
    text = "Critic Farah Nasser of De Standaard called the film tender."
    assert labels(text).get("De Standaard") == str(Label.ORG)


def test_pilots_at_and_which_leases_name_an_airline() -> None:
    text = "Pilots at Skyward Horn walked out. Skyward Horn, which leases its jets, objected."
    assert labels(text).get("Skyward Horn") == str(Label.ORG)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reports say Zorvane was founded in 2019 by two engineers.", "Zorvane"),
        ("On Monday Quelmor laid off 200 workers.", "Quelmor"),
        ("Brightwave Kitchen employs 40 people.", "Brightwave Kitchen"),
    ],
)
def test_org_verbs_after_a_name(text: str, name: str) -> None:
    assert labels(text).get(name) == str(Label.ORG)


def test_the_name_before_a_noun_is_a_modifier_not_an_org() -> None:
    found = labels("Buyers queued for the Nova Prime phone on launch day.")
    assert "Nova Prime" not in found
    found = labels("Officials said the Kestrel Devices reported a loss.")
    assert found.get("Kestrel Devices") == str(Label.ORG)
    found = labels("Analysts said the Orvana Hodd reported a loss.")
    assert found.get("Orvana Hodd") == str(Label.ORG)
