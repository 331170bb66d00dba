"""Translations that agree with each other against the wire: the wire may be the odd one.

A wire is usually right, but not always: a reference translation or an agency copy has its own
typos and slips ("39.6 min euros", "530 million" for 5.3 million), and a rewritten wire
paragraph shares nothing with any faithful translation of it. When several articles of one run
are aligned to the same wire and most of them report the same difference from the same wire
text, that difference is the wire's, not theirs. Judged on WMT23 systems, every number
"mismatch" that all systems shared was the reference's error.

Pure: results in, results out (rescored). Only rules whose ``Rule.corroborated`` is set take
part: those that compare with one wire sentence or paragraph, where agreement means something.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Mapping, Sequence

from .model import FileResult, Finding, Severity
from .scoring import score, verdict

AGREEING_SHARE = 0.5        # of the articles aligned to that wire, at least this many ...
AGREEING_MIN = 2            # ... and at least two articles report the same difference
PUT_DOWN_TO_WIRE = 0.3      # the confidence left: under the default --min-confidence (0.4)


def corroborate(results: Sequence[FileResult], corroborated: Mapping[str, str],
                threshold: float, fail_on: Severity | None) -> list[FileResult]:
    """``results`` with the differences most translations share put down to the wire.

    ``corroborated`` maps rule codes to how agreement is told: "text" (the same flagged words
    against the same wire text: a number) or "place" (the same wire text: a paragraph).
    """
    aligned = Counter(r.wire for r in results if r.wire)
    reporters: dict[tuple, set[str]] = defaultdict(set)
    for r in results:
        for f in r.findings:
            if f.rule in corroborated and f.evidence:
                reporters[_key(f, corroborated)].add(r.path)
    shared = {key: len(paths) for key, paths in reporters.items()
              if len(paths) >= AGREEING_MIN
              and len(paths) >= AGREEING_SHARE * aligned.get(_wire_of(key), len(results))}
    if not shared:
        return list(results)
    return [_rescored(r, shared, aligned, corroborated, threshold, fail_on) for r in results]


def _key(f: Finding, corroborated: Mapping[str, str]) -> tuple:
    """The same difference: one rule, one wire text (and, for "text", the same words)."""
    words = " ".join(f.text.lower().split()) if corroborated.get(f.rule) == "text" else ""
    return f.rule, f.evidence, words


def _wire_of(key: tuple) -> str:
    return key[1].split(": ", 1)[0]


def _rescored(r: FileResult, shared: Mapping[tuple, int], aligned: Counter,
              corroborated: Mapping[str, str], threshold: float,
              fail_on: Severity | None) -> FileResult:
    changed = False
    findings = []
    for f in r.findings:
        key = _key(f, corroborated) if f.rule in corroborated and f.evidence else None
        n = shared.get(key) if key else None
        if n is None:
            findings.append(f)
            continue
        changed = True
        findings.append(replace(
            f, confidence=min(f.confidence, PUT_DOWN_TO_WIRE),
            message=f"{f.message} ({n} of {aligned.get(_wire_of(key), n)} translations of "
                    f"this wire say the same: the wire may be wrong)"))
    if not changed:
        return r
    new_score = score(findings, r.words, r.adequacy_penalty)
    return replace(r, findings=tuple(findings), score=new_score,
                   verdict=verdict(new_score, findings, threshold, fail_on))
