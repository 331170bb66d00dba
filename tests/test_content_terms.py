"""text.content_terms takes the words chunk by chunk of the text's white-space split: the same
terms as the regex over the whole lower-cased text, on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit import text
from newsaudit.text import _AROUND_WORDS, _TERMS, _WORD, content_terms

# Characters where the word regex's alternatives part ways, white space of several kinds, and
# letters whose lower case depends on their neighbours (a final sigma) or is longer ("İ").
TRICKY = list("aAzZsSxX019²٣.,:;’'‘-‐–—_é\u0301ßİıſ\u212aКΣσΟ") + [
    " ",
    "\u00a0",
    "\n",
    "\t",
    "\x1c",
    "\u2028",
]
pieces = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(list(_AROUND_WORDS)),
    st.sampled_from(["U.S.", "1990s", "1,000.5", "3rd", "O'Brien’s", "al-Sayed", "e.g.", "ΟΔΟΣ"]),
    st.text(max_size=6),
)


def reference_terms(text_: str) -> frozenset[str]:
    return frozenset(filter(None, map(_TERMS.__getitem__, _WORD.findall(text_.lower()))))


@given(st.lists(pieces, max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_content_terms_are_the_terms_of_the_regex_words(sample):
    assert content_terms.__wrapped__(sample) == reference_terms(sample)


@pytest.mark.parametrize(
    "sample",
    [
        "",
        "  ",
        "“Kyiv,” he said. (Reuters) - U.S. troops; 1,000.5 km in the 1990s — al-Sayed’s 3rd.",
        "a. A.B. x.y.z. 12abc34 ’’ -- _x_ Zhuravél e\u0301 ²2 ٣ ΟΔΟΣ. Σ x.Σ",
    ],
)
def test_content_terms_on_sentences(sample):
    assert content_terms.__wrapped__(sample) == reference_terms(sample)


def test_chunks_past_the_limit_are_judged_but_not_kept(monkeypatch):
    monkeypatch.setattr(text._ChunkTerms, "MAX_CHUNKS", 0)
    monkeypatch.setattr(text, "_CHUNK_TERMS", text._ChunkTerms())
    sample = "Rescuers reached 1,200 stranded villagers."
    assert content_terms.__wrapped__(sample) == reference_terms(sample)
    assert not text._CHUNK_TERMS


def test_joined_paragraphs_have_the_union_of_their_terms():
    # align._resolve_shared relies on it
    first, second = "The ΟΔΟΣ was shut, Σ.", "Σ reopened it; U.S. 1990s"
    assert reference_terms(first + " " + second) == content_terms(first) | content_terms(second)
