"""Baselines: record today's findings by content fingerprint, then report only new ones.

A fingerprint is rule + flagged text + the sentence around it (see ``report.common``), never a
line number, so a baseline survives edits elsewhere in the file. Each fingerprint is stored with
a count: two identical findings in one file need two entries to be both accepted.

Given ``root`` (the baseline file's folder), paths are stored relative to it and compared as
normalised absolute paths, so "a.txt", "./a.txt" and "/abs/a.txt" are one file, from any
working directory. Without it, paths are stored and compared as typed (the old behaviour).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from typing import Mapping, Sequence

from .model import FileResult
from .report.common import fingerprint
from .scoring import score, verdict

VERSION = 1


class BaselineError(Exception):
    pass


def _absolute(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _stored(path: str, root: str | None) -> str:
    """How ``path`` is written in a baseline kept in ``root``: relative, with "/" separators."""
    if root is None:
        return path
    return os.path.relpath(_absolute(path), _absolute(root)).replace(os.sep, "/")


def write(results: Sequence[FileResult], texts: Mapping[str, str], root: str | None = None) -> str:
    """The baseline file's JSON text for ``results`` (paths relative to ``root``, if given)."""
    files = {}
    for r in results:
        counts = Counter(fingerprint(f, texts.get(r.path, "")) for f in r.findings)
        if counts:
            files[_stored(r.path, root)] = dict(sorted(counts.items()))
    return (
        json.dumps({"newsaudit-baseline": VERSION, "files": files}, indent=2, sort_keys=True) + "\n"
    )


def read(text: str, source: str, root: str | None = None) -> dict[str, Counter]:
    """Fingerprint counts by path; with ``root``, by normalised absolute path."""
    try:
        data = json.loads(text)
        if data.get("newsaudit-baseline") != VERSION:
            raise ValueError("not a newsaudit baseline (version key missing)")
        files = {path: Counter(counts) for path, counts in data["files"].items()}
        if root is None:
            return files
        by_path = {_absolute(os.path.join(root, path)): c for path, c in files.items()}
        for path, counts in files.items():  # written before paths were relative to the baseline
            by_path.setdefault(_absolute(path), counts)
        return by_path
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise BaselineError(f"{source}: invalid baseline: {exc}") from None


def apply(
    results: Sequence[FileResult],
    texts: Mapping[str, str],
    baseline: dict[str, Counter],
    threshold: float,
    fail_on,
    root: str | None = None,
) -> list[FileResult]:
    """Results without the baselined findings, rescored.

    ``root`` as given to :func:`read`: with it, paths are compared as normalised absolute paths.
    """
    out = []
    for r in results:
        known = Counter(baseline.get(r.path if root is None else _absolute(r.path), {}))
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
        out.append(
            replace(
                r,
                findings=tuple(kept),
                score=new_score,
                verdict=verdict(new_score, kept, threshold, fail_on) if not r.error else r.verdict,
            )
        )
    return out
