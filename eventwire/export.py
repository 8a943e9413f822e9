"""Stored events out: JSON Lines in the gold format, flat CSV/Parquet, GDELT-style and PLOVER rows.

Every format is built from the same flat record (``flat_record``) or gold record
(``gold_record``), so the formats cannot disagree about a field.
"""

from __future__ import annotations

import csv
import enum
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.errors import EventwireError
from eventwire.models import ActorMention, Event, PlaceMention, TextSpan, date_interval
from eventwire.store.events import StoredEvent


class ExportFormat(enum.StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"
    GDELT = "gdelt"
    PLOVER = "plover"


def _actor(mention: ActorMention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    actor = mention.actor
    return {"name": actor.name, "country": actor.country, "sector": actor.sector}


def _span(span: TextSpan | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _location(e: Event) -> dict[str, Any] | None:
    """Where the event happened: the words of the text and the gazetteer entry they resolve to."""
    m = e.place
    if m is None:
        if e.location is None:
            return None
        return {"name": e.location.text, "country": None}
    p = m.place
    written = m.how not in ("actor", "home", "anaphor") and m.span.text[:1].isupper()
    if p is None:
        name = m.facility or m.span.text
    elif m.facility:
        name = f"{m.facility}, {p.name}"
    else:
        name = m.span.text if written else p.name  # "Ulaanbaatar" as written, not "Ulan Bator"
    return {
        "name": name,
        "text": e.location.text if e.location else None,
        "country": p.country if p else None,
        "place": p.name if p else None,
        "place_id": p.id if p else None,
        "facility": m.facility,
        "admin1": p.admin1 if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "how": m.how,
    }


def gold_record(stored: StoredEvent) -> dict[str, Any]:
    """The event in the gold format of GOLD-FORMAT.md, plus ids, codes and evidence spans."""
    e = stored.event
    return {
        "article": stored.article_source,
        "sentence": e.sentence.text,
        "source": _actor(e.source),
        "type": e.code.type,
        "mode": e.code.mode,
        "target": _actor(e.target),
        "location": _location(e),
        "date": e.date.value if e.date else None,
        "factuality": e.factuality.value,
        "said_by": e.said_by.text if e.said_by else None,
        "id": e.id,
        "date_precision": e.date.precision if e.date else None,
        "date_derivation": e.date.derivation if e.date else None,
        "duration": _duration(e),
        "article_id": e.article_id,
        "url": stored.article_url,
        "published": stored.published.isoformat() if stored.published else None,
        "cameo": e.code.cameo,
        "quad_class": e.code.quad_class,
        "intensity": e.code.intensity,
        "source_actor_id": e.source.actor.id if e.source else None,
        "target_actor_id": e.target.actor.id if e.target else None,
        "others": [
            {"actor_id": m.actor.id, "name": m.actor.name, **(_span(m.span) or {})}
            for m in e.others
        ],
        "spans": {
            "sentence": _span(e.sentence),
            "trigger": _span(e.trigger),
            "source": _span(e.source.span) if e.source else None,
            "target": _span(e.target.span) if e.target else None,
            "location": _span(e.location),
            "place": _span(e.place.span) if e.place else None,
            "said_by": _span(e.said_by),
            "times": [_span(t) for t in e.times],
            "date": _span(e.date.span) if e.date else None,
            "duration": _span(e.duration.span) if e.duration else None,
        },
    }


def _duration(e: Event) -> dict[str, Any] | None:
    d = e.duration
    return {"value": d.value, "mod": d.mod, "text": d.span.text} if d else None


FLAT_COLUMNS = (
    "id", "article_id", "article", "url", "outlet", "published", "type", "mode", "cameo",
    "quad_class", "intensity", "factuality", "source_actor_id", "source_name", "source_country",
    "source_sector", "target_actor_id", "target_name", "target_country", "target_sector",
    "location", "location_place", "location_country", "location_lat", "location_lon",
    "location_place_id", "date", "date_precision", "date_derivation", "date_text", "duration",
    "duration_mod", "times", "said_by", "sentence", "trigger", "trigger_start", "trigger_end",
)  # fmt: skip


def _flat_place(m: PlaceMention | None) -> dict[str, Any]:
    p = m.place if m else None
    return {
        "location_place": p.name if p else None,
        "location_country": p.country if p else None,
        "location_lat": p.lat if p else None,
        "location_lon": p.lon if p else None,
        "location_place_id": p.id if p else None,
    }


def flat_record(stored: StoredEvent) -> dict[str, Any]:
    """One row of scalar columns (``FLAT_COLUMNS``), for CSV and Parquet."""
    e = stored.event
    row: dict[str, Any] = {
        "id": e.id,
        "article_id": e.article_id,
        "article": stored.article_source,
        "url": stored.article_url,
        "outlet": stored.outlet,
        "published": stored.published.isoformat() if stored.published else None,
        "type": e.code.type,
        "mode": e.code.mode,
        "cameo": e.code.cameo,
        "quad_class": e.code.quad_class,
        "intensity": e.code.intensity,
        "factuality": e.factuality.value,
        "location": e.location.text if e.location else None,
        **_flat_place(e.place),
        "date": e.date.value if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "date_derivation": e.date.derivation if e.date else None,
        "date_text": e.date.span.text if e.date and e.date.span else None,
        "duration": e.duration.value if e.duration else None,
        "duration_mod": e.duration.mod if e.duration else None,
        "times": "; ".join(t.text for t in e.times) or None,
        "said_by": e.said_by.text if e.said_by else None,
        "sentence": e.sentence.text,
        "trigger": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
    }
    for side, mention in (("source", e.source), ("target", e.target)):
        actor = mention.actor if mention else None
        row[f"{side}_actor_id"] = actor.id if actor else None
        row[f"{side}_name"] = actor.name if actor else None
        row[f"{side}_country"] = actor.country if actor else None
        row[f"{side}_sector"] = actor.sector if actor else None
    return row


GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
    "Factuality", "PloverType", "PloverMode", "DATEADDED", "EventDate", "EventDatePrecision",
)  # fmt: skip


def gdelt_record(stored: StoredEvent) -> dict[str, Any]:
    """GDELT 2.0 event-table columns (the subset we can fill honestly), plus our factuality.

    SQLDATE, MonthYear and Year are the first day of the event's own date when the text gives
    one, else the report's publication date (GDELT itself always uses the report's date);
    ``EventDate`` and ``EventDatePrecision`` keep the full value ("2019-02-27/2019-02-28",
    "month"), empty when the event is undated, and DATEADDED is the publication date.
    """
    e = stored.event
    published = stored.published
    day = date_interval(e.date.value)[0] if e.date else published
    row: dict[str, Any] = {
        "GLOBALEVENTID": e.id,
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "DATEADDED": published.strftime("%Y%m%d") if published else "",
        "EventDate": e.date.value if e.date else "",
        "EventDatePrecision": e.date.precision if e.date else "",
        "IsRootEvent": 1,
        "EventCode": e.code.cameo,
        "EventBaseCode": e.code.cameo[:3],
        "EventRootCode": e.code.cameo[:2],
        "QuadClass": e.code.quad_class,
        "GoldsteinScale": e.code.intensity,
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        **_gdelt_geo(e),
        "SOURCEURL": stored.article_url or stored.article_source,
        "Factuality": e.factuality.value,
        "PloverType": e.code.type,
        "PloverMode": e.code.mode or "",
    }
    for n, mention in ((1, e.source), (2, e.target)):
        actor = mention.actor if mention else None
        country = (actor.country or "") if actor else ""
        sector = (actor.sector or "") if actor else ""
        row[f"Actor{n}Code"] = country + sector
        row[f"Actor{n}Name"] = actor.name.upper() if actor else ""
        row[f"Actor{n}CountryCode"] = country
        row[f"Actor{n}Type1Code"] = sector
    return row


def _gdelt_geo(e: Event) -> dict[str, Any]:
    """GDELT's ActionGeo columns. Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world
    region. The country code is ISO 3166 alpha-3 (GDELT itself uses FIPS 10-4)."""
    p = e.place.place if e.place else None
    if p is None:
        text = e.location.text if e.location else ""
        return {"ActionGeo_Type": "", "ActionGeo_FullName": text, "ActionGeo_CountryCode": ""}
    us = p.country == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(p.kind, 5)
    country = _country_name(p.country)
    parts = [
        p.name,
        p.admin1 if p.kind == "city" else None,
        country if p.kind != "country" else None,
    ]
    return {
        "ActionGeo_Type": kind,
        "ActionGeo_FullName": ", ".join(x for x in parts if x),
        "ActionGeo_CountryCode": p.country or "",
        "ActionGeo_Lat": p.lat if p.lat is not None else "",
        "ActionGeo_Long": p.lon if p.lon is not None else "",
    }


def _country_name(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(getattr(found, "common_name", None) or found.name) if found else code


def plover_record(stored: StoredEvent) -> dict[str, Any]:
    """A PLOVER/POLECAT-style event object."""
    e = stored.event

    def actor(mention: ActorMention | None) -> dict[str, Any] | None:
        if mention is None:
            return None
        a = mention.actor
        return {
            "actorText": mention.span.text,
            "name": a.name,
            "code": a.country,
            "sector": a.sector,
        }

    return {
        "id": e.id,
        "event": e.code.type,
        "mode": e.code.mode or "",
        "source": actor(e.source),
        "target": actor(e.target),
        "eventText": e.trigger.text,
        "eventLoc": _location(e),
        "factuality": e.factuality.value,
        "date": e.date.value if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "publication_date": stored.published.isoformat() if stored.published else None,
        "text": e.sentence.text,
        "article": stored.article_source,
        "url": stored.article_url,
    }


def write_export(events: Iterable[StoredEvent], fmt: ExportFormat, out: IO[str] | Path) -> int:
    """Write ``events`` in ``fmt`` to a text stream (or, for Parquet, a file path); return count."""
    if fmt is ExportFormat.PARQUET:
        if not isinstance(out, Path):
            raise EventwireError("Parquet export needs a file: use --output FILE")
        return _write_parquet(events, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_export(events, fmt, fh)
    if fmt in (ExportFormat.JSONL, ExportFormat.PLOVER):
        make = gold_record if fmt is ExportFormat.JSONL else plover_record
        return _write_lines(out, (json.dumps(make(s), ensure_ascii=False) for s in events))
    columns, make_row = (
        (FLAT_COLUMNS, flat_record) if fmt is ExportFormat.CSV else (GDELT_COLUMNS, gdelt_record)
    )
    delimiter = "," if fmt is ExportFormat.CSV else "\t"
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    count = 0
    for stored in events:
        writer.writerow(make_row(stored))
        count += 1
    return count


def _write_lines(out: IO[str], lines: Iterator[str]) -> int:
    count = 0
    for line in lines:
        out.write(line + "\n")
        count += 1
    return count


def _write_parquet(events: Iterable[StoredEvent], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"quad_class": pa.int8(), "intensity": pa.float32()}
    kinds.update(trigger_start=pa.int32(), trigger_end=pa.int32())
    schema = pa.schema([(name, kinds.get(name, pa.string())) for name in FLAT_COLUMNS])
    rows = [flat_record(s) for s in events]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)
