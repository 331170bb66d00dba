"""The packed numpy n-grams of the adequacy estimate count exactly what the n-gram sets count."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.adequacy import _fscore, _set_counts, char_fscore
from newsaudit.packed_ngrams import packed_counts, packed_ngrams, reference_packed

# Few distinct characters, so that texts share many n-grams; BMP edges (U+FFFF, U+0100, lone
# surrogates), characters outside the BMP and NUL (both take the set path), and whitespace.
ALPHABET = st.sampled_from(
    [*"abcab é’—", "\uffff", "\u0100", "\ud800", "\udfff", "\U0001f600", "\x00", "\t", "\u3000"]
)
TEXTS = st.text(ALPHABET, max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXTS, TEXTS)
def test_packed_and_set_counts_agree(hypothesis, reference):
    hyp, ref = packed_ngrams(hypothesis), packed_ngrams(reference)
    assert (hyp is None) == any(c > "\uffff" or c == "\x00" for c in hypothesis)
    if hyp is not None and ref is not None:
        assert packed_counts(hyp, ref) == _set_counts(hypothesis, reference)
    assert char_fscore(hypothesis, reference) == _fscore(*_set_counts(hypothesis, reference))


def test_reference_keys_are_read_only():
    keys, sizes = reference_packed("Officials expect the rest to reopen.")
    assert not keys.flags.writeable and sizes[0] == len(set("Officialsexpecttheresttoreopen."))
