"""Page furniture that spans paragraphs: reader comment sections and story highlight boxes.

``clean.classify_paragraph`` judges one paragraph at a time; some furniture can only be seen in
its place on the page:

- **Comment sections.** Once a page shows a reader comment (a timestamp with "| Report abuse" or
  "| Reply", a moderation notice, the comment form's terms), the story has ended: comments run to
  the end of the page, with only more furniture after them. A "Comments" heading starts the
  section when comment-shaped lines (handles, "Reply", timestamps) follow it. The section is cut
  only after enough story text, so a page that opens with such a marker loses just that line.
- **Highlight boxes.** Outlets put a few headline-like summary lines ("STORY HIGHLIGHTS",
  "NEW: ...") above the story; scraped text often glues them into the first paragraph, before the
  wire dateline ("Cairo, Egypt (CNN) --") where the story starts.

Every pattern is anchored or keyed on a literal, and each paragraph is tested once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CLOCK = r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|[AP]\.?M\.?)?"
# A comment's stamp: "January 31, 2011 at 6:24 pm |", "Report abuse |" (only where the paragraph
# has a "|"), or at its start "6th June 2012 - 16:18", "At 15:04 6th Mar 2012, handle wrote:".
_STAMP_WITH_BAR = re.compile(
    rf"\b{_MONTH_NAME}\s+\d{{1,2}},\s+\d{{4}},?\s+at\s+{_CLOCK}\s*\||"
    r"\|\s*Report abuse\b|\bReport abuse\s*\|"
)
_STAMP_OPENING = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)\s+{_MONTH_NAME}\s+\d{{4}}\s+-\s+\d{{1,2}}:\d{{2}}\s|"
    rf"At\s+\d{{1,2}}:\d{{2}}\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME}\s+\d{{4}},\s*\S{{1,40}}\s+wrote:"
)
# The comment form and moderation notices: only a comment section carries these. Each contains
# one of ``_NOTICE_WORDS``, checked first so that most paragraphs skip the search.
_NOTICE_WORDS = ("displayed", "pre-screened", "you post", "courteous", "removed", "moderated")
_COMMENT_NOTICE = re.compile(
    r"\(required, but will not be displayed\)|\bcomments are not pre-screened\b|"
    r"\banything you post may be used\b|\bwelcomes a lively and courteous discussion\b|"
    r"\bthis comment (?:was|has been) removed\b|\bposts are (?:reactively-)?moderated\b",
    re.IGNORECASE,
)
_COMMENT_HEADING = re.compile(
    r"^(?:\d[\d,]*\s+)?(?:reader\s+|your\s+|user\s+)?comments(?:\s*\(\d[\d,]*\))?$|"
    r"^(?:add|leave|post|write)\s+(?:a|your)\s+comment$|^(?:loading|show|view|read)\s+comments$",
    re.IGNORECASE,
)
# Short lines that only a comment thread has: a handle, "Reply", a bare stamp, "Posted by ...".
_COMMENT_LINE = re.compile(
    r"^(?:reply|report abuse|like|flag|recommend)(?:\s*\|\s*(?:reply|report abuse|like|flag))*$|"
    rf"^{_MONTH_NAME}\s+\d{{1,2}},\s+\d{{4}},?\s+(?:at\s+)?{_CLOCK}$|"
    r"^\d{1,3}\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago$|"
    r"^posted by\s+\S.{0,60}$|^@?[A-Za-z][\w.-]{2,29}$",
    re.IGNORECASE,
)
MAX_COMMENT_LINE_CHARS = 80
MIN_STORY_CHARS = 300  # story text needed before a comment section may end the page
HEADING_LOOKAHEAD = 6  # paragraphs after a "Comments" heading searched for comment lines


def has_comment_marker(text: str) -> bool:
    """A comment's stamp or a comment form's notice: this paragraph is from a comment section."""
    if _STAMP_OPENING.match(text) or ("|" in text and _STAMP_WITH_BAR.search(text)):
        return True
    return any(word in text for word in _NOTICE_WORDS) and bool(_COMMENT_NOTICE.search(text))


def _comment_line(text: str) -> bool:
    line = text.strip(" |:")
    return 0 < len(line) <= MAX_COMMENT_LINE_CHARS and bool(_COMMENT_LINE.match(line))


def _heading(text: str) -> bool:
    line = text.strip(" :.»›>")
    return len(line) <= MAX_COMMENT_LINE_CHARS and bool(_COMMENT_HEADING.match(line))


def _heading_starts_thread(texts: Sequence[str], at: int) -> bool:
    following = texts[at + 1 : at + 1 + HEADING_LOOKAHEAD]
    if any(has_comment_marker(t) for t in following):
        return True
    return sum(_comment_line(t) for t in following) >= 2


def comments_start(texts: Sequence[str], story: Sequence[bool]) -> int | None:
    """Where the reader comment section starts: every paragraph from there on is furniture.

    ``story[i]`` says whether paragraph ``i`` counts as story text so far (title or body). The
    section starts at its first marker, or at a "Comments" heading with comment lines after it,
    moved back over comment-shaped lines (a handle, "Posted by") right before it. ``None`` when
    there is no section, or when less than ``MIN_STORY_CHARS`` of story text come before it.
    """
    start = None
    for i, text in enumerate(texts):
        if has_comment_marker(text) or (_heading(text) and _heading_starts_thread(texts, i)):
            start = i
            break
    if start is None:
        return None
    while start > 0 and (_comment_line(texts[start - 1]) or _heading(texts[start - 1])):
        start -= 1
    before = sum(len(t) for t, s in zip(texts[:start], story[:start], strict=False) if s)
    return start if before >= MIN_STORY_CHARS else None


# --- highlight boxes ------------------------------------------------------------------------------

HIGHLIGHTS_WITHIN = 3  # only the first paragraphs of a page can hold the highlight box
MAX_HIGHLIGHT_LINE_CHARS = 200
MAX_HIGHLIGHT_LINES = 8
_NEW_MARK = re.compile(r"\bNEW:\s")
_HIGHLIGHTS_HEAD = re.compile(r"^(?:STORY\s+)?HIGHLIGHTS\b:?\s*", re.IGNORECASE)
_BOX_OPENING = re.compile(r"^(?:By\s[^:]{1,80}?\s)?NEW:\s|^(?:STORY\s+)?HIGHLIGHTS\b")
# The wire dateline where the story begins: "Cairo, Egypt (CNN) --", "(Reuters) -".
_STORY_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,4}\s+)?"
    r"\((?:CNN|AP|Reuters|AFP|BBC|dpa|UPI|Xinhua|[A-Z][A-Za-z]{1,15} Wire)\)\s*(?:--|—|–|-)\s+"
)
MAX_BOX_CHARS = 1200  # a dateline further in than this is not the end of a highlight box


def highlights_end(text: str) -> int:
    """How much of a page-top paragraph is a highlight box: 0 for none, ``len(text)`` for all.

    A box opens with "STORY HIGHLIGHTS" or, after an optional byline, "NEW:"; "NEW:" may also
    follow a short teaser ("By the CNN Wire Staff Video title NEW: ..."). When the story's wire
    dateline follows within the box, the box ends where the dateline's place name starts.
    """
    mark = _NEW_MARK.search(text, 0, MAX_HIGHLIGHT_LINE_CHARS)
    opens = _BOX_OPENING.match(text) is not None
    if mark is None and not opens:
        return 0
    dateline = _STORY_DATELINE.search(text, 0, MAX_BOX_CHARS)
    if dateline is not None and dateline.start() > (mark.start() if mark else 0):
        return dateline.start()
    return len(text) if opens else 0


def is_highlight_line(text: str) -> bool:
    """A short headline-like line (no closing full stop), as in a highlights list."""
    line = text.strip()
    return 0 < len(line) <= MAX_HIGHLIGHT_LINE_CHARS and not line.endswith((".", ":", ";"))


def is_highlights_heading(text: str) -> bool:
    """ "STORY HIGHLIGHTS" or "HIGHLIGHTS" alone on its line."""
    head = _HIGHLIGHTS_HEAD.match(text.strip())
    return head is not None and head.end() == len(text.strip())
