"""NA4xx: language. Text that is not English where English is promised."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..langid import detect_language, is_english
from ..lexicon import function_words, is_dictionary_word
from ..model import Finding, Severity
from ..text import ascii_runs_table
from .base import AuditContext, Rule

# Letters of scripts other than Latin (and the punctuation that comes with CJK text).
_FOREIGN_SCRIPT_PATTERN = (
    r"[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f"
    r"\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff60]"
    r"[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0e7f"
    r"\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff60\s\d.,:;!?\-]*"
)
# Every match of the pattern above starts with a character outside these ranges (Latin letters
# and the punctuation, currency and letter-like signs of Western text): a text without such a
# character has none. This class compiles in well under a millisecond; the pattern takes ~10 ms
# (re's compiler walks every code point of its large classes, three times), so it is compiled
# only for a text that may hold a match (a few articles of a run, often none).
_MAYBE_FOREIGN = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u214f]")


@lru_cache(maxsize=1)
def _foreign_script() -> re.Pattern:
    return re.compile(_FOREIGN_SCRIPT_PATTERN)


def _foreign_script_runs(text: str) -> Iterator[re.Match]:
    """The runs of another script in ``text`` (the matches of ``_FOREIGN_SCRIPT_PATTERN``)."""
    if text.isascii() or _MAYBE_FOREIGN.search(text) is None:
        return iter(())
    return _foreign_script().finditer(text)


def _has_foreign_script(text: str) -> bool:
    return next(_foreign_script_runs(text), None) is not None


_LETTER_WORDS = re.compile(r"(?<![\w’'])[^\W\d_]+(?![\w’'])")
# In ASCII text, _LETTER_WORDS finds the runs of [A-Za-z0-9_'] that are all letters: split()
# of the text mapped by this table cuts those runs, in lower case, in one C pass each.
_LOWER_WORD_RUNS = ascii_runs_table("0123456789_'")
SENTENCE_MIN_WORDS = 8
SENTENCE_MAX_ENGLISH_SHARE = 0.12

LANGUAGE_NAMES = {  # the languages langdetect knows
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "es": "Spanish",
    "et": "Estonian",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "gu": "Gujarati",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "kn": "Kannada",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mr": "Marathi",
    "ne": "Nepali",
    "nl": "Dutch",
    "no": "Norwegian",
    "pa": "Punjabi",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "so": "Somali",
    "sq": "Albanian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "zh-cn": "Chinese",
    "zh-tw": "Chinese",
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
    if is_english(ctx.language) or not ctx.doc.paragraphs:
        return
    first = ctx.doc.paragraphs[0]
    yield rule.finding(
        ctx,
        first.start,
        first.end,
        f"the article is in {language_name(ctx.language)}, not English; not audited",
        evidence=f"langdetect: {ctx.language}",
    )


def check_untranslated_fragment(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """Text left in the source language inside the English article.

    ## What it does
    Reports runs of letters in another script (Cyrillic, Greek, Hebrew, Arabic, CJK, Hangul,
    Thai, Indic scripts) and whole sentences of eight words or more in another language
    written in Latin letters: a sentence with almost no English function words that
    langdetect (seeded) does not identify as English. A fragment of up to three words
    between quotation marks is a word cited as a word ("the Ukrainian word «воля»"), and
    text the aligned wire stories contain too is the source's own: neither is reported.

    ## Why is this bad?
    The reader cannot read it; it shows the translation was not finished or not checked.

    ## Example
    "The minister called it 历史性的一步 for the region."

    ## Use instead
    Translate the fragment: "The minister called it a historic step for the region."
    """
    wire_text = None  # the main wire's text, looked up at the first fragment
    for m in _foreign_script_runs(ctx.doc.text):
        text = m.group().rstrip(" .,:;!?-\n\t")
        if not any(ch.isalnum() for ch in text):
            continue  # a full-width "；" or "（" left behind: punctuation, not a language
        if wire_text is None:
            main = ctx.wires.get(ctx.alignment.main_wire or "")
            wire_text = main.text if main is not None else ""
        if _quoted_mention(ctx.doc.text, m.start(), m.start() + len(text)) or (
            text and text in wire_text
        ):
            continue  # a word quoted as a word ("the word «мир»"), or the wire's own text
        if len(text) >= 2 or (text and "\u3400" <= text <= "\u9fff"):
            yield rule.finding(
                ctx,
                m.start(),
                m.start() + len(text),
                "text in another script left untranslated",
                evidence=None,
            )
    is_stop = function_words().__contains__
    is_letter_stop = _letter_function_words().__contains__
    for sentence in ctx.doc.sentences:
        if sentence.text.isascii():
            # Most sentences are English: their function words, counted among all the runs
            # the words are picked from (not fewer than the words), are already more than the
            # share, so the tests below pass over the sentence too. Exact, and no isalpha() for
            # each run.
            runs = _ascii_runs(sentence.text)
            if sum(map(is_letter_stop, runs)) > SENTENCE_MAX_ENGLISH_SHARE * len(runs):
                continue
            words = [run for run in runs if run.isalpha()]
            tokens = None  # found below, if the sentence gets that far
        else:
            tokens = _LETTER_WORDS.findall(sentence.text)
            words = [t.lower() for t in tokens]
        if len(words) < SENTENCE_MIN_WORDS:
            continue
        if sum(map(is_stop, words)) > SENTENCE_MAX_ENGLISH_SHARE * len(words):
            continue
        if _has_foreign_script(sentence.text):
            continue
        if sum(is_dictionary_word(w) for w in words) >= 0.5 * len(words):
            continue  # mostly English words (a headline): not worth langdetect
        if tokens is None:
            tokens = _LETTER_WORDS.findall(sentence.text)
        if sum(t[:1].isupper() for t in tokens) >= 0.5 * len(tokens):
            continue  # mostly capitalised: a list of names or a credit line, not a sentence
        language = detect_language(sentence.text)
        if not is_english(language):
            yield rule.finding(
                ctx,
                sentence.start,
                sentence.end,
                f"this sentence looks {language_name(language)}, not English",
                evidence=f"langdetect: {language}",
            )


@lru_cache(maxsize=1)
def _letter_function_words() -> frozenset[str]:
    """The function words that are all letters, as the words an ASCII sentence is judged by
    (all of them, today)."""
    return frozenset(w for w in function_words() if w.isalpha())


def _ascii_runs(text: str) -> list[str]:
    """The runs of [A-Za-z0-9_'] of ASCII ``text``, in lower case: its letter words (see
    ``_LOWER_WORD_RUNS``) are those that are all letters."""
    return text.encode().translate(_LOWER_WORD_RUNS).decode().split()


_OPENING_QUOTES = "\"“«‘'„"
_CLOSING_QUOTES = "\"”»’'“"


def _quoted_mention(text: str, start: int, end: int) -> bool:
    """A short foreign fragment between quotation marks: a word cited as a word."""
    return (
        0 < start
        and end < len(text)
        and text[start - 1] in _OPENING_QUOTES
        and text[end] in _CLOSING_QUOTES
        and len(text[start:end].split()) <= 3
    )


RULES = (
    Rule(
        "NA401",
        "not-english",
        "Accuracy/Untranslated",
        Severity.CRITICAL,
        check_not_english,
        any_language=True,
    ),
    Rule(
        "NA402",
        "untranslated-fragment",
        "Accuracy/Untranslated",
        Severity.MAJOR,
        check_untranslated_fragment,
        translation_signal=True,
    ),
)
