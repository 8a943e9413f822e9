"""Non-person actors: institutions, organisations, groups, and countries used as agents.

Each finder reads the doc, skips tokens another actor has claimed, claims its own, and returns
``TokenMention``s. Countries come last and only where a name, capital or shorthand is used as an
agent or attribute, not as a place: see ``is_place_use``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventwire.models import Actor, ActorKind
from eventwire.nlp.actor_coref import group_actor
from eventwire.nlp.actor_cues import (
    DETERMINERS,
    KOREAN_HALVES,
    MAX_NAME_TOKENS,
    POSSESSIVES,
    Cues,
    TokenMention,
)
from eventwire.nlp.actor_table import (
    NON_STATE_CODES,
    InstitutionEntry,
    WordKind,
    group_id,
    slugify,
    state_actor,
)

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "into", "near", "across", "through"})
# "steps from Pyongyang", "pressure from Washington", "a letter to Seoul": a source or recipient,
# not a place, when "from"/"to" hangs on one of these words (lemmas).
EXCHANGE_WORDS = frozenset(
    {
        *("aid", "ally", "apology", "appeal", "assistance", "assurance", "call", "commitment"),
        *("concession", "criticism", "delegation", "demand", "envoy", "funding", "gift", "help"),
        *("invitation", "letter", "message", "offer", "pledge", "pressure", "promise", "proposal"),
        *("request", "response", "step", "support", "threat", "warning", "accept", "deliver"),
        *("expect", "give", "hand", "obtain", "propose", "provide", "receive", "sell", "send"),
        *("seek", "supply", "talk", "write", "say", "speak", "complain", "protest", "apologize"),
        *("apologise", "report", "pledge", "loan", "transfer", "win", "get", "hear", "learn"),
        *("sale", "export", "shipment"),
    }
)
PLACE_NOUNS = frozenset(
    {
        *("station", "airport", "port", "harbour", "harbor", "city", "capital", "province"),
        *("region", "border", "street", "square", "hotel", "mainland", "coast", "territory"),
        *("soil", "waters", "airspace", "district", "village", "town", "county", "island"),
        *("peninsula", "base", "camp", "prison", "hall", "building", "headquarters", "market"),
        *("stadium", "hospital", "bridge", "road", "highway", "railway", "zone", "area"),
        *("frontier", "countryside", "shore", "sea", "river", "suburb", "outskirts", "residence"),
    }
)
NAME_LABELS = frozenset({"FAC", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "PERSON"})
STATE_MEDIA_WORDS = frozenset({"state", "state-run", "official"})  # "state media", "official media"


def is_place_use(span: Span) -> bool:
    """Whether a country or city name is used as a place rather than as an actor.

    A place is the object of a locative preposition ("talks in Ottawa", "arrived in Beijing",
    "through China"), or a modifier of a place noun ("the Pyongyang station", "the US mainland").
    "from"/"to" hanging on a word of exchange ("steps from Pyongyang", "a letter to Seoul") mark
    a source or recipient instead, which is an actor. Conjuncts share their first conjunct's use.
    """
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        prep = root.head
        return not (prep.lower_ in ("from", "to") and prep.head.lemma_.lower() in EXCHANGE_WORDS)
    if root.dep_ in ("compound", "poss", "nmod") and root.head.i != root.i:
        return root.head.lemma_.lower() in PLACE_NOUNS
    return False


def country_actor(cues: Cues, code: str) -> Actor:
    """A state as an agent: its government (sector GOV), id = ISO alpha-3."""
    return state_actor(code, cues.table)


# --- institutions from the table -----------------------------------------------------------------


def institution_mentions(cues: Cues, claimed: set[int]) -> list[TokenMention]:
    """Named organisations of the actor table ("the UN", "Xinhua", "the Pentagon")."""
    out: list[TokenMention] = []
    i = 0
    while i < len(cues.texts):
        match = _institution_at(cues, i, claimed)
        if match is None:
            i += 1
            continue
        end, entry = match
        out.append(_institution_mention(cues, i, end, entry))
        claimed.update(range(out[-1].start, end))
        i = end
    return out


def _institution_at(cues: Cues, i: int, claimed: set[int]) -> tuple[int, InstitutionEntry] | None:
    texts = cues.texts
    if i in claimed or not texts[i][:1].isupper() or cues.lowers[i] in DETERMINERS:
        return None
    if not cues.table.may_start_institution(texts[i]):
        return None
    limit = _line_limit(cues, i, min(len(texts), i + MAX_NAME_TOKENS), claimed)
    begin = cues.idxs[i]
    for end in range(limit, i, -1):  # longest first
        last = end - 1
        if texts[last] in POSSESSIVES or cues.puncts[last]:
            continue
        entry = cues.table.institution(cues.text[begin : cues.idxs[last] + len(texts[last])])
        if entry is not None:
            return end, entry
    return None


def _line_limit(cues: Cues, i: int, stop: int, claimed: set[int]) -> int:
    """The furthest end such that ``doc[i:end]`` has no space token, no claimed token and no
    line break inside it."""
    end = i
    while end < stop and end not in claimed and not cues.spaces[end]:
        end += 1
        if "\n" in cues.whitespace[end - 1]:
            break
    return end


def _institution_mention(cues: Cues, start: int, end: int, entry: InstitutionEntry) -> TokenMention:
    """The table's actor, or a country's own body of that name ("Russia's Security Council")."""
    cue = cues.descriptor_ending_at(start - 1, roles=False)
    name = cues.doc[start:end].text
    if cue is None or cue.country is None or _never_national(name):
        return TokenMention(start, end, _institution_actor(entry))
    if cue.country == entry.country or cue.country in NON_STATE_CODES:
        return TokenMention(cue.start, end, _institution_actor(entry))
    actor = Actor(
        id=f"org:{cue.country}:{slugify(name)}",
        name=name,
        kind=ActorKind.ORGANIZATION,
        country=cue.country,
        sector=entry.sector,
    )
    return TokenMention(cue.start, end, actor)


# Words of a name no state's own body has: "a Libyan World Court case" is the Court's.
WORLD_NAME_WORDS = frozenset({"world", "international", "united", "global", "nato"})


def _never_national(name: str) -> bool:
    """A body's name as written that no state's own body has: a world body's ("World Court",
    "International Monetary Fund"), or letters ("IMF", "NATO")."""
    words = name.replace(".", "").split()
    return (len(words) == 1 and words[0].isupper()) or any(
        w.casefold() in WORLD_NAME_WORDS for w in words
    )


def _institution_actor(entry: InstitutionEntry) -> Actor:
    return Actor(
        id=entry.id,
        name=entry.name,
        kind=ActorKind.ORGANIZATION,
        country=entry.country,
        sector=entry.sector,
    )


# --- organisations learned from the text ---------------------------------------------------------


def organisation_mentions(cues: Cues, claimed: set[int]) -> list[TokenMention]:
    """NER organisations, and "<country> <body>" ("the Kenyan army", "Norway's government")."""
    out: list[TokenMention] = []
    for ent in cues.ents:
        if ent.label_ == "ORG" and not any(t.i in claimed for t in ent):
            mention = _organisation(cues, ent.start, ent.end)
            if mention is not None:
                out.append(mention)
                claimed.update(range(mention.start, mention.end))
    for i, pos in enumerate(cues.pos):
        if i not in claimed and pos in ("NOUN", "PROPN") and cues.deps[i] != "compound":
            mention = _body(cues, i, claimed)
            if mention is not None:
                out.append(mention)
                claimed.update(range(mention.start, mention.end))
    return out


def _organisation(cues: Cues, start: int, end: int) -> TokenMention | None:
    doc = cues.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    country, core, first = None, start, start
    for last in range(min(end - 2, start + 3), start - 1, -1):  # a country at the start of the name
        if (inner := cues.country_ending_at(last)) and inner[0] == start:
            country, core = inner[1], last + 1
            break
    text = doc[core:end].text
    table = cues.table
    if core >= end or any(c in text for c in ":/") or not any(t.is_alpha for t in doc[core:end]):
        return None
    whole = cues.country_ending_at(end - 1)  # "The North" after a Korea: a country, not an org
    if (
        table.country_for_name(text)
        or table.country_for_capital(text)
        or (whole and whole[0] <= core)
    ):
        return None
    body = cues.phrase_ending_at(end - 1, WordKind.ORG)
    if not text[:1].isupper() and body is None:
        return None
    cue = cues.descriptor_ending_at(start - 1, roles=False)
    if cue is not None and cue.country is not None:
        country, start = country or cue.country, cue.start
    country = country or _named_country(cues, core, end)
    actor = _organisation_actor(cues, text, country, body[1].sector if body else None)
    if body is None and core > first:  # "Khmer Rouge": the adjective is part of the name
        actor = replace(actor, name=doc[first:end].text)
    return TokenMention(start, end, actor)


def _named_country(cues: Cues, start: int, end: int) -> str | None:
    """The one country an organisation's name holds ("Free Syrian Army", "Revolutionary Armed
    Forces of Colombia", "Kenya Anti-Corruption Commission"): a body named after a country
    belongs to it. None when the name holds none, or two ("Iran-Iraq Friendship Society")."""
    found = set()
    for i in range(start, end):
        inner = cues.country_ending_at(i)
        if inner is not None and inner[0] >= start:
            found.add(inner[1])
    return found.pop() if len(found) == 1 else None


def _organisation_actor(cues: Cues, text: str, country: str | None, sector: str | None) -> Actor:
    entry = cues.table.country(country) if country else None
    name = text if text[:1].isupper() or entry is None else f"{entry.adjective} {text}"
    return Actor(
        id=f"org:{country or '-'}:{slugify(text)}",
        name=name,
        kind=ActorKind.ORGANIZATION,
        country=country,
        sector=sector,
    )


def _body(cues: Cues, i: int, claimed: set[int]) -> TokenMention | None:
    """A body or a government named by a noun after a country: "China's defence ministry"; or,
    for a state's own bodies, before "in" and its country or capital: "the government in Kabul",
    "a court in Guyana" (not "the embassy in Nairobi", nor an army, which may be abroad)."""
    for kind in (WordKind.STATE, WordKind.ORG):
        found = cues.phrase_ending_at(i, kind)
        if found is None or any(k in claimed for k in range(found[0], i)):
            continue
        cue = cues.descriptor_ending_at(found[0] - 1, roles=False)
        start, end = (cue.start, i + 1) if cue is not None else (found[0], i + 1)
        country = cue.country if cue is not None else None
        if country is None and found[1].phrase in LOCAL_BODIES:
            placed = _placed_in(cues, i, claimed)
            if placed is not None:
                start, end, country = found[0], placed[0], placed[1]
        if country is None:
            return None
        if kind is WordKind.STATE:
            return TokenMention(start, end, country_actor(cues, country))
        text = cues.doc[found[0] : i + 1].text.lower()
        return TokenMention(start, end, _organisation_actor(cues, text, country, found[1].sector))
    return None


# A state's own bodies, which sit in it: "the government in Kabul" is Afghanistan's.
LOCAL_BODIES = frozenset(
    {"government", "administration", "regime", "authorities", "leadership", "cabinet"}
    | {"parliament", "congress", "senate", "legislature", "national assembly", "court"}
    | {"supreme court", "ministry", "foreign ministry", "defence ministry", "defense ministry"}
    | {"central bank"}
)
PLACED_REACH = 4  # words of a country or capital name after "in"


def _placed_in(cues: Cues, i: int, claimed: set[int]) -> tuple[int, str] | None:
    """The end and country of "in <country or capital>" right after token ``i``."""
    first = i + 2
    if first >= len(cues.texts) or cues.lowers[i + 1] != "in" or cues.deps[i + 1] != "prep":
        return None
    if cues.lowers[first] == "the":
        first += 1
    for j in range(first, min(first + PLACED_REACH, len(cues.texts))):
        if j in claimed:
            return None
        found = cues.country_ending_at(j)
        if found is not None and found[0] == first and found[1] not in NON_STATE_CODES:
            return j + 1, found[1]
    return None


# --- groups: "US officials", "Chinese troops", "state media" ------------------------------------


def group_mentions(cues: Cues, claimed: set[int]) -> tuple[list[TokenMention], list[TokenMention]]:
    """Unnamed collectives; the second list is state media still waiting for a context country."""
    done: list[TokenMention] = []
    waiting: list[TokenMention] = []
    for i, pos in enumerate(cues.pos):
        if i in claimed or pos not in ("NOUN", "PROPN"):
            continue
        if cues.ent_types[i] in NAME_LABELS:  # "the Great Hall of the People"
            continue
        if cues.phrase_ending_at(i, WordKind.GROUP) is None:
            continue
        for mention, state_media in _groups_at(cues, cues.doc[i], claimed):
            (waiting if state_media else done).append(mention)
            claimed.update(range(mention.start, mention.end))
    done.extend(_nationals(cues, claimed))
    return done, waiting


def _groups_at(cues: Cues, token: Token, claimed: set[int]) -> Iterator[tuple[TokenMention, bool]]:
    found = cues.phrase_ending_at(token.i, WordKind.GROUP)
    if found is None or any(k in claimed for k in range(found[0], token.i)):
        return
    start, entry = found
    end = token.i + 1
    if token.dep_ in ("compound", "poss", "amod", "nmod"):
        head = token.head
        if head.i <= token.i or cues.table.word(head.text, WordKind.COLLECTIVE) is None:
            return
        end = head.i + 1
    cue = cues.descriptor_ending_at(start - 1, roles=False)
    if cue is None and (body := _institution_before(cues, start)) is not None:
        yield TokenMention(body[0], end, _institution_actor(body[1])), False  # "EU ministers"
        return
    country = cue.country if cue else None
    sector = (cue.sector if cue else None) or entry.sector
    first = cue.start if cue else start
    words = entry.phrase.split()
    state_media = country is None and len(words) > 1 and words[0] in STATE_MEDIA_WORDS
    yield TokenMention(first, end, group_actor(cues, entry.phrase, country, sector)), state_media
    if cue is not None and country is not None:  # "US and North Korean officials"
        joint = cue.start - 1
        other = (
            cues.country_ending_at(joint - 1) if cues.doc[joint].lower_ in ("and", ",") else None
        )
        if other is not None and cues.doc[joint - 1].head.i in range(first, end):
            actor = group_actor(cues, entry.phrase, other[1], sector)
            yield TokenMention(other[0], joint, actor), False


def _institution_before(cues: Cues, start: int) -> tuple[int, InstitutionEntry] | None:
    """A named body in front of a group noun, adjectives allowed between: the "European Union"
    of "European Union foreign ministers", the "Red Cross" of "Red Cross officials"."""
    j = start - 1
    while j >= 0 and not cues.breaks[j] and cues.pos[j] == "ADJ":
        j -= 1
    return cues.institution_ending_at(j) if j >= 0 and not cues.breaks[j] else None


def _nationals(cues: Cues, claimed: set[int]) -> Iterator[TokenMention]:
    """Demonyms used as nouns: "Americans", "the Chinese" (a group with no sector)."""
    for ent in cues.ents:
        root = ent.root
        if ent.label_ != "NORP" or root.dep_ in ("amod", "compound", "nmod", "poss"):
            continue
        start = ent.start + (ent[0].lower_ == "the")
        if start >= ent.end or any(t.i in claimed for t in ent):
            continue
        text = cues.doc[start : ent.end].text
        entry = cues.table.country_for_demonym(text)
        if entry is not None:
            actor = Actor(group_id(entry.code, None, text), text, ActorKind.GROUP, entry.code)
            yield TokenMention(start, ent.end, actor)


# --- countries as agents -------------------------------------------------------------------------


def country_mentions(cues: Cues, claimed: set[int]) -> list[TokenMention]:
    """Country names, shorthand and capitals used as agents or attributes (not as places)."""
    doc = cues.doc
    ent_of = {i: ent for ent in cues.ents for i in range(ent.start, ent.end)}
    out: list[TokenMention] = []
    i = 0
    while i < len(cues.texts):
        match = _country_at(cues, i, claimed, ent_of)
        if match is None:
            i += 1
            continue
        end, code = match
        if not is_place_use(doc[i:end]):
            out.append(TokenMention(i, end, country_actor(cues, code)))
            claimed.update(range(i, end))
        i = end
    return out + list(_demonym_modifiers(cues, claimed))


def _demonym_modifiers(cues: Cues, claimed: set[int]) -> Iterator[TokenMention]:
    """A demonym left over as a modifier stands for its state: "Israeli shelling"."""
    for ent in cues.ents:
        if ent.label_ != "NORP" or any(t.i in claimed for t in ent):
            continue
        if ent.root.dep_ not in ("amod", "compound", "nmod") or is_place_use(ent):
            continue
        entry = cues.table.country_for_demonym(ent.text)
        if entry is not None:
            claimed.update(range(ent.start, ent.end))
            yield TokenMention(ent.start, ent.end, country_actor(cues, entry.code))


def _country_at(
    cues: Cues, i: int, claimed: set[int], ent_of: dict[int, Span]
) -> tuple[int, str] | None:
    texts = cues.texts
    if i in claimed or not texts[i][:1].isupper() or cues.lowers[i] in DETERMINERS:
        return None
    doc = cues.doc
    limit = _line_limit(cues, i, min(len(texts), i + 4), claimed)
    if not cues.table.may_start_place(texts[i]):
        limit = i  # no country or capital starts here (but "the North" may)
    for end in range(limit, i, -1):  # longest first
        last = end - 1
        if texts[last] in POSSESSIVES or cues.puncts[last]:
            continue
        text = cues.text[cues.idxs[i] : cues.idxs[last] + len(texts[last])]
        entry = cues.table.country_for_name(text) or cues.table.country_for_capital(text)
        if entry is not None and _stands_alone(doc, i, end, ent_of):
            return end, entry.code
    half = KOREAN_HALVES.get(texts[i])
    if half and cues.korea_from < i and _stands_alone(doc, i, i + 1, ent_of):
        after = texts[i + 1] if i + 1 < len(texts) else ""
        before = cues.lowers[i - 1] if i > 0 else ""
        if before == "the" or after in POSSESSIVES:
            return i + 1, half
    return None


def _stands_alone(doc: Doc, start: int, end: int, ent_of: dict[int, Span]) -> bool:
    """Not part of a longer name: "Beijing Railway Station", "South China Sea"."""
    for i in range(start, end):
        ent = ent_of.get(i)
        if ent is None:
            continue
        core_start = ent.start + (ent[0].lower_ == "the")
        core_end = ent.end - (ent[-1].text in POSSESSIVES)
        if core_start < start or core_end > end:
            return False
    if end < len(doc) and "\n" not in doc[end - 1].whitespace_:
        after = doc[end]
        if after.tag_ in ("NNP", "NNPS") and after.text[:1].isupper():
            return after.i in ent_of and ent_of[after.i].start == after.i
    return True
