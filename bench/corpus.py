"""A generated corpus of wire-style reports for benchmarks: invented, reproducible from a seed.

Each report has an outlet label, a title, body paragraphs built from templates about invented
diplomatic happenings, a caption with a credit line, and relative dates. A share of reports are
syndicated near-copies or exact copies of earlier ones, as in real news feeds.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = [
    ("Norway", "Oslo", "Norwegian"),
    ("Kenya", "Nairobi", "Kenyan"),
    ("Chile", "Santiago", "Chilean"),
    ("Japan", "Tokyo", "Japanese"),
    ("Egypt", "Cairo", "Egyptian"),
    ("Poland", "Warsaw", "Polish"),
    ("Indonesia", "Jakarta", "Indonesian"),
    ("Canada", "Ottawa", "Canadian"),
    ("Turkey", "Ankara", "Turkish"),
    ("Peru", "Lima", "Peruvian"),
    ("Vietnam", "Hanoi", "Vietnamese"),
    ("Ghana", "Accra", "Ghanaian"),
]
ROLES = ["foreign minister", "president", "prime minister", "defence minister", "trade envoy"]
FIRST = ["Amara", "Lars", "Sofia", "Kenji", "Nadia", "Piotr", "Rina", "Claire", "Emre", "Lucia"]
LAST = ["Okafor", "Berg", "Rojas", "Sato", "Haddad", "Nowak", "Wijaya", "Tremblay", "Kaya", "Paz"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["border crossings", "fishing rights", "grain exports", "a gas pipeline", "visa rules"]
AGENCIES = ["Example Wire", "Sample Press", "Demo News Agency"]

SENTENCES = [
    "{a_dem} {role} {name} arrived in {b_cap} on {day} for talks on {topic}.",
    "{name} is due to meet {b_dem} officials {when} to discuss {topic}.",
    "The two governments signed an agreement on {topic} last {month}, officials said.",
    "Talks in {a_cap} ended without agreement on {topic}, according to state media.",
    "{b_dem} protesters gathered outside the {a_dem} embassy on {day} to oppose the plan.",
    "{a} has demanded that {b} lift restrictions on {topic} within weeks.",
    "Analysts say {b} could impose new sanctions if the talks fail.",
    "{b_dem} officials are believed to have met their {a_dem} counterparts in secret.",
    "The visit follows months of strained relations between {a_cap} and {b_cap}.",
    "{name} told reporters the meeting had been constructive and that more talks would follow.",
]


@dataclass(frozen=True)
class Report:
    name: str
    text: str
    meta: dict[str, str]


def _one(rng: random.Random, index: int, start: dt.date, length: int) -> Report:
    a, b = rng.sample(COUNTRIES, 2)
    published = start + dt.timedelta(days=rng.randrange(0, 720))
    fill = {
        "a": a[0], "a_cap": a[1], "a_dem": a[2], "b": b[0], "b_cap": b[1], "b_dem": b[2],
        "role": rng.choice(ROLES),
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "day": rng.choice(WEEKDAYS),
        "when": rng.choice(["next week", "on Thursday", "in the coming days", "later this month"]),
        "topic": rng.choice(TOPICS),
        "month": published.replace(day=1).strftime("%B"),
    }  # fmt: skip
    count = rng.randint(5, 9) if length <= len(SENTENCES) else length
    picked = (
        rng.sample(SENTENCES, count) if count <= len(SENTENCES) else rng.choices(SENTENCES, k=count)
    )
    body = [sentence.format(**fill) for sentence in picked]
    agency = rng.choice(AGENCIES)
    caption = f"{fill['name']} waves on arrival in {fill['b_cap']} Credit: Staff/{agency}"
    body.insert(rng.randint(1, len(body)), caption)
    title = f"{fill['a_dem']} {fill['role']} in {fill['b_cap']} for talks on {fill['topic']}"
    text = "\n\n".join([f"1. {agency} Report", title, *body]) + f"\n\n(ref {index})\n"
    meta = {
        "file": f"r{index:06d}.txt",
        "url": f"https://news.example.org/{published:%Y/%m/%d}/report-{index}",
        "outlet": agency,
        "published": published.isoformat(),
        "title": title,
    }
    return Report(meta["file"], text, meta)


def _near_copy(rng: random.Random, original: Report, index: int) -> Report:
    words = original.text.split(" ")
    for _ in range(2):
        words[rng.randrange(len(words))] = "reportedly"
    meta = dict(original.meta, file=f"r{index:06d}.txt", outlet="Syndicated Daily")
    return Report(meta["file"], " ".join(words), meta)


def generate(n: int, seed: int = 7, length: int = 0) -> list[Report]:
    """``n`` reports; about 4% near-copies and 2% exact copies of earlier ones.

    ``length`` > 10 asks for that many body sentences per report (about 14 words each);
    otherwise reports have 5-9 sentences.
    """
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    reports: list[Report] = []
    for index in range(n):
        roll = rng.random()
        if reports and roll < 0.04:
            reports.append(_near_copy(rng, rng.choice(reports), index))
        elif reports and roll < 0.06:
            original = rng.choice(reports)
            reports.append(Report(f"r{index:06d}.txt", original.text, dict(original.meta)))
        else:
            reports.append(_one(rng, index, start, length))
    return reports


def write(reports: list[Report], folder: Path) -> Path:
    """Write the reports as .txt files plus a meta.jsonl sidecar; return the sidecar's path."""
    folder.mkdir(parents=True, exist_ok=True)
    meta_path = folder / "meta.jsonl"
    with meta_path.open("w", encoding="utf-8") as meta:
        for report in reports:
            (folder / report.name).write_text(report.text, encoding="utf-8")
            meta.write(json.dumps(dict(report.meta, file=report.name)) + "\n")
    return meta_path
