"""Stories in the store: the story index saved batch by batch rebuilds exactly, stories list
newest first with their reports, a stale run cannot overwrite another's work, and the extraction
job puts every analysed article into one story, once (also after an interrupted run).

Every report here is invented (real places, our own words and people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from store_articles import make_article
from test_link_stories import DUNMORE, HALSEY

from eventwire.errors import NotFoundError, StorageError
from eventwire.link.stories import StoryDoc, StoryEntities, StoryIndex
from eventwire.models import (
    Actor,
    ActorKind,
    ActorMention,
    Article,
    ArticleAnalysis,
    Place,
    PlaceMention,
    TextSpan,
)
from eventwire.pipeline import StoryLinker, run_extract, story_doc
from eventwire.store import Store, open_store
from eventwire.store.connect import connect
from eventwire.store.schema import link_state

D = dt.date

FERRY = [
    make_article(
        "A passenger ferry capsized on Lake Victoria near Mwanza on Monday with about ninety"
        " people on board, Tanzanian police said. Rescue boats pulled forty survivors from the"
        " water and divers searched the hull through the night. The ferry, the MV Nyakato, was"
        " sailing from Ukerewe island to the Mwanza port.",
        title="Ferry capsizes on Lake Victoria near Mwanza",
        source="ferry-1.txt",
        url="https://news.example.org/ferry-1",
        published=D(2024, 3, 4),
    ),
    make_article(
        "Divers recovered more bodies from the MV Nyakato on Tuesday as the death toll of the"
        " Lake Victoria ferry disaster rose to thirty-one. Survivors said the ferry from Ukerewe"
        " was overloaded when it capsized close to the Mwanza port. Tanzanian police arrested"
        " the captain and two crew members.",
        title="Ferry death toll rises as divers search the MV Nyakato",
        source="ferry-2.txt",
        published=D(2024, 3, 5),
    ),
    make_article(
        "Tanzania declared three days of national mourning for the victims of the MV Nyakato"
        " ferry disaster on Lake Victoria. Families gathered at the Mwanza port as divers ended"
        " the search of the capsized ferry; sixty survivors were pulled from the lake.",
        title="Tanzania mourns ferry victims of Lake Victoria",
        source="ferry-3.txt",
        published=D(2024, 3, 6),
    ),
]
QUOTA = make_article(
    "Iceland and the Faroe Islands agreed on Thursday to split the mackerel quota in the North"
    " Atlantic for the next fishing season after two weeks of negotiations in Reykjavik. The"
    " fisheries ministers said the deal ends a dispute that had kept Faroese trawlers out of"
    " Icelandic waters since the autumn.",
    title="Iceland and Faroes settle mackerel quota dispute",
    source="quota.txt",
    published=D(2024, 3, 7),
)
UNDATED = make_article(
    "Engineers in Mongolia began testing a solar farm on the edge of the Gobi desert, the"
    " operator said, with panels spread over three hundred hectares of gravel plain.",
    title="Gobi solar farm starts tests",
    source="solar.txt",
)
ALL = [*FERRY, QUOTA, UNDATED]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "stories.db")) as opened:
        for article in ALL:
            opened.add_article(article)
        yield opened


def doc(article: Article) -> StoryDoc:
    return story_doc(article, StoryEntities())


def save(store: Store, index: StoryIndex) -> None:
    changes = index.take_changes()
    store.save_story_changes(changes, [index.story(state.id) for _, state in changes.stories])


def loaded(store: Store) -> StoryIndex:
    state = store.load_story_state()
    assert state is not None
    return StoryIndex.from_state(state)


# -- the index, saved in pieces ---------------------------------------------------------------


def test_the_invented_reports_group_as_written(store: Store) -> None:
    index = StoryIndex()
    ids = [index.add(doc(a)) for a in ALL]
    assert ids[0] == ids[1] == ids[2]  # three reports of the ferry disaster
    assert len(set(ids)) == 3  # the quota deal and the solar farm are stories of their own


def test_saving_each_batch_rebuilds_the_index_exactly(store: Store) -> None:
    assert store.load_story_state() is None
    original = StoryIndex()
    for batch in (ALL[:2], ALL[2:3], ALL[3:]):
        for article in batch:
            original.add(doc(article))
        save(store, original)
        assert loaded(store).export_state() == original.export_state()


def test_a_reloaded_index_continues_as_the_original(tmp_path: Path) -> None:
    db = str(tmp_path / "continue.db")
    with open_store(db) as first:
        for article in ALL:
            first.add_article(article)
        original = StoryIndex()
        for article in ALL[:2]:
            original.add(doc(article))
        save(first, original)
    with open_store(db) as second:  # as a later process would
        reloaded = loaded(second)
        for article in ALL[2:]:
            assert reloaded.add(doc(article)) == original.add(doc(article))
        save(second, reloaded)
        assert loaded(second).export_state() == original.export_state()


def test_stories_list_newest_first_with_their_reports(store: Store) -> None:
    index = StoryIndex()
    for article in ALL:
        index.add(doc(article))
    save(store, index)
    listed = store.list_stories()
    assert [s.n_articles for s in listed] == [1, 3, 1]  # quota (7 March), ferry (4–6), undated
    quota, ferry, solar = listed
    assert [a.source for a in ferry.articles] == ["ferry-1.txt", "ferry-2.txt", "ferry-3.txt"]
    assert ferry.articles[0].url == "https://news.example.org/ferry-1"
    assert (ferry.first, ferry.last) == (D(2024, 3, 4), D(2024, 3, 6))
    assert ferry.title.endswith("2024-03-04–06")
    assert (solar.first, solar.last) == (None, None)
    assert quota.articles[0].id == QUOTA.id
    assert store.get_story(ferry.id) == ferry
    assert store.list_stories(limit=1, offset=1) == [ferry]
    with pytest.raises(NotFoundError):
        store.get_story("st-nothing")


def test_a_story_that_grows_is_updated_not_duplicated(store: Store) -> None:
    index = StoryIndex()
    index.add(doc(FERRY[0]))
    save(store, index)
    (before,) = store.list_stories()
    index.add(doc(FERRY[1]))
    save(store, index)
    (after,) = store.list_stories()
    assert after.id == before.id
    assert (before.n_articles, after.n_articles) == (1, 2)
    assert after.last == D(2024, 3, 5)


def test_a_run_that_loaded_an_older_index_cannot_overwrite_a_newer_one(store: Store) -> None:
    first = StoryIndex()
    first.add(doc(FERRY[0]))
    save(store, first)
    one, two = loaded(store), loaded(store)
    one.add(doc(FERRY[1]))
    save(store, one)
    two.add(doc(QUOTA))
    with pytest.raises(StorageError, match="changed by another run"):
        save(store, two)
    assert loaded(store).export_state() == one.export_state()


def test_saving_without_changes_writes_nothing(store: Store) -> None:
    index = StoryIndex()
    index.add(doc(FERRY[0]))
    save(store, index)
    index.add(doc(FERRY[0]))  # known: no change
    changes = index.take_changes()
    assert not changes.changed
    store.save_story_changes(changes, [])
    assert loaded(store).export_state() == index.export_state()


def test_reports_that_move_and_stories_that_go_are_saved(tmp_path: Path) -> None:
    fires = [make_article(d.text, title=d.title, source=f"{d.id}.txt") for d in (*DUNMORE, *HALSEY)]
    db = str(tmp_path / "moves.db")
    with open_store(db) as opened:
        for article in fires:
            opened.add_article(article)
        index = StoryIndex()
        for article in (fires[0], fires[4], fires[3]):  # the third bridges the first two
            index.add(doc(article))
            save(opened, index)
        assert _members(opened) == [{"a1.txt", "b1.txt", "b2.txt"}]
        for article in (fires[1], fires[2], fires[5]):  # the rest pull the two fires apart
            index.add(doc(article))
            save(opened, index)
    with open_store(db) as reopened:
        assert _members(reopened) == [
            {"a1.txt", "a2.txt", "a3.txt"},
            {"b1.txt", "b2.txt", "b3.txt"},
        ]
        assert sorted(s.id for s in reopened.list_stories()) == sorted(
            s.id for s in index.stories()
        )
        assert loaded(reopened).export_state() == index.export_state()


def _members(store: Store) -> list[set[str]]:
    found = [{a.source for a in story.articles} for story in store.list_stories(limit=None)]
    return sorted(found, key=sorted)


def test_an_unreadable_saved_index_is_a_storage_error(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    with open_store(db) as opened:
        opened.add_article(FERRY[0])
        index = StoryIndex()
        index.add(doc(FERRY[0]))
        save(opened, index)
    engine, _ = connect(db)
    try:
        with engine.begin() as conn:
            conn.execute(update(link_state).values(version=99))
    finally:
        engine.dispose()
    with open_store(db) as opened, pytest.raises(StorageError, match="story index"):
        opened.load_story_state()


def test_deleting_an_article_takes_it_out_of_its_story(tmp_path: Path) -> None:
    db = str(tmp_path / "delete.db")
    with open_store(db) as opened:
        for article in FERRY[:2]:
            opened.add_article(article)
        index = StoryIndex()
        for article in FERRY[:2]:
            index.add(doc(article))
        save(opened, index)
    engine, _ = connect(db)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (FERRY[1].id,))
    finally:
        engine.dispose()
    with open_store(db) as opened:
        (story,) = opened.list_stories()
        assert [a.id for a in story.articles] == [FERRY[0].id]


# -- the extraction job -----------------------------------------------------------------------


def _span(article: Article, part: str) -> TextSpan:
    start = article.text.index(part)
    return TextSpan(start, start + len(part), part)


MWANZA = Place("geonames:152224", "Mwanza", "city", "TZA", None, -2.5, 32.9, 706453, "P", 152224)


class FakeAnalyser:
    """Tanzania (a country), "Tanzanian police" (a group) and Mwanza (resolved) where written."""

    version = "test-1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        tanzania = Actor("TZA", "Tanzania", ActorKind.COUNTRY, "TZA")
        police = Actor("group:TZA:COP", "Tanzanian police", ActorKind.GROUP, "TZA", "COP")
        for article in articles:
            self.seen.append(article.id)
            actors = [
                ActorMention(actor, _span(article, text))
                for actor, text in ((tanzania, "Tanzania"), (police, "Tanzanian police"))
                if text in article.text
            ]
            places = [
                PlaceMention(_span(article, name), place)
                for name, place in (("Mwanza", MWANZA), ("Ukerewe", None))
                if name in article.text
            ]
            yield ArticleAnalysis(article.id, tuple(actors), (), self.version, tuple(places))


def test_extraction_puts_each_article_into_its_story_once(store: Store) -> None:
    summary = run_extract(store=store, analyser=FakeAnalyser())
    assert (summary.linked, summary.opened) == (5, 3)
    stories = store.list_stories()
    assert sorted(s.n_articles for s in stories) == [1, 1, 3]
    state = loaded(store).export_state()
    ferry = next(s for s in state.stories if len(s.doc_ids) == 3)
    assert dict(ferry.places) == {MWANZA.id: 3}  # resolved places only
    assert dict(ferry.actors) == {"TZA": 3}  # "Tanzanian police" is a group: left out
    again = run_extract(store=store, analyser=FakeAnalyser(), force=True)
    assert (again.articles, again.linked) == (5, 0)
    assert store.list_stories() == stories
    assert loaded(store).export_state() == state


def test_articles_analysed_without_stories_are_put_into_them_later(store: Store) -> None:
    run_extract(store=store, analyser=FakeAnalyser(), ids=[FERRY[0].id, QUOTA.id], stories=False)
    assert store.load_story_state() is None
    analyser = FakeAnalyser()
    summary = run_extract(store=store, analyser=analyser)
    assert sorted(analyser.seen) == sorted(a.id for a in (FERRY[1], FERRY[2], UNDATED))
    assert summary.skipped == 2
    assert summary.linked == 5
    assert sorted(s.n_articles for s in store.list_stories()) == [1, 1, 3]
    state = loaded(store).export_state()
    ferry = next(s for s in state.stories if FERRY[0].id in s.doc_ids)
    assert dict(ferry.actors) == {"TZA": 3}  # read back from the stored analysis
    assert dict(ferry.places) == {MWANZA.id: 3}


def test_the_linker_saves_in_batches(store: Store) -> None:
    run_extract(store=store, analyser=FakeAnalyser(), stories=False)
    summary = run_extract(store=store, analyser=FakeAnalyser(), stories=False)
    linker = StoryLinker(store, save_every=2, summary=summary)
    linker.add(FERRY[0], StoryEntities())
    assert store.load_story_state() is None
    linker.add(FERRY[1], StoryEntities())
    assert len(loaded(store)) == 2
    linker.add(QUOTA, StoryEntities())
    assert len(loaded(store)) == 2  # not saved yet
    linker.save()
    assert len(loaded(store)) == 3


def test_a_run_with_nothing_to_add_does_not_load_the_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_extract(store=store, analyser=FakeAnalyser())
    loads: list[int] = []
    real = store.load_story_state

    def counted() -> object:
        loads.append(1)
        return real()

    monkeypatch.setattr(store, "load_story_state", counted)
    summary = run_extract(store=store, analyser=FakeAnalyser())
    assert (summary.skipped, summary.linked, loads) == (5, 0, [])
