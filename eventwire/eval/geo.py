"""Score geoparsing: toponym recognition (spans) and resolution (coordinates, country).

Rules, per document (documents are scored independently and the counts summed):

* **recognition**: a prediction matches a gold toponym when their spans overlap by at least one
  character. One-to-one and greedy: pairs are taken largest overlap first (ties: closer lengths,
  then earlier gold, then earlier prediction). ``recall = recognised / gold``, ``precision =
  recognised / predicted``. Sets annotate only some toponyms (``GeoSet.coverage``), so precision
  counts correct but unannotated places as wrong: it is a lower bound.
* **resolution**, over recognised gold toponyms with coordinates: *resolved* when the prediction
  has coordinates or a country; *Acc@161* when the great-circle (haversine) distance between the
  two points is below 161 km (100 miles); error km is that distance where the prediction has a
  point (``median_km``, ``mean_km`` over those); *AUC* is the area under the sorted curve of
  ``log(1 + error km)`` normalised by ``log(20039)`` (half the Earth's circumference), a
  prediction without a point counting as 20,039 km; lower is better.
* **country**: the gold's stated ISO alpha-3, else ``country_of(lat, lon)`` of its point; the
  prediction's stated country, else ``country_of`` of its point. Country accuracy is over
  recognised gold whose country is known.
* The **all-gold** accuracies divide the same correct counts by every gold toponym with a point
  (Acc@161) or with a known country (country): an unrecognised toponym counts as wrong.
* Per label (NER label, GeoNames feature class, GeoWebNews type): the same counts over the gold
  toponyms with that label; predictions have no label, so labels have no precision.
* A ratio with a zero denominator is 0; a median or mean of no errors is None.
"""

from __future__ import annotations

import itertools
import logging
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from eventwire.eval.geo_sets import GeoDoc, GoldToponym, OffsetCheck, find_geo_sets, load_geo_set
from eventwire.eval.spans import overlap_pairs

log = logging.getLogger(__name__)

#: Acc@k's k: 161 km, the 100 miles of the geoparsing literature.
ACCURACY_KM = 161.0
#: Half the Earth's circumference: the largest possible error, the AUC's scale.
MAX_ERROR_KM = 20039.0
EARTH_RADIUS_KM = 6371.0088
UNLABELLED = "(none)"

CountryOf = Callable[[float, float], str | None]


@dataclass(frozen=True, slots=True)
class PredictedToponym:
    """A toponym a geoparser found: offsets into ``GeoDoc.text``, a point and/or an ISO alpha-3."""

    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None


#: A geoparser: one list of predictions per document, in the documents' order.
Geoparser = Callable[[Sequence[GeoDoc]], list[list[PredictedToponym]]]


@dataclass(frozen=True, slots=True)
class GeoCounts:
    """Counts behind every figure; ``errors_km`` are the distances of the resolved points."""

    gold: int = 0
    gold_with_coords: int = 0
    gold_with_country: int = 0
    predicted: int = 0
    recognised: int = 0
    recognised_with_coords: int = 0
    recognised_with_country: int = 0
    resolved: int = 0
    resolved_with_country: int = 0
    country_correct: int = 0
    within_161: int = 0
    errors_km: tuple[float, ...] = ()

    @property
    def recall(self) -> float:
        return _ratio(self.recognised, self.gold)

    @property
    def precision(self) -> float:
        return _ratio(self.recognised, self.predicted)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def resolved_share(self) -> float:
        return _ratio(self.resolved, self.recognised_with_coords)

    @property
    def country_accuracy(self) -> float:
        return _ratio(self.country_correct, self.recognised_with_country)

    @property
    def acc_161(self) -> float:
        return _ratio(self.within_161, self.recognised_with_coords)

    @property
    def country_accuracy_resolved(self) -> float:
        """Over the recognised toponyms we resolved (gave a country or point): the usual
        geocoding figure, which leaves recognition and unresolved names out."""
        return _ratio(self.country_correct, self.resolved_with_country)

    @property
    def acc_161_resolved(self) -> float:
        """Within 161 km, over the recognised toponyms we gave a point."""
        return _ratio(self.within_161, len(self.errors_km))

    @property
    def country_accuracy_all(self) -> float:
        return _ratio(self.country_correct, self.gold_with_country)

    @property
    def acc_161_all(self) -> float:
        return _ratio(self.within_161, self.gold_with_coords)

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    @property
    def mean_km(self) -> float | None:
        return statistics.fmean(self.errors_km) if self.errors_km else None

    @property
    def auc(self) -> float | None:
        """Area under the sorted log-error curve, in [0, 1]; None when nothing was recognised."""
        missing = self.recognised_with_coords - len(self.errors_km)
        errors = sorted([*self.errors_km, *[MAX_ERROR_KM] * missing])
        if not errors:
            return None
        logs = [math.log1p(min(error, MAX_ERROR_KM)) for error in errors]
        if len(logs) == 1:
            return logs[0] / math.log(MAX_ERROR_KM)
        area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
        return area / ((len(logs) - 1) * math.log(MAX_ERROR_KM))

    def __add__(self, other: GeoCounts) -> GeoCounts:
        summed: dict[str, Any] = {
            f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)
        }
        return GeoCounts(**summed)

    def to_dict(self) -> dict[str, float | int | None]:
        """Counts as they are, ratios in percent (2 decimals), km to 0.1, AUC to 4 decimals."""
        figures: dict[str, float | int | None] = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name != "errors_km"
        }
        for name in _PERCENTAGES:
            figures[name] = round(100 * getattr(self, name), 2)
        for name in ("median_km", "mean_km"):
            value = getattr(self, name)
            figures[name] = None if value is None else round(value, 1)
        figures["auc"] = None if self.auc is None else round(self.auc, 4)
        return figures


_PERCENTAGES = (
    "recall",
    "precision",
    "f1",
    "resolved_share",
    "country_accuracy",
    "acc_161",
    "country_accuracy_resolved",
    "acc_161_resolved",
    "country_accuracy_all",
    "acc_161_all",
)


@dataclass(frozen=True, slots=True)
class GeoScores:
    """The scores of one set: overall, per gold label (sorted), and how its offsets were read."""

    set_name: str
    documents: int
    overall: GeoCounts
    by_label: tuple[tuple[str, GeoCounts], ...] = ()
    offsets: OffsetCheck | None = None
    coverage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        figures: dict[str, Any] = {
            "set": self.set_name,
            "documents": self.documents,
            **self.overall.to_dict(),
            "by_label": {label: _label_dict(counts) for label, counts in self.by_label},
        }
        if self.offsets is not None:
            figures["offsets"] = {
                f.name: getattr(self.offsets, f.name) for f in fields(OffsetCheck)
            }
        if self.coverage is not None:
            figures["coverage"] = self.coverage
        return figures


def _label_dict(counts: GeoCounts) -> dict[str, float | int | None]:
    """A label's figures: predictions carry no label, so no predicted count or precision."""
    figures = counts.to_dict()
    for name in ("predicted", "precision", "f1"):
        del figures[name]
    return figures


def score_geo(
    docs: Sequence[GeoDoc],
    predictions: Sequence[Sequence[PredictedToponym]],
    *,
    country_of: CountryOf,
) -> GeoScores:
    """Score ``predictions[i]`` against ``docs[i]`` (rules in the module docstring).

    ``country_of(lat, lon)`` gives the ISO alpha-3 country of a point (or None); it is asked once
    per distinct point. Lists of different lengths are a plumbing mistake: ``ValueError``.
    """
    if len(docs) != len(predictions):
        raise ValueError(f"{len(predictions)} prediction lists for {len(docs)} documents")
    country = _Countries(country_of)
    tallies: dict[str, _Tally] = {}
    overall = _Tally()
    for doc, found in zip(docs, predictions, strict=True):
        overall.predicted += len(found)
        matched = dict(overlap_pairs(doc.toponyms, found))
        for g, gold in enumerate(doc.toponyms):
            pred = found[matched[g]] if g in matched else None
            label = gold.label or UNLABELLED
            for tally in (overall, tallies.setdefault(label, _Tally())):
                tally.add(gold, pred, country)
    names = dict.fromkeys(doc.set_name for doc in docs)
    labelled = any(gold.label for doc in docs for gold in doc.toponyms)
    return GeoScores(
        set_name="+".join(names),
        documents=len(docs),
        overall=overall.freeze(),
        by_label=tuple((k, v.freeze()) for k, v in sorted(tallies.items())) if labelled else (),
    )


def evaluate_geo(path: Path, parser: Geoparser, *, country_of: CountryOf) -> list[GeoScores]:
    """Read every set under ``path`` (one set folder, or a folder of them), parse it, score it.

    Raises ``BenchmarkError`` when ``path`` holds no set or a set cannot be read, and
    ``ValueError`` when the parser returns a different number of lists than documents.
    """
    results = []
    for folder in find_geo_sets(Path(path)):
        geo_set = load_geo_set(folder)
        predictions = parser(geo_set.docs)
        scores = score_geo(geo_set.docs, predictions, country_of=country_of)
        scores = replace(
            scores, set_name=geo_set.name, offsets=geo_set.offsets, coverage=geo_set.coverage
        )
        log.info("%s: %d documents scored", geo_set.name, scores.documents)
        results.append(scores)
    return results


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def format_geo_report(scores: GeoScores | Sequence[GeoScores]) -> str:
    """Plain-text tables: recognition, resolution, per label, and how each set was read."""
    sets = [scores] if isinstance(scores, GeoScores) else list(scores)
    lines = [
        "Geoparsing evaluation (ratios in percent; errors in km; AUC: lower is better)",
        "",
        "Recognition (spans overlap, one-to-one)",
        f"{'set':<24}{'docs':>6}{'gold':>7}{'coords':>7}{'pred':>7}{'recog':>7}"
        f"{'recall':>8}{'prec*':>8}{'F1':>8}",
    ]
    for s in sets:
        c = s.overall
        lines.append(
            f"{s.set_name:<24}{s.documents:>6}{c.gold:>7}{c.gold_with_coords:>7}{c.predicted:>7}"
            f"{c.recognised:>7}{_pct(c.recall)}{_pct(c.precision)}{_pct(c.f1)}"
        )
    lines += [
        "* a lower bound: sets annotate only some toponyms (coverage below), so a correct but",
        "  unannotated place counts as a wrong prediction.",
        "",
        "Resolution: n = recognised gold with coordinates; then over the toponyms we resolved"
        " (the usual",
        "geocoding figure); then over every gold toponym (unrecognised ones count as wrong)",
        _RESOLUTION_HEADER,
    ]
    lines += [_resolution_row(s.set_name, s.overall) for s in sets]
    labelled = [s for s in sets if s.by_label]
    if labelled:
        lines += ["", "By gold label (recognition and resolution; no precision per label)"]
        lines.append(_RESOLUTION_HEADER.replace("set ", "label", 1) + f"{'gold':>7}{'recall':>8}")
        for s in labelled:
            lines.append(s.set_name)
            for label, counts in s.by_label:
                row = _resolution_row(f"  {label}", counts)
                lines.append(f"{row}{counts.gold:>7}{_pct(counts.recall)}")
    lines += ["", "How the sets were read"]
    lines += [_reading(s) for s in sets if s.offsets is not None or s.coverage is not None]
    return "\n".join(lines)


def geo_scores_json(scores: GeoScores | Sequence[GeoScores]) -> dict[str, Any]:
    """``{"sets": [...]}``: each set's ``GeoScores.to_dict``, in the order given."""
    sets = [scores] if isinstance(scores, GeoScores) else list(scores)
    return {"sets": [s.to_dict() for s in sets]}


_RESOLUTION_HEADER = (
    f"{'set':<24}{'n':>6}{'resolv':>8}{'country':>8}{'@161km':>8}{'median':>8}{'mean':>8}"
    f"{'AUC':>8} |{'country':>8}{'@161km':>8} |{'country':>8}{'@161km':>8}"
)


def _resolution_row(name: str, c: GeoCounts) -> str:
    return (
        f"{name:<24}{c.recognised_with_coords:>6}{_pct(c.resolved_share)}"
        f"{_pct(c.country_accuracy)}{_pct(c.acc_161)}{_num(c.median_km, 1)}{_num(c.mean_km, 1)}"
        f"{_num(c.auc, 4)} |{_pct(c.country_accuracy_resolved)}{_pct(c.acc_161_resolved)}"
        f" |{_pct(c.country_accuracy_all)}{_pct(c.acc_161_all)}"
    )


def _reading(s: GeoScores) -> str:
    lines = [f"{s.set_name}:"]
    o = s.offsets
    if o is not None:
        shifted = f" (all shifted by {o.shift:+d})" if o.shift else ""
        lines[0] += (
            f" {o.toponyms} gold toponyms, {o.stated_mismatches} not at their stated offsets"
            f"{shifted}; {o.realigned} realigned, {o.dropped} dropped"
        )
    if s.coverage:
        lines.append(f"  annotates {s.coverage}")
    return "\n".join(lines)


def _pct(value: float) -> str:
    return f"{100 * value:>8.2f}"


def _num(value: float | None, digits: int) -> str:
    return f"{'-':>8}" if value is None else f"{value:>8.{digits}f}"


class _Countries:
    """``country_of`` memoised per point, stated countries upper-cased."""

    __slots__ = ("_country_of", "_seen")

    def __init__(self, country_of: CountryOf) -> None:
        self._country_of = country_of
        self._seen: dict[tuple[float, float], str | None] = {}

    def __call__(self, stated: str | None, lat: float | None, lon: float | None) -> str | None:
        if stated:
            return stated.strip().upper()
        if lat is None or lon is None:
            return None
        if (lat, lon) not in self._seen:
            found = self._country_of(lat, lon)
            self._seen[(lat, lon)] = found.strip().upper() if found else None
        return self._seen[(lat, lon)]


@dataclass(slots=True)
class _Tally:
    """The mutable counts of one group while documents are scored."""

    gold: int = 0
    gold_with_coords: int = 0
    gold_with_country: int = 0
    predicted: int = 0
    recognised: int = 0
    recognised_with_coords: int = 0
    recognised_with_country: int = 0
    resolved: int = 0
    resolved_with_country: int = 0
    country_correct: int = 0
    within_161: int = 0
    errors_km: list[float] = field(default_factory=list)

    def add(self, gold: GoldToponym, pred: PredictedToponym | None, country: _Countries) -> None:
        gold_country = country(gold.country, gold.lat, gold.lon)
        has_point = gold.lat is not None and gold.lon is not None
        self.gold += 1
        self.gold_with_coords += has_point
        self.gold_with_country += gold_country is not None
        if pred is None:
            return
        self.recognised += 1
        pred_country = country(pred.country, pred.lat, pred.lon)
        if gold_country is not None:
            self.recognised_with_country += 1
            self.resolved_with_country += pred_country is not None
            self.country_correct += pred_country == gold_country
        if gold.lat is None or gold.lon is None:
            return
        self.recognised_with_coords += 1
        self.resolved += bool(pred.country) or (pred.lat is not None and pred.lon is not None)
        if pred.lat is not None and pred.lon is not None:
            error = haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)
            self.errors_km.append(error)
            self.within_161 += error < ACCURACY_KM

    def freeze(self) -> GeoCounts:
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(GeoCounts)}
        values["errors_km"] = tuple(self.errors_km)
        return GeoCounts(**values)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
