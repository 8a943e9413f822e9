"""Where and when: the place and time expressions that belong to a trigger's clause.

A place is a named location (GPE, LOC or FAC entity, or a proper noun) in a locative phrase
attached to the trigger or to the verbs of its clause ("met in Hanoi", "at the Great Hall of the
People", "speaking in Nairobi"); for a trip with no such phrase it is the destination. A time is a
DATE or TIME entity whose phrase hangs from the trigger or its clause, not from a reporting verb
("said on Sunday" dates the saying). Spans are returned as written; resolving them is later work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.models import TextSpan
from eventwire.nlp.actor_table import load_actor_table
from eventwire.nlp.nominals import outer
from eventwire.nlp.syntax import (
    entities,
    entity_of,
    in_entity,
    kids,
    phrase_span,
    pobjs,
    preps,
    tokens_span,
    with_conjuncts,
)
from eventwire.nlp.triggers import Trigger, TriggerKind, destinations

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.nlp.triggers import Matcher

LOCATIVE_PREPS = (
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "through",
    "throughout",
    "around",
    "within",
    "off",
    "along",
    "on",
)
PLACE_LABELS = ("GPE", "LOC", "FAC")
SCENE_VERBS = frozenset({"speak", "talk", "address", "arrive", "visit", "attend", "meet"})
SKIP_IN_PLACE = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj"})
STRICT_PREPS = frozenset({"on", "across", "along"})
SURROUNDINGS = frozenset(
    {"sideline", "margin", "outskirt", "centre", "center", "heart", "edge", "entrance", "front"}
)
MAX_CLIMB = 8


def clause_tokens(trig: Trigger, matcher: Matcher) -> list[Token]:
    """The trigger's anchor, its head, and the verbs of its clause ("is due to hold")."""
    out = [trig.anchor]
    if trig.head.i != trig.anchor.i:
        out.append(trig.head)
    verb: Token | None = trig.head
    if trig.kind is TriggerKind.NOUN:
        top = outer(trig.anchor, matcher)
        out.append(top)
        verb = _first_verb(top)
        if verb is not None and top.dep_ in ("nsubj", "nsubjpass"):
            out += _down(verb)
    if trig.kind is TriggerKind.NOUN:  # "an invitation X extended last November"
        out += [c for c in kids(trig.anchor, "acl", "relcl") if c.pos_ in ("VERB", "AUX")]
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        out.append(verb)
        tok = verb
        while tok.dep_ in ("xcomp", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            out.append(tok)
    return list({t.i: t for t in out}.values())


def _down(verb: Token) -> list[Token]:
    out, frontier = [verb], [verb]
    while frontier:
        for child in kids(frontier.pop(), "xcomp", "acomp"):
            out.append(child)
            frontier.append(child)
    return out


def _first_verb(token: Token) -> Token | None:
    tok = token
    for _ in range(MAX_CLIMB):
        if tok.dep_ in ("relcl", "acl", "ccomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _named(token: Token) -> bool:
    return in_entity(token, *PLACE_LABELS) or token.pos_ == "PROPN"


def place_span(obj: Token, *, strict: bool = False) -> TextSpan | None:
    """The place named by a prepositional object: its entity, or its phrase when the phrase
    names one ("the La Moneda palace in Santiago"); ``strict`` wants the entity itself."""
    ent = entity_of(obj)
    if ent is not None and ent[0].ent_type_ in (*PLACE_LABELS, "ORG"):
        return _entity_span(ent)
    if strict:
        return None
    if obj.lemma_.lower() in SURROUNDINGS:  # "on the sidelines of a conference in Dubai"
        for inner in pobjs(obj, "of"):
            return place_span(inner)
    direct = [c for c in obj.children if c.dep_ in ("compound", "amod", "nmod")]
    direct += pobjs(obj, "in", "at", "near")
    if not (_named(obj) or any(_named(c) for c in direct)):
        return None
    span = phrase_span(obj, skip_deps=SKIP_IN_PLACE)
    if span is not None and span.text.lower().startswith("the "):
        return TextSpan(span.start + 4, span.end, span.text[4:])
    return span


def _entity_span(ent: Span) -> TextSpan | None:
    if ent[0].lower_ == "the" and len(ent) > 1:
        return tokens_span(ent[1:])
    return tokens_span(ent)


def locations(trig: Trigger, matcher: Matcher) -> tuple[TextSpan, ...]:
    """Where the event happens, as written: one span, or one per state when its phrase lists
    places in several ("bombs at U.S. embassies in Kenya and Tanzania", "in the Kenyan and
    Tanzanian capitals": an attack in each, as event datasets code them); none if unsaid."""
    found = _locative(trig, matcher)
    if found:
        return found
    destination = _destination(trig, matcher)
    return (destination,) if destination is not None else ()


def _locative(trig: Trigger, matcher: Matcher) -> tuple[TextSpan, ...]:
    """The first place named in a locative phrase of the trigger's clause (or the places it
    lists: "near the embassies in the Ghanaian and Togolese capitals"), or none."""
    roles = set(trig.rule.targets)  # "called on Russia", "sanctions on Russia": not places,
    # unless the role's phrase names no actor ("exercises in Alaska": a place after all)
    for tok in _scene_words(trig, matcher):
        for prep in preps(tok, *LOCATIVE_PREPS):
            for obj in kids(prep, "pobj"):
                if obj.ent_type_ in ("DATE", "TIME"):
                    continue
                if prep.lower_ in roles and matcher.actors.at_token(obj) is not None:
                    continue
                strict = prep.lower_ in STRICT_PREPS and obj.lemma_.lower() not in SURROUNDINGS
                span = place_span(obj, strict=strict)
                listed = _in_several_states(obj)
                if listed:
                    return listed
                if span is not None:
                    return (span,)
    return ()


def _scene_words(trig: Trigger, matcher: Matcher) -> list[Token]:
    """The words whose locative phrases can say where the event happens."""
    anchors = clause_tokens(trig, matcher)
    for tok in anchors:
        for adv in kids(tok, "advcl"):
            if adv.lemma_.lower() in SCENE_VERBS and adv.tag_ == "VBG":
                anchors.append(adv)  # "Speaking in Nairobi, she accused ..."
    if trig.kind is not TriggerKind.VERB:  # "a summit between Kim and Trump in Singapore",
        # "the killing of protesters in Khartoum"
        for party in pobjs(trig.anchor, "between", "with", "among", "of", "against"):
            anchors.extend(with_conjuncts(party))
    else:  # "the bombings at U.S. embassies in Kenya killed 200": the deed its subject names
        deeds = [s for s in kids(trig.head, "nsubj") if s.pos_ == "NOUN" and matcher.noun_rule(s)]
        anchors.extend(deeds)
    return anchors


def _in_several_states(obj: Token) -> tuple[TextSpan, ...]:
    """The places a locative object lists, one span each, when each names a different state (by
    its name, capital or adjective): "in Kenya and Tanzania", "embassies in Kenya and Tanzania",
    "the Kenyan and Tanzanian capitals". Towns of one state, or unknown ones, stay one place."""
    inner = pobjs(obj, "in", "at")
    lists = [with_conjuncts(t) for t in (obj, *inner)]
    lists += [with_conjuncts(m) for t in (obj, *inner) for m in kids(t, "amod", "compound", "nmod")]
    for listed in lists:
        if len(listed) < 2:
            continue
        spans = [_named_span(t) for t in listed]
        states = {state_named(s.text) if s is not None else None for s in spans}
        if None not in states and len(states) == len(listed):
            return tuple(s for s in spans if s is not None)
    return ()


def _named_span(token: Token) -> TextSpan | None:
    """A proper name or adjective as written, its entity's words if it has one (the model may
    take a state's name for a person's: the state test decides)."""
    if token.pos_ not in ("PROPN", "ADJ"):
        return None
    ent = entity_of(token)
    return _entity_span(ent) if ent is not None else tokens_span([token])


def state_named(text: str) -> str | None:
    """The state a place name, capital or adjective stands for ("Kenya", "Nairobi", "Kenyan")."""
    entry = load_actor_table().country_for_word(text)
    return entry.code if entry is not None else None


def _destination(trig: Trigger, matcher: Matcher) -> TextSpan | None:
    rule = trig.rule
    if rule.code is None or rule.code.mode != "visit":
        return None
    if trig.kind is TriggerKind.VERB:
        places = destinations(trig.head, rule, matcher)
    else:
        places = pobjs(trig.anchor, "to")
    for place in places:
        span = place_span(place)
        if span is not None:
            return span
    return None


def times(trig: Trigger, matcher: Matcher, sent: Span) -> tuple[TextSpan, ...]:
    """Date and time expressions attached to the trigger's clause, in text order."""
    own = {t.i for t in clause_tokens(trig, matcher)}
    found = []
    for ent in entities(sent, "DATE", "TIME"):
        if _hangs_from(ent.root, own):
            span = tokens_span(ent)
            if span is not None:
                found.append(span)
    return tuple(found)


def _hangs_from(token: Token, own: set[int]) -> bool:
    """The date phrase at ``token`` belongs to one of ``own``; it may pass through one
    participle ("an agreement covering X on Tuesday": a common misattachment)."""
    tok, participles = token, 0
    for _ in range(MAX_CLIMB):
        if tok.i in own:
            return True
        if tok.head.i == tok.i:
            return False
        if tok.pos_ in ("VERB", "AUX"):
            if tok.dep_ != "acl" or tok.tag_ not in ("VBG", "VBN") or participles:
                return False
            participles += 1
        tok = tok.head
    return False
