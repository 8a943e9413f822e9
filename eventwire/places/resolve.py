"""Toponym resolution: pick, for each place name of an article, the gazetteer entry it means.

Each reading of a name is scored from what a reader of the article would use:

- how big and how well known the place is (log population; countries and first-level regions
  before towns of the same name, because news names them far more often);
- whether the name is the entry's own name or only one of its alternate names;
- the article's other places and actors: a town whose country (or region) the article talks
  about beats a bigger namesake abroad ("Springfield" in a report that mentions Illinois), and
  so does a town near the article's other towns; a name is no evidence for its own reading,
  nor are actors whose country the actors stage may have taken from it ("Paris police");
- readings of two names that fit together before anything is chosen: a town inside a county
  the article names ("Huntsville" and "Walker County"), two towns next to each other
  (``eventwire.places.evidence``);
- a qualifier written after a comma ("Paris, Texas"), which overrides everything else and
  settles the name for the whole article; a town the gazetteer lacks in that region is
  placed in the region ("Stroud, Ontario"), not at a namesake elsewhere;
- an enumeration of places of one kind ("Utah, Washington and Wyoming": states; commas
  there separate names) and kind words ("Washington state", "the city of Sao Paulo");
- how the text uses the name: a town's people, schools and streets are named by the town, a
  country's by its adjective ("a Lebanon woman", "the Jordan middle school", "12 Oak St.,
  Lebanon" are towns in every mention), and a place said to lie in a town lies near it
  ("Hampton Park in Charleston").

Places that the text names unambiguously (countries, regions, names with one reading) are
resolved first and make the context for the rest, names recovered from other entities too. A
bare compass word ("South") names a region abroad only in news about its country, and never a
town. In a report clearly about somewhere, a hamlet, a small region or a town known by the name
only as another of its names (a transliteration) is not read in a country the article's other
names never put anything in. A part of a place the gazetteer does not know ("North Texas",
"Sichuan province") is read as the place. Seas go by their short names ("the Atlantic") and
countries by all their names ("Trinidad"). Facilities resolve to the place inside their name or
else to the city around them; "the capital" and "the country" to the last place of that kind.
Pure: toponyms and a lookup in, ``PlaceMention`` records out.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from eventwire.models import Place, PlaceMention
from eventwire.places.evidence import NEIGHBOURS, Context, close, support
from eventwire.places.gazetteer import normalise
from eventwire.places.toponyms import FACILITY_WORDS, ROAD_WORDS, Toponym

KIND_PRIOR = {"country": 4.0, "admin1": 1.5, "admin2": 0.5, "region": 1.5, "city": 0.0}
ADMIN1_FLOOR = 300_000  # the least effective population of a region of known size
UNKNOWN_SIZE = 10_000  # the effective population of an entry without one
ANCHOR_MARGIN = 2.5  # how far a reading must lead the next to count as unambiguous
OWN_NAME = 1.0  # the name is the entry's own name, not only an alternate one
CONTEXT_SHARE = 2.5  # times the share of the article's place evidence for the entry's country
CONTEXT_SEEN = 1.0  # the entry's country occurs at all in the article
REGION_SEEN = 2.5  # the entry's first-level region occurs in the article
ACTOR_WEIGHT = 0.5  # an actor's country counts half as much as a place in that country
SHORT_CODE = 3  # an all-capitals name this short is a code ("EU", "WA", "LA")
BIG_FOR_CODE = 1_000_000  # ... which names a town only if the town is this big ("LA")
WELL_KNOWN = 50_000  # a town an organisation's name may refer to
STRAY_SIZE = 10_000  # towns smaller than this are not read into a report about elsewhere
ALIAS_STRAY_SIZE = 1_000_000  # ... nor towns this small known by that name only as another one
FIRST_PASS_WEIGHT = 0.5  # a place resolved in the first pass, as context for the second
CAPITAL = 3.0  # a national capital is named in news far beyond its size
REGION_SIZE = 10_000_000  # the effective population of a named region ("Middle East")
COUNTY_SIZE = 1_000_000  # ... and of one inside a single country ("Yorkshire", "Kashmir")
NEAR_BONUS = 2.5  # a town next to a town or county of the article (``Context.near``)
LIST_SIZE = 3  # names of one kind in an enumeration before each of its names is read so ...
LIST_SHARE = 2 / 3  # ... when they are at least this share of its names
# Words that only say where within something: a name of these alone ("South", "Far North")
# names a region abroad only in an article about its country (Cameroon's "South" region).
POSITION_WORDS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"northern", "southern", "eastern", "western", "central", "far", "upper", "lower", "mid"}
)
# Words after a name that say what kind of place it is ("Sichuan province", "Oaxaca State").
DESIGNATORS = frozenset({"province", "state", "region", "district", "prefecture", "city"})
PART_KINDS = ("country", "admin1", "admin2", "region", "city")  # what "North ..." may be part of
EPSILON = 1e-9
PLAIN_CACHE = 16_384  # readings (with the name read) whose score in no context is kept

Scorer = Callable[[Place, str], float]  # a reading's score for a name, in one fixed context


class PlaceLookup(Protocol):
    """What resolution needs of the gazetteer (``eventwire.places.gazetteer.Gazetteer``)."""

    def lookup(self, name: str) -> list[Place]: ...

    def county(self, place: Place) -> str | None: ...

    def country(self, iso3: str) -> Place | None: ...

    def admin1(self, iso3: str, name_or_code: str) -> Place | None: ...


def score(place: Place, key: str, context: Context, *, capital: bool = False) -> float:
    """How likely ``place`` is the meaning of a name normalised to ``key`` in this article;
    ``capital`` says the place is its country's capital and the name is the one news uses."""
    population = place.population
    prior = KIND_PRIOR.get(place.kind, 0.0)
    if place.kind == "admin1":
        if population:
            population = max(population, ADMIN1_FLOOR)
        else:  # a region the data knows nothing about (no size, often no point): no head start
            population, prior = UNKNOWN_SIZE, 0.0
    elif place.kind == "region" and not population:  # "Middle East"; "Kent" within a country
        population = REGION_SIZE if place.country is None else COUNTY_SIZE
    if _own_name(place, key):
        value = math.log10(max(population, 1)) + prior + OWN_NAME
    elif place.kind == "country":  # "Trinidad", "Holland": a country's other names are its own
        value = math.log10(max(population, 1)) + prior
    else:  # known by another name ("Madrid" for the Community of Madrid): no head start
        value = math.log10(max(population, 1))
    if capital:
        value += CAPITAL + (0.0 if _own_name(place, key) else OWN_NAME)
    if place.country and context.country(place.country, key) > EPSILON:
        value += CONTEXT_SEEN + CONTEXT_SHARE * context.share(place.country, key)
    region = place.name if place.kind == "admin1" else place.admin1
    if place.country and region and context.region((place.country, region), key) > EPSILON:
        value += REGION_SEEN
    if place.kind in ("city", "admin2"):
        value += NEAR_BONUS * context.near(place, key)
    return value + context.links.get(place.id, 0.0)


class Resolver:
    """Resolves the toponyms of one article at a time against a gazetteer."""

    def __init__(
        self,
        gazetteer: PlaceLookup,
        *,
        capital_of: Callable[[str], Place | None] | None = None,
        country_for_word: Callable[[str], str | None] | None = None,
        capitals: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.gazetteer = gazetteer
        self.capital_of = capital_of or (lambda _code: None)
        self.country_for_word = country_for_word or (lambda _word: None)
        self.capitals = capitals
        self.abbreviations = load_abbreviations()

    def lookup(self, name: str) -> list[Place]:
        """Gazetteer readings of a name, style-guide abbreviations ("Ill.", "W.Va.") written out."""
        known = self.abbreviations.get(_abbreviation_key(name)) if "." in name else None
        if known is not None:
            full, country = known
            found = [p for p in self.gazetteer.lookup(full) if p.country == country]
            regions = [p for p in found if p.kind == "admin1"]
            return regions or found
        found = self.gazetteer.lookup(name)
        letters = name.replace(".", "")
        if letters.isupper() and len(letters) <= SHORT_CODE:  # "EU", "WA": codes, not the town
            found = [p for p in found if p.kind != "city" or p.population >= BIG_FOR_CODE]
        return found

    def _score(self, place: Place, key: str, context: Context) -> float:
        return score(place, key, context, capital=place.id in self._capital_ids(key))

    @functools.lru_cache(maxsize=PLAIN_CACHE)  # noqa: B019 - a resolver lives as long as its stage
    def _plain_score(self, place: Place, key: str) -> float:
        """The score of a reading in no context: its size, kind and name alone."""
        return self._score(place, key, Context())

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - a resolver lives as long as its stage
    def _capital_ids(self, key: str) -> frozenset[str]:
        """The ids of the capitals a name can mean: per country whose capital news calls so,
        its largest city of that own name ("Washington": the capital, not the 30 towns)."""
        best: dict[str, Place] = {}
        for place in self.gazetteer.lookup(key):
            country = place.country
            if place.kind != "city" or not country or (country, key) not in self.capitals:
                continue
            if (country, normalise(place.name)) not in self.capitals:
                continue
            if country not in best or place.population > best[country].population:
                best[country] = place
        return frozenset(p.id for p in best.values())

    def resolve(
        self, toponyms: Sequence[Toponym], actor_countries: Sequence[str] = ()
    ) -> list[PlaceMention]:
        """One ``PlaceMention`` per toponym, in the same order."""
        context = Context()
        keys = {normalise(t.name) for t in toponyms if t.label != "ANAPHOR"}
        for code in actor_countries:
            self._add_actor(context, code, keys)
        toponyms = [self._part_of(t) for t in toponyms]
        readings = [self._readings(t) for t in toponyms]
        toponyms, readings = self._enumerated(toponyms, readings)
        local = {normalise(t.name) for t in toponyms if t.local}
        if local:  # one sense per article: "a Lebanon woman" makes every "Lebanon" the town
            readings = [
                _towns(r, k) if (k := normalise(t.name)) in local else r
                for t, r in zip(toponyms, readings, strict=True)
            ]
        context.links = support(toponyms, readings, self.gazetteer.county)
        for t, cands in zip(toponyms, readings, strict=True):
            anchor = None if t.weak else _anchor(t, cands, self._plain_score)
            if anchor is not None:
                single = len({c.admin1 for c in cands}) == 1  # else only its country is sure
                context.add(anchor, key=normalise(t.name), region=single)
        first = self._pass(toponyms, readings, context)
        settled: dict[str, Place] = {}  # "Paris, Texas" once: every "Paris" of the article
        for t, m in zip(toponyms, first, strict=True):  # what the first reading found is context
            if m.place is None or m.how in ("anaphor", "setting"):
                continue
            key = normalise(t.name)
            if m.how == "enclosing":  # "Paris Regional Medical Center" is evidence as "Paris"
                key = normalise(m.place.name)
            if m.how == "qualifier":  # the qualifier, not the name, chose it: evidence for all
                if normalise(m.place.name) == key:  # not "Washington, New York" (a list)
                    settled.setdefault(key, m.place)
                key = ""
            context.add(m.place, FIRST_PASS_WEIGHT, key=key)
        if settled:
            readings = [
                [settled[k]] if (k := normalise(t.name)) in settled and settled[k] in r else r
                for t, r in zip(toponyms, readings, strict=True)
            ]
        return self._pass(toponyms, readings, context)

    def _add_actor(self, context: Context, code: str, keys: set[str]) -> None:
        """An actor's country as the article's evidence. The actors stage reads a capital's name
        as its state ("Paris said", "of Paris": France), so where the article names a capital of
        the actor's country, the actor may owe its country to that name alone: for that name's
        reading it is no evidence ("Paris police" in a report on Paris, Texas), for the others
        it is."""
        context.countries[code] += ACTOR_WEIGHT
        for key in keys:
            if (code, key) in self.capitals:
                context.own[key].countries[code] += ACTOR_WEIGHT

    def _pass(
        self, toponyms: Sequence[Toponym], readings: list[list[Place]], context: Context
    ) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        judge = _Judge(context, self._score)
        for t, cands in zip(toponyms, readings, strict=True):
            out.append(self._resolve_one(t, cands, judge, out))
        return out

    def _part_of(self, t: Toponym) -> Toponym:
        """A part of a place that the gazetteer does not know by its name is read as the place:
        "North Texas", "South Philadelphia", "West Virginia State" (the span stays the whole
        name); "Sichuan province" only as a region, "Fargo city" only as a town. Only a place
        named by its own name, and not a continent or sea: a part of one lies far from its
        middle ("Northern Europe")."""
        if t.label in ("ANAPHOR", "NORP") or t.is_facility or t.embedded or self.lookup(t.name):
            return t
        for core, kinds in _core_names(t.name):
            key = normalise(core)
            own = [p for p in self.lookup(core) if _own_name(p, key)]
            if own:
                whole = all(_holds_parts(p) for p in own)  # not "Europe", nor a town "Europe"
                fits = any(p.kind in kinds for p in own)
                return dataclasses.replace(t, name=core, part=kinds) if whole and fits else t
        return t

    def _readings(self, t: Toponym) -> list[Place]:
        if t.label == "ANAPHOR":
            return []
        found = [] if t.label == "NORP" else self.lookup(t.name)
        if t.part:  # "North Texas": Texas by its own name
            key = normalise(t.name)
            found = [p for p in found if _own_name(p, key) and p.kind in t.part]
        if t.embedded:  # a well-known place named exactly so names an organisation; once
            key = normalise(t.name)  # one does, its smaller namesakes are readings too
            found = [p for p in found if _own_name(p, key)]
            placed = key.split()[0] in POSITION_WORDS  # "South Charleston Police"
            if not (placed or any(_well_known(p) for p in found)):
                found = []
        if t.kinds:  # "the state of Washington": the state, if the name has one
            key = normalise(t.name)
            said = [p for p in found if p.kind in t.kinds]
            found = [p for p in said if _own_name(p, key)] or said or found
        if t.within and found and not t.agent:  # "Hampton Park in Charleston": near it
            found = self._near_town(found, t.within)
        if not found and t.label in ("NORP", "GPE"):  # "Sri Lankan", "Georgian": the country
            code = self.country_for_word(t.name)
            country = self.gazetteer.country(code) if code else None
            return [country] if country else []
        return found

    def _enumerated(
        self, toponyms: list[Toponym], readings: list[list[Place]]
    ) -> tuple[list[Toponym], list[list[Place]]]:
        """The names of an enumeration are places of one kind: where most of its names can be
        countries, or first-level regions of one country, each name that can be one is read
        as one ("Utah, Washington and Wyoming": the state; "Armenia, Georgia and Azerbaijan":
        the country). A comma inside the enumeration separates its names: "Washington, West
        Virginia" there is no town in West Virginia, unless that town is well known."""
        members: dict[int, list[int]] = {}
        for i, t in enumerate(toponyms):
            if t.group is not None:
                members.setdefault(t.group, []).append(i)
        toponyms, readings = list(toponyms), list(readings)
        for group in members.values():
            kinds = [
                {_list_kind(p) for p in readings[i] if _listable(p, normalise(toponyms[i].name))}
                for i in group
            ]
            tally = Counter(kind for found in kinds for kind in found)
            if not tally:
                continue
            kind, count = tally.most_common(1)[0]
            if count < LIST_SIZE or count < LIST_SHARE * len(group):
                continue
            for i in group:
                t = toponyms[i]
                key = normalise(t.name)
                same = [p for p in readings[i] if _listable(p, key) and _list_kind(p) == kind]
                if not same:
                    continue
                if t.qualifier and any(
                    _well_known(p)
                    for p in self._qualified(readings[i], t.qualifier)
                    if p.kind == "city"
                ):
                    continue
                toponyms[i] = dataclasses.replace(t, qualifier=None)
                readings[i] = same
        return toponyms, readings

    def _near_town(self, found: list[Place], town: str) -> list[Place]:
        """The readings of a name said to lie in ``town`` that lie near one of its readings,
        when ``town`` names only towns (not "in Texas"): no town or county far from it, since
        that place is one the gazetteer does not know (a park or a neighbourhood of the town)."""
        towns = self.lookup(town)
        if not towns or any(p.kind not in NEIGHBOURS for p in towns):
            return found
        points = [(p.lat, p.lon) for p in towns if p.lat is not None and p.lon is not None]
        return [
            p
            for p in found
            if p.kind not in NEIGHBOURS  # a state is in no town ("Florida in Seminole County")
            or (
                p.lat is not None
                and p.lon is not None
                and any(close((p.lat, p.lon), there) for there in points)
            )
        ]

    def _resolve_one(
        self, t: Toponym, cands: list[Place], judge: _Judge, before: list[PlaceMention]
    ) -> PlaceMention:
        if t.label == "ANAPHOR":
            return self._anaphor(t, before)
        context = judge.context
        if t.is_facility and not _names_a_place(cands, t):
            return self._facility(t, judge, before)
        if not cands:
            how = "demonym" if t.label == "NORP" else "name"
            return PlaceMention(t.span, None, agent=t.agent, how=how)
        key = normalise(t.name)
        how = "name"
        if POSITION_WORDS.issuperset(key.split()):
            cands = _positional(cands, key, context)
            if not cands:
                return PlaceMention(t.span, None, agent=t.agent)
        country = any(c.kind == "country" and normalise(c.name) == key for c in cands)
        if t.qualifier and not country:  # "Russia, Ohio" in a list of places is Russia
            qualified = self._qualified(cands, t.qualifier) or self._unknown_town(cands, t)
            if qualified:
                cands, how = qualified, "qualifier"
        if how == "name":  # a town or small region abroad, named in a report about elsewhere
            cands = [c for c in cands if not judge.stray(c, key)]
            if not cands:
                return PlaceMention(t.span, None, agent=t.agent)
        ranked = sorted(cands, key=lambda p: judge.score(p, key), reverse=True)
        best = ranked[0]
        overruled = len(ranked) > 1 and (
            self._plain_score(ranked[1], key) > self._plain_score(best, key)
        )
        if how == "name" and overruled:
            how = "context"  # the article's other places overruled size
        if t.label == "NORP":
            how = "demonym"
        return PlaceMention(t.span, best, agent=t.agent, how=how)

    def _qualified(self, cands: list[Place], qualifier: str) -> list[Place]:
        """Readings inside the region or country named after the comma."""
        within: list[Place] = []
        for q in self.lookup(qualifier):
            if q.kind == "country":
                within += [c for c in cands if c.country == q.country and c.id != q.id]
            elif q.kind == "admin1":
                within += [c for c in cands if c.country == q.country and c.admin1 == q.name]
        return list(dict.fromkeys(within))

    def _unknown_town(self, cands: list[Place], t: Toponym) -> list[Place]:
        """A town the gazetteer does not know in the region or country written after it
        ("Cellardyke, Fife", "Stroud, Ontario, Canada"): that region or country, not a namesake
        elsewhere. Only for a name that can be a town alone, and not in an enumeration: "Sonora,
        Chihuahua" and "Miami, West Palm Beach, New York and Detroit" are lists."""
        if (
            not t.qualifier
            or t.group is not None
            or any(c.kind not in ("city", "admin2") for c in cands)
        ):
            return []
        key = normalise(t.qualifier)
        around = [q for q in self.lookup(t.qualifier) if q.kind in ("country", "admin1")]
        return [q for q in around if _own_name(q, key)][:1] if len(around) == 1 else []

    def _facility(self, t: Toponym, judge: _Judge, before: list[PlaceMention]) -> PlaceMention:
        """A facility lies in the town written after it ("the La Moneda palace in Santiago"),
        else in a place its name holds: of those, the first in a country the article talks
        about ("Metro Nashville" is in Nashville, not in Metro, Indonesia), else the first."""
        options: list[tuple[str, list[Place]]] = []
        for name in (t.qualifier, *t.inner) if t.qualifier else t.inner:
            key = normalise(name)
            cands = self.lookup(name)
            if name != t.qualifier:  # a place inside a facility's name is named by its own name
                cands = [c for c in cands if normalise(c.name) == key and not judge.stray(c, key)]
                if POSITION_WORDS.issuperset(key.split()):  # "Far North Queensland"
                    cands = _positional(cands, key, judge.context)
            elif cands:  # the qualifier says where, whatever the article is about
                options = [(key, cands)]
                break
            if cands:
                options.append((key, cands))
        keys = [key for key, _ in options]
        fitting = [  # evidence from the article's other names, not from the facility's own
            (key, cands)
            for key, cands in options
            if any(c.country and judge.context.besides(c.country, keys) > EPSILON for c in cands)
        ]
        if options:
            key, cands = (fitting or options)[0]
            best = max(cands, key=lambda p: judge.score(p, key))
            return PlaceMention(t.span, best, facility=t.name, agent=t.agent, how="enclosing")
        around = _last(before, t.sentence, kinds=("city",), window=3)
        return PlaceMention(
            t.span,
            around.place if around else None,
            facility=t.name,
            agent=t.agent,
            how="setting",
        )

    def _anaphor(self, t: Toponym, before: list[PlaceMention]) -> PlaceMention:
        kind = t.name
        place: Place | None = None
        if t.anaphor_country:
            code = self.country_for_word(t.anaphor_country)
            if code is not None:
                place = self.capital_of(code) if kind == "capital" else self.gazetteer.country(code)
        elif kind == "capital":
            last = _last(before, t.sentence, kinds=("country", "city", "admin1"), window=6)
            if last and last.place and last.place.country:
                place = self.capital_of(last.place.country)
        elif kind in ("country", "nation"):
            last = _last(before, t.sentence, kinds=("country",), window=6)
            place = last.place if last else None
        elif kind in FACILITY_WORDS:  # "the palace": the last palace named
            for m in reversed(before[-8:]):
                if m.facility and m.facility.split()[-1].lower() == kind and m.place:
                    return PlaceMention(t.span, m.place, facility=m.facility, how="anaphor")
        else:
            last = _last(before, t.sentence, kinds=("city",), window=3)
            place = last.place if last else None
        return PlaceMention(t.span, place, how="anaphor")


class _Judge:
    """Readings judged against the article's context as it stands during one pass, which holds
    still while the pass reads every name: a reading's score and whether it strays are worked
    out once per name read, as an article names the same places again."""

    __slots__ = ("_scorer", "_scores", "_strays", "context")

    def __init__(self, context: Context, scorer: Callable[[Place, str, Context], float]) -> None:
        self.context = context
        self._scorer = scorer
        self._scores: dict[tuple[Place, str], float] = {}
        self._strays: dict[tuple[Place, str], bool] = {}

    def score(self, place: Place, key: str) -> float:
        found = self._scores.get((place, key))
        if found is None:
            found = self._scores[place, key] = self._scorer(place, key, self.context)
        return found

    def stray(self, place: Place, key: str) -> bool:
        found = self._strays.get((place, key))
        if found is None:
            found = self._strays[place, key] = _stray(place, key, self.context)
        return found


def load_abbreviations() -> dict[str, tuple[str, str]]:
    """``data/place_abbreviations.tsv``: abbreviation key -> (full name, country)."""
    from importlib import resources

    text = resources.files("eventwire").joinpath("data/place_abbreviations.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        short, full, country = line.split("\t")[:3]
        table[_abbreviation_key(short)] = (full, country)
    return table


def _abbreviation_key(text: str) -> str:
    return text.replace(".", "").replace(" ", "").casefold()


def _towns(readings: list[Place], key: str) -> list[Place]:
    """The readings of a name that its people and schools may go by ("a Lebanon woman", "the
    Jordan middle school"): not the country, where a town or state has that name of its own;
    news gives a country's people and bodies its adjective ("a Lebanese woman")."""
    towns = [p for p in readings if p.kind != "country" and _own_name(p, key)]
    return [p for p in readings if p.kind != "country"] if towns else readings


def _listable(place: Place, key: str) -> bool:
    """A reading that tells the kind of an enumeration: a country or first-level region named
    by its own name."""
    return place.kind in ("country", "admin1") and _own_name(place, key)


def _list_kind(place: Place) -> tuple[str, str | None]:
    """The kind of place an enumeration's name is: a country, or a region of which country."""
    return (place.kind, None if place.kind == "country" else place.country)


def _well_known(place: Place) -> bool:
    return place.kind in ("country", "admin1", "admin2") or place.population >= WELL_KNOWN


def _core_names(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """What ``name`` may be a part of, with the kinds of place it may be: without a designator
    or compass word after it, then also without the compass words before it ("West Virginia
    State": "West Virginia", then "Virginia"; "Far North Queensland": "Queensland"). A
    designator says the kind ("Nyanza Province" is no town). Never a kind of facility ("West
    Street")."""
    words = name.split()
    kinds: tuple[str, ...] = PART_KINDS
    tail = len(words)
    while tail > 0 and words[tail - 1].lower().strip(".,") in POSITION_WORDS | DESIGNATORS:
        tail -= 1
        last = words[tail].lower().strip(".,")
        if last in DESIGNATORS:
            kinds = ("city",) if last == "city" else ("admin1", "admin2", "region")
    head = 0
    while head < tail and words[head].lower().strip(".,") in POSITION_WORDS:
        head += 1
    found = [words[:tail], words[head:tail]] if tail < len(words) else [words[head:tail]]
    return [
        (" ".join(part), kinds)
        for part in found
        if part
        and len(part) < len(words)
        and part[0][:1].isupper()
        and part[-1].lower() not in FACILITY_WORDS | ROAD_WORDS
    ]


def _holds_parts(place: Place) -> bool:
    """A place whose point stands for its parts, or at least whose country does: not a
    continent, sea or other region across countries (``_part_of``)."""
    return place.kind != "region" or place.country is not None


def _own_name(place: Place, key: str) -> bool:
    """``key`` is the place's own name, or of a sea its name without "Ocean" or "Sea", as news
    writes it ("the Atlantic", "the Caribbean")."""
    own = normalise(place.name)
    if own == key:
        return True
    if place.kind != "region":
        return False
    head, _, last = own.rpartition(" ")
    return last in ("ocean", "sea") and head == key


def _positional(cands: list[Place], key: str, context: Context) -> list[Place]:
    """The readings a name of compass words alone can have: a named region ("Middle East" is
    no such name, "Far North" is), or a first-level region of a country the article is about
    (Cameroon's "South"); never a town or village ("North", South Carolina)."""
    return [
        c
        for c in cands
        if c.kind == "region"
        or (c.kind == "admin1" and c.country and context.country(c.country, key) > 0)
    ]


def _stray(place: Place, key: str, context: Context) -> bool:
    """A place abroad that a report clearly about somewhere else would not name without saying
    where, read from ``key``: a hamlet ("Patagonia" in a report on Chile is not the village in
    Arizona), a small region (New Zealand's "West Coast" in American news), or a town that
    goes by that name only as another of its names, a transliteration ("Beida" is not Al
    Bayda, Libya, in a report on Chad); "Quebec City" and "Clacton" are Québec's and
    Clacton-on-Sea's own names, written longer or shorter. Abroad: in a
    country that the article's other names put nothing in."""
    if not place.country or place.kind not in ("city", "admin1"):
        return False
    if context.country(place.country, key) > EPSILON:
        return False
    others = sum(context.countries.values())
    if key in context.own:
        others -= sum(context.own[key].countries.values())
    if others < 1:
        return False
    if place.kind == "admin1":
        return place.population < ADMIN1_FLOOR
    own, said = set(normalise(place.name).split()), set(key.split())
    if not (own <= said or said <= own):  # "Quebec City", "Clacton" (-on-Sea): the same name
        return place.population < ALIAS_STRAY_SIZE
    return place.population < STRAY_SIZE


def _names_a_place(cands: list[Place], t: Toponym) -> bool:
    """A LOC/FAC entity that is itself a gazetteer name ("Gaza", "Crimea") is not a building."""
    key = normalise(t.name)
    return any(normalise(c.name) == key for c in cands)


def _anchor(t: Toponym, cands: list[Place], scorer: Scorer) -> Place | None:
    """The reading of a toponym that needs no context, if there is one: a country or region
    named by its own name that clearly leads every other reading, or a name whose readings all
    lie in one country. ``scorer`` scores a reading in no context."""
    if not cands or t.label == "ANAPHOR" or t.is_facility:
        return None
    if len({c.country for c in cands}) == 1:
        return max(cands, key=lambda c: c.population)
    key = normalise(t.name)
    ranked = sorted(cands, key=lambda c: scorer(c, key), reverse=True)
    best = ranked[0]
    if best.kind not in ("country", "admin1") or normalise(best.name) != key:
        return None
    if scorer(best, key) - scorer(ranked[1], key) < ANCHOR_MARGIN:
        return None
    return best


def _last(
    before: list[PlaceMention], sentence: int, *, kinds: tuple[str, ...], window: int
) -> PlaceMention | None:
    """The latest resolved place of one of ``kinds`` in the last ``window`` mentions."""
    for m in reversed(before[-window:]):
        if m.place is not None and m.place.kind in kinds and m.how != "anaphor":
            return m
    return None
