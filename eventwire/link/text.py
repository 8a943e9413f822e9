"""Text features for story linking: content words, capitalised names, incrementally updated TF-IDF.

A report becomes a bag of *terms*:

- **words**: lower-cased word tokens, stop words and one-character tokens dropped, plurals folded
  by a small suffix rule (``arrests`` → ``arrest``, ``cities`` → ``city``); numbers of two or
  more digits are kept (``2004``, ``24``), single digits are not;
- **name bigrams**: two adjacent capitalised words with only spaces between them, neither a stop
  word (``Kim Jong Un`` gives ``kim jong`` and ``jong un``). Lines written in headline case
  (at least four words of four or more letters, 80% of them capitalised, as in many titles) give
  no name bigrams: every pair there would look like a name. Acronyms of up to five capitals
  count as names and are not stemmed (``USGS``).

Title terms count ``title_weight`` times. Name terms (bigrams, and capitalised words that are not
sentence-initial) keep a display form (``surfaces``) for story titles; ``merge_names`` chains the
bigrams of one name back together.

Weights are sublinear TF (``1 + ln tf``) times smoothed IDF (``ln((1 + N) / (1 + df)) + 1``)
from a :class:`DocumentFrequency` that grows as reports arrive (N counts at least ``prior``
reports, so that a handful of reports does not make the words they share look common); a word's
weight changes as the collection grows, and callers that keep vectors apply the current IDF
when they compare, rather than freezing it at arrival.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”()\[\]]")
_HEADLINE_SHARE = 0.8  # this share of capitalised long words puts a line in headline case
_HEADLINE_MIN_WORDS = 4
_ACRONYM_MAX = 5
_TERM_CACHE = 65_536  # word tokens whose term is kept (a vocabulary, not a collection)

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t don ll ve re mr mrs ms dr according said says say saying told tells tell reported reports
    reporting report added adds news today yesterday tomorrow week weeks year years month months
    day days time times one two three first last new may might must shall us however many much
    well back still since around among across per via amid upon another within without whether
    get got make made take took including include includes people
    monday tuesday wednesday thursday friday saturday sunday
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class Features:
    """The term counts of one report and the display form of its name terms."""

    counts: Mapping[str, float]
    surfaces: Mapping[str, str]


def stem(word: str) -> str:
    """Fold a lower-case plural to its singular with a few suffix rules (no dictionary)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=_TERM_CACHE)
def term_of(token: str) -> str | None:
    """The term a word token counts as, or None when it is dropped (stop word, too short).

    Acronyms (all capitals, at most five letters) are not stemmed: ``USGS`` stays ``usgs``.
    """
    word = token.lower()
    if len(word) < 2 or word in STOPWORDS:
        return None
    return word if token.isupper() and len(token) <= _ACRONYM_MAX else stem(word)


def tokenize(text: str) -> list[str]:
    """The word terms of ``text`` in order (names as bigrams are not included)."""
    terms = (term_of(match.group()) for match in _WORD.finditer(text))
    return [term for term in terms if term is not None]


def extract_features(title: str, text: str, *, title_weight: float = 2.0) -> Features:
    """Word and name-bigram counts of a report; title terms count ``title_weight`` times."""
    counts: dict[str, float] = {}
    surfaces: dict[str, Counter[str]] = {}
    for part, weight in ((title, title_weight), (text, 1.0)):
        for line in part.splitlines():
            _add_line(line, weight, counts, surfaces)
    shown = {term: forms.most_common(1)[0][0] for term, forms in surfaces.items()}
    return Features(counts=counts, surfaces=shown)


def _add_line(
    line: str, weight: float, counts: dict[str, float], surfaces: dict[str, Counter[str]]
) -> None:
    matches = list(_WORD.finditer(line))
    tokens = [m.group() for m in matches]
    names_here = not _is_headline_case(tokens)
    previous: tuple[str, str] | None = None  # (term, surface) of the last capitalised word
    previous_end = 0
    sentence_start = True
    for match, token in zip(matches, tokens, strict=True):
        gap = line[previous_end : match.start()]
        if gap != " ":  # most words follow one space: no break, and nothing between
            if _SENTENCE_BREAK.search(gap):
                sentence_start = True
            if gap.strip():
                previous = None
        previous_end = match.end()
        term = term_of(token)
        if term is None:
            previous = None
            sentence_start = False
            continue
        counts[term] = counts.get(term, 0.0) + weight
        capitalised = names_here and _is_capitalised(token)
        if capitalised and not sentence_start:
            surfaces.setdefault(term, Counter())[token] += 1
        if capitalised and previous is not None:
            bigram = f"{previous[0]} {term}"
            counts[bigram] = counts.get(bigram, 0.0) + weight
            surfaces.setdefault(bigram, Counter())[f"{previous[1]} {token}"] += 1
        previous = (term, token) if capitalised else None
        sentence_start = False


def _is_capitalised(token: str) -> bool:
    """``Beijing``, ``McCain``, ``RCMP`` (an acronym of at most five letters); not ``beijing``."""
    if not token[0].isupper():
        return False
    rest = token[1:]
    return any(ch.islower() for ch in rest) or (token.isalpha() and 2 <= len(token) <= _ACRONYM_MAX)


def _is_headline_case(tokens: list[str]) -> bool:
    long_words = [t for t in tokens if len(t) >= 4 and t.isalpha()]
    if len(long_words) < _HEADLINE_MIN_WORDS:
        return False
    capitalised = sum(t[0].isupper() for t in long_words)
    return capitalised >= _HEADLINE_SHARE * len(long_words)


class DocumentFrequency:
    """How many reports each term occurs in, and how many reports there are; grows with ``add``."""

    __slots__ = ("_counts", "_documents", "_idf", "_prior")

    def __init__(
        self, counts: Mapping[str, int] | None = None, documents: int = 0, *, prior: int = 0
    ) -> None:
        self._counts: dict[str, int] = dict(counts or {})
        self._documents = documents
        self._prior = prior
        self._idf: dict[str, float] = {}  # by term, until the next ``add``

    @property
    def documents(self) -> int:
        return self._documents

    @property
    def prior(self) -> int:
        return self._prior

    def __len__(self) -> int:
        return len(self._counts)

    def add(self, terms: Iterable[str]) -> None:
        """Count one report whose distinct terms are ``terms``."""
        counts = self._counts
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
        self._documents += 1
        self._idf.clear()

    def idf(self, term: str) -> float:
        """Smoothed IDF ``ln((1 + N) / (1 + df)) + 1``, with N at least ``prior``.

        The prior stands for the reports not seen yet: in a collection of a few reports, every
        word they share looks common, which would weigh down exactly what related reports share.
        Kept per term until the next ``add``: linking one report asks for the same terms often.
        """
        found = self._idf.get(term)
        if found is None:
            documents = max(self._documents, self._prior)
            found = math.log((1 + documents) / (1 + self._counts.get(term, 0))) + 1.0
            self._idf[term] = found
        return found

    def items(self) -> list[tuple[str, int]]:
        """Every (term, document frequency), sorted by term."""
        return sorted(self._counts.items())

    def count(self, term: str) -> int:
        """How many reports ``term`` occurs in (0 for a term never seen)."""
        return self._counts.get(term, 0)


def weigh(counts: Mapping[str, float], df: DocumentFrequency, *, top: int) -> dict[str, float]:
    """The ``top`` heaviest terms of a report, weighted ``(1 + ln tf) × idf`` (ties by term)."""
    weights = [((1.0 + math.log(c)) if c >= 1 else c) * df.idf(t) for t, c in counts.items()]
    scored = zip(weights, counts, strict=True)
    best = heapq.nsmallest(top, scored, key=lambda pair: (-pair[0], pair[1]))
    return {term: weight for weight, term in best}


def norm(weights: Iterable[float]) -> float:
    """The Euclidean length of a vector given by its values."""
    return math.sqrt(sum(w * w for w in weights))


def merge_names(surfaces: list[str]) -> list[str]:
    """Chain overlapping names (``Kim Jong`` + ``Jong Un`` → ``Kim Jong Un``), drop their parts.

    Order is kept: a merged name stands where its first part stood. The names kept are pairwise
    apart, so only pairs with the name just added (or just merged) need checking.
    """
    names: list[list[str]] = []
    for surface in surfaces:
        names.append(surface.split())
        changed = len(names) - 1
        while (pair := _overlapping(names, changed)) is not None:
            i, j, joined = pair
            names[i] = joined
            del names[j]
            changed = i
    return [" ".join(name) for name in names]


def _overlapping(names: list[list[str]], changed: int) -> tuple[int, int, list[str]] | None:
    """The first pair (i < j, in ``itertools.combinations`` order) with ``changed`` in it where one
    name contains or continues the other, with their union."""
    before = ((k, changed) for k in range(changed))
    after = ((changed, k) for k in range(changed + 1, len(names)))
    for i, j in itertools.chain(before, after):
        a, b = names[i], names[j]
        if _contains(a, b):
            return i, j, a
        if _contains(b, a):
            return i, j, b
        if len(a) > 1 and len(b) > 1 and a[-1] == b[0]:
            return i, j, a + b[1:]
        if len(a) > 1 and len(b) > 1 and b[-1] == a[0]:
            return i, j, b + a[1:]
    return None


def _contains(longer: list[str], part: list[str]) -> bool:
    if part and part[0] not in longer:  # most pairs share no word
        return False
    size = len(part)
    return any(longer[i : i + size] == part for i in range(len(longer) - size + 1))
