"""Calendar arithmetic for temporal expressions: shifting dates and writing TIMEX3 values.

Pure functions over ``datetime.date``; no spaCy. Granularities are the TIMEX3 ones: ``D`` day,
``W`` ISO week, ``M`` month, ``Q`` quarter, ``Y`` year, ``DE`` decade, ``CE`` century.
Shifting by months or years clamps to the end of the month (29 February 2024 minus one year is
28 February 2023).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (D, W, M, Q, Y, DE, CE)."""
    if unit == "D":
        return day + timedelta(days=amount)
    if unit == "W":
        return day + timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        raise ValueError(f"cannot shift by unit {unit!r}")
    return add_months(day, months * amount)


def iso_week(day: date) -> str:
    """The ISO week holding ``day``, e.g. ``2020-W01`` for 31 December 2019."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def value_at(day: date, unit: str) -> str:
    """``day`` written at the granularity of ``unit``."""
    writers: dict[str, Callable[[date], str]] = {
        "W": iso_week,
        "M": lambda d: f"{d.year:04d}-{d.month:02d}",
        "Q": lambda d: f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}",
        "Y": lambda d: f"{d.year:04d}",
        "DE": lambda d: f"{d.year // 10:03d}",
        "CE": lambda d: f"{d.year // 100:02d}",
    }
    return writers.get(unit, date.isoformat)(day)


def weekday_near(dct: date, weekday: int, mode: str) -> date:
    """The ``weekday`` (0 = Monday) meant relative to ``dct``.

    ``past`` and ``future`` give the DCT itself when it is that weekday (news usage: "said
    Tuesday" in a Tuesday report), else the most recent / the next one; ``last`` and ``next``
    never give the DCT; ``present`` gives the nearest such day (ties go forward).
    """
    behind = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if mode == "last":
        return dct - timedelta(days=behind or 7)
    if mode == "next":
        return dct + timedelta(days=ahead or 7)
    if mode == "past":
        return dct - timedelta(days=behind)
    if mode == "future":
        return dct + timedelta(days=ahead)
    return dct + timedelta(days=ahead if ahead <= 3 else ahead - 7)


def month_year(dct: date, month: int, mode: str) -> int:
    """The year of the ``month`` meant relative to ``dct`` (``last June`` in Feb 2019 is 2018)."""
    if mode == "this":  # "this September" is this year's, before or after the report
        return dct.year
    if mode == "last":
        return dct.year if month < dct.month else dct.year - 1
    if mode == "next":
        return dct.year if month > dct.month else dct.year + 1
    if mode == "past":  # a past verb may report a plan for next month ("said it would ...")
        return dct.year if month <= dct.month + 1 else dct.year - 1
    if mode == "future":
        return dct.year if month >= dct.month else dct.year + 1
    return _nearest_year(dct, month, 15)


def day_year(dct: date, month: int, day: int, mode: str) -> int:
    """The year of a month-and-day without a year ("Feb. 24"), by tense.

    The nearest such day, unless the tense says otherwise by more than a month: a past verb
    with a day more than 31 days after DCT means last year's, a future verb with a day more
    than 31 days before DCT means next year's.
    """
    year = _nearest_year(dct, month, day)
    gap = (date(year, month, min(day, 28)) - dct).days
    if mode in {"past", "last"} and gap > 31:
        return year - 1
    if mode in {"future", "next"} and gap < -31:
        return year + 1
    return year


def _nearest_year(dct: date, month: int, day: int) -> int:
    """The year putting month/day closest to ``dct`` (present tense: "Nov. 25" in January)."""
    years = (dct.year - 1, dct.year, dct.year + 1)
    return min(years, key=lambda y: abs((date(y, month, min(day, 28)) - dct).days))


def season_value(dct: date, season: str, offset: int) -> str:
    """``YYYY-SU``: this (0), the last ended (-1) or the next starting (+1) season after DCT.

    A winter is labelled with the year of its December.
    """
    month = SEASON_MONTH[season]
    starts = [date(year, month, 1) for year in range(dct.year - 2, dct.year + 3)]
    if offset < 0:
        year = max(s for s in starts if add_months(s, 3) <= dct).year
    elif offset > 0:
        year = min(s for s in starts if s > dct).year
    else:
        year = dct.year - 1 if season == "WI" and dct.month <= 2 else dct.year
    return f"{year:04d}-{season}"


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when no such day exists."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "may day": (5, 1),
    "independence day": (7, 4), "halloween": (10, 31), "veterans day": (11, 11),
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "st. patrick's day": (3, 17),
    "flag day": (6, 14), "bastille day": (7, 14), "armistice day": (11, 11),
    "remembrance day": (11, 11), "canada day": (7, 1), "australia day": (1, 26),
    "earth day": (4, 22), "april fools' day": (4, 1), "international women's day": (3, 8),
    "all saints' day": (11, 1), "epiphany": (1, 6), "inauguration day": (1, 20),
}  # fmt: skip


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * n) // 451
    month, day = divmod(h + n - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1-based; -1 = last) ``weekday`` of a month."""
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


MOVABLE_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda year: easter(year) - timedelta(days=2),
    "easter monday": lambda year: easter(year) + timedelta(days=1),
    "palm sunday": lambda year: easter(year) - timedelta(days=7),
    "ash wednesday": lambda year: easter(year) - timedelta(days=46),
    "maundy thursday": lambda year: easter(year) - timedelta(days=3),
    "ascension day": lambda year: easter(year) + timedelta(days=39),
    "pentecost": lambda year: easter(year) + timedelta(days=49),
    "martin luther king day": lambda year: _nth_weekday(year, 1, 0, 3),
    "presidents' day": lambda year: _nth_weekday(year, 2, 0, 3),
    "presidents day": lambda year: _nth_weekday(year, 2, 0, 3),
    "mother's day": lambda year: _nth_weekday(year, 5, 6, 2),  # the US date
    "father's day": lambda year: _nth_weekday(year, 6, 6, 3),
    "columbus day": lambda year: _nth_weekday(year, 10, 0, 2),
    "thanksgiving": lambda year: _nth_weekday(year, 11, 3, 4),
    "thanksgiving day": lambda year: _nth_weekday(year, 11, 3, 4),
    "labor day": lambda year: _nth_weekday(year, 9, 0, 1),
    "memorial day": lambda year: _nth_weekday(year, 5, 0, -1),
    # the Tuesday after the first Monday of November
    "election day": lambda year: _nth_weekday(year, 11, 0, 1) + timedelta(days=1),
}


def holiday(name: str, year: int) -> date:
    """The day of a (US-centred) public holiday in ``year``; ``name`` is any case."""
    low = name.lower()
    if low in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[low])
    if low in MOVABLE_HOLIDAYS:
        return MOVABLE_HOLIDAYS[low](year)
    raise ValueError(f"unknown holiday {name!r}")


def holiday_near(dct: date, name: str, mode: str) -> date:
    """The holiday meant relative to ``dct``: ``last``/``past`` the latest one not after it
    (``last`` strictly before), ``next``/``future`` the first one not before it, ``present``
    the nearest."""
    days = [holiday(name, year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    if mode == "last":
        return max(d for d in days if d < dct)
    if mode == "past":
        return max(d for d in days if d <= dct)
    if mode == "next":
        return min(d for d in days if d > dct)
    if mode == "future":
        return min(d for d in days if d >= dct)
    return min(days, key=lambda d: abs((d - dct).days))
