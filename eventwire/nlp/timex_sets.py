"""Normalise recurring times (TIMEX3 ``SET``): "daily", "twice a week", "every two years".

Resolvers for the frequency patterns of ``timex_patterns._amount_sources``; ``SET_RESOLVERS``
joins ``timex_resolve.RESOLVERS`` in ``timex``. A SET's value is the period it recurs with
(``P1W`` for "twice a week", ``P2W`` for "every two weeks", ``PXY`` for "every few years") or
the calendar point it recurs on, with the unknown parts written ``X``: ``XXXX-WXX-1`` for
"every Monday" and "on Mondays", ``XXXX-WXX-2TNI`` for "Tuesday nights", ``XXXX-XX-XXTMO`` for
"every morning", ``XXXX-SU`` for "every summer", ``XXXX-WXX-WE`` for "on weekends".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eventwire.nlp.timex_calendar import PARTS_OF_DAY, SEASONS
from eventwire.nlp.timex_patterns import MONTHS, WEEKDAYS
from eventwire.nlp.timex_resolve import Context, Resolved, amount_of, duration_value, unit_of

__all__ = ["SET_RESOLVERS"]

ADVERB_UNITS = {"dai": "D", "week": "W", "month": "M", "annual": "Y", "year": "Y", "hour": "H"}


def _set(value: str) -> Resolved:
    return Resolved("SET", value, anchored="explicit")


def _on_weekday(wday: str, part: str | None) -> str:
    """``XXXX-WXX-5`` for Friday, ``XXXX-WXX-5TNI`` for Friday night."""
    value = f"XXXX-WXX-{WEEKDAYS[wday.lower()] + 1}"
    return value + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")


def r_set_freq(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "twice a week", "three times a day": the period the count is given per."""
    return _set(duration_value(1, unit_of(m["unit"])))


def r_set_adverb(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "daily", "annually", "hourly"."""
    return _set(duration_value(1, ADVERB_UNITS[m["adv"].lower()]))


def r_set_every(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "every June", "each Friday night", "every other week", "each morning", "every summer"."""
    if m["month"]:
        return _set(f"XXXX-{MONTHS[m['month'].lower().rstrip('.')]:02d}")
    if m["wday"]:
        return _set(_on_weekday(m["wday"], m["part"]))
    if m["part2"]:
        return _set(f"XXXX-XX-XXT{PARTS_OF_DAY[m['part2'].lower()]}")
    if m["season"]:
        return _set(f"XXXX-{SEASONS[m['season'].lower()]}")
    return _set(duration_value(2 if m["other"] else 1, unit_of(m["unit"])))


def r_set_every_n(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "every two weeks", "every few years": once per that many units."""
    return _set(duration_value(amount_of(m), unit_of(m["unit"])))


def r_set_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "on Mondays", "Tuesday nights", "Sunday mornings"."""
    return _set(_on_weekday(m["wday"], m["part"] or m["part2"]))


def r_set_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "on weekends"."""
    return _set("XXXX-WXX-WE")


def r_rate(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "$5 million a year", "20 percent a month": an amount per unit of time."""
    return _set(duration_value(1, unit_of(m["unit"])))


SET_RESOLVERS: dict[str, Callable[[re.Match[str], Context], Resolved | None]] = {
    "set_freq": r_set_freq,
    "set_every": r_set_every,
    "set_every_n": r_set_every_n,
    "set_weekday": r_set_weekday,
    "set_weekend": r_set_weekend,
    "set_adverb": r_set_adverb,
    "rate": r_rate,
}
