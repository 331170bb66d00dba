"""Comparing spellings of names: transliteration skeletons and variant tests.

Names transliterated from another script drift in predictable ways: Г becomes G or H, Х becomes
Kh or H, vowels and doubled letters vary ("Oleksiy"/"Aleksei", "Zelensky"/"Zelenskyy").
The skeleton keeps the consonant frame with those classes merged, so two spellings of one name
share a skeleton while different names rarely do; a string-similarity and length check guards
the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .lexicon import load_ordered, zipf
from .text import fold

# "ch" is Х in German and Polish spellings ("Charkiw") and Ч in English ones; both join the
# velar class, like g, h and kh (Г is written G or H).
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("zh", "z"), ("sch", "s"), ("sh", "s"), ("tch", "c"),
             ("ch", "k"), ("ts", "s"), ("tz", "s"), ("ph", "f"), ("th", "t"), ("ck", "k"),
             ("x", "ks"), ("w", "v"), ("q", "k"))
_CLASSES = str.maketrans({"g": "k", "h": "k", "c": "k"})
_VOWELS = re.compile(r"[aeiouyj]")
# Two spellings that are both established English words or names are different words or
# accepted locale variants ("Kiev"/"Kyiv"), not drift: that is the locale rule's business.
ESTABLISHED_ZIPF = 3.0


@lru_cache(maxsize=50_000)
def skeleton(name: str) -> str:
    """Consonant frame of a name: "Kharkiv", "Charkiw" and "Harkov" all give "krkv"."""
    w = re.sub(r"[^a-z]", "", fold(name))
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = _VOWELS.sub("", w.translate(_CLASSES))
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=50_000)
def romanized(name: str) -> str:
    """A spelling with romanisation choices evened out ("Zelenskyy" and "Zelensky" agree)."""
    w = re.sub(r"[^a-z]", "", fold(name))
    for a, b in (("kh", "h"), ("ie", "e"), ("ye", "e"), ("yi", "i"), ("iy", "i"), ("y", "i"),
                 ("j", "i"), ("w", "v"), ("ph", "f"), ("th", "t"), ("ou", "u")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def _initial_class(word: str) -> str:
    first = fold(word)[:1]
    return "vowel" if first in "aeiouy" else skeleton(word)[:1]


@lru_cache(maxsize=200_000)
def is_variant(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like two spellings of one name (and are not the same)."""
    fa, fb = fold(a), fold(b)
    if fa == fb or len(fa) < 4 or len(fb) < 4:
        return False
    if _derived(fa, fb) or _derived(fb, fa):  # Russia / Russian: a derived form, not a variant
        return False
    if min(len(fa), len(fb)) / max(len(fa), len(fb)) < 0.6:
        return False
    if _initial_class(a) != _initial_class(b):
        return False
    if zipf(fa) >= ESTABLISHED_ZIPF and zipf(fb) >= ESTABLISHED_ZIPF:
        return False
    ska, skb = skeleton(a), skeleton(b)
    if ska == skb and len(ska) >= 3:
        return Levenshtein.normalized_similarity(fa, fb) >= 0.4
    return len(fa) >= 6 and Levenshtein.normalized_similarity(fa, fb) >= 0.8


_DERIVATIONAL = ("n", "an", "ian", "ns", "ans", "ians", "s", "es", "ese", "ern", "ic", "ist", "ists",
                  "ism", "ite", "ites", "i", "is")


def _derived(longer: str, shorter: str) -> bool:
    return longer.startswith(shorter) and longer[len(shorter):] in _DERIVATIONAL


def is_close_variant(a: str, b: str) -> bool:
    """A stricter :func:`is_variant` for use without a wire to confirm it.

    Inside one article there is no wire spelling to anchor a pair, and different people and
    places share consonant frames ("Hermione"/"Herrmann"); the pair must be closer in
    letters, at least five letters long, and not hyphenated compounds.
    """
    if not is_variant(a, b) or min(len(a), len(b)) < 5 or "-" in a + b:
        return False
    similarity = Levenshtein.normalized_similarity(fold(a), fold(b))
    return similarity > 0.5 if skeleton(a) == skeleton(b) else similarity >= 0.85


def is_minor_variant(a: str, b: str) -> bool:
    """A romanisation difference ("Zelensky"/"Zelenskyy") rather than a garbled name."""
    return Levenshtein.distance(romanized(a), romanized(b)) <= 1


@lru_cache(maxsize=1)
def variant_pattern() -> re.Pattern:
    """Any spelling of ``data/name_variants.txt``, as a whole word, ignoring case."""
    spellings = sorted(variant_groups(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in spellings) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def variant_groups() -> dict[str, tuple[str, ...]]:
    """Each spelling of ``data/name_variants.txt`` mapped to its whole group of spellings."""
    groups = {}
    for line in load_ordered("name_variants"):
        group = tuple(w.replace("_", " ") for w in line.lower().split())
        for spelling in group:
            groups[spelling] = group
    return groups
