"""Our real-news gold: rebuilt from the shared TimeML reports and the text-free annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

from eventwire.eval.codes import BenchmarkError
from eventwire.eval.realnews import GOLD_FILE, prepare_realnews, sentence_check

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-05" functionInDocument="CREATION_TIME">
March 5, 2001</TIMEX3></DCT>
<TEXT>
LIMA (Wire) _ Peru recalled its ambassador from Quito on <TIMEX3 tid="t1" type="DATE"
value="2001-03-04">Sunday</TIMEX3>. Ecuador protested.
</TEXT>
</TimeML>
"""


def _shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared" / "benchmarks" / "timex" / "aquaint"
    folder.mkdir(parents=True)
    (folder / "WIR20010305.0001.tml").write_text(TML, encoding="utf-8")
    return tmp_path / "shared"


def _gold(tmp_path: Path, sentence: str, *, check: str | None = None, part: str = "dev") -> Path:
    text = "LIMA (Wire) _ Peru recalled its ambassador from Quito on Sunday. Ecuador protested.\n"
    start = text.index(sentence)
    row = {
        "part": part,
        "corpus": "aquaint",
        "stem": "WIR20010305.0001",
        "sentence": [start, start + len(sentence)],
        "check": check or sentence_check(sentence),
        "source": {"name": "Peru", "country": "PER", "sector": "GOV"},
        "type": "SANCTION",
        "mode": None,
        "target": {"name": "Ecuador", "country": "ECU", "sector": "GOV"},
        "location": None,
        "date": "2001-03-04",
        "factuality": "asserted",
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_reports_and_sentences_are_rebuilt_from_the_timeml_text(tmp_path: Path) -> None:
    sentence = "Peru recalled its ambassador from Quito on Sunday."
    out = prepare_realnews(_shared(tmp_path), tmp_path / "out", _gold(tmp_path, sentence))
    report = out.reports_dir / "aquaint-WIR20010305.0001.txt"
    assert report.read_text(encoding="utf-8").startswith("LIMA (Wire) _ Peru recalled")
    meta = json.loads(out.meta_path.read_text(encoding="utf-8"))
    assert meta == {"file": report.name, "published": "2001-03-05", "outlet": "wir"}
    [gold] = [json.loads(line) for line in out.gold_paths["dev"].read_text().splitlines()]
    assert gold["article"] == report.name and gold["sentence"] == sentence
    assert "check" not in gold and "part" not in gold
    assert out.mentions == {"dev": 1, "held": 0}


def test_an_annotation_that_no_longer_fits_its_report_is_an_error(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "Ecuador protested.", check=sentence_check("Peru protested."))
    with pytest.raises(BenchmarkError, match=re.escape("aquaint-WIR20010305.0001.txt")):
        prepare_realnews(_shared(tmp_path), tmp_path / "out", gold)


def test_a_missing_report_is_named(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "Ecuador protested.")
    with pytest.raises(BenchmarkError, match=re.escape("WIR20010305.0001.tml is missing")):
        prepare_realnews(tmp_path / "empty", tmp_path / "out", gold)


def test_the_committed_gold_rebuilds_against_the_shared_folder(
    shared: Path, tmp_path: Path
) -> None:
    out = prepare_realnews(shared, tmp_path / "realnews-d")
    assert out.reports == 52
    rows = [json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines()]
    assert out.mentions == {p: sum(r["part"] == p for r in rows) for p in ("dev", "held")}
    dev = {json.loads(line)["article"] for line in out.gold_paths["dev"].read_text().splitlines()}
    held = {json.loads(line)["article"] for line in out.gold_paths["held"].read_text().splitlines()}
    assert dev and held and not dev & held  # split by report


def test_prepare_through_the_cli(shared: Path, tmp_path: Path) -> None:
    done = run_cli("eval", "prepare", "realnews-d", "--shared", str(shared), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "realnews-d" / "reports" / "meta.jsonl").is_file()
    assert "52 reports" in done.stderr
