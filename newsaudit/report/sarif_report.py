"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), like the JSON offsets.
Each result carries the wire evidence in its message and a content fingerprint that survives
line moves.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import Mapping, Sequence
from urllib.parse import quote

from .. import __version__
from ..model import FileResult, Severity
from ..rules import ALL_RULES
from .common import fingerprint, indented_json, located, notice_position

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"  # the base of relative artifact URIs (the checkout, on GitHub)
LEVEL = {Severity.MINOR: "warning", Severity.MAJOR: "error", Severity.CRITICAL: "error"}


def artifact_location(path: str) -> dict:
    """A SARIF ``artifactLocation``: a percent-encoded URI relative to ``%SRCROOT%``, or a
    ``file://`` URI for an absolute path (spaces, '#', '%' and non-ASCII are encoded)."""
    if os.path.isabs(path):
        return {"uri": PurePath(path).as_uri()}
    return {"uri": quote(path.replace(os.sep, "/"), safe="/"), "uriBaseId": SOURCE_ROOT}


def _rules():
    return [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc},
            "help": {"text": r.doc, "markdown": r.doc},
            "defaultConfiguration": {"level": LEVEL[r.severity], "enabled": r.default},
            "properties": {"category": r.category, "severity": r.severity.value},
        }
        for r in ALL_RULES
    ]


def render(
    results: Sequence[FileResult], texts: Mapping[str, str], notes: Sequence[str] = ()
) -> str:
    rule_index = {r.code: i for i, r in enumerate(ALL_RULES)}
    sarif_results = []
    notifications = []
    for result in results:
        for notice in result.notices:
            line, column = notice_position(notice)
            notifications.append(
                {
                    "level": "warning",
                    "message": {"text": notice},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact_location(result.path),
                                "region": {"startLine": line, "startColumn": column},
                            }
                        }
                    ],
                }
            )
        if result.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": artifact_location(result.path)}}
                    ],
                }
            )
            continue
        text = texts.get(result.path, "")
        for at in located(result, text):
            f, line, col, end_line, end_col = (
                at.finding,
                at.line,
                at.column,
                at.end_line,
                at.end_column,
            )
            message = f.message + (f" Evidence: {f.evidence}" if f.evidence else "")
            sarif_results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": rule_index.get(f.rule, -1),
                    "level": LEVEL[f.severity],
                    "message": {"text": message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact_location(result.path),
                                "region": {
                                    "startLine": line,
                                    "startColumn": col,
                                    "endLine": end_line,
                                    "endColumn": end_col,
                                    "charOffset": f.start,
                                    "charLength": f.end - f.start,
                                    "snippet": {"text": f.text},
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {"newsaudit/v1": fingerprint(f, text)},
                    "rank": round(100 * f.confidence, 1),
                    "properties": {
                        "category": f.category,
                        "severity": f.severity.value,
                        "confidence": f.confidence,
                        "evidence": f.evidence,
                        "fileScore": result.score,
                        "fileVerdict": result.verdict,
                    },
                }
            )
    run = {
        "tool": {"driver": {"name": "newsaudit", "version": __version__, "rules": _rules()}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "invocations": [
            {
                "executionSuccessful": all(n["level"] != "error" for n in notifications),
                "toolExecutionNotifications": notifications,
                "toolConfigurationNotifications": [
                    {"level": "note", "message": {"text": n}} for n in notes
                ],
            }
        ],
    }
    return indented_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})
