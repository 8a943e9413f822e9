"""Articles in, actors and events out: the NLP stage as one streaming, stateless call.

``Extractor`` holds the loaded spaCy pipeline and the actor table; ``extract`` streams articles
through ``nlp.pipe(..., as_tuples=True)`` in batches (several processes on demand) and yields one
``ArticleAnalysis`` per article. Nothing here touches the store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.models import Article, ArticleAnalysis
from eventwire.nlp.pipeline import load_nlp, narrative_view

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.1"


def analyse_doc(doc: Doc, article_id: str, table: Any, version: str) -> ArticleAnalysis:
    """Actors, then events, from one parsed article. Pure: the same doc gives the same records."""
    from eventwire.nlp.actors import ActorIndex, find_actors
    from eventwire.nlp.events import find_events

    mentions = find_actors(doc, table)
    events = find_events(doc, ActorIndex(mentions, table), article_id)
    return ArticleAnalysis(article_id, tuple(mentions), tuple(events), version)


class Extractor:
    """The loaded pipeline. Build one per process; it is reused for every batch."""

    def __init__(self, model: str, *, batch_size: int = 32, n_process: int = 1) -> None:
        from eventwire.nlp.actor_table import load_actor_table

        self.model = model
        self.version = f"{EXTRACTOR_VERSION}+{model}"
        self.batch_size = batch_size
        self.n_process = n_process
        self.nlp: Any = load_nlp(model)
        self.table = load_actor_table()

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        pairs = ((narrative_view(a), a.id) for a in articles)
        docs = self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        )
        for doc, article_id in docs:
            yield analyse_doc(doc, article_id, self.table, self.version)
