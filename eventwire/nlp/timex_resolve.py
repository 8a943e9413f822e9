"""Normalise a matched temporal expression to a TIMEX3 type and value.

One resolver per pattern name in ``timex_patterns``. A resolver takes the regex match and a
``Context`` (publication date, tense of the governing verb, last day mentioned in the narrative)
and returns a ``Resolved`` or None when the match is not a temporal expression after all.
Relative expressions without a publication date get ``value=None`` and ``anchored="none"``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.nlp.timex_calendar import (
    PARTS_OF_DAY,
    SEASONS,
    day_year,
    holiday,
    holiday_near,
    iso_week,
    month_year,
    safe_date,
    season_value,
    shift,
    value_at,
    weekday_near,
)
from eventwire.nlp.timex_patterns import (
    MONTHS,
    UNITS,
    WEEKDAYS,
    core_span,
    number_value,
    year_number,
)


@dataclass(frozen=True, slots=True)
class Context:
    dct: date | None
    tense: str  # past | present | future
    anchor: date | None  # last day-level date mentioned before this expression
    quarter: str | None = None  # last quarter mentioned before it ("1989-Q3"), if any
    mention: str | None = None  # last calendar date mentioned, at its granularity ("1998-06")
    cumulative: bool = False  # a results story has moved on from the quarter ("nine months")


@dataclass(frozen=True, slots=True)
class Resolved:
    type: str
    value: str | None
    mod: str | None = None
    anchored: str = "dct"
    point: str | None = None  # the calendar day a DURATION reaches ("three days later")


UNRESOLVED = "none"
QUAL_OFFSET = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1}
QUAL_OFFSET |= {"coming": 1, "following": 1}


def unit_of(word: str) -> str:
    low = word.lower().rstrip("s")
    return "CE" if low.startswith("centur") else UNITS[low]


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def relative(ctx: Context, compute: Callable[[date], str | None], how: str = "dct") -> Resolved:
    if ctx.dct is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    return Resolved("DATE", compute(ctx.dct), anchored=how)


SMALLER = {"Y": ("M", 12), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def _part(amount: str, unit: str) -> str:
    return f"{amount}{'M' if unit == 'MIN' else unit}"


def duration_value(amount: float | None, unit: str) -> str:
    """``P4D``, ``PT48H``, ``P2Y6M`` (two and a half years); ``X`` for an unknown amount."""
    if unit == "2W":
        amount, unit = (None if amount is None else amount * 2), "W"
    if amount is None:
        parts = [("X", unit)]
    elif float(amount).is_integer():
        parts = [(str(int(amount)), unit)]
    elif unit in SMALLER:
        whole, (small, per) = int(amount), SMALLER[unit]
        rest = round((amount - whole) * per, 6)
        rest_text = str(int(rest)) if float(rest).is_integer() else str(rest)
        parts = ([(str(whole), unit)] if whole else []) + [(rest_text, small)]
    else:
        parts = [(str(amount), unit)]
    days = "".join(_part(a, u) for a, u in parts if u not in {"H", "MIN", "S"})
    clock = "".join(_part(a, u) for a, u in parts if u in {"H", "MIN", "S"})
    return "P" + days + (f"T{clock}" if clock else "")


def amount_of(m: re.Match[str]) -> float | None:
    """The number of units a match counts ("two", "2 1/2", "a minute and a half")."""
    amount = number_value(m["num"])
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5
    return amount


def r_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    day = safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return None if day is None else Resolved("DATE", day.isoformat(), anchored="explicit")


def r_monthday(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day_of_month = _month(m["month"]), int(m["day"])
    if not 1 <= day_of_month <= 31:
        return None
    if m.groupdict().get("year"):
        day = safe_date(year_number(m["year"]), month, day_of_month)
        return None if day is None else Resolved("DATE", day.isoformat(), anchored="explicit")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day_of_month:02d}", anchored=UNRESOLVED)
    year = day_year(ctx.dct, month, day_of_month, cue_mode(m, ctx))
    day = safe_date(year, month, day_of_month)
    return None if day is None else Resolved("DATE", day.isoformat(), anchored="tense")


def r_week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the week of March 6": the ISO week holding that day."""
    day = r_monthday(m, ctx)
    if day is None or day.value is None or "X" in day.value:
        return day
    return dataclasses.replace(day, value=iso_week(date.fromisoformat(day.value)))


def r_monthyear(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = year_number(m["year"])
    return Resolved("DATE", f"{year:04d}-{_month(m['month']):02d}", anchored="explicit")


def r_month_qyear(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "June last year", "January this year", "April of next year"."""
    month, offset = _month(m["month"]), QUAL_OFFSET[m["qual"].lower()]
    return relative(ctx, lambda d: f"{d.year + offset:04d}-{month:02d}")


def r_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month(m["month"])
    qual = (m.groupdict().get("qual") or "").lower()
    named = {"past": "last", "coming": "next", "previous": "last", "following": "next"}
    mode = named.get(qual, qual) or cue_mode(m, ctx)
    how = "dct" if qual else "tense"
    return relative(ctx, lambda d: f"{month_year(d, month, mode):04d}-{month:02d}", how)


def _approx(m: re.Match[str]) -> str | None:
    return "APPROX" if "couple" in m["num"].lower() or " or so" in m.group(0) else None


def r_past_n(m: re.Match[str], ctx: Context) -> Resolved | None:
    value = duration_value(amount_of(m), unit_of(m["unit"]))
    return Resolved("DURATION", value, _approx(m), anchored="explicit")


def r_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["num"].lower() in {"some", "many"}:
        return None
    unit = unit_of(m["unit"])
    after = m.string[m.end() : m.end() + 4]
    vague = number_value(m["num"]) is None  # "several quarters of losses" are time
    if unit == "Q" and ((after == " of " and not vague) or "-" in m.group(0)):
        return None  # "a quarter of the vote", "three-quarters": fractions, not time
    value = duration_value(amount_of(m), unit)
    return Resolved("DURATION", value, _approx(m), anchored="explicit")


def r_long_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "a day-long meeting" is one day; "a decades-long dispute" some number of decades."""
    unit = unit_of(m["unit"])
    value = duration_value(None if m["plural"] else 1, unit)
    return Resolved("DURATION", value, anchored="explicit")


def r_ahead(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the weeks ahead", "the year ahead", "the two months ahead": a span from now on."""
    amount = amount_of(m) if m["num"] else (None if m["plural"] else 1)
    return Resolved("DURATION", duration_value(amount, unit_of(m["unit"])), anchored="explicit")


def r_vague_dur(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DURATION", duration_value(None, unit_of(m["unit"])), anchored="explicit")


def r_recent(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", "PAST_REF" if m["recent"] else "FUTURE_REF", anchored="explicit")


def r_someday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "will one day become", "hopes to one day return", "someday": a time still to come."""
    return Resolved("DATE", "FUTURE_REF", anchored="explicit")


ADJECTIVE_REFS = {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}


def r_refs(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["then"]:  # "the then-current price": current at a past time
        return Resolved("DATE", "PAST_REF", anchored="explicit")
    if m["adj"]:  # "current conditions", "a recent ruling", "future losses"
        return Resolved("DATE", ADJECTIVE_REFS[m["adj"].lower()], anchored="explicit")
    ref = m["ref"].lower()
    if ref.endswith("recently") or ref == "the past":
        return Resolved("DATE", "PAST_REF", anchored="explicit")
    if ref.endswith(("future", "term", "date")):
        return Resolved("DATE", "FUTURE_REF", anchored="explicit")
    return Resolved("DATE", "PRESENT_REF", anchored="explicit")


def r_qual_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    qual = (m["qual"] or m["qyear"].split()[0]).lower()
    offset = QUAL_OFFSET[qual]
    if m["wday"]:
        weekday = WEEKDAYS[m["wday"].lower()]
        mode = {-1: "last", 0: "present", 1: "next"}[offset]
        return relative(ctx, lambda d: weekday_near(d, weekday, mode).isoformat())
    if m["season"]:
        season = SEASONS[m["season"].lower()]
        return relative(ctx, lambda d: season_value(d, season, offset))
    word = m["unit"].lower()
    if qual in {"past", "coming"} and word not in {"weekend"}:
        return Resolved("DURATION", duration_value(1, unit_of(word)), anchored="explicit")
    if word == "weekend":
        return relative(ctx, lambda d: value_at(shift(d, "W", offset), "W") + "-WE")
    unit = unit_of(word)
    return relative(ctx, lambda d: value_at(shift(d, unit, offset), unit))


def r_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the weekend": the one just gone (past tense) or coming up (otherwise)."""

    def compute(dct: date) -> str:
        gone = (
            ctx.tense == "past" and dct.weekday() < 5
        )  # Mon-Fri: the past weekend was last week's
        return value_at(shift(dct, "W", -1 if gone else 0), "W") + "-WE"

    return relative(ctx, compute, "tense")


def r_season_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year, season = year_number(m["year"]), SEASONS[m["season"].lower()]
    return Resolved("DATE", f"{year:04d}-{season}", anchored="explicit")


def r_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    season = SEASONS[m["season"].lower()]
    offset = {"past": -1, "future": 1}.get(ctx.tense, 0)
    mod = {"early": "START", "late": "END"}.get((m["smod"] or "").lower())
    resolved = relative(ctx, lambda d: season_value(d, season, offset), "tense")
    return dataclasses.replace(resolved, mod=mod)


def r_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "Thanksgiving Day", "last Christmas", "Easter week", "Election Day 1998"."""
    name, qual = m["name"], (m["qual"] or "").lower()
    if m["year"]:
        day = holiday(name, year_number(m["year"]))
        how = "explicit"
    elif ctx.dct is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    else:
        mode = qual.replace("this", "present") or ctx.tense
        day, how = holiday_near(ctx.dct, name, mode), "dct" if qual else "tense"
    return Resolved("DATE", iso_week(day) if m["week"] else day.isoformat(), anchored=how)


def r_the_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "for the year", "earlier in the month", "the fiscal year ended June 30": the current
    year or month; a year that ends on a given day is a span of one year."""
    unit = unit_of(m["unit"])
    if m["ended"] and unit == "Y":
        return Resolved("DURATION", "P1Y", anchored="explicit")
    return relative(ctx, lambda d: value_at(d, unit))


def _with_part(day: date, part: str | None) -> str:
    return day.isoformat() + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")


def r_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "yesterday", "tonight", "tomorrow morning", "(mid-)afternoon yesterday"."""
    word = (m["word"] or m["word2"]).lower()
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    part = "night" if word in {"tonight", "last night"} else m["part"] or m["part2"]
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return Resolved(kind, None, anchored=UNRESOLVED)
    return Resolved(kind, _with_part(ctx.dct + timedelta(days=offset), part))


def r_this_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return Resolved("TIME", None, anchored=UNRESOLVED)
    return Resolved("TIME", _with_part(ctx.dct, m["part"]))


AHEAD_CUE = re.compile(
    r"(?i)\b(?:(?P<strong>as (?:early|soon) as|scheduled for|deadline of|payable|effective)|"
    r"until|till|through|by|starting)(?: on)?,? $"
)


def cue_mode(m: re.Match[str], ctx: Context) -> str:
    """The tense, unless a word before the expression looks ahead (always for "payable",
    "effective", "as early as"; for "until", "by", "starting" unless the verb is past) or
    back ("the year ended March 31")."""
    start = core_span(m)[0]
    cue = AHEAD_CUE.search(m.string, max(0, start - 25), start)
    if cue is not None and (cue["strong"] or ctx.tense != "past"):
        return "future"
    if m.string.endswith(" ended ", 0, start):  # "the year ended March 31": a closed period
        return "past"
    return ctx.tense


def weekday_mode(m: re.Match[str], ctx: Context) -> str:
    """How to read a bare weekday: by tense, but news mostly reports what happened, so a
    present-tense one ("a ruling issued Thursday", "Friday's vote") is the most recent one,
    unless a word before it looks ahead ("as early as Tuesday", "until Friday")."""
    return cue_mode(m, ctx).replace("present", "past")


def r_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = WEEKDAYS[m["wday"].lower()]
    qual = (m["qual"] or "").lower()
    mode = qual.replace("this", "present") or weekday_mode(m, ctx)
    kind = "TIME" if m["part"] else "DATE"
    if ctx.dct is None:
        return Resolved(kind, None, anchored=UNRESOLVED)
    value = _with_part(weekday_near(ctx.dct, weekday, mode), m["part"])
    return Resolved(kind, value, anchored="dct" if qual else "tense")


def r_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["dmod"] or "").lower())
    if m["cent"]:
        return Resolved("DATE", f"{m['cent']}{m['dec']}", mod, anchored="explicit")
    return Resolved("DATE", f"19{m['dec2']}", mod, anchored="explicit")


def _clock(m: re.Match[str]) -> str | None:
    """``T22:00`` for "10 p.m.", "10 in the evening" and "22:00 GMT", ``T12:00`` for "noon";
    None for an impossible hour."""
    if m["named"]:
        hour, minute = (24 if m["named"].lower() == "midnight" else 12), 0
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["m24"])
    else:
        text = m["hour"] or m["hp"] or m["ho"]
        hour, minute = int(text), int(m["minute"] or m["mp"] or 0)
        if not 1 <= hour <= 12:
            return None
        if m["ampm"]:
            hour = hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        elif m["dpart"]:
            hour = hour % 12 + (0 if m["dpart"].lower() == "morning" else 12)
        elif m["night"]:
            hour = 24 if hour == 12 else hour % 12 + (12 if hour >= 6 else 0)
    return f"T{hour:02d}:{minute:02d}"


def r_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = _clock(m)
    if clock is None:
        return None
    base, how = (ctx.anchor, "narrative") if ctx.anchor else (ctx.dct, "dct")
    if base is None:
        return Resolved("TIME", None, anchored=UNRESOLVED)
    return Resolved("TIME", base.isoformat() + clock, anchored=how)


def r_clock_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "10 p.m. Wednesday", "noon Friday", "5 p.m. EST Nov. 9": the clock on that day."""
    clock = _clock(m)
    if clock is None:
        return None
    if m["month"]:
        day = r_monthday(m, dataclasses.replace(ctx, tense="future"))
        value = day.value if day is not None else None
    elif ctx.dct is None:
        value = None
    elif m["wday"]:
        mode = weekday_mode(m, ctx)
        value = weekday_near(ctx.dct, WEEKDAYS[m["wday"].lower()], mode).isoformat()
    else:
        offset = {"yesterday": -1, "tomorrow": 1}.get(m["word"].lower(), 0)
        value = (ctx.dct + timedelta(days=offset)).isoformat()
    if value is None or "X" in value:
        return Resolved("TIME", None, anchored=UNRESOLVED)
    return Resolved("TIME", value + clock, anchored="tense")


def r_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = m["year"] or m.groupdict().get("year2")
    return Resolved("DATE", f"{year_number(year or ''):04d}", anchored="explicit")


def r_decade_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the nineties" is the 1990s (this century's twenties are written in digits)."""
    tens = {"twen": 2, "thir": 3, "for": 4, "fif": 5, "six": 6, "seven": 7, "eigh": 8}
    digit = tens.get(m["tens"].lower(), 9)
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["dmod"] or "").lower())
    return Resolved("DATE", f"19{digit}", mod, anchored="explicit")


def r_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the 20th century" is ``19`` (its years are 19xx)."""
    nth = int(m["nth"])
    return None if nth < 1 else Resolved("DATE", f"{nth - 1:02d}", anchored="explicit")


RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved | None]] = {
    "iso": r_iso,
    "mdy": r_monthday,
    "dmy": r_monthday,
    "day_and": r_monthday,
    "my": r_monthyear,
    "week_of": r_week_of,
    "month_qyear": r_month_qyear,
    "qual_month": r_month,
    "month": r_month,
    "month_bare": r_month,
    "past_n": r_past_n,
    "duration": r_duration,
    "long_unit": r_long_unit,
    "ahead": r_ahead,
    "vague_dur": r_vague_dur,
    "recent": r_recent,
    "refs": r_refs,
    "someday": r_someday,
    "qual_unit": r_qual_unit,
    "weekend": r_weekend,
    "season_year": r_season_year,
    "season": r_season,
    "the_unit": r_the_unit,
    "holiday": r_holiday,
    "deictic": r_deictic,
    "this_part": r_this_part,
    "weekday": r_weekday,
    "decade": r_decade,
    "decade_word": r_decade_word,
    "century": r_century,
    "clock_day": r_clock_day,
    "clock": r_clock,
    "year_words": r_year,
    "year": r_year,
    "fiscal_year": r_year,
}
