"""MinHash signatures of shingle sets, and a banded LSH index to find the near-identical ones.

A signature is ``num_perm`` 32-bit values: each shingle is hashed (the first four bytes of its
SHA-1, little-endian), mixed once with the MurmurHash3 32-bit finaliser, then sent through
``num_perm`` affine maps ``h -> a*h + b (mod 2**32)`` with odd ``a``; each value is the least image
over the set. The maps' parameters come from NumPy's ``RandomState(seed)``: first the ``a`` halves,
then the ``b``s. This is the "affine32" scheme of the datasketch library (2.0), which eventwire
used before: signatures already stored stay comparable, value for value.

The LSH index cuts a signature into ``bands`` of ``rows`` values; two signatures sharing a band are
candidates. ``bands`` and ``rows`` minimise the sum of the false-positive mass below the threshold
and the false-negative mass above it (the usual S-curve trade-off, weighted equally).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

Signature = npt.NDArray[np.uint32]

EMPTY = np.uint32(0xFFFFFFFF)  # the value of a slot no shingle reached
_FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)
_STEPS = 400  # points of the numerical integration of the S-curve


@functools.cache
def _maps(num_perm: int, seed: int) -> tuple[Signature, Signature]:
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _mixed(values: Signature) -> Signature:
    s1, m1, s2, m2, s3 = _FMIX32
    values = values ^ (values >> np.uint32(s1))
    values = values * m1
    values = values ^ (values >> np.uint32(s2))
    values = values * m2
    return values ^ (values >> np.uint32(s3))


def signature(shingles: Iterable[bytes], num_perm: int, seed: int) -> Signature:
    """The MinHash signature of a set of byte strings (see the module docstring)."""
    hashes = [  # SHA-1 as a spreading hash for set sketching, not for security
        int.from_bytes(hashlib.sha1(s, usedforsecurity=False).digest()[:4], "little")
        for s in shingles
    ]
    if not hashes:
        return np.full(num_perm, EMPTY, dtype=np.uint32)
    a, b = _maps(num_perm, seed)
    mixed = _mixed(np.array(hashes, dtype=np.uint32)).reshape(-1, 1)
    with np.errstate(over="ignore"):
        images = mixed * a + b  # wraps modulo 2**32, as the scheme wants
    return np.asarray(images.min(axis=0), dtype=np.uint32)


def similarity(one: Signature, other: Signature) -> float:
    """The estimated Jaccard similarity: the share of equal values."""
    return float(np.count_nonzero(one == other)) / len(one)


def _mass(curve_low: bool, threshold: float, bands: int, rows: int) -> float:
    """Probability mass of a missed or a spurious candidate, below or above the threshold."""
    low, high = (0.0, threshold) if curve_low else (threshold, 1.0)
    s = np.linspace(low, high, _STEPS + 1)
    hit = 1.0 - (1.0 - s**rows) ** bands
    return float(np.trapezoid(hit if curve_low else 1.0 - hit, s))


@functools.cache
def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` that minimise false positives below
    ``threshold`` plus false negatives above it."""
    best, found = float("inf"), (1, num_perm)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            error = _mass(True, threshold, bands, rows) + _mass(False, threshold, bands, rows)
            if error < best:
                best, found = error, (bands, rows)
    return found


class BandIndex:
    """Keys indexed by their signatures' bands; ``candidates`` share at least one band."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = banding(threshold, num_perm)
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.bands)]

    def _keys(self, sig: Signature) -> list[bytes]:
        r = self.rows
        return [sig[i * r : (i + 1) * r].tobytes() for i in range(self.bands)]

    def insert(self, key: str, sig: Signature) -> None:
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            table.setdefault(band, []).append(key)

    def candidates(self, sig: Signature) -> set[str]:
        found: set[str] = set()
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            found.update(table.get(band, ()))
        return found
