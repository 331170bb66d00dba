"""Long files of repeated paragraphs must cost linear time (found on 1-4 MB inputs)."""

from __future__ import annotations

import time

from newsaudit import align as align_module
from newsaudit.model import Alignment, ParagraphAlignment
from newsaudit.rules.base import AuditContext
from newsaudit.segment import segment
from newsaudit.wire_index import WireIndex

N = 20_000


def _wire_index() -> WireIndex:
    wire = segment("w.txt", "\n\n".join(f"Paragraph {i} about floods in Mykolaiv." for i in range(4)))
    return WireIndex([wire])


def test_nearest_is_linear_in_paragraphs():
    """Every other paragraph aligned, the others not: gap filling once cost anchors x gaps."""
    index = _wire_index()
    best = [((i % 4,), 0.9, ()) if i % 2 == 0 else None for i in range(N)]
    terms = [frozenset({"flood"})] * N
    hits = [()] * N
    started = time.perf_counter()
    nearest = align_module._nearest(terms, best, hits, index, "w.txt")
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f}s for {N} paragraphs"
    # paragraph 1 lies between anchors 0 (wire paragraph 0) and 2 (wire paragraph 2)
    assert nearest[0].paragraph == 1 and nearest[0].wire_paragraphs == (1,)


def test_paragraph_alignment_lookup_is_constant_time():
    alignment = Alignment(tuple(ParagraphAlignment(i, "w.txt", (0,), 0.5) for i in range(N)))
    ctx = AuditContext(segment("a.txt", "x"), alignment)
    started = time.perf_counter()
    found = [ctx.paragraph_alignment(i) for i in range(N)]
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f}s for {N} lookups"
    assert [p.paragraph for p in found] == list(range(N))
    assert ctx.paragraph_alignment(N) is None
