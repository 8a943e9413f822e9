"""Reading and writing the NLP stage's output: actors, actor mentions, events, extractions.

Functions here take an open connection; ``Store`` wraps each call in a transaction. An article's
analysis is replaced whole (delete, then insert) so re-running extraction is idempotent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from eventwire.errors import StorageError
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    ArticleAnalysis,
    Event,
    EventCode,
    EventDate,
    EventDuration,
    Factuality,
    Place,
    PlaceMention,
    TextSpan,
)
from eventwire.store.schema import (
    actor_mentions,
    actors,
    articles,
    events,
    extractions,
    place_mentions,
    places,
)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event mention with what is known of the article that states it."""

    event: Event
    article_source: str
    article_url: str | None
    outlet: str | None
    published: dt.date | None


def save_analysis(conn: Connection, analysis: ArticleAnalysis, now: dt.datetime) -> None:
    """Replace everything stored for the article with this analysis (call inside a transaction)."""
    article_id = analysis.article_id
    _upsert_actors(conn, _actors_of(analysis), now)
    _upsert_places(conn, _places_of(analysis))
    conn.execute(delete(events).where(events.c.article_id == article_id))
    conn.execute(delete(actor_mentions).where(actor_mentions.c.article_id == article_id))
    conn.execute(delete(place_mentions).where(place_mentions.c.article_id == article_id))
    conn.execute(delete(extractions).where(extractions.c.article_id == article_id))
    if analysis.actors:
        conn.execute(
            insert(actor_mentions),
            [
                {
                    "article_id": article_id,
                    "actor_id": m.actor.id,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.text,
                }
                for m in analysis.actors
            ],
        )
    if analysis.places:
        conn.execute(
            insert(place_mentions),
            [
                {
                    "article_id": article_id,
                    "place_id": m.place.id if m.place else None,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.text,
                    "facility": m.facility,
                    "agent": m.agent,
                    "how": m.how,
                }
                for m in analysis.places
            ],
        )
    rows: dict[str, dict[str, Any]] = {}  # same id twice: keep one
    for e in analysis.events:
        values = _event_values(e)  # its id (a hash) is computed once, there
        rows[values["id"]] = values
    if rows:
        conn.execute(insert(events), list(rows.values()))
    conn.execute(
        insert(extractions).values(
            article_id=article_id,
            version=analysis.version,
            n_events=len(rows),
            extracted_at=now,
        )
    )


def _actors_of(analysis: ArticleAnalysis) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    mentions: list[ActorMention] = list(analysis.actors)
    for event in analysis.events:
        mentions.extend(m for m in (event.source, event.target, *event.others) if m is not None)
    for mention in mentions:
        found.setdefault(mention.actor.id, mention.actor)
    return found


def _places_of(analysis: ArticleAnalysis) -> dict[str, Place]:
    found: dict[str, Place] = {}
    for m in (*analysis.places, *(e.place for e in analysis.events)):
        if m is not None and m.place is not None:
            found.setdefault(m.place.id, m.place)
    return found


def _upsert_places(conn: Connection, found: dict[str, Place]) -> None:
    """Insert gazetteer entries not stored yet (an entry's fields never change under its id)."""
    if not found:
        return
    known = set(conn.execute(select(places.c.id).where(places.c.id.in_(list(found)))).scalars())
    new = [p for key, p in found.items() if key not in known]
    if new:
        conn.execute(insert(places), [place_values(p) for p in new])


def place_values(place: Place) -> dict[str, Any]:
    """A ``places`` row: its columns are the record's fields."""
    return dataclasses.asdict(place)


def place_from_row(row: Any) -> Place:
    return Place(**{f.name: getattr(row, f.name) for f in dataclasses.fields(Place)})


def _upsert_actors(conn: Connection, found: dict[str, Actor], now: dt.datetime) -> None:
    """Insert new actors; fill country, sector and role of known ones where they were unknown."""
    if not found:
        return
    known = {
        row.id: row
        for row in conn.execute(select(actors).where(actors.c.id.in_(list(found)))).all()
    }
    new = [a for key, a in found.items() if key not in known]
    if new:
        conn.execute(
            insert(actors),
            [
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind.value,
                    "country": a.country,
                    "sector": a.sector,
                    "role": a.role,
                    "first_seen": now,
                }
                for a in new
            ],
        )
    for key, row in known.items():
        actor = found[key]
        fill = {
            name: getattr(actor, name)
            for name in ("country", "sector", "role")
            if getattr(row, name) is None and getattr(actor, name) is not None
        }
        if fill:
            conn.execute(update(actors).where(actors.c.id == key).values(**fill))


def _event_values(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "type": event.code.type,
        "mode": event.code.mode,
        "cameo": event.code.cameo,
        "quad_class": event.code.quad_class,
        "intensity": event.code.intensity,
        "factuality": event.factuality.value,
        "source_actor_id": event.source.actor.id if event.source else None,
        "target_actor_id": event.target.actor.id if event.target else None,
        **_edges("sentence", event.sentence),
        **_edges("trigger", event.trigger),
        **_edges("source", event.source.span if event.source else None),
        **_edges("target", event.target.span if event.target else None),
        **_edges("location", event.location),
        **_edges("said_by", event.said_by),
        "others": [[m.actor.id, m.span.start, m.span.end] for m in event.others],
        "times": [[t.start, t.end] for t in event.times],
        "date_value": event.date.value if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "date_derivation": event.date.derivation if event.date else None,
        **_edges("date", event.date.span if event.date else None),
        "duration_value": event.duration.value if event.duration else None,
        "duration_mod": event.duration.mod if event.duration else None,
        **_edges("duration", event.duration.span if event.duration else None),
        "place_id": event.place.place.id if event.place and event.place.place else None,
        "place_facility": event.place.facility if event.place else None,
        "place_how": event.place.how if event.place else None,
        **_edges("place", event.place.span if event.place else None),
    }


def _edges(prefix: str, span: TextSpan | None) -> dict[str, int | None]:
    return {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
    }


def select_events(
    conn: Connection,
    *,
    article_ids: Sequence[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[StoredEvent]:
    """Stored events, in article then text order, rebuilt as ``Event`` records."""
    stmt = select(events).order_by(events.c.article_id, events.c.trigger_start, events.c.id)
    if article_ids is not None:
        stmt = stmt.where(events.c.article_id.in_(list(article_ids)))
    if actor_ids is not None:
        ids = list(actor_ids)
        stmt = stmt.where(or_(events.c.source_actor_id.in_(ids), events.c.target_actor_id.in_(ids)))
    if types is not None:
        stmt = stmt.where(events.c.type.in_([t.upper() for t in types]))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).mappings().all()
    needed = {r["article_id"] for r in rows}
    info = {
        r.id: r
        for r in conn.execute(
            select(
                articles.c.id, articles.c.text, articles.c.source, articles.c.url,
                articles.c.outlet, articles.c.published,
            ).where(articles.c.id.in_(list(needed)))
        ).all()
    }  # fmt: skip
    actor_ids_needed = _actor_ids_in(rows)
    known = _load_actors(conn, actor_ids_needed)
    gazetteer = _load_places(conn, {r["place_id"] for r in rows if r["place_id"]})
    out = []
    for row in rows:
        art = info[row["article_id"]]
        event = _event_from_row(row, art.text, known, gazetteer)
        out.append(StoredEvent(event, art.source, art.url, art.outlet, art.published))
    return out


def _actor_ids_in(rows: Iterable[Any]) -> set[str]:
    ids: set[str] = set()
    for row in rows:
        ids.update(x for x in (row["source_actor_id"], row["target_actor_id"]) if x)
        ids.update(str(other[0]) for other in row["others"])
    return ids


def _load_actors(conn: Connection, ids: set[str]) -> dict[str, Actor]:
    if not ids:
        return {}
    rows = conn.execute(select(actors).where(actors.c.id.in_(list(ids)))).all()
    return {row.id: actor_from_row(row) for row in rows}


def _load_places(conn: Connection, ids: set[str]) -> dict[str, Place]:
    if not ids:
        return {}
    rows = conn.execute(select(places).where(places.c.id.in_(list(ids)))).all()
    return {row.id: place_from_row(row) for row in rows}


def actor_from_row(row: Any) -> Actor:
    return Actor(
        id=row.id,
        name=row.name,
        kind=ActorKind(row.kind),
        country=row.country,
        sector=row.sector,
        role=row.role,
    )


def _event_from_row(
    row: Any, text: str, known: dict[str, Actor], gazetteer: dict[str, Place]
) -> Event:
    def span(prefix: str) -> TextSpan | None:
        start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
        if start is None or end is None:
            return None
        return TextSpan(start, end, text[start:end])

    def mention(prefix: str) -> ActorMention | None:
        actor_id, where = row[f"{prefix}_actor_id"], span(prefix)
        if actor_id is None or where is None or actor_id not in known:
            return None
        return ActorMention(known[actor_id], where)

    sentence, trigger = span("sentence"), span("trigger")
    if sentence is None or trigger is None:  # NOT NULL columns: only a damaged store gets here
        raise StorageError(f"event {row['id']} has no sentence or trigger offsets")
    others = tuple(
        ActorMention(known[a], TextSpan(s, e, text[s:e])) for a, s, e in row["others"] if a in known
    )
    return Event(
        article_id=row["article_id"],
        sentence=sentence,
        trigger=trigger,
        code=EventCode(row["type"], row["mode"], row["cameo"], row["quad_class"], row["intensity"]),
        factuality=Factuality(row["factuality"]),
        source=mention("source"),
        target=mention("target"),
        others=others,
        location=span("location"),
        times=tuple(TextSpan(s, e, text[s:e]) for s, e in row["times"]),
        said_by=span("said_by"),
        date=_date_from_row(row, span("date")),
        duration=_duration_from_row(row, span("duration")),
        place=_place_from_row(row, span("place"), gazetteer),
    )


def _place_from_row(
    row: Any, where: TextSpan | None, gazetteer: dict[str, Place]
) -> PlaceMention | None:
    if where is None or row["place_how"] is None:
        return None
    place = gazetteer.get(row["place_id"]) if row["place_id"] else None
    return PlaceMention(where, place, facility=row["place_facility"], how=row["place_how"])


def _date_from_row(row: Any, where: TextSpan | None) -> EventDate | None:
    if row["date_value"] is None:
        return None
    return EventDate(row["date_value"], row["date_precision"], row["date_derivation"], where)


def _duration_from_row(row: Any, where: TextSpan | None) -> EventDuration | None:
    if row["duration_value"] is None or where is None:
        return None
    return EventDuration(row["duration_value"], row["duration_mod"], where)
