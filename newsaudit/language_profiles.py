"""langdetect's language profiles, read from a compact cache instead of its 55 JSON files.

On first use langdetect builds a dict from each of 87,598 character n-grams to a list of 55
probabilities, one per language, out of its JSON profiles: 0.4-0.5 s, paid by every run that
meets a text that is not plainly English (one French article, one Russian wire in the pool).
Nearly all those probabilities are 0 (184k of 4.8M are not), so the cache keeps, per n-gram,
only its nonzero (language, probability) pairs, and a row becomes langdetect's dense list the
first time the detector asks for that n-gram. The probabilities are langdetect's own doubles,
in its own language order, so every detection is the same (``tests/test_language_profiles.py``
compares every row with langdetect's). Loading the cache takes a few milliseconds.

The table lives in ``${NEWSAUDIT_CACHE:-~/.cache/newsaudit}/langdetect/``, one file per
langdetect installation (keyed by its profile files, in the order langdetect reads them: that
order is its language order); when that cannot be written, the table is built for the run.
"""

from __future__ import annotations

import os
import zlib
from array import array
from pathlib import Path

from .cache import cache_root, dump_table, load_table, store, typed_arrays

_FORMAT = "newsaudit-langdetect-1"


class SparseProfiles(dict):
    """n-gram -> its row; ``profiles[ngram]`` is the list of its probability in each language
    (what langdetect's ``DetectorFactory.word_lang_prob_map`` holds), made on first request."""

    def __init__(self, ngrams: list[str], starts: array, languages: bytes,
                 probabilities: array, language_count: int):
        super().__init__(zip(ngrams, range(len(ngrams))))
        self._starts = starts  # row r's pairs are entries starts[r] to starts[r + 1]
        self._languages = languages
        self._probabilities = probabilities
        self._width = language_count
        self._rows: dict[str, list[float]] = {}

    def __getitem__(self, ngram: str) -> list[float]:
        row = self._rows.get(ngram)
        if row is None:
            r = dict.__getitem__(self, ngram)
            row = [0.0] * self._width
            for k in range(self._starts[r], self._starts[r + 1]):
                row[self._languages[k]] = self._probabilities[k]
            self._rows[ngram] = row
        return row


def detector_factory():
    """A langdetect ``DetectorFactory`` with langdetect's profiles, from the cache when it can,
    seeded so that every run gives the same answer (langdetect samples n-grams at random)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    key = _key(PROFILES_DIRECTORY)
    installation = zlib.crc32(repr(key).encode())
    cached = cache_root() / "langdetect" / f"profiles-{installation:08x}.bin"
    try:
        loaded = _load(cached.read_bytes(), key)
    except OSError:
        loaded = None
    if loaded is None:
        factory.load_profile(PROFILES_DIRECTORY)
        data = _dump(key, factory.langlist, factory.word_lang_prob_map)
        if data is None:  # more languages than a byte numbers: langdetect's own table it is
            factory.seed = 0
            return factory
        store(cached, data)
        loaded = _load(data, key)
    factory.langlist, factory.word_lang_prob_map = loaded
    factory.seed = 0
    return factory


def _key(directory: str) -> tuple:
    """The profile files as langdetect reads them: in ``os.listdir`` order, dot files left out."""
    files = []
    for name in os.listdir(directory):
        path = Path(directory, name)
        if not name.startswith(".") and path.is_file():
            stat = path.stat()
            files.append((name, stat.st_size, stat.st_mtime_ns))
    return str(directory), tuple(files)


def _dump(key: tuple, langlist: list[str], table: dict[str, list[float]]) -> bytes | None:
    if len(langlist) > 256:
        return None
    import numpy as np

    ngrams = list(table)
    dense = np.array([table[g] for g in ngrams], dtype=np.float64).reshape(len(ngrams), -1)
    rows, columns = np.nonzero(dense)  # row by row, languages in order within a row
    starts = np.searchsorted(rows, np.arange(len(ngrams) + 1)).astype(np.uint32).tobytes()
    languages = columns.astype(np.uint8).tobytes()
    probabilities = dense[rows, columns].tobytes()
    return dump_table(_FORMAT, key, list(langlist), ngrams, starts, languages, probabilities)


def _load(data: bytes, key: tuple) -> tuple[list[str], SparseProfiles] | None:
    """The language list and profiles dumped under ``key``, or None for another key, format or
    a damaged file."""
    fields = load_table(data, _FORMAT, key)
    if fields is None:
        return None
    langlist, ngrams, starts, languages, probabilities = fields
    arrays = typed_arrays(("I", starts), ("d", probabilities))
    if arrays is None:
        return None
    start_array, probability_array = arrays
    if (len(start_array) != len(ngrams) + 1 or start_array[-1] != len(languages)
            or len(languages) != len(probability_array)):
        return None
    return langlist, SparseProfiles(ngrams, start_array, languages, probability_array,
                                    len(langlist))
