"""Our real-news event gold: whole wire reports of the TimeBank and AQUAINT corpora, coded by us.

The reports are news of 1998–2000 (AP, Xinhua, NYT, VOA, PRI, CNN, ABC) that the shared folder
holds as TimeML for time expressions; nobody had coded their events. We annotated 52 political
ones blind (annotators read only the reports and a guide: no program output), in the gold format
of ``../shared/GOLD-FORMAT.md``, and split them by report into a development half (read for
errors) and a held-out half (only scored).

The repository keeps the annotations without the reports' words: ``eval/realnews-d.jsonl`` gives
each mention's sentence as character offsets into its report's text (the TimeML ``<TEXT>`` with
tags stripped and outer whitespace trimmed) and a digest of it (``check``).
:func:`prepare_realnews` rebuilds, from the shared folder, the reports (plain text plus a
``meta.jsonl`` with each publication date, the TimeML creation time) and the gold of each half
with its sentences, ready for ``eventwire ingest`` and ``eventwire eval events``. A report whose
text no longer yields the annotated sentence (a changed shared folder) is an error naming it,
never a silently different gold.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.eval.benchmarks import read_json_lines
from eventwire.eval.codes import BenchmarkError
from eventwire.eval.timeml import read_timeml

__all__ = [
    "PARTS",
    "PreparedRealNews",
    "prepare_realnews",
    "report_name",
    "report_text",
    "sentence_check",
]

SET_NAME = "realnews-d"
PARTS = ("dev", "held")
#: Where the TimeML corpora the reports come from live, under ``<shared>/benchmarks/timex``.
CORPORA = ("aquaint", "timebank")
GOLD_FILE = Path(__file__).resolve().parents[2] / "eval" / f"{SET_NAME}.jsonl"


@dataclass(frozen=True, slots=True)
class PreparedRealNews:
    """What :func:`prepare_realnews` wrote."""

    reports_dir: Path
    meta_path: Path
    gold_paths: dict[str, Path]
    reports: int
    mentions: dict[str, int]


def report_name(corpus: str, stem: str) -> str:
    """The file name a report is ingested under: ``aquaint-APW19980807.0261.txt``."""
    return f"{corpus}-{stem}.txt"


def sentence_check(sentence: str) -> str:
    """A short digest of an annotated sentence: the gold file checks its offsets with it."""
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:12]


def report_text(timeml_text: str) -> str:
    """A report's text as annotated: the TimeML text, trimmed, with one final line break."""
    return timeml_text.strip() + "\n"


def prepare_realnews(
    shared_dir: Path, out_dir: Path, gold_file: Path = GOLD_FILE
) -> PreparedRealNews:
    """Rebuild the reports and the gold of both halves into ``out_dir``: ``reports/`` (texts and
    ``meta.jsonl``) and ``dev.jsonl`` / ``held.jsonl``. Raises ``BenchmarkError`` naming the file
    when a report is missing or an annotated sentence is not where the gold says."""
    base = shared_dir / "benchmarks" / "timex"
    if not base.is_dir():
        base = shared_dir
    rows = list(read_json_lines(gold_file))
    texts: dict[str, tuple[str, str | None, str]] = {}  # name → (text, published, outlet)
    out: dict[str, list[dict[str, Any]]] = {part: [] for part in PARTS}
    for row in rows:
        corpus, stem = row["corpus"], row["stem"]
        name = report_name(corpus, stem)
        if name not in texts:
            path = base / corpus / f"{stem}.tml"
            if not path.is_file():
                raise BenchmarkError(f"{gold_file}: report {path} is missing")
            doc = read_timeml(path)
            published = doc.dct.isoformat() if doc.dct else None
            texts[name] = (report_text(doc.text), published, stem[:3].lower())
        text = texts[name][0]
        start, end = row["sentence"]
        sentence = text[start:end]
        if not sentence or sentence_check(sentence) != row.get("check"):
            raise BenchmarkError(f"{gold_file}: no annotated sentence at {start}:{end} of {name}")
        if row["part"] not in out:
            raise BenchmarkError(f"{gold_file}: unknown part {row['part']!r} for {name}")
        mention = {k: v for k, v in row.items() if k not in ("part", "corpus", "stem", "check")}
        out[row["part"]].append({**mention, "article": name, "sentence": sentence})
    reports_dir = out_dir / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    meta_path = reports_dir / "meta.jsonl"
    with meta_path.open("w", encoding="utf-8") as meta:
        for name, (text, published, outlet) in sorted(texts.items()):
            (reports_dir / name).write_text(text, encoding="utf-8")
            entry = {"file": name, "published": published, "outlet": outlet}
            meta.write(json.dumps(entry) + "\n")
    gold_paths = {}
    for part, mentions in out.items():
        gold_paths[part] = out_dir / f"{part}.jsonl"
        with gold_paths[part].open("w", encoding="utf-8") as handle:
            for mention in mentions:
                handle.write(json.dumps(mention, ensure_ascii=False) + "\n")
    return PreparedRealNews(
        reports_dir=reports_dir,
        meta_path=meta_path,
        gold_paths=gold_paths,
        reports=len(texts),
        mentions={part: len(m) for part, m in out.items()},
    )
