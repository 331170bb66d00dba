from __future__ import annotations

from newsaudit.segment import segment


def test_blank_line_and_one_per_line_layouts_give_the_same_paragraphs():
    a = segment("a", "First para. Second sentence.\n\nSecond para.\n")
    b = segment("b", "First para. Second sentence.\nSecond para.\n")
    assert (
        [p.text for p in a.paragraphs]
        == [p.text for p in b.paragraphs]
        == ["First para. Second sentence.", "Second para."]
    )


def test_offsets_are_exact_and_abbreviations_do_not_split():
    text = ("Headline here\nKYIV, Ukraine - U.S. Secretary Antony Blinken met Gen. "
            "Smith at 8 p.m. Monday. “We agree,” he said.\n")
    doc = segment("x", text)
    assert [p.text for p in doc.paragraphs][0] == "Headline here"
    sentences = [s.text for s in doc.sentences]
    assert sentences[1].startswith("KYIV") and sentences[1].endswith("Monday.")
    assert sentences[2] == "“We agree,” he said."
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def test_hard_wrapped_lines_join_and_markdown_markup_is_skipped():
    text = ("# Title\n\nThe mayor said the city\nwould reopen schools.\n\n- a list "
            "item here.\n\n```\ncode\n```\n")
    doc = segment("x.md", text, markdown=True)
    assert [p.text for p in doc.paragraphs] == [
        "Title",
        "The mayor said the city\nwould reopen schools.",
        "a list item here.",
    ]
