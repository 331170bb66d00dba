"""NA4xx: language. Text that is not English where English is promised."""

from __future__ import annotations

from typing import Iterator

from ..model import Finding, Severity
from .base import AuditContext, Rule

LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "de": "German", "es": "Spanish", "fr": "French",
    "he": "Hebrew", "hu": "Hungarian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "tr": "Turkish", "uk": "Ukrainian", "zh-cn": "Chinese", "zh-tw": "Chinese",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def check_not_english(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """The article is not in English at all, so it was not audited as a translation.

    ## What it does
    Identifies the language of the whole article with langdetect (seeded, so the answer is
    the same on every run). An article in another language is reported once, on its first
    paragraph, and no other rule runs on it.

    ## Why is this bad?
    An untranslated article in an English feed is a failed translation, or a file that went to
    the wrong queue. Either way it must not be published as it is.

    ## Example
    "Le maire de la ville a déclaré que ..." in a folder of English articles.

    ## Use instead
    Translate the article, or route it to the feed of its language.
    """
    if ctx.language in ("en", "unknown") or not ctx.doc.paragraphs:
        return
    first = ctx.doc.paragraphs[0]
    yield rule.finding(ctx, first.start, first.end,
                       f"the article is in {language_name(ctx.language)}, not English; not audited",
                       evidence=f"langdetect: {ctx.language}")


RULES = (
    Rule("NA401", "not-english", "Accuracy/Untranslated", Severity.CRITICAL, check_not_english),
)
