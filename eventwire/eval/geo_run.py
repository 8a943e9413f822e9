"""Our geoparser as the geo evaluation calls it: plain texts in, resolved toponyms out.

Each gold document is parsed by the English pipeline with our actors component (so a capital
used as an agent is known, and actors' countries give context), then toponyms are found and
resolved exactly as in extraction. Anaphors ("the capital") are left out: gold sets mark only
names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from eventwire.eval.geo import PredictedToponym
from eventwire.eval.geo_sets import GeoDoc

if TYPE_CHECKING:
    from eventwire.config import Settings
    from eventwire.places.gazetteer import Gazetteer


class OurGeoparser:
    """The ``Geoparser`` the scorer expects, plus ``country_of`` for gold coordinates."""

    def __init__(self, settings: Settings) -> None:
        from eventwire.nlp.actor_table import load_actor_table
        from eventwire.nlp.components import ACTORS_COMPONENT
        from eventwire.nlp.pipeline import load_nlp
        from eventwire.places.gazetteer import Gazetteer
        from eventwire.places.stage import PlaceStage

        self.nlp = load_nlp(settings.spacy_model)
        if ACTORS_COMPONENT not in self.nlp.pipe_names:
            self.nlp.add_pipe(ACTORS_COMPONENT, last=True)
        self.batch_size = settings.nlp_batch_size
        self.gazetteer: Gazetteer = Gazetteer.open(settings.gazetteer_path)
        self.stage = PlaceStage(self.gazetteer, load_actor_table())

    def __call__(self, docs: Sequence[GeoDoc]) -> list[list[PredictedToponym]]:
        from eventwire.places.stage import geoparse

        texts = (d.text for d in docs)
        out = []
        for mentions in geoparse(self.nlp, self.stage, texts, self.batch_size):
            out.append(
                [
                    PredictedToponym(
                        m.span.start,
                        m.span.end,
                        m.span.text,
                        m.place.lat if m.place else None,
                        m.place.lon if m.place else None,
                        m.place.country if m.place else None,
                    )
                    for m in mentions
                ]
            )
        return out

    def country_of(self, lat: float, lon: float) -> str | None:
        """The country of the nearest gazetteer city: how gold coordinates get a country."""
        place = self.gazetteer.nearest(lat, lon)
        return place.country if place else None


CountryOf = Callable[[float, float], str | None]
