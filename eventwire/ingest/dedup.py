"""Near-duplicate detection: MinHash signatures of word shingles, looked up in an LSH index.

Syndicated copies and lightly edited versions of a report share most of their word 5-grams; two
different reports of the same happening share few. ``NearDuplicateIndex`` keeps the signatures of
stored articles and answers, for a new text, the most similar stored article at or above the
threshold. Pure compute: the caller seeds it from the store and adds what it stores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from eventwire.ingest.minhash import BandIndex, Signature, signature, similarity

SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 1  # fixed, with the scheme: signatures stored in the database must stay comparable


@dataclass(frozen=True, slots=True)
class Match:
    article_id: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of the case-folded text; short texts fall back to their words."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash LSH over stored articles' narrative text."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = BandIndex(threshold, num_perm)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> Signature:
        return signature(shingles(text), self.num_perm, _SEED)

    def to_bytes(self, sig: Signature) -> bytes:
        return bytes(np.asarray(sig, dtype=np.uint64).tobytes())

    def from_bytes(self, data: bytes) -> Signature | None:
        values = np.frombuffer(data, dtype=np.uint64)
        if values.size != self.num_perm or (values.size and int(values.max()) > 0xFFFFFFFF):
            return None  # stored with another permutation count or scheme: not comparable
        return values.astype(np.uint32)

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        """Add stored signatures (``(article_id, bytes)``), skipping incomparable ones."""
        for article_id, data in stored:
            sig = self.from_bytes(data)
            if sig is not None:
                self.add(article_id, sig)

    def add(self, article_id: str, sig: Signature) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, sig)
            self._signatures[article_id] = sig

    def query(self, sig: Signature) -> Match | None:
        """The most similar indexed article at or above the threshold, if any."""
        best: Match | None = None
        for key in self._lsh.candidates(sig):
            found = similarity(sig, self._signatures[key])
            if found >= self.threshold and (
                best is None or (found, key) > (best.similarity, best.article_id)
            ):
                best = Match(key, found)
        return best
