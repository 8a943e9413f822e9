"""Reading the words around an actor: countries, roles and affiliations, right to left.

A *descriptor* is what the words in front of a noun or name say about it: "North Korean leader",
"Vietnam's foreign ministry", "the Norwegian prime minister", "US and North Korean". ``Cues``
reads one from a token leftwards, using the actor table for demonyms, country names, capitals and
actor words. Everything here is pure: it reads a parsed ``Doc`` and returns token offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from eventwire.models import Actor
from eventwire.nlp.actor_table import (
    ActorTable,
    InstitutionEntry,
    WordEntry,
    WordKind,
    normalise,
)
from eventwire.nlp.syntax import Columns

MAX_PHRASE_TOKENS = 5
MAX_NAME_TOKENS = 6
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
# Words that may stand between a country and a role without breaking the descriptor.
TITLE_WORDS = frozenset(
    {"former", "then", "acting", "deputy", "vice", "top", "senior", "new", "outgoing", "late"}
)
# "the North"/"the South" stand for the two Koreas only once a Korea has been named.
KOREA_CUES = frozenset(
    {"korea", "korean", "koreas", "koreans", "pyongyang", "seoul", "dprk", "rok"}
)
KOREAN_HALVES = {"North": "PRK", "South": "KOR"}


@dataclass(frozen=True, slots=True)
class Descriptor:
    """Country, role and sector read from the words at ``start:end`` (token offsets)."""

    start: int
    end: int
    country: str | None = None
    role: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class TokenMention:
    """An actor mention by token offsets (``doc[start:end]``), before it gets character offsets."""

    start: int
    end: int
    actor: Actor


@dataclass(slots=True)
class _Reading:
    """A descriptor being read right to left."""

    end: int
    start: int
    country: str | None = None
    roles: list[WordEntry] = field(default_factory=list)
    modifier: str | None = None
    org_sector: str | None = None

    def result(self) -> Descriptor | None:
        if self.start >= self.end or (
            self.country is None and not self.roles and not self.modifier
        ):
            return None
        phrases = [entry.phrase for entry in self.roles]
        role = " ".join([p for p in phrases if not p.endswith(".")] or phrases) or None
        head = self.roles[-1].sector if self.roles else None
        sector = self.modifier or head or (self.org_sector if self.roles else None)
        return Descriptor(self.start, self.end, self.country, role, sector)


def sentence_ids(doc: Doc) -> list[int]:
    """The sentence number of every token, counting only sentences with words in them (blanked
    captions do not count); all 0 when the doc has no sentence boundaries."""
    ids = [0] * len(doc)
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        number = 0
        for sent in doc.sents:
            ids[sent.start : sent.end] = [number] * (sent.end - sent.start)
            number += any(not t.is_space for t in sent)
    return ids


def is_break(token: Token) -> bool:
    """A whitespace token or one followed by a line break: no phrase crosses it."""
    return token.is_space or "\n" in token.whitespace_


PERSON_LABELS = frozenset({"PERSON"})  # a name in front of a role is not part of its title


OPENING_QUOTES = frozenset({"“", "‘‘", "``", "«"})
CLOSING_QUOTES = frozenset({"”", "’’", "''", "»"})


class Cues:
    """Country, institution and actor-word cues of one ``Doc``.

    The token attributes the passes read are copied into plain lists once (``texts``, ``lowers``,
    ...): reading them from spaCy ``Token`` objects costs an object per access, and the passes
    ask about every token several times. Lookups by token are memoised for the same reason.
    """

    def __init__(self, doc: Doc, table: ActorTable) -> None:
        self.doc = doc
        self.table = table
        columns = Columns(doc)
        self.texts = columns.texts
        self.lowers = columns.lowers
        self.tags = columns.tags
        self.pos = columns.pos
        self.deps = columns.deps
        self.ent_types = columns.ent_types
        self.spaces = columns.spaces  # whitespace tokens
        self.puncts = columns.puncts
        self.idxs = columns.idxs
        self.whitespace = columns.whitespace  # Token.whitespace_
        self.ents = doc.ents  # built once: Doc.ents makes new spans on every access
        self.breaks = [s or "\n" in w for s, w in zip(self.spaces, self.whitespace, strict=True)]
        self.text = columns.text  # == doc.text, which rebuilds the string on every access
        self.korea_from = next(
            (i for i, low in enumerate(self.lowers) if low in KOREA_CUES), len(doc)
        )
        self._ending: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._keys: dict[int, list[tuple[int, str]]] = {}
        self._phrases: dict[tuple[int, WordKind], tuple[int, WordEntry] | None] = {}
        self._countries: dict[int, tuple[int, str] | None] = {}
        self._institutions: dict[int, tuple[int, InstitutionEntry] | None] = {}
        self._descriptors: dict[tuple[int, bool], Descriptor | None] = {}
        self._may_end: dict[WordKind, list[bool]] = {}

    @cached_property
    def quoted(self) -> list[bool]:
        """Whether each token lies inside quotation marks (the marks included). Straight double
        quotes alternate; a paragraph break closes a quotation left open (news repeat the
        opening mark on each paragraph of a long quotation and close only the last)."""
        inside = False
        out: list[bool] = []
        texts = self.texts
        for i, (text, whitespace) in enumerate(zip(texts, self.whitespace, strict=True)):
            before = texts[i - 1] if i else ""
            after = texts[i + 1] if i + 1 < len(texts) else ""
            paired = text == "`" and "`" in (before, after)
            if text in OPENING_QUOTES or paired:
                # "``" (an opening mark in wire text) comes as two "`"; a lone "`" opens a
                # quotation within a quotation, whose closing "'" cannot be told from an
                # apostrophe: ignored
                inside = True
                out.append(True)
            elif text in CLOSING_QUOTES:
                out.append(True)
                inside = False
            elif text == '"':
                out.append(True)
                inside = not inside
            else:
                out.append(inside)
            if "\n" in text or "\n" in whitespace:
                inside = False
        return out

    # --- single cues ending at a token ---------------------------------------------------------

    def _texts_ending_at(self, j: int, longest: int) -> list[tuple[int, str]]:
        """``(start, text)`` of the spans ending at token ``j``, longest first, within a line.

        Memoised per document: every kind of cue asks for the same spans."""
        key = (j, longest)
        found = self._ending.get(key)
        if found is None:
            found = self._ending[key] = self._spans_ending_at(j, longest)
        return found

    def _spans_ending_at(self, j: int, longest: int) -> list[tuple[int, str]]:
        texts, spaces, whitespace, lowers = self.texts, self.spaces, self.whitespace, self.lowers
        out: list[tuple[int, str]] = []
        text = ""
        for start in range(j, max(-1, j - longest), -1):
            if spaces[start] or (start < j and "\n" in whitespace[start]):
                break
            # == doc[start:j+1].text
            text = texts[start] + whitespace[start] + text if start < j else texts[start]
            if lowers[start] not in DETERMINERS:
                out.append((start, text))
        return out[::-1]

    def may_end(self, kind: WordKind) -> list[bool]:
        """For every token, whether an actor word of ``kind`` may end there: ``False`` only where
        none can (``ActorTable.may_end_word``), so ``phrase_ending_at`` is ``None`` there."""
        ends = self._may_end.get(kind)
        if ends is None:
            may_end_word = self.table.may_end_word
            known: dict[str, bool] = {}
            ends = []
            for text in self.texts:
                found = known.get(text)
                if found is None:
                    found = known[text] = may_end_word(text, kind)
                ends.append(found)
            self._may_end[kind] = ends
        return ends

    def phrase_ending_at(self, j: int, kind: WordKind) -> tuple[int, WordEntry] | None:
        """The longest actor word of ``kind`` that ends at token ``j`` (memoised per document:
        the actor passes ask about the same tokens many times)."""
        if j < 0 or not self.may_end(kind)[j]:
            return None
        key = (j, kind)
        if key in self._phrases:
            return self._phrases[key]
        found = self._phrases[key] = self._phrase_ending_at(j, kind)
        return found

    def _phrase_ending_at(self, j: int, kind: WordKind) -> tuple[int, WordEntry] | None:
        if self.spaces[j]:
            return None
        keys = self._keys.get(j)
        if keys is None:
            spans = self._texts_ending_at(j, MAX_PHRASE_TOKENS)
            keys = self._keys[j] = [(start, normalise(text)) for start, text in spans]
        words = self.table.words
        for start, norm in keys:
            entry = words.get((kind, norm))
            if entry is not None:
                if kind is WordKind.ROLE and start > 0 and self.doc[start - 1].like_num:
                    return None  # "at 4 pm": a time, not a prime minister
                return start, entry
        return None

    def country_ending_at(self, j: int) -> tuple[int, str] | None:
        """A country named by the words ending at ``j``: demonym, name, capital, or "the North".

        A possessive ending ("Vietnam's") belongs to the cue. Cues start with a capital letter.
        Memoised per document.
        """
        if j < 0:
            return None
        if j in self._countries:
            return self._countries[j]
        found = self._countries[j] = self._country_ending_at(j)
        return found

    def _country_ending_at(self, j: int) -> tuple[int, str] | None:
        texts = self.texts
        if texts[j] in POSSESSIVES and j > 0:
            return self.country_ending_at(j - 1)
        table = self.table
        for start, text in self._texts_ending_at(j, MAX_PHRASE_TOKENS):
            if not texts[start][:1].isupper():
                continue
            entry = table.country_for_word(text)
            if entry is not None:
                return start, entry.code
        half = KOREAN_HALVES.get(texts[j])
        if half is not None and self.korea_from < j:
            return j, half
        return None

    def institution_ending_at(self, j: int) -> tuple[int, InstitutionEntry] | None:
        """A named organisation of the table ending at ``j`` (memoised per document)."""
        if j < 0:
            return None
        if j in self._institutions:
            return self._institutions[j]
        found: tuple[int, InstitutionEntry] | None = None
        for start, text in self._texts_ending_at(j, MAX_NAME_TOKENS):
            if self.texts[start][:1].isupper():
                entry = self.table.institution(text)
                if entry is not None:
                    found = start, entry
                    break
        self._institutions[j] = found
        return found

    # --- descriptors ---------------------------------------------------------------------------

    def descriptor_ending_at(self, j: int, *, roles: bool = True) -> Descriptor | None:
        """Read "[the] (adjective | country | modifier | role | organisation)*" leftwards from j.

        With ``roles=False`` only countries and modifiers (and the adjectives and nouns between
        them) are read: the cue in front of an organisation or group ("China's official", "Afghan
        rebel").
        """
        key = (j, roles)
        if key in self._descriptors:
            return self._descriptors[key]
        reading = _Reading(end=j + 1, start=j + 1)
        breaks = self.breaks
        while j >= 0 and not breaks[j]:
            step = self._step(j, reading, roles=roles)
            if step is None:
                break
            j = step
        found = self._descriptors[key] = reading.result()
        return found

    def _step(self, j: int, reading: _Reading, *, roles: bool) -> int | None:
        """Consume one unit ending at ``j`` into ``reading``; return the next ``j`` or ``None``."""
        start = self._unit(j, reading, roles=roles)
        if start is not None:
            reading.start = start
            return start - 1
        dep, pos = self.deps[j], self.pos[j]
        if self.lowers[j] in TITLE_WORDS or pos == "ADJ" or dep == "amod":
            return j - 1
        if dep == "compound" and pos == "NOUN" and self.doc[j].head.i > j:
            return j - 1  # "Israeli intelligence officials"
        if (
            roles
            and reading.roles
            and j == reading.start - 1
            and dep == "compound"
            and pos == "PROPN"
            and self.ent_types[j] not in PERSON_LABELS
            and self.doc[j].head.i > j
            and self.country_ending_at(j - 1) is not None
        ):
            return j - 1  # "British Defence Secretary", "Chinese Commerce Minister": a portfolio
            # word between a country and its role, not "CNN Wire Staff President"
        return None

    def _unit(self, j: int, reading: _Reading, *, roles: bool) -> int | None:
        """A role, modifier, country or affiliation ending at ``j``: record it, return its start."""
        if roles and (found := self.phrase_ending_at(j, WordKind.ROLE)):
            reading.roles.insert(0, found[1])
            return found[0]
        if modifier := self.table.word(self.texts[j], WordKind.MODIFIER):
            reading.modifier = reading.modifier or modifier.sector
            return j
        if country := self.country_ending_at(j):
            reading.country = reading.country or country[1]
            return country[0]
        if roles and reading.roles:
            return self._affiliation_ending_at(j, reading)
        return None

    def _affiliation_ending_at(self, j: int, reading: _Reading) -> int | None:
        """An organisation in front of a role ("Foreign Ministry spokesman"): its start, or None."""
        if institution := self.institution_ending_at(j):
            reading.country = reading.country or institution[1].country
            reading.org_sector = institution[1].sector
            return institution[0]
        if org := self.phrase_ending_at(j, WordKind.ORG):
            reading.org_sector = org[1].sector
            return org[0]
        return None

    def country_in_phrase(self, head: Token) -> str | None:
        """The country a noun phrase names or belongs to: "Vietnam's ruling Communist Party"."""
        if (institution := self.institution_ending_at(head.i)) and institution[1].country:
            return institution[1].country
        for j in range(head.i, head.left_edge.i - 1, -1):
            if found := self.country_ending_at(j):
                return found[1]
        return None

    def affiliation_of(self, head: Token) -> str | None:
        """The country in an "of" phrase hanging on ``head``: "the president of Kenya"."""
        for prep in head.children:
            if prep.lower_ == "of" and prep.dep_ == "prep":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (country := self.country_in_phrase(obj)):
                        return country
        return None
