"""Incremental story clustering: each report joins the most similar story, or opens a new one.

A story is a centroid: the sum of its reports' unit TF-IDF vectors, kept as IDF-free weights so
that the *current* IDF applies whenever it is compared (see ``eventwire.link.text``), and cut to
its ``centroid_terms`` heaviest terms after every join. Adding a report:

1. its terms update the document frequencies, and its ``centroid_terms`` heaviest terms form its
   vector;
2. **candidates** come from an inverted index over centroid terms: for the report's
   ``query_terms`` heaviest terms, the ``max_postings`` stories that most recently updated that
   term (news stories that have gone quiet drop out of reach of common words first);
3. the best ``candidates`` of them by approximate cosine are scored exactly:
   ``score = time × ((1 - entity_weight) × cosine + entity_weight × jaccard)``, where ``jaccard``
   compares the report's actors and places with the story's core ones (those in at least
   ``core_share`` of its reports) and is left out when either side has none; ``time`` is 1 up to
   ``grace_days`` outside the story's date range, then halves every ``half_life_days``, and is 0
   beyond ``max_gap_days`` (reports without a date, or stories without one, are not constrained;
   a report without a publication date is placed by the days it states, ``StoryDoc.stated``);
4. the report joins the best story whose ``score ≥ threshold`` and ``cosine ≥ text_floor``;
   otherwise it opens a story. Only the joined story changes (other than cached centroid lengths).

The defaults were chosen on principle and on invented reports (``tests/test_link_stories.py``),
not fitted to a benchmark. There, independently written reports of one event reach a cosine of
0.2 to 0.6 with each other, different events of one kind (two earthquakes in Indonesia, two
bribery arrests) at most 0.17, and two visits of the same leaders months apart as much as 0.5:
words cannot separate those, dates must, so a month without reports ends a story. IDF counts at
least ``idf_prior`` reports (see ``eventwire.link.text``).

The index state exports to plain records (:class:`IndexState`, with ``to_dict``/``from_dict`` for
JSON) so a store can keep it; an index rebuilt from its state continues exactly as the original.
A store that keeps it need not rewrite it whole: :meth:`StoryIndex.take_changes` gives what changed
since the previous call (:class:`IndexChanges`: the stories that gained reports, refreshed cached
lengths of others, the document frequencies that moved).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import logging
from collections import Counter
from collections.abc import Mapping

from eventwire.link.story_records import (
    STATE_VERSION,
    IndexChanges,
    IndexState,
    Story,
    StoryDoc,
    StoryEntities,
    StoryOptions,
    StoryState,
    StoryStateError,
    stated_days,
)
from eventwire.link.text import DocumentFrequency, extract_features, merge_names, norm, weigh

__all__ = [
    "STATE_VERSION",
    "IndexChanges",
    "IndexState",
    "Story",
    "StoryDoc",
    "StoryEntities",
    "StoryIndex",
    "StoryOptions",
    "StoryState",
    "StoryStateError",
    "date_range",
    "stated_days",
    "title",
    "title_ids",
]

log = logging.getLogger(__name__)

_NORM_STALENESS = 0.05  # a cached centroid length is refreshed once N grew by this share
_STORY_TERMS = 10
_STORY_NAMES = 5


class _Cluster:
    """A story being built (mutable, internal to the index)."""

    __slots__ = (
        "actors",
        "centroid",
        "doc_ids",
        "first",
        "id",
        "last",
        "norm",
        "norm_at",
        "places",
        "surfaces",
        "updated",
    )

    def __init__(self, story_id: str) -> None:
        self.id = story_id
        self.doc_ids: list[str] = []
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.centroid: dict[str, float] = {}
        self.surfaces: dict[str, str] = {}
        self.actors: Counter[str] = Counter()
        self.places: Counter[str] = Counter()
        self.updated = 0
        self.norm = 0.0
        self.norm_at = 0


class StoryIndex:
    """Stories of the reports added so far; ``add`` is incremental: one story changes per report."""

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._df = DocumentFrequency(prior=self.options.idf_prior)
        self._clusters: list[_Cluster] = []
        self._by_id: dict[str, int] = {}
        self._story_of: dict[str, int] = {}
        self._postings: dict[str, dict[int, float]] = {}
        self._clock = 0
        # What changed since the last take_changes (or since the index was made or loaded).
        self._base_clock = 0
        self._changed: set[int] = set()
        self._renormed: set[str] = set()
        self._changed_terms: set[str] = set()
        self._joined: list[tuple[str, str]] = []

    def __len__(self) -> int:
        """The number of reports added."""
        return len(self._story_of)

    def add(self, doc: StoryDoc) -> str:
        """Put ``doc`` in the best matching story or a new one; returns the story id.

        Adding a report id that is already indexed changes nothing and returns its story.
        """
        known = self._story_of.get(doc.id)
        if known is not None:
            return self._clusters[known].id
        opts = self.options
        features = extract_features(doc.title, doc.text, title_weight=opts.title_weight)
        self._df.add(features.counts)
        self._changed_terms.update(features.counts)
        vector = weigh(features.counts, self._df, top=opts.centroid_terms)
        length = norm(vector.values())
        match = self._best_match(doc, vector, length) if vector else None
        if match is None:
            index = self._open(doc.id)
            log.debug("%s opens %s", doc.id, self._clusters[index].id)
        else:
            index, score = match
            log.debug("%s joins %s (%.3f)", doc.id, self._clusters[index].id, score)
        self._clock += 1
        self._join(index, doc, vector, length, features.surfaces)
        self._story_of[doc.id] = index
        self._changed.add(index)
        self._joined.append((doc.id, self._clusters[index].id))
        return self._clusters[index].id

    def story_of(self, doc_id: str) -> str | None:
        """The id of the story a report is in, or None when it was never added."""
        index = self._story_of.get(doc_id)
        return None if index is None else self._clusters[index].id

    def size(self, story_id: str) -> int:
        """How many reports a story has (cheap: no ``Story`` record is built)."""
        return len(self._clusters[self._by_id[story_id]].doc_ids)

    def story(self, story_id: str) -> Story:
        """One story by id; raises ``KeyError`` when there is none."""
        return self._story(self._clusters[self._by_id[story_id]])

    def stories(self) -> list[Story]:
        """Every story, in the order they opened."""
        return [self._story(cluster) for cluster in self._clusters]

    def export_state(self) -> IndexState:
        """The index as plain records, for :meth:`from_state`."""
        return IndexState(
            options=self.options,
            documents=self._df.documents,
            df=tuple(self._df.items()),
            stories=tuple(_export_cluster(cluster) for cluster in self._clusters),
            clock=self._clock,
        )

    @classmethod
    def from_state(cls, state: IndexState) -> StoryIndex:
        """An index that continues exactly where the exported one stopped."""
        index = cls(state.options)
        index._df = DocumentFrequency(
            dict(state.df), state.documents, prior=state.options.idf_prior
        )
        index._clock = index._base_clock = state.clock
        for position, story in enumerate(state.stories):
            cluster = _import_cluster(story)
            index._clusters.append(cluster)
            index._by_id[cluster.id] = position
            for doc_id in cluster.doc_ids:
                index._story_of[doc_id] = position
        # Posting lists are ordered by when a story last updated them: replay that order.
        for position in sorted(range(len(index._clusters)), key=lambda i: state.stories[i].updated):
            for term, weight in index._clusters[position].centroid.items():
                index._postings.setdefault(term, {})[position] = weight
        return index

    def take_changes(self) -> IndexChanges:
        """What changed since the previous call (or since the index was made or loaded).

        The next call reports only what changes after this one. A state saved from
        ``export_state`` (or built from earlier changes) with these applied is this index's
        state, except for stories' ``norm`` and ``norm_at`` not covered by ``norms``.
        """
        changed = sorted(self._changed)
        ids = {self._clusters[i].id for i in changed}
        renormed = (self._clusters[self._by_id[s]] for s in sorted(self._renormed - ids))
        changes = IndexChanges(
            options=self.options,
            base_clock=self._base_clock,
            clock=self._clock,
            documents=self._df.documents,
            df=tuple((term, self._df.count(term)) for term in sorted(self._changed_terms)),
            stories=tuple((i, _export_cluster(self._clusters[i])) for i in changed),
            norms=tuple((c.id, c.norm, c.norm_at) for c in renormed),
            joined=tuple(self._joined),
        )
        self._base_clock = self._clock
        self._changed, self._renormed, self._changed_terms = set(), set(), set()
        self._joined = []
        return changes

    # -- matching -----------------------------------------------------------------------------

    def _best_match(
        self, doc: StoryDoc, vector: dict[str, float], length: float
    ) -> tuple[int, float] | None:
        """The best story ``doc`` may join, with its score, or None."""
        opts = self.options
        idf = self._df.idf
        query = heapq.nsmallest(opts.query_terms, vector.items(), key=lambda kv: (-kv[1], kv[0]))
        dots: dict[int, float] = {}
        for term, weight in query:
            posting = self._postings.get(term)
            if not posting:
                continue
            scaled = weight * idf(term)
            for index, raw in itertools.islice(reversed(posting.items()), opts.max_postings):
                dots[index] = dots.get(index, 0.0) + scaled * raw
        ranked: list[tuple[float, int]] = []
        for index, dot in dots.items():
            cluster = self._clusters[index]
            factor = self._time_factor(doc.days, cluster)
            if factor > 0.0:
                ranked.append((factor * dot / (self._cached_norm(cluster) or 1.0), index))
        best: tuple[int, float] | None = None
        for _, index in heapq.nlargest(opts.candidates, ranked, key=lambda p: (p[0], -p[1])):
            cluster = self._clusters[index]
            cosine = self._cosine(vector, length, cluster)
            if cosine < opts.text_floor:
                continue
            score = self._time_factor(doc.days, cluster) * self._blend(cosine, doc, cluster)
            if score >= opts.threshold and (best is None or score > best[1]):
                best = (index, score)
        return best

    def _cosine(self, vector: dict[str, float], length: float, cluster: _Cluster) -> float:
        """Exact cosine of a report vector and a centroid under the current IDF."""
        idf = self._df.idf
        centroid = cluster.centroid
        dot = sum(w * centroid[t] * idf(t) for t, w in vector.items() if t in centroid)
        size = self._fresh_norm(cluster)
        return dot / (length * size) if dot and size else 0.0

    def _blend(self, cosine: float, doc: StoryDoc, cluster: _Cluster) -> float:
        """Cosine mixed with the Jaccard of actors and places, when both sides have some."""
        mine = {("actor", a) for a in doc.actors} | {("place", p) for p in doc.places}
        floor = self.options.core_share * len(cluster.doc_ids)
        core = {("actor", a) for a, n in cluster.actors.items() if n >= floor}
        core |= {("place", p) for p, n in cluster.places.items() if n >= floor}
        if not mine or not core:
            return cosine
        shared = len(mine & core) / min(len(mine), len(core))  # containment: a report names
        weight = self.options.entity_weight  # a few of a story's actors, or many more than it
        return (1.0 - weight) * cosine + weight * shared

    def _time_factor(self, days: tuple[dt.date, dt.date] | None, cluster: _Cluster) -> float:
        """1 near the story's date range, halving with distance, 0 beyond ``max_gap_days``."""
        if days is None or cluster.first is None or cluster.last is None:
            return 1.0
        opts = self.options
        first, last = days
        gap = max((cluster.first - last).days, (first - cluster.last).days, 0)
        if gap > opts.max_gap_days:
            return 0.0
        if gap <= opts.grace_days:
            return 1.0
        return float(0.5 ** ((gap - opts.grace_days) / opts.half_life_days))

    def _cached_norm(self, cluster: _Cluster) -> float:
        """The centroid's length, recomputed only once the collection grew noticeably."""
        documents = self._df.documents
        if documents - cluster.norm_at > _NORM_STALENESS * documents:
            return self._fresh_norm(cluster)
        return cluster.norm

    def _fresh_norm(self, cluster: _Cluster) -> float:
        idf = self._df.idf
        cluster.norm = norm(w * idf(t) for t, w in cluster.centroid.items())
        cluster.norm_at = self._df.documents
        self._renormed.add(cluster.id)
        return cluster.norm

    # -- updating -----------------------------------------------------------------------------

    def _open(self, doc_id: str) -> int:
        story_id = f"st-{doc_id}"
        suffix = itertools.count(2)
        while story_id in self._by_id:
            story_id = f"st-{doc_id}-{next(suffix)}"
        self._clusters.append(_Cluster(story_id))
        self._by_id[story_id] = len(self._clusters) - 1
        return len(self._clusters) - 1

    def _join(
        self,
        index: int,
        doc: StoryDoc,
        vector: dict[str, float],
        length: float,
        surfaces: Mapping[str, str],
    ) -> None:
        """Add ``doc`` to a story: centroid (cut to its heaviest terms), postings, dates, ids."""
        cluster = self._clusters[index]
        idf = self._df.idf
        merged = dict(cluster.centroid)
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight / (idf(term) * length)
        kept = heapq.nsmallest(
            self.options.centroid_terms, merged.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0])
        )
        centroid = dict(kept)
        for term in cluster.centroid.keys() - centroid.keys():
            posting = self._postings[term]
            del posting[index]
            if not posting:
                del self._postings[term]
        for term, weight in centroid.items():
            posting = self._postings.setdefault(term, {})
            posting.pop(index, None)
            posting[index] = weight  # re-inserted last: the most recently updated story
        cluster.centroid = centroid
        names = {**cluster.surfaces, **surfaces}
        cluster.surfaces = {t: names[t] for t in centroid if t in names}
        cluster.doc_ids.append(doc.id)
        if doc.days is not None:
            first, last = doc.days
            cluster.first = min(cluster.first or first, first)
            cluster.last = max(cluster.last or last, last)
        cluster.actors.update(doc.actors)
        cluster.places.update(doc.places)
        cluster.updated = self._clock
        self._fresh_norm(cluster)

    def _story(self, cluster: _Cluster) -> Story:
        idf = self._df.idf
        ranked = sorted(cluster.centroid.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0]))
        terms = [t for t, _ in ranked if t not in cluster.surfaces][:_STORY_TERMS]
        names = merge_names([cluster.surfaces[t] for t, _ in ranked if t in cluster.surfaces])
        return Story(
            id=cluster.id,
            doc_ids=tuple(cluster.doc_ids),
            first=cluster.first,
            last=cluster.last,
            terms=tuple(terms),
            names=tuple(names[:_STORY_NAMES]),
            actors=tuple(_by_count(cluster.actors)),
            places=tuple(_by_count(cluster.places)),
        )


_ACTOR_ORDER = {"person": 0, "org": 1}  # then states (ISO codes) and groups


def title_ids(story: Story) -> tuple[str, ...]:
    """The actor and place ids a title shows: two actors, people before organisations before
    states ("Kim Jong Un" says more than "China"), and the main place."""
    actors = sorted(story.actors, key=lambda a: _ACTOR_ORDER.get(a.split(":", 1)[0], 2))
    return (*actors[:2], *story.places[:1])


def title(story: Story, names: Mapping[str, str] | None = None) -> str:
    """A short label: top actors and place (else names), top terms, date range.

    ``"Kim Jong Un, Beijing — visit, summit, 2019-01-07–10"``. ``names`` gives display names of
    actor and place ids (``geonames:1816670`` → ``Beijing``); other ids are shown as derived
    from the id itself.
    """
    shown = names or {}
    heads = list(  # a place often has the name of a country actor: show it once
        dict.fromkeys(shown.get(item) or _display_id(item) for item in title_ids(story))
    )
    if not heads:
        heads = list(story.names[:2])
    topic = list(story.terms[: 2 if heads else 3])
    label = ", ".join(heads)
    if topic:
        label = f"{label} — {', '.join(topic)}" if label else ", ".join(topic)
    dates = date_range(story.first, story.last)
    if dates:
        return f"{label}, {dates}" if label else dates
    return label or story.id


def date_range(first: dt.date | None, last: dt.date | None) -> str:
    """``2019-01-07``, ``2019-01-07–10``, ``2019-01-30–02-02``, ``2018-12-28–2019-01-02``."""
    if first is None or last is None:
        return ""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.isoformat()}–{last.day:02d}"
    if first.year == last.year:
        return f"{first.isoformat()}–{last.month:02d}-{last.day:02d}"
    return f"{first.isoformat()}–{last.isoformat()}"


def _display_id(item: str) -> str:
    """``person:kim-jong-un`` → ``Kim Jong Un``; ``PRK`` stays ``PRK``."""
    name = item.rsplit(":", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return name.title() if name.islower() else name or item


def _by_count(counts: Counter[str]) -> list[str]:
    return [item for item, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _export_cluster(cluster: _Cluster) -> StoryState:
    return StoryState(
        id=cluster.id,
        doc_ids=tuple(cluster.doc_ids),
        first=cluster.first,
        last=cluster.last,
        centroid=tuple(cluster.centroid.items()),
        surfaces=tuple(cluster.surfaces.items()),
        actors=tuple(sorted(cluster.actors.items())),
        places=tuple(sorted(cluster.places.items())),
        updated=cluster.updated,
        norm=cluster.norm,
        norm_at=cluster.norm_at,
    )


def _import_cluster(story: StoryState) -> _Cluster:
    cluster = _Cluster(story.id)
    cluster.doc_ids = list(story.doc_ids)
    cluster.first, cluster.last = story.first, story.last
    cluster.centroid = dict(story.centroid)
    cluster.surfaces = dict(story.surfaces)
    cluster.actors = Counter(dict(story.actors))
    cluster.places = Counter(dict(story.places))
    cluster.updated, cluster.norm, cluster.norm_at = story.updated, story.norm, story.norm_at
    return cluster
