"""What an article's places say about each other, as the resolver scores readings by it.

Two kinds of evidence (``eventwire.places.resolve.score`` adds them up):

- ``Context``: the countries, first-level regions and towns the article's names were read as
  so far, each remembered with the name that brought it, since a name is no evidence for its
  own reading ("London" read nine times as England must not make England likelier for
  "London").
- ``support``: readings of two different names that fit together before anything is chosen,
  a town inside a county or region the article names ("Huntsville" and "Walker County") or two
  towns next to each other ("Columbus" and "Phenix City"). Each pair counts for less the more
  such pairs the two names have, and the more they would have by chance.

Pure: places in, numbers out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from eventwire.models import Place
from eventwire.places.gazetteer import normalise
from eventwire.places.toponyms import Toponym

COUNTY_LINK = 8.0  # a town and a county the article names, one inside the other
REGION_LINK = 1.0  # a town (or county) and a first-level region, one inside the other
PAIR_LINK = 3.0  # readings of two names of the article within PAIR_KM of each other
PAIR_KM = 50.0
CHANCE_PAIRS = 100  # of so many pairs of namesakes, about one lies that close by chance
NEAR_KM = 250.0  # a town of the article supports the readings of others up to this far
KM_PER_DEGREE = 111.2
NEIGHBOURS = ("city", "admin2")  # the kinds whose point says where they are

Area = tuple[str, ...]  # ("USA", "Texas"): a first-level region; ("USA", "Texas", "walker county")
Point = tuple[float, float]


@dataclass(slots=True)
class Evidence:
    """What one name of the article added to its context."""

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))


@dataclass(slots=True)
class Context:
    """The article's evidence: how often each country, region and town comes up, and which
    name brought it (``own``); ``links`` is ``support`` for the article's readings."""

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    own: defaultdict[str, Evidence] = field(default_factory=lambda: defaultdict(Evidence))
    links: dict[str, float] = field(default_factory=dict)  # by place id
    points: list[tuple[Point, float, str]] = field(default_factory=list)  # point, weight, key

    def add(self, place: Place, weight: float = 1.0, *, region: bool = True, key: str = "") -> None:
        """Count ``place``, named by ``key``, as evidence for its country and, if ``region``,
        its region and (a town or county) the places around it."""
        point = _point(place)
        if region and place.kind in NEIGHBOURS and point is not None:
            self.points.append((point, weight, key))
        if not place.country:
            return
        own = self.own[key]
        self.countries[place.country] += weight
        own.countries[place.country] += weight
        area = place.name if place.kind == "admin1" else place.admin1
        if region and area:
            self.regions[(place.country, area)] += weight
            own.regions[(place.country, area)] += weight

    def country(self, country: str, key: str) -> float:
        """The evidence for ``country`` from names other than ``key``."""
        found = self.countries.get(country, 0.0)
        return found - self.own[key].countries.get(country, 0.0) if key in self.own else found

    def besides(self, country: str, keys: Sequence[str]) -> float:
        """The evidence for ``country`` from names other than any of ``keys``."""
        found = self.countries.get(country, 0.0)
        for key in dict.fromkeys(keys):
            if key in self.own:
                found -= self.own[key].countries.get(country, 0.0)
        return found

    def region(self, area: tuple[str, str], key: str) -> float:
        """The evidence for a first-level region (country, name) from names other than ``key``."""
        found = self.regions.get(area, 0.0)
        return found - self.own[key].regions.get(area, 0.0) if key in self.own else found

    def share(self, country: str | None, key: str = "") -> float:
        """The share of the evidence from names other than ``key`` that is for ``country``."""
        total = sum(self.countries.values())
        if key in self.own:
            total -= sum(self.own[key].countries.values())
        if not country or total <= 0:
            return 0.0
        return self.country(country, key) / total

    def near(self, place: Place, key: str) -> float:
        """How close ``place`` lies to the article's towns and counties named otherwise than
        ``key``: the weight of the nearest, less the nearer to ``NEAR_KM`` it is (0 to 1)."""
        here = _point(place)
        if here is None or not self.points:
            return 0.0
        reach = (NEAR_KM / KM_PER_DEGREE) ** 2
        best = 0.0
        for there, weight, other in self.points:
            squared = _squared_degrees(here, there)
            if squared < reach and other != key:
                best = max(best, weight * (1.0 - math.sqrt(squared / reach)))
        return best


def support(
    toponyms: Sequence[Toponym],
    readings: Sequence[Sequence[Place]],
    county: Callable[[Place], str | None],
) -> dict[str, float]:
    """By place id, what ``links`` and ``neighbours`` give the readings of the article's names
    (``county`` gives a town's county), at most ``COUNTY_LINK`` each."""
    names = list(_distinct(toponyms, readings))
    found = links(names, county)
    for pid, value in neighbours(names).items():
        found[pid] = found.get(pid, 0.0) + value
    return {pid: min(value, COUNTY_LINK) for pid, value in found.items()}


def links(
    names: Sequence[tuple[str, Sequence[Place]]], county: Callable[[Place], str | None]
) -> dict[str, float]:
    """Readings of two names (``names``: key and readings) one inside the other: a town inside a
    county or first-level region also named ("Huntsville" and "Walker County": Huntsville,
    Texas, and Walker County, Texas). Each such pair earns both ``COUNTY_LINK`` (or
    ``REGION_LINK``) divided by the number of such pairs the two names have, so a single
    coincidence counts fully and a common one ("Washington County" and "Springfield") little."""
    areas: defaultdict[Area, list[tuple[str, Place]]] = defaultdict(list)
    inside: list[tuple[str, Place, Area]] = []
    for key, cands in names:
        for place in cands:
            area = _area(place)
            if area is not None:
                areas[area].append((key, place))
            inside.extend((key, place, within) for within in _within(place, county))
    pairs: defaultdict[tuple[str, str, int], list[tuple[Place, Place]]] = defaultdict(list)
    for key, place, area in inside:
        for other, container in areas.get(area, ()):
            if other != key:
                pairs[(key, other, len(area))].append((place, container))
    found: defaultdict[str, float] = defaultdict(float)
    for (_, _, depth), both in pairs.items():
        weight = (COUNTY_LINK if depth == 3 else REGION_LINK) / len(both)
        for place, container in both:
            found[place.id] += weight
            found[container.id] += weight
    return dict(found)


def neighbours(names: Sequence[tuple[str, Sequence[Place]]]) -> dict[str, float]:
    """Readings of two names (``names``: key and readings) that lie within ``PAIR_KM`` of each
    other ("Columbus" and "Harris County": Columbus, Georgia, and the county next to it): each
    pair earns both ``PAIR_LINK`` divided by the number of close pairs the two names have plus
    the number expected by chance (names of 60 and 10 towns, like "Washington" and "Houston",
    have a pair that close somewhere). Towns and counties by their own name only ("Mexico City"
    is no town called "Mexico"); found through a grid of half a degree of latitude by one of
    longitude."""
    grid: defaultdict[tuple[int, int], list[tuple[str, Place, Point]]] = defaultdict(list)
    towns: defaultdict[str, int] = defaultdict(int)
    for key, cands in names:
        for place in cands:
            point = _point(place)
            if place.kind in NEIGHBOURS and point is not None and normalise(place.name) == key:
                grid[(math.floor(point[0] * 2), math.floor(point[1]))].append((key, place, point))
                towns[key] += 1
    reach = (PAIR_KM / KM_PER_DEGREE) ** 2
    pairs: defaultdict[tuple[str, str], list[tuple[Place, Place]]] = defaultdict(list)
    for (row, col), members in grid.items():
        around = [
            entry
            for drow in (-1, 0, 1)
            for dcol in (-1, 0, 1)
            for entry in grid.get((row + drow, (col + dcol + 180) % 360 - 180), ())
        ]
        for key, place, here in members:
            for other, near, there in around:
                if other > key and _squared_degrees(here, there) < reach:
                    pairs[(key, other)].append((place, near))
    found: defaultdict[str, float] = defaultdict(float)
    for (key, other), both in pairs.items():
        weight = PAIR_LINK / (len(both) + towns[key] * towns[other] / CHANCE_PAIRS)
        for place, near in both:
            found[place.id] += weight
            found[near.id] += weight
    return dict(found)


def _distinct(
    toponyms: Sequence[Toponym], readings: Sequence[Sequence[Place]]
) -> Iterator[tuple[str, Sequence[Place]]]:
    """Each name of the article once, by key, with its readings; anaphors are no names."""
    seen: set[str] = set()
    for t, cands in zip(toponyms, readings, strict=True):
        key = normalise(t.name)
        if t.label != "ANAPHOR" and key not in seen:
            seen.add(key)
            yield key, cands


def _area(place: Place) -> Area | None:
    """The area a first-level region or county is, as ``_within`` names those around a town."""
    if not place.country:
        return None
    if place.kind == "admin1":
        return (place.country, place.name)
    if place.kind == "admin2" and place.admin1:
        return (place.country, place.admin1, normalise(place.name))
    return None


def _within(place: Place, county: Callable[[Place], str | None]) -> list[Area]:
    """The first-level region and county a town (or the region a county) lies in."""
    if place.kind not in NEIGHBOURS or not place.country or not place.admin1:
        return []
    areas: list[Area] = [(place.country, place.admin1)]
    name = county(place) if place.kind == "city" else None
    if name:
        areas.append((place.country, place.admin1, normalise(name)))
    return areas


def close(here: Point, there: Point) -> bool:
    """Two points within ``PAIR_KM`` of each other."""
    return _squared_degrees(here, there) < (PAIR_KM / KM_PER_DEGREE) ** 2


def _point(place: Place) -> Point | None:
    return (place.lat, place.lon) if place.lat is not None and place.lon is not None else None


def _squared_degrees(a: Point, b: Point) -> float:
    """The squared distance in degrees of latitude, on a plane tangent at ``a``: cheap, and
    close enough within a few hundred kilometres."""
    dlon = (b[1] - a[1] + 180.0) % 360.0 - 180.0
    return (b[0] - a[0]) ** 2 + (dlon * math.cos(math.radians(a[0]))) ** 2
