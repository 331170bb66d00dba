"""Language identification with langdetect, seeded so that every run gives the same answer."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import function_words
from .text import ascii_runs_table

_LETTER_WORDS = re.compile(r"[^\W\d_]+")
# In ASCII text the runs of _LETTER_WORDS are the runs of [A-Za-z]: split() of the text mapped
# by this table cuts them, in lower case (one C pass each, where the regex is slower).
_LOWER_LETTER_BYTES = ascii_runs_table()

SAMPLE_CHARS = 1500  # langdetect is stable well before this; longer samples only cost time
UNKNOWN = "unknown"


@lru_cache(maxsize=1)
def _factory():
    from .language_profiles import detector_factory

    return detector_factory()


# English news prose is 40-50% function words; other languages written in Latin script share
# only a few of ours ("a", "in", "die"), so a sample at or above this share is English without
# asking langdetect (which costs ~10 ms an article).
PLAIN_ENGLISH_SHARE = 0.3


def is_english(code: str) -> bool:
    """Audited as English: identified as English, or too short to tell."""
    return code in ("en", UNKNOWN)


@lru_cache(maxsize=8192)
def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("en", "fr", "zh-cn"...), or ``unknown`` for too little text."""
    sample = _sample(text)
    if len(sample) >= 200 and english_share(sample) >= PLAIN_ENGLISH_SHARE:
        return "en"
    if sum(ch.isalpha() for ch in sample) < 20:
        return UNKNOWN
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.set_max_text_length(SAMPLE_CHARS)
    detector.append(sample)
    try:
        return detector.detect()
    except LangDetectException:
        return UNKNOWN


def english_share(text: str) -> float:
    """Share of word tokens that are English function words: a cheap signal of English prose."""
    if text.isascii():
        tokens = text.encode().translate(_LOWER_LETTER_BYTES).decode().split()
    else:
        tokens = _LETTER_WORDS.findall(text.lower())
    if not tokens:
        return 0.0
    return sum(map(function_words().__contains__, tokens)) / len(tokens)


def _sample(text: str) -> str:
    """A slice from the middle of the text: headlines and bylines at the edges mislead."""
    if len(text) <= SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return text[max(0, middle - SAMPLE_CHARS // 2): middle + SAMPLE_CHARS // 2]
