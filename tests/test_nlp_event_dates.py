"""Event dates: the time expressions attached to an event, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from nlp_events_support import analyse

from eventwire.models import Event

SUNDAY = dt.date(2024, 3, 10)
TUESDAY = dt.date(2024, 3, 12)


def _events(text: str, published: dt.date | None) -> list[Event]:
    """The events of one invented report, through the whole extractor."""
    return list(analyse(text, published=published).events)


def _dates(text: str, published: dt.date | None) -> dict[str, Any]:
    return {e.trigger.text: e.date for e in _events(text, published)}


def test_planned_meeting_on_two_weekdays_is_a_range() -> None:
    dates = _dates(
        "The Peruvian and Chilean presidents will meet on Wednesday and Thursday.", SUNDAY
    )
    (date,) = dates.values()
    assert date is not None and date.value == "2024-03-13/2024-03-14"
    assert date.precision == "range" and date.derivation == "publication"
    assert date.span is not None and date.span.text == "Wednesday and Thursday"


def test_last_month_and_a_past_weekday() -> None:
    dates = _dates(
        "Kenya imposed sanctions on Tanzania last June. "
        "Kenyan President Amara Okafor visited Uganda on Monday.",
        TUESDAY,
    )
    values = {d.value for d in dates.values() if d is not None}
    assert {"2023-06", "2024-03-11"} <= values


def test_ongoing_event_without_time_gets_the_publication_date_and_past_one_gets_none() -> None:
    dates = _dates(
        "Kenyan President Amara Okafor is visiting Ghana. Ghana rejected the proposal.", TUESDAY
    )
    by_word = {k: (v.value if v else None) for k, v in dates.items()}
    assert by_word.get("visiting") == "2024-03-12"
    assert by_word.get("rejected") is None


def test_no_publication_date_means_no_relative_dates() -> None:
    dates = _dates("The Peruvian and Chilean presidents will meet on Wednesday.", None)
    assert all(d is None for d in dates.values())


def test_in_the_coming_days_is_the_week_after_the_statement() -> None:
    dates = _dates(
        "The foreign ministry said on Sunday that President Amara Okafor would visit Ghana "
        "in the coming days.",
        TUESDAY,
    )
    visit = [d for d in dates.values() if d is not None]
    assert visit and visit[0].value == "2024-03-10/2024-03-17"
    assert visit[0].precision == "range"


def test_in_the_coming_weeks_without_a_statement_day_counts_from_publication() -> None:
    dates = _dates("Kenya will impose new duties on Tanzanian rice in the coming weeks.", TUESDAY)
    values = [d.value for d in dates.values() if d is not None]
    assert values == ["2024-03-12/2024-04-09"]


def test_a_clause_of_simultaneity_takes_the_time_of_its_main_clause() -> None:
    dates = _dates(
        "Relations between Kenya and Uganda looked close to collapse during 2021, as Uganda "
        "staged a series of missile tests near the border.",
        TUESDAY,
    )
    assert dates["tests"] is not None and dates["tests"].value == "2021"


def test_an_event_named_again_takes_the_date_of_its_first_mention() -> None:
    dates = _dates(
        "Kenyan President Amara Okafor will meet Ghanaian President Kofi Mensah on Thursday "
        "and Friday in Accra. In his upcoming meeting with Mr Mensah, analysts say Mr Okafor "
        "will seek debt relief and a trade deal.",
        TUESDAY,
    )
    by_word = {k: (v.value if v else None) for k, v in dates.items()}
    assert by_word.get("meeting") == by_word.get("seek") == "2024-03-14/2024-03-15"
    seek = dates["seek"]
    assert seek is not None and seek.derivation == "narrative"


def test_a_past_event_continues_the_frame_of_the_previous_sentence_about_its_actor() -> None:
    dates = _dates(
        "President Amara Okafor turned to diplomacy with Ghana last year. "
        "He also visited Uganda twice.",
        TUESDAY,
    )
    visited = dates["visited"]
    assert visited is not None and visited.value == "2023"
    assert visited.derivation == "narrative" and visited.span is not None


def test_the_frame_does_not_pass_to_another_actor() -> None:
    dates = _dates(
        "President Amara Okafor turned to diplomacy with Ghana last year. "
        "Uganda's president visited Kenya twice.",
        TUESDAY,
    )
    assert dates["visited"] is None


def test_a_planned_meeting_falls_within_a_trip_under_way() -> None:
    dates = _dates(
        "Kenyan President Amara Okafor left Nairobi on Monday for a three-day visit to Ghana. "
        "Mr Okafor has arrived in Accra. "
        "He is expected to hold meetings with ministers at the presidential palace.",
        TUESDAY,
    )
    meetings = dates["hold meetings"]
    assert meetings is not None and meetings.value == "2024-03-12/2024-03-13"
    assert meetings.precision == "range"


def test_a_trip_that_has_ended_gives_no_window() -> None:
    dates = _dates(
        "Kenyan President Amara Okafor left Nairobi on Monday for a three-day visit to Ghana. "
        "He is expected to hold meetings with ministers at the presidential palace.",
        dt.date(2024, 3, 22),
    )
    assert dates["hold meetings"] is None


def test_a_demand_stated_as_a_present_predicate_is_dated_to_the_report() -> None:
    dates = _dates(
        "Nairobi says it is time for Uganda to lift its harsh sanctions on Kenyan traders.",
        TUESDAY,
    )
    dated = [d.value for d in dates.values() if d is not None]
    assert dated == ["2024-03-12"]


@pytest.mark.parametrize(
    ("text", "trigger", "value"),
    [
        (
            "Kenya's president left Nairobi on Sunday for a three-day state visit to Ghana.",
            "visit",
            "2024-03-10/2024-03-12",
        ),
        (
            "Three days of talks between Kenya and Uganda ended without a deal on Monday.",
            "talks",
            "2024-03-09/2024-03-11",
        ),
    ],
)
def test_a_stated_length_widens_the_day_to_the_days_covered(
    text: str, trigger: str, value: str
) -> None:
    dates = _dates(text, TUESDAY)
    found = dates[trigger]
    assert found is not None and found.value == value and found.precision == "range"


def test_a_when_clause_on_a_month_takes_that_month() -> None:
    dates = _dates(
        "Ties soured in January, when Kenya accused Uganda of blocking its lorries.", TUESDAY
    )
    assert dates["accused"] is not None and dates["accused"].value == "2024-01"


def test_a_participle_adjunct_dates_its_main_clause_and_what_is_joined_to_it() -> None:
    dates = _dates(
        "Speaking to reporters in Kampala on Monday, Uganda's foreign minister accused Kenya "
        "of smuggling and called for a joint inquiry.",
        TUESDAY,
    )
    by_word = {k: (v.value if v else None) for k, v in dates.items()}
    assert by_word.get("accused") == "2024-03-11"
    assert by_word.get("called") == "2024-03-11"


def test_a_time_deep_in_the_clause_still_dates_it() -> None:
    dates = _dates(
        "Police arrested four protesters after clashes near the gate of the ministry building "
        "late on Sunday evening, a spokesman said.",
        TUESDAY,
    )
    assert dates["arrested"] is not None and dates["arrested"].value == "2024-03-10"


def test_an_event_keeps_its_stated_length_as_its_duration() -> None:
    text = "Kenyan President Amara Okafor will spend 60 hours on his trip to Ghana."
    (trip,) = _events(text, TUESDAY)
    assert trip.duration is not None
    assert (trip.duration.value, trip.duration.span.text) == ("PT60H", "60 hours")
    assert trip.duration.hours() == pytest.approx((57.0, 63.0))


def test_a_week_later_dates_the_event_and_is_no_duration() -> None:
    dates = _dates(
        "Kenya imposed duties on Ugandan sugar on March 4. A week later Uganda banned Kenyan milk.",
        TUESDAY,
    )
    banned = dates["banned"]
    assert banned is not None and banned.value == "2024-03-11"


@pytest.mark.parametrize(
    ("value", "hours"),
    [("PT48H", 48.0), ("P2D", 48.0), ("P1W", 168.0), ("PT90M", 1.5), ("P1DT12H", 36.0)],
)
def test_duration_hours(value: str, hours: float) -> None:
    from eventwire.models import duration_hours

    assert duration_hours(value) == pytest.approx(hours)


@pytest.mark.parametrize("value", ["PXY", "P", "PT", "2019-02-27", "FUTURE_REF"])
def test_vague_durations_have_no_hours(value: str) -> None:
    from eventwire.models import duration_hours

    assert duration_hours(value) is None


def test_a_bound_before_the_length_qualifies_the_duration() -> None:
    text = "Kenyan President Amara Okafor will spend over 60 hours on his trip to Ghana."
    (trip,) = _events(text, TUESDAY)
    assert trip.duration is not None and trip.duration.mod == "MORE_THAN"


def test_a_length_of_another_thing_in_the_clause_is_not_the_events() -> None:
    events = _events(
        "Ghana and Kenya signed a trade accord on Tuesday at the end of a two-day visit by "
        "Kenya's president.",
        TUESDAY,
    )
    signed = [e for e in events if e.trigger.text == "signed"]
    assert signed and signed[0].duration is None
    visit = [e for e in events if e.trigger.text == "visit"]
    assert visit and visit[0].duration is not None and visit[0].duration.value == "P2D"


def test_a_planned_event_on_a_bare_weekday_lies_ahead() -> None:
    dates = _dates(
        "Officials said the two presidents would sign a trade accord covering fishing rights on "
        "Friday.",
        TUESDAY,
    )
    assert dates["sign"] is not None and dates["sign"].value == "2024-03-15"
