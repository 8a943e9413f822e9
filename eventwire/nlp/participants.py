"""Who did it to whom: source, target and other participants of a trigger.

Sources come from the subject (through control and raising: "is due to hold talks", "is expected
to stay"), the agent of a passive ("was signed by X"), the possessor or "by"/"from" phrase of an
event noun ("his visit", "an invitation by X"), or the first of a pair ("Chile and Norway signed",
"the Trump-Kim meeting", "a summit between X and Y"). Targets follow the lexicon's slots: object,
prepositional objects, the subject of a that-clause ("demanded that Y ..."), an actor modifying the
object ("a US commitment"), or the destination of a trip ("arrived in Beijing" is China when the
actor lookup maps the capital to its country; otherwise the target stays empty).
When a verb's slots find nobody, types acted upon fall back on its object, the object's "by"
author and its against/on/to/with/from objects (``FALLBACK_SLOTS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.models import ActorMention
from eventwire.nlp.actor_table import protesters_of
from eventwire.nlp.factuality import COGNITION_VERBS, SPEECH_VERBS
from eventwire.nlp.lexicon import RuleKind
from eventwire.nlp.nominals import outer
from eventwire.nlp.syntax import (
    RELATIVE_PRONOUNS,
    is_passive,
    kids,
    pobjs,
    with_conjuncts,
)
from eventwire.nlp.triggers import (
    CLAIM_NOUNS,
    Trigger,
    TriggerKind,
    destinations,
    stated_participle,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token

    from eventwire.nlp.triggers import Matcher

# What a body issues, or a crowd carries, to say something: "issued a statement condemning",
# "sent a letter urging", "waved banners that blamed".
VOICING_NOUNS = frozenset(
    {"statement", "declaration", "letter", "resolution", "communique", "communiqué", "message"}
    | {"appeal", "petition", "note", "decree", "order", "report", "motion", "ultimatum"}
    | {"banner", "placard", "sign", "poster", "slogan", "flag", "leaflet", "t-shirt"}
)
# Plans speak for whoever puts them forward ("announced a plan calling for"), not for whoever
# rejects or debates them.
PLAN_NOUNS = frozenset(
    {"plan", "proposal", "draft", "initiative", "bill", "roadmap", "road-map", "blueprint"}
)
ISSUING_VERBS = frozenset(
    {"announce", "unveil", "propose", "present", "draw", "adopt", "pass", "table", "submit"}
    | {"issue", "publish", "release", "launch", "put", "offer", "draft", "introduce", "outline"}
)
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "press", "push", "order", "force", "persuade", "encourage", "tell", "allow"}
    | {"invite", "compel", "oblige", "request", "pressure", "instruct", "authorize", "authorise"}
)
MODIFIER_DEPS = ("poss", "compound", "amod", "nmod")
# Relatives, who are people of their own: "the boy's father" does not act for the boy.
KIN_NOUNS = frozenset(
    {"father", "mother", "parent", "son", "daughter", "child", "brother", "sister", "wife"}
    | {"husband", "widow", "widower", "uncle", "aunt", "cousin", "nephew", "niece", "family"}
    | {"relative", "grandfather", "grandmother", "grandson", "granddaughter", "fiancee"}
    | {"fiance", "sibling", "stepfather", "stepmother", "father-in-law", "son-in-law"}
)
MEMBER_PREPS = ("from", "of", "on")
MAX_CLIMB = 6
# Prepositions that name the one an act is aimed at or taken from ("halted aid to X", "expelled
# diplomats from X", "fired rockets at X"): a country or capital there is that state, even where
# the actor finder took it for a place, when the preposition fills a target slot (the rule's or
# the fallback's). "in" is a place, except for the host of a visit or of an embassy (``host``).
RECIPIENT_PREPS = frozenset({"to", "from", "against", "on", "at", "into", "toward", "towards"})
# When a verb rule's own slots give no target: its direct object, the author of that object
# ("rejected calls by X", "investigated crimes committed by X"), then these prepositions, for
# the types whose PLOVER target is the one acted upon. CONSULT (visits, meetings), MOBILIZE (its
# target is a destination) and PROTEST (its objects are mostly demands) keep to their rules.
FALLBACK_SLOTS = ("dobj", "objby", "against", "on", "to", "with", "from")
FALLBACK_TYPES = frozenset(
    {
        *("ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "REJECT", "REQUEST"),
        *("CONCEDE", "RETREAT", "AID", "SUPPORT", "COOPERATE", "AGREE"),
    }
)
LEADING_VERBS = frozenset({"lead", "head", "chair"})
# Where the complement of "refused to ...", "threatened to ..." names the one acted upon.
COMPLEMENT_PREPS = ("to", "against", "on", "at", "into", "with", "from")
CONDITION_MARKS = frozenset({"if", "unless"})
# Types whose place stands for the one acted upon when no target is named (see ``place_targets``).
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
PROTEST_NOUNS = frozenset({"protest", "defiance", "opposition", "solidarity"})
PROTESTED_PREPS = ("against", "of", "at", "over", "to")
REPORTING_VERBS = SPEECH_VERBS | COGNITION_VERBS


@dataclass(frozen=True, slots=True)
class Roles:
    """The first source and target, with the further ones found in the same slots
    (``more_sources``, ``more_targets``: candidates for compound sides, see ``events``) and all
    of those as ``others``."""

    source: ActorMention | None = None
    target: ActorMention | None = None
    others: tuple[ActorMention, ...] = ()
    more_sources: tuple[ActorMention, ...] = ()
    more_targets: tuple[ActorMention, ...] = ()


def expand(token: Token) -> list[Token]:
    """``token`` with its conjuncts, also those hung on its appositive ("X's minister, A, and his
    counterpart, B")."""
    out = with_conjuncts(token)
    for appos in kids(token, "appos"):
        out += [c for c in appos.conjuncts if c.i > appos.i]
    return out


class RoleFinder:
    """Fills the roles of triggers of one document; ``matcher`` supplies the actor lookup."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.actors = matcher.actors

    # --- actors ----------------------------------------------------------------------------------

    def resolve(self, token: Token, depth: int = 0) -> ActorMention | None:
        """The actor a phrase headed by ``token`` refers to, looking into its name, appositive,
        country modifier ("Kenyan police", "Chile's president") and "from X" phrase."""
        found = self.actors.at_token(token)
        if found is not None or depth > 2:
            return found
        kin = token.lemma_.lower() in KIN_NOUNS  # "Elian's father", "the family of X": not X
        direct = kids(token, "appos")
        if not kin:
            direct += [m for m in kids(token, *MODIFIER_DEPS) if m.i < token.i]
        for word in direct:
            if (found := self.actors.at_token(word)) is not None:
                return found
        nested = self.matcher.through(token)[1:] + ([] if kin else pobjs(token, *MEMBER_PREPS))
        for word in nested + self.leaders(token):  # "the commission, led by X"
            if (found := self.resolve(word, depth + 1)) is not None:
                return found
        return None

    def expand(self, token: Token) -> list[Token]:
        """A side's words in text order: ``token``, its conjuncts and the members it lists
        (``Matcher.listed``: "Kenyan and Tanzanian officials" are first the Kenyan)."""
        listed = self.matcher.listed(token)
        return sorted(expand(token) + listed, key=lambda t: t.i) if listed else expand(token)

    def leaders(self, token: Token) -> list[Token]:
        """The people a body is "led by" or "headed by"."""
        return [
            obj
            for acl in kids(token, "acl")
            if acl.lemma_ in LEADING_VERBS
            for agent in kids(acl, "agent")
            for obj in kids(agent, "pobj")
        ]

    def resolve_all(self, tokens: list[Token], *, places: bool = False) -> list[ActorMention]:
        """The actors the phrases refer to; with ``places``, a country or capital named as a
        place stands for its state (the host of a visit)."""
        out: list[ActorMention] = []
        place_at = getattr(self.actors, "place_at", None) if places else None
        for tok in tokens:
            found = self.resolve(tok)
            if found is None and place_at is not None:
                found = place_at(tok)
            if found is not None and all(found.actor.id != o.actor.id for o in out):
                out.append(found)
        return out

    def pair(self, token: Token) -> list[ActorMention]:
        """Two sides named inside one phrase: "Kenyan and Tanzanian officials", "Trump-Kim"."""
        mods = [c for c in token.subtree if c.i < token.i and c.dep_ in (*MODIFIER_DEPS, "conj")]
        found = self.resolve_all(mods)
        if len(found) < 2:
            found = self.resolve_all([c for lead in self.leaders(token) for c in expand(lead)])
        return found if len(found) >= 2 else []

    # --- subjects ----------------------------------------------------------------------------

    def subjects(self, verb: Token) -> list[Token]:
        """Who does what ``verb`` says, following control, raising, coordination and relative
        clauses. For a passive trigger this is the "by" agent."""
        if is_passive(verb) or stated_participle(verb):  # "diplomats expelled by Britain"
            return [c for agent in pobjs(verb, "by") for c in self.expand(agent)]
        tok = verb
        for _ in range(MAX_CLIMB):
            found = kids(tok, "nsubj") if tok is verb else kids(tok, "nsubj", "nsubjpass")
            relative = bool(found) and found[0].lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl"
            if found and not relative:
                return self.expand(found[0])
            dep, parent = tok.dep_, tok.head
            if _voiced(tok, parent, relative=relative):
                tok = parent.head  # "issued a declaration demanding ...": who issued it
                continue
            if relative:
                return self.expand(parent)
            if dep == "xcomp" and parent.lemma_ in OBJECT_CONTROL and kids(parent, "dobj"):
                return self.expand(kids(parent, "dobj")[0])
            if dep in ("xcomp", "acomp", "conj", "advcl", "ccomp") and parent.i != tok.i:
                tok = parent
                continue
            if dep in ("relcl", "acl"):
                return [parent]
            if dep == "pcomp" and parent.head.i != parent.i:
                tok = parent.head
                continue
            break
        return []

    # --- targets -----------------------------------------------------------------------------

    def _slot(self, slot: str, trig: Trigger) -> list[Token]:
        head, anchor = trig.head, trig.anchor
        if slot == "dobj":
            if trig.kind is TriggerKind.VERB:
                return self.matcher.objects(head)
            return kids(anchor, "dobj")
        if slot == "csubj":  # "demanded that X ...", "it is time for X to ..."
            return [s for c in kids(head, "ccomp", "relcl", "acl") for s in kids(c, "nsubj")]
        if slot == "objby":  # "rejected calls by X", "investigated crimes committed by X"
            objs = self.matcher.objects(head) if trig.kind is TriggerKind.VERB else [anchor]
            return self.authors(objs, besides=head)
        if slot == "objmod":
            objs = self.matcher.objects(head) if trig.kind is TriggerKind.VERB else [anchor]
            return [m for o in objs for m in kids(o, *MODIFIER_DEPS) if m.i < o.i]
        found = pobjs(anchor, slot)
        if anchor.i != head.i:
            found += pobjs(head, slot)
        if slot == "to":  # "gave the Ivory Coast $5 million": the indirect object receives
            found += [d for d in kids(head, "dative") if d.pos_ in ("NOUN", "PROPN")]
        if trig.kind is TriggerKind.VERB:  # "imposed sanctions on X", "called for steps from X"
            found += [p for o in self.matcher.objects(head, trig.rule) for p in pobjs(o, slot)]
        words = [t for f in found for c in with_conjuncts(f) for t in self.matcher.through(c)]
        return words + [t for f in found for t in self.matcher.listed(f)]

    def authors(self, objs: list[Token], *, besides: Token | None = None) -> list[Token]:
        """Whose the things acted upon are: "calls by X", "crimes committed by X", "an offer
        from X", "X's decision", and the one doing an event noun ("the withdrawal of X"). The
        agent of ``besides`` is not one: it is the trigger's own ("sanctions imposed by X")."""
        found = [p for o in objs for p in pobjs(o, "by", "from")]
        found += [p for o in objs for a in kids(o, "acl") if a != besides for p in pobjs(a, "by")]
        found += [m for o in objs for m in kids(o, "poss")]
        for obj in objs:
            rule = self.matcher.noun_rule(obj)
            if rule is not None and "of" not in rule.targets:
                found += pobjs(obj, "of")
        return [t for a in found for t in with_conjuncts(a)]

    def targets(self, trig: Trigger) -> list[ActorMention]:
        return self._targets_in(trig, trig.rule.targets)

    def fallback_targets(self, trig: Trigger) -> list[ActorMention]:
        """For a verb whose rule's slots found nobody: its object or the one it acts against,
        on, to, with or from ("threatened action against X", "accepted demands from X")."""
        if trig.kind is TriggerKind.NOUN or not _falls_back(trig):
            return []
        return self._targets_in(trig, [s for s in FALLBACK_SLOTS if s not in trig.rule.targets])

    def complement_targets(self, trig: Trigger) -> list[ActorMention]:
        """For a verb whose own slots found nobody, the one its complement acts on: "refused to
        respond to a demand from X", "threatened to ban X"; for a threat, the one it is made
        conditional on ("threatened to strike unless X withdrew")."""
        if not _falls_back(trig, protest=True):
            return []
        if trig.rule.code is not None and trig.rule.code.type == "PROTEST":
            objs = self.matcher.objects(trig.head)
            return self.protested(trig) or self.resolve_all(self.authors(objs))
        if trig.kind is not TriggerKind.VERB:
            return []
        for verb in kids(trig.head, "xcomp"):
            objs = self.matcher.objects(verb)
            found = self.resolve_all(objs)
            found = found or self.resolve_all(pobjs(verb, *COMPLEMENT_PREPS), places=True)
            found = found or self.resolve_all(self.authors(objs + pobjs(verb, "to")))
            if found:
                return found
        if trig.rule.code is not None and trig.rule.code.type == "THREATEN":
            clauses = [c for v in [trig.head, *kids(trig.head, "xcomp")] for c in kids(v, "advcl")]
            conditions = [c for c in clauses if kids(c, "mark") and _is_condition(c)]
            return self.resolve_all([s for c in conditions for s in self.subjects(c)])
        return []

    def place_targets(self, trig: Trigger) -> list[ActorMention]:
        """The state of the country or capital an attack or a coercive act takes place in, when
        nobody is named as its target ("shelled positions in Syria", "a curfew in Baghdad")."""
        holders = [trig.head, trig.anchor, *self.matcher.objects(trig.head)]
        places = [t for h in holders for p in pobjs(h, "in") for t in with_conjuncts(p)]
        place_at = getattr(self.actors, "place_at", None)
        if place_at is None:
            return []
        found = (place_at(t) for t in places)
        return [m for m in found if m is not None][:1]

    def missions(self, trig: Trigger) -> list[ActorMention]:
        """The state whose embassy, consulate or base an attack hits, where the attack is set at
        it rather than aimed at a named side: "bombs exploded outside the U.S. embassies",
        "the bombings at U.S. embassies in Kenya blew apart buildings", "killed in the blast
        near the Israeli consulate". The mission's owner, not the country it stands in."""
        head, anchor = trig.head, trig.anchor
        deeds = [
            n
            for n in kids(head, "nsubj", "nsubjpass") + pobjs(head, "in", "by")
            if n.lemma_.lower() in BLAST_NOUNS or _is_deed(n, self.matcher)
        ]
        holders = [head, anchor, *self.matcher.objects(head), *deeds]
        sites = [t for h in holders for n in _site_objects(h) for t in with_conjuncts(n)]
        owners = (self.resolve(t) for t in sites if t.lemma_.lower() in MISSION_NOUNS)
        return [o for o in owners if o is not None and o.actor.country is not None][:1]

    def protested(self, trig: Trigger) -> list[ActorMention]:
        """Whom a protest is against: "in protest against X", "in defiance of X's ruling"."""
        holders = [trig.head, trig.anchor, *self.matcher.objects(trig.head)]
        nouns = [n for h in holders for n in pobjs(h, "in") if n.lemma_ in PROTEST_NOUNS]
        against = [t for n in nouns for p in pobjs(n, *PROTESTED_PREPS) for t in with_conjuncts(p)]
        return self.resolve_all(against) or self.resolve_all(self.authors(against))

    def _targets_in(self, trig: Trigger, slots: Sequence[str]) -> list[ActorMention]:
        for slot in slots:
            if slot in ("by",):
                continue
            places = (
                _is_visit(trig)
                or slot in RECIPIENT_PREPS
                or (slot == "in" and trig.rule.has("host"))
            )
            found = self.resolve_all(self._slot(slot, trig), places=places)
            if found:
                return found
        return []

    def claimants(self, trig: Trigger, deniers: set[str]) -> list[ActorMention]:
        """Whom a denial answers, when the denied thing is what a clause before it says: "Britain
        blames Russia for the attack, which Moscow denies", "X says Y armed the rebels, a claim
        Y rejects". The subject of the nearest verb above the denied phrase, or (as the parser
        also reads it) of the clause before the claim noun, other than the denier."""
        verb = trig.head
        if trig.kind is not TriggerKind.VERB:
            return []
        claims: list[Token] = []
        pronoun = any(c.lower_ in RELATIVE_PRONOUNS for c in kids(verb, "dobj"))
        if verb.dep_ == "relcl" or stated_participle(verb):  # "a charge denied by the Kremlin"
            if pronoun or verb.head.lemma_.lower() in CLAIM_NOUNS:
                claims = [verb.head]
        elif verb.dep_ == "ccomp" and pronoun:  # "..., which Russia denies" read as a complement
            claims = [verb]
        clauses = [
            c
            for o in kids(verb, "dobj")
            if o.lemma_.lower() in CLAIM_NOUNS
            for c in kids(verb, "ccomp")
            if c.i < o.i
        ]
        for clause in clauses:  # "X accused Y of ..., an allegation Y rejected"
            if found := self._other_than(self.subjects(clause), deniers):
                return found
        for claim in claims:
            tok = claim
            for _ in range(MAX_CLIMB):
                if tok.head.i == tok.i:
                    break
                tok = tok.head
                if tok.pos_ in ("VERB", "AUX") and (
                    found := self._other_than(self.subjects(tok), deniers)
                ):
                    return found
        return []

    def _other_than(self, tokens: list[Token], ids: set[str]) -> list[ActorMention]:
        """The actors of ``tokens`` that are none of ``ids``, nor of the state one of them is."""
        return [m for m in self.resolve_all(tokens) if not {m.actor.id, m.actor.country} & ids]

    # --- nouns --------------------------------------------------------------------------------

    def noun_sources(self, noun: Token, trig: Trigger) -> list[ActorMention]:
        """The possessor, "by"/"from" phrase, or "of" phrase unless that names the target."""
        words = kids(noun, "poss") + pobjs(noun, "by", "from")
        in_protest = noun.lemma_ in PROTEST_NOUNS and noun.head.lower_ == "in"
        if "of" not in trig.rule.targets and not in_protest:  # "the invitation of X", not "in
            # protest of X": X is protested against
            words += pobjs(noun, "of")
        for clause in kids(noun, "acl", "relcl"):  # "an invitation X extended"
            if self.matcher.is_kind(clause, RuleKind.LIGHT):
                words += kids(clause, "nsubj")
        return self.resolve_all([t for w in words for t in with_conjuncts(w)])

    def modifier_agents(self, noun: Token) -> list[ActorMention]:
        """The state or group an event noun's own adjective or abbreviation names as its doer:
        "the Russian withdrawal", "US military buildup", "Chinese drills". Not for nouns whose
        modifier is who suffers them ("Palestinian deaths", "the Russian expulsions"), nor a name
        written out, which is as often the target or the place ("the Iraq invasion", "the
        Tanzania blast")."""
        if noun.lemma_.lower() in PATIENT_NOUNS:
            return []
        words = [
            m
            for m in kids(noun, "amod", "nmod", "compound")
            if m.i < noun.i
            and (m.tag_ == "JJ" or (m.text.replace(".", "").isupper() and len(m.text) <= 4))
        ]
        found = [self.actors.at_token(w) for w in words]
        return [f for f in found if f is not None and f.actor.country is not None][:1]

    def own_state(self, trig: Trigger) -> list[ActorMention]:
        """Whose the object is ("Slovenia's ambassador", "the Slovenian ambassador")."""
        return self.resolve_all(self._slot("objmod", trig) or self._slot("dobj", trig))

    def put_out_by(self, noun: Token) -> list[ActorMention]:
        """The state a place after "from" names, on the noun or its "of" object: "expulsions of
        Russian diplomats from Britain" are Britain's."""
        found = pobjs(noun, "from") + [p for o in pobjs(noun, "of") for p in pobjs(o, "from")]
        return self.resolve_all([t for f in found for t in with_conjuncts(f)], places=True)

    def event_sides(self, token: Token) -> list[ActorMention]:
        """The sides of an event noun ("talks between X and Y", "their summit")."""
        for noun in self.matcher.through(token):
            if self.matcher.noun_rule(noun) is None:
                continue
            sides = self.between(noun) or self.pair(noun)
            if not sides:
                sides = self.resolve_all(kids(noun, "poss") + pobjs(noun, "with"))
            if sides:
                return sides
        return []

    def between(self, noun: Token) -> list[ActorMention]:
        return self.resolve_all([t for w in pobjs(noun, "between") for t in with_conjuncts(w)])

    def speaker(self, token: Token) -> list[Token]:
        """The subject of the reporting verb that governs ``token``'s clause."""
        tok = token
        for _ in range(MAX_CLIMB):
            if tok.head.i == tok.i:
                return []
            tok = tok.head
            if tok.lemma_.lower() in SPEECH_VERBS:
                return kids(tok, "nsubj")
        return []

    def clause_subjects(self, noun: Token) -> list[Token]:
        """The subject of the clause an adjunct noun phrase belongs to."""
        tok = outer(noun, self.matcher)
        for _ in range(MAX_CLIMB):
            if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.i == tok.i:
                return []
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                if tok.lemma_.lower() in REPORTING_VERBS:  # "In his meeting with X, experts say"
                    return []
                if _is_deed(noun, self.matcher) and self._other_act(tok, noun):
                    return []  # "issued a warrant for X in the killing of Y": not the killer
                return self.subjects(tok)
        return []

    def _other_act(self, verb: Token, noun: Token) -> bool:
        """``verb`` states an event of another type than the deed ``noun``: its subject did
        that, not the deed ("probing into the bombings", "issued a warrant ... in the killing")."""
        rule = self.matcher.verb_rule(verb)
        deed = self.matcher.noun_rule(noun)
        if rule is None or rule.code is None:
            return False
        return deed is None or deed.code is None or rule.code.type != deed.code.type


def _voiced(clause: Token, noun: Token, *, relative: bool) -> bool:
    """A clause that says what a statement or a sign says, of a statement someone issued or a
    sign someone carried: "issued a declaration demanding ...", "waved banners that blamed ...",
    "announced a plan calling for ...". Its speaker is whoever issued or carried it."""
    if noun.dep_ != "dobj":
        return False
    lemma = noun.lemma_.lower()
    if lemma not in VOICING_NOUNS and (
        lemma not in PLAN_NOUNS
        or noun.head.lemma_.lower() not in ISSUING_VERBS
        or any(c.dep_ in ("compound", "poss") for c in noun.children)  # "an Arab League plan"
    ):
        return False
    return relative or (clause.dep_ == "acl" and clause.tag_ == "VBG")


def fill_roles(trig: Trigger, finder: RoleFinder) -> Roles:
    """Source, target and others for one trigger."""
    if trig.rule.has("blame"):
        return _blame_roles(trig, finder)
    if trig.rule.has("rev") or trig.rule.has("recv"):
        return _reversed_roles(trig, finder)
    if trig.kind is TriggerKind.NOUN:
        return _noun_roles(trig, finder)
    sources = finder.resolve_all(finder.subjects(trig.head))
    if not sources and trig.rule.has("own"):  # "the ambassador was recalled": by his state
        sources = finder.own_state(trig)
    if trig.kind is TriggerKind.LIGHT:
        sides = finder.between(trig.anchor)
        if len(sides) >= 2:  # "Egypt will host talks between X and Y": the host is neither
            return _assemble(sides, [], symmetric=True)
        sources = finder.noun_sources(trig.anchor, trig) or sources
        if not sources and trig.rule.has("out"):
            sources = finder.put_out_by(trig.anchor)
    if len(sources) == 1 and trig.rule.has("sym"):
        subj = finder.subjects(trig.head)
        sources = (finder.pair(subj[0]) if subj else []) or sources
    return _assemble(sources, _verb_targets(trig, finder, sources), symmetric=trig.rule.has("sym"))


def _verb_targets(
    trig: Trigger, finder: RoleFinder, sources: list[ActorMention]
) -> list[ActorMention]:
    """A verb trigger's targets: its rule's slots (a trip's destination), else its content's,
    its fallbacks, the place of an attack; a denial with nobody else answers the claimant."""
    deeds = _condemned_deeds(trig, finder)
    if deeds:  # "condemned the bombing of the embassy": blamed are its authors, not its victims
        authors = [w for d in deeds for w in kids(d, "poss") + pobjs(d, "by")]
        return finder.resolve_all([t for a in authors for t in with_conjuncts(a)])
    if trig.rule.has("move") or trig.rule.has("trip"):
        places = destinations(trig.head, trig.rule, finder.matcher)
        targets = finder.resolve_all(places, places=True)
    else:
        targets = finder.targets(trig)
    if not targets and trig.content is not None:  # "threatened to impose duties on X"
        inner = fill_roles(trig.content, finder).target
        targets = [inner] if inner is not None else []
    if not targets:
        targets = finder.fallback_targets(trig) or finder.complement_targets(trig)
    kind = trig.rule.code.type if trig.rule.code is not None else None
    if not targets and kind == "ASSAULT":
        targets = finder.missions(trig)
    if not targets and kind in PLACE_TARGET_TYPES:
        targets = finder.place_targets(trig)
    deniers = {s.actor.id for s in sources[:1]}
    if kind == "REJECT" and all(t.actor.id in deniers for t in targets):
        targets = finder.claimants(trig, deniers) or targets
    return targets


def _blame_roles(trig: Trigger, finder: RoleFinder) -> Roles:
    """ "Britain says Russia was behind the attack": the one who says it accuses the one it
    names (the subject of "be", the passive subject of "involved")."""
    head = trig.head
    if not _harmful(head, finder):
        return Roles(None, None, ())
    blamed = finder.subjects(head) if trig.rule.has("rev") else finder.matcher.objects(head)
    speakers = finder.resolve_all(finder.speaker(head))
    return _assemble(speakers, finder.resolve_all(blamed), symmetric=False)


# What one is blamed for: an attack, a crime ("involved in the poisoning", "behind the plot").
HARM_NOUNS = frozenset(
    {"attack", "poisoning", "killing", "murder", "assassination", "bombing", "massacre", "plot"}
    | {"crime", "corruption", "fraud", "abuse", "violence", "hacking", "cyberattack", "atrocity"}
    | {"shooting", "kidnapping", "abduction", "explosion", "blast", "raid", "strike", "death"}
    | {"deaths", "incident", "crash", "downing", "leak", "theft", "torture", "genocide", "coup"}
    | {"act", "terrorism", "bloodshed", "terror"}
)
BLAME_PREPS = ("in", "for", "behind")


# Types whose noun's demonym names a people, not its state: "Egyptian protests", "the Syrian
# uprising" are by protesters of that country, mostly against its state.
CROWD_TYPES = frozenset({"PROTEST"})


def _protesters(mention: ActorMention) -> ActorMention:
    """The protesters of the country ``mention`` names ("Egyptian protests")."""
    return ActorMention(protesters_of(mention.actor.country), mention.span)


# Event nouns whose modifier names who suffers them, not who does them: "Palestinian deaths",
# "the Russian expulsions", "Kurdish killings".
PATIENT_NOUNS = frozenset(
    {"killing", "massacre", "murder", "assassination", "execution", "kidnapping", "abduction"}
    | {"hijacking", "arrest", "detention", "expulsion", "deportation", "release", "death"}
    | {"extradition", "casualty", "evacuation", "imprisonment", "trial", "conviction"}
)
# A state's premises abroad or its forces' bases: an attack there is on that state.
MISSION_NOUNS = frozenset({"embassy", "consulate", "legation", "mission", "base", "barracks"})
# Where an attack is set: "at", "outside", "near", "next to", "in front of", "through".
SITE_PREPS = frozenset({"at", "outside", "near", "on", "against", "into", "through", "in"})
NEXT_TO = frozenset({"next", "close"})
# What goes off: a bomb is no deed noun of the lexicon, but its site is the attack's.
BLAST_NOUNS = frozenset({"bomb", "car-bomb", "device", "explosive", "explosives", "grenade"})


def _site_objects(holder: Token) -> list[Token]:
    """The nouns of ``holder``'s place phrases, through "next to" and "in front of"."""
    out: list[Token] = []
    for child in holder.children:
        lower = child.lower_
        if lower in NEXT_TO:  # a preposition, or an adverb with its own "to"
            out += pobjs(child, "to")
        elif child.dep_ == "prep" and lower in SITE_PREPS:
            for noun in kids(child, "pobj"):
                out += pobjs(noun, "of") if noun.lower_ == "front" else [noun]
    return out


def _harmful(head: Token, finder: RoleFinder) -> bool:
    """Whether what the subject of ``head`` is said to be involved in, responsible for or behind
    is an attack or a crime (not "involved in the talks", "responsible for security")."""
    holders = [head, *(k for k in head.children if k.lower_ in ("responsible", "culpable"))]
    nouns = [n for h in holders for n in pobjs(h, *BLAME_PREPS)]
    nouns += [n for k in kids(head, "prep") if k.lower_ == "behind" for n in kids(k, "pobj")]
    # "a string of raids"
    return any(_is_deed(t, finder.matcher) for n in nouns for t in finder.matcher.through(n))


HARM_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})


def _is_deed(noun: Token, matcher: Matcher) -> bool:
    """An attack or a crime: a harm word, or a noun the lexicon types as force or a threat."""
    if noun.lemma_.lower() in HARM_NOUNS:
        return True
    rule = matcher.noun_rule(noun)
    return rule is not None and rule.code is not None and rule.code.type in HARM_TYPES


def _condemned_deeds(trig: Trigger, finder: RoleFinder) -> list[Token]:
    """The attacks or crimes an accusation is aimed at as its object ("condemned the bombing",
    "denounced Iraq's invasion of Kuwait"); none for accusations of somebody."""
    code = trig.rule.code
    if code is None or code.type != "ACCUSE" or trig.kind is not TriggerKind.VERB:
        return []
    return [n for n in finder.matcher.objects(trig.head) if _is_deed(n, finder.matcher)]


def _reversed_roles(trig: Trigger, finder: RoleFinder) -> Roles:
    """The subject receives: "Xi hosted Kim" (the guest visits), "received aid from X"."""
    if trig.rule.has("rev"):
        givers = finder.matcher.objects(trig.head)
    else:
        inside = [t for o in finder.matcher.objects(trig.head) for t in o.subtree]
        givers = pobjs(trig.head, "from") + [p for t in inside for p in pobjs(t, "from")]
    sources = finder.resolve_all(givers)
    targets = finder.resolve_all(finder.subjects(trig.head))
    return _assemble(sources, targets, symmetric=False)


def _falls_back(trig: Trigger, *, protest: bool = False) -> bool:
    """Whether a verb trigger may look for its target beyond its rule's slots (with
    ``protest``, also a protest: "staged a strike to protest X's decision")."""
    code = trig.rule.code
    if code is None or (
        code.type not in FALLBACK_TYPES and not (protest and code.type == "PROTEST")
    ):
        return False
    return not any(trig.rule.has(f) for f in ("sym", "move", "trip", "rev", "recv"))


def _is_condition(clause: Token) -> bool:
    return any(m.lower_ in CONDITION_MARKS for m in kids(clause, "mark"))


def _is_visit(trig: Trigger) -> bool:
    return trig.rule.code is not None and trig.rule.code.mode == "visit"


def _noun_roles(trig: Trigger, finder: RoleFinder) -> Roles:
    noun = trig.anchor
    sides = finder.between(noun)
    if len(sides) >= 2:
        return _assemble(sides, [], symmetric=True)
    sources = finder.noun_sources(noun, trig)
    targets = finder.targets(trig)
    if not targets and trig.rule.code is not None and trig.rule.code.type == "ASSAULT":
        targets = finder.missions(trig)
    if not sources and trig.rule.has("out"):
        sources = finder.put_out_by(noun)
    if not sources and trig.rule.has("sym"):
        sources = finder.pair(noun)
    if not sources:  # "the Russian withdrawal", "US military buildup", "Egyptian protests"
        found = [a for a in finder.modifier_agents(noun) if a not in targets[:1]]
        crowd = trig.rule.code is not None and trig.rule.code.type in CROWD_TYPES
        sources = [_protesters(a) for a in found] if crowd else found
    if trig.rule.code is not None and trig.rule.code.mode == "invite":
        if not targets:  # "X is visiting China at the invitation of Y": Y invited X
            targets = finder.resolve_all(finder.clause_subjects(noun))
        return _assemble(sources, targets, symmetric=False)
    if not sources and trig.rule.has("speech"):  # "X says it is time for Y to ..."
        sources = finder.resolve_all(finder.speaker(noun))
    if not sources:
        subjects = finder.clause_subjects(noun)
        sides = [s for t in subjects for s in finder.event_sides(t)]
        if sides:  # "talks between X and Y ended without an agreement"
            return _assemble(sides, targets, symmetric=True)
        sources = finder.resolve_all(subjects)
    return _assemble(sources, targets, symmetric=trig.rule.has("sym"))


def _assemble(
    sources: list[ActorMention], targets: list[ActorMention], *, symmetric: bool
) -> Roles:
    """First source and target; for symmetric events the second side may come from the sources."""
    sources = list(sources)
    targets = [t for t in targets if all(t.actor.id != s.actor.id for s in sources[:1])]
    if symmetric and not targets and len(sources) >= 2:
        targets = [sources.pop(1)]
    source = sources[0] if sources else None
    target = targets[0] if targets else None
    others = tuple(sources[1:] + targets[1:])
    if symmetric:  # "A, B and C met": one meeting, not one per pair
        return Roles(source, target, others)
    return Roles(source, target, others, tuple(sources[1:]), tuple(targets[1:]))
