"""NA7xx: page furniture scraped along with the article."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..lexicon import load_ordered
from ..model import Finding, Severity
from .base import AuditContext, Rule

MAX_WORDS = 25  # furniture lines are short; a long paragraph is article text


@lru_cache(maxsize=1)
def furniture_pattern() -> re.Pattern:
    """The patterns of ``data/boilerplate.txt`` as one alternation, which finds something
    where one of them does (none refers to a group by number, which joining would shift)."""
    return re.compile("|".join(f"(?:{p})" for p in load_ordered("boilerplate")), re.IGNORECASE)


@lru_cache(maxsize=20_000)
def is_boilerplate(text: str) -> bool:
    """Cached: the aligned wire paragraphs are asked again for every article."""
    stripped = text.strip()
    return len(stripped.split()) <= MAX_WORDS and furniture_pattern().search(stripped) is not None


def check_boilerplate(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """Navigation and page furniture lines scraped along with the article.

    ## What it does
    Matches short paragraphs against the patterns of ``data/boilerplate.txt`` ("Published",
    "Previous article…", "Share this", "Read more", cookie and newsletter prompts...). A run
    of consecutive furniture paragraphs is reported once, as one block. A line that is
    aligned to a wire paragraph which is furniture too is the source's own and is not
    reported: the translation kept what it was given.

    ## Why is this bad?
    It is not part of the story: republished as is, it shows readers a scraped page, and
    it pollutes word counts, search snippets and the comparison with the wire.

    ## Example
    "Previous article: Ten things to know this week" at the end of a translated story.

    ## Use instead
    Strip the lines before publishing.
    """
    in_wire = _furniture_in_wire(ctx)
    block = []
    for p in ctx.doc.paragraphs + (None,):  # type: ignore[operator]
        if p is not None and is_boilerplate(p.text) and p.index not in in_wire:
            block.append(p)
            continue
        if block:
            lines = f"{len(block)} line{'s' if len(block) > 1 else ''}"
            yield rule.finding(ctx, block[0].start, block[-1].end,
                               f"scraped page furniture ({lines})",
                               evidence="matches data/boilerplate.txt")
            block = []


def _furniture_in_wire(ctx: AuditContext) -> set[int]:
    """Article paragraphs aligned to a wire paragraph that is furniture as well."""
    aligned = ctx.alignment.paragraphs + ctx.alignment.nearest
    return {pa.paragraph for pa in aligned
            if is_boilerplate(ctx.wire_text(pa.wire_path, pa.wire_paragraphs))}


RULES = (
    Rule("NA701", "boilerplate", "Accuracy/Addition", Severity.MINOR, check_boilerplate),
)
