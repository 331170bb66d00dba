"""The pure pipeline: documents in, one ``FileResult`` per article out. No I/O here.

Two modes. With a wire pool (``--wire``) every article is a candidate audited against the pool.
Without one, the files themselves are the pool: they are ranked by how original they look
(wire markers such as redaction placeholders and datelines count for, translation artifacts
that need no wire count against), each file may only be compared with files ranked above it,
and a file picked as the main wire of another is audited on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from .adequacy import estimate as estimate_adequacy
from .align import align
from .langid import detect_language
from .model import Alignment, Document, FileResult, Finding, Role, Severity
from .reference import WireIndex
from .rules import ALL_RULES, DEFAULT_RULES, TRANSLATION_SIGNALS, AuditContext, Rule
from .rules.names import sentence_names
from .scoring import DEFAULT_THRESHOLD, penalty, score, verdict
from .text import count_words, fold, has_redaction, is_redaction

# A file counts as translated from a wire only if this share of its paragraphs aligns: in auto
# mode most of it (other outlets' originals share facts, not paragraphs), with --wire a quarter.
AUTO_MIN_SHARE = 0.5
WIRE_MIN_SHARE = 0.25
# ... and only a file that looks original can be a wire: one with wire markers, or with fewer
# translation artifacts than this (penalty points per 1,000 words; one major in 2,500 words).
WIRE_MAX_ARTIFACTS = 2.0
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]+)?\s*(?:\([^)]{1,40}\))?"
                       r"|\([^)]{1,40}\))\s*[-–—]\s")


@dataclass(frozen=True)
class AuditOptions:
    rules: tuple[Rule, ...] = DEFAULT_RULES
    threshold: float = DEFAULT_THRESHOLD
    fail_on: Severity | None = None
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    accept_names: frozenset[str] = frozenset()
    grammar: Callable[[str], list] | None = None  # LanguageTool, when one is available


def audit(articles: Sequence[Document], wires: Sequence[Document] | None = None,
          options: AuditOptions = AuditOptions()) -> list[FileResult]:
    """Audit ``articles`` against ``wires`` (or, when ``wires`` is None, against each other)."""
    languages = {d.path: detect_language(d.text) for d in articles}
    english = [d for d in articles if languages[d.path] in ("en", "unknown")]
    if wires is not None:
        pool = [w for w in wires if detect_language(w.text) in ("en", "unknown")]
        index = WireIndex(pool)
        names = _pool_names(pool) | options.accept_names
        position = {w.path: i for i, w in enumerate(pool)}
        plans = {d.path: _Plan(_excluding(position.get(d.path)), names) for d in english}
    else:
        index = WireIndex(english)
        plans = _auto_plans(english, index, options)
    alignments = {d.path: align(d, index, plans[d.path].allow) for d in english}
    auto = wires is None
    min_share = AUTO_MIN_SHARE if auto else WIRE_MIN_SHARE
    roles = _roles(english, alignments, auto)
    by_path = {w.path: w for w in index.wires}
    results = []
    for doc in articles:
        language = languages[doc.path]
        if doc.path not in plans:
            results.append(_result(doc, Role.CANDIDATE, language, Alignment(), frozenset(), options, {},
                                   min_share))
            continue
        role = roles[doc.path]
        alignment = alignments[doc.path] if role is Role.CANDIDATE else Alignment()
        results.append(_result(doc, role, language, alignment, plans[doc.path].names, options, by_path,
                               min_share))
    return results


@dataclass(frozen=True)
class _Plan:
    allow: Callable[[int], bool] | None
    names: frozenset[str]


def _excluding(wire: int | None) -> Callable[[int], bool] | None:
    """An article that is also in the wire pool must not be its own wire."""
    return None if wire is None else (lambda w: w != wire)


def _pool_names(pool: Sequence[Document]) -> frozenset[str]:
    return frozenset(fold(t.bare) for d in pool for s in d.sentences for t in sentence_names(s)
                     if not is_redaction(t.bare))


def _auto_plans(docs: Sequence[Document], index: WireIndex, options: AuditOptions) -> dict[str, _Plan]:
    """Rank files by originality; each may be compared only with files ranked above it."""
    signals = tuple(r for r in options.rules if r.code in TRANSLATION_SIGNALS) or \
        tuple(r for r in ALL_RULES if r.code in TRANSLATION_SIGNALS)
    scores = {d.path: originality(d, signals) for d in docs}
    ranked = sorted(docs, key=lambda d: (-scores[d.path], d.path))
    rank = {d.path: i if scores[d.path] >= -WIRE_MAX_ARTIFACTS else len(docs) for i, d in enumerate(ranked)}
    doc_names = {d.path: _pool_names([d]) for d in docs}
    plans = {}
    for doc in docs:
        above = [d for d in docs if rank[d.path] < rank[doc.path]]
        allowed = {i for i, w in enumerate(index.wires) if rank[w.path] < rank[doc.path]}
        names = frozenset().union(*(doc_names[d.path] for d in above)) | options.accept_names
        plans[doc.path] = _Plan(allowed.__contains__, names)
    return plans


def originality(doc: Document, signals: Sequence[Rule]) -> float:
    """How much a file looks like an original wire story rather than a translation of one."""
    ctx = AuditContext(doc)
    words = max(count_words(doc.text), 100)
    artifacts = penalty(f for rule in signals for f in rule.run(ctx)) * 1000 / words
    markers = 0.0
    if has_redaction(doc.text):
        markers += 100.0  # agencies redact names in the copy they distribute
    if any(_DATELINE.match(p.text) for p in doc.paragraphs[:3]):
        markers += 20.0
    return markers - artifacts


def _roles(docs: Sequence[Document], alignments: dict[str, Alignment], auto: bool) -> dict[str, Role]:
    roles = {d.path: Role.CANDIDATE for d in docs}
    if not auto:
        return roles
    for doc in docs:
        alignment = alignments[doc.path]
        if _aligned_share(doc, alignment) >= AUTO_MIN_SHARE and alignment.main_wire:
            roles[alignment.main_wire] = Role.WIRE
    return roles


def _aligned_share(doc: Document, alignment: Alignment) -> float:
    return len(alignment.paragraphs) / len(doc.paragraphs) if doc.paragraphs else 0.0


def _result(doc: Document, role: Role, language: str, alignment: Alignment,
            names: frozenset[str], options: AuditOptions, wires: dict[str, Document],
            min_share: float) -> FileResult:
    share = _aligned_share(doc, alignment)
    if role is Role.CANDIDATE and share < min_share:
        alignment = Alignment()  # a few chance matches are no evidence of translation
        share = 0.0
    ctx = AuditContext(doc, alignment, names, is_wire=role is Role.WIRE, language=language,
                       grammar=options.grammar, wires=wires)
    findings = run_rules(ctx, options)
    words = count_words(doc.text)
    adequacy = estimate_adequacy(doc, alignment, wires) if ctx.language in ("en", "unknown") else ()
    file_score = score(findings, words, sum(a.penalty for a in adequacy))
    return FileResult(
        path=doc.path, role=role, language=language, words=words, score=file_score,
        verdict=verdict(file_score, findings, options.threshold, options.fail_on),
        findings=tuple(findings), alignment=alignment, wire=alignment.main_wire,
        aligned_share=round(share, 4), notices=doc.notices, adequacy=adequacy,
    )


def run_rules(ctx: AuditContext, options: AuditOptions) -> list[Finding]:
    """All selected rules on one article; one finding per span (the most severe wins)."""
    if ctx.language not in ("en", "unknown"):
        rules = [r for r in options.rules if r.code == "NA401"]
    else:
        rules = list(options.rules)
    found: list[Finding] = [f for rule in rules for f in rule.run(ctx)]
    found = [_override(f, options.severity_overrides) for f in found]
    best: dict[tuple[int, int], Finding] = {}
    for f in found:
        key = (f.start, f.end)
        if key not in best or f.severity.rank > best[key].severity.rank:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, f.end, f.rule))


def _override(finding: Finding, overrides: dict[str, Severity]) -> Finding:
    severity = overrides.get(finding.rule) or overrides.get(finding.name)
    return replace(finding, severity=severity) if severity else finding
