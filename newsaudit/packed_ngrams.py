"""The adequacy estimate's character n-grams as packed integers, counted with numpy.

``adequacy.char_fscore`` needs, per order n = 1..4, how many distinct n-grams each text has and
how many they share. Building a Python set of n-gram objects per text was most of its cost; here
the n-grams are integers in one sorted numpy array, and the counts come from a few array calls.
``adequacy`` keeps the set counting for the texts this cannot pack (a character outside the BMP,
a NUL); ``tests/test_adequacy_speed.py`` checks that both count the same.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .adequacy import MAX_ORDER

# Fast path: each n-gram of text made of BMP characters (one UTF-16 code unit each) other than
# NUL is packed into one 64-bit integer, 16 bits per character, the first character lowest. With
# no NUL the last character is never 0, so an n-gram's integer lies in [2^(16(n-1)), 2^(16n)): the
# n-grams of all orders share one sorted array whose order ranges are found by binary search, and
# numpy sorts and compares them in a few calls instead of a Python object per n-gram.
_UNIT_BITS = 16
_ORDER_STARTS = np.array([1 << (_UNIT_BITS * n) for n in range(1, MAX_ORDER)], dtype=np.uint64)
# Row n - 1 keeps the first n characters of the four starting at each position.
_ORDER_MASKS = np.array(
    [[(1 << (_UNIT_BITS * n)) - 1] for n in range(1, MAX_ORDER + 1)], dtype=np.uint64
)
_QUAD = np.dtype("<u8")
_QUAD_PADDING = bytes(2 * (MAX_ORDER - 1))


def _order_sizes(keys: np.ndarray) -> tuple[int, ...]:
    """How many of the sorted packed n-grams ``keys`` are of each order 1..4."""
    start2, start3, start4 = keys.searchsorted(_ORDER_STARTS).tolist()
    return start2, start3 - start2, start4 - start3, keys.size - start4


def packed_ngrams(text: str) -> tuple[np.ndarray, tuple[int, ...]] | None:
    """The distinct n-grams of ``text`` (whitespace removed), n = 1..4, packed and sorted, with
    their count per order; None if the text has a character outside the BMP or a NUL."""
    compact = "".join(text.split())
    units = len(compact)
    # One code unit per character (a lone surrogate too), unless a character outside the BMP
    # takes two: then the length tells.
    data = compact.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * units or "\0" in compact:
        return None
    # A view that steps 2 bytes but reads 8 gives, from each character on, its 4-gram (zero-padded
    # past the end). Masked to n characters, the row of order n holds every n-gram; near the end
    # it also holds the shorter n-grams that start there, which are in their own order's row.
    quads = np.ndarray((units,), _QUAD, data + _QUAD_PADDING, 0, (2,))
    # keys[0] stays 0, which no n-gram is: after sorting it is the first key's predecessor.
    keys = np.zeros(MAX_ORDER * units + 1, np.uint64)
    np.bitwise_and(quads, _ORDER_MASKS, out=keys[1:].reshape(MAX_ORDER, units))
    keys.sort()
    grams = keys[1:]
    distinct = grams[grams != keys[:-1]]  # the first of each run of equal keys
    return distinct, _order_sizes(distinct)


# Wire texts are compared with many articles (every translation of a story): their n-grams are
# cached; an article's are used once and would only fill memory.
@lru_cache(maxsize=4096)
def reference_packed(text: str) -> tuple[np.ndarray, tuple[int, ...]] | None:
    packed = packed_ngrams(text)
    if packed is not None:
        packed[0].flags.writeable = False
    return packed


def packed_counts(hyp: tuple, ref: tuple) -> tuple[tuple[int, ...], ...]:
    """Per order: distinct n-grams of the hypothesis, of the reference, and shared, from the
    packed n-grams of both."""
    (hyp_keys, hyp_sizes), (ref_keys, ref_sizes) = hyp, ref
    # Both arrays are sorted and distinct: once merged, the n-grams they share are exactly the
    # equal neighbours (a stable sort merges the two sorted runs in linear time).
    merged = np.concatenate((hyp_keys, ref_keys))
    merged.sort(kind="stable")
    later = merged[1:]
    return hyp_sizes, ref_sizes, _order_sizes(later[later == merged[:-1]])
