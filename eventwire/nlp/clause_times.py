"""Time expressions an event borrows from the clauses around its own, and lengths it states.

An event whose clause states no time may still be dated by its sentence or the one before:

- a time deep in its own clause, below a chain of prepositions the events stage does not climb;
- a clause that happens along with another takes that clause's time ("during 2017, as the North
  staged weapons tests"; "last November, when the two leaders met");
- a main clause takes the time of its participle adjunct ("Speaking to reporters on Thursday,
  the minister accused ...");
- verbs joined by "and" share a time stated on one of them ("accused ... and called for ...";
  "arrested 12 drivers and cleared the road early on Thursday");
- a past event whose actor was the subject of the previous sentence, set in the past at month
  or year precision, continues that frame ("Mr Kim turned to diplomacy last year. He also visited
  China three times").

A stated length turns an event's day into the days it covers: "left on Sunday for a three-day
visit" starts that day, "two days of talks ended on Thursday" and "at the end of a two-day visit"
end on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.models import ActorMention, Event, Factuality, duration_days
from eventwire.nlp.event_frames import trigger_token
from eventwire.nlp.timex import Timex

SIMULTANEOUS = frozenset({"as", "while", "when"})  # clauses happening along with their head
ENDING = frozenset({"end", "conclude", "close", "finish", "wrap"})
MAX_CLIMB = 6
DEEP_CLIMB = 12  # "detained nine people after scuffles near the entrance ... late on Saturday"
_MONTH_OR_YEAR = re.compile(r"^\d{4}(?:-\d{2})?$")


def clause_verb(token: Token) -> Token | None:
    """The verb of the clause ``token`` is in (itself when it is one)."""
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def hanging_from(
    doc: Doc, verb: Token, timexes: Sequence[Timex], climb: int = MAX_CLIMB
) -> list[Timex]:
    """The time expressions of ``verb``'s own clause (not those of clauses below it), at most
    ``climb`` steps below it."""
    sent = verb.sent
    found = []
    for timex in timexes:
        if not (sent.start_char <= timex.start and timex.end <= sent.end_char):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        tok = span.root if span is not None and len(span) else None
        for _ in range(climb):
            if tok is None or tok.i == verb.i:
                break
            if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                tok = None
                break
            tok = tok.head
        if tok is not None and tok.i == verb.i:
            found.append(timex)
    return found


def borrowed_times(doc: Doc, event: Event, timexes: Sequence[Timex]) -> list[Timex]:
    """Time expressions of the clauses the event's clause happens with, in that order of trust:
    its own clause deeper down, the clause it is simultaneous with, its participle adjuncts, its
    coordinated verbs."""
    token = trigger_token(doc, event)
    verb = clause_verb(token) if token is not None else None
    if verb is None:
        return []
    found = hanging_from(doc, verb, timexes, climb=DEEP_CLIMB)
    if not found and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in SIMULTANEOUS for c in verb.children
    ):
        found = _simultaneous(doc, verb, timexes)
    if not found:
        found = _adjunct_times(doc, verb, timexes)
    for other in _coordinated(verb) if not found else ():
        found = hanging_from(doc, other, timexes) or _adjunct_times(doc, other, timexes)
        if found:
            break
    return found


def _simultaneous(doc: Doc, verb: Token, timexes: Sequence[Timex]) -> list[Timex]:
    """The time of what a "when / while / as" clause happens along with."""
    if verb.dep_ == "advcl":  # "during 2017, as the North staged"
        return hanging_from(doc, verb.head, timexes)
    if verb.dep_ == "relcl":  # "in July, when Malaysia complained"
        return [t for t in timexes if t.start <= verb.head.idx < t.end]
    return []


def _adjunct_times(doc: Doc, verb: Token, timexes: Sequence[Timex]) -> list[Timex]:
    """Times of a participle adjunct with no conjunction ("Speaking on Thursday, X said")."""
    for child in verb.children:
        unmarked = not any(c.dep_ == "mark" for c in child.children)
        if child.dep_ == "advcl" and child.tag_ == "VBG" and unmarked:
            found = hanging_from(doc, child, timexes)
            if found:
                return found
    return []


def _coordinated(verb: Token) -> list[Token]:
    """Verbs joined to ``verb`` by a conjunction, in the same tense."""
    first = verb
    while first.dep_ == "conj" and first.head.pos_ in ("VERB", "AUX"):
        first = first.head
    chain = [first, *(t for t in first.conjuncts if t.pos_ in ("VERB", "AUX"))]
    return [t for t in chain if t.i != verb.i and t.tag_ == verb.tag_]


def previous_frame(
    doc: Doc, event: Event, timexes: Sequence[Timex], mentions: Sequence[ActorMention]
) -> Timex | None:
    """The month or year the previous sentence set in the past for the event's actor, when the
    event is a past event with no time of its own ("He also visited China three times")."""
    token = trigger_token(doc, event)
    if token is None or token.tag_ != "VBD" or event.factuality is not Factuality.ASSERTED:
        return None
    if event.source is None or token.sent.start == 0:
        return None
    root = doc[token.sent.start - 1].sent.root
    if root.tag_ != "VBD":
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    actor = event.source.actor.id
    if not any(
        m.actor.id == actor
        and any(s.left_edge.idx <= m.span.start and m.span.end <= _end(s) for s in subjects)
        for m in mentions
    ):
        return None
    for timex in hanging_from(doc, root, timexes):
        if timex.type == "DATE" and timex.value and _MONTH_OR_YEAR.match(timex.value):
            return timex
    return None


def _end(token: Token) -> int:
    right = token.right_edge
    return right.idx + len(right)


def stated_length(doc: Doc, event: Event, own: Sequence[Timex]) -> tuple[int, bool] | None:
    """The days the event itself lasts, from a length on its own noun ("a three-day visit",
    "two days of talks"), and whether the event's stated day is its last one."""
    token = trigger_token(doc, event)
    if token is None:
        return None
    for timex in own:
        days = duration_days(timex.value) if timex.type == "DURATION" else None
        if days is None:
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is None:
            continue
        if root.head.i == token.i:  # "a three-day visit"
            return days, _ends(token)
        purpose = root.head.head
        if purpose.lower_ == "for" and purpose.head.i == token.i:  # "left for a two-day visit"
            return days, False
        if token.head.lower_ == "of" and token.head.head.i == root.i:  # "two days of talks"
            return days, _ends(root)
    return None


def _ends(token: Token) -> bool:
    """The phrase at ``token`` is the end of what it names ("at the end of a visit", "talks
    ended")."""
    head = token.head
    if head.lower_ == "of" and head.head.lemma_ == "end":
        return True
    return token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in ENDING


def measures_event(doc: Doc, event: Event, timex: Timex) -> bool:
    """Whether a length is the event's own ("a 48-hour journey", "the journey takes over 48
    hours", "talks lasting two days", "spend 60 hours on his trip"), not that of another thing
    in its clause ("signed an accord at the end of a two-day visit")."""
    token = trigger_token(doc, event)
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if token is None or span is None or not len(span):
        return False
    anchors = {token.i}
    if token.head.pos_ in ("VERB", "AUX"):
        anchors.add(token.head.i)  # "the journey takes ...", "spend ... on his trip"
    elif token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
        anchors.add(token.head.head.i)
    head = span.root.head
    if head.i in anchors:
        return True
    if head.dep_ == "prep" and head.head.i in anchors:  # "takes over 48 hours"
        return True
    return head.dep_ == "acl" and head.head.i == token.i  # "talks lasting two days"
