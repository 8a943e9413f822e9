"""The ingest job: inputs → readers → duplicate checks → store, one article per transaction;
the extraction job: stored articles → NLP → store, then each into its story.

This is the one place that joins the pure stages to the store. The CLI, the API and the tests all
call ``run_ingest`` and ``run_extract``; they never print and never exit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from eventwire.config import Settings
from eventwire.ingest import expand_inputs, meta_for, read_source
from eventwire.ingest.dedup import NearDuplicateIndex
from eventwire.link.stories import (
    IndexChanges,
    IndexState,
    Story,
    StoryDoc,
    StoryEntities,
    StoryIndex,
    date_range,
    stated_days,
)
from eventwire.link.timeline import headline
from eventwire.models import (
    ActorKind,
    Article,
    ArticleAnalysis,
    Event,
    IngestOutcome,
    IngestStatus,
    Rejection,
    SourceMeta,
)
from eventwire.store.events import StoredEvent

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
        article_id = article.id  # a hash of the text, computed anew on each access
        self.index.add(article_id, sig)
        status = IngestStatus.NEW if created else IngestStatus.DUPLICATE
        return IngestOutcome(article.source, status, article_id=article_id)

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


@runtime_checkable
class StoryStore(Protocol):
    """What putting articles into stories needs of a store."""

    def load_story_state(self) -> IndexState | None: ...

    def save_story_changes(
        self,
        changes: IndexChanges,
        shown: Sequence[Story],
        titles: Mapping[str, str] | None = None,
    ) -> None: ...

    def list_events(self, *, article_ids: list[str] | None = None) -> list[StoredEvent]: ...

    def story_entities(
        self, article_ids: Sequence[str], actor_kinds: Iterable[str]
    ) -> dict[str, StoryEntities]: ...

    def articles_without_story(self, article_ids: Sequence[str]) -> set[str]: ...


@dataclass(slots=True)
class ExtractSummary:
    articles: int = 0
    events: int = 0
    skipped: int = 0
    linked: int = 0  # articles put into stories
    opened: int = 0  # of them, those that opened a story

    def describe(self) -> str:
        text = (
            f"{self.articles} articles analysed, {self.events} event mentions, "
            f"{self.skipped} already up to date"
        )
        if self.linked:
            text += f"; {self.linked} put into stories ({self.opened} new stories)"
        return text


# Actors that say what a story is about; groups ("officials", "protesters") are too vague.
STORY_ACTOR_KINDS = frozenset({ActorKind.COUNTRY, ActorKind.PERSON, ActorKind.ORGANIZATION})
HEADLINE_REPORTS = 50  # a story's title comes from the events of its latest reports
STORY_SAVE_EVERY = 50  # articles put into stories between two saves of the story index
HEADLINE_CACHE = 1000  # latest articles whose events are kept for story titles (not re-read)
_CATCH_UP_BATCH = 500  # analysed articles without a story, looked up together


def story_doc(article: Article, entities: StoryEntities, article_id: str | None = None) -> StoryDoc:
    """What story linking takes of an article: title, body paragraphs, date, actor and place
    ids, and the days it states; ``article_id`` is its id where the caller has it already."""
    return StoryDoc(
        id=article.id if article_id is None else article_id,
        title=article.title or "",
        text=article.narrative_text(),
        published=article.published,
        actors=entities.actors,
        places=entities.places,
        stated=entities.stated,
    )


def analysis_entities(analysis: ArticleAnalysis) -> StoryEntities:
    """The ids of the analysis's named actors (not groups) and of its resolved places, and the
    days of its latest explicitly dated event."""
    actors = {m.actor.id for m in analysis.actors if m.actor.kind in STORY_ACTOR_KINDS}
    places = {m.place.id for m in analysis.places if m.place is not None}
    dates = [
        (e.date.value, e.date.derivation, e.factuality.value) for e in analysis.events if e.date
    ]
    return StoryEntities(frozenset(actors), frozenset(places), stated_days(dates))


class StoryLinker:
    """Puts analysed articles into stories: the stored story index, loaded once (when first
    needed), grows report by report and what changed is saved every ``save_every`` reports (and
    by ``save``).

    An article already in the index is not added again. A run that stops between two saves loses
    only story membership, which the next extraction run over those articles restores
    (``catch_up``): the article is analysed, but has no story.
    """

    def __init__(
        self, store: StoryStore, *, save_every: int = STORY_SAVE_EVERY, summary: ExtractSummary
    ) -> None:
        self.store = store
        self.save_every = save_every
        self.summary = summary
        self._index: StoryIndex | None = None
        self._unsaved = 0
        self._behind: list[Article] = []
        # events of the latest articles added (at most HEADLINE_CACHE), for story titles
        self._recent_events: OrderedDict[str, list[StoredEvent]] = OrderedDict()

    @property
    def index(self) -> StoryIndex:
        """The story index, loaded from the store on first use (seconds for 100,000 reports)."""
        if self._index is None:
            state = self.store.load_story_state()
            self._index = StoryIndex.from_state(state) if state is not None else StoryIndex()
        return self._index

    def add(self, article: Article, entities: StoryEntities, events: Sequence[Event] = ()) -> str:
        """Put one article into its story (saving the batch when it is full); the story id.
        ``events`` are the article's analysed events, kept (for the latest ``HEADLINE_CACHE``
        articles) for story titles, so that titles need not read them back from the store."""
        article_id = article.id  # a hash of the text, computed anew on each access
        known = self.index.story_of(article_id)
        if known is not None:
            return known
        if events:  # else (an article caught up from the store) the title reads them there
            self._recent_events[article_id] = [
                StoredEvent(e, article.source, article.url, article.outlet, article.published)
                for e in events
            ]
            if len(self._recent_events) > HEADLINE_CACHE:
                self._recent_events.popitem(last=False)
        story = self.index.add(story_doc(article, entities, article_id))
        self.summary.linked += 1
        if self.index.size(story) == 1:
            self.summary.opened += 1
        self._unsaved += 1
        if self._unsaved >= self.save_every:
            self.save()
        return story

    def catch_up(self, article: Article) -> None:
        """Note an analysed article skipped by this run: if it has no story, it gets one later."""
        self._behind.append(article)
        if len(self._behind) >= _CATCH_UP_BATCH:
            self._flush_behind()

    def save(self) -> None:
        """Put the noted articles into stories, then save what changed since the last save."""
        self._flush_behind()
        if self._index is None:  # nothing was added
            return
        changes = self._index.take_changes()
        if changes.changed:
            shown = [self._index.story(state.id) for _, state in changes.stories]
            self.store.save_story_changes(changes, shown, self._headlines(shown))
        self._unsaved = 0

    def _headlines(self, stories: Sequence[Story]) -> dict[str, str]:
        """Titles from each story's most reported event among its latest reports, with its
        dates: "Kim Jong Un visits China (Beijing), 2019-01-07–10" (one query for them all)."""
        recent = {story.id: story.doc_ids[-HEADLINE_REPORTS:] for story in stories}
        by_article: dict[str, list[StoredEvent]] = {}
        for docs in recent.values():
            for doc in docs:
                if doc in self._recent_events:
                    by_article[doc] = self._recent_events[doc]
        wanted = sorted({doc for docs in recent.values() for doc in docs} - by_article.keys())
        for stored in self.store.list_events(article_ids=wanted) if wanted else ():
            by_article.setdefault(stored.event.article_id, []).append(stored)
        titles = {}
        for story in stories:
            text = headline([e for doc in recent[story.id] for e in by_article.get(doc, ())])
            dates = date_range(story.first, story.last)
            if text:
                titles[story.id] = f"{text}, {dates}" if dates else text
        return titles

    def _flush_behind(self) -> None:
        behind, self._behind = self._behind, []
        if not behind:
            return
        missing = self.store.articles_without_story([a.id for a in behind])
        behind = [a for a in behind if a.id in missing]
        if not behind:
            return
        log.info("putting %d analysed articles without a story into stories", len(behind))
        kinds = [kind.value for kind in STORY_ACTOR_KINDS]
        entities = self.store.story_entities([a.id for a in behind], kinds)
        for article in behind:
            self.add(article, entities.get(article.id) or StoryEntities())


def run_extract(
    *,
    store: AnalysisStore,
    analyser: Analyser,
    ids: list[str] | None = None,
    force: bool = False,
    on_article: Callable[[ArticleAnalysis], None] | None = None,
    stories: bool = True,
) -> ExtractSummary:
    """Extract actors and events for stored articles and store them, one article per transaction.

    Articles already analysed by the same extractor version are skipped unless ``force``; so a
    re-run after an interruption finishes the job, and a new extractor version redoes all.
    With ``stories`` (the store must then be a ``StoryStore``), each analysed article also goes
    into its story (see ``StoryLinker``), and skipped ones that have none yet are put there too.
    """
    done = {} if force else store.extraction_versions()
    summary = ExtractSummary()
    linker: StoryLinker | None = None
    if stories:
        if not isinstance(store, StoryStore):
            raise TypeError(f"run_extract(stories=True) needs a StoryStore, not {store!r}")
        linker = StoryLinker(store, summary=summary)
    in_flight: dict[str, Article] = {}

    def pending() -> Iterator[Article]:
        for article in store.iter_articles(ids):
            article_id = article.id  # a hash of the text, computed anew on each access
            if done.get(article_id) == analyser.version:
                summary.skipped += 1
                if linker is not None:
                    linker.catch_up(article)
                continue
            if linker is not None:
                in_flight[article_id] = article
            yield article

    for analysis in analyser.extract(pending()):
        store.save_analysis(analysis)
        summary.articles += 1
        summary.events += len(analysis.events)
        article = in_flight.pop(analysis.article_id, None)
        if linker is not None and article is not None:
            linker.add(article, analysis_entities(analysis), analysis.events)
        if on_article is not None:
            on_article(analysis)
    if linker is not None:
        linker.save()
    return summary
