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
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 1  # fixed, with the scheme: signatures stored in the database must stay comparable
_SCHEME = "affine32"


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
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> MinHash:
        sig = MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME)
        sig.update_batch(list(shingles(text)))
        return sig

    def to_bytes(self, sig: MinHash) -> bytes:
        return bytes(np.asarray(sig.hashvalues, dtype=np.uint64).tobytes())

    def from_bytes(self, data: bytes) -> MinHash | None:
        values = np.frombuffer(data, dtype=np.uint64)
        if values.size != self.num_perm:
            return None  # stored with another permutation count: not comparable
        return MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME, hashvalues=values)

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        """Add stored signatures (``(article_id, bytes)``), skipping incomparable ones."""
        with self._lsh.insertion_session() as session:
            for article_id, data in stored:
                sig = self.from_bytes(data)
                if sig is not None and article_id not in self._signatures:
                    session.insert(article_id, sig)
                    self._signatures[article_id] = sig

    def add(self, article_id: str, sig: MinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, sig)
            self._signatures[article_id] = sig

    def query(self, sig: MinHash) -> Match | None:
        """The most similar indexed article at or above the threshold, if any."""
        best: Match | None = None
        for candidate in self._lsh.query(sig):
            key = str(candidate)
            similarity = float(sig.jaccard(self._signatures[key]))
            if similarity >= self.threshold and (
                best is None or (similarity, key) > (best.similarity, best.article_id)
            ):
                best = Match(key, similarity)
        return best
