"""NA31x: coverage. Sentences added to, or missing from, an otherwise aligned paragraph."""

from __future__ import annotations

import threading
import weakref
from typing import Iterator

from ..adequacy import char_fscore
from ..model import Finding, Sentence, Severity
from ..quantity import quantities
from ..text import content_terms, count_words, fold
from .base import AuditContext, Rule
from .common import sentence_names

GROUP_MIN = 0.35  # only paragraphs that clearly are the same text are judged
ADDED_MAX_OVERLAP = 0.15  # share of the sentence's content found in the wire paragraph
OMITTED_MIN_TERMS = 3  # a wire sentence this rich in content is worth reporting
OMITTED_MAX_COVERED = 0.35  # share of its content found anywhere in the article paragraph
OMITTED_SURE_TERMS, OMITTED_SURE_COVERED = 5, 0.15  # ... and when the omission is clear-cut
PARAPHRASE_MIN = 0.35  # character similarity at which two slot-mates are one sentence reworded
SURE, UNSURE = 0.8, 0.45  # confidence of a clear-cut finding, and of one only reported


def _slots(article: list[Sentence], wire: list[Sentence], pairs) -> dict[int, list[Sentence]]:
    """For each unaligned article sentence, the unaligned wire sentences between the same anchors.

    Anchors are the aligned sentence pairs; an unaligned sentence on each side of the same gap
    is most likely the same sentence, reworded beyond lexical overlap.
    """
    anchor_of = {p.sentence.index: max(w.index for w in p.wire_sentences) for p in pairs}
    aligned_wire = {w.index for p in pairs for w in p.wire_sentences}
    slots: dict[int, list[Sentence]] = {}
    previous_wire = -1
    for k, sentence in enumerate(article):
        if sentence.index in anchor_of:
            previous_wire = anchor_of[sentence.index]
            continue
        following = next(
            (anchor_of[s.index] for s in article[k + 1 :] if s.index in anchor_of), None
        )
        slots[sentence.index] = [
            w
            for w in wire
            if w.index not in aligned_wire
            and w.index > previous_wire
            and (following is None or w.index < following)
        ]
    return slots


def _aligned_groups(ctx: AuditContext, done: set[int] | None = None):
    """(article sentences, wire sentences, wire path, similarity) per well-aligned paragraph;
    with ``done``, only where an article sentence's index is not in it."""
    groups = _groups_of(ctx)
    if done is None:
        return groups
    return [group for group in groups if not all(s.index in done for s in group[0])]


# The groups of the last context asked for in this thread (NA311 and NA312 both ask, one after
# the other): a context is immutable, so its groups are the same at every ask. Per thread, since
# a Dask worker audits in threads; the context is held weakly, so a finished run's article and
# wire pool are not kept alive by it.
_LAST_GROUPS = threading.local()


def _groups_of(ctx: AuditContext) -> tuple:
    """The groups of ``_aligned_groups``, worked out once per context."""
    last = getattr(_LAST_GROUPS, "last", None)
    if last is not None and last[0]() is ctx:
        return last[1]
    groups = tuple(_list_groups(ctx))
    _LAST_GROUPS.last = (weakref.ref(ctx), groups)
    return groups


def _list_groups(ctx: AuditContext):
    paragraphs_of: dict[tuple, list[int]] = {}  # wire paragraphs -> article paragraphs, in order
    for p in ctx.alignment.paragraphs:
        paragraphs_of.setdefault((p.wire_path, p.wire_paragraphs), []).append(p.paragraph)
    seen = set()
    for pa in ctx.alignment.paragraphs:
        key = (pa.wire_path, pa.wire_paragraphs)
        wire = ctx.wires.get(pa.wire_path)
        if key in seen or wire is None or pa.similarity < GROUP_MIN:
            continue
        seen.add(key)
        article = [s for i in paragraphs_of[key] for s in ctx.doc.paragraphs[i].sentences]
        wire_sents = [s for i in pa.wire_paragraphs for s in wire.paragraphs[i].sentences]
        yield article, wire_sents, pa.wire_path, pa.similarity


def _pairs_by_sentence(ctx: AuditContext) -> dict[int, list[tuple[int, object]]]:
    """Article sentence index -> its (place in the alignment's list of pairs, pair)."""
    by_sentence: dict[int, list[tuple[int, object]]] = {}
    for place, pair in enumerate(ctx.alignment.sentences):
        by_sentence.setdefault(pair.sentence.index, []).append((place, pair))
    return by_sentence


def _pairs_of(members: set[int], pairs_by_sentence: dict) -> list:
    """The sentence pairs of the article sentences ``members``, in the alignment's order: what
    a pass over all the pairs keeps, found without one (it was done for every group)."""
    found = sorted(entry for index in members for entry in pairs_by_sentence.get(index, ()))
    return [pair for _, pair in found]  # (the places differ: pairs are never compared)


def _covered(terms: frozenset[str], other: frozenset[str]) -> float:
    return len(terms & other) / len(terms) if terms else 1.0


def check_added_sentence(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A sentence inside an aligned paragraph that has no counterpart in the wire.

    ## What it does
    In a paragraph that clearly aligns with a wire paragraph, reports an article sentence of
    four words or more that aligned with no wire sentence and shares almost none of its
    content words with the wire paragraph. An unaligned wire sentence in the same place
    (between the same aligned neighbours) that resembles it letter by letter makes it a
    rewording, not an addition. A sentence that also shares nothing with its neighbours and
    names no one and no number is called a non-sequitur, the typical hallucination of an MT
    engine. Minor, and reported with confidence 0.45, not counted in the score: judged on
    held-out MT systems, 0 of 12 counted findings were real additions (free renderings of a
    wire sentence, "How is that possible?" for "How does that happen?", look the same).

    ## Why is this bad?
    Words the source never had put claims in the mouth of the source. Engines hallucinate
    filler when they lose track of a quote or a list.

    ## Example
    Wire: "“We will rebuild,” the mayor said. “Help is coming.”"
    Article: "“We will rebuild,” said the mayor. “The weather is fine in this season.”
    “Help is on its way.”"

    ## Use instead
    Remove the sentence, or check the source for what it replaced.
    """
    done = {p.sentence.index for p in ctx.alignment.sentences}
    for article, wire, path, _ in _aligned_groups(ctx, done):  # groups with a sentence not done
        wire_terms = frozenset().union(*(content_terms(s.text) for s in wire))
        slots = None  # worked out for the first sentence that needs them
        for i, sentence in enumerate(article):
            if sentence.index in done or count_words(sentence.text) < 4:
                continue
            terms = content_terms(sentence.text)
            if not terms or _covered(terms, wire_terms) > ADDED_MAX_OVERLAP:
                continue
            if slots is None:
                members = {s.index for s in article}
                pairs = [p for p in ctx.alignment.sentences if p.sentence.index in members]
                slots = _slots(article, wire, pairs)
            if any(
                char_fscore(sentence.text, w.text) >= PARAPHRASE_MIN
                for w in slots.get(sentence.index, ())
            ):
                continue  # reworded, not added
            neighbours = [article[j] for j in (i - 1, i + 1) if 0 <= j < len(article)]
            isolated = all(not (terms & content_terms(n.text)) for n in neighbours)
            bare = not sentence_names(sentence) and not any(map(str.isdigit, sentence.text))
            nonsequitur = isolated and bare
            yield rule.finding(
                ctx,
                sentence.start,
                sentence.end,
                "this sentence has no counterpart in the aligned wire paragraph"
                + (
                    " and no link to its neighbours: a likely MT hallucination"
                    if nonsequitur
                    else ""
                ),
                evidence=f"{path}: " + " ".join(s.text for s in wire),
                confidence=UNSURE,
            )


def check_omitted_sentence(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A wire sentence missing from an otherwise aligned paragraph.

    ## What it does
    In a paragraph that clearly aligns with a wire paragraph, finds a wire sentence rich in
    content (three content words or more) that aligned with no article sentence and whose
    content words mostly appear nowhere in the article paragraph. It is reported on the
    article sentence after which it should stand, with the missing wire sentence as evidence.

    ## Why is this bad?
    Engines drop clauses and whole sentences, often the qualifying ones ("the figure could
    not be verified"), which changes what the article asserts. Major when the omission is
    clear-cut: every article sentence of the paragraph is aligned, the missing sentence has
    five content words or more and under 15% of them appear in the article paragraph.
    Otherwise the sentence may have been merged into a neighbour or freely reworded, so the
    finding is minor with confidence 0.45 (reported, not counted).

    ## Example
    Wire: "The ministry reported 40 arrests. The figure could not be independently verified."
    Article: "The ministry reported 40 arrests."

    ## Use instead
    Restore the missing sentence: "The figure could not be independently verified."
    """
    pairs_by_sentence = _pairs_by_sentence(ctx)
    for article, wire, path, _ in _aligned_groups(ctx):
        if not article:
            continue
        members = {s.index for s in article}
        pairs = _pairs_of(members, pairs_by_sentence)
        covered_wire = {w.index for p in pairs for w in p.wire_sentences}
        if all(w.index in covered_wire for w in wire):
            continue  # every wire sentence aligned: none omitted
        members_aligned = {p.sentence.index for p in pairs}
        article_terms = frozenset().union(*(content_terms(s.text) for s in article))
        slot_mates = None  # worked out for the first wire sentence that needs them
        for w in wire:
            terms = content_terms(w.text)
            if w.index in covered_wire or len(terms) < OMITTED_MIN_TERMS:
                continue
            if _covered(terms, article_terms) > OMITTED_MAX_COVERED:
                continue
            if slot_mates is None:
                by_index = {s.index: s for s in article}
                slot_mates = [
                    (by_index[a_index], mate)
                    for a_index, mates in _slots(article, wire, pairs).items()
                    for mate in mates
                ]
            if any(
                mate is w and char_fscore(a.text, w.text) >= PARAPHRASE_MIN
                for a, mate in slot_mates
            ):
                continue  # reworded, not dropped
            anchor = _anchor(w, pairs, article)
            # Counted only when nothing of it is in the article and the paragraph is cleanly
            # aligned: judged, 12 of 20 counted majors were merged or reworded elsewhere.
            loose = (
                any(s.index not in members_aligned for s in article)
                or len(terms) < OMITTED_SURE_TERMS
                or _covered(terms, article_terms) > OMITTED_SURE_COVERED
            )
            yield rule.finding(
                ctx,
                anchor.start,
                anchor.end,
                "the aligned wire paragraph has a sentence here that the article lacks",
                evidence=f"{path}: {w.text}",
                severity=Severity.MINOR if loose else None,
                confidence=UNSURE if loose else SURE,
            )


def check_unmatched_paragraph(rule: Rule, ctx: AuditContext) -> Iterator[Finding]:
    """A paragraph that stands exactly where a wire paragraph stands, and says something else.

    ## What it does
    Looks at article paragraphs that aligned with nothing. When the paragraphs before and
    after it aligned with the same wire story, and the gap between them is as long in the
    wire as in the article, the paragraph holds the place of the wire paragraph at the same
    distance, which no other paragraph took. If it shares almost nothing with that wire
    paragraph (content words and letters alike), it is reported with the wire paragraph as
    evidence: the engine replaced the text with something else (a hallucination) or
    garbled it beyond recognition. Both texts must have fourteen words or more: shorter
    lines (headings, captions, review verdicts) are often freely reworded. Counted only when
    the wire paragraph names someone or gives a number and the article paragraph keeps none
    of them (its facts are gone); otherwise reported at 0.45, since a free rewording of a
    fact-free sentence ("intoxication may be a factor in homicide") looks the same. Major;
    the confidence grows with the length of the texts.

    ## Why is this bad?
    Engines that lose track of a sentence invent a fluent one in its place, about something
    else entirely ("The European Commission adopted new rules on ..." where the source
    reported a storm). Readers cannot tell; only the comparison shows it.

    ## Example
    Wire: "Heavy snow closed the mountain pass for the second day."
    Article: "The committee also discussed the budget for the coming financial year."
    (between two paragraphs that match the wire's neighbours of that sentence)

    ## Use instead
    Translate the paragraph again from the source.
    """
    by_wire: dict[str, list[tuple[int, int]]] = {}
    for pa in ctx.alignment.paragraphs:
        by_wire.setdefault(pa.wire_path, []).append((pa.paragraph, pa.wire_paragraphs[0]))
    main = ctx.alignment.main_wire
    wire = ctx.wires.get(main) if main else None
    if wire is None:
        return
    anchors = sorted(by_wire[main])
    taken = {
        k for pa in ctx.alignment.paragraphs if pa.wire_path == main for k in pa.wire_paragraphs
    }
    aligned = {pa.paragraph for pa in ctx.alignment.paragraphs}
    for (a0, k0), (a1, k1) in zip(anchors, anchors[1:]):
        if a1 - a0 != k1 - k0 or a1 - a0 < 2:
            continue  # only a gap of the same length on both sides pins the paragraph
        for step in range(1, a1 - a0):
            paragraph, key = ctx.doc.paragraphs[a0 + step], k0 + step
            if paragraph.index in aligned or key in taken:
                continue
            finding = _unrelated(rule, ctx, paragraph, wire, key)
            if finding is not None:
                yield finding


UNRELATED_MAX_TERMS = 0.1  # content-word similarity below which two texts share nothing
UNRELATED_MAX_CHARS = 0.4  # character F-score below which they are not a garbled rendering
UNRELATED_MIN_WORDS = 14  # judged: shorter pairs were mostly free rewordings (ja-en, de-en)


def _unrelated(rule: Rule, ctx: AuditContext, paragraph, wire, key: int) -> Finding | None:
    wire_text = wire.paragraphs[key].text
    words, wire_words = count_words(paragraph.text), count_words(wire_text)
    if min(words, wire_words) < UNRELATED_MIN_WORDS:
        return None  # short lines (headings, captions, verdicts) are freely reworded
    terms, wire_terms = content_terms(paragraph.text), content_terms(wire_text)
    if terms and wire_terms and _covered(terms, wire_terms) > UNRELATED_MAX_TERMS:
        return None
    if char_fscore(paragraph.text, wire_text) > UNRELATED_MAX_CHARS:
        return None
    confidence = min(0.9, 0.4 + 0.03 * min(words, wire_words))
    if not _facts_lost(paragraph, wire.paragraphs[key]):
        confidence = UNSURE  # a free rewording of a fact-free sentence looks the same
    return rule.finding(
        ctx,
        paragraph.start,
        paragraph.end,
        "this paragraph stands where the wire has another paragraph and "
        "shares almost nothing with it: replaced or garbled text",
        evidence=f"{wire.path}: {wire_text}",
        confidence=confidence,
    )


def _facts_lost(paragraph, wire_paragraph) -> bool:
    """The wire paragraph names someone or gives a number, and the article paragraph keeps
    none of them: its facts are gone, not reworded."""
    wire_facts = {fold(t.bare) for s in wire_paragraph.sentences for t in sentence_names(s)}
    wire_facts |= {q.value for q in quantities(wire_paragraph.text) if not q.spelled}
    kept = {fold(t.bare) for s in paragraph.sentences for t in sentence_names(s)}
    kept |= {q.value for q in quantities(paragraph.text) if not q.spelled}
    return bool(wire_facts) and not wire_facts & kept


def _anchor(missing: Sentence, pairs, article: list[Sentence]) -> Sentence:
    """The article sentence aligned to the last wire sentence before the missing one."""
    before = [p for p in pairs if p.wire_sentences[-1].index < missing.index]
    return max(before, key=lambda p: p.wire_sentences[-1].index).sentence if before else article[0]


RULES = (
    Rule(
        "NA311",
        "added-sentence",
        "Accuracy/Addition",
        Severity.MINOR,
        check_added_sentence,
        needs_wire=True,
        corroborated="place",
    ),
    Rule(
        "NA312",
        "omitted-sentence",
        "Accuracy/Omission",
        Severity.MAJOR,
        check_omitted_sentence,
        needs_wire=True,
        corroborated="place",
    ),
    Rule(
        "NA313",
        "unmatched-paragraph",
        "Accuracy/Mistranslation",
        Severity.MAJOR,
        check_unmatched_paragraph,
        needs_wire=True,
        corroborated="place",
    ),
)
