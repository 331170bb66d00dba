"""Helpers shared by the rule families: cached sentence tokens and declarative regex rules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

from ..model import Finding, Sentence, Severity
from ..text import Token, capitalised_tokens, names_among, tokenize
from .base import AuditContext, Rule

CONTEXT_CHARS = 30  # characters of context either side of a regex match, as its evidence


def sentence_tokens(sentence: Sentence) -> tuple[Token, ...]:
    """Every token of a sentence, offsets into the file's text (cached: several rules ask)."""
    return _tokens_at(sentence.text, sentence.start)


def sentence_names(sentence: Sentence) -> tuple[Token, ...]:
    """The capitalised tokens of a sentence that can be names."""
    return _names_at(sentence.text, sentence.start)


def sentence_capitalised(sentence: Sentence) -> tuple[Token, ...]:
    """The capitalised tokens of a sentence (cached for the sentences of the article being
    audited: the name rules ask for its names, then NA103 for all its capitalised words)."""
    return _capitalised_at(sentence.text, sentence.start)


# The caches behind the three functions above are keyed by what fixes their answers, a
# sentence's text and start: a key of a string and a number is hashed in C, where a Sentence
# (a dataclass) is hashed by a Python-level __hash__, a call per ask (~50,000 asks per 500
# articles). audit.py empties them through the functions' names.
@lru_cache(maxsize=200_000)
def _tokens_at(text: str, start: int) -> tuple[Token, ...]:
    return tuple(tokenize(text, start))


@lru_cache(maxsize=200_000)
def _names_at(text: str, start: int) -> tuple[Token, ...]:
    return names_among(_capitalised_at(text, start))


@lru_cache(maxsize=4_096)
def _capitalised_at(text: str, start: int) -> tuple[Token, ...]:
    return tuple(capitalised_tokens(text, start))


for _of_sentence, _cached in (
    (sentence_tokens, _tokens_at),
    (sentence_names, _names_at),
    (sentence_capitalised, _capitalised_at),
):
    _of_sentence.cache_clear = _cached.cache_clear  # type: ignore[attr-defined]
    _of_sentence.cache_info = _cached.cache_info  # type: ignore[attr-defined]
del _of_sentence, _cached


def regex_rule(
    code: str,
    name: str,
    category: str,
    severity: Severity,
    pattern: re.Pattern,
    message: str | Callable[[re.Match], str],
    doc: str,
    *,
    span_group: int = 0,
    scope: str = "paragraph",
    evidence: str | None = None,
    keep: Callable[[re.Match], bool] | None = None,
    when: Callable[[AuditContext], bool] | None = None,
    unless_in_wire: bool = False,
    hint: re.Pattern | tuple[re.Pattern, ...] | None = None,
    screen: Callable[[str], bool] | None = None,
    **facts,
) -> Rule:
    """A rule that reports every match of ``pattern`` (proselint's "existence" checks).

    ``scope`` is "paragraph" (matches never cross a paragraph) or "text" (the whole file).
    The finding covers ``span_group`` of the match, surrounding white space trimmed; its
    evidence is ``evidence`` or, by default, the match in its context. ``keep`` drops matches,
    ``when`` switches the rule off for an article; with ``unless_in_wire`` a match whose text
    the aligned wire paragraph has too is the source's own and is not reported. ``facts`` are
    further ``Rule`` fields.

    ``hint``, for speed, is a pattern, or several, one of which finds something in every text
    where ``pattern`` matches, fast (each starts with a literal, which the regex engine finds
    fastest, or a character set, where ``pattern`` often starts with a look-behind that is
    tried at every position). Without anchors, negative look-around or a look-ahead, what a
    hint finds in a paragraph it finds in the whole text too (a positive look-behind that
    passes in the paragraph sees the same characters there): a text, and then a paragraph,
    where no hint finds anything is not searched with ``pattern``.

    ``screen``, for speed too, is a test of the whole text that is False only where no match of
    ``pattern`` would be kept: a text it rules out is not searched.
    """

    hints = () if hint is None else (hint,) if isinstance(hint, re.Pattern) else tuple(hint)

    def hinted(text: str) -> bool:
        return any(h.search(text) is not None for h in hints)

    def check(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
        if when is not None and not when(ctx):
            return
        text = ctx.doc.text
        if hints and not hinted(text):
            return  # no match anywhere
        if screen is not None and not screen(text):
            return  # no match anywhere that ``keep`` keeps
        blocks = (
            [(p.start, p.end, p.text, p.index) for p in ctx.doc.paragraphs]
            if scope == "paragraph"
            else [(0, len(text), text, None)]
        )
        for block_start, block_end, block, index in blocks:
            if hints and scope == "paragraph" and not hinted(block):
                continue  # no match in this paragraph
            in_wire = None  # the aligned wire text, looked up at the first match only
            for m in pattern.finditer(block):
                if keep is not None and not keep(m):
                    continue
                if unless_in_wire:
                    if in_wire is None:
                        in_wire = _aligned_wire_text(ctx, index)
                    if m.group() in in_wire:
                        continue
                start, end = _trimmed(
                    text, block_start + m.start(span_group), block_start + m.end(span_group)
                )
                context = text[
                    max(block_start, start - CONTEXT_CHARS) : min(block_end, end + CONTEXT_CHARS)
                ]
                yield rule.finding(
                    ctx,
                    start,
                    end,
                    message if isinstance(message, str) else message(m),
                    evidence=evidence if evidence is not None else f"…{context}…",
                )

    check.__doc__ = doc
    check.__name__ = f"check_{name.replace('-', '_')}"
    return Rule(code, name, category, severity, check, **facts)


def _aligned_wire_text(ctx: AuditContext, paragraph: int | None) -> str:
    """The wire text aligned to article paragraph ``paragraph`` ("" if none)."""
    pa = ctx.paragraph_alignment(paragraph) if paragraph is not None else None
    return ctx.wire_text(pa.wire_path, pa.wire_paragraphs) if pa is not None else ""


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` without the white space at either end (unless all of it is space)."""
    span = text[start:end]
    strip, tail = len(span) - len(span.lstrip()), len(span.rstrip())
    return (start + strip, start + tail) if tail > strip else (start, end)
