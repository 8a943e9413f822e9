"""Surface patterns for English temporal expressions, compiled once per process on first use.

Each pattern has a name (the key of its resolver in ``timex_resolve``) and a regular expression
over raw text. When a pattern has a group named ``core``, that group is the extent of the
expression (leading prepositions such as "for" or "in" stay outside, TE3-style). Month and weekday
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
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
    "half a": 0.5, "a half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a couple of", "couple of")
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
    "the end of": "END", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "approximately": "APPROX",
    "roughly": "APPROX", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
}  # fmt: skip
POINT_MODIFIERS = frozenset({"START", "MID", "END"})


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap(words: dict[str, int]) -> str:
    """Capitalised alternatives, matched case-sensitively even inside an IGNORECASE pattern."""
    return "(?-i:" + "|".join(w.capitalize() for w in sorted(words, key=len, reverse=True)) + ")"


# Building blocks of the patterns (immutable strings).
_MONTH = _cap(MONTHS) + r"\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_WDAY = _cap(WEEKDAYS)
_NUM = rf"(?P<num>\d+(?:\.\d+)?|{_alt(NUMBERS)}|{_alt(VAGUE_NUMBERS)})"
_UNIT = rf"(?P<unit>{_alt(UNITS)}|centurie)s?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_QUAL = r"(?P<qual>last|next|this|past|coming|previous|following|current)"
_SEASON = r"(?P<season>spring|summer|autumn|winter|fall)"


def _calendar_sources() -> list[tuple[str, str]]:
    """Calendar dates: ISO, month-day(-year), month-year, months, quarters."""
    month, day, year, qual = _MONTH, _DAY, _YEAR, _QUAL
    return [
        ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("mdy", rf"\b(?P<month>{month}) {day}\b(?:,? {year}\b)?(?!\d)"),
        ("dmy", rf"\b{day} (?:of )?(?P<month>{month})(?:,? {year}\b)?"),
        ("my", rf"\b(?P<month>{month}),? (?:of )?{year}\b"),
        ("qual_month", rf"\b{qual} (?P<month>{_cap(MONTHS)})\b"),
        (
            "month",
            rf"\b(?:in|by|since|until|till|of|from|to|through) "
            rf"(?P<core>(?P<month>{month}))\b",
        ),
        (
            "month_bare",
            r"\b(?P<month>(?-i:January|February|April|June|July|August|"
            r"September|October|November|December))\b",
        ),
        (
            "quarter",
            rf"\b(?:the )?(?:(?:this|last|next) year's )?(?:fiscal )?"
            rf"(?P<ord>{_alt(ORDINALS)}|latest|current)[- ](?P<unit>quarter|half)"
            rf"(?: of {year})?\b",
        ),
    ]


def _amount_sources() -> list[tuple[str, str]]:
    """Expressions built on an amount: "20 years ago", "once a week", "48 hours"."""
    num, unit, wday = _NUM, _UNIT, _WDAY
    return [
        ("ago", rf"\b{num}[ -]{unit} (?P<dir>ago|earlier|later|before|after|from now|hence)\b"),
        (
            "rel_day",
            r"\bthe (?:(?P<unit>day|week|month|year) (?P<dir>before|after)|"
            r"(?P<dir2>previous|next|following|same|prior) (?P<unit2>day|week|month|year))"
            r"(?! (?:before|after))\b",
        ),
        (
            "set_freq",
            rf"\b(?P<freq>once|twice|{num} times) (?:a|an|per|every|each) "
            rf"(?P<unit>{_alt(UNITS)})\b",
        ),
        (
            "set_every",
            rf"\b(?:every|each) (?:(?P<other>other) )?(?:(?P<wday>{wday})|"
            rf"(?P<unit>{_alt(UNITS)}))\b",
        ),
        ("set_adverb", r"\b(?P<adv>dai|week|month|annual|year|hour)ly\b(?!-)"),
        (
            "past_n",
            rf"\b(?:the )?(?P<qual>past|last|next|coming|previous|first|final) "
            rf"{num} {unit}\b",
        ),
        ("duration", rf"\b{num}[ -]{unit}(?:-long)?\b(?!-old)"),
        ("vague_dur", rf"\b(?:for|in|over) (?P<core>(?P<unit>{_alt(UNITS)})s)\b(?! ago)"),
        (
            "recent",
            r"\b(?:(?P<recent>recent)|the (?P<coming>coming)) (?P<unit>day|week|month|"
            r"year|decade)s\b",
        ),
        (
            "refs",
            r"\b(?P<ref>right now|now|currently|at present|nowadays|recently|"
            r"the (?:future|past))\b(?!-)",
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
        ("season_year", rf"\b(?:the )?{season}(?: of)? {year}\b"),
        ("season", r"\bin (?P<core>the (?P<season>spring|summer|autumn|winter|fall))\b"),
        ("deictic", rf"\b(?P<word>today|tomorrow|yesterday|tonight)(?:'s)?(?: {part})?\b"),
        ("this_part", rf"\bthis {part}\b"),
        ("weekday", rf"\b(?:(?P<qual>last|next|this) )?(?P<wday>{wday})(?: {part})?\b"),
        (
            "decade",
            r"\b(?:the )?(?:(?P<dmod>early|mid|late)[- ])?"
            r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0|'(?P<dec2>\d)0)'?s\b",
        ),
        (
            "clock",
            r"\b(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))? ?(?P<ampm>a\.m\.|p\.m\.|"
            r"am\b|pm\b)|\b(?P<named>noon|midnight)\b",
        ),
        ("year", rf"\b(?:fiscal )?{year}\b(?![\d%,.]\d|-\d)"),
    ]


@cache
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled patterns, in priority order for equal-length matches."""
    sources = _calendar_sources() + _amount_sources() + _relative_sources()
    return tuple((name, re.compile(src, re.IGNORECASE)) for name, src in sources)


@cache
def modifier_before() -> re.Pattern[str]:
    """A modifier ending right before an expression ("early ", "more than ", "mid-")."""
    return re.compile(rf"\b(?P<mod>{_alt(MODIFIERS)})(?: |-)$", re.IGNORECASE)


def number_value(text: str) -> float | None:
    """``3``, ``three`` or ``1.5`` as a number; None for vague quantities ("several")."""
    low = text.lower()
    if low in NUMBERS:
        return NUMBERS[low]
    try:
        return float(low)
    except ValueError:
        return None
