"""Story-cluster scoring (BCubed, pairwise) and the ECB+ reader.

The clusterings and the two small ECB+-format files are invented here; one test reads the real
ECB+ test split from ../shared and skips when it is absent.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import EventwireError
from eventwire.eval.stories import (
    ClusterScores,
    StoriesEvalError,
    evaluate_stories,
    format_cluster_report,
    read_ecbplus,
    score_clusters,
    topic_baseline,
)

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "stories" / "ecbplus_test"
# Golden-set floor for ECB+ topics 36-45, ids sorted (measured 0.864 on 2026-11-23). A test split:
# raise the floor when results improve, never lower it silently, never tune settings against it.
ECBPLUS_BCUBED_F1_FLOOR = 0.85

GOLD = {"a": "g1", "b": "g1", "c": "g1", "d": "g2", "e": "g2"}


# -- scoring --------------------------------------------------------------------------------------


def test_a_hand_worked_example() -> None:
    pred = {"a": "p1", "b": "p1", "c": "p2", "d": "p2", "e": "p2"}
    scores = score_clusters(pred, GOLD)
    # BCubed precision per document: a 1, b 1, c 1/3, d 2/3, e 2/3; recall: 2/3, 2/3, 1/3, 1, 1.
    assert scores.bcubed_precision == pytest.approx(11 / 15)
    assert scores.bcubed_recall == pytest.approx(11 / 15)
    # Pairs put together: ab cd ce de; gold pairs: ab ac bc de; correct: ab de.
    assert (scores.pairs_correct, scores.pairs_predicted, scores.pairs_gold) == (2, 4, 4)
    assert scores.pairwise_f1 == pytest.approx(0.5)
    assert (scores.documents, scores.gold_clusters, scores.predicted_clusters) == (5, 2, 2)


def test_perfect_clustering_scores_one_whatever_the_cluster_names() -> None:
    scores = score_clusters({doc: f"x-{cluster}" for doc, cluster in GOLD.items()}, GOLD)
    assert scores.bcubed_f1 == pytest.approx(1.0)
    assert scores.pairwise_f1 == pytest.approx(1.0)


def test_one_big_cluster_has_full_recall() -> None:
    scores = score_clusters(dict.fromkeys(GOLD, "all"), GOLD)
    assert scores.bcubed_recall == pytest.approx(1.0)
    assert scores.bcubed_precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    assert scores.pairwise_precision == pytest.approx(4 / 10)


def test_singletons_claim_no_wrong_pair_and_find_none() -> None:
    scores = score_clusters({doc: doc for doc in GOLD}, GOLD)
    assert scores.bcubed_precision == pytest.approx(1.0)
    assert scores.bcubed_recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    assert scores.pairwise_precision == 1.0  # no pair predicted: nothing wrong claimed
    assert scores.pairwise_recall == 0.0


def test_different_documents_are_a_plumbing_error() -> None:
    with pytest.raises(ValueError, match="different documents"):
        score_clusters({"a": "1"}, GOLD)
    with pytest.raises(ValueError, match="not in the gold"):
        score_clusters({**GOLD, "z": "g9"}, GOLD)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=12),
)
def test_scores_are_ratios_and_symmetric(labels: list[tuple[int, int]]) -> None:
    pred = {f"d{i}": f"p{p}" for i, (p, _) in enumerate(labels)}
    gold = {f"d{i}": f"g{g}" for i, (_, g) in enumerate(labels)}
    scores = score_clusters(pred, gold)
    swapped = score_clusters(gold, pred)
    for value in scores.to_dict().values():
        assert value >= 0
    assert 0.0 <= scores.bcubed_f1 <= 1.0
    assert 0.0 <= scores.pairwise_f1 <= 1.0
    assert scores.bcubed_precision == pytest.approx(swapped.bcubed_recall)
    assert scores.pairs_correct == swapped.pairs_correct


def test_report_shows_both_metrics() -> None:
    report = format_cluster_report(score_clusters(GOLD, GOLD), title="Toy")
    assert report.startswith("Toy: 5 documents, 2 gold clusters, 2 predicted")
    assert "BCubed       1.000   1.000   1.000" in report
    assert "pairwise" in report


# -- the ECB+ reader ------------------------------------------------------------------------------


def _xml(name: str, sentences: list[str]) -> str:
    tokens = []
    t_id = 1
    for number, sentence in enumerate(sentences):
        for position, word in enumerate(sentence.split()):
            tokens.append(
                f'<token t_id="{t_id}" sentence="{number}" number="{position}">'
                f"{escape(word)}</token>"
            )
            t_id += 1
    body = "\n".join(tokens)
    return f'<Document doc_name="{name}.xml">\n{body}\n<Markables/>\n<Relations/>\n</Document>\n'


def _folder(root: Path, docs: dict[str, tuple[str, list[str]]]) -> Path:
    """An ECB+-format folder: ``docs`` maps document id → (gold sub-topic, sentences)."""
    rows = ["doc_id\ttopic\tsubtopic\tecb_part"]
    for doc_id, (subtopic, sentences) in docs.items():
        topic = doc_id.split("_")[0]
        folder = root / "xml" / topic
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc_id}.xml").write_text(_xml(doc_id, sentences), encoding="utf-8")
        part = "ecbplus" if doc_id.endswith("ecbplus") else "ecb"
        rows.append(f"{doc_id}\t{topic}\t{subtopic}\t{part}")
    (root / "doc_clusters.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


TOY = {
    "7_1ecb": (
        "7_ecb",
        [
            "Ferry sinks off Sorvik harbour",
            "A passenger ferry sank off Sorvik harbour on Friday .",
            "All 40 passengers were rescued by fishing boats .",
        ],
    ),
    "7_1ecbplus": (
        "7_ecbplus",
        [
            "http://example.org/2020/ferry-aground-at-lunden",
            "Ferry runs aground near Lunden",
            "A ferry ran aground near Lunden , the coast guard said .",
        ],
    ),
    "7_2ecb": (
        "7_ecb",
        [
            "Sorvik ferry passengers rescued",
            "Fishing boats rescued the passengers of a ferry that sank off Sorvik harbour .",
        ],
    ),
}


def test_reader_skips_the_url_and_takes_the_first_sentence_as_title(tmp_path: Path) -> None:
    items = read_ecbplus(_folder(tmp_path, TOY))
    assert [(doc.id, gold) for doc, gold in items] == [
        ("7_1ecb", "7_ecb"),
        ("7_1ecbplus", "7_ecbplus"),
        ("7_2ecb", "7_ecb"),
    ]
    first, plus = items[0][0], items[1][0]
    assert first.title == "Ferry sinks off Sorvik harbour"
    assert first.text.splitlines() == [
        "A passenger ferry sank off Sorvik harbour on Friday .",
        "All 40 passengers were rescued by fishing boats .",
    ]
    assert plus.title == "Ferry runs aground near Lunden"
    assert "http" not in plus.title + plus.text
    assert first.published is None


def test_evaluate_clusters_the_toy_folder(tmp_path: Path) -> None:
    path = _folder(tmp_path, TOY)
    scores = evaluate_stories(path)
    assert isinstance(scores, ClusterScores)
    assert scores.documents == 3
    assert scores.gold_clusters == 2
    # The two Sorvik reports are one story. The Lunden one shares only "ferry" with them (a
    # cosine of 0.16-0.17 in texts this short), at the join threshold: where it goes is not
    # what this test is about.
    assert scores.bcubed_recall == pytest.approx(1.0)
    assert scores.predicted_clusters in (1, 2)
    assert evaluate_stories(path, seed=4).documents == 3
    baseline = topic_baseline(read_ecbplus(path))
    assert set(baseline.values()) == {"7"}


def test_reader_errors_name_the_file(tmp_path: Path) -> None:
    path = _folder(tmp_path, TOY)
    stray = path / "xml" / "7" / "7_9ecb.xml"
    stray.write_text(_xml("7_9ecb", ["Unlisted report"]), encoding="utf-8")
    with pytest.raises(StoriesEvalError, match=r"7_9ecb\.xml: document not listed"):
        read_ecbplus(path)
    stray.write_text("<Document><token", encoding="utf-8")
    with pytest.raises(EventwireError, match=r"7_9ecb\.xml"):
        read_ecbplus(path)
    with pytest.raises(StoriesEvalError, match=r"doc_clusters\.tsv"):
        read_ecbplus(tmp_path / "missing")


# -- the real test split (skipped when ../shared is absent) ---------------------------------------


def test_ecbplus_test_split_counts_and_floor() -> None:
    if not (ECBPLUS / "doc_clusters.tsv").is_file():
        pytest.skip("ECB+ test split not present in ../shared")
    items = read_ecbplus(ECBPLUS)
    assert len(items) == 210
    assert len({gold for _, gold in items}) == 20
    assert sum(gold == "36_ecb" for _, gold in items) == 9
    assert all(doc.title and doc.published is None for doc, _ in items)
    scores = evaluate_stories(ECBPLUS)
    assert scores.bcubed_f1 >= ECBPLUS_BCUBED_F1_FLOOR
