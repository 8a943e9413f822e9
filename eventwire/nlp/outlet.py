"""A report's home country, from its outlet, and the officials such a report leaves unqualified.

News name a foreign official's country ("Russian Foreign Minister Sergei Lavrov") and leave their
own country's officials bare ("Chief Justice David Maraga", "the outgoing PM Miro Cerar"). Which
country is "their own" is the outlet's, not the one the report is about: a US network reporting
from Cairo leaves US officials bare too. So a person the text gives a role but no country takes
the outlet's country, and only when the report is about that country as well (the state its
actors belong to most, clearly ahead of any other): a domestic outlet writing about home.

The outlet's country is read from its web address's country-code top-level domain
(``rtvslo.si``, ``capitalfm.co.ke``); generic domains (``.com``) and country codes sold as
brand names (``.tv``, ``.io``; but ``eltiempo.com.co`` is Colombian) say nothing. Then, once
places are resolved, a report whose places lie mostly in one country (three or more of the
towns, regions and countries it names, 60% or more of them) and whose actors belong to that
country more than to any other is read the same way, whatever the outlet: a national paper on a
``.com``, a foreign correspondent's report from inside the country. Envoys and secretaries of
state are left alone: they are as often the foreign visitors. Last, a wire report filed from a
dateline ("JERUSALEM (AP)_", "PHNOM PENH, Cambodia --") is read as from home when its actors
belong to the dateline's country more than to any other: a correspondent in Jerusalem leaves
"Defense Minister Yitzhak Mordechai" as bare as a domestic paper would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from eventwire.models import Actor, ActorKind, ActorMention, Event, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc
from eventwire.nlp.actor_domestic import clear_state, dateline_code
from eventwire.nlp.actor_table import load_actor_table
from eventwire.nlp.remap import remap
from eventwire.nlp.syntax import doc_text

# Country codes mostly registered for what the letters spell, not by the country's outlets.
BRAND_TLDS = frozenset(
    {"ai", "cc", "co", "fm", "gg", "gl", "io", "im", "ly", "me", "ms", "nu", "tk", "to", "tv", "ws"}
)
# ... unless under a second-level domain of the country's own ("eltiempo.com.co").
SECOND_LEVELS = frozenset({"ac", "co", "com", "edu", "gov", "net", "org"})
TLD_ALIASES = {"uk": "GB"}  # ISO 3166 says GB; the domain says uk
# Offices held abroad or towards abroad: an envoy or a secretary of state in a report is as often
# a foreign one.
FOREIGN_SERVICE = frozenset({"envoy", "ambassador", "diplomat", "consul", "emissary", "mediator"})


def _foreign_service(role: str) -> bool:
    return bool(FOREIGN_SERVICE & set(role.split())) or role.endswith("secretary of state")


def outlet_country(url: str | None) -> str | None:
    """The ISO 3166 alpha-3 code of a web address's country-code domain, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    labels = host.rstrip(".").lower().split(".")
    tld = labels[-1]
    if len(tld) != 2 or not tld.isalpha():
        return None
    if tld in BRAND_TLDS and (len(labels) < 3 or labels[-2] not in SECOND_LEVELS):
        return None
    return _alpha3(TLD_ALIASES.get(tld, tld.upper()))


@cache
def _alpha3(alpha2: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2)
    return found.alpha_3 if found is not None else None


def dateline_country(doc: Doc) -> str | None:
    """The country of the report's dateline ("JERUSALEM (AP) _", "PHNOM PENH, Cambodia --"):
    where the correspondent files from, whose officials a report from there leaves bare."""
    return dateline_code(doc_text(doc), load_actor_table())


def report_country(toponyms: Sequence[PlaceMention]) -> str | None:
    """The country a report happens in, by its places: where most of the towns, regions and
    countries it names as places lie (at least ``MIN_PLACES`` of them, ``PLACE_SHARE`` or more)."""
    counts = Counter(
        t.place.country
        for t in toponyms
        if t.place is not None
        and t.place.country
        and not t.agent
        and t.place.kind != "region"
        and t.how != "demonym"  # "Kenyan police" names the police's country, not a place
    )
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if n >= MIN_PLACES and n >= PLACE_SHARE * sum(counts.values()) else None


MIN_PLACES = 3
PLACE_SHARE = 0.6


def home_officials(
    mentions: Sequence[ActorMention], events: Sequence[Event], home: str | None
) -> tuple[list[ActorMention], list[Event]]:
    """Mentions and events with the report's unqualified officials given ``home`` (the outlet's
    country, ``outlet_country``, or the one its places lie in, ``report_country``; see the
    module docstring); unchanged when the report is not about that country."""
    if home is None or clear_state(m.actor.country for m in mentions) != home:
        return list(mentions), list(events)
    officials = {
        m.actor.id: replace(m.actor, country=home)
        for m in mentions
        if m.actor.kind is ActorKind.PERSON
        and m.actor.country is None
        and m.actor.role
        and not _foreign_service(m.actor.role)
    }
    if not officials:
        return list(mentions), list(events)

    def placed(mention: ActorMention) -> ActorMention:
        if mention.actor.country is not None:
            return mention
        actor: Actor | None = officials.get(mention.actor.id)
        return mention if actor is None else replace(mention, actor=actor)

    return remap(mentions, events, placed)
