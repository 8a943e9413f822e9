"""Average-link agglomeration of a few parts: the step that lets a story index repair itself.

When a report arrives, :class:`~eventwire.link.stories.StoryIndex` takes the stories near it
apart into *parts* (each recent report alone, the settled rest of a story as one block) and
groups the parts again, with the report among them. Groups merge greedily, best pair first,
while their link reaches the threshold. The text part of a link is the *average* cosine
between the two groups' reports, which sums of unit vectors give exactly: the dot product of
the two sums over the product of their sizes. So merging two groups adds their rows of dot
products, and no report vector is compared twice.

The caller's ``link`` turns that average into the final score (time, shared actors and places).
Ties go to the pair with the lower indexes, so the same parts in the same order always give the
same groups.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(slots=True)
class Group:
    """Reports that stay together: how many, their day range and their entity counts."""

    size: int
    first: dt.date | None
    last: dt.date | None
    entities: Counter[str] = field(default_factory=Counter)

    def absorb(self, other: Group) -> None:
        self.size += other.size
        if other.first is not None and other.last is not None:
            self.first = other.first if self.first is None else min(self.first, other.first)
            self.last = other.last if self.last is None else max(self.last, other.last)
        self.entities.update(other.entities)


Link = Callable[[float, Group, Group], float]
"""``link(average cosine, group, group)``: the score two groups merge on."""


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum([w * b[t] for t, w in a.items() if t in b])


def regroup(
    vectors: Sequence[Mapping[str, float]],
    groups: Sequence[Group],
    *,
    link: Link,
    threshold: float,
) -> list[list[int]]:
    """Group parts (``vectors[i]`` is the sum of part ``i``'s unit vectors, ``groups[i]`` its
    size, days and entities) by average link; the groups as lists of part indexes, ascending,
    ordered by their first part."""
    count = len(vectors)
    dots = [[0.0] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            dots[i][j] = dots[j][i] = dot(vectors[i], vectors[j])
    state = [Group(g.size, g.first, g.last, Counter(g.entities)) for g in groups]
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    version = [0] * count
    heap: list[tuple[float, int, int, int, int]] = []

    def push(i: int, j: int) -> None:
        a, b = state[i], state[j]
        score = link(dots[i][j] / (a.size * b.size), a, b)
        if score >= threshold:
            heapq.heappush(heap, (-score, i, j, version[i], version[j]))

    for i in range(count):
        for j in range(i + 1, count):
            push(i, j)
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if i not in members or j not in members or version[i] != vi or version[j] != vj:
            continue
        state[i].absorb(state[j])  # i < j: the merged group keeps the lower index
        members[i].extend(members.pop(j))
        version[i] += 1
        for k in members:
            if k != i:
                dots[i][k] = dots[k][i] = dots[i][k] + dots[j][k]
        for k in members:
            if k != i:
                push(min(i, k), max(i, k))
    return [sorted(parts) for _, parts in sorted(members.items())]
