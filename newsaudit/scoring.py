"""MQM-style scoring: penalty points per 1,000 words and a pass/fail verdict.

The penalty of a file is the sum of its findings' weights plus its adequacy estimate
(``adequacy.py``: how far its aligned sentences stray from their wire text).

Weights follow Google's MQM practice: minor 1, major 5, critical 10, and 0.1 for a minor
punctuation error (a rule's ``minor_weight``, carried by its findings). A file fails when its
score exceeds the threshold. The default, 10 points per 1,000 words, is the usual "99% quality"
bar: one major error in 500 words fails."""

from __future__ import annotations

from typing import Iterable

from .model import Finding, Severity, Verdict

WEIGHTS = {Severity.MINOR: 1.0, Severity.MAJOR: 5.0, Severity.CRITICAL: 10.0}
MINOR_PUNCTUATION_WEIGHT = 0.1
DEFAULT_THRESHOLD = 10.0
MIN_SCORED_WORDS = 100  # a shorter file is scored as this many words
# Findings less sure than this are reported (with their confidence) but do not count in the
# score or the verdict: one doubtful finding must not decide a file.
CONFIDENT = 0.5
# Findings less sure than this are not reported at all (judged on real MT, the findings under
# 0.4 were mostly legitimate variation); --min-confidence 0 shows them.
DEFAULT_MIN_CONFIDENCE = 0.4


def weight(finding: Finding) -> float:
    """The MQM points of a finding's severity."""
    if finding.severity is Severity.MINOR:
        return finding.minor_weight
    return WEIGHTS[finding.severity]


def points(finding: Finding) -> float:
    """What a finding adds to its file's score: its weight if the rule is confident, else 0."""
    return weight(finding) if finding.confidence >= CONFIDENT else 0.0


def per_thousand_words(points: float, words: int) -> float:
    """Penalty points per 1,000 words, a file of under 100 words counting as 100."""
    return points * 1000.0 / max(words, MIN_SCORED_WORDS)


def penalty(findings: Iterable[Finding]) -> float:
    """The points of the confident findings."""
    return sum(points(f) for f in findings)


def score(findings: Iterable[Finding], words: int, adequacy: float = 0.0) -> float:
    """Penalty points (findings plus the adequacy estimate) per 1,000 words.

    A file of under 100 words is scored as 100 words.
    """
    return round(per_thousand_words(penalty(findings) + adequacy, words), 2)


def verdict(
    file_score: float,
    findings: Iterable[Finding],
    threshold: float = DEFAULT_THRESHOLD,
    fail_on: Severity | None = None,
) -> Verdict:
    """``fail`` above the threshold, or with any confident finding at or above ``fail_on``."""
    if file_score > threshold:
        return Verdict.FAIL
    if fail_on is not None and any(
        f.severity.rank >= fail_on.rank and f.confidence >= CONFIDENT for f in findings
    ):
        return Verdict.FAIL
    return Verdict.PASS
