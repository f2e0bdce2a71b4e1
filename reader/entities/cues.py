"""Context cues of the resolver: the words around a name that tell its kind.

Compiled once at import; `resolve` and `consistency` use them.
"""

from __future__ import annotations

import re

from reader.entities.candidates import Cand
from reader.entities.rx import words

SAY = (
    r"(?:said|says|say|told|tells|added|adds|argued|argues|noted|notes|explained|insisted|"
    r"acknowledged|stated|wrote|writes|warned|warns|asked|replied|recalled|tweeted|posted|"
    r"announced|declared|predicted|suggested|contended|conceded|cautioned|admitted|claimed|"
    r"countered|urged|testified|believes|thinks|thought|responded|continued|concluded)"
)
SAID_AFTER = re.compile(rf"(?:[ \t]*,)?[ \t]+(?:also[ \t]+|later[ \t]+|then[ \t]+)?{SAY}\b")
SAID_BEFORE = re.compile(rf"\b{SAY}[ \t]+$")
APPOS = re.compile(
    r"[ \t]*,[ \t]+(?:the|a|an|its|his|her|[A-Z][\w.]*[’']s)[ \t]+([^,.;:()“”\"\n]{0,60})"
)
HEAD_WORD = re.compile(r"[A-Za-z][\w-]*(?:['’]s)?")
HEAD_STOP = frozenset(words("of in at for with from on that which who whose to by and or based"))
ORG_NOUNS = frozenset(
    words(
        "company firm startup start-up group agency bank lender insurer carmaker automaker "
        "chipmaker maker manufacturer retailer conglomerate broker brokerage fund university "
        "institute party coalition organisation organization network broadcaster newspaper "
        "publisher studio distributor airline operator utility regulator ministry watchdog "
        "union charity nonprofit non-profit developer producer supplier giant subsidiary unit "
        "outlet magazine journal label club team exchange platform app service streamer "
        "consultancy tank lab laboratory bloc community federation"
    )
)
# person labels that rest on no personal evidence of their own
GUESSED_PERSON = frozenset(
    ("given-name", "name-shape", "known-person", "said", "said-single", "coordination", "")
)
# articles of other languages opening a name: papers and firms, not people
ARTICLES = frozenset(("El", "Los", "Las", "Il", "Die", "Das"))
ARM_NOUNS = frozenset(words("division arm business affiliate units divisions businesses"))
PLACE_NOUNS = frozenset(
    words(
        "city town village region province state country capital port district island nation "
        "county municipality suburb neighborhood neighbourhood enclave territory"
    )
)


def appositive_head(words: str) -> str | None:
    """The head noun of an appositive: the last word before a preposition, a clause
    or a participle ("the group managed by ...": "group")."""
    head = None
    found = [m.group() for m in HEAD_WORD.finditer(words)]
    for i, word in enumerate(found):
        if word.lower() in HEAD_STOP:
            break
        if (
            head is not None
            and word.endswith(("ed", "ing"))
            and word[:1].islower()
            and (i + 1 == len(found) or found[i + 1].lower() in HEAD_STOP)
        ):
            break
        if word.endswith(("'s", "’s")):
            head = None  # "the company's chief executive": the head is later
            continue
        head = word.lower()
    return head


WHO = re.compile(r"[ \t]*,[ \t]+who\b")
WHICH = re.compile(r"[ \t]*,[ \t]+which\b")
# "X, which funds ...": what owns, runs or funds things is an organisation
WHICH_ORG = re.compile(
    r"[ \t]*,[ \t]+which[ \t]+(?:also[ \t]+|now[ \t]+)?(?:funds|funded|owns|owned|operates|"
    r"runs|employs|employed|makes|sells|manufactures|produces|supplies|publishes|sponsors|"
    r"controls|acquired|bought|hired|lends|insures|invests|distributes|represents|leases|"
    r"leased|rents|flies|ships|builds|built|serves|trades|listed|"
    r"organises|organizes|manages|managed)\b"
)
WORD = re.compile(r"[a-z][a-z-]*")
NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
OF_BEFORE = re.compile(r"\b([a-z]+)[ \t]+of[ \t]+$")
PREP_BEFORE = re.compile(
    r"(?<!invested )(?<!invest )(?<!investing )(?<!investment )(?<!stake )(?<!stakes )"
    r"(?<!shares )(?<!interest )(?<!starred )(?<!starring )(?<!appeared )(?<!role )"
    r"(?<!roles )(?<!featured )(?<!published )(?<!involved )(?<!engaged )(?<!work )"
    r"(?<!worked )(?<!working )(?<!participated )"
    r"\b(?:in|near|across|throughout|outside|around|into|toward|towards)[ \t]+$"
)
# a word after these is the object of a preposition, not the one who speaks
OBJECT_BEFORE = re.compile(r"\b(?:at|of|for|from|with|by|in|on|to|about|than|the)[ \t]+$")
POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|our)[ \t]+$")
IN_BEFORE = re.compile(r"\b(?:in|near)[ \t]+$")
PLACE_PREP = re.compile(r"\b(?:in|at|from|to|near|of|across|into|around)[ \t]+$", re.IGNORECASE)
THE_BEFORE = re.compile(r"\bthe[ \t]+$")
ROLE_BEFORE = re.compile(r"\b([a-z][a-z-]+)[ \t]+$")
ADMIN_AFTER = re.compile(r"[ \t]+administration\b")
PLAYS = re.compile(r"^[ \t]+(?:as|plays|playing|portrays|portraying)[ \t]+$")
OPEN_PAREN = re.compile(r"^[ \t]*\([ \t]*$")
ACRONYM_AFTER = re.compile(r"[ \t]*\((?:the[ \t]+)?([A-Z][A-Z&.\-]{1,9})\)")
COORD = re.compile(r"^(?:[ \t]*,)?[ \t]+(?:and|or|&)[ \t]+$|^[ \t]*,[ \t]+$")
OUTLET = frozenset(
    [
        "Post",
        "Times",
        "Journal",
        "Guardian",
        "Independent",
        "Telegraph",
        "Herald",
        "Tribune",
        "Gazette",
        "Observer",
        "Chronicle",
        "Economist",
        "Standard",
        "Express",
        "Mirror",
        "Courier",
        "Examiner",
        "Inquirer",
        "Ledger",
        "Sentinel",
        "Monitor",
        "Dispatch",
        "Bulletin",
        "Clarion",
        "Star",
    ]
)
# last words of clubs and bands whose short form is that word ("Rovers", "United")
TEAM_TAILS = frozenset(("Rovers", "Wanderers", "Rangers", "United", "Athletic", "Albion"))
LEGAL = frozenset(
    [
        "Inc",
        "Corp",
        "Co",
        "Ltd",
        "LLC",
        "PLC",
        "Plc",
        "plc",
        "AG",
        "SA",
        "SE",
        "NV",
        "BV",
        "GmbH",
        "SpA",
        "AB",
        "ASA",
        "Oyj",
        "Bhd",
        "Group",
        "Holdings",
        "Holding",
        "Corporation",
        "Company",
        "Limited",
        "Incorporated",
    ]
)


BYLINE = re.compile(r"(?:^|\n)[ \t]*(?:By|BY)[ \t]+$")
AGE_AFTER = re.compile(r", \d{1,3},")
KIN_AFTER = re.compile(
    r"['’]s[ \t]+(?:wife|husband|son|daughter|mother|father|brother|sister|widow|family|"
    r"children|lawyers?|attorneys?|spokes(?:man|woman|person)|aides?|memoir|career|death|"
    r"funeral|birthday|performance|debut|directorial|government|administration|cabinet|"
    r"campaign|presidency|premiership|successor|predecessor|supporters|re-election)\b"
)
FIRM_AFTER = re.compile(
    r"['’]s[ \t]+(?:shares|stock|revenue|revenues|sales|profit|profits|earnings|chief "
    r"executive|CEO|board|market value|subsidiary|parent|shareholders|customers|products|"
    r"chairman|chairwoman|chairperson|founder|co-founder|managing director|executives|"
    r"employees|headquarters|annual report|balance sheet)\b"
)
ROLE_AT = re.compile(
    r"\b(?:analyst|analysts|economist|economists|strategist|researcher|researchers|scientist|"
    r"scientists|professor|lecturer|engineer|engineers|executive|executives|director|manager|"
    r"partner|trader|traders|fellow|spokesperson|spokesman|spokeswoman|head|chief|chair|"
    r"chairman|founder|co-founder|employee|employees|staff|worker|workers|editor|reporter|"
    r"correspondent|student|students|physician|doctor|doctors|officials|regulators|pilots|"
    r"nurses|crew|teachers|miners|drivers|coaches|players|"
    r"officers|bankers|investigators)[ \t]+(?:at|with)[ \t]+"
    r"(?:the[ \t]+)?$",
    re.IGNORECASE,
)
FIRM_VERB_AFTER = re.compile(
    r"[ \t]+(?:also[ \t]+)?(?:reported|posted|booked|recorded|forecast|issued|swung|beat|missed)"
    r"[ \t]+(?:a|an|its|results|"
    r"net|quarterly|annual|record|full-year|first-quarter|second-quarter|third-quarter|"
    r"fourth-quarter|first-half|revenue|revenues|sales|profit|profits|earnings|losses?|guidance|"
    r"estimates|expectations)\b"
)
# "Samsung executives", "Jumia shareholders": nouns that follow a company's name
ORG_NOUN_AFTER = re.compile(
    r"[ \t]+(?:executives|employees|workers|staff|shareholders|investors|customers|users|"
    r"subscribers|spokesperson|chief[ \t]+executive|CEO|chairman|board|management|headquarters|"
    r"shares|stock|bonds|subsidiary|brand|products|stores|factories|factory|plant|platform|"
    r"app|website|engineers|scientists|researchers|analysts|economists|sales|revenue|profit|"
    r"academy|fans|supporters|squad|striker|midfielder|defender|goalkeeper|keeper|"
    r"forward|winger|coach|manager|players|teammates|"
    r"spokesman|spokeswoman|members|membership|lawmakers|leadership)\b"
)
# "chief executive of X", "a spokesman for X", "joined X": X is an organisation
ORG_ROLE_OF = re.compile(
    r"\b(?:chief[ \t]+executive|executive|CEO|chairman|chairwoman|chair|founder|co-founder|"
    r"spokes(?:man|woman|person)|managing[ \t]+director|owner|owners|shareholders|"
    r"employees|members|director|head|boss|coach|manager|"
    r"procurement|operations|sales|marketing)[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?$"
)
JOINED_BEFORE = re.compile(
    r"\b(?:joined|joining|joins|join|leaving|left|quit|fined|sanctioned)[ \t]+(?:the[ \t]+)?$"
)
SOURCE_THE_BEFORE = re.compile(
    r"\b(?:according[ \t]+to|told|reported[ \t]+by|published[ \t]+by|shown[ \t]+by|"
    r"broadcast[ \t]+by|aired[ \t]+on|shown[ \t]+on|streamed[ \t]+on|premieres[ \t]+on|"
    r"interview[ \t]+with)[ \t]+the[ \t]+$"
)
SHOWN_BY_BEFORE = re.compile(
    r"\b(?:shown|broadcast|aired|streamed|televised|sponsored|reported)[ \t]+(?:by|on)[ \t]+$"
    r"|\b(?:premieres|streams|airs)[ \t]+on[ \t]+$"
)
TICKER_AFTER = re.compile(
    r"[ \t]*\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|HKEX|SGX|BSE|NSE|JSE|BMV|TYO|TSE|KRX|KOSPI|SIX|"
    r"Euronext|OTC|ticker)[ \t]*:[ \t]*[A-Z0-9.]{1,8}\)"
)
SHARES_MOVE_AFTER = re.compile(
    r"[ \t]+(?:shares|stock)[ \t]+(?:rose|fell|jumped|slumped|gained|dropped|climbed|tumbled|"
    r"surged|slid|sank|soared|plunged|rallied|closed|ended|were|was|have|had)\b"
)
FIRM_BEFORE = re.compile(
    r"\b(?:shares[ \t]+of|stake[ \t]+in|acquisition[ \t]+of|takeover[ \t]+of|subsidiary[ \t]+of|"
    r"unit[ \t]+of|rivals?|listed|chipmaker|automaker|carmaker|retailer|lender|insurer|"
    r"conglomerate|start-up|startup|airline|brewer|miner|drugmaker)[ \t]+$",
    re.IGNORECASE,
)
# "X said in a statement": companies and agencies issue statements and filings
STATEMENT_AFTER = re.compile(
    r"[ \t]+(?:said|says|announced|reported|posted|disclosed)[ \t]+(?:in|on)[ \t]+"
    r"(?:a|an|its)[ \t]+(?:\w+[ \t]+)?(?:statement|filing|release|report|website|blog)\b"
)
SAID_IT = re.compile(
    r"[ \t]+(?:said|says|added|expects|expected|plans|planned)[ \t]+(?:on[ \t]+\w+[ \t]+)?"
    r"(?:that[ \t]+)?it\b"
)
PRONOUN = re.compile(r"\b(?:(he|she|his|her|him|himself|herself)|(its|itself|their))\b")
CAPITAL = re.compile(r"[A-Z]")
OPENER_WORDS = re.compile(
    r"(?:^|(?<=[.!?][ \t])|(?<=\n))((?:[A-Z][a-z]+[ \t](?:(?:of|for)[ \t])?){1,3})$"
)
# "local band X", "the startup X": a kind of organisation named just before
ORG_KIND_BEFORE = re.compile(
    r"\b(?:band|company|firm|startup|start-up|charity|label|newspaper|broadcaster|club|"
    r"carrier|lender|retailer|insurer|airline|nonprofit|non-profit|publisher|studio|"
    r"chipmaker|automaker|carmaker|drugmaker|conglomerate|outlet|magazine|website)[ \t]+"
    r"(?:The[ \t]+)?$"
)
PREV_WORDS = re.compile(r"(?:[A-Z][\w'’-]*[ ]){1,3}$")
# a plural last word ("Hornets", "Tigers"): with a common singular, no surname
PLURAL = re.compile(r"[A-Z][a-z]+[^s]s$")
SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# "distributed by X" names a company; "directed by X" a person
BY_ORG_BEFORE = re.compile(
    r"\b(?:distributed|released|published|owned|backed|acquired|funded|financed|operated|"
    r"sponsored|issued|manufactured|commissioned|bought|purchased)[ \t]+by[ \t]+(?:the[ \t]+)?$"
)
BY_PERSON_BEFORE = re.compile(
    r"\b(?:directed|written|played|starring|voiced|narrated|composed|photographed|authored|"
    r"co-written|co-directed|portrayed)[ \t]+(?:by[ \t]+)?$"
)
PARTY_TAG = re.compile(r"[A-Z]-[A-Z]")  # "D-Mass.", "R-AL"
DATELINE_AFTER = re.compile(r"[ \t]*(?:,|—|–|--|-[ \t]|\()")


def dateline(text: str, c: Cand) -> bool:
    """An all-capitals place opening a paragraph: "VEVEY, Switzerland —", "LAGOS (AP) —"."""
    if not all(t.isupper() for t in c.tokens if t not in ("de", "da", "do", "of", "the")):
        return False
    lo = max(0, c.start - 4)
    line_start = text.rfind("\n", lo, c.start) + 1
    if line_start == 0 and lo > 0:
        return False  # no line break just before: not at the start of a line
    if text[line_start : c.start].strip():
        return False
    return bool(DATELINE_AFTER.match(text, c.end))


# verbs whose subject is an organisation: "X was founded in", "X laid off", "X employs"
ORG_VERB_AFTER = re.compile(
    r"[ \t]+(?:has[ \t]+|had[ \t]+|will[ \t]+|also[ \t]+)?(?:acquired|merged[ \t]+with|"
    r"laid[ \t]+off|is[ \t]+headquartered|was[ \t]+founded|went[ \t]+public|"
    r"filed[ \t]+for[ \t]+bankruptcy|employs|manufactures|fined|delisted|"
    r"was[ \t]+fined|was[ \t]+listed|is[ \t]+listed)\b"
)
# a lowercase word after a name that is a verb or a function word, not a noun it modifies
VERBISH = re.compile(
    r"(?:\w+(?:ed|es|s)|is|was|are|were|has|had|have|will|would|can|could|may|might|must|"
    r"should|said|says|and|or|but|to|of|in|on|at|for|with|as|by|that|which|who|whose|from|"
    r"also|did|does|do|won|lost|made|took|gave|got|sold|bought|paid|put|set|cut|ran|began|"
    r"became|left|hit|led|kept|held|told|found|saw|went|came|chose|ought|then|now|only)$"
)
