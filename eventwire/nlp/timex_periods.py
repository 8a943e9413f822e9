"""Normalise reporting periods and offsets: quarters, "a year ago", "three days later".

Resolvers for the patterns of ``timex_patterns._period_sources`` and the amount-and-direction
patterns ("ago", "offset"); ``PERIOD_RESOLVERS`` joins ``timex_resolve.RESOLVERS`` in ``timex``.

Choices worth knowing:
- a quarter without a year is the one the tense points at: in January, "the fourth quarter" is
  last year's unless the verb is in the future;
- results stories compare a quarter with the same quarter a year before, so once a quarter has
  been mentioned, "a year ago", "a year earlier", "year-ago" and "the year-earlier period" mean
  that quarter a year back (``1988-Q3``), not the whole year;
- "three days later", "two weeks after the vote", "a month before" are durations (TimeML puts
  the "later"/"after"/"before" outside the expression, as a signal); the day they reach from the
  narrative anchor (or the publication date) is kept as ``point`` for dating events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from eventwire.nlp.timex_calendar import shift, value_at
from eventwire.nlp.timex_patterns import ORDINALS, year_number
from eventwire.nlp.timex_resolve import (
    UNRESOLVED,
    Context,
    Resolved,
    amount_of,
    duration_value,
    relative,
    unit_of,
)

__all__ = ["PERIOD_RESOLVERS", "quarter_of"]

QUARTER = re.compile(r"^(\d{4})-(Q\d)$")
POINT_UNITS = frozenset({"D", "W", "M", "Q", "Y", "DE", "CE"})


def _year_back(quarter: str) -> str:
    """The same quarter a year before: ``1989-Q3`` -> ``1988-Q3``."""
    year, label = quarter.split("-")
    return f"{int(year) - 1:04d}-{label}"


def _default_year(dct: date, number: int, per_year: int, tense: str) -> int:
    """The year of quarter (or half) ``number`` named without a year, by tense."""
    current = (dct.month - 1) * per_year // 12 + 1
    if number <= current or tense == "future":
        return dct.year
    ahead = number - current
    if tense == "past" or ahead * 12 // per_year >= 6:
        return dct.year - 1
    return dct.year


def r_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    half = m["unit"].lower() == "half"
    ordinal = m["ord"].lower()
    if ordinal in {"latest", "current"} or (half and ordinal not in {"first", "second"}):
        back = -1 if ordinal == "latest" else 0  # the latest quarter is the last one reported
        return relative(ctx, lambda d: value_at(shift(d, "Q", back), "Q"))
    number = ORDINALS[ordinal]
    label = f"H{number}" if half else f"Q{number}"
    if m["year"] or m["pyear"]:
        year = year_number(m["year"] or m["pyear"])
        return Resolved("DATE", f"{year:04d}-{label}", anchored="explicit")
    back = 1 if m["back"] else 0
    if m["qyear"]:
        offset = {"this": 0, "last": -1, "next": 1}[m["qyear"].lower()]
        return relative(ctx, lambda d: f"{d.year + offset:04d}-{label}")
    per_year = 2 if half else 4
    return relative(
        ctx,
        lambda d: f"{_default_year(d, number, per_year, ctx.tense) - back:04d}-{label}",
        "tense",
    )


def r_last_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the last half of 1989" is ``1989-H2``, "the final quarter of 2012" ``2012-Q4``."""
    label = "H2" if m["unit"].lower() == "half" else "Q4"
    return Resolved("DATE", f"{year_number(m['year']):04d}-{label}", anchored="explicit")


def r_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the quarter", "the year-ago quarter", "the 1988 period", "last year's quarter"."""
    det, adj = m["det"].lower(), (m["adj"] or "").lower()
    if ctx.quarter is None and (m["noun"].lower() == "period" or det == "that"):
        return None  # "the period" means a quarter only in a story about quarterly results
    if ctx.quarter is not None and (adj != "current" or ctx.dct is None):
        base, how = ctx.quarter, "narrative"
    elif ctx.dct is not None:
        back = 0 if adj == "current" or det == "this" else -1
        base, how = value_at(shift(ctx.dct, "Q", back), "Q"), "dct"
    else:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    if adj.isdigit():
        base, how = f"{adj}-{base.split('-')[1]}", "explicit"
    elif adj in {"year-ago", "year-earlier"} or det == "last year's" or m["ago"]:
        base = _year_back(base)
    return Resolved("DATE", base, anchored=how)


def r_year_back(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "year-ago results", "a year-earlier loss": the quarter (or year) a year before."""
    if ctx.quarter is not None and not ctx.cumulative:
        return Resolved("DATE", _year_back(ctx.quarter), anchored="narrative")
    return relative(ctx, lambda d: f"{d.year - 1:04d}")


def r_year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "by year-end", "before the year's end": the end of the current year."""
    resolved = relative(ctx, lambda d: f"{d.year:04d}")
    return Resolved(resolved.type, resolved.value, "END", resolved.anchored)


def r_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit, amount = unit_of(m["unit"]), amount_of(m)
    if unit in {"H", "MIN", "S", "2W"}:
        return None
    direction = m["dir"].lower()
    sign = -1 if direction in {"ago", "earlier"} else 1
    mod = "APPROX" if " or so" in m.group(0) else None
    if amount is None or not float(amount).is_integer():
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchored="explicit")
    if (unit, amount, sign) == ("Y", 1, -1) and ctx.quarter is not None and not ctx.cumulative:
        return Resolved("DATE", _year_back(ctx.quarter), mod, anchored="narrative")
    narrative = direction == "earlier" and ctx.anchor is not None
    base, how = (ctx.anchor, "narrative") if narrative else (ctx.dct, "dct")
    if base is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    shifted = shift(base, unit, sign * int(amount))
    granularity = "Y" if unit in {"DE", "CE"} else unit  # "a decade ago" is a year
    return Resolved("DATE", value_at(shifted, granularity), mod, anchored=how)


def r_offset(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "three days later", "two weeks after the vote": a duration, with the day it reaches."""
    unit, amount = unit_of(m["unit"]), amount_of(m)
    if unit == "2W":
        unit, amount = "W", None if amount is None else amount * 2
    mod = "APPROX" if " or so" in m.group(0) else None
    value = duration_value(amount, unit)
    base, how = (ctx.anchor, "narrative") if ctx.anchor else (ctx.dct, "dct")
    if base is None or amount is None or not float(amount).is_integer():
        return Resolved("DURATION", value, mod, anchored="explicit")
    if unit not in POINT_UNITS:
        return Resolved("DURATION", value, mod, anchored="explicit")
    sign = -1 if m["dir"].lower() == "before" else 1
    reached = shift(base, unit, sign * int(amount))
    point = value_at(reached, "D" if unit == "W" else unit)
    return Resolved("DURATION", value, mod, anchored=how, point=point)


PERIOD_RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved | None]] = {
    "quarter": r_quarter,
    "period": r_period,
    "last_part": r_last_part,
    "year_back": r_year_back,
    "year_end": r_year_end,
    "ago": r_ago,
    "offset": r_offset,
}


def quarter_of(value: str | None) -> str | None:
    """``value`` when it names one quarter (``1989-Q3``), else None."""
    return value if value is not None and QUARTER.match(value) else None
