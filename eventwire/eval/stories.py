"""Score story clusters against gold clusters, and run story clustering on the ECB+ test split.

Metrics, over the documents both clusterings share (they must cover the same documents):

* **BCubed** (Bagga & Baldwin 1998): for each document, precision is the share of its predicted
  cluster that is in its gold cluster, recall the share of its gold cluster that is in its
  predicted cluster (both counting the document itself); each is averaged over documents.
* **pairwise**: over unordered document pairs, precision is the share of pairs put together that
  belong together, recall the share of pairs that belong together that were put together. With no
  pair on one side (every cluster a singleton) the ratio is 1: nothing wrong was claimed, or
  nothing was missed.

ECB+ (Cybulska & Vossen 2014) has two sub-topics per topic, different real events of the same kind
(two earthquakes in Indonesia, two arrests of polygamist leaders); each sub-topic is a gold story.
:func:`read_ecbplus` reads ``xml/<topic>/*.xml`` (sentence 0 of an ``ecbplus`` file is its source
URL and is skipped; the next sentence becomes the title) with gold sub-topics from
``doc_clusters.tsv``. ECB+ has no publication dates, so ``published`` is None: with extraction, a
document is placed in time by the dates it states (``StoryDoc.stated``), else text alone decides.
Topics 36–45 are a **test** split: report on them, do not choose settings with them.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from eventwire.errors import EventwireError
from eventwire.link.stories import StoryDoc, StoryEntities, StoryIndex, StoryOptions

log = logging.getLogger(__name__)

GOLD_FILE = "doc_clusters.tsv"


class StoriesEvalError(EventwireError):
    """An ECB+ folder or file cannot be read (missing, not XML, no gold row); names the path."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """BCubed and pairwise scores of a clustering; F1s are properties, ``to_dict`` gives all."""

    documents: int
    gold_clusters: int
    predicted_clusters: int
    bcubed_precision: float
    bcubed_recall: float
    pairs_correct: int
    pairs_predicted: int
    pairs_gold: int

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    @property
    def pairwise_precision(self) -> float:
        return _ratio(self.pairs_correct, self.pairs_predicted)

    @property
    def pairwise_recall(self) -> float:
        return _ratio(self.pairs_correct, self.pairs_gold)

    @property
    def pairwise_f1(self) -> float:
        return _f1(self.pairwise_precision, self.pairwise_recall)

    def to_dict(self) -> dict[str, float | int]:
        """Counts as they are, every ratio rounded to 4 decimals."""
        figures: dict[str, float | int] = dict(asdict(self))
        for name in _RATIOS:
            figures[name] = round(getattr(self, name), 4)
        return figures


_RATIOS = (
    "bcubed_precision",
    "bcubed_recall",
    "bcubed_f1",
    "pairwise_precision",
    "pairwise_recall",
    "pairwise_f1",
)


def score_clusters(pred: Mapping[str, str], gold: Mapping[str, str]) -> ClusterScores:
    """Score a clustering (document id → cluster id) against gold clusters of the same documents.

    Cluster ids only group documents: the two sides' ids need not correspond. Raises
    ``ValueError`` when the two cover different documents (a plumbing mistake, not a score).
    """
    missing, extra = sorted(gold.keys() - pred.keys()), sorted(pred.keys() - gold.keys())
    if missing or extra:
        raise ValueError(
            f"clusterings cover different documents: {len(missing)} without a prediction"
            f" {missing[:5]}, {len(extra)} not in the gold {extra[:5]}"
        )
    both = Counter((pred[doc], gold[doc]) for doc in gold)
    pred_sizes = Counter(pred[doc] for doc in gold)
    gold_sizes = Counter(gold.values())
    documents = len(gold)
    precision = sum(n * n / pred_sizes[p] for (p, _), n in both.items())
    recall = sum(n * n / gold_sizes[g] for (_, g), n in both.items())
    return ClusterScores(
        documents=documents,
        gold_clusters=len(gold_sizes),
        predicted_clusters=len(pred_sizes),
        bcubed_precision=_ratio(precision, documents, empty=0.0),
        bcubed_recall=_ratio(recall, documents, empty=0.0),
        pairs_correct=sum(_pairs(n) for n in both.values()),
        pairs_predicted=sum(_pairs(n) for n in pred_sizes.values()),
        pairs_gold=sum(_pairs(n) for n in gold_sizes.values()),
    )


def cluster_documents(
    docs: Iterable[StoryDoc], *, options: StoryOptions | None = None
) -> dict[str, str]:
    """Run a fresh :class:`StoryIndex` over ``docs`` in the order given: document id → story id."""
    index = StoryIndex(options)
    for doc in docs:
        index.add(doc)
    return {doc_id: story.id for story in index.stories() for doc_id in story.doc_ids}


def read_ecbplus(path: Path) -> list[tuple[StoryDoc, str]]:
    """Every document of an ECB+ folder with its gold sub-topic, sorted by document id.

    ``path`` holds ``doc_clusters.tsv`` and ``xml/<topic>/*.xml``. Raises ``StoriesEvalError`` for
    a missing file, unreadable XML, or a document the gold file does not list (or the reverse).
    """
    folder = Path(path)
    gold = _read_gold(folder / GOLD_FILE)
    files = sorted((folder / "xml").glob("*/*.xml"))
    if not files:
        raise StoriesEvalError(folder / "xml", "no ECB+ XML files")
    items: list[tuple[StoryDoc, str]] = []
    for file in files:
        if file.stem not in gold:
            raise StoriesEvalError(file, f"document not listed in {GOLD_FILE}")
        items.append((_read_document(file), gold[file.stem]))
    unlisted = sorted(gold.keys() - {file.stem for file in files})
    if unlisted:
        raise StoriesEvalError(folder / GOLD_FILE, f"no XML for {', '.join(unlisted[:5])}")
    return sorted(items, key=lambda item: item[0].id)


Entities = Callable[[Sequence[StoryDoc]], list[StoryEntities]]
"""Actor ids, place ids and stated days of each document, as the NLP stage finds them."""


def evaluate_stories(
    path: Path,
    *,
    options: StoryOptions | None = None,
    seed: int | None = None,
    entities: Entities | None = None,
) -> ClusterScores:
    """Cluster the ECB+ documents under ``path`` (sorted by id, or shuffled by ``seed``), score.

    With ``entities`` (the extraction pipeline), documents carry their actors, places and stated
    days as in the real system; without, text alone links them."""
    items = read_ecbplus(path)
    if entities is not None:
        found = entities([doc for doc, _ in items])
        items = [
            (dataclasses.replace(doc, actors=e.actors, places=e.places, stated=e.stated), gold)
            for (doc, gold), e in zip(items, found, strict=True)
        ]
    if seed is not None:
        random.Random(seed).shuffle(items)
    predicted = cluster_documents((doc for doc, _ in items), options=options)
    scores = score_clusters(predicted, {doc.id: cluster for doc, cluster in items})
    log.info("ECB+ stories: %d documents, %d clusters", scores.documents, scores.predicted_clusters)
    return scores


def topic_baseline(items: Sequence[tuple[StoryDoc, str]]) -> dict[str, str]:
    """One cluster per ECB+ topic (``36`` of ``36_1ecb``): both sub-topics merged, by design."""
    return {doc.id: doc.id.split("_", 1)[0] for doc, _ in items}


def format_cluster_report(scores: ClusterScores, *, title: str = "Story clusters") -> str:
    """A plain-text table of BCubed and pairwise precision, recall and F1."""
    lines = [
        f"{title}: {scores.documents} documents, {scores.gold_clusters} gold clusters,"
        f" {scores.predicted_clusters} predicted",
        f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'BCubed':<10}{scores.bcubed_precision:>8.3f}{scores.bcubed_recall:>8.3f}"
        f"{scores.bcubed_f1:>8.3f}",
        f"{'pairwise':<10}{scores.pairwise_precision:>8.3f}{scores.pairwise_recall:>8.3f}"
        f"{scores.pairwise_f1:>8.3f}",
        f"pairs: {scores.pairs_correct} correct, {scores.pairs_predicted} predicted,"
        f" {scores.pairs_gold} gold",
    ]
    return "\n".join(lines)


def _read_gold(path: Path) -> dict[str, str]:
    """``doc_id`` → ``subtopic`` from the derived gold file."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as exc:
        raise StoriesEvalError(path, f"cannot read ({exc})") from exc
    try:
        return {row["doc_id"]: row["subtopic"] for row in rows}
    except KeyError as exc:
        raise StoriesEvalError(path, f"no column {exc}") from exc


def _read_document(path: Path) -> StoryDoc:
    """A document's sentences from its tokens: the first (after the URL) as title, the rest text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise StoriesEvalError(path, f"not well-formed XML ({exc})") from exc
    except OSError as exc:
        raise StoriesEvalError(path, f"cannot read ({exc})") from exc
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        try:
            number = int(token.get("sentence", ""))
        except ValueError as exc:
            raise StoriesEvalError(path, f"token {token.get('t_id')!r} has no sentence") from exc
        sentences.setdefault(number, []).append(token.text or "")
    if path.stem.endswith("ecbplus"):
        sentences.pop(0, None)  # the source URL
    lines = [" ".join(word for word in sentences[n] if word) for n in sorted(sentences)]
    lines = [line for line in lines if line]
    if not lines:
        raise StoriesEvalError(path, "no text")
    return StoryDoc(id=path.stem, title=lines[0], text="\n".join(lines[1:]), published=None)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _ratio(part: float, whole: float, *, empty: float = 1.0) -> float:
    return part / whole if whole else empty


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
