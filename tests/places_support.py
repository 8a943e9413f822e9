"""A hand-made gazetteer for the resolver's tests (``PlaceLookup``): places looked up by their own
name, or by other names given as ``aliases`` (name -> place ids); counties by place id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eventwire.models import Place
from eventwire.places.gazetteer import normalise


class Lookup:
    def __init__(
        self,
        *places: Place,
        aliases: Mapping[str, Sequence[str]] | None = None,
        counties: Mapping[str, str] | None = None,
    ) -> None:
        self.places = places
        self.aliases = {normalise(k): list(v) for k, v in (aliases or {}).items()}
        self.counties = dict(counties or {})

    def lookup(self, name: str) -> list[Place]:
        key = normalise(name)
        other = self.aliases.get(key, [])
        return [p for p in self.places if normalise(p.name) == key or p.id in other]

    def county(self, place: Place) -> str | None:
        return self.counties.get(place.id)

    def country(self, iso3: str) -> Place | None:
        return None

    def admin1(self, iso3: str, name_or_code: str) -> Place | None:
        return None
