"""Articles in, actors and events out: the NLP stage as one streaming, stateless call.

``Extractor`` holds the loaded spaCy pipeline and the actor table; ``extract`` streams articles
through ``nlp.pipe(..., as_tuples=True)`` in batches (several processes on demand) and yields one
``ArticleAnalysis`` per article. Nothing here touches the store.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventwire.models import Article, ArticleAnalysis
from eventwire.nlp.components import (
    ACTORS_ATTR,
    ACTORS_COMPONENT,
    EVENTS_ATTR,
    EVENTS_COMPONENT,
    decode_events,
    decode_mentions,
)
from eventwire.nlp.event_dates import date_events
from eventwire.nlp.pipeline import load_nlp, narrative_view

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.2"  # 0.2: event dates


def analyse_doc(
    doc: Doc,
    article_id: str,
    version: str,
    published: dt.date | None = None,
    *,
    dates: bool = True,
) -> ArticleAnalysis:
    """The records our components left on a parsed article's ``Doc``, with event dates resolved
    against the publication date (unless ``dates`` is off, as the benchmark's baseline does)."""
    mentions = decode_mentions(doc._.get(ACTORS_ATTR))
    events = decode_events(doc._.get(EVENTS_ATTR), article_id)
    if dates:
        events = date_events(doc, events, published)
    return ArticleAnalysis(article_id, tuple(mentions), tuple(events), version)


class Extractor:
    """The loaded pipeline: the English model plus our registered components.

    Build one per process; it is reused for every batch. With ``n_process`` > 1 spaCy forks
    workers, and our components run in them (their output travels as plain data).
    """

    def __init__(
        self, model: str, *, batch_size: int = 32, n_process: int = 1, dates: bool = True
    ) -> None:
        self.model = model
        self.dates = dates
        self.version = f"{EXTRACTOR_VERSION}+{model}"
        self.batch_size = batch_size
        self.n_process = n_process
        self.nlp = load_nlp(model)  # registers our components
        for name in (ACTORS_COMPONENT, EVENTS_COMPONENT):
            if name not in self.nlp.pipe_names:
                self.nlp.add_pipe(name, last=True)

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        published: dict[str, dt.date | None] = {}

        def pairs() -> Iterator[tuple[str, str]]:
            for article in articles:
                published[article.id] = article.published
                yield narrative_view(article), article.id

        docs = self.nlp.pipe(
            pairs(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        )
        for doc, article_id in docs:
            when = published.pop(article_id, None)
            yield analyse_doc(doc, article_id, self.version, when, dates=self.dates)
