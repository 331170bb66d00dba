"""NA5xx: punctuation and typography junk left by MT and by copy-paste.

NA501-NA504 are declared as patterns (``regex_rule``); NA505 pairs quotes across paragraphs.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Severity
from ..scoring import MINOR_PUNCTUATION_WEIGHT
from .base import AuditContext, Rule
from .common import regex_rule


def _punctuation_rule(
    code: str, name: str, pattern: str, message: str, doc: str, translation_signal: bool,
    hint: str | tuple[str, ...],
) -> Rule:
    """Punctuation the aligned wire paragraph has too ("!!!", "..") is the source's own.

    ``hint``: what every paragraph with a match contains, found fast (see ``regex_rule``): a
    pattern, or several (one of which finds something there), each led by a literal where it
    can be (the regex engine scans for a literal much faster than for a character set)."""
    return regex_rule(
        code,
        name,
        "Fluency/Punctuation",
        Severity.MINOR,
        re.compile(pattern),
        message,
        doc,
        translation_signal=translation_signal,
        minor_weight=MINOR_PUNCTUATION_WEIGHT,
        unless_in_wire=True,
        hint=tuple(map(re.compile, (hint,) if isinstance(hint, str) else hint)),
    )


STRAY_PERIOD = _punctuation_rule(
    "NA501",
    "stray-period",
    r"(?<=\w)\s+\.\s+(?=[a-z])",
    "a lone period inside a sentence",
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
    """,
    translation_signal=True,
    # the spaced period and the lower-case letter after it (as r"\s\.\s+[a-z]", the period
    # first)
    hint=r"\.(?<=\s\.)\s+[a-z]",
)

DOUBLED_PUNCTUATION = _punctuation_rule(
    "NA502",
    "doubled-punctuation",
    r"(?<![.])\.\s+\.(?![.])|(?<![.])\.\.(?![.])|,\s*,|;\s*;|:\s*:",
    "doubled punctuation",
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
    """,
    translation_signal=True,
    hint=(r"\.\s*\.", r",\s*,", r";\s*;", r":\s*:"),  # the two marks (ellipses too)
)

SPACE_BEFORE_PUNCTUATION = _punctuation_rule(
    "NA503",
    "space-before-punctuation",
    # emoticons (" :-)", " ;)", " :/") are not punctuation
    r"(?<=\w)[ \t]+([,!?]|[;:](?![-^']?[()/\\|\[\]DPpO3](?!\w))|\.(?=\s+[A-Z\"“]|\s*$))",
    "space before punctuation",
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
    """,
    translation_signal=False,
    # the last space and the mark (as r"[ \t][,!?;:.]", each mark first)
    hint=tuple(rf"{re.escape(mark)}(?<=[ \t]{re.escape(mark)})" for mark in ",!?;:."),
)

MISPLACED_QUOTE = _punctuation_rule(
    "NA504",
    "misplaced-quote",
    r"[,.!?]\s+”(?=[A-Za-z])|(?<=\w)“(?=\s)|“\s*$",
    "misplaced quotation mark",
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
    """,
    translation_signal=True,
    hint=("“", "”"),  # a curly quote
)


def check_unbalanced_quotes(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A quotation mark that never finds its partner.

    ## What it does
    Pairs opening and closing curly double quotes, and straight double quotes, through the
    article. A quotation may run over several paragraphs, reopening at each paragraph start as
    news style wants or not; it is reported only if it never closes, or closes what was
    never opened. A paragraph aligned to a wire paragraph whose quotes do not pair either
    is not reported: the translation kept the source's quotation as it was.

    ## Why is this bad?
    A quotation that never closes attributes the rest of the paragraph to the speaker.

    ## Example
    "He said the talks “were not far from the border."

    ## Use instead
    "He said the talks “were not far from the border.”"
    """
    pending: tuple[int, int] | None = None  # (paragraph index, offset) of a quotation still open
    reported: list[tuple[int, int]] = []  # (paragraph index, offset): at most one a paragraph
    for p in ctx.doc.paragraphs:
        opening, closing = _unmatched_quotes(p.text)
        found = []
        if closing and pending is not None:
            # a quotation opened in an earlier paragraph ends here
            closing, pending = closing[1:], None
        if p.text.lstrip()[:1] in '“"' and pending is not None:
            pending = None  # news style: the continued quotation reopens at the paragraph start
        found.extend((p.index, p.start + k) for k in closing)
        if opening:
            if pending is not None:
                found.append(pending)
            found.extend((p.index, p.start + k) for k in opening[:-1])
            pending = (p.index, p.start + opening[-1])
        reported.extend(sorted(found, key=lambda f: f[1])[:1])
    if pending is not None:
        reported.append(pending)
    if reported:
        as_in_wire = _unbalanced_in_wire(ctx)  # looked up only when there is something to say
        for paragraph, start in reported:
            if paragraph not in as_in_wire:
                yield _quote_finding(rule, ctx, start)


def _unbalanced_in_wire(ctx: AuditContext) -> set[int]:
    """Article paragraphs aligned to wire text whose quotation marks do not pair either."""
    aligned = ctx.alignment.paragraphs + ctx.alignment.nearest
    return {
        pa.paragraph
        for pa in aligned
        if any(
            any(_unmatched_quotes(ctx.wire_text(pa.wire_path, (i,)))) for i in pa.wire_paragraphs
        )
    }


def _quote_finding(rule: Rule, ctx: AuditContext, start: int) -> Finding:
    text = ctx.doc.text
    return rule.finding(
        ctx,
        start,
        start + 1,
        "this quotation mark has no partner",
        evidence=f"…{text[max(0, start - 40) : start + 40].replace(chr(10), ' ')}…",
    )


_QUOTE_MARKS = re.compile('[“”"]')


def _unmatched_quotes(text: str) -> tuple[list[int], list[int]]:
    """Positions of quotes left open and of quotes closing nothing.

    Straight and curly quotes pair with each other (copy mixes them: "… affect,” he said);
    a straight quote after a digit is an inch or seconds mark (5'5"), not a quotation mark.
    """
    if (
        text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
        and text.find("”") >= text.find("“")
    ):
        return [], []  # balanced counts, first closing after first opening: nothing to trace
    opening: list[int] = []
    closing: list[int] = []
    for mark in _QUOTE_MARKS.finditer(text):  # (every other character is passed over)
        k, ch = mark.start(), mark.group()
        if ch == '"' and k and text[k - 1].isdigit():
            continue
        if ch == "“":
            opening.append(k)
        elif ch == "”" or (ch == '"' and opening):
            if opening:
                opening.pop()
            else:
                closing.append(k)
        elif ch == '"':
            # a straight quote with nothing open closes (a quotation opened in an earlier
            # paragraph) when it ends speech: after punctuation, before a space or the end
            after = text[k + 1 : k + 2]
            ends = k > 0 and text[:k].rstrip()[-1:] in ".,!?" and (not after or after.isspace())
            (closing if ends else opening).append(k)
    return opening, closing


RULES = (
    STRAY_PERIOD,
    DOUBLED_PUNCTUATION,
    SPACE_BEFORE_PUNCTUATION,
    MISPLACED_QUOTE,
    Rule(
        "NA505",
        "unbalanced-quotes",
        "Fluency/Punctuation",
        Severity.MINOR,
        check_unbalanced_quotes,
        minor_weight=MINOR_PUNCTUATION_WEIGHT,
    ),
)
