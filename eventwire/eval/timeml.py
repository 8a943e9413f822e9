"""Read TimeML 1.2.1 gold files (TempEval-3, TimeBank, AQUAINT): raw text, DCT and TIMEX3 spans.

The annotated text is the content of ``<TEXT>…</TEXT>`` with every tag stripped and entities
decoded, exactly as a pipeline would see it; each gold TIMEX3 carries character offsets into that
text. The document creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``, normally
inside ``<DCT>``) becomes ``TimemlDoc.dct`` and is never one of the scored timexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from eventwire.errors import EventwireError

_CREATION_TIME = "CREATION_TIME"
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class TimemlError(EventwireError):
    """A TimeML file cannot be read (not XML, no ``<TEXT>``, an untyped TIMEX3); names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: ``text == doc.text[start:end]``; ``mod`` is None when the tag has none."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    """A TimeML document: ``name`` is the file stem, the key predictions are looked up by."""

    name: str
    dct: date | None
    text: str
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimemlDoc:
    """Read one ``.tml`` file; raises ``TimemlError`` naming it when it is not usable TimeML."""
    path = Path(path)
    root = _parse(path)
    body = root.find(".//TEXT")
    if body is None:
        raise TimemlError(path, "no <TEXT> element")
    buf = _Buffer()
    spans: list[tuple[Any, int, int]] = []
    creation: list[Any] = []
    _walk(body, buf, spans, creation)
    text = buf.text()
    timexes = tuple(_gold_timex(tag, start, end, text, path) for tag, start, end in spans)
    dct_tag = root.find(".//DCT/TIMEX3")
    if dct_tag is None and creation:
        dct_tag = creation[0]
    dct = _parse_dct(dct_tag.get("value")) if dct_tag is not None else None
    return TimemlDoc(name=path.stem, dct=dct, text=text, timexes=timexes)


def read_timeml_dir(folder: Path) -> list[TimemlDoc]:
    """Every ``*.tml`` file directly in ``folder``, sorted by file name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise TimemlError(folder, "not a folder")
    return [read_timeml(path) for path in sorted(folder.glob("*.tml"))]


def _parse(path: Path) -> Any:
    """The root element; XML errors and unreadable files become ``TimemlError``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise TimemlError(path, f"not well-formed XML ({exc})") from exc
    except OSError as exc:
        raise TimemlError(path, f"cannot read ({exc})") from exc


class _Buffer:
    """The stripped text accumulated so far, with its length kept so offsets cost nothing."""

    __slots__ = ("length", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str | None) -> None:
        if piece:
            self.parts.append(piece)
            self.length += len(piece)

    def text(self) -> str:
        return "".join(self.parts)


def _walk(
    element: Any, buf: _Buffer, spans: list[tuple[Any, int, int]], creation: list[Any]
) -> None:
    """Append the text under ``element`` to ``buf``, recording each TIMEX3's offsets.

    Comments and processing instructions add nothing but their tail, which is document text.
    """
    buf.add(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            buf.add(child.tail)
            continue
        start = buf.length
        _walk(child, buf, spans, creation)
        if child.tag == "TIMEX3":
            if child.get("functionInDocument") == _CREATION_TIME:
                creation.append(child)
            else:
                spans.append((child, start, buf.length))
        buf.add(child.tail)


def _gold_timex(tag: Any, start: int, end: int, text: str, path: Path) -> GoldTimex:
    """A gold record of a TIMEX3 element covering ``text[start:end]``."""
    kind = tag.get("type")
    if not kind:
        raise TimemlError(path, f"TIMEX3 {tag.get('tid')!r} has no type")
    return GoldTimex(
        start=start,
        end=end,
        text=text[start:end],
        type=kind,
        value=tag.get("value") or "",
        mod=tag.get("mod") or None,
        tid=tag.get("tid"),
    )


def _parse_dct(value: str | None) -> date | None:
    """The calendar day of a DCT value (``1998-01-08``, ``1998-01-08T18:30``); else None."""
    match = _ISO_DAY.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
