"""Event dates: the calendar date or range of each event, from the time expressions attached to it.

The events stage attaches time-expression spans to each event (``Event.times``); the time stage
normalises every expression of the article (``find_timexes``). An event's date is the value of the
DATE/TIME expressions among its own spans: one gives its value at its precision, several day-level
ones give the range they span ("on Wednesday and Thursday"). An event with no time of its own
takes, in order: a time of the clauses around its own (``clause_times``: "... during 2017, as the
North staged weapons tests"); a date from another event (``event_frames``: the same event named
again, an event it happens during, a trip under way); the month or year the previous sentence set
for the same actor in the past tense (``clause_times``); the publication date when it is reported
as going on or just done ("is heading to", "has arrived in"). Otherwise it gets no date rather
than a wrong one. A stated length widens a day to the days it covers ("left on Sunday for a
three-day visit"), and is kept as the event's duration.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc

from eventwire.models import (
    ActorMention,
    Event,
    EventDate,
    EventDuration,
    Factuality,
    TextSpan,
    duration_hours,
)
from eventwire.nlp.clause_times import (
    borrowed_times,
    measures_event,
    previous_frame,
    stated_length,
)
from eventwire.nlp.event_frames import frame_dates, trigger_token
from eventwire.nlp.timex import Timex, find_timexes

_ISO = re.compile(r"^(\d{4})(?:-(W\d{2}|\d{2})(?:-(\d{2}))?)?")
DERIVATION = {"explicit": "explicit", "dct": "publication", "narrative": "narrative"}
NOW_FACTUALITY = (Factuality.ASSERTED, Factuality.REPORTED)
_NEAR = re.compile(r"\b(coming|next few|recent|past few|last few) (days|weeks|months)\b")
NEAR_DAYS = {"days": 7, "weeks": 28, "months": 182}


def date_events(
    doc: Doc,
    events: Sequence[Event],
    published: date | None,
    mentions: Sequence[ActorMention] = (),
) -> list[Event]:
    """``events`` with their ``date`` filled where the text (or the tense) supports one."""
    if not events:
        return []
    timexes = find_timexes(doc, published)
    dated = [
        _dated(e, event_date(doc, e, timexes, published), event_duration(doc, e, timexes))
        for e in events
    ]
    dated = frame_dates(doc, dated, timexes, published)
    return [_continued(doc, e, timexes, mentions) if e.date is None else e for e in dated]


def _dated(event: Event, when: EventDate | None, duration: EventDuration | None) -> Event:
    """``event`` with this date and duration; itself when it has them already (most events have
    neither)."""
    if when is event.date and duration is event.duration:
        return event
    return dataclasses.replace(event, date=when, duration=duration)


def _continued(
    doc: Doc, event: Event, timexes: Sequence[Timex], mentions: Sequence[ActorMention]
) -> Event:
    timex = previous_frame(doc, event, timexes, mentions)
    value = _calendar_value(timex) if timex is not None else None
    if timex is None or value is None:
        return event
    span = TextSpan(timex.start, timex.end, timex.text)
    return dataclasses.replace(event, date=EventDate(value, _precision(value), "narrative", span))


def _calendar_value(timex: Timex) -> str | None:
    """The calendar part of a DATE/TIME value (``2019-01-07TAF`` -> ``2019-01-07``), or of the
    day a length reaches ("three days later"), if any."""
    value = timex.point if timex.type == "DURATION" else timex.value
    if timex.type not in ("DATE", "TIME", "DURATION") or not value:
        return None
    match = _ISO.match(value)
    return match.group(0) if match else None


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")


def _own(event: Event, timexes: Sequence[Timex]) -> list[Timex]:
    """The time expressions the event's own time mentions overlap."""
    if not event.times:
        return []
    first = min(span.start for span in event.times)
    last = max(span.end for span in event.times)
    return [
        t
        for t in timexes
        if t.start < last
        and first < t.end
        and any(t.start < span.end and span.start < t.end for span in event.times)
    ]


BOUNDS = (("over ", "MORE_THAN"), ("more than ", "MORE_THAN"), ("at least ", "EQUAL_OR_MORE"),
          ("under ", "LESS_THAN"), ("less than ", "LESS_THAN"), ("up to ", "EQUAL_OR_LESS"),
          ("nearly ", "LESS_THAN"), ("almost ", "LESS_THAN"), ("about ", "APPROX"),
          ("around ", "APPROX"), ("some ", "APPROX"), ("roughly ", "APPROX"))  # fmt: skip


def event_duration(doc: Doc, event: Event, timexes: Sequence[Timex]) -> EventDuration | None:
    """How long the event lasts, from the first plain length among its own time expressions
    ("a 48-hour journey", "talks lasting more than two days"); vague ones ("for years") give
    none. A bound just before the expression ("takes over 48 hours"; TimeML leaves "over"
    outside the expression) qualifies it."""
    for timex in _own(event, timexes):
        length = timex.type == "DURATION" and timex.point is None  # not "a week later"
        if (
            length
            and timex.value
            and duration_hours(timex.value)
            and measures_event(doc, event, timex)
        ):
            covered = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            first = covered.start if covered is not None else 0
            before = "".join(t.text_with_ws for t in doc[max(0, first - 2) : first]).lower()
            bound = next((mod for word, mod in BOUNDS if before.endswith(word)), None)
            span = TextSpan(timex.start, timex.end, timex.text)
            return EventDuration(timex.value, timex.mod or bound, span)
    return None


def event_date(
    doc: Doc, event: Event, timexes: Sequence[Timex], published: date | None
) -> EventDate | None:
    own = _own(event, timexes)
    dated = [(t, _ahead(v, t, event, published)) for t in own if (v := _calendar_value(t))]
    if not own:
        dated = [(t, v) for t in borrowed_times(doc, event, timexes) if (v := _calendar_value(t))]
    if dated:
        return _with_length(doc, event, own, dated) or _from_expressions(doc, dated)
    if published is not None:
        anchor = _reported_day(event, timexes) or published
        window = next((w for t in own if (w := _near_window(t, anchor)) is not None), None)
        if window is not None:
            return window
    if any(not _modifier(t) for t in own) or published is None:
        return None  # a duration or vague time ("for years", "in the coming days"): no date
    if event.factuality not in NOW_FACTUALITY:
        return None
    if _reported_as_current(doc, event):
        return EventDate(published.isoformat(), "day", "tense")
    return None


def _reported_day(event: Event, timexes: Sequence[Timex]) -> date | None:
    """The day a statement was made when its sentence dates it before the event's own words
    ("announced on Saturday that he would visit in the coming days"): the anchor of "coming"."""
    sentence = event.sentence
    days = [
        value
        for t in timexes
        if sentence.start <= t.start
        and t.end <= event.trigger.start
        and (value := _calendar_value(t)) is not None
        and len(value) == 10
    ]
    return date.fromisoformat(days[-1]) if days else None


def _near_window(timex: Timex, published: date) -> EventDate | None:
    """ "in the coming days" / "in recent weeks": the stretch of days from (or up to) the
    publication date that the phrase covers, as a range: a week of days, a month of weeks, half a
    year of months. A reader takes them so; TimeML keeps them as FUTURE_REF / PAST_REF."""
    match = _NEAR.search(timex.text.lower())
    if match is None or timex.value not in ("FUTURE_REF", "PAST_REF"):
        return None
    days = NEAR_DAYS[match.group(2)]
    if timex.value == "FUTURE_REF":
        start, end = published, published + timedelta(days=days)
    else:
        start, end = published - timedelta(days=days), published
    value = f"{start.isoformat()}/{end.isoformat()}"
    return EventDate(value, "range", "publication", TextSpan(timex.start, timex.end, timex.text))


def _from_expressions(doc: Doc, dated: list[tuple[Timex, str]]) -> EventDate:
    first, last = dated[0][0], dated[-1][0]
    covered = doc.char_span(first.start, last.end, alignment_mode="expand")
    text = covered.text if covered is not None else first.text
    span = TextSpan(first.start, last.end, text)
    values = sorted({v for _, v in dated})
    derivation = DERIVATION.get(first.anchored, "publication")
    if len(values) > 1 and all(len(v) == 10 for v in values):
        return EventDate(f"{values[0]}/{values[-1]}", "range", derivation, span)
    value = dated[0][1]
    if "W" in value:  # an ISO week is written as the range of its days, as the gold format has it
        year, week = int(value[:4]), int(value[6:8])
        monday = date.fromisocalendar(year, week, 1)
        sunday = date.fromisocalendar(year, week, 7)
        return EventDate(f"{monday}/{sunday}", "week", derivation, span)
    return EventDate(value, _precision(value), derivation, span)


WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def _ahead(value: str, timex: Timex, event: Event, published: date | None) -> str:
    """A planned event's bare weekday lies ahead: when the expression's own clause misled the
    tense ("would sign an agreement covering the stations on Tuesday": "covering" has no tense
    of its own) and put it in the week before the report, the weekday after it is meant."""
    if published is None or event.factuality is not Factuality.PLANNED:
        return value
    if timex.anchored != "tense" or len(value) != 10 or not WEEKDAY.search(timex.text):
        return value
    day = date.fromisoformat(value)
    return (day + timedelta(days=7)).isoformat() if day < published else value


def _with_length(
    doc: Doc, event: Event, own: Sequence[Timex], dated: list[tuple[Timex, str]]
) -> EventDate | None:
    """One stated day and a stated length: the days the event covers ("left on Sunday for a
    three-day visit", "two days of talks ended on Thursday")."""
    days = {v for _, v in dated}
    if len(days) != 1 or len(next(iter(days))) != 10:
        return None
    length = stated_length(doc, event, own)
    if length is None:
        return None
    count, ends = length
    day = date.fromisoformat(next(iter(days)))
    first = day - timedelta(days=count - 1) if ends else day
    last = first + timedelta(days=count - 1)
    found = _from_expressions(doc, dated)
    return dataclasses.replace(found, value=f"{first}/{last}", precision="range")


def _modifier(timex: Timex) -> bool:
    """A length used as an adjective ("a four-day visit") says how long, not when."""
    return timex.type == "DURATION" and "-" in timex.text


HABITUAL = frozenset({"repeatedly", "often", "always", "frequently", "long", "consistently"})


def _reported_as_current(doc: Doc, event: Event) -> bool:
    """ "is heading to", "is visiting", "has arrived in", "arrives in", "it is time for":
    happening at report time."""
    token = trigger_token(doc, event)
    if token is None:
        return False
    if token.dep_ == "attr" and token.head.lemma_ == "be":  # "it is time for the US to ease"
        return token.head.tag_ in ("VBZ", "VBP")
    if any(c.lower_ in HABITUAL for c in token.children if c.dep_ == "advmod"):
        return False  # "has repeatedly demanded": a pattern, not a dated event
    aux_tokens = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    auxes = {c.lower_ for c in aux_tokens}
    if token.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re"}:
        return True
    finite_have = [c for c in aux_tokens if c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")]
    if token.tag_ == "VBN" and finite_have:  # "has arrived", not "are believed to have met"
        return True
    return token.tag_ in ("VBZ", "VBP") and token.lemma_ not in ("be", "have")
