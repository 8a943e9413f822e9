"""Where each event happened: its stated place resolved, or a place the article implies.

In order:

1. the place written in the event's clause ("met in Hanoi", "at the Great Hall of the People"),
   as the resolver read it for the whole article, or the place a trip's "to the country" points
   back to;
2. the place of another event of the same sentence that shares a participant ("their summit in
   Singapore ended without agreement": the agreement that did not happen was in Singapore too);
3. a departure with no origin written: the capital of the departing state or leader ("Kim
   departed on Monday" leaves Pyongyang);
4. the place of one of the events just before that shares a participant (the story stays put);
5. where the report was filed from (its dateline, "SANTIAGO —"), for an event that happened
   (not a plan) between parties one of which belongs to the dateline's country, and that is not
   a trip: reporters file from where the news is, and a state's own affairs happen at home
   ("SANTIAGO — Chile and Norway signed an agreement"); "WASHINGTON — Russia attacked Ukraine"
   names no American party and gets no place this way. Marked ``how="dateline"``;
6. what a state, its institutions or its groups do unilaterally with no place written happens
   at home: statements, demands, threats, protests, sanctions, military moves ("the North staged
   weapons tests", "Tanzania's ministry announced a ban"). People travel, so a person's own
   statement gets no place this way.

A dateline is never taken as an event's *stated* place, only as that fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    Factuality,
    Place,
    PlaceMention,
    TextSpan,
)
from eventwire.nlp.actor_table import NON_STATE_CODES, group_id, group_noun

DEPARTURE_WORDS = ("depart", "leave", "left", "set off", "sets off", "set out")
# Acts a state (or its people) performs where it is, when nothing says otherwise: statements,
# demands, threats, protests, sanctions, force used at home, mobilising and standing down.
HOME_TYPES = frozenset(
    {"MOBILIZE", "RETREAT", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION", "PROTEST"}
)
NARRATIVE_EVENTS = 3  # how many events back a place carries over
NARRATIVE_CHARS = 600  # and at most this far back in the text
MAX_GAP = 12  # characters between a trip's trigger and "to the country"


def place_events(
    events: Sequence[Event],
    mentions: Sequence[PlaceMention],
    *,
    capital_of: Callable[[str], Place | None],
    country: Callable[[str], Place | None],
    dateline: PlaceMention | None = None,
) -> list[Event]:
    """``events`` with ``place`` set where the text states or implies it; ``dateline`` is the
    resolved place the report was filed from, if it opens with one."""
    stated = [
        _with_place(e, _stated(e.location, mentions) or _destination_anaphor(e, mentions))
        for e in events
    ]
    by_sentence: dict[TextSpan, list[Event]] = {}
    for e in stated:
        by_sentence.setdefault(e.sentence, []).append(e)
    out: list[Event] = []
    for e in stated:
        place = e.place
        if place is None:
            place = _same_sentence(e, by_sentence[e.sentence])
        if place is None:
            place = _departure(e, capital_of)
        if place is None:
            place = _narrative(e, out)
        if place is None:
            place = _filed_from(e, dateline)
        if place is None:
            place = _at_home(e, country)
        out.append(replace(e, place=place) if place is not None else e)
    return out


def _with_place(e: Event, place: PlaceMention | None) -> Event:
    """``e`` with ``place``; ``e`` itself when that is its place already (most have none)."""
    return e if place is e.place else replace(e, place=place)


def _narrative(e: Event, before: Sequence[Event]) -> PlaceMention | None:
    """The place of the story so far: the last placed event among the few just before, when it
    shares a participant and is close by ("rallied outside the palace ... In a letter handed in
    during the rally, the federation demanded ...")."""
    mine = _participants(e)
    for other in reversed(before[-NARRATIVE_EVENTS:]):
        if e.sentence.start - other.sentence.end > NARRATIVE_CHARS:
            break
        if other.place is None or other.place.place is None or other.place.how in ("home",):
            continue
        if _plan(other) != _plan(e) or not _fits_trip(e, other.place):
            continue  # a plan does not happen where the last thing happened, nor the reverse
        if mine & _participants(other):
            return replace(other.place, how="narrative")
    return None


def _stated(location: TextSpan | None, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place a location phrase names: the one its last "in" or "at" leads to ("the U.S.
    embassy in Nairobi", "the French embassy in Nairobi" are in Kenya), a place's name before an
    adjective's, the first otherwise."""
    if location is None:
        return None
    inner = location.start + max(
        location.text.rfind(" in ") + 1, location.text.rfind(" at ") + 1, 0
    )
    found = [
        m
        for m in mentions
        if m.span.start < location.end
        and location.start < m.span.end
        and (m.place is not None or m.facility is not None)
    ]
    return min(
        found,
        key=lambda m: (m.place is None, m.span.start < inner, m.how == "demonym", m.span.start),
        default=None,
    )


def _destination_anaphor(e: Event, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """ "would pay a visit to the country": a trip whose destination is a place anaphor right
    after the trigger, resolved against the places named before it."""
    if e.location is not None or e.code.mode != "visit":
        return None
    sentence = e.sentence
    for m in mentions:
        if m.how != "anaphor" or m.place is None:
            continue
        if not (e.trigger.end <= m.span.start <= sentence.end):
            continue
        between = sentence.text[e.trigger.end - sentence.start : m.span.start - sentence.start]
        if len(between) <= MAX_GAP and f" {between.strip()} ".endswith(" to "):
            return m
    return None


def _fits_trip(e: Event, place: PlaceMention | None) -> bool:
    """A trip to a state happens in that state: "visits Argentina" is not in Santiago."""
    target = e.target.actor if e.target else None
    if e.code.mode != "visit" or target is None or target.kind is not ActorKind.COUNTRY:
        return True
    return place is not None and place.place is not None and place.place.country == target.country


def _plan(e: Event) -> bool:
    return e.factuality in (Factuality.PLANNED, Factuality.HYPOTHETICAL)


def _participants(e: Event) -> set[str]:
    return {m.actor.id for m in (e.source, e.target, *e.others) if m is not None}


def _same_sentence(e: Event, events: Sequence[Event]) -> PlaceMention | None:
    """The place of another event of ``e``'s sentence (``events``: those of the sentence, or
    more) that shares a participant."""
    mine = _participants(e)
    for other in events:
        if other is e or other.place is None or other.place.place is None:
            continue
        if other.sentence != e.sentence or not (mine & _participants(other)):
            continue
        if not _fits_trip(e, other.place):
            continue
        return replace(other.place, how="sentence")
    return None


def _state_source(e: Event) -> Actor | None:
    """The event's source when it belongs to a state (not an international body)."""
    source = e.source.actor if e.source else None
    if source is None or not source.country or len(source.country) != 3:
        return None
    return None if source.country in NON_STATE_CODES else source


def _departure(e: Event, capital_of: Callable[[str], Place | None]) -> PlaceMention | None:
    """A leader or state leaving with no origin written leaves from its capital."""
    source = _state_source(e)
    trigger = e.trigger.text.lower()
    departs = e.code.mode == "visit" and any(trigger.startswith(w) for w in DEPARTURE_WORDS)
    if source is None or not departs:
        return None
    if source.kind not in (ActorKind.PERSON, ActorKind.COUNTRY) or source.sector not in (
        "GOV",
        None,
    ):
        return None
    place = capital_of(source.country) if source.country else None
    return PlaceMention(e.trigger, place, how="home") if place is not None else None


def _filed_from(e: Event, dateline: PlaceMention | None) -> PlaceMention | None:
    """The dateline's place for a domestic event that happened, as the module describes."""
    if dateline is None or dateline.place is None or dateline.place.country is None:
        return None
    if e.factuality in (Factuality.PLANNED, Factuality.HYPOTHETICAL) or e.code.mode == "visit":
        return None
    countries = {m.actor.country for m in (e.source, e.target) if m is not None}
    if dateline.place.country not in countries:
        return None
    return replace(dateline, how="dateline", agent=False)


def _at_home(e: Event, country: Callable[[str], Place | None]) -> PlaceMention | None:
    """A state's (or its institutions' and groups') unilateral act with no place written."""
    source = _state_source(e)
    if source is None or source.kind is ActorKind.PERSON or e.code.type not in HOME_TYPES:
        return None
    place = country(source.country) if source.country else None
    return PlaceMention(e.trigger, place, how="actor") if place is not None else None


# Acts done *to* a place when no one is named on the receiving end: "declared a state of siege
# in Haiti", "withdrew its forces from Panama", "demonstrated in Serbia", "refused to deploy
# peacekeepers in Iraq". The state of the place stated in the clause is the target, as event
# data sets code them; statements and meetings are never aimed at a place.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "AID"})


def targets_from_places(
    events: Sequence[Event], state: Callable[[str], Actor | None]
) -> list[Event]:
    """``events`` where a material act with no target and a place stated in its clause gets
    that place's state as its target, and a visit that states its destination is a visit to
    that place's state (``state`` gives the state actor of an ISO code)."""
    return [_place_target(e, state) for e in events]


def _place_target(e: Event, state: Callable[[str], Actor | None]) -> Event:
    e = _located_sides(e)
    if e.location is None or not (_aimed_at_place(e) or _host_from_elsewhere(e)):
        return e
    mention = e.place
    if mention is None or mention.place is None or not mention.place.country:
        return e
    if not (mention.span.start < e.location.end and e.location.start < mention.span.end):
        return e  # only a place stated in the clause, not one the story implies
    home = e.source is not None and e.source.actor.country == mention.place.country
    if home and e.code.mode == "visit":
        return e  # a trip at home has no host state (an act at home is aimed at its own state)
    actor = state(mention.place.country)
    return e if actor is None else replace(e, target=ActorMention(actor, mention.span))


VICTIM_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
VICTIM_SECTORS = frozenset({"CVL", "REF", "EDU", "HLH", "MED", "REL", "BUS"})
LOCAL_SECTORS = frozenset({"COP", "CVL", "REB"})  # police, people and rebels act where they are


def _located_sides(e: Event) -> Event:
    """Unnamed groups the text gives no country, in an act at a place its clause states, are of
    that place: "killed four villagers in the West Bank town of Jenin", "police arrested six
    students in Nairobi" (the victims of an attack or arrest, and police, people and rebels who
    act; not troops or officials, who are often abroad)."""
    if e.code.type not in VICTIM_TYPES or e.location is None:
        return e
    mention = e.place
    if mention is None or mention.place is None or not mention.place.country:
        return e
    if not (mention.span.start < e.location.end and e.location.start < mention.span.end):
        return e
    country = mention.place.country
    source = _located(e.source, country, LOCAL_SECTORS)
    target = _located(e.target, country, VICTIM_SECTORS | LOCAL_SECTORS)
    return replace(e, source=source, target=target)


def _located(
    side: ActorMention | None, country: str, sectors: frozenset[str]
) -> ActorMention | None:
    if side is None or side.actor.kind is not ActorKind.GROUP or side.actor.country:
        return side
    actor = side.actor
    if actor.sector not in sectors:
        return side
    located = replace(actor, id=group_id(country, actor.sector, group_noun(actor)), country=country)
    return replace(side, actor=located)


def _aimed_at_place(e: Event) -> bool:
    return e.target is None and e.code.type in PLACE_TARGET_TYPES


def _host_from_elsewhere(e: Event) -> bool:
    """A visit whose host the events stage took from outside its sentence (or found none):
    the destination its own clause states is the host ("a two-day visit to Santiago" is a
    visit to Chile, whatever country the next paragraph names)."""
    if e.code.type != "CONSULT" or e.code.mode != "visit":
        return False
    if e.trigger.text.lower().startswith(DEPARTURE_WORDS):
        return False  # the place a departure states is where the trip began
    target = e.target
    return target is None or not (
        e.sentence.start <= target.span.start and target.span.end <= e.sentence.end
    )
