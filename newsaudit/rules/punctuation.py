"""NA5xx: punctuation and typography junk left by MT and by copy-paste."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Severity
from .base import AuditContext, Rule

_STRAY_PERIOD = re.compile(r"(?<=\w)\s+\.\s+(?=[a-z])")
_DOUBLED = re.compile(r"(?<![.])\.\s+\.(?![.])|(?<![.])\.\.(?![.])|,\s*,|;\s*;|:\s*:")
_SPACE_BEFORE = re.compile(r"(?<=\w)[ \t]+([,;:!?]|\.(?=\s+[A-Z\"“]|\s*$))")
_MISPLACED_QUOTE = re.compile(r"[,.!?]\s+”(?=[A-Za-z])|(?<=\w)“(?=\s)|“\s*$")


def _regex_findings(rule: Rule, ctx: AuditContext, pattern: re.Pattern, message: str) -> Iterator[Finding]:
    for paragraph in ctx.doc.paragraphs:
        for m in pattern.finditer(paragraph.text):
            start = paragraph.start + m.start()
            end = paragraph.start + m.end()
            text = ctx.doc.text[start:end]
            strip = len(text) - len(text.lstrip())
            tail = len(text.rstrip())
            if tail > strip:
                start, end = start + strip, start + tail
            yield rule.finding(ctx, start, end, message,
                               evidence=f"…{ctx.doc.text[max(paragraph.start, start - 30):min(paragraph.end, end + 30)]}…")


def check_stray_period(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A period standing alone inside a sentence (" . ") before a lower-case word.

    ## What it does
    Finds a period with spaces on both sides, followed by a lower-case word: a sentence
    boundary that is not one.

    ## Why is this bad?
    MT engines and scrapers leave such periods where a segment was cut; readers stumble.

    ## Example
    "the status of the port remains . unclear"

    ## Use instead
    "the status of the port remains unclear"
    """
    yield from _regex_findings(rule, ctx, _STRAY_PERIOD, "a lone period inside a sentence")


def check_doubled_punctuation(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """The same punctuation mark twice in a row (". .", "..", ",,"), ellipses excepted.

    ## What it does
    Finds doubled periods, commas, semicolons and colons, with or without a space between
    them. A three-dot ellipsis is not reported.

    ## Why is this bad?
    It is the trace of two segments glued together, or of a sentence end repeated.

    ## Example
    "released by the emergency service. . Officials said"

    ## Use instead
    "released by the emergency service. Officials said"
    """
    yield from _regex_findings(rule, ctx, _DOUBLED, "doubled punctuation")


def check_space_before_punctuation(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A space before a comma, semicolon, colon, question or exclamation mark, or final period.

    ## What it does
    Finds white space between a word and the punctuation mark that follows it.

    ## Why is this bad?
    English puts no space there; the space is a French typographic habit or a tokenisation
    artifact of the MT engine.

    ## Example
    "The mayor said , however , that talks continue ."

    ## Use instead
    "The mayor said, however, that talks continue."
    """
    yield from _regex_findings(rule, ctx, _SPACE_BEFORE, "space before punctuation")


def check_misplaced_quote(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A quotation mark on the wrong side of its space (", ”he said") or opening at the end.

    ## What it does
    Finds a closing quote separated from its sentence and glued to the next word, an opening
    quote followed by a space, and an opening quote that ends a paragraph.

    ## Why is this bad?
    Misplaced quotes blur where a quotation ends and who is speaking.

    ## Example
    "“We will stay, ”he said."

    ## Use instead
    "“We will stay,” he said."
    """
    yield from _regex_findings(rule, ctx, _MISPLACED_QUOTE, "misplaced quotation mark")


def check_unbalanced_quotes(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A paragraph whose curly quotes do not pair up, or with an odd number of straight quotes.

    ## What it does
    Pairs opening and closing curly double quotes, and straight double quotes, per
    paragraph. A quotation carried into the next paragraph (which starts with an opening
    quote, as news style wants, or closes it) is not reported.

    ## Why is this bad?
    A quotation that never closes attributes the rest of the paragraph to the speaker.

    ## Example
    "He said the talks “were not far from the border."

    ## Use instead
    "He said the talks “were not far from the border.”"
    """
    paragraphs = ctx.doc.paragraphs
    marks = [_unmatched_quotes(p.text) for p in paragraphs]
    for i, p in enumerate(paragraphs):
        opening, closing = marks[i]
        following = marks[i + 1] if i + 1 < len(paragraphs) else ([], [])
        starts_quoted = i + 1 < len(paragraphs) and paragraphs[i + 1].text.lstrip()[:1] in "“\""
        if len(opening) == 1 and (starts_quoted or following[1]):
            opening = []  # a quotation carried into the next paragraph
        previous = marks[i - 1] if i else ([], [])
        if len(closing) == 1 and len(previous[0]) == 1:
            closing = []  # ... and closed there
        for k in sorted(opening + closing)[:1]:
            start = p.start + k
            yield rule.finding(ctx, start, start + 1, "this quotation mark has no partner in its paragraph",
                               evidence=f"…{ctx.doc.text[max(p.start, start - 40):min(p.end, start + 40)]}…")


def _unmatched_quotes(text: str) -> tuple[list[int], list[int]]:
    """Positions of quotes left open and of quotes closing nothing. Straight quotes alternate."""
    if text.count("“") == text.count("”") and text.count('"') % 2 == 0 \
            and text.find("”") >= text.find("“"):
        return [], []  # balanced counts, first closing after first opening: nothing to trace
    opening, closing = [], []
    straight_open = None
    for k, ch in enumerate(text):
        if ch == "“":
            opening.append(k)
        elif ch == "”":
            if opening:
                opening.pop()
            else:
                closing.append(k)
        elif ch == '"':
            straight_open = k if straight_open is None else None
    if straight_open is not None:
        # an odd straight quote: closing if the text before it reads as quoted speech
        (closing if text[:straight_open].rstrip()[-1:] in ".,!?" and straight_open > 0 else opening).append(straight_open)
    return opening, closing


RULES = tuple(
    Rule(code, name, "Fluency/Punctuation", Severity.MINOR, check)
    for code, name, check in (
        ("NA501", "stray-period", check_stray_period),
        ("NA502", "doubled-punctuation", check_doubled_punctuation),
        ("NA503", "space-before-punctuation", check_space_before_punctuation),
        ("NA504", "misplaced-quote", check_misplaced_quote),
        ("NA505", "unbalanced-quotes", check_unbalanced_quotes),
    )
)
