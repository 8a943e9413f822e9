"""Event scoring: matching rules, one-to-one assignment, the three levels, shares and breakdowns.

All gold and prediction records here are invented for the tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.eval import EventScores, Mention, format_report, parse_mention, score_events
from eventwire.eval.matching import dates_overlap, same_article, same_name, same_sentence

SENT_A = "Ministers from Freedonia and Sylvania met in Lisbon on Tuesday to discuss river rights."
SENT_B = "Protesters blocked the bridge into the capital on Monday, police said."
SENT_C = "Border guards fired on a fishing boat near the island, officials said."


def mention(**fields: Any) -> Mention:
    """A gold-format mention with defaults; keyword arguments replace fields."""
    obj: dict[str, Any] = {
        "article": "report-1.txt",
        "sentence": SENT_A,
        "source": {"name": "Ana Costa", "country": "PRT", "sector": "GOV"},
        "type": "CONSULT",
        "mode": "meet",
        "target": {"name": "Ivo Marr", "country": "ESP", "sector": "GOV"},
        "location": {"name": "Lisbon", "country": "PRT"},
        "date": "2024-03-05",
        "factuality": "asserted",
    }
    obj.update(fields)
    return parse_mention(obj)


def actor(name: str | None, country: str | None) -> dict[str, Any]:
    return {"name": name, "country": country, "sector": None}


def levels(scores: EventScores) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name, prf in (
        ("type", scores.type),
        ("country", scores.country_dyad),
        ("actor", scores.actor_dyad),
    ):
        assert prf is not None
        out[name] = (prf.precision, prf.recall, prf.f1)
    return out


# --- exact matches and the three levels -----------------------------------------------------------


def test_identical_predictions_score_one_everywhere() -> None:
    gold = [mention(), mention(sentence=SENT_B, type="PROTEST", mode=None, target=None)]
    scores = score_events(gold, list(gold))
    assert levels(scores) == dict.fromkeys(("type", "country", "actor"), (1.0, 1.0, 1.0))
    assert scores.matched == 2
    assert scores.date_exact is not None and scores.date_exact.value == 1.0
    assert scores.factuality is not None and scores.factuality.value == 1.0


def test_wrong_target_country_counts_for_type_but_not_dyads() -> None:
    gold = [mention(type="ACCUSE", mode=None)]
    pred = [mention(type="ACCUSE", mode=None, target=actor("Ivo Marr", "FRA"))]
    scores = score_events(gold, pred)
    assert scores.type.tp == 1
    assert scores.country_dyad is not None and scores.country_dyad.tp == 0
    assert scores.actor_dyad is not None and scores.actor_dyad.tp == 1  # names still agree


def test_different_type_is_no_match() -> None:
    scores = score_events([mention(type="CONSULT")], [mention(type="AGREE", mode=None)])
    assert scores.type.tp == 0
    assert scores.type.precision == 0.0 and scores.type.recall == 0.0


def test_null_target_equals_null_target_only() -> None:
    gold = [mention(type="PROTEST", mode=None, target=None)]
    assert score_events(gold, [mention(type="PROTEST", mode=None, target=None)]).country_dyad == (
        score_events(gold, gold).country_dyad
    )
    with_target = score_events(gold, [mention(type="PROTEST", mode=None)])
    assert with_target.country_dyad is not None and with_target.country_dyad.tp == 0


def test_generic_igo_matches_specific_igo_codes() -> None:
    gold = [mention(type="REQUEST", mode=None, target=actor("United Nations", "IGO"))]
    pred = [mention(type="REQUEST", mode=None, target=actor("United Nations", "UNO"))]
    scores = score_events(gold, pred)
    assert scores.country_dyad is not None and scores.country_dyad.tp == 1


# --- symmetric events -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "swapped_ok"), [("meet", True), ("phone", True), (None, True), ("visit", False)]
)
def test_swapped_dyad_accepted_only_for_symmetric_consult(
    mode: str | None, swapped_ok: bool
) -> None:
    gold = [mention(mode=mode)]
    swapped = mention(
        mode=mode,
        source={"name": "Ivo Marr", "country": "ESP", "sector": "GOV"},
        target={"name": "Ana Costa", "country": "PRT", "sector": "GOV"},
    )
    scores = score_events(gold, [swapped])
    assert scores.type.tp == 1
    assert scores.country_dyad is not None and scores.actor_dyad is not None
    assert scores.country_dyad.tp == scores.actor_dyad.tp == int(swapped_ok)


def test_swapped_dyad_not_accepted_for_other_types() -> None:
    gold = [mention(type="AGREE", mode=None)]
    pred = [
        mention(
            type="AGREE",
            mode=None,
            source=actor("Ivo Marr", "ESP"),
            target=actor("Ana Costa", "PRT"),
        )
    ]
    scores = score_events(gold, pred)
    assert scores.country_dyad is not None and scores.country_dyad.tp == 0


# --- sentences ------------------------------------------------------------------------------------


def test_sentence_whitespace_quotes_and_dashes_are_folded() -> None:
    gold = "The minister said “we will not sign” – not this year."
    pred = 'The  minister said "we will not sign" -\u00a0not this year.'
    assert same_sentence(gold, pred)
    scores = score_events([mention(sentence=gold)], [mention(sentence=pred)])
    assert scores.type.tp == 1


def test_sentence_containment_needs_eighty_percent() -> None:
    with_dateline = "LISBON (Wire) — " + SENT_A
    assert len(SENT_A) >= 0.8 * len(with_dateline)
    assert same_sentence(SENT_A, with_dateline)
    assert same_sentence(with_dateline, SENT_A)
    fragment = "Ministers from Freedonia and Sylvania met in Lisbon"
    assert fragment in SENT_A and len(fragment) < 0.8 * len(SENT_A)
    assert not same_sentence(SENT_A, fragment)
    scores = score_events(
        [mention()], [mention(sentence=with_dateline), mention(sentence=fragment)]
    )
    assert (scores.type.tp, scores.type.predicted) == (1, 2)


def test_a_long_dateline_is_no_part_of_the_sentence() -> None:
    short = "Two fishermen were hurt in Arvik."
    dated = "PORT ARVIK, Northern Sylvania: " + short
    assert len(short) < 0.8 * len(dated)
    assert same_sentence(short, dated) and same_sentence(dated, short)
    assert not same_sentence("Two fishermen were hurt.", dated)


def test_other_sentence_of_same_article_is_no_match() -> None:
    scores = score_events([mention()], [mention(sentence=SENT_B)])
    assert scores.type.tp == 0


# --- articles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("report-1.txt", "report-1.txt", True),
        ("report-1.txt", "/data/in/report-1.txt", True),
        ("report-1.txt", "C:\\data\\report-1.txt", True),
        ("report-1.txt", "report-2.txt", False),
        (
            "https://news.example.org/2024/03/talks-end",
            "http://news.example.org/2024/03/talks-end/",
            True,
        ),
        ("talks-end", "https://news.example.org/2024/03/talks-end", True),
        ("https://news.example.org/item?id=7", "https://news.example.org/item?id=8", False),
        ("rec-7", "bench/records.jsonl#rec-7", True),
        ("rec-7", "bench/records.jsonl#rec-8", False),
        ("records.jsonl#rec-7", "/tmp/x/records.jsonl#rec-7", True),
        ("records.jsonl", "records.jsonl#rec-7", False),
    ],
)
def test_article_matching(gold: str, predicted: str, expected: bool) -> None:
    assert same_article(gold, predicted) is expected
    scores = score_events([mention(article=gold)], [mention(article=predicted)])
    assert scores.type.tp == int(expected)


# --- one-to-one -----------------------------------------------------------------------------------


def test_duplicate_predictions_match_once() -> None:
    gold = [mention(), mention()]
    pred = [mention(), mention(), mention()]
    scores = score_events(gold, pred)
    assert (scores.type.tp, scores.type.gold, scores.type.predicted) == (2, 2, 3)
    assert scores.type.precision == pytest.approx(2 / 3)
    assert scores.type.recall == 1.0
    one = score_events(gold, [mention()])
    assert (one.type.tp, one.type.recall, one.type.precision) == (1, 0.5, 1.0)


def test_matching_prefers_agreeing_dyads_over_input_order() -> None:
    first = mention(
        type="ASSAULT",
        mode=None,
        sentence=SENT_C,
        source=actor("A", "AAA"),
        target=actor("B", "BBB"),
    )
    second = mention(
        type="ASSAULT",
        mode=None,
        sentence=SENT_C,
        source=actor("C", "CCC"),
        target=actor("D", "DDD"),
    )
    scores = score_events([first, second], [second, first])
    assert scores.country_dyad is not None and scores.country_dyad.tp == 2
    assert scores.matches == ((0, 1), (1, 0))


def test_matching_prefers_agreeing_dates_when_dyads_tie() -> None:
    gold = [mention(date="2024-03-04"), mention(date="2024-03-05")]
    pred = [mention(date="2024-03-05"), mention(date="2024-03-04")]
    scores = score_events(gold, pred)
    assert scores.date_exact is not None and scores.date_exact.value == 1.0


def test_dyad_preference_outranks_date_preference() -> None:
    gold = [mention(type="AID", mode=None, date="2024-01-01")]
    pred = [
        mention(type="AID", mode=None, date="2024-01-01", target=actor("Ivo Marr", "FRA")),
        mention(type="AID", mode=None, date="2023-12-31"),
    ]
    scores = score_events(gold, pred)
    assert scores.matches == ((0, 1),)
    assert scores.country_dyad is not None and scores.country_dyad.tp == 1


# --- dates, locations, factuality -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "exact", "overlap"),
    [
        ("2024-04-15", "2024-04-15", True, True),
        ("2024-04-15/2024-04-16", "2024-04-16", False, True),
        ("2024-04", "2024-04-30", False, True),
        ("2024-04", "2024-05-01", False, False),
        ("2024", "2023-12-31", False, False),
        ("2023-12-30/2024-01-02", "2024", False, True),
        ("2024-02", "2024-02-29", False, True),
        (None, None, True, True),
        (None, "2024-04-15", False, False),
        ("2024-04-15", None, False, False),
    ],
)
def test_date_exact_and_overlap(
    gold: str | None, predicted: str | None, exact: bool, overlap: bool
) -> None:
    assert dates_overlap(gold, predicted) is overlap
    scores = score_events([mention(date=gold)], [mention(date=predicted)])
    assert scores.date_exact is not None and scores.date_overlap is not None
    assert (scores.date_exact.correct, scores.date_overlap.correct, scores.date_exact.total) == (
        int(exact),
        int(overlap),
        1,
    )


def test_location_share_counts_only_gold_with_a_located_country() -> None:
    gold = [
        mention(sentence=SENT_A, location={"name": "Lisbon", "country": "PRT"}),
        mention(sentence=SENT_B, location={"name": "Porto", "country": "PRT"}),
        mention(sentence=SENT_C, location=None),
        mention(article="report-2.txt", location={"name": "the bridge", "country": None}),
    ]
    pred = [
        mention(sentence=SENT_A, location={"name": "Lisboa", "country": "PRT"}),
        mention(sentence=SENT_B, location=None),
        mention(sentence=SENT_C, location={"name": "Faro", "country": "PRT"}),
        mention(article="report-2.txt", location={"name": "Faro", "country": "PRT"}),
    ]
    scores = score_events(gold, pred)
    assert scores.matched == 4
    assert scores.location_country is not None
    assert (scores.location_country.correct, scores.location_country.total) == (1, 2)


def test_factuality_share() -> None:
    gold = [mention(factuality="planned"), mention(sentence=SENT_B, factuality="negated")]
    pred = [mention(factuality="planned"), mention(sentence=SENT_B, factuality="asserted")]
    scores = score_events(gold, pred)
    assert scores.factuality is not None
    assert (scores.factuality.correct, scores.factuality.total, scores.factuality.value) == (
        1,
        2,
        0.5,
    )


def test_shares_are_empty_not_zero_without_matches() -> None:
    scores = score_events([mention()], [])
    assert scores.date_exact is not None and scores.date_exact.value is None
    assert scores.to_dict()["matched"]["date_exact"] == {"share": None, "correct": 0, "total": 0}


# --- annotation coverage, ignore=, articles= ------------------------------------------------------


def test_unannotated_fields_are_reported_as_such() -> None:
    gold = [mention(annotated=["country"], date=None, factuality="asserted")]
    pred = [mention(date="2024-01-01", factuality="planned")]
    scores = score_events(gold, pred)
    assert scores.country_dyad is not None and scores.country_dyad.tp == 1
    assert scores.actor_dyad is None
    assert (
        scores.date_exact
        is scores.date_overlap
        is scores.factuality
        is scores.location_country
        is None
    )
    out = scores.to_dict()
    assert out["levels"]["actor_dyad"] is None and out["matched"]["factuality"] is None
    assert "type + actor dyad" in format_report(scores)
    assert "not annotated" in format_report(scores)


def test_partly_annotated_actor_level_scores_on_the_annotated_gold() -> None:
    gold = [mention(), mention(sentence=SENT_B, annotated=["country"])]
    pred = [mention(), mention(sentence=SENT_B), mention(sentence=SENT_C)]
    scores = score_events(gold, pred)
    assert scores.actor_dyad is not None
    # gold: only the first annotates actors; predictions: all but the one matched to the second
    assert (scores.actor_dyad.tp, scores.actor_dyad.gold, scores.actor_dyad.predicted) == (1, 1, 2)
    assert scores.country_dyad is not None
    assert (scores.country_dyad.gold, scores.country_dyad.predicted) == (2, 3)


def test_ignore_turns_fields_off() -> None:
    scores = score_events(
        [mention()], [mention(factuality="planned")], ignore=("factuality", "date")
    )
    assert scores.factuality is None and scores.date_exact is None
    assert scores.location_country is not None
    with pytest.raises(ValueError, match="unknown"):
        score_events([mention()], [], ignore=("colour",))


def test_articles_limit_the_scored_predictions() -> None:
    pred = [mention(article="in/records.jsonl#r1"), mention(article="in/records.jsonl#r9")]
    scores = score_events([mention(article="r1")], [pred[1], pred[0]], articles=["r1", "r2"])
    assert (scores.type.tp, scores.type.predicted, scores.ignored_predictions) == (1, 1, 1)
    assert scores.matches == ((0, 1),)  # indices into the predictions as given


# --- per type, confusions, output -----------------------------------------------------------------


def test_per_type_breakdown_and_confusions_by_hand() -> None:
    gold = [
        mention(sentence=SENT_A, type="CONSULT"),
        mention(sentence=SENT_A, type="CONSULT", target=actor("Eva Lind", "SWE")),
        mention(sentence=SENT_B, type="PROTEST", mode=None),
        mention(sentence=SENT_C, type="ASSAULT", mode=None),
    ]
    pred = [
        mention(sentence=SENT_A, type="CONSULT"),
        mention(sentence=SENT_B, type="PROTEST", mode=None),
        mention(sentence=SENT_C, type="COERCE", mode=None),
        mention(article="report-9.txt", type="AID", mode=None),
    ]
    scores = score_events(gold, pred)
    assert (scores.type.tp, scores.type.gold, scores.type.predicted) == (2, 4, 4)
    assert levels(scores)["type"] == (0.5, 0.5, 0.5)
    per_type = {name: (prf.tp, prf.gold, prf.predicted) for name, prf in scores.per_type}
    assert per_type == {
        "AID": (0, 0, 1),
        "ASSAULT": (0, 1, 0),
        "COERCE": (0, 0, 1),
        "CONSULT": (1, 2, 1),
        "PROTEST": (1, 1, 1),
    }
    consult = dict(scores.per_type)["CONSULT"]
    assert (consult.precision, consult.recall, round(consult.f1, 4)) == (1.0, 0.5, 0.6667)
    assert scores.missed == (("ASSAULT", 1), ("CONSULT", 1))
    assert [(c.gold_type, c.predicted_type, c.count) for c in scores.confusions] == [
        ("ASSAULT", "COERCE", 1),
        ("CONSULT", None, 1),
    ]


def test_to_dict_has_stable_keys_and_rounded_numbers() -> None:
    scores = score_events(
        [mention(), mention(sentence=SENT_B)], [mention(), mention(sentence=SENT_C)]
    )
    out = scores.to_dict()
    assert list(out) == ["counts", "levels", "matched", "per_type", "missed", "confusions"]
    assert list(out["levels"]) == ["type", "country_dyad", "actor_dyad"]
    assert list(out["matched"]) == [
        "date_exact",
        "date_overlap",
        "location_country",
        "location_place",
        "factuality",
    ]
    assert out["levels"]["type"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "tp": 1,
        "gold": 2,
        "predicted": 2,
    }
    three = score_events([mention()] * 3, [mention()]).to_dict()["levels"]["type"]
    assert three["recall"] == 0.3333 and three["f1"] == 0.5


def test_report_is_a_readable_table() -> None:
    report = format_report(score_events([mention()], [mention(date="2024-03")]), title="demo")
    assert report.startswith("demo: 1 gold, 1 predicted, 1 matched")
    for label in (
        "type + country dyad",
        "date (exact)",
        "date (overlapping)",
        "factuality",
        "CONSULT",
    ):
        assert label in report
    assert "0.000" in report.split("date (exact)")[1].splitlines()[0]


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    scores = score_events([], [])
    assert (scores.type.precision, scores.type.recall, scores.type.f1) == (1.0, 1.0, 1.0)


# --- actor names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kim Jong Un", "Kim Jong Un", True),
        ("Kim", "Kim Jong Un", True),
        ("President Kim Jong Un", "Kim Jong-un", True),  # a hyphen is a space
        ("Jong Un", "Kim Jong Un", True),
        ("Trump", "Donald Trump", True),
        ("Mr. Trump", "President Donald J. Trump", True),
        ("Prime Minister Ana Costa", "Ana Costa", True),
        ("the United States", "United States", True),
        ("U.S.", "US", True),
        ("Vojislav Koštunica", "Vojislav Kostunica", True),  # accents differ between sources
        ("Kim Yo Jong", "Kim Jong Un", False),
        ("Ana Costa", "Ivo Marr", False),
        ("Costa", "Ana Costa Lima", False),
        (None, None, True),
        (None, "Ana Costa", False),
    ],
)
def test_name_matching(a: str | None, b: str | None, expected: bool) -> None:
    assert same_name(a, b) is expected
    assert same_name(b, a) is expected
