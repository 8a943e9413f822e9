"""RSS and Atom feeds (eventwire.ingest.feed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.config import Settings
from eventwire.ingest import read_source
from eventwire.ingest.build import ReadContext
from eventwire.ingest.feed import read_feed
from eventwire.models import Article, DateSource, Rejection, RejectReason, SegmentKind, SourceMeta

STORY_ONE = (
    "&lt;p&gt;The foreign ministers of Sylvania and Freedonia agreed on Tuesday to reopen the "
    "river crossing at Ostrava.&lt;/p&gt;&lt;p&gt;Customs officers from both countries will "
    "share a post from next month.&lt;/p&gt;&lt;p&gt;Lorries queue at the crossing Credit: "
    "Marek Novak/Harbour Wire&lt;/p&gt;"
)
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Harbour Wire - World</title>
<link>https://wire.example.org/</link>
<language>en-gb</language>
<item>
  <title>Crossing at Ostrava to reopen</title>
  <link>https://wire.example.org/2021/03/02/crossing</link>
  <guid isPermaLink="false">hw-0001</guid>
  <pubDate>Wed, 03 Mar 2021 09:30:00 GMT</pubDate>
  <author>ann.lee@wire.example.org (Ann Lee)</author>
  <description>Short summary.</description>
  <content:encoded>{STORY_ONE}</content:encoded>
</item>
<item>
  <title>Fishing talks adjourn without a deal</title>
  <link>https://wire.example.org/fishing</link>
  <description>Negotiators from Sylvania and Freedonia adjourned talks on fishing quotas
  on Friday without agreeing a date to meet again.</description>
</item>
<item>
  <title>An entry with nothing in it</title>
  <link>https://wire.example.org/empty</link>
</item>
</channel>
</rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>The Harbour Courier</title>
  <id>urn:courier</id>
  <updated>2021-03-05T10:00:00Z</updated>
  <entry>
    <title type="html">Ministers &lt;em&gt;agree&lt;/em&gt; on patrols</title>
    <link href="https://courier.example.org/patrols"/>
    <id>urn:courier:patrols</id>
    <updated>2021-03-05T10:00:00Z</updated>
    <summary type="text">The ministers of Sylvania and Freedonia agreed that coast guards
    from both countries would patrol the river together.</summary>
  </entry>
</feed>
"""


def _items(raw: str, ctx: ReadContext | None = None) -> list[Article | Rejection]:
    return list(read_feed("feed.xml", raw, ctx or ReadContext(Settings())))


def test_rss_entries_become_articles_with_their_own_metadata() -> None:
    first, second, empty = _items(RSS)
    assert isinstance(first, Article), first
    assert first.source == "feed.xml#hw-0001"
    assert first.url == "https://wire.example.org/2021/03/02/crossing"
    assert first.title == "Crossing at Ostrava to reopen"
    assert first.outlet == "Harbour Wire - World"
    assert first.language == "en"
    assert (first.published, first.published_source) == (dt.date(2021, 3, 3), DateSource.RECORD)
    assert "Customs officers from both countries" in first.narrative_text()
    assert "Short summary" not in first.text  # the full content wins over the summary
    captions = [first.text[s.start : s.end] for s in first.segments_of(SegmentKind.CAPTION)]
    assert captions == ["Lorries queue at the crossing Credit: Marek Novak/Harbour Wire"]

    assert isinstance(second, Article), second
    assert second.source.startswith("feed.xml#")
    assert second.published is None
    assert "adjourned talks on fishing quotas" in second.narrative_text()

    assert isinstance(empty, Rejection)
    assert empty.reason is RejectReason.NO_TEXT


def test_sidecar_outlet_beats_the_feed_title_and_cli_defaults_do_not() -> None:
    meta = ReadContext(Settings(), meta=SourceMeta(outlet="Sidecar", title="Not for entries"))
    first = _items(RSS, meta)[0]
    assert isinstance(first, Article)
    assert first.outlet == "Sidecar"
    assert first.title == "Crossing at Ostrava to reopen"

    defaults = ReadContext(Settings(), defaults=SourceMeta(outlet="Flag"))
    first = _items(RSS, defaults)[0]
    assert isinstance(first, Article)
    assert first.outlet == "Harbour Wire - World"


def test_atom_entries_with_html_titles() -> None:
    (entry,) = _items(ATOM)
    assert isinstance(entry, Article), entry
    assert entry.source == "feed.xml#urn:courier:patrols"
    assert entry.title == "Ministers agree on patrols"
    assert entry.url == "https://courier.example.org/patrols"
    assert entry.outlet == "The Harbour Courier"
    assert entry.published == dt.date(2021, 3, 5)


def test_a_damaged_feed_with_entries_still_yields_them() -> None:
    damaged = RSS.replace("</channel>\n</rss>\n", "<item><title>cut off")
    items = _items(damaged)
    assert any(isinstance(item, Article) for item in items)


def test_a_feed_that_cannot_be_parsed_is_malformed() -> None:
    (rejection,) = _items('<rss version="2.0"><channel><title>Harbour &bogus; Wire</title><<<')
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.MALFORMED
    assert rejection.detail.startswith("not a valid feed:")
    assert "undefined entity" in rejection.detail
    assert "\n" not in rejection.detail


def test_a_feed_without_entries_is_no_text() -> None:
    (rejection,) = _items(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    )
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.NO_TEXT


def test_read_source_sniffs_a_feed_with_another_declared_encoding(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    latin = RSS.replace('encoding="UTF-8"', 'encoding="iso-8859-1"').replace("Ostrava", "Ostravá")
    path.write_bytes(latin.encode("latin-1"))
    items = list(read_source(str(path), settings=Settings()))
    first = items[0]
    assert isinstance(first, Article), first
    assert "Ostravá" in first.text
