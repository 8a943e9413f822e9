"""Timelines: fused events in date order, each with a short description, its sources and flags.

An entry's date is shown at the precision the reports support: ``2019-02-27``,
``2019-02-27–28`` (a range), ``week 8 of 2019``, ``June 2018``, ``2018``. Events are ordered by
the first day their date covers, then the last (a day comes before the month it opens). Undated
events are kept, not dropped: they come last, labelled ``undated``, in the order they were first
reported (pass ``undated=False`` to leave them out).

Factuality is marked, never folded into the text: ``planned``, ``negated``, ``reported``,
``hypothetical``, or ``planned earlier, then happened`` for an asserted event that reports had
announced. A negated event reads as what did not happen: "no agreement: A – B (Place)".
Disagreements between reports (``Conflict``) are shown with each entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.link.fusion import Conflict, FusedEvent, fuse
from eventwire.models import Actor, ActorKind, Event, Factuality, Place, date_interval
from eventwire.store.events import StoredEvent

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MAX_SENTENCE = 300  # characters of a quoted sentence
UNKNOWN = "(unknown)"

VERBS = {  # type -> (phrase with its actor, phrase of a symmetric pair, noun for "no ...:")
    "AGREE": ("agrees with", "reach an agreement", "agreement"),
    "SUPPORT": ("supports", "back each other", "support"),
    "CONCEDE": ("concedes to", "make concessions", "concession"),
    "COOPERATE": ("cooperates with", "cooperate", "cooperation"),
    "AID": ("aids", "aid each other", "aid"),
    "RETREAT": ("yields to", "step back", "retreat"),
    "REQUEST": ("asks", "ask each other", "request"),
    "ACCUSE": ("accuses", "accuse each other", "accusation"),
    "REJECT": ("rejects", "reject each other", "rejection"),
    "THREATEN": ("threatens", "threaten each other", "threat"),
    "PROTEST": ("protests against", "protest", "protest"),
    "SANCTION": ("sanctions", "sanction each other", "sanction"),
    "MOBILIZE": ("mobilizes against", "mobilize", "mobilization"),
    "COERCE": ("coerces", "coerce each other", "coercion"),
    "ASSAULT": ("attacks", "fight", "attack"),
}
CONSULT = {  # mode -> (phrase with its actor, phrase of a pair, noun)
    "visit": ("visits", "visit", "visit"),
    "meet": ("meets", "meet", "meeting"),
    "phone": ("calls", "speak by phone", "call"),
}
ALONE = {"meet": "holds talks", "phone": "makes a phone call"}  # CONSULT with no target
PREPOSITIONS = frozenset({"against", "with", "to", "from"})
MODES = {  # (type, mode) -> phrase with its actor, where the mode says more than the type
    ("AGREE", "invite"): "invites",
    ("ACCUSE", "disapprove"): "criticizes",
    ("ACCUSE", "investigate"): "investigates",
    ("COERCE", "arrest"): "arrests",
    ("COERCE", "ban"): "bans",
    ("COERCE", "deport"): "deports",
    ("COERCE", "seize"): "seizes",
    ("PROTEST", "demo"): "demonstrates against",
    ("PROTEST", "boycott"): "boycotts",
    ("PROTEST", "strike"): "strikes against",
    ("RETREAT", "release"): "releases",
    ("RETREAT", "resign"): "resigns",
    ("RETREAT", "withdraw"): "withdraws from",
    ("RETREAT", "disarm"): "disarms",
    ("SANCTION", "expel"): "expels",
    ("MOBILIZE", "troops"): "deploys troops against",
}


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One report behind an entry, with the sentence that states the event."""

    article_source: str
    url: str | None
    outlet: str | None
    published: dt.date | None
    sentence: str  # whitespace collapsed, shortened to MAX_SENTENCE characters
    factuality: Factuality


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a timeline: a fused event with its date label, description and flags."""

    event: FusedEvent
    when: str  # "2019-02-27", "2019-02-27–28", "week 8 of 2019", "June 2018", "2018", "undated"
    text: str  # "Kim Jong Un visits China (Beijing)"
    status: str  # "" for asserted, else planned, negated, reported, hypothetical, or
    # "planned earlier, then happened"
    links: tuple[SourceLink, ...]  # one per report, in the order they were published

    @property
    def sources(self) -> int:
        return self.event.articles


def timeline(fused: Sequence[FusedEvent], *, undated: bool = True) -> list[TimelineEntry]:
    """Fused events as timeline entries in date order; undated ones last (or left out)."""
    entries = [_entry(f) for f in fused if undated or f.date is not None]
    entries.sort(key=_order)
    return entries


def _order(entry: TimelineEntry) -> tuple[int, dt.date, dt.date, str, str]:
    f = entry.event
    interval = f.interval
    if interval is not None:
        return 0, interval[0], interval[1], entry.text, f.id
    first_report = min((s.published for s in f.evidence if s.published), default=dt.date.max)
    return 1, first_report, dt.date.max, entry.text, f.id


def _entry(f: FusedEvent) -> TimelineEntry:
    return TimelineEntry(
        event=f,
        when=when_label(f.date, f.date_precision),
        text=describe(f),
        status=status(f),
        links=_links(f.evidence),
    )


def when_label(date: str | None, precision: str | None = None) -> str:
    """A date value as people write it, at its precision (see the module docstring)."""
    if date is None:
        return "undated"
    try:
        first, last = date_interval(date)
    except ValueError:
        return date
    if (precision == "week" or "-W" in date) and (last - first).days == 6:
        year, week, _ = first.isocalendar()
        return f"week {week} of {year}"
    return _days_label(first, last)


def _days_label(first: dt.date, last: dt.date) -> str:
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    one_month = (first.year, first.month) == (last.year, last.month)
    if one_month and first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
        return f"{MONTHS[first.month - 1]} {first.year}"
    if one_month:
        return f"{first.isoformat()}–{last.day:02d}"
    if first.year == last.year:
        return f"{first.isoformat()}–{last:%m-%d}"
    return f"{first.isoformat()}–{last.isoformat()}"


def status(f: FusedEvent) -> str:
    """How sure the reports are: "" (it happened), planned, negated, reported, hypothetical."""
    if f.factuality is Factuality.ASSERTED:
        return "planned earlier, then happened" if f.was_planned else ""
    if f.factuality is Factuality.REPORTED and f.was_planned:
        return "planned earlier, then reported to have happened"
    return f.factuality.value


def _name(actor: Actor | None) -> str:
    return actor.name if actor is not None else UNKNOWN


def _where(place: Place | None, facility: str | None) -> str | None:
    if place is None:
        return facility
    return f"{facility}, {place.name}" if facility else place.name


def headline(events: Sequence[StoredEvent]) -> str | None:
    """What a story is about in one clause: its event told by the most reports, then one with
    both sides named, then with named actors rather than groups ("analysts"), then by the most
    mentions, asserted before planned or speculated, the earliest in its report; described.
    None when no event names an actor."""
    told = [
        f
        for f in fuse(_most_told(events))
        if f.factuality is not Factuality.NEGATED and (f.source or f.target)
    ]
    if not told:
        return None
    key = min(
        told,
        key=lambda f: (
            -f.articles,
            f.source is None or f.target is None,
            sum(a is not None and a.kind is ActorKind.GROUP for a in (f.source, f.target)),
            -f.mentions,
            f.factuality is not Factuality.ASSERTED,
            min(s.event.sentence.start for s in f.evidence),
            f.id,
        ),
    )
    text = describe(key)
    return f"{text} ({key.factuality.value})" if key.factuality is Factuality.PLANNED else text


HEADLINE_CANDIDATES = 5  # kinds of event, by reports telling them, that are fused for a headline


def _most_told(events: Sequence[StoredEvent]) -> list[StoredEvent]:
    """The mentions of the few kinds of event (type, mode, actors) the most reports tell: fusing
    only those keeps a headline cheap for a story of many reports."""
    kinds = [(s, _kind(s.event)) for s in events]
    reports: dict[tuple[object, ...], set[str]] = {}
    for s, kind in kinds:
        if kind is not None:
            reports.setdefault(kind, set()).add(s.event.article_id)
    keep = set(sorted(reports, key=lambda k: -len(reports[k]))[:HEADLINE_CANDIDATES])
    return [s for s, kind in kinds if kind in keep]


def _kind(e: Event) -> tuple[object, ...] | None:
    named = e.named_only()
    sides = frozenset(m.actor.id for m in (named.source, named.target) if m is not None)
    if not sides or e.factuality is Factuality.NEGATED:
        return None
    return e.code.type, e.code.mode, sides


def describe(f: FusedEvent) -> str:
    """A short description from actors, type, mode and place."""
    where = _where(f.place, f.facility)
    if f.factuality is Factuality.NEGATED:
        if f.type == "CONSULT" and f.mode in CONSULT:
            noun = CONSULT[f.mode][2]
        else:
            noun = VERBS.get(f.type, ("", "", f.type.lower()))[2]
            noun += f" ({f.mode})" if f.mode else ""
        who = " – ".join(_name(a) for a in (f.source, f.target) if a is not None) or UNKNOWN
        return f"no {noun}: {who}" + (f" ({where})" if where else "")
    if f.type == "CONSULT" and f.mode == "visit":
        return _visit(f, where)
    return _clause(f) + (f" in {where}" if where else "")


def _clause(f: FusedEvent) -> str:
    source = _name(f.source)
    if f.type == "CONSULT":
        if f.target is None:
            return f"{source} {_verb(ALONE.get(f.mode or '', 'consults'), f.source)}"
        single, pair, _ = CONSULT.get(f.mode or "", ("consults", "consult", "consultation"))
    else:
        single, pair, _ = VERBS.get(f.type, (f.type.lower(), f.type.lower(), ""))
    suffix = ""
    if (f.type, f.mode) in MODES:
        single = MODES[(f.type, f.mode or "")]
    elif f.mode and f.type != "CONSULT":
        suffix = f" ({f.mode})"
    if f.target is not None and f.symmetric:
        return f"{source} and {f.target.name} {pair}{suffix}"
    if f.target is None:
        words = single.split(" ")
        single = " ".join(words[:-1] if words[-1] in PREPOSITIONS else words)
        return f"{source} {_verb(single, f.source)}{suffix}"
    return f"{source} {_verb(single, f.source)} {f.target.name}{suffix}"


def _verb(phrase: str, actor: Actor | None) -> str:
    """The phrase agreeing with its actor: "officials ask", "Ornland asks" (a group whose name
    ends in a plural noun is plural)."""
    last = actor.name.rsplit(" ", 1)[-1].lower() if actor is not None else ""
    plural = last.endswith(("s", "men")) or last in ("police", "people")
    if actor is None or actor.kind is not ActorKind.GROUP or not plural:
        return phrase
    first, _, rest = phrase.partition(" ")
    return f"{first.removesuffix('s')} {rest}".rstrip()


def _visit(f: FusedEvent, where: str | None) -> str:
    source = _name(f.source)
    if f.target is None:
        return f"{source} visits {where}" if where else f"{source} makes a visit"
    if f.target.kind is ActorKind.PERSON and where:
        return f"{source} visits {where}, hosted by {f.target.name}"
    text = f"{source} visits {f.target.name}"
    same = (
        f.place is not None
        and f.place.kind == "country"
        and f.target.kind is ActorKind.COUNTRY
        and f.place.country == f.target.id
    )
    return text if where is None or (same and not f.facility) else f"{text} ({where})"


def _links(evidence: Sequence[StoredEvent]) -> tuple[SourceLink, ...]:
    """The first mention of each report, in evidence order (by publication date)."""
    seen: set[str] = set()
    out = []
    for s in evidence:
        if s.event.article_id in seen:
            continue
        seen.add(s.event.article_id)
        sentence = " ".join(s.event.sentence.text.split())
        if len(sentence) > MAX_SENTENCE:
            sentence = sentence[: MAX_SENTENCE - 1].rstrip() + "…"
        link = SourceLink(
            s.article_source, s.article_url, s.outlet, s.published, sentence, s.event.factuality
        )
        out.append(link)
    return tuple(out)


def conflict_text(c: Conflict) -> str:
    """``date: 2019-02-26 ×2, 2019-02-27 ×1 (arrival dates do not overlap)``."""
    values = ", ".join(f"{value} ×{n}" for value, n in c.values)
    return f"{c.field}: {values} ({c.note})"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- output ------------------------------------------------------------------------------------


def format_timeline(entries: Sequence[TimelineEntry], *, evidence: bool = False) -> str:
    """The timeline for the terminal: one line per event with its conflicts below, and with
    ``evidence`` each report's address and sentence."""
    if not entries:
        return ""
    width = max(len(e.when) for e in entries)
    pad = " " * (width + 2)
    lines = []
    for e in entries:
        facts = [_count(e.sources, "source")]
        if e.event.duration:
            facts.append(e.event.duration)
        if e.status:
            facts.append(e.status)
        lines.append(f"{e.when:<{width}}  {e.text}  [{'; '.join(facts)}]")
        lines.extend(f"{pad}! {conflict_text(c)}" for c in e.event.conflicts)
        if evidence:
            for link in e.links:
                lines.append(f"{pad}- {link.url or link.article_source}")
                lines.append(f'{pad}  "{link.sentence}"')
    return "\n".join(lines)


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    return text.translate(_MD_SPECIAL)


def _cite(link: SourceLink) -> str:
    label = _md(link.outlet or link.article_source)
    plain = link.url is None or any(c in link.url for c in "<>\n")
    ref = label if plain else f"[{label}](<{link.url}>)"
    when = f", {link.published.isoformat()}" if link.published else ""
    flag = "" if link.factuality is Factuality.ASSERTED else f" ({link.factuality.value})"
    return f'{ref}{when}{flag}: "{_md(link.sentence)}"'


def timeline_markdown(entries: Sequence[TimelineEntry], title: str) -> str:
    """A Markdown list for a note: each event with its flags, and every report it rests on."""
    lines = [f"## {_md(title)}", ""]
    if not entries:
        lines.append("No events.")
    for e in entries:
        status_text = f" *({e.status})*" if e.status else ""
        lasting = f", {_md(e.event.duration)}" if e.event.duration else ""
        sources = _count(e.sources, "source")
        lines.append(f"- **{e.when}** {_md(e.text)}{status_text} — {sources}{lasting}")
        lines.extend(f"  - ⚠ {_md(conflict_text(c))}" for c in e.event.conflicts)
        lines.extend(f"  - {_cite(link)}" for link in e.links)
    return "\n".join(lines) + "\n"


def _actor_json(actor: Actor | None) -> dict[str, object] | None:
    if actor is None:
        return None
    return {"id": actor.id, "name": actor.name, "kind": actor.kind.value, "country": actor.country}


def _place_json(place: Place | None, facility: str | None) -> dict[str, object] | None:
    if place is None:
        return None if facility is None else {"facility": facility}
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "facility": facility,
    }


def timeline_json(entries: Sequence[TimelineEntry]) -> list[dict[str, object]]:
    """Entries as plain records (for ``--json`` and the API), with every mention as evidence."""
    return [_entry_json(e) for e in entries]


def _entry_json(entry: TimelineEntry) -> dict[str, object]:
    f = entry.event
    return {
        "id": f.id,
        "when": entry.when,
        "date": f.date,
        "date_precision": f.date_precision,
        "text": entry.text,
        "type": f.type,
        "mode": f.mode,
        "factuality": f.factuality.value,
        "status": entry.status or None,
        "planned_mentions": f.planned_mentions,
        "source": _actor_json(f.source),
        "target": _actor_json(f.target),
        "place": _place_json(f.place, f.facility),
        "duration": f.duration,
        "mentions": f.mentions,
        "articles": f.articles,
        "outlets": f.outlets,
        "conflicts": [
            {
                "field": c.field,
                "values": [{"value": v, "count": n} for v, n in c.values],
                "note": c.note,
            }
            for c in f.conflicts
        ],
        "evidence": [_evidence_json(s) for s in f.evidence],
    }


def _evidence_json(s: StoredEvent) -> dict[str, object]:
    e = s.event
    return {
        "event_id": e.id,
        "article_id": e.article_id,
        "article": s.article_source,
        "url": s.article_url,
        "outlet": s.outlet,
        "published": s.published.isoformat() if s.published else None,
        "sentence": e.sentence.text,
        "sentence_span": [e.sentence.start, e.sentence.end],
        "trigger": e.trigger.text,
        "trigger_span": [e.trigger.start, e.trigger.end],
        "factuality": e.factuality.value,
        "date": e.date.value if e.date else None,
        "place_id": e.place.place.id if e.place and e.place.place else None,
    }
