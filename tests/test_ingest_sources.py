"""The stage's public API (eventwire.ingest): inputs, sidecar metadata, reading paths and URLs."""

from __future__ import annotations

import datetime as dt
import http.server
import inspect
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire import __version__, ingest
from eventwire.config import Settings
from eventwire.errors import IngestError
from eventwire.ingest import expand_inputs, load_meta, meta_for, read_source
from eventwire.ingest.clean import title_key
from eventwire.models import Article, DateSource, Rejection, RejectReason, SegmentKind, SourceMeta

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPORT = (
    "Sylvania and Freedonia agree to reopen river crossing\n\n"
    "The foreign ministers of Sylvania and Freedonia agreed on Tuesday to reopen the river "
    "crossing at Ostrava, closed since patrol boats collided there last year.\n\n"
    "Lorries queue at the crossing Credit: Marek Novak/Harbour Wire\n"
)
PAGE = (
    "<html lang='en'><head><title>Crossing to reopen</title></head><body><article>"
    "<h1>Crossing to reopen</h1><p>The foreign ministers of Sylvania and Freedonia agreed on "
    "Tuesday to reopen the river crossing at Ostrava.</p><p>Customs officers from both "
    "countries will share a post from next month, officials said.</p></article></body></html>"
)


def test_the_public_api_is_what_all_says_and_documented() -> None:
    assert sorted(ingest.__all__) == ["expand_inputs", "load_meta", "meta_for", "read_source"]
    for name in ingest.__all__:
        obj = getattr(ingest, name)
        assert inspect.isfunction(obj)
        assert obj.__doc__, name


# --- expand_inputs ------------------------------------------------------------------------------


def test_folders_expand_recursively_in_sorted_order_skipping_non_reports(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.txt",
        "sub/c.html",
        "sub/a.txt",
        ".hidden",
        "meta.jsonl",
        "README.md",
        "README-sources.md",
        ".git/config",
        "sub/readme.md",
    ]:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    folder = str(tmp_path / "in")
    found = list(expand_inputs([folder, "https://example.org/story", str(tmp_path / "nope.txt")]))
    assert found[:4] == [
        f"{folder}/a.txt",
        f"{folder}/b.txt",
        f"{folder}/sub/a.txt",
        f"{folder}/sub/c.html",
    ]
    assert found[4] == "https://example.org/story"
    missing = found[5]
    assert isinstance(missing, Rejection)
    assert missing.reason is RejectReason.UNREADABLE
    assert missing.source == str(tmp_path / "nope.txt")
    assert len(found) == 6


def test_a_file_given_by_name_is_kept_even_when_a_folder_would_skip_it(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("x", encoding="utf-8")
    assert list(expand_inputs([str(readme)])) == [str(readme)]


# --- load_meta and meta_for ---------------------------------------------------------------------


def _meta_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "meta.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_meta_reads_the_sidecar(tmp_path: Path) -> None:
    path = _meta_file(
        tmp_path,
        json.dumps(
            {
                "file": "001_crossing.txt",
                "url": "https://wire.example.org/crossing",
                "outlet": "Harbour Wire",
                "published": "2021-03-02",
                "title": "Crossing to reopen",
            }
        ),
        "",
        json.dumps({"file": "002_fishing.txt", "outlet": "Harbour Wire"}),
    )
    meta = load_meta(path)
    assert set(meta) == {"001_crossing.txt", "002_fishing.txt"}
    first = meta["001_crossing.txt"]
    assert first.published == dt.date(2021, 3, 2)
    assert first.published_source is DateSource.META
    assert first.title == "Crossing to reopen"
    assert meta["002_fishing.txt"].published is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: not a JSON object"),
        ('{"url": "https://x.example.org"}', "line 2: no 'file' field"),
        ('{"file": "a.txt", "published": "yesterday"}', "line 2: 'published' is not a date"),
        ('{"file": "a.txt", "title": 7}', "line 2: 'title' must be a string"),
        ('{"file": "ok.txt"}', "line 2: 'ok.txt' is listed twice"),
    ],
)
def test_a_bad_meta_line_raises_naming_the_line(tmp_path: Path, line: str, reason: str) -> None:
    path = _meta_file(tmp_path, '{"file": "ok.txt"}', line)
    with pytest.raises(IngestError) as caught:
        load_meta(path)
    assert caught.value.source == str(path)
    assert caught.value.reason.startswith(reason)


def test_an_unreadable_meta_file_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        load_meta(tmp_path / "absent.jsonl")


def test_meta_for_matches_by_source_name_path_or_url() -> None:
    by_name = SourceMeta(outlet="A")
    by_path = SourceMeta(outlet="B")
    by_url = SourceMeta(outlet="C", url="https://wire.example.org/crossing")
    meta = {"a.txt": by_name, "sub/b.txt": by_path, "c.txt": by_url, "exact/d.txt": by_name}
    assert meta_for("exact/d.txt", meta) is by_name
    assert meta_for("/data/reports/a.txt", meta) is by_name
    assert meta_for("/data/reports/sub/b.txt", meta) is by_path
    assert meta_for("https://wire.example.org/crossing", meta) is by_url
    assert meta_for("/data/reports/zzz.txt", meta) is None


# --- read_source on paths -----------------------------------------------------------------------


def test_meta_beats_content_and_defaults_fill_gaps(tmp_path: Path) -> None:
    path = tmp_path / "001_crossing.txt"
    path.write_text(REPORT, encoding="utf-8")
    meta = SourceMeta(
        title="Sidecar title", published=dt.date(2021, 3, 2), published_source=DateSource.META
    )
    defaults = SourceMeta(
        outlet="Flag outlet", published=dt.date(1999, 1, 1), published_source=DateSource.CLI
    )
    (article,) = read_source(str(path), meta=meta, defaults=defaults, settings=Settings())
    assert isinstance(article, Article)
    assert article.title == "Sidecar title"
    assert (article.published, article.published_source) == (dt.date(2021, 3, 2), DateSource.META)
    assert article.outlet == "Flag outlet"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", RejectReason.EMPTY),
        ("blank.txt", b" \n\n \t", RejectReason.EMPTY),
        ("scan.pdf", b"%PDF-1.4\n" + bytes(range(256)), RejectReason.BINARY),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), RejectReason.BINARY),
        ("letter.docx", b"PK\x03\x04 whatever", RejectReason.UNSUPPORTED),
        ("short.txt", b"Ministers meet.", RejectReason.NO_TEXT),
        ("records.jsonl", b"{broken\n", RejectReason.MALFORMED),
    ],
)
def test_bad_files_are_rejected_with_a_one_line_reason(
    tmp_path: Path, name: str, data: bytes, reason: RejectReason
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (rejection,) = read_source(str(path), settings=Settings())
    assert isinstance(rejection, Rejection)
    assert rejection.reason is reason
    assert rejection.source.startswith(str(path))
    assert rejection.detail and "\n" not in rejection.detail


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("[Updated] " + REPORT, Article),  # a bracket does not make it JSON
        ("{Draft} " + REPORT, Article),
        (
            "<?xml version='1.0'?><urlset><url><loc>https://x.example.org/</loc></url></urlset>",
            None,
        ),
    ],
)
def test_sniffing_files_without_a_known_extension(
    tmp_path: Path, content: str, kind: type[Article] | None
) -> None:
    path = tmp_path / "input.dat"
    path.write_text(content, encoding="utf-8")
    (item,) = read_source(str(path), settings=Settings())
    if kind is None:
        assert isinstance(item, Rejection) and item.reason is RejectReason.UNSUPPORTED
    else:
        assert isinstance(item, kind), item


def test_a_file_over_the_size_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(REPORT * 10, encoding="utf-8")
    (rejection,) = read_source(str(path), settings=Settings(max_input_bytes=200))
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.TOO_LARGE


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    (rejection,) = read_source(str(tmp_path / "gone.txt"), settings=Settings())
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.UNREADABLE


# --- read_source on URLs, against a real local server -----------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []  # noqa: RUF012 - the test reads what the server saw

    routes: dict[str, tuple[int, str, bytes]] = {  # noqa: RUF012
        "/2021/03/02/crossing.html": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/plain": (
            200,
            "text/plain; charset=iso-8859-1",
            REPORT.replace("Ostrava", "Ostravá").encode("latin-1"),
        ),
        "/big": (200, "text/plain", b"x" * 5000),
    }

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/2021/03/02/crossing.html")
            self.end_headers()
            return
        if self.path == "/big-unannounced":  # no Content-Length: the cap must stop the read
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"y" * 5000)
            return
        status, content_type, body = self.routes.get(
            self.path, (404, "text/html", b"<h1>gone</h1>")
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_a_url_is_fetched_and_becomes_the_article_url(server: str) -> None:
    url = f"{server}/2021/03/02/crossing.html"
    (article,) = read_source(url, settings=Settings(fetch_timeout=5))
    assert isinstance(article, Article), article
    assert article.source == url
    assert article.url == url
    assert article.title == "Crossing to reopen"
    assert (article.published, article.published_source) == (dt.date(2021, 3, 2), DateSource.URL)
    assert _Handler.agents[-1] == f"eventwire/{__version__}"


def test_a_declared_charset_and_redirects_are_followed(server: str) -> None:
    (plain,) = read_source(f"{server}/plain", settings=Settings(fetch_timeout=5))
    assert isinstance(plain, Article), plain
    assert "Ostravá" in plain.text
    (moved,) = read_source(f"{server}/redirect", settings=Settings(fetch_timeout=5))
    assert isinstance(moved, Article), moved
    assert moved.source == f"{server}/redirect"
    assert moved.url == f"{server}/2021/03/02/crossing.html"


def test_http_errors_are_fetch_failed_with_the_status(server: str) -> None:
    (rejection,) = read_source(f"{server}/missing", settings=Settings(fetch_timeout=5))
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.FETCH_FAILED
    assert "404" in rejection.detail


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_a_body_over_the_size_limit_is_too_large(server: str, path: str) -> None:
    (rejection,) = read_source(
        f"{server}{path}", settings=Settings(fetch_timeout=5, max_input_bytes=1000)
    )
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.TOO_LARGE


def test_a_refused_connection_is_fetch_failed() -> None:
    (rejection,) = read_source("http://127.0.0.1:9/none", settings=Settings(fetch_timeout=5))
    assert isinstance(rejection, Rejection)
    assert rejection.reason is RejectReason.FETCH_FAILED


# --- the seed reports in ../shared --------------------------------------------------------------


@pytest.mark.shared
def test_seed_reports_captions_labels_and_titles() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    meta = load_meta(seeds / "meta.jsonl")
    sources = [s for s in expand_inputs([str(seeds)]) if isinstance(s, str) and s.endswith(".txt")]
    assert len(sources) == 2
    for source in sources:
        entry = meta_for(source, meta)
        assert entry is not None and entry.title is not None
        (article,) = read_source(source, meta=entry, settings=Settings())
        assert isinstance(article, Article), article
        assert article.title == entry.title
        assert article.published == entry.published
        assert article.published_source is DateSource.META
        first = article.segments[0]
        assert first.kind is SegmentKind.BOILERPLATE  # the outlet label
        assert article.text[first.start : first.end].endswith("Report")
        (title,) = article.segments_of(SegmentKind.TITLE)
        assert title_key(article.text[title.start : title.end]) == title_key(entry.title)
        captions = 0
        for seg in article.segments:
            if "Credit:" in article.text[seg.start : seg.end]:
                assert seg.kind is SegmentKind.CAPTION
                captions += 1
        assert captions >= 3
        assert "Credit:" not in article.narrative_text()
