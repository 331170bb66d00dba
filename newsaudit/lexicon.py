"""Word lists kept as data files in ``newsaudit/data``, and English word frequencies.

Lexicons are general classes (function words, titles, verbs that need a living patient, nouns of
weapons and places), never the mistakes of particular articles. Each file holds one entry a
line; ``#`` starts a comment. ``tests/test_lexicons.py`` lints them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from . import word_frequency


@lru_cache(maxsize=None)
def load_list(name: str) -> frozenset[str]:
    """Entries of ``data/<name>.txt``, lower-cased, comments and blanks dropped."""
    return frozenset(_entries(name))


@lru_cache(maxsize=None)
def load_ordered(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>.txt`` in file order, case kept."""
    return tuple(_entries(name, lower=False))


def _entries(name: str, lower: bool = True):
    text = resources.files("newsaudit.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            yield entry.lower() if lower else entry


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 = unseen, 7+ = 'the'), wordfreq's small list."""
    # The "small" list holds every word down to Zipf 3.0 (our lowest threshold); rarer words
    # read as 0, which no rule distinguishes from 2.x.
    return word_frequency.zipf(word, "small")


# Words at or above this Zipf frequency are ordinary English vocabulary (about 1 per 100,000
# words: "agency" 4.9, "green" 5.1) rather than rare names (most transliterated place names are
# under 3).
ORDINARY_ZIPF = 3.9


def is_ordinary_word(word: str) -> bool:
    """True for an everyday English word ("green", "office"), false for rare names."""
    lower = word.lower()
    return lower in load_list("function_words") or zipf(lower) >= ORDINARY_ZIPF


# A word at or above this Zipf frequency is in the English dictionary ("blacksmith" 3.3), even if
# rare; names of most foreign places and people are below it.
DICTIONARY_ZIPF = 3.0


def is_dictionary_word(word: str) -> bool:
    lower = word.lower()
    return lower in load_list("function_words") or zipf(lower) >= DICTIONARY_ZIPF


def function_words() -> frozenset[str]:
    return load_list("function_words")


@lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, str]:
    """``data/<name>.txt`` as a mapping from the first column to the second."""
    table = {}
    for entry in _entries(name):
        key, _, value = entry.partition(" ")
        table[key] = value.strip()
    return table


@lru_cache(maxsize=200_000)
def name_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in wordfreq's large English list, which also holds names.

    Unlike :func:`zipf` it sees rare words down to Zipf 1 ("Kuenssberg" 1.5, "Trochek" 0), so
    it tells an attested spelling of a name from a one-off one.
    """
    return word_frequency.zipf(word, "large")
