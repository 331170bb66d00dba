"""NA3xx: numbers. Quantities of the article that the aligned wire text does not support."""

from __future__ import annotations

from typing import Iterator

from ..model import Finding, Severity
from ..quantity import quantities, same_quantity
from .base import AuditContext, Rule

MIN_SIMILARITY = 0.3  # numbers are compared only in clearly aligned sentence pairs


def _show(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def check_number_mismatch(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A number of the article that no number of the aligned wire text matches.

    ## What it does
    In each clearly aligned sentence pair, reads every quantity of both sides, with formats
    evened out ("1 million" = "1,000,000", "8pm" = "8 p.m." = "20:00", "21st" = 21, "two" =
    2) and approximations allowed ("nearly 500" stands for 498, within 5%). A number of the
    article that matches no number of the aligned wire sentence, nor of its wire paragraph,
    is reported when the wire sentence also has a number that the article lacks: the
    article's number has taken its place. Extra numbers next to all of the wire's are extra
    information, not a mismatch.

    ## Why is this bad?
    A swapped digit or a wrong unit changes the news: casualties, votes, prices and dates are
    what readers remember and what other outlets copy.

    ## Example
    Wire: "The council approved the plan by 27 votes to 12."
    Article: "The council approved the plan with 72 votes against 12."

    ## Use instead
    "The council approved the plan with 27 votes against 12."
    """
    for pair in ctx.alignment.sentences:
        if pair.similarity < MIN_SIMILARITY:
            continue
        wire_numbers = quantities(pair.wire_text)
        if not any(not q.spelled for q in wire_numbers):
            continue
        pa = ctx.paragraph_alignment(pair.sentence.paragraph)
        context_numbers = quantities(ctx.wire_text(pa.wire_path, pa.wire_paragraphs)) if pa else []
        article_numbers = quantities(pair.sentence.text)
        # Only a number that takes the place of a wire number is an error; one the wire lacks
        # while all the wire's numbers are there is extra information (the addition rules).
        unmatched_wire = [w for w in wire_numbers if not w.spelled
                          and not any(same_quantity(w, q) for q in article_numbers)]
        if not unmatched_wire:
            continue
        for q in article_numbers:
            if q.spelled:
                continue
            if any(same_quantity(q, w) for w in wire_numbers) or any(same_quantity(q, w) for w in context_numbers):
                continue
            start = pair.sentence.start + q.start
            shown = ", ".join(dict.fromkeys(_show(w.value) for w in unmatched_wire))
            yield rule.finding(ctx, start, pair.sentence.start + q.end,
                               f"“{ctx.doc.text[start:pair.sentence.start + q.end]}” matches no number of "
                               f"the aligned wire sentence, which has {shown} instead",
                               evidence=f"{pair.wire_path}: {pair.wire_text}")


RULES = (
    Rule("NA301", "number-mismatch", "Accuracy/Mistranslation", Severity.MAJOR, check_number_mismatch,
         needs_wire=True),
)
