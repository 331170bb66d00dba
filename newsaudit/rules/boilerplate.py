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


def _is_furniture(text: str) -> bool:
    stripped = text.strip()
    # split no further than one word over the limit: a long paragraph has more than MAX_WORDS
    # pieces then too
    short = len(stripped.split(None, MAX_WORDS)) <= MAX_WORDS
    return short and furniture_pattern().search(stripped) is not None


@lru_cache(maxsize=20_000)
def is_boilerplate(text: str) -> bool:
    """Cached: the aligned wire paragraphs are asked again for every article."""
    return _is_furniture(text)


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
    furniture = {p.index for p in ctx.doc.paragraphs if _is_furniture(p.text)}
    if not furniture:
        return  # most articles: nothing to compare with the wire
    in_wire = _furniture_in_wire(ctx, furniture)
    block = []
    for p in ctx.doc.paragraphs + (None,):  # type: ignore[operator]
        if p is not None and p.index in furniture and p.index not in in_wire:
            block.append(p)
            continue
        if block:
            lines = f"{len(block)} line{'s' if len(block) > 1 else ''}"
            yield rule.finding(ctx, block[0].start, block[-1].end,
                               f"scraped page furniture ({lines})",
                               evidence="matches data/boilerplate.txt")
            block = []


def _furniture_in_wire(ctx: AuditContext, furniture: set[int]) -> set[int]:
    """The article paragraphs of ``furniture`` aligned to a wire paragraph that is furniture as
    well."""
    aligned = ctx.alignment.paragraphs + ctx.alignment.nearest
    return {pa.paragraph for pa in aligned
            if pa.paragraph in furniture
            and is_boilerplate(ctx.wire_text(pa.wire_path, pa.wire_paragraphs))}


RULES = (
    Rule("NA701", "boilerplate", "Accuracy/Addition", Severity.MINOR, check_boilerplate),
)
