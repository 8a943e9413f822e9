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
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc, Token

from eventwire.models import Actor, ActorKind, ActorMention, Event, Factuality, TextSpan
from eventwire.nlp.actor_domestic import dateline_code
from eventwire.nlp.actor_table import (
    NON_STATE_CODES,
    group_id,
    load_actor_table,
    protesters_of,
    state_actor,
)
from eventwire.nlp.syntax import doc_text, is_passive

# Words that refer back to two sides already named ("their summit", "the two leaders met").
PLURAL_BACK = frozenset({"their", "they", "both", "two"})
SYMMETRIC_MODES = frozenset({None, "meet", "phone"})
LOOKBACK_SENTENCES = 2  # how far back "their"/"the two" may reach
# "the two leaders", "both countries", "officials from the two ministries": the two sides last
# named, however far back (within reason).
EXPLICIT_PAIR = frozenset({"two", "both"})
PAIR_LOOKBACK_SENTENCES = 8
NON_STATES = NON_STATE_CODES


def complete_roles(
    doc: Doc, events: Sequence[Event], states_named: Callable[[], Counter[str]] | None = None
) -> list[Event]:
    """``events`` (in text order) with open roles filled from the article's other events.
    ``states_named`` gives the states the article's actors belong to (asked only when needed)."""
    out: list[Event] = []
    starts = [s.start_char for s in doc.sents]  # once per document, for every look-back
    first = _first_mentions(events)
    pair = _principal_pair(events, first, states_named)
    host = dateline_code(doc_text(doc), load_actor_table())
    joint = _joint_sources(events)
    for event in events:
        filled = _from_trip_subject(doc, event, events)
        filled = _host_invites(doc, filled, events)
        filled = _from_visits(filled, events)
        filled = _from_pair(doc, filled, out, starts)
        filled = _from_named_pair(doc, filled, out, starts, first)
        filled = _answer_target(doc, filled, out, starts)
        filled = _own_government(doc, filled)
        filled = _authority_source(doc, filled)
        filled = _crowd_source(doc, filled)
        filled = _protest_target(filled)
        filled = _own_state_target(filled)
        filled = _between_pair(filled, pair, host)
        filled = _other_side(filled, pair, joint.get(_trigger_key(event), frozenset()))
        out.append(filled)
    return out


# A reply to what someone asked: "turned down the request", "rejected their demands".
ASKED_NOUNS = frozenset(
    {"request", "demand", "call", "appeal", "plea", "ultimatum", "proposal", "offer", "invitation"}
)
ASKING_TYPES = frozenset({"REQUEST"})
# A denial of what someone claimed: "disputed that notion", "rejected the allegation".
CLAIM_NOUNS = frozenset(
    {"claim", "notion", "allegation", "accusation", "charge", "assertion", "complaint", "criticism"}
)
CLAIMING_TYPES = frozenset({"ACCUSE"})
ANSWERED_BY_REJECTION = ASKED_NOUNS | CLAIM_NOUNS
REPLY_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE"})
ANSWER_LOOKBACK_SENTENCES = 4


def _asked_noun(doc: Doc, event: Event) -> Token | None:
    """The thing asked that the event answers: its object, or the object of its "to"."""
    head = _token_at(doc, event.trigger.start)
    if head is None:
        return None
    answered = ANSWERED_BY_REJECTION if event.code.type == "REJECT" else ASKED_NOUNS
    for child in head.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in answered:
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in answered:
                    return obj
    return None


def _answer_target(doc: Doc, event: Event, earlier: Sequence[Event], starts: list[int]) -> Event:
    """A refusal or acceptance of "the request" with no target answers whoever asked: the source
    of the nearest earlier request (or offer of that name) by someone else; a denial of "that
    notion" or "the allegation" answers whoever last accused. A refusal that names nothing
    answers the nearest earlier request made of its source."""
    if event.target is not None or event.code.type not in REPLY_TYPES:
        return event
    asked = _asked_noun(doc, event)
    own = event.source.actor.id if event.source is not None else None
    for prior in _looking_back(event, earlier, starts, ANSWER_LOOKBACK_SENTENCES):
        if prior.source is None or prior.source.actor.id == own:
            continue
        if asked is None:  # a refusal of what was asked of this very source
            if (
                event.code.type == "REJECT"
                and prior.code.type in ASKING_TYPES
                and _asked_of(prior, event)
            ):
                return dataclasses.replace(event, target=prior.source)
            continue
        named = prior.trigger.text.lower().split()[-1].startswith(asked.lemma_.lower())
        kinds = CLAIMING_TYPES if asked.lemma_.lower() in CLAIM_NOUNS else ASKING_TYPES
        if prior.code.type in kinds or named:
            return dataclasses.replace(event, target=prior.source)
    return event


def _asked_of(request: Event, reply: Event) -> bool:
    """The request was made of the reply's source (the same actor, or its state)."""
    if request.target is None or reply.source is None:
        return False
    asked, answering = request.target.actor, reply.source.actor
    if asked.id == answering.id:
        return True
    same_state = asked.kind is ActorKind.COUNTRY and answering.kind is ActorKind.COUNTRY
    return same_state and asked.country == answering.country


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
    an event with no source is the traveller's, when the article has one traveller; an
    invitation the trip follows ("the trip follows an invitation Mr X extended") was to them."""
    invite = event.code.mode == "invite" and event.target is None
    if not invite and (event.source is not None or event.code.type != "CONSULT"):
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
    if invite:
        host = event.source is None or event.source.actor.id != traveller.actor.id
        return dataclasses.replace(event, target=traveller) if host else event
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


def _from_named_pair(
    doc: Doc, event: Event, earlier: Sequence[Event], starts: list[int], first: dict[str, int]
) -> Event:
    """ "The two leaders met", "negotiators from both countries": the sides of the nearest
    earlier event between two different states, in the order the article first named them (a
    pair has no direction of its own)."""
    if not _names_pair(doc, event):
        return event
    for prior in _looking_back(event, earlier, starts, PAIR_LOOKBACK_SENTENCES):
        if _two_states(prior):
            assert prior.source is not None and prior.target is not None
            one, other = prior.source, prior.target
            if first.get(other.actor.country or "", 0) < first.get(one.actor.country or "", 0):
                one, other = other, one
            return dataclasses.replace(event, source=one, target=other)
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
    return dataclasses.replace(event, target=_state(code, source.span))


OWN_STATE_NOUNS = frozenset({"government", "authorities", "state"})
OWN_POSSESSIVES = frozenset({"their", "its", "his", "her", "our"})


def _state(code: str, span: TextSpan) -> ActorMention:
    return ActorMention(state_actor(code), span)


def _own_government(doc: Doc, event: Event) -> Event:
    """ "Ranchers have urged their government to settle": the target is the source's state."""
    if event.target is not None or event.source is None:
        return event
    code = event.source.actor.country
    head = _token_at(doc, event.trigger.start)
    if head is None or code is None or code in NON_STATES:
        return event
    for child in head.children:
        if child.dep_ not in ("dobj", "dative") or child.lemma_.lower() not in OWN_STATE_NOUNS:
            continue
        if any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in child.children):
            span = doc[child.left_edge.i : child.i + 1]
            return dataclasses.replace(
                event, target=_state(code, TextSpan(span.start_char, span.end_char, span.text))
            )
    return event


# Acts only a state's police, prosecutors or courts perform, by the lemma of their verb: the
# group that performs them, by sector and name.
AUTHORITY_ACTS = {
    **dict.fromkeys(("arrest", "detain", "apprehend", "raid"), ("COP", "police")),
    **dict.fromkeys(("charge", "indict", "prosecute"), ("JUD", "prosecutors")),
    **dict.fromkeys(("convict", "sentence", "jail", "imprison", "fine"), ("JUD", "courts")),
    **dict.fromkeys(("deport", "extradite", "expel"), ("GOV", "authorities")),
}
# Acts a state does to foreigners on its soil: by the state where they happen, never by the
# state of those they befall.
ACTS_ON_FOREIGNERS = frozenset({"deport", "extradite", "expel"})


def _authority_source(doc: Doc, event: Event) -> Event:
    """ "Abdulkader was arrested", "the former president is charged with corruption": a passive
    arrest, charge or sentence with no agent named is by the police, prosecutors or courts of
    the country where the clause says it happened, else of the state the person or group it
    befell belongs to ("French journalists were detained in Turkey": by Turkish police), as event
    coders code it; an expulsion or deportation needs the place. Evidence: the trigger."""
    if event.source is not None or event.target is None:
        return event
    head = _token_at(doc, event.trigger.start)
    act = AUTHORITY_ACTS.get(head.lemma_.lower()) if head is not None else None
    if head is None or act is None or not is_passive(head):
        return event
    target = event.target.actor
    if target.kind not in (ActorKind.PERSON, ActorKind.GROUP):
        return event
    lemma = head.lemma_.lower()
    code = _place_country(event) or (None if lemma in ACTS_ON_FOREIGNERS else target.country)
    if code is None or code in NON_STATES:
        return event
    sector, noun = act
    entry = load_actor_table().country(code)
    name = f"{entry.adjective} {noun}" if entry else noun
    actor = Actor(group_id(code, sector, noun), name, ActorKind.GROUP, code, sector)
    return dataclasses.replace(event, source=ActorMention(actor, event.trigger))


def _crowd_source(doc: Doc, event: Event) -> Event:
    """A protest whose subject is people the text does not name ("several thousand people
    marched through Ulaanbaatar") is by protesters of the country where it is held."""
    if event.code.type != "PROTEST" or event.source is not None:
        return event
    code = _place_country(event)
    if code is None or code in NON_STATES:
        return event
    subjects = [t for t in _clause_subjects(doc, event) if t.pos_ in ("NOUN", "NUM")]
    if not subjects:
        return event
    span = doc[subjects[0].left_edge.i : subjects[0].i + 1]
    crowd = protesters_of(code)
    mention = ActorMention(crowd, TextSpan(span.start_char, span.end_char, span.text))
    return dataclasses.replace(event, source=mention)


# Talks and agreements with no side named, in a report about two states' dealings.
PAIR_TYPES = frozenset({"CONSULT", "AGREE"})
PAIR_MIN_EVENTS = 2  # the pair's events needed before it counts as the report's pair
PASSING_SHARE = 5  # states named in passing: at most one mention for five of the pair's


def _first_mentions(events: Sequence[Event]) -> dict[str, int]:
    """Where each state first takes part in an event (as itself or an actor's country)."""
    first: dict[str, int] = {}
    for event in events:
        for side in (event.source, event.target):
            code = side.actor.country if side is not None else None
            if side is not None and code and code not in NON_STATES:
                first[code] = min(first.get(code, side.span.start), side.span.start)
    return first


def _principal_pair(
    events: Sequence[Event],
    first: dict[str, int],
    states_named: Callable[[], Counter[str]] | None,
) -> tuple[ActorMention, ActorMention] | None:
    """The two states of a report about two states' dealings, in the order the article first
    names them: at least two of its events are between them, and its actors belong to those two
    states but for states named once in passing. None otherwise (a third state makes "talks"
    anybody's)."""
    counts: Counter[frozenset[str]] = Counter()
    spans: dict[str, TextSpan] = {}
    for event in events:
        for side in (event.source, event.target):
            if (
                side is not None
                and side.actor.country
                and side.span.start == first.get(side.actor.country)
            ):
                spans.setdefault(side.actor.country, side.span)
        if _two_states(event):
            assert event.source is not None and event.target is not None
            key = frozenset({event.source.actor.country or "", event.target.actor.country or ""})
            counts[key] += 1
    if not counts:
        return None
    key, count = counts.most_common(1)[0]
    if count < PAIR_MIN_EVENTS:
        return None
    named = states_named() if states_named is not None else _side_counts(events)
    if not _only_pair(named, key):
        return None
    one, other = sorted(key, key=lambda code: first[code])
    return _state(one, spans[one]), _state(other, spans[other])


def _side_counts(events: Sequence[Event]) -> Counter[str]:
    return Counter(
        side.actor.country
        for event in events
        for side in (event.source, event.target)
        if side is not None and side.actor.country
    )


def _only_pair(named: Counter[str], pair: frozenset[str]) -> bool:
    """The article's actors belong to the pair's states, but for states named once in passing
    ("she flies on to Argentina"), which together are a small share."""
    others = {code: n for code, n in named.items() if code not in pair and code not in NON_STATES}
    if any(n > 1 for n in others.values()):
        return False
    return sum(others.values()) * PASSING_SHARE <= sum(named[code] for code in pair)


def _between_pair(
    event: Event, pair: tuple[ActorMention, ActorMention] | None, host: str | None
) -> Event:
    """Talks or an agreement with no side at all are between the report's two states; the host
    (the state the event is held in, else where the report is filed from) is the target."""
    if pair is None or event.source is not None or event.target is not None:
        return event
    if event.code.type not in PAIR_TYPES:
        return event
    source, target = pair
    if (_place_country(event) or host) == source.actor.country:
        source, target = target, source
    return dataclasses.replace(event, source=source, target=target)


# One side's acts towards the other, in a report about two states' dispute or dealings.
TOWARDS_OTHER_TYPES = frozenset({"THREATEN", "SANCTION", "ACCUSE", "REJECT", "REQUEST"})


def _trigger_key(event: Event) -> tuple[int, int, str]:
    return event.trigger.start, event.trigger.end, event.code.type


def _joint_sources(events: Sequence[Event]) -> dict[tuple[int, int, str], frozenset[str]]:
    """The states of each trigger's sources: one act of several ("Yeltsin and Kuchma called for
    ...") is one event per source (see ``events``)."""
    found: dict[tuple[int, int, str], set[str]] = {}
    for event in events:
        if event.source is not None and event.source.actor.country:
            found.setdefault(_trigger_key(event), set()).add(event.source.actor.country)
    return {key: frozenset(codes) for key, codes in found.items()}


def _other_side(
    event: Event, pair: tuple[ActorMention, ActorMention] | None, joint: frozenset[str]
) -> Event:
    """A state's threat, sanction, accusation, refusal or demand with no target, in a report
    about its dealings with one other state, is aimed at that state ("Nairobi could postpone
    talks if the ban stays"); not when both states make it together ("Yeltsin and Kuchma called
    for ...": ``joint`` holds the states of the act's sources)."""
    if pair is None or event.source is None or event.target is not None:
        return event
    if {pair[0].actor.country, pair[1].actor.country} <= joint:  # together, at nobody
        return event
    actor = event.source.actor
    kinds = (ActorKind.COUNTRY, ActorKind.PERSON, ActorKind.ORGANIZATION)
    if (
        event.code.type not in TOWARDS_OTHER_TYPES
        or actor.sector not in STATE_SECTORS
        or actor.kind not in kinds
    ):
        return event
    one, other = pair
    if actor.country == one.actor.country:
        return dataclasses.replace(event, target=other)
    if actor.country == other.actor.country:
        return dataclasses.replace(event, target=one)
    return event


# Demands and threats at home: "opposition lawmakers threatened to boycott parliament".
HOME_TYPES = frozenset({"THREATEN", "REQUEST"})
HOME_SECTORS = frozenset({"OPP", "CVL", "LAB", "EDU", "REB", "BUS", "AGR", "REL", "REF"})
OPPOSITION_WORDS = frozenset({"opposition"})


def _own_state_target(event: Event) -> Event:
    """A demand or threat with no target by a country's own people, opposition or rebels is aimed
    at their state (as for protests)."""
    source = event.source
    if source is None or event.target is not None or event.code.type not in HOME_TYPES:
        return event
    actor = source.actor
    code = actor.country
    if actor.kind is not ActorKind.GROUP or code is None or code in NON_STATES:
        return event
    opposition = any(w in OPPOSITION_WORDS for w in source.span.text.lower().split())
    if actor.sector not in HOME_SECTORS and not opposition:
        return event
    return dataclasses.replace(event, target=_state(code, source.span))


# What one is invited to do whose other side is the host: join a body, visit a state.
HOSTED = frozenset({("COOPERATE", "join"), ("CONSULT", "visit")})


def _host_invites(doc: Doc, event: Event, events: Sequence[Event]) -> Event:
    """An invitation with no inviter named, to join a body or visit a state ("Poland was invited
    to join NATO", "Kim has been invited to visit Seoul"), is the host's: the body or state that
    the joining or visit stated in the invitation's own complement is aimed at."""
    if event.source is not None or (event.code.type, event.code.mode) != ("AGREE", "invite"):
        return event
    head = _token_at(doc, event.trigger.start)
    if head is None:
        return event
    invited = event.target.actor.id if event.target is not None else None
    for other in events:
        if other.sentence.start != event.sentence.start or other.target is None:
            continue
        if (other.code.type, other.code.mode) not in HOSTED or other.target.actor.id == invited:
            continue
        done = _token_at(doc, other.trigger.start)
        if done is not None and done.dep_ == "xcomp" and done.head.i == head.i:
            return dataclasses.replace(event, source=other.target)
    return event


def _token_at(doc: Doc, offset: int) -> Token | None:
    """The token starting at ``offset`` (a trigger's start), else the one covering it."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
