"""Finding event triggers in a parsed sentence: lexicon rules matched against the dependency parse.

A trigger is a verb ("accused"), a light verb with an event noun ("held talks", "pay a visit"), a
travel verb with a destination ("heading to Vietnam"), or an event noun that stands on its own
("a summit between X and Y", "at the invitation of X", "the talks ended"). Nouns that are the
object of a verb trigger belong to it ("signed an agreement" is one SUPPORT, not also an AGREE);
events in the complement of a speech act ("demanded that Y cancel ...", "threatened to impose
...") are its content, not events of their own, and set its mode.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from eventwire.models import ActorKind, ActorMention
from eventwire.nlp.actor_table import WordKind, group_noun, load_actor_table
from eventwire.nlp.lexicon import Condition, Lexicon, Rule, RuleKind
from eventwire.nlp.syntax import (
    QUANTIFIERS,
    RELATIVE_PRONOUNS,
    Columns,
    hyphen_prefix,
    in_entity,
    is_passive,
    kids,
    left_lemmas,
    passive_subjects,
    pobjs,
    preps,
    with_conjuncts,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
TIME_LABELS = ("DATE", "TIME")
QUESTION_WORDS = frozenset(
    {"if", "whether", "what", "who", "whom", "whose", "why", "how", "where", "when", "which"}
)
NON_EVENT_ENTITIES = ("DATE", "TIME", "PERSON", "GPE", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")
OBJECT_PREPS = ("from", "of", "on", "out", "off")
MEMBER_OF_PREPS = ("of", "from")  # "the presidents of Poland and the Czech Republic"
LISTING_PREPS = ("of", "from", "in")  # and a placed group: "police in Kenya and Tanzania"
DESTINATION_PREPS = ("to", "for", "in", "at", "into")
VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN")
MODIFIER_DEPS = ("compound", "poss", "amod", "nmod")  # a noun trigger is never one of these
NOMINAL_DEPS = ("dobj", "pobj", "nsubj", "nsubjpass")
RELATIVE_DEPS = ("relcl", "acl")
VERB_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


class ActorLookup(Protocol):
    """The actor stage as the event stage sees it: which actor a token refers to, if any."""

    def at_token(self, token: Token) -> ActorMention | None: ...


def _names_people(noun: Token) -> bool:
    """The noun is an office, a government or a body of people ("presidents", "governments")."""
    table, word = load_actor_table(), noun.lemma_.lower()
    return any(table.word(word, kind) is not None for kind in PEOPLE_WORDS)


PEOPLE_WORDS = (WordKind.ROLE, WordKind.STATE, WordKind.ORG, WordKind.GROUP)


class TriggerKind(enum.StrEnum):
    VERB = "verb"  # the verb names the event: "accused", "visited"
    LIGHT = "light"  # a verb carries an event noun: "held talks", "left for a visit"
    NOUN = "noun"  # the noun stands on its own: "a summit between X and Y"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One event trigger. ``anchor`` names the event; ``head`` carries its clause (the verb of a
    verb or light-verb trigger, the noun itself for a noun trigger)."""

    rule: Rule
    anchor: Token
    head: Token
    kind: TriggerKind
    content: Trigger | None = None  # for speech acts: the first event in the complement

    @property
    def type(self) -> str:
        return self.rule.code.type if self.rule.code else ""


class Matcher:
    """Matches lexicon rules against tokens of one parsed document.

    The rules found for a token are memoised by its index (the stages ask about the same tokens
    many times), so a matcher serves one document only. ``columns`` (that document's token
    attributes) let ``find_triggers`` pass over tokens no rule can match without building them.
    """

    def __init__(
        self, lexicon: Lexicon, actors: ActorLookup, columns: Columns | None = None
    ) -> None:
        self.lexicon = lexicon
        self.actors = actors
        self.columns = columns
        self._verb_rules: dict[int, Rule | None] = {}
        self._noun_rules: dict[int, Rule | None] = {}
        self._objects: dict[tuple[int, frozenset[str] | None], list[Token]] = {}
        self._listed: dict[int, list[Token]] = {}

    # --- keys and objects -----------------------------------------------------------------

    def verb_keys(self, token: Token) -> list[str]:
        keys = []
        prefix = hyphen_prefix(token)
        if prefix:
            keys.append(f"{prefix}-{token.lemma_.lower()}")
        keys.append(token.lemma_.lower())
        low = token.lower_
        for suffix, repl in VERB_SUFFIXES:  # the lemmatiser sometimes misses ("staged" -> "stag")
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                keys.append(low[: -len(suffix)] + repl)
        keys.append(low)
        return list(dict.fromkeys(k for k in keys if self.lexicon.rules("V", k)))

    def noun_keys(self, token: Token) -> list[str]:
        keys = []
        prefix = hyphen_prefix(token)
        if prefix:
            keys.append(f"{prefix}-{token.lemma_.lower()}")
        keys += [token.lemma_.lower(), token.lower_]
        return list(dict.fromkeys(k for k in keys if self.lexicon.rules("N", k)))

    def through(self, noun: Token) -> list[Token]:
        """``noun`` and, for transparent nouns ("a series of tests") and counts ("23 of its
        diplomats", "some of the protesters"), the nouns inside."""
        out = [noun]
        while (
            noun.like_num
            or noun.lower_ in QUANTIFIERS
            or self.lexicon.is_kind("N", noun.lemma_.lower(), RuleKind.TRANSPARENT)
        ):
            inner = pobjs(noun, "of")
            if not inner:
                break
            noun = inner[0]
            out.append(noun)
        return out

    def objects(self, verb: Token, rule: Rule | None = None) -> list[Token]:
        """What the verb acts on: direct object, passive subject, or the object of the rule's
        preposition; transparent nouns and conjuncts opened up."""
        prep = rule.condition("prep") if rule else None
        key = (verb.i, prep.values if prep is not None else None)
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = self._objects_of(verb, prep)
        return list(found)

    def _objects_of(self, verb: Token, prep: Condition | None) -> list[Token]:
        if verb.dep_ == "amod" or reduced_relative(verb) or _object_gap(verb):
            found = [verb.head]  # "test-fired missiles", "the report released on Tuesday",
            # "the charge Russia denies": the noun is the object
        elif prep is not None:
            found = pobjs(verb, *prep.values)
        else:
            found = kids(verb, "dobj")
            if is_passive(verb):
                found += passive_subjects(verb)
            if not found:
                found = pobjs(verb, *OBJECT_PREPS)
        out: list[Token] = []
        for obj in found:
            for conj in with_conjuncts(obj):
                out.extend(self.through(conj))
            out.extend(self.listed(obj))
        return out

    def listed(self, noun: Token) -> list[Token]:
        """Further sides a plural side lists inside itself, one per member: the German ministers
        of "the foreign ministers of France and Germany" (the actor stage made those words that
        group's), the French of "French and German leaders", the Czech Republic of "the
        presidents of Poland and the Czech Republic". Not people ("supporters of Mubarak and
        Suleiman" are not Suleiman) and not a list inside a place phrase of something else."""
        if noun.tag_ != "NNS":
            return []
        found = self._listed.get(noun.i)
        if found is None:
            found = self._listed[noun.i] = self._listed_in(noun)
        return list(found)

    def _listed_in(self, noun: Token) -> list[Token]:
        own = self.actors.at_token(noun)
        if own is not None and own.actor.kind is not ActorKind.GROUP:
            return []
        if own is None and not _names_people(noun):  # "the troubles of Greece and Spain"
            return []
        firsts = pobjs(noun, *(LISTING_PREPS if own is not None else MEMBER_OF_PREPS))
        if own is not None:
            firsts += [m for m in kids(noun, "amod", "compound", "nmod") if m.i < noun.i]
        out = []
        for first in firsts:
            for word in (first, *(c for c in first.conjuncts if c.i > first.i)):
                found = self.actors.at_token(word)
                if found is None or found.actor.country is None:
                    continue
                if (own is None and found.actor.kind is not ActorKind.PERSON) or (
                    own is not None
                    and found.actor.kind is ActorKind.GROUP
                    and (group_noun(found.actor) == group_noun(own.actor))
                ):
                    out.append(word)
        return out if len(out) > 1 or (own is not None and out) else []

    def subject_words(self, verb: Token) -> list[Token]:
        tok: Token | None = verb
        for _ in range(4):
            if tok is None:
                break
            agents = [o for agent in kids(tok, "agent") for o in kids(agent, "pobj")]
            subj = agents or kids(tok, "nsubj", "nsubjpass")  # "killed by the quake": the quake
            if subj and tok.dep_ == "relcl" and all(s.tag_ in RELATIVE_TAGS for s in subj):
                return self.through(tok.head)  # "the plan, which calls for ...": the plan
            if subj:
                return [t for s in subj for c in with_conjuncts(s) for t in self.through(c)]
            if tok.dep_ in ("acl", "relcl"):  # "the crowd, ..., gathered in the square"
                return self.through(tok.head)
            tok = tok.head if tok.dep_ in ("conj", "xcomp", "acomp", "advcl") else None
        return []

    def actor_like(self, token: Token) -> bool:
        """The phrase names an actor: itself, its appositive or a country modifier (not its
        possessor: "welcomed Reagan's statement" welcomes no visitor)."""
        words = [token, *kids(token, "appos", "compound", "amod")]
        return any(self.actors.at_token(w) is not None for w in words)

    # --- conditions ----------------------------------------------------------------------------

    def _words_match(self, tokens: Iterable[Token], values: frozenset[str]) -> bool:
        for tok in tokens:
            if tok.lemma_.lower() in values or tok.lower_ in values:
                return True
            if "@actor" in values and self.actor_like(tok):
                return True
            if "@place" in values and in_entity(tok, *PLACE_LABELS):
                return True
            if "@time" in values and in_entity(tok, *TIME_LABELS):
                return True
        return False

    def _holds(self, cond: Condition, token: Token, rule: Rule) -> bool:
        name, values = cond.name, cond.values
        if name in ("obj", "obj!", "mod", "mod!"):
            hit = self._object_words(name.rstrip("!"), token, rule, values)
            return hit if not name.endswith("!") else not hit
        if name == "wants":
            return any(self.actor_like(who) for who in _wanted_subjects(token))
        if name in ("noobj", "comp", "inf", "question", "must", "nocomp", "pl"):
            return self._shape(name, token)
        if name == "nosubj":  # "Welcome back": a greeting, not an act
            return not self.subject_words(token)
        if name == "prep":  # "called on Tuesday" is no "call on"
            return any(
                not any(in_entity(o, "DATE", "TIME") for o in kids(p, "pobj"))
                for p in preps(token, *values)
            ) or any(  # "called for Sinn Fein to be expelled": a clause the word opens
                m.lower_ in values
                for c in kids(token, "advcl", "ccomp", "xcomp")
                for m in kids(c, "mark")
            )
        return self._words_match(self._condition_words(name, token), values)

    def _condition_words(self, name: str, token: Token) -> list[Token]:
        """The words a condition on ``name`` looks at (only that one is computed)."""
        words = CONDITION_WORDS.get(name)
        return words(self, token) if words is not None else []

    def _object_words(self, name: str, token: Token, rule: Rule, values: frozenset[str]) -> bool:
        """``obj``: the verb's object is one of ``values``; ``mod``: a word before the noun (or
        before the verb's object) is."""
        if name == "obj":
            return rule.pos == "V" and self._words_match(self.objects(token, rule), values)
        targets = [token] if rule.pos == "N" else self.objects(token, rule)
        return any(left_lemmas(t) & values for t in targets)

    @staticmethod
    def _shape(name: str, token: Token) -> bool:
        if name == "noobj":
            return not kids(token, "dobj")
        if name == "comp":  # an infinitive or that-clause: "asked X to", "agreed ... to"
            return bool(kids(token, "ccomp")) or bool(infinitives(token))
        if name == "inf":  # "agreed to talk"
            return bool(infinitives(token))
        if name in COMPLEMENT_TESTS:  # "asked whether ...", "said that Sudan must return ..."
            deps, test = COMPLEMENT_TESTS[name]
            return any(test(c) for c in kids(token, *deps))
        if name == "nocomp":  # "called X" (phoned), not "called it a new chapter"
            objs = kids(token, "dobj")
            return not kids(token, "xcomp", "ccomp", "oprd") and not any(
                kids(o, "appos", "attr") for o in objs
            )
        return token.tag_ in ("NNS", "NNPS")  # pl

    def satisfied(self, rule: Rule, token: Token) -> bool:
        return all(self._holds(c, token, rule) for c in rule.conditions)

    # --- rules ---------------------------------------------------------------------------------

    def noun_rule(self, token: Token) -> Rule | None:
        """The best EVENT rule for a noun, or ``None`` (blocked, or no rule)."""
        i = token.i
        if i in self._noun_rules:
            return self._noun_rules[i]
        found = self._noun_rules[i] = self._noun_rule(token)
        return found

    def _noun_rule(self, token: Token) -> Rule | None:
        if token.pos_ not in NOUN_POS or in_entity(token, *NON_EVENT_ENTITIES):
            return None
        for key in self.noun_keys(token):
            rules = [
                r
                for r in self.lexicon.rules("N", key)
                if r.kind in (RuleKind.EVENT, RuleKind.NONE) and self.satisfied(r, token)
            ]
            if rules:
                best = max(rules, key=lambda r: r.rank)
                return best if best.kind is RuleKind.EVENT else None
        return None

    def noun_candidates(self, start: int, end: int) -> list[int]:
        """The tokens of ``start:end`` that may be event nouns: nouns not in a name and not
        modifiers (``find_triggers`` never takes those); all of them without ``columns``."""
        cols = self.columns
        if cols is None:
            return list(range(start, end))
        pos, deps, types = cols.pos, cols.deps, cols.ent_types
        return [
            i
            for i in range(start, end)
            if pos[i] in NOUN_POS
            and deps[i] not in MODIFIER_DEPS
            and not (types[i] and types[i] in NON_EVENT_ENTITIES)
        ]

    def light_object(self, verb: Token, rule: Rule) -> tuple[Token, Rule] | None:
        for obj in self.objects(verb, rule):
            found = self.noun_rule(obj)
            if found is not None:
                return obj, found
        return None

    def verb_rule(self, token: Token) -> Rule | None:
        """The best EVENT or LIGHT rule for a verb, or ``None``."""
        i = token.i
        if i in self._verb_rules:
            return self._verb_rules[i]
        found = self._verb_rules[i] = self._verb_rule(token)
        return found

    def verb_candidates(self, start: int, end: int) -> list[int]:
        """The tokens of ``start:end`` that may have a verb rule (verbs); all without
        ``columns``."""
        cols = self.columns
        if cols is None:
            return list(range(start, end))
        pos, tags = cols.pos, cols.tags
        return [i for i in range(start, end) if pos[i] in VERB_POS or tags[i].startswith("VB")]

    def _verb_rule(self, token: Token) -> Rule | None:
        if token.pos_ not in VERB_POS and not token.tag_.startswith("VB"):
            return None
        keys = self.verb_keys(token)
        if token.dep_ in ("amod", "compound") and not (keys and "-" in keys[0]):
            return None  # "the striking miners"; but "test-fired missiles" is a verb
        if token.dep_ in NOMINAL_DEPS and kids(token, "det"):
            return None  # "evacuated the wounded": a participle used as a noun
        for key in keys:
            rules = [
                r
                for r in self.lexicon.rules("V", key)
                if r.kind in (RuleKind.EVENT, RuleKind.LIGHT, RuleKind.NONE)
                and self.satisfied(r, token)
                and (r.kind is not RuleKind.LIGHT or self.light_object(token, r))
            ]
            if rules:
                best = max(rules, key=lambda r: r.rank)
                return None if best.kind is RuleKind.NONE else best
        return None

    def is_kind(self, token: Token, kind: RuleKind) -> bool:
        """Whether a verb has a satisfied rule of ``kind`` (OCCUR, LIGHT) in the lexicon."""
        for key in self.verb_keys(token):
            for rule in self.lexicon.rules("V", key):
                if rule.kind is kind and self.satisfied(rule, token):
                    return True
        return False

    def noun_is(self, token: Token, kind: RuleKind) -> bool:
        return any(self.lexicon.is_kind("N", k, kind) for k in (token.lemma_.lower(), token.lower_))


RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who" opening a clause

# What the word conditions of a lexicon line ("prt", "subj", "of", ...) look at.
CONDITION_WORDS: Mapping[str, Callable[[Matcher, Token], list[Token]]] = MappingProxyType(
    {
        "prt": lambda m, t: _particles(t),
        "subj": lambda m, t: m.subject_words(t),
        "subjmod": lambda m, t: [
            k for w in m.subject_words(t) for k in kids(w, "compound", "amod")
        ],  # "sniper fire"
        "of": lambda m, t: pobjs(t, "of"),
        "on": lambda m, t: pobjs(t, "on"),
        "pobj": lambda m, t: pobjs(t),
        "kid": lambda m, t: kids(t),
        "to": lambda m, t: infinitives(t),
        "head": lambda m, t: [t.head],
        "clause": lambda m, t: [x for c in kids(t, "relcl", "acl") for x in kids(c, "mark")],
    }
)


def infinitives(verb: Token) -> list[Token]:
    """The verbs of ``verb``'s infinitive complements: "agreed to talk", and "fought to keep
    the boy", which the parser reads as a purpose clause."""
    purposes = [
        c
        for c in kids(verb, "advcl")
        if not kids(c, "nsubj") and any(a.lower_ == "to" for a in kids(c, "aux"))
    ]
    return kids(verb, "xcomp") + purposes


def _is_question(clause: Token) -> bool:
    """A clause asks a question: it opens with "if", "whether" or a wh-word, or ends in "?"."""
    words = [t for t in clause.subtree if not t.is_punct]
    if words and words[0].lower_ in QUESTION_WORDS:
        return True
    return any(t.text == "?" for t in clause.subtree)


def _particles(token: Token) -> list[Token]:
    """A verb's particles, and prepositions with no object of their own ("pulled out of": "out"
    parsed as a preposition); "hold an exercise off the island" has no particle."""
    preps = [p for p in kids(token, "prep") if not kids(p, "pobj")]
    return [*kids(token, "prt", "advmod"), *preps]


OBLIGING_MODALS = frozenset({"must", "should"})


def _obliges_other(clause: Token) -> bool:
    """A that-clause saying what someone named must or should do ("Sudan must return the
    helicopter", "the rebels should lay down their arms"): its verb has such a modal, not in the
    perfect ("should have pushed him out" judges the past), and a subject that is a noun, not a
    pronoun (which is often the speaker: "he said he must go")."""
    auxes = [a.lower_ for a in kids(clause, "aux")]
    if not OBLIGING_MODALS.intersection(auxes) or "have" in auxes:
        return False
    subjects = kids(clause, "nsubj", "nsubjpass")
    return bool(subjects) and subjects[0].pos_ in ("NOUN", "PROPN")


def _wanted_subjects(token: Token) -> list[Token]:
    """The subjects of the infinitive clauses of ``token`` that have one of their own: who
    someone wants to act ("wants Uganda to withdraw its troops": Uganda), not oneself ("wants to
    build a port", an xcomp)."""
    return [
        subject
        for clause in kids(token, "ccomp")
        if any(a.lower_ == "to" for a in kids(clause, "aux"))
        for subject in kids(clause, "nsubj")
    ]


# Conditions on a verb's complement clause: the dependencies it hangs by, and the test.
COMPLEMENT_TESTS: dict[str, tuple[tuple[str, ...], Callable[[Token], bool]]] = {
    "question": (("ccomp", "parataxis"), _is_question),  # "asked him: 'Why ...?'"
    "must": (("ccomp",), _obliges_other),
}


def find_triggers(sent: Span, matcher: Matcher) -> list[Trigger]:
    """Every event trigger of one sentence, in text order, after absorption and speech content."""
    from eventwire.nlp.nominals import licensed
    from eventwire.nlp.speech import attach_content

    doc = sent.doc
    verbal: list[Trigger] = []
    absorbed: set[int] = set()
    for i in matcher.verb_candidates(sent.start, sent.end):
        token = doc[i]
        rule = matcher.verb_rule(token)
        if rule is None or _describes_noun(token, rule):
            continue
        trig = _verb_trigger(token, rule, matcher)
        absorbed.update(
            t.i for t in matcher.objects(token, rule) if not _condemned_deed(t, rule, matcher)
        )
        absorbed.update(_purpose_nouns(token, rule, matcher))
        if trig is not None:
            verbal.append(trig)
            absorbed.add(trig.anchor.i)
    nominal = []
    for i in matcher.noun_candidates(sent.start, sent.end):
        if i in absorbed:
            continue
        token = doc[i]
        if token.dep_ in MODIFIER_DEPS:
            continue
        rule = matcher.noun_rule(token)
        if rule is not None and licensed(token, rule, matcher):
            nominal.append(Trigger(rule, token, token, TriggerKind.NOUN))
    found = sorted(verbal + nominal, key=lambda t: t.anchor.i)
    return attach_content(found)


DEED_TYPES = frozenset({"ASSAULT", "COERCE"})


def _condemned_deed(noun: Token, rule: Rule, matcher: Matcher) -> bool:
    """ "condemned the bombing of U.S. embassies": force condemned with its victims named is an
    event of its own, which the condemnation takes as given."""
    if rule.code is None or rule.code.type != "ACCUSE":
        return False
    deed = matcher.noun_rule(noun)
    if deed is None or deed.code is None or deed.code.type not in DEED_TYPES:
        return False
    return any(matcher.actor_like(o) for o in pobjs(noun, "of", "on", "against", "at"))


def reduced_relative(verb: Token) -> bool:
    """ "the report released on Tuesday", "victims killed in the crash": a past participle
    hanging from a noun it says something about (the noun is its object)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not kids(verb, "dobj", "nsubj")


FORCEFUL_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# What a denial denies when it answers someone: "a charge Russia denies", "an allegation X rejects".
CLAIM_NOUNS = frozenset(
    {"charge", "claim", "allegation", "accusation", "assertion", "suggestion", "report"}
)


def _forceful(rule: Rule) -> bool:
    """Force or punishment, which a participle with its author states as news ("civilians killed
    by air strikes"); support, proposals and refusals so written mostly describe ("troops backed
    by tanks", "a plan proposed by X")."""
    return rule.code is not None and rule.code.type in FORCEFUL_TYPES


def stated_participle(verb: Token) -> bool:
    """A passive participle on a noun that names its author or is under way ("protesters
    arrested by police", "diplomats being expelled"): the noun is what is acted on."""
    return reduced_relative(verb) and (bool(kids(verb, "agent")) or _progressive(verb))


def _denial(verb: Token, rule: Rule) -> bool:
    """ "a charge denied by the Kremlin": a claim's denial, written with its author, is news."""
    code = rule.code
    return code is not None and code.type == "REJECT" and verb.head.lemma_.lower() in CLAIM_NOUNS


def _progressive(verb: Token) -> bool:
    """ "diplomats being expelled": a passive participle under way now."""
    return any(aux.lower_ == "being" for aux in kids(verb, "auxpass"))


def _object_gap(verb: Token) -> bool:
    """ "the charge Russia denies", "the deal both sides signed": a relative clause with a
    subject of its own and no object, on the noun it acts on."""
    return (
        verb.dep_ == "relcl"
        and bool(kids(verb, "nsubj"))
        and not kids(verb, "dobj", "nsubjpass", "ccomp", "xcomp", "prep", "dative")
        and kids(verb, "nsubj")[0].lower_ not in RELATIVE_PRONOUNS
    )


def _describes_noun(verb: Token, rule: Rule) -> bool:
    """A passive clause that describes a noun says what once happened to it ("a man jailed a year
    ago", "who had been arrested", "the town where 24 people were killed", "raids in which it
    said 20 were killed"): background for the news, not an event of its own. A participle counts
    only for a verb that acts on someone ("the crowd, ..., gathered in the square" is active)."""
    passive = is_passive(verb) or (verb.dep_ == "conj" and is_passive(verb.head))  # "or wounded"
    if stated_participle(verb) and (_progressive(verb) or _forceful(rule) or _denial(verb, rule)):
        return False  # under way, force or a denial with its author: "arrested by police"
    transitive = (
        rule.kind is RuleKind.LIGHT or "dobj" in rule.targets or rule.condition("obj") is not None
    )
    if not passive and not (reduced_relative(verb) and transitive):
        return False
    tok = verb
    for _ in range(3):
        if tok.dep_ in RELATIVE_DEPS:
            return tok.head.pos_ in NOUN_POS or tok.head.pos_ == "PRON"
        if tok.dep_ not in ("ccomp", "conj", "xcomp"):
            return False
        tok = tok.head
    return False


def _verb_trigger(token: Token, rule: Rule, matcher: Matcher) -> Trigger | None:
    if rule.kind is RuleKind.LIGHT:
        found = matcher.light_object(token, rule)
        if found is None:
            return None
        noun, noun_rule = found
        return Trigger(noun_rule, noun, token, TriggerKind.LIGHT)
    if rule.has("move") or rule.has("trip") or (rule.code and rule.code.mode == "visit"):
        return _travel_trigger(token, rule, matcher)
    return Trigger(rule, token, token, TriggerKind.VERB)


def _purpose_nouns(verb: Token, rule: Rule, matcher: Matcher) -> list[int]:
    """Meeting nouns that give the purpose of a trip ("heading to Hanoi for a summit")."""
    if not (rule.code and rule.code.mode == "visit"):
        return []
    out = []
    for noun in pobjs(verb, "for", "on"):
        found = matcher.noun_rule(noun)
        if found and found.code and found.code.type == "CONSULT":
            out.append(noun.i)
    return out


def destinations(verb: Token, rule: Rule, matcher: Matcher) -> list[Token]:
    """Where a trip goes: the places after "to", "for", "in", ... (not event nouns)."""
    wanted = [t for t in rule.targets if t in DESTINATION_PREPS] or list(DESTINATION_PREPS)
    out = []
    for prep in wanted:
        for obj in pobjs(verb, prep):
            if matcher.noun_rule(obj) is None and _is_place(obj, matcher):
                out.append(obj)
    if "dobj" in rule.targets:
        out = [o for o in kids(verb, "dobj") if _is_place(o, matcher)] + out
    return out


def _is_place(token: Token, matcher: Matcher) -> bool:
    """A named destination: a place entity, an actor (a country, a capital), or a proper noun
    the tagger did not type ("fly on to Buenos Aires" is sometimes a PERSON)."""
    if in_entity(token, *PLACE_LABELS) or token.pos_ == "PROPN":
        return True
    return matcher.actors.at_token(token) is not None


def _travel_trigger(verb: Token, rule: Rule, matcher: Matcher) -> Trigger | None:
    """A visit verb. A trip noun after "for"/"on" becomes the anchor ("left for a visit to
    Chile"); a bare travel verb needs a destination unless the rule says ``trip``."""
    dobjs = kids(verb, "dobj")
    left_no_place = dobjs and not any(in_entity(o, *PLACE_LABELS) for o in dobjs)
    if rule.has("trip") and "dobj" not in rule.targets and left_no_place:  # "left office"
        return None
    has_destination = bool(destinations(verb, rule, matcher))
    for noun in pobjs(verb, "for", "on"):
        found = matcher.noun_rule(noun)
        if found and found.code and found.code.mode == "visit" and not has_destination:
            return Trigger(found, noun, verb, TriggerKind.LIGHT)
    if rule.has("move") and not has_destination:
        return None
    return Trigger(rule, verb, verb, TriggerKind.VERB)
