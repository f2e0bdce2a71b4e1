"""QUANTITY mentions: money, percentages, measures, durations and counts.

Span rules (see bench/entity_sets/GUIDELINES.md): the number plus its unit when the
unit is a measure or a currency; the number alone for counted nouns; approximators
("more than", "about") outside; "one" as a pronoun and years are not quantities.
"""

from __future__ import annotations

import re

from reader.entities.model import Entity, Label
from reader.entities.rx import cased, cased_words, trie, words

_NUMW = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)

_NUMW_C = (
    cased(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety"
    )
    + r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_DIG = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_HALF = r"(?:\s+and\s+a\s+half)"
_NUM = (
    rf"(?:{_DIG}|{_NUMW_C}{_HALF}?|"
    r"[Aa]n?(?=\s+(?:hundred|thousand|million|billion|trillion|dozen)\b))"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|crore|lakh|dozen)"
_SCALE_ABBR = r"(?:bn|mn|tn|[mkMKB])(?![\w])"
_CUR_PRE = (
    r"(?:US\$|U\.S\.\s?\$|[ACSR]\$|HK\$|NZ\$|\$|€|£|¥|₹|₩|₽|₺|₦|₱|₴|₫|₵|₸|₡|Rs\.?\s?|"
    r"(?:USD|EUR|GBP|INR|JPY|CNY|RMB|CHF|KSh|Ksh|Sh|Rp|RM|Tk)\s?(?=\d)|[RN](?=\d[\d.]*\s*(?:million|billion|trillion|bn|mn)\b|\d{1,3},\d{3}))"
)
_CUR_WORD = (
    r"(?:(?:U\.S\.|US|Swiss|Hong\s+Kong|Singapore|Australian|Canadian|New\s+Zealand|Taiwan|"
    r"South\s+African|Indian|Pakistani|Mexican|Brazilian|Chinese|Japanese|Danish|Swedish|"
    r"Norwegian|Turkish|Egyptian|Nigerian|Kenyan|Russian|Ukrainian|Argentine|Chilean|"
    r"Colombian|Philippine|Thai|Indonesian|Malaysian|Saudi|Qatari|Emirati|Israeli|Polish|"
    r"Czech|Hungarian)\s+)?(?:dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|renminbi|rupees?|roubles?|rubles?|"
    r"pesos?|francs?|naira|rand|lira|shekels?|reais|dirhams?|riyals?|hryvnias?|zlotys?|"
    r"kronor|kroner|krona|krone|baht|ringgit|rupiah|cents?|pence|won|shillings?|cedis?|kwacha|birr|taka|soles|rials?|USD|EUR|GBP)"
)
_PCT = (
    r"(?:\s?%|\s?percent\b|\s?per\s?cent\b|\s+percentage\s+points?\b|\s+basis\s+points?\b|\s?bps\b)"
)
_UNIT_SING = (
    r"(?:mile|kilometer|kilometre|km|meter|metre|foot|feet|inch|yard|acre|hectare|ton|tonne|"
    r"kilogram|kg|gram|pound|ounce|liter|litre|gallon|barrel|megawatt|gigawatt|kilowatt|watt|"
    r"volt|degree|knot|year|month|week|day|hour|minute|second|decade|century|night|storey|story|"
    r"point|seat|member|man|person|page|game|match|round|episode|part|lane|bed|room|hole|"
    r"mm|cm|inch|bit|megapixel|speed|track|star)"
)
_UNIT = (
    r"(?:(?:square|sq\.?|cubic)\s+)?(?:miles?|kilometers?|kilometres?|km2|km|meters?|metres?|"
    r"cm|mm|feet|foot|ft|inches|inch|yards?|acres?|hectares?|tons?|tonnes?|kilograms?|kg|grams?|"
    r"lbs?|ounces?|oz|liters?|litres?|gallons?|barrels?|bpd|megawatts?|gigawatts?|kilowatts?|"
    r"watts?|MW|GW|kW|kWh|MWh|GWh|TWh|volts?|degrees?(?:\s+(?:Celsius|Fahrenheit|C|F)\b)?|°[CF]?|"
    r"knots?|mph|km/h|kph|calories|kcal|gigabytes?|terabytes?|megabytes?|GB|TB|MB|light-years?|"
    r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|nights?)"
)
# units written against the number: "5km", "35C", "2GW"
_COMPACT_UNIT = r"(?:km|kg|mm|cm|GW|MW|kW|GWh|MWh|kWh|GB|TB|MB|mph|kph|C|F)(?![\w])"
_FRACTION = (
    cased("two-thirds three-quarters one-third one-quarter one-half one-fifth one-tenth")
    + r"|[Aa][ \t]+(?:third|quarter|fifth|tenth)"
)
_VAGUE = (
    r"(?:(?:[Tt]ens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Dd]ozens)"
    r"(?:\s+of\s+(?:thousands|millions|billions))?)"
)

# Every alternative starts with a currency sign, or at a word boundary with a digit, a
# currency code, a number word or "a"/"an": checking that first skips most positions.
_TRIGGER = (
    r"(?:(?=[$€£¥₹₩₽₺₦₱₴₫₵₸₡])|\b(?=\d|"
    + trie(
        words(
            "US U.S A$ C$ S$ R$ HK NZ Rs USD EUR GBP INR JPY CNY RMB CHF KSh Ksh Sh Rp RM Tk R N "
            "two-thirds three-quarters one-third one-quarter one-half one-fifth one-tenth "
            "Two-thirds Three-quarters One-third One-quarter"
        )
        + cased_words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
            "seventy eighty ninety tens hundreds thousands millions billions dozens"
        )
        + [
            f"{art} {word}"
            for art in ("a", "A", "an", "An")
            for word in words(
                "year month week day decade century hour minute half-hour hundred thousand "
                "million billion trillion dozen third quarter fifth tenth"
            )
        ]
    )
    + "))"
)
QTY_RE = re.compile(
    _TRIGGER
    + "(?:"
    + "|".join(
        [
            rf"(?P<money>{_CUR_PRE}{_NUM}(?:\s*{_SCALE}|{_SCALE_ABBR})*(?:\s+{_CUR_WORD})?(?![\w]))",
            rf"(?P<hyph>(?<![\w$€£.,-]){_NUM}(?:\s+{_SCALE})*-{_UNIT_SING}(?:-(?:old|long|wide|high|deep|strong|plus))?(?![\w-]))",
            rf"(?P<num>(?<![\w$€£.,/:-]){_NUM}(?:\s+{_SCALE}s?)*(?P<unit>{_PCT}|\s+{_CUR_WORD}(?![\w])|\s+{_UNIT}(?![\w])|{_COMPACT_UNIT})?(?![\w])(?!-\w))",
            rf"(?P<frac>(?<![\w-])(?:{_FRACTION})(?![\w-])(?=\s+of\b))",
            rf"(?P<vague>(?<![\w-]){_VAGUE}(?:\s+of\s+(?P<vunit>{_UNIT}|{_CUR_WORD})(?![\w]))?(?![\w-]))",
            r"(?P<adur>(?<![\w-])[Aa]n?\s+(?:year|month|week|day|decade|century|hour|minute|half-hour)(?![\w-]))",
        ]
    )
    + ")"
)

_YEAR_ONLY = re.compile(r"(?:1[89]\d\d|20\d\d)")
_ADDRESS_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Lane|Square|"
    r"Drive|Way|Place)\b"
)
_DURATION_END = re.compile(r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)$")
_DURATION_JOIN = re.compile(r",?[ \t]+(?:and[ \t]+)?")
_TIME_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|[:/]\d|h\d\d)", re.IGNORECASE)
_APPROX_BEFORE = re.compile(
    r"(?:\b(?:than|nearly|almost|about|over|under|around|roughly|within|after|least|most|some|"
    r"just|barely|only|for|in|past|last|first|entire|full|whole)\s+)$",
    re.IGNORECASE,
)
_ADUR_AFTER = re.compile(r"\s+(?:later|earlier|of|long|on|before|after|or|and)\b")
_CAP_BEFORE = re.compile(r"(?:\b(?:[A-Z][\w-]*|No\.|#)\s*)$")
_SENTENCE_END_BEFORE = re.compile(r"(?:[.!?:;]['\"”’)]*\s+|^\s*|\n\s*)$")
_LOWER_WORD_AFTER = re.compile(r"\s+(?:[a-z][\w-]*|of\b)")


def _keep_num(text: str, m: re.Match[str]) -> bool:
    """Filters for bare numbers (no currency, unit or percent)."""
    start, end = m.span()
    surface = m.group()
    if _YEAR_ONLY.fullmatch(surface):
        return False  # years are DATE
    if _TIME_AFTER.match(text, end) or _ADDRESS_AFTER.match(text, end):
        return False  # "3 p.m.", "10 Downing Street"
    low = surface.lower()
    if low in ("one", "a", "an", "zero"):
        return False
    before = text[max(0, start - 24) : start]
    if not surface[0].isdigit():
        # spelled-out count: must count something ("the two governments"), not enumerate
        return _LOWER_WORD_AFTER.match(text, end)
    cap = _CAP_BEFORE.search(before)
    # "Article 5", "Boeing 737", "No. 1" are names, not quantities
    return not (cap and not _SENTENCE_END_BEFORE.search(before[: cap.start()]))


def find_quantities(text: str) -> list[Entity]:
    """Every QUANTITY mention of `text`, in order (may overlap dates; the caller resolves)."""
    out: list[Entity] = []
    for m in QTY_RE.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "num" and not m.group("unit") and not _keep_num(text, m):
            continue
        if kind == "num" and m.group("unit") and m.group().lower().startswith("one "):
            unit = m.group("unit").strip().lower()
            if unit in ("day", "night", "second", "minute") and not _APPROX_BEFORE.search(
                text, max(0, start - 20), start
            ):
                continue  # "One day, she left": an idiom, not a duration
        if kind == "adur":
            before_ok = _APPROX_BEFORE.search(text, max(0, start - 20), start)
            if not (before_ok or _ADUR_AFTER.match(text, end)):
                continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and _DURATION_END.search(prev.text)
            and _DURATION_END.search(m.group())
            and _DURATION_JOIN.fullmatch(text, prev.end, start)
        ):
            # "two hours and 46 minutes" is one duration
            out[-1] = Entity(prev.start, end, text[prev.start : end], Label.QUANTITY)
            continue
        out.append(Entity(start, end, text[start:end], Label.QUANTITY))
    return out
