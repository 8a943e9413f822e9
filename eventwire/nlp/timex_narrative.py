"""Normalise expressions anchored in the narrative rather than on the publication date.

TimeML (and HeidelTime in practice) reads "the next day", "the following month", "that year",
"the previous Friday" against the last date the text mentioned at a fine enough granularity,
while deictic words ("yesterday", "last week") stay on the publication date. ``Context.anchor``
holds the last day mentioned and ``Context.mention`` the last calendar value of any granularity
(``1998``, ``1998-06``, ``1998-06-15``); without one, the publication date stands in.

Choices worth knowing:
- "that year" after "June 1998" is ``1998``; "the following month" after "in March" is April;
  a day-level unit ("the day before", "that same day") needs a day-level anchor;
- "Oct. 12, the day before the crash" is an apposition: "the day" is Oct. 12 itself, the rest
  of the phrase points at an event, not at a time;
- "the previous Friday" is the Friday before the anchor day, "the following Monday" the one after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from eventwire.nlp.timex_calendar import PARTS_OF_DAY, safe_date, shift, value_at, weekday_near
from eventwire.nlp.timex_patterns import WEEKDAYS
from eventwire.nlp.timex_resolve import UNRESOLVED, Context, Resolved, unit_of

__all__ = ["NARRATIVE_RESOLVERS", "mention_of", "narrative_base"]

MENTION = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)")
STEP = {"before": -1, "previous": -1, "prior": -1, "same": 0, "that": 0}


def mention_of(value: str | None) -> str | None:
    """The calendar part of a value that can anchor the narrative (``1998-06-15T10:00`` ->
    ``1998-06-15``); None for periods, weeks, quarters and references such as ``PAST_REF``."""
    match = MENTION.match(value or "")
    if match is None:
        return None
    return "-".join(part for part in match.groups() if part)


def narrative_base(ctx: Context, unit: str) -> tuple[date, str] | None:
    """The day to count ``unit`` steps from: the last mention fine enough for the unit, else
    the publication date; None when there is neither."""
    if unit in {"D", "W"}:
        if ctx.anchor is not None:
            return ctx.anchor, "narrative"
    elif ctx.mention is not None:
        parts = [int(p) for p in ctx.mention.split("-")]
        if unit == "Y" or len(parts) > 1:
            year, month, day_of_month = [*parts, 1, 1][:3]
            day = safe_date(year, month, day_of_month)
            if day is not None:
                return day, "narrative"
    return None if ctx.dct is None else (ctx.dct, "dct")


def r_rel_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the day before", "the following month", "the same week", "later that year"."""
    unit = unit_of(m["unit"] or m["unit2"] or m["unit3"] or m["unit4"])
    direction = (m["dir"] or m["dir2"] or m["dir3"] or "that").lower()
    base = narrative_base(ctx, unit)
    if base is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    day, how = base
    if m["unit4"] and how != "narrative":
        return None  # "trades made that day" with no day named before: an event, not a date
    return Resolved("DATE", value_at(shift(day, unit, STEP.get(direction, 1)), unit), anchored=how)


def r_appositive_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "Oct. 12, the day before the crash": "the day" is the date just named."""
    if ctx.anchor is None:
        return None
    return Resolved("DATE", ctx.anchor.isoformat(), anchored="narrative")


def r_in_the_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "later in the day": the day the narrative is on."""
    base = narrative_base(ctx, "D")
    if base is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    return Resolved("DATE", base[0].isoformat(), anchored=base[1])


def r_narrative_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the previous Friday", "the following Monday": before or after the anchor day."""
    base = narrative_base(ctx, "D")
    if base is None:
        return Resolved("DATE", None, anchored=UNRESOLVED)
    mode = "last" if m["dir"].lower() in {"previous", "prior"} else "next"
    day = weekday_near(base[0], WEEKDAYS[m["wday"].lower()], mode)
    return Resolved("DATE", day.isoformat(), anchored=base[1])


def r_rel_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the next morning", "that night": a part of the day the narrative is on, or of the
    day after or before it."""
    base = narrative_base(ctx, "D")
    direction = (m["dir"] or "that").lower()
    if base is None or (direction == "that" and base[1] != "narrative"):
        return None  # "that night" with no day named before: nothing to anchor it on
    day = shift(base[0], "D", STEP.get(direction, 1))
    part = PARTS_OF_DAY[m["part"].lower()]
    return Resolved("TIME", f"{day.isoformat()}T{part}", anchored=base[1])


def r_day_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "in the morning", "by mid-afternoon": that part of the day the narrative is on."""
    base = narrative_base(ctx, "D")
    if base is None:
        return Resolved("TIME", None, anchored=UNRESOLVED)
    part = PARTS_OF_DAY[(m["part"] or m["part2"]).lower()]
    mod = "MID" if m["part2"] else {"early": "START", "late": "END"}.get((m["pmod"] or "").lower())
    return Resolved("TIME", f"{base[0].isoformat()}T{part}", mod, anchored=base[1])


NARRATIVE_RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved | None]] = {
    "rel_day": r_rel_day,
    "appositive_day": r_appositive_day,
    "in_the_day": r_in_the_day,
    "rel_part": r_rel_part,
    "day_part": r_day_part,
    "narrative_weekday": r_narrative_weekday,
}
