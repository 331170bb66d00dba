"""Paragraph and sentence alignment between an article and the wire pool.

Paragraphs are matched independently through the index, so reordered stories and stories mixed
from several wire versions align; a paragraph may take two consecutive wire paragraphs (1-2)
and consecutive article paragraphs that take the same wire paragraph are aligned together
(2-1). Inside each aligned group, sentences are aligned monotonically by dynamic programming
with 1-1, 1-2, 2-1 and skip moves; a sentence left over is then matched, if it can be, to the
best sentence anywhere in the paragraph's candidate wire paragraphs (reordered sentences).
"""

from __future__ import annotations

import bisect
from typing import Callable, NamedTuple, Sequence

from .model import Alignment, Document, Paragraph, ParagraphAlignment, Sentence, SentencePair
from .wire_index import Hit, WireIndex
from .text import content_terms

PARAGRAPH_MIN = 0.22  # below this a paragraph has no counterpart in the pool
SENTENCE_MIN = 0.18  # below this two sentences are not translations of each other
MERGE_GAIN = 0.04  # a 1-2 merge must beat the single best paragraph by this much
CLEAR_MATCH = 0.75  # a single wire paragraph this similar is taken without trying merges
CANDIDATES = 4  # wire paragraphs retrieved per article paragraph
RESCUE_MIN = 0.35  # a reordered sentence must be clearly the same sentence
CONTINUATION_MARGIN = 0.1  # the wire paragraph that continues the previous match wins within this
GRAVITY_MARGIN = 0.15  # another wire must beat the main wire by this much to keep a paragraph
WEAK_ELSEWHERE = 0.5  # a match to another wire below this yields to a main-wire gap
NEAREST_MIN = 0.08  # an unaligned paragraph this close to the main wire still gets an adequacy
#                        estimate
MERGE_COST = SENTENCE_MIN + 0.05  # sentence merges must pay for themselves: 1-1 is preferred
MERGE_HINT = SENTENCE_MIN / 2  # a merge is tried only if one of its parts is this similar


class Match(NamedTuple):
    """The wire counterpart chosen for one article paragraph."""

    keys: tuple[int, ...]  # global wire paragraph ids (1 or 2 consecutive)
    similarity: float
    hits: tuple[Hit, ...]  # the candidates seen for the paragraph


class _Group(NamedTuple):
    article: tuple[int, ...]  # article paragraph indices
    wire: int  # wire document index
    keys: tuple[int, ...]  # global wire paragraph ids (1 or 2 consecutive)
    hits: tuple[Hit, ...]  # the candidates seen for the group's paragraphs


# tuple.__new__ builds a Match or a _Group in C, without the NamedTuple's Python __new__ (the
# two built for most paragraphs).
_new_tuple = tuple.__new__


def align(doc: Document, index: WireIndex, allow: Callable[[int], bool] | None = None) -> Alignment:
    """Align ``doc`` against the wires of ``index`` (restricted to ``allow``-ed wires)."""
    if allow is not None:
        allow = index.wire_filter(allow)
    best: list[Match | None] = []
    all_hits: list[tuple[Hit, ...]] = []
    paragraph_terms = [_paragraph_terms(p) for p in doc.paragraphs]
    for terms in paragraph_terms:
        hits = index.query(terms, CANDIDATES, allow)
        follow = _follower(best[-1], index) if best else _opening(hits, index)
        if follow is not None:
            hits = _prefer(follow, terms, hits, index)
        all_hits.append(tuple(hits))
        best.append(_best_match(terms, hits, index))
    _gravitate(paragraph_terms, best, all_hits, index, allow)
    _resolve_shared(paragraph_terms, best, all_hits, index)
    groups = _group(best, index)
    paragraphs: list[ParagraphAlignment] = []
    sentences: list[SentencePair] = []
    for group in groups:
        wire_doc = index.wires[group.wire]
        wire_pars = tuple(index.paragraphs[k].paragraph for k in group.keys)
        for i in group.article:
            paragraphs.append(
                ParagraphAlignment(i, wire_doc.path, wire_pars, round(best[i].similarity, 4))
            )
        article_sents = [s for i in group.article for s in doc.paragraphs[i].sentences]
        wire_sents = [s for p in wire_pars for s in wire_doc.paragraphs[p].sentences]
        if len(article_sents) == len(wire_sents) == 1:
            # The common case. A paragraph's only sentence is the whole paragraph (the text of
            # both is trimmed), so the two sentences have the terms, and the similarity, of the
            # paragraphs: the match's (which align_sentences would compute again).
            sim = best[group.article[0]].similarity
            found = [(article_sents[0], (wire_sents[0],), sim)] if sim >= SENTENCE_MIN else []
        else:
            wire_terms = [t for k in group.keys for t in index.sentence_terms(k)]
            found = align_sentences(article_sents, wire_sents, index, wire_terms)
        pairs = [(a, w, s, wire_doc.path) for a, w, s in found]
        pairs += _rescue(article_sents, pairs, group.hits, index)
        sentences.extend(SentencePair(a, w, path, round(s, 4)) for a, w, s, path in pairs)
    paragraphs.sort(key=lambda p: p.paragraph)
    sentences.sort(key=lambda p: p.sentence.start)
    result = Alignment(tuple(paragraphs), tuple(sentences))
    if None not in best:
        return result  # no paragraph is left unaligned: none has a nearest counterpart
    nearest = _nearest(paragraph_terms, best, all_hits, index, result.main_wire)
    return Alignment(result.paragraphs, result.sentences, nearest)


def _paragraph_terms(paragraph: Paragraph) -> frozenset[str]:
    """``content_terms(paragraph.text)``, from its sentences' terms (needed later anyway).

    The same set: sentences partition the paragraph at whitespace, and no word token spans
    whitespace.
    """
    sentences = paragraph.sentences
    if len(sentences) == 1:
        return content_terms(sentences[0].text)
    return frozenset().union(*[content_terms(s.text) for s in sentences])


def _gravitate(paragraph_terms: list, best: list, all_hits: list, index: WireIndex, allow) -> None:
    """An article derives mostly from one story: a paragraph that went to another wire, or
    nowhere, takes the main wire's candidate when that is nearly as close.

    Paragraphs mixed in from another version of the story are much closer to that version
    (they are its translation), so a margin keeps them where they are.
    """
    counts: dict[int, int] = {}
    for match in best:
        if match is not None:
            wire = _wire_of(match, index)
            counts[wire] = counts.get(wire, 0) + 1
    if not counts:
        return
    main = max(sorted(counts), key=counts.__getitem__)
    strays = [i for i, m in enumerate(best) if m is None or _wire_of(m, index) != main]
    if not strays:
        return  # every paragraph went to the main wire (most articles)
    only_main = (lambda w: w == main) if allow is None else (lambda w: w == main and allow(w))
    for i in strays:
        match = best[i]
        terms = paragraph_terms[i]
        hits = index.query(terms, CANDIDATES, only_main)
        follow = _follower(best[i - 1], index) if i else None
        if follow is not None and index.paragraphs[follow].wire == main:
            hits = _prefer(follow, terms, hits, index)
        candidate = _best_match(terms, hits, index)
        floor = (match.similarity if match else 0.0) - GRAVITY_MARGIN
        if candidate is not None and candidate.similarity >= floor:
            best[i] = candidate
            all_hits[i] = tuple(hits)
    # A weak match elsewhere, sitting in a gap between two main-wire anchors, is that gap.
    weak = [
        i
        for i in strays
        if best[i] is not None
        and _wire_of(best[i], index) != main
        and best[i].similarity < WEAK_ELSEWHERE
    ]
    if not weak:
        return
    anchors = _anchors(best, index, main)
    for i in weak:
        filled = _gap_fill(i, anchors, paragraph_terms[i], index)
        if filled is not None and filled[1] >= NEAREST_MIN:
            best[i] = Match((filled[0],), filled[1], all_hits[i])


def _opening(hits: list[Hit], index: WireIndex) -> int | None:
    """For an article's first paragraph: the first paragraph of the wire of its best hit."""
    return index.first_key[index.paragraphs[hits[0].key].wire] if hits else None


def _follower(previous, index: WireIndex) -> int | None:
    """The wire paragraph after the one the previous article paragraph took."""
    return index.neighbour(previous.keys[-1], 1) if previous else None


def _prefer(key: int, terms, hits: list[Hit], index: WireIndex) -> list[Hit]:
    """Stories mostly keep their order: the next wire paragraph wins near-ties."""
    for hit in hits:
        if hit.key == key:
            sim = hit.similarity  # what index.similarity gives: the query scores the same way
            break
    else:
        sim = index.similarity(terms, index.paragraphs[key].terms)
    top = hits[0].similarity if hits else 0.0
    if sim <= 0 or sim < top - CONTINUATION_MARGIN:
        return hits
    return [Hit(key, sim)] + [h for h in hits if h.key != key]


def _anchors(best: list, index: WireIndex, wire: int) -> list[tuple[int, int]]:
    """(article paragraph, wire paragraph key) of every paragraph aligned to ``wire``."""
    return [
        (i, m.keys[-1])
        for i, m in enumerate(best)
        if m is not None and index.paragraphs[m.keys[-1]].wire == wire
    ]


def _wire_of(match: Match, index: WireIndex) -> int:
    """The wire document index of a match's first wire paragraph."""
    return index.paragraphs[match.keys[0]].wire


def _nearest(
    paragraph_terms: list, best, all_hits, index: WireIndex, main_wire: str | None
) -> tuple[ParagraphAlignment, ...]:
    """For paragraphs left unaligned: the main-wire paragraph they most likely stand for.

    Between two aligned anchors, a paragraph takes the wire paragraph at the same distance
    from the anchor when the wire has a gap there (anchor-based gap filling, whatever the
    similarity: a garbled translation is still the translation of that paragraph); elsewhere,
    the closest main-wire candidate, if it shares anything with the paragraph.
    """
    if main_wire is None or None not in best:
        return ()  # no paragraph is left unaligned
    # the main wire is one the article's own matches point at: find its index among them
    main = next(
        _wire_of(m, index)
        for m in best
        if m is not None and index.wires[_wire_of(m, index)].path == main_wire
    )
    anchors = _anchors(best, index, main)
    out = []
    for i, (match, hits) in enumerate(zip(best, all_hits)):
        if match is not None:
            continue
        filled = _gap_fill(i, anchors, paragraph_terms[i], index)
        if filled is not None:
            key, sim = filled
            out.append(
                ParagraphAlignment(i, main_wire, (index.paragraphs[key].paragraph,), round(sim, 4))
            )
            continue
        for hit in hits:
            wp = index.paragraphs[hit.key]
            if wp.wire == main and hit.similarity >= NEAREST_MIN:
                out.append(
                    ParagraphAlignment(i, main_wire, (wp.paragraph,), round(hit.similarity, 4))
                )
                break
    return tuple(out)


def _gap_fill(
    i: int, anchors: list[tuple[int, int]], terms, index: WireIndex
) -> tuple[int, float] | None:
    """The wire paragraph at the same distance from the anchor before paragraph ``i``, with
    its similarity, when the main wire has a gap there between two anchors.

    ``anchors`` are in article order, so the anchors around ``i`` are found by bisection (a
    scan per paragraph made long files of repeated paragraphs quadratic).
    """
    below = bisect.bisect_left(anchors, (i,))  # first anchor at or after i
    above = bisect.bisect_left(anchors, (i + 1,))  # first anchor after i
    if below == 0 or above == len(anchors):
        return None
    (a0, k0), (_, k1) = anchors[below - 1], anchors[above]
    key = k0 + (i - a0)
    same_wire = index.paragraphs[k0].wire == index.paragraphs[k1].wire
    if not (same_wire and k0 < key < k1):
        return None
    return key, index.similarity(terms, index.paragraphs[key].terms)


def _best_match(terms, hits: Sequence[Hit], index: WireIndex):
    """The best single wire paragraph, or two consecutive ones when together they fit better."""
    if not hits or hits[0].similarity < PARAGRAPH_MIN * 0.8:
        return None
    keys, sim = (hits[0].key,), hits[0].similarity
    if sim >= CLEAR_MATCH:
        # this close needs no merged counterpart
        return _new_tuple(Match, (keys, sim, tuple(hits)))
    weight = index.weight(terms)
    shared_units = index.shared_units
    for hit in hits[:2]:
        # the hit with the paragraph before it, then with the one after it
        for first in (hit.key - 1, hit.key):
            pair = index.pair(first)
            if pair is None:
                continue
            joined, joined_weight = pair
            total = weight + joined_weight
            # The paragraph shares at most all of its weight with the pair: when even that
            # would not beat the bar, the similarity does not either (an integer ratio rounds
            # monotonically), and the shared terms need not be summed (42% of the pairs).
            if 2 * weight / total <= sim + MERGE_GAIN:
                continue
            merged_sim = 2 * shared_units(terms, joined) / total  # index.similarity's value
            if merged_sim > sim + MERGE_GAIN:
                keys, sim = (first, first + 1), merged_sim
    return _new_tuple(Match, (keys, sim, tuple(hits))) if sim >= PARAGRAPH_MIN else None


def _resolve_shared(paragraph_terms: list, best: list, all_hits: list, index: WireIndex) -> None:
    """Two consecutive paragraphs on one wire paragraph: a real 2-1 merge, or one of them is wrong.

    They stay together only if, joined, they fit the wire text better than the better of them
    alone; otherwise the weaker one takes its best other candidate, or no counterpart.
    """
    for i in range(1, len(best)):
        previous, current = best[i - 1], best[i]
        if previous is None or current is None or not set(previous.keys) & set(current.keys):
            continue
        shared = set(previous.keys) | set(current.keys)
        wire_terms = _union(index.paragraphs[k].terms for k in shared)
        # content_terms of the two texts joined by a space: no word spans white space, and
        # lower() of a space-joined text is the lower() of each part (a final sigma is judged
        # within its word), so that is the union of the two paragraphs' terms.
        joined = paragraph_terms[i - 1] | paragraph_terms[i]
        gain = max(previous.similarity, current.similarity) + MERGE_GAIN
        if index.similarity(joined, wire_terms) >= gain:
            continue
        weaker = i if current.similarity <= previous.similarity else i - 1
        taken = set(best[i - 1 if weaker == i else i].keys)
        alternatives = [
            h for h in all_hits[weaker] if h.key not in taken and h.similarity >= PARAGRAPH_MIN
        ]
        best[weaker] = (
            Match((alternatives[0].key,), alternatives[0].similarity, tuple(all_hits[weaker]))
            if alternatives
            else None
        )


def _group(best, index: WireIndex) -> list[_Group]:
    """Consecutive article paragraphs that took the same wire paragraph align together (2-1)."""
    groups: list[_Group] = []
    for i, match in enumerate(best):
        if match is None:
            continue
        keys, hits = match.keys, match.hits
        previous = groups[-1] if groups else None
        if previous and previous.article[-1] == i - 1 and set(previous.keys) & set(keys):
            merged_keys = tuple(sorted(set(previous.keys) | set(keys)))
            groups[-1] = _Group(
                previous.article + (i,), previous.wire, merged_keys, previous.hits + hits
            )
        else:
            groups.append(_new_tuple(_Group, ((i,), index.paragraphs[keys[0]].wire, keys, hits)))
    return groups


def align_sentences(
    article: Sequence[Sentence],
    wire: Sequence[Sentence],
    index: WireIndex,
    wire_terms: Sequence[frozenset[str]] | None = None,
):
    """Monotone sentence alignment with 1-1, 1-2, 2-1 and skips.

    ``wire_terms`` are the content terms of the ``wire`` sentences, when the caller has them.
    Returns (sentence, wire sentences, similarity) triples."""
    a_terms = [content_terms(s.text) for s in article]
    w_terms = wire_terms if wire_terms is not None else [content_terms(s.text) for s in wire]
    n, m = len(article), len(wire)
    if n == m == 1:  # the common case: nothing to search
        sim = index.similarity(a_terms[0], w_terms[0])
        return [(article[0], (wire[0],), sim)] if sim >= SENTENCE_MIN else []
    # Similarities are computed as index.similarity does, from summed weights (integers) of
    # the terms and of the terms shared, so that joined sentences cost additions, not set
    # unions: sim11[i][j] is that of article sentence i and wire sentence j (0-based).
    weight = index.weight
    a_weights = [weight(t) for t in a_terms]
    w_weights = [weight(t) for t in w_terms]
    shared = index.shared_rows(a_terms, w_terms)
    sim11 = [
        [
            2 * units / (a_weight + w_weight) if a_weight + w_weight else 0.0
            for units, w_weight in zip(line, w_weights)
        ]
        for line, a_weight in zip(shared, a_weights)
    ]
    # A merge (1-2: wire sentences j-1 and j; 2-1: article sentences i-1 and i) can only fit
    # if one of its parts already resembles the other side: it is computed only then, where
    # the table below reaches it, and is 0.0 elsewhere. The weights of a union are those of
    # its parts less those of their intersection (inclusion-exclusion, exact on integers),
    # and so are the shared units.
    a_overlaps, a_joined = _overlaps(a_terms, a_weights, weight)
    w_overlaps, w_joined = _overlaps(w_terms, w_weights, weight)
    shared_units = index.shared_units
    # score[i][j]: the best total over the first i article and j wire sentences; back[i][j]:
    # the move that reached it (article sentences, wire sentences, similarity).
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0, 0.0)] + [(0, 1, 0.0)] * m] + [
        [(1, 0, 0.0)] + [(0, 0, 0.0)] * m for _ in range(n)
    ]
    up, left = (1, 0, 0.0), (0, 1, 0.0)
    no_line = [0.0] * m  # the similarities of the article sentence before the first
    for i in range(1, n + 1):
        row, above, steps = score[i], score[i - 1], back[i]
        r = i - 1
        line11, units, terms = sim11[r], shared[r], a_terms[r]
        line_above = sim11[r - 1] if r else no_line
        units_above = shared[r - 1] if r else None
        a_overlap, a_weight = a_overlaps[r], a_weights[r]
        for c, sim in enumerate(line11):  # wire sentence c, the j-th: row[j] is filled here
            j = c + 1
            # Ties keep the earlier candidate: skip article, skip wire, 1-1, 1-2, 2-1.
            best, step = above[j], up
            if row[c] > best:
                best, step = row[c], left
            if sim >= SENTENCE_MIN:
                total = above[c] + sim - SENTENCE_MIN
                if total > best:
                    best, step = total, (1, 1, sim)
            if c and (sim >= MERGE_HINT or line11[c - 1] >= MERGE_HINT):
                merged = _merged(
                    units[c - 1],
                    units[c],
                    terms,
                    w_overlaps[c],
                    a_weight + w_joined[c],
                    shared_units,
                )
                if merged >= SENTENCE_MIN:
                    total = above[c - 1] + merged - MERGE_COST
                    if total > best:
                        best, step = total, (1, 2, merged)
            if r and (sim >= MERGE_HINT or line_above[c] >= MERGE_HINT):
                merged = _merged(
                    units_above[c],
                    units[c],
                    w_terms[c],
                    a_overlap,
                    w_weights[c] + a_joined[r],
                    shared_units,
                )
                if merged >= SENTENCE_MIN:
                    total = score[i - 2][c] + merged - MERGE_COST
                    if total > best:
                        best, step = total, (2, 1, merged)
            row[j], steps[j] = best, step
    pairs = []
    i, j = n, m
    while i or j:
        da, dw, sim = back[i][j]
        if da and dw:
            for a in article[i - da : i]:
                pairs.append((a, tuple(wire[j - dw : j]), sim))
        i, j = i - da, j - dw
    pairs.reverse()
    return pairs


def _overlaps(
    terms: Sequence[frozenset[str]], weights: Sequence[int], weight: Callable
) -> tuple[list[frozenset[str]], list[int]]:
    """For each sentence after the first: the terms it shares with the one before, and the
    weight of the two joined (0 and the empty set for the first)."""
    overlaps = [frozenset()] + [a & b for a, b in zip(terms, terms[1:])]
    joined = [0] + [weights[c - 1] + weights[c] - weight(overlaps[c]) for c in range(1, len(terms))]
    return overlaps, joined


def _merged(
    before: int,
    here: int,
    terms: frozenset[str],
    overlap: frozenset[str],
    total: int,
    shared_units: Callable,
) -> float:
    """The similarity of ``terms`` to two joined sentences, from the units it shares with each
    (``before``, ``here``), the terms the two share (``overlap``) and the weights' ``total``."""
    both = before + here
    # The overlap is in both parts: when ``terms`` share no weight with one of them (no term
    # weighs less than nothing), they share none with the overlap.
    if before and here and overlap:
        both -= shared_units(terms, overlap)
    return 2 * both / total if total else 0.0


def _rescue(article: Sequence[Sentence], pairs, hits: Sequence[Hit], index: WireIndex):
    """Match sentences the monotone pass left over to any sentence of the candidate paragraphs."""
    if len(pairs) == len(article):
        return []  # the common case: each pair holds a different one of the article sentences
    done = {pair[0].index for pair in pairs}
    left = [s for s in article if s.index not in done]
    if not left:
        return []
    pool: list[tuple[Sentence, str]] = []
    pool_terms: list[frozenset[str]] = []
    for key in dict.fromkeys(hit.key for hit in hits):
        wp = index.paragraphs[key]
        wire_doc = index.wires[wp.wire]
        pool.extend((s, wire_doc.path) for s in wire_doc.paragraphs[wp.paragraph].sentences)
        pool_terms.extend(index.sentence_terms(key))
    found = []
    for sentence in left:
        terms = content_terms(sentence.text)
        scored = [(index.similarity(terms, w), -k) for k, w in enumerate(pool_terms)]
        if scored:
            sim, k = max(scored)
            if sim >= RESCUE_MIN:
                w, path = pool[-k]
                found.append((sentence, (w,), sim, path))
    return found


def _union(term_sets) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for t in term_sets:
        out = out | t
    return out
