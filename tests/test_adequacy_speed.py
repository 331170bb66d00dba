"""The packed numpy n-grams of the adequacy estimate count exactly what the n-gram sets count."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.adequacy import _fscore, _fscores, _set_counts, char_fscore
from newsaudit.packed_ngrams import _kept_units, batch_counts

# Few distinct characters, so that texts share many n-grams; BMP edges (U+FFFF, U+0100, lone
# surrogates), characters outside the BMP and NUL (both take the set path), and whitespace.
ALPHABET = st.sampled_from(
    [*"abcab é’—", "\uffff", "\u0100", "\ud800", "\udfff", "\U0001f600", "\x00", "\t", "\u3000"]
)
TEXTS = st.text(ALPHABET, max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXTS, TEXTS)
def test_packed_and_set_counts_agree(hypothesis, reference):
    counts = batch_counts([(hypothesis, reference)])
    packable = not any(c > "\uffff" or c == "\x00" for c in hypothesis + reference)
    assert (counts is None) == (not packable)
    if counts is not None:
        hyp, ref, matched = (tuple(c[0].tolist()) for c in counts)
        assert (hyp, ref, matched) == _set_counts(hypothesis, reference)
    assert char_fscore(hypothesis, reference) == _fscore(*_set_counts(hypothesis, reference))


# A broader alphabet for the batch path: whitespace that str.split() drops (the batch drops it
# with a table), and characters far apart in code order (the batch renumbers them).
BATCH_ALPHABET = st.sampled_from(
    [*"abcab é’—", "\uffff", "\u0100", "\ud800", "\udfff", "\U0001f600", "\x00"]
    + ["\t", "\n", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b", "\u4e00"]
)
PAIRS = st.lists(st.tuples(st.text(BATCH_ALPHABET, max_size=30), TEXTS), min_size=1, max_size=6)


def _packable(text: str) -> bool:
    return not any(c > "\uffff" or c == "\x00" for c in text)


@settings(max_examples=400, deadline=None)
@given(PAIRS)
def test_batch_counts_agree_with_the_sets(pairs):
    counts = batch_counts(pairs)
    assert (counts is None) == (not all(_packable(t) for pair in pairs for t in pair))
    if counts is not None:
        hyp, ref, matched = (c.tolist() for c in counts)
        for i, (hypothesis, reference) in enumerate(pairs):
            expected = _set_counts(hypothesis, reference)
            assert (tuple(hyp[i]), tuple(ref[i]), tuple(matched[i])) == expected
        assert _fscores(*counts) == [_fscore(*_set_counts(h, r)) for h, r in pairs]


def test_batch_counts_of_a_wide_alphabet():
    # 2^12 distinct characters: 12 bits a character, 49 bits a key before the pair's number.
    wide = "".join(map(chr, range(0x4E00, 0x4E00 + 4095)))
    pairs = [(wide[i::7], wide[i::3]) for i in range(5)]
    hyp, ref, matched = (c.tolist() for c in batch_counts(pairs))
    for i, (hypothesis, reference) in enumerate(pairs):
        assert (tuple(hyp[i]), tuple(ref[i]), tuple(matched[i])) == _set_counts(
            hypothesis, reference
        )
    # 2^15 characters and more: the keys would not fit in 64 bits; estimate falls back.
    assert batch_counts([(wide, "".join(map(chr, range(0x5000, 0xD000))))]) is None


def test_batch_counts_of_long_pairs():
    # A pair of 2^16 characters or more (whitespace aside) could overflow a 16-bit counter.
    def text(seed, size):
        return "".join(chr(0x61 + (seed * i * i + i) % 23) for i in range(size))

    long_pair = (text(3, 40_000), text(5, 20_000))
    pairs = [(text(1, 50), text(2, 80)), long_pair, (text(7, 40_000), "ab cd")]
    hyp, ref, matched = (c.tolist() for c in batch_counts(pairs))
    for i, (hypothesis, reference) in enumerate(pairs):
        assert (tuple(hyp[i]), tuple(ref[i]), tuple(matched[i])) == _set_counts(
            hypothesis, reference
        )
    assert batch_counts([(long_pair[0], long_pair[1] + text(9, 5536))]) is None


def test_kept_units_are_what_split_keeps():
    table = _kept_units()
    assert [c for c in range(1 << 16) if not table[c]] == [
        c for c in range(1 << 16) if chr(c).isspace()
    ]


def test_estimate_with_and_without_the_batch(monkeypatch):
    from newsaudit import packed_ngrams
    from newsaudit.adequacy import estimate
    from newsaudit.model import Alignment, ParagraphAlignment
    from newsaudit.segment import segment

    article = segment("a.txt", "Three schools reopened.\n\nThe mayor spoke.\n\nRain fell.\n")
    wire = segment("w.txt", "Three schools have reopened.\n\nThe mayor spoke on Monday.\n")
    alignment = Alignment(
        paragraphs=(
            ParagraphAlignment(0, "w.txt", (0,), 0.9),
            ParagraphAlignment(1, "w.txt", (1,), 0.8),
        ),
        nearest=(ParagraphAlignment(2, "w.txt", (0, 1), 0.1),),
    )
    wires = {"w.txt": wire}
    batched = estimate(article, alignment, wires)
    assert len(batched) == 3
    monkeypatch.setattr(packed_ngrams, "batch_counts", lambda pairs: None)
    assert estimate(article, alignment, wires) == batched
    assert [a.similarity for a in batched[:2]] == [
        round(char_fscore(article.paragraphs[i].text, wire.paragraphs[i].text), 4) for i in (0, 1)
    ]
