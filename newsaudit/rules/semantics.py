"""NA2xx: meaning. Sentences that cannot be true as written, whatever the wire says."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import and_, eq
from typing import Iterator

from ..lexicon import function_words, load_list, load_table
from ..model import Finding, Severity
from ..text import LOWER_WORD_BYTES, mentions_any, word_lookup_is_exact, word_set
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


@lru_cache(maxsize=1)
def _verb_set() -> frozenset[str] | None:
    return word_set(load_list("living_patient_verbs"))


ALL = ("",)  # what _verbs_in_text answers when it cannot tell: every text "contains" ""


def _verbs_in_text(text: str, verb_set: frozenset[str] | None) -> tuple[str, ...]:
    """The verbs of the lexicon that ``text``, lower-cased, holds as substrings (a verb's word
    in a sentence is in the text's lower case too, as a substring), or ``ALL`` when substrings
    cannot tell: the verbs are not all ASCII words, or the text has a character that the
    verbs' regex matches to an ASCII letter and that does not lower to it ("ſ", "ı", "İ")."""
    if verb_set is None or not word_lookup_is_exact(text):
        return ALL
    return tuple(filter(text.lower().__contains__, verb_set))


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


SINGULAR_AUX = frozenset("was is has gets".split())
PLURAL_AUX = frozenset("were are have get".split())
MODALS = frozenset("will would can could may might must shall should".split())
# Words that end the subject phrase going backwards: clause openers and conjunctions.
CLAUSE_OPENERS = frozenset(
    "that which who whom whose when while after before because since if "
    "where as although though but and or said says".split()
)
# Quantifiers of a partitive subject: "none of the engineers ... were" -> head "engineers".
PARTITIVES = frozenset(
    "none one two three four five six seven eight nine ten dozens hundreds "
    "thousands some many most all several each both few any half".split()
)
# Words that start a modifier of the subject's head: its objects and adjuncts come after them.
MODIFIER_OPENERS = frozenset(
    "who which that whose with without near outside inside at in on of "
    "from for by aboard under behind to into onto over during "
    "across against around".split()
)


def _gap(sentence, tokens, k: int) -> str:
    """The text between token ``k`` and token ``k + 1`` (punctuation, spaces)."""
    return sentence.text[tokens[k].end - sentence.start : tokens[k + 1].start - sentence.start]


def _number(word: str, nouns) -> str | None:
    """'sg' or 'pl' for a noun, None when unknown."""
    if word in nouns or word.endswith("ss"):
        return "sg"
    return "pl" if _singular(word) in nouns or word.endswith("s") else None


def _subject_head(lower: list[str], start: int, end: int, nouns, living) -> int | None:
    """Index of the head noun of the subject phrase ``lower[start:end]``, None if none is seen.

    The head is the last word of the first noun chunk: modifiers after it ("officials at the
    port", "personnel defusing the bomb", "engineers who run the reactor") are skipped, and a
    partitive ("none of the X", "two of the X") passes on to X.
    """
    stop = function_words()
    k = start
    if k + 1 < end and lower[k] in PARTITIVES and lower[k + 1] == "of":
        k += 2
    while k < end and (lower[k] in DETERMINERS or lower[k] in PARTITIVES or lower[k].isdigit()):
        k += 1
    head = None
    while k < end:
        word = lower[k]
        participle = (
            (word.endswith("ing") or word.endswith("ed"))
            and word not in nouns
            and _singular(word) not in nouns
            and word not in living
        )
        if word in MODIFIER_OPENERS or head is not None and (participle or word in stop):
            break
        if word not in stop:
            head = k
        k += 1
    return head


def check_lifeless_patient(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A thing that undergoes what only a living being can (drones "arrested", a town "murdered").

    ## What it does
    Finds a weapon, vehicle, building, device, institution or place that is the subject of a
    passive participle needing a living patient ("the drones were arrested"), or that a reduced
    relative clause attaches such a participle to ("the largest town murdered in the war"). The
    subject is its head noun, not the noun just before the verb: in "none of the personnel
    defusing the bomb were injured" and "officials at the port were arrested" the head is
    "personnel" and "officials"; the head must agree in number with "was" / "were". Verb and
    noun classes are derived from WordNet 3.0 (``scripts/lexicons.py``:
    ``living_patient_verbs.txt``, ``inanimate_nouns.txt``).

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
    living = load_list("living_nouns")
    mentions, verb_set = _verbs_pattern(), _verb_set()
    in_text = _verbs_in_text(ctx.doc.text, verb_set)
    if not in_text:
        return  # no verb of the lexicon anywhere
    for sentence in ctx.doc.sentences:
        if not any(map(sentence.text.lower().__contains__, in_text)):
            continue  # none of the article's verbs in this sentence
        if not mentions_any(sentence.text, verb_set, mentions):
            continue  # no verb of the lexicon: nothing to tokenise
        tokens = sentence_tokens(sentence)
        lower = [t.text.lower() for t in tokens]
        for i, word in enumerate(lower):
            if word not in verbs or i == 0:
                continue
            j = i - 1
            while j > 0 and (
                lower[j] in AUXILIARIES
                or lower[j] in MODALS
                or lower[j].endswith("ly")
                or lower[j] in ("not", "never")
            ):
                j -= 1
            auxes = [w for w in lower[j + 1 : i] if w in AUXILIARIES or w in MODALS]
            if auxes:
                found = _passive_subject(sentence, tokens, lower, j, auxes, nouns, living)
            else:
                found = _reduced_relative(sentence, tokens, lower, i, nouns)
            if found is None:
                continue
            first, head = found
            noun = _singular(lower[head]) if lower[head] not in nouns else lower[head]
            yield rule.finding(
                ctx,
                tokens[first].start,
                tokens[i].end,
                f"“{tokens[head].text}” ({nouns[noun]}) cannot be “{tokens[i].text}”: "
                "that needs a living being",
                evidence=f"“{tokens[i].text}” needs a living patient; “{noun}” is a {nouns[noun]}",
            )


def _passive_subject(sentence, tokens, lower, j, auxes, nouns, living):
    """(first token, head token) of an inanimate subject of "<subject> were <participle>"."""
    start = j
    while (
        start > 0
        and lower[start - 1] not in CLAUSE_OPENERS
        and not any(c in _gap(sentence, tokens, start - 1) for c in ",;:()")
    ):
        start -= 1
    head = _subject_head(lower, start, j + 1, nouns, living)
    if head is None or tokens[head].text[:1].isupper() and head != start:
        return None
    word = lower[head]
    if word not in nouns and _singular(word) not in nouns:
        return None
    finite = auxes[0]
    number = _number(word, nouns)
    if finite in SINGULAR_AUX and number == "pl" or finite in PLURAL_AUX and number == "sg":
        return None  # "the engineers at the reactor were": the head does not agree
    first = head
    while first > start and lower[first - 1] not in DETERMINERS and lower[first - 1] != "of":
        first -= 1
    return first, head


def _reduced_relative(sentence, tokens, lower, i, nouns):
    """(first token, head token) of "the biggest town murdered during the offensive"."""
    stop = function_words()
    j = i - 1
    head = _singular(lower[j])
    if head not in nouns or tokens[j].text[:1].isupper():
        return None
    following = lower[i + 1] if i + 1 < len(lower) else ""
    punctuation = _gap(sentence, tokens, i).strip()[:1] if following else "."
    if not (following in RELATIVE_FOLLOWERS or punctuation and punctuation in ",.;:"):
        return None
    first = j
    while (
        first > 0
        and first > j - 3
        and lower[first - 1] not in stop
        and not _gap(sentence, tokens, first - 1).strip()
    ):
        first -= 1
    before = first - 1
    while before >= 0 and lower[before] in DETERMINERS:
        before -= 1
    if before >= 0 and lower[before] in PREPOSITIONS:
        return None  # "people in the car were killed": the noun is not the subject
    return first, j


_LOOP = re.compile(r"\b((?:\w+[\s,;]+){0,3}?\w+)(?:[\s,;]+\1\b){2,}", re.IGNORECASE)


def _trigram_periods(words: list) -> set[int]:
    """The distances of up to ``LONG_LOOP_MAX_WORDS`` between two equal runs of three words.

    A phrase of k words (k >= 3) right after itself, or of k >= 2 words three times in a row,
    repeats its first three words k words later: only those k can hold a loop. Asked for
    paragraphs with a repeated run of three words (few of them), by one pass over the runs
    instead of one comparison of the whole paragraph per period."""
    seen: dict[tuple, list[int]] = {}
    periods: set[int] = set()
    for i, trigram in enumerate(zip(words, words[1:], words[2:])):
        before = seen.get(trigram)
        if before is None:
            seen[trigram] = [i]
            continue
        periods.update(i - j for j in before if i - j <= LONG_LOOP_MAX_WORDS)
        before.append(i)
    return periods


def _may_loop(words: list, exact: bool, periods: set[int]) -> bool:
    """Cheap test before the regex: some word recurs twice at a period of 1 to 4 words. When
    the words are ``exact`` (the regex's own, see ``_words_as_the_regex_sees_them``), the test
    is what the regex needs: a phrase of 1 to 4 words three times in a row. ``periods``: the
    distances between equal runs of three words (``_trigram_periods``)."""
    for k in range(1, 5):
        if exact and k > 1 and k not in periods:
            continue  # a phrase of k >= 2 words three times in a row repeats three words
        same = bytes(map(eq, words, words[k:]))  # same[i]: words[i] == words[i + k]
        if exact:
            if b"\x01" * (2 * k) in same:  # words[i : i + k] twice more right after
                return True
        elif 1 in same and any(map(and_, same, same[k:])):  # ... and words[i + k] == words[i + 2k]
            return True
    return False


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
        words, exact = _lower_words(paragraph.text)
        trigrams = max(len(words) - 2, 0)
        repeated_trigram = len(set(zip(words, words[1:], words[2:]))) != trigrams
        periods = _trigram_periods(words) if repeated_trigram else set()
        reported: list[tuple[int, int]] = []
        loops = _long_loops(paragraph.text, words, exact, periods) if repeated_trigram else []
        for start, end, phrase in loops:
            reported.append((start, end))
            yield rule.finding(
                ctx,
                paragraph.start + start,
                paragraph.start + end,
                f"“{phrase}” repeated in a loop",
                evidence=None,
            )
        if reported or not _may_loop(words, exact, periods):
            continue  # no phrase of up to four words comes back twice at its own period
        for m in _LOOP.finditer(paragraph.text):
            phrase = m.group(1)
            repeats = 1 + len(
                re.findall(
                    r"[\s,;]+" + re.escape(phrase) + r"\b", m.group(0)[len(phrase) :], re.IGNORECASE
                )
            )
            if phrase.isdigit() or (len(phrase.split()) <= 2 and repeats < 4):
                continue  # "come in, come in, come in" is speech; loops run on
            start = paragraph.start + m.start()
            yield rule.finding(
                ctx,
                start,
                paragraph.start + m.end(),
                f"“{m.group(1)}” repeated in a loop",
                evidence=None,
            )


# The same run of words, separators included, back to back: four words or more twice, three
# words three times ("and it is a political force, and it is a political force, ...").
_LONG_LOOPS = (
    re.compile(r"\b((?:\w+\W+){4,12}?)\1+", re.IGNORECASE),
    re.compile(r"\b((?:\w+\W+){3})\1{2,}", re.IGNORECASE),
)
LONG_LOOP_MIN_WORDS, LONG_LOOP_MAX_WORDS = 3, 12  # the shortest and longest phrase above


def _lower_words(text: str) -> tuple[list, bool]:
    """The words of ``text.lower()`` (its runs of word characters), and whether they are the
    regex's (see ``_words_as_the_regex_sees_them``). The words are only compared with each
    other: for ASCII text they are bytes, split from the text mapped by ``LOWER_WORD_BYTES``
    (faster than the regex, the same words)."""
    if text.isascii():
        return text.encode().translate(LOWER_WORD_BYTES).split(), True
    return _WORDS.findall(text.lower()), _words_as_the_regex_sees_them(text)


def _words_as_the_regex_sees_them(text: str) -> bool:
    """Whether the words of ``text.lower()`` are the regex's words, with its case-insensitive
    equality: the regex compares the simple lower case of each character, which is what
    ``lower()`` gives except for "İ" (two characters) and a final "Σ" (lowered to "ς")."""
    return "\u0130" not in text and "\u03a3" not in text


def _long_loops(
    text: str, words: list, exact: bool, periods: set[int]
) -> list[tuple[int, int, str]]:
    """Phrases of three words or more in a loop (see ``_LONG_LOOPS``), as (start, end, phrase).

    ``words`` are the words of ``text.lower()`` (see ``_lower_words``); ``exact``: they are the
    regex's own; ``periods``: the distances between equal runs of three words of them (a run
    of k >= 3 words right after itself is one of them). Asked only when some three words come
    back (a loop of three words or more repeats them)."""
    if exact and not any(
        b"\x01" * k in bytes(map(eq, words, words[k:]))
        for k in periods
        if k >= LONG_LOOP_MIN_WORDS
    ):
        return []  # no run of 3 to 12 words comes again right after itself
    found: list[tuple[int, int, str]] = []
    for pattern in _LONG_LOOPS:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                end = m.start() + len(m.group(0).rstrip(" ,;:-"))
                found.append((m.start(), end, m.group(1).rstrip(" ,;:-")))
    return sorted(found)


RULES = (
    Rule(
        "NA201",
        "lifeless-patient",
        "Accuracy/Mistranslation",
        Severity.MAJOR,
        check_lifeless_patient,
        translation_signal=True,
    ),
    Rule(
        "NA202",
        "repetition-loop",
        "Accuracy/Addition",
        Severity.MAJOR,
        check_repetition_loop,
        translation_signal=True,
    ),
)
