"""People and groups placed by a place in their own phrase.

News tell where a person or group is from or serves by naming a town or region, not a country:
"Lagos State Governor Akinwunmi Ambode", "Munir Abdulkader, 22, from the Cincinnati suburb of West
Chester", "police in Maiduguri", "Ohio lawmakers". The actor finder knows countries and capitals
only (its table); the places stage resolves every toponym in the gazetteer. So, once places are
resolved, an actor with no country takes the country of the place resolved inside its own noun
phrase (the words before its head, or before the role it is in apposition with) or in an
"in"/"from"/"of" phrase on that head, when those places all lie in one country.

Places used as actors ("Beijing said") and regions spanning several countries say nothing.
Named people take the country for every mention (their id is the same everywhere); unnamed groups
only where the phrase places them ("police in Maiduguri" and "police in Lagos" may be two forces
of one country, or of two).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.models import Actor, ActorKind, ActorMention, Event, PlaceMention
from eventwire.nlp.actor_table import group_id, group_noun
from eventwire.nlp.remap import remap

# A group "in" a place is of it ("police in Maiduguri"); a person there may be visiting.
GROUP_PREPS = frozenset({"in", "from", "of"})
PERSON_PREPS = frozenset({"from", "of"})
NAME_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})  # "Lagos State", "Ohio-based"
PLACED_KINDS = frozenset({ActorKind.PERSON, ActorKind.GROUP})


def placed_actors(
    doc: Doc,
    mentions: Sequence[ActorMention],
    events: Sequence[Event],
    toponyms: Sequence[PlaceMention],
) -> tuple[list[ActorMention], list[Event]]:
    """``mentions`` and ``events`` with country-less people and groups given the country of a
    place in their own phrase (see the module docstring)."""
    countries = [
        (t.span.start, t.span.end, t.place.country)
        for t in toponyms
        if t.place is not None and t.place.country and not t.agent and t.place.kind != "region"
    ]
    if not countries:
        return list(mentions), list(events)
    people: dict[str, str] = {}  # person id -> country
    groups: dict[tuple[int, int], Actor] = {}  # a group mention's span -> the placed actor
    for mention in mentions:
        actor = mention.actor
        if actor.country is not None or actor.kind not in PLACED_KINDS:
            continue
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        found = {
            code
            for start, end in _phrase_ranges(span.root, _preps(actor))
            for begin, stop, code in countries
            if start <= begin and stop <= end
        }
        if len(found) != 1:
            continue
        code = found.pop()
        if actor.kind is ActorKind.PERSON:
            people.setdefault(actor.id, code)
        else:
            noun = group_noun(actor)
            groups[(mention.span.start, mention.span.end)] = replace(
                actor, id=group_id(code, actor.sector, noun), country=code
            )
    if not people and not groups:
        return list(mentions), list(events)

    def placed(mention: ActorMention) -> ActorMention:
        if mention.actor.country is not None:
            return mention
        if (code := people.get(mention.actor.id)) is not None:
            return replace(mention, actor=replace(mention.actor, country=code))
        actor = groups.get((mention.span.start, mention.span.end))
        return mention if actor is None else replace(mention, actor=actor)

    return remap(mentions, events, placed)


def _preps(actor: Actor) -> frozenset[str]:
    return PERSON_PREPS if actor.kind is ActorKind.PERSON else GROUP_PREPS


def _phrase_ranges(head: Token, preps: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Character ranges that say where the phrase headed by ``head`` is from: its modifiers
    before the head, those of a role noun it is in apposition with, and the objects of its
    ``preps`` phrases."""
    nouns = [head]
    if head.dep_ == "appos":
        nouns.append(head.head)  # "the Lagos State Governor, Akinwunmi Ambode"
    nouns += [c for c in head.children if c.dep_ == "appos"]
    for noun in nouns:
        before = [c for c in noun.children if c.i < noun.i and c.dep_ in NAME_DEPS]
        for child in before:
            yield child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        yield obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
