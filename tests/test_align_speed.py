"""align_sentences' fast paths (inline moves, overlap skipped when a part shares nothing)
give the answer of a plain reference: every similarity from index.similarity, a table of
moves."""

from pathlib import Path

from newsaudit.align import MERGE_COST, MERGE_HINT, SENTENCE_MIN, align_sentences
from newsaudit.segment import segment
from newsaudit.text import content_terms
from newsaudit.wire_index import WireIndex

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "heldout"


def _reference(article, wire, index):
    a = [content_terms(s.text) for s in article]
    w = [content_terms(s.text) for s in wire]
    n, m = len(a), len(w)
    s11 = [[index.similarity(x, y) for y in w] for x in a]
    s12 = [
        [
            index.similarity(a[i], w[j - 1] | w[j])
            if j and (s11[i][j] >= MERGE_HINT or s11[i][j - 1] >= MERGE_HINT)
            else 0.0
            for j in range(m)
        ]
        for i in range(n)
    ]
    s21 = [
        [
            index.similarity(a[i - 1] | a[i], w[j])
            if i and (s11[i][j] >= MERGE_HINT or s11[i - 1][j] >= MERGE_HINT)
            else 0.0
            for j in range(m)
        ]
        for i in range(n)
    ]
    moves = ((1, 1, s11, SENTENCE_MIN), (1, 2, s12, MERGE_COST), (2, 1, s21, MERGE_COST))
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0, 0.0)] + [(0, 1, 0.0)] * m] + [
        [(1, 0, 0.0)] + [(0, 0, 0.0)] * m for _ in range(n)
    ]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best, step = score[i - 1][j], (1, 0, 0.0)
            if score[i][j - 1] > best:
                best, step = score[i][j - 1], (0, 1, 0.0)
            for da, dw, sims, cost in moves:
                sim = sims[i - 1][j - 1]
                if sim >= SENTENCE_MIN and i >= da and j >= dw:
                    total = score[i - da][j - dw] + sim - cost
                    if total > best:
                        best, step = total, (da, dw, sim)
            score[i][j], back[i][j] = best, step
    pairs, i, j = [], n, m
    while i or j:
        da, dw, sim = back[i][j]
        if da and dw:
            pairs.extend((x, tuple(wire[j - dw : j]), sim) for x in article[i - da : i])
        i, j = i - da, j - dw
    return pairs[::-1]


def _windows(article, wire, index):
    """align_sentences against the reference on windows of up to 5 sentences at nearby
    offsets; returns how many pairs of each shape (article, wire sentences) were compared."""
    shapes = {}
    for start in range(len(article)):
        for n in range(1, 6):
            for offset in (-2, -1, 0, 1, 2):
                for m in range(1, 6):
                    first = max(0, start + offset)
                    a, w = article[start : start + n], wire[first : first + m]
                    if len(a) < n or not w:
                        continue
                    got = align_sentences(a, w, index)
                    assert got == _reference(a, w, index)
                    for _, ws, _ in got:
                        shape = (sum(1 for _, vs, _ in got if vs == ws), len(ws))
                        shapes[shape] = shapes.get(shape, 0) + 1
    return shapes


def test_align_sentences_equals_the_reference_on_windows_of_the_heldout_pair():
    article = segment("a.txt", (HELDOUT / "article_floods.txt").read_text(encoding="utf-8"))
    wire = segment("w.txt", (HELDOUT / "wire_floods.txt").read_text(encoding="utf-8"))
    # The wire's sentences two by two in one sentence: 1-2 merges one way, 2-1 the other.
    texts = [s.text for s in wire.sentences]
    joined = segment(
        "j.txt",
        " ".join(
            first.rstrip(".") + ", and " + second[:1].lower() + second[1:]
            for first, second in zip(texts[::2], texts[1::2])
        ),
    )
    index = WireIndex([wire, joined])
    shapes = _windows(article.sentences, wire.sentences, index)
    for one, other in ((joined, wire), (wire, joined)):
        for shape, count in _windows(one.sentences, other.sentences, index).items():
            shapes[shape] = shapes.get(shape, 0) + count
    assert {(1, 1), (1, 2), (2, 1)} <= set(shapes)
