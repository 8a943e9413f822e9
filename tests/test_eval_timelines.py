"""Timeline scoring (dates, concatenated and date-aligned ROUGE), the two systems, the reader.

Topics, articles and gold timelines are invented here (the Valdoria protests of 2030) in the
news-tls format; fused events are built by hand so the selection rules are tested without a
model. One test reads the real Timeline17 subset from ../shared and skips when it is absent; one
runs the real pipeline on an invented topic and skips without the spaCy model.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MODEL, run_cli

from eventwire.config import load_settings
from eventwire.errors import EventwireError
from eventwire.eval.rouge import detokenize, ngrams, overlap, words
from eventwire.eval.timeline_sets import (
    DatedSummary,
    DatedTimeline,
    TimelineEvalError,
    TopicArticle,
    read_timeline17,
)
from eventwire.eval.timelines import (
    PipelineEvents,
    TimelineReport,
    evaluate_timelines,
    event_timeline,
    format_timeline_report,
    publication_timeline,
    score_timeline,
)
from eventwire.link.fusion import FusedEvent, fuse
from eventwire.link.timeline import timeline
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Event,
    EventCode,
    EventDate,
    Factuality,
    TextSpan,
)
from eventwire.store.events import StoredEvent

D1, D2, D3, D4 = (dt.date(2030, 5, day) for day in (1, 2, 3, 4))


def tl(*entries: tuple[dt.date, Sequence[str]]) -> DatedTimeline:
    return DatedTimeline(tuple(DatedSummary(day, tuple(s)) for day, s in entries))


# -- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokenised", "plain"),
    [
        ("Police fired -LRB- again -RRB- on crowds .", "Police fired (again) on crowds."),
        ("He said `` we wo n't leave '' today .", 'He said "we won\'t leave" today.'),
        (
            "Valdoria 's army , the police and 1,100 troops",
            "Valdoria's army, the police and 1,100 troops",
        ),
        ("Already plain, isn't it?", "Already plain, isn't it?"),
        ("  ", ""),
    ],
)
def test_ptb_escapes_are_undone(tokenised: str, plain: str) -> None:
    assert detokenize(tokenised) == plain


def test_words_are_lower_cased_letters_and_digits_without_stemming() -> None:
    assert words("Protesters -LRB- 1,100 -RRB- marched in Port-Vell !") == [
        "protesters",
        "1",
        "100",
        "marched",
        "in",
        "port",
        "vell",
    ]
    assert words("the THE protests") == ["the", "the", "protests"]  # no stopwords dropped


def test_bigrams_do_not_cross_sentence_boundaries() -> None:
    assert ngrams(["a b", "c d"], 2) == {("a", "b"): 1, ("c", "d"): 1}


# -- metrics -----------------------------------------------------------------------------------


def test_rouge_counts_are_clipped() -> None:
    o = overlap(["the the the army"], ["the army fired"], 1)
    # predicted: the×3 army; gold: the army fired; matches: the (clipped to 1), army
    assert (o.matched, o.predicted, o.gold) == (2, 4, 3)
    assert o.precision == pytest.approx(0.5)
    assert o.recall == pytest.approx(2 / 3)
    assert o.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_a_hand_worked_timeline() -> None:
    gold = tl((D1, ["army fired on crowds"]), (D3, ["talks began in the capital"]))
    pred = tl((D1, ["talks began"]), (D2, ["army fired"]))
    s = score_timeline(pred, gold)
    assert (s.gold_dates, s.predicted_dates, s.matched_dates) == (2, 2, 1)
    assert s.date_f1 == pytest.approx(0.5)
    r1, r2 = s.concatenated
    assert (r1.matched, r1.predicted, r1.gold) == (4, 4, 9)
    assert (r2.matched, r2.predicted, r2.gold) == (2, 2, 7)
    a1, a2 = s.aligned  # only 2030-05-01 is on both sides, and there nothing matches
    assert (a1.matched, a1.predicted, a1.gold) == (0, 4, 9)
    assert (a2.matched, a2.predicted, a2.gold) == (0, 2, 7)
    assert s.figures()["rouge1_aligned_f1"] == 0.0


def test_a_perfect_timeline_scores_one_and_an_empty_one_zero() -> None:
    gold = tl((D1, ["army fired on crowds"]), (D3, ["talks began", "a curfew was declared"]))
    perfect = score_timeline(gold, gold).figures()
    assert all(value == pytest.approx(1.0) for value in perfect.values())
    empty = score_timeline(tl(), gold).figures()
    assert all(value == 0.0 for value in empty.values())


def test_date_aligned_never_beats_concatenated() -> None:
    gold = tl((D1, ["army fired on crowds"]), (D2, ["crowds fired back"]))
    pred = tl((D1, ["crowds fired back"]), (D2, ["army fired on crowds"]), (D3, ["more"]))
    s = score_timeline(pred, gold)
    for concat, aligned in zip(s.concatenated, s.aligned, strict=True):
        assert aligned.matched <= concat.matched
        assert (aligned.predicted, aligned.gold) == (concat.predicted, concat.gold)
    assert s.concatenated[0].recall == pytest.approx(1.0)
    assert s.aligned[0].recall < 1.0


# -- the two systems ---------------------------------------------------------------------------

CROWD = Actor("group:VAL:crowd", "Valdorian crowd", ActorKind.GROUP, "VAL", "CVL")
POLICE = Actor("group:VAL:police", "Valdorian police", ActorKind.GROUP, "VAL", "COP")


def mention(article: str, sentence: str, *, start: int = 0) -> StoredEvent:
    event = Event(
        article_id=article,
        sentence=TextSpan(start, start + len(sentence), sentence),
        trigger=TextSpan(start, start + 1, sentence[:1]),
        code=EventCode("PROTEST", "demo", "141", 3, -6.5),
        factuality=Factuality.ASSERTED,
    )
    return StoredEvent(event, f"{article}.txt", None, "Valdoria Daily", D4)


def event(
    fid: str,
    date: str,
    *evidence: StoredEvent,
    precision: str = "day",
    factuality: Factuality = Factuality.ASSERTED,
) -> FusedEvent:
    return FusedEvent(
        id=fid,
        type="PROTEST",
        mode="demo",
        source=CROWD,
        target=None,
        factuality=factuality,
        date=date,
        date_precision=precision,
        place=None,
        facility=None,
        duration=None,
        evidence=evidence,
        planned_mentions=0,
        conflicts=(),
    )


def test_dates_are_chosen_by_reports_then_mentions_and_only_days_count() -> None:
    fused = [
        event("one-report", "2030-05-01", mention("a1", "Crowds gathered in Port Vell.")),
        event(  # two mentions, but one report
            "one-report-twice",
            "2030-05-02",
            mention("a2", "Crowds marched on the palace."),
            mention("a2", "The march reached the palace gates.", start=40),
        ),
        event(
            "two-reports",
            "2030-05-03",
            mention("a3", "A strike closed the port."),
            mention("a4", "Dockers struck for a second day."),
        ),
        event(
            "month",
            "2030-05",
            mention("a5", "May saw protests."),
            mention("a6", "x y"),
            mention("a7", "z w"),
            precision="month",
        ),
        event(
            "negated",
            "2030-05-04",
            mention("a8", "No march took place."),
            mention("a9", "q"),
            factuality=Factuality.NEGATED,
        ),
    ]
    entries = timeline(fused, undated=False)
    assert event_timeline(entries, 2, 1).days == (D2, D3)  # 05-01 loses the tie on mentions
    assert event_timeline(entries, 9, 1).days == (D1, D2, D3)  # no month, nothing negated
    assert event_timeline(entries, 9, 1, span=(D2, D4)).days == (D2, D3)


def test_a_summary_takes_each_event_in_turn_and_skips_near_duplicates() -> None:
    fused = [
        event(
            "big",
            "2030-05-01",
            mention("a1", "Thousands of protesters filled the main square of Port Vell."),
            mention("a2", "Thousands of protesters filled the main square in Port Vell."),
            mention("a3", "The square stayed full until midnight, witnesses said."),
        ),
        event("small", "2030-05-01", mention("a4", "Police arrested a union leader.")),
    ]
    entries = timeline(fused, undated=False)
    (two,) = event_timeline(entries, 1, 2).entries
    assert two.sentences == (
        "Thousands of protesters filled the main square of Port Vell.",
        "Police arrested a union leader.",
    )
    (three,) = event_timeline(entries, 1, 3).entries  # the near-duplicate from a2 is skipped
    assert three.sentences[2] == "The square stayed full until midnight, witnesses said."


def test_mentions_go_through_fuse_and_timeline() -> None:
    def dated(article: str, sentence: str, day: str) -> StoredEvent:
        stored = mention(article, sentence)
        found = replace(
            stored.event,
            source=ActorMention(CROWD, TextSpan(0, 6, sentence[:6])),
            date=EventDate(day, "day", "explicit"),
        )
        return replace(stored, event=found)

    stored = [
        dated("a1", "Crowds marched in Port Vell on Monday.", "2030-05-01"),
        dated("a2", "On Monday, crowds marched through Port Vell.", "2030-05-01"),
        dated("a3", "Crowds marched again on Tuesday.", "2030-05-02"),
    ]
    entries = timeline(fuse(stored), undated=False)
    assert [e.event.articles for e in entries] == [2, 1]  # the two reports of Monday are one event
    (monday,) = event_timeline(entries, 1, 2).entries
    assert monday.day == D1  # the second report says the same in other words: skipped
    assert monday.sentences == ("Crowds marched in Port Vell on Monday.",)


def test_the_baseline_takes_the_busiest_publication_days() -> None:
    articles = [
        TopicArticle("1", D2, ("Late report.", "More.")),
        TopicArticle("2", D1, ("First of May 1.",)),
        TopicArticle("3", D2, ("Second of May 2.",)),
        TopicArticle("4", D1, ("Another of May 1.",)),
        TopicArticle("5", D3, ("Only of May 3.",)),
    ]
    base = publication_timeline(articles, 2)
    assert base.days == (D1, D2)  # D3 has one article
    assert base.at(D2) == ("Late report.",)  # the first article in the order given, one sentence
    assert publication_timeline(articles, 2, span=(D2, D3)).days == (D2, D3)


# -- reading and running -----------------------------------------------------------------------

ARTICLES = [
    {
        "id": "1",
        "time": "2030-05-01",
        "text": "Crowds gathered in Port Vell . \nPolice watched . \n",
    },
    {"id": "2", "time": "2030-05-02", "text": "Police fired tear gas -LRB- again -RRB- . \n"},
    {"id": "3", "time": "2030-05-02", "text": "The interior minister resigned . \n"},
    {"id": "4", "time": "2030-05-09", "text": "Outside the gold span . \n"},
]
GOLD = [
    [
        ["2030-05-01", ["Crowds gathered in Port Vell . \n"]],
        ["2030-05-02", ["Police fired tear gas . \n", "The minister resigned . \n"]],
    ]
]


def write_topic(folder: Path, articles: list[dict[str, str]], gold: list[object]) -> Path:
    folder.mkdir(parents=True)
    lines = [json.dumps(a) for a in articles]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [json.dumps(timeline) for timeline in gold]  # one gold timeline a line
    (folder / "timelines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_topics_are_read_from_a_folder_of_topics_or_one_topic(tmp_path: Path) -> None:
    write_topic(tmp_path / "Valdoria", ARTICLES, GOLD)
    write_topic(tmp_path / "Ornland", ARTICLES[:1], GOLD)
    (tmp_path / "notes").mkdir()
    topics = read_timeline17(tmp_path)
    assert [t.name for t in topics] == ["Ornland", "Valdoria"]
    (valdoria,) = read_timeline17(tmp_path, topic="Valdoria")
    assert read_timeline17(tmp_path / "Valdoria")[0].name == "Valdoria"
    assert [a.id for a in valdoria.articles] == ["1", "2", "3", "4"]
    assert valdoria.articles[1].sentences == ("Police fired tear gas (again).",)
    (gold,) = valdoria.gold
    assert gold.days == (D1, D2)
    assert (gold.sentences, gold.sentences_per_date, gold.span) == (3, 2, (D1, D2))


@pytest.mark.parametrize(
    ("articles", "gold", "message"),
    [
        ('{"id": "1", "time": "2030-05-01", "text": ', "[]", "not valid JSON"),
        ('{"id": "1", "text": "x"}', "[]", "not an article"),
        ('{"id": "1", "time": "May Day", "text": "x"}', "[]", "not a date"),
        ('{"id": "1", "time": "2030-05-01", "text": "x"}', "[]", "no dates"),
        ('{"id": "1", "time": "2030-05-01", "text": "x"}', '[["2030-05-01", "x"]]', r"not \[date"),
        ('{"id": "1", "time": "2030-05-01", "text": "x"}', "", "no gold timeline"),
    ],
)
def test_bad_files_are_named(tmp_path: Path, articles: str, gold: str, message: str) -> None:
    (tmp_path / "articles.jsonl").write_text(articles + "\n", encoding="utf-8")
    (tmp_path / "timelines.jsonl").write_text(gold + "\n", encoding="utf-8")
    with pytest.raises(TimelineEvalError, match=message) as info:
        read_timeline17(tmp_path)
    assert isinstance(info.value, EventwireError)


def test_missing_folders_and_topics_are_errors(tmp_path: Path) -> None:
    with pytest.raises(TimelineEvalError, match="no such folder"):
        read_timeline17(tmp_path / "nope")
    with pytest.raises(TimelineEvalError, match="no topic folders"):
        read_timeline17(tmp_path)
    write_topic(tmp_path / "Valdoria", ARTICLES, GOLD)
    with pytest.raises(TimelineEvalError, match=r"no topic 'Ornland' \(topics: Valdoria\)"):
        read_timeline17(tmp_path, topic="Ornland")


def test_evaluation_feeds_the_articles_inside_the_gold_span_to_the_pipeline(
    tmp_path: Path,
) -> None:
    write_topic(tmp_path / "Valdoria", ARTICLES, GOLD)
    seen: list[list[str]] = []

    def events(articles: Sequence[TopicArticle]) -> list[FusedEvent]:
        seen.append([a.id for a in articles])
        return [
            event("gas", "2030-05-02", mention("2", "Police fired tear gas (again).")),
            event("quit", "2030-05-02", mention("3", "The interior minister resigned.")),
        ]

    report = evaluate_timelines(tmp_path, events=events)
    assert seen == [["1", "2", "3"]]  # article 4 is outside the gold span
    (topic,) = report.topics
    assert topic.articles == 3
    ours = topic.figures("events")
    assert (ours["date_precision"], ours["date_recall"]) == (1.0, 0.5)
    assert ours["rouge1_aligned_f1"] > 0.5
    base = topic.figures("baseline")
    assert base["date_f1"] == 1.0  # both gold days have articles
    assert report.mean("events") == ours
    data = json.loads(json.dumps(report.to_dict()))
    assert data["topics"][0]["events"][0]["days"] == ["2030-05-02"]
    assert data["topics"][0]["events"][0]["rouge1_concat"]["gold"] == 12  # 5 + 4 + 3 words
    text = format_timeline_report(report)
    assert "Valdoria" in text
    assert "baseline" in text
    assert "mean" in text


def test_an_empty_report_formats() -> None:
    assert "0 topics" in format_timeline_report(TimelineReport(()))


@pytest.mark.shared
def test_the_real_timeline17_subset_reads_as_documented(shared: Path) -> None:
    subset = shared / "benchmarks" / "stories" / "timeline17_subset"
    topics = {t.name: t for t in read_timeline17(subset)}
    expected = {"SyrianCrisis_bbc": (308, 13, 31, 2), "EgyptianProtest_cnn": (273, 20, 56, 3)}
    for name, (articles, dates, sentences, per_date) in expected.items():
        topic = topics[name]
        (gold,) = topic.gold
        assert len(topic.articles) == articles
        assert (len(gold.entries), gold.sentences, gold.sentences_per_date) == (
            dates,
            sentences,
            per_date,
        )
        assert not any("-LRB-" in s or "``" in s for a in topic.articles for s in a.sentences)
        baseline = score_timeline(publication_timeline(topic.articles, dates, span=gold.span), gold)
        assert baseline.predicted_dates == dates
        assert 0.0 < baseline.concatenated[0].f1 < 1.0


# -- the real pipeline -------------------------------------------------------------------------

MODEL_MISSING = importlib.util.find_spec(MODEL) is None
STORY = [
    {
        "id": "1",
        "time": "2030-05-02",
        "text": "Thousands of protesters marched in Paris on Monday . \n"
        "French police arrested dozens of protesters in Paris on Monday . \n",
    },
    {
        "id": "2",
        "time": "2030-05-03",
        "text": "French police arrested 40 protesters in Paris on Monday , officials said . \n",
    },
]
STORY_GOLD = [[["2030-04-29", ["Police arrested dozens of protesters in Paris . \n"]]]]


@pytest.mark.skipif(MODEL_MISSING, reason=f"spaCy model {MODEL} is not installed")
def test_the_pipeline_dates_events_to_the_day_they_happened(tmp_path: Path) -> None:
    write_topic(tmp_path / "France", STORY, STORY_GOLD)
    (topic,) = read_timeline17(tmp_path)
    fused = PipelineEvents(load_settings(environ={}))(topic.articles)
    days = {f.date for f in fused if f.date_precision == "day"}
    assert "2030-04-29" in days  # "Monday" before the report of 2 May 2030


@pytest.mark.slow
@pytest.mark.skipif(MODEL_MISSING, reason=f"spaCy model {MODEL} is not installed")
def test_the_command_scores_a_topic(tmp_path: Path) -> None:
    write_topic(tmp_path / "topics" / "France", STORY, [[["2030-05-02", ["Protesters marched ."]]]])
    result = run_cli("eval", "timeline", str(tmp_path / "topics"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["topic"] for t in data["topics"]] == ["France"]
    assert set(data["mean"]) == {"events", "baseline"}
    assert "France: 2 articles" in result.stderr
    missing = run_cli("eval", "timeline", str(tmp_path / "topics"), "--topic", "Ornland")
    assert missing.returncode == 1
    assert "no topic 'Ornland'" in missing.stderr
