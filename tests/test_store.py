"""The store keeps articles exactly, is idempotent, and turns every database error into ours."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_articles import make_article, numbered_article

import eventwire.store
from eventwire.errors import NotFoundError, StorageError
from eventwire.models import DateSource, Rejection, RejectReason, SegmentKind
from eventwire.store import ArticleRecord, Store, open_store

UNICODE_ARTICLE = make_article(
    "Президент встретился с министрами в Кремле; «переговоры» продолжатся завтра.",
    "وقال المتحدث إن المحادثات كانت مثمرة. 会谈将于下周在北京继续举行。 Talks 🤝 resumed.",
    title="Переговоры — día 2: ¿acuerdo?",
    caption="Photo: Ana Müller / Agence Ñ",
    source="reports/ünïcode é.html",
    url="https://example.org/news/2021/03/04/talks?id=7&x=ü",
    outlet="Le Monde Diplomatique (édition française)",
    published=dt.date(2021, 3, 4),
    published_source=DateSource.HTML,
    language="ru",
    author="Ольга Петрова",
    metadata={"section": "world/europe", "note": "línea «dos»", "empty": ""},
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "store.db")) as opened:
        yield opened


def test_public_api_is_explicit() -> None:
    assert sorted(eventwire.store.__all__) == [
        "ArticleCopy",
        "ArticleRecord",
        "ArticleSummary",
        "RejectionRecord",
        "Store",
        "StoredEvent",
        "open_store",
    ]
    assert all(hasattr(eventwire.store, name) for name in eventwire.store.__all__)


def test_article_round_trips_exactly(store: Store) -> None:
    article = UNICODE_ARTICLE
    assert store.add_article(article, minhash=b"\x01\x02\x03") is True
    record = store.get_article(article.id)
    assert isinstance(record, ArticleRecord)
    assert record.article == article  # every field, segments with their raw offsets, metadata
    assert record.id == article.id == record.article.id
    assert record.article.segments[-1].kind is SegmentKind.CAPTION
    assert record.article.segments[-1].raw_start is None
    assert record.article.segments[0].to_raw(0) == article.segments[0].to_raw(0) is not None
    assert record.ingested_at.tzinfo is not None
    assert abs(dt.datetime.now(dt.UTC) - record.ingested_at) < dt.timedelta(minutes=5)
    assert record.copies == ()
    assert store.find_by_hash(article.content_hash) == article.id
    assert store.find_by_hash("0" * 64) is None
    assert list(store.iter_minhashes()) == [(article.id, b"\x01\x02\x03")]


def test_article_with_only_required_fields_round_trips(store: Store) -> None:
    article = make_article("A single short paragraph about a vote in the assembly.")
    assert store.add_article(article)
    assert store.get_article(article.id).article == article
    assert list(store.iter_minhashes()) == []  # stored without a signature


def test_adding_the_same_article_again_changes_nothing(store: Store) -> None:
    article = numbered_article(1)
    assert store.add_article(article, minhash=b"first") is True
    before = store.get_article(article.id)
    same_text_other_source = make_article(
        *(article.text[s.start : s.end] for s in article.segments_of(SegmentKind.BODY)),
        source="elsewhere/copy.txt",
    )
    assert same_text_other_source.content_hash == article.content_hash
    assert store.add_article(article, minhash=b"second") is False
    assert store.add_article(same_text_other_source) is False
    assert store.count_articles() == 1
    assert store.get_article(article.id) == before
    assert list(store.iter_minhashes()) == [(article.id, b"first")]


def test_an_id_taken_by_another_text_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    article = numbered_article(1)
    with open_store(str(db)) as store:
        store.add_article(article)
    with sqlite3.connect(db) as conn:  # simulate a 64-bit prefix collision
        conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?", ("f" * 64, article.id))
    with open_store(str(db)) as store, pytest.raises(StorageError, match="collision"):
        store.add_article(article)


def test_copies_are_recorded_once_and_never_for_the_own_source(store: Store) -> None:
    article = numbered_article(2)
    store.add_article(article)

    def add_wire_copy() -> bool:
        return store.add_copy(
            article.id,
            source="feeds/wire.xml#item-9",
            url="https://wire.example/item/9",
            outlet="Wire Service",
            published=dt.date(2021, 5, 6),
            relation="near-duplicate",
            similarity=0.93,
        )

    assert add_wire_copy() is True
    assert add_wire_copy() is False
    assert not store.add_copy(
        article.id,
        source=article.source,
        url=None,
        outlet=None,
        published=None,
        relation="duplicate",
        similarity=None,
    )
    assert store.add_copy(
        article.id,
        source="mirror/report.txt",
        url=None,
        outlet=None,
        published=None,
        relation="duplicate",
        similarity=None,
    )
    copies = store.get_article(article.id).copies
    assert [(c.source, c.relation, c.similarity) for c in copies] == [
        ("feeds/wire.xml#item-9", "near-duplicate", 0.93),
        ("mirror/report.txt", "duplicate", None),
    ]
    first = copies[0]
    assert (first.article_id, first.url, first.outlet, first.published) == (
        article.id,
        "https://wire.example/item/9",
        "Wire Service",
        dt.date(2021, 5, 6),
    )
    assert first.seen_at.tzinfo is not None
    assert store.list_articles()[0].n_copies == 2


def test_bad_copies_are_refused(store: Store) -> None:
    article = numbered_article(3)
    store.add_article(article)

    def add(article_id: str, relation: str, similarity: float | None) -> bool:
        return store.add_copy(
            article_id,
            source="x",
            url=None,
            outlet=None,
            published=None,
            relation=relation,
            similarity=similarity,
        )

    with pytest.raises(NotFoundError):
        add("0123456789abcdef", "duplicate", None)
    with pytest.raises(StorageError, match="relation"):
        add(article.id, "copy", None)
    with pytest.raises(StorageError, match="similarity"):
        add(article.id, "near-duplicate", 1.5)
    assert store.get_article(article.id).copies == ()


def test_rejections_are_appended_to_the_log(store: Store) -> None:
    first = Rejection("inputs/empty.txt", RejectReason.EMPTY, "the file has no bytes")
    second = Rejection("inputs/photo.jpg", RejectReason.BINARY, "looks like binary data: ÿØÿ")
    store.add_rejection(first)
    store.add_rejection(second)
    store.add_rejection(first)  # append only: the same input rejected again is logged again
    log = store.list_rejections()
    assert [r.rejection for r in log] == [first, second, first]  # newest first
    assert all(r.seen_at.tzinfo is not None for r in log)
    assert [r.rejection for r in store.list_rejections(limit=1, offset=1)] == [second]
    assert store.count_articles() == 0


def test_lookup_by_unique_prefix(store: Store) -> None:
    article = numbered_article(4)
    store.add_article(article)
    assert store.get_article(article.id[:4]).id == article.id
    assert store.get_article(f"  {article.id[:7].upper()} ").id == article.id
    with pytest.raises(NotFoundError, match="at least 4"):
        store.get_article(article.id[:3])
    with pytest.raises(NotFoundError):
        store.get_article("zzzz")
    with pytest.raises(NotFoundError):
        store.get_article("%%%%")  # LIKE wildcards are escaped, not matched
    with pytest.raises(NotFoundError):
        store.get_article(article.id[:4] + "\udcff")


def test_text_that_is_not_unicode_is_refused(store: Store) -> None:
    bad = make_article("A report with an undecodable byte \udcff in it.")
    with pytest.raises(StorageError, match="not valid Unicode"):
        store.add_article(bad)
    assert store.count_articles() == 0

    store.add_rejection(Rejection("inputs/caf\udce9.txt", RejectReason.BAD_ENCODING, "\udce9"))
    logged = store.list_rejections()[0].rejection  # the log takes any name, escaped
    assert (logged.source, logged.detail) == ("inputs/caf\\udce9.txt", "\\udce9")


def _two_articles_sharing_a_prefix() -> tuple[str, list[str]]:
    """Two numbered articles whose ids share their first 4 characters (found without storing)."""
    seen: dict[str, int] = {}
    for i in range(20_000):
        prefix = numbered_article(i).id[:4]
        if prefix in seen:
            return prefix, [numbered_article(seen[prefix]).id, numbered_article(i).id]
        seen[prefix] = i
    raise AssertionError("no shared prefix found")


def test_ambiguous_prefix_names_the_candidates(store: Store) -> None:
    prefix, ids = _two_articles_sharing_a_prefix()
    for i in range(20_000):
        if numbered_article(i).id in ids:
            store.add_article(numbered_article(i))
    with pytest.raises(StorageError, match="ambiguous") as info:
        store.get_article(prefix)
    assert not isinstance(info.value, NotFoundError)
    assert all(article_id in str(info.value) for article_id in ids)
    assert store.get_article(ids[0]).id == ids[0]  # the full id is never ambiguous


def test_listing_is_newest_first_and_pages(store: Store) -> None:
    undated = make_article("An undated note about the committee hearing.", source="undated.txt")
    for article in [undated, numbered_article(10), numbered_article(30), numbered_article(20)]:
        store.add_article(article)
    rows = store.list_articles()
    dated = [numbered_article(i).published for i in (30, 20, 10)]
    assert [r.published for r in rows[:3]] == dated
    assert rows[-1].id == undated.id and rows[-1].published is None  # undated last
    assert [r.id for r in store.list_articles(limit=2, offset=1)] == [r.id for r in rows[1:3]]
    top = rows[0]
    assert (top.source, top.outlet, top.language, top.snippet) == (
        "batch/report-00030.txt",
        "The Valley Courier",
        "en",
        None,
    )
    assert top.title == "Water talks resume, round 30"
    assert top.n_chars == len(numbered_article(30).text)
    assert store.count_articles() == 4
    with pytest.raises(ValueError, match="negative"):
        store.list_articles(limit=-1)


def test_sqlite_runs_in_wal_mode_with_pragmas_on_every_connection(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with open_store(str(db)) as store:
        engine = store._engine  # the pragmas are per connection: check a pooled one
        with engine.connect() as one, engine.connect() as two:
            for pooled in (one, two):
                pragma = pooled.exec_driver_sql
                assert pragma("PRAGMA journal_mode").scalar() == "wal"
                assert pragma("PRAGMA synchronous").scalar() == 1  # NORMAL
                assert pragma("PRAGMA foreign_keys").scalar() == 1
                assert pragma("PRAGMA busy_timeout").scalar() == 10_000
    with sqlite3.connect(db) as raw:  # WAL is a property of the file and persists
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_db_given_as_url_or_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = numbered_article(5)
    with open_store(f"sqlite:///{tmp_path / 'url.db'}") as store:
        store.add_article(article)
    monkeypatch.chdir(tmp_path)
    with open_store("url.db") as store:
        assert store.location == str(tmp_path / "url.db")
        assert store.count_articles() == 1


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("", "no database"),
        ("nosuchdb://host/db", "nosuchdb"),
        ("postgresql+psycopg://user@127.0.0.1:1/eventwire", "127.0.0.1"),  # no driver/server
        ("mysql://user@127.0.0.1:1/eventwire", "127.0.0.1"),
    ],
)
def test_unusable_urls_raise_storage_error(db: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        open_store(db)


def test_a_closed_store_refuses_work(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "store.db"))
    store.close()
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.count_articles()


def test_a_corrupt_file_raises_storage_error(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with open_store(str(db)) as store:
        for i in range(40):
            store.add_article(numbered_article(i))
    with db.open("r+b") as fh:  # keep the header, wreck the pages after the first
        fh.seek(4096)
        fh.write(b"\xa5" * (db.stat().st_size - 4096))
    with pytest.raises(StorageError) as info, open_store(str(db)) as store:
        store.list_articles(search="kilo00001")
        store.get_article(numbered_article(1).id)
    assert isinstance(info.value.__cause__, Exception)
    assert str(db) in str(info.value)
