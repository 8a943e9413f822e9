"""When two mentions refer to the same article, the same sentence, the same actor, the same time.

These are the equality rules the event scorer uses; each is documented on its function.
"""

from __future__ import annotations

import re
import string
import unicodedata
from urllib.parse import unquote, urlsplit

from eventwire.eval.gold import ActorRef
from eventwire.ingest.clean import find_dateline
from eventwire.models import date_interval

#: CONSULT modes for which "A with B" and "B with A" are the same event (nobody hosts anybody).
SYMMETRIC_CONSULT_MODES: frozenset[str | None] = frozenset(
    {None, "meet", "phone", "third-party", "multilateral"}
)

#: PLOVER's generic ``IGO`` (used by CAMEO-era gold) matches its specific IGO codes.
_IGO_FAMILY = frozenset({"IGO", "UNO", "EUR"})

#: How much of the longer sentence the shorter must cover for containment to count.
SENTENCE_CONTAINMENT = 0.8

_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    }
)

# Titles and honorifics dropped from the front of a name, longest first so that "prime minister"
# wins over "prime". Nationality adjectives are not stripped: canonical names rarely carry them.
_TITLES = sorted(
    (
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "vice president",
        "president-elect",
        "prime minister",
        "deputy prime minister",
        "premier",
        "chancellor",
        "minister",
        "foreign minister",
        "defence minister",
        "defense minister",
        "secretary",
        "secretary of state",
        "secretary-general",
        "secretary general",
        "general",
        "gen",
        "lt",
        "col",
        "colonel",
        "admiral",
        "adm",
        "marshal",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "sultan",
        "pope",
        "ayatollah",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "supreme leader",
        "the",
    ),
    key=lambda t: (-len(t), t),
)
_TITLE_RE = re.compile(r"^(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\.?(?:\s+|$)")
_DELETE = str.maketrans(dict.fromkeys(".'", ""))
_SPACE = str.maketrans(dict.fromkeys(string.punctuation, " "))


# --- articles ----------------------------------------------------------------------------------


def article_key(article: str) -> tuple[str, str | None]:
    """``(tail, record_id)`` of an article string, as the scorer compares them.

    The tail is the last non-empty path segment (a file's base name; a URL's path tail with its
    query, or its host when the path is empty), percent-decoded; ``\\`` counts as ``/``. The
    record id is what follows ``#`` in that last segment (``records.jsonl#abc`` is the record
    ``abc`` of a container file), or ``None``.
    """
    text = article.strip()
    if "://" in text:
        parts = urlsplit(text)
        segments = [s for s in parts.path.split("/") if s]
        tail = segments[-1] if segments else parts.netloc
        if parts.query:
            tail += "?" + parts.query
        return unquote(tail), parts.fragment or None
    segments = [s for s in text.replace("\\", "/").split("/") if s]
    last = segments[-1] if segments else text
    tail, hash_, record = last.partition("#")
    return unquote(tail), (record if hash_ else None)


def same_article(gold: str, predicted: str) -> bool:
    """Whether a predicted mention's article is the gold mention's article.

    Equal strings match. Otherwise the two match when their tails and record ids are equal, so a
    gold ``report.txt`` matches ``/data/in/report.txt`` and a gold URL matches the same URL with
    another scheme or host; or when the gold is a bare record id and the prediction is ``X#id``
    (benchmark gold names records by id; ``eventwire ingest`` names them ``path#id``). Two
    different files with the same base name in different folders are therefore not told apart.
    """
    if gold == predicted:
        return True
    gold_key, pred_key = article_key(gold), article_key(predicted)
    if gold_key == pred_key:
        return True
    return pred_key[1] is not None and gold_key[1] is None and gold.strip() == pred_key[1]


def article_lookup_keys(article: str, *, gold: bool) -> list[tuple[str, str | None]]:
    """Hash keys under which :func:`same_article` pairs can meet (an index, not the rule itself)."""
    tail, record = article_key(article)
    keys: list[tuple[str, str | None]] = [(tail, record)]
    if gold and record is None:
        keys.append(("#", article.strip()))
    elif not gold and record is not None:
        keys.append(("#", record))
    return keys


# --- sentences ---------------------------------------------------------------------------------


def normalize_sentence(text: str) -> str:
    """NFKC, typographic quotes and dashes folded to ASCII, zero-width characters removed,
    whitespace collapsed, a leading wire dateline ("GAZA CITY, Palestinian Territories:",
    "SANTIAGO --") dropped: it opens the paragraph, and splitters differ on whether it belongs
    to the first sentence. Treebank quotes (````` and ``''``) become ``"``."""
    folded = unicodedata.normalize("NFKC", text).replace("``", '"').replace("''", '"')
    plain = " ".join(folded.translate(_FOLD).split())
    dateline = find_dateline(plain)
    return plain[dateline.end :] if dateline is not None and dateline.end < len(plain) else plain


def same_sentence(gold: str, predicted: str) -> bool:
    """Equal after :func:`normalize_sentence`, or one contains the other and the shorter is at
    least 80% of the longer's length: sentence splitters differ (a dateline, a quotation's tail,
    a sentence split at an abbreviation), and the shorter must still be most of the sentence."""
    return sentences_match(normalize_sentence(gold), normalize_sentence(predicted))


def sentences_match(a: str, b: str) -> bool:
    """:func:`same_sentence` for strings already normalised."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and len(short) >= SENTENCE_CONTAINMENT * len(long_) and short in long_


# --- actors ------------------------------------------------------------------------------------


def normalize_name(name: str) -> str:
    """Casefolded, accents dropped ("Koštunica" → "kostunica": gold and wires differ in
    them), leading titles dropped ("President", "Mr.", "the", ...), periods and apostrophes
    deleted ("U.S." → "us"), other punctuation made a space, whitespace collapsed. A name that is
    only a title keeps it ("the President" → "president")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = " ".join(unicodedata.normalize("NFKC", bare).translate(_FOLD).casefold().split())
    stripped = text
    while True:
        shorter = _TITLE_RE.sub("", stripped, count=1)
        if shorter == stripped or not shorter:
            break
        stripped = shorter
    return " ".join(stripped.translate(_DELETE).translate(_SPACE).split())


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two canonical actor names denote the same actor.

    Both missing is a match, one missing is not. After :func:`normalize_name` the names match
    when equal, or when the shorter's words are the final words of the longer (a surname:
    "Trump" ~ "Donald Trump", "Jong Un" ~ "Kim Jong Un") or the shorter is the single first word
    of the longer (a family name written first: "Kim" ~ "Kim Jong Un", "Xi" ~ "Xi Jinping"). The
    last rule also lets a lone given name match; within one sentence and one event type that
    confusion is rare.
    """
    if a is None or b is None:
        return a is None and b is None
    wa, wb = normalize_name(a).split(), normalize_name(b).split()
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if not short:
        return False
    return long_[-len(short) :] == short or (len(short) == 1 and long_[0] == short[0])


def same_country(a: str | None, b: str | None) -> bool:
    """Equal codes (two missing codes are equal); the generic ``IGO`` equals ``UNO``/``EUR``."""
    if a == b:
        return True
    return (a == "IGO" and b in _IGO_FAMILY) or (b == "IGO" and a in _IGO_FAMILY)


def _country(ref: ActorRef | None) -> str | None:
    return None if ref is None else ref.country


def _name(ref: ActorRef | None) -> str | None:
    return None if ref is None else ref.name


def country_dyad_agrees(
    gold: tuple[ActorRef | None, ActorRef | None],
    pred: tuple[ActorRef | None, ActorRef | None],
    *,
    symmetric: bool,
) -> bool:
    """Source countries equal and target countries equal (a missing actor has no country, so a
    missing target equals a missing target); for a symmetric event the swapped pair also counts."""

    def direct(g: tuple[ActorRef | None, ...], p: tuple[ActorRef | None, ...]) -> bool:
        return same_country(_country(g[0]), _country(p[0])) and same_country(
            _country(g[1]), _country(p[1])
        )

    return direct(gold, pred) or (symmetric and direct(gold, (pred[1], pred[0])))


def actor_dyad_agrees(
    gold: tuple[ActorRef | None, ActorRef | None],
    pred: tuple[ActorRef | None, ActorRef | None],
    *,
    symmetric: bool,
) -> bool:
    """Source names and target names match by :func:`same_name`; swapped too when symmetric."""

    def direct(g: tuple[ActorRef | None, ...], p: tuple[ActorRef | None, ...]) -> bool:
        return same_name(_name(g[0]), _name(p[0])) and same_name(_name(g[1]), _name(p[1]))

    return direct(gold, pred) or (symmetric and direct(gold, (pred[1], pred[0])))


def is_symmetric(event_type: str, mode: str | None) -> bool:
    """A CONSULT nobody hosts: mode ``meet``, ``phone``, ``third-party``, ``multilateral``, none."""
    return event_type == "CONSULT" and mode in SYMMETRIC_CONSULT_MODES


# --- dates -------------------------------------------------------------------------------------


def dates_overlap(gold: str | None, predicted: str | None) -> bool:
    """Whether the day intervals of two ISO dates or ranges share a day. Two missing dates agree;
    one missing does not. ``2019-02`` overlaps ``2019-02-27`` and ``2019-01-30/2019-02-02``."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g_start, g_end = date_interval(gold)
    p_start, p_end = date_interval(predicted)
    return g_start <= p_end and p_start <= g_end
