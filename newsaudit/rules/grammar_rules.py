"""NA9xx: grammar and spelling, through LanguageTool when one is available."""

from __future__ import annotations

from typing import Iterator

from ..grammar import to_findings
from ..model import Finding, Severity
from .base import AuditContext, Rule


def check_languagetool(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """Grammar, spelling and typography errors reported by LanguageTool.

    ## What it does
    Sends the article to a local LanguageTool (a server given with ``--languagetool-url`` or
    an installed LanguageTool) and reports its matches with LanguageTool's message and
    suggestions. Spelling matches on capitalised words are dropped: names are judged against
    the wire by the NA1xx rules, not against a dictionary. Without LanguageTool the report
    says that grammar was not checked.

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
    yield from to_findings(ctx.grammar(ctx.doc.text), ctx.doc.text, rule.code, rule.name, ctx.wire_names)


RULES = (
    Rule("NA901", "languagetool", "Fluency/Grammar", Severity.MINOR, check_languagetool),
)
