"""Paragraph classification and date clues shared by every reader.

``classify_paragraph`` says whether a paragraph is part of the story (``BODY``) or furniture around
it: a photo caption or credit, a byline, or outlet boilerplate (labels, share widgets, "Read more",
copyright lines). The rules are written for news in general, not one outlet, and lean towards
``BODY``: a narrative sentence wrongly dropped costs more than a stray widget kept.

Also here: the length-preserving character normalisation used for raw offsets, title comparison,
and the date clues used when nothing better is known (a dateline, a date in the URL, ISO strings).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from eventwire.ingest.furniture import has_comment_marker
from eventwire.models import SegmentKind

# --- length-preserving normalisation -------------------------------------------------------------

_SPACELIKE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def normalise_chars(text: str) -> str:
    """Replace every whitespace or control character by one space; the length never changes."""
    return _SPACELIKE.sub(" ", text)


def collapse_space(text: str) -> str:
    """Whitespace and control characters collapsed to single spaces, ends stripped."""
    return " ".join(normalise_chars(text).split())


_QUOTES_DASHES = str.maketrans(
    {"‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)


def title_key(text: str) -> str:
    """A comparison key for titles: case, quote style, dashes and spacing do not matter."""
    return collapse_space(text.translate(_QUOTES_DASHES)).casefold().rstrip(" .:")


# --- names --------------------------------------------------------------------------------------

_NAME_JOINERS = frozenset(
    (
        *("and", "in", "of", "the", "for", "at", "by", "with", "y", "|", ",", "&", ";", "-"),
        *("de", "del", "da", "van", "von", "der", "le", "la", "bin", "al", "–", "—"),
        *("staff", "writer", "writers", "correspondent", "correspondents", "editor", "editors"),
        *("reporter", "reporters", "additional", "reporting", "editing", "writing"),
    )
)


def _name_like(words: list[str]) -> bool:
    """Every word capitalised, a number or a joiner ("and", "in", "|"): a credit, not prose."""
    for word in words:
        bare = word.strip(",.;:()|'\"")
        if not bare or bare.casefold() in _NAME_JOINERS or bare[0].isdigit():
            continue
        if not bare[0].isupper():
            return False
    return True


# --- captions and credits -----------------------------------------------------------------------

_AGENCIES = (
    r"AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|EFE|Getty|Getty Images|PA|PA Wire|PA Images|Xinhua|"
    r"Yonhap|KCNA|Kyodo|Bloomberg|Shutterstock|Alamy|Anadolu|ANP|dpa|DPA|NurPhoto|Sipa|SOPA|"
    r"SOPA Images|ANSA|TASS|Sputnik|UPI|ABACA|Rex|REX|Rex Features|AAP|WENN|NYT|The New York Times"
)
_CREDIT_WORD = r"(?:Photo|Photograph|Picture|Image|Video|Illustration)s?"
# "... Credit: Lee Jin-man/AP", "Credit: AP" at the end of a paragraph.
_CREDIT_TAIL = re.compile(
    r"\b(?i:credits?)\s*:\s*(?=[A-Z0-9©]|[^/\n]{1,60}/)[^.!?:\n]{1,100}\.?\s*$"
)
# "Photograph: Jane Roe/Reuters", "Photo credit: AFP" at the end; who must look like a credit.
_PHOTO_TAIL = re.compile(
    rf"\b{_CREDIT_WORD}(?:\s+credits?)?\s*:\s*(?P<who>[^.!?:\n]{{1,80}})\.?\s*$", re.IGNORECASE
)
# "(AP Photo/Jane Roe)", "(Photo by John Doe/Getty Images)", "(Photo: AFP)" at the end.
_PHOTO_PAREN_TAIL = re.compile(
    rf"\((?:[A-Z][\w.&'-]*\s+){{0,3}}{_CREDIT_WORD}\s*(?:/|:|\bby\b|\bcourtesy\b)[^()]{{1,100}}\)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)
# "(Reuters)", "(AFP/Jane Roe)", "REUTERS/Kim Hong-Ji", "KCNA via REUTERS", "Getty Images".
_AGENCY_TAIL = re.compile(
    rf"(?:\((?:{_AGENCIES})(?:/[^()]{{1,60}})?\)|(?:\bvia\s+|/\s*)(?:{_AGENCIES})"
    rf"|\bREUTERS/[A-Z][^/\n]{{1,60}}(?:/File(?: Photo)?)?|Getty Images)\s*$"
)
_CAPTION_HEAD = re.compile(
    r"^(?:(?:Photo|Image|Picture|Video)\s+(?:caption|copyright)\b|FILE PHOTO\b|"
    rf"(?:{_CREDIT_WORD}|Pictured|Caption|Main image)\s*:)",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(
    r"(?:\(file (?:photo|picture|image)\)|(?:^|[/.]\s*)file (?:photo|picture|image))\s*\.?\s*$",
    re.IGNORECASE,
)
_CREDIT_ANYWHERE = re.compile(r"\b(?:Credit|CREDIT)[sS]?\s*:")
SHORT_CAPTION_CHARS = 250


def _credit_at(text: str) -> int | None:
    """Where a trailing photo credit ("Credit: ...", "Photograph: ...", "(AP Photo/...)") starts."""
    for pattern in (_CREDIT_TAIL, _PHOTO_PAREN_TAIL, _PHOTO_TAIL):
        match = pattern.search(text)
        if match is None:
            continue
        who = match.groupdict().get("who")
        if who is None or "/" in who or _name_like(who.split()):
            return match.start()
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Jr|Sr|No|Mt|Ft|Rev)|"
    r"\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
MIN_LEAD_CHARS = 100


def caption_start(text: str) -> int:
    """Where the caption starts in a paragraph that ends in a photo credit.

    0 means the whole paragraph is the caption. Scraped pages often lose the break between the
    last sentence of a paragraph and the caption of the photo after it; when at least
    ``MIN_LEAD_CHARS`` of complete sentences come before a caption sentence that runs straight
    into its credit ("... on the Paraguayan side. Delegates arrive in Asunción Credit: X/Y"),
    the offset of that caption sentence is returned instead.
    """
    credit = _credit_at(text)
    if credit is None:
        return 0
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text, 0, credit)
        if not _ABBREVIATION.search(text, 0, m.start())
    ]
    if not ends or ends[-1] < MIN_LEAD_CHARS or not text[ends[-1] : credit].strip():
        return 0
    return ends[-1]


def is_caption(text: str) -> bool:
    """A photo caption or credit line, judged by the credit it ends with or starts with."""
    return _is_caption(collapse_space(text))


def _is_caption(para: str) -> bool:
    if not para:
        return False
    if _credit_at(para) is not None:
        return True
    if _CAPTION_HEAD.search(para) or _FILE_PHOTO.search(para):
        return True
    short = len(para) <= SHORT_CAPTION_CHARS
    return short and bool(_AGENCY_TAIL.search(para) or _CREDIT_ANYWHERE.search(para))


# --- bylines ------------------------------------------------------------------------------------

_BY = re.compile(r"^\(?By\s+(?P<rest>.+)$")
_CREDIT_LINE = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|written|compiled|edited|reported)"
    r"(?:\s+and\s+\w+)?\s+by\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this )?(?:report|reporting|story)\)?\.?$")
MAX_BYLINE_CHARS = 200


def is_byline(text: str) -> bool:
    """A byline: "By Jane Doe", "By JANE DOE and JOHN ROE, AP", "Reporting by ...; Editing by"."""
    return _is_byline(collapse_space(text))


def _is_byline(para: str) -> bool:
    if not para or len(para) > MAX_BYLINE_CHARS * 2:
        return False
    if _CONTRIBUTED.search(para):
        return True
    credit = _CREDIT_LINE.match(para)
    if credit is not None:
        return _name_like(credit["rest"].split())
    match = _BY.match(para)
    if match is None or len(para) > MAX_BYLINE_CHARS:
        return False
    return _name_like(match.group("rest").split())


# --- boilerplate --------------------------------------------------------------------------------

_BOILERPLATE_LINES = frozenset(
    (
        *("advertisement", "advertisement - scroll to continue", "sponsored", "sponsored content"),
        *("story continues below advertisement", "read more", "read more below", "related"),
        *("related articles", "related stories", "related content", "related coverage"),
        *("related topics", "more on this story", "most read", "top stories", "you may also like"),
        *("share", "share this", "share this article", "share this story", "share this page"),
        *("tweet", "email", "print", "comments", "show comments", "view comments", "close"),
        *("skip to main content", "skip to content", "listen to this article", "menu"),
        *("media playback is unsupported on your device", "subscribe", "subscribe now", "sign up"),
        *("reply", "report abuse", "add your comment", "leave a comment", "post a comment"),
        *("loading comments", "load more comments", "show more comments", "story highlights"),
        *("watch video", "watch the video", "play video"),
    )
)
_OUTLET_LABEL = re.compile(r"^(?:\d{1,3}\.\s*)?[A-Z][\w&'’.-]*(?:\s+[\w&'’.-]+){0,3}\s+Report$")
_BOILERPLATE_HEAD = re.compile(
    r"^(?:read more|read next|more|see also|also read|also see|related|recommended|watch|listen)"
    r"\s*:|^(?:share|post|send) (?:this|it|on|via|to)\b|^follow\b.{0,80}\bon "
    r"(?:twitter|facebook|instagram|x|linkedin|tiktok|youtube|telegram|threads|bluesky)\b|"
    r"^(?:sign up|subscribe)\b.{0,100}\b(?:newsletter|updates|alerts|email)|^click here\b|"
    r"^(?:copyright\s*)?(?:©|\(c\))|^copyright\s+\d{4}\b|^comments\s*\(\d[\d,]*\)$|"
    r"^notify me of (?:new|follow-up)\b.{0,40}\bvia e-?mail|"
    r"^send (?:us )?your (?:comments|pictures|photos|videos?|images|stories|questions)\b",
    re.IGNORECASE,
)
# Terms addressed to the reader: "You agree that ... Terms of Service", "Please read the house
# rules". A report about terms ("Facebook changed its terms of service, it said") has no "you".
_TERMS = re.compile(
    r"\b(?:terms of (?:service|use)|terms and conditions|privacy policy|house rules|"
    r"rules of conduct)\b",
    re.IGNORECASE,
)
_READER = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_SAID = re.compile(r"\b(?:said|says|told)\b")
_TERMS_HINTS = ("erms", "olicy", "ules")  # "Terms"/"terms", "Policy", "Rules": a cheap first test


def _terms_for_reader(para: str) -> bool:
    if not any(hint in para for hint in _TERMS_HINTS) or not _TERMS.search(para):
        return False
    return bool(_READER.search(para)) and not _SAID.search(para)


_BOILERPLATE_ANY = re.compile(
    r"\ball rights reserved\b|\bmay not be (?:published|reproduced), broadcast, rewritten\b|"
    r"\bmay not be (?:published|reproduced|redistributed)\b.{0,60}\bwithout (?:prior )?"
    r"(?:written )?permission",
    re.IGNORECASE,
)
MAX_BOILERPLATE_CHARS = 250


def is_boilerplate(text: str) -> bool:
    """Outlet labels, advertising, share and follow widgets, "Read more", copyright notices."""
    return _is_boilerplate(collapse_space(text))


def _is_boilerplate(para: str) -> bool:
    if not para:
        return True
    if len(para) > MAX_BOILERPLATE_CHARS:
        return False
    bare = para.rstrip(" .:!»›>").casefold()
    if bare in _BOILERPLATE_LINES or _OUTLET_LABEL.match(para):
        return True
    if _terms_for_reader(para):
        return True
    return bool(_BOILERPLATE_HEAD.search(para) or _BOILERPLATE_ANY.search(para))


def classify_paragraph(text: str) -> SegmentKind:
    """``BOILERPLATE``, ``CAPTION``, ``BYLINE`` or ``BODY`` (titles are decided by the reader).

    A paragraph with a reader comment's stamp or a comment form's notice is boilerplate at any
    length (``furniture`` decides where the comment section around it starts).
    """
    para = collapse_space(text)  # once for the three tests
    if _is_boilerplate(para) or has_comment_marker(text):
        return SegmentKind.BOILERPLATE
    if _is_caption(para):
        return SegmentKind.CAPTION
    if _is_byline(para):
        return SegmentKind.BYLINE
    return SegmentKind.BODY


# --- dates --------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TEXT_DATES = (
    re.compile(rf"^{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"^{_DAY}\s+{_MONTH},?(?:\s+{_YEAR})?\b"),
    re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
)
MIN_YEAR, MAX_YEAR = 1900, 2100


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or ``None`` when the parts do not make a real one (or the year is implausible)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_iso_date(value: str) -> dt.date | None:
    """The date of an ISO 8601 date or date-time string ("2019-02-24", "2019-02-24T10:00Z")."""
    text = value.strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2})", text)
    if match is None:
        return None
    if len(text) > 10:
        try:
            dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    return make_date(int(match[1]), int(match[2]), int(match[3]))


def _date_at(text: str) -> tuple[dt.date | None, bool]:
    """A date at the start of ``text``: (date, whether something date-like was there)."""
    for pattern in _TEXT_DATES:
        match = pattern.match(text)
        if match is None:
            continue
        mon = match["mon"]
        month = int(mon) if mon.isdigit() else _MONTHS.get(mon.casefold())
        if month is None:
            continue
        if match["year"] is None:
            return None, True  # "Feb. 24": no year, no date
        return make_date(int(match["year"]), month, int(match["day"])), True
    return None, False


@dataclass(frozen=True, slots=True)
class Dateline:
    """The opening of a wire report: "SEOUL, Feb. 24 (Yonhap) --", "BEIJING (AP) — Jan. 8, 2019"."""

    place: str
    published: dt.date | None
    end: int  # offset in the paragraph just after the dateline


_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]{1,40}?)"  # "BOGOTÁ", "SÃO PAULO"
    r"(?:,\s*(?P<extra>[^()\n—–]{1,40}?))?\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:(?:--|—|–|-|:)\s+|(?<=[\s)])_\s*(?=\S))"  # "JERUSALEM (AP)_ Top ...": old AP wires
)


def find_dateline(text: str) -> Dateline | None:
    """A wire-style dateline at the start of ``text``; its date only when it has a year."""
    match = _DATELINE.match(text)
    if match is None or sum(c.isalpha() for c in match["place"]) < 2:
        return None
    published: dt.date | None = None
    end = match.end()
    if match["extra"]:
        published, _ = _date_at(match["extra"].strip())
    if published is None:
        after, found = _date_at(text[end:])
        if found:
            published = after
            tail = re.match(r"[^—–\n]{0,20}?(?:--|—|–)\s*", text[end:])
            end += tail.end() if tail else 0
    return Dateline(match["place"].strip(), published, end)


DATELINE_REACH = 1000  # characters: a dateline opens the report (after its title and byline)
DATELINE_CHARS = 120  # the stretch of a line a dateline is looked for in


def opening_dateline(text: str) -> tuple[int, Dateline] | None:
    """The first line near the top of ``text`` that opens with a dateline, as ``(offset of the
    line's first character, dateline)``; blanked title and byline lines are passed over."""
    start = 0
    while start < min(len(text), DATELINE_REACH):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while start < end and text[start].isspace():
            start += 1
        found = find_dateline(text[start : min(end, start + DATELINE_CHARS)])
        if found is not None:
            return start, found
        start = end + 1
    return None


_URL_DATES = (
    re.compile(r"(?<!\d)(?P<y>\d{4})([/-])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=[/_.-]|$)"),
)


def date_from_url(url: str) -> dt.date | None:
    """A date written into a URL's path: /2019-02-24/, /2019/02/24/, /20190224/. Validated."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = make_date(int(match["y"]), int(match["m"]), int(match["d"]))
            if found is not None:
                return found
    return None
