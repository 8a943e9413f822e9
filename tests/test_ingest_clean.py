"""Paragraph classification and date clues (eventwire.ingest.clean) and the language guess."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest.clean import (
    caption_start,
    classify_paragraph,
    collapse_space,
    date_from_url,
    find_dateline,
    normalise_chars,
    parse_iso_date,
    title_key,
)
from eventwire.ingest.language import guess_language
from eventwire.models import SegmentKind

CAPTIONS = [
    "The second round of talks between the ministers will be held in Tallinn Credit: Jane Roe/AP",
    "Credit: AP",
    "Delegates leave the conference hall after the vote. Credit: Marek Novak/Reuters",
    "Border guards check lorries at the crossing near Narva (AP Photo/Anna Kask)",
    "Protesters outside parliament on Tuesday (Photo by Lars Berg/Getty Images)",
    "The foreign minister arrives in Riga. Photograph: Ilze Ozola/EPA",
    "Riot police stand guard near the square. Photo: AFP",
    "Supporters wave flags at the rally. Image: Tomas Vaitkus/Shutterstock",
    "Fishing boats moored in the harbour. Picture: PA Wire",
    "The prime minister waves to reporters in Vilnius. (Reuters)",
    "A general view of the port of Klaipeda. Getty Images",
    "FILE PHOTO: A ferry leaves the port of Helsinki. REUTERS/Ville Saari/File Photo",
    "Soldiers march during the parade in the capital. KCNA via REUTERS",
    "The signing ceremony in 2017 (File photo)",
    "Pictured: the new border post at Valga",
    "Ministers at the summit. Credit: pool photo/Sylvanian government",
    "Image caption The bridge was closed to traffic on Monday",
]
BYLINES = [
    "By Jane Doe",
    "By JANE DOE and JOHN ROE, Associated Press",
    "By Jane Doe, Foreign Affairs Correspondent",
    "By Jane Doe | March 3, 2021",
    "Reporting by Jane Doe in Tallinn; Editing by John Roe",
    "(Reporting by Jane Doe; Additional reporting by Ann Lee in Riga; Editing by John Roe)",
    "Written by Jane Doe",
    "Associated Press writer Ann Lee in Riga contributed to this report.",
]
BOILERPLATE = [
    "1. ITV Report",
    "ITV Report",
    "3. Harbour Wire Report",
    "Advertisement",
    "ADVERTISEMENT",
    "Read more: Why the border talks keep stalling",
    "READ MORE",
    "Share this article",
    "Share on Facebook",
    "Follow us on Twitter",
    "Follow Jane Doe on Twitter: @janedoe",
    "Sign up for our newsletter",
    "Subscribe to our daily newsletter for the latest updates",
    "Related:",
    "Related articles",
    "Copyright 2019 The Associated Press. All rights reserved.",
    "© 2021 Example Media Group",
    "This material may not be published, broadcast, rewritten or redistributed.",
]
BODY = [
    "Officials said the photo was taken on Monday.",
    "The central bank extended credit to farmers hit by the drought, and the finance ministry "
    "said more credit would follow if the harvest failed again next year.",
    "By the end of the week, the talks had collapsed.",
    "By Tuesday evening, police had cleared the square.",
    "Copyright law was changed by parliament last year.",
    "The government wants to improve its image: a goal set out by the new cabinet.",
    "Research by the institute found that prices rose sharply.",
    "Reported by state media, the launch drew condemnation from neighbouring countries.",
    "The agency said it had shared the report with Reuters and the Associated Press.",
    "Follow-up talks on the fishing quota are due in May.",
    "The minister said the report would be published next week.",
    "Foreign ministers from both countries met in the border town on Tuesday to discuss the "
    "disputed river crossing, officials said.",
]


@pytest.mark.parametrize("text", CAPTIONS)
def test_captions_and_photo_credits_are_captions(text: str) -> None:
    assert classify_paragraph(text) is SegmentKind.CAPTION


@pytest.mark.parametrize("text", BYLINES)
def test_bylines_are_bylines(text: str) -> None:
    assert classify_paragraph(text) is SegmentKind.BYLINE


@pytest.mark.parametrize("text", BOILERPLATE)
def test_outlet_labels_widgets_and_notices_are_boilerplate(text: str) -> None:
    assert classify_paragraph(text) is SegmentKind.BOILERPLATE


@pytest.mark.parametrize("text", BODY)
def test_narrative_sentences_stay_body(text: str) -> None:
    assert classify_paragraph(text) is SegmentKind.BODY


def test_a_long_paragraph_that_merely_mentions_credit_is_body() -> None:
    text = (
        "Farmers in the north said they had waited months for the promised credit, and several "
        "told reporters that without it they would not be able to plant in spring. The ministry "
        "said the delay was caused by the banks and that the credit: would arrive soon."
    )
    assert classify_paragraph(text) is SegmentKind.BODY


def test_a_caption_glued_to_the_end_of_a_body_paragraph_is_split_off() -> None:
    lead = (
        "Talks on the disputed river crossing ended without agreement on Thursday, and both "
        "delegations said they would report back to their governments."
    )
    caption = "Delegates leave the conference hall in Narva Credit: Marek Novak/Meridian"
    text = f"{lead} {caption}"
    assert classify_paragraph(text) is SegmentKind.CAPTION
    assert text[caption_start(text) :] == caption
    assert classify_paragraph(text[: caption_start(text)].strip()) is SegmentKind.BODY


@pytest.mark.parametrize(
    "text",
    [
        "The second round of talks will be held in Tallinn Credit: Jane Roe/AP",
        "The foreign minister arrives at the airport. Credit: AP",
        "Mr. Kask arrives at the airport with the delegation from the neighbouring country for "
        "talks on the border that have dragged on for years, led by Gen. Tamm Credit: AP",
    ],
)
def test_a_caption_alone_is_a_caption_as_a_whole(text: str) -> None:
    assert caption_start(text) == 0


def test_normalise_chars_keeps_length_and_maps_spaces() -> None:
    raw = "a\tb\nc\r\nd\xa0e\u2028f\x00g"
    assert normalise_chars(raw) == "a b c  d e f g"
    assert len(normalise_chars(raw)) == len(raw)
    assert collapse_space(" a \n\n b\t") == "a b"


def test_title_key_ignores_case_quotes_and_spacing() -> None:
    assert title_key("Sylvania's  leader arrives") == title_key("SYLVANIA’S leader arrives.")
    assert title_key("Leader arrives") != title_key("Leader leaves")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2019-02-24/leader-travels/", dt.date(2019, 2, 24)),
        ("https://news.example.org/world/2019/02/24/leader-travels", dt.date(2019, 2, 24)),
        ("https://news.example.org/a/20190224/leader-travels.html", dt.date(2019, 2, 24)),
        ("https://news.example.org/20190224", dt.date(2019, 2, 24)),
        ("https://news.example.org/2019/02/30/impossible", None),
        ("https://news.example.org/story/20191345/", None),
        ("https://news.example.org/2019/02/leader", None),
        ("https://news.example.org/story-123456789", None),
        ("not a url at all", None),
        ("", None),
    ],
)
def test_date_from_url(url: str, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-02-24", dt.date(2019, 2, 24)),
        ("2019-02-24T10:15:00Z", dt.date(2019, 2, 24)),
        ("2019-02-24 10:15:00+09:00", dt.date(2019, 2, 24)),
        ("2019-02-30", None),
        ("24/02/2019", None),
        ("2019-02-24Tnonsense", None),
        ("", None),
    ],
)
def test_parse_iso_date(text: str, expected: dt.date | None) -> None:
    assert parse_iso_date(text) == expected


def test_datelines() -> None:
    with_year = find_dateline("TALLINN (AP) — Jan. 8, 2019 — The two ministers met on Tuesday.")
    assert with_year is not None
    assert with_year.place == "TALLINN"
    assert with_year.published == dt.date(2019, 1, 8)

    inline = find_dateline("RIGA, March 3, 2021 (Reuters) - Talks resumed on Wednesday.")
    assert inline is not None and inline.published == dt.date(2021, 3, 3)

    no_year = find_dateline("SEOUL, Feb. 24 (Yonhap) -- The two sides agreed to meet again.")
    assert no_year is not None
    assert no_year.place == "SEOUL"
    assert no_year.published is None

    assert find_dateline("The ministers met on Jan. 8, 2019 in Tallinn.") is None
    accented = find_dateline("BOGOTÁ — The senate voted on Monday.")
    assert accented is not None and accented.place == "BOGOTÁ"
    old_wire = find_dateline("LIMA, Peru (AP)_ The senate voted on Monday.")
    assert old_wire is not None and old_wire.place == "LIMA"
    assert old_wire.end == len("LIMA, Peru (AP)_ ")
    spaced = find_dateline("QUITO _ The senate voted on Monday.")
    assert spaced is not None and spaced.place == "QUITO"
    assert find_dateline("NEW YORK-based firms voted on Monday.") is None
    assert find_dateline("US_EU talks resumed.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministers of the two countries said that the talks would continue after the "
            "summit, and they were hopeful.",
            "en",
        ),
        (
            "El ministro dijo que las negociaciones con el país vecino continuarán la próxima "
            "semana en la capital, según fuentes del gobierno.",
            "es",
        ),
        (
            "Le ministre a déclaré que les négociations avec le pays voisin se poursuivront "
            "la semaine prochaine dans la capitale.",
            "fr",
        ),
        (
            "Der Minister sagte, dass die Gespräche mit dem Nachbarland in der nächsten Woche "
            "fortgesetzt werden, wie die Regierung mitteilte.",
            "de",
        ),
        ("Министр заявил, что переговоры продолжатся на следующей неделе.", "ru"),
        ("قال الوزير إن المحادثات ستستمر الأسبوع المقبل", "ar"),
        ("部长表示，谈判将于下周继续进行。", "zh"),
        ("大臣は、交渉は来週も続くと述べた。", "ja"),
        ("장관은 협상이 다음 주에도 계속될 것이라고 말했다.", "ko"),
        ("Tallinn Riga Vilnius", None),
        ("", None),
    ],
)
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected
