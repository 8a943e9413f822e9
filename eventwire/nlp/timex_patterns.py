"""Surface patterns for English temporal expressions, compiled once per process on first use.

Each pattern has a name (the key of its resolver in ``timex_resolve``) and a regular expression
over raw text. When a pattern has a group named ``core``, that group is the extent of the
expression (leading prepositions such as "for" or "in" stay outside, TE3-style); a pattern with
two alternatives may name the second one's extent ``core2``. Month and weekday
names must be capitalised ("may" is a modal verb, "march" a verb).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "hundred": 100, "a hundred": 100, "half a": 0.5, "a half": 0.5,
    "a couple of": 2, "couple of": 2,
} | UNIT_WORDS | TEENS | TENS  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some")
UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W", "fortnight": "2W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
MODIFIERS = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "the beginning of": "START", "the start of": "START", "the middle of": "MID",
    "the end of": "END", "more than": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "approximately": "APPROX",
    "roughly": "APPROX", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}  # fmt: skip
POINT_MODIFIERS = frozenset({"START", "MID", "END"})
HOLIDAYS = (
    "New Year's Day", "New Year's Eve", "Christmas Day", "Christmas Eve", "Christmas",
    "Boxing Day", "Valentine's Day", "May Day", "Independence Day", "Halloween", "Easter",
    "Easter Sunday", "Good Friday", "Thanksgiving Day", "Thanksgiving", "Labor Day",
    "Memorial Day", "Election Day", "Veterans Day", "Easter Monday", "Palm Sunday",
    "Ash Wednesday", "Maundy Thursday", "Pentecost", "Ascension Day", "St. Patrick's Day",
    "Mother's Day", "Father's Day", "Columbus Day", "Martin Luther King Day",
    "Presidents' Day", "Presidents Day", "Flag Day", "Bastille Day", "Armistice Day",
    "Remembrance Day", "Canada Day", "Australia Day", "Earth Day", "April Fools' Day",
    "International Women's Day", "All Saints' Day", "Epiphany", "Inauguration Day",
)  # fmt: skip
# Words between an amount and its unit that keep it a span of time: "20 more years", "an
# additional year", "eight trading days", "three straight weeks".
UNIT_QUALIFIERS = (
    "more", "additional", "extra", "further", "straight", "consecutive", "successive",
    "trading", "business", "working", "full", "whole",
)  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap(words: dict[str, int]) -> str:
    """Capitalised alternatives, matched case-sensitively even inside an IGNORECASE pattern."""
    return "(?-i:" + "|".join(w.capitalize() for w in sorted(words, key=len, reverse=True)) + ")"


# Building blocks of the patterns (immutable strings).
_MONTH = _cap(MONTHS) + r"\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TENS_UNITS = rf"(?:{_alt(TENS)})(?:[- ](?:{_alt(UNIT_WORDS)}))?"
_SPELLED_YEAR = (
    rf"nineteen[- ](?:hundred|{_alt(TEENS)}|{_TENS_UNITS})|"
    rf"two thousand(?:(?: and)? (?:{_alt(UNIT_WORDS)}|{_alt(TEENS)}))?"
)
_YEAR = rf"(?P<year>1[5-9]\d\d|20\d\d|{_SPELLED_YEAR})"
_WDAY = _cap(WEEKDAYS)
_COUNT = rf"\d+(?: 1/2|\.\d+)?|{_TENS_UNITS}|{_alt(NUMBERS)}"
# The lookahead lets the engine skip most words at once (amounts start with a digit or with
# one of these letters), which keeps the amount patterns cheap on long articles.
_NUM = (
    r"(?=[\dacefhmnost])"
    rf"(?P<num>(?:{_COUNT})(?: and a half)?|{_alt(VAGUE_NUMBERS)})"
)
_UNIT = rf"(?P<unit>{_alt(UNITS)}|centurie)s?(?P<half> and a half)?"
_UQUAL = rf"(?:(?:{_alt(UNIT_QUALIFIERS)}) )?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_PART2 = r"(?P<part2>morning|afternoon|evening|night)"
_QUAL = r"(?P<qual>last|next|this|past|coming|previous|following|current)"
_SEASON = r"(?P<season>spring|summer|autumn|winter|fall)"


def _calendar_sources() -> list[tuple[str, str]]:
    """Calendar dates: ISO, month-day(-year), month-year, months."""
    month, day, year, qual, wday = _MONTH, _DAY, _YEAR, _QUAL, _WDAY
    return [
        ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("mdy", rf"\b(?:{wday},? )?(?P<month>{month}) {day}\b(?:,? {year}\b)?(?!\d)"),
        ("dmy", rf"\b(?:{wday},? )?{day} (?:of )?(?P<month>{month})(?:,? {year}\b)?"),
        ("my", rf"\b(?P<month>{month}),? (?:of )?{year}\b"),
        (
            "day_and",  # "April 24 and 25": the second day of the pair
            rf"\b(?P<month>{month}) [0-3]?\d(?:st|nd|rd|th)? (?:and|or|to|through) "
            rf"(?P<core>{day}(?:,? {year}\b)?)(?![\d:])",
        ),
        ("week_of", rf"\bthe week of (?P<month>{month}) {day}\b(?:,? {year}\b)?(?!\d)"),
        ("month_qyear", rf"\b(?P<month>{month}),? (?:of )?(?P<qual>this|last|next) year\b"),
        ("qual_month", rf"\b{qual} (?P<month>{_cap(MONTHS)})\b(?!\.? \d)"),
        (
            "month",
            rf"\b(?:(?:in|by|since|until|till|of|from|to|through|early|late) |mid-)"
            rf"(?P<core>(?P<month>{month}))\b",
        ),
        (
            "month_bare",
            r"\b(?P<month>(?-i:January|February|April|June|July|August|"
            r"September|October|November|December))\b",
        ),
    ]


def _period_sources() -> list[tuple[str, str]]:
    """Quarters and halves of (fiscal) years, and the reporting period of a results story."""
    return [
        (
            "quarter",
            rf"\b(?:the (?=(?:\S+ ){{0,2}}?(?:{_alt(ORDINALS)}|latest|current) (?:quarter|half)))?"
            rf"(?:(?P<qyear>this|last|next) year's |"
            rf"(?P<pyear>1[5-9]\d\d|20\d\d) |(?P<back>year-ago|year-earlier) )?(?:fiscal[- ])?"
            rf"(?P<ord>{_alt(ORDINALS)}|latest|current)[- ](?P<unit>quarter|half)"
            rf"(?: of {_YEAR})?\b",
        ),
        (
            "period",
            r"\b(?P<det>the|that|this|last year's) (?:comparable |corresponding |same )?"
            r"(?:(?P<adj>latest|current|year-ago|year-earlier|1[5-9]\d\d|20\d\d) )?"
            r"(?P<noun>quarter|period)\b(?:,? (?P<ago>a year (?:ago|earlier)|last year))?"
            r"(?! of\b)",
        ),
        (
            "last_part",  # "the last half of 1989", "the final quarter of 2012"
            rf"\bthe (?:last|final) (?P<unit>quarter|half) of {_YEAR}\b",
        ),
        ("year_back", r"\b(?P<core>year-(?:ago|earlier))\b(?! (?:quarter|period)\b)"),
        ("year_end", r"\b(?:the )?year(?:'s)?[- ]end\b"),
    ]


def _amount_sources() -> list[tuple[str, str]]:
    """Expressions built on an amount: "20 years ago", "once a week", "48 hours"."""
    num, unit, wday = _NUM, _UNIT, _WDAY
    return [
        (
            "someday",  # "will one day become", "hopes to one day return", "someday"
            r"(?:(?:(?<=\bwill )|(?<=\bwould )|(?<=\bcould )|(?<=\bmight )|(?<=\bmay )|"
            r"(?<=\bcan )|(?<=\bshall )|(?<=\bshould )|(?<=\bmust )|(?<=\bto ))one |\bsome ?)"
            r"day\b"
            r"(?! (?:after|before|later|of)\b)",
        ),
        (
            "ago",
            rf"\b{num}[ -]{unit}(?: or so)? (?P<dir>ago|earlier|from now|hence)\b",
        ),
        (
            "offset",
            rf"\b(?P<core>(?:the )?{num}[ -]{unit}(?: or so)?) (?P<dir>later|after|before)\b",
        ),
        (
            "set_freq",
            rf"\b(?P<freq>once|twice|{num} times) (?:a|an|per|every|each) "
            rf"(?P<unit>{_alt(UNITS)})\b",
        ),
        (
            "set_every",
            rf"\b(?:every|each) (?:(?P<other>other) )?(?:(?P<wday>{wday})(?: {_PART})?|"
            rf"(?P<month>{_cap(MONTHS)})|(?P<unit>{_alt(UNITS)})|{_PART2}|{_SEASON})\b",
        ),
        ("set_every_n", rf"\b(?:every|each) {num} (?P<unit>{_alt(UNITS)}|centurie)s\b"),
        (
            "set_weekday",  # "on Mondays", "Tuesday nights", "Sunday mornings"
            rf"\b(?P<wday>{wday})(?:(?-i:s)(?: {_PART}s)?| {_PART2}s)\b",
        ),
        ("set_weekend", r"\b(?:on|at|over|during) (?P<core>weekends)\b"),
        ("set_adverb", r"\b(?P<adv>dai|week|month|annual|year|hour)ly\b(?!-)"),
        (
            "past_n",
            rf"\b(?:the )?(?P<qual>past|last|next|coming|previous|first|final) "
            rf"{num} {_UQUAL}{unit}(?: or so)?\b",
        ),
        (
            "duration",
            rf"\b(?:the (?=\S+ (?:{_alt(UNITS)}|centurie)s\b)|"
            rf"(?:an (?:additional|extra) |a further |another )(?=\S+ (?:{_alt(UNITS)})))?"
            rf"{num}(?:-| {_UQUAL}(?!(?:{_alt(UNITS)}|centurie)s?-long\b)){unit}"
            r"(?:-long)?\b(?!-old| old\b|-)",
        ),
        (
            "long_unit",  # "a day-long meeting", "a decades-long dispute"
            rf"\b(?P<unit>{_alt(UNITS)}|centurie)(?P<plural>s)?-long\b",
        ),
        (
            "vague_dur",
            rf"\b(?:for|in|over|within) (?P<core>(?P<unit>{_alt(UNITS)}|centurie)s)\b(?! ago)",
        ),
        (
            "rate",
            r"\b(?:million|billion|thousand|percent|cents|shares|units|\d%?) "
            r"(?P<core>a (?P<unit>year|month|week|day))\b",
        ),
        (
            "recent",
            r"\b(?:(?P<recent>recent)|(?:the )?(?P<coming>coming)) (?P<unit>day|week|month|"
            r"quarter|year|decade)s\b",
        ),
        (
            "ahead",  # "in the weeks ahead", "the year ahead"
            rf"\b(?:the )?(?:(?P<num>{_COUNT}|{_alt(VAGUE_NUMBERS)}) )?"
            rf"(?P<unit>{_alt(UNITS)})(?P<plural>s)? ahead\b(?! of\b)",
        ),
        (
            "refs",
            r"\b(?P<ref>right now|now|currently|at present|nowadays|these days|"
            r"(?:more |most )?recently|the (?:near |distant )?future|the (?:near|short|long) term|"
            r"a later date|the past)\b(?!-)|"
            r"\b(?P<then>then[- ])?(?P<adj>current)\b(?= [a-z])(?! (?:account|affairs))",
        ),
    ]


def _narrative_sources() -> list[tuple[str, str]]:
    """Points counted from the narrative: "the day before", "that year", "the previous Friday"."""
    unit = r"day|week|month|year"
    return [
        (
            "rel_day",
            rf"\b(?:the (?P<unit>{unit}) (?P<dir>before|after)(?! [a-z])|"
            rf"(?<!, )the (?P<unit3>{unit}) (?P<dir3>before|after)(?= [a-z])|"
            rf"the (?P<dir2>previous|next|following|same|prior) (?P<unit2>{unit})"
            rf"(?! (?:before|after))|"
            rf"(?:(?:earlier|later) )?that (?:same )?(?P<unit4>{unit}))\b",
        ),
        (
            "rel_part",  # "the next morning", "that night", "the previous evening"
            r"\b(?:the (?P<dir>next|following|previous|prior|same) |(?:(?:later|earlier) )?"
            r"that (?:same )?)(?P<part>morning|afternoon|evening|night)\b",
        ),
        (
            "day_part",  # "in the morning", "by mid-afternoon": a part of the narrative's day
            r"\b(?:(?:in|during|by|through|throughout|until) (?P<core>the "
            r"(?:(?P<pmod>early|late) )?(?P<part>morning|afternoon|evening))(?! of\b)|"
            r"(?P<core2>mid-?(?P<part2>morning|afternoon)))\b",
        ),
        ("appositive_day", r"(?<=, )(?P<core>the day) (?=(?:before|after) [a-z])"),
        ("in_the_day", r"\b(?:later|earlier) in (?P<core>the day)\b"),
        (
            "narrative_weekday",
            rf"\bthe (?P<dir>previous|prior|following|next) (?P<wday>{_WDAY})\b",
        ),
    ]


def _relative_sources() -> list[tuple[str, str]]:
    """Deictic and named points: "next week", "Monday afternoon", "the 1990s", "3 p.m."."""
    qual, wday, season, year, part = _QUAL, _WDAY, _SEASON, _YEAR, _PART
    return [
        (
            "qual_unit",
            rf"\b(?:(?:the )?{qual}|(?P<qyear>(?:this|last|next) year's)) "
            rf"(?:(?P<wday>{wday})|{season}|(?P<unit>week|weekend|month|quarter|year|decade|"
            rf"century))\b",
        ),
        ("weekend", r"\bthe weekend\b"),
        (
            "holiday",
            rf"\b(?:(?P<qual>last|next|this) )?(?P<name>(?-i:{_alt(HOLIDAYS)}))(?P<week> week)?"
            rf"(?:,? {year})?\b",
        ),
        ("season_year", rf"\b(?:the )?{season}(?: of)? {year}\b"),
        (
            "season",
            r"\b(?:in|into|over|during|through|throughout|until|by|since|of|for|from) (?P<core>the "
            r"(?:(?P<smod>early|late) )?(?P<season>spring|summer|autumn|winter|fall))\b",
        ),
        (
            "the_unit",
            r"\b(?:of|in|for|during|through|throughout) (?P<core>the (?:(?P<adj>full|current|"
            r"fiscal|current fiscal) )?(?P<unit>year|month))\b(?P<ended> end(?:ed|ing)\b)?",
        ),
        (
            "deictic",
            rf"\b(?:(?P<word>today|tomorrow|yesterday|tonight|last night)(?: {part})?|"
            r"(?P<part2>morning|afternoon|evening|night) (?P<word2>today|tomorrow|yesterday))\b",
        ),
        ("this_part", rf"\bthis {part}\b"),
        ("weekday", rf"\b(?:(?P<qual>last|next|this) )?(?P<wday>{wday})(?: {part})?\b"),
        (
            "decade",
            r"\b(?:the )?(?:(?P<dmod>early|mid|late)[- ])?"
            r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0|'(?P<dec2>\d)0)'?s\b",
        ),
        (
            "decade_word",
            r"\bthe (?:(?P<dmod>early|mid|late)[- ])?"
            r"(?P<tens>twen|thir|for|fif|six|seven|eigh|nine)ties\b",
        ),
        ("century", r"\b(?:the )?(?P<nth>[12]?\d)(?:st|nd|rd|th)[- ]century\b"),
        (
            "fiscal_year",  # "fiscal year 2013", "FY 2014", "the 2012 fiscal year"
            r"\b(?:(?:fiscal|financial) year |(?-i:FY) ?)(?P<year>1[5-9]\d\d|20\d\d)\b|"
            r"\bthe (?P<year2>1[5-9]\d\d|20\d\d) (?:fiscal|financial) year\b",
        ),
        ("year_words", rf"\b(?:the year )?{year}\b(?<![0-9])"),
        ("year", rf"\b(?:fiscal )?{year}\b(?![\d%,.]\d|-\d)"),
    ]


def _clock_sources() -> list[tuple[str, str]]:
    """Clock times, alone or with the day they fall on ("10 p.m. Wednesday", "noon Friday")."""
    zones = r"(?:[ECMP][SD]T|GMT|UTC)\b"
    clock = (
        r"(?:(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))? ?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|"
        r"(?P<named>noon|midnight|midday)|"
        # a 24-hour clock only with its time zone: "14:30 GMT", "0600 GMT"
        rf"(?P<h24>[01]?\d|2[0-3])[:.]?(?P<m24>[0-5]\d)(?= ?{zones})|"
        # "4 in the morning", "11:30 in the evening", "10 o'clock at night"
        r"(?P<hp>[01]?\d)(?::(?P<mp>[0-5]\d))?(?: o'clock)? "
        r"(?:in the (?P<dpart>morning|afternoon|evening)|at (?P<night>night))|"
        r"(?P<ho>[01]?\d) o'clock)"
    )
    zone = rf"(?: ?{zones}| local time)?"
    day = (
        rf"(?:(?P<wday>{_WDAY})|(?P<month>{_MONTH}) (?P<day>[0-3]?\d)\b|"
        r"(?P<word>today|tomorrow|yesterday))"
    )
    return [
        ("clock_day", rf"\b{clock}{zone},? (?:on )?{day}"),
        ("clock", rf"\b{clock}{zone}"),
    ]


@cache
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled patterns, in priority order for equal-length matches."""
    sources = (
        _calendar_sources()
        + _period_sources()
        + _amount_sources()
        + _narrative_sources()
        + _relative_sources()
        + _clock_sources()
    )
    return tuple((name, re.compile(src, re.IGNORECASE)) for name, src in sources)


_PARTS = ("morning", "afternoon", "evening", "night")
_SEASONS = ("spring", "summer", "autumn", "winter", "fall")
# Words (lower case) a pattern cannot match without one of: the pattern is tried only near
# them, which keeps the rarer patterns from scanning whole articles. The other patterns are tried
# only where their anchors let a match start (``timex_anchors.ANCHORS``, which reads their
# structure: change a pattern and its anchors together).
NEEDED_WORDS: dict[str, tuple[str, ...]] = {
    "week_of": ("week of",), "month_qyear": ("year",), "quarter": ("quarter", "half"),
    "period": ("quarter", "period"), "last_part": ("quarter", "half"), "year_back": ("year-",),
    "year_end": ("end",), "ago": ("ago", "earlier", "from now", "hence"),
    "set_freq": ("once", "twice", "times"), "set_weekend": ("weekends",),
    "long_unit": ("-long",), "rate": (" a ",), "recent": ("recent", "coming"),
    "ahead": ("ahead",), "rel_part": _PARTS, "day_part": _PARTS, "appositive_day": ("the day",),
    "in_the_day": ("the day",), "narrative_weekday": ("previous", "prior", "following", "next"),
    "weekend": ("weekend",), "season_year": _SEASONS, "season": _SEASONS,
    "deictic": ("today", "tomorrow", "yesterday", "tonight", "last night"),
    "this_part": _PARTS, "decade": ("0s", "0's"), "decade_word": ("ties",),
    "century": ("century",), "fiscal_year": ("fiscal", "financial", "fy"),
    "someday": ("one day", "someday", "some day"),
}  # fmt: skip


@cache
def modifier_before() -> re.Pattern[str]:
    """A modifier ending right before an expression ("early ", "more than ", "mid-")."""
    return re.compile(rf"\b(?P<mod>{_alt(MODIFIERS)})(?: |-)$", re.IGNORECASE)


def core_span(match: re.Match[str]) -> tuple[int, int]:
    """The extent of a match: its ``core`` (or ``core2``) group when it took part, else all."""
    for name in ("core", "core2"):
        if name in match.re.groupindex and match.start(name) >= 0:
            return match.span(name)
    return match.span()


def number_value(text: str) -> float | None:
    """``3``, ``three``, ``twenty-four``, ``2 1/2``, ``two and a half`` as a number; None for
    vague quantities ("several")."""
    low = " ".join(text.lower().replace("-", " ").split())
    half = 0.0
    for tail in (" and a half", " 1/2"):
        if low.endswith(tail):
            low, half = low[: -len(tail)], 0.5
    if low in NUMBERS:
        return NUMBERS[low] + half
    words = low.split()
    if len(words) == 2 and words[0] in TENS and words[1] in UNIT_WORDS:
        return TENS[words[0]] + UNIT_WORDS[words[1]] + half
    try:
        return float(low) + half
    except ValueError:
        return None


def year_number(text: str) -> int:
    """A year written in digits or words: ``1994``, ``nineteen ninety-four``, ``two thousand``."""
    low = " ".join(text.lower().replace("-", " ").split())
    if low.isdigit():
        return int(low)
    words = low.replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(number_value(" ".join(words[2:])) or 0)
    if words[1:] == ["hundred"]:
        return 1900
    return 1900 + int(number_value(" ".join(words[1:])) or 0)
