"""Where a time pattern's matches can start, so that it is tried there only and still finds
the matches of the whole text.

A regular expression run over a whole article is tried at every character: 0.1-0.5 ms an article
for most of our patterns. Yet every match of such a pattern holds a word it cannot do without (a
unit in "three days", a month name, the hour of a clock time), near its start. ``ANCHORS`` names
those words per pattern and how many words into a match they can lie (``reach``).
:func:`anchored_matches` finds where the anchors begin a word, takes the word starts up to
``reach`` words before each, and tries the pattern at those starts only, left to right, going on
after the end of each match as ``finditer`` does (``Pattern.match`` at a position sees the whole
text around it, as ``finditer`` does: word boundaries, lookbehinds, lookaheads). Every match of an
anchored pattern begins a word (the pattern opens with ``\\b`` and a word character) and has an
anchor beginning one of its words within reach; so no start where ``finditer`` finds a match is
left out and both give the same matches. (``NEEDED_WORDS`` patterns are tried in a window of text
around their word instead, which can cut a lookahead at its edge; they are left as they are.)

Words are sought in the lower-cased text, in which every letter a case-insensitive pattern reads
as an ASCII letter is that letter, once 'İ', 'ı' and 'ſ' are made 'i', 'i' and 's' (the only
others are the letters' capitals and the Kelvin sign, which lower-case to them; 'İ' alone
lower-cases to two characters). Names, which the patterns read case-sensitively (months,
weekdays, holidays), are sought as written, and digits as ``\\d`` reads them.
``tests/test_nlp_timex_anchors.py`` checks the reaches on the patterns' longest forms and the
matches against ``finditer`` on real and generated text: change a pattern in ``timex_patterns``
and its entry here together.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.nlp.timex_patterns import HOLIDAYS, MONTHS, UNITS, WEEKDAYS

WORD = re.compile(r"\w+")  # the word characters of the patterns' \b
DIGITS = re.compile(r"\d+")  # \d as the patterns read it: any decimal digit
UNFOLDED = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ: read as i, i, s by a case-insensitive match
FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


@dataclass(frozen=True, slots=True)
class Anchors:
    """Every match of a pattern begins a word and has one of ``words`` (sought lower-cased),
    ``names`` (sought as written) or, with ``digits``, a decimal digit beginning one of its
    words, at most ``reach`` words after its first."""

    reach: int
    words: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    digits: bool = False


def _last_word(name: str) -> str:
    words: list[str] = WORD.findall(name)
    return words[-1]


_UNITS = (*UNITS, "centurie")  # what timex_patterns._UNIT begins with
_MONTHS = tuple(sorted({m.capitalize()[:3] for m in MONTHS}))  # what every month name begins with
_WEEKDAYS = tuple(w.capitalize() for w in WEEKDAYS)
_SEASONS = ("spring", "summer", "autumn", "winter", "fall")
_YEARS = ("nineteen", "two")  # a year is 1[5-9]dd, 20dd, "nineteen ...", "two thousand ..."
_CLOCK = Anchors(0, words=("noon", "midnight", "midday"), digits=True)  # the hour comes first
# a holiday by its last word, after a qualifier: "last Martin Luther King Day"
_HOLIDAYS = tuple(sorted({_last_word(h) for h in HOLIDAYS}))
_HOLIDAY_REACH = 1 + max(len(WORD.findall(h)) - 1 for h in HOLIDAYS)
_REFS = ("now", "current", "present", "these", "recent", "future", "term", "later", "past")

# A reach is the most words (runs of word characters: "twenty-four" is two, "Year's" two) the
# pattern lets come before the anchor, the parts shown beside it. An amount ({num}) is at most
# six words ("2 1/2 and a half", "a couple of"), a unit four ("days and a half").
ANCHORS: dict[str, Anchors] = {
    "iso": Anchors(0, digits=True),
    "mdy": Anchors(1, names=_MONTHS),  # Monday, Jan. 5
    "dmy": Anchors(3, names=_MONTHS),  # Monday, 5th of Jan
    "my": Anchors(0, names=_MONTHS),
    "day_and": Anchors(0, names=_MONTHS),
    "qual_month": Anchors(1, names=_MONTHS),  # last Jan
    "month": Anchors(1, names=_MONTHS),  # in Jan, mid-Jan
    "month_bare": Anchors(0, names=_MONTHS),
    # the {num} {unit} or so later: 1 + 6 + 4 + 2
    "offset": Anchors(13, words=("later", "after", "before")),
    "set_every": Anchors(0, words=("every", "each")),
    "set_every_n": Anchors(0, words=("every", "each")),
    "set_weekday": Anchors(0, names=_WEEKDAYS),
    "set_adverb": Anchors(0, words=("daily", "weekly", "monthly", "annually", "yearly", "hourly")),
    "past_n": Anchors(1, words=("past", "last", "next", "coming", "previous", "first", "final")),
    "duration": Anchors(9, words=_UNITS),  # an additional {num} consecutive days: 2 + 6 + 1
    "vague_dur": Anchors(1, words=_UNITS),  # for days
    "refs": Anchors(2, words=_REFS),  # the distant future, the long term, a later date
    "rel_day": Anchors(3, words=("day", "week", "month", "year")),  # earlier that same day
    "qual_unit": Anchors(  # this year's spring, the last Monday
        3,
        words=("week", "month", "quarter", "year", "decade", "century", *_SEASONS),
        names=_WEEKDAYS,
    ),
    "holiday": Anchors(_HOLIDAY_REACH, names=_HOLIDAYS),
    "the_unit": Anchors(4, words=("year", "month")),  # of the current fiscal year
    "weekday": Anchors(1, names=_WEEKDAYS),  # last Monday
    "year_words": Anchors(2, words=_YEARS, digits=True),  # the year 1990
    "year": Anchors(1, words=_YEARS, digits=True),  # fiscal 1990
    "clock_day": _CLOCK,
    "clock": _CLOCK,
}


class Scan:
    """A text as the anchored patterns read it: its word starts and the words each anchor
    begins, found once for all patterns."""

    def __init__(self, text: str, lower: str) -> None:
        self.text = text
        # the text lower-cased, offset for offset, each letter a case-insensitive pattern reads
        # as an ASCII letter made that letter: ``lower`` (``text.lower()``) but for 'İ', 'ı', 'ſ'
        self.folded = text.translate(FOLDS).lower() if UNFOLDED.search(text) else lower
        self._starts: list[int] | None = None
        self._digits: list[int] | None = None
        self._found: dict[tuple[str, bool], list[int]] = {}

    @property
    def starts(self) -> list[int]:
        """Where each word of the text starts."""
        if self._starts is None:
            self._starts = [m.start() for m in WORD.finditer(self.text)]
        return self._starts

    def anchored(self, anchors: Anchors) -> Iterator[list[int]]:
        """The indices of the words each of the anchors begins."""
        for word in anchors.words:
            yield self._words(word, cased=False)
        for name in anchors.names:
            yield self._words(name, cased=True)
        if anchors.digits:
            if self._digits is None:
                self._digits = self._begun(m.start() for m in DIGITS.finditer(self.text))
            yield self._digits

    def _words(self, word: str, *, cased: bool) -> list[int]:
        found = self._found.get((word, cased))
        if found is None:
            found = self._found[word, cased] = self._begun(
                _occurrences(self.text if cased else self.folded, word)
            )
        return found

    def _begun(self, positions: Iterator[int]) -> list[int]:
        """The indices of the words that begin at these positions."""
        starts = self.starts
        out: list[int] = []
        for at in positions:
            i = bisect_left(starts, at)
            if i < len(starts) and starts[i] == at:
                out.append(i)
        return out


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def anchored_matches(
    pattern: re.Pattern[str], scan: Scan, anchors: Anchors
) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(scan.text)`` gives, tried only where they can start."""
    firsts: set[int] = set()
    reach = anchors.reach
    for indices in scan.anchored(anchors):
        for i in indices:
            firsts.update(range(max(0, i - reach), i + 1))
    starts, text = scan.starts, scan.text
    done = 0
    for i in sorted(firsts):
        at = starts[i]
        if at < done:
            continue
        match = pattern.match(text, at)
        if match is not None:
            done = match.end()
            yield match
