"""The ingest job: inputs → readers → duplicate checks → store, one article per transaction.

This is the one place that joins the pure stages to the store. The CLI, the API and the tests all
call ``run_ingest``; it never prints and never exits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from eventwire.config import Settings
from eventwire.ingest import expand_inputs, meta_for, read_source
from eventwire.ingest.dedup import NearDuplicateIndex
from eventwire.models import (
    Article,
    ArticleAnalysis,
    IngestOutcome,
    IngestStatus,
    Rejection,
    SourceMeta,
)

log = logging.getLogger(__name__)


class ArticleStore(Protocol):
    """What the ingest job needs of a store (``eventwire.store.Store`` provides it)."""

    def add_article(self, article: Article, minhash: bytes | None = None) -> bool: ...

    def add_copy(
        self,
        article_id: str,
        *,
        source: str,
        url: str | None,
        outlet: str | None,
        published: dt.date | None,
        relation: str,
        similarity: float | None,
    ) -> bool: ...

    def add_rejection(self, rejection: Rejection) -> None: ...

    def find_by_hash(self, content_hash: str) -> str | None: ...

    def iter_minhashes(self) -> Iterable[tuple[str, bytes]]: ...


@dataclass(slots=True)
class IngestSummary:
    """Every outcome of one ingest run, in input order, with counts by status."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[IngestStatus]:
        return Counter(o.status for o in self.outcomes)

    @property
    def rejections(self) -> list[Rejection]:
        return [o.rejection for o in self.outcomes if o.rejection is not None]

    @property
    def all_rejected(self) -> bool:
        return bool(self.outcomes) and all(o.status is IngestStatus.REJECTED for o in self.outcomes)

    def describe(self) -> str:
        c = self.counts
        dup = c[IngestStatus.DUPLICATE] + c[IngestStatus.NEAR_DUPLICATE]
        return (
            f"{c[IngestStatus.NEW]} new, {dup} duplicate "
            f"({c[IngestStatus.NEAR_DUPLICATE]} near-duplicate), "
            f"{c[IngestStatus.REJECTED]} rejected"
        )


OutcomeHook = Callable[[IngestOutcome], None]


class Ingestor:
    """Stores articles, skipping exact and near duplicates. Holds the near-duplicate index."""

    def __init__(self, store: ArticleStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.index = NearDuplicateIndex(
            threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_permutations
        )
        self.index.load(store.iter_minhashes())

    def add(self, item: Article | Rejection) -> IngestOutcome:
        if isinstance(item, Rejection):
            self.store.add_rejection(item)
            return IngestOutcome(item.source, IngestStatus.REJECTED, rejection=item)
        return self._add_article(item)

    def _add_article(self, article: Article) -> IngestOutcome:
        existing = self.store.find_by_hash(article.content_hash)
        if existing is not None:
            self._record_copy(existing, article, "duplicate", None)
            return IngestOutcome(
                article.source, IngestStatus.DUPLICATE, article_id=existing, duplicate_of=existing
            )
        sig = self.index.signature(article.narrative_text())
        match = self.index.query(sig)
        if match is not None:
            self._record_copy(match.article_id, article, "near-duplicate", match.similarity)
            return IngestOutcome(
                article.source,
                IngestStatus.NEAR_DUPLICATE,
                article_id=match.article_id,
                duplicate_of=match.article_id,
                similarity=round(match.similarity, 3),
            )
        created = self.store.add_article(article, self.index.to_bytes(sig))
        self.index.add(article.id, sig)
        status = IngestStatus.NEW if created else IngestStatus.DUPLICATE
        return IngestOutcome(article.source, status, article_id=article.id)

    def _record_copy(
        self, article_id: str, article: Article, relation: str, similarity: float | None
    ) -> None:
        self.store.add_copy(
            article_id,
            source=article.source,
            url=article.url,
            outlet=article.outlet,
            published=article.published,
            relation=relation,
            similarity=similarity,
        )


def run_ingest(
    inputs: Sequence[str],
    *,
    store: ArticleStore,
    settings: Settings,
    meta: Mapping[str, SourceMeta] | None = None,
    defaults: SourceMeta | None = None,
    on_outcome: OutcomeHook | None = None,
    on_inputs: Callable[[int], None] | None = None,
    on_input_done: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Ingest every input; bad inputs become rejections and the rest of the batch goes on.

    ``on_inputs`` is told how many inputs there are once folders are expanded and
    ``on_input_done`` when each is finished (for a progress bar); ``on_outcome`` is called after
    each record is handled. Records of a container (feed, JSONL, WARC) are streamed.
    """
    ingestor = Ingestor(store, settings)
    summary = IngestSummary()
    sources = list(expand_inputs(inputs))
    if on_inputs is not None:
        on_inputs(len(sources))
    for source in sources:
        items: Iterable[Article | Rejection]
        if isinstance(source, Rejection):
            name, items = source.source, [source]
        else:
            entry = meta_for(source, meta) if meta else None
            name = source
            items = read_source(source, meta=entry, defaults=defaults, settings=settings)
        for item in items:
            outcome = ingestor.add(item)
            log.debug("%s: %s", outcome.source, outcome.status.value)
            summary.outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        if on_input_done is not None:
            on_input_done(name)
    return summary


class AnalysisStore(Protocol):
    """What the extraction job needs of a store."""

    def iter_articles(self, ids: list[str] | None = None) -> Iterator[Article]: ...

    def extraction_versions(self) -> dict[str, str]: ...

    def save_analysis(self, analysis: ArticleAnalysis) -> None: ...


class Analyser(Protocol):
    """The NLP stage as the job sees it (``eventwire.nlp.extract.Extractor``)."""

    version: str

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]: ...


@dataclass(slots=True)
class ExtractSummary:
    articles: int = 0
    events: int = 0
    skipped: int = 0

    def describe(self) -> str:
        return (
            f"{self.articles} articles analysed, {self.events} event mentions, "
            f"{self.skipped} already up to date"
        )


def run_extract(
    *,
    store: AnalysisStore,
    analyser: Analyser,
    ids: list[str] | None = None,
    force: bool = False,
    on_article: Callable[[ArticleAnalysis], None] | None = None,
) -> ExtractSummary:
    """Extract actors and events for stored articles and store them, one article per transaction.

    Articles already analysed by the same extractor version are skipped unless ``force``; so a
    re-run after an interruption finishes the job, and a new extractor version redoes all.
    """
    done = {} if force else store.extraction_versions()
    summary = ExtractSummary()

    def pending() -> Iterator[Article]:
        for article in store.iter_articles(ids):
            if done.get(article.id) == analyser.version:
                summary.skipped += 1
                continue
            yield article

    for analysis in analyser.extract(pending()):
        store.save_analysis(analysis)
        summary.articles += 1
        summary.events += len(analysis.events)
        if on_article is not None:
            on_article(analysis)
    return summary
