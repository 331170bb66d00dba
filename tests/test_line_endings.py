"""CR-only ("\\r") and CRLF line endings: lines, columns and paragraphs as with "\\n"."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.report.common import LineIndex
from newsaudit.segment import segment

TEXT = "First line.\n\nSecond one, said Kyiv.\nThird."


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_line_and_column_for_every_line_ending(newline):
    text = TEXT.replace("\n", newline)
    lines = LineIndex.of(text)
    kyiv = text.index("Kyiv")
    assert lines.position(kyiv) == (3, 18)
    assert lines.position(text.index("Third")) == (4, 1)
    assert lines.position(0) == (1, 1)


def test_crlf_break_is_one_line_not_two():
    text = "a\r\nb"
    assert LineIndex.of(text).position(3) == (2, 1)
    assert LineIndex.of(text).position(2) == (1, 3)   # the "\n" of "\r\n" is still line 1


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_blank_line_separates_paragraphs_for_every_line_ending(newline):
    text = ("The mayor said the bridge\nwould reopen in May.\n\nRepairs cost "
            "12 million.").replace("\n", newline)
    doc = segment("a.txt", text)
    assert [p.text for p in doc.paragraphs] == [
        f"The mayor said the bridge{newline}would reopen in May.", "Repairs cost 12 million."]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(["a", "é", " ", "\n", "\r", "\u2028", "\x0b"]), max_size=40))
def test_line_starts_are_those_of_the_line_break_pattern(text):
    # LF-only texts take a shortcut: the same starts as the pattern finds (CRLF, CR, LF only;
    # other Unicode line separators do not end a line).
    assert LineIndex.of(text).starts == (0, *(m.end() for m in re.finditer("\r\n|\r|\n", text)))
