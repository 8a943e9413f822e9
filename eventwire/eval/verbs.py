"""Event detection recall on news sentences whose event verbs others have marked.

Halterman (2019, "Geolocating Political Events in Text") marks, in ~10,000 sentences of wire news,
the verb of a political event (mostly violence, arrests, protests) and where it happened. It codes
no types or actors, so it scores one thing on many real sentences: does the system find an event
at the marked verb? An event counts when its trigger overlaps the verb. A light verb whose event
we anchor on its noun ("launched an attack": the trigger is the noun phrase, which starts at the
verb) overlaps too; a verb whose event we anchor on another word ("detonated grenades to kill":
the trigger is "kill") counts as missed, so the figure is a floor.

:func:`prepare_verbs` writes ``records.jsonl`` (one record per distinct sentence, for ``eventwire
ingest``) and ``verbs.jsonl`` (``{"article": <record id>, "start", "end", "text"}``);
:func:`score_verbs` compares them with stored events. Records are split into two halves by a hash
of their id (``half``), so that one can be read for errors and the other only scored.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.eval.benchmarks import Record, read_json_lines
from eventwire.eval.codes import BenchmarkError

VERBS_FILE = "event-location-halterman2019/labeled_text.jsonl.zip"
HALVES = ("dev", "held")
OUTLET = "halterman2019"


@dataclass(frozen=True, slots=True)
class MarkedVerb:
    """A marked verb: its record, its offsets in the record's text, and how many non-space
    characters come before it (ingest may tidy whitespace; this finds the verb again)."""

    article: str
    start: int
    end: int
    text: str
    before: int


@dataclass(frozen=True, slots=True)
class PreparedVerbs:
    records: int
    verbs: int
    records_path: Path
    verbs_path: Path


@dataclass(frozen=True, slots=True)
class VerbRecall:
    """How many marked verbs have an event at them, of those in stored articles."""

    found: int
    total: int
    not_stored: int  # verbs of sentences the store does not hold (left out of ``total``)
    types: Counter[str]  # the type of the event found at each verb
    missed: Counter[str]  # missed verbs, lower-cased

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "total": self.total,
            "recall": round(self.recall, 4),
            "not_stored": self.not_stored,
            "types": dict(self.types.most_common()),
            "missed": dict(self.missed.most_common(30)),
        }


def half(record_id: str) -> str:
    """``dev`` or ``held``: a stable split of the records by a hash of their id."""
    return HALVES[zlib.crc32(record_id.encode("utf-8")) % 2]


def record_id(text: str) -> str:
    return "hal-" + hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def read_marked(path: Path) -> list[dict[str, Any]]:
    """The set's objects: one JSON array inside the zip, despite the ``.jsonl`` in its name."""
    try:
        with zipfile.ZipFile(path) as archive:
            name = next(
                (n for n in archive.namelist() if n.endswith(".jsonl") and "/" not in n), None
            )
            if name is None:
                raise BenchmarkError(f"{path}: no labeled_text.jsonl inside the zip")
            data = json.loads(archive.read(name))
    except (OSError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise BenchmarkError(f"{path}: cannot read the marked sentences: {exc}") from exc
    if not isinstance(data, list):
        raise BenchmarkError(f"{path}: expected one JSON array of sentences")
    return [row for row in data if isinstance(row, dict)]


def convert_verbs(rows: Iterable[Mapping[str, Any]]) -> tuple[dict[str, str], list[MarkedVerb]]:
    """Distinct sentences by record id, and every marked verb with its record."""
    texts: dict[str, str] = {}
    verbs: list[MarkedVerb] = []
    for row in rows:
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        rid = record_id(text)
        texts.setdefault(rid, text)
        for span in row.get("spans") or ():
            if span.get("label") != "VERB":
                continue
            start, end = int(span["start"]), int(span["end"])
            if 0 <= start < end <= len(text):
                before = sum(not c.isspace() for c in text[:start])
                verbs.append(MarkedVerb(rid, start, end, text[start:end], before))
    return texts, verbs


def prepare_verbs(shared_dir: Path, out_dir: Path) -> PreparedVerbs:
    """Write ``records.jsonl`` and ``verbs.jsonl`` for the marked-verb set into ``out_dir``."""
    path = shared_dir / "benchmarks" / "events" / VERBS_FILE
    if not path.is_file():
        raise BenchmarkError(f"{path}: not found (the shared benchmark data is needed)")
    texts, verbs = convert_verbs(read_marked(path))
    out_dir.mkdir(parents=True, exist_ok=True)
    records_path, verbs_path = out_dir / "records.jsonl", out_dir / "verbs.jsonl"
    with records_path.open("w", encoding="utf-8") as out:
        for rid, text in texts.items():
            out.write(json.dumps(Record(rid, text).to_dict(OUTLET)) + "\n")
    with verbs_path.open("w", encoding="utf-8") as out:
        for verb in verbs:
            entry = {"article": verb.article, "start": verb.start, "end": verb.end}
            out.write(json.dumps({**entry, "text": verb.text, "before": verb.before}) + "\n")
    return PreparedVerbs(len(texts), len(verbs), records_path, verbs_path)


def load_verbs(path: Path) -> list[MarkedVerb]:
    """The marked verbs ``prepare_verbs`` wrote; a bad line raises ``BenchmarkError``."""
    out = []
    for number, row in enumerate(read_json_lines(path), 1):
        try:
            start, end, before = int(row["start"]), int(row["end"]), int(row["before"])
            out.append(MarkedVerb(str(row["article"]), start, end, str(row["text"]), before))
        except (KeyError, TypeError, ValueError) as exc:
            raise BenchmarkError(f"{path}: marked verb {number} is incomplete: {exc}") from exc
    return out


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """What scoring needs of a stored event: its record, trigger offsets and type."""

    article: str
    start: int
    end: int
    type: str


def locate(verb: MarkedVerb, text: str) -> tuple[int, int] | None:
    """The verb's offsets in the stored ``text`` of its record: after as many non-space
    characters as in the record, if the verb is written there."""
    seen = 0
    for at, char in enumerate(text):
        if seen == verb.before and not char.isspace():
            end = at + len(verb.text)
            return (at, end) if text[at:end] == verb.text else None
        seen += not char.isspace()
    return None


def score_verbs(
    verbs: Sequence[MarkedVerb],
    events: Iterable[FoundEvent],
    stored: Mapping[str, str],
    *,
    part: str | None = None,
) -> VerbRecall:
    """Recall of ``verbs`` (those of one half when ``part`` is given) among ``events``.
    ``stored`` maps record ids to their stored text; verbs of records not stored (dropped as
    duplicates at ingest) or no longer found in it are left out."""
    by_article: dict[str, list[FoundEvent]] = {}
    for event in events:
        by_article.setdefault(event.article, []).append(event)
    found = total = not_stored = 0
    types: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for verb in verbs:
        if part is not None and half(verb.article) != part:
            continue
        text = stored.get(verb.article)
        where = locate(verb, text) if text is not None else None
        if where is None:
            not_stored += 1
            continue
        total += 1
        start, end = where
        hits = [e for e in by_article.get(verb.article, ()) if e.start < end and start < e.end]
        if hits:
            found += 1
            types[hits[0].type] += 1
        else:
            missed[verb.text.lower()] += 1
    return VerbRecall(found, total, not_stored, types, missed)


def format_verb_recall(scores: VerbRecall, title: str) -> str:
    lines = [
        title,
        f"marked verbs with an event at them: {scores.found} of {scores.total} "
        f"({scores.recall:.3f}); {scores.not_stored} in sentences not stored",
        "types found: " + ", ".join(f"{k} {v}" for k, v in scores.types.most_common()),
        "most missed: " + ", ".join(f"{k} {v}" for k, v in scores.missed.most_common(15)),
    ]
    return "\n".join(lines)
