"""NA9xx: grammar and spelling, through LanguageTool when one is available."""

from __future__ import annotations

import re
from typing import Iterator

from ..grammar import LEGITIMATE_DOUBLES, to_findings
from ..model import Finding, Severity
from ..text import fold, word_lookup_is_exact
from .base import AuditContext, Rule
from .common import regex_rule


def check_languagetool(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """Grammar, spelling and typography errors reported by LanguageTool.

    ## What it does
    Sends the article to LanguageTool (a server given with ``--languagetool-url``, or the
    install of ``newsaudit languagetool install`` started for the run) and reports its matches
    with LanguageTool's rule id, category, message and suggestions as the evidence; the MQM
    category and severity follow LanguageTool's issue type. Rules that misfire on news copy
    are disabled or demoted (newsaudit/data/languagetool_rules.json says why). Spelling matches
    on capitalised words, and on any word of the aligned wire, are dropped: names are judged
    against the wire by the NA1xx rules. Without LanguageTool the report says that grammar was
    not checked, and NA911-913 stand in.

    ## Why is this bad?
    MT output is often fluent, but agreement errors, wrong prepositions and typos slip through
    and make a published article look careless.

    ## Example
    "The ministry have said that their was no casualties."

    ## Use instead
    "The ministry has said that there were no casualties."
    """
    if ctx.grammar is None:
        return
    matches = ctx.grammar(ctx.doc.text) or []
    known = ctx.wire_names | _wire_words(ctx)
    yield from to_findings(matches, ctx.doc.text, rule.code, rule.name, known)


def _wire_words(ctx: AuditContext) -> frozenset[str]:
    """Every word of the aligned wire paragraphs: a word the wire uses is not a misspelling."""
    words = set()
    for pa in ctx.alignment.paragraphs:
        wire = ctx.wire_text(pa.wire_path, pa.wire_paragraphs)
        words.update(fold(w) for w in _WORD.findall(wire))
    return frozenset(words)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
BUILT_IN = "built-in rule (no LanguageTool)"


def _builtin(ctx: AuditContext) -> bool:
    """The built-in rules stand in for LanguageTool only where it did not check the file (none in
    the run, or it failed during the run): what LanguageTool covers, they leave to it."""
    return ctx.grammar is None


def _grammar_rule(code: str, name: str, pattern: str, message, doc: str, flags: int = 0,
                  hint: str | None = None, **options) -> Rule:
    """``hint``: what every match contains, found fast (see ``regex_rule``)."""
    return regex_rule(code, name, "Fluency/Grammar", Severity.MINOR, re.compile(pattern, flags),
                      message, doc, scope="text", evidence=BUILT_IN, when=_builtin,
                      hint=re.compile(hint) if hint else None, **options)


THEIR_IS = _grammar_rule(
    "NA911", "their-is", r"\b([Tt]heir)\s+(?:is|was|are|were|will be|has been|have been)\b",
    "“their” where “there” is meant",
    """"their was" for "there was" (built in; only where LanguageTool did not check).

    ## What it does
    Finds the possessive "their" directly before a form of "to be".

    ## Why is this bad?
    It is a homophone slip that spell checkers miss and readers notice.

    ## Example
    "Officials said their was no damage."

    ## Use instead
    "Officials said there was no damage."
    """, span_group=1, hint=r"heir\s+(?:is|was|are|were|will be|has been|have been)")

_DEGREE_ADJECTIVES = (
    "hard|difficult|easy|late|early|soon|far|big|small|few|many|much|little|expensive|"
    "dangerous|close|weak|strong|slow|fast"
)
TO_TOO = _grammar_rule(
    "NA912", "to-too",
    r"\b(?:is|was|are|were|be|been|seems?|seemed|became|becomes|get|got)\s+(to)\s+"
    r"(?:" + _DEGREE_ADJECTIVES + r")\b(?!\s+(?:a|an|the|this|that|its|their)\b)",
    "“to” where “too” is meant",
    """"to hard" for "too hard" after "to be" (built in; only where LanguageTool did not check).

    ## What it does
    Finds "to" between a linking verb and an adjective of degree ("was to late").

    ## Why is this bad?
    A homophone slip: the sentence means "excessively" and says a preposition.

    ## Example
    "He said it was to hard to see a way forward."

    ## Use instead
    "He said it was too hard to see a way forward."
    """, span_group=1, hint=r"to\s+(?:" + _DEGREE_ADJECTIVES + ")")

# Each byte of a UTF-8 text to its ASCII letter in lower case, a space or tab to a space, and
# anything else to a dot (bytes over 127 too: a character outside ASCII is not a letter here).
_LOWER_SPACED = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 if c in (9, 32) else 46
    for c in range(256)
)
# A run of letters, spaces, then the same run: with dots as spaces (fast, a literal first)...
_SAME_NEIGHBOURS = re.compile(rb" ([a-z]++) ++\1 ")
# ... and with spaces only between them, as NA913's pattern wants.
_DOUBLED = re.compile(rb"[ .]([a-z]++) ++\1[ .]")


def _may_double(text: str) -> bool:
    """False only when NA913's pattern has no match in ``text``, found faster than by the
    pattern (which tries every position, case-insensitively). Its match is a word of ASCII
    letters after a non-word character, spaces or tabs, and the same word up to case before a
    non-word character: in the text's bytes mapped by ``_LOWER_SPACED``, a run of letters
    between non-letters, spaces, and the same run. Undecided (True) when a letter look-alike
    is in the text."""
    if not word_lookup_is_exact(text):  # a letter look-alike (text.ASCII_TWINS) is in it
        return True
    # a lone surrogate is three bytes over 127, so three dots
    spaced = b"." + text.encode("utf-8", "surrogatepass").translate(_LOWER_SPACED) + b"."
    if _SAME_NEIGHBOURS.search(spaced.replace(b".", b" ")) is None:
        return False
    return _DOUBLED.search(spaced) is not None


DOUBLED_WORD_PATTERN = r"\b([A-Za-z]+)[ \t]+\1\b"  # case-insensitive
DOUBLED_WORD = _grammar_rule(
    "NA913", "doubled-word", DOUBLED_WORD_PATTERN, lambda m: f"“{m.group(1)}” twice in a row",
    """The same word twice in a row ("the the") (built in; only where LanguageTool did not check).

    ## What it does
    Finds a word repeated immediately, except the pairs English allows ("that that",
    "had had").

    ## Why is this bad?
    It is an editing or MT slip that makes the text look unchecked.

    ## Example
    "The mayor said the the city would recover."

    ## Use instead
    "The mayor said the city would recover."
    """, flags=re.IGNORECASE,
    # a capitalised pair is a name ("Fang Fang", "Sang Sang"), not a slip
    keep=lambda m: m.group(1).lower() not in LEGITIMATE_DOUBLES and not m.group(1)[0].isupper(),
    screen=_may_double)


RULES = (
    Rule("NA901", "languagetool", "Fluency/Grammar", Severity.MINOR, check_languagetool,
         needs_service=True),
    THEIR_IS, TO_TOO, DOUBLED_WORD,
)
