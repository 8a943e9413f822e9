"""Actors of political events: who is mentioned in an article, canonicalised.

``find_actors(doc, table)`` reads one parsed article (``eventwire.nlp.pipeline``: one ``Doc`` per
article, non-narrative text blanked to spaces) and returns every actor mention, with character
offsets into ``Article.text``. Stages, each claiming the tokens it uses so that a token belongs
to at most one mention:

1. institutions of the actor table ("the UN", "Xinhua", "the Pentagon");
2. people, with roles and affiliations learned from the text (``actor_roles``), followed through the
   article by name, "Mr Kim" and role phrases (``actor_coref``);
3. organisations (NER, "<country> <body>", or a state's own body "in <country or capital>")
   and governments ("Norway's government", "the government in Kabul");
4. groups ("US and North Korean officials", "Chinese troops", "state media");
5. countries and capitals used as agents, not as places (``is_place_use``);
6. pronouns resolved to people.

Ids are derived from canonical names, never counters: ``PRK``, ``person:kim-jong-un``,
``org:CHN:xinhua-news-agency``, ``group:USA:GOV:officials``. "State media" without a named
country gets the article's context country: the state most often mentioned (directly or as an
actor's country), ties going to the first mentioned.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.models import Actor, ActorKind, ActorMention, TextSpan
from eventwire.nlp.actor_agents import (
    country_mentions,
    group_mentions,
    institution_mentions,
    is_place_use,
    organisation_mentions,
)
from eventwire.nlp.actor_bodies import described_bodies, short_names
from eventwire.nlp.actor_coref import (
    body_pronouns,
    countries_from_possessors,
    countries_from_roles,
    group_pronouns,
    pronoun_mentions,
    resolve_people,
    role_mentions,
    speaker_pronouns,
)
from eventwire.nlp.actor_cues import Cues, TokenMention, sentence_ids
from eventwire.nlp.actor_domestic import (
    bare_state_mentions,
    context_country,
    follow_groups,
    listed_groups,
    locate_groups,
    possessed_groups,
    possessed_states,
    with_context_country,
)
from eventwire.nlp.actor_roles import find_people
from eventwire.nlp.actor_table import ActorTable

__all__ = ["ActorIndex", "context_country", "find_actors", "is_place_use"]


def find_actors(doc: Doc, table: ActorTable) -> list[ActorMention]:
    """Every actor mention in ``doc``, in text order (see the module docstring)."""
    cues = Cues(doc, table)
    claimed: set[int] = set()
    found = institution_mentions(cues, claimed)
    spans = find_people(cues, claimed)
    for span in spans:
        claimed.update(span.claimed())
    people = resolve_people(spans, table)
    found.extend(people.mentions)
    found.extend(role_mentions(cues, people, claimed))
    countries_from_roles(cues, found)
    found.extend(countries_from_possessors(cues, found, claimed))
    found.extend(organisation_mentions(cues, claimed))
    groups, state_media = group_mentions(cues, claimed)
    found = _without_covered(found, groups)
    found.extend(groups)
    found.extend(country_mentions(cues, claimed))
    found.sort(key=lambda m: (m.start, m.end))
    short_names(found)
    _defined_acronyms(cues, found)
    found.extend(described_bodies(cues, found, claimed))
    found.sort(key=lambda m: (m.start, m.end))
    sentence_of = sentence_ids(doc)
    follow_groups(cues, found, sentence_of)
    locate_groups(cues, found)
    possessed_groups(cues, found)
    listed_groups(cues, found)
    persons = [m for m in found if m.actor.kind is ActorKind.PERSON]
    found.extend(pronoun_mentions(cues, sentence_of, persons, people.genders))
    found.extend(possessed_states(cues, found, claimed))
    bare = list(bare_state_mentions(cues, claimed))
    found.extend(with_context_country(cues, state_media, bare, found))
    found.extend(speaker_pronouns(cues, found))
    taken = {m.start for m in found}
    found.extend(group_pronouns(cues, found, sentence_of, taken))
    taken = {m.start for m in found}
    found.extend(body_pronouns(cues, found, sentence_of, taken))
    mentions = (_to_mention(cues, m) for m in sorted(found, key=lambda m: (m.start, m.end)))
    return [m for m in mentions if m is not None]


def _defined_acronyms(cues: Cues, found: list[TokenMention]) -> None:
    """ "the ruling All Progressives Congress (APC)": the letters in brackets after a body's name
    stand for that body wherever the article uses them again ("The APC rejected ..."), in place of
    whatever the letters alone were taken for (an unknown body, or a table entry)."""
    texts = cues.texts
    defined: dict[str, Actor] = {}
    for mention in found:
        actor, end = mention.actor, mention.end
        if actor.kind is not ActorKind.ORGANIZATION or len(actor.name.split()) < 2:
            continue
        if end + 2 < len(texts) and texts[end] == "(" and texts[end + 2] == ")":
            letters = texts[end + 1]
            if letters.isupper() and 2 <= len(letters) <= ACRONYM_MAX:
                defined.setdefault(letters, actor)
    if not defined:
        return
    for i, mention in enumerate(found):
        body = defined.get(texts[mention.start]) if mention.end - mention.start == 1 else None
        if body is not None and mention.actor.id != body.id:
            found[i] = TokenMention(mention.start, mention.end, body)


ACRONYM_MAX = 8


def _without_covered(found: list[TokenMention], wider: list[TokenMention]) -> list[TokenMention]:
    """``found`` less the mentions a wider one of the same actor contains ("EU" in "EU
    ministers", which the group finder took whole)."""
    spans = [(w.start, w.end, w.actor.id) for w in wider]
    return [
        m
        for m in found
        if not any(
            s <= m.start and m.end <= e and e - s > m.end - m.start and a == m.actor.id
            for s, e, a in spans
        )
    ]


def _to_mention(cues: Cues, mention: TokenMention) -> ActorMention | None:
    """Character offsets of a token mention, trimmed of whitespace and punctuation."""
    start, end = mention.start, mention.end
    spaces, puncts = cues.spaces, cues.puncts
    while start < end and (spaces[start] or puncts[start]):
        start += 1
    while end > start and (spaces[end - 1] or puncts[end - 1]):
        end -= 1
    if start >= end:
        return None
    begin, stop = cues.idxs[start], cues.idxs[end - 1] + len(cues.texts[end - 1])
    return ActorMention(actor=mention.actor, span=TextSpan(begin, stop, cues.text[begin:stop]))


class ActorIndex:
    """Look up actor mentions by token or by character range."""

    def __init__(self, mentions: Iterable[ActorMention], table: ActorTable | None = None) -> None:
        self._table = table
        self._mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
        self._starts = [m.span.start for m in self._mentions]
        self._longest = max((m.span.end - m.span.start for m in self._mentions), default=0)
        self._at: dict[tuple[int, int], ActorMention | None] = {}  # memo of ``at_token``
        self._doc: Doc | None = None  # the doc of the last ``place_at`` question, and its ents
        self._ents: Sequence[Span] = ()

    def __len__(self) -> int:
        return len(self._mentions)

    def at_token(self, token: Token) -> ActorMention | None:
        """The mention covering ``token``; the longest when several do."""
        start, end = token.idx, token.idx + len(token.text)
        key = (start, end)
        if key in self._at:
            return self._at[key]
        found = self._at[key] = self._covering(start, end)
        return found

    def _covering(self, start: int, end: int) -> ActorMention | None:
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_right(self._starts, start)
        best: ActorMention | None = None
        for mention in self._mentions[lo:hi]:
            span = mention.span
            longer = best is None or span.end - span.start > best.span.end - best.span.start
            if span.start <= start and end <= span.end and longer:
                best = mention
        return best

    def place_at(self, token: Token) -> ActorMention | None:
        """The state a place name stands for, when it names a country or a capital.

        Only for roles where a place means its state, such as the host of a visit ("arrived in
        Beijing" is a visit to China); elsewhere a place is not an actor.
        """
        if self._table is None or token.ent_type_ not in ("GPE", "LOC"):
            return None
        if token.doc is not self._doc:
            self._doc, self._ents = token.doc, token.doc.ents  # Doc.ents makes new spans each time
        ent = next((e for e in self._ents if e.start <= token.i < e.end), None)
        if ent is None:
            return None
        words = [t for t in ent if t.lower_ != "the"]
        if not words:
            return None
        name = token.doc[words[0].i : words[-1].i + 1]
        entry = self._table.country_for_name(name.text) or self._table.country_for_capital(
            name.text
        )
        if entry is None:
            return None
        actor = Actor(entry.code, entry.name, ActorKind.COUNTRY, entry.code, "GOV")
        return ActorMention(actor, TextSpan(name.start_char, name.end_char, name.text))

    def in_range(self, start_char: int, end_char: int) -> list[ActorMention]:
        """The mentions lying wholly inside ``[start_char, end_char)``, in text order."""
        lo = bisect_left(self._starts, start_char)
        hi = bisect_left(self._starts, end_char)
        return [m for m in self._mentions[lo:hi] if m.span.end <= end_char]
