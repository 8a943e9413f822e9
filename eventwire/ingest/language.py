"""A tiny, dependency-free language guess for reports whose metadata names none.

Scripts decide Russian (Cyrillic), Arabic, Chinese, Japanese and Korean; for Latin-script text the
most frequent stopwords decide between English, Spanish, French, German, Portuguese, Italian and
Dutch. The answer is an ISO 639-1 code, or ``None`` when the evidence is thin or split.
"""

from __future__ import annotations

import re
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to in is was that for on with as by at from it his her said has have were "
        "are be this which not but they their will would after"
    ),
    "es": _words(
        "el la los las de del que y en un una por con para es se su al lo como más pero sus "
        "fue ha este esta dijo según"
    ),
    "fr": _words(
        "le la les de des du et un une est que qui dans pour pas sur au aux par ce il elle "
        "avec sont a été ont selon"
    ),
    "de": _words(
        "der die das und ist nicht ein eine den dem des mit auf für von zu sich im auch es "
        "sie wird wurde hat nach bei"
    ),
    "pt": _words(
        "o a os as de do da dos das e em um uma que para com não por se no na é foi ao pelo "
        "pela disse segundo"
    ),
    "it": _words(
        "il lo la gli le di del della dei e che un una per con non è sono nel nella al alla "
        "ha ma anche stato"
    ),
    "nl": _words(
        "de het een en van is dat op te in voor met niet zijn er aan ook om door bij werd "
        "heeft naar zei"
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
)
SAMPLE_CHARS = 5000
MIN_HITS = 5
MIN_SCRIPT_SHARE = 0.3
MIN_MARGIN = 1.5


def _by_script(sample: str) -> str | None:
    counts = {code: len(pattern.findall(sample)) for code, pattern in _SCRIPTS}
    if not any(counts.values()):  # no letter of these scripts (most text): none is a share
        return None
    letters = sum(map(str.isalpha, sample))
    if letters == 0:
        return None
    if counts["ja"] and counts["ja"] + counts["zh"] >= letters * MIN_SCRIPT_SHARE:
        return "ja"  # kana beside kanji: Japanese, not Chinese
    for code, count in counts.items():
        if code != "ja" and count >= letters * MIN_SCRIPT_SHARE:
            return code
    return None


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code for ``text``, or ``None`` when unsure."""
    sample = text[:SAMPLE_CHARS]
    scripted = _by_script(sample)
    if scripted is not None:
        return scripted
    words = Counter(w.casefold() for w in _WORD.findall(sample))
    scores = sorted(
        ((sum(words[w] for w in stop), code) for code, stop in _STOPWORDS.items()), reverse=True
    )
    (best, code), (second, _) = scores[0], scores[1]
    if best < MIN_HITS or best < second * MIN_MARGIN:
        return None
    return code
