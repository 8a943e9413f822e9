"""Reading the words around an actor: countries, roles and affiliations, right to left.

A *descriptor* is what the words in front of a noun or name say about it: "North Korean leader",
"Vietnam's foreign ministry", "the Norwegian prime minister", "US and North Korean". ``Cues``
reads one from a token leftwards, using the actor table for demonyms, country names, capitals and
actor words. Everything here is pure: it reads a parsed ``Doc`` and returns token offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.models import Actor
from eventwire.nlp.actor_table import ActorTable, InstitutionEntry, WordEntry, WordKind

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


class Cues:
    """Country, institution and actor-word cues of one ``Doc``."""

    def __init__(self, doc: Doc, table: ActorTable) -> None:
        self.doc = doc
        self.table = table
        self.korea_from = next((t.i for t in doc if t.lower_ in KOREA_CUES), len(doc))
        self.text = doc.text  # built once: Doc.text rebuilds the string on every access
        self._ending: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._phrases: dict[tuple[int, WordKind], tuple[int, WordEntry] | None] = {}

    # --- single cues ending at a token ---------------------------------------------------------

    def _texts_ending_at(self, j: int, longest: int) -> list[tuple[int, str]]:
        """``(start, text)`` of the spans ending at token ``j``, longest first, within a line.

        Memoised per document: every kind of cue asks for the same spans."""
        key = (j, longest)
        if key not in self._ending:
            self._ending[key] = self._spans_ending_at(j, longest)
        return self._ending[key]

    def _spans_ending_at(self, j: int, longest: int) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        text = ""
        for start in range(j, max(-1, j - longest), -1):
            token = self.doc[start]
            if token.is_space or (start < j and "\n" in token.whitespace_):
                break
            text = token.text_with_ws + text if start < j else token.text  # == doc[start:j+1].text
            if token.lower_ not in DETERMINERS:
                out.append((start, text))
        return out[::-1]

    def phrase_ending_at(self, j: int, kind: WordKind) -> tuple[int, WordEntry] | None:
        """The longest actor word of ``kind`` that ends at token ``j`` (memoised per document:
        the actor passes ask about the same tokens many times)."""
        key = (j, kind)
        if key not in self._phrases:
            self._phrases[key] = self._phrase_ending_at(j, kind)
        return self._phrases[key]

    def _phrase_ending_at(self, j: int, kind: WordKind) -> tuple[int, WordEntry] | None:
        if j < 0 or self.doc[j].is_space:
            return None
        for start, text in self._texts_ending_at(j, MAX_PHRASE_TOKENS):
            entry = self.table.word(text, kind)
            if entry is not None:
                return start, entry
        return None

    def country_ending_at(self, j: int) -> tuple[int, str] | None:
        """A country named by the words ending at ``j``: demonym, name, capital, or "the North".

        A possessive ending ("Vietnam's") belongs to the cue. Cues start with a capital letter.
        """
        if j < 0:
            return None
        doc = self.doc
        if doc[j].text in POSSESSIVES and j > 0:
            inner = self.country_ending_at(j - 1)
            return (inner[0], inner[1]) if inner else None
        for start, text in self._texts_ending_at(j, MAX_PHRASE_TOKENS):
            if not doc[start].text[:1].isupper():
                continue
            entry = (
                self.table.country_for_demonym(text)
                or self.table.country_for_name(text)
                or self.table.country_for_capital(text)
            )
            if entry is not None:
                return start, entry.code
        half = KOREAN_HALVES.get(doc[j].text)
        if half is not None and self.korea_from < j:
            return j, half
        return None

    def institution_ending_at(self, j: int) -> tuple[int, InstitutionEntry] | None:
        if j < 0:
            return None
        for start, text in self._texts_ending_at(j, MAX_NAME_TOKENS):
            if self.doc[start].text[:1].isupper():
                entry = self.table.institution(text)
                if entry is not None:
                    return start, entry
        return None

    # --- descriptors ---------------------------------------------------------------------------

    def descriptor_ending_at(self, j: int, *, roles: bool = True) -> Descriptor | None:
        """Read "[the] (adjective | country | modifier | role | organisation)*" leftwards from j.

        With ``roles=False`` only countries and modifiers (and the adjectives and nouns between
        them) are read: the cue in front of an organisation or group ("China's official", "Afghan
        rebel").
        """
        reading = _Reading(end=j + 1, start=j + 1)
        while j >= 0 and not is_break(self.doc[j]):
            step = self._step(j, reading, roles=roles)
            if step is None:
                break
            j = step
        return reading.result()

    def _step(self, j: int, reading: _Reading, *, roles: bool) -> int | None:
        """Consume one unit ending at ``j`` into ``reading``; return the next ``j`` or ``None``."""
        start = self._unit(j, reading, roles=roles)
        if start is not None:
            reading.start = start
            return start - 1
        token = self.doc[j]
        if token.lower_ in TITLE_WORDS or token.pos_ == "ADJ" or token.dep_ == "amod":
            return j - 1
        if token.dep_ == "compound" and token.pos_ == "NOUN" and token.head.i > j:
            return j - 1  # "Israeli intelligence officials"
        return None

    def _unit(self, j: int, reading: _Reading, *, roles: bool) -> int | None:
        """A role, modifier, country or affiliation ending at ``j``: record it, return its start."""
        if roles and (found := self.phrase_ending_at(j, WordKind.ROLE)):
            reading.roles.insert(0, found[1])
            return found[0]
        if modifier := self.table.word(self.doc[j].text, WordKind.MODIFIER):
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
