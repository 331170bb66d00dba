"""LanguageTool adapter: grammar and spelling through a LanguageTool HTTP server.

Where the server comes from, tried in order:
1. a server URL (``--languagetool-url`` or ``NEWSAUDIT_LANGUAGETOOL_URL``), e.g. the official
   LanguageTool Docker image or ``newsaudit languagetool serve``;
2. newsaudit's own install (``newsaudit languagetool install``, from Maven Central), or a
   LanguageTool that language-tool-python downloaded (``LTP_PATH`` or
   ``~/.cache/language_tool_python``): started once per run on a free loopback port
   (``languagetool.LocalServer``) and stopped at exit.
``NEWSAUDIT_LANGUAGETOOL=off`` keeps 2. from starting anything. Nothing is ever downloaded here.

language-tool-python is the client. Forked ``--jobs`` workers share the one server URL. A
server that stalls or dies costs one bounded request timeout per run: the first failure trips a
run-wide breaker (a file every worker looks at), grammar is off for the rest of the run, and
the files not checked are reported as such (the built-in NA911-913 rules then run for them).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable

from . import languagetool as lt
from .model import Finding, Severity
from .scoring import MINOR_PUNCTUATION_WEIGHT
from .text import fold

# LanguageTool issue type -> (MQM category, severity). Overridden per rule or category by
# newsaudit/data/languagetool_rules.json ("category", "demoted"), which also says why.
ISSUE_TYPES = {
    "misspelling": ("Fluency/Spelling", Severity.MINOR),
    "typographical": ("Fluency/Punctuation", Severity.MINOR),
    "whitespace": ("Fluency/Punctuation", Severity.MINOR),
    "grammar": ("Fluency/Grammar", Severity.MINOR),
    "inconsistency": ("Fluency/Inconsistency", Severity.MINOR),
    "duplication": ("Fluency/Grammar", Severity.MINOR),
    "style": ("Style", Severity.MINOR),
    "register": ("Style", Severity.MINOR),
    "locale-violation": ("Locale convention/Name format", Severity.MINOR),
}
# Seconds per request, and so at most what a stalled server costs a run. A warm server answers
# a 5,000-character article in 1-5 s; a cold one on 2 busy cores took over 20 s.
DEFAULT_TIMEOUT = 60.0


# LanguageTool's matches are reported, not counted in the score: on 120 articles of clean
# professional English it made 3.1 findings per 1,000 words and, counted, failed 10 of them
# (bench/RESULTS.md, "LanguageTool ..."); against MQM raters' spans it was right 13-69% of the
# time. An editor sees them; they decide no verdict.
LANGUAGETOOL_CONFIDENCE = 0.45


def request_timeout() -> float:
    return float(os.environ.get("NEWSAUDIT_LANGUAGETOOL_TIMEOUT") or DEFAULT_TIMEOUT)


@dataclass(frozen=True)
class GrammarStatus:
    available: bool
    detail: str

    @property
    def line(self) -> str:
        if self.available:
            return f"Grammar and spelling: checked with LanguageTool ({self.detail})."
        if "failed during the run" in self.detail:
            return ("Grammar and spelling: NOT checked with LanguageTool for some files "
                    f"({self.detail}).")
        return (f"Grammar and spelling: NOT checked with LanguageTool ({self.detail}). "
                "Run `newsaudit languagetool install`, or pass "
                "--languagetool-url http://host:port.")


@dataclass(frozen=True)
class Match:
    """One LanguageTool match, in Python string offsets."""

    start: int
    end: int
    message: str
    rule_id: str
    issue_type: str
    replacements: tuple[str, ...]
    category: str = ""


@lru_cache(maxsize=1)
def rule_policy() -> dict:
    """newsaudit/data/languagetool_rules.json: rules disabled or demoted on news copy, and why."""
    return json.loads(resources.files("newsaudit.data").joinpath("languagetool_rules.json")
                      .read_text(encoding="utf-8"))


class _Breaker:
    """A run-wide 'LanguageTool failed' flag that forked workers share: a file in a temp folder."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="newsaudit-lt-")
        self.path = os.path.join(self.folder, "tripped")
        self._owner = os.getpid()
        atexit.register(self.close)

    def tripped(self) -> str | None:
        try:
            with open(self.path, encoding="utf-8") as f:
                return f.read() or "failed"
        except OSError:
            return None

    def trip(self, reason: str) -> bool:
        """Record the failure; True for the first process to do so (it prints the warning)."""
        try:
            with open(self.path, "x", encoding="utf-8") as f:
                f.write(reason)
            return True
        except OSError:
            return False

    def close(self) -> None:
        if os.getpid() == self._owner:  # not a forked worker: the others may still look at it
            shutil.rmtree(self.folder, ignore_errors=True)


def _client(url: str, timeout: float):
    """A language-tool-python client of the server at ``url``: one try, bounded time."""
    import language_tool_python

    class Client(language_tool_python.LanguageTool):
        _TIMEOUT = timeout  # the library's default is 300 s, tried twice

        def check_json(self, text: str) -> dict:
            """The raw ``/v2/check`` response (exact UTF-16 offsets and rule categories)."""
            params = self._create_params(text)
            return self._query_server(self._url + "check", params, num_tries=1, method="post")

    client = Client("en-US", remote_server=url)
    policy = rule_policy()
    client.disabled_rules = set(policy["disabled_rules"])
    client.disabled_categories = set(policy["disabled_categories"])
    return client


class GrammarChecker:
    def __init__(self, status: GrammarStatus, fetch: Callable[[str], dict] | None = None,
                 server: "lt.LocalServer | None" = None):
        self.status = status
        self._fetch = fetch
        self._server = server
        self._breaker = _Breaker() if fetch is not None else None

    @property
    def available(self) -> bool:
        return self.status.available and self._fetch is not None

    def matches(self, text: str) -> list[Match] | None:
        """LanguageTool's matches for ``text``; None when the text was not checked.

        The first failure (timeout, refused connection, bad answer) turns the check off for the
        rest of the run in every worker, with one warning on stderr.
        """
        if self._fetch is None or self._breaker.tripped():
            return None
        try:
            return parse_response(self._fetch(text), text)
        except Exception as exc:  # the client raises its own errors, requests' and OSError
            reason = f"{type(exc).__name__}: {exc}"[:300]
            if self._breaker.trip(reason):
                sys.stderr.write(f"newsaudit: LanguageTool failed ({reason}); grammar is not "
                                 "checked for the rest of this run\n")
            return None

    def final_status(self, unchecked: int) -> GrammarStatus:
        """The status to report after the run: never 'checked' when some file was not."""
        if not self.available:
            return self.status
        failure = self._breaker.tripped()
        if failure or unchecked:
            return GrammarStatus(False, f"{self.status.detail}; failed during the run "
                                        f"({failure or 'no answer'}); {unchecked} file(s) not "
                                        "checked, built-in grammar rules used for them")
        return self.status

    def close(self) -> None:
        """Stop the server this checker started (if any)."""
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> "GrammarChecker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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
                         tuple(r.get("value", "") for r in m.get("replacements", [])[:3]),
                         rule.get("category", {}).get("id", "")))
    return out


def _utf16_to_index(text: str) -> Callable[[int], int]:
    if all(ord(c) < 0x10000 for c in text):
        return lambda offset: offset
    units = []
    for i, c in enumerate(text):
        units.extend([i] * (2 if ord(c) >= 0x10000 else 1))
    units.append(len(text))
    return lambda offset: units[min(offset, len(units) - 1)]


def classify(match: Match) -> tuple[str, Severity, str | None]:
    """MQM category, severity and (for a demoted rule) the reason, from the rule policy."""
    policy = rule_policy()
    category, severity = ISSUE_TYPES.get(match.issue_type, ("Fluency/Grammar", Severity.MINOR))
    category = policy["categories"].get(match.category, {}).get("mqm", category)
    demoted = policy["demoted"].get(match.rule_id)
    if demoted:
        return demoted["mqm"], Severity(demoted["severity"]), demoted["reason"]
    return category, severity, None


def _looks_like_a_typo(word: str, replacements: tuple[str, ...]) -> bool:
    """A near miss of a suggested word, and not itself a common word (see the policy file)."""
    from rapidfuzz.distance import DamerauLevenshtein
    from .lexicon import name_zipf

    speller = rule_policy()["speller"]
    # name_zipf reads the large list, which is wordfreq's "best" English list
    if not replacements or name_zipf(word) >= speller["common_zipf"]:
        return False
    limit = 1 if len(word) <= 5 else speller["max_edits"]
    return DamerauLevenshtein.distance(word.lower(), replacements[0].lower()) <= limit


def is_speller(match: Match) -> bool:
    return match.issue_type == "misspelling" and match.category == "TYPOS"


WORD_REPEAT_RULE = "ENGLISH_WORD_REPEAT_RULE"
# English allows these words twice in a row ("that that", "had had").
LEGITIMATE_DOUBLES = frozenset({"that", "had", "is", "do", "bye", "ha", "no", "so", "very", "now",
                                "there"})


def _legitimate_double(flagged: str) -> bool:
    """A repeated word that is a name (capitalised) or a double English allows."""
    words = flagged.split()
    return bool(words) and (words[0][:1].isupper() or words[0].lower() in LEGITIMATE_DOUBLES)


def to_findings(matches: list[Match], text: str, rule_code: str, rule_name: str,
                known_names: frozenset[str]) -> list[Finding]:
    """Findings for LanguageTool matches, minus the rules disabled for news copy and minus
    spelling 'errors' on names (capitalised words, or any word the aligned wires use)."""
    policy = rule_policy()
    findings = []
    for m in matches:
        if m.rule_id in policy["disabled_rules"] or m.category in policy["disabled_categories"]:
            continue
        if is_speller(m) and any(part in m.message for part in policy["drop_messages"]):
            continue  # a British or American spelling variant
        flagged = text[m.start:m.end]
        if is_speller(m) and (fold(flagged) in known_names or flagged[:1].isupper()
                              or not _looks_like_a_typo(flagged, m.replacements)):
            continue  # names, transliterations, jargon: not judged against a dictionary
        if m.rule_id == WORD_REPEAT_RULE and _legitimate_double(flagged):
            continue  # "Fang Fang" is a name, "from there there is" is English
        category, severity, demoted = classify(m)
        advice = f"suggestion: {', '.join(m.replacements)}" if m.replacements else "no suggestion"
        kind = m.category or m.issue_type
        evidence = f"LanguageTool {m.rule_id} ({kind}): {m.message} ({advice})"
        if demoted:
            evidence += f"; demoted: {demoted}"
        findings.append(Finding(rule_code, rule_name, category, severity, m.start, m.end, flagged,
                                f"{m.message} [{m.rule_id}]", evidence,
                                minor_weight=MINOR_PUNCTUATION_WEIGHT
                                if category == "Fluency/Punctuation" else 1.0,
                                confidence=LANGUAGETOOL_CONFIDENCE))
    return findings


def find_grammar_checker(url: str | None, language: str = "en-US") -> GrammarChecker:
    """A checker for the first LanguageTool found, or an unavailable one saying why.

    May start a local server: call ``close()`` (or use it as a context manager) when done; an
    atexit/SIGTERM handler and PR_SET_PDEATHSIG stop it otherwise.
    """
    if url:
        return _server_checker(url, f"server {url}")
    if os.environ.get("NEWSAUDIT_LANGUAGETOOL", "").lower() in ("off", "0", "no", "false"):
        return GrammarChecker(GrammarStatus(False, "no server given; local start turned off by "
                                                   "NEWSAUDIT_LANGUAGETOOL"))
    classpath = _local_classpath()
    if classpath is None:
        return GrammarChecker(GrammarStatus(False, "no LanguageTool server given and none "
                                                   "installed"))
    if shutil.which("java") is None:
        return GrammarChecker(GrammarStatus(False, f"LanguageTool found in {classpath} but no "
                                                   "Java on PATH"))
    try:
        server = lt.LocalServer(classpath).start()
    except lt.LanguageToolError as exc:
        return GrammarChecker(GrammarStatus(False, f"local LanguageTool did not start: {exc}"))
    where = classpath.parent if classpath.name == "lib" else classpath
    checker = _server_checker(server.url, f"local LanguageTool {where.name} on {server.url}, "
                                          f"started in {server.started_in:.1f} s", server)
    if not checker.available:
        server.stop()
    return checker


def _server_checker(url: str, detail: str, server=None) -> GrammarChecker:
    try:
        client = _client(url, request_timeout())
        client.check_json("This is a test.")
    except Exception as exc:  # requests, the client's LanguageToolError, OSError
        reason = f"LanguageTool server {url} not reachable: {exc}"[:400]
        return GrammarChecker(GrammarStatus(False, reason))
    return GrammarChecker(GrammarStatus(True, detail), client.check_json, server)


def _local_classpath() -> Path | None:
    """newsaudit's install, else a LanguageTool that language-tool-python downloaded."""
    lib = lt.installed()
    if lib is not None:
        return lib
    roots = [os.environ.get("LTP_PATH"), str(Path.home() / ".cache" / "language_tool_python")]
    for root in filter(None, roots):
        for jar in sorted(Path(root).glob("LanguageTool*/languagetool-server.jar")):
            return jar.parent
    return None
