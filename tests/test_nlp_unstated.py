"""Sides a report leaves unsaid are the unnamed actor of the country the report is about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import MODEL, run_cli
from nlp_events_support import analyse

from eventwire.models import UNNAMED_PREFIX, ArticleAnalysis, Event

# Invented: a domestic court story in which the prosecuting side is never named.
COURT_REPORT = (
    "Former Zambian finance minister Joseph Mulenga appeared in a Lusaka court on Monday.\n"
    "Zambian police arrested Mulenga's deputy last week.\n"
    "Mulenga is accused of taking bribes from a mining company.\n"
    "Mulenga denied any wrongdoing."
)


def _by_trigger(analysis: ArticleAnalysis, word: str) -> Event:
    (event,) = [e for e in analysis.events if e.trigger.text == word]
    return event


# The opening of the invented Zambian reports below: the report is about Zambia.
ZAMBIAN_ARREST = "Zambian police arrested three opposition officials in Lusaka on Monday.\n"


def _after_arrest(*sentences: str, trigger: str) -> Event:
    """The event at ``trigger`` in a report that opens with ``ZAMBIAN_ARREST``."""
    return _by_trigger(analyse(ZAMBIAN_ARREST + "\n".join(sentences)), trigger)


def test_an_unnamed_accuser_is_the_unnamed_actor_of_the_reports_country() -> None:
    analysis = analyse(COURT_REPORT)
    accused = _by_trigger(analysis, "accused")
    assert accused.code.type == "ACCUSE"
    assert accused.source is not None
    assert accused.source.actor.id == f"{UNNAMED_PREFIX}ZMB"
    assert accused.source.actor.country == "ZMB"
    assert accused.source.actor.name == "unnamed actor (Zambia)"
    assert accused.source.span == accused.trigger  # the evidence is the event's own word
    assert accused.target is not None and accused.target.actor.name == "Joseph Mulenga"


def test_a_named_side_is_never_replaced() -> None:
    analysis = analyse(COURT_REPORT)
    arrest = _by_trigger(analysis, "arrested")
    assert arrest.source is not None and not arrest.source.actor.id.startswith(UNNAMED_PREFIX)


def test_a_lone_sentence_is_no_context() -> None:
    analysis = analyse("Mulenga is accused of taking bribes from a Zambian mining company.")
    (accused,) = analysis.events
    assert accused.source is None


def test_a_build_up_gets_no_unnamed_target() -> None:
    analysis = analyse(
        "Chadian troops clashed with rebels near Abeche on Sunday.\n"
        "Chad's army said rebels attacked a base in the east.\n"
        "Thousands of reservists were called up on Monday."
    )
    called = [e for e in analysis.events if e.code.type == "MOBILIZE"]
    assert called and all(e.target is None for e in called)
    assert all(e.source is not None and e.source.actor.country == "TCD" for e in called)


def test_an_attack_whose_attacker_is_not_named_stays_unattributed() -> None:
    killed = _after_arrest(
        "A bomb killed four people at a market in Kitwe on Tuesday.",
        "Zambia's president condemned the attack.",
        trigger="killed",
    )
    assert killed.code.type == "ASSAULT"
    assert killed.source is None


@pytest.mark.parametrize("deed", ["the bombing", "these senseless acts", "such terrorism"])
def test_a_condemned_deed_blames_its_unknown_authors_not_the_reports_country(deed: str) -> None:
    condemned = _after_arrest(
        "A bomb killed four people at a market in Kitwe on Tuesday.",
        f"Zambia's president condemned {deed}.",
        trigger="condemned",
    )
    assert condemned.code.type == "ACCUSE"
    assert condemned.source is not None and condemned.source.actor.country == "ZMB"
    assert condemned.target is None


def test_a_foreign_actor_is_not_given_unnamed_people_of_the_report_to_act_on() -> None:
    urged = _after_arrest(
        "Zambia's president accused the opposition of planning unrest.",
        "Malawi's foreign minister Grace Phiri urged restraint.",
        trigger="urged",
    )
    assert urged.source is not None and urged.source.actor.country == "MWI"
    assert urged.target is None


def test_a_state_s_own_voice_addresses_no_one_the_text_leaves_unsaid() -> None:
    called = _after_arrest(
        "Zambia's president accused the opposition of planning unrest.",
        "Zambian finance minister Joseph Mulenga called for calm.",
        trigger="called",
    )
    assert called.source is not None and called.source.actor.name == "Joseph Mulenga"
    assert called.target is None
    demanded = _after_arrest(
        "Zambia's president accused the opposition of planning unrest.",
        "Hundreds of protesters demanded fresh elections.",
        trigger="demanded",
    )
    assert demanded.target is not None and demanded.target.actor.country == "ZMB"


def test_the_place_of_the_event_comes_before_the_reports_country() -> None:
    ordered = _after_arrest(
        "Zambia's president accused the opposition of planning unrest.",
        "In Harare, hundreds of Zambian traders were ordered to leave the city on Tuesday.",
        trigger="ordered",
    )
    assert ordered.source is not None and ordered.source.actor.id == f"{UNNAMED_PREFIX}ZWE"


def test_named_only_takes_back_what_was_supplied() -> None:
    accused = _by_trigger(analyse(COURT_REPORT), "accused")
    bare = accused.named_only()
    assert bare.source is None
    assert bare.target == accused.target
    arrest = _by_trigger(analyse(COURT_REPORT), "arrested")
    assert arrest.named_only() is arrest


def test_the_command_line_shows_unnamed_sides_unless_asked_for_named_ones(tmp_path: Path) -> None:
    pytest.importorskip(MODEL)
    (tmp_path / "court.txt").write_text(COURT_REPORT, encoding="utf-8")
    db = str(tmp_path / "x.db")
    assert run_cli("ingest", str(tmp_path / "court.txt"), "--db", db).returncode == 0

    def accusation(*extra: str) -> dict[str, Any]:
        done = run_cli("events", "--db", db, "--json", "--type", "ACCUSE", *extra)
        assert done.returncode == 0, done.stderr
        (row,) = [json.loads(line) for line in done.stdout.splitlines()]
        return row

    assert accusation()["source"]["name"] == "unnamed actor (Zambia)"
    assert accusation()["source_actor_id"] == f"{UNNAMED_PREFIX}ZMB"
    assert accusation("--named-only")["source"] is None
    exported = run_cli("export", "--format", "csv", "--db", db, "--named-only")
    assert exported.returncode == 0 and "unnamed" not in exported.stdout
    assert "unnamed actor (Zambia)" in run_cli("export", "--format", "csv", "--db", db).stdout


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The two countries signed a trade pact in Lusaka on Friday.", "signed"),
        ("Zambia urged both nations to resume talks.", "urged"),
    ],
)
def test_sides_said_to_be_several_states_are_no_single_states_unnamed_actor(
    sentence: str, trigger: str
) -> None:
    event = _after_arrest(
        "Zambia's president condemned the opposition on Tuesday.", sentence, trigger=trigger
    )
    for side in (event.source, event.target):
        assert side is None or not side.actor.id.startswith(UNNAMED_PREFIX)


def test_a_trip_to_nowhere_named_gets_no_host_of_the_travellers_own_state() -> None:
    trip = _after_arrest(
        "Zambia's president condemned the opposition on Tuesday.",
        "Zambia's president left Lusaka for a three-day visit on Wednesday.",
        trigger="visit",
    )
    assert trip.code.type == "CONSULT"
    assert trip.target is None or not trip.target.actor.id.startswith(UNNAMED_PREFIX)


def test_an_act_done_abroad_in_a_named_place_is_aimed_at_its_state() -> None:
    for text, kind in (
        ("Ecuador lifted a night curfew in Peru on Sunday, officials said.", "CONCEDE"),
        ("Chile deployed 500 soldiers in Peru on Monday.", "MOBILIZE"),
    ):
        (event,) = [e for e in analyse(text).events if e.code.type == kind]
        assert event.target is not None and event.target.actor.country == "PER", text


def test_a_meeting_abroad_or_an_act_at_home_takes_no_place_target() -> None:
    meeting = analyse("Chilean ministers met in Lima on Monday to discuss the fishing dispute.")
    assert all(e.target is None or e.target.actor.country != "PER" for e in meeting.events)
    home = analyse("Peru lifted a night curfew in Lima on Sunday, officials said.")
    assert [e.target for e in home.events if e.code.type == "CONCEDE"] == [None]
