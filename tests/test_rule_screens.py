"""Screens that spare a rule its regex must never hide a match of it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.rules.grammar_rules import DOUBLED_WORD_PATTERN, _may_double

DOUBLED = re.compile(DOUBLED_WORD_PATTERN, re.IGNORECASE)
# ASCII words in several cases, the letter look-alikes, word and non-word characters, spaces
PIECES = ["the", "The", "THE", "tHe", "in", "In", "a", "K", "k", "\u212a", "\u0130", "i", "ſ",
          "s", "ı", "é", "1", "_", " ", "  ", "\t", "\n", ".", "(", "’", "\u00a0", "\ud800"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
def test_doubled_word_screen_keeps_every_match(text):
    if DOUBLED.search(text):
        assert _may_double(text)


def test_doubled_word_screen():
    assert _may_double("he said the the city")
    assert _may_double("“The\tthe” city")
    assert _may_double("an in in-house team")
    assert not _may_double("he said the. The city")
    assert not _may_double("the theory")
    assert not _may_double("the\nthe")
    assert _may_double("ſ ſ")  # a look-alike: undecided


def test_lifeless_patient_verbs_in_text():
    from newsaudit.rules.semantics import ALL, _verb_set, _verbs_in_text

    assert _verbs_in_text("Three drones were ARRESTED.", _verb_set()) == ("arrested",)
    assert _verbs_in_text("Three drones were seen.", _verb_set()) == ()
    assert _verbs_in_text("Three drones were ſtabbed.", _verb_set()) is ALL  # the regex's "s"


def test_repetition_loop_words_of_ascii_text_are_the_regex_words():
    import re

    from newsaudit.rules.semantics import _lower_words

    text = "The port of Gdansk, gdansk; GDANSK_2 x-ray 42 it's"
    words, exact = _lower_words(text)
    assert exact and [w.decode() for w in words] == re.findall(r"\w+", text.lower())


def test_foreign_script_screen_passes_every_character_a_run_starts_with():
    from newsaudit.rules.language import _MAYBE_FOREIGN, _foreign_script

    every_character = "".join(map(chr, range(0x110000)))
    screened_out = _MAYBE_FOREIGN.sub("", every_character)  # what the screen never finds
    assert _foreign_script().search(screened_out) is None
    assert len(screened_out) == 0x370 + 0x100 + 0x150 and "—" in screened_out


def test_english_share_of_ascii_text_reads_the_regex_words():
    from newsaudit.langid import _LETTER_WORDS, english_share
    from newsaudit.lexicon import function_words

    text = "The port's 2nd_ship SAILED at 9am, x-ray of THE bay; it is OK"
    words = _LETTER_WORDS.findall(text.lower())
    assert english_share(text) == sum(w in function_words() for w in words) / len(words)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["1", "23", "456", "0", ",", ", ", " ", "  ", ".", "a", "%", "٣"]),
                max_size=12).map("".join))
def test_split_number_comma_search_finds_where_the_split_pattern_does(text):
    from newsaudit.rules.quantities import _SPLIT, _SPLIT_COMMA

    assert (_SPLIT_COMMA.search(text) is None) == (_SPLIT.search(text) is None)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"b", b"c"]), max_size=40))
def test_trigram_periods_are_the_distances_of_equal_runs_of_three_words(words):
    from operator import eq

    from newsaudit.rules.semantics import LONG_LOOP_MAX_WORDS, _trigram_periods

    expected = {
        k
        for k in range(1, LONG_LOOP_MAX_WORDS + 1)
        if b"\x01\x01\x01" in bytes(map(eq, words, words[k:]))
    }
    assert _trigram_periods(words) == expected


# The punctuation rules' hints as one pattern each (as they were first written): the literal-led
# hints that replace them must find something in exactly the same texts.
PUNCTUATION_HINTS = {"NA501": r"\s\.\s+[a-z]", "NA502": r"\.\s*\.|,\s*,|;\s*;|:\s*:",
                     "NA503": r"[ \t][,!?;:.]", "NA504": r"[“”]"}


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", ".", ",", ";", ":", "!", "?", "a", "B", "“", "”", "\n",
                                 "\u00a0", "x"]), max_size=12).map("".join))
def test_punctuation_hints_find_what_their_single_patterns_find(text):
    from newsaudit.rules.punctuation import RULES

    for rule in RULES:
        if rule.code in PUNCTUATION_HINTS:
            cells = dict(zip(rule.check.__code__.co_freevars,
                             (c.cell_contents for c in rule.check.__closure__)))
            found = any(h.search(text) is not None for h in cells["hints"])
            assert found == (re.search(PUNCTUATION_HINTS[rule.code], text) is not None)


def test_coverage_groups_kept_per_context_per_thread_without_keeping_the_context():
    """NA311 and NA312 share the aligned groups of the context asked for last; another thread
    works its own out, and the cache does not keep a finished article and its wires alive."""
    import threading
    import weakref

    from newsaudit.model import Alignment, ParagraphAlignment
    from newsaudit.rules import coverage
    from newsaudit.rules.base import AuditContext
    from newsaudit.segment import segment

    wire = segment("w.txt", "Floods hit the city on Monday. Rescuers came.\n\nTwo died.")
    doc = segment("a.txt", "Floods hit the city on Monday. Rescuers arrived.\n\nTwo people died.")
    alignment = Alignment((ParagraphAlignment(0, "w.txt", (0,), 0.8),
                           ParagraphAlignment(1, "w.txt", (1,), 0.6)))
    ctx = AuditContext(doc, alignment, wires={"w.txt": wire})
    groups = coverage._groups_of(ctx)
    shapes = [(len(a), len(w), path) for a, w, path, _ in groups]
    assert shapes == [(2, 2, "w.txt"), (1, 1, "w.txt")]
    assert coverage._groups_of(ctx) is groups
    other: list = []
    thread = threading.Thread(target=lambda c: other.append(coverage._groups_of(c)), args=(ctx,))
    thread.start()
    thread.join()
    assert other[0] == groups and other[0] is not groups
    alive = weakref.ref(ctx)
    del ctx
    assert alive() is None
