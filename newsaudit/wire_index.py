"""The wire index: find, for each article paragraph, the closest paragraphs of the wire pool.

An inverted index maps content-word stems to the wire paragraphs that contain them. A query
touches only the postings of its own terms, and terms that occur in a large share of the pool
(they discriminate nothing) are skipped, so the cost of a query grows with the size of its
postings lists, not with the size of the pool. Similarity is an IDF-weighted Dice coefficient
on content stems and numbers: robust to the word-order changes and paraphrase of MT.
"""

from __future__ import annotations

import math
from itertools import repeat
from operator import neg
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

from .model import Document
from .text import content_terms

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
        self._norms = [self.weight(p.terms) for p in self.paragraphs]
        self._wire_of = [p.wire for p in self.paragraphs]
        self._terms_of = [p.terms for p in self.paragraphs]
        # Filled on first use: what articles compare with a paragraph again and again.
        self._sentence_terms: dict[int, tuple[frozenset[str], ...]] = {}
        self._joined_terms: dict[int, frozenset[str]] = {}
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
        votes: dict[int, float] = {}
        get = votes.get
        for rank in ranks[:NOMINATING_TERMS]:
            if rank == unranked:
                break
            w, keys = self._nominating[rank]
            for key in keys:
                votes[key] = get(key, 0.0) + w
        if allow is not None:
            wire_of = self._wire_of
            votes = {key: v for key, v in votes.items() if allow(wire_of[key])}
        if not votes:
            return []
        shortlist = _top(votes, max(SHORTLIST, k))
        # similarity(terms, paragraph) with the paragraphs' weights taken from the norms; a
        # term shared with a wire paragraph is a term of the index, so it has its units. A
        # candidate shares a nominating term with the query, and every such term weighs more
        # than nothing (it is in at most MAX_DF_SHARE of the paragraphs, or in a small pool in
        # at most all n of them, and log((n + 1) / (n + 0.5)) is well over a micro-unit), so
        # the weights' total is never 0.
        terms_of, norms, units = self._terms_of, self._norms, self._units.__getitem__
        weight = self.weight(terms)
        scored = [
            (2 * sum(map(units, terms & terms_of[-neg_key])) / (weight + norms[-neg_key]), neg_key)
            for _, neg_key in shortlist
        ]
        scored.sort(reverse=True)  # (similarity, -key) pairs are unique: ties go to the lower key
        return [Hit(-neg_key, sim) for sim, neg_key in scored[:k] if sim > 0]

    def sentence_terms(self, key: int) -> tuple[frozenset[str], ...]:
        """The content terms of each sentence of paragraph ``key``."""
        terms = self._sentence_terms.get(key)
        if terms is None:
            p = self.paragraphs[key]
            sentences = self.wires[p.wire].paragraphs[p.paragraph].sentences
            terms = self._sentence_terms[key] = tuple(content_terms(s.text) for s in sentences)
        return terms

    def joined_terms(self, key: int) -> frozenset[str]:
        """The terms of paragraph ``key`` and of the next one (the same set object each time,
        so its weight is summed once)."""
        terms = self._joined_terms.get(key)
        if terms is None:
            terms = self._joined_terms[key] = (
                self.paragraphs[key].terms | self.paragraphs[key + 1].terms
            )
        return terms

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


def _top(votes: dict[int, float], n: int) -> list[tuple[float, int]]:
    """The ``n`` best (votes, -key) pairs, best first: ties in votes go to the lower key.

    The pairs are unique, so this is ``sorted(pairs, reverse=True)[:n]`` (and what
    ``heapq.nlargest`` gives); sorting the bare votes to find the n-th best first leaves only
    the pairs at or above it to build and sort.
    """
    if len(votes) > n:
        cut = sorted(votes.values())[-n]
        return sorted([(v, -key) for key, v in votes.items() if v >= cut], reverse=True)[:n]
    return sorted(zip(votes.values(), map(neg, votes)), reverse=True)
