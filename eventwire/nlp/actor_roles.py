"""People in a parsed article: where their names are, and what the text says about them.

A name is found by NER (``PERSON``) or by its position: a run of proper nouns right after an
honorific ("Mr", "Ms") or a role ("President", "leader"); in apposition to a role ("the
Norwegian prime minister, Ingrid Solhaug"); a run of proper nouns ending or starting with a word
found alone ("Amara Okafor" once "Mr Okafor" is known); and a lone first or last word of a full
name found elsewhere in the article ("Trump talks").

Roles and affiliations are learned from four places: the words in front of the name ("Kenyan
President Amara Okafor"), a role noun in apposition before or after it, and "who is (also) the
<role> of <country or party>".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.actor_cues import Cues, Descriptor
from eventwire.nlp.actor_table import WordKind

HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "dr": None,
    "dr.": None,
}
NAME_TAGS = frozenset({"NNP", "NNPS"})
# A "name" ending in one of these is a place or a body, never a person ("Kona Islands").
NOT_PERSON_HEADS = frozenset(
    {
        *("islands", "island", "republic", "kingdom", "state", "states", "union", "party"),
        *("ministry", "council", "government", "army", "city", "province", "county", "group"),
        *("university", "agency", "bank", "court", "station", "street", "square", "house"),
    }
)
ORG_LIKE_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class PersonSpan:
    """One written name of a person, with the honorific and what its context says.

    ``start``/``end`` are token offsets covering the honorific (if any) and the name; ``words`` the
    name alone ("Kim", "Jong", "Un"). ``aliases`` are role phrases in apposition that name the same
    person ("Norwegian prime minister").
    """

    start: int
    end: int
    words: tuple[str, ...]
    honorific: str | None
    descriptor: Descriptor | None
    aliases: tuple[tuple[int, int], ...] = ()

    @property
    def gender(self) -> str | None:
        return HONORIFICS.get(self.honorific.lower()) if self.honorific else None

    def claimed(self) -> Iterator[int]:
        """Every token this person uses up: name, honorific, descriptor and appositions."""
        yield from range(self.start, self.end)
        if self.descriptor is not None:
            yield from range(self.descriptor.start, self.descriptor.end)
        for start, end in self.aliases:
            yield from range(start, end)


def _is_name_token(cues: Cues, i: int) -> bool:
    return (
        cues.tags[i] in NAME_TAGS
        and cues.texts[i][:1].isupper()
        and cues.ent_types[i] not in NOT_NAME_LABELS
    )


def _is_honorific(cues: Cues, i: int) -> bool:
    return cues.lowers[i] in HONORIFICS and cues.texts[i][:1].isupper()


def _name_run(cues: Cues, start: int, taken: set[int]) -> int:
    """The end of the run of proper nouns starting at ``start`` (hyphen-joined parts included)."""
    end = start
    size = len(cues.texts)
    while end < size and end not in taken and not cues.spaces[end]:
        if _is_name_token(cues, end):
            end += 1
        elif cues.texts[end] == "-" and not cues.whitespace[end - 1] and end + 1 < size:
            if cues.whitespace[end] or not _is_name_token(cues, end + 1):
                break
            end += 1
        else:
            break
        if "\n" in cues.whitespace[end - 1]:
            break
    return end


ROLE_PREFIX_TOKENS = 3  # a title the recogniser took into a name: "Crown Prince", "King"


class _Finder:
    """Collects the name ranges of one doc before they are turned into ``PersonSpan``s."""

    def __init__(self, cues: Cues, taken: set[int]) -> None:
        self.cues = cues
        self.doc = cues.doc
        self.taken = taken
        self.names: dict[int, int] = {}  # start -> end

    def add(self, start: int, end: int) -> None:
        cues = self.cues
        while start < end and (not _is_name_token(cues, start) or _is_honorific(cues, start)):
            start += 1  # "the", "Mr": never part of the name
        while end > start and not _is_name_token(cues, end - 1):
            end -= 1  # "'s", ",", "-"
        for k in range(min(end - 1, start + ROLE_PREFIX_TOKENS), start, -1):
            found = cues.phrase_ending_at(k - 1, WordKind.ROLE)
            if found is not None and found[0] == start:
                start = k  # "Crown Prince Mohammed bin Salman": the title is no part of the name
                break
        if end <= start or any(i in self.taken for i in range(start, end)):
            return
        if cues.lowers[end - 1] in NOT_PERSON_HEADS:
            return
        if any(s < end and start < e for s, e in self.names.items()):
            return
        text = self.doc[start:end].text
        table = cues.table
        if (
            table.country_for_word(text)
            or table.institution(text)
            or table.word(text, WordKind.ROLE)
        ):
            return
        self.names[start] = end

    def from_entities(self, ents: Iterable[Span]) -> None:
        for ent in ents:
            if ent.label_ == "PERSON" and "/" not in ent.text:
                self.add(ent.start, ent.end)

    def from_triggers(self) -> None:
        """Proper nouns after an honorific or a role word, and in apposition to a role noun."""
        cues = self.cues
        breaks, tags, deps = cues.breaks, cues.tags, cues.deps
        role_ends = cues.may_end(WordKind.ROLE)
        for i in range(len(breaks) - 1):
            if breaks[i]:
                continue
            is_role = role_ends[i] and tags[i] != "POS" and self._is_role(i)
            if is_role or _is_honorific(cues, i):
                self.add(i + 1, _name_run(cues, i + 1, self.taken))
            if deps[i] == "appos" and _is_name_token(cues, i):
                token = self.doc[i]
                if self._is_role(token.head.i):
                    self.add(token.left_edge.i, i + 1)

    def _is_role(self, i: int) -> bool:
        return self.cues.phrase_ending_at(i, WordKind.ROLE) is not None

    def from_short_names(self) -> None:
        """A full name NER missed, when its first or last word was found alone ("Mr Okafor")."""
        cues = self.cues
        texts = cues.texts
        short = {texts[start] for start, end in self.names.items() if end - start == 1}
        if not short:
            return
        for i, text in enumerate(texts):
            if text not in short or cues.ent_types[i] in ORG_LIKE_LABELS:
                continue
            start = i
            while start > 0 and _is_name_token(cues, start - 1) and not cues.breaks[start - 1]:
                start -= 1
            end = _name_run(cues, i, self.taken)
            if end - start >= 2 and i in (start, end - 1):
                self.add(start, end)

    def from_known_names(self) -> None:
        """A lone first or last word of a full name found elsewhere in the doc ("Trump talks")."""
        cues = self.cues
        texts = cues.texts
        words = {
            texts[i]
            for start, end in self.names.items()
            if end - start >= 2
            for i in (start, end - 1)
        }
        if not words:
            return
        for i, text in enumerate(texts):
            if text not in words or i in self.taken:
                continue
            if _is_name_token(cues, i):
                self.add(i, i + 1)
            elif _dated_subject(cues, i) and i not in self.names:
                self.names[i] = i + 1  # ``add`` would trim the "date" away


def _dated_subject(cues: Cues, i: int) -> bool:
    """A name the recogniser read as a date ("May has received strong backing"), once a full
    name ending in it is known: only as the subject of a verb other than "be", with no number
    after it."""
    token = cues.doc[i]
    return (
        cues.tags[i] == "NNP"
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.lemma_ != "be"  # "May was a hot month"
        and not token.n_lefts
        and not (i + 1 < len(cues.texts) and cues.doc[i + 1].like_num)
    )


def find_people(cues: Cues, taken: set[int]) -> list[PersonSpan]:
    """Every written name of a person in the doc, in text order, with what its context says."""
    finder = _Finder(cues, taken)
    finder.from_entities(cues.ents)
    finder.from_triggers()
    finder.from_short_names()
    finder.from_known_names()
    return [_person(cues, start, end) for start, end in sorted(finder.names.items())]


def _person(cues: Cues, start: int, end: int) -> PersonSpan:
    doc = cues.doc
    honorific = cues.texts[start - 1] if start > 0 and _is_honorific(cues, start - 1) else None
    first = start - 1 if honorific else start
    descriptors: list[Descriptor] = []
    aliases: list[tuple[int, int]] = []
    if pre := cues.descriptor_ending_at(first - 1):
        descriptors.append(pre)
    root = _root(doc, start, end)
    for role_head in _appositive_roles(root):
        if found := _role_phrase(cues, role_head):
            descriptors.append(found)
            aliases.append((found.start, max(found.end, role_head.i + 1)))
        elif country := _nationality(cues, role_head):
            descriptors.append(Descriptor(end, end, country, None, None))
    for attr in _predicates(root):
        if country := _nationality(cues, attr):
            descriptors.append(Descriptor(end, end, country, None, None))
    for attr in _relative_roles(root):
        roles = [t for t in attr.subtree if cues.phrase_ending_at(t.i, WordKind.ROLE)]
        role = attr if attr in roles else next(iter(roles), None)
        found = _role_phrase(cues, role) if role is not None else None
        if found is not None:
            country = found.country or cues.country_in_phrase(attr)
            descriptors.append(Descriptor(end, end, country, found.role, found.sector))
    words = tuple(doc[start:end].text.split())
    return PersonSpan(first, end, words, honorific, _merge(descriptors), tuple(aliases))


def _root(doc: Doc, start: int, end: int) -> Token:
    """The token of ``doc[start:end]`` whose head lies outside it."""
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def _appositive_roles(root: Token) -> Iterator[Token]:
    """Role nouns in apposition: "the Norwegian prime minister, X", "X, Chile's president"."""
    doc = root.doc
    before = root.dep_ in ("appos", "conj") and root.head.i < root.i
    between = doc[root.head.i : root.left_edge.i]
    if before and root.dep_ == "conj" and any(t.dep_ == "cc" for t in between):
        before = False  # "the minister and Mr X": two people; a comma alone is an apposition
    if before and any(t.text == "," for t in between):
        yield root.head
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            yield child


COPULAS = frozenset({"be", "become"})
INDEFINITE = frozenset({"a", "an"})


def _predicates(root: Token) -> Iterator[Token]:
    """What a name is said to be or become: "Hussain was a British hacker", "X, who became a US
    citizen in 2006"."""
    verb = root.head
    if root.dep_ == "nsubj" and verb.lemma_ in COPULAS:
        yield from (c for c in verb.children if c.dep_ == "attr" and c.i > root.i)
    for child in root.children:
        if child.dep_ == "relcl" and child.lemma_ in COPULAS:
            yield from (grand for grand in child.children if grand.dep_ in ("attr", "acomp"))


def _nationality(cues: Cues, noun: Token) -> str | None:
    """The country a noun phrase that is no role gives a person: "a British hacker", "a Syrian
    refugee", "a US citizen": an indefinite phrase that opens with its country word."""
    if noun.pos_ != "NOUN" or noun.i < 2 or noun.left_edge.lower_ not in INDEFINITE:
        return None
    found = cues.descriptor_ending_at(noun.i - 1, roles=False)
    if found is None or found.start != noun.left_edge.i + 1:
        return None
    return found.country


def _relative_roles(root: Token) -> Iterator[Token]:
    """The predicate of "<name>, who is (also) the general secretary of ..."."""
    for child in root.children:
        if child.dep_ == "relcl" and child.lemma_ == "be":
            yield from (grand for grand in child.children if grand.dep_ == "attr")


def _role_phrase(cues: Cues, head: Token) -> Descriptor | None:
    """The descriptor of a role noun phrase ending at ``head``, with an "of <country>" phrase;
    a role written with "of" ("member of parliament", "chief of staff") ends at its object."""
    if cues.phrase_ending_at(head.i, WordKind.ROLE) is None:
        inner = [o for p in head.children if p.lower_ == "of" for o in p.children]
        if not inner or cues.phrase_ending_at(inner[0].i, WordKind.ROLE) is None:
            return None
        head = inner[0]
    found = cues.descriptor_ending_at(head.i)
    if found is None or found.role is None:
        return None
    if found.country is None:
        country = cues.affiliation_of(head)
        found = Descriptor(found.start, found.end, country, found.role, found.sector)
    return found


# Military ranks: "Minister of Defence, Brigadier General X" holds the office, not the rank.
RANKS = frozenset(
    {"general", "gen.", "brigadier", "colonel", "col.", "lieutenant", "lt.", "major", "captain"}
    | {"capt.", "sergeant", "sgt.", "admiral", "adm.", "marshal", "commodore", "corporal"}
)


def _merge(descriptors: list[Descriptor]) -> Descriptor | None:
    """One descriptor from several: the first role (an office before a military rank, with its
    sector), the first country."""
    if not descriptors:
        return None
    first = descriptors[0]
    roles = [d for d in descriptors if d.role]
    offices = [d for d in roles if (d.role or "").split()[-1] not in RANKS]
    role_from = next(iter(offices or roles), None)
    country = next((d.country for d in descriptors if d.country), None)
    return Descriptor(
        first.start,
        first.end,
        country,
        role_from.role if role_from else None,
        role_from.sector if role_from else None,
    )
