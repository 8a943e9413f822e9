"""Temporal expressions in a parsed article, normalised TIMEX3-style.

``find_timexes(doc, published)`` finds dates, times, durations and sets with surface patterns
(``timex_patterns``), keeps the longest non-overlapping matches, extends them with a leading
modifier ("early", "more than", "the end of"), and normalises each one (``timex_resolve``,
``timex_periods``, ``timex_narrative``) against the publication date (DCT), the tense of the
verb it attaches to, and what the narrative last mentioned: the last day ("the day before",
"a week later"), the last calendar value at any granularity ("that year", "the following
month"), the last quarter of a results story and whether it has moved on to "the nine months".

Choices worth knowing:
- a bare weekday that is the DCT's own weekday is the DCT itself, whatever the tense; otherwise
  past tense gives the most recent such day, future or modal the next one, present the nearest;
- a verb of deferral before "until"/"through" ("postponed until Tuesday") looks ahead; a plan
  in the past perfect ("had been due to expire Friday") looks back;
- a capitalised unit right after a quote mark is a programme title ("This Week"), not a time;
- "N years ago" is written at year granularity ("a year ago" on 2024-02-29 is ``2023``), months
  at month, weeks at ISO week, days at day; month and year shifts clamp to the month's end;
- a bare number right before a plural noun with no determiner counts things ("sent 2000
  troops"), and a "daily" used as a noun names a newspaper: neither is a time;
- rarer patterns are only tried near a word they need (``NEEDED_WORDS``), for speed; the others
  only at the words before one they cannot do without (``timex_anchors``), which finds exactly
  the matches of the whole text;
- without a publication date, relative expressions get ``value=None`` and ``anchored="none"``
  (a month and day without a year becomes ``XXXX-MM-DD``); today's date is never used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy

from eventwire.nlp.syntax import doc_text
from eventwire.nlp.timex_anchors import ANCHORS, Scan, anchored_matches
from eventwire.nlp.timex_narrative import NARRATIVE_RESOLVERS, mention_of
from eventwire.nlp.timex_patterns import (
    MODIFIERS,
    NEEDED_WORDS,
    POINT_MODIFIERS,
    core_span,
    modifier_before,
    patterns,
)
from eventwire.nlp.timex_periods import PERIOD_RESOLVERS, quarter_of
from eventwire.nlp.timex_resolve import RESOLVERS, Context, Resolved
from eventwire.nlp.timex_sets import SET_RESOLVERS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span, Token

__all__ = ["Timex", "find_timexes", "governing_tense"]

MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "may", "might", "should", "must"})
FUTURE_HEADS = frozenset({"due", "plan", "expect", "schedule", "set", "intend", "aim", "hope"})
# "postponed until Tuesday", "extended the offer through January": the day lies ahead of the act
DEFER_VERBS = frozenset({"postpone", "delay", "defer", "extend", "adjourn", "give", "push"})
DEFER_PREPS = frozenset({"until", "till", "through", "to"})
CUE = re.compile(
    r"\b(?:in|on|by|since|until|till|of|from|to|through|during|before|after|between|and|for|"
    r"than|about|around|nearly|almost|over|within|early|late|mid|end|beginning|start|at least)"
    r"[ -]$",
    re.IGNORECASE,
)
WEAK = frozenset({"year", "month_bare", "duration", "vague_dur"})
AMOUNT = re.compile(
    r"(?i:\d|an? |one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|few|several|couple)"
)
CUMULATIVE = frozenset({"P6M", "P9M"})  # "the first nine months": results to date, not a quarter
NEEDED_REACH = 60  # characters either side of a needed word that its pattern may span
COUNTABLE = frozenset({"year", "year_words"})
NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos"})
# "in 1998 elections were held": after these a number before a plural noun is still a year
YEAR_PREPS = frozenset({"in", "since", "by", "until", "till", "before", "after", "during"})
QUOTES = ('"', "'", "`", "\u201c", "\u2018")
DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T|$)")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: character offsets into ``doc.text`` and its TIMEX3 reading."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    anchored: str = "dct"  # explicit | dct | narrative | tense | none
    point: str | None = None  # for a DURATION such as "three days later": the day it reaches


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    name: str
    match: re.Match[str]
    rank: int


def find_timexes(doc: Doc, published: date | None) -> list[Timex]:
    """Temporal expressions of ``doc`` in text order, normalised against ``published``."""
    text = doc_text(doc)
    found: list[Timex] = []
    anchor: date | None = None
    quarter: str | None = None
    mention: str | None = None
    cumulative = False
    resolvers = RESOLVERS | PERIOD_RESOLVERS | NARRATIVE_RESOLVERS | SET_RESOLVERS
    cands = [c for c in _candidates(doc, text) if not _misread(doc, c)]
    for cand in _select(cands):
        start, mod = _modifier(text, cand.start)
        tense = governing_tense(doc, cand.start, cand.end)
        ctx = Context(published, tense, anchor, quarter, mention, cumulative)
        try:
            resolved = resolvers[cand.name](cand.match, ctx)
        except (ValueError, OverflowError):  # off the calendar: "7000 years ago", "year 10000"
            continue
        if resolved is None:
            continue
        timex = _finish(text, (start, cand.start, cand.end), resolved, mod)
        found.append(timex)
        anchor = _day_of(timex.value) or _day_of(timex.point) or anchor
        if timex.type in {"DATE", "TIME"}:
            mention = mention_of(timex.value) or mention
        mention = mention_of(timex.point) or mention
        if cand.name == "quarter":
            quarter = quarter_of(timex.value) or quarter
            cumulative = False
        elif timex.type == "DURATION" and timex.value in CUMULATIVE:
            cumulative = True
    return found


def _entity_chars(doc: Doc) -> set[int]:
    """Character offsets covered by tokens of the model's DATE and TIME entities."""
    labels = [doc.vocab.strings[label] for label in ("DATE", "TIME") if label in doc.vocab.strings]
    chars: set[int] = set()
    if not labels:
        return chars
    for i in numpy.flatnonzero(numpy.isin(doc.to_array("ENT_TYPE"), labels)):
        token = doc[int(i)]
        chars.update(range(token.idx, token.idx + len(token)))
    return chars


def _candidates(doc: Doc, text: str) -> list[_Candidate]:
    entity_chars = _entity_chars(doc)
    out: list[_Candidate] = []
    lower = text.lower()
    scan = Scan(text, lower)
    for rank, (name, pattern) in enumerate(patterns()):
        for match in _matches(name, pattern, text, lower, scan):
            start, end = core_span(match)
            if name in WEAK and not _supported(text, start, end, entity_chars):
                continue
            if _title(match, start):
                continue
            out.append(_Candidate(start, end, name, match, rank))
    return out


def _matches(
    name: str, pattern: re.Pattern[str], text: str, lower: str, scan: Scan | None = None
) -> Iterator[re.Match[str]]:
    """The pattern's matches; a pattern that needs one of some words is only tried near them,
    an anchored one only where it can start (``scan`` is the text's, shared by the patterns)."""
    anchors = ANCHORS.get(name)
    if anchors is not None:
        yield from anchored_matches(pattern, scan or Scan(text, lower), anchors)
        return
    words = NEEDED_WORDS.get(name)
    if words is None:
        yield from pattern.finditer(text)
        return
    done = 0
    for at in sorted(_occurrences(lower, words)):
        if at < done:
            continue
        window = (max(done, at - NEEDED_REACH), min(len(text), at + NEEDED_REACH))
        for match in pattern.finditer(text, *window):
            done = max(done, match.end())
            yield match


def _occurrences(lower: str, words: tuple[str, ...]) -> Iterator[int]:
    for word in words:
        at = lower.find(word)
        while at >= 0:
            yield at
            at = lower.find(word, at + 1)


def _misread(doc: Doc, cand: _Candidate) -> bool:
    """A number that counts things ("sent 2000 troops") rather than naming a year, or "daily"
    naming a newspaper ("the party daily Granma", "told the daily")."""
    if cand.name not in COUNTABLE and cand.name != "set_adverb":
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    last = span[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if cand.name == "set_adverb":
        noun = last.pos_ in {"NOUN", "PROPN"} or last.dep_ in NOUN_DEPS
        return noun or (after is not None and after.pos_ == "PROPN")
    before = doc[span.start - 1] if span.start > 0 else None
    counted = (
        len(span) == 1
        and after is not None
        and last.dep_ == "nummod"
        and last.head.i == after.i
        and after.tag_ == "NNS"
    )
    determined = before is not None and (
        before.tag_ in {"DT", "PRP$", "POS"} or before.lower_ in YEAR_PREPS
    )
    return counted and not determined


def _title(match: re.Match[str], start: int) -> bool:
    """A quoted name with a capitalised unit is a title ("This Week", "60 Minutes")."""
    unit = match.groupdict().get("unit") or ""
    return unit[:1].isupper() and match.string.endswith(QUOTES, 0, start)


def _supported(text: str, start: int, end: int, entity_chars: set[int]) -> bool:
    """A weak match (a bare year, "a year") needs the model's agreement or a cue word before it."""
    if any(i in entity_chars for i in range(start, end)):
        return True
    return CUE.search(text[max(0, start - 12) : start]) is not None


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest matches first, then pattern priority; no two chosen matches overlap."""
    taken: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _modifier(text: str, start: int) -> tuple[int, str | None]:
    match = modifier_before().search(text[max(0, start - 20) : start])
    if match is None:
        return start, None
    return start - (len(match.group(0))), MODIFIERS[match["mod"].lower()]


def _finish(text: str, bounds: tuple[int, int, int], res: Resolved, mod: str | None) -> Timex:
    """Keep a modifier only where it makes sense: START/MID/END on points in time, amount
    modifiers ("more than", "about") on expressions that begin with a number."""
    start, core, end = bounds
    if mod is not None:
        point = res.type in {"DATE", "TIME"} and res.value not in {
            "PAST_REF",
            "FUTURE_REF",
            "PRESENT_REF",
        }
        amount = AMOUNT.match(text, core) is not None
        around = point and text[start:core].lower().startswith("around")
        if not (
            (point and mod in POINT_MODIFIERS)
            or (mod not in POINT_MODIFIERS and (amount or around))
        ):
            start, mod = core, None
    mod = mod or res.mod
    return Timex(start, end, text[start:end], res.type, res.value, mod, res.anchored, res.point)


def _day_of(value: str | None) -> date | None:
    match = DAY_VALUE.match(value or "")
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def governing_tense(doc: Doc, start: int, end: int) -> str:
    """``past``, ``present`` or ``future`` for the verb that the characters attach to."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "present"
    token: Token = span.root
    for _ in range(len(doc)):
        set_past = (token.lemma_, token.tag_) == ("set", "VBD")  # "set Friday as the deadline"
        if token.lemma_.lower() in FUTURE_HEADS and token.pos_ in {"ADJ", "VERB"} and not set_past:
            return "future"
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            break
        token = token.head
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in DEFER_PREPS and token.lemma_ in DEFER_VERBS:
        return "future"
    return _verb_tense(token)


def _pluperfect(head: Token) -> bool:
    """ "had been due to", "had been scheduled to": a plan that belongs to the past."""
    holders = [head, head.head] if head.dep_ in {"acomp", "xcomp"} else [head]
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ == "had" for h in holders for c in h.children
    )


def _verb_tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.lower_ in MODALS or any(a.lower_ in MODALS for a in auxes):
        return "future"
    head = verb.head
    future_head = (
        head.lemma_.lower() in FUTURE_HEADS
        or (head.lemma_, head.tag_) == ("go", "VBG")  # "going to"
        or (head.lemma_ == "be" and head.tag_ in {"VBZ", "VBP"})  # "is to resume"
    )
    if verb.dep_ == "xcomp" and head.i != verb.i and future_head:
        return "past" if _pluperfect(head) else "future"
    if any(a.lemma_ == "have" or a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBD" or ("Past" in verb.morph.get("Tense", []) and verb.tag_ != "VBN"):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in {"ROOT", "ccomp", "conj"} and not auxes:
        return "past"
    return "present"
