"""Which expressions the tagger finds and which it leaves alone, in invented news sentences.

Protects: recurring times (every two weeks, each morning, on Mondays, Tuesday nights, on
weekends, every summer); spans with a word between amount and unit ("20 more years", "an
additional year", "eight trading days", "several quarters of losses") and compound spans
("day-long", "decades-long", "the weeks ahead"); parts of days (the next morning, that night,
in the morning, by mid-afternoon) and clock times without a.m./p.m. ("4 in the morning",
"0600 GMT"); named days (Easter Monday, Martin Luther King Day); fiscal years written out; the
last quarter or half of a year; "will one day", "someday", "the short term", "a later date";
possessive "today's" without its "'s". What stays out: numbers that count things ("2000
troops"), a "daily" that names a newspaper, a calendar year, "that night" with no day named.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import timex_support as support

from eventwire.nlp.timex import Timex
from eventwire.nlp.timex_calendar import holiday

THURSDAY = date(2013, 3, 14)


def timexes(nlp: Any, text: str, published: date | None = THURSDAY) -> list[Timex]:
    return support.timexes(nlp, text, published)


def one(nlp: Any, text: str, words: str) -> Timex:
    return support.one(nlp, text, THURSDAY, words)


# --- recurring times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Inspectors visit the plant every two weeks.", "every two weeks", "P2W"),
        ("The envoys meet every few years.", "every few years", "PXY"),
        ("Guards search the cells each morning.", "each morning", "XXXX-XX-XXTMO"),
        ("The market opens on Mondays in the old town.", "Mondays", "XXXX-WXX-1"),
        ("Two ferries leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
        ("Volunteers patrol the beach on weekends.", "weekends", "XXXX-WXX-WE"),
        ("Floods hit the valley every summer.", "every summer", "XXXX-SU"),
        ("He prays every Friday night at the shrine.", "every Friday night", "XXXX-WXX-5TNI"),
    ],
)
def test_recurring_times_are_sets(nlp: Any, text: str, words: str, value: str) -> None:
    t = one(nlp, text, words)
    assert (t.type, t.value) == ("SET", value)


# --- spans of time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value", "mod"),
    [
        ("The fleet may stay for at least 20 more years.", "at least 20 more years", "P20Y", None),
        ("The loan can run for an additional year.", "an additional year", "P1Y", None),
        ("Shares fell for eight trading days in a row.", "eight trading days", "P8D", None),
        ("The firm lost money for three straight years.", "three straight years", "P3Y", None),
        ("It turned a profit after several quarters of losses.", "several quarters", "PXQ", None),
        ("Mediators ended a day-long meeting at dawn.", "day-long", "P1D", None),
        ("The treaty settled a decades-long border dispute.", "decades-long", "PXDE", None),
        ("Prices may fall in the weeks ahead.", "the weeks ahead", "PXW", None),
        ("Growth will slow in the year ahead.", "the year ahead", "P1Y", None),
    ],
)
def test_spans_with_words_inside(
    nlp: Any, text: str, words: str, value: str, mod: str | None
) -> None:
    t = one(nlp, text, words)
    assert (t.type, t.value) == ("DURATION", value)
    if mod is None and words.startswith("at least"):
        assert t.mod == "EQUAL_OR_MORE"


def test_a_calendar_year_is_not_a_span(nlp: Any) -> None:
    text = "The company moved from a fiscal year to a calendar year."
    assert all(t.text != "a calendar year" for t in timexes(nlp, text))


def test_a_quarter_of_the_vote_is_still_a_fraction(nlp: Any) -> None:
    assert timexes(nlp, "She won a quarter of the vote.") == []


def test_ahead_of_an_event_is_not_a_span_ahead(nlp: Any) -> None:
    found = timexes(nlp, "Troops arrived two months ahead of the vote.")
    assert [(t.text, t.value) for t in found] == [("two months", "P2M")]


# --- parts of days and clock times ------------------------------------------------------------


def test_next_morning_and_that_night_follow_the_narrative(nlp: Any) -> None:
    text = "The envoy arrived on Tuesday. He left the next morning and returned that night."
    assert one(nlp, text, "the next morning").value == "2013-03-13TMO"
    t = one(nlp, text, "that night")
    assert (t.type, t.value, t.anchored) == ("TIME", "2013-03-13TNI", "narrative")


def test_that_night_with_no_day_named_is_left_out(nlp: Any) -> None:
    assert timexes(nlp, "Nobody slept that night in the camp.") == []


def test_part_of_the_narrative_day(nlp: Any) -> None:
    text = "Shelling began on Tuesday. Dealers sold heavily in the morning."
    t = one(nlp, text, "the morning")
    assert (t.type, t.value) == ("TIME", "2013-03-12TMO")


def test_mid_afternoon_is_the_middle_of_the_afternoon(nlp: Any) -> None:
    t = one(nlp, "By mid-afternoon the crowd had gone home.", "mid-afternoon")
    assert (t.type, t.value, t.mod) == ("TIME", "2013-03-14TAF", "MID")


@pytest.mark.parametrize(
    ("text", "words", "clock"),
    [
        ("The convoy will leave at 4 in the morning.", "4 in the morning", "T04:00"),
        ("Polls closed at 8:30 in the evening.", "8:30 in the evening", "T20:30"),
        ("The blast came at 0735 GMT near the port.", "0735 GMT", "T07:35"),
        ("The ceasefire starts at 14:30 GMT today.", "14:30 GMT today", "T14:30"),
        ("The curfew begins at 10 o'clock at night.", "10 o'clock at night", "T22:00"),
    ],
)
def test_clock_times_without_am_or_pm(nlp: Any, text: str, words: str, clock: str) -> None:
    t = one(nlp, text, words)
    assert t.type == "TIME"
    assert t.value is not None and t.value.endswith(clock)


# --- named days and fiscal years ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("Easter Monday", 2013, date(2013, 4, 1)),
        ("Ash Wednesday", 2013, date(2013, 2, 13)),
        ("Martin Luther King Day", 2013, date(2013, 1, 21)),
        ("Mother's Day", 2013, date(2013, 5, 12)),
        ("St. Patrick's Day", 2013, date(2013, 3, 17)),
    ],
)
def test_named_days(name: str, year: int, day: date) -> None:
    assert holiday(name, year) == day


def test_easter_monday_is_one_expression(nlp: Any) -> None:
    t = one(nlp, "The talks resumed on Easter Monday 2012.", "Easter Monday 2012")
    assert t.value == "2012-04-09"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Spending rose in fiscal year 2012.", "fiscal year 2012", "2012"),
        ("The FY 2014 budget was cut.", "FY 2014", "2014"),
        ("Sales fell in the 2011 fiscal year.", "the 2011 fiscal year", "2011"),
        ("Profit rose in the last half of 2011.", "the last half of 2011", "2011-H2"),
        ("The final quarter of 2012 was weak.", "The final quarter of 2012", "2012-Q4"),
    ],
)
def test_fiscal_years_and_parts_of_years(nlp: Any, text: str, words: str, value: str) -> None:
    assert one(nlp, text, words).value == value


# --- vague references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Islam will one day be the largest faith there.", "one day", "FUTURE_REF"),
        ("She hopes to one day return home.", "one day", "FUTURE_REF"),
        ("Someday the border will reopen.", "Someday", "FUTURE_REF"),
        ("Shares may suffer in the short term.", "the short term", "FUTURE_REF"),
        ("The bonds will be sold at a later date.", "a later date", "FUTURE_REF"),
    ],
)
def test_vague_future(nlp: Any, text: str, words: str, value: str) -> None:
    t = one(nlp, text, words)
    assert (t.type, t.value) == ("DATE", value)


def test_one_day_as_an_amount_stays_a_span(nlp: Any) -> None:
    assert one(nlp, "The strike lasted one day.", "one day").value == "P1D"


def test_possessive_leaves_the_s_outside(nlp: Any) -> None:
    assert one(nlp, "Yesterday's vote was close.", "Yesterday").value == "2013-03-13"


# --- what stays out ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The army sent 2000 troops to the border.",
        "Officials said 1999 people had signed the petition.",
    ],
)
def test_numbers_that_count_things_are_not_years(nlp: Any, text: str) -> None:
    assert timexes(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The 1992 protests were the largest.", "1992"),
        ("In 1998 elections were held.", "1998"),
        ("Sales rose above fiscal 1989 levels.", "fiscal 1989"),
    ],
)
def test_years_before_plural_nouns_stay_years(nlp: Any, text: str, words: str) -> None:
    assert one(nlp, text, words).type == "DATE"


def test_daily_naming_a_newspaper_is_not_a_set(nlp: Any) -> None:
    text = "The party daily Pravda printed the letter, and the daily said it was genuine."
    assert timexes(nlp, text) == []


def test_daily_before_a_noun_is_a_set(nlp: Any) -> None:
    assert one(nlp, "The airline plans daily flights to Lima.", "daily").value == "P1D"
