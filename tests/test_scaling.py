"""Gap filling and paragraph lookups on long files (the 1-4 MB repeated-paragraph case).

These check the results of the bisection and the lookup table that made long files linear;
the time itself is measured by bench/speed.py, not asserted here.
"""

from __future__ import annotations

from newsaudit import align as align_module
from newsaudit.model import Alignment, ParagraphAlignment
from newsaudit.rules.base import AuditContext
from newsaudit.segment import segment
from newsaudit.wire_index import WireIndex

N = 2_000


def _wire_index() -> WireIndex:
    text = "\n\n".join(f"Paragraph {i} about floods in Mykolaiv." for i in range(4))
    return WireIndex([segment("w.txt", text)])


def test_gap_filling_between_every_pair_of_anchors():
    """Every other paragraph aligned: each gap takes the wire paragraph between its anchors."""
    index = _wire_index()
    best = [align_module.Match((i % 4,), 0.9, ()) if i % 2 == 0 else None for i in range(N)]
    terms = [frozenset({"flood"})] * N
    nearest = align_module._nearest(terms, best, [()] * N, index, "w.txt")
    # paragraph 1 lies between anchors 0 (wire paragraph 0) and 2 (wire paragraph 2); paragraph
    # 3 between wire paragraphs 2 and 0 (no gap there: the wire runs backwards)
    filled = {p.paragraph: p.wire_paragraphs for p in nearest}
    assert filled[1] == (1,) and 3 not in filled
    assert all(filled[i] == (1,) for i in range(1, N - 1, 4))


def test_paragraph_alignment_lookup():
    alignment = Alignment(tuple(ParagraphAlignment(i, "w.txt", (0,), 0.5) for i in range(N)))
    ctx = AuditContext(segment("a.txt", "x"), alignment)
    assert [ctx.paragraph_alignment(i).paragraph for i in range(N)] == list(range(N))
    assert ctx.paragraph_alignment(N) is None
