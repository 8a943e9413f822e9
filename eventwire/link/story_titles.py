"""Story titles and date ranges for display."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from eventwire.link.story_records import Story

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
