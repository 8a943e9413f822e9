"""Typed records passed between stages. Frozen and slotted: stages make new records, never edit."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace


class SegmentKind(enum.StrEnum):
    """What a stretch of an article's cleaned text is. Only ``TITLE`` and ``BODY`` are narrative."""

    TITLE = "title"
    BODY = "body"
    CAPTION = "caption"  # photo caption or credit line: kept, never treated as the story
    BYLINE = "byline"  # "By Jane Doe", "Reporting by ..."
    BOILERPLATE = "boilerplate"  # outlet labels, "Read more", share widgets, navigation

    @property
    def is_narrative(self) -> bool:
        return self in (SegmentKind.TITLE, SegmentKind.BODY)


class DateSource(enum.StrEnum):
    """Where an article's publication date came from, best first."""

    META = "meta"  # a sidecar meta.jsonl line
    CLI = "cli"  # --published on the command line
    RECORD = "record"  # a field of a JSONL/CSV record or a feed entry
    HTML = "html"  # the page's own metadata (meta tags, JSON-LD, <time>)
    WARC = "warc"  # the WARC record's capture date (an upper bound, not the publication date)
    URL = "url"  # a date pattern in the URL, e.g. /2019-02-24/
    DATELINE = "dateline"  # a dateline at the top of the text


class RejectReason(enum.StrEnum):
    """Why an input, or one record of it, produced no article."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too-large"
    BAD_ENCODING = "bad-encoding"
    MALFORMED = "malformed"
    NO_TEXT = "no-text"
    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported"
    FETCH_FAILED = "fetch-failed"


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph-sized stretch of ``Article.text`` with its kind and, where known, raw offsets.

    ``start``/``end`` index ``Article.text``. ``raw_start``/``raw_end`` index ``Article.raw`` and
    cover the same characters: cleaning only makes length-preserving changes inside a segment, so
    ``text[start + i]`` comes from ``raw[raw_start + i]``. They are ``None`` where the text was
    rebuilt from markup (HTML entities, tags) and no verbatim match was found.
    """

    kind: SegmentKind
    start: int
    end: int
    raw_start: int | None = None
    raw_end: int | None = None

    def to_raw(self, offset: int) -> int | None:
        """Map an offset of ``Article.text`` inside this segment to an offset of ``Article.raw``."""
        if self.raw_start is None or not self.start <= offset <= self.end:
            return None
        return self.raw_start + (offset - self.start)


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What is known of an input besides its content: from meta.jsonl, CLI flags or the record."""

    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_source: DateSource | None = None
    title: str | None = None
    language: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned news report.

    ``source`` is the path or URL exactly as given to ``eventwire ingest`` (for a record inside a
    container file: ``path#record-id``). ``text`` is the cleaned text; ``segments`` cover it in
    order and say which parts are narrative. ``raw`` is the decoded input the offsets point into.
    """

    source: str
    text: str
    segments: tuple[Segment, ...]
    raw: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_source: DateSource | None = None
    language: str | None = None
    author: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalised narrative text: equal for byte-identical stories."""
        norm = " ".join(self.narrative_text().split()).casefold()
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """A stable id derived from the content, the same on every machine and every run."""
        return self.content_hash[:16]

    def segments_of(self, *kinds: SegmentKind) -> Iterator[Segment]:
        return (s for s in self.segments if s.kind in kinds)

    def narrative_text(self) -> str:
        """The body paragraphs (not title, captions or boilerplate), joined by blank lines."""
        return "\n\n".join(self.text[s.start : s.end] for s in self.segments_of(SegmentKind.BODY))


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input (or one record of it) that produced no article, and why."""

    source: str
    reason: RejectReason
    detail: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason.value}: {self.detail}"


class IngestStatus(enum.StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"  # the same text is stored already (re-run, or a byte-identical copy)
    NEAR_DUPLICATE = "near-duplicate"  # a syndicated copy or minor edit of a stored article
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one input record during ingest."""

    source: str
    status: IngestStatus
    article_id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    rejection: Rejection | None = None


# --- Events: actors, event mentions, factuality (filled by eventwire.nlp) --------------------


class ActorKind(enum.StrEnum):
    PERSON = "person"
    COUNTRY = "country"  # a state or its government as an agent ("Washington", "the North")
    ORGANIZATION = "organization"  # ministries, agencies, armies, parties, news agencies, IGOs
    GROUP = "group"  # unnamed collectives: "officials", "protesters", "experts"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor. ``id`` is stable across articles and runs (derived, never a counter).

    ``country`` is ISO 3166 alpha-3 or one of PLOVER's IGO/UNO/EUR/NGO/MNC; ``sector`` a
    PLOVER/CAMEO sector code (GOV, MIL, LEG, JUD, MED, PTY, REB, OPP, BUS, CVL, ...).
    """

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    role: str | None = None  # as learned from the text: "leader", "president", "foreign minister"

    @property
    def unnamed(self) -> bool:
        """A side the text leaves unsaid, stood in for by its country (``eventwire.nlp.unstated``):
        no evidence of who acted, so never a reason to join or split reports."""
        return self.id.startswith(UNNAMED_PREFIX)


UNNAMED_PREFIX = "unnamed:"  # the id of an unnamed actor: "unnamed:NGA"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Character offsets into ``Article.text`` and the text there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place in the text that refers to an actor ("Mr Kim", "he", "Pyongyang")."""

    actor: Actor
    span: TextSpan


PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
"""The 16 PLOVER event types, from most cooperative to most conflictual."""


class Factuality(enum.StrEnum):
    ASSERTED = "asserted"  # happened or is happening
    PLANNED = "planned"  # scheduled or announced for the future
    NEGATED = "negated"  # stated not to have happened
    HYPOTHETICAL = "hypothetical"  # could, may, experts expect
    REPORTED = "reported"  # attributed and hedged: "believed to have", "allegedly"


@dataclass(frozen=True, slots=True)
class EventCode:
    """An event's type in PLOVER, with its CAMEO root, QuadClass and intensity for compatibility."""

    type: str  # PLOVER type: AGREE, CONSULT, ..., ASSAULT
    mode: str | None  # PLOVER mode: visit, meet, phone, disarm, change, ...
    cameo: str  # CAMEO code (root or more specific), e.g. "042"
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float  # Goldstein-like, -10 (most conflictual) .. +10 (most cooperative)


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened (or is to happen), resolved on the calendar.

    ``value`` is ISO 8601 at the precision the text supports: ``2019-02-27``, ``2019-02``,
    ``2019``, ``2019-W08``, or a range ``2019-02-27/2019-02-28``. ``derivation`` says how it was
    found: ``explicit`` (a full date in the text), ``publication`` (a relative expression
    resolved against the publication date), ``narrative`` (against the last date mentioned), or
    ``tense`` (no time stated; a present-tense report of an ongoing event = publication date).
    """

    value: str
    precision: str  # day, week, month, year, range
    derivation: str
    span: TextSpan | None = None  # the expression it came from; None when derived from tense


@dataclass(frozen=True, slots=True)
class EventDuration:
    """How long an event lasts (or is to last), as stated: an ISO 8601 duration (``PT48H``,
    ``P4D``), the TIMEX3 modifier that qualifies it (``MORE_THAN``, ``LESS_THAN``, ``APPROX``,
    ...), and the expression it came from."""

    value: str
    mod: str | None
    span: TextSpan

    def hours(self) -> tuple[float, float] | None:
        """The lengths, in hours, the statement allows: a plain amount within 5% of itself (a
        stated "two days" is 48 hours, give or take), "about" within 20%, "more than" from the
        amount up, "less than" up to it. None when the value is not a plain amount."""
        amount = duration_hours(self.value)
        if amount is None:
            return None
        mod = self.mod or ""
        if mod in ("MORE_THAN", "EQUAL_OR_MORE", "START"):
            return amount, math.inf
        if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
            return 0.0, amount
        slack = 0.2 if mod == "APPROX" else 0.05
        return amount * (1 - slack), amount * (1 + slack)


_AMOUNT = r"(\d+(?:\.\d+)?)"
_ISO_DURATION = re.compile(
    f"^P(?:{_AMOUNT}Y)?(?:{_AMOUNT}M)?(?:{_AMOUNT}W)?(?:{_AMOUNT}D)?"
    f"(?:T(?:{_AMOUNT}H)?(?:{_AMOUNT}M)?(?:{_AMOUNT}S)?)?$"
)
_UNIT_HOURS = (24 * 365.25, 24 * 30.44, 24 * 7, 24, 1, 1 / 60, 1 / 3600)


def duration_hours(value: str) -> float | None:
    """An ISO 8601 duration in hours (``PT48H`` -> 48, ``P2D`` -> 48); None for a vague one
    (``PXY``) or anything else."""
    match = _ISO_DURATION.match(value)
    if match is None or not any(match.groups()):
        return None
    return sum(float(n) * unit for n, unit in zip(match.groups(), _UNIT_HOURS, strict=True) if n)


_DAYS = re.compile(r"^P(\d+)D$")


def duration_days(value: str | None, most: int = 31) -> int | None:
    """A length written in whole days ("a four-day visit": ``P4D`` -> 4), when it is more than
    one day and at most ``most``; None otherwise."""
    match = _DAYS.match(value or "")
    days = int(match.group(1)) if match else 0
    return days if 1 < days <= most else None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a country, first-level region, city or named region, with a point.

    ``id`` is stable across index builds (``geonames:1816670``, ``country:CHN``,
    ``admin1:USA:IL``, ``region:middle-east``); ``country`` is ISO 3166 alpha-3, ``None`` for a
    region spanning several countries; ``feature_class`` follows GeoNames (A, P, L).
    """

    id: str
    name: str
    kind: str  # country, admin1, admin2 (US county), city, region
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature_class: str
    geonames_id: int | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text, resolved in the gazetteer where possible.

    ``facility`` keeps the name of a building or landmark ("Great Hall of the People") whose
    enclosing city is ``place``. ``agent`` marks a place name used as an actor ("Beijing said").
    ``how`` says what decided the resolution: ``name`` (the only or clearly dominant reading),
    ``context`` (the article's other places and actors), ``qualifier`` ("Paris, Texas"),
    ``enclosing`` (a facility placed by the place its name contains or is written with:
    "Pyongyang station", "the palace in Santiago"), ``setting`` (a facility placed in the town
    the article was just talking about), ``anaphor`` ("the capital"),
    ``home`` (a departure from the actor's capital), ``actor`` (a state acting at home, or a
    state's shorthand such as "the North"), ``sentence`` / ``narrative`` (an event's place taken
    from another event of its sentence or of the story just before), ``dateline`` (a domestic
    event placed where the report was filed, for want of anything better) or ``demonym``.
    """

    span: TextSpan
    place: Place | None
    facility: str | None = None
    agent: bool = False
    how: str = "name"


_ISO_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def date_interval(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO value covers: ``2019-02-27``, ``2019-02``, ``2019``,
    ``2019-W08`` or a range ``A/B``. A time of day is ignored. Raises ``ValueError`` otherwise.
    """
    parts = value.strip().split("/")
    if len(parts) == 2:
        start, _ = date_interval(parts[0])
        _, end = date_interval(parts[1])
        if end < start:
            raise ValueError(f"range ends before it starts: {value!r}")
        return start, end
    if len(parts) != 1:
        raise ValueError(f"not an ISO date or range: {value!r}")
    text = parts[0].split("T", 1)[0]
    week = _ISO_WEEK.fullmatch(text)
    if week is not None:
        monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday, monday + dt.timedelta(days=6)
    match = _ISO_DAY.fullmatch(text)
    if match is None:
        raise ValueError(f"not an ISO date or range: {value!r}")
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.group(2, 3))
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day_value = dt.date(year, month, day)
    return day_value, day_value


@dataclass(frozen=True, slots=True)
class Event:
    """One event mention: an event as one sentence of one article states it, with evidence."""

    article_id: str
    sentence: TextSpan
    trigger: TextSpan
    code: EventCode
    factuality: Factuality
    source: ActorMention | None = None
    target: ActorMention | None = None
    others: tuple[ActorMention, ...] = ()
    location: TextSpan | None = None  # where it happened, as written (resolution: places stage)
    times: tuple[TextSpan, ...] = ()  # time expressions about it (resolution: dates stage)
    said_by: TextSpan | None = None  # who the article attributes it to
    date: EventDate | None = None  # resolved by the dates stage (eventwire.nlp.event_dates)
    duration: EventDuration | None = None  # how long, as stated (dates stage)
    place: PlaceMention | None = None  # where it happened, resolved (eventwire.places)

    @property
    def id(self) -> str:
        key = f"{self.article_id}:{self.trigger.start}:{self.trigger.end}:{self.code.type}"
        source = self.source.actor.id if self.source else ""
        target = self.target.actor.id if self.target else ""
        place = f":{self.location.start}" if self.location else ""  # one event per place listed
        return hashlib.sha256(f"{key}:{source}:{target}{place}".encode()).hexdigest()[:16]

    def named_only(self) -> Event:
        """This event without the sides the text leaves unsaid (``Actor.unnamed``): only what
        the text names. The event itself when it has none."""
        source = None if self.source is not None and self.source.actor.unnamed else self.source
        target = None if self.target is not None and self.target.actor.unnamed else self.target
        if source is self.source and target is self.target:
            return self
        return replace(self, source=source, target=target)


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What the NLP stage found in one article: every actor mention and every event mention."""

    article_id: str
    actors: tuple[ActorMention, ...]
    events: tuple[Event, ...]
    version: str
    places: tuple[PlaceMention, ...] = ()  # every toponym of the article, resolved
