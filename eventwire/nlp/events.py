"""Event mentions from a parsed article: who did what to whom, where, when, and how sure.

``find_events(doc, actors, article_id)`` is pure: the same ``Doc`` and actor lookup give the same
events. For each sentence it finds triggers (``eventwire.nlp.triggers``), fills source, target and
others (``participants``), place and time (``scene``) and factuality (``factuality``), then
merges mentions that state one event twice ("arrived in Beijing at the start of a four-day
visit", "suspended its tests and dismantled its test site"). A sentence may give several events:
a summit that "ended without agreements" is a CONSULT and a negated AGREE.

Conventions (see ``eventwire/data/event_lexicon.tsv`` and the examples' README): a visitor is the
source of a visit and the host country the target; a meeting without a host has the first-named
side as source; signing an agreement is SUPPORT; an invitation is AGREE/invite from the one who
invites; refusing a concession ("will not suspend the licences") is an asserted REJECT.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.models import ActorMention, Event, EventCode, Factuality, TextSpan
from eventwire.nlp.context import complete_roles
from eventwire.nlp.factuality import assess, refusal
from eventwire.nlp.lexicon import Lexicon, load_lexicon, quad_class
from eventwire.nlp.participants import RoleFinder, fill_roles
from eventwire.nlp.scene import clause_tokens, locations, state_named, times
from eventwire.nlp.speech import content_zone, refusal_code, speech_code
from eventwire.nlp.syntax import indexed, kids, text_span, tokens_span
from eventwire.nlp.triggers import ActorLookup, Matcher, Trigger, TriggerKind, find_triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ActorLookup", "find_events"]

NAMING_POS = frozenset({"PROPN", "NOUN", "ADJ", "PRON"})  # tokens an actor mention can cover

CONCESSIONS = frozenset({"CONCEDE", "RETREAT", "AID", "COOPERATE", "AGREE", "SUPPORT", "CONSULT"})
LINKS = frozenset({"conj", "advcl", "xcomp"})
MAX_TRIGGER_GAP = 4  # "pay an official goodwill visit" is one trigger span


@dataclass(frozen=True, slots=True)
class _Mention:
    trigger: Trigger
    event: Event
    more_sources: tuple[ActorMention, ...] = ()  # further actors of the source slot
    more_targets: tuple[ActorMention, ...] = ()
    more_places: tuple[TextSpan, ...] = ()  # further places of a list: one event each


def find_events(
    doc: Doc, actors: ActorLookup, article_id: str, *, lexicon: Lexicon | None = None
) -> list[Event]:
    """Every event mention in ``doc``, sentence by sentence, in text order."""
    with indexed(doc) as columns:
        return _find_events(doc, Matcher(lexicon or load_lexicon(), actors, columns), article_id)


def _find_events(doc: Doc, matcher: Matcher, article_id: str) -> list[Event]:
    finder = RoleFinder(matcher)
    events: list[Event] = []
    text = matcher.columns.text if matcher.columns else doc.text  # Doc.text rebuilds it
    for sent in doc.sents:
        sentence = text_span(text[sent.start_char : sent.end_char], sent.start_char)
        if sentence is None:  # == sentence_span(sent)
            continue
        mentions = []
        for trig in find_triggers(sent, matcher):
            mention = _mention(trig, sent, sentence, article_id, matcher, finder)
            if mention is not None:
                mentions.append(mention)
        merged = _merge(_drop_protest_demands(mentions), matcher)
        events.extend(p for m in merged for e in _compound(m, doc, matcher) for p in _placed(m, e))
    return complete_roles(doc, events, lambda: _states_named(doc, matcher.actors))


def _states_named(doc: Doc, actors: ActorLookup) -> Counter[str]:
    """How many actor mentions of the article belong to each state (as itself or its country)."""
    listing = getattr(actors, "in_range", None)  # the actor index lists them; a lookup is asked
    if listing is not None:
        mentions = list(listing(0, sys.maxsize))
    else:
        found = {id(m): m for t in doc if t.pos_ in NAMING_POS and (m := actors.at_token(t))}
        mentions = list(found.values())
    return Counter(m.actor.country for m in mentions if m.actor.country)


def _content_code(trig: Trigger, matcher: Matcher) -> EventCode | None:
    """What a speech act is about: its content trigger, or any event word in its complement."""
    if trig.content is not None:
        return trig.content.rule.code
    doc = trig.anchor.doc
    for i in sorted(content_zone(trig)):
        tok = doc[i]
        rule = matcher.verb_rule(tok) or matcher.noun_rule(tok)
        if rule is not None and rule.code is not None:
            return rule.code
    return None


def _trigger_span(trig: Trigger) -> tuple[int, int, str]:
    toks = [trig.anchor]
    if abs(trig.anchor.i - trig.head.i) <= MAX_TRIGGER_GAP:
        toks.append(trig.head)
    span = tokens_span(toks)
    if span is None:  # cannot happen for a non-space anchor; keep the anchor itself
        return trig.anchor.idx, trig.anchor.idx + len(trig.anchor), trig.anchor.text
    return span.start, span.end, span.text


def _mention(
    trig: Trigger,
    sent: Span,
    sentence: TextSpan,
    article_id: str,
    matcher: Matcher,
    finder: RoleFinder,
) -> _Mention | None:
    code = trig.rule.code
    if code is None:
        return None
    roles = fill_roles(trig, finder)
    if (trig.rule.has("move") or trig.rule.has("trip")) and roles.source is None:
        return None  # "the train travelled", "a motorcade left the station"
    factuality, said_by = assess(trig.anchor)
    if trig.rule.has("blame"):  # the saying is the accusation: asserted, by its speaker
        if roles.source is None or roles.target is None:
            return None
        factuality, said_by = Factuality.ASSERTED, None
    code = speech_code(code, _content_code(trig, matcher), mutual=trig.rule.has("sym"))
    if code.type in CONCESSIONS and refusal(trig.anchor):
        code, factuality, said_by = refusal_code(code), Factuality.ASSERTED, None
    if said_by and roles.source and _overlaps(said_by, roles.source.span):
        said_by = None  # "X says it is time for Y to ...": the saying is the event
    start, end, text = _trigger_span(trig)
    places = locations(trig, matcher)
    event = Event(
        article_id=article_id,
        sentence=sentence,
        trigger=dataclasses.replace(sentence, start=start, end=end, text=text),
        code=code,
        factuality=factuality,
        source=roles.source,
        target=roles.target,
        others=roles.others,
        location=places[0] if places else None,
        times=times(trig, matcher, sent),
        said_by=said_by,
    )
    event = _conditional_threat(trig, event, finder)
    return _Mention(trig, event, roles.more_sources, roles.more_targets, places[1:])


# Pressure made conditional ("will withdraw its troops unless X agrees", "will boycott the vote
# unless the president steps down") is a threat: CAMEO 13, by what is threatened.
PRESSURE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "RETREAT", "REJECT"})
THREAT_CODES = {
    "ASSAULT": ("138", -7.0),  # threaten with military force
    "COERCE": ("137", -7.0),  # with repression
    "SANCTION": ("132", -5.8),  # with sanctions
    "PROTEST": ("133", -5.8),  # with protest
}
UNREAL = frozenset({Factuality.PLANNED, Factuality.HYPOTHETICAL})


def _conditional_threat(trig: Trigger, event: Event, finder: RoleFinder) -> Event:
    """A planned act of pressure under an "unless" clause is a threat, made as it is stated
    (asserted); its target is whoever the clause asks to act, else the act's own."""
    if event.code.type not in PRESSURE_TYPES or event.factuality not in UNREAL:
        return event
    clauses = [
        c for c in kids(trig.head, "advcl") if any(m.lower_ == "unless" for m in kids(c, "mark"))
    ]
    if not clauses:
        return event
    cameo, intensity = THREAT_CODES.get(event.code.type, ("130", -4.4))
    code = EventCode("THREATEN", None, cameo, quad_class(cameo), intensity)
    asked = finder.resolve_all([s for c in clauses for s in kids(c, "nsubj", "nsubjpass")])
    target = asked[0] if asked else event.target
    return dataclasses.replace(event, code=code, target=target, factuality=Factuality.ASSERTED)


def _overlaps(a: TextSpan, b: TextSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _linked(a: Trigger, b: Trigger, matcher: Matcher) -> bool:
    """Two triggers of one clause chain: conjoined or purpose verbs, or a noun in the clause of
    a verb ("arrived in Beijing at the start of a visit")."""
    for x, y in ((a, b), (b, a)):
        if y.head.dep_ in LINKS and y.head.head.i == x.head.i:
            return True
        noun_in_verb_clause = y.kind is TriggerKind.NOUN and x.kind is not TriggerKind.NOUN
        if noun_in_verb_clause and x.head.i in {t.i for t in clause_tokens(y, matcher)}:
            return True
    return False


MAX_COMPOUND = 6  # events one trigger gives at most for its conjoined sides


def _compound(mention: _Mention, doc: Doc, matcher: Matcher) -> list[Event]:
    """One event per actor of a compound side, as event datasets code them ("Poland, Hungary and
    the Czech Republic joined NATO" is three accessions; "condemned Russia and Belarus", two
    condemnations): the further actors of a slot that are conjuncts of its first one (not
    mere other candidates of the slot). Symmetric events were left whole by ``fill_roles``."""
    event = mention.event
    sources = _conjoined(event.source, mention.more_sources, doc, matcher)
    targets = _conjoined(event.target, mention.more_targets, doc, matcher)
    if len(sources) == 1 and len(targets) == 1:
        return [event]
    out = []
    for source in sources:
        for target in targets:
            if source is not None and target is not None and source.actor.id == target.actor.id:
                continue
            others = tuple(o for o in event.others if o is not source and o is not target)
            out.append(dataclasses.replace(event, source=source, target=target, others=others))
    return out[:MAX_COMPOUND]


def _placed(mention: _Mention, event: Event) -> list[Event]:
    """One event per place of a list of places in several states, unless a side belongs to one
    of them ("police arrested protesters in Paris and Berlin": whose police is the text's guess,
    which one event keeps)."""
    if not mention.more_places or event.location is None:
        return [event]
    states = {state_named(p.text) for p in (event.location, *mention.more_places)}
    sides = {m.actor.country for m in (event.source, event.target) if m is not None}
    if states & sides:
        return [event]
    return [event, *(dataclasses.replace(event, location=p) for p in mention.more_places)]


def _conjoined(
    first: ActorMention | None, more: tuple[ActorMention, ...], doc: Doc, matcher: Matcher
) -> list[ActorMention | None]:
    """``first`` and those of ``more`` whose words are coordinated with its words or listed in
    its phrase ("the foreign ministers of France and Germany"), one per actor."""
    out: list[ActorMention | None] = [first]
    if first is None or not more:
        return out
    head = doc.char_span(first.span.start, first.span.end, alignment_mode="expand")
    if head is None:
        return out

    def partners(tok: Token) -> set[int]:
        return {c.i for c in (*tok.conjuncts, *matcher.listed(tok))}

    mine = partners(head.root)
    seen = {first.actor.id}
    for mention in more:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or mention.actor.id in seen:
            continue
        if span.root.i in mine or head.root.i in partners(span.root):
            out.append(mention)
            seen.add(mention.actor.id)
    return out


def _compatible(a: Event, b: Event) -> bool:
    """Same type and factuality, and no two different sources."""
    if a.code.type != b.code.type or a.factuality != b.factuality:
        return False
    return a.source is None or b.source is None or a.source.actor.id == b.source.actor.id


def _merge(mentions: list[_Mention], matcher: Matcher) -> list[_Mention]:
    """One mention per event: a later mention linked to an earlier compatible one fills its gaps."""
    kept: list[_Mention] = []
    for mention in mentions:
        for i, earlier in enumerate(kept):
            if _compatible(earlier.event, mention.event) and _linked(
                earlier.trigger, mention.trigger, matcher
            ):
                places = earlier.more_places
                if earlier.event.location is None:
                    places = mention.more_places
                filled = _fill(earlier.event, mention.event)
                kept[i] = dataclasses.replace(earlier, event=filled, more_places=places)
                break
        else:
            kept.append(mention)
    return kept


def _fill(kept: Event, other: Event) -> Event:
    return dataclasses.replace(
        kept,
        code=kept.code if kept.code.mode or not other.code.mode else other.code,
        source=kept.source or other.source,
        target=kept.target or other.target,
        location=kept.location or other.location,
        times=kept.times or other.times,
        said_by=kept.said_by or other.said_by,
    )


def _drop_protest_demands(mentions: list[_Mention]) -> list[_Mention]:
    """A demand made by protesting ("blocked the road, demanding that X ...") is the protest;
    whom it is addressed to becomes the protest's target."""
    protests = {m.trigger.head.i: m for m in mentions if m.event.code.type == "PROTEST"}
    out: list[_Mention] = []
    for m in mentions:
        owner = protests.get(m.trigger.head.head.i)
        if (
            m.event.code.type == "REQUEST"
            and m.trigger.kind is TriggerKind.VERB
            and m.trigger.head.dep_ in LINKS
            and owner is not None
        ):
            if owner.event.target is None and m.event.target is not None:
                filled = dataclasses.replace(owner.event, target=m.event.target)
                out = [dataclasses.replace(o, event=filled) if o is owner else o for o in out]
                protests[owner.trigger.head.i] = dataclasses.replace(owner, event=filled)
            continue
        out.append(protests.get(m.trigger.head.i, m) if m.event.code.type == "PROTEST" else m)
    return out
