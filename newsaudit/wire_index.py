"""The wire index: find, for each article paragraph, the closest paragraphs of the wire pool.

An inverted index maps content-word stems to the wire paragraphs that contain them. A query
touches only the postings of its own terms, and terms that occur in a large share of the pool
(they discriminate nothing) are skipped, so the cost of a query grows with the size of its
postings lists, not with the size of the pool. Similarity is an IDF-weighted Dice coefficient
on content stems and numbers: robust to the word-order changes and paraphrase of MT.
"""

from __future__ import annotations

import heapq
import math
from itertools import repeat
from operator import neg
from dataclasses import dataclass
from typing import Callable, Sequence

from .model import Document
from .text import content_terms

# Terms in more than this share of all wire paragraphs are not looked up (but still weigh in
# the similarity through the norms); below 200 paragraphs nothing is skipped.
MAX_DF_SHARE = 0.05
MIN_POOL_FOR_SKIPPING = 200
WEIGHT_UNITS = 1_000_000
NOMINATING_TERMS = 12  # rarest query terms whose postings are walked
SHORTLIST = 10  # candidates rescored on all terms


@dataclass(frozen=True)
class WireParagraph:
    wire: int  # index of the wire document in the pool
    paragraph: int  # paragraph index inside it
    terms: frozenset[str]


@dataclass(frozen=True)
class Hit:
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
        self._default_idf = math.log((n + 1) / 0.5)
        # Similarities add weights in integer micro-units: integer sums are exact whatever the
        # order a set iterates in, so every process computes the same bits (--jobs N output is
        # identical to --jobs 1), and they are faster than exactly rounded float sums.
        self._units = {t: round(w * WEIGHT_UNITS) for t, w in self._idf.items()}
        self._default_units = round(self._default_idf * WEIGHT_UNITS)
        self._weights: dict[frozenset[str], int] = {}
        limit = max(1, int(MAX_DF_SHARE * n)) if n >= MIN_POOL_FOR_SKIPPING else n + 1
        self._postings = {t: keys for t, keys in postings.items() if len(keys) <= limit}
        self._rarity = {t: (len(keys), t) for t, keys in self._postings.items()}  # query order
        self._norms = [self.weight(p.terms) for p in self.paragraphs]

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._default_idf)

    def weight(self, terms: frozenset[str]) -> int:
        """The summed IDF of ``terms``, in integer micro-units."""
        cached = self._weights.get(terms)
        if cached is None:
            cached = sum(map(self._units.get, terms, repeat(self._default_units, len(terms))))
            if len(self._weights) < 200_000:
                self._weights[terms] = cached
        return cached

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """IDF-weighted Dice coefficient of two term sets, in [0, 1]."""
        total = self.weight(a) + self.weight(b)
        if not total:
            return 0.0
        common = a & b
        shared = sum(map(self._units.get, common, repeat(self._default_units, len(common))))
        return 2 * shared / total

    def similarity_rows(
        self, rows: Sequence[frozenset[str]], columns: Sequence[frozenset[str]]
    ) -> list[list[float]]:
        """``similarity(r, c)`` for every row ``r`` and column ``c``; each weight looked up once."""
        units_get, default = self._units.get, self._default_units
        column_weights = [self.weight(c) for c in columns]
        out = []
        for r in rows:
            weight_r = self.weight(r)
            line = []
            for c, weight_c in zip(columns, column_weights):
                total = weight_r + weight_c
                if total:
                    common = r & c
                    line.append(
                        2 * sum(map(units_get, common, repeat(default, len(common)))) / total
                    )
                else:
                    line.append(0.0)
            out.append(line)
        return out

    def query(
        self, terms: frozenset[str], k: int = 5, allow: Callable[[int], bool] | None = None
    ) -> list[Hit]:
        """The ``k`` wire paragraphs most similar to ``terms`` (best first).

        ``allow(wire_index)`` restricts the wires considered (auto mode excludes the article
        itself and the files less original than it).
        """
        postings, idf = self._postings, self._idf
        # Stage 1: the query's rarest terms nominate candidates (names and numbers decide which
        # story a paragraph belongs to); stage 2 scores the shortlist on all terms.
        rarity = self._rarity
        rare = sorted([t for t in terms if t in rarity], key=rarity.__getitem__)
        votes: dict[int, float] = {}
        get = votes.get
        for term in rare[:NOMINATING_TERMS]:
            w = idf[term]
            for key in postings[term]:
                votes[key] = get(key, 0.0) + w
        if allow is not None:
            votes = {key: v for key, v in votes.items() if allow(self.paragraphs[key].wire)}
        if not votes:
            return []
        # (votes, -key) pairs are unique, so comparing them directly ranks as a key function would
        shortlist = heapq.nlargest(max(SHORTLIST, k), zip(votes.values(), map(neg, votes)))
        # similarity(terms, paragraph) with the paragraphs' weights taken from the norms
        paragraphs, norms = self.paragraphs, self._norms
        units_get, default = self._units.get, self._default_units
        weight = self.weight(terms)
        scored = []
        for _, neg_key in shortlist:
            total = weight + norms[-neg_key]
            if total:
                common = terms & paragraphs[-neg_key].terms
                sim = 2 * sum(map(units_get, common, repeat(default, len(common)))) / total
            else:
                sim = 0.0
            scored.append((sim, neg_key))
        return [Hit(-neg_key, sim) for sim, neg_key in heapq.nlargest(k, scored) if sim > 0]

    def neighbour(self, key: int, step: int) -> int | None:
        """The id of the paragraph ``step`` after ``key`` in the same wire, if any."""
        other = key + step
        if (
            0 <= other < len(self.paragraphs)
            and self.paragraphs[other].wire == self.paragraphs[key].wire
        ):
            return other
        return None
