"""The wire index: find, for each article paragraph, the closest paragraphs of the wire pool.

An inverted index maps content-word stems to the wire paragraphs that contain them. A query
touches only the postings of its own terms, and terms that occur in a large share of the pool
(they discriminate nothing) are skipped, so the cost of a query grows with the size of its
postings lists, not with the size of the pool. Similarity is an IDF-weighted Dice coefficient
on content stems and numbers: robust to the word-order changes and paraphrase of MT.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from itertools import accumulate, chain, repeat
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from .model import Document
from .text import content_terms

if TYPE_CHECKING:
    import numpy as np

# Terms in more than this share of all wire paragraphs are not looked up (but still weigh in
# the similarity through the norms); below 200 paragraphs nothing is skipped.
MAX_DF_SHARE = 0.05
MIN_POOL_FOR_SKIPPING = 200
WEIGHT_UNITS = 1_000_000
NOMINATING_TERMS = 12  # rarest query terms whose postings are walked
SHORTLIST = 10  # candidates rescored on all terms
MAX_CACHED_QUERIES = 50_000


@dataclass(frozen=True)
class WireParagraph:
    wire: int  # index of the wire document in the pool
    paragraph: int  # paragraph index inside it
    terms: frozenset[str]


class Hit(NamedTuple):
    key: int  # global paragraph id in the index
    similarity: float


_new_hit = tuple.__new__


class WireIndex:
    """Paragraph-level inverted index over a pool of wire documents."""

    def __init__(self, wires: Sequence[Document]):
        self.wires = tuple(wires)
        self.paragraphs: list[WireParagraph] = []
        self.first_key: list[int] = []  # global id of each wire's first paragraph
        postings: dict[str, list[int]] = {}
        for w_index, doc in enumerate(self.wires):
            self.first_key.append(len(self.paragraphs))
            for p in doc.paragraphs:
                terms = content_terms(p.text)
                key = len(self.paragraphs)
                self.paragraphs.append(WireParagraph(w_index, p.index, terms))
                for term in terms:
                    postings.setdefault(term, []).append(key)
        n = max(1, len(self.paragraphs))
        self._idf = {t: math.log((n + 1) / (len(keys) + 0.5)) for t, keys in postings.items()}
        # Similarities add weights in integer micro-units: integer sums are exact whatever the
        # order a set iterates in, so every process computes the same bits (--jobs N output is
        # identical to --jobs 1), and they are faster than exactly rounded float sums.
        self._units = {t: round(w * WEIGHT_UNITS) for t, w in self._idf.items()}
        self._default_units = round(math.log((n + 1) / 0.5) * WEIGHT_UNITS)  # an unseen term
        self._weights: dict[frozenset[str], int] = {}
        limit = max(1, int(MAX_DF_SHARE * n)) if n >= MIN_POOL_FOR_SKIPPING else n + 1
        self._postings = {t: keys for t, keys in postings.items() if len(keys) <= limit}
        # Query order: rarest first, ties by the term. A term's rank in that order sorts faster
        # than its (document frequency, term) pair; the rank also finds its idf and postings.
        ranked = sorted(self._postings, key=lambda t: (len(self._postings[t]), t))
        self._rank = {t: r for r, t in enumerate(ranked)}
        self._nominating = [(self._idf[t], self._postings[t]) for t in ranked]
        # numpy, its copies of _nominating's postings and of _wire_of, and 0, 1, 2...: built at
        # the first query.
        self._arrays: tuple[ModuleType, list[np.ndarray], np.ndarray, np.ndarray] | None = None
        self._norms = [self.weight(p.terms) for p in self.paragraphs]
        self._wire_of = [p.wire for p in self.paragraphs]
        self._terms_of = [p.terms for p in self.paragraphs]
        # Filled on first use: what articles compare with a paragraph again and again.
        self._sentence_terms: dict[int, tuple[frozenset[str], ...]] = {}
        self._pairs: dict[int, tuple[frozenset[str], int] | None] = {}
        # Unrestricted queries by (terms, k): articles repeat paragraphs ("I know.", datelines,
        # boilerplate), and a query is a pure function of its terms on a built index.
        self._answers: dict[tuple[frozenset[str], int], tuple[Hit, ...]] = {}

    def forget_article_terms(self) -> None:
        """Empty the weights and query answers remembered for articles' term sets (a process
        auditing a long stream calls this now and then to keep its memory bounded)."""
        self._weights.clear()
        self._answers.clear()

    def weight(self, terms: frozenset[str]) -> int:
        """The summed IDF of ``terms``, in integer micro-units."""
        cached = self._weights.get(terms)
        if cached is None:
            cached = sum(map(self._units.get, terms, repeat(self._default_units, len(terms))))
            if len(self._weights) < 200_000:
                self._weights[terms] = cached
        return cached

    def shared_units(self, a: frozenset[str], b: frozenset[str]) -> int:
        """The summed IDF of the terms ``a`` and ``b`` share, in integer micro-units."""
        common = a & b
        return sum(map(self._units.get, common, repeat(self._default_units, len(common))))

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """IDF-weighted Dice coefficient of two term sets, in [0, 1]."""
        total = self.weight(a) + self.weight(b)
        if not total:
            return 0.0
        return 2 * self.shared_units(a, b) / total

    def shared_rows(
        self, rows: Sequence[frozenset[str]], columns: Sequence[frozenset[str]]
    ) -> list[list[int]]:
        """``shared_units(r, c)`` for every row ``r`` and column ``c``."""
        units_get, default = self._units.get, self._default_units
        return [
            [
                sum(map(units_get, common, repeat(default, len(common))))
                for common in map(r.__and__, columns)
            ]
            for r in rows
        ]

    def query(
        self, terms: frozenset[str], k: int = 5, allow: Callable[[int], bool] | None = None
    ) -> list[Hit]:
        """The ``k`` wire paragraphs most similar to ``terms`` (best first).

        ``allow(wire_index)`` restricts the wires considered (auto mode excludes the article
        itself and the files less original than it).
        """
        if allow is None:
            answer = self._answers.get((terms, k))
            if answer is None:
                answer = tuple(self._query(terms, k, None))
                if len(self._answers) < MAX_CACHED_QUERIES:
                    self._answers[terms, k] = answer
            return list(answer)
        return self._query(terms, k, allow)

    def _query(
        self, terms: frozenset[str], k: int, allow: Callable[[int], bool] | None
    ) -> list[Hit]:
        # Stage 1: the query's rarest terms nominate candidates (names and numbers decide which
        # story a paragraph belongs to); stage 2 scores the shortlist on all terms.
        unranked = len(self._nominating)  # sorts after every ranked term
        ranks = sorted(map(self._rank.get, terms, repeat(unranked, len(terms))))
        nominating = ranks[: bisect_left(ranks, unranked, 0, min(NOMINATING_TERMS, len(ranks)))]
        if not nominating:
            return []
        shortlist = self._nominated(nominating, max(SHORTLIST, k), allow)
        if not shortlist:
            return []
        # similarity(terms, paragraph) with the paragraphs' weights taken from the norms; a
        # term shared with a wire paragraph is a term of the index, so it has its units. A
        # candidate shares a nominating term with the query, and every such term weighs more
        # than nothing (it is in at most MAX_DF_SHARE of the paragraphs, or in a small pool in
        # at most all n of them, and log((n + 1) / (n + 0.5)) is well over a micro-unit), so
        # the weights' total is never 0.
        terms_of, norms, units = self._terms_of, self._norms, self._units.__getitem__
        weight = self.weight(terms)
        scored = [
            (2 * sum(map(units, terms & terms_of[key])) / (weight + norms[key]), -key)
            for key in shortlist
        ]
        scored.sort(reverse=True)  # (similarity, -key) pairs are unique: ties go to the lower key
        # tuple.__new__ builds a Hit in C: Hit(...) runs the NamedTuple's Python __new__.
        return [_new_hit(Hit, (-neg_key, sim)) for sim, neg_key in scored[:k] if sim > 0]

    def _nominated(
        self, ranks: list[int], n: int, allow: Callable[[int], bool] | None
    ) -> list[int]:
        """The ``n`` paragraphs with the most votes from the terms of ``ranks`` (ascending; a
        term votes its idf for each paragraph that has it), in no particular order; ties in
        votes at the n-th place go to the lower keys, as in ``sorted((votes, -key) pairs,
        reverse=True)[:n]``.

        The votes are counted with numpy in a few array calls, whatever the length of the
        postings: a Python loop over them costs more than the rest of the query in a large
        pool. They are the same floats a Python loop adding each term's idf in rank order
        (``votes[key] = votes.get(key, 0.0) + idf``) gives: ``np.bincount`` adds its weights
        one by one in input order into zeros, and the postings are concatenated in rank order.
        """
        arrays = self._arrays
        if arrays is None:
            # numpy is imported here, not with the module: `newsaudit --version` does not pay it
            import numpy

            longest = max((len(keys) for _, keys in self._nominating), default=0)
            arrays = self._arrays = (
                numpy,
                _posting_arrays(self._nominating),
                numpy.array(self._wire_of),
                numpy.arange(NOMINATING_TERMS * longest),  # more than the postings of a query
            )
        np, posting_arrays, wire_of, positions = arrays
        keys, bits = np.concatenate([posting_arrays[rank] for rank in ranks], axis=1)
        weights = bits.view(np.float64)
        if allow is not None:
            permitted = list(map(allow, wire_of[keys].tolist()))
            keys = keys[permitted]
            weights = weights[permitted]
        # Number the distinct paragraphs in [0, len(keys)): every posting of a paragraph reads
        # back the same slot (one of its own positions, whichever write lands last), so
        # bincount sums over a few hundred slots, not over every paragraph of the pool. A new
        # array per query, not a kept one: threads of a dask worker share the index.
        slot_of = np.empty(len(wire_of), dtype=np.intp)
        slot_of[keys] = positions[: len(keys)]
        votes = np.bincount(slot_of[keys], weights)
        # Votes are sums of idf, all over 0 (see _query), so the unused slots are the zeros.
        # The n-th largest vote is the cut; when fewer than n slots are used it is 0.
        if len(votes) > n:
            ordered = votes.copy()  # what np.partition(votes, -n) does, without its wrapper
            ordered.partition(-n)
            cut = ordered[-n]
        else:
            cut = 0.0
        chosen = (votes >= cut if cut else votes > 0).nonzero()[0]
        if len(chosen) <= n:
            return keys[chosen].tolist()
        # Ties at the cut: the lower keys among them.
        pairs = sorted(zip(votes[chosen].tolist(), (-keys[chosen]).tolist()), reverse=True)
        return [-neg_key for _, neg_key in pairs[:n]]

    def sentence_terms(self, key: int) -> tuple[frozenset[str], ...]:
        """The content terms of each sentence of paragraph ``key``."""
        terms = self._sentence_terms.get(key)
        if terms is None:
            p = self.paragraphs[key]
            sentences = self.wires[p.wire].paragraphs[p.paragraph].sentences
            terms = self._sentence_terms[key] = tuple(content_terms(s.text) for s in sentences)
        return terms

    def pair(self, key: int) -> tuple[frozenset[str], int] | None:
        """The terms of paragraph ``key`` and of the next one, and their weight (the same set
        object each time), or None when ``key`` is not followed by a paragraph of its wire."""
        pair = self._pairs.get(key, False)
        if pair is False:
            wire_of = self._wire_of
            if 0 <= key < len(wire_of) - 1 and wire_of[key] == wire_of[key + 1]:
                terms = self._terms_of[key] | self._terms_of[key + 1]
                pair = (terms, self.weight(terms))
            else:
                pair = None
            self._pairs[key] = pair
        return pair

    def wire_filter(self, allow: Callable[[int], bool]) -> Callable[[int], bool]:
        """``allow`` asked once per wire and looked up after: a query asks it of every
        candidate paragraph."""
        return tuple(map(allow, range(len(self.wires)))).__getitem__

    def neighbour(self, key: int, step: int) -> int | None:
        """The id of the paragraph ``step`` after ``key`` in the same wire, if any."""
        other = key + step
        wire_of = self._wire_of
        if 0 <= other < len(wire_of) and wire_of[other] == wire_of[key]:
            return other
        return None


def _posting_arrays(nominating: list[tuple[float, list[int]]]) -> list[np.ndarray]:
    """Each ranked term's postings as a 2-row int64 array: the paragraph ids, and the term's
    idf repeated, as the bits of a float64 (so one concatenation gathers both rows).

    The arrays are views into one array built in a few calls: a pool has thousands of terms.
    """
    import numpy as np

    lengths = [len(keys) for _, keys in nominating]
    both = np.empty((2, sum(lengths)), dtype=np.int64)
    both[0] = np.fromiter(
        chain.from_iterable(keys for _, keys in nominating), np.int64, both.shape[1]
    )
    both[1] = np.repeat(np.array([idf for idf, _ in nominating]), lengths).view(np.int64)
    ends = list(accumulate(lengths))
    return [both[:, end - length : end] for end, length in zip(ends, lengths)]
