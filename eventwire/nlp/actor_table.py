"""The actor table: countries, institutions, actor words and people, bundled and versioned.

The table is packaged data under ``eventwire/data/`` (four tab-separated files that share one
version line) plus the ISO 3166 country list from pycountry. It is the fallback for naming actors,
never the only source: ``eventwire.nlp.actors`` learns roles and affiliations from the text first.

People (``people.tsv``: well-known political figures with country, sector and most senior role)
are found by full name or alias (case and accents ignored), or by a family name alone
(``people_named``), which returns every table person with it: the caller decides whether the
name is unambiguous. A family name is the last word of a name, less "Jr." and regnal numbers,
without a leading "al-" as well as with it; for Chinese, Korean, Taiwanese and Singaporean names
it is the first word ("Xi", "Kim").

Lookups are case-insensitive, except for shorthand of two or three capitals ("US", "UK", "UN",
"WHO", "AP"), which only matches in capitals so that "us" and "who" never become actors.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from eventwire.errors import ExtractionError
from eventwire.models import Actor, ActorKind

DATA_PACKAGE = "eventwire"
COUNTRIES_FILE = "data/countries.tsv"
INSTITUTIONS_FILE = "data/institutions.tsv"
WORDS_FILE = "data/actor_words.tsv"
PEOPLE_FILE = "data/people.tsv"
VERSION_PREFIX = "# version "

# Non-state "country" codes from PLOVER: allowed in ``Actor.country``, never a place.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC"})

_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,3}")
_ACRONYM_CHARS = re.compile(r"[A-Z.]+")
# Countries whose people news name family name first ("Xi Jinping" is "Mr Xi").
FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "SGP"})
# Words after a family name that are not part of it: "Elizabeth II", "Martin Luther King Jr.".
NAME_SUFFIXES = frozenset(
    {"jr", "sr", *("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")}
)
# Titles some aliases are written with: "King Hamad", "Sheikh Mohamed bin Zayed".
NAME_TITLES = frozenset(
    {"king", "queen", "sultan", "emir", "sheikh", "shaikh", "prince", "princess", "crown"}
    | {"president", "general", "grand", "duke", "mullah", "ayatollah", "pope"}
)
NAME_PARTICLES = ("al-", "el-")  # "al-Assad" is also written "Assad"
# Family names of table people that are also common English words (or given names): alone
# ("Brown said") they name nobody for sure; only with an honorific or role ("Mrs May").
COMMON_WORD_NAMES = frozenset(
    {
        *("baker", "bishop", "brown", "cook", "cooper", "dung", "fox", "frank", "gallant"),
        *("gates", "gore", "hunt", "king", "major", "martin", "may", "miller", "park", "rice"),
        *("sang", "shah", "son", "straw", "truss", "wine", "young"),
        *("said", "fall", "key", "english", "gross", "manning", "roman", "tan", "vital", "sow"),
        *("parts", "wee", "blah", "meta", "nano", "pot"),
    }
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "–": "-", "—": "-"})


class WordKind(enum.StrEnum):
    """What an actor word in ``actor_words.tsv`` describes."""

    ROLE = "role"  # a person's office: "president", "foreign minister"
    MODIFIER = "modifier"  # changes a role's sector: "opposition", "rebel"
    ORG = "org"  # a body named by a noun: "foreign ministry", "army"
    STATE = "state"  # a country's government as agent: "government", "authorities"
    GROUP = "group"  # an unnamed collective, plural as written: "officials", "troops"
    COLLECTIVE = "collective"  # "groups", "unions": the sector comes from the word before


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A state or territory. ``adjective`` is the form used to name its groups ("US officials")."""

    code: str
    name: str
    adjective: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InstitutionEntry:
    """A named organisation with its country (or non-state code) and sector; ``described_as``
    are the common nouns news call it by once named ("the alliance", "the world body")."""

    name: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    described_as: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"org:{self.country or '-'}:{slugify(self.name)}"


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A well-known person: canonical name, country (or non-state code), sector and role."""

    name: str
    country: str
    sector: str | None
    role: str | None
    aliases: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"person:{slugify(self.name)}"


@dataclass(frozen=True, slots=True)
class WordEntry:
    phrase: str
    kind: WordKind
    sector: str | None


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: "Tomás Aravena" -> "tomas-aravena"."""
    folded = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def group_id(country: str | None, sector: str | None, noun: str) -> str:
    """``group:KEN:CVL:lorry-drivers``: the id of an unnamed collective."""
    return f"group:{country or '-'}:{sector or '-'}:{slugify(noun)}"


def state_actor(code: str, table: ActorTable | None = None) -> Actor:
    """A state as an agent: its government (sector GOV), id = ISO alpha-3."""
    entry = (table or load_actor_table()).country(code)
    return Actor(code, entry.name if entry else code, ActorKind.COUNTRY, code, "GOV")


def protesters_of(code: str | None) -> Actor:
    """The unnamed protesters of a country: "Egyptian protesters" (civilians, CVL)."""
    entry = load_actor_table().country(code) if code else None
    name = f"{entry.adjective} protesters" if entry else "protesters"
    return Actor(group_id(code, "CVL", "protesters"), name, ActorKind.GROUP, code, "CVL")


def group_noun(actor: Actor) -> str:
    """The noun a group actor was named by ("lorry drivers" of "Kenyan lorry drivers")."""
    parts = actor.id.split(":", 3)
    return parts[3].replace("-", " ") if len(parts) == 4 else actor.name.lower()


@functools.lru_cache(maxsize=65536)
def _strip_text(text: str) -> str:
    """Straight quotes, single spaces, no possessive ending and no leading "the"."""
    text = " ".join(text.translate(_QUOTES).split())
    if text.endswith("'s") or text.endswith("'S"):
        text = text[:-2]
    text = text.rstrip("'").strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


@functools.lru_cache(maxsize=65536)
def _acronym(text: str) -> str | None:
    """ "U.S." -> "US" for shorthand of two or three capitals; ``None`` for anything else."""
    return text.replace(".", "") if _ACRONYM.fullmatch(text) else None


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The case-insensitive key of a name (cached: the same phrases are looked up many times)."""
    return _strip_text(text).casefold()


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key of a person's name: case, accents, dots and possessive ending ignored."""
    folded = unicodedata.normalize("NFKD", normalise(text))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(plain.replace(".", " ").split())


def family_names(name: str, country: str | None) -> tuple[str, ...]:
    """The keys a person may be named by alone: "Bashar al-Assad" -> ("al-assad", "assad")."""
    words = name_key(name).split()
    while len(words) > 1 and words[0] in NAME_TITLES:  # "King Mohammed VI" is no "Mr Mohammed"
        words.pop(0)
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return ()
    key = words[0] if country in FAMILY_NAME_FIRST else words[-1]
    bare = next((key[len(p) :] for p in NAME_PARTICLES if key.startswith(p)), None)
    return (key, bare) if bare else (key,)


class _KeyMap:
    """The two maps of one kind of name: case-insensitive names, case-sensitive shorthand."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}

    def add(self, name: str, value: str) -> None:
        stripped = _strip_text(name)
        acronym = _acronym(stripped)
        if acronym is not None:
            self.acronyms.setdefault(acronym, value)
        elif stripped:
            self.names.setdefault(stripped.casefold(), value)

    def frozen(self) -> tuple[Mapping[str, str], Mapping[str, str]]:
        return MappingProxyType(dict(self.names)), MappingProxyType(dict(self.acronyms))


def _find(names: Mapping[str, str], acronyms: Mapping[str, str], text: str) -> str | None:
    stripped = _strip_text(text)
    if not stripped:
        return None
    acronym = _acronym(stripped)
    if acronym is not None:
        return acronyms.get(acronym)
    return names.get(stripped.casefold())


@dataclass(frozen=True, slots=True)
class ActorTable:
    """A read-only lookup over the bundled actor data. Build it with ``load_actor_table()``."""

    version: str
    countries: Mapping[str, CountryEntry]
    institutions: tuple[InstitutionEntry, ...]
    country_names: tuple[Mapping[str, str], Mapping[str, str]]
    demonyms: Mapping[str, str]
    capitals: tuple[Mapping[str, str], Mapping[str, str]]
    institution_names: tuple[Mapping[str, str], Mapping[str, str]]
    words: Mapping[tuple[WordKind, str], WordEntry]
    word_suffixes: Mapping[WordKind, frozenset[str]]  # every ending of every word's key, by kind
    institution_prefixes: frozenset[str]  # every beginning of every institution's key
    place_prefixes: frozenset[str]  # every beginning of every country name's or capital's key
    people: tuple[PersonEntry, ...]
    person_names: Mapping[str, int]  # ``name_key`` of every name and alias -> index in people
    family_names: Mapping[str, tuple[int, ...]]  # family name -> indexes of its people
    name_tails: Mapping[str, int]  # unambiguous endings of two words or more: "suu kyi"
    descriptions: Mapping[str, tuple[str, ...]]  # institution id -> ``described_as``

    def country(self, code: str) -> CountryEntry | None:
        return self.countries.get(code)

    def country_for_name(self, text: str) -> CountryEntry | None:
        """A country by name or shorthand: "North Korea", "the US", "U.S.", "DPRK", "Britain"."""
        code = _find(*self.country_names, text)
        return self.countries.get(code) if code else None

    def country_for_demonym(self, text: str) -> CountryEntry | None:
        """A country by adjective or demonym, singular or plural: "Chinese", "Kenyans"."""
        key = normalise(text)
        code = self.demonyms.get(key)
        if code is None and key.endswith("s"):
            code = self.demonyms.get(key[:-1])
        return self.countries.get(code) if code else None

    def country_for_capital(self, text: str) -> CountryEntry | None:
        """A country by its capital or seat of government: "Pyongyang", "Washington"."""
        code = _find(*self.capitals, text)
        return self.countries.get(code) if code else None

    def country_for_word(self, text: str) -> CountryEntry | None:
        """A country by its adjective, name or capital: "Kenyan", "Kenya", "Nairobi"."""
        return (
            self.country_for_demonym(text)
            or self.country_for_name(text)
            or self.country_for_capital(text)
        )

    def institution(self, text: str) -> InstitutionEntry | None:
        """A named organisation: "the UN", "Korean Central News Agency", "Xinhua", "Pentagon"."""
        index = _find(*self.institution_names, text)
        return self.institutions[int(index)] if index is not None else None

    def person(self, name: str) -> PersonEntry | None:
        """A table person by a name of two words or more: a full name or alias ("Vladimir
        Putin", "Muammar Qaddafi"), the unambiguous end of one ("Suu Kyi"), or the first and
        last words of a longer form ("Mahmoud Ridha Abbas")."""
        key = name_key(name)
        index = self.person_names.get(key)
        if index is None:
            index = self.name_tails.get(key)
        words = key.split()
        if index is None and len(words) > 2:
            index = self.person_names.get(f"{words[0]} {words[-1]}")
        return self.people[index] if index is not None else None

    def people_named(self, family_name: str) -> tuple[PersonEntry, ...]:
        """Every table person who may be named by ``family_name`` alone ("Putin", "Kim")."""
        return tuple(self.people[i] for i in self.family_names.get(name_key(family_name), ()))

    def word(self, text: str, kind: WordKind) -> WordEntry | None:
        """An actor word of one kind: ``word("Foreign Minister", WordKind.ROLE)``."""
        return self.words.get((kind, normalise(text)))

    def may_start_institution(self, first: str) -> bool:
        """Whether an institution's name may start with the token ``first``: ``False`` only when
        none can, so the spans starting there need no lookup (see ``_may_start``)."""
        return _may_start(first, self.institution_prefixes)

    def may_start_place(self, first: str) -> bool:
        """Whether a country's name or a capital may start with the token ``first`` (as
        ``may_start_institution``)."""
        return _may_start(first, self.place_prefixes)

    def may_end_word(self, last: str, kind: WordKind) -> bool:
        """Whether some actor word of ``kind`` may end with the token ``last``: ``False`` only
        when none can, so the spans ending there need no lookup.

        Exact for a token of letters and digits (other than "s", the end of a split "'s"): a
        phrase ending in it has a key ending in its case-folded form."""
        if not last.isalnum() or last in ("s", "S"):
            return True
        return last.casefold() in self.word_suffixes[kind]


# --- loading ---------------------------------------------------------------------------------


def _read_rows(path: str) -> tuple[str, list[list[str]]]:
    """The version and the data rows of one bundled TSV file (header and comments dropped)."""
    text = resources.files(DATA_PACKAGE).joinpath(path).read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or not lines[0].startswith(VERSION_PREFIX):
        raise ExtractionError(f"actor table {path}: first line must be '{VERSION_PREFIX}<version>'")
    rows = [line.split("\t") for line in lines[1:] if line.strip() and not line.startswith("#")]
    return lines[0][len(VERSION_PREFIX) :].strip(), rows[1:]


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _pycountry_names(country: object) -> Iterator[str]:
    """The ISO names of a pycountry record; "Korea, Republic of" as "Republic of Korea"."""
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if not isinstance(value, str):
            continue
        head, _, tail = value.partition(", ")
        if tail.endswith(" of"):
            yield f"{tail} {head}"
        elif not tail:
            yield value


def _country_entries(rows: Iterable[list[str]]) -> dict[str, CountryEntry]:
    import pycountry

    entries: dict[str, CountryEntry] = {}
    for row in rows:
        code, name, adjective, names, demonyms, capitals = (row + [""] * 6)[:6]
        entries[code] = CountryEntry(
            code, name, adjective or name, _split(names), _split(demonyms), _split(capitals)
        )
    for record in pycountry.countries:
        code = str(record.alpha_3)
        iso_names = tuple(_pycountry_names(record))
        known = entries.get(code)
        if known is None:
            name = str(getattr(record, "common_name", None) or record.name)
            entries[code] = CountryEntry(code, name, name, iso_names)
        else:
            extra = tuple(n for n in iso_names if n not in known.names)
            entries[code] = CountryEntry(
                code,
                known.name,
                known.adjective,
                known.names + extra,
                known.demonyms,
                known.capitals,
            )
    return entries


def _country_maps(
    entries: Mapping[str, CountryEntry],
) -> tuple[_KeyMap, dict[str, str], _KeyMap]:
    names, capitals = _KeyMap(), _KeyMap()
    demonyms: dict[str, str] = {}
    for entry in entries.values():  # short names first: they win over another country's alias
        names.add(entry.name, entry.code)
    for entry in entries.values():
        for alias in entry.names:
            names.add(alias, entry.code)
        for capital in entry.capitals:
            capitals.add(capital, entry.code)
        for demonym in entry.demonyms:
            demonyms.setdefault(normalise(demonym), entry.code)
    return names, demonyms, capitals


def _institutions(rows: Iterable[list[str]]) -> tuple[tuple[InstitutionEntry, ...], _KeyMap]:
    entries: list[InstitutionEntry] = []
    keys = _KeyMap()
    for row in rows:
        name, country, sector, aliases, described = (row + [""] * 5)[:5]
        entry = InstitutionEntry(
            name, country or None, sector or None, _split(aliases), _split(described)
        )
        for alias in (name, *entry.aliases):
            keys.add(alias, str(len(entries)))
        entries.append(entry)
    return tuple(entries), keys


def _prefixes(*maps: Mapping[str, str]) -> frozenset[str]:
    return frozenset(key[:i] for names in maps for key in names for i in range(1, len(key) + 1))


def _may_start(first: str, prefixes: frozenset[str]) -> bool:
    """Exact for a first token that is no determiner: a key of a name that starts with it starts
    with its folded form, or is that token stripped ("Reuters'"). Shorthand ("U.N.") is looked
    up case-sensitively and is never ruled out."""
    if _ACRONYM_CHARS.fullmatch(first):
        return True
    return first.translate(_QUOTES).casefold() in prefixes or normalise(first) in prefixes


def _word_suffixes(words: Iterable[tuple[WordKind, str]]) -> dict[WordKind, frozenset[str]]:
    suffixes: dict[WordKind, set[str]] = {kind: set() for kind in WordKind}
    for kind, key in words:
        suffixes[kind].update(key[i:] for i in range(len(key)))
    return {kind: frozenset(found) for kind, found in suffixes.items()}


def _words(rows: Iterable[list[str]]) -> dict[tuple[WordKind, str], WordEntry]:
    words: dict[tuple[WordKind, str], WordEntry] = {}
    for row in rows:
        phrase, kind, sector, written_for = (row + [""] * 4)[:4]
        entry = WordEntry(written_for or phrase, WordKind(kind), sector or None)
        words.setdefault((entry.kind, normalise(phrase)), entry)
    return words


def _name_tails(people: Iterable[PersonEntry], names: Mapping[str, int]) -> dict[str, int]:
    """The endings of two words or more of every name that only one person's names have."""
    owners: dict[str, set[int]] = {}
    for index, entry in enumerate(people):
        for form in (entry.name, *entry.aliases):
            words = name_key(form).split()
            for i in range(1, len(words) - 1):
                owners.setdefault(" ".join(words[i:]), set()).add(index)
    return {
        tail: next(iter(found))
        for tail, found in owners.items()
        if len(found) == 1 and tail not in names
    }


def _people(
    rows: Iterable[list[str]],
) -> tuple[tuple[PersonEntry, ...], dict[str, int], dict[str, tuple[int, ...]]]:
    entries: list[PersonEntry] = []
    names: dict[str, int] = {}
    families: dict[str, list[int]] = {}
    for row in rows:
        name, country, sector, role, aliases = (row + [""] * 5)[:5]
        if not name or not country:
            raise ValueError(f"people: a row without name or country: {row}")
        index = len(entries)
        entry = PersonEntry(name, country, sector or None, role or None, _split(aliases))
        own = family_names(name, country)
        for form in (name, *entry.aliases):
            names.setdefault(name_key(form), index)
            if form != name and set(own) & set(name_key(form).split()):
                continue  # a longer form of the name: "Gabriel Boric Font" is not "Mr Font"
            for key in family_names(form, country):
                if index not in families.setdefault(key, []):
                    families[key].append(index)
        entries.append(entry)
    return tuple(entries), names, {key: tuple(found) for key, found in families.items()}


@functools.cache
def load_actor_table() -> ActorTable:
    """Load the bundled actor table once per process.

    Raises ``ExtractionError`` when a data file is malformed or the files disagree on the version.
    """
    countries_version, country_rows = _read_rows(COUNTRIES_FILE)
    institutions_version, institution_rows = _read_rows(INSTITUTIONS_FILE)
    words_version, word_rows = _read_rows(WORDS_FILE)
    people_version, people_rows = _read_rows(PEOPLE_FILE)
    if not countries_version == institutions_version == words_version == people_version:
        raise ExtractionError(
            "actor table files disagree on the version: "
            f"{countries_version}, {institutions_version}, {words_version}, {people_version}"
        )
    try:
        entries = _country_entries(country_rows)
        words = _words(word_rows)
        people, person_names, families = _people(people_rows)
    except ValueError as exc:
        raise ExtractionError(f"actor table: {exc}") from exc
    names, demonyms, capitals = _country_maps(entries)
    institutions, institution_keys = _institutions(institution_rows)
    return ActorTable(
        version=countries_version,
        countries=MappingProxyType(entries),
        institutions=institutions,
        country_names=names.frozen(),
        demonyms=MappingProxyType(demonyms),
        capitals=capitals.frozen(),
        institution_names=institution_keys.frozen(),
        words=MappingProxyType(words),
        word_suffixes=MappingProxyType(_word_suffixes(words)),
        institution_prefixes=_prefixes(institution_keys.names),
        place_prefixes=_prefixes(names.names, capitals.names),
        people=people,
        person_names=MappingProxyType(person_names),
        family_names=MappingProxyType(families),
        name_tails=MappingProxyType(_name_tails(people, person_names)),
        descriptions=MappingProxyType(
            {e.id: e.described_as for e in institutions if e.described_as}
        ),
    )
