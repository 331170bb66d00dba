"""English Zipf frequencies from wordfreq's lists, read from a compact cache instead of wordfreq.

``wordfreq.zipf_frequency`` is what the rules want, but its first call costs half a second:
importing wordfreq (0.25 s: it pulls in regex, langcodes, ftfy, msgpack) and building a dict of
the whole list (0.25 s for the 321,180 words of the large English list). That is paid by every
run, a one-article CI lint as much as an archive audit.

So each list is kept in newsaudit's cache directory as one sorted blob of UTF-8 words, an
offsets array and a frequency bucket per word, built once from wordfreq's own data (the cache
is keyed by wordfreq's version and its data file's path, size and time, so a new wordfreq
rebuilds it; a version whose tokenising was not checked is not used with it). Loading it
is a few milliseconds, and a word is found by binary search.

Words of plain shape (Latin, Greek and Cyrillic letters, ASCII digits and underscores, parts
joined by hyphens, an apostrophe inside a part, dotted abbreviations) are tokenised as wordfreq
tokenises English: normalised, case-folded, split at hyphens and French-style elisions; the
parts' frequencies (digit sequences estimated as wordfreq estimates them) are combined and
rounded by wordfreq's formula. Any other word (other scripts, other punctuation) goes to
wordfreq itself. ``tests/test_word_frequency.py`` checks that both ways give the same value on
every word of the lists and on words of other shapes.

The tables live in ``${NEWSAUDIT_CACHE:-~/.cache/newsaudit}/wordfreq/``; when that cannot be
written, the table is built in memory for the run.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .cache import cache_root, dump_table, load_table, store, typed_arrays

LANGUAGE = "en"
_FORMAT = "newsaudit-wordfreq-2"

# wordfreq's floor for a word it does not know: zipf_frequency(minimum=0) asks word_frequency for
# at least 10**0 / 1e9.
_MINIMUM_FREQUENCY = 10**0 / 1e9



def _letters(*blocks: tuple[int, int]) -> str:
    """A character class body of the letters (``str.isalpha``) of the given code point blocks."""
    runs: list[list[int]] = []
    for first, last in blocks:
        for code in range(first, last + 1):
            if chr(code).isalpha():
                if runs and runs[-1][1] == code - 1:
                    runs[-1][1] = code
                else:
                    runs.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


# Letters of the Latin (ASCII, Latin-1, Extended-A and B), Greek and Cyrillic blocks: unassigned
# code points and signs of those blocks are left to wordfreq.
_LETTER = _letters((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x370, 0x3FF), (0x400, 0x52F))
_ALNUM = _LETTER + "0-9_"
# A plain word: runs of letters, ASCII digits and underscores joined by single hyphens, where a
# run of letters may hold one apostrophe ("zelenskyy's", "modi’in-maccabim"); or letters joined
# by dots, as in an abbreviation ("u.s.").
_PLAIN = re.compile(
    rf"(?:[{_ALNUM}]+|[{_LETTER}]+['’][{_LETTER}]+)(?:-(?:[{_ALNUM}]+|[{_LETTER}]+['’][{_LETTER}]+))*"
    rf"|[{_LETTER}]+(?:\.[{_LETTER}]+)+\.?"
)
# wordfreq splits a French-style elision ("l'arc", "d'heure": one or two letters, a straight
# apostrophe and a vowel or h) into two tokens; the curly apostrophe does not split.
_ELISION = re.compile(r"([^\W\d_]{1,2})'([aehiouyáéíóúàèìòùâêîôûåïöœ].*)")
_DIGIT_RUN = re.compile(r"[0-9]{2,}")


FENCE_STRIDE = 16


class FrequencyTable:
    """One wordfreq list: words sorted by their UTF-8 bytes, each with its frequency bucket."""

    def __init__(self, frequencies: list[float], blob: bytes, offsets: array, buckets: array):
        self._frequencies = frequencies  # frequency of each bucket (wordfreq's centibel bands)
        self._blob = blob
        self._offsets = offsets  # word i is blob[offsets[i]:offsets[i + 1]]
        self._buckets = buckets
        self._count = len(buckets)
        # Every FENCE_STRIDE-th word, as bytes: a C bisection over them leaves a search of
        # FENCE_STRIDE words in Python instead of the whole list (4 steps instead of ~19).
        self._fences = [
            blob[offsets[i] : offsets[i + 1]] for i in range(0, self._count, FENCE_STRIDE)
        ]

    @classmethod
    def from_buckets(cls, frequencies: list[float], buckets: list[list[str]]) -> FrequencyTable:
        """From wordfreq's lists of words per bucket; a word listed twice keeps its later
        (rarer) bucket, as in wordfreq's own dict."""
        bucket_of = {}
        for index, words in enumerate(buckets):
            for word in words:
                bucket_of[word] = index
        encoded = sorted((word.encode("utf-8"), index) for word, index in bucket_of.items())
        offsets = array("I", [0])
        position = 0
        for word, _ in encoded:
            position += len(word)
            offsets.append(position)
        blob = b"".join(word for word, _ in encoded)
        return cls(frequencies, blob, offsets, array("H", [index for _, index in encoded]))

    def frequency(self, token: str) -> float | None:
        """The frequency of one token of the list, None when it is not listed."""
        key = token.encode("utf-8")
        blob, offsets = self._blob, self._offsets
        # fences[:fence] < key <= fences[fence:]: the first word not below the key is after
        # the word at fence - 1 and at or before the word at fence.
        fence = bisect_left(self._fences, key)
        low = (fence - 1) * FENCE_STRIDE + 1 if fence else 0
        high = min(fence * FENCE_STRIDE, self._count)
        while low < high:
            middle = (low + high) // 2
            if blob[offsets[middle] : offsets[middle + 1]] < key:
                low = middle + 1
            else:
                high = middle
        if low < self._count and blob[offsets[low] : offsets[low + 1]] == key:
            return self._frequencies[self._buckets[low]]
        return None

    def dump(self, key: tuple) -> bytes:
        return dump_table(_FORMAT, key, self._frequencies, self._blob, self._offsets.tobytes(),
                          self._buckets.tobytes())

    @classmethod
    def load(cls, data: bytes, key: tuple) -> FrequencyTable | None:
        """The table dumped under ``key``, or None for another key, format or a damaged file."""
        fields = load_table(data, _FORMAT, key)
        if fields is None:
            return None
        frequencies, blob, offsets, buckets = fields
        arrays = typed_arrays(("I", offsets), ("H", buckets))
        if arrays is None:
            return None
        offset_array, bucket_array = arrays
        if len(offset_array) != len(bucket_array) + 1 or offset_array[-1] != len(blob):
            return None
        return cls(frequencies, blob, offset_array, bucket_array)


def plain_tokens(word: str) -> list[str] | None:
    """wordfreq's English tokens of ``word`` when it has a plain shape, else None."""
    if not _PLAIN.fullmatch(word):
        return None
    # (ASCII text is its own NFC and NFKC form: no ASCII character decomposes or composes)
    if not word.isascii() and not (
        unicodedata.is_normalized("NFC", word) and unicodedata.is_normalized("NFKC", word)
    ):
        return None
    folded = word.casefold()
    if "." in folded:
        return [folded.rstrip(".")]
    if "-" not in folded and "'" not in folded:  # most words: one part, no elision to split
        return [folded.replace("’", "'") if "’" in folded else folded]
    tokens = []
    for part in folded.split("-"):
        elision = _ELISION.fullmatch(part) if "'" in part else None  # it needs an apostrophe
        tokens.extend(elision.groups() if elision else (part.replace("’", "'"),))
    return tokens


# wordfreq estimates a sequence of two or more digits instead of listing them all: it looks the
# token up with the digits made zeros ("fy0000") and multiplies by the sequence's probability, a
# year's for four digits and Benford's law's otherwise (wordfreq.numbers: these are its constants).
_DIGIT_FREQUENCIES = [0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045]
_YEAR_LOG_PEAK = -1.9185
_NOT_YEAR_PROBABILITY = 0.1
_REFERENCE_YEAR = 2019
_PLATEAU_WIDTH = 20


def _benford_frequency(digits: str) -> float:
    return _DIGIT_FREQUENCIES[int(digits[0])] / 10 ** (len(digits) - 1)


def _year_frequency(digits: str) -> float:
    year = int(digits)
    if year <= _REFERENCE_YEAR:
        year_log_frequency = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
    elif year <= _REFERENCE_YEAR + _PLATEAU_WIDTH:
        year_log_frequency = _YEAR_LOG_PEAK
    else:
        year_log_frequency = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _PLATEAU_WIDTH))
    return 10.0**year_log_frequency + _NOT_YEAR_PROBABILITY * _benford_frequency(digits)


def _zeros(run: re.Match) -> str:
    return "0" * len(run.group())


def _token_frequency(table: FrequencyTable, token: str) -> float | None:
    if token.isalpha():  # most tokens: no digit, so no run of digits to estimate
        return table.frequency(token)
    smashed = _DIGIT_RUN.sub(_zeros, token)
    frequency = table.frequency(smashed)
    if frequency is None or smashed == token:  # a listed run of zeros ("00ft") is not estimated
        return frequency
    factor = 1.0
    for run in _DIGIT_RUN.findall(token):
        factor *= _year_frequency(run) if len(run) == 4 else _benford_frequency(run)
    return frequency * factor


def zipf_of_tokens(table: FrequencyTable, tokens: list[str]) -> float:
    """wordfreq's Zipf value of a word made of ``tokens``: 1/f = 1/f1 + 1/f2 + ..., rounded to
    three significant digits, floored at wordfreq's minimum, then to hundredths of a Zipf unit."""
    frequencies = []
    for token in tokens:
        token_frequency = _token_frequency(table, token)
        if token_frequency is None:
            return _UNSEEN_ZIPF
        frequencies.append(token_frequency)
    return _zipf_of_frequencies(tuple(frequencies))


# Memoised: the rounding (two float-to-decimal conversions) costs more than the lookup, and most
# words are one token whose frequency is one of the list's few hundred buckets.
@lru_cache(maxsize=4096)
def _zipf_of_frequencies(frequencies: tuple[float, ...]) -> float:
    """The Zipf value of a word whose tokens have these frequencies (see ``zipf_of_tokens``)."""
    one_over = 0.0
    for token_frequency in frequencies:
        one_over += 1.0 / token_frequency
    unrounded = max(1.0 / one_over, _MINIMUM_FREQUENCY)
    frequency = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


# The Zipf value of a word some token of which is not listed: wordfreq's floor.
_UNSEEN_ZIPF = round(math.log(_MINIMUM_FREQUENCY, 10) + 9, 2)


def zipf(word: str, wordlist: str) -> float:
    """``wordfreq.zipf_frequency(word, "en", wordlist)``, mostly without wordfreq."""
    tokens = plain_tokens(word)
    table = _table(wordlist) if tokens is not None else None
    if table is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, LANGUAGE, wordlist=wordlist)
    return zipf_of_tokens(table, tokens)


# The versions of wordfreq whose tokenising, digit estimates and rounding plain_tokens and
# zipf_of_tokens were checked against (tests/test_word_frequency.py runs the check on the
# installed version). With any other version, wordfreq answers every lookup itself.
CHECKED_WORDFREQ = ("3.0.", "3.1.")


def _data_file(wordlist: str) -> tuple[Path, str] | None:
    """wordfreq's file of the list and wordfreq's version, found without importing wordfreq;
    None unless the version is one of ``CHECKED_WORDFREQ``."""
    spec = find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(list(spec.submodule_search_locations)[0])
    path = package / "data" / f"{wordlist}_{LANGUAGE}.msgpack.gz"
    versions = [d.name[len("wordfreq-"):-len(".dist-info")]
                for d in package.parent.glob("wordfreq-*.dist-info")]
    if not path.is_file() or len(versions) != 1 or not versions[0].startswith(CHECKED_WORDFREQ):
        return None
    return path, versions[0]


def preload(*wordlists: str) -> None:
    """Read the tables of ``wordlists`` now (a process about to fork workers: they then share
    one copy instead of each reading its own)."""
    for wordlist in wordlists:
        _table(wordlist)


@lru_cache(maxsize=None)
def _table(wordlist: str) -> FrequencyTable | None:
    """The list from the cache, built (and cached when possible) on first use; None when
    wordfreq's data file cannot be found or its version was not checked (then wordfreq answers
    every lookup)."""
    found = _data_file(wordlist)
    if found is None:
        return None
    data_file, version = found
    stat = data_file.stat()
    key = (version, str(data_file), stat.st_size, stat.st_mtime_ns)
    # One file per wordfreq installation (the key is checked inside it too): environments with
    # their own copy of wordfreq would otherwise rebuild one shared file in turn.
    installation = zlib.crc32(repr(key).encode())
    cached = cache_root() / "wordfreq" / f"{wordlist}-{LANGUAGE}-{installation:08x}.bin"
    try:
        table = FrequencyTable.load(cached.read_bytes(), key)
    except OSError:
        table = None
    if table is None:
        table = _build(wordlist)
        store(cached, table.dump(key))
    return table


def _build(wordlist: str) -> FrequencyTable:
    import wordfreq

    buckets = wordfreq.get_frequency_list(LANGUAGE, wordlist)
    frequencies = [wordfreq.cB_to_freq(-index) for index in range(len(buckets))]
    return FrequencyTable.from_buckets(frequencies, buckets)
