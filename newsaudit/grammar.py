"""LanguageTool adapter: grammar and spelling through a local LanguageTool, when one exists.

Two ways to reach one, tried in order:
1. a server URL (``--languagetool-url`` or ``NEWSAUDIT_LANGUAGETOOL_URL``), e.g. a self-hosted
   LanguageTool container: we POST to its ``/v2/check`` endpoint ourselves;
2. a LanguageTool already installed where language-tool-python keeps it (``LTP_PATH`` or
   ``~/.cache/language_tool_python``) with Java on the PATH: language-tool-python starts it.
Nothing is ever downloaded. Without either, grammar is reported as not checked.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .model import Finding, Severity
from .scoring import MINOR_PUNCTUATION_WEIGHT
from .text import fold

ISSUE_CATEGORIES = {
    "misspelling": "Fluency/Spelling",
    "typographical": "Fluency/Punctuation",
    "whitespace": "Fluency/Punctuation",
    "grammar": "Fluency/Grammar",
    "inconsistency": "Fluency/Inconsistency",
    "duplication": "Fluency/Grammar",
    "style": "Style",
    "register": "Style",
    "locale-violation": "Locale convention/Name format",
}
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class GrammarStatus:
    available: bool
    detail: str

    @property
    def line(self) -> str:
        if self.available:
            return f"Grammar and spelling: checked with LanguageTool ({self.detail})."
        return (f"Grammar and spelling: NOT checked with LanguageTool ({self.detail}). "
                "Pass --languagetool-url http://host:port for a LanguageTool server.")


@dataclass(frozen=True)
class Match:
    """One LanguageTool match, in Python string offsets."""

    start: int
    end: int
    message: str
    rule_id: str
    issue_type: str
    replacements: tuple[str, ...]


class GrammarChecker:
    def __init__(self, status: GrammarStatus, fetch: Callable[[str], dict] | None = None):
        self.status = status
        self._fetch = fetch
        self._warned = False

    @property
    def available(self) -> bool:
        return self.status.available and self._fetch is not None

    def matches(self, text: str) -> list[Match]:
        """LanguageTool's matches for ``text``; none (and one warning) if the server fails."""
        if self._fetch is None:
            return []
        try:
            return parse_response(self._fetch(text), text)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # URLError is an OSError
            if not self._warned:
                self._warned = True
                sys.stderr.write(f"newsaudit: LanguageTool failed ({exc}); grammar not checked for some files\n")
            return []


def parse_response(payload: dict, text: str) -> list[Match]:
    """Matches of a ``/v2/check`` JSON response. LanguageTool counts offsets in UTF-16 units."""
    to_index = _utf16_to_index(text)
    out = []
    for m in payload.get("matches", []):
        start = to_index(int(m["offset"]))
        end = to_index(int(m["offset"]) + int(m["length"]))
        rule = m.get("rule", {})
        out.append(Match(start, end, m.get("message", ""), rule.get("id", ""),
                         rule.get("issueType", "grammar"),
                         tuple(r.get("value", "") for r in m.get("replacements", [])[:3])))
    return out


def _utf16_to_index(text: str) -> Callable[[int], int]:
    if all(ord(c) < 0x10000 for c in text):
        return lambda offset: offset
    units = []
    for i, c in enumerate(text):
        units.extend([i] * (2 if ord(c) >= 0x10000 else 1))
    units.append(len(text))
    return lambda offset: units[min(offset, len(units) - 1)]


def to_findings(matches: list[Match], text: str, rule_code: str, rule_name: str,
                known_names: frozenset[str]) -> list[Finding]:
    """Findings for LanguageTool matches, minus spelling 'errors' on names the wires use."""
    findings = []
    for m in matches:
        flagged = text[m.start:m.end]
        if m.issue_type == "misspelling" and (fold(flagged) in known_names or flagged[:1].isupper()):
            continue  # names: the name rules judge them against the wire, not a dictionary
        advice = f" (suggestion: {', '.join(m.replacements)})" if m.replacements else ""
        category = ISSUE_CATEGORIES.get(m.issue_type, "Fluency/Grammar")
        findings.append(Finding(rule_code, rule_name, category, Severity.MINOR, m.start, m.end,
                                flagged, m.message + advice, f"LanguageTool rule {m.rule_id}",
                                minor_weight=MINOR_PUNCTUATION_WEIGHT
                                if category == "Fluency/Punctuation" else 1.0))
    return findings


def find_grammar_checker(url: str | None, language: str = "en-US") -> GrammarChecker:
    """A checker for the first LanguageTool found, or an unavailable one saying why."""
    if url:
        return _server_checker(url, language)
    local = _installed_languagetool()
    if local is None:
        return GrammarChecker(GrammarStatus(False, "no LanguageTool server given and none installed"))
    if shutil.which("java") is None:
        return GrammarChecker(GrammarStatus(False, f"LanguageTool found in {local} but no Java on PATH"))
    return _local_checker(local, language)


def _server_checker(url: str, language: str) -> GrammarChecker:
    endpoint = url.rstrip("/") + ("" if url.rstrip("/").endswith("/v2/check") else "/v2/check")

    def fetch(text: str) -> dict:
        data = urllib.parse.urlencode({"text": text, "language": language}).encode()
        request = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return json.loads(response.read().decode("utf-8"))

    try:
        fetch("This is a test.")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return GrammarChecker(GrammarStatus(False, f"LanguageTool server {url} not reachable: {reason}"))
    return GrammarChecker(GrammarStatus(True, f"server {url}"), fetch)


def _installed_languagetool() -> Path | None:
    roots = [os.environ.get("LTP_PATH"), str(Path.home() / ".cache" / "language_tool_python")]
    for root in filter(None, roots):
        for jar in sorted(Path(root).glob("LanguageTool*/languagetool-server.jar")):
            return jar.parent
    return None


def _local_checker(directory: Path, language: str) -> GrammarChecker:  # pragma: no cover - needs Java + LT
    """language-tool-python starts the installed LanguageTool; its public ``check`` is used."""
    try:
        import language_tool_python

        os.environ.setdefault("LTP_PATH", str(directory.parent))
        tool = language_tool_python.LanguageTool(language)
    except Exception as exc:  # the library raises several types when the server cannot start
        return GrammarChecker(GrammarStatus(False, f"LanguageTool in {directory} did not start: {exc}"))

    def fetch(text: str) -> dict:
        # The library's Match objects, put back in the server's JSON shape for parse_response.
        return {"matches": [{
            "offset": m.offset, "length": m.errorLength, "message": m.message,
            "replacements": [{"value": r} for r in m.replacements],
            "rule": {"id": m.ruleId, "issueType": getattr(m, "ruleIssueType", "grammar")},
        } for m in tool.check(text)]}

    return GrammarChecker(GrammarStatus(True, f"local install {directory}"), fetch)
