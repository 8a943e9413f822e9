"""The mutable pieces a :class:`~eventwire.link.stories.StoryIndex` is built of, and their plain
records: a story (:class:`Cluster`) with its open reports (:class:`Report`) and settled block (a
:class:`Tally`), and the parts a neighbourhood is taken apart into (:class:`Part`)."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from eventwire.link.regroup import Group
from eventwire.link.story_records import ReportState, StoryState


class Report:
    """An open report: unit vector (IDF-free), days, entity ids."""

    __slots__ = ("actors", "clock", "first", "id", "last", "places", "vector")

    def __init__(
        self,
        doc_id: str,
        clock: int,
        vector: dict[str, float],
        days: tuple[dt.date, dt.date] | None,
        actors: Iterable[str],
        places: Iterable[str],
    ) -> None:
        self.id = doc_id
        self.clock = clock
        self.vector = vector
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        if days is not None:
            self.first, self.last = days
        self.actors = tuple(sorted(set(actors)))
        self.places = tuple(sorted(set(places)))

    def entities(self) -> Counter[str]:
        return entity_counts(Counter(self.actors), Counter(self.places))


class Tally:
    """Reports summed up: their vectors (IDF-free weights), day range, actor and place counts."""

    __slots__ = ("actors", "first", "last", "places", "vector")

    def __init__(
        self,
        vector: dict[str, float] | None = None,
        first: dt.date | None = None,
        last: dt.date | None = None,
        actors: Counter[str] | None = None,
        places: Counter[str] | None = None,
    ) -> None:
        self.vector = vector if vector is not None else {}
        self.first, self.last = first, last
        self.actors = actors if actors is not None else Counter()
        self.places = places if places is not None else Counter()

    def copy(self) -> Tally:
        return Tally(dict(self.vector), self.first, self.last, +self.actors, +self.places)

    def add(self, other: Tally | Report) -> None:
        """Count ``other`` in: a single report, or another tally."""
        vector = self.vector
        for term, weight in other.vector.items():
            vector[term] = vector.get(term, 0.0) + weight
        self.first, self.last = widen(self.first, self.last, other.first, other.last)
        self.actors.update(other.actors)
        self.places.update(other.places)


class Cluster:
    """A story being built (mutable, internal to the index)."""

    __slots__ = (
        "actors",
        "block",
        "centroid",
        "clocks",
        "doc_ids",
        "first",
        "id",
        "last",
        "norm",
        "norm_at",
        "open",
        "places",
        "serial",
        "surfaces",
        "updated",
    )

    def __init__(self, story_id: str, serial: int) -> None:
        self.id = story_id
        self.serial = serial
        self.doc_ids: list[str] = []
        self.clocks: list[int] = []
        self.open: list[Report] = []
        self.block = Tally()  # the settled reports
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.centroid: dict[str, float] = {}
        self.surfaces: dict[str, str] = {}
        self.actors: Counter[str] = Counter()
        self.places: Counter[str] = Counter()
        self.updated = 0
        self.norm = 0.0
        self.norm_at = 0

    @property
    def settled(self) -> int:
        """How many of its reports are settled."""
        return len(self.doc_ids) - len(self.open)

    def group(self) -> Group:
        entities = entity_counts(self.actors, self.places)
        return Group(len(self.doc_ids), self.first, self.last, entities)

    def settled_group(self) -> Group:
        block = self.block
        return Group(
            self.settled, block.first, block.last, entity_counts(block.actors, block.places)
        )


class Part:
    """A piece of the neighbourhood being regrouped: one open report, or a settled block."""

    __slots__ = ("cluster", "docs", "report")

    def __init__(
        self, cluster: Cluster | None, report: Report | None, docs: list[tuple[int, str]]
    ) -> None:
        self.cluster = cluster  # the story it comes from (None: the new report)
        self.report = report  # None: the settled block of ``cluster``
        self.docs = docs  # (clock, report id)


def entity_counts(actors: Counter[str], places: Counter[str]) -> Counter[str]:
    """Actor and place ids counted together (``a:…``, ``p:…``), as groups compare them."""
    counts = Counter({f"a:{a}": n for a, n in actors.items()})
    counts.update({f"p:{p}": n for p, n in places.items()})
    return counts


def cut(weights: Mapping[str, float], top: int, idf: Callable[[str], float]) -> dict[str, float]:
    """The ``top`` heaviest terms under the current IDF (ties by term)."""
    if len(weights) <= top:
        return dict(weights)
    kept = heapq.nsmallest(top, weights.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0]))
    return dict(kept)


def widen(
    first: dt.date | None,
    last: dt.date | None,
    other_first: dt.date | None,
    other_last: dt.date | None,
) -> tuple[dt.date | None, dt.date | None]:
    if other_first is None or other_last is None:
        return first, last
    if first is None or last is None:
        return other_first, other_last
    return min(first, other_first), max(last, other_last)


def by_count(counts: Counter[str]) -> list[str]:
    return [item for item, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def export_cluster(cluster: Cluster) -> StoryState:
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
        serial=cluster.serial,
        clocks=tuple(cluster.clocks),
        open=tuple(
            ReportState(r.id, r.clock, tuple(r.vector.items()), r.first, r.last, r.actors, r.places)
            for r in cluster.open
        ),
        settled_sum=tuple(cluster.block.vector.items()),
        settled_first=cluster.block.first,
        settled_last=cluster.block.last,
        settled_actors=tuple(sorted(cluster.block.actors.items())),
        settled_places=tuple(sorted(cluster.block.places.items())),
    )


def import_cluster(story: StoryState) -> Cluster:
    cluster = Cluster(story.id, story.serial)
    cluster.doc_ids = list(story.doc_ids)
    cluster.clocks = list(story.clocks)
    cluster.first, cluster.last = story.first, story.last
    cluster.centroid = dict(story.centroid)
    cluster.surfaces = dict(story.surfaces)
    cluster.actors = Counter(dict(story.actors))
    cluster.places = Counter(dict(story.places))
    cluster.updated, cluster.norm, cluster.norm_at = story.updated, story.norm, story.norm_at
    cluster.open = [
        Report(r.id, r.clock, dict(r.vector), _days(r.first, r.last), r.actors, r.places)
        for r in story.open
    ]
    cluster.block = Tally(
        dict(story.settled_sum),
        story.settled_first,
        story.settled_last,
        Counter(dict(story.settled_actors)),
        Counter(dict(story.settled_places)),
    )
    return cluster


def _days(first: dt.date | None, last: dt.date | None) -> tuple[dt.date, dt.date] | None:
    return None if first is None or last is None else (first, last)
