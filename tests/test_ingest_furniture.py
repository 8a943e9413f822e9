"""Page furniture seen in its place on the page (eventwire.ingest.furniture and build):
reader comment sections end the story, highlight boxes above it are not narrative, a headline
glued to the lead is split off. All pages here are invented."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.ingest.build import ReadContext
from eventwire.ingest.clean import classify_paragraph, normalise_chars
from eventwire.ingest.text import read_text
from eventwire.models import Article, SegmentKind, SourceMeta

B, X, T = SegmentKind.BODY, SegmentKind.BOILERPLATE, SegmentKind.TITLE

STORY = [
    "The foreign ministers of Sylvania and Freedonia agreed on Tuesday to reopen the river "
    "crossing at Ostrava, closed since a collision between patrol boats last year.",
    "Customs officers from both countries will share a post on the Freedonian bank of the "
    "river from next month, the ministers said after three hours of talks.",
    "Farmers on both banks have lost markets since the closure, and lorry drivers protested "
    "at the crossing in March.",
]


def _page(*paragraphs: str, title: str | None = None) -> Article:
    raw = "\n\n".join(paragraphs) + "\n"
    ctx = ReadContext(Settings(min_text_chars=1), meta=SourceMeta(title=title) if title else None)
    result = read_text("page.txt", raw, ctx)
    assert isinstance(result, Article), result
    for seg in result.segments:  # every cut keeps exact offsets into the raw text
        assert seg.raw_start is not None and seg.raw_end is not None
        assert normalise_chars(raw[seg.raw_start : seg.raw_end]) == result.text[seg.start : seg.end]
    return result


def _kinds(article: Article) -> list[tuple[SegmentKind, str]]:
    return [(s.kind, article.text[s.start : s.end]) for s in article.segments]


def _narrative(article: Article) -> list[str]:
    return [text for kind, text in _kinds(article) if kind in (B, T)]


def test_a_comment_thread_ends_the_story_from_the_handle_before_its_first_stamp() -> None:
    page = _page(
        *STORY,
        "RiverWatcher42",
        "March 3, 2021 at 6:24 pm | Report abuse | The crossing should never have closed.",
        "The ministers agreed to nothing new; the same deal was signed in 2015.",
        "Reply",
        "Sylvania will close it again within a year, mark my words.",
        "(required, but will not be displayed) The Harbour Wire welcomes a lively and courteous "
        "discussion as long as you follow the Rules of Conduct set forth in our Terms of Service.",
        "Freedonia to hold snap election in May",
    )
    assert _narrative(page) == STORY
    assert [kind for kind, _ in _kinds(page)] == [B, B, B, X, X, X, X, X, X, X]


def test_a_comments_heading_starts_the_section_when_comment_lines_follow_it() -> None:
    page = _page(
        *STORY,
        "Comments (3)",
        "ostrava_lorry_driver",
        "2 hours ago",
        "Finally some good news for the drivers on both banks of the river.",
        "Reply",
        "The ministers should have acted a year ago, but better late than never.",
    )
    assert _narrative(page) == STORY


def test_a_comments_heading_without_comment_lines_after_it_does_not_end_the_story() -> None:
    page = _page(
        STORY[0],
        "Comments",
        STORY[1],
        STORY[2],
        "Freedonian officials said the agreement would be reviewed in a year.",
        "Notify me of follow-up comments via email.",
    )
    kinds = _kinds(page)
    assert _narrative(page) == [
        *STORY,
        "Freedonian officials said the agreement would be reviewed in a year.",
    ]
    assert kinds[-1] == (X, "Notify me of follow-up comments via email.")


def test_a_comment_marker_before_enough_story_text_drops_only_its_own_line() -> None:
    page = _page(
        "March 3, 2021 at 6:24 pm | Reply",
        *STORY,
    )
    assert _kinds(page)[0] == (X, "March 3, 2021 at 6:24 pm | Reply")
    assert _narrative(page) == STORY


def test_comment_stamps_and_notices_are_boilerplate_at_any_length() -> None:
    long_comment = (
        "I agree with the ministers. "
        + "The river has been the lifeblood of both towns for centuries. " * 6
        + "March 4, 2021 at 9:02 am | Report abuse | Nobody asked the fishermen."
    )
    assert classify_paragraph(long_comment) is X
    assert classify_paragraph("6th June 2021 - 16:18 The talks were a farce.") is X
    assert classify_paragraph("At 15:04 6th Mar 2021, riverfan wrote: Good news.") is X
    assert classify_paragraph("This comment was removed because it broke the house rules.") is X
    # an update stamp in a live report is story text
    assert classify_paragraph("(Update 10:15 p.m.) The minister arrived in Ostrava.") is B


def test_reader_terms_and_comment_widgets_are_boilerplate_but_reports_about_terms_are_not() -> None:
    for line in (
        "You agree that your comments may be published, in accordance with our Privacy Policy.",
        "Please ensure you have read the terms and conditions.",
        "Send us your pictures and videos using the form below.",
        "Report abuse",
        "Comments (128)",
        "Add your comment",
    ):
        assert classify_paragraph(line) is X, line
    for line in (
        "Freedonia's telecoms regulator changed its terms of service for operators last year.",
        '"You broke the terms of the ceasefire," the minister told his counterpart.',
    ):
        assert classify_paragraph(line) is B, line


def test_a_highlight_box_glued_before_the_wire_dateline_is_split_off() -> None:
    box = (
        "By the Harbour Wire Staff NEW: Ministers agree to reopen the Ostrava crossing "
        "NEW: Customs officers will share a post Lorry drivers protested for weeks"
    )
    lead = (
        "Ostrava, Sylvania (Harbour Wire) -- The foreign ministers of Sylvania and Freedonia "
        "agreed on Tuesday to reopen the river crossing."
    )
    page = _page(f"{box} {lead}", *STORY[1:])
    assert _kinds(page)[:2] == [(X, box), (B, lead)]
    assert _narrative(page) == [lead, *STORY[1:]]


def test_a_highlights_list_at_the_top_is_boilerplate_and_new_later_in_the_story_is_not() -> None:
    update = "NEW: The crossing reopened at noon on Friday, officials said."
    page = _page(
        "STORY HIGHLIGHTS",
        "Ministers agree to reopen the Ostrava crossing",
        "Customs officers will share a post",
        *STORY,
        update,
    )
    assert _narrative(page) == [*STORY, update]
    only_box = _page("NEW: Ministers agree to reopen the crossing Lorry drivers wait", *STORY)
    assert _narrative(only_box) == STORY


def test_a_known_title_glued_to_the_lead_is_split_off() -> None:
    title = "Sylvania and Freedonia reopen river crossing"
    page = _page(f"{title} {STORY[0]}", *STORY[1:], title=title)
    assert _kinds(page)[:2] == [(T, title), (B, STORY[0])]
    # a lead that merely opens with the title's words is left whole
    lead = f"{title} at Ostrava after a year of talks, officials said on Tuesday."
    whole = _page(lead, *STORY[1:], title=title)
    assert _kinds(whole)[0] == (B, lead)
