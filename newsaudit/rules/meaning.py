"""NA203-NA205: fluent changes of meaning, seen only against the aligned wire sentence.

Each detector compares an article sentence with the wire sentence(s) it is aligned to, and
speaks only when the pair is a confident translation pair (high similarity), the contrasting
words stand in comparable places (a shared word next to them), and the rest of the pair
gives no sign of a paraphrase that keeps the meaning ("failed to" for "did not").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..lexicon import function_words, load_table, zipf
from ..model import Finding, Severity
from ..text import tokenize
from .base import AuditContext, Rule

# A pair below this similarity may be a loose paraphrase or a misalignment: no comparison.
PAIR_MIN = 0.5

NEGATIONS = frozenset("not no never nobody nothing none neither nor without cannot nowhere "
                      "noone".split())
# Words that carry a negation without a negative word: "failed to attend" = "did not attend".
IMPLICIT_NEGATIONS = frozenset(
    "fail fails failed failing failure refuse refuses refused refusing deny denies denied "
    "denying lack lacks lacked lacking absence absent unable impossible prevent prevented "
    "stop stopped stops ceased cease avoid avoided instead rather only neither hardly barely "
    "scarcely little few rarely seldom ban banned banning reject rejected rejects "
    "exclude excluded except unless lost lose loses missing refrain refrained halt halted "
    "before until yet whether".split())
# Negations that are idioms, not the negation of a clause.
NEGATION_IDIOMS = re.compile(
    r"\b(?:not only|not least|no doubt|no later|no more than|no less|not to mention|no matter|"
    r"nothing but|none other|if not|whether or not|not just|no sooner|not yet|no one else|"
    r"no longer|not even|non-)", re.IGNORECASE)
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "de", "mis")
# Opposite prepositions of direction or role: "shipments to Kyiv" / "shipments from Kyiv".
DIRECTIONS = {"to": {"from", "by"}, "from": {"to", "into", "towards", "toward"},
              "into": {"from"}, "towards": {"from"}, "toward": {"from"},
              "by": {"to", "against"}, "against": {"by"}}
_CONTRACTED = re.compile(r"n[’']t$")


_SPLIT_CONTRACTION = re.compile(r"n ?[’'] ?t\b")


def _words(text: str) -> list[str]:
    """Lower-cased words; "didn’ t" (a spaced apostrophe, common in MT) read as "didn’t"."""
    return [t.text.lower() for t in tokenize(_SPLIT_CONTRACTION.sub("n't ", text))]


def _negations(words: list[str]) -> list[int]:
    """Indexes of negations, "no. 39" (number) left out."""
    return [k for k, w in enumerate(words) if _is_negation(w)
            and not (w == "no" and k + 1 < len(words) and words[k + 1][:1].isdigit())]


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or bool(_CONTRACTED.search(word))


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """A cheap lemma: irregular forms, then suffixes, checked against the antonym lexicon."""
    known = load_table("antonyms")
    irregular = load_table("irregular_forms")
    if word in known:
        return word
    if word in irregular:
        return irregular[word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("es", ""), ("s", ""), ("er", ""), ("est", ""),
                         ("ier", "y"), ("iest", "y")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            if base in known:
                return base
            if len(base) > 2 and base[-1] == base[-2] and base[:-1] in known:
                return base[:-1]  # "stopped" -> "stop"
    return word


def _confidence(similarity: float, clean: bool) -> float:
    """From the pair's similarity (0.5 -> 0.45, 0.9 -> 0.85); less when the contrast is loose."""
    return max(0.0, min(1.0, similarity - 0.05 - (0 if clean else 0.2)))


def _confident_pairs(ctx: AuditContext):
    for pair in ctx.alignment.sentences:
        if pair.similarity >= PAIR_MIN and pair.wire_sentences:
            yield pair


def _shares_neighbour(words: list[str], k: int, other: list[str], stop) -> bool:
    """A content word within two of ``words[k]`` also occurs in ``other`` (same stem)."""
    stems = {_stem(w) for w in other if w not in stop}
    near = words[max(0, k - 2):k] + words[k + 1:k + 3]
    return any(w not in stop and _stem(w) in stems for w in near)


def _negated_word(words: list[str], k: int, stop) -> str | None:
    """The content word a negation at ``k`` bears on: the next one within three words."""
    for w in words[k + 1:k + 4]:
        if w not in stop and not _is_negation(w):
            return w
    return None


def _has_prefixed_form(words: list[str], target: str) -> bool:
    """``words`` hold a negative-prefix form of ``target`` ("impossible" for "possible")."""
    return any(w.startswith(p) and w[len(p):][:5] == target[:5] and len(w) > len(p) + 3
               for w in words for p in NEGATIVE_PREFIXES)


def check_negation_flip(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A negation the wire does not have, or the wire's negation dropped.

    ## What it does
    In a sentence aligned with confidence to a wire sentence, finds "not", "no", "never",
    "n't", "without" and the like on one side only, where the word the negation bears on
    ("did not **attend**") is also in the other sentence. Pairs where the other side says the
    same with other words ("failed to", "refused", "no longer" / "stopped", "impossible" /
    "not possible") or where the negation is an idiom ("not only", "no doubt") are left
    alone. Opt-in (``--select NA203``): judged precision on WMT23 x-en MT (12 systems) is
    0.18 (5 TRUE, 23 FALSE, 1 UNSURE in ``bench/judged/meaning.jsonl``), below the 0.7 of a
    default rule; most false alarms are paraphrases ("not well" / "poorly") and wrong wires.

    ## Why is this bad?
    A dropped or added negation turns the news into its opposite while reading fluently: no
    reader can see it without the wire.

    ## Example
    Wire: "The minister did not attend the summit." Article: "The minister attended the
    summit."

    ## Use instead
    "The minister did not attend the summit."
    """
    stop = function_words()
    for pair in _confident_pairs(ctx):
        text, wire = pair.sentence.text, pair.wire_text
        if NEGATION_IDIOMS.search(text) or NEGATION_IDIOMS.search(wire):
            continue
        art, wir = _words(text), _words(wire)
        neg_a, neg_w = _negations(art), _negations(wir)
        if bool(neg_a) == bool(neg_w):
            continue  # both negated or neither: no flip
        neg_side, neg_idx, plain = (art, neg_a, wir) if neg_a else (wir, neg_w, art)
        if IMPLICIT_NEGATIONS & set(plain) or IMPLICIT_NEGATIONS & set(neg_side) \
                or any(w.endswith(("-free", "less")) for w in plain):
            continue  # "failed to", "refused", "problem-free": the plain side may say the same
        if len(neg_idx) > 1:
            continue  # several negations: too complex to compare
        target = _negated_word(neg_side, neg_idx[0], stop)
        if target is None or _has_prefixed_form(plain, target):
            continue
        irregular = load_table("irregular_forms")
        plain_stems = {_stem(w) for w in plain} | {irregular.get(w, w) for w in plain}
        if not {_stem(target), irregular.get(target, target)} & plain_stems:
            continue  # the negated word is not in the other sentence: no comparable place
        clean = _shares_neighbour(neg_side, neg_idx[0], plain, stop)
        added = bool(neg_a)
        tokens = tokenize(_SPLIT_CONTRACTION.sub("n't ", text), pair.sentence.start)
        if added:
            tok = tokens[neg_idx[0]]
            start, end = tok.start, tok.end
            message = f"“{tok.text}” negates what the wire states"
        else:
            start, end = pair.sentence.start, pair.sentence.end
            message = f"the wire's negation (“{wir[neg_idx[0]]} {target}”) is missing"
        yield rule.finding(ctx, start, end, message, evidence=wire,
                           confidence=_confidence(pair.similarity, clean))


def _antonym_contrast(art: list[str], wir: list[str], stop):
    """(article index, article word, wire word) of an antonym standing for a wire word."""
    antonyms = load_table("antonyms")
    lem_a = [lemma(w) for w in art]
    lem_w = [lemma(w) for w in wir]
    set_a, set_w = set(lem_a), set(lem_w)
    for k, la in enumerate(lem_a):
        if la not in antonyms or la in set_w or la in stop and la not in PARTICLE_PAIRS:
            continue
        if la not in PARTICLE_PAIRS and zipf(la) > LIGHT_ZIPF:
            continue  # "give" / "take", "go" / "come": light verbs, too polysemous to contrast
        for lb in antonyms[la].split(","):
            if lb not in set_w or lb in set_a:
                continue  # the contrast must be one-sided: "up and down" on both is no flip
            m = lem_w.index(lb)
            if la in PARTICLE_PAIRS:
                # a particle counts only after the same verb: "set up" / "set down"
                if k == 0 or m == 0 or _stem(art[k - 1]) != _stem(wir[m - 1]) \
                        or art[k - 1] in stop:
                    continue
            yield k, m, art[k], wir[m]


PARTICLE_PAIRS = frozenset("up down in out on off into onto".split())
# Above this Zipf frequency a verb is a light verb ("take" 6.0, "give" 5.8) with many senses.
LIGHT_ZIPF = 5.6


def check_antonym(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A word of the article is the opposite of the word the wire has in its place.

    ## What it does
    In a sentence aligned with confidence to a wire sentence, finds a verb or adjective whose
    WordNet antonym ("open" / "close", "increase" / "decrease", "win" / "lose") stands in the
    wire sentence, or a verb particle turned round ("set up" / "set down"), when the article
    does not also have the wire's word, the wire does not also have the article's, both
    sentences carry the same number of negations ("not open" = "closed"), and a word next to
    the contrast is shared. Opt-in (``--select NA204``): judged precision on WMT23 x-en MT is
    0.00 (0 TRUE of 18 in ``bench/judged/meaning.jsonl``: "lending" / "borrowing" rates,
    "international" / "national" player, wires that are wrong).

    ## Why is this bad?
    An antonym is fluent and grammatical, so only a reader holding the wire can see that the
    article says the opposite of the facts.

    ## Example
    Wire: "Tents were set up near the station." Article: "Tents were torn down near the
    station."

    ## Use instead
    "Tents were set up near the station."
    """
    stop = function_words()
    for pair in _confident_pairs(ctx):
        text, wire = pair.sentence.text, pair.wire_text
        art, wir = _words(text), _words(wire)
        if len(_negations(art)) != len(_negations(wir)):
            continue  # "did not win" / "lost": a paraphrase with a negation
        tokens = tokenize(text, pair.sentence.start)
        for k, m, _word, wire_word in _antonym_contrast(art, wir, stop):
            if len(tokens) != len(art) or k > 0 and tokens[k].text[:1].isupper():
                continue  # a name ("Secondary School No. 2") is not a choice of word
            if not (_shares_neighbour(art, k, wir, stop) or _shares_neighbour(wir, m, art, stop)):
                continue  # no comparable place
            place = abs(k / max(len(art), 1) - m / max(len(wir), 1)) < 0.25
            tok = tokens[k]
            yield rule.finding(ctx, tok.start, tok.end,
                               f"“{tok.text}” is the opposite of the wire's “{wire_word}”",
                               evidence=wire, confidence=_confidence(pair.similarity, place))
            break


def check_direction(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A direction or role reversed: "shipments to Kyiv" where the wire has "from Kyiv".

    ## What it does
    In a sentence aligned with confidence to a wire sentence, finds a word that both sentences
    have once, introduced by opposite prepositions ("to" / "from", "to" / "by", "into" /
    "from", "against" / "by"), after the same word ("shipments to Kyiv" / "shipments from
    Kyiv"). Opt-in (``--select NA205``): judged precision on WMT23 x-en MT is 0.29 (5 TRUE,
    12 FALSE, 2 UNSURE in ``bench/judged/meaning.jsonl``; 12 of the FALSE are one sentence
    whose wire, not the MT, is wrong).

    ## Why is this bad?
    Who sends to whom, who attacks whom: a reversed direction swaps the actors of the story.

    ## Example
    Wire: "Grain shipments to Egypt resumed." Article: "Grain shipments from Egypt resumed."

    ## Use instead
    "Grain shipments to Egypt resumed."
    """
    stop = function_words()
    skip = {"the", "a", "an"}
    for pair in _confident_pairs(ctx):
        text, wire = pair.sentence.text, pair.wire_text
        art, wir = _words(text), _words(wire)
        tokens = tokenize(text, pair.sentence.start)
        for k, word in enumerate(art):
            if len(art) != len(tokens) or not word.isalpha() or word in stop:
                continue
            if art.count(word) != 1 or wir.count(word) != 1:
                continue
            m = wir.index(word)
            pa = _preposition_before(art, k, skip)
            pw = _preposition_before(wir, m, skip)
            if pa is None or pw is None or wir[pw] not in DIRECTIONS[art[pa]]:
                continue
            if art[pa] in wir[m + 1:m + 3] or wir[pw] in art[k + 1:k + 3]:
                continue  # "reported to CNN by" / "reported by CNN": the roles moved, not turned
            if pa == 0 or pw == 0 or art[pa - 1] in stop \
                    or _stem(art[pa - 1]) != _stem(wir[pw - 1]):
                continue  # not after the same word: no comparable place
            tok = tokens[k]
            yield rule.finding(ctx, tokens[pa].start, tok.end,
                               f"“{art[pa]} {tok.text}” reverses the wire's “{wir[pw]} {wir[m]}”",
                               evidence=wire, confidence=_confidence(pair.similarity, True))


def _preposition_before(words: list[str], k: int, skip) -> int | None:
    j = k - 1
    while j >= 0 and words[j] in skip:
        j -= 1
    return j if j >= 0 and words[j] in DIRECTIONS else None


RULES = (
    Rule("NA203", "negation-flip", "Accuracy/Mistranslation", Severity.MAJOR, check_negation_flip,
         needs_wire=True, default=False),
    Rule("NA204", "antonym", "Accuracy/Mistranslation", Severity.MAJOR, check_antonym,
         needs_wire=True, default=False),
    Rule("NA205", "direction", "Accuracy/Mistranslation", Severity.MAJOR, check_direction,
         needs_wire=True, default=False),
)
