"""Property-based tests: segmentation, offsets, line/column and alignment on random Unicode text.

Texts mix wire sentences (so alignment and the comparing rules run) with emoji, right-to-left
scripts, combining marks, stray punctuation and every line ending (LF, CR, CRLF), never NUL.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsaudit import audit as audit_module
from newsaudit.report.common import LineIndex
from newsaudit.segment import segment

WIRE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "heldout" / "wire_floods.txt"
WIRE_TEXT = WIRE_PATH.read_text(encoding="utf-8")
WIRE_SENTENCES = [s.text for s in segment("w", WIRE_TEXT).sentences]
EXOTIC = [
    "👍🏽",
    "👨‍👩‍👧",
    "مرحبا بالعالم",
    "שלום",
    "e\u0301",
    "Zhuravél",
    "Ḱyiv",
    "\u200f",
    "\u202e",
    "“",
    "”",
    " . ",
    ",,",
    "XXX",
    "Kiev",
    "the the",
    "their was",
    "1,420",
    "Київ",
]
BREAKS = ["\n", "\r", "\r\n", "\n\n", "\r\r", "\r\n\r\n", " ", " ", " "]

pieces = st.one_of(
    st.sampled_from(WIRE_SENTENCES),
    st.sampled_from(EXOTIC),
    st.sampled_from(BREAKS),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
)
texts = st.lists(pieces, min_size=1, max_size=40).map("".join)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, counting CRLF, CR and LF as one line break each (a reference
    implementation, character by character)."""
    line, start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            if i + 1 >= offset:
                break
            i += 2
        elif text[i] in "\r\n":
            i += 1
        else:
            i += 1
            continue
        line, start = line + 1, i
    return line, offset - start + 1


@SETTINGS
@given(texts)
def test_segments_point_into_the_text(text):
    doc = segment("a.txt", text)
    for p in doc.paragraphs:
        assert text[p.start : p.end] == p.text and p.text.strip()
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


@SETTINGS
@given(texts)
def test_findings_point_into_the_text_and_lines_agree(text):
    wire = segment(str(WIRE_PATH), WIRE_TEXT)
    doc = segment("a.txt", text)
    (result,) = audit_module.audit([doc], [wire])
    lines = LineIndex.of(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start : f.end], f
        assert lines.position(f.start) == _position(text, f.start)
        assert lines.position(f.end) == _position(text, f.end)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=3, max_size=4))
def test_the_result_does_not_depend_on_jobs(bodies):
    docs = [
        segment(f"{i}.txt", body + "\n\n" + WIRE_TEXT[: 200 * (i + 1)])
        for i, body in enumerate(bodies)
    ]
    with mock.patch.object(audit_module, "PARALLEL_MIN", 1):  # use the pool even for 3 files
        assert audit_module.audit(docs, jobs=1) == audit_module.audit(docs, jobs=2)
        wire = segment(str(WIRE_PATH), WIRE_TEXT)
        assert audit_module.audit(docs, [wire], jobs=1) == audit_module.audit(docs, [wire], jobs=2)
