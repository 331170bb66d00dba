"""The LanguageTool adapter against LanguageTool's real /v2/check JSON shape, over HTTP."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from typer.testing import CliRunner

from newsaudit.cli import app
from newsaudit.grammar import find_grammar_checker, parse_response

TEXT = "The ministry said their was no casualties 😀 in Odesa."
THEIR = TEXT.index("their")
ODESA_UTF16 = TEXT.index("Odesa") + 1  # LanguageTool counts the emoji as two UTF-16 units
# Shape of a LanguageTool 6.x response (fields trimmed to those the adapter reads, plus context).
RESPONSE = {
    "software": {"name": "LanguageTool", "version": "6.4", "apiVersion": 1},
    "language": {"name": "English (US)", "code": "en-US"},
    "matches": [
        {
            "message": "Did you mean “there”?",
            "shortMessage": "",
            "offset": THEIR,
            "length": 5,
            "replacements": [{"value": "there"}],
            "context": {"text": TEXT, "offset": THEIR, "length": 5},
            "sentence": TEXT,
            "type": {"typeName": "Other"},
            "rule": {
                "id": "THEIR_IS",
                "description": "their/there",
                "issueType": "grammar",
                "category": {"id": "CONFUSED_WORDS", "name": "Commonly Confused Words"},
            },
        },
        {
            "message": "Possible spelling mistake found.",
            "offset": ODESA_UTF16,
            "length": 5,
            "replacements": [{"value": "Odessa"}],
            "context": {"text": TEXT, "offset": ODESA_UTF16, "length": 5},
            "rule": {
                "id": "MORFOLOGIK_RULE_EN_US",
                "issueType": "misspelling",
                "category": {"id": "TYPOS", "name": "Possible Typo"},
            },
        },
    ],
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - language-tool-python asks for the languages first
        data = json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 - http.server API
        body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        assert body["language"] == ["en-US"]
        payload = RESPONSE if body["text"][0].startswith(TEXT) else {"matches": []}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_parse_converts_utf16_offsets():
    (first, second) = parse_response(RESPONSE, TEXT)
    assert TEXT[first.start : first.end] == "their"
    assert TEXT[second.start : second.end] == "Odesa"  # after the emoji: one char, two UTF-16 units


def test_server_checker_and_cli(server, tmp_path):
    checker = find_grammar_checker(server)
    assert checker.available
    assert [m.rule_id for m in checker.matches(TEXT)] == ["THEIR_IS", "MORFOLOGIK_RULE_EN_US"]
    path = tmp_path / "a.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(path), "--format", "json", "--languagetool-url", server]
    )
    report = json.loads(result.stdout)
    findings = report["files"][0]["findings"]
    assert [(f["rule"], f["text"], f["category"]) for f in findings] == [
        ("NA901", "their", "Fluency/Grammar")
    ]
    assert "there" in findings[0]["message"]
    assert report["grammar"]["checked"] is True


def test_unreachable_server_is_reported_not_fatal():
    checker = find_grammar_checker("http://127.0.0.1:9")
    assert not checker.available and "not reachable" in checker.status.line


def test_a_server_that_dies_mid_run_costs_the_grammar_check_not_the_run(server, capsys):
    checker = find_grammar_checker(server)
    assert checker.available
    calls = []

    def dead(text):
        calls.append(text)
        raise ConnectionResetError("gone")

    checker._fetch = dead
    assert checker.matches("Any text at all.") is None  # None: not checked, not "no errors"
    assert checker.matches("Another text.") is None
    assert calls == ["Any text at all."]  # the breaker is tripped: no second wait
    assert capsys.readouterr().err.count("LanguageTool failed") == 1
    status = checker.final_status(unchecked=2)
    assert not status.available and "2 file(s) not checked" in status.line


def test_unchecked_files_get_the_builtin_rules_and_the_report_says_so(server, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Officials said their was no damage in the city.\n", encoding="utf-8")
    from newsaudit import grammar

    real = grammar._server_checker

    def failing(url, detail, srv=None):
        checker = real(url, detail, srv)
        checker._fetch = lambda text: (_ for _ in ()).throw(TimeoutError("stalled"))
        return checker

    grammar._server_checker = failing
    try:
        result = CliRunner().invoke(
            app, ["check", str(path), "--format", "json", "--languagetool-url", server]
        )
    finally:
        grammar._server_checker = real
    report = json.loads(result.stdout)
    assert report["grammar"]["checked"] is False
    assert report["grammar"]["files_not_checked"] == [str(path)]
    assert report["files"][0]["grammar_checked"] is False
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["NA911"]


def test_the_grammar_client_makes_no_reference_cycles_per_article(server, tmp_path):
    """The run has no cycle collector (see tests/test_reference_cycles.py): a LanguageTool
    request must not leave a cycle behind per article."""
    from tests.test_reference_cycles import cyclic_garbage

    counts = []
    for copies in (1, 1, 4):
        folder = tmp_path / f"x{copies}-{len(counts)}"
        folder.mkdir()
        for i in range(copies):
            (folder / f"{i}.txt").write_text(TEXT + "\n", encoding="utf-8")
        counts.append(cyclic_garbage(["check", str(folder), "--format", "json",
                                      "--languagetool-url", server]))
    assert counts[2] == counts[1]
