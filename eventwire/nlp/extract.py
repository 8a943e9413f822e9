"""Articles in, actors and events out: the NLP stage as one streaming, stateless call.

``Extractor`` holds the loaded spaCy pipeline and the actor table; ``extract`` streams articles
through ``nlp.pipe(..., as_tuples=True)`` in batches (several processes on demand) and yields one
``ArticleAnalysis`` per article. Nothing here touches the store.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventwire.models import Article, ArticleAnalysis, PlaceMention
from eventwire.nlp.components import (
    ACTORS_ATTR,
    ACTORS_COMPONENT,
    EVENTS_ATTR,
    EVENTS_COMPONENT,
    decode_events,
    decode_mentions,
)
from eventwire.nlp.event_dates import date_events
from eventwire.nlp.origin import placed_actors
from eventwire.nlp.outlet import dateline_country, home_officials, outlet_country, report_country
from eventwire.nlp.pipeline import load_nlp, narrative_view
from eventwire.nlp.unstated import fill_unstated

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.tokens import Doc

    from eventwire.places.stage import PlaceStage

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.32"  # 0.2: event dates; 0.3: places; 0.4: sides from the article;
# 0.5: a domestic outlet's unqualified officials, authorities as agents, lexicon 1.2;
# 0.6: whom denials answer, lexicon 1.3, unnamed and possessed officials, people placed by towns;
# 0.7: force and denials written as participles with their author ("arrested by police", "a charge
# denied by X"), denials in a "which" clause, lexicon 1.4; 0.8: participles sharing a passive
# auxiliary ("was arrested and charged"), authorities of the place an arrest happens, what another
# "must" or "should" do as a demand, pressure under "unless" as a threat, lexicon 1.5; 0.9: sides
# the text leaves unsaid as the unnamed actor of the event's or the report's country (``unstated``),
# wanting another to act as a demand ("wants Uganda to withdraw"), obligations ("needs to resign")
# hypothetical, facing charges as being accused, bombs that go off and weapons' fire as attacks,
# lexicon 1.8; 0.10: one event per actor of a compound side, joining an alliance, condemned deeds
# blame their authors, conditions of threats, dateline officials, joint acts, the lemmatizer by
# memo, lexicon 1.10; 0.11: bodies named again by what they are ("the alliance"), actor table 1.4,
# object control of "invite", attacks at a state's mission, the victims of "the killing of X",
# lexicon 1.11; 0.12: relatives act for themselves ("the boy's father"), purpose clauses as
# infinitives ("fought to keep"), lexicon 1.12; 0.13: no own state as host of a trip to nowhere
# named, signing plans and papers, lexicon 1.13; 0.14: an event noun's own demonym as its doer
# ("the Russian withdrawal", "US air strikes"); 0.15: what one is invited or urged to do is
# hypothetical; 0.16: issuing a warrant as legal action (lexicon 1.14); 0.17: a state's own body
# placed in its country or capital ("the government in Kabul"); 0.18: a possessor makes no
# object an actor for the lexicon ("welcomed Reagan's statement"); 0.19: a deed noun takes no
# source from a clause that states another act, a protest noun's demonym is its protesters;
# 0.20: a plural side listing several states is one side per state ("the foreign ministers of
# France and Germany", "French and German leaders"); 0.21: an act done abroad in a place its
# sentence names is aimed at the place's state ("lifted a curfew in Montenegro"); 0.22: disputing
# a claim is a rejection that answers whoever made it ("disputed that notion"), lexicon 1.15;
# 0.23: forming an alliance and passing intelligence as cooperation, lexicon 1.16; 0.24: an
# invitation with no inviter named is the host's ("was invited to join NATO"); 0.25: local people
# are of the place their clause happens in ("protesters marched in Cairo"); 0.26: an object "him"
# or "her" is never its own clause's subject ("Clinton ..., welcoming him"); 0.27: one event per
# state of a list of places ("bombs at U.S. embassies in Kenya and Tanzania"), force condemned
# with its victims named is an event of its own, "the embassy in Nairobi" is placed in Nairobi;
# 0.28: a deed "at" a body's premises names its victim ("the attack at the Dutch embassy"),
# sympathy, gratitude and thanks expressed or conveyed as support (lexicon 1.17); 0.29: a call
# for another to act in a clause "for" opens ("called for X to be expelled") is a demand; 0.30:
# a state's own voice asks, blames or turns down no unnamed actor of its own state; 0.31: a group
# a person owns is of that person's state ("Hun Sen's troops", "Assad's forces"); 0.32: a body
# named with its people's adjective keeps it in its name ("Syrian National Council", "Khmer Rouge",
# actor table 1.6)


def analyse_doc(
    doc: Doc,
    article_id: str,
    version: str,
    published: dt.date | None = None,
    *,
    dates: bool = True,
    places: PlaceStage | None = None,
    url: str | None = None,
) -> ArticleAnalysis:
    """The records our components left on a parsed article's ``Doc``, with event dates resolved
    against the publication date (unless ``dates`` is off, as the benchmark's baseline does) and
    toponyms and event places resolved when a places stage is given. ``url`` is the report's
    address: a domestic outlet's unqualified officials are of its country, as are those of a
    report whose places lie in one country or that is filed from a dateline there
    (``home_officials``)."""
    mentions = decode_mentions(doc._.get(ACTORS_ATTR))
    events = decode_events(doc._.get(EVENTS_ATTR), article_id)
    mentions, events = home_officials(mentions, events, outlet_country(url))
    if dates:
        events = date_events(doc, events, published, mentions)
    toponyms: list[PlaceMention] = []
    if places is not None:
        toponyms, events = places(doc, mentions, events)
        mentions, events = placed_actors(doc, mentions, events, toponyms)
        mentions, events = home_officials(mentions, events, report_country(toponyms))
    mentions, events = home_officials(mentions, events, dateline_country(doc))
    events = fill_unstated(doc, events)
    return ArticleAnalysis(article_id, tuple(mentions), tuple(events), version, tuple(toponyms))


class Extractor:
    """The loaded pipeline: the English model plus our registered components.

    Build one per process; it is reused for every batch. With ``n_process`` > 1 spaCy forks
    workers, and our components run in them (their output travels as plain data).
    """

    def __init__(
        self,
        model: str,
        *,
        batch_size: int = 32,
        n_process: int = 1,
        dates: bool = True,
        places: bool = True,
        gazetteer: Path | None = None,
    ) -> None:
        self.model = model
        self.dates = dates
        self.places = _place_stage(gazetteer) if places else None
        self.version = f"{EXTRACTOR_VERSION}+{model}"
        self.batch_size = batch_size
        self.n_process = n_process
        self.nlp = load_nlp(model)  # registers our components
        for name in (ACTORS_COMPONENT, EVENTS_COMPONENT):
            if name not in self.nlp.pipe_names:
                self.nlp.add_pipe(name, last=True)
        # The model, tables and gazetteer live as long as the process: move them out of the
        # garbage collector's way, so that each collection scans only what the articles make.
        gc.freeze()

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        published: dict[str, tuple[dt.date | None, str | None]] = {}

        def pairs() -> Iterator[tuple[str, str]]:
            for article in articles:
                published[article.id] = (article.published, article.url)
                yield narrative_view(article), article.id

        docs = self.nlp.pipe(
            pairs(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        )
        for doc, article_id in docs:
            when, url = published.pop(article_id, (None, None))
            try:
                analysis = analyse_doc(
                    doc,
                    article_id,
                    self.version,
                    when,
                    dates=self.dates,
                    places=self.places,
                    url=url,
                )
            except Exception as exc:  # noqa: BLE001 - a bug on one article must not cost the batch
                log.error("article %s: extraction failed, skipped: %r", article_id, exc)
                continue
            yield analysis


def _place_stage(path: Path | None) -> PlaceStage:
    """The gazetteer (built on first use) and the actor table, ready to resolve places."""
    from eventwire.nlp.actor_table import load_actor_table
    from eventwire.places.gazetteer import Gazetteer
    from eventwire.places.stage import PlaceStage

    return PlaceStage(Gazetteer.open(path), load_actor_table())
