"""Timelines: fused events in date order with readable dates, descriptions, flags and sources.

Fused events are built by hand (invented leaders and places), so these tests do not depend on
the fusion rules; one test goes through ``fuse`` end to end.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from eventwire.link.fusion import Conflict, FusedEvent, fuse
from eventwire.link.timeline import (
    describe,
    format_timeline,
    headline,
    timeline,
    timeline_json,
    timeline_markdown,
    when_label,
)
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    EventCode,
    EventDate,
    Factuality,
    Place,
    PlaceMention,
    TextSpan,
)
from eventwire.store.events import StoredEvent

KOVIN = Actor("person:mara-kovin", "Mara Kovin", ActorKind.PERSON, "VAL", "GOV")
BRANDT = Actor("person:teo-brandt", "Teo Brandt", ActorKind.PERSON, "ORN", "GOV")
ORNLAND = Actor("ORN", "Ornland", ActorKind.COUNTRY, "ORN", "GOV")
POLICE = Actor("group:ORN:police", "Ornish police", ActorKind.GROUP, "ORN", "COP")
CROWD = Actor("group:ORN:crowd", "Ornish crowd", ActorKind.GROUP, "ORN", "CVL")
ORNHAVN = Place("geonames:21", "Ornhavn", "city", "ORN", None, 1.0, 2.0, 1000, "P", None)
ORN_PLACE = Place("country:ORN", "Ornland", "country", "ORN", None, 1.0, 2.0, 1000, "A", None)
SELBOURG = Place("geonames:31", "Selbourg", "city", "SEL", None, 3.0, 4.0, 1000, "P", None)


def evidence(n: int, *, outlet: str | None = "Harbour Post", url: bool = True) -> StoredEvent:
    """Mention ``n``: report ``r{n}``, published on the ``n``-th of March 2025."""
    text = f"Report {n} says   it\nhappened [really]."
    event = Event(
        article_id=f"a{n}",
        sentence=TextSpan(0, len(text), text),
        trigger=TextSpan(0, 6, "Report"),
        code=EventCode("CONSULT", "visit", "042", 1, 1.9),
        factuality=Factuality.ASSERTED,
    )
    address = f"https://news.example/r{n}" if url else None
    return StoredEvent(event, f"reports/r{n}.html", address, outlet, dt.date(2025, 3, n))


def fused(
    fid: str,
    date: str | None,
    precision: str | None = "day",
    *,
    kind: str = "CONSULT",
    mode: str | None = "visit",
    source: Actor | None = KOVIN,
    target: Actor | None = ORNLAND,
    place: Place | None = ORNHAVN,
    factuality: Factuality = Factuality.ASSERTED,
    planned: int = 0,
    sources: int = 1,
    conflicts: tuple[Conflict, ...] = (),
) -> FusedEvent:
    return FusedEvent(
        id=fid,
        type=kind,
        mode=mode,
        source=source,
        target=target,
        factuality=factuality,
        date=date,
        date_precision=precision,
        place=place,
        facility=None,
        duration=None,
        evidence=tuple(evidence(n) for n in range(1, sources + 1)),
        planned_mentions=planned,
        conflicts=conflicts,
    )


@pytest.mark.parametrize(
    ("value", "precision", "label"),
    [
        ("2019-02-27", "day", "2019-02-27"),
        ("2019-02-27/2019-02-28", "range", "2019-02-27–28"),
        ("2019-02-27/2019-03-01", "range", "2019-02-27–03-01"),
        ("2018-12-30/2019-01-02", "range", "2018-12-30–2019-01-02"),
        ("2018-06", "month", "June 2018"),
        ("2018", "year", "2018"),
        ("2019-W08", "week", "week 8 of 2019"),
        (None, None, "undated"),
    ],
)
def test_dates_read_at_their_precision(
    value: str | None, precision: str | None, label: str
) -> None:
    assert when_label(value, precision) == label


def test_entries_in_date_order_with_undated_last_or_left_out() -> None:
    events = [
        fused("undated", None, None),
        fused("year", "2024", "year"),
        fused("day", "2025-03-04"),
        fused("month", "2025-03", "month"),
        fused("week", "2025-W08", "week"),
    ]
    entries = timeline(events)
    assert [(e.event.id, e.when) for e in entries] == [
        ("year", "2024"),
        ("week", "week 8 of 2025"),
        ("month", "March 2025"),  # a month comes before the days inside it that start later
        ("day", "2025-03-04"),
        ("undated", "undated"),
    ]
    assert "undated" not in [e.event.id for e in timeline(events, undated=False)]


def test_descriptions_from_actors_type_mode_and_place() -> None:
    assert describe(fused("v", "2025")) == "Mara Kovin visits Ornland (Ornhavn)"
    assert describe(fused("v", "2025", place=ORN_PLACE)) == "Mara Kovin visits Ornland"
    assert (
        describe(fused("h", "2025", target=BRANDT))
        == "Mara Kovin visits Ornhavn, hosted by Teo Brandt"
    )
    meeting = fused("m", "2025", mode="meet", target=BRANDT, place=SELBOURG)
    assert describe(meeting) == "Mara Kovin and Teo Brandt meet in Selbourg"
    no_deal = fused(
        "n",
        "2025",
        kind="AGREE",
        mode=None,
        target=BRANDT,
        place=SELBOURG,
        factuality=Factuality.NEGATED,
    )
    assert describe(no_deal) == "no agreement: Mara Kovin – Teo Brandt (Selbourg)"
    accusation = fused("a", "2025", kind="ACCUSE", mode=None, target=BRANDT, place=None)
    assert describe(accusation) == "Mara Kovin accuses Teo Brandt"
    alone = fused("t", "2025", mode="meet", target=None, place=SELBOURG)
    assert describe(alone) == "Mara Kovin holds talks in Selbourg"
    invite = fused("i", "2025", kind="AGREE", mode="invite", target=BRANDT, place=None)
    assert describe(invite) == "Mara Kovin invites Teo Brandt"
    arrests = fused("r", "2025", kind="COERCE", mode="arrest", source=POLICE, target=None)
    assert describe(arrests) == "Ornish police arrest in Ornhavn"
    crowd = fused("c", "2025", kind="PROTEST", mode="obstruct", source=CROWD, target=ORNLAND)
    assert describe(crowd) == "Ornish crowd protests against Ornland (obstruct) in Ornhavn"
    # mode "sever" covers a broken tie and an embargo alike: the title says only "sanctions"
    ban = fused("b", "2025", kind="SANCTION", mode="sever", target=BRANDT, place=None)
    assert describe(ban) == "Mara Kovin sanctions Teo Brandt (sever)"


def test_factuality_is_marked_and_a_plan_that_happened_says_so() -> None:
    entries = timeline(
        [
            fused("p", "2025-04", "month", factuality=Factuality.PLANNED, planned=2),
            fused("h", "2025-03-04", planned=1),
            fused("r", "2025-03-05", factuality=Factuality.REPORTED),
            fused("rp", "2025-03-05/2025-03-06", factuality=Factuality.REPORTED, planned=1),
            fused("n", "2025-03-06", factuality=Factuality.NEGATED),
            fused("q", "2025-03-07", factuality=Factuality.HYPOTHETICAL),
            fused("a", "2025-03-08"),
        ]
    )
    assert [(e.event.id, e.status) for e in entries] == [
        ("h", "planned earlier, then happened"),
        ("r", "reported"),
        ("rp", "planned earlier, then reported to have happened"),
        ("n", "negated"),
        ("q", "hypothetical"),
        ("a", ""),
        ("p", "planned"),
    ]


def test_terminal_lines_show_sources_status_and_conflicts() -> None:
    conflict = Conflict("date", (("2025-03-04", 2), ("2025-03-05", 1)), "dates do not overlap")
    entries = timeline(
        [fused("c", "2025-03-04", sources=3, conflicts=(conflict,)), fused("u", None, None)]
    )
    assert format_timeline(entries).splitlines() == [
        "2025-03-04  Mara Kovin visits Ornland (Ornhavn)  [3 sources]",
        "            ! date: 2025-03-04 ×2, 2025-03-05 ×1 (dates do not overlap)",
        "undated     Mara Kovin visits Ornland (Ornhavn)  [1 source]",
    ]
    assert format_timeline([]) == ""
    with_evidence = format_timeline(entries[:1], evidence=True).splitlines()
    assert with_evidence[2:4] == [
        "            - https://news.example/r1",
        '              "Report 1 says it happened [really]."',
    ]


def test_markdown_cites_every_report_with_its_sentence() -> None:
    event = fused("c", "2025-03-04/2025-03-05", "range", sources=2, planned=1)
    unlinked = replace(
        event,
        id="u",
        date="2025-05",
        date_precision="month",
        evidence=(evidence(3, outlet=None, url=False),),
    )
    text = timeline_markdown(timeline([event, unlinked]), "Kovin in Ornland")
    assert text.splitlines() == [
        "## Kovin in Ornland",
        "",
        "- **2025-03-04–05** Mara Kovin visits Ornland (Ornhavn) "
        "*(planned earlier, then happened)* — 2 sources",
        "  - [Harbour Post](<https://news.example/r1>), 2025-03-01: "
        '"Report 1 says it happened \\[really\\]."',
        "  - [Harbour Post](<https://news.example/r2>), 2025-03-02: "
        '"Report 2 says it happened \\[really\\]."',
        "- **May 2025** Mara Kovin visits Ornland (Ornhavn) *(planned earlier, then happened)* "
        "— 1 source",
        '  - reports/r3.html, 2025-03-03: "Report 3 says it happened \\[really\\]."',
    ]


def test_json_keeps_every_mention_as_evidence() -> None:
    conflict = Conflict("place", (("Ornhavn (ORN)", 1), ("Selbourg (SEL)", 1)), "places differ")
    (record,) = timeline_json(
        timeline([fused("c", "2025-03-04", sources=2, conflicts=(conflict,))])
    )
    json.dumps(record)  # plain data only
    assert record["when"] == "2025-03-04" and record["text"] == describe(fused("c", "2025-03-04"))
    assert record["articles"] == 2 and record["status"] is None
    assert record["conflicts"] == [
        {
            "field": "place",
            "values": [
                {"value": "Ornhavn (ORN)", "count": 1},
                {"value": "Selbourg (SEL)", "count": 1},
            ],
            "note": "places differ",
        }
    ]
    assert [e["url"] for e in record["evidence"]] == [  # type: ignore[attr-defined]
        "https://news.example/r1",
        "https://news.example/r2",
    ]


def _report(n: int, trigger: str, when: str, factuality: Factuality) -> StoredEvent:
    span = TextSpan(10, 10 + len(trigger), trigger)
    sentence = TextSpan(0, 60, f"Mara Kovin {trigger} Ornhavn, report {n} says.")
    event = Event(
        article_id=f"a{n}",
        sentence=sentence,
        trigger=span,
        code=EventCode("CONSULT", "visit", "042", 1, 1.9),
        factuality=factuality,
        source=ActorMention(KOVIN, span),
        target=ActorMention(ORNLAND, span),
        date=EventDate(when, "day", "explicit"),
        place=PlaceMention(span, ORNHAVN),
    )
    return StoredEvent(event, f"r{n}.txt", f"https://news.example/{n}", f"Outlet {n}", None)


def test_fused_reports_make_one_cited_entry() -> None:
    reports = [
        _report(1, "will visit", "2025-03", Factuality.PLANNED),
        _report(2, "arrived in", "2025-03-04", Factuality.ASSERTED),
        _report(3, "arrived in", "2025-03-04", Factuality.ASSERTED),
    ]
    (entry,) = timeline(fuse(reports))
    assert (entry.when, entry.text, entry.sources) == (
        "2025-03-04",
        "Mara Kovin visits Ornland (Ornhavn)",
        3,
    )
    assert entry.status == "planned earlier, then happened"
    markdown = timeline_markdown([entry], "Trip")
    for n in (1, 2, 3):
        assert f"[Outlet {n}](<https://news.example/{n}>)" in markdown
    assert "(planned): " in markdown


def test_a_duration_and_its_conflict_show_in_every_format() -> None:
    conflict = Conflict("duration", (("48 hours", 2), ("60 hours", 1)), "stated lengths disagree")
    event = replace(fused("c", "2025-03-04", conflicts=(conflict,)), duration="48 hours")
    entries = timeline([event])
    assert format_timeline(entries).splitlines() == [
        "2025-03-04  Mara Kovin visits Ornland (Ornhavn)  [1 source; 48 hours]",
        "            ! duration: 48 hours ×2, 60 hours ×1 (stated lengths disagree)",
    ]
    assert "— 1 source, 48 hours" in timeline_markdown(entries, "Trip")
    assert timeline_json(entries)[0]["duration"] == "48 hours"


def test_a_headline_describes_the_event_most_reports_tell() -> None:
    first = _report(1, "visited", "2025-01-10", Factuality.ASSERTED)  # told by one report
    assert first.event.place is not None
    place = replace(first.event.place, place=SELBOURG)
    once = replace(first, event=replace(first.event, place=place))
    twice = [_report(n, "visited", "2025-03-04", Factuality.ASSERTED) for n in (2, 3)]
    assert len(fuse([once, *twice])) == 2
    assert headline([once, *twice]) == "Mara Kovin visits Ornland (Ornhavn)"
    assert headline([once]) == "Mara Kovin visits Ornland (Selbourg)"
    planned = _report(4, "will visit", "2025-06", Factuality.PLANNED)
    assert headline([planned]) == "Mara Kovin visits Ornland (Ornhavn) (planned)"
    assert headline([]) is None
