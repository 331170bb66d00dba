"""Baselines: record today's findings by content fingerprint, then report only new ones.

A fingerprint is rule + flagged text + the sentence around it (see ``report.common``), never a
line number, so a baseline survives edits elsewhere in the file. Each fingerprint is stored with
a count: two identical findings in one file need two entries to be both accepted.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Mapping, Sequence

from .model import FileResult
from .report.common import fingerprint
from .scoring import score, verdict

VERSION = 1


class BaselineError(Exception):
    pass


def write(results: Sequence[FileResult], texts: Mapping[str, str]) -> str:
    """The baseline file's JSON text for ``results``."""
    files = {}
    for r in results:
        counts = Counter(fingerprint(f, texts.get(r.path, "")) for f in r.findings)
        if counts:
            files[r.path] = dict(sorted(counts.items()))
    return json.dumps({"newsaudit-baseline": VERSION, "files": files}, indent=2, sort_keys=True) + "\n"


def read(text: str, source: str) -> dict[str, Counter]:
    try:
        data = json.loads(text)
        if data.get("newsaudit-baseline") != VERSION:
            raise ValueError("not a newsaudit baseline (version key missing)")
        return {path: Counter(counts) for path, counts in data["files"].items()}
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise BaselineError(f"{source}: invalid baseline: {exc}") from None


def apply(results: Sequence[FileResult], texts: Mapping[str, str], baseline: dict[str, Counter],
          threshold: float, fail_on) -> list[FileResult]:
    """Results without the baselined findings, rescored."""
    out = []
    for r in results:
        known = Counter(baseline.get(r.path, {}))
        kept = []
        for f in r.findings:
            key = fingerprint(f, texts.get(r.path, ""))
            if known[key] > 0:
                known[key] -= 1
            else:
                kept.append(f)
        if len(kept) == len(r.findings):
            out.append(r)
            continue
        new_score = score(kept, r.words, r.adequacy_penalty)
        out.append(replace(r, findings=tuple(kept), score=new_score,
                           verdict=verdict(new_score, kept, threshold, fail_on) if not r.error else r.verdict))
    return out
