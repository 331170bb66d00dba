"""NA1xx: names. Transliteration drift against the wire, inconsistent spellings inside one
article, and names rendered as ordinary words."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain, islice
from types import MappingProxyType
from typing import Iterator, Mapping

from ..lexicon import is_dictionary_word, is_ordinary_word, load_list, name_zipf
from ..model import Finding, Sentence, Severity
from ..nameforms import (
    GARBLED,
    ROMANISATION,
    VARIANT,
    drift,
    has_script_letters,
    is_close_variant,
    is_derived_form,
    is_garbled,
    is_variant,
    name_parts,
    skeleton,
    variant_class,
    variant_groups,
)
from ..text import Token, fold, is_redaction, stem, strip_possessive
from .base import AuditContext, Rule
from .common import sentence_capitalised, sentence_names, sentence_tokens

NAME_MIN_SIMILARITY = 0.25  # sentence pairs below this are too loose to compare names
UNSURE_PHRASE_CONFIDENCE = 0.45  # reported, not counted: see check_translated_name
PHRASE_MIN_SIMILARITY = 0.35  # a translated name needs a solidly aligned sentence


# confidence of a finding by how far the spelling drifted (see ``nameforms.drift``)
DRIFT_CONFIDENCE = {GARBLED: 0.9, VARIANT: 0.7, ROMANISATION: 0.35}
# A variant without the Г shift (kh/h/ch/k, b/v, s/z, a dropped accent or h) is as often an
# exonym or another romanisation ("Lesbos"/"Lesvos", "Urbach"/"Urbakh"): judged 7 of 15, then
# 5 of 12 counted minors true. Reported only.
UNSHIFTED_VARIANT_CONFIDENCE = 0.45
ESTABLISHED_NAME_ZIPF = 2.0  # a spelling this frequent in English text is an attested name
LOW_CONFIDENCE = 0.3  # reported, but not counted in the score


@lru_cache(maxsize=50_000)
def grade_drift(word: str, reference: str) -> tuple[Severity, float, str]:
    """Severity, confidence and a note for spelling ``word`` where ``reference`` is expected.

    A garbled name (consonant frame changed) is major; a variant (same frame up to the
    romanisation classes g/h, kh/h, w/v, ts/z...) or a standard alternative romanisation
    (ye/e, y/i, -sky/-skyy...) is minor, the latter with low confidence. Confidence drops
    further when the article's spelling is not wrong for English copy: it keeps the letters of
    its own alphabet ("Kılıç"), the reference is its English exonym ("Rhine" for "Rhein"), both
    are attested names ("Natalia"/"Natalya"), or the article's spelling is far better attested
    than a reference that looks like a typo ("Bofors" against "Bosfors").
    """
    kind, edits, shifts = drift(word, reference)
    severity = Severity.MAJOR if kind == GARBLED else Severity.MINOR
    confidence = DRIFT_CONFIDENCE[kind]
    note = {
        GARBLED: "",
        VARIANT: " (a transliteration variant)",
        ROMANISATION: " (an alternative romanisation)",
    }[kind]
    parts = name_parts(word, reference)
    za = min(name_zipf(fold(a)) for a, _ in parts)
    zr = min(name_zipf(fold(r)) for _, r in parts)
    if has_script_letters(word) and not has_script_letters(reference):
        return Severity.MINOR, LOW_CONFIDENCE, " (the article keeps the original letters)"
    if all(is_dictionary_word(r) and not is_dictionary_word(a) for a, r in parts):
        return Severity.MINOR, LOW_CONFIDENCE, " (the reference is the English form)"
    if kind != GARBLED and za >= ESTABLISHED_NAME_ZIPF and zr >= ESTABLISHED_NAME_ZIPF:
        return Severity.MINOR, LOW_CONFIDENCE, " (both spellings are attested names)"
    # Russian-style g/h spellings of Ukrainian names are better attested, yet still wrong
    if edits <= 1 and not shifts and za >= 1.0 and za >= zr + 1.0:
        return Severity.MINOR, LOW_CONFIDENCE - 0.05, " (the article’s spelling is attested)"
    if kind == VARIANT and not shifts:
        confidence = UNSHIFTED_VARIANT_CONFIDENCE
    return severity, confidence, note


def _alignment_factor(similarity: float) -> float:
    """Loosely aligned sentences are weaker evidence that two names are one."""
    return 0.8 + 0.2 * min(1.0, similarity / 0.6)


def _closest_variant(word: str, candidates) -> str | None:
    best = None
    for c in candidates:
        if is_variant(word, c) and (best is None or _closeness(word, c) > _closeness(word, best)):
            best = c
    return best


def _closeness(a: str, b: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(fold(a), fold(b))


@lru_cache(maxsize=50_000)
def _wire_sentence_names(
    sentences: tuple[Sentence, ...],
) -> tuple[Mapping[str, tuple[str, ...]], frozenset[str]]:
    """The names of wire sentences, redactions left out, by ``variant_class`` (the only ones
    ``is_variant`` may pair with a name of that class), and their folded forms (once per
    aligned wire text, not once per article aligned to it)."""
    names = tuple(
        t.bare for s in sentences for t in sentence_names(s) if not is_redaction(t.bare)
    )
    by_class: dict[str, list[str]] = defaultdict(list)
    for w in names:
        group = variant_class(w)
        if group is not None:
            by_class[group].append(w)
    # read-only: shared through the cache
    variant_candidates = MappingProxyType({k: tuple(v) for k, v in by_class.items()})
    return variant_candidates, frozenset(fold(w) for w in names)


@lru_cache(maxsize=50_000)
def _may_drift(name: str) -> bool:
    """A name whose spelling NA101 and NA102 compare: not an everyday English word, and not a
    listed spelling of ``data/name_variants.txt`` (an established variant: the name-variant
    rule, NA601, judges those)."""
    return not is_ordinary_word(name) and fold(name) not in variant_groups()


def check_name_drift(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A name spelled differently from the similar-looking name in the aligned wire sentence.

    ## What it does
    For every article sentence aligned to a wire sentence, compares the names of the two. A name
    of the article that the wire pool does not know and that looks like a spelling of a name in
    the aligned wire text (same consonant frame once transliteration variants such as g/h/kh,
    doubled letters and vowels are evened out) is reported, with the wire's spelling. A form
    derived from the wire's name is not drift: a place's adjective or people ("Rosenheimer",
    "Maltese"), another adjective ending ("-skaya" beside "-sky").

    Severity follows how far the spelling drifted (``grade_drift``): a garbled name, whose
    consonant frame changed beyond the romanisation classes ("Kerkasy" for "Cherkasy"), is
    major (confidence 0.9); a transliteration variant across Г (g/h: "Horodok" for "Gorodok",
    Russian- against Ukrainian-style) is minor (0.7), other variants (kh/h/ch/k for Х, w/v,
    b/v, ts/z, a dropped accent or h: often an exonym or another romanisation) minor with
    0.45, reported but not counted; a standard alternative romanisation (ye/e, yo/e, ya/ia, y/i,
    -sky/-skyy, doubled letters: "Semenov"/"Semyonov") is minor with confidence 0.35, below
    the 0.5 that counts in the score. Confidence is 0.3 or less when the article keeps the
    name's own letters ("Kılıç"), the wire has the English exonym ("Rhine" for "Rhein"), both
    spellings are attested names, or the article's spelling is far better attested in English
    text than a wire spelling that looks like a typo. Loosely aligned sentences lower it by up
    to a fifth.

    ## Why is this bad?
    Machine translation re-transliterates names from the source script, so the same person or
    place appears under a spelling nobody else uses; readers and search engines cannot connect
    it to the story. A small romanisation difference is a minor name-format issue; a garbled
    name is a major mistranslation.

    ## Example
    Wire: "The mayor of Dnipro, Borys Filatov, said ..."
    Article: "The mayor of Dnepro, Boris Filatow, said ..."

    ## Use instead
    The wire's spelling: "Borys Filatov".
    """
    pool_names = ctx.wire_names
    for pair in ctx.alignment.sentences:
        if pair.similarity < NAME_MIN_SIMILARITY:
            continue
        wire_names = None  # by initial class, looked up at the first name the pool does not know
        for token in sentence_names(pair.sentence):
            word = token.bare
            folded = fold(word)
            if folded in pool_names or not _may_drift(word):
                continue
            if wire_names is None:
                wire_names, wire_folded = _wire_sentence_names(pair.wire_sentences)
            if folded in wire_folded:
                continue
            # the wire names that may be variants of the word, in their order
            match = _closest_variant(word, wire_names.get(variant_class(word), ()))
            if match is None or is_derived_form(word, match):
                continue
            severity, confidence, note = grade_drift(word, match)
            yield rule.finding(
                ctx,
                token.start,
                token.start + len(word),
                f"“{word}” is spelled “{match}” in the aligned wire sentence{note}",
                evidence=f"{pair.wire_path}: {pair.wire_text}",
                severity=severity,
                category="Locale convention/Name format" if severity is Severity.MINOR else None,
                confidence=confidence * _alignment_factor(pair.similarity),
            )


def check_inconsistent_name(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """One name spelled several ways inside the same article.

    ## What it does
    Groups the article's names whose spellings look like transliterations of one name and
    reports every occurrence of the spellings that lose: the spelling used most often wins,
    the wire pool's spelling and a spelling attested in English text settle near-ties (a
    spelling used three times beats a wire spelling used once), then the first one. Not
    reported: a people beside its country ("Maltese"/"Malta"), adjective endings of one place,
    two established names ("Johanna"/"Johann") and first names followed by different surnames
    (two people). Severity and confidence are graded as for name-drift (NA101): garbled
    spellings are major, variants minor, standard romanisations minor with low confidence;
    confidence drops by a fifth when the winning spelling occurs once and not in the wire pool.

    ## Why is this bad?
    Two spellings of one place or person make readers believe there are two. MT engines
    translate sentence by sentence and re-transliterate each time, which is how one city
    becomes three in a single article.

    ## Example
    "Troops entered Zaporizhzhia on Monday ... the Zaporozhye administration said ..."

    ## Use instead
    One spelling throughout, the wire's if there is one: "Zaporizhzhia".
    """
    occurrences: dict[str, list[Token]] = defaultdict(list)
    for sentence in ctx.doc.sentences:
        for token in sentence_names(sentence):
            word = token.bare
            if _may_drift(word):
                occurrences[word].append(token)
    spellings = sorted(occurrences, key=lambda w: occurrences[w][0].start)
    counts = Counter({w: len(occurrences[w]) for w in spellings})
    seen: set[str] = set()
    buckets: dict[str, list[str]] = defaultdict(list)
    long_by_initial: dict[str, list[str]] = defaultdict(list)  # spellings of six letters or more
    for w in spellings:
        buckets[skeleton(w)].append(w)
        if len(w) >= 6:
            long_by_initial[w[0]].append(w)
    for word in spellings:
        if word in seen:
            continue
        # variants share a skeleton, or (long names) start alike and differ little in length
        nearby = buckets[skeleton(word)] + (
            [w for w in long_by_initial[word[0]] if abs(len(w) - len(word)) <= 2]
            if len(word) >= 6
            else []
        )
        group = [word] + [
            w
            for w in dict.fromkeys(nearby)
            if w not in seen and w != word and is_close_variant(word, w)
        ]
        if len(group) < 2:
            continue
        seen.update(group)
        # the spelling used consistently wins; the wire pool's spelling, then a spelling
        # attested in English text, settle near-ties
        canonical = max(
            group,
            key=lambda w: (
                counts[w] + 1.5 * (fold(w) in ctx.wire_names) + 0.9 * (name_zipf(fold(w)) >= 1.0),
                -occurrences[w][0].start,
            ),
        )
        in_pool = fold(canonical) in ctx.wire_names
        attested = " (the spelling used in the wire pool)" if in_pool else ""
        for variant in group:
            if variant == canonical or not is_close_variant(variant, canonical):
                continue
            if is_derived_form(variant, canonical) or _different_people(
                occurrences[variant], occurrences[canonical], ctx.doc.text
            ):
                continue
            kind = drift(variant, canonical)[0]
            if (
                kind != GARBLED
                and min(name_zipf(fold(variant)), name_zipf(fold(canonical)))
                >= ESTABLISHED_NAME_ZIPF
            ):
                continue  # two established names ("Hermann"/"Herrmann"): two people, likely
            severity, confidence, note = grade_drift(variant, canonical)
            if counts[canonical] < 2 and not attested:
                confidence *= 0.8  # one occurrence against one: which is right is unclear
            for token in occurrences[variant]:
                yield rule.finding(
                    ctx,
                    token.start,
                    token.start + len(variant),
                    f"“{variant}” and “{canonical}” look like one name spelled two ways{note}",
                    evidence=f"“{canonical}” appears {counts[canonical]}× in this article"
                    f"{attested}",
                    severity=severity,
                    confidence=confidence,
                )


def _next_name(token: Token, text: str) -> str | None:
    """The capitalised word right after ``token`` (a surname after a first name), if any."""
    rest = text[token.end : token.end + 40]
    m = re.match(r"[ \u00a0]([A-Z][\w'’-]+)", rest)
    return fold(m.group(1)) if m else None


def _different_people(a: list[Token], b: list[Token], text: str) -> bool:
    """First names followed by different surnames ("Kathrin Jandt", "Katharina Wick")."""
    sa = {_next_name(t, text) for t in a} - {None}
    sb = {_next_name(t, text) for t in b} - {None}
    return bool(sa and sb) and not (sa & sb)


def _capitalised_phrases(tokens: tuple[Token, ...], text: str, offset: int):
    """Runs of capitalised words (allowing inner "of"), skipping sentence-initial words."""
    run: list[Token] = []
    for token in tokens + (None,):  # type: ignore[operator]
        joinable = token is not None and run and token.text == "of"
        capital = token is not None and token.text[:1].isupper() and not token.initial
        if capital or joinable:
            if run and text[run[-1].end - offset : token.start - offset].strip():
                yield run
                run = []
            run.append(token)
            continue
        while run and run[-1].text == "of":
            run.pop()
        if run:
            yield run
        run = []


def _foreign_name(word: str) -> bool:
    """A name no English dictionary knows (a transliteration), at least four letters long."""
    return (
        len(word) >= 4
        and not is_redaction(word)
        and not is_dictionary_word(word)
        and not is_dictionary_word(word.rstrip("s"))
    )


def _plain_word(word: str) -> bool:
    """An everyday English word written with a capital: no acronym, no hyphen, no initial."""
    return word.isalpha() and len(word) >= 4 and not word.isupper() and is_dictionary_word(word)


UNKNOWN_NAME_ZIPF = 2.5  # a wire name rarer than this in English text is a transliteration
NEIGHBOURS = 3  # content words either side that place a phrase where a wire name sits
_LOWER_VOCAB: dict[int, tuple[object, frozenset[str]]] = {}


def _lower_vocabulary(ctx: AuditContext) -> frozenset[str]:
    """Words the wire pool writes in lower case somewhere (so: not only names)."""
    key = id(ctx.wires)
    cached = _LOWER_VOCAB.get(key)
    if cached is None or cached[0] is not ctx.wires:
        words = frozenset(
            w for d in ctx.wires.values() for w in re.findall(r"\b[a-z][a-z’'-]+\b", d.text)
        )
        cached = _LOWER_VOCAB[key] = (ctx.wires, words)
    return cached[1]  # type: ignore[return-value]


def _is_place_word(word: str, ctx: AuditContext) -> bool:
    """A place, country or people ("Britain", "Russian"): a listed place spelling ("Kiev"), or
    a word the wire pool writes as a name and never in lower case."""
    folded = fold(word)
    return folded in variant_groups() or (
        folded in ctx.wire_names and word.lower() not in _lower_vocabulary(ctx)
    )


def is_dictionary_function(word: str) -> bool:
    return word.lower() in load_list("function_words")


_SPEECH = frozenset("said says told added stated noted wrote explained".split())


def _names_a_person(tokens, i: int, titles: frozenset[str]) -> bool:
    """The wire token ``i`` names a person: possessive, after a title or a capitalised given
    name ("President Kovalenko", "Iryna Kovalchuk"), or the subject of a verb of saying."""
    token = tokens[i]
    if token.text != token.bare:
        return True  # "Kovalenko's office"
    before = tokens[i - 1] if i else None
    if before is not None and (
        before.text.lower() in titles
        or (
            before.text[:1].isupper()
            and not before.initial
            and before.text.isalpha()
            and not is_dictionary_word(before.text)
        )
    ):
        return True
    return any(t.text.lower() in _SPEECH for t in tokens[i + 1 : i + 3])


def _neighbours(tokens, first: int, last: int) -> set[str]:
    """Stems of the content words next to tokens[first..last] (``NEIGHBOURS`` either side)."""
    # the nearest ones, found by walking away from the phrase (a set: their order is lost)
    before = (t.text for t in reversed(tokens[:first]))
    after = (t.text for t in tokens[last + 1 :])
    return {
        stem(w)
        for w in chain(
            islice(filter(_is_content_word, before), NEIGHBOURS),
            islice(filter(_is_content_word, after), NEIGHBOURS),
        )
    }


def _is_content_word(text: str) -> bool:
    return text.isalpha() and not is_dictionary_function(text)


@lru_cache(maxsize=50_000)
def _known_in(name: str, article_names: tuple[str, ...]) -> bool:
    """The article has this name in some spelling or derived form ("Vyshhorodsky").

    Memoised: translations of one wire sentence often name the same people the same way."""
    # The tests are pure, so their order does not change the answer: the cheap ones go first
    # over all the names, and most names are found as they are, before any costly test.
    folded = fold(name)
    return (
        any(fold(a) == folded for a in article_names)
        or any(is_variant(name, a) for a in article_names)
        or any(is_derived_form(name, a) for a in article_names)
        or not all(is_garbled(name, a) for a in article_names)
    )


@lru_cache(maxsize=50_000)
def _unknown_wire_names(sentence: Sentence) -> tuple[Token, ...]:
    """The names of a wire sentence that no English dictionary or text corpus knows (once per
    wire sentence, not once per article aligned to it)."""
    return tuple(
        t
        for t in sentence_names(sentence)
        if _foreign_name(t.bare)
        and not t.bare.isupper()
        and name_zipf(fold(t.bare)) < UNKNOWN_NAME_ZIPF
    )


def _may_hold_phrase(sentence: Sentence, wire_text: str, titles: frozenset[str]) -> bool:
    """The article sentence has a word that a phrase reported by ``check_translated_name``
    could hold: capitalised, not the first of its sentence, a plain word and no title, and
    not in the wire text (every word of such a phrase is all that). ``sentence_capitalised``
    gives the capitalised tokens of ``sentence_tokens`` without tokenising the rest (found
    already for the sentence's names); most sentences have no such word, and the costlier
    tests need not run. ``wire_text`` is the aligned wire text in lower case."""
    for t in sentence_capitalised(sentence):
        if not t.initial:
            word = _phrase_word(t.text, titles)
            if word is not None and word not in wire_text:
                return True
    return False


@lru_cache(maxsize=50_000)
def _phrase_word(text: str, titles: frozenset[str]) -> str | None:
    """The lower case of a token ``text`` that a reported phrase could hold (a plain word and
    no title, once its possessive is dropped), None for another token."""
    word = strip_possessive(text)
    lower = word.lower()
    return lower if _plain_word(word) and lower not in titles else None


def check_translated_name(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A name of the wire sentence rendered as a capitalised phrase of ordinary words.

    ## What it does
    In a solidly aligned sentence pair, looks for a capitalised phrase of everyday English
    words in the article ("the Blue Fields Office") that shares no word with the wire
    paragraph, while a name of the wire sentence that no English dictionary or text corpus
    knows (a transliteration such as "Kovalenko") has no counterpart in the article sentence,
    not even in another spelling or a derived form. The phrase must sit where that name sits:
    some of the content words next to the phrase are those next to the name in the wire
    sentence. Phrases whose head is a place, country or people ("Great Britain", "Armed Forces
    of Ukraine", "Madrid") are not taken for translated words, nor are acronyms, hyphenated
    words, words under four letters, and the descriptive tail of a name kept as it is ("Xinhua
    News Agency"). The phrase is then most likely that name, translated word by word.

    Severity is major (the reader loses who or what is meant). Confidence grows with the
    similarity of the aligned sentences and with how many neighbouring words agree. It is
    capped at 0.45 (reported, not counted) for a single word (as often a demonym or a title)
    and when the wire's name is not a person's (possessive, after a title or a given name, or
    saying something): institutions and places often have a standard English name ("Palace
    Square", "Federal Agency for Tourism"), so the phrase may be right.

    ## Why is this bad?
    Names often mean something in their own language (Kovalenko contains the word for
    "smith"); an engine that translates them produces an organisation or place that does not
    exist, and the reader loses who is speaking.

    ## Example
    Wire: "Kovalenko's office declined to comment."
    Article: "The office of the Blacksmith Agency declined to comment."

    ## Use instead
    The name as the wire writes it: "Kovalenko's office".
    """
    titles = load_list("title_words")
    for pair in ctx.alignment.sentences:
        if pair.similarity < PHRASE_MIN_SIMILARITY:
            continue
        unknown = [t for s in pair.wire_sentences for t in _unknown_wire_names(s)]
        # most wire sentences name nobody a dictionary does not know, and most article
        # sentences have no word a translated name could be
        if not unknown or not _may_hold_phrase(
            pair.sentence, wire_lower := pair.wire_text.lower(), titles
        ):
            continue
        article_names = tuple(t.bare for t in sentence_names(pair.sentence))
        missing = [t for t in unknown if not _known_in(t.bare, article_names)]
        if not missing:
            continue
        wire_tokens = [sentence_tokens(s) for s in pair.wire_sentences]
        wire_stems = {stem(t.text) for ts in wire_tokens for t in ts}
        around_missing, persons = {}, set()
        for m in missing:
            for ts in wire_tokens:
                for i, t in enumerate(ts):
                    if t.start == m.start:
                        around_missing[m.bare] = _neighbours(ts, i, i)
                        if _names_a_person(ts, i, titles):
                            persons.add(m.bare)
        tokens = sentence_tokens(pair.sentence)
        position = {t.start: i for i, t in enumerate(tokens)}
        for run in _capitalised_phrases(tokens, pair.sentence.text, pair.sentence.start):
            words = [t for t in run if t.text != "of"]
            if not all(_phrase_word(t.text, titles) is not None for t in words):
                continue
            if (
                _is_place_word(words[-1].bare, ctx)
                or _is_place_word(run[-1].bare, ctx)
                or all(_is_place_word(t.bare, ctx) for t in words)
            ):
                continue  # "Great Britain", "Russian Federation": a place named, not translated
            if any(fold(t.bare) in fold(m.bare) for t in words for m in missing):
                continue  # "Jong Un" for "Jong-un": a spelling, not a translation
            if any(t.bare.lower() in wire_lower for t in words):
                continue  # "Ticker" inside the wire's "@rponline-Ticker"
            if (
                any(stem(t.text) in wire_stems for t in words)
                or fold(" ".join(t.bare for t in words)) in ctx.wire_names
            ):
                continue
            if any(skeleton(t.bare) == skeleton(m.bare) for t in words for m in missing):
                continue  # "Kiev" for "Kyiv" is a spelling, not a translation
            before = position[run[0].start] - 1
            if (
                before >= 0
                and _foreign_name(tokens[before].bare)
                and tokens[before].text[:1].isupper()
            ):
                continue  # "Xinhua News Agency": the descriptive tail of a name kept as it is
            here = _neighbours(tokens, position[run[0].start], position[run[-1].start])
            shared = {m: len(here & near) for m, near in around_missing.items()}
            name, agree = max(shared.items(), key=lambda kv: kv[1], default=(None, 0))
            if not agree:
                continue  # the phrase is not where the wire's name is
            phrase = ctx.doc.text[run[0].start : run[-1].end]
            confidence = min(1.0, 0.5 + 0.4 * min(1.0, pair.similarity / 0.7) + 0.1 * agree)
            if len(words) == 1 or name not in persons:
                # one word is as often a demonym or a title ("Chairmen", "Moroccan"); for an
                # institution or a place the English name is often the standard one
                # ("Federal Agency for Tourism", "Palace Square"): judged 6 of 13 true
                confidence = min(confidence, UNSURE_PHRASE_CONFIDENCE)
            yield rule.finding(
                ctx,
                run[0].start,
                run[-1].end,
                f"“{phrase}” may be a name translated as words: the aligned wire sentence names "
                f"“{name}” at this place, which this sentence does not",
                evidence=f"{pair.wire_path}: {pair.wire_text}",
                confidence=confidence,
            )


RULES = (
    Rule(
        "NA101",
        "name-drift",
        "Accuracy/Mistranslation",
        Severity.MAJOR,
        check_name_drift,
        needs_wire=True,
        about_names=True,
    ),
    Rule(
        "NA102",
        "inconsistent-name",
        "Fluency/Inconsistency",
        Severity.MAJOR,
        check_inconsistent_name,
        translation_signal=True,
        about_names=True,
    ),
    Rule(
        "NA103",
        "translated-name",
        "Accuracy/Mistranslation",
        Severity.MAJOR,
        check_translated_name,
        needs_wire=True,
        about_names=True,
        corroborated="place",
    ),
)
