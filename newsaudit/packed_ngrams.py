"""The adequacy estimate's character n-grams as packed integers, counted with numpy.

``adequacy`` needs, per order n = 1..4, how many distinct n-grams each text of a pair has and
how many they share. Building a Python set of n-gram objects per text was most of its cost; here
the n-grams of all the pairs of an article are integer keys in one sorted numpy array, and the
counts come from a few array calls. ``adequacy`` keeps the set counting for the texts this
cannot pack (a character outside the BMP, a NUL); ``tests/test_adequacy_speed.py`` checks that
both count the same.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .adequacy import MAX_ORDER

# The pairs of one article in one pass, so that the few dozen numpy calls are paid once per
# article instead of once per pair, and one window of the four characters starting at each
# position stands for the n-grams starting there (its prefixes), so that a quarter as many keys
# are sorted.
#
# Every text's characters are renumbered 1..A in code order (A: distinct characters of the
# batch), so that a window takes 4 * bits(A) bits and the key has room for its text:
#
#     key = side << (4 * bits + pair bits) | pair << (4 * bits) | window
#
# (side 0 for the hypothesis, 1 for the reference), the window's first character highest, zeros
# past the text's end. Renumbering is a bijection, so it keeps which n-grams are distinct and
# which are shared. Sorted, the keys of one text come together and in the order of their
# prefixes: the distinct n-grams of a text are the changes of its keys' n-character prefixes
# (those whose n-th character is not padding). The hypothesis' and the reference's distinct
# n-grams together (their union) are counted the same way on the keys without their side, which
# are two sorted runs that a stable sort merges; shared = hypothesis + reference - union.
_SEPARATOR = "\0" * (MAX_ORDER - 1)


@lru_cache(maxsize=1)
def _kept_units() -> np.ndarray:
    """Which UTF-16 code units ``str.split()`` keeps: True for all but the whitespace."""
    every = np.arange(1 << 16, dtype=np.uint16)
    every = every[(every < 0xD800) | (every > 0xDFFF)]  # a lone surrogate is not whitespace
    kept = "".join(every.tobytes().decode("utf-16-le").split())
    table = np.ones(1 << 16, np.bool_)
    table[every] = False
    table[np.frombuffer(kept.encode("utf-16-le"), np.uint16)] = True
    table.flags.writeable = False
    return table


def batch_counts(pairs: list[tuple[str, str]]) -> tuple[np.ndarray, ...] | None:
    """For each (hypothesis, reference) pair (rows) and order 1..4 (columns): distinct n-grams of
    the hypothesis, of the reference, and shared, as ``adequacy._set_counts`` counts them; None
    if a text has a character outside the BMP or a NUL, or the keys would not fit in 64 bits."""
    texts = [text for pair in pairs for text in pair]
    # Each text is followed by MAX_ORDER - 1 NULs: its last windows are zero-padded, and no window
    # spans two texts.
    batch = _SEPARATOR.join(texts) + _SEPARATOR
    data = batch.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(batch) or batch.count("\0") != len(_SEPARATOR) * len(texts):
        return None
    units = np.frombuffer(data, np.uint16)
    units = units[_kept_units()[units]]  # whitespace removed, as by "".join(text.split())
    seen = np.zeros(int(units.max()) + 1, np.bool_)
    seen[units] = True
    alphabet = np.flatnonzero(seen)  # alphabet[0] is NUL: code 0
    bits = max(1, (alphabet.size - 1).bit_length())
    window_bits = MAX_ORDER * bits
    # Room for pair numbers 0..len(pairs), the last one past every pair's keys.
    side_shift = window_bits + len(pairs).bit_length()
    if side_shift >= 64:
        return None
    code_of = np.empty(seen.size, np.uint64)
    code_of[alphabet] = np.arange(alphabet.size, dtype=np.uint64)
    codes = code_of[units]
    positions = codes.size - (MAX_ORDER - 1)
    keys = codes[:positions] << (window_bits - bits)
    for offset in range(1, MAX_ORDER):
        keys |= codes[offset : offset + positions] << (window_bits - (offset + 1) * bits)
    # A window that starts on a separator becomes 0, which no prefix counts; every other window is
    # tagged with its text, the number of separator NULs before it // (MAX_ORDER - 1).
    separators = codes[:positions] == 0
    keys *= ~separators
    texts_before = np.cumsum(separators, dtype=np.uint64) // len(_SEPARATOR)
    keys |= (texts_before & 1) << side_shift | (texts_before >> 1) << window_bits
    keys.sort()
    union = np.sort(keys & np.uint64((1 << side_shift) - 1), kind="stable")
    # Row n - 1: the n-character prefix of every key, then of every union key.
    prefixes = np.concatenate((keys, union)) >> np.array(
        [[(MAX_ORDER - n) * bits] for n in range(1, MAX_ORDER + 1)], np.uint64
    )
    new = np.empty(prefixes.shape, np.bool_)
    new[:, 0] = True
    np.not_equal(prefixes[:, 1:], prefixes[:, :-1], out=new[:, 1:])
    new &= (prefixes & np.uint64((1 << bits) - 1)) != 0
    (counted,) = new.ravel().nonzero()  # row * width + column
    # Where each pair's keys start: hypothesis sides, reference sides, union; in every row.
    starts = np.arange(len(pairs) + 1, dtype=np.uint64) << window_bits
    bounds = np.concatenate(
        (
            keys.searchsorted(starts),
            keys.searchsorted(starts | np.uint64(1 << side_shift)),
            union.searchsorted(starts) + keys.size,
        )
    )
    rows = np.arange(0, new.size, new.shape[1])
    at_bounds = counted.searchsorted(rows[:, None] + bounds).reshape(MAX_ORDER, 3, len(pairs) + 1)
    hyp_sizes, ref_sizes, union_sizes = (at_bounds[:, :, 1:] - at_bounds[:, :, :-1]).transpose(
        1, 2, 0
    )
    return hyp_sizes, ref_sizes, hyp_sizes + ref_sizes - union_sizes
