"""Story clustering: reports of one event join, other events (and the same event months later) do
not; TF-IDF features; titles; export and reload of an index.

Every report here is invented for these tests (names of real leaders and places, our own words).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import pytest

from eventwire.link.stories import (
    IndexState,
    Story,
    StoryDoc,
    StoryIndex,
    StoryOptions,
    StoryStateError,
    date_range,
    stated_days,
    title,
)
from eventwire.link.text import DocumentFrequency, extract_features, stem, tokenize, weigh

D = dt.date

# Three visits of Kim Jong Un to Beijing to meet Xi Jinping, months apart, with heavily
# overlapping words; the third has three reports of the train's arrival.
MARCH = [
    StoryDoc(
        "m1",
        "Kim Jong Un makes secret visit to Beijing to meet Xi Jinping",
        "North Korean leader Kim Jong Un travelled to Beijing by armoured train for talks with"
        " Chinese President Xi Jinping, state media in both countries confirmed on Wednesday."
        " It was Kim's first known trip abroad since he took power in 2011. Xi hosted a banquet"
        " for Kim and his wife Ri Sol Ju at the Great Hall of the People. Kim told Xi he was"
        " committed to ending nuclear weapons on the peninsula.",
        D(2018, 3, 28),
    ),
    StoryDoc(
        "m2",
        "Xi and Kim hold first meeting in surprise trip",
        "Chinese state television showed Xi Jinping shaking hands with Kim Jong Un in Beijing."
        " The unannounced visit lasted from Sunday to Wednesday and was kept secret until Kim's"
        " train had left China. Analysts said the first meeting between the two leaders restored"
        " ties strained by Pyongyang's nuclear tests, ahead of planned summits with Seoul and"
        " Washington.",
        D(2018, 3, 28),
    ),
]
JUNE = [
    StoryDoc(
        "j1",
        "Kim Jong Un arrives in Beijing for third visit this year",
        "North Korean leader Kim Jong Un flew to Beijing on Tuesday for a two-day visit, a week"
        " after his summit with US President Donald Trump in Singapore. Chinese President Xi"
        " Jinping was expected to discuss the Singapore agreement and the easing of sanctions"
        " with Kim. Motorcades were seen leaving the airport toward the Diaoyutai state"
        " guesthouse.",
        D(2018, 6, 19),
    ),
    StoryDoc(
        "j2",
        "Xi praises Singapore summit as Kim visits again",
        "Xi Jinping praised Kim Jong Un for the results of the Singapore summit as the two"
        " leaders met in Beijing on Wednesday. Kim visited an agricultural research centre and a"
        " rail traffic control centre before flying home to Pyongyang. It was the third meeting"
        " between Kim and Xi in three months.",
        D(2018, 6, 20),
    ),
]
TRAIN = [
    StoryDoc(
        "t1",
        "Kim Jong Un's train arrives in Beijing",
        "A green armoured train carrying North Korean leader Kim Jong Un pulled into Beijing"
        " railway station on Tuesday morning. Security was tight around the station and"
        " motorcades headed toward the Great Hall of the People. Kim was invited by Chinese"
        " President Xi Jinping, the Xinhua agency said, and his visit falls on his 35th birthday.",
        D(2019, 1, 8),
    ),
    StoryDoc(
        "t2",
        "North Korean leader's train reaches Beijing on his birthday",
        "Kim Jong Un arrived in Beijing by train on Tuesday for his fourth visit to China,"
        " accompanied by his wife Ri Sol Ju. The armoured train crossed the border at Dandong"
        " overnight. The visit comes as preparations continue for a second summit between Kim"
        " and Donald Trump.",
        D(2019, 1, 8),
    ),
    StoryDoc(
        "t3",
        "Xi Jinping hosts Kim Jong Un in Beijing",
        "Chinese President Xi Jinping held talks with Kim Jong Un at the Great Hall of the People"
        " on Tuesday after the North Korean leader's train arrived in Beijing. Xi said China"
        " supported a second summit between Pyongyang and Washington. Kim is due to leave"
        " Beijing by train on Wednesday.",
        D(2019, 1, 9),
    ),
]
QUAKE = StoryDoc(
    "q1",
    "Strong earthquake shakes southern Peru",
    "A magnitude 6.1 earthquake struck near the town of Arequipa in southern Peru on Tuesday,"
    " damaging adobe houses and cutting roads in the Andes. Civil defence officials said two"
    " people were injured and several villages lost power. The quake was felt as far away as the"
    " coast of northern Chile.",
    D(2019, 1, 8),
)
DATED = [*MARCH, *JUNE, *TRAIN, QUAKE]

# Undated pairs of events of one kind, as in ECB+: two Indonesian earthquakes, two bribery arrests.
UNDATED = [
    StoryDoc(
        "pa1",
        "Quake kills four in Indonesia's Papua",
        "A magnitude 6.4 earthquake shook Manokwari in West Papua early on Monday, killing four"
        " people and flattening dozens of wooden homes. Officials said hundreds of residents spent"
        " the night outdoors, afraid of aftershocks. The disaster agency sent tents and medical"
        " teams from Jayapura.",
        None,
    ),
    StoryDoc(
        "pa2",
        "Thousands shelter in tents after Papua earthquakes",
        "Thousands of people in Manokwari were sleeping in tents on Tuesday after two strong"
        " earthquakes damaged houses, a church and the main market. The death toll rose to four,"
        " with more than 40 injured, the West Papua disaster agency said. Aftershocks continued"
        " through the night.",
        None,
    ),
    StoryDoc(
        "ac1",
        "Earthquake in Aceh kills at least 20",
        "A magnitude 6.1 earthquake hit the highlands of Aceh province on the island of Sumatra on"
        " Tuesday, killing at least 20 people. Landslides cut the road between Takengon and Bener"
        " Meriah, slowing rescuers. Many of the dead were children buried when a school"
        " collapsed.",
        None,
    ),
    StoryDoc(
        "ac2",
        "Aceh quake death toll rises as rescuers dig",
        "Rescuers in Aceh dug through mud and rubble with their hands as the death toll from the"
        " earthquake rose to 24. The Sumatra quake destroyed mosques and homes in Bener Meriah and"
        " Central Aceh districts. The provincial governor declared two weeks of emergency.",
        None,
    ),
    StoryDoc(
        "ac3",
        "Indonesian president visits Aceh earthquake zone",
        "Indonesia's president flew to Takengon to meet survivors of the earthquake that struck"
        " the Aceh highlands. He promised to rebuild the collapsed school and the damaged mosques,"
        " and told the army to reopen the landslide-blocked roads to Bener Meriah.",
        None,
    ),
    StoryDoc(
        "ma1",
        "City mayor arrested over bribes for building permits",
        "Anti-corruption investigators arrested the mayor of Bandung at his home, accusing him of"
        " taking bribes in exchange for building permits. Investigators seized cash and"
        " documents. The mayor's lawyer said his client denied all the charges.",
        None,
    ),
    StoryDoc(
        "ma2",
        "Bandung mayor detained in permit bribery case",
        "The mayor of Bandung was placed in detention for twenty days while investigators examine"
        " payments from property developers. The anti-graft commission said the bribes were"
        " linked to permits for a shopping mall.",
        None,
    ),
    StoryDoc(
        "fm1",
        "Former fisheries minister arrested in export licence scandal",
        "Anti-corruption investigators arrested a former fisheries minister at the airport on his"
        " return from a trip abroad. He is accused of taking bribes from companies seeking"
        " licences to export lobster seedlings. Investigators seized luxury watches and cash.",
        None,
    ),
    StoryDoc(
        "fm2",
        "Ex-minister named suspect over lobster export licences",
        "The anti-graft commission named the former fisheries minister a suspect in a bribery case"
        " over lobster seedling export licences. The commission said several companies paid him"
        " through a shipping firm.",
        None,
    ),
]


# Two undated warehouse fires: three reports of one in Dunmore; then a thin first report of another
# in Halsey Vale that reads like the first fire, and two reports with its own details.
DUNMORE = [
    StoryDoc(
        "a1",
        "Fire destroys warehouse in Dunmore",
        "A fire destroyed a furniture warehouse in the port town of Dunmore overnight, the fire"
        " service said. Firefighters fought the blaze for six hours. No one was hurt, but the"
        " warehouse owner, Gareth Pryce, said stock worth two million pounds was lost.",
        None,
    ),
    StoryDoc(
        "a2",
        "Dunmore warehouse fire: owner counts the cost",
        "Gareth Pryce stood outside the burnt shell of his furniture warehouse in Dunmore on"
        " Sunday. The fire service said the blaze started in a loading bay. Firefighters from"
        " three stations were called to the warehouse fire.",
        None,
    ),
    StoryDoc(
        "a3",
        "Investigators examine cause of Dunmore warehouse blaze",
        "Fire investigators are examining the loading bay where the Dunmore warehouse fire began."
        " The furniture warehouse, owned by Gareth Pryce, was destroyed. Firefighters said the"
        " blaze spread quickly through stacked sofas.",
        None,
    ),
]
HALSEY = [
    StoryDoc(
        "b1",
        "Warehouse blaze in Halsey Vale",
        "Firefighters were called to a burning warehouse in Halsey Vale late on Saturday. The"
        " fire service said the blaze destroyed the building. Thick smoke drifted over the town"
        " and a road was closed. Nobody was hurt.",
        None,
    ),
    StoryDoc(
        "b2",
        "Toxic smoke closes Halsey Vale ring road",
        "Solvent drums exploded at the Brightcoat paint factory in Halsey Vale on Saturday night,"
        " sending toxic smoke over the town. Police closed the Halsey Vale ring road and"
        " residents were told to keep windows shut. Brightcoat said its staff were safe.",
        None,
    ),
    StoryDoc(
        "b3",
        "Halsey Vale residents told to keep windows shut",
        "Halsey Vale council told residents to keep windows shut as toxic smoke from the"
        " Brightcoat paint factory spread. Solvent drums had exploded, Brightcoat said, and the"
        " ring road stayed closed on Sunday.",
        None,
    ),
]


def cluster(docs: list[StoryDoc], options: StoryOptions | None = None) -> list[set[str]]:
    """The stories' report ids after adding ``docs`` in order to a fresh index."""
    index = StoryIndex(options)
    for doc in docs:
        index.add(doc)
    return [set(story.doc_ids) for story in index.stories()]


# -- text features --------------------------------------------------------------------------------


def test_tokenize_drops_stop_words_and_folds_plurals() -> None:
    assert tokenize("The leaders said the cities were hit by 2 quakes in 2004.") == [
        "leader",
        "city",
        "hit",
        "quake",
        "2004",
    ]
    assert stem("charges") == "charge"
    assert stem("witness") == "witness"
    assert stem("bus") == "bus"


def test_acronyms_are_not_stemmed() -> None:
    counts = extract_features("", "The USGS said the quake was strong.").counts
    assert "usgs" in counts
    assert "usg" not in counts


def test_names_become_bigrams_with_their_written_form() -> None:
    features = extract_features("", "Talks began when Kim Jong Un met Xi Jinping in Beijing.")
    assert {"kim jong", "jong un", "xi jinping"} <= features.counts.keys()
    assert features.surfaces["xi jinping"] == "Xi Jinping"
    assert features.surfaces["beijing"] == "Beijing"
    assert "met xi" not in features.counts  # "met" is not capitalised
    assert "talk" not in features.surfaces  # sentence-initial capitals are not names


def test_headline_case_lines_give_no_name_bigrams() -> None:
    features = extract_features("Texas Jury Hears Tapes In Polygamy Trial", "")
    assert not [term for term in features.counts if " " in term]
    assert features.counts["jury"] == 2.0  # title words count twice


def test_idf_favours_rare_terms_and_the_prior_keeps_small_collections_flat() -> None:
    df = DocumentFrequency()
    for terms in (["quake", "aceh"], ["quake", "papua"], ["quake"]):
        df.add(terms)
    assert df.idf("aceh") > df.idf("quake")
    assert df.idf("never-seen") > df.idf("aceh")
    flat = DocumentFrequency({"quake": 3, "aceh": 1}, documents=3, prior=1000)
    assert flat.idf("aceh") / flat.idf("quake") < df.idf("aceh") / df.idf("quake")


def test_weigh_keeps_the_heaviest_terms_in_a_fixed_order() -> None:
    df = DocumentFrequency({"a1": 5, "b1": 1, "c1": 1}, documents=10)
    weights = weigh({"a1": 4.0, "b1": 1.0, "c1": 1.0}, df, top=2)
    assert list(weights) == ["a1", "b1"]  # a1 by tf × idf, then b1 before c1 on a tie


# -- clustering -----------------------------------------------------------------------------------


def test_three_visits_months_apart_are_three_stories_and_the_quake_its_own() -> None:
    stories = cluster(DATED)
    assert {"m1", "m2"} in stories
    assert {"j1", "j2"} in stories
    assert {"t1", "t2", "t3"} in stories
    assert {"q1"} in stories
    assert len(stories) == 4


def test_the_same_report_two_months_later_opens_a_new_story() -> None:
    later = dataclasses.replace(MARCH[1], id="m2-later", published=D(2018, 5, 28))
    next_day = dataclasses.replace(MARCH[1], id="m2-next", published=D(2018, 3, 29))
    index = StoryIndex()
    first = index.add(MARCH[0])
    assert index.add(later) != first
    assert index.add(next_day) == first


def test_an_undated_report_is_placed_by_the_days_it_states() -> None:
    undated = [dataclasses.replace(doc, published=None) for doc in (MARCH[0], MARCH[1])]
    same_days = (D(2018, 3, 25), D(2018, 3, 28))
    index = StoryIndex()
    first = index.add(dataclasses.replace(undated[0], stated=same_days))
    assert index.story(first).first == D(2018, 3, 25)
    years_later = dataclasses.replace(
        undated[1], id="m2-2021", stated=(D(2021, 3, 1), D(2021, 3, 31))
    )
    assert index.add(years_later) != first
    assert index.add(dataclasses.replace(undated[1], stated=same_days)) == first


def test_a_publication_date_outranks_the_days_stated() -> None:
    doc = dataclasses.replace(MARCH[0], stated=(D(2001, 1, 1), D(2001, 12, 31)))
    assert doc.days == (D(2018, 3, 28), D(2018, 3, 28))


def test_stated_days_are_the_latest_explicit_date_of_a_happened_event() -> None:
    dates = [
        ("2004", "explicit", "asserted"),  # background: an earlier disaster
        ("2012-04-11", "explicit", "asserted"),  # the news
        ("2013", "explicit", "planned"),  # a plan is not the report's time
        ("2019-02-27", "publication", "asserted"),  # relative: no anchor without a date
        ("not a date", "explicit", "asserted"),
    ]
    assert stated_days(dates) == (D(2012, 4, 11), D(2012, 4, 11))
    assert stated_days([("2008-03", "explicit", "reported")]) == (D(2008, 3, 1), D(2008, 3, 31))
    assert stated_days([("2015", "explicit", "asserted")]) is None  # a year places too little
    assert stated_days([]) is None


def test_undated_events_of_one_kind_stay_apart() -> None:
    stories = cluster(UNDATED)
    events = {doc.id: doc.id[:2] for doc in UNDATED}
    for story in stories:
        assert len({events[doc] for doc in story}) == 1, story  # no story mixes two events
    assert {"ma1", "ma2"} in stories
    assert {"fm1", "fm2"} in stories
    assert {"ac1", "ac2", "ac3"} in stories


def test_shared_actors_and_places_can_tip_a_report_into_a_story() -> None:
    options = StoryOptions(entity_weight=0.5, threshold=0.6)
    same = {"actors": frozenset({"PRK", "CHN"}), "places": frozenset({"CHN"})}
    with_actors = [dataclasses.replace(doc, **same) for doc in MARCH]
    assert cluster(with_actors, options) == [{"m1", "m2"}]
    assert len(cluster(MARCH, options)) == 2  # the text alone is not similar enough
    other = dataclasses.replace(MARCH[1], actors=frozenset({"USA"}), places=frozenset({"SGP"}))
    assert len(cluster([with_actors[0], other], options)) == 2


def test_adding_a_known_report_again_changes_nothing() -> None:
    index = StoryIndex()
    story = index.add(MARCH[0])
    index.add(QUAKE)
    before = index.export_state()
    assert index.add(MARCH[0]) == story
    assert len(index) == 2
    assert index.export_state() == before


def test_a_report_moves_to_its_own_event_once_that_event_turns_up() -> None:
    index = StoryIndex()
    for doc in DUNMORE:
        index.add(doc)
    first = index.add(HALSEY[0])  # alone, it reads like the Dunmore fire
    assert first == "st-a1"
    index.take_changes()
    assert index.add(HALSEY[1]) == "st-b1"  # its own details pull it out
    assert [set(s.doc_ids) for s in index.stories()] == [{"a1", "a2", "a3"}, {"b1", "b2"}]
    changes = index.take_changes()
    assert dict(changes.placed) == {"b1": "st-b1", "b2": "st-b1"}
    assert {state.id for _, state in changes.stories} == {"st-a1", "st-b1"}
    assert changes.removed == ()
    index.add(HALSEY[2])
    assert [set(s.doc_ids) for s in index.stories()] == [{"a1", "a2", "a3"}, {"b1", "b2", "b3"}]


def test_a_report_that_bridges_two_stories_merges_them() -> None:
    index = StoryIndex()
    index.add(DUNMORE[0])
    index.add(HALSEY[1])
    assert len(index.stories()) == 2
    index.take_changes()
    index.add(HALSEY[0])  # like both: the three are one story until more reports say otherwise
    assert [set(s.doc_ids) for s in index.stories()] == [{"a1", "b1", "b2"}]
    changes = index.take_changes()
    assert changes.removed == ("st-b2",)
    assert dict(changes.placed) == {"b1": "st-a1", "b2": "st-a1"}
    assert index.story_of("b2") == "st-a1"


@pytest.mark.parametrize(
    "docs", [DATED, UNDATED, [*DUNMORE, *HALSEY]], ids=["dated", "undated", "fires"]
)
def test_stories_do_not_depend_on_the_order_reports_come_in(docs: list[StoryDoc]) -> None:
    expected = sorted(sorted(story) for story in cluster(docs))
    for seed in range(12):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert sorted(sorted(story) for story in cluster(shuffled)) == expected, seed


def test_quiet_stories_settle_and_keep_their_reports() -> None:
    index = StoryIndex(StoryOptions(settle_after=2))
    for doc in DUNMORE:
        index.add(doc)
    index.add(QUAKE)
    index.add(MARCH[0])
    index.add(JUNE[0])
    state = {s.id: s for s in index.export_state().stories}
    assert state["st-a1"].open == ()  # quiet for more than two reports: one settled block
    assert state["st-a1"].doc_ids == ("a1", "a2", "a3")
    assert len(state["st-j1"].open) == 1
    assert index.add(HALSEY[0]) == "st-a1"  # a settled story still takes reports,
    index.add(HALSEY[1])
    assert index.story_of("b1") == "st-b1"  # and its new, open ones can still leave
    assert index.story("st-a1").doc_ids == ("a1", "a2", "a3")


def test_adding_a_report_changes_only_the_story_it_joins() -> None:
    index = StoryIndex()
    for doc in [*MARCH[:1], *JUNE, QUAKE]:
        index.add(doc)
    before = {s.id: (s.doc_ids, s.centroid, s.updated) for s in index.export_state().stories}
    joined = index.add(MARCH[1])
    after = {s.id: (s.doc_ids, s.centroid, s.updated) for s in index.export_state().stories}
    assert [sid for sid in after if after[sid] != before.get(sid)] == [joined]


def test_a_report_without_words_opens_a_story_of_its_own() -> None:
    index = StoryIndex()
    index.add(MARCH[0])
    empty = StoryDoc("blank", "", "... !!", None)
    assert index.add(empty) == "st-blank"
    assert index.add(dataclasses.replace(MARCH[1], published=None)) == "st-m1"


def test_stories_report_members_dates_names_and_entities() -> None:
    index = StoryIndex()
    for doc in TRAIN:
        index.add(dataclasses.replace(doc, actors=frozenset({"person:kim-jong-un", "CHN"})))
    index.add(dataclasses.replace(QUAKE, places=frozenset({"place:arequipa"})))
    train, quake = index.stories()
    assert train.doc_ids == ("t1", "t2", "t3")
    assert (train.first, train.last) == (D(2019, 1, 8), D(2019, 1, 9))
    assert "Kim Jong Un" in train.names
    assert "train" in train.terms
    assert train.actors == ("CHN", "person:kim-jong-un")
    assert index.story(quake.id) == quake
    assert index.story_of("t2") == train.id
    assert index.story_of("unknown") is None


# -- titles ---------------------------------------------------------------------------------------


def test_title_uses_actors_place_terms_and_dates() -> None:
    story = Story(
        id="s",
        doc_ids=("a", "b"),
        first=D(2019, 1, 7),
        last=D(2019, 1, 10),
        terms=("visit", "train", "summit"),
        names=("Xi Jinping",),
        actors=("person:kim-jong-un", "CHN"),
        places=("place:beijing",),
    )
    assert title(story) == "Kim Jong Un, CHN, Beijing — visit, train, 2019-01-07–10"


def test_title_falls_back_to_names_and_terms_without_entities_or_dates() -> None:
    story = Story("s", ("a",), None, None, ("polygamy", "trial", "jury"), ("Warren Jeffs",), (), ())
    assert title(story) == "Warren Jeffs — polygamy, trial"
    bare = Story("s", ("a",), None, None, ("quake", "aceh", "toll", "rescue"), (), (), ())
    assert title(bare) == "quake, aceh, toll"


def test_title_of_a_clustered_story_names_the_leaders() -> None:
    index = StoryIndex()
    for doc in TRAIN:
        index.add(doc)
    label = title(index.stories()[0])
    assert "Kim Jong Un" in label
    assert label.endswith("2019-01-08–09")


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2019, 1, 7), D(2019, 1, 7), "2019-01-07"),
        (D(2019, 1, 7), D(2019, 1, 10), "2019-01-07–10"),
        (D(2019, 1, 30), D(2019, 2, 2), "2019-01-30–02-02"),
        (D(2018, 12, 28), D(2019, 1, 2), "2018-12-28–2019-01-02"),
        (None, None, ""),
    ],
)
def test_date_range(first: dt.date | None, last: dt.date | None, expected: str) -> None:
    assert date_range(first, last) == expected


# -- state ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("settle_after", [10_000, 3])
def test_an_index_reloaded_from_json_continues_exactly_as_the_original(settle_after: int) -> None:
    docs = [*DATED, *DUNMORE, HALSEY[0], *UNDATED, *HALSEY[1:]]
    options = StoryOptions(settle_after=settle_after)
    original = StoryIndex(options)
    for doc in docs[:13]:  # up to the report that joins the wrong fire
        original.add(doc)
    text = json.dumps(original.export_state().to_dict())
    original.take_changes()
    reloaded = StoryIndex.from_state(IndexState.from_dict(json.loads(text)))
    assert reloaded.stories() == original.stories()
    assert len(reloaded) == 13
    for doc in docs[13:]:
        assert reloaded.add(doc) == original.add(doc)
        assert reloaded.take_changes() == original.take_changes()
    assert reloaded.export_state() == original.export_state()


def test_a_version_1_state_loads_with_its_reports_settled() -> None:
    index = StoryIndex()
    for doc in DUNMORE:
        index.add(doc)
    data = index.export_state().to_dict()
    data["version"] = 1
    data["options"] = {"threshold": 0.25}  # the old scale: not carried over
    for story in data["stories"]:  # the fields of version 1 only
        for key in [k for k in story if k.startswith(("settled_", "open", "clocks", "serial"))]:
            del story[key]
    upgraded = StoryIndex.from_state(IndexState.from_dict(data))
    assert upgraded.options == StoryOptions()
    (story,) = upgraded.export_state().stories
    assert story.doc_ids == ("a1", "a2", "a3") and story.open == ()
    assert dict(story.settled_sum) == dict(story.centroid)
    assert upgraded.add(HALSEY[0]) == "st-a1"
    upgraded.add(HALSEY[1])
    assert [set(s.doc_ids) for s in upgraded.stories()] == [{"a1", "a2", "a3"}, {"b1", "b2"}]
    # A store rewrites only the stories that change: old rows stay beside new ones.
    mixed = upgraded.export_state().to_dict()
    mixed["stories"][0] = data["stories"][0]
    again = StoryIndex.from_state(IndexState.from_dict(mixed))
    assert [s.doc_ids for s in again.stories()] == [s.doc_ids for s in upgraded.stories()]


def test_unreadable_state_raises_story_state_error() -> None:
    good = StoryIndex().export_state().to_dict()
    with pytest.raises(StoryStateError, match="version"):
        IndexState.from_dict({**good, "version": 99})
    with pytest.raises(StoryStateError):
        IndexState.from_dict({**good, "stories": [{"id": "x"}]})
    with pytest.raises(StoryStateError):
        IndexState.from_dict({"version": 1})


@pytest.mark.parametrize(
    "bad",
    [
        {"threshold": 1.5},
        {"centroid_terms": 0},
        {"grace_days": 10, "max_gap_days": 5},
        {"half_life_days": 0},
        {"idf_prior": -1},
    ],
)
def test_options_reject_impossible_values(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        StoryOptions(**bad)  # type: ignore[arg-type]
