"""Document-level resolution of candidate names.

Context cues ("the city of X", "X, the director", "X said", "in X"), names seen
elsewhere in the same text (a full name makes its surname a person), coordination
("Putin and Zelensky") and canonical keys shared by all mentions of one entity.
"""

from __future__ import annotations

import re

from reader.entities.candidates import Cand
from reader.entities.lexicon import Lexicon
from reader.entities.model import Label
from reader.entities.rx import words
from reader.entities.textscan import is_quoted, is_sentence_start
from reader.entities.wordsets import COMPASS, GENERIC_ORG_AFTER, NOT_PERSON_HEADS

_SAY = (
    r"(?:said|says|say|told|tells|added|adds|argued|argues|noted|notes|explained|insisted|"
    r"acknowledged|stated|wrote|writes|warned|warns|asked|replied|recalled|tweeted|posted|"
    r"announced|declared|predicted|suggested|contended|conceded|cautioned|admitted|claimed|"
    r"countered|urged|testified|believes|thinks|thought|responded|continued|concluded)"
)
_SAID_AFTER = re.compile(rf"(?:[ \t]*,)?[ \t]+(?:also[ \t]+|later[ \t]+|then[ \t]+)?{_SAY}\b")
_SAID_BEFORE = re.compile(rf"\b{_SAY}[ \t]+$")
_APPOS = re.compile(
    r"[ \t]*,[ \t]+(?:the|a|an|its|his|her|[A-Z][\w.]*[’']s)[ \t]+([^,.;:()“”\"\n]{0,60})"
)
_HEAD_WORD = re.compile(r"[A-Za-z][\w-]*(?:['’]s)?")
_HEAD_STOP = frozenset(words("of in at for with from on that which who whose to by and or based"))
_ORG_NOUNS = frozenset(
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
_GUESSED_PERSON = frozenset(
    ("given-name", "name-shape", "known-person", "said", "said-single", "coordination", "")
)
# articles of other languages opening a name: papers and firms, not people
_ARTICLES = frozenset(("El", "Los", "Las", "Il", "Die", "Das"))
_ARM_NOUNS = frozenset(words("division arm business affiliate units divisions businesses"))
_PLACE_NOUNS = frozenset(
    words(
        "city town village region province state country capital port district island nation "
        "county municipality suburb neighborhood neighbourhood enclave territory"
    )
)


def _appositive_head(words: str) -> str | None:
    """The head noun of an appositive: the last word before a preposition, a clause
    or a participle ("the group managed by ...": "group")."""
    head = None
    found = [m.group() for m in _HEAD_WORD.finditer(words)]
    for i, word in enumerate(found):
        if word.lower() in _HEAD_STOP:
            break
        if (
            head is not None
            and word.endswith(("ed", "ing"))
            and word[:1].islower()
            and (i + 1 == len(found) or found[i + 1].lower() in _HEAD_STOP)
        ):
            break
        if word.endswith(("'s", "’s")):
            head = None  # "the company's chief executive": the head is later
            continue
        head = word.lower()
    return head


_WHO = re.compile(r"[ \t]*,[ \t]+who\b")
_WHICH = re.compile(r"[ \t]*,[ \t]+which\b")
# "X, which funds ...": what owns, runs or funds things is an organisation
_WHICH_ORG = re.compile(
    r"[ \t]*,[ \t]+which[ \t]+(?:also[ \t]+|now[ \t]+)?(?:funds|funded|owns|owned|operates|"
    r"runs|employs|employed|makes|sells|manufactures|produces|supplies|publishes|sponsors|"
    r"controls|acquired|bought|hired|lends|insures|invests|distributes|represents|"
    r"organises|organizes|manages|managed)\b"
)
_WORD = re.compile(r"[a-z][a-z-]*")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_OF_BEFORE = re.compile(r"\b([a-z]+)[ \t]+of[ \t]+$")
_PREP_BEFORE = re.compile(
    r"(?<!invested )(?<!invest )(?<!investing )(?<!investment )(?<!stake )(?<!stakes )"
    r"(?<!shares )(?<!interest )(?<!starred )(?<!starring )(?<!appeared )(?<!role )"
    r"(?<!roles )(?<!featured )(?<!published )(?<!involved )(?<!engaged )(?<!work )"
    r"(?<!worked )(?<!working )(?<!participated )"
    r"\b(?:in|near|across|throughout|outside|around|into|toward|towards)[ \t]+$"
)
# a word after these is the object of a preposition, not the one who speaks
_OBJECT_BEFORE = re.compile(r"\b(?:at|of|for|from|with|by|in|on|to|about|than|the)[ \t]+$")
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|our)[ \t]+$")
_IN_BEFORE = re.compile(r"\b(?:in|near)[ \t]+$")
_PLACE_PREP = re.compile(r"\b(?:in|at|from|to|near|of|across|into|around)[ \t]+$", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe[ \t]+$")
_ROLE_BEFORE = re.compile(r"\b([a-z][a-z-]+)[ \t]+$")
_ADMIN_AFTER = re.compile(r"[ \t]+administration\b")
_PLAYS = re.compile(r"^[ \t]+(?:as|plays|playing|portrays|portraying)[ \t]+$")
_OPEN_PAREN = re.compile(r"^[ \t]*\([ \t]*$")
_ACRONYM_AFTER = re.compile(r"[ \t]*\((?:the[ \t]+)?([A-Z][A-Z&.\-]{1,9})\)")
_COORD = re.compile(r"^(?:[ \t]*,)?[ \t]+(?:and|or|&)[ \t]+$|^[ \t]*,[ \t]+$")
_OUTLET = frozenset(
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
_TEAM_TAILS = frozenset(("Rovers", "Wanderers", "Rangers", "United", "Athletic", "Albion"))
_LEGAL = frozenset(
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


_BYLINE = re.compile(r"(?:^|\n)[ \t]*(?:By|BY)[ \t]+$")
_AGE_AFTER = re.compile(r", \d{1,3},")
_KIN_AFTER = re.compile(
    r"['’]s[ \t]+(?:wife|husband|son|daughter|mother|father|brother|sister|widow|family|"
    r"children|lawyers?|attorneys?|spokes(?:man|woman|person)|aides?|memoir|career|death|"
    r"funeral|birthday|performance|debut|directorial|government|administration|cabinet|"
    r"campaign|presidency|premiership|successor|predecessor|supporters|re-election)\b"
)
_FIRM_AFTER = re.compile(
    r"['’]s[ \t]+(?:shares|stock|revenue|revenues|sales|profit|profits|earnings|chief "
    r"executive|CEO|board|market value|subsidiary|parent|shareholders|customers|products|"
    r"chairman|chairwoman|chairperson|founder|co-founder|managing director|executives|"
    r"employees|headquarters|annual report|balance sheet)\b"
)
_ROLE_AT = re.compile(
    r"\b(?:analyst|analysts|economist|economists|strategist|researcher|researchers|scientist|"
    r"scientists|professor|lecturer|engineer|engineers|executive|executives|director|manager|"
    r"partner|trader|traders|fellow|spokesperson|spokesman|spokeswoman|head|chief|chair|"
    r"chairman|founder|co-founder|employee|employees|staff|worker|workers|editor|reporter|"
    r"correspondent|student|students|physician|doctor|doctors|officials|regulators|"
    r"officers|bankers|investigators)[ \t]+(?:at|with)[ \t]+"
    r"(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_FIRM_VERB_AFTER = re.compile(
    r"[ \t]+(?:also[ \t]+)?(?:reported|posted|booked|recorded|forecast|issued|swung|beat|missed)"
    r"[ \t]+(?:a|an|its|results|"
    r"net|quarterly|annual|record|full-year|first-quarter|second-quarter|third-quarter|"
    r"fourth-quarter|first-half|revenue|revenues|sales|profit|profits|earnings|losses?|guidance|"
    r"estimates|expectations)\b"
)
# "Samsung executives", "Jumia shareholders": nouns that follow a company's name
_ORG_NOUN_AFTER = re.compile(
    r"[ \t]+(?:executives|employees|workers|staff|shareholders|investors|customers|users|"
    r"subscribers|spokesperson|chief[ \t]+executive|CEO|chairman|board|management|headquarters|"
    r"shares|stock|bonds|subsidiary|brand|products|stores|factories|factory|plant|platform|"
    r"app|website|engineers|scientists|researchers|analysts|economists|sales|revenue|profit|"
    r"academy|fans|supporters|squad|striker|midfielder|defender|goalkeeper|keeper|"
    r"forward|winger|coach|manager|players|teammates|"
    r"spokesman|spokeswoman|members|membership|lawmakers|leadership)\b"
)
# "chief executive of X", "a spokesman for X", "joined X": X is an organisation
_ORG_ROLE_OF = re.compile(
    r"\b(?:chief[ \t]+executive|executive|CEO|chairman|chairwoman|chair|founder|co-founder|"
    r"spokes(?:man|woman|person)|managing[ \t]+director|owner|owners|shareholders|"
    r"employees|members|director|head|boss|coach|manager|"
    r"procurement|operations|sales|marketing)[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?$"
)
_JOINED_BEFORE = re.compile(
    r"\b(?:joined|joining|joins|join|leaving|left|quit|fined|sanctioned)[ \t]+(?:the[ \t]+)?$"
)
_SOURCE_THE_BEFORE = re.compile(
    r"\b(?:according[ \t]+to|told|reported[ \t]+by|published[ \t]+by|shown[ \t]+by|"
    r"broadcast[ \t]+by|aired[ \t]+on|shown[ \t]+on|streamed[ \t]+on|premieres[ \t]+on|"
    r"interview[ \t]+with)[ \t]+the[ \t]+$"
)
_SHOWN_BY_BEFORE = re.compile(
    r"\b(?:shown|broadcast|aired|streamed|televised|sponsored|reported)[ \t]+(?:by|on)[ \t]+$"
    r"|\b(?:premieres|streams|airs)[ \t]+on[ \t]+$"
)
_TICKER_AFTER = re.compile(
    r"[ \t]*\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|HKEX|SGX|BSE|NSE|JSE|BMV|TYO|TSE|KRX|KOSPI|SIX|"
    r"Euronext|OTC|ticker)[ \t]*:[ \t]*[A-Z0-9.]{1,8}\)"
)
_SHARES_MOVE_AFTER = re.compile(
    r"[ \t]+(?:shares|stock)[ \t]+(?:rose|fell|jumped|slumped|gained|dropped|climbed|tumbled|"
    r"surged|slid|sank|soared|plunged|rallied|closed|ended|were|was|have|had)\b"
)
_FIRM_BEFORE = re.compile(
    r"\b(?:shares[ \t]+of|stake[ \t]+in|acquisition[ \t]+of|takeover[ \t]+of|subsidiary[ \t]+of|"
    r"unit[ \t]+of|rivals?|listed|chipmaker|automaker|carmaker|retailer|lender|insurer|"
    r"conglomerate|start-up|startup|airline|brewer|miner|drugmaker)[ \t]+$",
    re.IGNORECASE,
)
# "X said in a statement": companies and agencies issue statements and filings
_STATEMENT_AFTER = re.compile(
    r"[ \t]+(?:said|says|announced|reported|posted|disclosed)[ \t]+(?:in|on)[ \t]+"
    r"(?:a|an|its)[ \t]+(?:\w+[ \t]+)?(?:statement|filing|release|report|website|blog)\b"
)
_SAID_IT = re.compile(
    r"[ \t]+(?:said|says|added|expects|expected|plans|planned)[ \t]+(?:on[ \t]+\w+[ \t]+)?"
    r"(?:that[ \t]+)?it\b"
)
_PRONOUN = re.compile(r"\b(?:(he|she|his|her|him|himself|herself)|(its|itself|their))\b")
_CAPITAL = re.compile(r"[A-Z]")
_OPENER_WORDS = re.compile(
    r"(?:^|(?<=[.!?][ \t])|(?<=\n))((?:[A-Z][a-z]+[ \t](?:(?:of|for)[ \t])?){1,3})$"
)
# "local band X", "the startup X": a kind of organisation named just before
_ORG_KIND_BEFORE = re.compile(
    r"\b(?:band|company|firm|startup|start-up|charity|label|newspaper|broadcaster|club|"
    r"carrier|lender|retailer|insurer|airline|nonprofit|non-profit|publisher|studio|"
    r"chipmaker|automaker|carmaker|drugmaker|conglomerate|outlet|magazine|website)[ \t]+"
    r"(?:The[ \t]+)?$"
)
_PREV_WORDS = re.compile(r"(?:[A-Z][\w'’-]*[ ]){1,3}$")
# a plural last word ("Hornets", "Tigers"): with a common singular, no surname
_PLURAL = re.compile(r"[A-Z][a-z]+[^s]s$")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# "distributed by X" names a company; "directed by X" a person
_BY_ORG_BEFORE = re.compile(
    r"\b(?:distributed|released|published|owned|backed|acquired|funded|financed|operated|"
    r"sponsored|issued|manufactured|commissioned|bought|purchased)[ \t]+by[ \t]+(?:the[ \t]+)?$"
)
_BY_PERSON_BEFORE = re.compile(
    r"\b(?:directed|written|played|starring|voiced|narrated|composed|photographed|authored|"
    r"co-written|co-directed|portrayed)[ \t]+(?:by[ \t]+)?$"
)
_PARTY_TAG = re.compile(r"[A-Z]-[A-Z]")  # "D-Mass.", "R-AL"
_DATELINE_AFTER = re.compile(r"[ \t]*(?:,|—|–|--|-[ \t]|\()")


def _dateline(text: str, c: Cand) -> bool:
    """An all-capitals place opening a paragraph: "VEVEY, Switzerland —", "LAGOS (AP) —"."""
    if not all(t.isupper() for t in c.tokens if t not in ("de", "da", "do", "of", "the")):
        return False
    lo = max(0, c.start - 4)
    line_start = text.rfind("\n", lo, c.start) + 1
    if line_start == 0 and lo > 0:
        return False  # no line break just before: not at the start of a line
    if text[line_start : c.start].strip():
        return False
    return bool(_DATELINE_AFTER.match(text, c.end))


def _start(c: Cand) -> int:
    return c.start


class Resolver:
    def __init__(self, text: str, lex: Lexicon, is_common) -> None:  # type: ignore[no-untyped-def]
        self.text = text
        self.lex = lex
        self.is_common = is_common
        self._org_firsts: set[str] = set()  # "Tata" of "Tata Motors": a company family
        self._context_cache: dict[tuple[str, str, bool, str], tuple[Label, str] | None] = {}
        self._surnames: set[str] = set()  # last words of full person names
        self._org_stems: dict[str, tuple[Label, str]] = {}  # short forms of orgs
        self._singles: set[str] = set()  # one-word mentions: surnames used alone
        self._single_labels: dict[str, Label] = {}  # one-word mentions with strong labels

    # ---- context cues -----------------------------------------------------------
    def _before(self, c: Cand, n: int = 40) -> str:
        return self.text[max(0, c.start - n) : c.start]

    def _strong_context(self, c: Cand) -> tuple[Label, str] | None:
        text, lex = self.text, self.lex
        if _dateline(text, c):
            return Label.PLACE, "dateline"
        if _BYLINE.search(text, max(0, c.start - 12), c.start):
            return Label.PERSON, "byline"  # "By JANE DOE" opening a line
        if GENERIC_ORG_AFTER.match(text, c.end):
            return Label.ORG, "party-after"
        nxt = _NEXT_WORD.match(text, c.end)
        if nxt and nxt.group(1) in lex.place_generic:
            return Label.PLACE, "generic-after"
        before = self._before(c)
        of = _OF_BEFORE.search(before)
        if of and of.group(1) in lex.place_of:
            return Label.PLACE, "place-of"
        app = _APPOS.match(text, c.end)
        head = _appositive_head(app.group(1)) if app else None
        if head in _ORG_NOUNS:
            return Label.ORG, "appositive-org"  # "Grab, a Singapore-based company"
        if head in _PLACE_NOUNS:
            return Label.PLACE, "appositive-place"  # "Cuenca, a city in Ecuador"
        if _ROLE_AT.search(before) and not (c.tokens[0] in lex.first_names and len(c.tokens) > 1):
            return Label.ORG, "role-at"  # "an analyst at Vontobel", "economist at X"
        if (
            _ORG_ROLE_OF.search(before)
            or _SOURCE_THE_BEFORE.search(before)
            or _SHOWN_BY_BEFORE.search(before)
        ) and not (c.tokens[0] in lex.first_names and len(c.tokens) > 1):
            return Label.ORG, "org-role-of"  # "chief executive of Kinetix", "told the Guardian"
        if _ORG_KIND_BEFORE.search(before) and c.tokens[0] not in lex.first_names:
            return Label.ORG, "kind-before"  # "local band The Moorland Ghosts"
        if _JOINED_BEFORE.search(before) and c.tokens[0] not in lex.first_names:
            return Label.ORG, "joined"  # "joined Solmar", "the league fined Portvale"
        if self._looks_like_name(c):
            if app and (
                head in lex.roles or any(w in lex.roles for w in _WORD.findall(app.group(1)))
            ):
                return Label.PERSON, "appositive"
            if _WHICH_ORG.match(text, c.end):
                return Label.ORG, "which-org"  # "Meridian Health, which funds two chairs"
            if _WHO.match(text, c.end):
                return Label.PERSON, "who"
            role = _ROLE_BEFORE.search(before)
            if role and role.group(1) in lex.roles:
                return Label.PERSON, "role-before"
            if _BY_PERSON_BEFORE.search(before):
                return Label.PERSON, "directed-by"
            if _BY_ORG_BEFORE.search(before):
                return Label.ORG, "owned-by"
            if len(c.tokens) >= 2 and (
                _SAID_AFTER.match(text, c.end) or _SAID_BEFORE.search(before)
            ):
                return self._person_or_org(c, "said")
            if _AGE_AFTER.match(text, c.end) or _KIN_AFTER.match(text, c.end):
                return Label.PERSON, "age-or-kin"  # "Odinga, 77,", "Glazer’s wife"
            if (
                _FIRM_AFTER.match(text, c.end)
                or _TICKER_AFTER.match(text, c.end)
                or _ORG_NOUN_AFTER.match(text, c.end)
                or _SHARES_MOVE_AFTER.match(text, c.end)
                or _FIRM_BEFORE.search(before)
                or _FIRM_VERB_AFTER.match(text, c.end)
            ):
                return Label.ORG, "firm-context"  # "shares of Zomato", "Zomato’s revenue"
        return None

    def _cached(self, rule, c: Cand) -> tuple[Label, str] | None:  # type: ignore[no-untyped-def]
        """`rule(c)`, remembered by the text around the mention: repeated passages (and
        the same name in the same words) are decided once."""
        key = (rule.__name__, c.text, c.sent_init, self.text[max(0, c.start - 48) : c.end + 168])
        if key not in self._context_cache:
            self._context_cache[key] = rule(c)
        return self._context_cache[key]

    def _kind_hint(self, c: Cand) -> Label | None:
        """PERSON or ORG from what follows: "X said he ..." / "X said its profit ...",
        "X said in a statement". None when the sentence does not tell."""
        text = self.text
        if _STATEMENT_AFTER.match(text, c.end) or _SAID_IT.match(text, c.end):
            return Label.ORG  # "X said in a statement", "X said it would"
        window = text[c.end : c.end + 160]
        stop = _SENTENCE_END.search(window)
        if stop:
            window = window[: stop.start()]
        m = _PRONOUN.search(window)
        if m is None or _CAPITAL.search(window, 0, m.start()):
            return None  # no pronoun, or another name comes first
        return Label.PERSON if m.group(1) else Label.ORG

    def _person_or_org(self, c: Cand, why: str) -> tuple[Label, str]:
        hint = self._kind_hint(c)
        if hint == Label.ORG:
            return Label.ORG, why + "-org"
        return Label.PERSON, why

    def _looks_like_name(self, c: Cand) -> bool:
        """No common word in it, except a last one after a name ("Celine Song",
        "Moon Jae-in" is not; "Perfect Days", "Flower Moon" are titles, not names)."""
        toks = c.tokens
        checked = toks[:-1] if len(toks) > 1 else toks
        return (
            not any(self.is_common(t) for t in checked)
            and not any(t in COMPASS for t in toks)
            and not _PARTY_TAG.match(c.text)
            and not (len(c.tokens) == 1 and c.tokens[0].isupper())
            and c.tokens[-1].rstrip(".") not in NOT_PERSON_HEADS
        )

    def _weak_context(self, c: Cand) -> tuple[Label, str] | None:
        text = self.text
        before = self._before(c)
        single = len(c.tokens) == 1
        if (
            _PREP_BEFORE.search(before)
            and (single or (self._looks_like_name(c) and _IN_BEFORE.search(before)))
            and not c.tokens[0].isupper()
            and text[c.end : c.end + 1] not in ("'", "’")
        ):
            return Label.PLACE, "preposition"  # "in Santa Cruz", "near Vuhledar"
        if (
            single
            and self._looks_like_name(c)
            and (
                (_SAID_AFTER.match(text, c.end) and not _OBJECT_BEFORE.search(before))
                or _SAID_BEFORE.search(before)  # "..., said Haddad."
            )
        ):
            return self._person_or_org(c, "said-single")
        looks = self._looks_like_name(c)
        if single and looks and _THE_BEFORE.search(before) and _SAID_AFTER.match(text, c.end):
            return Label.ORG, "the-said"  # "the Bundesbank said": people are not "the X"
        if not single and c.tokens[0] in self._org_firsts:
            return Label.ORG, "company-family"  # "Mercado Pago" after "Mercado Libre"
        if not single and looks and _POSSESSIVE_BEFORE.search(before):
            nxt = _NEXT_WORD.match(text, c.end)
            if nxt and nxt.group(1) not in _ORG_NOUNS and nxt.group(1) not in _ARM_NOUNS:
                return None  # "its Aurora X5 sensor": a product
            return Label.ORG, "its-name"  # "its Jio Platforms unit": not a person
        if not single and looks and _THE_BEFORE.search(before):
            if c.tokens[-1] not in NOT_PERSON_HEADS:
                return Label.ORG, "the-name"
            return None
        if not single and looks and c.after_the and self._kind_hint(c) == Label.ORG:
            return Label.ORG, "the-name-org"  # "The Lantern Saints released their album"
        if (
            not single
            and 2 <= len(c.tokens) <= 4
            and looks
            and not c.after_the
            and not _WHICH.match(text, c.end)
        ):
            return self._name_shape(c)
        return None

    def _name_shape(self, c: Cand) -> tuple[Label, str] | None:
        """Two to four unknown capitalised words: a person only with some evidence
        (a he/she after it, its last word used alone as a surname, or no common
        word in it); "it"/"its"/"their" after it or a plural last word make an
        organisation ("Northgate Hornets", "Lantern Saints"); else no label."""
        hint = self._kind_hint(c)
        if hint is not None:
            return hint, "name-shape" if hint == Label.PERSON else "name-shape-org"
        last = c.tokens[-1]
        alone = self._single_labels.get(last)
        if alone is not None:
            # its last word alone is a known person (a surname) or an org ("Hornets")
            return alone, "name-shape" if alone == Label.PERSON else "short-form-org"
        if c.tokens[0] in _ARTICLES:
            return Label.ORG, "article-name"  # "El Financiero", "Die Zeit"
        if _PLURAL.match(last) and self.is_common(last[:-1]) and last not in self._singles:
            return Label.ORG, "plural-name"
        if self.is_common(last) and last not in self._singles:
            return None  # "Vela Mobile", "Velvet Static": no evidence of a person
        return Label.PERSON, "name-shape"

    # ---- main ---------------------------------------------------------------------
    def resolve(self, cands: list[Cand]) -> list[Cand]:
        text = self.text
        cands.sort(key=_start)
        self._org_firsts = {
            c.tokens[0]
            for c in cands
            if c.label == Label.ORG
            and c.strong
            and len(c.tokens) >= 2
            and c.tokens[0][:1].isupper()
            and c.tokens[0] not in ("The", "National", "International", "World", "United")
            and not self.is_common(c.tokens[0])
            and c.tokens[0] not in self.lex.places
            and c.tokens[0] not in self.lex.first_names
        }
        for c in cands:
            if c.label in (None, Label.PERSON) and not c.titled and len(c.tokens) <= 2:
                m = _ADMIN_AFTER.match(text, c.end)
                if m and not c.title_line:
                    c.end = m.end()
                    c.text = text[c.start : c.end]
                    c.label, c.strong, c.why = Label.ORG, True, "administration"
        for c in cands:
            if c.why == "maybe" and c.label is None:
                # a common word opening a sentence, but described as a firm or a place:
                # "Grab, a Singapore-based company, ..."
                app = _APPOS.match(text, c.end)
                head = _appositive_head(app.group(1)) if app else None
                if head in _ORG_NOUNS or head in _PLACE_NOUNS:
                    c.label = Label.ORG if head in _ORG_NOUNS else Label.PLACE
                    c.why, c.strong, c.title_line = "appositive", True, False
                elif _WHICH_ORG.match(text, c.end):
                    c.label, c.why, c.strong, c.title_line = Label.ORG, "which-org", True, False
        for c in cands:
            if (c.label is None or c.why.startswith("acronym")) and not c.title_line:
                found = self._cached(self._strong_context, c)
                if found:
                    c.label, c.why = found
                    c.strong = True
            elif c.why == "place-suffix" and not c.title_line:
                found = self._cached(self._strong_context, c)
                if found and found[0] == Label.ORG:
                    c.label, c.why = found  # "Quanta Hill, a rival chipmaker"
            if c.why in ("appositive-org", "appositive", "which-org") and c.label == Label.ORG:
                self._extend_to_sentence_start(c)
            elif c.label == Label.ORG and c.why in ("org-suffix", "gazetteer"):
                self._extend_to_sentence_start(c, head_of=True)
        for c in cands:
            if c.label is None and is_quoted(text, c.start, c.end):
                # a work's title: “Oppenheimer,” “Perfect Days” name no entity of ours
                c.title_line, c.why = True, "quoted"
        for c in cands:
            if (
                c.label == Label.PERSON
                and c.why == "given-name"
                and _POSSESSIVE_BEFORE.search(text, max(0, c.start - 8), c.start)
            ):
                # "its Aurora X5 sensor": what follows "its"/"their" is no person
                nxt = _NEXT_WORD.match(text, c.end)
                org = nxt is None or nxt.group(1) in _ORG_NOUNS or nxt.group(1) in _ARM_NOUNS
                c.label, c.why = (Label.ORG, "its-name") if org else (None, "its-thing")
        self._shrink_headline_names(cands)
        self._singles = {c.text for c in cands if len(c.tokens) == 1}
        self._single_labels = {
            c.text: c.label
            for c in cands
            if len(c.tokens) == 1 and c.strong and c.label in (Label.PERSON, Label.ORG)
        }
        persons, aliases = self._index(cands)
        self._apply_index(cands, persons, aliases, only_unknown=False)
        self._surname_places(cands, persons)
        for c in cands:
            if c.label is None and not c.title_line:
                if c.sent_init and len(c.tokens) == 1:
                    # a capitalised opener that is no common word: a name if it speaks
                    if _SAID_AFTER.match(text, c.end) and self._looks_like_name(c):
                        c.label, c.why = self._person_or_org(c, "said-single")
                    continue
                found = self._cached(self._weak_context, c)
                if found:
                    c.label, c.why = found
        self._coordinate(cands)
        self._one_kind(cands)
        persons, aliases = self._index(cands, include_weak=True)
        self._apply_index(cands, persons, aliases, only_unknown=True)
        self._grow_headline_names(cands)
        for c in cands:
            if (
                c.label == Label.ORG
                and c.after_the
                and c.start >= 4
                and text[c.start - 4 : c.start] == "The "
                and not is_sentence_start(text, c.start - 4)
            ):
                c.start -= 4  # "local band The Moorland Ghosts": "The" is part of it
                c.text = text[c.start : c.end]
        cands = self._join_known(cands, persons)
        self._keys(cands, persons)
        return [c for c in cands if c.label is not None]

    def _one_kind(self, cands: list[Cand]) -> None:
        """A guessed person whose text, or whose first word alone, is an org elsewhere
        in the text is that org ("Skyline said it ..." makes "Skyline Habitat" one)."""
        orgs = {c.text for c in cands if c.label == Label.ORG}
        if not orgs:
            return
        for c in cands:
            if (
                c.label == Label.PERSON
                and c.why in ("name-shape", "said", "coordination")
                and not (c.titled or c.honorific)
                and (c.text in orgs or (len(c.tokens) > 1 and c.tokens[0] in orgs))
            ):
                c.label, c.why = Label.ORG, "one-kind"

    def _extend_to_sentence_start(self, c: Cand, head_of: bool = False) -> None:
        """ "Clean Vote Watch, an election group": capitalised words opening the sentence
        that were set aside as common words belong to the described name; with
        `head_of`, only an org head and "of" ("Friends of Hebden Library")."""
        before = self.text[max(0, c.start - 48) : c.start]
        m = _OPENER_WORDS.search(before)
        if m and head_of:
            opener = m.group(1).split()
            if not (len(opener) == 2 and opener[0] in self.lex.org_head and opener[1] == "of"):
                return
        if m and not m.group(1).startswith(("The ", "A ", "An ")):
            c.start -= len(m.group(1))
            c.text = self.text[c.start : c.end]
            c.tokens = tuple(c.text.split())
            c.sent_init = True

    def _grow_headline_names(self, cands: list[Cand]) -> None:
        """A headline word that ends a name of the body is that name: "Harbour Rovers"
        of "Portvale Beat Harbour Rovers" when "Harbour" was set aside as common."""
        text = self.text
        body = {
            c.text: c
            for c in cands
            if not c.title_line and c.label is not None and 2 <= len(c.tokens) <= 4
        }
        if not body:
            return
        for c in cands:
            if not c.title_line or c.why == "quoted":
                continue
            line_start = text.rfind("\n", 0, c.start) + 1
            m = _PREV_WORDS.search(text, max(line_start, c.start - 40), c.start)
            if not m:
                continue
            words_before = m.group(0)
            for cut in range(len(words_before)):
                if cut and words_before[cut - 1] != " ":
                    continue
                name = words_before[cut:] + c.text
                if name in body:
                    ref = body[name]
                    c.start -= len(words_before) - cut
                    c.text, c.tokens = name, ref.tokens
                    c.label, c.key, c.why = ref.label, ref.key, "headline-name"
                    break

    def _join_known(self, cands: list[Cand], persons: dict[str, str]) -> list[Cand]:
        """Two neighbours that spell a known full name are one ("Celine" "Song" in a
        headline where "Song" was cut off as a common word)."""
        text = self.text
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if (
                prev is not None
                and c.start == prev.end + 1
                and text[prev.end] == " "
                and f"{prev.text} {c.text}" in persons
                and persons[f"{prev.text} {c.text}"] == f"{prev.text} {c.text}"
            ):
                prev.end, prev.text = c.end, f"{prev.text} {c.text}"
                prev.tokens = prev.tokens + c.tokens
                prev.label, prev.strong = Label.PERSON, True
                continue
            out.append(c)
        return out

    def _index(
        self, cands: list[Cand], include_weak: bool = False
    ) -> tuple[dict[str, str], dict[str, tuple[Label, str]]]:
        """Surname/given-name index of full person names, and surface aliases."""
        persons: dict[str, str] = {}
        full: dict[tuple[str, str], str] = {}
        aliases: dict[str, tuple[Label, str]] = {}
        # one of each kind of mention is enough: names repeat many times
        seen: set[tuple[str, object]] = set()
        unique: list[Cand] = []
        for c in cands:
            if c.label is None or not (c.strong or include_weak):
                continue
            if c.label != Label.PERSON and len(c.tokens) >= 2:
                acronym = _ACRONYM_AFTER.match(self.text, c.end)
                if acronym:  # "... Commission (IEBC)"
                    aliases.setdefault(acronym.group(1), (c.label, c.key or c.text))
            ident = (c.text, c.label)
            if ident in seen:
                continue
            seen.add(ident)
            unique.append(c)
        cands = unique
        self._org_stems = self._stems(cands)
        for c in cands:
            if c.label == Label.PERSON and not self._org_stem(c):
                parts = [t for t in c.tokens if not (len(t) == 2 and t.endswith("."))]
                if len(parts) >= 2:
                    sig = (parts[0], parts[-1])
                    best = full.get(sig)
                    if best is None or len(c.text) > len(best):
                        full[sig] = c.text
        self._surnames = {last for _first, last in full}
        for (_first, last), name in full.items():
            persons.setdefault(last, name)
        for (first, _last), name in full.items():
            persons.setdefault(first, name)
            persons.setdefault(name, name)
        for name in full.values():
            for middle in name.split()[1:-1]:
                if len(middle) > 2 and middle[0].isupper() and not middle.endswith("."):
                    persons.setdefault(middle, name)  # "Lula" of "Luiz Inácio Lula da Silva"
        for (first, last), name in full.items():
            persons[f"{first} {last}"] = name
        for c in cands:
            if c.label == Label.PERSON and len(c.tokens) == 1 and not self._org_stem(c):
                persons.setdefault(c.text, c.text)
        aliases.update((k, v) for k, v in self._org_stems.items() if k not in aliases)
        for c in cands:
            if c.label == Label.PERSON:
                continue
            key = c.key or c.text
            aliases.setdefault(c.text, (c.label, key))
            toks = c.tokens
            if c.label == Label.PLACE and c.why == "place-suffix" and len(toks) >= 2:
                aliases.setdefault(" ".join(toks[:-1]), (Label.PLACE, key))
            if c.label == Label.ORG and len(toks) >= 2:
                if toks[-1].rstrip(".") in _LEGAL:
                    aliases.setdefault(" ".join(toks[:-1]).rstrip(","), (Label.ORG, key))
                if toks[-1] in _OUTLET:
                    aliases.setdefault(toks[-1], (Label.ORG, key))
        return persons, aliases

    def _stems(self, cands: list[Cand]) -> dict[str, tuple[Label, str]]:
        """Short forms of organisations named in full here: "Tran Phu" of "Tran Phu
        Electronics", "Kestrel" of "Kestrel Devices", "Rovers" of "Harbour Rovers"."""
        lex = self.lex
        stems: dict[str, tuple[Label, str]] = {}
        for c in cands:
            toks = c.tokens
            if c.label != Label.ORG or len(toks) < 2 or not c.strong or c.title_line:
                continue
            key = c.key or c.text
            last = toks[-1].rstrip(".")
            head = [t for t in toks[:-1] if t != "The"]
            if (
                last in lex.org_suffix
                and head
                and head[0][:1].isupper()
                and head[0] not in lex.org_prefix
                and not any(t in lex.demonyms or t in COMPASS for t in head)
                and " ".join(head) not in lex.places
                and " ".join(head) not in lex.orgs
                and not (len(head) == 1 and self.is_common(head[0]))
                and not any(t in ("of", "for", "on", "and", "&") for t in toks)
            ):
                stems.setdefault(" ".join(head).rstrip(","), (Label.ORG, key))
            if (
                (
                    last in _OUTLET
                    or last in _TEAM_TAILS
                    or (last.endswith("s") and self.is_common(last))
                )
                and last not in _LEGAL
                and (last not in lex.org_suffix or last in _OUTLET or last in _TEAM_TAILS)
            ):
                stems.setdefault(last, (Label.ORG, key))  # "the Courier", "Hornets"
        return stems

    def _org_stem(self, c: Cand) -> bool:
        """A person guess without personal evidence that is the short form of an org."""
        return (
            c.text in self._org_stems
            and not c.titled
            and not c.honorific
            and c.why in _GUESSED_PERSON
        )

    def _apply_index(
        self,
        cands: list[Cand],
        persons: dict[str, str],
        aliases: dict[str, tuple[Label, str]],
        only_unknown: bool,
    ) -> None:
        for c in cands:
            if c.label == Label.PERSON and self._org_stem(c):
                c.label, c.key = self._org_stems[c.text]
                c.why = "org-stem"
                continue
            if (
                c.label == Label.PERSON
                and c.why in _GUESSED_PERSON
                and not (c.titled or c.honorific)
                and aliases.get(c.text, (None, ""))[0] == Label.ORG
            ):
                # "Shamba Shield, a startup, ... said Shamba Shield": one name, one kind
                c.label, c.key = aliases[c.text]
                c.why = "org-alias"
                continue
            if (c.label is not None and (only_unknown or c.strong)) or c.why == "quoted":
                continue
            surface = c.text
            if surface.isupper() and surface not in aliases and surface not in persons:
                surface = surface.title()  # "PUTIN SAYS" in a shouting headline
            if surface in aliases and not c.titled:
                c.label, c.key = aliases[surface]
                c.strong = c.strong or not only_unknown
                c.why = c.why or "alias"
            elif surface in persons and (c.why != "maybe" or surface in self._surnames):
                # a common word opening a sentence ("Will", "Grace") is a known person
                # only as a surname, never because someone's given name is spelled so
                c.label, c.key = Label.PERSON, persons[surface]
                c.strong = True
                c.why = c.why or "known-person"

    def _surname_places(self, cands: list[Cand], persons: dict[str, str]) -> None:
        """ "Denzel Washington ... Washington said": a city-named surname of a person
        named in full here is that person, unless a preposition makes it a place."""
        text = self.text
        for c in cands:
            if (
                c.label == Label.PLACE
                and len(c.tokens) == 1
                and c.text in self._surnames
                and c.text not in self.lex.countries
                and not _PLACE_PREP.search(text, max(0, c.start - 12), c.start)
            ):
                c.label, c.key, c.why = Label.PERSON, persons.get(c.text, c.text), "surname"

    def _shrink_headline_names(self, cands: list[Cand]) -> None:
        """In a headline, "Denis Villeneuve Delivers" is the "Denis Villeneuve" of the body."""
        text = self.text
        body = {c.text for c in cands if not c.title_line and c.label is not None}
        for c in cands:
            if (
                not c.title_line
                or not 2 <= len(c.tokens) <= 12  # headline names are short; bound the search
                or c.why == "quoted"
                or not (c.label is None or c.why == "given-name")
            ):
                continue
            if c.text in body:
                continue
            # the longest run of its words that the body names ("Denis Villeneuve"
            # of "Denis Villeneuve Delivers", "Anura Dissanayake" of "Leftist Anura ...")
            n = len(c.tokens)
            spans = sorted(
                ((i, j) for i in range(n) for j in range(i + 1, n + 1) if j - i < n),
                key=lambda ij: (ij[0] - ij[1], ij[0]),
            )
            for i, j in spans:
                words_ = " ".join(c.tokens[i:j])
                if words_ not in body:
                    continue
                start = text.find(words_, c.start, c.end)
                if start < 0:
                    continue
                c.start, c.end, c.text = start, start + len(words_), words_
                c.tokens = c.tokens[i:j]
                c.label = None
                break

    def _coordinate(self, cands: list[Cand]) -> None:
        text = self.text
        for idx, c in enumerate(cands):
            guessed = c.label == Label.PERSON and c.why == "name-shape"
            if (c.label is not None and not guessed) or c.title_line:
                continue
            if not self._looks_like_name(c):
                continue
            for j in (idx - 1, idx + 1):
                if not 0 <= j < len(cands):
                    continue
                other = cands[j]
                if other.label is None:
                    continue
                lo, hi = (other.end, c.start) if j < idx else (c.end, other.start)
                if not 0 <= hi - lo <= 12:
                    continue
                between = text[lo:hi]
                if guessed and (other.label != Label.ORG or other.why == "name-shape"):
                    continue  # a guessed person changes only for an org beside it
                if _COORD.match(between) and (
                    other.label != Label.ORG  # org lists need "and": "Copyright, Project X"
                    or ("and" in between or "&" in between or " or " in between)
                ):
                    c.label, c.why = other.label, "coordination"
                    break
                if (
                    not guessed
                    and other.label == Label.PERSON
                    and (
                        (j < idx and _PLAYS.match(between))  # "Sandra Hüller as Sandra"
                        or (j > idx and _OPEN_PAREN.match(between))  # "Nora (Greta Lee)"
                        or (
                            j < idx
                            and _OPEN_PAREN.match(between)
                            and text[c.end : c.end + 1] == ")"
                        )
                    )
                ):
                    c.label, c.why = Label.PERSON, "role-of-actor"
                    break

    def _keys(self, cands: list[Cand], persons: dict[str, str]) -> None:
        for c in cands:
            if c.label == Label.PERSON:
                parts = [t for t in c.tokens if not (len(t) == 2 and t.endswith("."))]
                if len(parts) >= 2:
                    c.key = persons.get(f"{parts[0]} {parts[-1]}", c.text)
                else:
                    c.key = persons.get(c.text) or persons.get(c.text.title(), c.text)
            elif c.key is None:
                c.key = c.text
