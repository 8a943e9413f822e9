"""CAMEO-era codes turned into what the gold format uses: PLOVER types, ISO countries, sectors.

- :class:`CameoTable`: the CAMEO → PLOVER conversion table published with PLOVER
  (``CAMEO2PLOVER-2021.txt``), read from the shared benchmark folder at run time.
- :func:`parse_actor_code`: Phoenix/CAMEO actor codes (``USAGOV``, ``---LEG``, ``PSEGZACVL``) →
  country and sector.
- :func:`country_code` and :func:`place_country`: ISO 3166 checks and look-ups (``pycountry``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from eventwire.errors import EventwireError
from eventwire.eval.gold import PLOVER_TYPES


class BenchmarkError(EventwireError):
    """A benchmark or code-table file is missing or not in the expected shape."""


#: PLOVER's codes for actors that are not states, allowed where a country code goes.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC"})

#: CAMEO/Phoenix agent codes kept as a sector. Religion (MUS, CHR), ethnicity and region codes
#: (GZA) are not sectors and are skipped.
KNOWN_SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "LEG",
        "MED",
        "EDU",
        "BUS",
        "CRM",
        "CVL",
        "LAB",
        "REF",
        "HLH",
        "ENV",
        "AGR",
        "ELI",
        "MOD",
        "RAD",
        "HRI",
        "UAF",
        "INS",
        "SEP",
        "DEV",
        "JRN",
        "REL",
    }
)

# Country names that pycountry does not know by these short forms.
_PLACE_ALIASES = {"britain": "GBR", "great britain": "GBR", "bosnia": "BIH", "macedonia": "MKD"}

_TABLE_LINE = re.compile(r"(\d{2,4}):\s*([^#]*?)\s*(?:#.*)?")


@dataclass(frozen=True, slots=True)
class CameoEntry:
    """One row of the conversion table. ``via`` says when the code was looked up as another."""

    code: str
    type: str
    mode: str | None
    context: str | None
    via: str | None = None


class CameoTable:
    """CAMEO code → PLOVER type and mode, from PLOVER's ``CAMEO2PLOVER-2021.txt``.

    Look-up: the code itself, else its three-digit parent, else its two-digit root when the table
    gives that root one type (``08`` has two, CONCEDE and RETREAT, so it gives none). Two rules
    the table does not state:

    - ``01`` (make public statement) has no PLOVER counterpart: PLOVER does not code statements,
      so these events are not converted (:meth:`lookup` returns ``None``).
    - ``02`` (appeal) is missing from the table. Its subcodes mirror ``10`` (demand) one for one
      (021 ↔ 101 material cooperation, 023 ↔ 103 aid, ...), and PLOVER's REQUEST covers both
      appeals and demands, so ``02x`` is looked up as ``10x``.

    A mode column holding a context value (``pro_autocracy``, with an underscore) is not a mode
    and is dropped.
    """

    def __init__(self, entries: dict[str, CameoEntry], roots: dict[str, set[str]]) -> None:
        self._entries = entries
        self._roots = roots

    @classmethod
    def load(cls, path: Path) -> CameoTable:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise BenchmarkError(f"{path}: the CAMEO → PLOVER table is missing") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BenchmarkError(f"{path}: cannot read the CAMEO → PLOVER table: {exc}") from exc
        entries: dict[str, CameoEntry] = {}
        roots: dict[str, set[str]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            match = _TABLE_LINE.fullmatch(line.strip())
            if match is None:
                continue  # comments, blank lines, the closing ~~~ line
            code, body = match.groups()
            fields = [f.strip() for f in body.split(",")]
            if fields[0] not in PLOVER_TYPES:
                raise BenchmarkError(f"{path}:{number}: {fields[0]!r} is not a PLOVER type")
            if len(code) == 2:
                roots.setdefault(code, set()).add(fields[0])
                continue
            mode = fields[1] if len(fields) > 1 and fields[1] and "_" not in fields[1] else None
            context = fields[2] if len(fields) > 2 and fields[2] else None
            entries[code] = CameoEntry(code=code, type=fields[0], mode=mode, context=context)
        if not entries:
            raise BenchmarkError(f"{path}: no CAMEO code lines found")
        return cls(entries, roots)

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, code: str) -> CameoEntry | None:
        """The PLOVER entry for a CAMEO event code, or ``None`` when it has none (see class doc)."""
        code = code.strip()
        if not code.isdigit() or code.startswith("01"):
            return None
        key = "10" + code[2:] if code.startswith("02") else code
        for candidate in (key, key[:3]):
            entry = self._entries.get(candidate)
            if entry is not None:
                return entry if candidate == code else _via(entry, code)
        types = self._roots.get(key[:2], set())
        if len(types) == 1:
            return CameoEntry(
                code=code, type=next(iter(types)), mode=None, context=None, via=key[:2]
            )
        return None


def _via(entry: CameoEntry, code: str) -> CameoEntry:
    return CameoEntry(
        code=code, type=entry.type, mode=entry.mode, context=entry.context, via=entry.code
    )


def country_code(code: str | None) -> str | None:
    """``code`` when it is an ISO 3166 alpha-3 code or one of :data:`NON_STATE_CODES`, else None."""
    if not code:
        return None
    code = code.strip().upper()
    if code in NON_STATE_CODES or pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


def parse_actor_code(code: str | None) -> tuple[str | None, str | None] | None:
    """``(country, sector)`` of a Phoenix/CAMEO actor code; ``None`` for an empty code.

    The code is read in three-letter parts. The first is the country when it is an ISO alpha-3 or
    IGO/NGO-style code (``---`` is "no country"; any other first part, such as ``IMG``, gives
    none); the sector is the first later part that is a known sector. ``USAGOV`` → (USA, GOV),
    ``---LEG`` → (None, LEG), ``PSEGZACVL`` → (PSE, CVL), ``IGOUNOMIL`` → (IGO, MIL).
    """
    if code is None or not code.strip():
        return None
    code = code.strip().upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = country_code(parts[0])
    rest = parts[1:] if country is not None or parts[0] == "---" else parts
    sector = next((p for p in rest if p in KNOWN_SECTORS), None)
    return country, sector


def place_country(name: str | None, alpha_2: str | None = None) -> str | None:
    """The ISO alpha-3 code of a place given as an alpha-2 country code or a country's name.

    Cities and regions ("Gorazde", "West Bank") give ``None``: no gazetteer is used.
    """
    if alpha_2:
        country = pycountry.countries.get(alpha_2=alpha_2.strip().upper())
        if country is not None:
            return str(country.alpha_3)
    if not name:
        return None
    alias = _PLACE_ALIASES.get(name.strip().casefold())
    if alias is not None:
        return alias
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_3)
    except LookupError:
        return None
