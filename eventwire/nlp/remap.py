"""Give an article's actor mentions new actors, in its mention list and in its events alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from eventwire.models import ActorMention, Event

Relabel = Callable[[ActorMention], ActorMention]


def remap(
    mentions: Sequence[ActorMention], events: Sequence[Event], relabel: Relabel
) -> tuple[list[ActorMention], list[Event]]:
    """``mentions`` and the sources, targets and other participants of ``events``, each passed
    through ``relabel`` (which returns a mention unchanged when it has nothing to say)."""

    def one(mention: ActorMention | None) -> ActorMention | None:
        return None if mention is None else relabel(mention)

    out_events = [
        replace(
            e,
            source=one(e.source),
            target=one(e.target),
            others=tuple(relabel(o) for o in e.others),
        )
        for e in events
    ]
    return [relabel(m) for m in mentions], out_events
