"""Factuality of an event mention, and who the article attributes it to.

``assess(trigger)`` reads the clause around a trigger word and returns one of the five classes of
``Factuality`` with ``said_by``, the speaker of the attribution that governs the clause, as
written ("state media confirmed" gives "state media"; "It said" gives "It", resolved later):

- negated: "not", "never", "no arrests", "without an agreement", "failed to";
- reported (hedged): "are believed to have met", "reportedly", "allegedly", "is said to have",
  "according to unconfirmed reports", an unconfirmed claim ("has never confirmed that ...");
- hypothetical: "could", "may", "might", "likely to", "if ...", what experts or analysts say
  will happen, what anyone expects or predicts, what one is invited, urged, asked or told to do
  ("invited X to join": the invitation is the event, the joining is not yet);
- planned: "will", "is due to", "is scheduled to", "is to", "plans to", "is expected to", "would"
  in reported speech, "upcoming", "next week";
- asserted: everything else.

The first class in that order wins. Only word lists are used; no model and no lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.models import Factuality, TextSpan
from eventwire.nlp.syntax import (
    FUTURE_WORDS,
    columns_of,
    in_entity,
    is_passive,
    is_past,
    kids,
    phrase_span,
    subtree_ids,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
    "say tell announce confirm report add state claim insist note declare disclose reveal "
    "write explain stress tweet post quote assert affirm acknowledge admit indicate mention "
    "inform brief signal comment remark reiterate repeat emphasise emphasize argue contend "
    "maintain allege hint suggest testify recount describe publish broadcast carry show"
)
COGNITION_VERBS = _words(
    "expect predict believe think speculate anticipate forecast suspect doubt hope fear guess "
    "estimate reckon assume wonder suppose project foresee envisage envision imagine"
)
HEDGED_SPEECH = _words("allege claim hint suggest rumour rumor")
HEDGE_SPEAKERS = _words(
    "expert analyst commentator pundit economist scholar academic researcher watcher "
    "strategist speculation forecaster"
)
DOUBT_ADJECTIVES = _words(
    "sceptical skeptical doubtful confident hopeful optimistic pessimistic certain sure "
    "unsure convinced"
)
PLANNED_RAISERS = _words(
    "due scheduled slated set poised plan intend aim prepare arrange schedule about going "
    "decide resolve expected"
)
HYPOTHETICAL_RAISERS = _words(
    "likely unlikely possible able ready willing eager keen want hope wish try attempt seek "
    "consider mull weigh could may might propose offer "
    "invite urge ask encourage request tell order instruct advise"
)
# "needs to resign", "has to withdraw", "is required to": an obligation, not a deed; in the past
# ("had to withdraw") it usually was done, and is left asserted.
OBLIGATION_RAISERS = _words("need have require oblige")
REPORTED_RAISERS = _words(
    "believe think say report understand allege rumour rumor know suspect fear claim seem appear"
)
NEGATING_RAISERS = _words("fail refuse decline neglect forget avoid")
FACTIVE_VERBS = _words(
    "realise realize know notice forget regret remember understand learn discover see hear "
    "recognise recognize"
)
NOBODY_WORDS = _words("nobody none nothing noone")
HAPPENING_VERBS = _words(
    "happen occur take begin start go get materialise materialize proceed resume continue "
    "commence come last unfold"
)
PLANNED_MODALS = _words("will shall 'll wo")
HYPOTHETICAL_MODALS = _words("could may might can ca should must ought")
REPORTED_ADVERBS = _words(
    "reportedly allegedly apparently purportedly supposedly ostensibly seemingly"
)
HYPOTHETICAL_ADVERBS = _words("possibly perhaps maybe probably potentially conceivably")
CONDITIONAL_MARKS = _words("if unless whether lest")
NOUN_CUES = {
    **dict.fromkeys(
        _words("upcoming forthcoming planned scheduled expected future prospective next coming"),
        Factuality.PLANNED,
    ),
    **dict.fromkeys(_words("impending slated"), Factuality.PLANNED),
    **dict.fromkeys(
        _words("possible potential likely proposed mooted hypothetical"), Factuality.HYPOTHETICAL
    ),
    **dict.fromkeys(_words("cancelled canceled aborted postponed scrapped"), Factuality.NEGATED),
    **dict.fromkeys(
        _words("alleged reported suspected purported rumoured rumored"), Factuality.REPORTED
    ),
}
PRIOR_PREPS = frozenset({"after", "following", "since", "response", "invitation", "request"})
UNCONFIRMED = frozenset({"unconfirmed", "unverified", "unnamed", "anonymous", "rumour", "rumor"})
MAX_CLIMB = 8


@dataclass(slots=True)
class _Cues:
    negated: bool = False
    reported: bool = False
    hypothetical: bool = False
    condition: bool = False  # the event's own clause is a condition ("if it does not back down")
    planned: bool = False
    would: bool = False
    future_time: bool = False
    past: bool = False
    speech: bool = False
    opinion: bool = False  # a belief or an expert's view: a guess about what is to come,
    # a hedged report about what has happened ("the UN estimates 600 have been killed")
    said_by: TextSpan | None = None

    def decide(self) -> Factuality:
        if self.condition:  # what a condition supposes, negative or not, is not stated
            return Factuality.HYPOTHETICAL
        if self.negated:
            return Factuality.NEGATED
        if self.reported or (self.opinion and self.past and not self.hypothetical):
            return Factuality.REPORTED
        if (
            self.hypothetical
            or self.opinion
            or (self.would and not (self.speech or self.future_time))
        ):
            return Factuality.HYPOTHETICAL
        if self.planned or self.would or (self.future_time and not self.past):
            return Factuality.PLANNED
        return Factuality.ASSERTED


def assess(trigger: Token) -> tuple[Factuality, TextSpan | None]:
    """The factuality of the event that ``trigger`` (a verb or an event noun) states, and the
    span of whoever the article attributes it to."""
    cues = _Cues()
    verb: Token | None = trigger
    if not _is_verb(trigger):
        verb, inherit = _noun_cues(trigger, cues)
        if verb is not None and not inherit:
            quiet = _Cues()  # climb only for the attribution: the noun's event came before
            _climb(verb, quiet)
            cues.said_by = quiet.said_by
            return cues.decide(), cues.said_by
    elif _nobody(trigger):
        cues.negated = True
    if verb is not None:
        _climb(verb, cues, skip_neg=verb is not trigger and _acting_subject(trigger, verb))
    return cues.decide(), cues.said_by


def refusal(trigger: Token) -> bool:
    """ "will not suspend", "won't release", "would never agree": a negated future act, which is a
    refusal (REJECT) rather than an event that did not happen."""
    verb = trigger if _is_verb(trigger) else _governor(trigger)[0]
    if verb is None or not any(c.dep_ == "neg" for c in verb.children):
        return False
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(modals & {"will", "wo", "would", "shall"})


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _governor(noun: Token) -> tuple[Token | None, bool]:
    """The verb a noun phrase belongs to, and whether the noun takes on that verb's modality: not
    when it tells an earlier event ("after the talks", "at the invitation of", "in response to
    a request")."""
    tok = noun
    prior = noun.lemma_.lower() in PRIOR_PREPS
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i:
            return None, not prior
        if tok.dep_ in ("relcl", "acl"):
            return None, not prior
        tok = tok.head
        if tok.lower_ in PRIOR_PREPS or tok.lemma_.lower() in PRIOR_PREPS:
            prior = True
        if _is_verb(tok):
            return tok, not prior
    return None, not prior


def _noun_cues(noun: Token, cues: _Cues) -> tuple[Token | None, bool]:
    for det in kids(noun, "det"):
        if det.lower_ in ("no", "neither"):
            cues.negated = True
    if noun.dep_ == "pobj" and noun.head.lower_ == "without":
        cues.negated = True
    for mod in kids(noun, "amod", "compound", "nmod"):
        cue = NOUN_CUES.get(mod.lower_)
        if cue is not None:
            _set(cues, cue)
    for clause in kids(noun, "relcl", "acl"):
        _verb_cues(clause, cues, own=True)
    verb, inherit = _governor(noun)
    top = noun
    while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ in ("NOUN", "NUM"):
        top = top.head.head  # "a round of talks", "two days of talks"
    if verb is not None and top.dep_ in ("nsubj", "nsubjpass"):
        for link in _chain_down(verb):
            _raising(link.head, cues, link)
            _verb_cues(link, cues, own=True)
    return verb, inherit


def _acting_subject(noun: Token, verb: Token) -> bool:
    """The event noun is what acts in its clause, and the verb says what it did, not whether it
    happened: "the attacks did not stop the protests" (they took place); but "the talks did not
    begin" denies them."""
    top = noun
    while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ in ("NOUN", "NUM"):
        top = top.head.head
    return (
        top.dep_ == "nsubj"
        and top.head.i == verb.i
        and verb.lemma_.lower() not in HAPPENING_VERBS
        and verb.lemma_.lower() not in NEGATING_RAISERS
    )


def _set(cues: _Cues, value: Factuality) -> None:
    if value is Factuality.NEGATED:
        cues.negated = True
    elif value is Factuality.REPORTED:
        cues.reported = True
    elif value is Factuality.HYPOTHETICAL:
        cues.hypothetical = True
    elif value is Factuality.PLANNED:
        cues.planned = True


def _chain_down(verb: Token) -> list[Token]:
    """``verb`` and its infinitive complements: "is" -> "due" -> "take"."""
    out, tok = [], verb
    for _ in range(MAX_CLIMB):
        nxt = kids(tok, "xcomp", "acomp")
        if not nxt:
            break
        tok = nxt[0]
        out.append(tok)
    return out


def _climb(verb: Token, cues: _Cues, *, skip_neg: bool = False) -> None:
    """Collect cues from ``verb`` up through its governing clauses to the attribution.
    ``skip_neg``: a "not" on ``verb`` itself does not deny the event."""
    tok, own = verb, True
    for _ in range(MAX_CLIMB):
        _verb_cues(tok, cues, own=own, skip_neg=skip_neg)
        own, skip_neg = False, False
        dep, parent = tok.dep_, tok.head
        if parent.i == tok.i:
            return
        if dep in ("xcomp", "acomp"):
            _raising(parent, cues, tok)
        elif dep in ("ccomp", "parataxis") or (dep == "advcl" and _attributes(parent)):
            if _attribution(parent, cues):
                return
            skip_neg = parent.lemma_.lower() in FACTIVE_VERBS  # "didn't realise they were hit"
        elif dep == "conj":
            skip_neg = True
        elif dep == "advcl":
            pass
        elif dep not in ("pcomp", "pobj", "prep", "dobj"):
            return
        if dep == "pcomp" and _looked_forward(parent):
            cues.planned = True  # "looked forward to visiting Kenya": not yet
        tok = parent
        while not _is_verb(tok) and tok.head.i != tok.i and not _attributes(tok):
            tok = tok.head


def _looked_forward(prep: Token) -> bool:
    """ "(look) forward to" + a gerund: what one looks forward to is still to come."""
    if prep.lower_ != "to":
        return False
    head = prep.head
    return head.lower_ == "forward" or any(k.lower_ == "forward" for k in kids(head, "advmod"))


def _raising(parent: Token, cues: _Cues, clause: Token) -> None:
    """ "is due to", "is believed to have", "failed to": the verb or adjective above."""
    lemma = parent.lemma_.lower()
    if lemma in NEGATING_RAISERS:
        cues.negated = True
    elif lemma in REPORTED_RAISERS and (is_passive(parent) or lemma in ("seem", "appear")):
        cues.reported = True
    elif lemma == "expect":  # "analysts expect X to", but "X is expected to" is planned
        cues.hypothetical = cues.hypothetical or not is_passive(parent)
        cues.planned = cues.planned or is_passive(parent)
    elif lemma in PLANNED_RAISERS or (lemma == "be" and kids(parent, "xcomp")):
        cues.planned = True
    elif lemma in HYPOTHETICAL_RAISERS or _obliged(parent, clause):
        cues.hypothetical = True


def _obliged(parent: Token, clause: Token) -> bool:
    """ "needs to resign", "has to withdraw", "is required to disarm": an obligation ``parent``
    puts on the infinitive ``clause``, in the present ("had to", "was required to": past, and
    usually done; "have supported" misread as a complement: no "to")."""
    if parent.lemma_.lower() not in OBLIGATION_RAISERS:
        return False
    if not any(a.lower_ == "to" for a in kids(clause, "aux")):
        return False
    return parent.tag_ != "VBD" and not any(a.tag_ == "VBD" for a in kids(parent, "aux", "auxpass"))


def _modal(low: str, cues: _Cues) -> None:
    if low in PLANNED_MODALS:
        cues.planned = True
    elif low in ("would", "'d"):
        cues.would = True
    elif low in HYPOTHETICAL_MODALS:
        cues.hypothetical = True


def _conditional(clause: Token) -> bool:
    """ "if ...", "unless ...": a condition on the clause it hangs from (not the question of a
    verb of asking or telling: "to tell the world if Buhari was the leader")."""
    return any(m.lower_ in CONDITIONAL_MARKS and not _asked(m) for m in kids(clause, "mark"))


# Verbs whose "if"/"whether" clause is the question asked, not a condition.
ASKING_VERBS = _words(
    "ask tell know see wonder check decide determine say learn find show clarify confirm "
    "explain investigate judge question doubt verify assess establish inquire enquire"
)


def _asked(mark: Token) -> bool:
    """ "asked if", "tell the world if", "know whether": the mark opens an embedded question."""
    if mark.i == 0:
        return False
    before = mark.doc[mark.i - 1]
    if before.lemma_.lower() in ASKING_VERBS:
        return True
    return before.dep_ in ("dobj", "dative") and before.head.lemma_.lower() in ASKING_VERBS


def _hedge(child: Token) -> bool:
    """ "possibly", "perhaps"; "if" on the clause itself or on a clause beside it ("If talks
    fail, Peru will recall its ambassador")."""
    low, dep = child.lower_, child.dep_
    if dep == "advmod":
        return low in HYPOTHETICAL_ADVERBS
    if dep == "mark":  # its own clause is a condition or a question: neither asserts it
        return low in CONDITIONAL_MARKS
    return dep == "advcl" and _conditional(child) and not _pledged_condition(child)


# Acts that state what will follow on a condition: the condition is what they say, they are
# made all the same ("warned Iraq of strikes if it does not back down").
PLEDGING_VERBS = _words("threaten warn vow pledge promise offer")


def _pledged_condition(clause: Token) -> bool:
    """A condition after a threat, warning or promise ("threatened sanctions if Peru refuses"):
    part of what is threatened or promised; one before it ("If talks fail, Peru will threaten
    sanctions") makes the threat itself conditional."""
    verb = clause.head
    return verb.lemma_.lower() in PLEDGING_VERBS and clause.i > verb.i


def _verb_cues(verb: Token, cues: _Cues, *, own: bool, skip_neg: bool = False) -> None:
    """Cues on one verb: modals, negation, hedging adverbs, conditions, attributions, dates."""
    for child in verb.children:
        low, dep = child.lower_, child.dep_
        if dep == "aux":
            _modal(low, cues)
        elif dep == "neg" and not skip_neg:
            cues.negated = True
        elif dep == "advmod" and low in REPORTED_ADVERBS:
            cues.reported = True
        elif _hedge(child):
            cues.hypothetical = True
            cues.condition = cues.condition or (own and dep == "mark")
        elif dep == "prep" and child.lemma_ == "accord":
            _according(child, cues)
        if dep in ("npadvmod", "prep", "advmod") and _future_time(child):
            cues.future_time = True
    if own and (is_past(verb) or _passive_past(verb)):
        cues.past = True


def _passive_past(verb: Token) -> bool:
    """ "were shot", "was killed": a past passive (``is_past`` counts only "has been")."""
    verbs = (verb, verb.head) if verb.dep_ == "conj" else (verb,)  # "were shot or stabbed"
    return verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ == "VBD" for v in verbs for c in v.children
    )


def _nobody(verb: Token) -> bool:
    """ "Nobody complained", "no one was hurt", "no country objected": the subject denies it."""
    for subj in kids(verb, "nsubj", "nsubjpass"):
        if subj.lower_ in NOBODY_WORDS:
            return True
        if any(d.lower_ == "no" for d in kids(subj, "det")):
            return True
    return False


def _future_time(token: Token) -> bool:
    columns = columns_of(token)
    if columns is not None:
        types, lowers = columns.ent_types, columns.lowers
        return any(
            types[i] in ("DATE", "TIME") and lowers[i] in FUTURE_WORDS for i in subtree_ids(token)
        )
    return any(in_entity(t, "DATE", "TIME") and t.lower_ in FUTURE_WORDS for t in token.subtree)


def _according(prep: Token, cues: _Cues) -> None:
    """ "according to X": X is the source; unconfirmed reports make the event reported."""
    for inner in kids(prep, "prep"):
        for obj in kids(inner, "pobj"):
            if cues.said_by is None:
                cues.said_by = phrase_span(obj)
            if any(t.lower_ in UNCONFIRMED for t in obj.subtree):
                cues.reported = True


def _attributes(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or lemma in DOUBT_ADJECTIVES


def _speaker(verb: Token) -> Token | None:
    tok = verb
    if verb.pos_ == "ADJ":  # "analysts are sceptical that ..."
        tok = verb.head
    for _ in range(3):
        subj = kids(tok, "nsubj")
        if subj:
            return subj[0]
        if tok.dep_ != "conj":
            return None
        tok = tok.head
    return None


def _attribution(verb: Token, cues: _Cues) -> bool:
    """A speech or cognition verb governs the clause: record the speaker and its hedges."""
    if not _attributes(verb):
        return False
    lemma = verb.lemma_.lower()
    cues.speech = True
    speaker = _speaker(verb)
    if speaker is not None and speaker.lower_ not in ("who", "that", "which"):
        cues.said_by = phrase_span(speaker) or cues.said_by
        if speaker.lemma_.lower() in HEDGE_SPEAKERS:
            cues.opinion = True
    if lemma in COGNITION_VERBS or lemma in DOUBT_ADJECTIVES:
        cues.opinion = cues.opinion or not is_passive(verb)
        cues.reported = cues.reported or is_passive(verb)
    if lemma in HEDGED_SPEECH or any(c.dep_ == "neg" for c in verb.children):
        cues.reported = True
    if is_passive(verb) and lemma in REPORTED_RAISERS:
        cues.reported = True
    return True
