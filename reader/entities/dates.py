"""DATE mentions and their ISO values ("YYYY-MM-DD", "YYYY-MM", "YYYY").

Absolute dates get a value from the text alone; relative ones ("last week",
"Tuesday", "this past summer") only when the publication date is known. Calendar
arithmetic is python-dateutil's (relativedelta; its parser, ~15 ms to import,
only for a publication date that is not plain YYYY-MM-DD).
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from reader.entities.model import Entity, Label
from reader.entities.rx import cased_words, trie, words

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9}
_ABBR.update({"Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12})
WEEKDAYS = {
    name: wd
    for name, wd in zip(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        (MO, TU, WE, TH, FR, SA, SU),
        strict=True,
    )
}
# (first month, last month) of each northern-hemisphere season
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|Sept)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NOT_NUM_BEFORE = r"(?<![\w$€£¥.,/:-])"
_NOT_NUM_AFTER = r"(?![\w%/:-]|[.,]\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_UNIT = r"(?:week|weekend|month|year|quarter|decade|century)"
_REL = r"(?:[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming|[Tt]his\s+past|[Tt]his\s+coming)"
_EDGE = r"(?:[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)"
_COUNT = (
    r"(?:\d+|[Aa]\s+few|[Aa]\s+couple\s+of|[Aa]|[Aa]n|[Oo]ne|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|[Ss]everal|[Mm]any)"
)
_HOLIDAY_WORDS = (
    "Christmas|Christmas Eve|Christmas Day|Easter|Easter Sunday|Ramadan|Eid|Eid al-Fitr|"
    "Eid al-Adha|Diwali|Hanukkah|Passover|Thanksgiving|New Year's Day|New Year's Eve|"
    "New Year’s Day|New Year’s Eve|Lunar New Year|Election Day|Independence Day|Labor Day|"
    "Memorial Day|Boxing Day|Good Friday|Yom Kippur|Rosh Hashanah|Halloween"
)
_HOLIDAY = "(?:" + "|".join(sorted(_HOLIDAY_WORDS.split("|"), key=len, reverse=True)) + ")"
_PERIOD_OF = r"(?:[Tt]he\s+)?(?:end|beginning|start|middle|rest|first\s+half|second\s+half)\s+of\s+"

# Every alternative below starts at a word boundary with one of these words: checking
# them first lets the scan skip most positions at C speed.
_TRIGGER = (
    r"\b(?=\d|"
    + trie(
        words(
            "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Monday Tuesday Wednesday Thursday "
            "Friday Saturday Sunday Q1 Q2 Q3 Q4 H1 H2 FY"
        )
        + _HOLIDAY_WORDS.split("|")
        + cased_words(
            "early earlier late later mid this last next past coming previous one two three four "
            "five six seven eight nine ten eleven twelve several many today yesterday tomorrow "
            "tonight spring summer autumn fall winter end beginning start middle rest first "
            "second third fourth fiscal"
        )
        + [
            f"{art} {word}"
            for art in ("the", "The")
            for word in words(
                "end beginning start middle rest first second third fourth next past last "
                "coming previous 1 2"
            )
        ]
        + [
            f"{art} {word}"
            for art in ("a", "A", "an", "An")
            for word in words("few couple year month week day decade hour")
        ]
    )
    + ")"
)
DATE_RE = re.compile(
    _TRIGGER
    + "(?:"
    + "|".join(
        [
            r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)",
            rf"(?P<mdy>(?:{_WEEKDAY},?\s+)?(?:(?P<e1>{_EDGE})[- ])?"
            rf"(?P<m1>{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?=\s+\d))"
            rf"\s+(?P<d1>{_DAY})"
            rf"(?![\w%])(?:,?\s+(?P<y1>{_YEAR})\b)?)",
            rf"(?P<dmy>(?:{_WEEKDAY},?\s+)?\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})"
            rf"(?:,?\s+(?P<y2>{_YEAR})\b)?)",
            rf"(?P<my>(?:(?P<e3>{_EDGE})[- ]|{_PERIOD_OF})?(?P<m3>{_MONTH})"
            rf"(?:,?\s+(?:of\s+)?(?P<y3>{_YEAR})\b)?)",
            rf"(?P<qtr>(?:[Tt]he\s+)?(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?P<qy>{_YEAR}))?|\bQ[1-4](?:\s+(?P<qy2>{_YEAR}))?\b|\bH[12]\s+(?P<hy>{_YEAR})\b|\b(?:fiscal|FY)\s*(?P<fy>{_YEAR})\b)",
            rf"(?P<ago>\b(?P<an>{_COUNT})\s+(?P<au>days?|weeks?|months?|years?|decades?)\s+ago\b)",
            r"(?P<few>(?:[Tt]he\s+)?(?:next|past|last|coming|previous)\s+(?:few|several|couple\s+of)\s+(?:days|weeks|months|years|decades))",
            rf"(?P<pof>{_PERIOD_OF}(?:(?P<pr>the|this|last|next)\s+(?P<pu>{_UNIT})|(?P<py>{_YEAR})\b))",
            rf"(?P<rel>(?:(?P<re>{_EDGE})\s+)?(?P<rr>{_REL})\s+(?P<ru>{_UNIT}|{_SEASON}|{_WEEKDAY}|{_MONTH})\b)",
            rf"(?P<sy>\b(?P<se>{_EDGE}[- ])?(?P<ss>{_SEASON}|Spring|Summer|Autumn|Fall|Winter)"
            rf"\s+(?:of\s+)?(?P<sy2>{_YEAR})\b)",
            rf"(?P<ey>(?:\b(?P<e4>{_EDGE})[- ]){_NOT_NUM_BEFORE}(?P<y4>{_YEAR}){_NOT_NUM_AFTER})",
            r"(?P<decade>(?:\b(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?\b(?:1[89]|20)\d0s\b)",
            rf"(?P<holiday>\b{_HOLIDAY}\b)",
            rf"(?P<yrange>{_NOT_NUM_BEFORE}(?:1[89]|20)\d\d[-–/](?:(?:1[89]|20)\d\d|\d\d)(?![\w%/-]|[.,]\d))",
            r"(?P<century>\b(?:1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b)",
            r"(?P<deictic>\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b)",
            rf"(?P<wd>\b(?P<w>{_WEEKDAY})\b)",
            rf"(?P<year>{_NOT_NUM_BEFORE}(?P<y5>{_YEAR}){_NOT_NUM_AFTER}(?!\s+(?:percent|per\s+cent|people|troops|soldiers|km|miles|tons|tonnes|units)\b))",
            r"(?P<season>\b(?:spring|summer|autumn|winter)\b)",
        ]
    )
    + ")"
)

_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|shall|next|scheduled|upcoming|(?:expected|due|set|plans?|going)\s+to)\b"
    r"|['’]ll\b)[^.!?\n]*$"
)
_MAY_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|through|last|next|this|early|late|mid|of|during|from|before|after)\s*$",
    re.IGNORECASE,
)
_SEASON_BLOCK = re.compile(r"\b(?:every|each|per|all)\s+$", re.IGNORECASE)


_PLAIN_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_published(published: str | None) -> date | None:
    """The publication date as a `date`, or None when absent or unparsable."""
    if not published:
        return None
    head = published.strip()[:10]
    try:
        plain = _PLAIN_ISO_DATE.fullmatch(head)
        if plain:  # what dateutil's isoparse gives for this form, without importing it
            return date(int(plain[1]), int(plain[2]), int(plain[3]))
        from dateutil import parser as date_parser  # other ISO forms: rare

        return date_parser.isoparse(head).date()
    except (ValueError, OverflowError):
        return None


def _month(token: str) -> int:
    token = token.rstrip(".")
    return MONTHS.get(token) or _ABBR[token]


def _day(token: str) -> int:
    return int(token.rstrip("stndrh"))


def _ym(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _future(text: str, start: int) -> bool:
    """A cue of the future ("will", "next") earlier in the same sentence, nearby."""
    lo = max(0, start - 60)
    lo = max(lo, text.rfind("\n", lo, start) + 1)
    return bool(_FUTURE_CUE.search(text, lo, start))


def _recent_month(pub: date, month: int, future: bool) -> date:
    """The most recent `month` not after `pub` (or the next one when `future`)."""
    year = pub.year
    if future and month < pub.month:
        year += 1
    elif not future and month > pub.month:
        year -= 1
    return date(year, month, 1)


def _season_year(pub: date, season: str, rel: str) -> int:
    first, last = SEASONS[season]
    if rel in ("this", "coming", "this coming"):
        return pub.year
    if rel == "next":
        return pub.year if pub.month < first else pub.year + 1
    # last / past / this past: the most recent season that has ended
    if season == "winter":
        return pub.year if pub.month > last and pub.month < 12 else pub.year - 1
    return pub.year if pub.month > last else pub.year - 1


def _rel_value(rel: str, unit: str, pub: date | None, text: str, start: int) -> str | None:
    if pub is None:
        return None
    rel = " ".join(rel.lower().split())
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
        rel, 0
    )
    if unit in ("week", "weekend"):
        monday = pub + relativedelta(weekday=MO(-1), weeks=step)
        return monday.isoformat() if unit == "week" else None
    if unit == "month":
        return _ym(pub + relativedelta(months=step))
    if unit == "year":
        return str(pub.year + step)
    if unit in ("quarter", "decade", "century"):
        return None
    if unit.lower() in SEASONS:
        return str(_season_year(pub, unit.lower(), rel))
    if unit in WEEKDAYS:
        wd = WEEKDAYS[unit]
        if step < 0:
            return (pub + relativedelta(days=-1, weekday=wd(-1))).isoformat()
        if step > 0:
            return (pub + relativedelta(days=+1, weekday=wd(+1))).isoformat()
        return (pub + relativedelta(weekday=wd(+1 if _future(text, start) else -1))).isoformat()
    month = _month(unit)
    if step < 0:
        year = pub.year if month < pub.month else pub.year - 1
    elif step > 0:
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = pub.year
    return f"{year:04d}-{month:02d}"


def _value(m: re.Match[str], kind: str, pub: date | None, text: str) -> str | None:
    g = m.group
    if kind == "iso":
        d = _safe_date(int(g("iy")), int(g("im")), int(g("id")))
        return d.isoformat() if d else None
    if kind in ("mdy", "dmy"):
        n = "1" if kind == "mdy" else "2"
        month, day, year = _month(g("m" + n)), _day(g("d" + n)), g("y" + n)
        if year:
            d = _safe_date(int(year), month, day)
            return d.isoformat() if d else None
        if pub is None:
            return None
        options = [
            d for d in (_safe_date(pub.year + k, month, day) for k in (-1, 0, 1)) if d is not None
        ]
        if _future(text, m.start()):
            options = [d for d in options if d >= pub] or options
        if not options:
            return None
        # the nearest such day to the publication date; a tie goes to the past
        best = min(options, key=lambda d: (abs((d - pub).days), d > pub))
        return best.isoformat()
    if kind == "my":
        month, year = _month(g("m3")), g("y3")
        if year:
            return f"{int(year):04d}-{month:02d}"
        if pub is None:
            return None
        return _ym(_recent_month(pub, month, _future(text, m.start())))
    if kind == "qtr":
        year = g("qy") or g("qy2") or g("hy") or g("fy")
        if year is None and pub is not None and "fiscal" not in g(kind).lower():
            return str(pub.year)  # "the second quarter" of the publication year
        return year
    if kind == "ago":
        if pub is None or g("an").lower() in ("a few", "several", "many") or "couple" in g("an"):
            return None
        count = g("an").lower()
        n = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
        if n is None or n > 10000:
            return None
        unit = g("au").rstrip("s")
        if unit == "day":
            return (pub - relativedelta(days=n)).isoformat()
        if unit == "week":
            return (pub - relativedelta(weeks=n) + relativedelta(weekday=MO(-1))).isoformat()
        if unit == "month":
            return _ym(pub - relativedelta(months=n))
        years = n * (10 if unit == "decade" else 1)
        return str(pub.year - years) if pub.year - years > 0 else None
    if kind == "pof":
        if g("py"):
            return g("py")
        if pub is None:
            return None
        return _rel_value(g("pr"), g("pu"), pub, text, m.start())
    if kind == "rel":
        return _rel_value(g("rr"), g("ru"), pub, text, m.start())
    if kind == "sy":
        return g("sy2")
    if kind == "ey":
        return g("y4")
    if kind == "deictic":
        if pub is None:
            return None
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g(kind).lower()]
        return (pub + relativedelta(days=shift)).isoformat()
    if kind == "wd":
        if pub is None:
            return None
        wd = WEEKDAYS[g("w")]
        return (pub + relativedelta(weekday=wd(+1 if _future(text, m.start()) else -1))).isoformat()
    if kind == "year":
        return g("y5")
    return None


def find_dates(text: str, published: str | None = None) -> list[Entity]:
    """Every DATE mention of `text`, in order, with a value where one can be known."""
    pub = parse_published(published)
    out: list[Entity] = []
    for m in DATE_RE.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        start, end = m.span()
        if (
            kind == "my"
            and m.group("m3") == "May"
            and not (m.group("y3") or m.group("e3"))
            and not _MAY_CONTEXT.search(text, max(0, start - 12), start)
        ):
            continue  # "may" the verb
        if kind == "season" and _SEASON_BLOCK.search(text, max(0, start - 12), start):
            continue
        value = None
        if kind not in ("decade", "season", "century", "holiday", "yrange"):
            try:
                value = _value(m, kind, pub, text)
            except (ValueError, OverflowError):
                value = None  # beyond the calendar (a publication date of year 1 or 9999)
        out.append(Entity(start, end, text[start:end], Label.DATE, value))
    return out
