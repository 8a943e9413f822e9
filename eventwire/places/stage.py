"""The places stage for one parsed article: toponyms found, resolved, and events placed.

Runs in the main process after ``nlp.pipe`` (the gazetteer is a SQLite file opened once per
process), like event dates. ``PlaceStage`` holds the gazetteer and the actor table (capitals,
demonyms) and is reused for every article.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from eventwire.ingest.clean import opening_dateline
from eventwire.models import Actor, ActorKind, Event, Place, PlaceMention, TextSpan
from eventwire.nlp.actor_table import NON_STATE_CODES, state_actor
from eventwire.nlp.syntax import doc_text
from eventwire.places.event_places import place_events, targets_from_places
from eventwire.places.gazetteer import normalise
from eventwire.places.resolve import Resolver
from eventwire.places.toponyms import FACILITY_WORDS, Toponym, find_toponyms

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from eventwire.models import ActorMention
    from eventwire.nlp.actor_table import ActorTable
    from eventwire.places.gazetteer import Gazetteer


class PlaceStage:
    """Resolves an article's toponyms and its events' places."""

    def __init__(self, gazetteer: Gazetteer, table: ActorTable) -> None:
        self.gazetteer = gazetteer
        self.table = table
        self.resolver = Resolver(
            gazetteer,
            capital_of=self.capital_of,
            country_for_word=self.country_for_word,
            capitals=frozenset(
                (entry.code, normalise(name))
                for entry in table.countries.values()
                for name in entry.capitals
            ),
        )

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one stage per process, lives as long
    def capital_of(self, code: str) -> Place | None:
        """The capital city of a state, as the actor table names it, found in the gazetteer."""
        entry = self.table.country(code)
        if entry is None:
            return None
        for name in entry.capitals:
            cities = [
                p for p in self.gazetteer.lookup(name) if p.kind == "city" and p.country == code
            ]
            if cities:
                return max(cities, key=lambda p: p.population)
        return None

    def country(self, code: str) -> Place | None:
        return self.gazetteer.country(code)

    def state(self, code: str) -> Actor | None:
        """A state as an actor (its government), as the actors stage names it."""
        return state_actor(code, self.table) if self.table.country(code) else None

    def country_for_word(self, word: str) -> str | None:
        entry = self.table.country_for_demonym(word) or self.table.country_for_name(word)
        return entry.code if entry else None

    def places(
        self, doc: Doc, actors: Sequence[ActorMention] = (), extra: Iterable[TextSpan] = ()
    ) -> list[PlaceMention]:
        """Every toponym of ``doc`` resolved; ``extra`` adds spans found as event places that are
        not entities ("in Hanoi" parsed as a proper noun only)."""
        person = _Overlaps(m.span for m in actors if m.actor.kind is ActorKind.PERSON)
        toponyms = [
            t for t in find_toponyms(doc, tuple(actors)) if t.weak or not person(t.span)
        ]  # "Ripley", "Saakashvili": a person the entity recogniser took for a place
        toponyms += _extra_toponyms(doc, toponyms, extra)
        toponyms.sort(key=lambda t: t.span.start)
        named = _Overlaps(t.span for t in toponyms)
        countries = [  # an actor named by a toponym ("Paris said") is that toponym's evidence
            m.actor.country
            for m in actors
            if m.actor.country
            and len(m.actor.country) == 3
            and m.actor.country not in NON_STATE_CODES
            and not named(m.span)
        ]
        resolved = self._as_actors_say(self.resolver.resolve(toponyms, countries), actors)
        kept = [
            (t, m)
            for t, m in zip(toponyms, resolved, strict=True)
            if m.place is not None or (m.how != "demonym" and not t.weak)
        ]
        longer = [m.span for t, m in kept if t.embedded]
        return [  # of "Georgia Environmental" and "Georgia", the longest that resolved
            m
            for t, m in kept
            if not t.embedded
            or not any(
                s.start <= m.span.start and m.span.end <= s.end and s != m.span for s in longer
            )
        ]

    def _as_actors_say(
        self, mentions: list[PlaceMention], actors: Sequence[ActorMention]
    ) -> list[PlaceMention]:
        """A name the actors stage read as a state ("the North" for North Korea, "Seoul" for
        South Korea) lies in that state, wherever the article writes it: a reading elsewhere
        gives way to the state itself. Only for shorthand the gazetteer knows no place of that
        state by: "Paris" or "Georgia" stay the resolver's to read (France or Texas, the
        country or the US state)."""
        states = {
            normalise(m.span.text): m.actor.country
            for m in actors
            if m.actor.kind is ActorKind.COUNTRY and m.actor.country
        }  # one sense per article: "the North" is North Korea wherever it is written
        out = []
        for m in mentions:
            code = states.get(normalise(m.span.text))
            state = self.gazetteer.country(code) if code else None
            readings = self.gazetteer.lookup(m.span.text) if state is not None else []
            shorthand = not any(p.country == code for p in readings)  # "the North", not "Paris"
            if state is not None and shorthand and (m.place is None or m.place.country != code):
                out.append(PlaceMention(m.span, state, m.facility, True, "actor"))
            else:
                out.append(m)
        return out

    def __call__(
        self, doc: Doc, actors: Sequence[ActorMention], events: Sequence[Event]
    ) -> tuple[list[PlaceMention], list[Event]]:
        written = [e.location for e in events if e.location]
        text = doc_text(doc)
        opening = opening_dateline(text)
        if opening is not None:  # the dateline's place is read like a place the text states
            start, found = opening
            written.append(TextSpan(start, start + len(found.place), found.place))
        mentions = self.places(doc, actors, written)
        placed = place_events(
            events,
            mentions,
            capital_of=self.capital_of,
            country=self.country,
            dateline=dateline_place(text, mentions),
        )
        return mentions, targets_from_places(placed, self.state)


def dateline_place(text: str, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place a report's dateline names ("SANTIAGO —", "NAIROBI, Kenya (AP) —"), on a line
    near the top of the report, as the article's own mentions of that name resolve it (the
    recogniser rarely tags the capitals of a dateline itself, so the stage passes the dateline
    to the resolver as a written place: it resolves even where the text names it nowhere else)."""
    opening = opening_dateline(text)
    if opening is None:
        return None
    start, found = opening
    name = normalise(found.place)
    span = TextSpan(start, start + len(found.place), found.place)
    for m in mentions:
        if m.place is not None and normalise(m.span.text) == name:
            return PlaceMention(span, m.place, m.facility, False, m.how)
    return None


class _Overlaps:
    """Whether a span overlaps one of some spans: a bisection over their starts, with the
    furthest end reached up to each, instead of a test against every one."""

    def __init__(self, spans: Iterable[TextSpan]) -> None:
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))

    def __call__(self, span: TextSpan) -> bool:
        before = bisect_left(self.starts, span.end)  # those that start before it ends
        return before > 0 and self.reach[before - 1] > span.start


def _extra_toponyms(
    doc: Doc, toponyms: Sequence[Toponym], spans: Iterable[TextSpan]
) -> list[Toponym]:
    covered = _Overlaps(t.span for t in toponyms)
    starts = [s.start_char for s in doc.sents]
    out: list[Toponym] = []
    seen: set[tuple[int, int]] = set()
    for written in spans:
        key = (written.start, written.end)
        if key in seen or covered(written):
            continue
        seen.add(key)
        span = _proper_part(written)
        sentence = max(bisect_right(starts, span.start) - 1, 0)
        last = span.text.split()[-1].lower() if span.text.split() else ""
        label = "FAC" if last in FACILITY_WORDS else "GPE"
        inner = tuple(
            w for w in span.text.split() if w[:1].isupper() and w.lower() not in FACILITY_WORDS
        )
        out.append(Toponym(span, span.text, label, sentence, inner=inner if label == "FAC" else ()))
    return out


def _proper_part(span: TextSpan) -> TextSpan:
    """The name without lower-case words before it: "central Ulaanbaatar" -> "Ulaanbaatar"."""
    words = span.text.split()
    while len(words) > 1 and not words[0][:1].isupper():
        cut = span.text.index(words[1], len(words[0]))
        span = TextSpan(span.start + cut, span.end, span.text[cut:])
        words = words[1:]
    return span


def geoparse(
    nlp: Language, stage: PlaceStage, texts: Iterable[str], batch_size: int = 32
) -> Iterator[list[PlaceMention]]:
    """Toponyms of plain texts, resolved (for ``eventwire eval geo``). Anaphors and facilities
    placed only by the article's setting are left out: they name no place themselves."""
    from eventwire.nlp.components import ACTORS_ATTR, decode_mentions

    for doc in nlp.pipe(texts, batch_size=batch_size):
        actors = decode_mentions(doc._.get(ACTORS_ATTR)) if doc.has_extension(ACTORS_ATTR) else []
        yield [m for m in stage.places(doc, actors) if m.how not in ("anaphor", "setting")]
