"""Score predicted event mentions against gold mentions (both in the gold format). Pure compute.

Matching. A predicted mention can match a gold mention when all three hold:

- same article: :func:`~eventwire.eval.matching.same_article`: equal strings, or equal base names /
  URL path tails (the gold names a file or URL "as given to ``eventwire ingest``", a prediction may
  carry a longer path), or a prediction ``X#id`` against a gold article ``id`` (benchmark records);
- same sentence: :func:`~eventwire.eval.matching.same_sentence`: equal after whitespace
  normalisation and quote/dash folding, or one contains the other and the shorter is at least 80%
  of the longer's length (sentence splitters differ);
- same PLOVER type.

Matching is one-to-one (a gold mention is matched at most once, and so is a prediction). Among the
possible matchings the scorer takes one with the most pairs, then the most agreeing dyads (country
and actor), then the most exact dates, then the most equal factualities (an exact maximum-weight
assignment per group of competing mentions, not a greedy pass).

Levels. Precision, recall and F1 are reported for

- type: matched pairs;
- type+country dyad: matched pairs whose source countries are equal and target countries are equal
  (a missing target, or one without a country, has no country, and no country equals no country;
  the generic ``IGO`` equals ``UNO`` and ``EUR``);
- type+actor dyad: matched pairs whose source and target canonical names match by
  :func:`~eventwire.eval.matching.same_name` (casefolded, titles and punctuation stripped; "Kim"
  matches "Kim Jong Un" and "Trump" matches "Donald Trump").

For a symmetric gold event (CONSULT with mode ``meet``, ``phone``, ``third-party``,
``multilateral`` or none: nobody hosts) the swapped dyad also counts.

Shares over matched pairs: date exact (string equality) and date overlapping (the day intervals of
ISO dates, months, years and ranges share a day); location country (over pairs whose gold gives a
location with a country); factuality (over pairs whose gold gives one).

Fields a gold set does not annotate (a mention's ``annotated`` list, or ``ignore=`` here) are left
out: a level or share no gold mention annotates is reported as not annotated (``None``; with
no gold at all everything is scored, as there is nothing to find). When only
some gold mentions annotate a dyad field, that level is scored on them alone: recall over those
gold mentions, precision over the predictions not matched to the others.

Scope. Every prediction counts: a prediction from an article the gold never mentions is a false
positive (a benchmark's no-event records have no gold lines but are still ingested). Pass
``articles=`` to score only predictions from the listed articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.eval.assignment import max_weight_matching
from eventwire.eval.gold import (
    SCORED_FIELDS,
    GoldFormatError,
    Mention,
    load_mentions,
    parse_mention,
)
from eventwire.eval.matching import (
    actor_dyad_agrees,
    article_lookup_keys,
    country_dyad_agrees,
    dates_overlap,
    is_symmetric,
    normalize_name,
    normalize_sentence,
    same_article,
    same_country,
    sentences_match,
)
from eventwire.eval.report import format_report

__all__ = [
    "PRF",
    "Confusion",
    "EventScores",
    "GoldFormatError",
    "Mention",
    "Share",
    "format_report",
    "load_mentions",
    "parse_mention",
    "score_events",
]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts behind precision, recall and F1. With no gold and no prediction all three are 1.0."""

    tp: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        return 1.0 if self.gold == self.predicted == 0 else _ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return 1.0 if self.gold == self.predicted == 0 else _ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "gold": self.gold,
            "predicted": self.predicted,
        }


@dataclass(frozen=True, slots=True)
class Share:
    """``correct`` of ``total`` matched pairs; ``value`` is ``None`` when ``total`` is 0."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "share": None if value is None else round(value, 4),
            "correct": self.correct,
            "total": self.total,
        }


@dataclass(frozen=True, slots=True)
class Confusion:
    """Unmatched gold mentions of ``gold_type`` and what was predicted for the same sentence
    instead (``None``: nothing left unmatched there)."""

    gold_type: str
    predicted_type: str | None
    count: int


@dataclass(frozen=True, slots=True)
class EventScores:
    """The result of :func:`score_events`. ``None`` marks a level or share not annotated."""

    type: PRF
    country_dyad: PRF | None
    actor_dyad: PRF | None
    date_exact: Share | None
    date_overlap: Share | None
    location_country: Share | None
    location_place: Share | None
    factuality: Share | None
    per_type: tuple[tuple[str, PRF], ...]
    missed: tuple[tuple[str, int], ...]
    confusions: tuple[Confusion, ...]
    ignored_predictions: int = 0
    #: The matched pairs as (index into gold, index into predicted).
    matches: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @property
    def gold(self) -> int:
        return self.type.gold

    @property
    def predicted(self) -> int:
        return self.type.predicted

    @property
    def matched(self) -> int:
        return self.type.tp

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary with stable keys; ratios rounded to 4 places, ``null`` where not
        annotated. ``matches`` (indices into the inputs) is left out."""

        def level(prf: PRF | None) -> dict[str, Any] | None:
            return None if prf is None else prf.to_dict()

        def share(s: Share | None) -> dict[str, Any] | None:
            return None if s is None else s.to_dict()

        return {
            "counts": {
                "gold": self.gold,
                "predicted": self.predicted,
                "matched": self.matched,
                "ignored_predictions": self.ignored_predictions,
            },
            "levels": {
                "type": level(self.type),
                "country_dyad": level(self.country_dyad),
                "actor_dyad": level(self.actor_dyad),
            },
            "matched": {
                "date_exact": share(self.date_exact),
                "date_overlap": share(self.date_overlap),
                "location_country": share(self.location_country),
                "location_place": share(self.location_place),
                "factuality": share(self.factuality),
            },
            "per_type": {name: prf.to_dict() for name, prf in self.per_type},
            "missed": [{"type": name, "count": count} for name, count in self.missed],
            "confusions": [
                {"gold": c.gold_type, "predicted": c.predicted_type, "count": c.count}
                for c in self.confusions
            ],
        }


@dataclass(frozen=True, slots=True)
class _Pair:
    """What a candidate (gold, prediction) pair agrees on."""

    country: bool
    actor: bool
    date: bool
    factuality: bool


_Test = Callable[[Mention, Mention], bool]


def score_events(
    gold: Sequence[Mention],
    predicted: Sequence[Mention],
    *,
    ignore: Collection[str] = (),
    articles: Collection[str] | None = None,
) -> EventScores:
    """Match predictions to gold one-to-one and score them (see the module docstring for rules).

    ``ignore`` names scored fields to leave out whatever the gold says (``"date"``,
    ``"factuality"``, ...). ``articles``, when given, limits the predictions to those articles
    (compared like gold articles); the others are counted in ``ignored_predictions``.
    """
    unknown = set(ignore) - SCORED_FIELDS
    if unknown:
        raise ValueError(f"cannot ignore unknown fields {sorted(unknown)}")
    kept_at = range(len(predicted)) if articles is None else _within(predicted, articles)
    kept = [predicted[j] for j in kept_at]
    fields = [g.annotated - frozenset(ignore) for g in gold]
    candidates = _candidates(gold, kept, fields)
    matches = _assign(candidates)
    pairs = [(g, p, candidates[g, p]) for g, p in matches]

    def level(name: str) -> PRF | None:
        annotating = [i for i, f in enumerate(fields) if name in f]
        if gold and not annotating:
            return None
        excluded = sum(1 for g, _, _ in pairs if name not in fields[g])
        tp = sum(1 for g, _, pair in pairs if name in fields[g] and getattr(pair, name))
        return PRF(tp=tp, gold=len(annotating), predicted=len(kept) - excluded)

    def share(name: str, test: _Test, needs: Callable[[Mention], bool] = _always) -> Share | None:
        if gold and not any(name in f for f in fields):
            return None
        over = [(gold[g], kept[p]) for g, p, _ in pairs if name in fields[g] and needs(gold[g])]
        return Share(correct=sum(1 for g, p in over if test(g, p)), total=len(over))

    matched_gold = {g for g, _ in matches}
    matched_pred = {p for _, p in matches}
    return EventScores(
        type=PRF(tp=len(matches), gold=len(gold), predicted=len(kept)),
        country_dyad=level("country"),
        actor_dyad=level("actor"),
        date_exact=share("date", lambda g, p: g.date == p.date),
        date_overlap=share("date", lambda g, p: dates_overlap(g.date, p.date)),
        location_country=share("location", _same_location_country, _has_location_country),
        location_place=share("location", _same_location_place, _has_location_name),
        factuality=share(
            "factuality",
            lambda g, p: g.factuality == p.factuality,
            lambda g: g.factuality is not None,
        ),
        per_type=_per_type(gold, kept, matches),
        missed=tuple(
            sorted(
                Counter(g.type for i, g in enumerate(gold) if i not in matched_gold).items(),
                key=lambda item: (-item[1], item[0]),
            )
        ),
        confusions=_confusions(gold, kept, matched_gold, matched_pred),
        ignored_predictions=len(predicted) - len(kept),
        matches=tuple((g, kept_at[p]) for g, p in matches),
    )


def _always(_: Mention) -> bool:
    return True


def _has_location_country(g: Mention) -> bool:
    return g.location is not None and g.location.country is not None


def _same_location_country(g: Mention, p: Mention) -> bool:
    if g.location is None or p.location is None:
        return False
    return same_country(g.location.country, p.location.country)


def _has_location_name(g: Mention) -> bool:
    return g.location is not None and g.location.name is not None


def _same_location_place(g: Mention, p: Mention) -> bool:
    """Same place by name: "Hanoi" = "Hanoi"; "Great Hall of the People, Beijing" = the facility
    and its city; a name with more parts matches one with fewer when it includes them all."""
    if g.location is None or p.location is None or not g.location.name or not p.location.name:
        return False
    gold, pred = _place_parts(g.location.name), _place_parts(p.location.name)
    return _covers(gold, pred) or _covers(pred, gold)


def _covers(few: frozenset[str], many: frozenset[str]) -> bool:
    """Every part of ``few`` is within a part of ``many`` ("la moneda" in "la moneda palace")."""
    return all(any(part in other for other in many) for part in few)


def _place_parts(name: str) -> frozenset[str]:
    parts = (normalize_name(part) for part in name.split(","))
    return frozenset(p.removeprefix("the ") for p in parts if p)


def _within(predicted: Sequence[Mention], articles: Collection[str]) -> list[int]:
    """Indices of the predictions whose article is one of ``articles`` (by :func:`same_article`)."""
    by_key: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for article in articles:
        for key in article_lookup_keys(article, gold=True):
            by_key[key].append(article)
    return [
        j
        for j, p in enumerate(predicted)
        if any(
            same_article(a, p.article)
            for key in article_lookup_keys(p.article, gold=False)
            for a in by_key.get(key, ())
        )
    ]


def _candidates(
    gold: Sequence[Mention], predicted: Sequence[Mention], fields: Sequence[frozenset[str]]
) -> dict[tuple[int, int], _Pair]:
    """Every (gold, prediction) pair with the same article, sentence and type, with agreements."""
    by_key: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for j, p in enumerate(predicted):
        for key in article_lookup_keys(p.article, gold=False):
            by_key[key].append(j)
    pred_sentences = [normalize_sentence(p.sentence) for p in predicted]
    out: dict[tuple[int, int], _Pair] = {}
    for i, g in enumerate(gold):
        sentence = normalize_sentence(g.sentence)
        seen: set[int] = set()
        for key in article_lookup_keys(g.article, gold=True):
            for j in by_key.get(key, ()):
                p = predicted[j]
                if j in seen or p.type != g.type:
                    continue
                seen.add(j)
                if same_article(g.article, p.article) and sentences_match(
                    sentence, pred_sentences[j]
                ):
                    out[i, j] = _agreement(g, p, fields[i])
    return out


def _agreement(g: Mention, p: Mention, fields: frozenset[str]) -> _Pair:
    symmetric = is_symmetric(g.type, g.mode)
    dyads = (g.source, g.target), (p.source, p.target)
    return _Pair(
        country="country" in fields and country_dyad_agrees(*dyads, symmetric=symmetric),
        actor="actor" in fields and actor_dyad_agrees(*dyads, symmetric=symmetric),
        date="date" in fields and g.date == p.date,
        factuality="factuality" in fields
        and g.factuality is not None
        and g.factuality == p.factuality,
    )


def _assign(candidates: dict[tuple[int, int], _Pair]) -> list[tuple[int, int]]:
    """One-to-one: per connected group, most pairs, then dyads, then dates, then factuality."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for g, p in candidates:
        parent[find(("g", g))] = find(("p", p))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for g, p in candidates:
        groups[find(("g", g))].append((g, p))
    matches: list[tuple[int, int]] = []
    for edges in groups.values():
        size = min(len({g for g, _ in edges}), len({p for _, p in edges}))
        base = 2 * size + 1  # larger than any sum of the lower-order terms over the group
        weights = {}
        for g, p in edges:
            pair = candidates[g, p]
            dyad = int(pair.country) + int(pair.actor)
            weights[g, p] = ((base + dyad) * base + int(pair.date)) * base + int(pair.factuality)
        matches.extend(max_weight_matching(weights))
    return sorted(matches)


def _per_type(
    gold: Sequence[Mention], predicted: Sequence[Mention], matches: Sequence[tuple[int, int]]
) -> tuple[tuple[str, PRF], ...]:
    n_gold = Counter(g.type for g in gold)
    n_pred = Counter(p.type for p in predicted)
    tp = Counter(gold[g].type for g, _ in matches)
    types = sorted(set(n_gold) | set(n_pred))
    return tuple((t, PRF(tp=tp[t], gold=n_gold[t], predicted=n_pred[t])) for t in types)


def _confusions(
    gold: Sequence[Mention],
    predicted: Sequence[Mention],
    matched_gold: set[int],
    matched_pred: set[int],
) -> tuple[Confusion, ...]:
    """Pair each unmatched gold mention with an unmatched prediction of its sentence, if any."""
    free: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for j, p in enumerate(predicted):
        if j not in matched_pred:
            for key in article_lookup_keys(p.article, gold=False):
                free[key].append(j)
    used: set[int] = set()
    counts: Counter[tuple[str, str | None]] = Counter()
    for i, g in enumerate(gold):
        if i in matched_gold:
            continue
        sentence = normalize_sentence(g.sentence)
        instead = None
        for key in article_lookup_keys(g.article, gold=True):
            for j in free.get(key, ()):
                p = predicted[j]
                if (
                    j not in used
                    and same_article(g.article, p.article)
                    and sentences_match(sentence, normalize_sentence(p.sentence))
                ):
                    instead = j
                    break
            if instead is not None:
                break
        if instead is not None:
            used.add(instead)
        counts[g.type, None if instead is None else predicted[instead].type] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or ""))
    return tuple(Confusion(g, p, n) for (g, p), n in ranked)
