"""Maximum-weight one-to-one matching in a small bipartite graph (the Hungarian method)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

_INF = 1 << 62


def max_weight_matching(weights: Mapping[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The pairs ``(left, right)`` of a one-to-one matching with the largest total weight.

    ``weights`` holds the allowed pairs and their positive weights; other pairs cannot be matched.
    Ties are broken by input order, so the result is deterministic. O(n²m) for n ≤ m nodes a side,
    meant for the small groups of mentions that share an article, a sentence and a type.
    """
    if not weights:
        return []
    lefts = sorted({a for a, _ in weights})
    rights = sorted({b for _, b in weights})
    transpose = len(lefts) > len(rights)
    rows, cols = (rights, lefts) if transpose else (lefts, rights)

    def cost(i: int, j: int) -> int:
        key = (cols[j], rows[i]) if transpose else (rows[i], cols[j])
        return -weights.get(key, 0)  # an unmatched row (cost 0) is always possible

    assigned = _hungarian(len(rows), len(cols), cost)
    pairs = []
    for i, j in enumerate(assigned):
        key = (cols[j], rows[i]) if transpose else (rows[i], cols[j])
        if key in weights:
            pairs.append(key)
    return sorted(pairs)


def _hungarian(n: int, m: int, cost: Callable[[int, int], int]) -> list[int]:
    """Minimum-cost assignment of ``n`` rows to distinct columns of ``m`` (n ≤ m).

    The potentials form of the Kuhn–Munkres method, 1-based inside. Returns each row's column.
    """
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # the row assigned to each column, 0 = none
    for row in range(1, n + 1):
        free, way = _shortest_augmenting_path(row, cost, u, v, owner)
        while free:  # flip the path: every column on it passes to the previous row
            previous = way[free]
            owner[free] = owner[previous]
            free = previous
    result = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result


def _shortest_augmenting_path(
    row: int, cost: Callable[[int, int], int], u: list[int], v: list[int], owner: list[int]
) -> tuple[int, list[int]]:
    """Grow reduced-cost shortest paths from ``row`` until a free column is reached, updating the
    potentials ``u``, ``v``. Returns that column and the predecessor of each column on the path."""
    m = len(owner) - 1
    owner[0] = row
    way = [0] * (m + 1)
    minv = [_INF] * (m + 1)
    used = [False] * (m + 1)
    j0 = 0
    while True:
        used[j0] = True
        i0 = owner[j0]
        delta, j1 = _INF, 0
        for j in range(1, m + 1):
            if used[j]:
                continue
            reduced = cost(i0 - 1, j - 1) - u[i0] - v[j]
            if reduced < minv[j]:
                minv[j], way[j] = reduced, j0
            if minv[j] < delta:
                delta, j1 = minv[j], j
        for j in range(m + 1):
            if used[j]:
                u[owner[j]] += delta
                v[j] -= delta
            else:
                minv[j] -= delta
        j0 = j1
        if owner[j0] == 0:
            return j0, way
