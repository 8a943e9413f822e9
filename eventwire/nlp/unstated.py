"""Sides a report leaves unsaid, coded as an unnamed actor of the country the report is about.

"The former president is charged with corruption", "hundreds of diplomats are being expelled",
"he urged them to keep good relations": the sentence names no one on one side, yet a reader of
the report knows whose side it is. Event datasets code such a side by its country with no name
(ACLED's "Unidentified Armed Group (Nigeria)"); so do we, after every rule that looks for a named
side has had its turn (``context``, ``origin``, ``outlet``).

The country is the one where the event happens when its place is resolved, else the one the
report's events are about: the one most of its sentences with events tie to, through a side's
country or the place an event happens, provided at least ``MIN_SENTENCES`` sentences do (a lone
sentence is no context; ties go to the country named first). A report about no state gets no
unnamed sides. An unnamed target stands only beside a source of its own state (or of none
known): what a foreign actor did to unnamed people is for the text to say. Nothing is supplied:
- a target to the one-sided types (``ONE_SIDED``: a build-up, a pull-back need not be aimed at
  anyone);
- an attacker to an attack (``UNATTRIBUTED``: who set off a bomb is a claim for the text to
  make, and reports often say it is not known);
- anyone to a condemnation of a deed (``BLAMING``: "condemned the bombing" blames its unknown
  authors);
- its own state as the addressee of what a state or its named officials or bodies demand,
  allege or turn down (``ADDRESSED``: "Yeltsin called for the fastest possible ratification",
  "the government blames armed gangs": whom it is aimed at is for the text to say); protesters,
  citizens, parties and rebels still address their own state, and a foreign or international
  speaker the state the report is about;
- their own state as host to travellers whose destination the text does not give (``TRIPS``: a
  trip is mostly abroad, and a report is mostly about its travellers' own state);
- anything to an event whose clause calls its sides several states it does not name there
  ("invited the three countries to join", "the two nations signed": ``STATE_PLURALS``).

Before any of that, an act done abroad in a place its sentence names ("lifted a curfew in
Montenegro", "recalled its envoy in Damascus") with no target is aimed at the place's state, a
named actor (``place_target``).

The filled side's evidence is the trigger; the actor's id starts with ``unnamed:`` so that a
user can tell it from a named one, and ``eventwire events --named-only`` leaves it out.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwire.models import UNNAMED_PREFIX, Actor, ActorKind, ActorMention, Event
from eventwire.nlp.actor_table import NON_STATE_CODES, load_actor_table, state_actor
from eventwire.nlp.context import STATE_SECTORS
from eventwire.nlp.event_frames import trigger_token
from eventwire.nlp.participants import HARM_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_SENTENCES = 2
ONE_SIDED = frozenset({"MOBILIZE", "RETREAT"})
UNATTRIBUTED = frozenset({"ASSAULT"})
BLAMING = frozenset({"ACCUSE"})
TRIPS = frozenset({("CONSULT", "visit")})
ADDRESSED = frozenset({"REQUEST", "ACCUSE", "REJECT"})


def report_subject(events: Sequence[Event]) -> str | None:
    """The state the report's events are about (see the module docstring), or None."""
    sentences: dict[str, set[int]] = {}
    first: dict[str, int] = {}
    for event in events:
        codes = [side.actor.country for side in (event.source, event.target) if side is not None]
        if event.place is not None and event.place.place is not None:
            codes.append(event.place.place.country)
        for code in codes:
            if code and code not in NON_STATE_CODES:
                sentences.setdefault(code, set()).add(event.sentence.start)
                first[code] = min(first.get(code, event.sentence.start), event.sentence.start)
    if not sentences:
        return None
    counts = Counter({code: len(starts) for code, starts in sentences.items()})
    best = max(counts, key=lambda code: (counts[code], -first[code]))
    return best if counts[best] >= MIN_SENTENCES else None


def unnamed_actor(code: str) -> Actor:
    """The unnamed actor of a state: "unnamed actor (South Africa)"."""
    entry = load_actor_table().country(code)
    name = f"unnamed actor ({entry.name if entry else code})"
    return Actor(f"{UNNAMED_PREFIX}{code}", name, ActorKind.GROUP, code)


def fill_unstated(doc: Doc, events: Sequence[Event]) -> list[Event]:
    """``events`` with a foreign place's state as the target of acts done there
    (``place_target``) and then empty sides given an unnamed actor (see the module docstring),
    which needs a report about some state."""
    events = [place_target(e) for e in events]
    subject = report_subject(events)
    if subject is None:
        return list(events)
    out = []
    for event in events:
        place = event.place.place if event.place is not None else None
        code = place.country if place is not None and place.country else subject
        unnamed = ActorMention(unnamed_actor(code), event.trigger)
        source, target = event.source, event.target
        if _said_to_be_states(doc, event):
            out.append(event)
            continue
        if source is None and event.code.type not in UNATTRIBUTED:
            source = unnamed
        if target is None and _takes_unnamed_target(doc, event, source, code):
            target = unnamed
        changed = source is not event.source or target is not event.target
        out.append(dataclasses.replace(event, source=source, target=target) if changed else event)
    return out


# Plural nouns for states: "the three countries", "both nations", "member states".
STATE_PLURALS = frozenset({"countries", "nations", "states"})


def _said_to_be_states(doc: Doc, event: Event) -> bool:
    """The trigger's clause names its sides as several states it does not name there ("invited
    the three countries to join", "the two nations signed"): one state's unnamed actor would
    misstate them."""
    head = trigger_token(doc, event)
    if head is None:
        return False
    words = [*head.children]
    if head.dep_ in CLAUSE_OF_HEAD:  # "invited the three countries to join": invited's object
        words += [*head.head.children]
    return any(
        w.lower_ in STATE_PLURALS and w.tag_ == "NNS" and w.dep_ in SIDE_DEPS and w.i != head.i
        for w in words
    )


SIDE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})
# A trigger whose sides sit on the word it hangs from: a complement, or a noun in a side's slot.
CLAUSE_OF_HEAD = frozenset({"xcomp", "ccomp", "pobj", "dobj", "nsubj", "nsubjpass"})


def _takes_unnamed_target(doc: Doc, event: Event, source: ActorMention | None, code: str) -> bool:
    """Whether the event may be aimed at the unnamed actor of state ``code``: a two-sided type,
    not a condemnation of a deed, and a source of that state or of none known (what a foreign
    actor did to a state's unnamed people is a claim about relations between states, which the
    text must make itself)."""
    if event.code.type in ONE_SIDED or _blames_a_deed(doc, event):
        return False
    country = source.actor.country if source is not None else None
    if (event.code.type, event.code.mode) in TRIPS and country == code:
        return False  # a trip to nowhere named is no visit home
    if event.code.type in ADDRESSED and country == code and _named_authority(source):
        return False  # whom a state's own voice asks, blames or turns down is for the text
    return country is None or country == code or country in NON_STATE_CODES


def _named_authority(side: ActorMention | None) -> bool:
    """The side is a state, or a named person or body that speaks for one (not people, parties
    or rebels, who address their state's authorities)."""
    if side is None or side.actor.unnamed:
        return False
    return side.actor.kind is ActorKind.COUNTRY or side.actor.sector in STATE_SECTORS


def _blames_a_deed(doc: Doc, event: Event) -> bool:
    """ "condemned the attack", "denounced the bombing": the one blamed is whoever did it, a
    question the sentence leaves open, not somebody of the report's country."""
    if event.code.type not in BLAMING:
        return False
    head = trigger_token(doc, event)
    return head is not None and any(
        child.dep_ == "dobj" and child.lemma_.lower() in HARM_NOUNS for child in head.children
    )


# Acts done in a place to whoever holds it: "lifted a curfew in Montenegro", "recalled its envoy
# in Damascus", "strengthened its forces in Lebanon".
PLACED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "CONCEDE", "SANCTION", "AID"})
# Readings of an event's place named in its own words, not borrowed from another event, an
# actor or the dateline (see ``PlaceMention.how``).
NAMED_PLACES = frozenset({"name", "context", "qualifier", "enclosing", "anaphor"})


def place_target(event: Event) -> Event:
    """An act of ``PLACED_TYPES`` with no target, done by an actor of one state in a place of
    another that its sentence names, is aimed at the place's state, as CAMEO and PLOVER code
    it. A meeting or a statement abroad is not aimed at its host, and a place read from
    elsewhere (another event, an actor, the dateline) is too loose a tie."""
    place = event.place
    if event.code.type not in PLACED_TYPES or event.target is not None or event.source is None:
        return event
    if place is None or place.place is None or place.agent or place.how not in NAMED_PLACES:
        return event
    code, own = place.place.country, event.source.actor.country
    if not code or code in NON_STATE_CODES or own is None or own == code:
        return event
    if not event.sentence.start <= place.span.start < event.sentence.end:
        return event
    return dataclasses.replace(event, target=ActorMention(state_actor(code), place.span))
