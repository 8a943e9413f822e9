"""The records of story linking: reports in, stories out, and the index state that carries a
:class:`~eventwire.link.stories.StoryIndex` from one run to the next (whole, or as the changes
of one batch)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from eventwire.errors import EventwireError
from eventwire.models import date_interval

STATE_VERSION = 2
READABLE_VERSIONS = (1, 2)  # a version 1 state loads with every report settled (see IndexState)


class StoryStateError(EventwireError):
    """An exported story index cannot be read back (wrong version, missing or bad fields)."""


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """What story clustering needs of a report; ``actors`` and ``places`` are ids. ``stated``
    matters only for a report without a publication date: the days its own latest explicitly
    dated event covers (:func:`stated_days`), so that undated reports are still placed in time."""

    id: str
    title: str
    text: str
    published: dt.date | None
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    stated: tuple[dt.date, dt.date] | None = None

    @property
    def days(self) -> tuple[dt.date, dt.date] | None:
        """The report's time: its publication day, else the days it states, else None."""
        if self.published is not None:
            return self.published, self.published
        return self.stated


@dataclass(frozen=True, slots=True)
class StoryEntities:
    """What story linking uses of an article's analysis: actor and place ids, and the days it
    states (:func:`stated_days`)."""

    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    stated: tuple[dt.date, dt.date] | None = None


HAPPENED = frozenset({"asserted", "reported"})
MAX_STATED_DAYS = 31  # a day, a range of days, a week or a month; not a year


def stated_days(dates: Iterable[tuple[str, str, str]]) -> tuple[dt.date, dt.date] | None:
    """The days of the latest event a report dates explicitly to a day or a month ("on March 3,
    2011", "in March 2011") and states as having happened, from ``(value, derivation,
    factuality)`` of its events' dates. Relative dates are left out: a report without a
    publication date cannot resolve them. A year alone is left out too: it says little against
    a story's month-long gaps, and years in news are mostly background ("since 2011"). A news
    report's latest explicit date is most often its own news; earlier ones are background."""
    found = []
    for value, derivation, factuality in dates:
        if derivation != "explicit" or factuality not in HAPPENED:
            continue
        try:
            first, last = date_interval(value)
        except ValueError:
            continue
        if (last - first).days <= MAX_STATED_DAYS:
            found.append((first, last))
    return max(found, key=lambda days: (days[1], days[0])) if found else None


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How reports are compared and grouped (rules in ``eventwire.link.stories``)."""

    threshold: float = 0.16
    text_floor: float = 0.1
    entity_weight: float = 0.0
    core_share: float = 1 / 3
    grace_days: int = 3
    half_life_days: float = 7.0
    max_gap_days: int = 30
    centroid_terms: int = 100
    query_terms: int = 30
    candidates: int = 10
    max_postings: int = 2000
    title_weight: float = 2.0
    idf_prior: int = 1000
    neighbourhood: int = 3
    reach: float = 0.08
    open_reports: int = 20
    settle_after: int = 10_000

    def __post_init__(self) -> None:
        for name in ("threshold", "text_floor", "entity_weight", "core_share", "reach"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {getattr(self, name)}")
        if self.idf_prior < 0:
            raise ValueError(f"idf_prior must not be negative, not {self.idf_prior}")
        for name in (
            "centroid_terms",
            "query_terms",
            "candidates",
            "max_postings",
            "neighbourhood",
            "settle_after",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.open_reports < 0:
            raise ValueError(f"open_reports must not be negative, not {self.open_reports}")
        if self.grace_days < 0 or self.max_gap_days < self.grace_days:
            raise ValueError("need 0 <= grace_days <= max_gap_days")
        if self.half_life_days <= 0 or self.title_weight <= 0:
            raise ValueError("half_life_days and title_weight must be positive")


@dataclass(frozen=True, slots=True)
class Story:
    """A story as it stands: reports in arrival order, date range, heaviest terms and names."""

    id: str
    doc_ids: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None
    terms: tuple[str, ...]  # heaviest plain terms (lower case, plurals folded)
    names: tuple[str, ...]  # heaviest capitalised names, as written ("Kim Jong Un")
    actors: tuple[str, ...]  # actor ids, most frequent first
    places: tuple[str, ...]  # place ids, most frequent first


@dataclass(frozen=True, slots=True)
class ReportState:
    """An open report of a story: its unit vector (IDF-free weights, see
    ``eventwire.link.text``), days and entity ids, kept so that it can still move."""

    id: str
    clock: int
    vector: tuple[tuple[str, float], ...]
    first: dt.date | None
    last: dt.date | None
    actors: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryState:
    """One story of an exported index. ``centroid`` weights are IDF-free; ``updated`` is a clock.

    ``serial`` is the story's place in opening order (never reused). Its last reports are
    ``open`` (kept whole); the ``settled`` rest is kept as one block: the sum of their vectors
    (``settled_sum``, cut like the centroid), how many, their day range and entity counts.
    ``clocks`` are the arrival clocks of ``doc_ids``.
    """

    id: str
    doc_ids: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None
    centroid: tuple[tuple[str, float], ...]
    surfaces: tuple[tuple[str, str], ...]
    actors: tuple[tuple[str, int], ...]
    places: tuple[tuple[str, int], ...]
    updated: int
    norm: float
    norm_at: int
    serial: int = 0
    clocks: tuple[int, ...] = ()
    open: tuple[ReportState, ...] = ()
    settled_sum: tuple[tuple[str, float], ...] = ()
    settled_first: dt.date | None = None
    settled_last: dt.date | None = None
    settled_actors: tuple[tuple[str, int], ...] = ()
    settled_places: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class IndexState:
    """Everything a :class:`StoryIndex` needs to continue; stories in the order they opened."""

    options: StoryOptions
    documents: int
    df: tuple[tuple[str, int], ...]
    stories: tuple[StoryState, ...]
    clock: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (dates as ISO strings, pairs as two-item lists)."""
        return {
            "version": STATE_VERSION,
            "options": asdict(self.options),
            "documents": self.documents,
            "clock": self.clock,
            "df": [list(pair) for pair in self.df],
            "stories": [_story_state_dict(story) for story in self.stories],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IndexState:
        """Read ``to_dict``'s form back; raises ``StoryStateError`` when it does not fit.

        A version 1 state (before stories kept their open reports) loads with default options
        (its threshold was on another scale) and every report settled: its stories can still
        grow and merge, but no longer split. So does a version 1 story in a version 2 state (a
        store saves only the stories that changed)."""
        try:
            version = data["version"]
            if version not in READABLE_VERSIONS:
                raise StoryStateError(f"story index state version {version!r} unknown")
            known = {f.name for f in fields(StoryOptions)}
            options = (
                StoryOptions(**{k: v for k, v in data["options"].items() if k in known})
                if version == STATE_VERSION
                else StoryOptions()
            )
            return cls(
                options=options,
                documents=int(data["documents"]),
                df=tuple((str(term), int(count)) for term, count in data["df"]),
                stories=tuple(_read_story(item, n) for n, item in enumerate(data["stories"])),
                clock=int(data["clock"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoryStateError(f"story index state cannot be read: {exc!r}") from exc


@dataclass(frozen=True, slots=True)
class IndexChanges:
    """What changed in an index between two ``take_changes`` calls; applied to the state saved
    at ``base_clock`` it gives the state at ``clock``.

    ``stories`` are the stories that changed, whole, each with its serial (opening order);
    ``removed`` the ids of stories that no longer exist (their reports moved to others);
    ``norms`` are ``(story id, norm, norm_at)`` of other stories whose cached length was
    refreshed; ``df`` the new counts of the terms whose count moved; ``placed`` the story of
    every report added or moved since, ``(report id, story id)``, each report once.
    """

    options: StoryOptions
    base_clock: int
    clock: int
    documents: int
    df: tuple[tuple[str, int], ...]
    stories: tuple[tuple[int, StoryState], ...]
    norms: tuple[tuple[str, float, int], ...]
    placed: tuple[tuple[str, str], ...]
    removed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any report was added (nothing else changes without one)."""
        return self.clock != self.base_clock


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _story_state_dict(story: StoryState) -> dict[str, Any]:
    # each field as it is (not asdict's deep copy): every one that is not a scalar is converted
    data = {f.name: getattr(story, f.name) for f in fields(story)}
    for key in ("first", "last", "settled_first", "settled_last"):
        data[key] = _iso(data[key])
    data["doc_ids"] = list(story.doc_ids)
    data["clocks"] = list(story.clocks)
    pairs = ("centroid", "surfaces", "actors", "places", "settled_sum", "settled_actors")
    for key in (*pairs, "settled_places"):
        data[key] = [list(pair) for pair in data[key]]
    data["open"] = [
        {
            "id": report.id,
            "clock": report.clock,
            "vector": [list(pair) for pair in report.vector],
            "first": _iso(report.first),
            "last": _iso(report.last),
            "actors": list(report.actors),
            "places": list(report.places),
        }
        for report in story.open
    ]
    return data


def _pairs(items: Any, kind: type[float] | type[int] | type[str]) -> tuple[Any, ...]:
    return tuple((str(key), kind(value)) for key, value in items)


def _read_story(data: Mapping[str, Any], serial: int) -> StoryState:
    return (_story_state_from if "clocks" in data else _settled_story_from)(data, serial)


def _story_state_from(data: Mapping[str, Any], serial: int) -> StoryState:
    """A version 2 story (``serial`` is only a fallback: the state carries its own)."""
    return StoryState(
        id=str(data["id"]),
        doc_ids=tuple(str(d) for d in data["doc_ids"]),
        first=_day(data["first"]),
        last=_day(data["last"]),
        centroid=_pairs(data["centroid"], float),
        surfaces=_pairs(data["surfaces"], str),
        actors=_pairs(data["actors"], int),
        places=_pairs(data["places"], int),
        updated=int(data["updated"]),
        norm=float(data["norm"]),
        norm_at=int(data["norm_at"]),
        serial=int(data.get("serial", serial)),
        clocks=tuple(int(c) for c in data["clocks"]),
        open=tuple(
            ReportState(
                id=str(r["id"]),
                clock=int(r["clock"]),
                vector=_pairs(r["vector"], float),
                first=_day(r["first"]),
                last=_day(r["last"]),
                actors=tuple(str(a) for a in r["actors"]),
                places=tuple(str(p) for p in r["places"]),
            )
            for r in data["open"]
        ),
        settled_sum=_pairs(data["settled_sum"], float),
        settled_first=_day(data["settled_first"]),
        settled_last=_day(data["settled_last"]),
        settled_actors=_pairs(data["settled_actors"], int),
        settled_places=_pairs(data["settled_places"], int),
    )


def _settled_story_from(data: Mapping[str, Any], serial: int) -> StoryState:
    """A version 1 story: all its reports settled, its centroid their sum."""
    doc_ids = tuple(str(d) for d in data["doc_ids"])
    centroid = _pairs(data["centroid"], float)
    actors, places = _pairs(data["actors"], int), _pairs(data["places"], int)
    first, last = _day(data["first"]), _day(data["last"])
    updated = int(data["updated"])
    return StoryState(
        id=str(data["id"]),
        doc_ids=doc_ids,
        first=first,
        last=last,
        centroid=centroid,
        surfaces=_pairs(data["surfaces"], str),
        actors=actors,
        places=places,
        updated=updated,
        norm=float(data["norm"]),
        norm_at=int(data["norm_at"]),
        serial=serial,
        clocks=(updated,) * len(doc_ids),  # arrival clocks were not kept: the last join's
        settled_sum=centroid,
        settled_first=first,
        settled_last=last,
        settled_actors=actors,
        settled_places=places,
    )
