"""Our NLP stages as registered spaCy components, so they run inside ``nlp.pipe`` workers.

``eventwire_paragraphs_v1`` makes every paragraph break a sentence boundary (before the parser).
``eventwire_actors_v1`` sets ``doc._.ew_actors`` and ``eventwire_events_v1`` sets
``doc._.ew_events``. Their values are plain lists (str, int, float, None) because spaCy ships
docs between worker processes with msgpack; ``decode_mentions`` and ``decode_events`` turn them
back into records. Events are found with an empty article id: the caller, which knows which
article a doc is (``as_tuples`` context), sets it.

Nothing is registered at import: ``load_nlp`` calls ``register_components()``.
"""

from __future__ import annotations

import logging
from typing import Any

from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    EventCode,
    Factuality,
    TextSpan,
)

log = logging.getLogger(__name__)

PARAGRAPHS_COMPONENT = "eventwire_paragraphs_v1"
ACTORS_COMPONENT = "eventwire_actors_v1"
EVENTS_COMPONENT = "eventwire_events_v1"
ACTORS_ATTR = "ew_actors"
EVENTS_ATTR = "ew_events"

Plain = list[Any]


def _span(span: TextSpan | None) -> Plain | None:
    return None if span is None else [span.start, span.end, span.text]


def _unspan(data: Plain | None) -> TextSpan | None:
    return None if data is None else TextSpan(int(data[0]), int(data[1]), str(data[2]))


def encode_mention(m: ActorMention | None) -> Plain | None:
    if m is None:
        return None
    a = m.actor
    return [a.id, a.name, a.kind.value, a.country, a.sector, a.role, *(_span(m.span) or [])]


def decode_mention(data: Plain | None) -> ActorMention | None:
    if data is None:
        return None
    actor = Actor(data[0], data[1], ActorKind(data[2]), data[3], data[4], data[5])
    return ActorMention(actor, TextSpan(int(data[6]), int(data[7]), str(data[8])))


def decode_mentions(data: list[Plain] | None) -> list[ActorMention]:
    return [m for m in (decode_mention(d) for d in data or []) if m is not None]


def encode_event(e: Event) -> Plain:
    code = e.code
    return [
        _span(e.sentence),
        _span(e.trigger),
        [code.type, code.mode, code.cameo, code.quad_class, code.intensity],
        e.factuality.value,
        encode_mention(e.source),
        encode_mention(e.target),
        [encode_mention(m) for m in e.others],
        _span(e.location),
        [_span(t) for t in e.times],
        _span(e.said_by),
    ]


def decode_event(data: Plain, article_id: str) -> Event:
    sentence, trigger = _unspan(data[0]), _unspan(data[1])
    if sentence is None or trigger is None:
        raise ValueError("an encoded event needs its sentence and trigger")
    kind, mode, cameo, quad, intensity = data[2]
    return Event(
        article_id=article_id,
        sentence=sentence,
        trigger=trigger,
        code=EventCode(kind, mode, cameo, int(quad), float(intensity)),
        factuality=Factuality(data[3]),
        source=decode_mention(data[4]),
        target=decode_mention(data[5]),
        others=tuple(m for m in (decode_mention(o) for o in data[6]) if m is not None),
        location=_unspan(data[7]),
        times=tuple(t for t in (_unspan(x) for x in data[8]) if t is not None),
        said_by=_unspan(data[9]),
    )


def decode_events(data: list[Plain] | None, article_id: str) -> list[Event]:
    return [decode_event(d, article_id) for d in data or []]


def setup_extensions() -> None:
    """Register the ``Doc`` extensions our components write (idempotent)."""
    from spacy.tokens import Doc

    for attr in (ACTORS_ATTR, EVENTS_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


def skip_failed(name: str, proc: object, docs: list[Any], exc: Exception) -> None:
    """The error handler of our components (spaCy asks ``get_error_handler``): an article they
    fail on drops out of the stream, stays unextracted so a later run retries it, and is logged
    with its id; the rest of the batch goes on."""
    for doc in docs:
        log.error("article %s: %s failed, skipped: %r", getattr(doc, "_context", None), name, exc)


class _Guarded:
    """Our components hand spaCy ``skip_failed`` as their error handler."""

    def get_error_handler(self) -> Any:
        return skip_failed


class ActorsComponent(_Guarded):
    """Finds actor mentions (people with roles, states, organisations, groups, coreference)."""

    def __init__(self) -> None:
        from eventwire.nlp.actor_table import load_actor_table

        self.table = load_actor_table()

    def __call__(self, doc: Any) -> Any:
        from eventwire.nlp.actors import find_actors

        doc._.set(ACTORS_ATTR, [encode_mention(m) for m in find_actors(doc, self.table)])
        return doc


class EventsComponent(_Guarded):
    """Finds event mentions with roles, factuality and evidence, using the actors found."""

    def __init__(self) -> None:
        from eventwire.nlp.actor_table import load_actor_table

        self.table = load_actor_table()

    def __call__(self, doc: Any) -> Any:
        from eventwire.nlp.actors import ActorIndex
        from eventwire.nlp.events import find_events

        mentions = decode_mentions(doc._.get(ACTORS_ATTR))
        events = find_events(doc, ActorIndex(mentions, self.table), "")
        doc._.set(EVENTS_ATTR, [encode_event(e) for e in events])
        return doc


def paragraph_starts(doc: Any) -> Any:
    """A token after a line break starts a sentence; whitespace-only tokens never do; nor does a
    paragraph's wire dateline belong to its first sentence ("REYKJAVÍK — Ireland and Iceland
    signed ...": the sentence starts at "Ireland", so the place is no part of its subject).

    A line break is a whitespace token (``Token.whitespace_`` is at most one space), so only the
    tokens right after one are looked at."""
    from eventwire.ingest.clean import find_dateline

    spaces = doc.to_array("IS_SPACE").tolist() if len(doc) else []
    starts = [i for i in range(1, len(spaces)) if spaces[i - 1] and not spaces[i]]
    starts = [i for i in starts if "\n" in doc[i - 1].text]
    for i in starts:
        doc[i].is_sent_start = True
    first = [next((i for i, space in enumerate(spaces) if not space), 0)]  # after blanked text
    for i in sorted({*first, *starts}) if spaces else ():
        if not doc[i].is_upper:  # a dateline opens with its place in capitals
            continue
        opening = doc[i : i + DATELINE_TOKENS]
        dateline = find_dateline(opening.text)
        if dateline is None:
            continue
        end = doc[i].idx + dateline.end
        after = next((t for t in opening if t.idx >= end), None)
        if after is not None and after.i > i:
            for token in doc[i + 1 : after.i]:
                token.is_sent_start = False  # "REYKJAVÍK —" stays one piece
            after.is_sent_start = True
    return doc


DATELINE_TOKENS = 16  # a dateline is the first few words of a paragraph


def register_components() -> None:
    """Register our factories with spaCy (idempotent; never at import)."""
    from spacy.language import Language

    setup_extensions()
    if ACTORS_COMPONENT in Language.factories:
        return

    Language.component(PARAGRAPHS_COMPONENT, assigns=["token.is_sent_start"], func=paragraph_starts)

    @Language.factory(
        ACTORS_COMPONENT,
        requires=["doc.ents", "token.dep", "token.lemma"],
        assigns=[f"doc._.{ACTORS_ATTR}"],
    )
    def make_actors(nlp: Language, name: str) -> ActorsComponent:
        return ActorsComponent()

    @Language.factory(
        EVENTS_COMPONENT,
        requires=[f"doc._.{ACTORS_ATTR}", "token.dep", "token.lemma"],
        assigns=[f"doc._.{EVENTS_ATTR}"],
    )
    def make_events(nlp: Language, name: str) -> EventsComponent:
        return EventsComponent()
