"""Adequacy estimate: how far each aligned article paragraph strays from its wire text.

The similarity is a character n-gram F-score over distinct n-grams (n = 1..4, recall weighted
twice as much as precision, whitespace ignored), the family of chrF: robust to inflection and to
the spelling noise of MT. On WMT23 zh-en MQM data, scored on gold sentence pairs, it orders
translations of one source sentence slightly better than standard chrF (acc-t 0.569 vs 0.562)
and costs a fraction of it (distinct n-grams, counted as packed integers with numpy:
``packed_ngrams.py``). Each group of article paragraphs aligned to the same wire paragraph(s)
is compared with that wire text, and the distance becomes penalty points that join the
findings in the file score:

    penalty = W × (1 − similarity)³ × (sentences in the wire text)

so that, per wire sentence, a text sharing nothing with the wire weighs W points (W = 1, a
minor error), a faithful paraphrase (similarity 0.6) 0.06 points and a near copy almost
nothing. The cube keeps legitimate rewording cheap: the wire is often another version of the
story, not the translation's source. A paragraph too loose to align is compared with the
closest paragraph of the main wire, when one shares anything with it; a paragraph with no
counterpart at all gets no estimate.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from struct import Struct

from .model import Adequacy, Alignment, Document

MAX_ORDER = 4
BETA = 2.0
FULL_PENALTY = 1.0
EXPONENT = 3


# Exact path for other text: every character is four bytes in UTF-32, so an n-gram is a slice of
# 4n bytes of the encoded text; the distinct slices are exactly the distinct n-grams. struct cuts
# the slices that start at one offset, n characters apart, in one C call: n calls give all
# n-grams, without building a string per n-gram in Python.
_CHAR_BYTES = 4


@lru_cache(maxsize=1024)
def _slicer(order: int, count: int):
    """Unpacks ``count`` consecutive ``order``-character slices of UTF-32 text from an offset."""
    return Struct(f"{order * _CHAR_BYTES}s" * count).unpack_from


def _ngram_sets(text: str) -> list[set]:
    """The distinct character n-grams of ``text`` (whitespace removed), n = 1..4: characters for
    n = 1, UTF-32 bytes for n > 1."""
    compact = "".join(text.split())
    data = compact.encode("utf-32-le", "surrogatepass")
    grams = [set(compact)]
    for n in range(2, MAX_ORDER + 1):
        level: set[bytes] = set()
        for first in range(n):  # the n-grams starting at first, first + n, first + 2n, ...
            count = (len(compact) - first) // n
            if count > 0:
                level.update(_slicer(n, count)(data, first * _CHAR_BYTES))
        grams.append(level)
    return grams


# The set path is rare (an emoji, a NUL): a small cache of wire texts is enough.
@lru_cache(maxsize=256)
def _reference_ngrams(text: str) -> tuple[frozenset, ...]:
    return tuple(map(frozenset, _ngram_sets(text)))


def _set_counts(hypothesis: str, reference: str) -> tuple[tuple[int, ...], ...]:
    """Per order: distinct n-grams of the hypothesis, of the reference, and shared, by sets."""
    hyp_sizes, ref_sizes, matched_sizes = [], [], []
    for hyp, ref in zip(_ngram_sets(hypothesis), _reference_ngrams(reference)):
        hyp_size = len(hyp)
        # |hyp & ref| from the size of the union: adding ref's n-grams to the article's set is
        # cheaper than building the intersection as a new set.
        hyp |= ref
        hyp_sizes.append(hyp_size)
        ref_sizes.append(len(ref))
        matched_sizes.append(hyp_size + len(ref) - len(hyp))
    return tuple(hyp_sizes), tuple(ref_sizes), tuple(matched_sizes)


def _fscore(hyp_sizes, ref_sizes, matched_sizes) -> float:
    """F-beta averaged over the orders that both texts have, from the n-gram counts."""
    scores = []
    for hyp_size, ref_size, matched in zip(hyp_sizes, ref_sizes, matched_sizes):
        if not hyp_size or not ref_size:
            continue
        p, r = matched / hyp_size, matched / ref_size
        denom = BETA * BETA * p + r
        scores.append((1 + BETA * BETA) * p * r / denom if denom else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _fscores(hyp_sizes, ref_sizes, matched_sizes) -> list[float]:
    """``_fscore`` of each row of the numpy count arrays (one row per pair, a column per order),
    to the last bit: the same float operations, elementwise."""
    # A text without n-grams of an order has none matched either: 0 / 1.
    p = matched_sizes / (hyp_sizes + (hyp_sizes == 0))
    r = matched_sizes / (ref_sizes + (ref_sizes == 0))
    denom = BETA * BETA * p + r
    # An order one text lacks has nothing matched: its score is 0, as is one whose denominator
    # is 0 (p = r = 0); adding 0.0 leaves sum() exactly as without the term.
    scores = (1 + BETA * BETA) * p * r / (denom + (denom == 0))
    orders = ((hyp_sizes > 0) & (ref_sizes > 0)).sum(axis=1)
    return [
        sum(row) / count if count else 0.0 for row, count in zip(scores.tolist(), orders.tolist())
    ]


def char_fscore(hypothesis: str, reference: str) -> float:
    """Character n-gram F-beta (beta 2) over distinct n-grams, averaged over n = 1..4, in [0, 1]."""
    # Imported here, not with the module: numpy costs 0.1 s to import, which a run that aligns
    # nothing (one file on its own) need not pay.
    from .packed_ngrams import batch_counts

    counts = batch_counts([(hypothesis, reference)])
    if counts is None:
        return _fscore(*_set_counts(hypothesis, reference))
    return _fscores(*counts)[0]


def penalty(similarity: float) -> float:
    return FULL_PENALTY * (1.0 - similarity) ** EXPONENT


def estimate(
    doc: Document, alignment: Alignment, wires: dict[str, Document]
) -> tuple[Adequacy, ...]:
    """One estimate per aligned group of paragraphs of ``doc`` (see the module docstring)."""
    groups: dict[tuple[str, tuple[int, ...]], list[int]] = {}
    for pa in alignment.paragraphs + alignment.nearest:
        groups.setdefault((pa.wire_path, pa.wire_paragraphs), []).append(pa.paragraph)
    paragraphs = doc.paragraphs
    spans, texts = [], []
    for (wire_path, wire_paragraphs), article_paragraphs in groups.items():
        wire = wires.get(wire_path)
        if wire is None:
            continue
        # Nearly every group is one paragraph on each side: its text as it is, no join.
        if len(wire_paragraphs) == 1:
            reference = wire.paragraphs[wire_paragraphs[0]]
            weight, reference_text = len(reference.sentences) or 1, reference.text
        else:
            references = [wire.paragraphs[i] for i in wire_paragraphs]
            weight = max(1, sum(len(p.sentences) for p in references))
            reference_text = " ".join([p.text for p in references])
        if len(article_paragraphs) == 1:
            part = paragraphs[article_paragraphs[0]]
            spans.append((part.start, part.end, weight))
            texts.append((part.text, reference_text))
        else:
            parts = [paragraphs[i] for i in sorted(article_paragraphs)]
            spans.append((parts[0].start, parts[-1].end, weight))
            texts.append((" ".join([p.text for p in parts]), reference_text))
    if not texts:
        return ()
    from .packed_ngrams import batch_counts  # numpy: see char_fscore

    counts = batch_counts(texts)
    if counts is None:
        similarities = [char_fscore(hypothesis, reference) for hypothesis, reference in texts]
    else:
        similarities = _fscores(*counts)
    out = [
        Adequacy(start, end, round(similarity, 4), round(weight * penalty(similarity), 4))
        for (start, end, weight), similarity in zip(spans, similarities)
    ]
    return tuple(sorted(out, key=attrgetter("start")))
