"""Unnamed domestic actors and the article's context country.

A report about one country calls that country's people and bodies by bare nouns: "police
detained nine people", "protesters gathered", "the government has said", "opposition lawmakers
threatened". With no country in the phrase they belong to the country the report is about: the
state most often mentioned (directly or as an actor's country). State media always take that
country; other domestic nouns only when it is clear (mentioned more often than any other state),
and nouns that often name foreigners ("officials", "troops", "diplomats") only when no other
state is named at all.

A group the text places comes first: "rebels in Ivory Coast", "demonstrators in Baghdad",
"security forces in Guinea" belong to the country of the place (a country or a capital) when the
phrase names no country of its own and the noun names local people (the domestic nouns, rebels,
police), not those often sent abroad ("peacekeepers in Iraq", "diplomats in Beijing"); "of" and
"from" give any group without a country its country ("leaders of Romania", "dissidents from
Egypt"). People named by their ethnicity ("ethnic Albanians in
Serbia", "the Albanians of southern Serbia") are coded by where they live, as CAMEO does: news
use "ethnic" and "<demonym>s of/in <country>" for a minority, not for the other state's people.
A group with a country of its own ("US troops in Iraq") keeps it. Local people with no place of
their own are of the place their clause happens in ("protesters marched in Cairo").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.ingest.clean import opening_dateline
from eventwire.models import Actor, ActorKind
from eventwire.nlp.actor_agents import country_actor
from eventwire.nlp.actor_coref import group_actor
from eventwire.nlp.actor_cues import Cues, TokenMention
from eventwire.nlp.actor_table import NON_STATE_CODES, ActorTable, WordKind, group_id, group_noun
from eventwire.nlp.syntax import kids

if TYPE_CHECKING:
    from spacy.tokens import Token

# Group nouns that, with no country named, are the report's own country's people.
DOMESTIC_GROUPS = frozenset(
    {
        *("police", "policemen", "police officers", "riot police", "protesters", "protestors"),
        *("demonstrators", "residents", "villagers", "citizens", "fishermen", "farmers"),
        *("workers", "miners", "voters", "students", "teachers", "lawmakers", "legislators"),
        *("mps", "parliamentarians", "senators", "opposition", "dissidents", "judges"),
        *("prosecutors", "crowd", "organisers", "organizers", "marchers", "strikers"),
        *("drivers", "truckers", "ranchers", "herders", "traders", "merchants", "shopkeepers"),
        *("vendors", "pensioners", "veterans", "employees", "youths", "security forces"),
        *("government forces", "government troops", "pro-government forces", "regime forces"),
        *("supporters", "followers", "mourners", "worshippers", "worshipers"),
    }
)
FOLLOW_SENTENCES = 3  # how far back a group named by its noun alone may refer
FOREIGN_SECTORS = frozenset({"GOV", "MIL"})  # groups as often sent abroad as at home
LOCATING_PREPS = frozenset({"in", "of"})
ORIGIN_PREPS = frozenset({"of", "from"})
LOCAL_SECTORS = frozenset({"REB", "COP"})  # rebels and police are where they act
ETHNIC_WORDS = frozenset({"ethnic"})
# "the government", "the authorities": the state of the report, when nothing else is named.
BARE_STATE_DETERMINERS = frozenset({"the"})
STATE_ADJECTIVES = 2  # words between "the" and the noun: "the new interim government"


def context_counts(mentions: Iterable[TokenMention]) -> list[tuple[str, int]]:
    """States by how often they are mentioned (as themselves or as an actor's country), most
    first; ties: first seen."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in mentions:
        code = mention.actor.country
        if code and code not in NON_STATE_CODES:
            counts[code] += 1
            first[code] = min(first.get(code, mention.start), mention.start)
    return sorted(counts.items(), key=lambda item: (-item[1], first[item[0]]))


def context_country(mentions: Iterable[TokenMention]) -> str | None:
    """The state most often mentioned, as itself or as an actor's country; ties: first seen."""
    ranked = context_counts(mentions)
    return ranked[0][0] if ranked else None


def clear_context_country(mentions: Iterable[TokenMention]) -> str | None:
    """The most mentioned state when it is mentioned more often than any other."""
    return clear_state(m.actor.country for m in mentions)


def clear_state(codes: Iterable[str | None]) -> str | None:
    """The state most often in ``codes`` (actors' countries), when ahead of every other."""
    ranked = Counter(c for c in codes if c and c not in NON_STATE_CODES).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _sole_state(mentions: Iterable[TokenMention]) -> str | None:
    """The one state the article's actors belong to, when they belong to one only."""
    ranked = context_counts(mentions)
    return ranked[0][0] if len(ranked) == 1 else None


def _countryless_group(mention: TokenMention) -> bool:
    actor = mention.actor
    return actor.kind is ActorKind.GROUP and actor.country is None and actor.sector is not None


def _unnamed_official(cues: Cues, mention: TokenMention) -> bool:
    """ "The interior minister", "the grand mufti": an office no named person holds in the
    report, with no country of its own (``actor_coref.role_mentions``)."""
    actor = mention.actor
    return (
        actor.kind is ActorKind.GROUP
        and actor.country is None
        and cues.table.word(actor.name.split()[-1], WordKind.ROLE) is not None
    )


def dateline_country(cues: Cues) -> str | None:
    """The country of the report's dateline place, when it opens with one."""
    return dateline_code(cues.text, cues.table)


def dateline_code(text: str, table: ActorTable) -> str | None:
    """The country of the dateline place that opens ``text``, if any ("SANTIAGO — ...")."""
    opening = opening_dateline(text)
    if opening is None:
        return None
    place = opening[1].place.title()
    entry = table.country_for_capital(place) or table.country_for_name(place)
    return entry.code if entry else None


def is_domestic_group(mention: TokenMention) -> bool:
    actor = mention.actor
    if actor.kind is not ActorKind.GROUP or actor.country is not None:
        return False
    words = actor.name.lower().split()
    return " ".join(words[-1:]) in DOMESTIC_GROUPS or " ".join(words[-2:]) in DOMESTIC_GROUPS


def follow_groups(cues: Cues, found: list[TokenMention], sentence_of: list[int]) -> None:
    """A group named again by its noun alone ("Kenyan lorry drivers ... police arrested 12
    drivers") is the group named before, in ``found`` (in text order): the nearest earlier group
    with a country whose plural noun is the same, a few sentences back at most. Not for
    officials and troops: "officials" after "Tanzanian officials" are as often another side's."""
    for i, mention in enumerate(found):
        actor = mention.actor
        if actor.kind is not ActorKind.GROUP or actor.country is not None:
            continue
        if actor.sector in FOREIGN_SECTORS or cues.tags[mention.end - 1] != "NNS":
            continue
        noun = actor.name.lower().split()[-1]
        here = sentence_of[mention.start]
        for earlier in reversed(found[:i]):
            named = earlier.actor
            if here - sentence_of[earlier.start] > FOLLOW_SENTENCES:
                break
            if (
                named.kind is ActorKind.GROUP
                and named.country is not None
                and named.sector == actor.sector
                and named.name.lower().split()[-1] == noun
            ):
                found[i] = replace(mention, actor=named)
                break


def locate_groups(cues: Cues, found: list[TokenMention]) -> None:
    """Give placed groups the country of their place, in ``found`` (see the module docstring)."""
    for i, mention in enumerate(found):
        actor = mention.actor
        if actor.kind is not ActorKind.GROUP:
            continue
        ethnic = cues.lowers[mention.start] in ETHNIC_WORDS or (
            mention.start > 0 and cues.lowers[mention.start - 1] in ETHNIC_WORDS
        )
        nationals = actor.sector is None and actor.country is not None
        if actor.country is not None and not ethnic and not nationals:
            continue
        # "in" places the local people (not "peacekeepers in Iraq"); "of" and "from" any group
        # ("leaders of Romania", "ministers from the Georgian government")
        preps = LOCATING_PREPS if actor.country is not None or _local(mention) else ORIGIN_PREPS
        where = _place_country(cues, mention.end - 1, preps)
        if where is None and actor.country is None and _local(mention):
            where = _acting_in(cues, mention.end - 1)
        if where is None or where == actor.country:
            continue
        located = replace(actor, id=group_id(where, actor.sector, group_noun(actor)), country=where)
        found[i] = replace(mention, actor=located)


def possessed_groups(cues: Cues, found: list[TokenMention]) -> None:
    """A group with no country that a person of a state owns ("Hun Sen's troops", "Assad's
    forces", "Ranariddh's loyalists") is of that person's state, in ``found``."""
    people = _people_states(found)
    if not people:
        return
    for k, mention in enumerate(found):
        actor = mention.actor
        if actor.kind is not ActorKind.GROUP or actor.country is not None:
            continue
        owners = [people[c.i] for c in kids(cues.doc[mention.end - 1], "poss") if c.i in people]
        if owners:  # named as the report names such a group: "Syrian forces"
            owned = group_actor(cues, group_noun(actor), owners[0], actor.sector)
            found[k] = replace(mention, actor=owned)


def listed_groups(cues: Cues, found: list[TokenMention]) -> None:
    """A plural group whose place phrase lists several countries is one group per country:
    in "the foreign ministers of France and Germany", "leaders of Egypt, Jordan and Syria" and
    "police in Kenya and Tanzania", each further country stands for its own group (ministers of
    Germany), in ``found``. Those names are no actor of their own there: nobody says Germany met.
    The phrases are read as ``locate_groups`` reads them, after it has placed the group."""
    at = {m.start: i for i, m in enumerate(found)}
    for mention in list(found):
        actor, head = mention.actor, mention.end - 1
        if actor.kind is not ActorKind.GROUP or actor.country is None or cues.tags[head] != "NNS":
            continue
        preps = LOCATING_PREPS if _local(mention) else ORIGIN_PREPS
        for obj in _place_objects(cues, head, preps):
            if cues.country_in_phrase(obj) != actor.country:
                continue
            for conj in obj.conjuncts:
                code = cues.country_in_phrase(conj) if conj.i > obj.i else None
                if code is None or code == actor.country or code in NON_STATE_CODES:
                    continue
                member = replace(
                    actor, id=group_id(code, actor.sector, group_noun(actor)), country=code
                )
                named = next((at[j] for j in range(conj.left_edge.i, conj.i + 1) if j in at), None)
                if named is None:
                    found.append(TokenMention(conj.i, conj.i + 1, member))
                elif found[named].actor.kind is ActorKind.COUNTRY and found[named].end > conj.i:
                    found[named] = replace(found[named], actor=member)


def _acting_in(cues: Cues, head: int) -> str | None:
    """The country where the clause of which the token ``head`` is the subject happens, when
    it says so with "in": "protesters marched in Cairo", "police arrested 20 people in Nairobi"
    (local people are of the place where they act)."""
    token = cues.doc[head]
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX"):
        return None
    return _place_country(cues, token.head.i, ("in",))


def _local(mention: TokenMention) -> bool:
    """A group noun that names the place's own people: domestic nouns, rebels, police."""
    return is_domestic_group(mention) or mention.actor.sector in LOCAL_SECTORS


def _place_country(cues: Cues, head: int, preps: Collection[str]) -> str | None:
    """The country of an "in"/"of" phrase on the token ``head``: "in Serbia", "of Baghdad"."""
    for obj in _place_objects(cues, head, preps):
        if country := cues.country_in_phrase(obj):
            return country
    return None


def _place_objects(cues: Cues, head: int, preps: Collection[str]) -> list[Token]:
    """The objects of the ``preps`` phrases on the token ``head``."""
    return [
        obj
        for prep in cues.doc[head].children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _state_phrases(cues: Cues, claimed: set[int]) -> Iterator[tuple[int, int]]:
    """``(start, head)`` of each unclaimed state noun phrase ("government", "authorities") with
    at least one token before it."""
    for i, pos in enumerate(cues.pos):
        if i in claimed or pos != "NOUN" or cues.deps[i] == "compound":
            continue
        found = cues.phrase_ending_at(i, WordKind.STATE)
        if (
            found is not None
            and found[0] >= 1
            and not any(k in claimed for k in range(found[0], i))
        ):
            yield found[0], i


def bare_state_mentions(cues: Cues, claimed: set[int]) -> Iterator[TokenMention]:
    """ "the government", "the new authorities" with no country: waiting for the context
    country."""
    for start, i in _state_phrases(cues, claimed):
        first = start - 1
        while (  # "the new government", "the interim authorities"
            first > 0
            and start - first <= STATE_ADJECTIVES
            and cues.tags[first] in ("JJ", "VBN")
            and first not in claimed
        ):
            first -= 1
        if cues.lowers[first] not in BARE_STATE_DETERMINERS or first in claimed:
            continue
        claimed.update(range(first, i + 1))
        yield TokenMention(first, i + 1, group_actor(cues, cues.lowers[i], None, "GOV"))


def possessed_states(
    cues: Cues, found: list[TokenMention], claimed: set[int]
) -> Iterator[TokenMention]:
    """ "Mr Aravena's government", "Putin's administration": the state of the person owning it."""
    states = _people_states(found)
    for start, i in list(_state_phrases(cues, claimed)):
        owner = states.get(start - 2)
        if cues.tags[start - 1] != "POS" or owner is None:
            continue
        claimed.update(range(start, i + 1))
        yield TokenMention(start, i + 1, country_actor(cues, owner))


def _people_states(found: list[TokenMention]) -> dict[int, str]:
    """The state of each token that names a person of one (not of a body such as the UN)."""
    return {
        i: m.actor.country
        for m in found
        if m.actor.kind is ActorKind.PERSON
        and m.actor.country
        and m.actor.country not in NON_STATE_CODES
        for i in range(m.start, m.end)
    }


def with_context_country(
    cues: Cues, state_media: list[TokenMention], bare: list[TokenMention], found: list[TokenMention]
) -> list[TokenMention]:
    """State media, domestic groups (in place, in ``found``) and bare governments given the
    context country; the new mentions are returned. Bare governments need a clear one."""
    country = context_country(found)
    out: list[TokenMention] = []
    for media in state_media:
        actor = media.actor
        named = group_actor(cues, actor.name, country, actor.sector) if country else actor
        out.append(replace(media, actor=named))
    clear = dateline_country(cues) or clear_context_country(found)
    if clear is None:
        return out
    sole = _sole_state(found) == clear
    for i, mention in enumerate(found):
        if (
            is_domestic_group(mention)
            or _unnamed_official(cues, mention)
            or (sole and _countryless_group(mention))
        ):
            actor = mention.actor
            found[i] = replace(mention, actor=group_actor(cues, actor.name, clear, actor.sector))
        elif _civic_body(mention):
            found[i] = replace(mention, actor=_placed_body(mention.actor, clear))
    out.extend(replace(m, actor=country_actor(cues, clear)) for m in bare)
    return out


# A body of a country's own civic life, named with no country: "the Southern Coast Fishers'
# Federation", "the Gobi Pastures Movement" belong to the country a report is about.
CIVIC_HEADS = frozenset(
    {"federation", "union", "association", "movement", "confederation", "syndicate", "front"}
    | {"alliance", "coalition", "league", "society", "committee", "party", "guild", "network"}
)
WIDER_WORDS = frozenset({"international", "world", "global", "regional", "continental"})


def _civic_body(mention: TokenMention) -> bool:
    actor = mention.actor
    if actor.kind is not ActorKind.ORGANIZATION or actor.country is not None:
        return False
    words = [w.strip("'’").lower() for w in actor.name.split()]
    return bool(words) and words[-1] in CIVIC_HEADS and not WIDER_WORDS & set(words)


def _placed_body(actor: Actor, country: str) -> Actor:
    slug = actor.id.split(":", 2)[-1]
    return replace(actor, id=f"org:{country}:{slug}", country=country)
