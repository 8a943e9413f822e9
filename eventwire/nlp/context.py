"""Roles left open in one sentence, filled from the rest of the article.

A report tells one story: once it has said that Kim is visiting China, "Mr Kim departed on Monday
afternoon" is part of that visit, "meetings will be held at the Great Hall" are with the hosts,
and "their first summit" is between the two sides just named. These rules only fill roles that
the sentence left empty; they never change a role the sentence gave. The actor evidence of a
filled role points at the mention it was taken from.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from eventwire.models import Actor, ActorKind, ActorMention, Event, Factuality
from eventwire.nlp.actor_table import NON_STATE_CODES, load_actor_table

# Words that refer back to two sides already named ("their summit", "the two leaders met").
PLURAL_BACK = frozenset({"their", "they", "both", "two"})
SYMMETRIC_MODES = frozenset({None, "meet", "phone"})
LOOKBACK_SENTENCES = 2  # how far back "their"/"the two" may reach
# "the two leaders", "both countries", "officials from the two ministries": the two sides last
# named, however far back (within reason).
EXPLICIT_PAIR = frozenset({"two", "both"})
PAIR_LOOKBACK_SENTENCES = 8
NON_STATES = NON_STATE_CODES


def complete_roles(doc: Doc, events: Sequence[Event]) -> list[Event]:
    """``events`` (in text order) with open roles filled from the article's other events."""
    out: list[Event] = []
    starts = [s.start_char for s in doc.sents]  # once per document, for every look-back
    for event in events:
        filled = _from_trip_subject(doc, event, events)
        filled = _from_visits(filled, events)
        filled = _from_pair(doc, filled, out, starts)
        filled = _from_named_pair(doc, filled, out, starts)
        filled = _protest_target(filled)
        out.append(filled)
    return out


def _visit_hosts(source_id: str, events: Sequence[Event]) -> list[ActorMention]:
    return [
        e.target
        for e in events
        if e.code.mode == "visit"
        and e.source is not None
        and e.source.actor.id == source_id
        and e.target is not None
    ]


def _from_visits(event: Event, events: Sequence[Event]) -> Event:
    """A visit or a meeting of a traveller with no counterpart is with the host of their visit.

    Only when the article names exactly one host for that traveller: two destinations make the
    counterpart unknowable from context.
    """
    if event.source is None or event.target is not None:
        return event
    if event.code.type != "CONSULT" or event.code.mode not in ("visit", "meet"):
        return event
    hosts = _visit_hosts(event.source.actor.id, events)
    if len({h.actor.id for h in hosts}) != 1:
        return event
    nearest = min(hosts, key=lambda h: abs(h.span.start - event.trigger.start))
    return dataclasses.replace(event, target=nearest)


TRIP_NOUNS = frozenset({"trip", "visit", "journey", "tour"})


def _clause_subjects(doc: Doc, event: Event) -> list[Token]:
    """The subjects of the nearest verb above the trigger that has one."""
    token = _token_at(doc, event.trigger.start)
    while token is not None:
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and token.pos_ in ("VERB", "AUX"):
            return subjects
        if token.head.i == token.i:
            return []
        token = token.head
    return []


def _from_trip_subject(doc: Doc, event: Event, events: Sequence[Event]) -> Event:
    """In a clause about "the trip" ("the trip is an effort to ... ahead of a summit with X"),
    an event with no source is the traveller's, when the article has one traveller."""
    if event.source is not None or event.code.type != "CONSULT":
        return event
    if not any(t.lemma_ in TRIP_NOUNS for t in _clause_subjects(doc, event)):
        return event
    travellers = {
        e.source.actor.id: e.source
        for e in events
        if e.code.mode == "visit" and e.source is not None and e.factuality != Factuality.NEGATED
    }
    if len(travellers) != 1:
        return event
    (traveller,) = travellers.values()
    if event.target is not None and event.target.actor.id == traveller.actor.id:
        return event
    return dataclasses.replace(event, source=traveller)


def _refers_back(doc: Doc, event: Event) -> bool:
    """The trigger phrase names its sides only by "their", "they", "the two", "both"."""
    head = _token_at(doc, event.trigger.start)
    if head is None:
        return False
    words: list[Token] = [*head.children]
    if head.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
        words.append(head.head)
    for word in list(words):
        words.extend(word.children)
    return any(w.lower_ in PLURAL_BACK for w in words)


def _outcome_of(doc: Doc, event: Event, earlier: Sequence[Event]) -> Event | None:
    """The earlier event whose trigger is the subject of the clause this event sits in: the
    agreement that a summit "ended without" belongs to that summit."""
    subjects = {c.idx for c in _clause_subjects(doc, event)}
    for prior in reversed(earlier):
        if prior.sentence.start == event.sentence.start and prior.trigger.start in subjects:
            return prior
    return None


def _looking_back(
    event: Event, earlier: Sequence[Event], starts: list[int], sentences: int
) -> Iterator[Event]:
    """The earlier events, nearest first, no more than ``sentences`` sentences back."""
    here = bisect_right(starts, event.sentence.start)
    for prior in reversed(earlier):
        if here - bisect_right(starts, prior.sentence.start) > sentences:
            return
        yield prior


def _from_pair(doc: Doc, event: Event, earlier: Sequence[Event], starts: list[int]) -> Event:
    """An event with no sides whose phrase refers back to two ("their first summit") takes the
    sides of the nearest earlier two-sided meeting; an event that is the outcome of an earlier
    one ("the summit ended without agreement") takes that event's sides."""
    if event.source is not None or event.target is not None:
        return event
    outcome = _outcome_of(doc, event, earlier)
    if outcome is not None and outcome.source is not None and outcome.target is not None:
        return dataclasses.replace(event, source=outcome.source, target=outcome.target)
    if not _refers_back(doc, event):
        return event
    for prior in _looking_back(event, earlier, starts, LOOKBACK_SENTENCES):
        if prior.source is None or prior.target is None:
            continue
        if prior.code.type == "CONSULT" and prior.code.mode in SYMMETRIC_MODES:
            return dataclasses.replace(event, source=prior.source, target=prior.target)
    return event


def _names_pair(doc: Doc, event: Event) -> bool:
    """The event's only side is an unnamed, countryless group said to be two ("the two
    leaders", "negotiators from both countries"), or it has no side and its phrase says so."""
    if event.target is not None:
        return False
    source = event.source
    if source is None:
        head = _token_at(doc, event.trigger.start)
        words = [w for c in head.children for w in c.subtree] if head is not None else []
        subjects = [w for w in words if w.dep_ in ("nsubj", "nsubjpass")]
        return any(w.lower_ in EXPLICIT_PAIR for s in subjects for w in s.subtree)
    if source.actor.kind is not ActorKind.GROUP or source.actor.country is not None:
        return False
    token = _token_at(doc, source.span.end - 1)
    return token is not None and any(w.lower_ in EXPLICIT_PAIR for w in token.subtree)


def _two_states(event: Event) -> bool:
    if event.source is None or event.target is None:
        return False
    one, other = event.source.actor.country, event.target.actor.country
    return bool(one and other and one != other and not {one, other} & NON_STATES)


def _from_named_pair(doc: Doc, event: Event, earlier: Sequence[Event], starts: list[int]) -> Event:
    """ "The two leaders met", "negotiators from both countries": the sides of the nearest
    earlier event between two different states."""
    if not _names_pair(doc, event):
        return event
    for prior in _looking_back(event, earlier, starts, PAIR_LOOKBACK_SENTENCES):
        if _two_states(prior):
            return dataclasses.replace(event, source=prior.source, target=prior.target)
    return event


STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})


def _place_country(event: Event) -> str | None:
    """The state of the place the event is set in, when it names a country or a capital."""
    if event.location is None:
        return None
    table = load_actor_table()
    words = [w for w in event.location.text.replace(",", " ").split() if w[:1].isupper()]
    for k in range(len(words)):
        name = " ".join(words[k:])
        entry = table.country_for_name(name) or table.country_for_capital(name)
        if entry is not None:
            return entry.code
    return None


def _protest_target(event: Event) -> Event:
    """A protest by people or a group with no target named is against the state where it is
    held, or else against their own state."""
    source = event.source
    if event.code.type != "PROTEST" or source is None or event.target is not None:
        return event
    actor = source.actor
    if actor.kind not in (ActorKind.GROUP, ActorKind.ORGANIZATION) or actor.sector in STATE_SECTORS:
        return event
    code = _place_country(event) or actor.country
    if code is None or code in NON_STATES:
        return event
    entry = load_actor_table().country(code)
    state = Actor(code, entry.name if entry else code, ActorKind.COUNTRY, code, "GOV")
    return dataclasses.replace(event, target=ActorMention(state, source.span))


def _token_at(doc: Doc, offset: int) -> Token | None:
    """The token starting at ``offset`` (a trigger's start), else the one covering it."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
