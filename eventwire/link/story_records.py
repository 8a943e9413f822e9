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

STATE_VERSION = 1


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
    """How reports are compared and when one joins a story (rules in the module docstring)."""

    threshold: float = 0.25
    text_floor: float = 0.15
    entity_weight: float = 0.25
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

    def __post_init__(self) -> None:
        for name in ("threshold", "text_floor", "entity_weight", "core_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {getattr(self, name)}")
        if self.idf_prior < 0:
            raise ValueError(f"idf_prior must not be negative, not {self.idf_prior}")
        for name in ("centroid_terms", "query_terms", "candidates", "max_postings"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
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
class StoryState:
    """One story of an exported index. ``centroid`` weights are IDF-free; ``updated`` is a clock."""

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
        """Read ``to_dict``'s form back; raises ``StoryStateError`` when it does not fit."""
        try:
            if data["version"] != STATE_VERSION:
                raise StoryStateError(f"story index state version {data['version']!r} unknown")
            known = {f.name for f in fields(StoryOptions)}
            options = StoryOptions(**{k: v for k, v in data["options"].items() if k in known})
            return cls(
                options=options,
                documents=int(data["documents"]),
                df=tuple((str(term), int(count)) for term, count in data["df"]),
                stories=tuple(_story_state_from(item) for item in data["stories"]),
                clock=int(data["clock"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoryStateError(f"story index state cannot be read: {exc!r}") from exc


@dataclass(frozen=True, slots=True)
class IndexChanges:
    """What changed in an index between two ``take_changes`` calls; applied to the state saved
    at ``base_clock`` it gives the state at ``clock``.

    ``stories`` are the stories that gained reports, whole, each with its position in opening
    order; ``norms`` are ``(story id, norm, norm_at)`` of other stories whose cached length was
    refreshed; ``df`` the new counts of the terms whose count moved; ``joined`` the reports added,
    ``(report id, story id)`` in the order they came.
    """

    options: StoryOptions
    base_clock: int
    clock: int
    documents: int
    df: tuple[tuple[str, int], ...]
    stories: tuple[tuple[int, StoryState], ...]
    norms: tuple[tuple[str, float, int], ...]
    joined: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        """Whether any report was added (nothing else changes without one)."""
        return self.clock != self.base_clock


def _story_state_dict(story: StoryState) -> dict[str, Any]:
    data = asdict(story)
    for key in ("first", "last"):
        data[key] = None if data[key] is None else data[key].isoformat()
    data["doc_ids"] = list(story.doc_ids)
    for key in ("centroid", "surfaces", "actors", "places"):
        data[key] = [list(pair) for pair in data[key]]
    return data


def _story_state_from(data: Mapping[str, Any]) -> StoryState:
    def day(value: Any) -> dt.date | None:
        return None if value is None else dt.date.fromisoformat(value)

    return StoryState(
        id=str(data["id"]),
        doc_ids=tuple(str(d) for d in data["doc_ids"]),
        first=day(data["first"]),
        last=day(data["last"]),
        centroid=tuple((str(t), float(w)) for t, w in data["centroid"]),
        surfaces=tuple((str(t), str(s)) for t, s in data["surfaces"]),
        actors=tuple((str(a), int(n)) for a, n in data["actors"]),
        places=tuple((str(p), int(n)) for p, n in data["places"]),
        updated=int(data["updated"]),
        norm=float(data["norm"]),
        norm_at=int(data["norm_at"]),
    )
