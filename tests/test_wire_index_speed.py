"""WireIndex.query counts its votes with numpy: it answers exactly what the plain Python loop it
replaced answers (the same hits, the same similarity floats), ties and wire filters included."""

from __future__ import annotations

from itertools import repeat

from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.segment import segment
from newsaudit.text import content_terms
from newsaudit.wire_index import MIN_POOL_FOR_SKIPPING, NOMINATING_TERMS, SHORTLIST, Hit, WireIndex

# A small vocabulary, so that paragraphs share terms and votes tie often; each word is its own
# content term.
VOCABULARY = [f"w{i}" for i in range(40)]
UNSEEN = ["zz1", "zz2"]  # in no wire


def reference_query(index: WireIndex, terms: frozenset[str], k: int, allow=None) -> list[Hit]:
    """WireIndex._query as it was before numpy: a dict of float votes, walked in rank order."""
    unranked = len(index._nominating)
    ranks = sorted(map(index._rank.get, terms, repeat(unranked, len(terms))))
    votes: dict[int, float] = {}
    get = votes.get
    for rank in ranks[:NOMINATING_TERMS]:
        if rank == unranked:
            break
        w, keys = index._nominating[rank]
        for key in keys:
            votes[key] = get(key, 0.0) + w
    if allow is not None:
        votes = {key: v for key, v in votes.items() if allow(index._wire_of[key])}
    if not votes:
        return []
    shortlist = sorted(((v, -key) for key, v in votes.items()), reverse=True)
    shortlist = shortlist[: max(SHORTLIST, k)]
    terms_of, norms, units = index._terms_of, index._norms, index._units.__getitem__
    weight = index.weight(terms)
    scored = [
        (2 * sum(map(units, terms & terms_of[-neg_key])) / (weight + norms[-neg_key]), neg_key)
        for _, neg_key in shortlist
    ]
    scored.sort(reverse=True)
    return [Hit(-neg_key, sim) for sim, neg_key in scored[:k] if sim > 0]


def reference_votes(index: WireIndex, terms: frozenset[str]) -> dict[int, float]:
    unranked = len(index._nominating)
    votes: dict[int, float] = {}
    for rank in sorted(index._rank.get(t, unranked) for t in terms)[:NOMINATING_TERMS]:
        if rank == unranked:
            break
        w, keys = index._nominating[rank]
        for key in keys:
            votes[key] = votes.get(key, 0.0) + w
    return votes


def _pool(wires: list[list[list[str]]]) -> WireIndex:
    docs = [
        segment(f"wire{i}.txt", "\n\n".join(" ".join(p) for p in paragraphs) + "\n")
        for i, paragraphs in enumerate(wires)
    ]
    return WireIndex(docs)


PARAGRAPH = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14)
WIRE = st.lists(PARAGRAPH, min_size=1, max_size=12)
QUERY = st.frozensets(st.sampled_from(VOCABULARY + UNSEEN), max_size=20)


def test_vocabulary_words_are_their_own_terms():
    assert content_terms(" ".join(VOCABULARY + UNSEEN)) == frozenset(VOCABULARY + UNSEEN)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(WIRE, min_size=1, max_size=40),
    st.lists(
        st.tuples(QUERY, st.integers(1, 14), st.none() | st.sets(st.integers(0, 39))),
        min_size=1,
        max_size=12,
    ),
)
def test_query_agrees_with_the_python_loop(wires, queries):
    index = _pool(wires)
    for terms, k, allowed in queries:
        allow = None if allowed is None else allowed.__contains__
        expected = reference_query(index, terms, k, allow)
        assert index._query(terms, k, allow) == expected
        if allow is None:
            assert index.query(terms, k) == expected
        else:
            assert index.query(terms, k, index.wire_filter(allow)) == expected


def test_large_pool_with_skipped_terms_and_ties():
    # Over MIN_POOL_FOR_SKIPPING paragraphs, so the frequent terms are not looked up; each a*
    # and b* term is in 10-12 paragraphs, so many paragraphs tie in votes and the lower keys
    # must win the cut.
    wires = [
        [[f"a{(w * 9 + p) % 27}", f"b{(w + p) % 23}", "common", "usual"] for p in range(9)]
        for w in range(30)
    ]
    index = _pool(wires)
    assert len(index.paragraphs) >= MIN_POOL_FOR_SKIPPING
    assert "common" not in index._rank and "a0" in index._rank  # in every paragraph: skipped
    queries = [
        frozenset({"a0", "b0"}),
        frozenset({"a1", "b1", "common"}),
        frozenset([f"a{i}" for i in range(7)] + [f"b{i}" for i in range(7)] + ["usual"]),
    ]
    odd = lambda w: w % 2 == 1  # noqa: E731
    for terms in queries:
        votes = reference_votes(index, terms)
        assert len(votes) > SHORTLIST and len(set(votes.values())) < len(votes)  # ties
        for k in (1, 5, 10, 12):
            assert index._query(terms, k, None) == reference_query(index, terms, k)
            assert index._query(terms, k, odd) == reference_query(index, terms, k, odd)
    assert index._query(frozenset({"a0"}), 5, lambda w: False) == []
    assert index._query(frozenset({"common", "zz1"}), 5, None) == []  # no term is looked up


def test_bincount_sums_like_the_python_loop():
    # Weights whose sums round differently in another order: bincount must add in input order.
    import numpy as np

    weights = [0.1, 1e16, -1e16, 0.3, 1 / 3, 2.0**-40, 7.25, 1e-300]
    rng = np.random.default_rng(7)
    for _ in range(200):
        keys = rng.integers(0, 5, size=30)
        w = rng.choice(weights, size=30)
        expected: dict[int, float] = {}
        for key, weight in zip(keys.tolist(), w.tolist()):
            expected[key] = expected.get(key, 0.0) + weight
        sums = np.bincount(keys, w)
        assert {key: sums[key].item() for key in expected} == expected


@given(st.lists(WIRE, min_size=1, max_size=4))
@settings(max_examples=50, deadline=None)
def test_pair_joins_a_paragraph_with_the_next_of_its_wire(wires):
    index = _pool(wires)
    for key in range(-1, len(index.paragraphs) + 1):
        pair = index.pair(key)
        inside = 0 <= key < len(index.paragraphs) - 1
        if not inside or index.paragraphs[key].wire != index.paragraphs[key + 1].wire:
            assert pair is None
            continue
        terms = index.paragraphs[key].terms | index.paragraphs[key + 1].terms
        assert pair == (terms, index.weight(terms))
        assert index.pair(key) is pair  # kept: the same objects each time
