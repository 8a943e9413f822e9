"""Following people through one article: names, short names, roles and pronouns.

- A full name (two words or more) is a person; its id is ``person:<slug of the name>``, so the same
  name gets the same id in every article and every run.
- A person the text gives no country is looked up in the people table (``people.tsv``), a
  fallback only: a full name or alias gives the table's country, and its sector and role where the
  text gives none, and its canonical name ("Muammar Qaddafi" is ``person:muammar-gaddafi``;
  a spelling without accents stays as written, as its id is the same); a
  name alone ("Mr Putin", "Obama said") does the same when exactly one table person has that
  family name, and gives only the country when several do and all share it ("Mr Castro"). A name
  alone that is also a common word ("Brown", "May") needs an honorific or role. A text country
  that differs from the table's means another person of that name: the table is not used.
- "Mr Kim", "Kim", "Ms Solhaug" resolve to a full name of the same article whose first or last
  word matches: the earliest such person named before the mention, else the first named after.
- "the leader", "the reclusive North Korean leader" resolve to the one person seen earlier with
  that role (and that country, when the phrase names one); a role with a country and no such
  person before ("Norwegian prime minister sets off", a headline) to the one named after.
  Unresolved role phrases with a country ("a US official") become unnamed groups of that
  country and sector.
- "they" or "it" as the subject of what a group, body or state is said to say, promise or warn
  ("Chilean fishermen's groups have said they will demonstrate", "the ministry said it would")
  is that speaker; any other subject "they" is the one unnamed group written as a plural that
  acts (subject or agent) in its sentence before it or the sentence before ("Protesters
  chanted ... They called for his resignation").
- "he"/"she"/"his"/"her" resolve to the person mentioned in the nearest sentence (the pronoun's own
  sentence before it, or up to two sentences back) when only one compatible person is there, or
  only one of them is a subject (in a sentence before, the subject of its main clause); otherwise
  they are left alone. "Him" or "her" as an object is never the subject of its own clause
  ("Clinton ..., welcoming him" is not Clinton). Narrative and quotation are two frames: a
  pronoun outside quotation marks looks only at people named outside them (and a quotation's
  sentences do not count as distance), one inside them at people named inside, or outside them
  in its own sentence unless that is the quotation's speaker.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from eventwire.models import Actor, ActorKind
from eventwire.nlp.actor_cues import Cues, Descriptor, TokenMention
from eventwire.nlp.actor_roles import RANKS, PersonSpan
from eventwire.nlp.actor_table import (
    COMMON_WORD_NAMES,
    ActorTable,
    PersonEntry,
    WordKind,
    group_id,
    name_key,
    slugify,
)
from eventwire.nlp.factuality import SPEECH_VERBS
from eventwire.nlp.syntax import QUANTIFIERS, kids

PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
# Verbs whose clause's "they" is their subject: "X said they would", "X vowed they would".
TELLING_VERBS = SPEECH_VERBS | frozenset({"warn", "vow", "promise", "pledge", "threaten"})
SPEAKER_PRONOUNS = frozenset({"they", "it"})
PRONOUN_LOOKBACK = 2  # sentences before the pronoun's own
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(slots=True)
class _Person:
    """All the mentions of one person in one article, and what they say about him or her."""

    words: tuple[str, ...]
    first: int
    gender: str | None = None
    descriptors: list[Descriptor] = field(default_factory=list)
    titled: bool = False  # named with an honorific or a role at least once

    def matches(self, word: str) -> bool:
        return _fold(word) in (_fold(self.words[0]), _fold(self.words[-1]))

    def actor(self, table: ActorTable) -> Actor:
        name = " ".join(self.words)
        roles = [d for d in self.descriptors if d.role]
        offices = [d for d in roles if (d.role or "").split()[-1] not in RANKS]
        role = next(iter(offices or roles), None)  # the office, not the military rank
        country = next((d.country for d in self.descriptors if d.country), None)
        sector, role_name = (role.sector, role.role) if role else (None, None)
        known = _table_people(table, self.words, country, titled=self.titled)
        if len(known) == 1:
            entry = known[0]
            if slugify(name) != entry.id.removeprefix("person:"):  # "Kostunica" stays as written
                name = entry.name
            country = entry.country
            sector, role_name = sector or entry.sector, role_name or entry.role
        elif known and len({entry.country for entry in known}) == 1:
            country = known[0].country
        return Actor(
            id=f"person:{slugify(name)}",
            name=name,
            kind=ActorKind.PERSON,
            country=country,
            sector=sector,
            role=role_name,
        )


def _table_people(
    table: ActorTable, words: tuple[str, ...], country: str | None, *, titled: bool
) -> tuple[PersonEntry, ...]:
    """The table people a written name may be, agreeing with the country the text gives."""
    if len(words) >= 2:
        entry = table.person(" ".join(words))
        found: tuple[PersonEntry, ...] = (entry,) if entry else ()
    elif titled or name_key(words[0]) not in COMMON_WORD_NAMES:
        entry = table.person(words[0])  # a one-word name of its own: "Suharto"
        found = (entry,) if entry else table.people_named(words[0])
    else:
        found = ()
    return tuple(e for e in found if country is None or e.country == country)


@dataclass(frozen=True, slots=True)
class People:
    """The people of one article: their actors, the mentions of their names, and genders."""

    mentions: tuple[TokenMention, ...]
    genders: Mapping[str, str | None]  # actor id -> "m", "f" or None


def resolve_people(spans: list[PersonSpan], table: ActorTable) -> People:
    """Group the written names into people and give each person one ``Actor``."""
    persons: list[_Person] = []
    by_key: dict[str, _Person] = {}
    owner: dict[int, _Person] = {}
    for index, span in enumerate(spans):
        if len(span.words) >= 2:
            key = _fold(span.words[0]) + " " + _fold(span.words[-1])
            if key not in by_key:
                by_key[key] = _Person(span.words, span.start)
                persons.append(by_key[key])
            owner[index] = by_key[key]
    for index, span in enumerate(spans):
        if index not in owner:
            owner[index] = _short_name_owner(span, persons, by_key)
    for index, span in enumerate(spans):
        person = owner[index]
        person.gender = person.gender or span.gender
        person.titled = person.titled or span.honorific is not None
        if span.descriptor is not None:
            person.descriptors.append(span.descriptor)
            person.titled = person.titled or span.descriptor.role is not None
    actors = {id(person): person.actor(table) for person in owner.values()}
    mentions: list[TokenMention] = []
    for index, span in enumerate(spans):
        actor = actors[id(owner[index])]
        mentions.append(TokenMention(span.start, span.end, actor))
        mentions.extend(TokenMention(start, end, actor) for start, end in span.aliases)
    genders = {actors[id(p)].id: p.gender for p in owner.values()}
    return People(tuple(sorted(mentions, key=lambda m: (m.start, m.end))), genders)


def _short_name_owner(
    span: PersonSpan, persons: list[_Person], by_key: dict[str, _Person]
) -> _Person:
    word = span.words[0]
    candidates = [p for p in persons if len(p.words) >= 2 and p.matches(word)]
    before = [p for p in candidates if p.first < span.start]
    if before or candidates:
        return min(before or candidates, key=lambda p: p.first)
    key = _fold(word)
    if key not in by_key:
        by_key[key] = _Person(span.words, span.start)
        persons.append(by_key[key])
    return by_key[key]


# --- role phrases: "the leader", "the North Korean leader" ---------------------------------------


def role_mentions(cues: Cues, people: People, claimed: set[int]) -> list[TokenMention]:
    """Role noun phrases that name a person seen earlier, or an unnamed official of a country."""
    out: list[TokenMention] = []
    for token in cues.doc:
        if token.i in claimed or token.tag_ not in SINGULAR_NOUN_TAGS:
            continue
        if token.dep_ in ("compound", "amod") or not cues.phrase_ending_at(token.i, WordKind.ROLE):
            continue
        found = cues.descriptor_ending_at(token.i)
        if (
            found is None
            or found.role is None
            or any(i in claimed for i in range(found.start, token.i))
        ):
            continue
        mention = _role_mention(cues, found, token, people)
        if mention is not None:
            out.append(mention)
            claimed.update(range(mention.start, mention.end))
    return out


def _role_mention(
    cues: Cues, found: Descriptor, head: Token, people: People
) -> TokenMention | None:
    doc = cues.doc
    if found.country is None and (country := cues.affiliation_of(head)):
        found = Descriptor(found.start, found.end, country, found.role, found.sector)
    before = doc[found.start - 1].lower_ if found.start > 0 else ""
    definite = before == "the" or (found.country is not None and before not in ("a", "an"))
    role_head = (found.role or "").split()[-1]
    if definite:
        fitting = [
            m
            for m in people.mentions
            if m.actor.role
            and m.actor.role.split()[-1] == role_head
            and (found.country is None or m.actor.country == found.country)
        ]
        matches = {m.actor.id: m.actor for m in fitting if m.start < head.i}
        if not matches and found.country is not None:  # a headline's "Norwegian prime minister"
            matches = {m.actor.id: m.actor for m in fitting}  # named further down
        if len(matches) == 1:
            return TokenMention(found.start, head.i + 1, next(iter(matches.values())))
        if not fitting and found.country is None and before == "the":
            # "the interior minister" with nobody of that office named: an official of the
            # report's country, when it has a clear one (``with_context_country``)
            actor = group_actor(cues, found.role or head.lower_, None, found.sector)
            return TokenMention(found.start, head.i + 1, actor)
    if found.country is None:
        return None
    actor = group_actor(cues, found.role or head.lower_, found.country, found.sector)
    return TokenMention(found.start, head.i + 1, actor)


def countries_from_roles(cues: Cues, found: list[TokenMention]) -> None:
    """A person named with a role but no country ("trade minister Wanjiru Kibet") takes the
    country of the same role named earlier without a name ("Kenya's trade minister", an unnamed
    official of that country), when the article gives that role one country only; in ``found``."""
    unnamed: dict[str, list[tuple[int, str]]] = {}  # "kenyan trade minister" -> [(at, "KEN")]
    first: dict[str, int] = {}  # person id -> first mention
    for mention in found:
        actor = mention.actor
        if actor.kind is ActorKind.GROUP and actor.country:
            unnamed.setdefault(actor.name.lower(), []).append((mention.start, actor.country))
        elif actor.kind is ActorKind.PERSON:
            first[actor.id] = min(first.get(actor.id, mention.start), mention.start)
    if not unnamed:
        return
    for i, mention in enumerate(found):
        actor = mention.actor
        if actor.kind is not ActorKind.PERSON or actor.country or not actor.role:
            continue
        countries = {  # the unnamed official came first: the name then tells who it was
            code
            for name, seen in unnamed.items()
            for at, code in seen
            if at < first[actor.id]
            and (entry := cues.table.country(code)) is not None
            and name == f"{entry.adjective} {actor.role}".lower()
        }
        if len(countries) == 1:
            found[i] = TokenMention(
                mention.start, mention.end, replace(actor, country=min(countries))
            )


def countries_from_possessors(
    cues: Cues, found: list[TokenMention], claimed: set[int]
) -> list[TokenMention]:
    """ "Zuma's financial adviser Schabir Shaik", "Putin's spokesman Dmitry Peskov": a person
    whose role is someone's, with no country of their own, serves that person's state; in
    ``found``. A possessed role with no name ("Putin's spokesman said") is an unnamed official
    of that state: the new mentions are returned."""
    owners = {
        i: m.actor
        for m in found
        if m.actor.kind is ActorKind.PERSON and m.actor.country
        for i in range(m.start, m.end)
    }
    possessives = [i for i in owners if cues.deps[i] == "poss"]
    if not possessives:
        return []
    at = {i: k for k, m in enumerate(found) for i in range(m.start, m.end)}
    placed: dict[str, str] = {}  # person id -> country
    out: list[TokenMention] = []
    for i in possessives:
        owner, token = owners[i], cues.doc[i]
        role = token.head
        if role.i in owners:
            continue
        if not cues.phrase_ending_at(role.i, WordKind.ROLE):
            continue
        holders = [role, *kids(role, "appos")]
        if role.dep_ in ("appos", "compound"):
            holders.append(role.head)
        people = [
            found[at[h.i]].actor
            for h in holders
            if h.i in at and found[at[h.i]].actor.kind is ActorKind.PERSON
        ]
        for person in people:
            if person.country is None and person.id != owner.id:
                placed.setdefault(person.id, owner.country or "")
        if not people and role.i not in claimed and role.i not in at:
            desc = cues.descriptor_ending_at(role.i)
            start = max(desc.start if desc else role.i, token.i + 1)
            if any(i in claimed for i in range(start, role.i)):
                continue
            actor = group_actor(cues, role.lower_, owner.country, desc.sector if desc else None)
            out.append(TokenMention(start, role.i + 1, actor))
            claimed.update(range(start, role.i + 1))
    for i, mention in enumerate(found):
        if (code := placed.get(mention.actor.id)) and mention.actor.country is None:
            found[i] = TokenMention(
                mention.start, mention.end, replace(mention.actor, country=code)
            )
    return out


def group_actor(cues: Cues, noun: str, country: str | None, sector: str | None) -> Actor:
    """An unnamed collective, ``group:<country or ->:<sector or ->:<noun>``, named "US
    officials": "Kenyan police" and "Kenyan lorry drivers" are two actors, and each keeps its
    own name wherever it is shown."""
    entry = cues.table.country(country) if country else None
    name = f"{entry.adjective} {noun}" if entry else noun
    return Actor(
        id=group_id(country, sector, noun),
        name=name,
        kind=ActorKind.GROUP,
        country=country,
        sector=sector,
    )


# --- "they" --------------------------------------------------------------------------------------


GROUP_LOOKBACK = 1  # sentences before "they" in which the group it stands for may be named


def group_pronouns(
    cues: Cues, found: Iterable[TokenMention], sentence_of: list[int], claimed: set[int]
) -> list[TokenMention]:
    """ "Protesters chanted ... They called for the minister's resignation": "they" as a subject
    is the one unnamed group (protesters, police, rebels; written as a plural) that is a subject
    or agent in its sentence before it or in the sentence before, in the same frame (narrative
    or quotation); left alone when there are several, or a person, body or state could be
    meant."""
    known = sorted(found, key=lambda m: m.start)
    out: list[TokenMention] = []
    for i, lower in enumerate(cues.lowers):
        if lower != "they" or cues.deps[i] not in SUBJECT_DEPS or i in claimed:
            continue
        nearby = _before_in_frame(cues, known, sentence_of, i, GROUP_LOOKBACK)
        groups = {
            m.actor.id: m.actor
            for m in nearby
            if m.actor.kind is ActorKind.GROUP and _plural(cues, m) and _doer(cues, m)
        }
        others = [m for m in nearby if m.actor.kind is not ActorKind.GROUP]
        if len(groups) == 1 and not others:
            out.append(TokenMention(i, i + 1, next(iter(groups.values()))))
    return out


def _before_in_frame(
    cues: Cues, known: list[TokenMention], sentence_of: list[int], i: int, lookback: int
) -> list[TokenMention]:
    """The mentions before token ``i`` in its sentence or the ``lookback`` sentences before it,
    in the same frame (narrative or quotation)."""
    quoted = cues.quoted  # built once per document, on first use
    here = sentence_of[i]
    return [
        m
        for m in known
        if m.end <= i
        and here - lookback <= sentence_of[m.start] <= here
        and quoted[m.start] == quoted[i]
    ]


def body_pronouns(
    cues: Cues, found: Iterable[TokenMention], sentence_of: list[int], claimed: set[int]
) -> list[TokenMention]:
    """ "The Arab League suspended Syria. It also imposed sanctions": "it" as the subject of a
    sentence's main verb is the one body or state that is the main subject in its sentence
    before it or in the sentence before, in the same frame; left alone when there are several,
    when the "it" is the empty subject of "it is", "it seems" or "it rained", or when a group
    or person is the main subject there too."""
    known = sorted(found, key=lambda m: m.start)
    out: list[TokenMention] = []
    for i, lower in enumerate(cues.lowers):
        if lower != "it" or cues.deps[i] not in SUBJECT_DEPS or i in claimed:
            continue
        verb = cues.doc[i].head
        if verb.lemma_.lower() in EMPTY_SUBJECT_VERBS or not _is_main_verb(verb):
            continue
        nearby = _before_in_frame(cues, known, sentence_of, i, BODY_LOOKBACK)
        doers = [m for m in nearby if _is_subject(cues.doc, m, main=True)]
        bodies = {
            m.actor.id: m.actor
            for m in doers
            if m.actor.kind in (ActorKind.ORGANIZATION, ActorKind.COUNTRY)
        }
        if len(bodies) == 1 and len(doers) == len([m for m in doers if m.actor.id in bodies]):
            out.append(TokenMention(i, i + 1, next(iter(bodies.values()))))
    return out


BODY_LOOKBACK = 1
# Verbs whose "it" is empty: "it is clear", "it seems", "it rained", "it takes time".
EMPTY_SUBJECT_VERBS = frozenset(
    {"be", "seem", "appear", "remain", "become", "take", "rain", "snow", "matter", "happen"}
    | {"look", "sound", "mean", "cost", "emerge", "turn"}
)


COLLECTIVE_NOUNS = frozenset({"police", "opposition", "military", "army", "crowd", "public"})


def _plural(cues: Cues, mention: TokenMention) -> bool:
    """A group written as a plural ("protesters") or a collective noun ("the police")."""
    last = mention.end - 1
    return cues.tags[last] in ("NNS", "NNPS") or cues.lowers[last] in COLLECTIVE_NOUNS


def _doer(cues: Cues, mention: TokenMention) -> bool:
    """The group is the subject of its clause, or the agent of a passive ("set alight by
    protesters"): the one a following "they" continues."""
    head = cues.doc[mention.end - 1]
    while head.dep_ in ("conj", "appos", "compound") and head.head.i != head.i:
        head = head.head
    prep, count = head.head, head.head.head
    counted = count.like_num or count.tag_ == "NNS" or count.lower_ in QUANTIFIERS
    if head.dep_ == "pobj" and prep.lower_ == "of" and counted:
        head = count  # "Hundreds of protesters gathered", "some of the rebels"
    if head.dep_ in SUBJECT_DEPS:
        return True
    return head.dep_ == "pobj" and head.head.dep_ == "agent"


def speaker_pronouns(cues: Cues, found: Iterable[TokenMention]) -> list[TokenMention]:
    """ "they" or "it" in the clause of a telling verb whose subject is a group, body or state;
    a quoted "we" is whoever says the quotation (``_quoting``)."""
    by_token = {i: m for m in found for i in range(m.start, m.end)}
    out: list[TokenMention] = []
    for i, lower in enumerate(cues.lowers):
        if cues.deps[i] not in SUBJECT_DEPS:
            continue
        if lower in QUOTED_WE and cues.quoted[i]:
            mention = _quoting(cues, i, by_token)
            if mention is not None:
                out.append(TokenMention(i, i + 1, mention.actor))
            continue
        if lower not in SPEAKER_PRONOUNS:
            continue
        clause = cues.doc[i].head
        verb = clause.head
        if clause.dep_ != "ccomp" or verb.lemma_.lower() not in TELLING_VERBS:
            continue
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        mention = by_token.get(speaker.i) if speaker is not None else None
        if mention is None or mention.actor.kind is ActorKind.PERSON:
            continue
        out.append(TokenMention(i, i + 1, mention.actor))
    return out


QUOTED_WE = frozenset({"we"})


def _quoting(cues: Cues, i: int, by_token: Mapping[int, TokenMention]) -> TokenMention | None:
    """Who says the quotation a "we" opens a clause of, in its own sentence: the subject of the
    verb of saying above it, outside the quotation marks ('The ministry said: "We urge Uganda
    to ..."', '"We will not allow it," the ministry said'), or the actor owning the statement
    that says it ("the Russian statement said"). A person's "we" is their side: the person
    stands for it."""
    token = cues.doc[i]
    for _ in range(MAX_QUOTE_CLIMB):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.lemma_.lower() in TELLING_VERBS and not cues.quoted[token.i]:
            speaker = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if speaker is None:
                return None
            owners = [c for c in speaker.children if c.dep_ in ("poss", "amod", "compound")]
            found = (by_token.get(t.i) for t in (speaker, *owners))  # "the Russian statement"
            return next((m for m in found if m is not None), None)
    return None


MAX_QUOTE_CLIMB = 4


# --- pronouns ------------------------------------------------------------------------------------


def pronoun_mentions(
    cues: Cues,
    sentence_of: list[int],
    people: Iterable[TokenMention],
    genders: Mapping[str, str | None],
) -> list[TokenMention]:
    """He/she/his/her resolved to the one compatible person nearby (see the module docstring)."""
    known = sorted(people, key=lambda m: m.start)
    genders = dict(genders)
    out: list[TokenMention] = []
    doc = cues.doc
    spoken: frozenset[int] | None = None
    for i, lower in enumerate(cues.lowers):
        gender = PRONOUNS.get(lower)
        if gender is None or cues.tags[i] not in ("PRP", "PRP$"):
            continue
        quoted = cues.quoted  # built once per document, on the first pronoun
        if spoken is None:
            spoken = _quoted_sentences(sentence_of, quoted)
        # Narrative and quotation are two frames: a pronoun in the narrative refers to someone
        # the narrative names (the sentences of a quotation do not count in how far back), one
        # in a quotation to someone the quotation names, or its own sentence outside the marks
        # ("Clinton 'expressed her admiration'"), but not its speaker (who says "I").
        bound = _clause_subjects(doc[i]) if lower in OBJECT_PRONOUNS else frozenset()
        if quoted[i]:
            here = sentence_of[i]
            candidates = [
                m
                for m in known
                if quoted[m.start] or (sentence_of[m.start] == here and not _speaker(doc, m))
            ]
        else:
            candidates = [m for m in known if not quoted[m.start]]
        if bound:  # "Clinton ..., welcoming him": not Clinton himself, wherever named
            selves = {m.actor.id for m in known if any(m.start <= b < m.end for b in bound)}
            candidates = [m for m in candidates if m.actor.id not in selves]
        if quoted[i]:
            actor = _antecedent(doc, doc[i], gender, sentence_of, candidates, genders)
        else:
            actor = _antecedent(doc, doc[i], gender, sentence_of, candidates, genders, spoken)
        if actor is not None:
            mention = TokenMention(i, i + 1, actor)
            out.append(mention)
            known.append(mention)
            known.sort(key=lambda m: m.start)
            genders[actor.id] = genders.get(actor.id) or gender
    return out


# Object pronouns, which never stand for the subject of their own clause ("himself" would).
OBJECT_PRONOUNS = frozenset({"him", "her"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
SHARED_SUBJECT_DEPS = frozenset({"advcl", "xcomp", "conj"})  # "..., welcoming him": the subject


def _clause_subjects(pronoun: Token) -> frozenset[int]:
    """The subjects of the clause an object pronoun is the object of, following a participle or
    an infinitive up to the clause whose subject it shares ("Clinton rolled out the red carpet
    for Blair, welcoming him": Clinton); none for a pronoun in any other slot."""
    if pronoun.tag_ != "PRP" or pronoun.dep_ not in OBJECT_DEPS:
        return frozenset()
    verb = pronoun.head
    for _ in range(3):
        subjects = kids(verb, *SUBJECT_DEPS)
        if subjects:
            return frozenset(c.i for s in subjects for c in (s, *s.conjuncts))
        if verb.dep_ not in SHARED_SUBJECT_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
    return frozenset()


def _speaker(doc: Doc, mention: TokenMention) -> bool:
    """Whether the mention is the subject of a verb of saying ("Obama said")."""
    token = doc[mention.end - 1]
    return token.dep_ in SUBJECT_DEPS and token.head.lemma_.lower() in TELLING_VERBS


def _quoted_sentences(sentence_of: list[int], quoted: list[bool]) -> frozenset[int]:
    """The sentences every token of which lies inside quotation marks."""
    open_: dict[int, bool] = {}
    for sentence, inside in zip(sentence_of, quoted, strict=True):
        open_[sentence] = open_.get(sentence, True) and inside
    return frozenset(s for s, inside in open_.items() if inside)


def _antecedent(
    doc: Doc,
    pronoun: Token,
    gender: str,
    sentence_of: list[int],
    known: list[TokenMention],
    genders: dict[str, str | None],
    spoken: frozenset[int] = frozenset(),
) -> Actor | None:
    here = sentence_of[pronoun.i]
    budget = PRONOUN_LOOKBACK + 1  # sentences looked at, the pronoun's own included
    sentence = here
    while sentence >= 0 and budget > 0:
        if sentence in spoken:  # wholly quoted: passed over, for free
            sentence -= 1
            continue
        budget -= 1
        current, sentence = sentence, sentence - 1
        nearby = [
            m
            for m in known
            if sentence_of[m.start] == current
            and m.end <= pronoun.i
            and m.actor.kind is ActorKind.PERSON
            and genders.get(m.actor.id) in (None, gender)
        ]
        if not nearby:
            continue
        distinct = {m.actor.id: m.actor for m in nearby}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        subjects = {m.actor.id: m.actor for m in nearby if _is_subject(doc, m)}
        if len(subjects) > 1 and current != here:  # "If X was the leader, he advised Y. He
            # said ...": of a sentence before, the subject of its main clause
            subjects = {m.actor.id: m.actor for m in nearby if _is_subject(doc, m, main=True)}
        return next(iter(subjects.values())) if len(subjects) == 1 else None
    return None


def _is_subject(doc: Doc, mention: TokenMention, *, main: bool = False) -> bool:
    """Whether the mention is a subject; with ``main``, of its sentence's main verb."""
    root = next(
        (
            t
            for t in doc[mention.start : mention.end]
            if not mention.start <= t.head.i < mention.end
        ),
        doc[mention.end - 1],
    )
    for token in _up_conj(root):
        subject = token.head if token.dep_ == "appos" else token
        if subject.dep_ in SUBJECT_DEPS:
            return not main or _is_main_verb(subject.head)
    return False


def _is_main_verb(verb: Token) -> bool:
    """The sentence's root, or a verb joined to it by "and"."""
    for _ in range(4):
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ != "conj":
            return False
        verb = verb.head
    return False


def _up_conj(token: Token) -> Iterator[Token]:
    yield token
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
        yield token
