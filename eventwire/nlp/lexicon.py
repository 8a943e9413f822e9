"""The event-trigger lexicon: which verbs and nouns state which PLOVER events.

The data is packaged (``eventwire/data/event_lexicon.tsv``, versioned by its first line) and read
once per process. Each line maps one or more lemmas, under optional syntactic conditions ("call"
with the preposition "for", "sign" with an agreement as object), to an ``EventCode`` and says where
the target of the event is found. Helper lines name light verbs ("hold talks"), happening verbs
("the summit ended"), transparent nouns ("a round of talks") and aspect nouns ("at the end of a
visit"); ``NONE`` lines block a sense ("meet a deadline"). The file header documents the format.

This module only parses and indexes the data; ``eventwire.nlp.triggers`` matches it to a parse.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from eventwire.errors import ExtractionError
from eventwire.models import PLOVER_TYPES, EventCode

DATA_PACKAGE = "eventwire"
LEXICON_FILE = "data/event_lexicon.tsv"
VERSION_PREFIX = "# version "

CONDITIONS = frozenset(
    {
        "prt",
        "prep",
        "obj",
        "obj!",
        "noobj",
        "comp",
        "inf",
        "question",
        "must",
        "wants",
        "nocomp",
        "nosubj",
        "subj",
        "subjmod",
        "mod",
        "mod!",
        "pl",
        "of",
        "on",
        "pobj",
        "kid",
        "to",
        "head",
        "clause",
    }
)
NEGATIVE_CONDITIONS = frozenset({"obj!", "mod!", "noobj", "nocomp", "nosubj"})
FLAGS = frozenset(
    {"sym", "move", "trip", "rev", "recv", "speech", "lv", "bare", "host", "own", "out", "blame"}
)
SLOTS = frozenset({"dobj", "csubj", "objmod"})
_COLUMNS = 8


class RuleKind(enum.StrEnum):
    """What a lexicon line describes."""

    EVENT = "event"  # states a PLOVER event
    LIGHT = "light"  # a verb that takes its event from its object noun: "hold talks"
    OCCUR = "occur"  # a verb that says that an event noun happens: "the summit ended"
    TRANSPARENT = "transparent"  # a noun that passes to its "of" noun: "a round of talks"
    ASPECT = "aspect"  # a phase of an event: "at the end of a visit"
    NONE = "none"  # blocks a sense: "meet a deadline"


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a lexicon line: ``name`` with its allowed values (empty when a flag)."""

    name: str
    values: frozenset[str] = frozenset()

    @property
    def positive(self) -> bool:
        return self.name not in NEGATIVE_CONDITIONS


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon line for one part of speech (``V`` or ``N``)."""

    pos: str
    keys: tuple[str, ...]
    conditions: tuple[Condition, ...]
    kind: RuleKind
    code: EventCode | None
    targets: tuple[str, ...]  # target slots in order: dobj, csubj, objmod or a preposition
    flags: frozenset[str]
    line: int

    @property
    def rank(self) -> tuple[int, int]:
        """Higher wins: more positive conditions first, then the later line."""
        return sum(1 for c in self.conditions if c.positive), self.line

    def condition(self, name: str) -> Condition | None:
        return next((c for c in self.conditions if c.name == name), None)

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The parsed lexicon, indexed by part of speech and lemma."""

    version: str
    verbs: Mapping[str, tuple[Rule, ...]]
    nouns: Mapping[str, tuple[Rule, ...]]

    def rules(self, pos: str, key: str) -> tuple[Rule, ...]:
        table = self.verbs if pos == "V" else self.nouns
        return table.get(key, ())

    def is_kind(self, pos: str, key: str, kind: RuleKind) -> bool:
        return any(r.kind is kind for r in self.rules(pos, key))

    def event_keys(self) -> set[tuple[str, str]]:
        """Every (part of speech, lemma) that can state an event."""
        keys = set()
        for pos, table in (("V", self.verbs), ("N", self.nouns)):
            for key, rules in table.items():
                if any(r.kind is RuleKind.EVENT for r in rules):
                    keys.add((pos, key))
        return keys

    def types(self) -> set[str]:
        return {
            r.code.type
            for table in (self.verbs, self.nouns)
            for rules in table.values()
            for r in rules
            if r.code
        }


def quad_class(cameo: str) -> int:
    """CAMEO QuadClass from the root: 1 verbal and 2 material cooperation, 3 and 4 conflict."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in value.split("|") if v.strip())


def _conditions(text: str, where: str) -> tuple[Condition, ...]:
    if text == "-":
        return ()
    out = []
    for part in text.split(";"):
        name, _, values = part.strip().partition("=")
        name = name.strip()  # "obj!=x" gives the name "obj!"
        if name not in CONDITIONS:
            raise ExtractionError(f"{where}: unknown condition {name!r}")
        out.append(Condition(name, frozenset(_split(values))))
    return tuple(out)


def _code(fields: list[str], where: str) -> EventCode | None:
    type_, mode, cameo, intensity = fields[3], fields[4], fields[5], fields[6]
    if type_ not in PLOVER_TYPES:
        return None
    try:
        value = float(intensity)
        quad = quad_class(cameo)
    except ValueError as exc:
        raise ExtractionError(f"{where}: bad CAMEO code or intensity: {exc}") from exc
    if not -10.0 <= value <= 10.0:
        raise ExtractionError(f"{where}: intensity {value} is outside -10..10")
    return EventCode(type_, None if mode == "-" else mode, cameo, quad, value)


def _kind(type_: str, where: str) -> RuleKind:
    if type_ in PLOVER_TYPES:
        return RuleKind.EVENT
    try:
        return RuleKind(type_.lower())
    except ValueError as exc:
        raise ExtractionError(f"{where}: unknown type {type_!r}") from exc


def _rule(fields: list[str], line: int, source: str) -> Rule:
    where = f"{source}:{line}"
    if len(fields) != _COLUMNS:
        raise ExtractionError(f"{where}: expected {_COLUMNS} columns, found {len(fields)}")
    pos = fields[0]
    if pos not in ("V", "N"):
        raise ExtractionError(f"{where}: part of speech must be V or N, not {pos!r}")
    roles = tuple(r.strip() for r in fields[7].split(",") if r.strip()) if fields[7] != "-" else ()
    flags = frozenset(r for r in roles if r in FLAGS)
    return Rule(
        pos=pos,
        keys=_split(fields[1]),
        conditions=_conditions(fields[2], where),
        kind=_kind(fields[3], where),
        code=_code(fields, where),
        targets=tuple(r for r in roles if r not in FLAGS),
        flags=flags,
        line=line,
    )


def parse_lexicon(text: str, source: str = LEXICON_FILE) -> Lexicon:
    """Parse lexicon text (the format of ``event_lexicon.tsv``). Raises ``ExtractionError``."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith(VERSION_PREFIX):
        raise ExtractionError(f"{source}: the first line must be '{VERSION_PREFIX}<version>'")
    version = lines[0][len(VERSION_PREFIX) :].strip()
    verbs: dict[str, list[Rule]] = {}
    nouns: dict[str, list[Rule]] = {}
    header_seen = False
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if not header_seen:
            header_seen = True
            if fields[0] == "pos":
                continue
        rule = _rule(fields, number, source)
        table = verbs if rule.pos == "V" else nouns
        for key in rule.keys:
            table.setdefault(key, []).append(rule)
    return Lexicon(
        version=version,
        verbs=MappingProxyType({k: tuple(v) for k, v in verbs.items()}),
        nouns=MappingProxyType({k: tuple(v) for k, v in nouns.items()}),
    )


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process."""
    try:
        text = resources.files(DATA_PACKAGE).joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"cannot read the event lexicon {LEXICON_FILE}: {exc}") from exc
    return parse_lexicon(text)
