"""Temporal expressions read against the narrative and against cue words, in invented sentences.

Protects: expressions anchored on the last date the text named ("that year", "the following
month", "the previous Friday", "Oct. 12, the day before the crash"); words that point ahead
("payable", "effective", "postponed until") or back ("the year ended", "had been due to");
results stories moving from a quarter to the nine months; "is to" as a future; "the week
of", day pairs, quoted programme titles, "coming months", "then-current", a part of day before
"yesterday". Helpers without the model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from timex_support import one, timexes

from eventwire.nlp.timex_narrative import mention_of, narrative_base
from eventwire.nlp.timex_resolve import Context

THURSDAY = date(2019, 10, 31)
FEBRUARY = date(2019, 2, 7)


# --- anchored on the narrative ----------------------------------------------------------------


def test_that_year_is_the_year_last_named(nlp: Any) -> None:
    text = "The minister fled abroad in June 2011 and came home later that year."
    t = one(nlp, text, THURSDAY, "later that year")
    assert (t.value, t.anchored) == ("2011", "narrative")


def test_following_month_counts_from_the_month_last_named(nlp: Any) -> None:
    text = "Talks broke down in March. The following month, the rebels seized the port."
    assert one(nlp, text, THURSDAY, "The following month").value == "2019-04"


def test_previous_weekday_is_before_the_anchor_day(nlp: Any) -> None:
    text = "The index closed lower on Friday, down 3% from the previous Friday."
    assert one(nlp, text, THURSDAY, "the previous Friday").value == "2019-10-18"


def test_that_day_needs_a_day_named_before_it(nlp: Any) -> None:
    text = "Voters who queue that day often give up, organisers say."
    assert [t.text for t in timexes(nlp, text, THURSDAY)] == []


def test_day_in_apposition_is_the_date_just_named(nlp: Any) -> None:
    text = "Shares peaked on Oct. 12, the day before the market crashed."
    got = [(t.text, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert got == [("Oct. 12", "2019-10-12"), ("the day", "2019-10-12")]


def test_later_in_the_day_is_the_day_of_the_report(nlp: Any) -> None:
    text = "The president landed in the capital and met the cabinet later in the day."
    assert one(nlp, text, THURSDAY, "the day").value == "2019-10-31"


# --- cue words that point ahead or back --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The board declared a dividend, payable Dec. 2 to holders.", "Dec. 2", "2019-12-02"),
        ("The union signed a wage pact effective June 1.", "June 1", "2020-06-01"),
        ("The council has extended the curfew through January.", "January", "2020-01"),
        ("Judges postponed until Tuesday the verdict on the mayor.", "Tuesday", "2019-11-05"),
        ("The truce had been due to expire Friday evening.", "Friday evening",
         "2019-10-25TEV"),
        ("The court set Monday as the deadline for the appeal.", "Monday", "2019-10-28"),
        ("The utility lost money in the year ended March 31.", "March 31", "2019-03-31"),
        ("The exchange said the stock is to resume trading Tuesday.", "Tuesday", "2019-11-05"),
    ],
)  # fmt: skip
def test_cue_words_choose_the_year_or_week(nlp: Any, text: str, words: str, value: str) -> None:
    assert one(nlp, text, THURSDAY, words).value == value


def test_this_month_name_is_in_the_year_of_the_report(nlp: Any) -> None:
    text = "The general election is due this September."
    assert one(nlp, text, FEBRUARY, "this September").value == "2019-09"


# --- results stories ---------------------------------------------------------------------------


def test_nine_months_move_a_year_earlier_to_the_year(nlp: Any) -> None:
    text = (
        "Third-quarter profit rose to $5 million from $4 million a year earlier. "
        "For the nine months, profit fell to $9 million from $12 million a year earlier."
    )
    got = [(t.text, t.value) for t in timexes(nlp, text, THURSDAY) if t.type == "DATE"]
    assert got == [
        ("Third-quarter", "2019-Q3"),
        ("a year earlier", "2018-Q3"),
        ("a year earlier", "2018"),
    ]


# --- other shapes ------------------------------------------------------------------------------


def test_week_of_a_day_is_its_iso_week(nlp: Any) -> None:
    text = "A hearing is planned for the week of March 6."
    assert one(nlp, text, FEBRUARY, "the week of March 6").value == "2019-W10"


def test_second_day_of_a_pair(nlp: Any) -> None:
    text = "Leaders will meet in the capital on April 24 and 25."
    got = [(t.text, t.value) for t in timexes(nlp, text, FEBRUARY)]
    assert got == [("April 24", "2019-04-24"), ("25", "2019-04-25")]


def test_quoted_programme_titles_are_not_times(nlp: Any) -> None:
    text = 'The senator, speaking on "This Week," and later on "60 Minutes," denied it.'
    assert timexes(nlp, text, THURSDAY) == []


def test_coming_periods_without_article_look_ahead(nlp: Any) -> None:
    text = "Economists expect exports to slow in coming months and coming quarters."
    got = [(t.text, t.value) for t in timexes(nlp, text, THURSDAY)]
    assert got == [("coming months", "FUTURE_REF"), ("coming quarters", "FUTURE_REF")]


def test_then_current_is_a_past_reference(nlp: Any) -> None:
    text = "Holders could buy shares at half the then-current market price."
    t = one(nlp, text, THURSDAY, "then-current")
    assert (t.type, t.value) == ("DATE", "PAST_REF")


def test_part_of_day_before_yesterday_word(nlp: Any) -> None:
    text = "In London at mid-afternoon yesterday, the shares were up."
    t = one(nlp, text, THURSDAY, "mid-afternoon yesterday")
    assert (t.type, t.value, t.mod) == ("TIME", "2019-10-30TAF", "MID")


# --- helpers (no model) ------------------------------------------------------------------------


def test_mention_keeps_the_calendar_part() -> None:
    assert mention_of("1998-06-15T10:00") == "1998-06-15"
    assert mention_of("1998-06") == "1998-06"
    assert mention_of("1998") == "1998"
    assert mention_of("1998-W12") is None
    assert mention_of("PAST_REF") is None
    assert mention_of(None) is None


def test_narrative_base_needs_a_fine_enough_mention() -> None:
    ctx = Context(THURSDAY, "past", None, mention="2011")
    assert narrative_base(ctx, "Y") == (date(2011, 1, 1), "narrative")
    assert narrative_base(ctx, "M") == (THURSDAY, "dct")
    assert narrative_base(ctx, "D") == (THURSDAY, "dct")
    dated = Context(THURSDAY, "past", date(2011, 6, 3), mention="2011-06-03")
    assert narrative_base(dated, "M") == (date(2011, 6, 3), "narrative")
    assert narrative_base(Context(None, "past", None), "Y") is None
