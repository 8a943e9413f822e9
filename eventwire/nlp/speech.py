"""Speech acts and their content: what a demand, threat, refusal or promise is about.

"Demanded that the government cancel the licence", "threatened to impose duties", "agreed to resume
negotiations": the complement states what is asked, threatened or promised, not an event that
happened, so triggers inside it are dropped and the first of them sets the mode of the act
(asking for a meeting is REQUEST/meet, threatening duties is THREATEN/restrict). A vow of
violence ("vowed to retaliate with strikes") is a threat, not an agreement, and a promise to yield
("pledged to withdraw its troops", "promised to lift the curfew") is a concession (PLOVER CONCEDE);
agreeing, which may be mutual, stays AGREE.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventwire.models import EventCode
from eventwire.nlp.lexicon import quad_class
from eventwire.nlp.syntax import kids, subtree_ids
from eventwire.nlp.triggers import CLAIM_NOUNS, Trigger, TriggerKind, stated_participle

if TYPE_CHECKING:
    from spacy.tokens import Token

SPEECH_TYPES = frozenset({"REQUEST", "REJECT", "THREATEN"})
CONTENT_PREPS = {  # "jailed for helping militants": the charge is no event of its own
    "ACCUSE": ("of", "for", "over", "about"),
    "REQUEST": ("for", "on"),
    "REJECT": ("for",),
    "SANCTION": ("for",),
    "COERCE": ("for",),
}
HOSTILE_CONTENT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
YIELDING_CONTENT = frozenset({"CONCEDE", "RETREAT"})
MEET_CAMEO = frozenset({"036", "037", "039", "045", "046"})
THREAT_MODES = {
    ("SANCTION", "sever"): "restrict",
    ("SANCTION", "cancel"): "relations",
    ("SANCTION", "withdraw"): "relations",
    ("SANCTION", "expel"): "expel",
    ("COERCE", "arrest"): "arrest",
    ("COERCE", "ban"): "ban",
    ("COERCE", "restrict"): "restrict",
    ("COERCE", "curfew"): "restrict",
    ("COERCE", "censor"): "rights",
    ("COERCE", "seize"): "territory",
}


def _subtree(token: Token) -> set[int]:
    return subtree_ids(token)


def _is_content(child: Token, trig: Trigger, speech: bool) -> bool:
    """Whether a dependent of the trigger's head holds what the act is about."""
    dep = child.dep_
    if dep == "prep":
        return child.lower_ in CONTENT_PREPS.get(trig.type, ())
    if not speech:
        return False
    if dep in ("xcomp", "ccomp"):
        return not _relative(child)
    if dep == "advcl":  # "agreed ... to resume negotiations", "pressed for X to resign"
        if any(m.lower_ == "for" for m in kids(child, "mark")):
            return True
        return bool(kids(child, "aux")) and not kids(child, "nsubj")
    return dep == "dobj" and child.i != trig.anchor.i


def _relative(clause: Token) -> bool:
    """ "..., which Russia denies": a clause opened by "which" after a comma says something
    about what was said (here, that it is denied); it is not what was said, even when the parser
    hangs it inside the content or reads it as a complement."""
    opener = next((c for c in clause.children if c.lower_ == "which" and c.i < clause.i), None)
    if opener is None or opener.tag_ != "WDT":
        return False
    return clause.dep_ == "ccomp" or (opener.i > 0 and clause.doc[opener.i - 1].text == ",")


def _answer(trig: Trigger) -> bool:
    """A denial or refusal in such a clause answers the claim ("..., which Egypt denies", "...,
    a charge denied by the Kremlin"); other clauses there ("..., which set off more violence")
    stay inside what was said."""
    if trig.type != "REJECT":
        return False
    head = trig.head
    claim = stated_participle(head) and head.head.lemma_.lower() in CLAIM_NOUNS
    return claim or _relative(head)


def content_zone(trig: Trigger) -> set[int]:
    """Token indices that hold what the act is about (empty for other triggers)."""
    speech = trig.rule.has("speech") or trig.type in SPEECH_TYPES
    zone: set[int] = set()
    for child in trig.head.children:
        if _is_content(child, trig, speech):
            zone |= _subtree(child)
    if trig.kind is not TriggerKind.VERB and (speech or trig.type in CONTENT_PREPS):
        for part in kids(trig.anchor, "prep", "acl", "relcl"):
            if part.dep_ != "prep" or part.lower_ in ("for", "of", "that"):
                zone |= _subtree(part)
    return zone


def attach_content(triggers: list[Trigger]) -> list[Trigger]:
    """Drop triggers that are the content of another; record the first as its ``content``."""
    zones = {id(t): content_zone(t) for t in triggers}
    kept: list[Trigger] = []
    for trig in triggers:
        owners = [
            o
            for o in triggers
            if o is not trig and (trig.anchor.i in zones[id(o)] or trig.head.i in zones[id(o)])
        ]
        if owners and not _answer(trig):
            continue
        inner = [
            t
            for t in triggers
            if t is not trig and t.anchor.i in zones[id(trig)] and not _answer(t)
        ]
        kept.append(dataclasses.replace(trig, content=inner[0]) if inner else trig)
    return kept


def content_mode(kind: str, content: EventCode | None) -> str | None:
    """The mode a request or refusal gets from what it is about."""
    if content is None:
        return "change" if kind == "REQUEST" else None
    if content.type == "CONSULT" or (content.type == "AGREE" and content.cameo in MEET_CAMEO):
        return "meet"
    if content.type in ("AID", "COOPERATE"):
        return "assist"
    if content.type == "RETREAT":
        return "yield"
    return "change"


def threat_mode(content: EventCode | None) -> str | None:
    if content is None:
        return None
    if content.type in ("ASSAULT", "MOBILIZE"):
        return "violence"
    return THREAT_MODES.get((content.type, content.mode or ""))


def speech_code(code: EventCode, content: EventCode | None, *, mutual: bool = False) -> EventCode:
    """The code of a speech act once its content is known. ``mutual`` acts ("agreed to reopen
    their border") stay agreements; one side's promise to yield is a concession."""
    if code.type == "AGREE" and content is not None and content.type in HOSTILE_CONTENT:
        return EventCode("THREATEN", threat_mode(content), "130", quad_class("130"), -4.4)
    if code.type == "AGREE" and not mutual and content and content.type in YIELDING_CONTENT:
        return EventCode("CONCEDE", None, "080", quad_class("080"), 5.0)  # promised concession
    if code.type in ("REQUEST", "REJECT") and code.mode is None:
        return dataclasses.replace(code, mode=content_mode(code.type, content))
    if code.type == "THREATEN" and code.mode is None:
        return dataclasses.replace(code, mode=threat_mode(content))
    return code


def refusal_code(content: EventCode) -> EventCode:
    """ "Will not suspend the licences": refusing a concession is a REJECT."""
    return EventCode("REJECT", content_mode("REJECT", content), "120", quad_class("120"), -4.0)
