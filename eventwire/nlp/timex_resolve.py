"""Normalise a matched temporal expression to a TIMEX3 type and value.

One resolver per pattern name in ``timex_patterns``. A resolver takes the regex match and a
``Context`` (publication date, tense of the governing verb, last day mentioned in the narrative)
and returns a ``Resolved`` or None when the match is not a temporal expression after all.
Relative expressions without a publication date get ``value=None`` and ``anchored="none"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.nlp.timex_calendar import (
    PARTS_OF_DAY,
    SEASONS,
    day_year,
    month_year,
    safe_date,
    season_value,
    shift,
    value_at,
    weekday_near,
)
from eventwire.nlp.timex_patterns import MONTHS, ORDINALS, UNITS, WEEKDAYS, number_value


@dataclass(frozen=True, slots=True)
class Context:
    dct: date | None
    tense: str  # past | present | future
    anchor: date | None  # last day-level date mentioned before this expression


@dataclass(frozen=True, slots=True)
class Resolved:
    type: str
    value: str | None
    mod: str | None = None
    anchored: str = "dct"


UNRESOLVED = "none"
QUAL_OFFSET = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1}
QUAL_OFFSET |= {"coming": 1, "following": 1}


def _unit(word: str) -> str:
    low = word.lower().rstrip("s")
    return "CE" if low.startswith("centur") else UNITS[low]


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _relative(ctx: Context, compute: Callable[[date], str | None], how: str = "dct") -> Resolved:
    if ctx.dct is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    return Resolved("DATE", compute(ctx.dct), anchored=how)


def duration_value(amount: float | None, unit: str) -> str:
    """``P4D``, ``PT48H``, ``P1.5Y``; ``X`` for an unknown amount."""
    if unit == "2W":
        amount, unit = (None if amount is None else amount * 2), "W"
    if amount is None:
        number = "X"
    else:
        number = str(int(amount)) if float(amount).is_integer() else str(amount)
    if unit in {"H", "MIN", "S"}:
        return f"PT{number}{'M' if unit == 'MIN' else unit}"
    if unit in {"DE", "CE"}:
        return f"P{number}{unit}"
    if unit == "Q":
        return f"P{number}Q"
    return f"P{number}{unit}"


def r_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    day = safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return None if day is None else Resolved("DATE", day.isoformat(), anchored="explicit")


def r_monthday(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day_of_month = _month(m["month"]), int(m["day"])
    if not 1 <= day_of_month <= 31:
        return None
    if m["year"]:
        day = safe_date(int(m["year"]), month, day_of_month)
        return None if day is None else Resolved("DATE", day.isoformat(), anchored="explicit")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day_of_month:02d}", anchored=UNRESOLVED)
    year = day_year(ctx.dct, month, day_of_month, ctx.tense)
    day = safe_date(year, month, day_of_month)
    return None if day is None else Resolved("DATE", day.isoformat(), anchored="tense")


def r_monthyear(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", f"{m['year']}-{_month(m['month']):02d}", anchored="explicit")


def r_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month(m["month"])
    mode = (m.groupdict().get("qual") or ctx.tense).lower()
    mode = {"past": "last", "coming": "next", "previous": "last", "following": "next"}.get(
        mode, mode
    )
    how = "dct" if mode in {"last", "next", "this"} else "tense"
    return _relative(ctx, lambda d: f"{month_year(d, month, mode):04d}-{month:02d}", how)


def r_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    half = m["unit"].lower() == "half"
    ordinal = m["ord"].lower()
    if ordinal in {"latest", "current"} or (half and ordinal not in {"first", "second"}):
        back = -1 if ordinal == "latest" else 0  # the latest quarter is the last one reported
        return _relative(ctx, lambda d: value_at(shift(d, "Q", back), "Q"))
    number = ORDINALS[ordinal]
    label = f"H{number}" if half else f"Q{number}"
    if m["year"]:
        return Resolved("DATE", f"{m['year']}-{label}", anchored="explicit")
    return _relative(ctx, lambda d: f"{d.year:04d}-{label}")


def r_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit, amount = _unit(m["unit"]), number_value(m["num"])
    if unit in {"H", "MIN", "S", "2W"}:
        return None
    direction = m["dir"].lower()
    sign = -1 if direction in {"ago", "earlier", "before"} else 1
    narrative = direction in {"earlier", "later", "before", "after"}
    base, how = (ctx.anchor, "narrative") if narrative and ctx.anchor else (ctx.dct, "dct")
    if amount is None or not float(amount).is_integer():
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchored="explicit")
    if base is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    shifted = shift(base, unit, sign * int(amount))
    return Resolved("DATE", value_at(shifted, "D" if unit == "W" else unit), anchored=how)


def r_rel_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(m["unit"] or m["unit2"])
    direction = (m["dir"] or m["dir2"]).lower()
    step = {"before": -1, "previous": -1, "prior": -1, "same": 0}.get(direction, 1)
    base, how = (ctx.anchor, "narrative") if ctx.anchor else (ctx.dct, "dct")
    if base is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    return Resolved("DATE", value_at(shift(base, unit, step), unit), anchored=how)


def r_set_freq(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("SET", duration_value(1, _unit(m["unit"])), anchored="explicit")


def r_set_adverb(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = {"dai": "D", "week": "W", "month": "M", "annual": "Y", "year": "Y", "hour": "H"}
    return Resolved("SET", duration_value(1, unit[m["adv"].lower()]), anchored="explicit")


def r_set_every(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["wday"]:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[m['wday'].lower()] + 1}", anchored="explicit")
    amount = 2 if m["other"] else 1
    return Resolved("SET", duration_value(amount, _unit(m["unit"])), anchored="explicit")


def r_past_n(m: re.Match[str], ctx: Context) -> Resolved | None:
    value = duration_value(number_value(m["num"]), _unit(m["unit"]))
    return Resolved("DURATION", value, anchored="explicit")


def r_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["num"].lower() in {"some", "many"}:
        return None
    value = duration_value(number_value(m["num"]), _unit(m["unit"]))
    return Resolved("DURATION", value, anchored="explicit")


def r_vague_dur(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DURATION", duration_value(None, _unit(m["unit"])), anchored="explicit")


def r_recent(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", "PAST_REF" if m["recent"] else "FUTURE_REF", anchored="explicit")


def r_refs(m: re.Match[str], ctx: Context) -> Resolved | None:
    ref = m["ref"].lower()
    if ref in {"recently", "the past"}:
        return Resolved("DATE", "PAST_REF", anchored="explicit")
    if ref == "the future":
        return Resolved("DATE", "FUTURE_REF", anchored="explicit")
    return Resolved("DATE", "PRESENT_REF", anchored="explicit")


def r_qual_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    qual = (m["qual"] or m["qyear"].split()[0]).lower()
    offset = QUAL_OFFSET[qual]
    if m["wday"]:
        weekday = WEEKDAYS[m["wday"].lower()]
        mode = {-1: "last", 0: "present", 1: "next"}[offset]
        return _relative(ctx, lambda d: weekday_near(d, weekday, mode).isoformat())
    if m["season"]:
        season = SEASONS[m["season"].lower()]
        return _relative(ctx, lambda d: season_value(d, season, offset))
    word = m["unit"].lower()
    if qual in {"past", "coming"} and word not in {"weekend"}:
        return Resolved("DURATION", duration_value(1, _unit(word)), anchored="explicit")
    if word == "weekend":
        return _relative(ctx, lambda d: value_at(shift(d, "W", offset), "W") + "-WE")
    unit = _unit(word)
    return _relative(ctx, lambda d: value_at(shift(d, unit, offset), unit))


def r_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the weekend": the one just gone (past tense) or coming up (otherwise)."""

    def compute(dct: date) -> str:
        gone = (
            ctx.tense == "past" and dct.weekday() < 5
        )  # Mon-Fri: the past weekend was last week's
        return value_at(shift(dct, "W", -1 if gone else 0), "W") + "-WE"

    return _relative(ctx, compute, "tense")


def r_season_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", f"{m['year']}-{SEASONS[m['season'].lower()]}", anchored="explicit")


def r_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    season = SEASONS[m["season"].lower()]
    offset = {"past": -1, "future": 1}.get(ctx.tense, 0)
    return _relative(ctx, lambda d: season_value(d, season, offset), "tense")


def _with_part(day: date, part: str | None) -> str:
    return day.isoformat() + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")


def r_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["word"].lower()
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    part = "night" if word == "tonight" else m["part"]
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return Resolved(kind, None, anchored=UNRESOLVED)
    return Resolved(kind, _with_part(ctx.dct + timedelta(days=offset), part))


def r_this_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return Resolved("TIME", None, anchored=UNRESOLVED)
    return Resolved("TIME", _with_part(ctx.dct, m["part"]))


def r_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = WEEKDAYS[m["wday"].lower()]
    qual = (m["qual"] or "").lower()
    mode = qual.replace("this", "present") or ctx.tense
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


def r_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["named"]:
        hour, minute = (12 if m["named"].lower() == "noon" else 24), 0
    else:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        if not 1 <= hour <= 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    clock = f"T{hour:02d}:{minute:02d}"
    base, how = (ctx.anchor, "narrative") if ctx.anchor else (ctx.dct, "dct")
    if base is None:
        return Resolved("TIME", None, anchored=UNRESOLVED)
    return Resolved("TIME", base.isoformat() + clock, anchored=how)


def r_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", m["year"], anchored="explicit")


RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved | None]] = {
    "iso": r_iso,
    "mdy": r_monthday,
    "dmy": r_monthday,
    "my": r_monthyear,
    "qual_month": r_month,
    "month": r_month,
    "month_bare": r_month,
    "quarter": r_quarter,
    "ago": r_ago,
    "rel_day": r_rel_day,
    "set_freq": r_set_freq,
    "set_every": r_set_every,
    "set_adverb": r_set_adverb,
    "past_n": r_past_n,
    "duration": r_duration,
    "vague_dur": r_vague_dur,
    "recent": r_recent,
    "refs": r_refs,
    "qual_unit": r_qual_unit,
    "weekend": r_weekend,
    "season_year": r_season_year,
    "season": r_season,
    "deictic": r_deictic,
    "this_part": r_this_part,
    "weekday": r_weekday,
    "decade": r_decade,
    "clock": r_clock,
    "year": r_year,
}
