"""NA3xx: numbers. Quantities of the article that the aligned wire text does not support."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Severity
from ..quantity import _DIGIT, Quantity, quantities, same_kind, written_numbers
from .base import AuditContext, Rule


MIN_SIMILARITY = 0.3  # numbers are compared only in clearly aligned sentence pairs
CONFIDENT_SIMILARITY = 0.6  # ... and a mismatch is major only in a confident pair
SPLIT_MIN_SIMILARITY = 0.15  # a split number that joins into the wire's is evidence enough
# Judged on real MT, most other mismatches were the wire's own error or a conversion: a slip
# of scale or of digit order is major; any other number is minor, and counted only in a
# confident pair.
SLIP_CONFIDENCE, CONFIDENT_MISMATCH, LOOSE_MISMATCH = 0.9, 0.6, 0.45


def _show(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def check_number_mismatch(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A number of the article that took the place of a different number of the wire.

    ## What it does
    In each clearly aligned sentence pair, reads every quantity of both sides with all the
    values it can stand for: scale words and their abbreviations ("2.5 mln", "2.5 million",
    "2,500,000"; "lakh", "crore"), ranges sharing a scale word ("4 to 6 million"), clock
    times in any notation ("8.30 p.m." = "20:30"), numeric dates in either day-month order,
    decades ("the 1990s" = "the '90s"), "and a half", and approximations ("nearly 500" stands
    for 498, within 5%). A number of the article that agrees with nothing in the wire story
    is reported when the aligned wire sentence has a number of the same kind (a count, a
    time, a year, a date, a percentage) that the article lacks: the article's number has
    taken its place. Extra numbers next to all of the wire's are extra information.
    A number converted to other units ("15 miles" for "24 km") or rounded ("7.23 million"
    for "7,231 thousand") agrees with the wire's.
    Severity: major for a misreading in a confident pair (similarity 0.6 or more, neither
    number approximate): a scale slip ("14.3 billion" for "143 billion") or transposed digits
    ("72" for "27"), confidence 0.9. Any other different number is minor: counted (0.6) in a
    confident pair, reported only (0.45) in a looser one. Judged on real MT, most other
    mismatches were the wire's own error, a unit conversion or rounding.

    ## Why is this bad?
    A swapped digit or a wrong unit changes the news: casualties, votes, prices and dates are
    what readers remember and what other outlets copy.

    ## Example
    Wire: "The council approved the plan by 27 votes to 12."
    Article: "The council approved the plan with 72 votes against 12."

    ## Use instead
    "The council approved the plan with 27 votes against 12."
    """
    wire_docs: dict[str, tuple] = {}
    for pair in ctx.alignment.sentences:
        if pair.similarity < MIN_SIMILARITY or _DIGIT.search(pair.sentence.text) is None:
            continue  # (written_numbers of a sentence without a digit is empty: ruled out first)
        wire_numbers = written_numbers(pair.wire_text)
        if not wire_numbers or not written_numbers(pair.sentence.text):
            continue  # only a number written with digits is reported (spelled ones are not)
        article_numbers = quantities(pair.sentence.text)
        # Only a number that takes the place of a wire number is an error; one the wire lacks
        # while all the wire's numbers are there is extra information (the addition rules).
        unmatched_wire = [w for w in wire_numbers if not any(w.agrees(q) for q in article_numbers)]
        if not unmatched_wire:
            continue
        if pair.wire_path not in wire_docs:
            wire = ctx.wires.get(pair.wire_path)
            wire_docs[pair.wire_path] = quantities(wire.text) if wire else ()
        for q in article_numbers:
            if q.spelled or any(q.agrees(w) for w in wire_numbers):
                continue
            if any(q.agrees(w) for w in wire_docs[pair.wire_path]):
                continue  # said elsewhere in the wire: the sentences are aligned loosely
            if split_number(pair.sentence.text, q, wire_numbers):
                continue  # a number broken by a stray comma or space: NA302's business
            rivals = [w for w in unmatched_wire if same_kind(q, w)]
            if not rivals:
                continue  # a time where the wire has a count: different facts, not a swap
            if any(q.converted(w) for w in rivals):
                continue  # "15 miles" for "24 km": the same distance in other units
            yield _mismatch(rule, ctx, pair, q, rivals)


def _mismatch(rule: Rule, ctx: AuditContext, pair, q: Quantity, rivals: list[Quantity]):
    """Graded by how the number differs and how sure the alignment is (see the rule doc)."""
    start, end = pair.sentence.start + q.start, pair.sentence.start + q.end
    confident = pair.similarity >= CONFIDENT_SIMILARITY and not q.approximate \
        and not any(w.approximate for w in rivals)
    slip = next((w for w in rivals if _slipped(q, w)), None)
    shown = ", ".join(dict.fromkeys(_show(w.value) for w in rivals))
    message = (f"“{ctx.doc.text[start:end]}” matches no number of the aligned wire sentence, "
               f"which has {shown} instead")
    if confident and slip is not None:
        severity, confidence = Severity.MAJOR, SLIP_CONFIDENCE
        message += ": the same digits, moved or reordered"
    elif confident:
        severity, confidence = Severity.MINOR, CONFIDENT_MISMATCH
    else:
        severity, confidence = Severity.MINOR, LOOSE_MISMATCH
    return rule.finding(ctx, start, end, message,
                        evidence=f"{pair.wire_path}: {pair.wire_text}", severity=severity,
                        confidence=confidence)


def _digits(value: float) -> str:
    """The significant digits of a value ("14.3 billion" and "143 billion": "143")."""
    return f"{value:.6e}".split("e")[0].replace(".", "").rstrip("0")


def _slipped(q: Quantity, w: Quantity) -> bool:
    """A scale slip (same digits, another power of ten) or transposed digits ("72" for
    "27"): a misreading, not a different fact."""
    if q.kind != "count" or not q.value or not w.value:
        return False
    a, b = _digits(q.value), _digits(w.value)
    return a == b or (len(a) == len(b) > 1 and sorted(a) == sorted(b))


_SPLIT = re.compile(r"(\d{1,3})(?:, (\d{3})(?!\d)|,(\d{1,2})(?![\d,]))")
# _SPLIT matches somewhere exactly where a comma right after a digit is followed by one of its
# two tails (the one digit before that comma is a match of its leading \d{1,3}): a pattern
# that starts with the comma, which the regex engine scans for fast, where _SPLIT (a group
# first) is tried at every position.
_SPLIT_COMMA = re.compile(r",(?<=\d,)(?: \d{3}(?!\d)|\d{1,2}(?![\d,]))")


def _has_split(text: str) -> bool:
    """Whether ``split_number`` can find anything in ``text`` (a comma first: it is fast)."""
    return "," in text and _SPLIT_COMMA.search(text) is not None


def split_number(text: str, q: Quantity, wire_numbers) -> re.Match | None:
    """A number written "450, 000" or "31,8" (decimal comma) that ``q`` is part of, when its
    English reading is a number of the wire: the match of the whole malformed number."""
    for m in _SPLIT.finditer(text):
        if not (m.start() <= q.start < m.end()):
            continue
        joined = m.group(1) + (m.group(2) if m.group(2) else "." + m.group(3))
        if any(float(joined) in w.readings or float(joined) * 1e3 in w.readings
               for w in wire_numbers):
            return m
    return None


def check_number_format(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A number written the way English does not write it: "31,8%" or "450, 000".

    ## What it does
    Finds a decimal comma before a percent sign ("31,8%": English writes "31.8%"), a number
    split by a comma and a space before a group with a leading zero ("171, 000": no number
    of its own starts with 0), and, in a sentence aligned to the wire, any number split that
    way ("450, 350") or written with a decimal comma ("52,5") where the wire has the number
    read the English way (450,350; 52.5). The value is right; the notation is not.

    ## Why is this bad?
    Readers take "450, 000" for two numbers and "52,5" for fifty-two thousand five hundred
    or a list: a correct figure becomes a wrong one on the page.

    ## Example
    Wire: "Turnout reached 31.8% and 25,000 ballots were spoiled."
    Article: "Turnout reached 31,8% and 25, 000 ballots were spoiled."

    ## Use instead
    "Turnout reached 31.8% and 25,000 ballots were spoiled."
    """
    reported: set[int] = set()
    # Patterns that cannot match in the article cannot match in any of its paragraphs.
    patterns = [(pattern, message) for pattern, hint, message in _MALFORMED
                if hint.search(ctx.doc.text)]
    for paragraph in ctx.doc.paragraphs if patterns else ():
        for pattern, message in patterns:
            for m in pattern.finditer(paragraph.text):
                start = paragraph.start + m.start()
                reported.add(start)
                context = paragraph.text[max(0, m.start() - 30):m.end() + 30]
                yield rule.finding(ctx, start, start + len(m.group(1) if m.groups() else m.group()),
                                   message, evidence=f"…{context}…", confidence=0.9)
    for pair in ctx.alignment.sentences:
        if pair.similarity < SPLIT_MIN_SIMILARITY or not _has_split(pair.sentence.text):
            continue
        wire_numbers = written_numbers(pair.wire_text)
        for q in quantities(pair.sentence.text):
            split = None if q.spelled else split_number(pair.sentence.text, q, wire_numbers)
            if split is None or pair.sentence.start + split.start() in reported:
                continue
            start = pair.sentence.start + split.start()
            reported.add(start)
            yield rule.finding(ctx, start, start + len(split.group()),
                               f"“{split.group()}” is one number written the way English does "
                               f"not write it", evidence=f"{pair.wire_path}: {pair.wire_text}",
                               confidence=min(0.95, 0.4 + pair.similarity))


# "171, 000": a group with a leading zero is never a number of its own, so no wire is needed
_SPLIT_ZERO_GROUP = re.compile(r"(?<![\d,.])\d{1,3}(?:, 0\d\d)+(?![\d,])")
_DECIMAL_COMMA_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3},\d{1,2})\s?(?:%|per\s?cent\b|percent\b)")
# Each pattern with a hint: what any match of it contains (no look-around, so a match in a
# paragraph is a match in the whole text), found fast from its literal first character.
_MALFORMED = (
    (_DECIMAL_COMMA_PERCENT, re.compile(r",\d\d?\s?(?:%|per\s?cent|percent)"),
     "a decimal comma: English writes a decimal point"),
    (_SPLIT_ZERO_GROUP, re.compile(r", 0\d\d"), "one number split by a comma and a space"),
)


RULES = (
    Rule("NA301", "number-mismatch", "Accuracy/Mistranslation", Severity.MAJOR,
         check_number_mismatch, needs_wire=True, corroborated="text"),
    Rule("NA302", "number-format", "Locale convention/Number format", Severity.MINOR,
         check_number_format),
)
