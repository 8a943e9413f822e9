"""Geoparsing gold sets and scoring: each reader's format and quirks, span matching, distances.

Every set file here is written by the test, in the set's format, from invented sentences; the
tests that read the real sets under ../shared/benchmarks/geo check counts and offsets only and
skip when the folder is absent.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.eval.geo import (
    GeoCounts,
    GeoScores,
    PredictedToponym,
    evaluate_geo,
    format_geo_report,
    geo_scores_json,
    haversine_km,
    overlap_pairs,
    score_geo,
)
from eventwire.eval.geo_sets import (
    GeoDoc,
    GoldToponym,
    find_geo_sets,
    load_geo_set,
    read_geo_set,
)
from eventwire.eval.loose_dates import loose_date

# --- tiny sets in each format --------------------------------------------------------------------

LGL_TEXT = "Flood warning for Lowmere. Crews left Lowmere for Port Ashby, Ireland on Monday."


def at(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``name`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start, start + len(name)


def lgl_toponym(span: tuple[int, int], name: str, gaz: str = "") -> str:
    offsets = f"<start>{span[0]}</start><end>{span[1]}</end>"
    return f"<toponym>{offsets}<phrase>{name}</phrase>{gaz}</toponym>"


def write_lgl(folder: Path) -> Path:
    folder.mkdir(parents=True)
    first, second = at(LGL_TEXT, "Lowmere"), at(LGL_TEXT, "Lowmere", 1)
    ashby, ireland = at(LGL_TEXT, "Port Ashby"), at(LGL_TEXT, "Ireland")
    gaz = (
        '<gaztag geonameid="900001"><name>Lowmere</name><fclass>P</fclass><fcode>PPL</fcode>'
        '<lat>53.1</lat><lon>-7.2</lon><country geonameid="2963597">Ireland</country></gaztag>'
    )
    sea = (
        '<gaztag geonameid="900002"><name>Ashby</name><fclass>H</fclass>'
        "<lat>52.0</lat><lon>-6.0</lon></gaztag>"
    )
    toponyms = "".join(
        [
            lgl_toponym(first, "Lowmere", gaz),
            # stated two characters late, as TR-News's drifting offsets are
            lgl_toponym((second[0] + 2, second[1] + 2), "Lowmere", gaz),
            lgl_toponym(ashby, "Port Ashby", sea),
            lgl_toponym(ireland, "Ireland"),  # recognised, not resolved
            lgl_toponym((3, 9), "Nowhere"),  # no such name near: dropped
        ]
    )
    (folder / "lgl.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<articles><article docid="77">'
        "<title>Flood</title><dltime>Wed Nov 23, 2016 | 4:58pm EST</dltime>"
        f"<text><![CDATA[{LGL_TEXT}]]></text><toponyms>{toponyms}</toponyms></article></articles>",
        encoding="utf-8",
    )
    return folder


VIRUS_TEXT = "A fever outbreak reached Dunmarsh and then Kelby."


def write_geovirus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    locations = ""
    for name, lat, lon in (("Dunmarsh", 10.0, 20.0), ("Kelby", -5.5, 30.25)):
        start, end = at(VIRUS_TEXT, name)
        # the format's offsets are one past the name
        locations += (
            f"<location><name>{name}</name><start>{start + 1}</start><end>{end + 1}</end>"
            f"<lat>{lat}</lat><lon>{lon}</lon><page>https://example.org/{name}</page></location>"
        )
    (folder / "GeoVirus.xml").write_text(
        f"<articles><!--<article><text></text></article>--><article><source>https://example.org/a</source>"
        f"<text>{VIRUS_TEXT}</text><locations>{locations}</locations></article></articles>",
        encoding="utf-8",
    )
    return folder


GWN_TEXT = "Brennick officials met Tolsey traders, and the Brennick plan was praised."


def write_geowebnews(folder: Path, *, with_xml: bool = True) -> Path:
    (folder / "geocoding" / "files").mkdir(parents=True)
    (folder / "geocoding" / "files" / "0").write_text(GWN_TEXT, encoding="utf-8")
    a, b = at(GWN_TEXT, "Brennick"), at(GWN_TEXT, "Tolsey")
    records = [
        f"Republic of Brennick,,Brennick,,40.0,,-3.0,,{a[0]},,{a[1]}",
        f"Tolsey,,Tolsey,,41.5,,-2.5,,{b[0]},,{b[1]}",
        "Republic of Brennick,,Brennick,,40.0,,-3.0,,-20,,-12",  # points into the title
    ]
    (folder / "geocoding" / "gwn_full.txt").write_text("||".join(records) + "||\n", "utf-8")
    if with_xml:
        tags = (
            f"<toponym><extractedName>Brennick</extractedName><type>Non_Literal_Modifier</type>"
            f"<start>{a[0]}</start><end>{a[1]}</end><geonamesID>3017382</geonamesID></toponym>"
            f"<toponym><extractedName>Tolsey</extractedName><type>Literal</type>"
            f"<start>{b[0]}</start><end>{b[1]}</end><geonamesID>900003</geonamesID></toponym>"
        )
        (folder / "GWN.xml").write_text(
            f'<articles><article file="5"><title>T</title><text>{GWN_TEXT}</text>'
            f"<toponyms>{tags}</toponyms></article></articles>",
            encoding="utf-8",
        )
    return folder


def wm_line(entity: str, label: str, sents: list[str], **extra: object) -> str:
    row = {
        "lat_long": [44.5, -72.25],
        "entity": entity,
        "entity_label": label,
        "title": "t",
        "published": "",
        "context": {
            "ent_rng": [[0, len(entity)]],
            "sents": [{"sent": s, "rng": [0, 1]} for s in sents],
        },
        "is_state": "",
        **extra,
    }
    return json.dumps(row)


def write_wm(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "FAC_x.jsonl").write_text(
        wm_line(
            "Ferris Hall",
            "FAC",
            ["The council met at Ferris Hall.\n", "Later, Ferris Hall closed early."],
            published="Wed, 29 Mar 2023 10:00:13 +0000",
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "GPE_x.jsonl").write_text(
        wm_line("Vermont", "GPE", ["Snow fell across Vermont."], is_state="adm1/Vermont.geojson")
        + "\n"
        + wm_line("Chile", "GPE", ["Exports to Chile rose."], is_state="adm0/CHL.geojson")
        + "\n",
        encoding="utf-8",
    )
    return folder


def holds(doc: GeoDoc, toponym: GoldToponym) -> bool:
    return doc.text[toponym.start : toponym.end] == toponym.name


# --- readers -------------------------------------------------------------------------------------


def test_lgl_format_maps_countries_labels_dates_and_realigns_drifted_offsets(
    tmp_path: Path,
) -> None:
    geo_set = load_geo_set(write_lgl(tmp_path / "lgl"))
    (doc,) = geo_set.docs
    assert (doc.set_name, doc.doc_id, doc.published) == ("lgl", "77", date(2016, 11, 23))
    assert [t.name for t in doc.toponyms] == ["Lowmere", "Lowmere", "Port Ashby", "Ireland"]
    assert all(holds(doc, t) for t in doc.toponyms)
    lowmere, _, ashby, ireland = doc.toponyms
    assert (lowmere.lat, lowmere.lon, lowmere.country, lowmere.geonames_id) == (
        53.1,
        -7.2,
        "IRL",
        900001,
    )
    assert (lowmere.label, ashby.label, ashby.country) == ("P", "H", None)
    assert (ireland.lat, ireland.lon, ireland.country, ireland.label) == (None, None, None, None)
    o = geo_set.offsets
    assert (o.toponyms, o.stated_mismatches, o.shift, o.realigned, o.dropped) == (5, 2, 0, 1, 1)


def test_geovirus_offsets_are_shifted_back_by_one(tmp_path: Path) -> None:
    geo_set = load_geo_set(write_geovirus(tmp_path / "geovirus"))
    (doc,) = geo_set.docs  # the commented-out article is not read
    assert all(holds(doc, t) for t in doc.toponyms)
    assert [(t.name, t.lat, t.lon, t.country) for t in doc.toponyms] == [
        ("Dunmarsh", 10.0, 20.0, None),
        ("Kelby", -5.5, 30.25, None),
    ]
    assert geo_set.offsets.shift == -1
    assert (geo_set.offsets.stated_mismatches, geo_set.offsets.realigned) == (2, 0)


def test_geowebnews_reads_the_geocoding_file_and_joins_ids_and_types(tmp_path: Path) -> None:
    geo_set = load_geo_set(write_geowebnews(tmp_path / "geowebnews"))
    (doc,) = geo_set.docs
    assert doc.doc_id == "0" and doc.text == GWN_TEXT
    assert [(t.name, t.label, t.geonames_id, t.country) for t in doc.toponyms] == [
        ("Brennick", "Non_Literal_Modifier", 3017382, "FRA"),  # a country's id names its country
        ("Tolsey", "Literal", 900003, None),
    ]
    assert geo_set.offsets.dropped == 1  # the span with negative offsets


def test_geowebnews_without_the_xml_has_no_ids_or_labels(tmp_path: Path) -> None:
    (doc,) = read_geo_set(write_geowebnews(tmp_path / "gwn", with_xml=False))
    assert {(t.label, t.geonames_id) for t in doc.toponyms} == {(None, None)}


def test_wm_newslab_records_become_one_toponym_documents(tmp_path: Path) -> None:
    docs = read_geo_set(write_wm(tmp_path / "wm"))
    assert [d.doc_id for d in docs] == ["FAC-1", "GPE-1", "GPE-2"]
    hall = docs[0]
    assert hall.text == "The council met at Ferris Hall.\nLater, Ferris Hall closed early."
    (toponym,) = hall.toponyms
    assert holds(hall, toponym) and toponym.start == hall.text.index("Ferris Hall")
    assert (toponym.lat, toponym.lon, toponym.label, toponym.country) == (44.5, -72.25, "FAC", None)
    assert hall.published == date(2023, 3, 29)
    assert [d.toponyms[0].country for d in docs[1:]] == ["USA", "CHL"]


def test_find_geo_sets_lists_set_folders_and_rejects_others(tmp_path: Path) -> None:
    root = tmp_path / "geo"
    write_lgl(root / "lgl")
    write_wm(root / "wm")
    (root / "notes").mkdir()
    (root / "README.md").write_text("sets", encoding="utf-8")
    assert find_geo_sets(root) == [root / "lgl", root / "wm"]
    assert find_geo_sets(root / "wm") == [root / "wm"]
    with pytest.raises(EventwireError, match="notes"):
        load_geo_set(root / "notes")
    with pytest.raises(EventwireError, match="no geoparsing set"):
        find_geo_sets(root / "notes")
    with pytest.raises(EventwireError, match="not a folder"):
        find_geo_sets(tmp_path / "missing")


def test_malformed_files_raise_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "lgl.xml").write_text("<articles><article><toponym><phrase>x</phrase>", "utf-8")
    with pytest.raises(EventwireError, match=r"lgl\.xml.*not well-formed"):
        read_geo_set(folder)
    bad = tmp_path / "badjson"
    bad.mkdir()
    (bad / "GPE_x.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EventwireError, match=r"GPE_x\.jsonl:1"):
        read_geo_set(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009-03-20 12:24:52.002364-05", date(2009, 3, 20)),
        ("2017-05-17", date(2017, 5, 17)),
        ("11/28/2016", date(2016, 11, 28)),
        ("Wed Nov 23, 2016 | 4:58pm EST", date(2016, 11, 23)),
        ("9:55 AM ET, Sun January 4, 2015", date(2015, 1, 4)),
        ("December 9th 2016", date(2016, 12, 9)),
        ("2016 Oct 10", date(2016, 10, 10)),
        ("DEC. 14, 2016, 2:54 AM EST", date(2016, 12, 14)),
        ("17 December 2016", date(2016, 12, 17)),
        ("June 27, 2016 15:41:4", date(2016, 6, 27)),
        ("Wed, 29 Mar 2023 10:00:13 +0000", date(2023, 3, 29)),
        ("", None),
        ("yesterday", None),
        ("February 30, 2016", None),
    ],
)
def test_loose_date(text: str, expected: date | None) -> None:
    assert loose_date(text) == expected


# --- scoring -------------------------------------------------------------------------------------

TEXT = "Rain hit Avonby and North Avonby while Carrow stayed dry."


def gold(
    name: str,
    lat: float | None,
    lon: float | None,
    *,
    country: str | None = None,
    label: str | None = None,
) -> GoldToponym:
    start, end = at(TEXT, name)
    return GoldToponym(start, end, name, lat, lon, country, None, label)


def pred(
    name: str, lat: float | None = None, lon: float | None = None, country: str | None = None
) -> PredictedToponym:
    start, end = at(TEXT, name)
    return PredictedToponym(start, end, name, lat, lon, country)


def country_of(lat: float, lon: float) -> str | None:
    """A toy reverse geocoder: the northern hemisphere is NOR, the southern SOU."""
    return "NOR" if lat > 0 else "SOU" if lat < 0 else None


def doc(*toponyms: GoldToponym) -> GeoDoc:
    return GeoDoc("toy", "d1", TEXT, None, tuple(sorted(toponyms, key=lambda t: t.start)))


def test_haversine_km() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(10, 20, 10, 20) == 0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)


def test_overlap_pairs_are_one_to_one_largest_overlap_first() -> None:
    golds = (gold("Avonby", 1, 1), gold("North Avonby", 1, 1))
    whole = pred("North Avonby")
    part = PredictedToponym(whole.start + 6, whole.end, "Avonby", None, None, None)
    # the full-span prediction takes "North Avonby"; the partial one cannot take it again
    assert overlap_pairs(golds, [part, whole]) == [(1, 1)]
    assert overlap_pairs(golds, [pred("Avonby"), whole, part]) == [(0, 0), (1, 1)]


def test_score_counts_recognition_and_resolution() -> None:
    d = doc(
        gold("Avonby", 10.0, 0.0, label="P"),
        gold("North Avonby", 20.0, 0.0, country="XYZ", label="A"),
        gold("Carrow", -30.0, 0.0, label="P"),
        gold("Rain", None, None),  # recognised, no coordinates
    )
    predictions = [
        pred("Avonby", 11.0, 0.0),  # 111 km off: within 161, country NOR by reverse geocoding
        pred("North Avonby", country="XYZ"),  # a country, no point: resolved, not located
        pred("Rain"),
        pred("dry"),  # not gold
    ]
    scores = score_geo([d], [predictions], country_of=country_of)
    c = scores.overall
    assert (scores.set_name, scores.documents) == ("toy", 1)
    assert (c.gold, c.gold_with_coords, c.gold_with_country, c.predicted) == (4, 3, 3, 4)
    assert (c.recognised, c.recognised_with_coords, c.recognised_with_country) == (3, 2, 2)
    assert (c.resolved, c.country_correct, c.within_161) == (2, 2, 1)
    assert c.recall == c.precision == 0.75
    assert (c.acc_161, c.country_accuracy) == (0.5, 1.0)
    assert (c.acc_161_all, c.country_accuracy_all) == (1 / 3, 2 / 3)
    assert c.median_km == c.mean_km == pytest.approx(111.195, abs=0.01)
    labels = dict(scores.by_label)
    assert list(labels) == ["(none)", "A", "P"]
    assert (labels["P"].gold, labels["P"].recognised, labels["P"].within_161) == (2, 1, 1)
    assert labels["P"].predicted == 0


def test_a_wrong_country_and_a_far_point_are_errors() -> None:
    d = doc(gold("Carrow", -30.0, 0.0))
    scores = score_geo([d], [[pred("Carrow", 30.0, 0.0)]], country_of=country_of)
    c = scores.overall
    assert (c.resolved, c.country_correct, c.within_161) == (1, 0, 0)
    assert c.errors_km[0] == pytest.approx(haversine_km(-30, 0, 30, 0))
    assert scores.by_label == ()


def test_auc_is_zero_when_exact_and_one_when_nothing_is_located() -> None:
    exact = GeoCounts(recognised_with_coords=2, errors_km=(0.0, 0.0))
    assert exact.auc == 0.0
    none_located = GeoCounts(recognised_with_coords=3)
    assert none_located.auc == pytest.approx(math.log1p(20039) / math.log(20039))
    assert GeoCounts().auc is None
    assert GeoCounts(recognised_with_coords=1, errors_km=(160.0,)).auc == pytest.approx(
        math.log1p(160) / math.log(20039)
    )


def test_country_of_is_asked_once_per_point() -> None:
    asked: list[tuple[float, float]] = []

    def counting(lat: float, lon: float) -> str | None:
        asked.append((lat, lon))
        return country_of(lat, lon)

    d = doc(gold("Avonby", 10.0, 0.0), gold("Carrow", 10.0, 0.0))
    score_geo([d, d], [[pred("Avonby", 10.0, 0.0)], []], country_of=counting)
    assert asked == [(10.0, 0.0)]


def test_prediction_lists_must_match_documents() -> None:
    with pytest.raises(ValueError, match="2 prediction lists for 1 documents"):
        score_geo([doc()], [[], []], country_of=country_of)


def test_counts_add_up() -> None:
    a = GeoCounts(gold=2, recognised=1, errors_km=(5.0,))
    b = GeoCounts(gold=3, recognised=3, errors_km=(7.0,))
    assert a + b == GeoCounts(gold=5, recognised=4, errors_km=(5.0, 7.0))


# --- whole sets, report and JSON ---------------------------------------------------------------


def echo_gold(docs: Sequence[GeoDoc]) -> list[list[PredictedToponym]]:
    """A perfect geoparser: the gold toponyms themselves."""
    return [
        [PredictedToponym(t.start, t.end, t.name, t.lat, t.lon, t.country) for t in d.toponyms]
        for d in docs
    ]


def test_evaluate_geo_scores_every_set_and_reports_it(tmp_path: Path) -> None:
    root = tmp_path / "geo"
    write_lgl(root / "lgl")
    write_geovirus(root / "geovirus")
    write_geowebnews(root / "geowebnews")
    write_wm(root / "wm-newslab")
    results = evaluate_geo(root, echo_gold, country_of=country_of)
    assert [s.set_name for s in results] == ["geovirus", "geowebnews", "lgl", "wm-newslab"]
    for scores in results:
        c = scores.overall
        assert c.recall == c.precision == 1.0
        assert c.acc_161 == 1.0 and c.resolved == c.recognised_with_coords
        assert scores.offsets is not None and scores.coverage
    report = format_geo_report(results)
    for name in ("geovirus", "geowebnews", "lgl", "wm-newslab", "FAC", "Literal", "lower bound"):
        assert name in report
    assert "(all shifted by -1)" in report
    payload = geo_scores_json(results)
    json.dumps(payload)  # plain JSON types only
    lgl = payload["sets"][2]
    assert lgl["set"] == "lgl" and lgl["recall"] == 100.0
    assert lgl["offsets"] == {
        "toponyms": 5,
        "stated_mismatches": 2,
        "shift": 0,
        "realigned": 1,
        "dropped": 1,
    }
    assert "precision" not in lgl["by_label"]["P"]
    assert geo_scores_json(results[0])["sets"][0]["set"] == "geovirus"


def test_report_of_a_set_with_nothing_found(tmp_path: Path) -> None:
    results = evaluate_geo(
        write_wm(tmp_path / "wm"), lambda docs: [[] for _ in docs], country_of=country_of
    )
    (scores,) = results
    assert isinstance(scores, GeoScores)
    assert (scores.overall.recognised, scores.overall.auc, scores.overall.median_km) == (
        0,
        None,
        None,
    )
    assert "wm" in format_geo_report(scores)


# --- the real sets (counts and offsets only) ---------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "docs", "toponyms", "with_coords", "realigned", "dropped"),
    [
        ("lgl", 588, 5088, 4462, 0, 0),
        ("tr-news", 118, 1319, 1275, 117, 0),
        ("geowebnews", 200, 2399, 2399, 0, 2),
        ("geovirus", 229, 2170, 2170, 0, 0),
        ("wm-newslab-gpe-loc-fac", 306, 306, 306, 0, 0),
    ],
)
def test_real_sets_read_with_offsets_that_hold(
    shared: Path,
    folder: str,
    docs: int,
    toponyms: int,
    with_coords: int,
    realigned: int,
    dropped: int,
) -> None:
    path = shared / "benchmarks" / "geo" / folder
    if not path.is_dir():
        pytest.skip(f"{path} is not present")
    geo_set = load_geo_set(path)
    read = [t for d in geo_set.docs for t in d.toponyms]
    assert (len(geo_set.docs), len(read), sum(t.lat is not None for t in read)) == (
        docs,
        toponyms,
        with_coords,
    )
    assert (geo_set.offsets.realigned, geo_set.offsets.dropped) == (realigned, dropped)
    for d in geo_set.docs:
        for t in d.toponyms:
            assert (
                " ".join(d.text[t.start : t.end].split()).casefold()
                == " ".join(t.name.split()).casefold()
            )
    if folder == "wm-newslab-gpe-loc-fac":
        assert {t.label for t in read} == {"GPE", "LOC", "FAC"}
    if folder in {"lgl", "tr-news"}:
        assert sum(d.published is not None for d in geo_set.docs) >= docs - 12
