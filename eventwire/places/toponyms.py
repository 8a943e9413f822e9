"""Toponym recognition: the place names of a parsed article, with the cues resolution needs.

A toponym is a GPE, LOC or FAC entity. Each carries what the text says around it: a qualifier
("Springfield, Illinois", "Paris, Texas"), for a facility the place names inside it ("Beijing's
North Railway Station", "Pyongyang station"), whether it is used as an actor ("Beijing said"),
the enumeration it is one of ("Utah, Washington and Wyoming") and the kind of place the words
around it say it is ("Washington state").
Definite descriptions that point back to a place ("the capital", "the country", "the North Korean
capital") are recognised too, as anaphors to be resolved against the places before them.
Pure: a ``Doc`` in, records out.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from eventwire.models import ActorMention, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})  # NORP: demonyms, kept if they resolve
ANAPHOR_NOUNS = frozenset({"capital", "country", "city", "nation", "town"})
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
# Words that name a kind of facility; a facility's other capitalised words may be a place.
# Facilities that usually carry the name of their town ("Pyongyang station", "Namanga
# crossing"), and those named after people, events or themselves ("Sukhbaatar Square", "the
# Great Hall of the People", "Dublin Road"), whose inner names say nothing of where they are.
TOWN_NAMED = frozenset(
    {
        "station", "airport", "port", "harbour", "harbor", "base", "camp", "crossing", "border",
        "checkpoint", "terminal", "airbase", "prison", "barracks",
    }
)  # fmt: skip
FACILITY_WORDS = TOWN_NAMED | frozenset(
    {
        "hall", "house", "palace", "square", "bridge", "hotel", "stadium", "embassy", "consulate",
        "hospital", "university", "school", "street", "road", "avenue", "park", "museum", "tower",
        "centre", "center", "building", "gate", "market", "church", "mosque", "temple",
        "cathedral", "parliament",
    }
)  # fmt: skip


ROAD_WORDS = frozenset({"road", "street", "avenue", "highway", "boulevard", "lane", "drive"})
NAMED_AFTER = ROAD_WORDS | {"square", "bridge"}  # named after people and other places
STREET_WORDS = ROAD_WORDS | {"st", "ave", "rd", "blvd", "ln", "hwy", "pkwy"}  # "S. Locust St."
LOCATIVE_WORDS = frozenset(
    {"in", "near", "from", "to", "at", "outside", "of", "across", "throughout", "into", "around"}
)
# Labels the small English model often gives a town in local news ("in Alexandria" as PERSON).
MISLABELS = frozenset({"PERSON", "ORG"})
# What a town's name modifies in local news where a country's would take its adjective: its
# people ("a Lebanon woman", not "a Lebanese woman") and its schools and councils ("the Jordan
# middle school", "Palestine Independent School District", "Athens City Council").
LOCAL_NOUNS = frozenset(
    {"woman", "man", "girl", "boy", "teen", "teenager", "resident", "native", "couple", "school"}
    | {"township"}
)
LOCAL_PAIRS = frozenset(
    {("city", "council"), ("town", "council"), ("village", "council"), ("school", "district")}
    | {("school", "board"), ("police", "department"), ("fire", "department")}
)


# Words next to a name that say what kind of place it is: "Washington state", "the state of
# Washington", "the city of Sao Paulo" (lower case: "Ohio State" is a university).
REGION_WORDS = frozenset({"state", "province", "region"})
REGION_AFTER = frozenset({"state", "province"})
TOWN_WORDS = frozenset({"city", "town", "village"})
REGION_KINDS = ("admin1", "admin2", "region")
LIST_WORDS = frozenset({",", "and", "or"})  # what separates the names of an enumeration


WATCHED = FACILITY_WORDS | ANAPHOR_NOUNS  # the nouns the token-level passes look at


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name as the text gives it.

    ``name`` is what to look up (no leading "the", no possessive); ``label`` is the entity label,
    or ``ANAPHOR`` for "the capital"; ``qualifier`` is the region or country written after a
    comma; ``inner`` lists candidate place names inside a facility name, longest first;
    ``anaphor_country`` is the country word of "the North Korean capital".
    """

    span: TextSpan
    name: str
    label: str
    sentence: int
    qualifier: str | None = None
    inner: tuple[str, ...] = ()
    agent: bool = False
    anaphor_country: str | None = None
    weak: bool = False  # recovered from a PERSON/ORG entity after "in"/"near"/...: keep if known
    embedded: bool = False  # the place an organisation is named after ("Gainesville Police")
    local: bool = False  # names a town's people or bodies ("a Lebanon woman", "Jordan school")
    within: str | None = None  # the town it is said to lie in ("Hampton Park in Charleston")
    part: tuple[str, ...] = ()  # the kinds of place ``name`` may be, a part of it written
    # ("North Texas": any; "Sichuan province": a region): set by resolution, not recognition
    kinds: tuple[str, ...] = ()  # what the words around it say it is ("the state of Washington")
    group: int | None = None  # where the enumeration it is one of begins ("Utah, Washington and
    # Wyoming"): the character offset of its first name

    @property
    def is_facility(self) -> bool:
        return self.label == "FAC" or (
            self.label == "LOC" and self.name.split()[-1].lower() in FACILITY_WORDS
        )


def find_toponyms(doc: Doc, actors: tuple[ActorMention, ...] = ()) -> list[Toponym]:
    """Every toponym and place anaphor of ``doc``, in text order."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    starts = sorted(sent_index)
    agents = {(m.span.start, m.span.end) for m in actors}
    every = doc.ents  # spaCy builds the spans anew on each access
    ents = [e for e in every if e.label_ in PLACE_LABELS]
    found: list[Toponym] = [
        t for e in every if (t := _mislabelled(e, starts, sent_index)) is not None
    ]
    for e in every:
        found.extend(_embedded(e, starts, sent_index))
    groups = _enumerations(ents)
    for i, ent in enumerate(ents):
        sentence = _sentence_of(starts, sent_index, ent.start)
        qualifier = None
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and _comma_between(doc, ent, nxt) and ent.label_ == "GPE":
            qualifier = _clean(nxt)  # "Springfield, Illinois": the region qualifies the town
        elif ent.label_ in ("FAC", "LOC"):
            qualifier = _place_after(doc, ent.end, ents)
        within = _town_after(ent, ents) if ent.label_ == "GPE" and qualifier is None else None
        found.extend(
            _from_entity(
                ent,
                sentence,
                qualifier,
                agents,
                within,
                kinds=_said_kinds(ent),
                group=groups.get(i),
            )
        )
    nouns = [doc[i] for i in _watched(doc)]
    found.extend(_facilities(nouns, starts, sent_index, ents))
    found.extend(_anaphors(nouns, starts, sent_index, {t.span.start for t in found}))
    found.sort(key=lambda t: t.span.start)
    return found


def _watched(doc: Doc) -> list[int]:
    """The indices of the tokens whose lower case is one of ``WATCHED``, read from the lower-case
    column: one pass over the words, building no ``Token``."""
    ids: list[int] = doc.to_array("LOWER").tolist()
    strings = doc.vocab.strings
    watched = {key for key in set(ids) if strings[key] in WATCHED}
    return [i for i, key in enumerate(ids) if key in watched]


def _mislabelled(ent: Span, starts: list[int], sent_index: dict[int, int]) -> Toponym | None:
    """A one- or two-word PERSON/ORG entity right after a locative preposition ("shot in
    Alexandria", "schools near Dublin"): possibly a town; resolution keeps it only if known."""
    if ent.label_ not in MISLABELS or ent.start == 0 or len(ent) > 2:
        return None
    prev = ent.doc[ent.start - 1]
    if prev.lower_ not in LOCATIVE_WORDS or prev.dep_ != "prep":
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
        return None
    span = TextSpan(ent.start_char, ent.end_char, ent.text)
    sentence = _sentence_of(starts, sent_index, ent.start)
    return Toponym(span, ent.text, "GPE", sentence, weak=True)


def _embedded(ent: Span, starts: list[int], sent_index: dict[int, int]) -> list[Toponym]:
    """The place an organisation is named after: the capitalised words that open its name
    ("Gainesville Police", "the Georgia Environmental Protection Division"), as one- and
    two-word candidates; resolution keeps one only for a well-known place named so exactly."""
    tokens = [t for t in ent if t.lower_ != "the"]
    if ent.label_ != "ORG" or len(tokens) < 2:
        return []
    run = []
    for tok in tokens[:-1]:  # something must remain to be the organisation
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            break
        run.append(tok)
    sentence = _sentence_of(starts, sent_index, ent.start)
    local = _local(tokens)
    out = []
    for size in range(min(len(run), 2), 0, -1):
        span = ent.doc[run[0].i : run[size - 1].i + 1]
        where = TextSpan(span.start_char, span.end_char, span.text)
        out.append(
            Toponym(where, span.text, "GPE", sentence, weak=True, embedded=True, local=local)
        )
    return out


def _local(tokens: list[Token]) -> bool:
    """Words that say a town's people or bodies: one of ``LOCAL_NOUNS`` or ``LOCAL_PAIRS``."""
    words = [t.lemma_.lower() for t in tokens]
    return any(w in LOCAL_NOUNS for w in words) or any(
        pair in LOCAL_PAIRS for pair in pairwise(words)
    )


def _after_street(ent: Span) -> bool:
    """A name right after a street it lies on: an address ("400 S. Locust St., Lebanon") or
    "Francis Street in Charleston"; a street is placed by its town, not its country."""
    if ent.start < 2 or ent.doc[ent.start - 1].lower_ not in (",", "in"):
        return False
    return ent.doc[ent.start - 2].lower_.rstrip(".") in STREET_WORDS


def _modifies_local(ent: Span) -> bool:
    """A name written before a noun of its town's people or bodies, as a compound ("a Lebanon
    woman", "the Jordan middle school", "Dublin City Council")."""
    head = ent.root.head
    if ent.root.dep_ not in ("compound", "nmod") or head.i < ent.end:
        return False
    return _local(list(ent.doc[ent.end : head.i + 1])[-2:])


def _sentence_of(starts: list[int], index: dict[int, int], token_i: int) -> int:
    from bisect import bisect_right

    pos = bisect_right(starts, token_i) - 1
    return index[starts[max(pos, 0)]]


def _said_kinds(ent: Span) -> tuple[str, ...]:
    """The kinds of place the words right around a name say it is: a region ("Washington
    state", "the state of Washington", "Sichuan province") or a town ("the city of Sao
    Paulo"); none when they say nothing. A noun after the name that something else is "of"
    is not the name's ("the Hunan city of Yueyang"), and "the Charlotte region" is the area
    around a town."""
    doc = ent.doc
    after = doc[ent.end].text if ent.end < len(doc) else ""
    if ent.end + 1 < len(doc) and doc[ent.end + 1].lower_ == "of":
        after = ""
    before = doc[ent.start - 2].text if ent.start >= 2 and doc[ent.start - 1].text == "of" else ""
    if after in REGION_AFTER or before in REGION_WORDS:
        return REGION_KINDS
    if after == "city" or before in TOWN_WORDS:
        return ("city",)
    return ()


def _enumerations(ents: list[Span]) -> dict[int, int]:
    """The enumerations of place names ("Utah, Virginia, Washington and Wyoming"): names of
    places written one after the other with only commas, "and" or "or" between them, joined
    by "and" or "or" at least once or four names or more; "Stroud, Ontario, Canada" is one
    place. Maps the index in ``ents`` of each name of an enumeration to the character offset
    of its first."""
    chains: list[list[int]] = []
    joined: list[bool] = []
    for i, (a, b) in enumerate(pairwise(ents)):
        between = a.doc[a.end : b.start]
        if (
            {a.label_, b.label_} <= {"GPE", "LOC"}
            and 0 < len(between) <= 2
            and all(t.lower_ in LIST_WORDS for t in between)
        ):
            if not chains or chains[-1][-1] != i:
                chains.append([i])
                joined.append(False)
            chains[-1].append(i + 1)
            joined[-1] = joined[-1] or any(t.lower_ != "," for t in between)
    return {
        i: ents[chain[0]].start_char
        for chain, conjunction in zip(chains, joined, strict=True)
        if conjunction or len(chain) >= 4
        for i in chain
    }


def _comma_between(doc: Doc, a: Span, b: Span) -> bool:
    return b.start == a.end + 1 and doc[a.end].text == ","


def _clean(ent: Span) -> str:
    tokens = list(ent)
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and tokens[-1].text in ("'s", "’s", "'", "’"):
        tokens = tokens[:-1]
    if not tokens:
        return ent.text
    return ent.doc[tokens[0].i : tokens[-1].i + 1].text


def _from_entity(
    ent: Span,
    sentence: int,
    qualifier: str | None,
    agents: set[tuple[int, int]],
    within: str | None = None,
    *,
    kinds: tuple[str, ...] = (),
    group: int | None = None,
) -> list[Toponym]:
    text = _clean(ent)
    start = ent.start_char + ent.text.find(text) if text in ent.text else ent.start_char
    span = TextSpan(start, start + len(text), text)
    agent = (span.start, span.end) in agents and ent.root.dep_ in AGENT_DEPS
    if "," in text and ent.label_ == "GPE" and qualifier is None:
        head, _, tail = text.partition(",")  # one entity "Springfield, Illinois"
        if head.strip() and tail.strip():
            return [
                Toponym(
                    TextSpan(start, start + len(head), head),
                    head.strip(),
                    ent.label_,
                    sentence,
                    qualifier=tail.strip(),
                    agent=agent,
                    kinds=kinds,
                    group=group,
                )
            ]
    inner = _inner_names(ent) if ent.label_ in ("FAC", "LOC") else ()
    local = ent.label_ == "GPE" and (_modifies_local(ent) or _after_street(ent))
    return [
        Toponym(
            span,
            text,
            ent.label_,
            sentence,
            qualifier,
            inner,
            agent,
            local=local,
            within=within,
            kinds=kinds,
            group=group,
        )
    ]


def _town_after(ent: Span, ents: list[Span]) -> str | None:
    """The place a name is said to lie in: "Hampton Park in Charleston" (the "in" belongs to
    the name, not to the sentence: not "fighting in Aleppo in 2012")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "in" or doc[ent.end].head != ent.root:
        return None
    for other in ents:
        if other.start == ent.end + 1 and other.label_ == "GPE":
            return _clean(other)
    return None


def _inner_names(ent: Span) -> tuple[str, ...]:
    """Capitalised runs inside a facility name that could be places: "Beijing" in "Beijing's
    North Railway Station", "Pyongyang" in "Pyongyang station"; longest first. Roads are named
    after the places they lead to ("Dublin Road") and squares after people: those have none."""
    if ent[-1].lower_ in NAMED_AFTER:
        return ()
    runs: list[list[Token]] = []
    current: list[Token] = []
    for tok in ent:
        if tok.text[:1].isupper() and tok.lower_ not in FACILITY_WORDS and tok.lower_ != "the":
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    names = []
    for run in runs:
        for size in range(len(run), 0, -1):
            for k in range(len(run) - size + 1):
                part = run[k : k + size]
                names.append(ent.doc[part[0].i : part[-1].i + 1].text)
    whole = _clean(ent)
    return tuple(n for n in dict.fromkeys(names) if n != whole)


def _facilities(
    nouns: list[Token], starts: list[int], sent_index: dict[int, int], ents: list[Span]
) -> list[Toponym]:
    """Named facilities the entity recogniser missed: a facility word with capitalised words
    before it ("Atocha Station", "Pyongyang station", "Madrid's Atocha Station")."""
    covered = {i for e in ents if e.label_ != "NORP" for i in range(e.start, e.end)}
    out = []
    for tok in nouns:
        doc = tok.doc
        if (
            tok.lower_ not in FACILITY_WORDS
            or tok.i in covered
            or tok.pos_ not in ("NOUN", "PROPN")
        ):
            continue
        first = tok.i
        while first > 0:
            prev = doc[first - 1]
            if prev.text in ("'s", "’s") or (prev.text[:1].isupper() and prev.pos_ == "PROPN"):
                first -= 1
            else:
                break
        while first < tok.i and doc[first].text in ("'s", "’s"):
            first += 1
        if first == tok.i:
            continue
        span = doc[first : tok.i + 1]
        text = span.text
        sentence = _sentence_of(starts, sent_index, tok.i)
        out.append(
            Toponym(
                TextSpan(span.start_char, span.end_char, text),
                text,
                "FAC",
                sentence,
                qualifier=_place_after(doc, tok.i + 1, ents),
                inner=_inner_names(span),
            )
        )
    return out


def _place_after(doc: Doc, i: int, ents: list[Span]) -> str | None:
    """The town of a facility written right after it: "the La Moneda palace in Santiago"."""
    if i + 1 >= len(doc) or doc[i].lower_ not in ("in", "at", "near"):
        return None
    for ent in ents:
        if ent.start == i + 1 and ent.label_ == "GPE":
            return _clean(ent)
    return None


def _anaphors(
    nouns: list[Token], starts: list[int], sent_index: dict[int, int], taken: set[int]
) -> list[Toponym]:
    """ "the capital", "the country", "the North Korean capital": a definite noun naming a kind
    of place, with no name of its own."""
    out = []
    for tok in nouns:
        doc = tok.doc
        lemma = tok.lemma_.lower()
        if (lemma not in ANAPHOR_NOUNS and lemma not in FACILITY_WORDS) or tok.idx in taken:
            continue
        if tok.pos_ != "NOUN":
            continue
        if tok.tag_ not in ("NN",):
            continue
        kids = list(tok.children)
        if not any(k.dep_ == "det" and k.lower_ == "the" for k in kids):
            continue
        if any(k.dep_ in ("prep", "relcl", "acl") for k in kids):
            continue  # "the city of Aleppo", "the country that ..." name their referent
        country = None
        for k in kids:
            if k.dep_ in ("amod", "compound") and (
                k.ent_type_ in ("NORP", "GPE") or k.pos_ == "PROPN"
            ):
                span = doc[k.left_edge.i : k.i + 1]
                country = span.text
            elif k.dep_ in ("amod", "compound"):
                break
        else:
            sentence = _sentence_of(starts, sent_index, tok.i)
            first = tok.left_edge
            text = doc[first.i : tok.i + 1].text
            out.append(
                Toponym(
                    TextSpan(first.idx, tok.idx + len(tok.text), text),
                    tok.lemma_.lower(),
                    "ANAPHOR",
                    sentence,
                    anaphor_country=country,
                )
            )
    return out
