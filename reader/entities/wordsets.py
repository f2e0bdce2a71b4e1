"""Small closed word classes used by the name scanner and the resolver."""

from __future__ import annotations

import re

from reader.entities.rx import words
from reader.entities.textscan import PARTICLES

# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = frozenset(
    words(
        "Adm Apr Aug Ave Blvd Bros Capt Cmdr Co Col Corp Cpl Dec Dept Dr Dra Feb Fr Ft Gen "
        "Gov Hon Inc Jan Jr Jul Jun Lt Ltd Maj Mar Messrs Mlle Mme Mr Mrs Ms Msgr Mt No Nov "
        "Oct Pres Prof Pvt Rep Rev Sen Sep Sept Sgt Sr Sra St Supt Univ Vol"
    )
)

# Honorifics used only before people's names.
PERSONAL_HONORIFICS = frozenset(
    words("Dame Dr Gen Gov Lady Lord Messrs Miss Mlle Mme Mr Mrs Ms Mx Prof Rep Rev Sen Sir")
)

# Compass and bloc words: names with them are places or blocs, not people.
COMPASS = frozenset(
    words("Central East Eastern Global Lower North Northern South Southern Upper West Western")
)

# Last words of capitalised names of things that are none of our labels.
NOT_PERSON_HEADS = frozenset(
    words(
        "Accord Accords Act Agenda Agreement Album Amendment Award Awards Bill Budget "
        "Championship Championships Charter Constitution Convention Cup Day Deal Declaration "
        "Disease Doctrine Dynasty Effect Empire Era Festival Film Games Index Law Marathon "
        "Medal Model Movie Novel Olympics Open Pact Plan Principle Prix Prize Protocol Report "
        "Revolution Series Show Strategy Summit Syndrome Telescope Theory Tour Treaty Trophy "
        "Virus War"
    )
)

# Awards are none of our labels either ("the Palme d’Or", "the Golden Globes").
NOT_PERSON_HEADS = NOT_PERSON_HEADS | frozenset(
    words("d’Or d'Or Globe Globes Lion Bear Oscar Oscars Emmy Emmys Grammy Grammys Tonys")
)

# All-capital words that are not organisations.
NOT_ORG_ACRONYMS = frozenset(
    words(
        "AC AD AI AIDS AKA AM API AR ASAP ATM BC BCE BST CE CEO CET CFO CNY CO COO COVID CPI "
        "CT CTO DC DIY DNA ED ER ESG EST ET ETF EUR EV FAQ FM FYI GBP GDP GMO GMT GNP GPS HIV "
        "HR ICU ID II III INR IOT IPO IQ IT IV IX JPY KG KM LCD LED LGBT LGBTQ LNG LPG MBA "
        "MERS MP MPH MPS MRI NFT NO OK OP OPED PC PHD PIN PM PMI PPE PPS PR PS PST RIP RNA "
        "RPM SARS SMS SUV TB TBA TBD TV UFO USB USD UTC UV VI VII VIII VIP VR VS XI XII XL XX "
        "SIM GPU CPU AGM EBITDA EPS YOY QOQ KPI ROI ROE NPL SAAS OTT HQ NGO NGOS EU27 ICE HVAC "
        "LLM GPT OLED QR ISBN URL PDF CSV SQL APP APPS AAA AA BBB IPL R&D M&A Q&A B&B"
    )
)

# Function words that happen to be spelled like a gazetteer entry.
FUNCTION_WORDS = frozenset(
    words("an as at be by can do he if in is it may me my no of on or so to up us we will")
)

CONN_SPLIT = frozenset(("of", "for", "and", "&", "the", "on"))
EDGE_CONN = CONN_SPLIT | PARTICLES

# Word shapes of common English words opening a sentence ("Analysts", "Speaking").
COMMON_SHAPE = re.compile(
    r"[A-Z][a-z]+(?:ing|ed|ly|tion|tions|sion|sions|ment|ments|ness|ity|ities|ance|ence|isms?|"
    r"ists|ers|ors|ics|ies|ful|less|ous|ive|ives|able|ible|ants|ents)$"
)

# Lowercase words after a name that make it an organisation ("the Morena party").
GENERIC_ORG_AFTER = re.compile(r"[ \t]+(?:party|parties|movement|coalition|alliance|bloc)\b")

# Title words that belong to companies: "Infosys CEO Salil Parekh".
CORPORATE_TITLES = frozenset(
    words("CEO CFO COO CTO Chief Chairman Chairwoman Founder Co-founder Cofounder President")
)
