"""Reading and writing stories, their reports, and the story index they come from.

Functions here take an open connection; ``Store`` wraps each call in a transaction.

The index (``eventwire.link.stories``) is not kept as one document: for 100,000 reports its JSON
form is tens of megabytes, too much to rewrite after every batch. It is spread over one row per
index (``link_state``: options, clock, report count), one per story (``story_states``: the
story's centroid and members as JSON, with its cached length in columns of its own so that a
refreshed length is a small UPDATE) and one per term (``story_terms``: document frequency).
A batch writes only what :class:`~eventwire.link.stories.IndexChanges` names, and checks first
that the stored clock is the one the changes start from, so two runs that both loaded the index
cannot overwrite each other's work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.sql import ColumnElement, Select

from eventwire.errors import NotFoundError, StorageError
from eventwire.link.stories import (
    STATE_VERSION,
    IndexChanges,
    IndexState,
    Story,
    StoryEntities,
    stated_days,
    title,
    title_ids,
)
from eventwire.store.schema import (
    actor_mentions,
    actors,
    article_copies,
    articles,
    events,
    link_state,
    place_mentions,
    places,
    stories,
    story_articles,
    story_states,
    story_terms,
)

STORY_INDEX = "stories"  # link_state.name of the story index
_CHUNK = 500  # ids per IN (...) list
_STATE_COLUMNS = ("id", "updated", "norm", "norm_at")  # kept in columns, not in the JSON
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """A report of a story, as it was ingested."""

    id: str
    source: str  # the path or URL given to ingest
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date | None
    copies: tuple[str, ...] = ()  # sources of the duplicates and near-duplicates seen later


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """A stored story with its reports, earliest first."""

    id: str
    title: str
    first: dt.date | None
    last: dt.date | None
    n_articles: int
    updated_at: dt.datetime
    articles: tuple[StoryArticle, ...]


# --- the index -------------------------------------------------------------------------------


def load_state(conn: Connection) -> IndexState | None:
    """The saved story index, or None when none was saved.

    Raises ``StoryStateError`` when the saved form does not fit this version of the code.
    """
    head = conn.execute(select(link_state).where(link_state.c.name == STORY_INDEX)).one_or_none()
    if head is None:
        return None
    rows = conn.execute(
        select(story_states).order_by(story_states.c.position, story_states.c.story_id)
    ).all()
    terms = conn.execute(select(story_terms.c.term, story_terms.c.documents)).all()
    data = {
        "version": head.version,
        "options": head.data.get("options", {}) if isinstance(head.data, dict) else None,
        "documents": head.documents,
        "clock": head.clock,
        "df": terms,
        "stories": [
            {
                **row.data,
                "id": row.story_id,
                "updated": row.updated,
                "norm": row.norm,
                "norm_at": row.norm_at,
            }
            for row in rows
        ],
    }
    return IndexState.from_dict(data)


def save_changes(
    conn: Connection,
    changes: IndexChanges,
    shown: Sequence[Story],
    now: dt.datetime,
    titles: Mapping[str, str] | None = None,
) -> None:
    """Apply one batch of index changes (call inside a transaction).

    ``shown`` are the changed stories as they now stand (``StoryIndex.story``), for their
    titles; ``titles`` may give some of them a title of their own (from their events), the
    others get one from their actors, places and terms. StorageError when the stored index is
    not at ``changes.base_clock``: another run changed it since this one loaded it.
    """
    stored = conn.execute(
        select(link_state.c.clock).where(link_state.c.name == STORY_INDEX)
    ).scalar_one_or_none()
    if (stored or 0) != changes.base_clock:
        raise StorageError(
            f"the story index was changed by another run (it is at report {stored or 0}, this "
            f"run loaded it at {changes.base_clock}): run again to continue from the stored index"
        )
    if not changes.changed:
        return
    head = {
        "version": STATE_VERSION,
        "clock": changes.clock,
        "documents": changes.documents,
        "data": {"options": _options_dict(changes)},
        "updated_at": now,
    }
    if stored is None:
        conn.execute(insert(link_state).values(name=STORY_INDEX, **head))
    else:
        conn.execute(update(link_state).where(link_state.c.name == STORY_INDEX).values(**head))
    _save_stories(conn, changes, {story.id: story for story in shown}, now, titles or {})
    _save_norms(conn, changes.norms)
    _save_terms(conn, changes.df)
    _save_membership(conn, changes)


def _save_membership(conn: Connection, changes: IndexChanges) -> None:
    """Where reports now are (added or moved), and stories that no longer exist."""
    if changes.placed:
        for chunk in _chunks([doc for doc, _ in changes.placed]):
            conn.execute(delete(story_articles).where(story_articles.c.article_id.in_(chunk)))
        conn.execute(
            insert(story_articles),
            [{"article_id": doc, "story_id": story} for doc, story in changes.placed],
        )
    for chunk in _chunks(list(changes.removed)):
        conn.execute(delete(story_articles).where(story_articles.c.story_id.in_(chunk)))
        conn.execute(delete(story_states).where(story_states.c.story_id.in_(chunk)))
        conn.execute(delete(stories).where(stories.c.id.in_(chunk)))


def _options_dict(changes: IndexChanges) -> Any:
    empty = IndexState(changes.options, 0, (), (), 0)
    return empty.to_dict()["options"]


def _save_stories(
    conn: Connection,
    changes: IndexChanges,
    shown: Mapping[str, Story],
    now: dt.datetime,
    titles: Mapping[str, str],
) -> None:
    if not changes.stories:
        return
    states = [state for _, state in changes.stories]
    missing = [s.id for s in states if s.id not in shown]
    if missing:
        raise ValueError(f"no Story given for changed stories {missing[:5]}")
    as_dicts = IndexState(changes.options, 0, (), tuple(states), 0).to_dict()["stories"]
    names = _display_names(conn, shown.values())
    known = set(_in_chunks(conn, select(stories.c.id), stories.c.id, [s.id for s in states]))
    story_rows, state_rows = [], []
    for (position, state), data in zip(changes.stories, as_dicts, strict=True):
        story = shown[state.id]
        story_rows.append(
            {
                "key": state.id,
                "title": titles.get(state.id) or title(story, names),
                "first_date": story.first,
                "last_date": story.last,
                "n_articles": len(story.doc_ids),
                "updated_at": now,
            }
        )
        state_rows.append(
            {
                "key": state.id,
                "position": position,
                "updated": state.updated,
                "norm": state.norm,
                "norm_at": state.norm_at,
                "data": {k: v for k, v in data.items() if k not in _STATE_COLUMNS},
            }
        )
    new_stories = [_keyed(row, "id") for row in story_rows if row["key"] not in known]
    new_states = [_keyed(row, "story_id") for row in state_rows if row["key"] not in known]
    old_stories = [row for row in story_rows if row["key"] in known]
    old_states = [row for row in state_rows if row["key"] in known]
    if new_stories:
        conn.execute(insert(stories), new_stories)
        conn.execute(insert(story_states), new_states)
    if old_stories:
        _update_by_key(conn, stories, stories.c.id, old_stories)
        _update_by_key(conn, story_states, story_states.c.story_id, old_states)


def _display_names(conn: Connection, shown: Iterable[Story]) -> dict[str, str]:
    """Stored names of the actors and places a story title may show (its first two and one)."""
    actor_ids: set[str] = set()
    place_ids: set[str] = set()
    for story in shown:
        heads = title_ids(story)
        place_ids.update(i for i in heads if i in story.places)
        actor_ids.update(i for i in heads if i not in story.places)
    names: dict[str, str] = {}
    for table, ids in ((actors, actor_ids), (places, place_ids)):
        stmt = select(table.c.id, table.c.name)
        for chunk in _chunks(sorted(ids)):
            names.update(
                (row.id, row.name) for row in conn.execute(stmt.where(table.c.id.in_(chunk)))
            )
    return names


def _keyed(row: dict[str, Any], name: str) -> dict[str, Any]:
    out = dict(row)
    out[name] = out.pop("key")
    return out


def _update_by_key(
    conn: Connection, table: Table, key: ColumnElement[Any], rows: Sequence[Mapping[str, Any]]
) -> None:
    """``UPDATE table SET c = :c, ... WHERE key = :key`` once per row (one executemany).

    Every row has the same names; ``key`` holds the key. Parameters get a prefix: SQLAlchemy
    keeps plain column names for itself in a SET clause.
    """
    names = [name for name in rows[0] if name != "key"]
    stmt = (
        update(table)
        .where(key == bindparam("p_key"))
        .values({name: bindparam(f"p_{name}") for name in names})
    )
    conn.execute(stmt, [{f"p_{name}": value for name, value in row.items()} for row in rows])


def _save_norms(conn: Connection, norms: Sequence[tuple[str, float, int]]) -> None:
    if not norms:
        return
    rows = [{"key": story, "norm": value, "norm_at": at} for story, value, at in norms]
    _update_by_key(conn, story_states, story_states.c.story_id, rows)


def _save_terms(conn: Connection, df: Sequence[tuple[str, int]]) -> None:
    """Document frequencies of the terms that moved: replaced (delete, insert), on any back end."""
    if not df:
        return
    for chunk in _chunks([term for term, _ in df]):
        conn.execute(delete(story_terms).where(story_terms.c.term.in_(chunk)))
    conn.execute(insert(story_terms), [{"term": t, "documents": n} for t, n in df])


# --- reading stories -------------------------------------------------------------------------


def list_stories(conn: Connection, *, limit: int | None, offset: int = 0) -> list[StoryRecord]:
    """Stories, newest first (latest report date; stories without dates last)."""
    stmt = (
        select(stories)
        .order_by(
            stories.c.last_date.desc().nulls_last(), stories.c.updated_at.desc(), stories.c.id
        )
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).all()
    members = _members(conn, [row.id for row in rows])
    return [_record(row, members.get(row.id, ())) for row in rows]


def get_story(conn: Connection, story_id: str) -> StoryRecord:
    """One story by id; NotFoundError when there is none."""
    row = conn.execute(select(stories).where(stories.c.id == story_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"no story with id {story_id!r}")
    return _record(row, _members(conn, [story_id]).get(story_id, ()))


def story_entities(
    conn: Connection, article_ids: Sequence[str], actor_kinds: Iterable[str]
) -> dict[str, StoryEntities]:
    """Stored actor ids (of the given kinds), resolved place ids and stated days of each
    article."""
    kinds = list(actor_kinds)
    found: dict[str, tuple[set[str], set[str]]] = {a: (set(), set()) for a in article_ids}
    dates: dict[str, list[tuple[str, str, str]]] = {a: [] for a in article_ids}
    for chunk in _chunks(list(article_ids)):
        named = conn.execute(
            select(actor_mentions.c.article_id, actor_mentions.c.actor_id)
            .join(actors, actors.c.id == actor_mentions.c.actor_id)
            .where(actor_mentions.c.article_id.in_(chunk), actors.c.kind.in_(kinds))
            .distinct()
        )
        for article_id, actor_id in named:
            found[article_id][0].add(actor_id)
        placed = conn.execute(
            select(place_mentions.c.article_id, place_mentions.c.place_id)
            .where(place_mentions.c.article_id.in_(chunk), place_mentions.c.place_id.is_not(None))
            .distinct()
        )
        for article_id, place_id in placed:
            found[article_id][1].add(place_id)
        dated = conn.execute(
            select(
                events.c.article_id,
                events.c.date_value,
                events.c.date_derivation,
                events.c.factuality,
            ).where(events.c.article_id.in_(chunk), events.c.date_value.is_not(None))
        )
        for article_id, value, derivation, factuality in dated:
            dates[article_id].append((value, derivation or "", factuality))
    return {
        a: StoryEntities(frozenset(x), frozenset(p), stated_days(dates[a]))
        for a, (x, p) in found.items()
    }


def articles_without_story(conn: Connection, article_ids: Sequence[str]) -> set[str]:
    """Those of ``article_ids`` that are in no story."""
    column = story_articles.c.article_id
    return set(article_ids) - set(_in_chunks(conn, select(column), column, article_ids))


def _members(conn: Connection, story_ids: Sequence[str]) -> dict[str, tuple[StoryArticle, ...]]:
    out: dict[str, list[StoryArticle]] = {}
    stmt = (
        select(
            story_articles.c.story_id,
            articles.c.id,
            articles.c.source,
            articles.c.url,
            articles.c.outlet,
            articles.c.title,
            articles.c.published,
        )
        .join(articles, articles.c.id == story_articles.c.article_id)
        .order_by(articles.c.published.nulls_last(), articles.c.seq)
    )
    copies_stmt = (
        select(article_copies.c.article_id, article_copies.c.source)
        .join(story_articles, story_articles.c.article_id == article_copies.c.article_id)
        .order_by(article_copies.c.seen_at, article_copies.c.id)
    )
    for chunk in _chunks(list(story_ids)):
        copies: dict[str, list[str]] = {}
        for article_id, source in conn.execute(
            copies_stmt.where(story_articles.c.story_id.in_(chunk))
        ):
            copies.setdefault(article_id, []).append(source)
        for row in conn.execute(stmt.where(story_articles.c.story_id.in_(chunk))):
            out.setdefault(row.story_id, []).append(
                StoryArticle(
                    row.id,
                    row.source,
                    row.url,
                    row.outlet,
                    row.title,
                    row.published,
                    tuple(copies.get(row.id, ())),
                )
            )
    return {key: tuple(value) for key, value in out.items()}


def _record(row: Any, members: tuple[StoryArticle, ...]) -> StoryRecord:
    return StoryRecord(
        id=row.id,
        title=row.title,
        first=row.first_date,
        last=row.last_date,
        n_articles=row.n_articles,
        updated_at=row.updated_at,
        articles=members,
    )


def _chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _in_chunks(conn: Connection, stmt: Select[Any], column: Any, keys: Sequence[str]) -> list[Any]:
    """The first column of ``stmt`` restricted to ``column IN keys``, a chunk at a time."""
    out: list[Any] = []
    for chunk in _chunks(keys):
        out.extend(conn.execute(stmt.where(column.in_(chunk))).scalars())
    return out
