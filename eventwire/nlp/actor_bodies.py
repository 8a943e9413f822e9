"""Bodies named again: by the last word of their name, or by a common noun ("the alliance").

"The Commission", "the Mission" that the recogniser took for a body of its own are the body named
before whose name ends in that word ("Kenya's Independent Electoral and Boundaries Commission";
``short_names``).

Once a report has named an organisation ("NATO", "the International Court of Justice", "Kenya's
Electoral Commission"), it goes on calling it by a noun of what it is: "the western military
alliance invited ...", "the world body condemned ...", "the court ruled ...". Such a phrase is
the latest body named before it that the noun describes:

- the nouns the actor table gives an institution (``described_as``: NATO is "the alliance" and
  "the bloc", the UN "the world body", the IMF "the lender");
- for any body, the last word of its name when it says what kind of body it is ("Supreme Court":
  "the court"; "Social Democratic Party": "the party").

The phrase must be "the" with at most adjectives and numbers before its noun ("the 16-nation
bloc", "the western alliance"): a noun or name before it ("the opposition alliance", "the Arab
bloc"), a possessor ("Hun Sen's party"), an "of" phrase after it ("the council of ministers") or
a plural make it another body. A two-word description ("world body", "nuclear watchdog") needs
its first word before the noun. Nothing is looked up after the phrase: a body not yet named is
left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventwire.models import Actor, ActorKind
from eventwire.nlp.actor_cues import Cues, TokenMention

# Last words of a body's name that say what kind of body it is.
BODY_HEADS = frozenset(
    {"council", "court", "commission", "committee", "agency", "fund", "bank", "organization"}
    | {"organisation", "union", "assembly", "parliament", "party", "ministry", "alliance", "bloc"}
    | {"league", "tribunal", "movement", "congress", "senate", "authority", "board", "cartel"}
    | {"federation", "association", "coalition", "company", "corporation", "forum", "institute"}
    | {"foundation", "group"}
)
# Not among them: "the army" of a report is the state's, not a named rebel army ("Free Syrian
# Army"); "the front" and "the community" are mostly no body at all.
# What may stand between "the" and the noun: adjectives, numbers, "16-nation".
DESCRIBING_DEPS = frozenset({"amod", "nummod", "advmod", "quantmod"})
SINGULAR_TAGS = frozenset({"NN"})


def last_word(actor: Actor) -> str | None:
    """The last word of a body's name of two words or more, casefolded ("commission")."""
    words = actor.name.split()
    return words[-1].casefold() if len(words) > 1 else None


def short_names(found: list[TokenMention]) -> None:
    """A body taken alone by the last word of a name given before ("The Commission") is that
    body; ``found`` in text order, changed in place."""
    bodies: dict[str, Actor] = {}  # last word -> the latest body so named
    for i, mention in enumerate(found):
        actor = mention.actor
        if actor.kind is not ActorKind.ORGANIZATION:
            continue
        if (last := last_word(actor)) is not None:
            bodies[last] = actor
        elif (earlier := bodies.get(actor.name.casefold())) is not None:
            found[i] = TokenMention(mention.start, mention.end, earlier)


def descriptions(actor: Actor, table_descriptions: Iterable[str]) -> frozenset[str]:
    """The nouns (or two-word phrases) a body is called by once named."""
    last = last_word(actor)
    own = {last} if last in BODY_HEADS else set()
    return frozenset(own | {d.casefold() for d in table_descriptions})


def described_bodies(
    cues: Cues, found: Iterable[TokenMention], claimed: set[int]
) -> list[TokenMention]:
    """Mentions of bodies named again by a common noun (see the module docstring); the tokens
    of each new mention are added to ``claimed``."""
    bodies = sorted(
        (m for m in found if m.actor.kind is ActorKind.ORGANIZATION), key=lambda m: m.start
    )
    if not bodies:
        return []
    table = cues.table.descriptions
    known = [(m.end, m.actor, descriptions(m.actor, table.get(m.actor.id, ()))) for m in bodies]
    nouns = {word.split()[-1] for _, _, described in known for word in described}
    out: list[TokenMention] = []
    for i, lower in enumerate(cues.lowers):
        if lower not in nouns or i in claimed or cues.tags[i] not in SINGULAR_TAGS:
            continue
        start, phrases = _phrase(cues, i)
        if start is None:
            continue
        before = [(actor, described) for end, actor, described in known if end <= start]
        for actor, described in reversed(before):
            if not described.isdisjoint(phrases):
                out.append(TokenMention(start, i + 1, actor))
                claimed.update(range(start, i + 1))
                break
    return out


def _phrase(cues: Cues, i: int) -> tuple[int | None, tuple[str, ...]]:
    """Where the definite phrase headed by noun ``i`` starts, and the descriptions it may be:
    "<word> <noun>" for the word just before the noun ("world body", "western alliance"), and
    the noun alone unless that word is a noun or a name ("the opposition alliance" is no
    alliance named before). ``None`` when the phrase is no definite description."""
    token = cues.doc[i]
    lower = cues.lowers[i]
    start: int | None = None
    phrases = [lower]
    for child in token.children:
        dep = child.dep_
        if dep == "det":
            if child.lower_ != "the" or child.i > i:
                return None, ()
            start = child.i
        elif dep in ("poss", "appos") or (dep == "prep" and child.lower_ == "of"):
            return None, ()
        elif dep == "compound" and any(c.dep_ == "nummod" for c in child.children):
            continue  # "the 16-nation bloc"
        elif child.i == i - 1 and dep in ("compound", "amod"):
            phrases.append(f"{child.lower_} {lower}")
            if dep == "compound":
                phrases.remove(lower)
        elif child.i < i and dep not in DESCRIBING_DEPS and not cues.puncts[child.i]:
            return None, ()
    if start is None or any(cues.pos[k] == "PROPN" for k in range(start + 1, i)):
        return None, ()
    return start, tuple(phrases)
