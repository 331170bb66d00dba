"""NA2xx: meaning. Sentences that cannot be true as written, whatever the wire says."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..lexicon import function_words, load_list, load_table
from ..model import Finding, Severity
from .base import AuditContext, Rule
from .common import sentence_tokens

_WORDS = re.compile(r"\w+")
AUXILIARIES = frozenset("was were been being is are be got get gets getting had have has".split())
# After a reduced relative ("the city killed in the invasion") comes a preposition or the end of
# the clause; an object ("killed two people", "killed at least five") means active voice.
RELATIVE_FOLLOWERS = frozenset("in during by after since last when while amid as following".split())
DETERMINERS = frozenset("the a an this that these those its their his her our your".split())
PREPOSITIONS = frozenset("in on at inside near of from aboard into onto under behind".split())


@lru_cache(maxsize=1)
def _verbs_pattern() -> re.Pattern:
    verbs = sorted(load_list("living_patient_verbs"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b", re.IGNORECASE)


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def check_lifeless_patient(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A thing that undergoes what only a living being can (drones "arrested", a town "murdered").

    ## What it does
    Finds a noun of a weapon, vehicle or place followed by a participle that needs a living
    patient, in the passive ("the drones were arrested") or as a reduced relative clause
    ("the largest town murdered in the war"). Verb and noun classes are lexicons in
    ``newsaudit/data`` (``living_patient_verbs.txt``, ``inanimate_nouns.txt``).

    ## Why is this bad?
    The sentence is nonsense: MT has attached the verb to the wrong noun or mistranslated
    one of them ("two guards were injured by three drones" becomes "three drones were
    injured"). The facts the reader takes away are wrong.

    ## Example
    "In the port, three artillery shells were arrested, police said."

    ## Use instead
    Recover the wire's sentence: "In the port, three people were arrested, police said."
    """
    verbs = load_list("living_patient_verbs")
    nouns = load_table("inanimate_nouns")
    stop = function_words()
    mentions = _verbs_pattern()
    for sentence in ctx.doc.sentences:
        if not mentions.search(sentence.text):
            continue  # no verb of the lexicon: nothing to tokenise
        tokens = sentence_tokens(sentence)
        lower = [t.text.lower() for t in tokens]
        for i, word in enumerate(lower):
            if word not in verbs or i == 0:
                continue
            j = i - 1
            while j > 0 and (lower[j] in AUXILIARIES or lower[j].endswith("ly")):
                j -= 1
            passive = j < i - 1 and any(lower[k] in AUXILIARIES for k in range(j + 1, i))
            head = _singular(lower[j])
            if head not in nouns or tokens[j].text[:1].isupper():
                continue
            following = lower[i + 1] if i + 1 < len(lower) else ""
            gap_after = sentence.text[tokens[i].end - sentence.start:
                                      tokens[i + 1].start - sentence.start] if following else "."
            punctuation = gap_after.strip()[:1]
            reduced = not passive and (following in RELATIVE_FOLLOWERS or bool(punctuation) and punctuation in ",.;:")
            if not (passive or reduced):
                continue
            first = j
            while first > 0 and first > j - 3 and lower[first - 1] not in stop \
                    and not sentence.text[tokens[first - 1].end - sentence.start:
                                          tokens[first].start - sentence.start].strip():
                first -= 1
            before = first - 1
            while before >= 0 and lower[before] in DETERMINERS:
                before -= 1
            if before >= 0 and lower[before] in PREPOSITIONS:
                continue  # "people in the car were killed": the noun is not the subject
            yield rule.finding(
                ctx, tokens[first].start, tokens[i].end,
                f"“{tokens[j].text}” ({nouns[head]}) cannot be “{tokens[i].text}”: "
                "that needs a living being",
                evidence=f"“{tokens[i].text}” needs a living patient; “{head}” is a {nouns[head]}",
            )


_LOOP = re.compile(r"\b((?:\w+[\s,;]+){0,3}?\w+)(?:[\s,;]+\1\b){2,}", re.IGNORECASE)


def _may_loop(words: list[str]) -> bool:
    """Cheap test before the regex: some word recurs twice at a period of 1 to 4 words."""
    n = len(words)
    return any(words[i] == words[i + k] == words[i + 2 * k]
               for k in range(1, 5) for i in range(n - 2 * k))


def check_repetition_loop(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A word or short phrase repeated over and over ("Gdansk, Gdansk, Gdansk, Gdansk").

    ## What it does
    Finds one to four words repeated back to back, separated only by spaces or commas: four
    times or more for a phrase of one or two words (people repeat those three times when
    they speak: "come in, come in, come in"), three times or more for longer phrases. The
    same run of words said again right after itself, separators included, is a loop too:
    four words or more twice ("the head of the regional office, the head of the regional
    office, "), three words three times. Rhetorical repetition changes what follows the
    repeated words ("to listen to the children, to listen to the parents") and is not one.

    ## Why is this bad?
    It is the signature of a neural engine stuck in a decoding loop: the rest of the
    sentence, often the rest of the paragraph, was never translated.

    ## Example
    "The delegation visited the port of Gdansk, Gdansk, Gdansk, Gdansk."

    ## Use instead
    Translate the sentence again from the source.
    """
    for paragraph in ctx.doc.paragraphs:
        words = _WORDS.findall(paragraph.text.lower())
        reported: list[tuple[int, int]] = []
        for start, end, phrase in _long_loops(paragraph.text, words):
            reported.append((start, end))
            yield rule.finding(ctx, paragraph.start + start, paragraph.start + end,
                               f"“{phrase}” repeated in a loop", evidence=None)
        if reported or not _may_loop(words):
            continue  # no phrase of up to four words comes back twice at its own period
        for m in _LOOP.finditer(paragraph.text):
            phrase = m.group(1)
            repeats = 1 + len(re.findall(r"[\s,;]+" + re.escape(phrase) + r"\b", m.group(0)[len(phrase):],
                                         re.IGNORECASE))
            if phrase.isdigit() or (len(phrase.split()) <= 2 and repeats < 4):
                continue  # "come in, come in, come in" is speech; loops run on
            start = paragraph.start + m.start()
            yield rule.finding(ctx, start, paragraph.start + m.end(),
                               f"“{m.group(1)}” repeated in a loop", evidence=None)


# The same run of words, separators included, back to back: four words or more twice, three
# words three times ("and it is a political force, and it is a political force, ...").
_LONG_LOOPS = (re.compile(r"\b((?:\w+\W+){4,12}?)\1+", re.IGNORECASE),
               re.compile(r"\b((?:\w+\W+){3})\1{2,}", re.IGNORECASE))
LONG_LOOP_MIN_WORDS = 3


def _long_loops(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """Phrases of three words or more in a loop (see ``_LONG_LOOPS``), as (start, end, phrase)."""
    grams = [tuple(words[i:i + LONG_LOOP_MIN_WORDS])
             for i in range(len(words) - LONG_LOOP_MIN_WORDS + 1)]
    if len(set(grams)) == len(grams):
        return []  # no four words come back at all: nothing to look for
    found: list[tuple[int, int, str]] = []
    for pattern in _LONG_LOOPS:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                end = m.start() + len(m.group(0).rstrip(" ,;:-"))
                found.append((m.start(), end, m.group(1).rstrip(" ,;:-")))
    return sorted(found)


RULES = (
    Rule("NA201", "lifeless-patient", "Accuracy/Mistranslation", Severity.MAJOR,
         check_lifeless_patient, translation_signal=True),
    Rule("NA202", "repetition-loop", "Accuracy/Addition", Severity.MAJOR, check_repetition_loop,
         translation_signal=True),
)
