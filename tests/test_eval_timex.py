"""TimeML reading and TE3-style TIMEX3 scoring: exact offsets, the DCT, strict/relaxed/value rules.

Every TimeML file here is written by the test from invented sentences; the only test touching the
real benchmark folders checks the counts their README states, and skips when they are absent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import EventwireError
from eventwire.eval.timeml import GoldTimex, TimemlDoc, TimemlError, read_timeml, read_timeml_dir
from eventwire.eval.timex import (
    TimexScores,
    evaluate_timex_dir,
    format_timex_report,
    normalise_value,
    relaxed_pairs,
    score_timex,
    values_equal,
)

TIMEX_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "timex"

TOY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-06-04" temporalFunction="false"
  functionInDocument="CREATION_TIME">June 4, 2021</TIMEX3></DCT>
<TITLE>Bakery opens</TITLE>
<TEXT>
The bakery &amp; caf&#233; <EVENT eid="e1" class="OCCURRENCE">opened</EVENT> <TIMEX3 tid="t1"
 type="DATE" value="2021-06-03">yesterday</TIMEX3> after <!-- a note --><EVENT eid="e2"
 class="OCCURRENCE">waiting</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P1DE"
 mod="MORE_THAN">more than a decade</TIMEX3> &lt;sic&gt;.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
</TimeML>
"""


@dataclass(frozen=True)
class Pred:
    """A predicted timex as another stage might produce it: only the four scored attributes."""

    start: int
    end: int
    type: str
    value: str | None


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def doc_from(text: str, spans: list[tuple[str, str, str]], name: str = "d") -> TimemlDoc:
    """A gold document built by hand; each span's text is found in order of appearance."""
    timexes = []
    cursor = 0
    for surface, kind, value in spans:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        timexes.append(GoldTimex(start, cursor, surface, kind, value))
    return TimemlDoc(name=name, dct=date(2021, 6, 7), text=text, timexes=tuple(timexes))


def pred(doc: TimemlDoc, surface: str, kind: str, value: str | None) -> Pred:
    start = doc.text.index(surface)
    return Pred(start, start + len(surface), kind, value)


# --- reading ------------------------------------------------------------------------------------


def test_reader_offsets_are_exact_after_stripping_tags_and_decoding_entities(
    tmp_path: Path,
) -> None:
    doc = read_timeml(write(tmp_path, "toy.tml", TOY))
    assert doc.name == "toy"
    assert (
        doc.text == "\nThe bakery & café opened yesterday after waiting more than a decade <sic>.\n"
    )
    assert [(t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("yesterday", "DATE", "2021-06-03", None),
        ("more than a decade", "DURATION", "P1DE", "MORE_THAN"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    assert doc.timexes[0].start == doc.text.index("yesterday")


def test_reader_takes_the_dct_and_does_not_score_it(tmp_path: Path) -> None:
    doc = read_timeml(write(tmp_path, "toy.tml", TOY))
    assert doc.dct == date(2021, 6, 4)
    assert all(t.tid != "t0" for t in doc.timexes)
    assert "June 4" not in doc.text


def test_reader_without_dct_gives_none(tmp_path: Path) -> None:
    content = '<TimeML><TEXT>It rained <TIMEX3 tid="t1" type="DATE" value="2020">in 2020</TIMEX3>.'
    doc = read_timeml(write(tmp_path, "nodct.tml", content + "</TEXT></TimeML>"))
    assert doc.dct is None
    assert [t.text for t in doc.timexes] == ["in 2020"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<TimeML><TEXT>broken <TIMEX3 type='DATE'>x</TEXT></TimeML>", "well-formed"),
        ("<TimeML><TITLE>no body</TITLE></TimeML>", "<TEXT>"),
        ("<TimeML><TEXT><TIMEX3 tid='t1' value='2020'>2020</TIMEX3></TEXT></TimeML>", "no type"),
    ],
)
def test_a_bad_file_raises_an_error_naming_it(tmp_path: Path, content: str, reason: str) -> None:
    path = write(tmp_path, "bad_one.tml", content)
    with pytest.raises(TimemlError, match=r"bad_one\.tml") as caught:
        read_timeml(path)
    assert reason in str(caught.value)
    assert isinstance(caught.value, EventwireError)


def test_reading_a_folder_takes_tml_files_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b.tml", TOY)
    write(tmp_path, "a.tml", TOY)
    write(tmp_path, "notes.txt", "not TimeML")
    assert [doc.name for doc in read_timeml_dir(tmp_path)] == ["a", "b"]


# --- scoring ------------------------------------------------------------------------------------

SENTENCE = "On Monday the mayor spoke for two hours, and every week since 1999 she met the council."


def test_strict_relaxed_type_and_value_figures_by_hand() -> None:
    gold = doc_from(
        SENTENCE,
        [
            ("Monday", "DATE", "2021-06-07"),
            ("two hours", "DURATION", "PT2H"),
            ("every week", "SET", "P1W"),
            ("1999", "DATE", "1999"),
        ],
    )
    predicted = [
        pred(gold, "On Monday", "DATE", "2021-06-07"),  # relaxed only; type and value right
        pred(gold, "two hours", "DURATION", "PT3H"),  # strict; type right, value wrong
        pred(gold, "week", "DURATION", "P1W"),  # relaxed only; type wrong, value right
        pred(gold, "the mayor", "DATE", "XXXX"),  # overlaps nothing
    ]  # "1999" is missed
    scores = score_timex([gold], {"d": predicted})
    assert (scores.gold, scores.predicted, scores.strict_matches) == (4, 4, 1)
    assert (scores.relaxed_matches, scores.type_correct, scores.value_correct) == (3, 2, 2)
    figures = scores.to_dict()
    assert figures["strict_p"] == figures["strict_r"] == figures["strict_f1"] == 25.0
    assert figures["relaxed_p"] == figures["relaxed_r"] == figures["relaxed_f1"] == 75.0
    assert figures["type_accuracy"] == figures["value_accuracy"] == 66.67
    assert figures["value_p"] == figures["value_r"] == figures["value_f1"] == 50.0
    report = format_timex_report(scores)
    assert "75.00" in report
    assert "66.67" in report


def test_relaxed_matching_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    gold = doc_from(SENTENCE, [("Monday", "DATE", "2021-06-07"), ("two hours", "DURATION", "PT2H")])
    two = pred(gold, "two", "DURATION", "PT2H")
    longer = pred(gold, "for two hours", "DURATION", "PT2H")
    both = pred(gold, "Monday the mayor spoke for two", "DATE", "2021-06-07")
    assert relaxed_pairs(gold.timexes, [two, longer]) == [(1, 1)]
    scores = score_timex([gold], {"d": [two, longer]})
    assert (scores.relaxed_matches, scores.strict_matches) == (1, 0)
    # one prediction spanning two gold timexes matches one of them only
    assert score_timex([gold], {"d": [both]}).relaxed_matches == 1
    # a duplicate prediction with the exact span matches once, strictly and relaxed
    exact = pred(gold, "two hours", "DURATION", "PT2H")
    scores = score_timex([gold], {"d": [exact, exact]})
    assert (scores.strict_matches, scores.relaxed_matches, scores.predicted) == (1, 1, 2)


def test_documents_are_scored_separately_and_unknown_names_are_refused() -> None:
    first = doc_from(SENTENCE, [("Monday", "DATE", "2021-06-07")], name="first")
    second = doc_from(SENTENCE, [("Monday", "DATE", "2021-06-07")], name="second")
    scores = score_timex([first, second], {"first": [pred(first, "Monday", "DATE", "2021-06-07")]})
    assert (scores.documents, scores.gold, scores.strict_matches) == (2, 2, 1)
    with pytest.raises(ValueError, match="third"):
        score_timex([first], {"third": []})


def test_no_predictions_scores_zero_without_dividing_by_zero() -> None:
    gold = doc_from(SENTENCE, [("Monday", "DATE", "2021-06-07")])
    figures = score_timex([gold], {}).to_dict()
    assert figures["strict_f1"] == figures["value_f1"] == figures["type_accuracy"] == 0.0


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("P1DE", "P10Y"),
        ("P2CE", "P200Y"),
        ("p10y", "P10Y"),
        (" 2012-03-04 ", "2012-03-04"),
        ("PRESENT_REF", "present_ref"),
        ("2012-su", "2012-SU"),
    ],
)
def test_equivalent_values(gold: str, predicted: str) -> None:
    assert values_equal(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("2012-XX-XX", "2012"),
        ("2012-03-XX", "2012-03"),
        ("2012-SU", "2012"),
        ("PRESENT_REF", "2012"),
        ("PXDE", "PXY"),
        ("P1D", "P1DE"),
        ("2012", None),
    ],
)
def test_values_kept_apart_by_default(gold: str, predicted: str | None) -> None:
    assert not values_equal(gold, predicted)


def test_partial_dates_option_drops_trailing_unknown_parts() -> None:
    assert values_equal("2012-XX-XX", "2012", partial_dates=True)
    assert values_equal("2012-03-XX", "2012-03", partial_dates=True)
    assert not values_equal("XXXX-XX-XX", "XXXX", partial_dates=True)
    assert normalise_value("2012-XX-XX") == "2012-XX-XX"


def test_value_scoring_uses_the_equivalences() -> None:
    gold = doc_from("It took a decade.", [("a decade", "DURATION", "P10Y")])
    scores = score_timex([gold], {"d": [pred(gold, "a decade", "duration", "P1DE")]})
    assert scores.to_dict()["value_f1"] == scores.to_dict()["type_accuracy"] == 100.0


def test_to_dict_has_the_keys_the_cli_reports() -> None:
    figures = TimexScores().to_dict()
    for key in ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy", "gold", "predicted"):
        assert key in figures


# --- driver -------------------------------------------------------------------------------------


def test_evaluate_dir_passes_text_and_dct_to_the_annotator(tmp_path: Path) -> None:
    write(tmp_path, "toy.tml", TOY)
    seen: list[tuple[str, date | None]] = []

    def annotate(text: str, dct: date | None) -> list[Pred]:
        seen.append((text, dct))
        start = text.index("yesterday")
        return [Pred(start, start + len("yesterday"), "DATE", "2021-06-03")]

    scores = evaluate_timex_dir(tmp_path, annotate)
    assert seen == [(read_timeml(tmp_path / "toy.tml").text, date(2021, 6, 4))]
    figures = scores.to_dict()
    assert (figures["strict_p"], figures["strict_r"], figures["value_f1"]) == (100.0, 50.0, 66.67)


def test_evaluate_dir_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(TimemlError, match=r"no \.tml files"):
        evaluate_timex_dir(tmp_path, lambda text, dct: [])


# --- properties ---------------------------------------------------------------------------------

_CHARS = st.text(alphabet="abc XYZ é&<>'\"\n.,-", max_size=12)
_TIMEX = st.tuples(
    _CHARS,
    st.text(alphabet="abc XYZ é&<>'\"\n.,-", min_size=1, max_size=8),
    st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
    st.sampled_from(["2012", "P1DE", "PRESENT_REF", "XXXX-WI", "T10:00"]),
)


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(_TIMEX, min_size=1, max_size=6), tail=_CHARS)
def test_gold_scored_against_itself_is_perfect(
    tmp_path_factory: pytest.TempPathFactory,
    pieces: list[tuple[str, str, str, str]],
    tail: str,
) -> None:
    body = "".join(
        f"{escape(before)}<TIMEX3 tid='t{n}' type='{kind}' value={quoteattr(value)}>"
        f"{escape(inside)}</TIMEX3>"
        for n, (before, inside, kind, value) in enumerate(pieces, start=1)
    )
    folder = tmp_path_factory.mktemp("prop")
    path = write(folder, "p.tml", f"<TimeML><TEXT>{body}{escape(tail)}</TEXT></TimeML>")
    doc = read_timeml(path)
    assert doc.text == "".join(before + inside for before, inside, _, _ in pieces) + tail
    assert [t.text for t in doc.timexes] == [inside for _, inside, _, _ in pieces]
    figures = score_timex([doc], {doc.name: doc.timexes}).to_dict()
    for name in ("strict", "relaxed", "value"):
        for part in ("p", "r", "f1"):
            assert figures[f"{name}_{part}"] == 100.0
    assert figures["type_accuracy"] == figures["value_accuracy"] == 100.0


# --- the real benchmark folders (counts only) ---------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "docs", "types"),
    [
        ("te3-platinum", 20, {"DATE": 96, "DURATION": 34, "TIME": 4, "SET": 4}),
        ("timebank", 183, {"DATE": 1016, "DURATION": 189, "TIME": 22, "SET": 16}),
    ],
)
def test_benchmark_counts_match_the_readme(folder: str, docs: int, types: dict[str, int]) -> None:
    path = TIMEX_DATA / folder
    if not path.is_dir():
        pytest.skip(f"{path} is not present")
    read = read_timeml_dir(path)
    assert len(read) == docs
    assert Counter(t.type for doc in read for t in doc.timexes) == types
    assert all(doc.dct is not None for doc in read)
    for doc in read:
        for timex in doc.timexes:
            assert doc.text[timex.start : timex.end] == timex.text
