"""NA8xx: wording. A single word of an aligned sentence that differs from the wire's word."""

from __future__ import annotations

from typing import Iterator

from ..lexicon import function_words, is_ordinary_word
from ..model import Finding, Severity
from ..text import stem
from .base import AuditContext, Rule
from .common import sentence_tokens

MIN_SIMILARITY = 0.6  # only near-identical sentences: one word apart is then telling


def _content(tokens):
    stop = function_words()
    return [
        t
        for t in tokens
        if t.text.isalpha()
        and t.text.lower() not in stop
        and not t.text[:1].isupper()
        and len(t.text) > 2
    ]


def _related(word_stem: str, stems: set[str]) -> bool:
    """Same stem, or the same first four letters (inflections the crude stemmer misses)."""
    return word_stem in stems or any(
        s[:4] == word_stem[:4] for s in stems if len(s) >= 4 and len(word_stem) >= 4
    )


def check_word_substitution(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """One content word replaced by another in an otherwise matching sentence.

    ## What it does
    In a sentence pair that matches closely, finds the case where exactly one lower-case
    content word of the article has no counterpart in the wire sentence and exactly one
    content word of the wire has none in the article: a one-word substitution. It is reported
    with the wire's word. Synonyms are substitutions too, so this rule is low-confidence: it
    is off by default (``--select NA801`` turns it on) and minor.

    ## Why is this bad?
    A single mistranslated word ("the bill was adopted" for "the bill was rejected") flips
    the meaning of a sentence that otherwise reads as a faithful translation.

    ## Example
    Wire: "Parliament rejected the budget on Thursday."
    Article: "Parliament adopted the budget on Thursday."

    ## Use instead
    "Parliament rejected the budget on Thursday."
    """
    for pair in ctx.alignment.sentences:
        if pair.similarity < MIN_SIMILARITY or len(pair.wire_sentences) != 1:
            continue
        article = _content(sentence_tokens(pair.sentence))
        wire = _content(sentence_tokens(pair.wire_sentences[0]))
        wire_stems = {stem(t.text) for t in wire}
        article_stems = {stem(t.text) for t in article}
        extra = [t for t in article if not _related(stem(t.text), wire_stems)]
        missing = [t for t in wire if not _related(stem(t.text), article_stems)]
        if len(extra) == 1 and len(missing) == 1 and is_ordinary_word(missing[0].text):
            token = extra[0]
            yield rule.finding(
                ctx,
                token.start,
                token.end,
                f"“{token.text}” where the aligned wire sentence has “{missing[0].text}”",
                evidence=f"{pair.wire_path}: {pair.wire_text}",
            )


RULES = (
    Rule(
        "NA801",
        "word-substitution",
        "Accuracy/Mistranslation",
        Severity.MINOR,
        check_word_substitution,
        needs_wire=True,
        default=False,
    ),
)
