"""text.stem skips the possessive pattern and the suffix loop when they cannot apply: the same
stems as the plain function it replaced, on every kind of word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.text import _SUFFIXES, stem

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def reference_stem(word: str) -> str:
    w = _POSSESSIVE.sub("", word.lower())
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:7]


WORDS = [
    "stations", "station", "meetings", "sing", "things", "cities", "ties", "carried", "died",
    "officers", "ers", "talked", "red", "houses", "yes", "farmer", "her", "quickly", "fly", "is",
    "Kyiv's", "Kyiv’s", "Kyiv'", "James’", "'s", "’", "o'clock", "don't", "rock'n'roll",
    "UNITED", "İstanbul", "straße", "résumés", "1990s", "s", "", "news\n", "Zelenskyy's\n",
]


def test_known_words():
    for word in WORDS:
        assert stem(word) == reference_stem(word), word


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(list("aeinorstdgylIS'’\n") + ["ation", "ing", "ies", "ers"]),
               max_size=14).map("".join))
def test_any_word(word):
    stem.cache_clear()
    assert stem(word) == reference_stem(word)
