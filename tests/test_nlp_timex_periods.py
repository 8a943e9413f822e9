"""Temporal expressions added for TempEval-3 conventions, in invented news sentences.

Protects: durations reached by "later"/"after"/"before" (extent without the signal, the day
reached kept as ``point``); quarters and reporting periods in results stories ("a year
earlier" = the same quarter a year back); weekday readings in present-tense news; fractions,
spelled-out numbers and years; clock times with their day; month plus "last year"; holidays;
centuries and spelled decades; rates and yearly sets; what must stay out (ages, fractions of
a whole, prepositions such as "over"). Calendar and number helpers are tested without the model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from timex_support import one, timexes

from eventwire.nlp.timex_calendar import easter, holiday, holiday_near, month_year
from eventwire.nlp.timex_patterns import number_value, year_number
from eventwire.nlp.timex_resolve import duration_value

SUNDAY = date(2019, 2, 24)
THURSDAY = date(2019, 10, 31)
JANUARY = date(2020, 1, 20)


# --- durations with a direction ------------------------------------------------------------


def test_weeks_after_an_event_is_a_duration_with_its_point(nlp: Any) -> None:
    text = "The ceasefire collapsed on March 3. Two weeks after the collapse, talks resumed."
    t = one(nlp, text, SUNDAY, "Two weeks")
    assert (t.type, t.value, t.point) == ("DURATION", "P2W", "2019-03-17")


def test_days_before_counts_back_from_the_report(nlp: Any) -> None:
    t = one(nlp, "Ten days before the vote, the party split.", SUNDAY, "Ten days")
    assert (t.type, t.value, t.point) == ("DURATION", "P10D", "2019-02-14")


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The strike lasted two and a half years.", "two and a half years", "P2Y6M"),
        ("Rescuers arrived a minute and a half later.", "a minute and a half", "PT1M30S"),
        ("The convoy waited 5 1/2 hours at the border.", "5 1/2 hours", "PT5H30M"),
        ("Markets swung wildly in the last twenty-four hours.", "the last twenty-four hours",
         "PT24H"),
        ("Net profit fell in the nine months to September.", "the nine months", "P9M"),
        ("The port was blockaded for nearly forty years.", "nearly forty years", "P40Y"),
        ("The dispute may drag on for a couple of years.", "a couple of years", "P2Y"),
    ],
)  # fmt: skip
def test_durations_with_fractions_and_number_words(
    nlp: Any, text: str, words: str, value: str
) -> None:
    t = one(nlp, text, SUNDAY, words)
    assert (t.type, t.value) == ("DURATION", value)


def test_over_is_a_preposition_not_a_modifier(nlp: Any) -> None:
    t = one(nlp, "The loan will be repaid over three years.", SUNDAY, "three years")
    assert t.mod is None


def test_ages_and_fractions_are_not_durations(nlp: Any) -> None:
    text = "The 45 years old minister said about three-quarters of the budget is spent."
    assert timexes(nlp, text, SUNDAY) == []


# --- weekdays, months, clock times ---------------------------------------------------------


def test_present_tense_weekday_is_the_last_one(nlp: Any) -> None:
    text = "The ruling issued Tuesday angers the farmers, who block roads."
    assert one(nlp, text, THURSDAY, "Tuesday").value == "2019-10-29"


def test_weekday_after_a_forward_cue_is_the_next_one(nlp: Any) -> None:
    text = "The envoy could arrive as early as Tuesday, officials said."
    assert one(nlp, text, THURSDAY, "Tuesday").value == "2019-11-05"


def test_clock_time_with_its_day(nlp: Any) -> None:
    text = "The polls closed at 8 p.m. Wednesday and the count ends at noon Saturday."
    got = [(t.text, t.type, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert got == [
        ("8 p.m. Wednesday", "TIME", "2019-10-30T20:00"),
        ("noon Saturday", "TIME", "2019-10-26T12:00"),
    ]


def test_weekday_before_a_date_is_part_of_it(nlp: Any) -> None:
    t = one(nlp, "The editorial ran on Tuesday, Oct. 29, in the capital.", THURSDAY,
            "Tuesday, Oct. 29")  # fmt: skip
    assert t.value == "2019-10-29"


def test_month_with_last_year_and_spelled_year(nlp: Any) -> None:
    text = "The mine closed in June last year and reopened in March nineteen ninety-eight."
    got = [(t.text, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert got == [("June last year", "2018-06"), ("March nineteen ninety-eight", "1998-03")]


def test_past_tense_month_just_ahead_is_this_year(nlp: Any) -> None:
    text = "The minister said the summit was moved to November."
    assert one(nlp, text, THURSDAY, "November").value == "2019-11"


def test_last_night_is_a_time(nlp: Any) -> None:
    t = one(nlp, "Shelling resumed last night near the airport.", THURSDAY, "last night")
    assert (t.type, t.value) == ("TIME", "2019-10-30TNI")


# --- quarters and reporting periods --------------------------------------------------------


def test_a_year_earlier_after_a_quarter_is_that_quarter_a_year_back(nlp: Any) -> None:
    text = (
        "The bank earned $4 million in the third quarter, against $3 million a year earlier. "
        "The year-ago quarter included a tax gain."
    )
    got = [(t.text, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert got == [
        ("the third quarter", "2019-Q3"),
        ("a year earlier", "2018-Q3"),
        ("The year-ago quarter", "2018-Q3"),
    ]


def test_a_year_ago_without_a_quarter_is_a_year(nlp: Any) -> None:
    assert one(nlp, "Exports fell from a year ago.", THURSDAY, "a year ago").value == "2018"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Sales rose in the 2017 second quarter.", "the 2017 second quarter", "2017-Q2"),
        ("A rebound is due in next year's first quarter.", "next year's first quarter",
         "2020-Q1"),
    ],
)  # fmt: skip
def test_quarters(nlp: Any, text: str, words: str, value: str) -> None:
    assert one(nlp, text, THURSDAY, words).value == value


def test_a_later_quarter_reported_in_january_is_last_years(nlp: Any) -> None:
    text = "Losses widened in the fourth quarter, the firm said."
    assert one(nlp, text, JANUARY, "the fourth quarter").value == "2019-Q4"


def test_the_fiscal_year_ended_is_a_year_long(nlp: Any) -> None:
    text = "Revenue for the year ended June 30 was flat; for the full year it will grow."
    got = [(t.text, t.type, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert ("the year", "DURATION", "P1Y") in got
    assert ("the full year", "DATE", "2019") in got


def test_year_end_and_rate(nlp: Any) -> None:
    text = "The deal should close by year-end and save $5 million a year."
    got = [(t.text, t.type, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert got == [("year-end", "DATE", "2019"), ("a year", "SET", "P1Y")]


# --- named periods, references, sets --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Migrants were rescued on Thanksgiving Day.", "Thanksgiving Day", "2018-11-22"),
        ("Turnout will be high on Election Day.", "Election Day", "2019-11-05"),
        ("The church was rebuilt in the 20th century.", "the 20th century", "19"),
        ("Unemployment soared during the nineties.", "the nineties", "199"),
        ("The treaty was signed a decade ago.", "a decade ago", "2009"),
        ("The law was passed six weeks ago.", "six weeks ago", "2019-W38"),
        ("Shares fell on current concerns about the debt.", "current", "PRESENT_REF"),
        ("A deal is expected in the near future.", "the near future", "FUTURE_REF"),
    ],
)
def test_named_periods_and_references(nlp: Any, text: str, words: str, value: str) -> None:
    assert one(nlp, text, THURSDAY, words).value == value


def test_each_month_is_a_set(nlp: Any) -> None:
    t = one(nlp, "The marchers parade each July through the old town.", THURSDAY, "each July")
    assert (t.type, t.value) == ("SET", "XXXX-07")


def test_around_a_date_keeps_the_modifier(nlp: Any) -> None:
    t = one(nlp, "The sale should be completed around Nov. 1.", THURSDAY, "around Nov. 1")
    assert (t.value, t.mod) == ("2019-11-01", "APPROX")


# --- helpers (no model) ------------------------------------------------------------------------


def test_number_and_year_words() -> None:
    assert number_value("twenty-four") == 24
    assert number_value("2 1/2") == 2.5
    assert number_value("a couple of") == 2
    assert number_value("several") is None
    assert year_number("nineteen eighty-nine") == 1989
    assert year_number("two thousand and three") == 2003


def test_duration_values_split_fractions() -> None:
    assert duration_value(2.5, "Y") == "P2Y6M"
    assert duration_value(0.5, "D") == "PT12H"
    assert duration_value(None, "H") == "PTXH"
    assert duration_value(3, "Q") == "P3Q"


def test_holidays() -> None:
    assert easter(2024) == date(2024, 3, 31)
    assert holiday("Memorial Day", 2019) == date(2019, 5, 27)
    assert holiday_near(date(2019, 1, 5), "Christmas", "last") == date(2018, 12, 25)
    assert holiday_near(date(2019, 12, 25), "Christmas", "past") == date(2019, 12, 25)


def test_month_year_past_allows_next_month() -> None:
    assert month_year(date(2019, 10, 31), 11, "past") == 2019
    assert month_year(date(2019, 10, 31), 12, "past") == 2018
