"""Gold-format event mentions: typed records, parsed at the boundary with errors that name the line.

One JSON object per event mention, as ``GOLD-FORMAT.md`` describes. Predictions use the same format,
so both sides of a comparison load through :func:`load_mentions`.

Two optional fields beyond the documented ones are understood:

- ``note``: free text for the annotator (ignored by scoring).
- ``annotated``: the list of scored fields this gold mention annotates, a subset of
  :data:`SCORED_FIELDS` (``country``, ``actor``, ``date``, ``location``, ``factuality``). Absent
  means all of them. Benchmark converters use it for sets that never annotated, say, factuality,
  so that the scorer reports those fields as "not annotated" instead of counting a made-up value.

Unknown keys are ignored (a prediction export may carry ids, triggers or scores). Known keys are
checked: the type must be a PLOVER type, country codes three capital letters, the date ISO 8601 at
day, month or year precision or a range of those, the factuality one of the five values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError
from eventwire.models import PLOVER_TYPES as ALL_PLOVER_TYPES
from eventwire.models import Factuality, date_interval

PLOVER_TYPES: frozenset[str] = frozenset(ALL_PLOVER_TYPES)

SCORED_FIELDS: frozenset[str] = frozenset({"country", "actor", "date", "location", "factuality"})

_COUNTRY = re.compile(r"[A-Z]{3}")


class GoldFormatError(EventwireError, ValueError):
    """A gold or prediction line breaks the gold format. The message names file and line."""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as the gold format gives it: canonical name, country code, sector code."""

    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """Where an event happens: the name as written and its country code."""

    name: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention: an event as one sentence of one article states it."""

    article: str
    sentence: str
    type: str
    source: ActorRef | None = None
    target: ActorRef | None = None
    mode: str | None = None
    location: PlaceRef | None = None
    date: str | None = None
    factuality: Factuality | None = None
    said_by: str | None = None
    note: str | None = None
    annotated: frozenset[str] = field(default=SCORED_FIELDS)


def parse_mention(obj: object) -> Mention:
    """Check one decoded gold-format object and build a :class:`Mention`. Raises ``ValueError``."""
    if not isinstance(obj, Mapping):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    article = _required(obj, "article")
    sentence = _required(obj, "sentence")
    type_ = _required(obj, "type")
    if type_ not in PLOVER_TYPES:
        raise ValueError(f"'type' {type_!r} is not a PLOVER event type")
    date = _text(obj, "date")
    if date is not None:
        date_interval(date)
    factuality = _text(obj, "factuality")
    try:
        fact = Factuality(factuality) if factuality is not None else None
    except ValueError:
        allowed = ", ".join(f.value for f in Factuality)
        raise ValueError(f"'factuality' {factuality!r} is not one of {allowed}") from None
    return Mention(
        article=article,
        sentence=sentence,
        type=type_,
        source=_actor(obj, "source"),
        target=_actor(obj, "target"),
        mode=_text(obj, "mode"),
        location=_place(obj.get("location")),
        date=date,
        factuality=fact,
        said_by=_text(obj, "said_by"),
        note=_text(obj, "note"),
        annotated=_annotated(obj.get("annotated", sorted(SCORED_FIELDS))),
    )


def iter_mentions(lines: Iterable[str], where: str = "<input>") -> Iterable[Mention]:
    """Parse JSON Lines text; blank lines are skipped. Errors name ``where`` and the line number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_mention(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError too
            raise GoldFormatError(f"{where}:{number}: {exc}") from exc


def load_mentions(path: str | Path) -> list[Mention]:
    """Read a gold-format JSON Lines file. Raises :class:`GoldFormatError` naming file and line."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return list(iter_mentions(handle, where=str(path)))
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """The gold-format object for a mention; ``annotated`` only when it is not every field."""

    def actor(ref: ActorRef | None) -> dict[str, str | None] | None:
        return (
            None
            if ref is None
            else {"name": ref.name, "country": ref.country, "sector": ref.sector}
        )

    out: dict[str, Any] = {
        "article": mention.article,
        "sentence": mention.sentence,
        "source": actor(mention.source),
        "type": mention.type,
        "mode": mention.mode,
        "target": actor(mention.target),
        "location": None
        if mention.location is None
        else {"name": mention.location.name, "country": mention.location.country},
        "date": mention.date,
        "factuality": mention.factuality.value if mention.factuality is not None else None,
    }
    if mention.said_by is not None:
        out["said_by"] = mention.said_by
    if mention.note is not None:
        out["note"] = mention.note
    if mention.annotated != SCORED_FIELDS:
        out["annotated"] = sorted(mention.annotated)
    return out


def write_mentions(mentions: Iterable[Mention], path: Path) -> int:
    """Write mentions as gold-format JSON Lines; returns how many were written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for mention in mentions:
            handle.write(json.dumps(mention_to_dict(mention), ensure_ascii=False) + "\n")
            count += 1
    return count


# --- field checks -----------------------------------------------------------------------------


def _text(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string or null, got {type(value).__name__}")
    return value


def _required(obj: Mapping[str, Any], key: str) -> str:
    value = _text(obj, key)
    if value is None:
        raise ValueError(f"missing required field {key!r}")
    if not value.strip():
        raise ValueError(f"{key!r} is empty")
    return value


def _country(obj: Mapping[str, Any], where: str) -> str | None:
    value = _text(obj, "country")
    if value is not None and not _COUNTRY.fullmatch(value):
        raise ValueError(f"{where}.country {value!r} is not a three-letter code such as 'USA'")
    return value


def _actor(obj: Mapping[str, Any], key: str) -> ActorRef | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError(f"{key!r} must be an object with name, country, sector, or null")
    return ActorRef(
        name=_text(value, "name"), country=_country(value, key), sector=_text(value, "sector")
    )


def _place(value: object) -> PlaceRef | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError("'location' must be an object with name and country, or null")
    return PlaceRef(name=_text(value, "name"), country=_country(value, "location"))


def _annotated(value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("'annotated' must be a list of field names")
    unknown = set(value) - SCORED_FIELDS
    if unknown:
        allowed = ", ".join(sorted(SCORED_FIELDS))
        raise ValueError(f"'annotated' has unknown fields {sorted(unknown)}; allowed: {allowed}")
    return frozenset(value)
