"""Word-level helpers shared by alignment and rules: tokens with offsets, stems, name tokens."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import not_
from typing import NamedTuple

from .lexicon import function_words, is_ordinary_word, load_list

# A word: a number ("1,000.5", "1990s"), initials ("U.S.") or a run of letters and digits with
# inner apostrophes, hyphens and underscores. That is the alternation
#     \d+(?:[.,:]\d+)*(?:[’']?s)?  |  (?:[A-Za-z]\.){2,}  |  [^\W_](?:[\w’'\-]*[^\W_])?
# written with the first character, a letter or digit in each alternative, taken out in front
# (and each alternative asking by a look-behind what it was): the same matches, but a pattern
# that starts with a character class lets the regex engine skip in C to where a word may start
# (18% faster over the corpus sentences).
_WORD = re.compile(
    r"[^\W_](?:"
    r"(?<=\d)\d*(?:[.,:]\d+)*(?:[’']?s)?"
    r"|(?<=[A-Za-z])\.(?:[A-Za-z]\.)+"
    r"|(?:[\w’'\-]*[^\W_])?"
    r")"
)
# What may stand before a word that starts a sentence or an utterance: a clause or sentence
# break, or an opening quote or bracket.
_BREAK_BEFORE = re.compile(r"(?:^|[:;.!?][\"”’)\]]*\s*[\"“‘«(\[]?|[\"“«(\[])\s*$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "ed", "es", "er", "ly", "s")
# Wire redaction placeholders: they stand for any name and are never compared.
REDACTION = re.compile(r"^(?:X{2,}|_{3,}|\[?REDACTED\]?|\[[A-Z ]+\]|█+)$")
_REDACTION_IN_TEXT = re.compile(r"\bX{3,}\b|_{3,}|\[REDACTED\]|█{2,}")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    initial: bool  # first word of its sentence (capitalised for grammar, not as a name)

    @property
    def bare(self) -> str:
        """The token without a possessive ending: "Bondarenko’s" -> "Bondarenko"."""
        return strip_possessive(self.text)


def strip_possessive(word: str) -> str:
    """``word`` without a possessive ending, as ``_POSSESSIVE.sub("", word)`` gives it for a
    word without a line break, by string tests (faster than the regex)."""
    last = word[-1]
    if last == "s":
        return word[:-2] if word[-2:-1] in _APOSTROPHES else word
    return word[:-1] if last in _APOSTROPHES else word


_APOSTROPHES = ("'", "’")  # a tuple: "" is not in it


_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of a NamedTuple


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of ``text``; offsets are shifted by ``offset`` (the sentence's start)."""
    out: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        if not out:
            initial = True
        elif start - previous_end == 1 and text[previous_end] == " ":
            initial = False  # the common case: one space between words
        else:
            initial = _BREAK_BEFORE.search(text, previous_end, start) is not None
        previous_end = end
        out.append(_new_token(Token, (match.group(), offset + start, offset + end, initial)))
    return out


_CAPITALISED = re.compile(
    r"(?:[A-Z]\.){2,}|(?<![^\W\d_’'])[^\W\d_][\w’'\-]*[^\W_]|(?<![^\W\d_’'])[^\W\d_]"
)
_WORD_BEFORE = re.compile(r"[^\W_]")
_ACRONYM_BEFORE = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.){2,}\s+$")  # "U.S. Treasury": not a break


# Where a capitalised word may start, and the rest of its run of the characters a match of
# _CAPITALISED may hold, [\w’'.\-]: an upper-case letter is A-Z or a non-ASCII letter from
# U+00C0 on, outside the General Punctuation block (quotes, dashes, spaces; checked over all of
# Unicode), and a word character (the look-behind). A pattern that starts with a character
# class: the regex engine scans for it in C, fast.
# The class is written as its complement (what is not A-Z, U+00C0-U+1FFF or U+2070 on): the same
# characters, and a pattern compiled in well under a millisecond instead of 5-17 ms at start-up.
_UPPER_TO_RUN_END = re.compile(r"[^\x00-@\[-\xbf\u2000-\u206f](?<=\w)[\w’'.\-]*")
_RUN_CHAR = re.compile(r"[\w’'.\-]")  # every character a match of _CAPITALISED may hold


def _is_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens its sentence or an utterance: no word before it, or
    a break (not the dot of an acronym) or an opening quote right before it."""
    if not start:
        return True  # the first word (most of the words that get here)
    if (
        text[start - 1] == " "
        and start >= 3
        and text[start - 2] == ","
        and text[start - 3].isalnum()
    ):
        return False  # after a word and a comma: no break can match
    return not _WORD_BEFORE.search(text, 0, start) or (
        _BREAK_BEFORE.search(text, max(0, start - 8), start) is not None
        and not _ACRONYM_BEFORE.search(text, max(0, start - 12), start)
    )


def capitalised_tokens(text: str, offset: int = 0) -> list[Token]:
    """The capitalised words of ``text`` as tokens, without tokenising the rest.

    Same tokens (and the same ``initial`` flags) as :func:`tokenize` gives for them: a word is
    initial when only an opening quote, or a sentence or clause break, stands before it.
    """
    # No match of _CAPITALISED crosses the ends of a maximal run of [\w’'.\-] (its look-behind
    # passes at a run's start as at the start of the text), so matching run by run finds the
    # words a scan of the whole text finds. Only runs with a possible upper-case letter are
    # matched: most of the text is lower-case words, which the regex would otherwise hand over
    # one by one.
    out = []
    for run in _UPPER_TO_RUN_END.finditer(text):
        start = run.start()
        if start and text[start - 1] != " " and _RUN_CHAR.match(text, start - 1):
            # the run starts before its upper-case letter ("anti-Russian", "iPhone")
            while start and _RUN_CHAR.match(text, start - 1):
                start -= 1
            word = text[start : run.end()]
        else:
            word = run.group()
        core = word.rstrip(".") if word[-1] == "." else word
        if "." in core or not core[0].isupper():
            for match in _CAPITALISED.finditer(text, start, run.end()):
                word = match.group()
                if word[0].isupper():
                    start = match.start()
                    initial = _is_initial(text, start)
                    out.append(
                        _new_token(Token, (word, offset + start, offset + match.end(), initial))
                    )
            continue
        # Most runs: a word with no dot inside ("Kyiv", "O'Brien’s", "Kyiv." at the end of a
        # sentence). _CAPITALISED matches it from its first letter to its last letter or digit
        # (the dots, hyphens, apostrophes and "_" after that start no match), and finds nothing
        # else in the run.
        word = core.rstrip("’'-_")
        if start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
            initial = False  # the common case: one space after a word (no break can match)
        else:
            initial = _is_initial(text, start)
        out.append(_new_token(Token, (word, offset + start, offset + start + len(word), initial)))
    return out


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude, fast stem for matching paraphrases: lower case, no possessive, no suffix."""
    w = word.lower()
    if "'" in w or "’" in w:  # _POSSESSIVE needs an apostrophe (most words have none)
        w = _POSSESSIVE.sub("", w)
    if len(w) >= 5 and w.endswith(_SUFFIXES):  # no suffix is cut from a shorter word
        for suffix in _SUFFIXES:
            if len(w) - len(suffix) >= 4 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
    return w[:7]


@lru_cache(maxsize=50_000)
def content_terms(text: str) -> frozenset[str]:
    """Stems of the content words and the numbers of ``text``, for similarity: the terms of
    ``_WORD.findall(text.lower())``.

    Taken chunk by chunk of ``text.lower().split()``, each chunk's terms looked up (a chunk is
    mostly one word, with its punctuation): no match of _WORD holds white space, and the
    matches in a chunk depend on that chunk alone (see :func:`count_words`), so the words are
    the same, without running the regex over the text (twice as fast).
    """
    return frozenset(chain.from_iterable(map(_CHUNK_TERMS.__getitem__, text.lower().split())))


class _TermOf(dict):
    """Lower-case word -> its term in :func:`content_terms` (None: not a content word), filled
    on first use, so that each distinct word is judged once per process."""

    def __missing__(self, w: str) -> str | None:
        if w in function_words() or not (len(w) > 1 or w.isdigit()):
            term = None
        else:
            term = w.replace(",", "") if w[0].isdigit() else stem(w)
        self[w] = term
        return term


_TERMS = _TermOf()


class _ChunkTerms(dict):
    """Lower-case chunk of text between white space -> the terms of its words (a tuple, most
    often of one term or none), filled on first use; past ``MAX_CHUNKS`` chunks a new chunk is
    judged each time, not kept (a long stream brings ever new numbers and names)."""

    MAX_CHUNKS = 200_000

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if chunk.isalpha():
            # Most chunks: a word of letters, all of it one match of _WORD (its first letter is
            # no digit, and no dot follows it).
            term = _TERMS[chunk]
            terms: tuple[str, ...] = (term,) if term else ()
        else:
            terms = tuple(filter(None, map(_TERMS.__getitem__, _WORD.findall(chunk))))
        if len(self) < self.MAX_CHUNKS:
            self[chunk] = terms
        return terms


_CHUNK_TERMS = _ChunkTerms()


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def name_tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """The tokens of :func:`capitalised_tokens` that are names: not a title, not an ordinary
    word opening a sentence."""
    return names_among(capitalised_tokens(text, offset))


def names_among(tokens) -> tuple[Token, ...]:
    """The tokens of ``tokens``, capitalised tokens, that are names (see :func:`name_tokens`)."""
    return tuple([t for t in tokens if _is_name_by_initial(t.text)[t.initial]])


_NEITHER = (False, False)


@lru_cache(maxsize=100_000)
def _is_name_by_initial(word: str) -> tuple[bool, bool]:
    """Whether a token ``word`` is a name when it is not initial, and when it is (one lookup
    per token, keyed by its text alone).

    A name is capitalised, two letters or more, no title and no function word, and no
    ordinary word written in capitals (SHOUTED words); an initial token is a name only when
    it is no ordinary word at all."""
    bare = strip_possessive(word)
    if not is_capitalised(bare) or len(bare) < 2:
        return _NEITHER
    lower = bare.lower()
    if lower in load_list("title_words") or lower in function_words():
        return _NEITHER
    ordinary = is_ordinary_word(lower)
    if ordinary and bare.isupper() and len(bare) > 5:
        return _NEITHER
    return True, not ordinary


def is_redaction(word: str) -> bool:
    return bool(REDACTION.match(word))


def has_redaction(text: str) -> bool:
    return bool(_REDACTION_IN_TEXT.search(text))


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """ASCII-fold and lower-case: "Bondarenko’s" -> "bondarenko's"."""
    if word.isascii():
        return word.lower()  # ASCII is its own NFKD form, without combining marks
    normal = unicodedata.normalize("NFKD", word)
    return "".join(c for c in normal if not unicodedata.combining(c)).lower()


WORD_RUN = re.compile(r"\w+")  # a maximal run of word characters


def ascii_runs_table(kept: str = "") -> bytes:
    """A ``bytes.translate`` table for ASCII text: each letter to its lower case, each
    character of ``kept`` to itself, every other byte to a space. ``split()`` of the text so
    mapped gives its runs of letters and ``kept`` characters, in lower case, in C passes."""
    keep = kept.encode("ascii")
    return bytes(
        c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c in keep else 32 for c in range(256)
    )


# ``text.encode().translate(LOWER_WORD_BYTES).split()`` gives the ASCII text's word runs
# (letters, digits, "_") in lower case, as bytes, faster than ``WORD_RUN.findall(text.lower())``.
LOWER_WORD_BYTES = ascii_runs_table("0123456789_")
_LOWER_ASCII_WORD = re.compile(r"[a-z]+")


def word_set(words) -> frozenset[str] | None:
    """``words`` as a set for :func:`mentions_any`, or None when some word is not lower-case
    ASCII letters (then only the regex can answer)."""
    words = frozenset(words)
    return words if all(_LOWER_ASCII_WORD.fullmatch(w) for w in words) else None


# The only characters outside ASCII that a case-insensitive regex matches to an ASCII letter,
# with that letter: "İ", dotless "ı", long "ſ" and the Kelvin sign. Checked over all of Unicode:
# no other character lowers to an ASCII letter, only "İ" lowers to more than one character, and
# ``lower()`` keeps every character a word character or not, as it was.
ASCII_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def word_lookup_is_exact(text: str) -> bool:
    """Whether, in ``text``, a case-insensitive regex over lower-case ASCII words matches where
    the lower case of a :data:`WORD_RUN` is one of the words, at the same offsets: always,
    unless the text holds one of the four characters above."""
    return text.isascii() or not any(c in text for c in ASCII_TWINS)


def mentions_any(text: str, words: frozenset[str] | None, pattern: re.Pattern) -> bool:
    """Whether ``pattern``, ``\\b(?:w1|w2|...)\\b`` over ``words`` with IGNORECASE, matches
    ``text``.

    Such a match is exactly a maximal run of word characters whose lower case is one of
    ``words``, so a set lookup of the text's words answers without the regex (which tries its
    alternatives one by one at every position), unless the text has one of the four
    characters above.
    """
    if words is not None and word_lookup_is_exact(text):
        return not words.isdisjoint(WORD_RUN.findall(text.lower()))
    return pattern.search(text) is not None


# Characters that stand around a word in running text and are no word characters (so no match
# of _WORD starts at them, or ends at them): quotes, brackets, dashes and punctuation.
_AROUND_WORDS = ".,;:!?\"“”‘’'()[]«»-‐–—…"


def count_words(text: str) -> int:
    """The number of words of ``text``: ``len(_WORD.findall(text))``, counted faster.

    No match of _WORD holds white space, and where a match starts and ends within a chunk
    between white space depends on that chunk alone (its look-behinds look at its own first
    character), so the count is the sum over ``text.split()``. A chunk that is letters, or
    letters between characters of _AROUND_WORDS ("said," "“Kyiv”"), is one word: no match
    starts in the characters around (none is a letter or digit), a letter is no digit, and the
    match that starts at the first letter ends at the last (the initials' alternative needs a
    letter after a dot). Most chunks are that; the regex counts the others, joined by spaces.
    """
    chunks = text.split()
    letters = list(map(str.isalpha, chunks))  # most chunks
    rest = list(compress(chunks, map(not_, letters)))
    framed = list(map(str.isalpha, map(str.strip, rest, repeat(_AROUND_WORDS))))
    others = " ".join(compress(rest, map(not_, framed)))
    return letters.count(True) + framed.count(True) + len(_WORD.findall(others))
