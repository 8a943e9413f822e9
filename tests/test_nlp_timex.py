"""Temporal expressions found in invented news sentences and normalised against a publication date.

Protects recognition and extent (offsets into ``doc.text``, modifiers inside, prepositions
outside), TIMEX3 type/value/mod, the tense rules for bare weekdays and months, the narrative
anchor ("the day before", "a week later"), calendar edges (Monday, Friday, 1 January,
31 December across ISO weeks, 29 February) and the no-publication-date case. The calendar
helpers are also tested without the model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import timex_support as support
from timex_support import timexes

from eventwire.nlp.timex import Timex
from eventwire.nlp.timex_calendar import add_months, iso_week, season_value, weekday_near

SUNDAY = date(2019, 2, 24)
MONDAY = date(2019, 2, 25)
TUESDAY = date(2019, 1, 8)
FRIDAY = date(2019, 3, 1)
NEW_YEAR = date(2020, 1, 1)
NEW_YEARS_EVE = date(2019, 12, 31)
LEAP_DAY = date(2024, 2, 29)


def one(nlp: Any, text: str, published: date | None, words: str) -> Timex:
    """The single timex whose text is ``words``, at the first place ``text`` writes it."""
    found = support.one(nlp, text, published, words)
    assert found.start == text.index(words)
    return found


def values(nlp: Any, text: str, published: date | None) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in timexes(nlp, text, published)]


# --- weekdays and tense -------------------------------------------------------------------


def test_future_weekdays_after_a_sunday_report(nlp: Any) -> None:
    text = "The ministers will meet on Wednesday and Thursday in Geneva, an aide said."
    assert values(nlp, text, SUNDAY) == [("Wednesday", "2019-02-27"), ("Thursday", "2019-02-28")]


def test_due_to_is_future(nlp: Any) -> None:
    text = "The court is due to rule on Friday on the appeal."
    assert one(nlp, text, SUNDAY, "Friday").value == "2019-03-01"


def test_past_weekday_is_the_most_recent_one(nlp: Any) -> None:
    text = "Rebels shelled the town on Thursday, the mayor said."
    t = one(nlp, text, MONDAY, "Thursday")
    assert (t.type, t.value, t.anchored) == ("DATE", "2019-02-21", "tense")


def test_report_weekday_itself_is_the_report_date(nlp: Any) -> None:
    text = "Tuesday also happens to be the opposition leader's birthday."
    assert one(nlp, text, TUESDAY, "Tuesday").value == "2019-01-08"


def test_weekday_with_part_of_day_is_a_time(nlp: Any) -> None:
    text = "The governor resigned Monday afternoon after a stormy session."
    t = one(nlp, text, TUESDAY, "Monday afternoon")
    assert (t.type, t.value) == ("TIME", "2019-01-07TAF")


def test_friday_report_past_and_future_fridays(nlp: Any) -> None:
    text = "The union struck last Friday and will march again next Friday."
    got = values(nlp, text, FRIDAY)
    assert got == [("last Friday", "2019-02-22"), ("next Friday", "2019-03-08")]


def test_monday_report_future_weekday(nlp: Any) -> None:
    text = "Parliament will vote on Sunday."
    assert one(nlp, text, MONDAY, "Sunday").value == "2019-03-03"


# --- months, years, weeks relative to the report --------------------------------------------


def test_last_june_and_next_month(nlp: Any) -> None:
    text = "The general was arrested last June and the trial is set to open next month."
    assert values(nlp, text, SUNDAY) == [("last June", "2018-06"), ("next month", "2019-03")]


def test_early_this_year_has_start_mod(nlp: Any) -> None:
    text = "Prices rose sharply early this year, traders said."
    t = one(nlp, text, SUNDAY, "early this year")
    assert (t.type, t.value, t.mod) == ("DATE", "2019", "START")


def test_this_week_is_an_iso_week(nlp: Any) -> None:
    assert one(nlp, "Talks resumed this week.", SUNDAY, "this week").value == "2019-W08"


def test_last_month_on_first_of_january(nlp: Any) -> None:
    text = "The mayor resigned last month."
    assert one(nlp, text, NEW_YEAR, "last month").value == "2019-12"


def test_last_year_on_first_of_january(nlp: Any) -> None:
    assert one(nlp, "Exports fell last year.", NEW_YEAR, "last year").value == "2019"


def test_next_week_crosses_the_year_on_new_years_eve(nlp: Any) -> None:
    text = "The envoy will travel to Cairo next week. He visited Rome last week."
    got = values(nlp, text, NEW_YEARS_EVE)
    assert got == [("next week", "2020-W02"), ("last week", "2019-W52")]


def test_tomorrow_on_new_years_eve_is_next_year(nlp: Any) -> None:
    assert one(nlp, "The law takes effect tomorrow.", NEW_YEARS_EVE, "tomorrow").value == (
        "2020-01-01"
    )


def test_leap_day_last_year_and_a_year_ago(nlp: Any) -> None:
    text = "Sales fell last year. A year ago the plant employed 300 people."
    got = timexes(nlp, text, LEAP_DAY)
    assert [(t.text, t.value) for t in got] == [("last year", "2023"), ("A year ago", "2023")]


def test_years_ago_uses_year_granularity(nlp: Any) -> None:
    text = "The dam was built 20 years ago."
    t = one(nlp, text, SUNDAY, "20 years ago")
    assert (t.type, t.value, t.anchored) == ("DATE", "1999", "dct")


def test_yesterday_on_first_of_january(nlp: Any) -> None:
    assert one(nlp, "Police said yesterday that ten were hurt.", NEW_YEAR, "yesterday").value == (
        "2019-12-31"
    )


# --- explicit dates, decades, seasons, quarters --------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The accord was signed on 24 February 2019 in Hanoi.", "24 February 2019", "2019-02-24"),
        ("The accord was signed on 2019-02-24 in Hanoi.", "2019-02-24", "2019-02-24"),
        ("The accord was signed on Feb. 24, 2018 in Hanoi.", "Feb. 24, 2018", "2018-02-24"),
        ("The accord was signed Feb. 20 in Hanoi.", "Feb. 20", "2019-02-20"),
        ("Fighting has raged since March 2011.", "March 2011", "2011-03"),
        ("The party was founded during 2017.", "2017", "2017"),
        ("Inflation soared in the 1990s.", "the 1990s", "199"),
        ("The dam burst in the summer of 2015.", "the summer of 2015", "2015-SU"),
        ("Profits should rise in the third quarter.", "the third quarter", "2019-Q3"),
        ("Profits rose in the third quarter.", "the third quarter", "2018-Q3"),
    ],
)
def test_explicit_dates(nlp: Any, text: str, words: str, value: str) -> None:
    t = one(nlp, text, SUNDAY, words)
    assert (t.type, t.value) == ("DATE", value)


def test_month_day_in_future_tense_after_december_report(nlp: Any) -> None:
    text = "The new parliament will sit on Jan. 15."
    assert one(nlp, text, NEW_YEARS_EVE, "Jan. 15").value == "2020-01-15"


# --- durations, sets, vague references ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value", "mod"),
    [
        ("He was held for more than a year.", "more than a year", "P1Y", "MORE_THAN"),
        ("The hostages were freed after 48 hours.", "48 hours", "PT48H", None),
        ("Workers began a four-day strike.", "four-day", "P4D", None),
        ("The siege lasted nearly two weeks.", "nearly two weeks", "P2W", "LESS_THAN"),
        ("Output has fallen over the past three years.", "the past three years", "P3Y", None),
        ("They have feuded for years.", "years", "PXY", None),
    ],
)
def test_durations(nlp: Any, text: str, words: str, value: str, mod: str | None) -> None:
    t = one(nlp, text, SUNDAY, words)
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The council meets once a week.", "once a week", "P1W"),
        ("Protesters gather every Monday outside the court.", "every Monday", "XXXX-WXX-1"),
        ("The report is published annually.", "annually", "P1Y"),
    ],
)
def test_sets(nlp: Any, text: str, words: str, value: str) -> None:
    t = one(nlp, text, SUNDAY, words)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Troops will leave in the coming days.", "the coming days", "FUTURE_REF"),
        ("The minister recently visited Kabul.", "recently", "PAST_REF"),
        ("He is now in exile and currently lives in Paris.", "now", "PRESENT_REF"),
        ("He is now in exile and currently lives in Paris.", "currently", "PRESENT_REF"),
        ("Clashes have multiplied in recent years.", "recent years", "PAST_REF"),
    ],
)
def test_vague_references(nlp: Any, text: str, words: str, value: str) -> None:
    t = one(nlp, text, SUNDAY, words)
    assert (t.type, t.value) == ("DATE", value)


# --- narrative anchoring and no publication date -------------------------------------------


def test_day_before_and_week_later_follow_the_narrative(nlp: Any) -> None:
    """ "A week later" is a duration (TimeML leaves "later" out as a signal); the day it
    reaches is its ``point`` and becomes the narrative anchor."""
    text = (
        "The talks opened on Feb. 10 in Oslo. A week later they collapsed. "
        "The day before, the envoy had warned of failure."
    )
    got = timexes(nlp, text, SUNDAY)
    assert [(t.text, t.type, t.value, t.point, t.anchored) for t in got] == [
        ("Feb. 10", "DATE", "2019-02-10", None, "tense"),
        ("A week", "DURATION", "P1W", "2019-02-17", "narrative"),
        ("The day before", "DATE", "2019-02-16", None, "narrative"),
    ]


def test_day_before_without_narrative_date_uses_the_report_date(nlp: Any) -> None:
    t = one(nlp, "The day before, the envoy had warned of failure.", SUNDAY, "The day before")
    assert (t.value, t.anchored) == ("2019-02-23", "dct")


def test_without_publication_date_relative_values_are_none(nlp: Any) -> None:
    text = "The minister resigned on Wednesday, last year and 20 years ago, not in 2017."
    got = timexes(nlp, text, None)
    assert [(t.text, t.value, t.anchored) for t in got] == [
        ("Wednesday", None, "none"),
        ("last year", None, "none"),
        ("20 years ago", None, "none"),
        ("2017", "2017", "explicit"),
    ]


def test_may_as_modal_and_surname_is_not_a_month(nlp: Any) -> None:
    text = "Prime Minister Theresa May said the vote may be delayed."
    assert timexes(nlp, text, SUNDAY) == []


# --- calendar helpers (no model) -----------------------------------------------------------


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(LEAP_DAY, -12) == date(2023, 2, 28)
    assert add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert add_months(NEW_YEAR, -1) == date(2019, 12, 1)


def test_iso_week_at_year_boundaries() -> None:
    assert iso_week(NEW_YEARS_EVE) == "2020-W01"
    assert iso_week(date(2021, 1, 1)) == "2020-W53"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("past", date(2019, 2, 20)),
        ("future", date(2019, 2, 27)),
        ("present", date(2019, 2, 27)),
        ("last", date(2019, 2, 20)),
        ("next", date(2019, 2, 27)),
    ],
)
def test_weekday_near_from_a_sunday(mode: str, expected: date) -> None:
    assert weekday_near(SUNDAY, 2, mode) == expected


def test_weekday_near_on_its_own_day() -> None:
    assert weekday_near(FRIDAY, 4, "past") == FRIDAY
    assert weekday_near(FRIDAY, 4, "last") == date(2019, 2, 22)
    assert weekday_near(FRIDAY, 4, "next") == date(2019, 3, 8)


def test_season_value() -> None:
    assert season_value(SUNDAY, "SU", -1) == "2018-SU"
    assert season_value(SUNDAY, "SU", 1) == "2019-SU"
    assert season_value(SUNDAY, "WI", 0) == "2018-WI"


def test_the_weekend_by_tense(nlp: Any) -> None:
    text = "Protesters clashed with police over the weekend."
    assert one(nlp, text, MONDAY, "the weekend").value == "2019-W08-WE"
    text = "Protesters will rally over the weekend."
    assert one(nlp, text, FRIDAY, "the weekend").value == "2019-W09-WE"


@pytest.mark.parametrize(
    ("text", "words", "value", "mod"),
    [
        ("Elections are expected in mid-2019.", "mid-2019", "2019", "MID"),
        ("The troops left at the end of 2018.", "the end of 2018", "2018", "END"),
        ("The base will close late next year.", "late next year", "2020", "END"),
        ("Output has fallen over the past year.", "the past year", "P1Y", None),
    ],
)
def test_modifiers_and_their_limits(
    nlp: Any, text: str, words: str, value: str, mod: str | None
) -> None:
    t = one(nlp, text, SUNDAY, words)
    assert (t.value, t.mod) == (value, mod)


def test_times_of_day(nlp: Any) -> None:
    text = "The curfew starts tonight at 9 p.m. and the minister spoke this morning."
    got = [(t.text, t.type, t.value) for t in timexes(nlp, text, FRIDAY)]
    assert got == [
        ("tonight", "TIME", "2019-03-01TNI"),
        ("9 p.m.", "TIME", "2019-03-01T21:00"),
        ("this morning", "TIME", "2019-03-01TMO"),
    ]


def test_month_day_without_any_year_or_publication_date(nlp: Any) -> None:
    t = one(nlp, "The vote was held on Feb. 24.", None, "Feb. 24")
    assert (t.value, t.anchored) == ("XXXX-02-24", "none")


def test_a_date_off_the_calendar_is_left_out_not_a_crash(nlp: Any) -> None:
    found = values(nlp, "The temple was built 7000 years ago, officials said on Monday.", SUNDAY)
    assert ("Monday", "2019-02-18") in found  # said: the Monday before
    assert not any("7000" in text for text, _ in found)
