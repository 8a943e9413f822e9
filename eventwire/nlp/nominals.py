"""When an event noun states an event of its own.

"The Trump-Kim meeting is due to take place", "a summit between X and Y", "his visit to China",
"at the invitation of X", "talks ended without an agreement" state events; "the talks", "the
rally" or "Mr Kim's trip" alone mostly point back to one already told, and "the removal of
sanctions" or "the location of a summit" talk about one without stating it. Nouns marked ``lv``
in the lexicon ("support", "aid", "agreement") only count with a light or happening verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.nlp.lexicon import Rule, RuleKind
from eventwire.nlp.syntax import in_entity, kids, pobjs, preps

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.nlp.triggers import Matcher

ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
ARGUMENT_PREPS = (
    "with",
    "between",
    "to",
    "by",
    "from",
    "against",
    "of",
    "on",
    "into",
    "among",
    "at",
)
BACKGROUND_PREPS = frozenset({"after", "following", "since", "before"})
BACKGROUND_PHASES = frozenset({"wake", "aftermath"})
BACKGROUND_TYPES = frozenset(
    {"ASSAULT", "COERCE", "SANCTION"}
)  # "after three weeks of talks" stays
SCENE_PREPS = ("in", "at", "on", "during", "near", "outside")
DESCRIPTIVE_MODIFIERS = frozenset(
    {
        "official",
        "state",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "latest",
        "new",
        "fresh",
        "upcoming",
        "planned",
        "proposed",
        "reciprocal",
        "bilateral",
        "trilateral",
        "historic",
        "landmark",
        "rare",
        "surprise",
        "secret",
        "emergency",
        "informal",
        "formal",
        "joint",
        "separate",
        "another",
        "similar",
        "direct",
        "face-to-face",
    }
)


def outer(noun: Token, matcher: Matcher) -> Token:
    """The phrase head above transparent nouns: "talks" in "a round of talks" gives "round"."""
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ in ("NOUN", "PROPN", "NUM")
        and matcher.noun_is(noun.head.head, RuleKind.TRANSPARENT)
    ):
        noun = noun.head.head
    return noun


def _verb_chain(verb: Token) -> list[Token]:
    """``verb`` and the verbs its infinitive complements lead to ("is due to take place")."""
    chain = [verb]
    frontier = [verb]
    while frontier:
        tok = frontier.pop()
        for child in kids(tok, "xcomp", "acomp", "ccomp"):
            if child.dep_ != "ccomp" or tok.lemma_ == "be":
                chain.append(child)
                frontier.append(child)
    return chain


def happens(noun: Token, matcher: Matcher) -> bool:
    """The noun is said to happen: subject of a happening verb, "there was", or modified by a
    happening or light verb ("meetings held at ...", "an invitation X extended")."""
    top = outer(noun, matcher)
    chain = _verb_chain(top.head) if top.dep_ in ("nsubj", "nsubjpass") else []
    if any(matcher.is_kind(v, RuleKind.OCCUR) for v in chain):
        return True
    if top.dep_ == "attr" and top.head.lemma_ == "be" and kids(top.head, "expl"):
        return True
    for clause in kids(noun, "acl", "relcl") + kids(top, "acl", "relcl"):
        if matcher.is_kind(clause, RuleKind.OCCUR):
            return True
        if matcher.is_kind(clause, RuleKind.LIGHT) and kids(clause, "nsubj"):
            return True  # "an invitation X extended", not "the trip, announced earlier"
    return False


def negated_context(noun: Token, matcher: Matcher) -> bool:
    """ "ended without an agreement", "produced no deal": a noun denied by the clause."""
    top = outer(noun, matcher)
    denied = any(d.lower_ == "no" for d in kids(top, "det")) or (
        top.dep_ == "pobj" and top.head.lower_ == "without"
    )
    if not denied:
        return False
    verb = top.head.head if top.dep_ == "pobj" else top.head
    if matcher.is_kind(verb, RuleKind.OCCUR):
        return True
    subjects = kids(verb, "nsubj", "nsubjpass")
    return any(matcher.noun_rule(t) is not None for s in subjects for t in matcher.through(s))


def _actor_like(token: Token, matcher: Matcher) -> bool:
    return matcher.actors.at_token(token) is not None or in_entity(
        token, "PERSON", "GPE", "NORP", "ORG"
    )


def has_arguments(noun: Token, matcher: Matcher) -> bool:
    """Who, where, when or how long: actors after with/between/to/by/of..., a hyphenated pair of
    actors, a date or place, or a duration ("a three-day visit")."""
    for obj in pobjs(noun, *ARGUMENT_PREPS):
        if _actor_like(obj, matcher) or any(_actor_like(c, matcher) for c in obj.children):
            return True
    compounds = [c for c in noun.subtree if c.i < noun.i and c.dep_ == "compound"]
    if sum(1 for c in compounds if _actor_like(c, matcher)) >= 2:  # "the Trump-Kim meeting"
        return True
    for tok in noun.subtree:
        if tok.i != noun.i and in_entity(tok, "DATE", "TIME") and _attached_to(tok, noun):
            return True
    for obj in pobjs(noun, *SCENE_PREPS):
        if in_entity(obj, "GPE", "LOC", "FAC"):
            return True
    top = outer(noun, matcher)
    return top is not noun and bool(kids(top, "nummod"))  # "three weeks of talks"


def _attached_to(tok: Token, noun: Token) -> bool:
    """A date token hangs from ``noun`` itself (not from a clause inside its phrase)."""
    cur = tok
    while cur.i != noun.i:
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ in ("relcl", "acl"):
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def _anaphoric(noun: Token) -> bool:
    """ "the talks", "this meeting": a definite noun with nothing that picks out a new event."""
    dets = [d.lower_ for d in kids(noun, "det")]
    if not dets or dets[0] not in ANAPHORIC_DETERMINERS:
        return False
    return not any(
        c.dep_ in ("amod", "compound", "nummod", "prep", "poss", "npadvmod", "acl", "relcl")
        for c in noun.children
    )


def _inside_other_noun(noun: Token, matcher: Matcher) -> bool:
    """ "the removal of sanctions", "the location of a summit": an "of" phrase of another noun,
    unless that noun is a phase of the event ("at the end of a visit")."""
    top = outer(noun, matcher)
    if top.dep_ != "pobj" or top.head.lower_ != "of":
        return False
    owner = top.head.head
    if owner.pos_ not in ("NOUN", "PROPN"):
        return False
    return not matcher.noun_is(owner, RuleKind.ASPECT)


def licensed(noun: Token, rule: Rule, matcher: Matcher) -> bool:
    """Whether the event noun ``noun`` (matched by ``rule``) states an event of its own."""
    if rule.has("bare"):
        return True
    if happens(noun, matcher):
        return not (_anaphoric(noun) and not _scene_of_clause(noun, matcher))
    if negated_context(noun, matcher):
        return True
    if rule.has("lv") or _inside_other_noun(noun, matcher) or _background(noun, rule, matcher):
        return False
    if _anaphoric(noun):
        return False
    return has_arguments(noun, matcher) or _descriptive(noun)


def _background(noun: Token, rule: Rule, matcher: Matcher) -> bool:
    """ "after two days of fighting", "since last month's invasion", "in the wake of the
    execution": an earlier act of force that dates the news, not news of its own."""
    if not (rule.code and rule.code.type in BACKGROUND_TYPES):
        return False
    top = outer(noun, matcher)
    if top.dep_ != "pobj":
        return False
    prep = top.head
    if prep.lower_ in BACKGROUND_PREPS:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in BACKGROUND_PHASES


def _descriptive(noun: Token) -> bool:
    """ "a three-day official visit": a modifier that only a specific event has."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "nmod", "compound")}
    if mods & DESCRIPTIVE_MODIFIERS and not kids(noun, "det"):
        return True
    return any(
        in_entity(c, "DATE") and c.dep_ in ("compound", "nmod", "amod") for c in noun.children
    )


def _scene_of_clause(noun: Token, matcher: Matcher) -> bool:
    """The happening verb gives a place or a date: "the summit will be held in Hanoi"."""
    top = outer(noun, matcher)
    for verb in _verb_chain(top.head):
        for obj in pobjs(verb, *SCENE_PREPS):
            if in_entity(obj, "GPE", "LOC", "FAC", "DATE", "TIME"):
                return True
        if any(in_entity(c, "DATE", "TIME") for c in kids(verb, "npadvmod")):
            return True
    return bool(preps(noun))
