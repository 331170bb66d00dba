"""text.count_words counts what the word regex finds, by its faster route, on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.text import _AROUND_WORDS, _WORD, count_words

# Characters where the word regex's alternatives part ways: digits and the separators of
# numbers, initials, apostrophes, hyphens, "_", letters outside ASCII, digits that are no
# decimals ("²"), combining marks, and white space of several kinds.
TRICKY = list("aAzZsSxX019²٣.,:;’'‘-‐–—_é\u0301ßİıſ\u212aК") + [" ", "\u00a0", "\n", "\t", "\x1c"]
pieces = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(list(_AROUND_WORDS)),
    st.sampled_from(["U.S.", "1990s", "1,000.5", "3rd", "O'Brien’s", "al-Sayed", "e.g.", "A.."]),
    st.text(max_size=6),
)


@given(st.lists(pieces, max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_count_words_is_the_number_of_regex_words(text):
    assert count_words(text) == len(_WORD.findall(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "“Kyiv,” he said. (Reuters) - U.S. troops; 1,000.5 km in the 1990s — al-Sayed’s 3rd.",
        "a. A.B. x.y.z. 12abc34 ’’ -- _x_ Zhuravél e\u0301 ²2 ٣",
    ],
)
def test_count_words_on_sentences(text):
    assert count_words(text) == len(_WORD.findall(text))
