"""Publication dates written in any common news style, as benchmark files give them."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})")
_US_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{1,2})?(?:\.\d+)?")
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?",
    re.IGNORECASE,
)


def loose_date(value: str | None) -> dt.date | None:
    """The calendar day in a date-time string of any common news style, or None.

    ``2009-03-20 12:24:52-05``, ``11/28/2016`` (US order), ``Wed Nov 23, 2016 | 4:58pm EST``,
    ``9:55 AM ET, Sun January 4, 2015``, ``December 9th 2016``, ``2016 Oct 10``,
    ``Wed, 29 Mar 2023 10:00:13 +0000``.
    """
    text = (value or "").strip()
    if not text:
        return None
    iso = _ISO.search(text)
    if iso is not None:
        return _date(iso[1], iso[2], iso[3])
    numeric = _US_NUMERIC.search(text)
    if numeric is not None:
        return _date(numeric[3], numeric[1], numeric[2])
    text = _CLOCK.sub(" ", text)
    month, year = _MONTH.search(text), _YEAR.search(text)
    if month is None or year is None:
        return None
    rest = text[: year.start()] + " " + text[year.end() :]
    day = _DAY.search(rest)
    if day is None:
        return None
    return _date(year[1], str(_MONTHS.index(month[1][:3].lower()) + 1), day[1])


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
