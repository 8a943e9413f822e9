"""Time patterns tried only where their anchors allow find exactly the matches of the whole text.

Protects the premise of ``timex_anchors``: every match of an anchored pattern begins a word and
has an anchor within ``reach`` words of its start. Checked on each pattern's longest forms, on
text mixing the patterns' words at random (with the characters that fold oddly and digits of
other scripts), on our example reports and benchmark corpus, and on the TimeML sets.
"""

from __future__ import annotations

import importlib
import itertools
import re
import string
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.nlp.timex import NEEDED_WORDS
from eventwire.nlp.timex_anchors import ANCHORS, Anchors, Scan, anchored_matches
from eventwire.nlp.timex_patterns import HOLIDAYS, MONTHS, UNITS, WEEKDAYS, patterns

PATTERNS = dict(patterns())

# Each pattern's longest forms (the anchor as many words in as the pattern lets it be) and forms
# with each of its anchors; a {placeholder} stands for each of its words in turn.
FILL = {
    "{month}": sorted({m.capitalize() for m in MONTHS}),
    "{weekday}": [w.capitalize() for w in WEEKDAYS],
    "{unit}": [*UNITS, "centurie"],
    "{holiday}": list(HOLIDAYS),
    "{dir}": ["later", "after", "before"],
    "{qual}": ["past", "last", "next", "coming", "previous", "first", "final"],
    "{relunit}": ["day", "week", "month", "year"],
    "{qunit}": ["week", "weekend", "month", "quarter", "year", "decade", "century"],
    "{season}": ["spring", "summer", "autumn", "winter", "fall"],
    "{named}": ["noon", "midnight", "midday"],
    "{every}": ["every", "each"],
    "{adverb}": ["dai", "week", "month", "annual", "year", "hour"],
}
LONGEST = {
    "offset": [
        "the 2 1/2 and a half centuries and a half or so later",
        "a couple of {unit}s {dir}",
    ],
    "duration": [
        "2 1/2 and a half consecutive {unit}s",
        "a couple of and a half more weeks",
        "an additional twenty-four-hour",
        "a further 3.5 years",
        "the twenty-four days",
        "another 10 months",
    ],
    "past_n": ["the {qual} 2 1/2 and a half trading days or so", "the next few {unit}s"],
    "vague_dur": ["for {unit}s", "within centuries"],
    "refs": [
        "the distant future",
        "the near term",
        "a later date",
        "then current leaders",
        "most recently",
        "right now",
        "at present",
        "these days",
        "nowadays",
        "the past",
    ],
    "rel_day": [
        "earlier that same {relunit}",
        "the next {relunit}",
        "the {relunit} before",
        "the month after it",
    ],
    "qual_unit": [
        "this year's {season}",
        "the last {season}",
        "the last {weekday}",
        "the coming {qunit}",
    ],
    "holiday": [
        "last Martin Luther King Day",
        "next St. Patrick's Day, 2014",
        "this International Women's Day",
        "Christmas Eve week",
        "next {holiday}",
    ],
    "the_unit": ["of the current fiscal year ended", "in the full month"],
    "weekday": ["last {weekday} morning"],
    "year_words": [
        "the year 19\u0669\u0668",  # digits of another script end it
        "the year two thousand and one",
        "the year nineteen ninety-four",
    ],
    "year": ["fiscal 1998", "fiscal two thousand", "in nineteen hundred"],
    "dmy": ["Monday, 5th of {month}, 1998", "24 Sept. 2013"],
    "mdy": ["Monday, {month}. 5, 1998", "Sept 24"],
    "my": ["{month}, 1998", "Dec. of 2012"],
    "day_and": ["{month} 24 and 25, 1998", "May 1st to 3rd"],
    "month": ["in {month}", "mid-{month}", "until Feb."],
    "qual_month": ["last {month}"],
    "month_bare": ["{month}"],
    "clock": ["10:30 p.m. EST", "{named}", "0600 GMT", "4 in the morning", "10 o'clock at night"],
    "clock_day": ["10:30 p.m. EST on Monday", "{named}, Jan 5", "9 a.m. tomorrow"],
    "iso": ["1998-02-13"],
    "set_adverb": ["{adverb}ly"],
    "set_every": ["{every} other Monday morning", "{every} {season}"],
    "set_every_n": ["{every} 3 {unit}s"],
    "set_weekday": ["on {weekday}s", "{weekday} nights"],
}
ODD = ["İ", "ı", "ſeconds", "weeK", "٣", "١٩٩٨", "３", "Ｊan", "JANUARY", "NOON", "Days"]
VOCAB = sorted(
    {
        word
        for forms in LONGEST.values()
        for form in forms
        for word in form.split()
        if "{" not in word
    }
    | {word for words in FILL.values() for word in words}
    | {"and", "or", "ago", "later", "of", "the", "a", "said", "talks", "ended", "'", '"', "("}
    | set(ODD)
)
SEPARATORS = [" ", " ", " ", "-", ", ", "", ".", "\n\n"]


def _matches(name: str, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in PATTERNS[name].finditer(text)]


def _anchored(name: str, text: str, scan: Scan | None = None) -> list[tuple[object, ...]]:
    scan = scan or Scan(text, text.lower())
    found = anchored_matches(PATTERNS[name], scan, ANCHORS[name])
    return [(m.span(), m.groups()) for m in found]


def _same_everywhere(texts: Iterable[str]) -> int:
    """How many matches were compared; fails on the first text and pattern that differ."""
    count = 0
    for text in texts:
        scan = Scan(text, text.lower())
        for name in ANCHORS:
            expected = _matches(name, text)
            assert _anchored(name, text, scan) == expected, (name, text[:200])
            count += len(expected)
    return count


def test_every_anchored_pattern_is_one_of_ours_and_begins_a_word() -> None:
    for name, anchors in ANCHORS.items():
        assert name in PATTERNS
        assert name not in NEEDED_WORDS
        assert PATTERNS[name].pattern.startswith(r"\b"), name
        assert anchors.words or anchors.names or anchors.digits
        assert all(re.fullmatch("[a-z]+", word) for word in anchors.words), name
        assert all(re.match(r"\w", name) for name in anchors.names)


def _filled(form: str) -> list[str]:
    """The form with each of its placeholders' words in turn (every combination)."""
    holes = [hole for hole in FILL if hole in form]
    out = []
    for words in itertools.product(*(FILL[hole] for hole in holes)):
        filled = form
        for hole, word in zip(holes, words, strict=True):
            filled = filled.replace(hole, word)
        out.append(filled)
    return out


@pytest.mark.parametrize("name", sorted(LONGEST))
def test_the_longest_forms_and_every_anchor_are_found(name: str) -> None:
    for form in LONGEST[name]:
        texts = [f"Officials said {filled} talks ended. ({filled})" for filled in _filled(form)]
        assert any(_matches(name, text) for text in texts), form  # the form is the pattern's
        for text in texts:
            assert _anchored(name, text) == _matches(name, text), text


def test_every_anchored_pattern_has_its_longest_forms() -> None:
    assert set(LONGEST) == set(ANCHORS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPARATORS)), max_size=40))
def test_random_mixes_of_the_patterns_words(pieces: list[tuple[str, str]]) -> None:
    _same_everywhere(["".join(word + sep for word, sep in pieces)])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    _same_everywhere([text])


def test_only_the_letters_scan_folds_read_as_ascii_letters_otherwise() -> None:
    """What a case-insensitive pattern reads as an ASCII letter, lower-cased, is that letter,
    but for 'İ', 'ı' and 'ſ'; and only 'İ' lower-cases to more than one character."""
    letter = re.compile("[a-z]|" + "|".join(string.ascii_lowercase), re.IGNORECASE)
    chars = [chr(c) for c in range(0x80, sys.maxunicode + 1)]
    odd = {c for c in chars if letter.fullmatch(c) and c.lower() not in string.ascii_lowercase}
    assert odd == {"\u0130", "\u0131", "\u017f"}
    assert {c for c in chars if len(c.lower()) != 1} == {"\u0130"}


def test_texts_with_letters_that_fold_oddly() -> None:
    texts = [
        "three \u017feconds later",
        "\u0130n January at noon \u0131t ended",
        "a wee\u212a later",
    ]
    assert _same_everywhere([*texts, " ".join(texts)]) >= 6


def test_example_reports_and_the_benchmark_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    corpus = importlib.import_module("corpus")  # as bench/run.py imports it
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "reports").glob("*.txt"))]
    texts += [r.text for r in corpus.generate(40, seed=11, length=40)]
    assert _same_everywhere(texts) > 500


@pytest.mark.shared
def test_the_timeml_sets(shared: Path) -> None:
    from eventwire.eval.timeml import read_timeml

    paths = sorted((shared / "benchmarks" / "timex").glob("**/*.tml"))
    if not paths:
        pytest.skip("no TimeML files under ../shared/benchmarks/timex")
    assert _same_everywhere(read_timeml(path).text for path in paths) > 5000


def test_anchors_count_where_they_begin_a_word() -> None:
    text = "On Monday,Janet met dayMonday's Jan. 5 guests."
    scan = Scan(text, text.lower())
    # On0 Monday1 Janet2 met3 dayMonday4 s5 Jan6 5-7 guests8
    assert list(scan.anchored(Anchors(0, names=("Monday", "Jan"), digits=True))) == [
        [1], [2, 6], [7]
    ]  # fmt: skip
    assert [m.group() for m in anchored_matches(PATTERNS["mdy"], scan, ANCHORS["mdy"])] == [
        "Jan. 5"
    ]
