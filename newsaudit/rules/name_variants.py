"""NA6xx: locale conventions. Names written the way the wire does not write them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType
from typing import Iterator, Mapping

from ..model import Finding, Severity
from ..nameforms import preferred_spellings, variant_groups, variant_pattern
from ..text import ASCII_TWINS, LOWER_WORD_BYTES, WORD_RUN, fold
from .base import AuditContext, Rule
from .common import sentence_tokens


def check_name_variant(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A place spelled in a deprecated variant ("Kiev" where the wire has "Kyiv").

    ## What it does
    For names with several established spellings, listed in ``data/name_variants.txt`` with
    the preferred, current spelling first (Kyiv > Kiev, Odesa > Odessa, Mumbai > Bombay...),
    reports a deprecated spelling of the article when the wire pool writes the preferred one
    and never the deprecated one. Only that direction: the current spelling is never reported
    because some wire (an outlet that kept the old style) writes the old one. Without a wire
    nothing is reported. Severity is minor (a locale convention); confidence is 0.9, since the
    list and the wire pool agree on the spelling.

    ## Why is this bad?
    Outlets choose one spelling, often for political reasons; an article that mixes in the
    other one reads as careless, or takes a side it did not mean to.

    ## Example
    Wire: "Air-raid sirens sounded across Odesa." Article: "Sirens sounded across Odessa."

    ## Use instead
    The wire's spelling: "Odesa".
    """
    if not ctx.wire_names:
        return
    groups = variant_groups()
    # a finding's token, folded, is a reportable spelling or its first word
    reportable, first_words = _reportable(ctx.wire_names)
    if not first_words or not _may_fold_to_any(ctx.doc.text, first_words):
        return
    if not _may_have_variant(ctx.doc.text):
        return
    for sentence in ctx.doc.sentences:
        # in ASCII text a token folded is its lower case, a substring of the sentence's:
        # without one of the first words, no tokenising
        if sentence.text.isascii():
            lower = sentence.text.lower()
            if not any(w in lower for w in first_words):
                continue
        tokens = sentence_tokens(sentence)
        for i, token in enumerate(tokens):
            if not token.text[:1].isupper():
                continue
            word = fold(token.bare)
            if word not in groups and i + 1 < len(tokens):
                pair = f"{word} {fold(tokens[i + 1].bare)}"
                if pair in groups:
                    word, end = pair, tokens[i + 1].end
                else:
                    continue
            elif word in groups:
                end = token.start + len(token.bare)
            else:
                continue
            preferred = reportable.get(word)
            if preferred is None:
                continue  # the preferred spelling, or one the wire pool writes too
            yield rule.finding(
                ctx,
                token.start,
                end,
                f"the wire spells this “{preferred.title()}”",
                evidence=f"variants: {' / '.join(groups[word])}; the wire pool "
                f"uses the current spelling “{preferred.title()}”",
                confidence=0.9,
            )


@lru_cache(maxsize=8)
def _reportable(wire_names: frozenset[str]) -> tuple[Mapping[str, str], tuple[str, ...]]:
    """The deprecated spellings the rule may report against a wire pool with these names, with
    their preferred spelling (the pool writes the preferred one, and not every word of the
    deprecated one), and the first word of each ("north" of "north macedonia"; a one-word
    spelling is its own)."""
    reportable = {
        deprecated: preferred
        for deprecated, preferred in preferred_spellings().items()
        if not all(w in wire_names for w in deprecated.split())
        and all(w in wire_names for w in preferred.split())
    }
    first_words = tuple(dict.fromkeys(d.partition(" ")[0] for d in reportable))
    return MappingProxyType(reportable), first_words  # read-only: shared through the cache


def _may_fold_to_any(text: str, words: tuple[str, ...]) -> bool:
    """False only when no token of ``text`` can fold to one of ``words``.

    For ASCII words: a token folds (``text.fold``: NFKD, combining marks dropped, lower case)
    to ASCII letters only when its NFKD form is those letters with combining marks between
    them (the one character outside ASCII that lowers to ASCII, the Kelvin sign, is "K" in
    NFKD); so the folded token is a substring of the text's NFKD form without the characters
    outside ASCII, in lower case.
    """
    if not all(w.isascii() for w in words):
        return True
    if text.isascii():
        ascii_text = text
    else:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    lower = ascii_text.lower()
    return any(w in lower for w in words)


def _may_have_variant(text: str) -> bool:
    """``variant_pattern()`` matches somewhere in ``text``.

    When the listed spellings are ASCII, a match needs every word of some spelling ("north",
    "macedonia") among the words of the text (a whole-word match of a spelling makes each of
    its words a whole word of the text): one set of the text's words rules most texts out
    before the regex, which tries every spelling at every position, runs.
    """
    spelling_words = _ascii_spelling_words()
    if spelling_words is not None:
        words = _ascii_words(text)
        if not any(words.issuperset(w) for w in spelling_words):
            return False
    return variant_pattern().search(text) is not None


_WORD_CHAR = re.compile(r"\w")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_stand_in(match: re.Match) -> str:
    """An ASCII character for a non-ASCII one that keeps what the variant regex sees in it:
    the letter it matches ignoring case, else a word character no spelling holds ("0"), else a
    space."""
    char = match.group()
    return ASCII_TWINS.get(char) or ("0" if _WORD_CHAR.match(char) else " ")


def _ascii_words(text: str) -> set[bytes]:
    """The words (runs of word characters) of ``text`` in lower case, non-ASCII characters
    replaced by their ASCII stand-ins, for comparing with the ASCII spellings."""
    if not text.isascii():
        text = _NON_ASCII.sub(_ascii_stand_in, text)
    # in bytes, a table lowers the words and turns what is between them into spaces at C
    # speed; the words are then what split() gives (the runs \w+ finds, faster)
    return set(text.encode("ascii").translate(LOWER_WORD_BYTES).split())


@lru_cache(maxsize=1)
def _ascii_spelling_words() -> tuple[frozenset[bytes], ...] | None:
    """The words of each listed spelling, or None when some spelling is not ASCII."""
    spellings = tuple(variant_groups())
    if not all(s.isascii() for s in spellings):
        return None
    return tuple(frozenset(w.encode("ascii") for w in WORD_RUN.findall(s)) for s in spellings)


RULES = (
    Rule(
        "NA601",
        "name-variant",
        "Locale convention/Name format",
        Severity.MINOR,
        check_name_variant,
        about_names=True,
    ),
)
