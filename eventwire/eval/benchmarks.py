"""Turn public CAMEO-era benchmark sets into records to ingest and gold in our format.

:func:`prepare` writes two files into a folder:

- ``records.jsonl``: one record per distinct sentence, ``{"id", "title": "", "text", "published",
  "outlet": <set name>, "language": "en"}``, for ``eventwire ingest``;
- ``gold.jsonl``: gold-format mentions whose ``article`` is the record ``id``. ``eventwire ingest``
  names a record ``<path>#<id>``, and the scorer matches a prediction's ``X#id`` to a gold article
  ``id`` (see :func:`eventwire.eval.matching.same_article`).

Both sets are sentence-level and coded before current PLOVER, so the conversion loses things:

- no dates (the records' dates are file or placeholder dates), no factuality (every event is
  written as ``asserted``), so gold mentions list what they do annotate in ``annotated`` and the
  scorer reports the rest as not annotated;
- PETRARCH-2 GSR has no actor names (codes only): only the country dyad is scored; no locations;
- modes are the conversion table's (PETRARCH-2) or PLOVER 0.5b1's (PLOVER GSR), not re-coded;
- CAMEO 01 (public statements) has no PLOVER type: those events are dropped (see
  :class:`~eventwire.eval.codes.CameoTable` for this and for 02, appeals → REQUEST);
- compound actors keep their first actor; the others are named in the mention's ``note``;
- PLOVER GSR's actor names are the text spans ("Iraqi President Saddam Hussein"), not canonical
  names; the scorer's surname rule matches them to "Saddam Hussein". Its event locations are mostly
  cities: a country is filled in only from a country code or a country's name.

Sentences that appear more than once become one record (ingest would store the copy as a
duplicate and its gold could never be matched). In PETRARCH-2 GSR, events that become identical
after conversion (``ISR→PSECVL`` and ``ISR→PSEGZACVL`` for one shelling) and the two halves of a
CAMEO reciprocal coding of a symmetric meeting (``A→B 040`` and ``B→A 040``: PLOVER codes one
event) are kept once; PLOVER GSR's events are all kept, as its coders meant each one. Every
dropped event is listed with its reason.

Sentences whose events are all dropped are still ingested: a PLOVER coder should find nothing
there, so what it predicts counts as a false positive, as for the sets' own no-event sentences.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventwire.eval.codes import (
    KNOWN_SECTORS,
    BenchmarkError,
    CameoTable,
    country_code,
    parse_actor_code,
    place_country,
)
from eventwire.eval.gold import PLOVER_TYPES, ActorRef, Mention, PlaceRef, write_mentions
from eventwire.eval.matching import is_symmetric
from eventwire.models import Factuality

__all__ = [
    "SETS",
    "BenchmarkError",
    "Converted",
    "Dropped",
    "PreparedSet",
    "Record",
    "convert_petrarch2_gsr",
    "convert_plover_gsr",
    "prepare",
]

#: Set name → files it needs, relative to ``<shared>/benchmarks/events``.
SETS: dict[str, tuple[str, ...]] = {
    "petrarch2-gsr": (
        "petrarch2-gsr-validation-en/PETR2_GSR_validation.gold.jsonl",
        "plover-gsr-cameo/CAMEO2PLOVER-2021.txt",
    ),
    "plover-gsr": ("plover-gsr-cameo/PLOVER_GSR_CAMEO.json",),
}

# PLOVER 0.5b1 types that current PLOVER renamed or merged (README of the shared benchmarks).
_PLOVER_05_TYPES = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
# Misspelt country codes in PLOVER_GSR_CAMEO.json.
_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_SECTOR_FIXES = {"CIV": "CVL"}


@dataclass(frozen=True, slots=True)
class Record:
    """One sentence to ingest."""

    id: str
    text: str
    published: str | None = None

    def to_dict(self, outlet: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": "",
            "text": self.text,
            "published": self.published,
            "outlet": outlet,
            "language": "en",
        }


@dataclass(frozen=True, slots=True)
class Dropped:
    """An event of the source set that produced no gold mention, and why."""

    record_id: str
    event: str
    reason: str


@dataclass(frozen=True, slots=True)
class Converted:
    """A converted set in memory. ``source_*`` count what the source file holds."""

    records: tuple[Record, ...]
    mentions: tuple[Mention, ...]
    source_records: int
    source_events: int
    dropped: tuple[Dropped, ...]
    annotated: frozenset[str]


@dataclass(frozen=True, slots=True)
class PreparedSet:
    """What :func:`prepare` wrote."""

    name: str
    records_path: Path
    gold_path: Path
    records: int
    gold_mentions: int
    source_records: int
    source_events: int
    dropped: tuple[Dropped, ...] = field(default=())
    annotated: frozenset[str] = field(default=frozenset())


def prepare(set_name: str, shared_dir: Path, out_dir: Path) -> PreparedSet:
    """Convert the benchmark ``set_name`` (``petrarch2-gsr`` or ``plover-gsr``) found under
    ``shared_dir`` (the shared folder, or its ``benchmarks/events``) into ``out_dir/records.jsonl``
    and ``out_dir/gold.jsonl``. Raises :class:`BenchmarkError` when a file is missing."""
    if set_name not in SETS:
        raise BenchmarkError(
            f"unknown benchmark set {set_name!r}; known: {', '.join(sorted(SETS))}"
        )
    base = shared_dir / "benchmarks" / "events"
    if not base.is_dir():
        base = shared_dir
    paths = [base / name for name in SETS[set_name]]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise BenchmarkError(
            f"benchmark set {set_name!r} needs missing files: {', '.join(missing)}"
        )
    if set_name == "petrarch2-gsr":
        converted = convert_petrarch2_gsr(paths[0], CameoTable.load(paths[1]))
    else:
        converted = convert_plover_gsr(paths[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    records_path, gold_path = out_dir / "records.jsonl", out_dir / "gold.jsonl"
    with records_path.open("w", encoding="utf-8") as handle:
        for record in converted.records:
            handle.write(json.dumps(record.to_dict(set_name), ensure_ascii=False) + "\n")
    write_mentions(converted.mentions, gold_path)
    return PreparedSet(
        name=set_name,
        records_path=records_path,
        gold_path=gold_path,
        records=len(converted.records),
        gold_mentions=len(converted.mentions),
        source_records=converted.source_records,
        source_events=converted.source_events,
        dropped=converted.dropped,
        annotated=converted.annotated,
    )


# --- PETRARCH-2 GSR ------------------------------------------------------------------------------

_PETR2_ANNOTATED = frozenset({"country"})


def convert_petrarch2_gsr(path: Path, table: CameoTable) -> Converted:
    """``PETR2_GSR_validation.gold.jsonl`` (one sentence a line, CAMEO codes, Phoenix actors).

    Each expected event becomes a mention: the CAMEO code through ``table`` (type and mode), the
    actor codes through :func:`~eventwire.eval.codes.parse_actor_code` (country and sector; no
    names). CAMEO 043 (host a visit) has the host as source; PLOVER makes the visitor the source,
    so its actors are swapped. ``published`` is the record's ``YYYYMMDD`` date when it has one.
    Only the country dyad is annotated.
    """
    rows = list(read_json_lines(path))
    builder = _Builder(dedupe=True)
    events = 0
    for row in rows:
        row_id, text = _field(row, "id", path), _field(row, "text", path)
        record_id = builder.record(row_id, text, _yyyymmdd(row.get("date")))
        for event in row.get("expected_events") or []:
            if not isinstance(event, dict):
                raise BenchmarkError(f"{path}: record {row_id!r} has a malformed expected event")
            events += 1
            code = str(event.get("event_code", ""))
            source, target = str(event.get("source", "")), str(event.get("target", ""))
            what = f"{row_id}: {source or '-'} {code} {target or '-'}"
            entry = table.lookup(code)
            if entry is None:
                builder.drop(record_id, what, "no PLOVER type for this CAMEO code")
                continue
            actors = _phoenix(source), _phoenix(target)
            if code.startswith("043"):
                actors = actors[1], actors[0]
            via = f" (looked up as {entry.via})" if entry.via else ""
            builder.add(
                record_id,
                what,
                Mention(
                    article=record_id,
                    sentence=text,
                    type=entry.type,
                    mode=entry.mode,
                    source=actors[0],
                    target=actors[1],
                    factuality=Factuality.ASSERTED,
                    note=f"CAMEO {what}{via}",
                    annotated=_PETR2_ANNOTATED,
                ),
            )
    return builder.build(len(rows), events, _PETR2_ANNOTATED)


def _phoenix(code: str) -> ActorRef | None:
    parsed = parse_actor_code(code)
    return None if parsed is None else ActorRef(name=None, country=parsed[0], sector=parsed[1])


def _yyyymmdd(value: object) -> str | None:
    text = str(value or "")
    if len(text) != 8 or not text.isdigit():
        return None
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


# --- PLOVER GSR ---------------------------------------------------------------------------------

_PLOVER_ANNOTATED = frozenset({"country", "actor", "location"})


def convert_plover_gsr(path: Path) -> Converted:
    """``PLOVER_GSR_CAMEO.json`` (PLOVER 0.5b1 records from the CAMEO manual's examples).

    Types are renamed to current PLOVER (DEMAND → REQUEST, DISAPPROVE → ACCUSE mode disapprove,
    INVESTIGATE → ACCUSE mode investigate, FIGHT → ASSAULT); a CONSULT with mode ``host`` has the
    host as source and becomes mode ``visit`` with the actors swapped. Source and target are the
    first actor of each list (``actorText`` → name, ``code`` → country, ``sector`` → sector when a
    known sector); a target that is a string (a misplaced context value) counts as none. Three
    misspelt codes are fixed (JAP, ITL, VTN). ``eventLoc`` becomes the location, its country from
    the alpha-2 ``country code`` or the name when it is a country's. Every record carries the
    placeholder date 2000-01-01, so ``published`` is null and dates are not annotated.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BenchmarkError(f"{path}: cannot read the PLOVER gold records: {exc}") from exc
    if not isinstance(data, list):
        raise BenchmarkError(f"{path}: expected a JSON array of records")
    rows = [r for r in data if isinstance(r, dict) and r.get("event") != "DOCUMENT"]
    builder = _Builder(dedupe=False)
    for row in rows:
        event_id, text = _field(row, "id", path), _field(row, "text", path)
        record_id = builder.record(event_id, text, None)
        old_type = str(row.get("event", ""))
        type_, mode = _PLOVER_05_TYPES.get(old_type, (old_type, None))
        mode = mode or (str(row.get("mode") or "").strip() or None)
        source, source_others = _plover_actors(row.get("source"))
        target, target_others = _plover_actors(row.get("target"))
        if type_ not in PLOVER_TYPES:
            builder.drop(record_id, f"{event_id} {old_type}", "not a PLOVER 0.5b1 event type")
            continue
        if type_ == "CONSULT" and mode == "host":
            source, target, mode = target, source, "visit"
        notes = [
            f"{event_id}: PLOVER 0.5b1 {old_type}"
            + (f" mode {row['mode']}" if row.get("mode") else "")
        ]
        notes += [f"also source {a}" for a in source_others]
        notes += [f"also target {a}" for a in target_others]
        builder.add(
            record_id,
            f"{event_id} {old_type}",
            Mention(
                article=record_id,
                sentence=text,
                type=type_,
                mode=mode,
                source=source,
                target=target,
                location=_plover_place(row.get("eventLoc")),
                factuality=Factuality.ASSERTED,
                note="; ".join(notes),
                annotated=_PLOVER_ANNOTATED,
            ),
        )
    return builder.build(len(rows), len(rows), _PLOVER_ANNOTATED)


def _plover_actors(value: object) -> tuple[ActorRef | None, list[str]]:
    if not isinstance(value, list):
        return None, []
    actors = [a for a in value if isinstance(a, dict)]
    if not actors:
        return None, []
    refs = [_plover_actor(a) for a in actors]
    others = [f"{r.name} ({r.country or '---'} {r.sector or '---'})" for r in refs[1:]]
    return refs[0], others


def _plover_actor(actor: dict[str, Any]) -> ActorRef:
    code = str(actor.get("code") or "").strip().upper()
    sector = str(actor.get("sector") or "").strip().upper()[:3]
    sector = _SECTOR_FIXES.get(sector, sector)
    name = str(actor.get("actorText") or "").strip() or None
    return ActorRef(
        name=" ".join(name.split()) if name else None,
        country=country_code(_CODE_FIXES.get(code, code)),
        sector=sector if sector in KNOWN_SECTORS else None,
    )


def _plover_place(value: object) -> PlaceRef | None:
    if not isinstance(value, dict) or not value.get("name"):
        return None
    name = str(value["name"])
    return PlaceRef(name=name, country=place_country(name, value.get("country code")))


# --- shared helpers -----------------------------------------------------------------------------


class _Builder:
    """Collects records (one per distinct text) and mentions, dropping duplicates with reasons."""

    def __init__(self, *, dedupe: bool) -> None:
        self._dedupe = dedupe
        self._by_text: dict[str, str] = {}
        self._records: list[Record] = []
        self._ids: set[str] = set()
        self._mentions: dict[str, list[Mention]] = {}
        self._dropped: list[Dropped] = []

    def record(self, wanted_id: str, text: str, published: str | None) -> str:
        """The id of the record holding ``text``, creating it (with a unique id) when new."""
        if text in self._by_text:
            return self._by_text[text]
        record_id, n = wanted_id, 1
        while record_id in self._ids:
            n += 1
            record_id = f"{wanted_id}-{n}"
        self._ids.add(record_id)
        self._by_text[text] = record_id
        self._records.append(Record(id=record_id, text=text, published=published))
        self._mentions[record_id] = []
        return record_id

    def drop(self, record_id: str, event: str, reason: str) -> None:
        self._dropped.append(Dropped(record_id=record_id, event=event, reason=reason))

    def add(self, record_id: str, event: str, mention: Mention) -> None:
        kept = self._mentions[record_id]
        for other in kept if self._dedupe else ():
            if _same_event(other, mention):
                self.drop(record_id, event, f"same event as one kept ({other.note})")
                return
            if is_symmetric(mention.type, mention.mode) and _same_event(other, _swapped(mention)):
                self.drop(record_id, event, f"reciprocal of a symmetric event kept ({other.note})")
                return
        kept.append(mention)

    def build(
        self, source_records: int, source_events: int, annotated: frozenset[str]
    ) -> Converted:
        mentions = tuple(m for r in self._records for m in self._mentions[r.id])
        return Converted(
            records=tuple(self._records),
            mentions=mentions,
            source_records=source_records,
            source_events=source_events,
            dropped=tuple(self._dropped),
            annotated=annotated,
        )


def _same_event(a: Mention, b: Mention) -> bool:
    key = (a.type, a.mode, a.source, a.target, a.location)
    return key == (b.type, b.mode, b.source, b.target, b.location)


def _swapped(m: Mention) -> Mention:
    return replace(m, source=m.target, target=m.source)


def read_json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file; a bad line raises ``BenchmarkError`` naming it."""
    try:
        lines: Iterable[str] = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BenchmarkError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise BenchmarkError(f"{path}:{number}: not valid JSON: {exc}") from exc
        if not isinstance(row, dict):
            raise BenchmarkError(f"{path}:{number}: expected a JSON object")
        yield row


def _field(row: dict[str, Any], key: str, path: Path) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BenchmarkError(f"{path}: record {row.get('id')!r} has no {key!r}")
    return value
