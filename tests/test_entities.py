"""Entity extraction: labels and spans on small crafted sentences, names and keys."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.entities import Entity, Label, entities_for, extract_entities

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def found(text: str, published: str | None = None) -> list[tuple[str, str]]:
    ents = extract_entities(text, published)
    for e in ents:
        assert e.text == text[e.start : e.end]
    return [(str(e.label), e.text) for e in ents]


def of_label(text: str, label: Label, published: str | None = None) -> list[str]:
    return [t for lab, t in found(text, published) if lab == str(label)]


# ---- PERSON ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("President Vladimir V. Putin of Russia spoke.", "Vladimir V. Putin"),
        ("Secretary of State Antony J. Blinken met them.", "Antony J. Blinken"),
        ("Foreign Minister Qin Gang has been traveling.", "Qin Gang"),
        ("NATO Secretary-General Jens Stoltenberg said so.", "Jens Stoltenberg"),
        ("The paper was written by Dr. Ada Osei of Accra.", "Ada Osei"),
        ("Former Israeli Prime Minister Naftali Bennett recently spoke.", "Naftali Bennett"),
        ("Gen. Mark A. Milley, the chairman, disagreed.", "Mark A. Milley"),
        ("Chief Executive Officer N. Chandrasekaran told reporters.", "N. Chandrasekaran"),
    ],
)
def test_titles_are_outside_person_spans(text: str, person: str) -> None:
    assert of_label(text, Label.PERSON) == [person]


def test_person_evidence_without_titles() -> None:
    text = (
        "Sipho Ndlovu, the mayor of the town, disagreed. "
        "The ruling was criticised by economist Farida Haddad. "
        "Wang Yi, China’s top diplomat, was there."
    )
    assert of_label(text, Label.PERSON) == ["Sipho Ndlovu", "Farida Haddad", "Wang Yi"]


def test_full_name_then_short_mentions_share_a_key() -> None:
    text = (
        "Secretary of State Antony J. Blinken arrived in Vienna on Monday. "
        "Mr. Blinken met reporters. Later, Blinken said talks would continue, "
        "and Antony Blinken left."
    )
    people = [e for e in extract_entities(text) if e.label == Label.PERSON]
    assert [p.text for p in people] == ["Antony J. Blinken", "Blinken", "Blinken", "Antony Blinken"]
    assert {p.key for p in people} == {"Antony J. Blinken"}


def test_surname_only_mention_is_a_person_even_sentence_initial() -> None:
    text = "Rep. Mike Rogers (R-AL) spoke first. Rogers suggested a deal."
    people = [(e.text, e.key) for e in extract_entities(text) if e.label == Label.PERSON]
    assert people == [("Mike Rogers", "Mike Rogers"), ("Rogers", "Mike Rogers")]


def test_family_name_first_short_mention() -> None:
    text = "Xi Jinping, China’s leader, visited Moscow. Mr. Xi spoke for an hour."
    people = [(e.text, e.key) for e in extract_entities(text) if e.label == Label.PERSON]
    assert people == [("Xi Jinping", "Xi Jinping"), ("Xi", "Xi Jinping")]


def test_distinct_people_keep_distinct_keys() -> None:
    text = "Ana Torres met Luis Gómez in Lima. Ms. Torres and Mr. Gómez agreed."
    keys = [e.key for e in extract_entities(text) if e.label == Label.PERSON]
    assert keys == ["Ana Torres", "Luis Gómez", "Ana Torres", "Luis Gómez"]


# ---- ORG ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Shares of Siemens AG fell on the news.", "Siemens AG"),
        ("Tata Motors Ltd reported a profit.", "Tata Motors Ltd"),
        (
            "She leads the Center for European Policy Analysis in town.",
            "Center for European Policy Analysis",
        ),
        ("He is the news editor of Antiwar.com and writes daily.", "Antiwar.com"),
        ("It was republished by the Kyiv Independent with permission.", "Kyiv Independent"),
        ("Talks were held at the University of Cape Town last week.", "University of Cape Town"),
        ("The Russian Black Sea Fleet is based there.", "Black Sea Fleet"),
        ("Officials in the Biden administration objected.", "Biden administration"),
    ],
)
def test_orgs(text: str, org: str) -> None:
    assert org in of_label(text, Label.ORG)


def test_sentence_initial_the_is_outside_and_short_form_follows() -> None:
    text = "The Washington Post reported on it. The Post report said more."
    assert of_label(text, Label.ORG) == ["Washington Post", "Post"]
    keys = {e.key for e in extract_entities(text) if e.label == Label.ORG}
    assert len(keys) == 1


def test_mid_sentence_capitalised_the_is_inside() -> None:
    assert of_label("It was reported by The Washington Post yesterday.", Label.ORG) == [
        "The Washington Post"
    ]


def test_org_and_org_are_two_entities() -> None:
    text = "It was funded by the National Research Foundation and the Wellcome Trust."
    assert of_label(text, Label.ORG) == ["National Research Foundation", "Wellcome Trust"]


# ---- PLACE ----------------------------------------------------------------------------


def test_places_and_designators() -> None:
    text = (
        "Troops entered Kursk Oblast and later the Kursk province; fighting near the "
        "eastern Donetsk city of Bakhmut spread. Talks in Nairobi and Brussels followed."
    )
    assert of_label(text, Label.PLACE) == [
        "Kursk Oblast",
        "Kursk",
        "Donetsk",
        "Bakhmut",
        "Nairobi",
        "Brussels",
    ]


def test_us_forms_are_places_also_as_modifiers() -> None:
    text = "U.S. officials and US diplomats met in the United States."
    assert of_label(text, Label.PLACE) == ["U.S.", "US", "United States"]
    keys = {e.key for e in extract_entities(text) if e.label == Label.PLACE}
    assert keys == {"United States"}


def test_place_learned_from_context_is_reused() -> None:
    text = "Fighting reached the town of Vuhledar. Later, defending Vuhledar became costly."
    assert of_label(text, Label.PLACE) == ["Vuhledar", "Vuhledar"]


def test_given_name_that_is_also_a_place() -> None:
    assert of_label("Florence Pugh starred in it.", Label.PERSON) == ["Florence Pugh"]
    assert of_label("They flew to Florence for the summit.", Label.PLACE) == ["Florence"]


# ---- not entities -----------------------------------------------------------------------


def test_nationalities_and_blocs_are_not_entities() -> None:
    text = (
        "Russian forces and Ukrainian officials met European diplomats. "
        "The Russians, the Chinese and Western allies disagreed, as did the West and "
        "the Global South. Republicans and a Democrat objected."
    )
    assert found(text) == []


def test_sentence_initial_common_words_are_not_entities() -> None:
    text = (
        "However, the plan failed. Despite that, Opinions differ. Neutrality means little. "
        "Experts suggest caution. Territorial concessions would follow."
    )
    assert found(text) == []


def test_products_and_quoted_titles_are_not_people() -> None:
    text = 'They sent Abrams tanks. The drama "Mami Wata," won a prize.'
    assert of_label(text, Label.PERSON) == []


def test_title_case_headline_keeps_only_names() -> None:
    text = (
        "Ukraine’s Offensive Could Set Stage for Diplomacy With Russia, U.S. Officials Say\n\n"
        "The offensive is a stage for diplomacy, officials say, and could set terms."
    )
    assert found(text) == [("PLACE", "Ukraine"), ("PLACE", "Russia"), ("PLACE", "U.S.")]


# ---- QUANTITY ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("It will cost $1.5 billion over time.", "$1.5 billion"),
        ("The fund holds €20 million in cash.", "€20 million"),
        ("Prices rose 15 percent on the year.", "15 percent"),
        ("Output rose 3.2% on the month.", "3.2%"),
        ("They occupied more than 400 square miles of land.", "400 square miles"),
        ("That is over 1,000 square kilometers of land.", "1,000 square kilometers"),
        ("The war killed over 14,000 people.", "14,000"),
        ("Russia massed tens of thousands of troops.", "tens of thousands"),
        ("Russia seized hundreds of square miles.", "hundreds of square miles"),
        ("After more than a year of war, talks began.", "a year"),
        ("It lasted two and a half years in all.", "two and a half years"),
        ("They held a two-day meeting in June.", "two-day"),
        ("Along the 600-mile front line, little moved.", "600-mile"),
        ("The two governments signed it.", "two"),
        ("Output reached 2.8 million barrels per day.", "2.8 million barrels"),
        ("The bank set a rate of 22.75% on Tuesday.", "22.75%"),
    ],
)
def test_quantities(text: str, quantity: str) -> None:
    assert of_label(text, Label.QUANTITY) == [quantity]


def test_not_quantities() -> None:
    text = (
        "One U.S. official said one official was there. Two, it would mean war. "
        "It happened in 2014. They say Article 5 applies to Boeing 737 jets. He came first."
    )
    assert of_label(text, Label.QUANTITY) == []
    assert of_label(text, Label.DATE) == ["2014"]


# ---- seeds ------------------------------------------------------------------------------


def test_seed_articles_have_entities_with_valid_offsets() -> None:
    from reader.corpus import load_corpus

    corpus = load_corpus(SEEDS)
    assert len(corpus.articles) >= 5
    for article in corpus.articles:
        ents = entities_for(article)
        assert len(ents) > 10
        assert ents == sorted(ents, key=lambda e: (e.start, e.end))
        for a, b in itertools.pairwise(ents):
            assert a.end <= b.start
        for e in ents:
            assert isinstance(e, Entity)
            assert article.text[e.start : e.end] == e.text
            assert e.end > e.start


def test_empty_and_whitespace_text() -> None:
    assert extract_entities("") == []
    assert extract_entities("   \n\t ") == []


# ---- generalisation cues (other subjects than the seeds) ---------------------------------


def test_film_review_characters_and_actors() -> None:
    text = (
        "The film follows Nora (Greta Lee), who leaves Seoul for Toronto. Her husband, "
        "Arthur (John Magaro), waits. Sandra Hüller plays Sandra, a novelist."
    )
    assert of_label(text, Label.PERSON) == [
        "Nora",
        "Greta Lee",
        "Arthur",
        "John Magaro",
        "Sandra Hüller",
        "Sandra",
    ]


def test_acronym_defined_in_parentheses_shares_the_key() -> None:
    text = "The Independent Electoral and Boundaries Commission (IEBC) said IEBC staff were safe."
    orgs = [(e.text, e.key) for e in extract_entities(text) if e.label == Label.ORG]
    long_name = "Independent Electoral and Boundaries Commission"
    assert orgs == [(long_name, long_name), ("IEBC", long_name), ("IEBC", long_name)]


def test_dateline_and_business_names() -> None:
    text = (
        "VEVEY, Switzerland — Nestlé SA cut its forecast. Jean-Philippe Bertschy, an "
        "analyst at Vontobel, said sales in the Mumbai-based unit fell to 5.6 billion "
        "Swiss francs. DNA tests were not involved."
    )
    got = found(text)
    assert ("PLACE", "VEVEY") in got
    assert ("ORG", "Nestlé SA") in got
    assert ("PERSON", "Jean-Philippe Bertschy") in got
    assert ("PLACE", "Mumbai") in got
    assert ("QUANTITY", "5.6 billion Swiss francs") in got
    assert ("PERSON", "Vontobel") not in got
    assert all(t != "DNA" for _, t in got)


def test_person_of_org_is_split() -> None:
    text = (
        "A team led by Priya Natarajan of Yale University and Dr. Kenji Watanabe of "
        "Kyoto University."
    )
    got = found(text)
    assert got == [
        ("PERSON", "Priya Natarajan"),
        ("ORG", "Yale University"),
        ("PERSON", "Kenji Watanabe"),
        ("ORG", "Kyoto University"),
    ]


def test_east_asian_hyphenated_given_names() -> None:
    text = "Kim Jae-june, a vice president, agreed with Wong Kar-wai."
    assert of_label(text, Label.PERSON) == ["Kim Jae-june", "Wong Kar-wai"]


def test_headline_name_is_trimmed_to_the_body_name() -> None:
    text = (
        "Review: Denis Villeneuve Delivers a Desert Epic\n\n"
        "Denis Villeneuve's sequel opens in March. Warner Bros. and Legendary Entertainment "
        "release it; the far-right Alternative for Germany party objected, as did World War II "
        "veterans."
    )
    got = found(text)
    assert got[0] == ("PERSON", "Denis Villeneuve")
    assert ("ORG", "Warner Bros.") in got
    assert ("ORG", "Legendary Entertainment") in got
    assert ("ORG", "Alternative for Germany") in got
    assert all("World" not in t for _, t in got)


def test_and_between_org_names() -> None:
    text = (
        "The Ministry of Trade and Industry and the Department of Health and Human Services "
        "agreed. Shares of Banco Santander and Deutsche Telekom rose."
    )
    assert of_label(text, Label.ORG) == [
        "Ministry of Trade and Industry",
        "Department of Health and Human Services",
        "Banco Santander",
        "Deutsche Telekom",
    ]


def test_quoted_work_title_is_not_the_person() -> None:
    text = "In “Oppenheimer,” Cillian Murphy plays J. Robert Oppenheimer. Later, Oppenheimer works."
    got = [(str(e.label), e.text, e.key) for e in extract_entities(text)]
    assert got == [
        ("PERSON", "Cillian Murphy", "Cillian Murphy"),
        ("PERSON", "J. Robert Oppenheimer", "J. Robert Oppenheimer"),
        ("PERSON", "Oppenheimer", "J. Robert Oppenheimer"),
    ]


def test_byline_and_dateline() -> None:
    text = "Markets Rally\nBy JANE DOE and Kwame Mensah\nLAGOS, Nigeria (Reuters) - Stocks rose."
    assert found(text) == [
        ("PERSON", "JANE DOE"),
        ("PERSON", "Kwame Mensah"),
        ("PLACE", "LAGOS"),
        ("PLACE", "Nigeria"),
        ("ORG", "Reuters"),
    ]


def test_surnames_spelled_like_places_or_companies() -> None:
    text = "Harrison Ford and Denzel Washington met. Ford Motor Co. said Mr. Ford agreed."
    assert found(text) == [
        ("PERSON", "Harrison Ford"),
        ("PERSON", "Denzel Washington"),
        ("ORG", "Ford Motor Co."),
        ("PERSON", "Ford"),
    ]


def test_unknown_multiword_place_after_in() -> None:
    assert of_label("Protests spread in Santa Cruz on Friday.", Label.PLACE) == ["Santa Cruz"]


def test_business_and_personal_context_cues() -> None:
    text = (
        "Shares of Zomato rose 5%. Rival Swiggy’s revenue fell. Odinga, 77, spoke; "
        "Glazer’s wife agreed. The chipmaker Nexperia said so."
    )
    assert found(text) == [
        ("ORG", "Zomato"),
        ("QUANTITY", "5%"),
        ("ORG", "Swiggy"),
        ("PERSON", "Odinga"),
        ("QUANTITY", "77"),
        ("PERSON", "Glazer"),
        ("ORG", "Nexperia"),
    ]


def test_title_words_inside_names_and_party_tags() -> None:
    text = (
        "Martin Luther King Jr. spoke. Sen. Elizabeth Warren, D-Mass., objected. "
        "Tata Motors Chief Executive N. Chandrasekaran and Apple CEO Tim Cook met King Charles. "
        "The Hague ruled."
    )
    assert found(text) == [
        ("PERSON", "Martin Luther King Jr."),
        ("PERSON", "Elizabeth Warren"),
        ("ORG", "Tata Motors"),
        ("PERSON", "N. Chandrasekaran"),
        ("ORG", "Apple"),
        ("PERSON", "Tim Cook"),
        ("PERSON", "Charles"),
        ("PLACE", "The Hague"),
    ]


def test_company_or_person_from_pronouns_and_by_phrases() -> None:
    text = (
        "Zomato said its profit rose. Kweku Adoboli said he would appeal. Meituan said in a "
        "statement that sales fell. The film, distributed by Neon, was directed by Ryusuke "
        "Hamaguchi. Reliance Jio said its users grew."
    )
    assert found(text) == [
        ("ORG", "Zomato"),
        ("PERSON", "Kweku Adoboli"),
        ("ORG", "Meituan"),
        ("ORG", "Neon"),
        ("PERSON", "Ryusuke Hamaguchi"),
        ("ORG", "Reliance Jio"),
    ]


def test_ampersand_names_are_orgs_and_titles_after_in_are_not_places() -> None:
    text = (
        "Shares of Larsen & Toubro rose; Bajaj Finance fell. Scenes in Perfect Days recall Tokyo."
    )
    assert found(text) == [
        ("ORG", "Larsen & Toubro"),
        ("ORG", "Bajaj Finance"),
        ("PLACE", "Tokyo"),
    ]


def test_unquoted_work_titles_are_not_people_but_common_word_surnames_are() -> None:
    text = (
        "Martin Scorsese follows Killers of the Flower Moon with a smaller film. In Poor "
        "Things, Emma Stone plays Bella Baxter. Moon Jae-in and Park Chung-hee were "
        "presidents. Song Kang-ho stars. Celine Song's debut opens; Song, a playwright, waits."
    )
    assert of_label(text, Label.PERSON) == [
        "Martin Scorsese",
        "Emma Stone",
        "Bella Baxter",
        "Moon Jae-in",
        "Park Chung-hee",
        "Song Kang-ho",
        "Celine Song",
        "Song",
    ]


def test_company_verbs_and_investment_objects() -> None:
    text = (
        "Shopify reported a quarterly profit. BlackRock invested in Zeta and bought shares in "
        "Klarna. She starred in Moonstruck. Protests spread in Cuenca. It was reported by the "
        "Times of India and debated in Parliament."
    )
    assert found(text) == [
        ("ORG", "Shopify"),
        ("ORG", "BlackRock"),
        ("ORG", "Klarna"),
        ("PLACE", "Cuenca"),
        ("ORG", "Times of India"),
        ("ORG", "Parliament"),
    ]


def test_compound_durations_are_one_quantity() -> None:
    text = (
        "It runs two hours and 46 minutes, or 2 hours 15 minutes; six months later or a year later."
    )
    assert of_label(text, Label.QUANTITY) == [
        "two hours and 46 minutes",
        "2 hours 15 minutes",
        "six months",
        "a year",
    ]


def test_org_cues_from_roles_titles_and_it() -> None:
    text = (
        "Infosys CEO Salil Parekh said so. Maruti Suzuki said it would raise prices. "
        "Jean-Philippe Bertschy, an analyst at Vontobel, agreed, as did an economist at "
        "Capital Economics. Martin Luther King Jr. spoke."
    )
    assert found(text) == [
        ("ORG", "Infosys"),
        ("PERSON", "Salil Parekh"),
        ("ORG", "Maruti Suzuki"),
        ("PERSON", "Jean-Philippe Bertschy"),
        ("ORG", "Vontobel"),
        ("ORG", "Capital Economics"),
        ("PERSON", "Martin Luther King Jr."),
    ]


def test_appositive_head_noun_decides() -> None:
    text = (
        "Grab, a Singapore-based company, grew. Cuenca, a city in Ecuador, flooded. "
        "Zed Okoro, the company's chief executive, left. Kepler, the country's largest "
        "lender, fell."
    )
    assert found(text) == [
        ("ORG", "Grab"),
        ("PLACE", "Singapore"),
        ("PLACE", "Cuenca"),
        ("PLACE", "Ecuador"),
        ("PERSON", "Zed Okoro"),
        ("ORG", "Kepler"),
    ]


def test_languages_are_not_places() -> None:
    text = "The film is in Mandarin and Korean. Han Kang won the prize. Korean Air fell."
    assert found(text) == [("PERSON", "Han Kang"), ("ORG", "Korean Air")]


def test_regional_units_and_tech_acronyms() -> None:
    text = (
        "MTN Group lost users after a crackdown on SIM cards. Airtel Africa and Jumia also "
        "reported results."
    )
    assert found(text) == [("ORG", "MTN Group"), ("ORG", "Airtel Africa"), ("ORG", "Jumia")]


def test_quoted_titles_and_the_phrases_are_not_people() -> None:
    text = (
        'Her documentary "A Night of Knowing Nothing" won. The Marvel Cinematic Universe this '
        "is not. Janus Films releases it."
    )
    assert found(text) == [("ORG", "Janus Films")]


def test_role_word_opening_a_sentence_is_not_part_of_the_name() -> None:
    text = "Co-author Ryan MacDonald of the University of Michigan said more time was needed."
    assert found(text) == [("PERSON", "Ryan MacDonald"), ("ORG", "University of Michigan")]


def test_headline_name_inside_other_headline_words() -> None:
    text = (
        "Sri Lanka Elects Leftist Anura Kumara Dissanayake as President\n\n"
        "Anura Kumara Dissanayake won the vote, the commission said."
    )
    people = [e.text for e in extract_entities(text) if e.label == Label.PERSON]
    assert people == ["Anura Kumara Dissanayake", "Anura Kumara Dissanayake"]


def test_org_prefixes_before_place_names() -> None:
    text = "Air India and Bank Mandiri rose. Real estate fell. Air pollution rose in Delhi."
    assert found(text) == [("ORG", "Air India"), ("ORG", "Bank Mandiri"), ("PLACE", "Delhi")]


def test_particle_chains_ampersand_names_and_company_families() -> None:
    text = (
        "Mercado Libre Inc. grew; its fintech arm, Mercado Pago, too. Chief Financial Officer "
        "Martin de los Santos said so. Rival H&M fell; R&D spending rose."
    )
    assert found(text) == [
        ("ORG", "Mercado Libre Inc."),
        ("ORG", "Mercado Pago"),
        ("PERSON", "Martin de los Santos"),
        ("ORG", "H&M"),
    ]


def test_country_named_companies() -> None:
    text = "China Mobile and Japan Tobacco rose. The US Treasury agreed. Russia and Ukraine talked."
    assert found(text) == [
        ("ORG", "China Mobile"),
        ("ORG", "Japan Tobacco"),
        ("PLACE", "US"),
        ("ORG", "Treasury"),
        ("PLACE", "Russia"),
        ("PLACE", "Ukraine"),
    ]


def test_org_lists_need_a_conjunction() -> None:
    text = (
        "Rivals such as Alibaba, Tencent and Zhipu raised prices. "
        "Note: Copyright, Project Syndicate."
    )
    assert found(text) == [
        ("ORG", "Alibaba"),
        ("ORG", "Tencent"),
        ("ORG", "Zhipu"),
        ("ORG", "Project Syndicate"),
    ]


def test_more_currencies_compact_units_and_fractions() -> None:
    text = (
        "Profit hit KSh 62 billion and R2.5 billion; it was 35C on a 5km run using 2GW. "
        "Two-thirds of voters and a third of seats agreed. Shopify reported a quarterly profit."
    )
    assert of_label(text, Label.QUANTITY) == [
        "KSh 62 billion",
        "R2.5 billion",
        "35C",
        "5km",
        "2GW",
        "Two-thirds",
        "a third",
    ]


def test_sentence_opening_word_is_not_a_given_name_match() -> None:
    text = "Grace Mugabe spoke. Grace was shown to the guests. Mugabe left."
    assert of_label(text, Label.PERSON) == ["Grace Mugabe", "Mugabe"]


def test_community_orgs_defined_acronyms_and_consultancies() -> None:
    text = (
        "The Economic Community of West African States (ECOWAS) praised the vote. Analysts at "
        "Control Risks, a consultancy, said ECOWAS would act."
    )
    assert found(text) == [
        ("ORG", "Economic Community of West African States"),
        ("ORG", "ECOWAS"),
        ("ORG", "Control Risks"),
        ("ORG", "ECOWAS"),
    ]


def test_city_named_surname_after_the_full_name() -> None:
    text = "Denzel Washington stars. Washington said he was proud. Talks in Washington continued."
    got = [(str(e.label), e.text, e.key) for e in extract_entities(text)]
    assert got == [
        ("PERSON", "Denzel Washington", "Denzel Washington"),
        ("PERSON", "Washington", "Denzel Washington"),
        ("PLACE", "Washington", "Washington"),
    ]


def test_tickers_and_share_moves_mark_companies() -> None:
    text = "Kioxia (TYO: 285A) listed. Later, Nexon shares rose 5% on the Nasdaq."
    got = found(text)
    assert ("ORG", "Kioxia") in got
    assert ("ORG", "Nexon") in got
    assert ("ORG", "Nasdaq") in got


def test_research_firms_and_org_with_country_tag() -> None:
    text = "Oxford Economics and Pew Research said so, as did Cancer Research UK. The UK agreed."
    assert found(text) == [
        ("ORG", "Oxford Economics"),
        ("ORG", "Pew Research"),
        ("ORG", "Cancer Research UK"),
        ("PLACE", "UK"),
    ]


def test_company_nouns_after_a_name() -> None:
    text = "Meituan executives met Kioxia engineers; Jumia revenue fell."
    assert found(text) == [("ORG", "Meituan"), ("ORG", "Kioxia"), ("ORG", "Jumia")]
