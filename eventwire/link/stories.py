"""Incremental story clustering: each report joins a story, opens one, or regroups those near it.

A story keeps the sum of its reports' unit TF-IDF vectors, as IDF-free weights so that the
*current* IDF applies whenever it is compared (see ``eventwire.link.text``), cut to its
``centroid_terms`` heaviest terms. Its last ``open_reports`` reports are also kept one by one;
the rest are *settled*, one block. Adding a report:

1. its terms update the document frequencies, and its ``centroid_terms`` heaviest terms form its
   vector;
2. **candidates** come from an inverted index over story centroids: for the report's
   ``query_terms`` heaviest terms, the ``max_postings`` stories that most recently updated that
   term (news stories that have gone quiet drop out of reach of common words first); the best
   ``candidates`` of them by approximate cosine are scored exactly;
3. the score of a report and a story, as of any two groups of reports, is their **average link**:
   ``time × ((1 - entity_weight) × average cosine + entity_weight × shared)``. The average
   cosine over all pairs of their reports is the dot product of their vector sums over the
   product of their sizes; ``shared`` is the containment of their core actors and places (those
   in at least ``core_share`` of a group's reports), left out when either has none; ``time`` is
   1 up to ``grace_days`` between their date ranges, then halves every ``half_life_days``, and
   is 0 beyond ``max_gap_days`` (reports without a date are not constrained; a report without a
   publication date is placed by the days it states, ``StoryDoc.stated``). Below ``text_floor``
   of average cosine the score is 0;
4. the stories scoring at least ``reach`` (the best ``neighbourhood`` of them) form the report's
   **neighbourhood**. Without one, the report opens a story. Otherwise the neighbourhood is
   taken apart (each open report alone, each settled block whole) and regrouped with the report
   by average-link agglomeration at ``threshold`` (``eventwire.link.regroup``). Usually the
   report just joins one story; but a story that turns out to hold two events splits (the
   first report of a second, similar event joined the first one's story, and the reports that
   followed it now pull it out), and two stories that the report bridges merge. A regrouped
   story keeps the id of the old story it shares most reports with; stories left empty are
   removed. Stories outside the neighbourhood do not change (other than cached lengths).

Regrouping makes the result depend much less on the order reports come in. Its cost is bounded
by the neighbourhood (at most ``neighbourhood × (open_reports + 1) + 1`` parts), not by the
store. A story no report has joined for ``settle_after`` reports settles whole: it keeps only
its sum, so the memory for open reports follows recent news, not the archive.

The defaults were chosen on invented reports (``tests/test_link_stories.py``) and on ECB+
topics outside its test split (``docs/accuracy.md``), not on the test split. Independently
written reports of one event reach a cosine of 0.2 to 0.6 with each other, different events of
one kind much less on average, but two visits of the same leaders months apart as much as 0.5:
words cannot separate those, dates must, so a month without reports ends a story. IDF counts at
least ``idf_prior`` reports (see ``eventwire.link.text``).

The index state exports to plain records (:class:`IndexState`, with ``to_dict``/``from_dict`` for
JSON) so a store can keep it; an index rebuilt from its state continues exactly as the original.
A store that keeps it need not rewrite it whole: :meth:`StoryIndex.take_changes` gives what changed
since the previous call (:class:`IndexChanges`: the stories that changed, those removed, where
reports now are, refreshed cached lengths of others, the document frequencies that moved).
"""

from __future__ import annotations

import heapq
import itertools
import logging
from collections import Counter, deque
from collections.abc import Mapping

from eventwire.link.regroup import Group, regroup
from eventwire.link.regroup import dot as _dot
from eventwire.link.story_parts import (
    Cluster,
    Part,
    Report,
    Tally,
    by_count,
    cut,
    export_cluster,
    import_cluster,
)
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
from eventwire.link.story_titles import date_range, title, title_ids
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
_DIGITS = 7  # open report weights are rounded, so that saved and live indexes agree exactly


class StoryIndex:
    """Stories of the reports added so far; ``add`` is incremental: it changes only the stories
    near the report."""

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._df = DocumentFrequency(prior=self.options.idf_prior)
        self._clusters: dict[int, Cluster] = {}
        self._by_id: dict[str, int] = {}
        self._story_of: dict[str, int] = {}
        self._postings: dict[str, dict[int, float]] = {}
        self._clock = 0
        self._serial = 0
        self._quiet: deque[tuple[int, int]] = deque()  # (updated, serial), oldest first
        # What changed since the last take_changes (or since the index was made or loaded).
        self._base_clock = 0
        self._changed: set[int] = set()
        self._removed: set[str] = set()
        self._renormed: set[str] = set()
        self._changed_terms: set[str] = set()
        self._placed: dict[str, str] = {}

    def __len__(self) -> int:
        """The number of reports added."""
        return len(self._story_of)

    def add(self, doc: StoryDoc) -> str:
        """Put ``doc`` into the stories; returns the id of the story it is now in.

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
        self._clock += 1
        idf = self._df.idf
        unit = {t: round(w / (idf(t) * length), _DIGITS) for t, w in vector.items()}
        report = Report(doc.id, self._clock, unit, doc.days, doc.actors, doc.places)
        hood = self._neighbourhood(report) if vector else []
        if not hood:
            cluster = self._open(doc.id)
            self._rebuild(
                cluster, [Part(None, report, [(report.clock, doc.id)])], [features.surfaces]
            )
            log.debug("%s opens %s", doc.id, cluster.id)
        else:
            self._regroup(report, hood, features.surfaces)
        self._settle_quiet()
        return self._clusters[self._story_of[doc.id]].id

    def story_of(self, doc_id: str) -> str | None:
        """The id of the story a report is in, or None when it was never added."""
        serial = self._story_of.get(doc_id)
        return None if serial is None else self._clusters[serial].id

    def size(self, story_id: str) -> int:
        """How many reports a story has (cheap: no ``Story`` record is built)."""
        return len(self._clusters[self._by_id[story_id]].doc_ids)

    def story(self, story_id: str) -> Story:
        """One story by id; raises ``KeyError`` when there is none."""
        return self._story(self._clusters[self._by_id[story_id]])

    def stories(self) -> list[Story]:
        """Every story, in the order they opened."""
        return [self._story(self._clusters[s]) for s in sorted(self._clusters)]

    def export_state(self) -> IndexState:
        """The index as plain records, for :meth:`from_state`."""
        return IndexState(
            options=self.options,
            documents=self._df.documents,
            df=tuple(self._df.items()),
            stories=tuple(export_cluster(self._clusters[s]) for s in sorted(self._clusters)),
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
        for story in state.stories:
            cluster = import_cluster(story)
            index._clusters[cluster.serial] = cluster
            index._by_id[cluster.id] = cluster.serial
            for doc_id in cluster.doc_ids:
                index._story_of[doc_id] = cluster.serial
        index._serial = max(index._clusters, default=-1) + 1
        # Posting lists and the settling queue are ordered by when a story last changed: replay.
        for cluster in sorted(index._clusters.values(), key=lambda c: (c.updated, c.serial)):
            for term, weight in cluster.centroid.items():
                index._postings.setdefault(term, {})[cluster.serial] = weight
            if cluster.open:
                index._quiet.append((cluster.updated, cluster.serial))
        return index

    def take_changes(self) -> IndexChanges:
        """What changed since the previous call (or since the index was made or loaded).

        The next call reports only what changes after this one. A state saved from
        ``export_state`` (or built from earlier changes) with these applied is this index's
        state, except for stories' ``norm`` and ``norm_at`` not covered by ``norms``.
        """
        changed = sorted(s for s in self._changed if s in self._clusters)
        ids = {self._clusters[s].id for s in changed}
        renormed = sorted(self._renormed - ids - self._removed)
        changes = IndexChanges(
            options=self.options,
            base_clock=self._base_clock,
            clock=self._clock,
            documents=self._df.documents,
            df=tuple((term, self._df.count(term)) for term in sorted(self._changed_terms)),
            stories=tuple((s, export_cluster(self._clusters[s])) for s in changed),
            norms=tuple(
                (c.id, c.norm, c.norm_at)
                for c in (self._clusters[self._by_id[s]] for s in renormed)
            ),
            placed=tuple(self._placed.items()),
            removed=tuple(sorted(self._removed - set(self._by_id))),
        )
        self._base_clock = self._clock
        self._changed, self._renormed, self._changed_terms = set(), set(), set()
        self._removed, self._placed = set(), {}
        return changes

    # -- matching -----------------------------------------------------------------------------

    def _neighbourhood(self, report: Report) -> list[Cluster]:
        """The stories near ``report`` (score ≥ ``reach``), best first, at most
        ``neighbourhood`` of them."""
        opts = self.options
        idf = self._df.idf
        vector = report.vector
        query = heapq.nsmallest(
            opts.query_terms, vector.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0])
        )
        dots: dict[int, float] = {}
        for term, weight in query:
            posting = self._postings.get(term)
            if not posting:
                continue
            scaled = weight * idf(term) * idf(term)
            for serial, raw in itertools.islice(reversed(posting.items()), opts.max_postings):
                dots[serial] = dots.get(serial, 0.0) + scaled * raw
        me = Group(1, report.first, report.last, report.entities())
        ranked: list[tuple[float, int]] = []
        for serial, value in dots.items():
            cluster = self._clusters[serial]
            factor = self._time_factor(me, cluster)
            if factor > 0.0:
                ranked.append((factor * value / (self._cached_norm(cluster) or 1.0), serial))
        scored: list[tuple[float, int]] = []
        mine = self._weights(vector)
        for _, serial in heapq.nlargest(opts.candidates, ranked, key=lambda p: (p[0], -p[1])):
            cluster = self._clusters[serial]
            average = _dot(mine, self._story_sum(cluster)) / len(cluster.doc_ids)
            score = self._link(average, me, cluster.group())
            if score >= opts.reach:
                scored.append((score, serial))
        best = heapq.nlargest(opts.neighbourhood, scored, key=lambda p: (p[0], -p[1]))
        return [self._clusters[serial] for _, serial in best]

    def _weights(self, vector: Mapping[str, float], *, unit: bool = True) -> dict[str, float]:
        """An IDF-free vector under the current IDF; ``unit``: scaled to length 1 (a report's
        weights drift from unit length as document frequencies grow)."""
        idf = self._df.idf
        weights = {t: w * idf(t) for t, w in vector.items()}
        if unit:
            length = norm(weights.values())
            if length:
                return {t: w / length for t, w in weights.items()}
        return weights

    def _story_sum(self, cluster: Cluster) -> dict[str, float]:
        """The sum of a story's report vectors under the current IDF: its open reports at unit
        length, its settled block as it was summed."""
        total = self._weights(cluster.block.vector, unit=False)
        for report in cluster.open:
            for term, weight in self._weights(report.vector).items():
                total[term] = total.get(term, 0.0) + weight
        return total

    def _link(self, average: float, a: Group, b: Group) -> float:
        """The score two groups of reports merge on (module docstring, step 3)."""
        if average < self.options.text_floor:
            return 0.0
        factor = self._time_factor(a, b)
        if factor == 0.0:
            return 0.0
        weight = self.options.entity_weight
        if weight:
            mine, theirs = self._core(a), self._core(b)
            if mine and theirs:
                shared = len(mine & theirs) / min(len(mine), len(theirs))
                return factor * ((1.0 - weight) * average + weight * shared)
        return factor * average

    def _core(self, group: Group) -> set[str]:
        floor = self.options.core_share * group.size
        return {e for e, n in group.entities.items() if n >= floor}

    def _time_factor(self, a: Group | Cluster, b: Group | Cluster) -> float:
        """1 near each other's date range, halving with distance, 0 beyond ``max_gap_days``."""
        if a.first is None or a.last is None or b.first is None or b.last is None:
            return 1.0
        opts = self.options
        gap = max((a.first - b.last).days, (b.first - a.last).days, 0)
        if gap > opts.max_gap_days:
            return 0.0
        if gap <= opts.grace_days:
            return 1.0
        return float(0.5 ** ((gap - opts.grace_days) / opts.half_life_days))

    def _cached_norm(self, cluster: Cluster) -> float:
        """The centroid's length, recomputed only once the collection grew noticeably."""
        documents = self._df.documents
        if documents - cluster.norm_at > _NORM_STALENESS * documents:
            return self._fresh_norm(cluster)
        return cluster.norm

    def _fresh_norm(self, cluster: Cluster) -> float:
        idf = self._df.idf
        cluster.norm = norm(w * idf(t) for t, w in cluster.centroid.items())
        cluster.norm_at = self._df.documents
        self._renormed.add(cluster.id)
        return cluster.norm

    # -- regrouping ---------------------------------------------------------------------------

    def _regroup(self, report: Report, hood: list[Cluster], surfaces: Mapping[str, str]) -> None:
        """Take the neighbourhood apart, group it again with ``report``, and write it back."""
        parts = [Part(None, report, [(report.clock, report.id)])]
        for cluster in sorted(hood, key=lambda c: c.serial):
            if cluster.settled:
                open_ids = {r.id for r in cluster.open}
                pairs = zip(cluster.clocks, cluster.doc_ids, strict=True)
                docs = [(c, d) for c, d in pairs if d not in open_ids]
                parts.append(Part(cluster, None, docs))
            parts.extend(Part(cluster, r, [(r.clock, r.id)]) for r in cluster.open)
        vectors: list[dict[str, float]] = []
        groups: list[Group] = []
        for part in parts:
            if part.report is not None:
                r = part.report
                vectors.append(self._weights(r.vector))
                groups.append(Group(1, r.first, r.last, r.entities()))
            else:
                assert part.cluster is not None
                vectors.append(self._weights(part.cluster.block.vector, unit=False))
                groups.append(part.cluster.settled_group())
        found = regroup(vectors, groups, link=self._link, threshold=self.options.threshold)
        self._write_back(parts, found, hood, surfaces)

    def _write_back(
        self,
        parts: list[Part],
        found: list[list[int]],
        hood: list[Cluster],
        surfaces: Mapping[str, str],
    ) -> None:
        """Give each new group the story it shares most reports with (biggest groups first);
        rebuild the stories whose reports changed; remove those left empty."""
        whole = {c.serial: len(c.doc_ids) for c in hood}
        used: set[int] = set()
        plan: list[tuple[Cluster | None, list[Part]]] = []
        for members in sorted(found, key=lambda g: (-sum(len(parts[i].docs) for i in g), g[0])):
            shares: Counter[int] = Counter()
            for i in members:
                origin = parts[i].cluster
                shares[-1 if origin is None else origin.serial] += len(parts[i].docs)
            ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
            serial = next((s for s, _ in ranked if s >= 0 and s not in used), None)
            if serial is not None:
                used.add(serial)
                group_parts = [parts[i] for i in members]
                if shares == Counter({serial: whole[serial]}):
                    continue  # the same reports as before: unchanged
                plan.append((self._clusters[serial], group_parts))
            else:
                plan.append((None, [parts[i] for i in members]))
        for cluster in hood:
            if cluster.serial not in used:
                self._remove(cluster)
        for planned, group_parts in plan:
            target = planned or self._open(min(d for p in group_parts for d in p.docs)[1])
            donors = [p.cluster for p in group_parts if p.cluster is not None]
            names = {k: v for c in donors for k, v in c.surfaces.items()}
            if any(p.cluster is None for p in group_parts):
                names.update(surfaces)
            self._rebuild(target, group_parts, [names])
            log.debug("%s now has %d reports", target.id, len(target.doc_ids))

    def _open(self, doc_id: str) -> Cluster:
        story_id = f"st-{doc_id}"
        suffix = itertools.count(2)
        while story_id in self._by_id:
            story_id = f"st-{doc_id}-{next(suffix)}"
        cluster = Cluster(story_id, self._serial)
        self._serial += 1
        self._clusters[cluster.serial] = cluster
        self._by_id[story_id] = cluster.serial
        return cluster

    def _remove(self, cluster: Cluster) -> None:
        self._drop_postings(cluster)
        del self._clusters[cluster.serial]
        del self._by_id[cluster.id]
        self._changed.discard(cluster.serial)
        self._renormed.discard(cluster.id)
        self._removed.add(cluster.id)

    def _rebuild(self, cluster: Cluster, parts: list[Part], names: list[Mapping[str, str]]) -> None:
        """Make ``cluster`` the story of exactly ``parts``: settled blocks merge into its block,
        open reports stay open (the oldest beyond ``open_reports`` settle)."""
        blocks = [p.cluster for p in parts if p.report is None and p.cluster is not None]
        reports = sorted((p.report for p in parts if p.report is not None), key=lambda r: r.clock)
        overflow = max(0, len(reports) - self.options.open_reports)
        block = Tally()
        for tally in (c.block for c in blocks):
            block.add(tally)
        for report in reports[:overflow]:
            block.add(report)
        block.vector = cut(block.vector, self.options.centroid_terms, self._df.idf)
        cluster.block = block
        cluster.open = reports[overflow:]
        docs = sorted(d for p in parts for d in p.docs)
        cluster.clocks = [c for c, _ in docs]
        cluster.doc_ids = [d for _, d in docs]
        self._refresh(cluster, names)
        for doc_id in cluster.doc_ids:
            if self._story_of.get(doc_id) != cluster.serial:
                self._story_of[doc_id] = cluster.serial
                self._placed[doc_id] = cluster.id
            elif doc_id in self._placed:
                self._placed[doc_id] = cluster.id

    def _refresh(self, cluster: Cluster, names: list[Mapping[str, str]]) -> None:
        """Centroid, days, entity counts and postings from the settled block and open reports."""
        total = cluster.block.copy()
        for report in cluster.open:
            total.add(report)
        centroid = cut(total.vector, self.options.centroid_terms, self._df.idf)
        self._drop_postings(cluster)
        for term, weight in centroid.items():
            self._postings.setdefault(term, {})[cluster.serial] = weight  # the most recent
        cluster.centroid = centroid
        shown: dict[str, str] = {}
        for mapping in names:
            shown.update(mapping)
        shown = {**cluster.surfaces, **shown}
        cluster.surfaces = {t: shown[t] for t in centroid if t in shown}
        cluster.first, cluster.last = total.first, total.last
        cluster.actors, cluster.places = +total.actors, +total.places
        cluster.updated = self._clock
        self._quiet.append((cluster.updated, cluster.serial))
        self._changed.add(cluster.serial)
        self._fresh_norm(cluster)

    def _drop_postings(self, cluster: Cluster) -> None:
        for term in cluster.centroid:
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(cluster.serial, None)
                if not posting:
                    del self._postings[term]

    def _settle_quiet(self) -> None:
        """Stories no report has joined for ``settle_after`` reports settle whole."""
        horizon = self._clock - self.options.settle_after
        while self._quiet and self._quiet[0][0] < horizon:
            updated, serial = self._quiet.popleft()
            cluster = self._clusters.get(serial)
            if cluster is None or cluster.updated != updated or not cluster.open:
                continue
            actors, places = Counter(cluster.actors), Counter(cluster.places)
            cluster.block = Tally(
                dict(cluster.centroid), cluster.first, cluster.last, actors, places
            )
            cluster.open = []
            self._changed.add(serial)

    def _story(self, cluster: Cluster) -> Story:
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
            actors=tuple(by_count(cluster.actors)),
            places=tuple(by_count(cluster.places)),
        )
