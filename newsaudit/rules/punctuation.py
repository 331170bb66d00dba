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
    Counts opening and closing curly double quotes, and straight double quotes, per
    paragraph. A paragraph that opens a quotation and continues it in the next paragraph
    (which then starts with an opening quote) follows news style and is not reported.

    ## Why is this bad?
    A quotation that never closes attributes the rest of the paragraph to the speaker.

    ## Example
    "He said the talks “were not far from the border."

    ## Use instead
    "He said the talks “were not far from the border.”"
    """
    paragraphs = ctx.doc.paragraphs
    for i, p in enumerate(paragraphs):
        if p.text.count("“") == p.text.count("”") and p.text.count('"') % 2 == 0 \
                and p.text.find("”") >= p.text.find("“"):
            continue  # balanced counts, first closing after first opening: nothing to trace
        stack, stray = [], []
        for k, ch in enumerate(p.text):
            if ch == "“":
                stack.append(k)
            elif ch == "”":
                if stack:
                    stack.pop()
                else:
                    stray.append(k)
        continues = i + 1 < len(paragraphs) and paragraphs[i + 1].text.lstrip()[:1] in "“\""
        if len(stack) == 1 and not stray and continues:
            stack = []  # a quotation carried into the next paragraph, as news style wants
        straight = [k for k, ch in enumerate(p.text) if ch == '"']
        unmatched = stack + stray + (straight[-1:] if len(straight) % 2 else [])
        for k in sorted(unmatched)[:1]:
            start = p.start + k
            yield rule.finding(ctx, start, start + 1, "this quotation mark has no partner in its paragraph",
                               evidence=f"…{ctx.doc.text[max(p.start, start - 40):min(p.end, start + 40)]}…")


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
