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
from itertools import accumulate, chain
from operator import add

import numpy as np

from .adequacy import MAX_ORDER

# The pairs of one article in one pass, so that the few dozen numpy calls are paid once per
# article instead of once per pair, and one window of the four characters starting at each
# position stands for the n-grams starting there (its prefixes), so that a quarter as many keys
# are sorted.
#
# Every text's characters are renumbered 0..A-1 in code order (A: distinct characters of the
# batch, the two end marks below included), so that a window takes 4 * bits(A - 1) bits and the
# key has room for its text:
#
#     key = side << (4 * bits + pair bits) | pair << (4 * bits) | window
#
# (side 0 for the hypothesis, 1 for the reference), the window's first character highest. Each
# text is followed by MAX_ORDER - 1 end marks, NUL after a hypothesis and a space after a
# reference (spaces are removed from the texts first), so that no window spans two texts and the
# windows of a text's last MAX_ORDER - 1 positions are padded with marks that no text holds.
# The windows that start on a mark are tagged as pair number len(pairs), reference side: their
# keys sort after every pair's and are counted nowhere. Renumbering is a bijection, so it keeps
# which n-grams are distinct and which are shared.
#
# Sorted, the keys of one text come together and in the order of their prefixes: a key starts
# a new n-character prefix where it differs from the key before it within its first n
# characters (the text's tag included, so the first key of a text always does). The n-prefixes
# so counted are the text's distinct n-grams plus the prefixes that reach into its end marks:
# min(length, n - 1) of them, one per padded window, each unique. The hypothesis' and the
# reference's keys without their side (two sorted runs that a stable sort merges) count their
# union the same way; as the two texts' padding differs (NUL, space), no padded prefix is shared,
# and shared = new prefixes of the hypothesis + of the reference - of the union.
_END = MAX_ORDER - 1
_HYPOTHESIS_END = "\0" * _END
_REFERENCE_END = " " * _END

# Where a key differs from the one before it (their XOR) says at which orders it starts a new
# prefix: all orders n with XOR >= 2 ** ((MAX_ORDER - n) * bits). The XOR's binary length is
# read from its float64 exponent (exact below 2 ** 53; above, every order is new anyway), and a
# table by exponent gives one 16-bit counter per order, packed in a uint64 (order n at bits
# 16 * (MAX_ORDER - n)), so that one cumulative sum counts all four orders of every text.
_COUNTER_BITS = 16
_COUNTER_SHIFTS = [_COUNTER_BITS * (MAX_ORDER - n) for n in range(1, MAX_ORDER + 1)]
_COUNTER_SHIFT_ARRAY = np.array(_COUNTER_SHIFTS, np.uint64)
_FLOAT_EXPONENT_SHIFT = 52
_FLOAT_EXPONENT_OF_ONE = 1023
# min(length, n - 1) for n = 1..MAX_ORDER: the padded windows a text has at order n
_PADDED = np.arange(MAX_ORDER)


@lru_cache(maxsize=16)
def _new_prefix_counters(bits: int) -> np.ndarray:
    """By the biased float64 exponent of a key's XOR with the key before it: one increment of the
    counter of each order at which the key starts a new prefix (none for a zero XOR)."""
    table = np.zeros(_FLOAT_EXPONENT_OF_ONE + 65, np.uint64)  # up to 2.0 ** 64
    table[_FLOAT_EXPONENT_OF_ONE:] = [
        sum(
            1 << shift
            for n, shift in enumerate(_COUNTER_SHIFTS, 1)
            if length > (MAX_ORDER - n) * bits
        )
        for length in range(1, 66)  # of the XOR in binary: the exponent of its float + 1
    ]
    table.flags.writeable = False
    return table


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


@lru_cache(maxsize=1)
def _whitespace_but_space() -> np.ndarray:
    table = ~_kept_units()
    table[ord(" ")] = False
    table.flags.writeable = False
    return table


@lru_cache(maxsize=64)
def _tags(pair_count: int, window_bits: int, key_type: type) -> np.ndarray:
    """Alternately each text's tag (pair and side) and the end marks' tag (past every pair,
    reference side)."""
    side_shift = window_bits + pair_count.bit_length()
    text_numbers = np.arange(2 * pair_count, dtype=key_type)
    tags = np.empty((2 * pair_count, 2), key_type)
    tags[:, 0] = (text_numbers >> 1) << window_bits | (text_numbers & 1) << side_shift
    tags[:, 1] = pair_count << window_bits | 1 << side_shift
    tags = tags.ravel()
    tags.flags.writeable = False
    return tags


def batch_counts(pairs: list[tuple[str, str]]) -> tuple[np.ndarray, ...] | None:
    """For each (hypothesis, reference) pair (rows) and order 1..4 (columns): distinct n-grams of
    the hypothesis, of the reference, and shared, as ``adequacy._set_counts`` counts them; None
    if a text has a character outside the BMP or a NUL, if the keys would not fit in 64 bits, or
    if a pair has 2 ** 16 characters or more besides whitespace."""
    # Spaces by str.replace, in C; other whitespace (rare) by split() when the batch has some.
    return _counts([text.replace(" ", "") for pair in pairs for text in pair], False)


def _counts(texts: list[str], split: bool) -> tuple[np.ndarray, ...] | None:
    """``batch_counts`` of the hypotheses and references in ``texts`` (alternately), whose
    spaces are removed, and all their whitespace if ``split``."""
    pair_count = len(texts) // 2
    parts = ["", _HYPOTHESIS_END, "", _REFERENCE_END] * pair_count
    parts[::2] = texts
    batch = "".join(parts)
    data = batch.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(batch) or batch.count("\0") != _END * pair_count:
        return None
    lengths = [len(text) for text in texts]
    # A text's counters (below) must stay below 2 ** 16: a pair's keys count its union.
    if len(batch) >> _COUNTER_BITS and max(map(add, lengths[::2], lengths[1::2])) >> _COUNTER_BITS:
        return None
    units = np.frombuffer(data, np.uint16)
    seen = np.zeros(int(units.max()) + 1, np.bool_)
    seen[units] = True
    (alphabet,) = seen.nonzero()  # NUL and space among them
    if not split and _whitespace_but_space()[alphabet].any():
        return _counts(["".join(text.split()) for text in texts], True)
    bits = (alphabet.size - 1).bit_length()
    window_bits = MAX_ORDER * bits
    # Room for pair numbers 0..len(pairs), the last one the end marks'.
    side_shift = window_bits + pair_count.bit_length()
    if side_shift >= 64:
        return None
    # A batch of a small alphabet (six bits a character) sorts 32-bit keys.
    key_type = np.uint32 if side_shift < 32 else np.uint64
    code_of = np.empty(seen.size, key_type)
    code_of[alphabet] = np.arange(alphabet.size, dtype=key_type)
    codes = code_of.take(units)
    positions = codes.size - _END
    keys_and_union = np.empty(2 * positions, key_type)
    keys, union = keys_and_union[:positions], keys_and_union[positions:]
    np.left_shift(codes[:positions], window_bits - bits, out=keys)
    for offset in range(1, MAX_ORDER):
        keys |= codes[offset : offset + positions] << (window_bits - (offset + 1) * bits)
    runs = [_END] * (2 * len(texts))  # each text's windows, then those on its end marks
    runs[::2] = lengths
    runs = np.fromiter(runs, np.intp, len(runs))  # (faster than from the list)
    keys |= _tags(pair_count, window_bits, key_type).repeat(runs)[:positions]
    keys.sort()
    np.bitwise_and(keys, key_type((1 << side_shift) - 1), out=union)
    union.sort(kind="stable")
    changes = np.empty_like(keys_and_union)
    np.bitwise_xor(keys_and_union[1:], keys_and_union[:-1], out=changes[1:])
    changes[0] = changes[positions] = ~key_type(0)  # the first keys of the two arrays are new
    exponents = changes.astype(np.float64).view(np.int64) >> _FLOAT_EXPONENT_SHIFT
    running = np.empty(changes.size + 1, np.uint64)
    running[0] = 0
    np.cumsum(_new_prefix_counters(bits).take(exponents), out=running[1:])
    # Sorted, the keys are the hypotheses' in pair order, then the references', then the end
    # marks'; the union the pairs' in order, then the end marks': where each text's keys start
    # follows from the texts' lengths (hypotheses, references, then the pairs in the union).
    hypothesis_lengths, reference_lengths = lengths[::2], lengths[1::2]
    sides = accumulate(hypothesis_lengths + reference_lengths, initial=0)
    pairs = accumulate(map(add, hypothesis_lengths, reference_lengths), initial=positions)
    # Counters summed over each text (a difference of running sums, exact while each counter
    # stays below 2 ** 16), then unpacked: a row per text, a column per order.
    at_starts = running.take(np.fromiter(chain(sides, pairs), np.intp, 3 * pair_count + 2))
    packed = (at_starts[1:] - at_starts[:-1])[:, None] >> _COUNTER_SHIFT_ARRAY
    new = (packed & np.uint64((1 << _COUNTER_BITS) - 1)).view(np.int64)
    new_hyp, new_ref = new[:pair_count], new[pair_count : 2 * pair_count]
    new_union = new[2 * pair_count + 1 :]  # (row 2 * pair_count: from the references' end on)
    shared = new_hyp + new_ref - new_union  # the padded windows cancel out
    # Less the padded windows, min(length, n - 1) a text at order n: n - 1 but for texts shorter
    # than MAX_ORDER - 1.
    new_hyp, new_ref = new_hyp - _PADDED, new_ref - _PADDED
    if min(lengths) < _END:
        for row, length in enumerate(lengths):
            if length < _END:
                side = new_ref if row & 1 else new_hyp
                side[row >> 1, length:] += _PADDED[length:] - length
    return new_hyp, new_ref, shared
