"""Decoding notices (a stray byte, a fallback encoding) reach every report format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsaudit.cli import app

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "heldout"
NOTICE = "invalid UTF-8 at line 3, column 5 (1 byte replaced)"


@pytest.fixture()
def stray_byte_article(tmp_path) -> Path:
    data = (HELDOUT / "article_floods.txt").read_bytes()
    lines = data.split(b"\n")
    lines[2] = lines[2][:4] + b"\x97" + lines[2][4:]   # "The \x97floodwaters ..."
    path = tmp_path / "article.txt"
    path.write_bytes(b"\n".join(lines))
    return path


def _check(path: Path, fmt: str):
    return CliRunner().invoke(app, ["check", str(path), "--wire", str(HELDOUT / "wire_floods.txt"),
                                    "--format", fmt, "--jobs", "1"])


def _flagged(record):
    """Findings and the score to one point (the replaced character moves the adequacy a hair)."""
    return round(record["score"]), sorted((f["rule"], f["text"]) for f in record["findings"])


def test_stray_byte_changes_no_finding(stray_byte_article):
    """Decoded as latin-1, the file lost its quotes and Cyrillic text: findings came and went."""
    clean = json.loads(_check(HELDOUT / "article_floods.txt", "json").stdout)["files"][0]
    stray = json.loads(_check(stray_byte_article, "json").stdout)["files"][0]
    assert stray["notices"] == [NOTICE]
    assert _flagged(stray) == _flagged(clean)


def test_line_report_has_the_notice(stray_byte_article):
    out = _check(stray_byte_article, "line").stdout
    assert f"{stray_byte_article}:3:5: NA000 [note] {NOTICE}" in out.splitlines()


def test_github_report_has_the_notice(stray_byte_article):
    out = _check(stray_byte_article, "github").stdout
    assert f"::warning file={stray_byte_article},line=3,col=5,title=newsaudit decoding::{NOTICE}" \
        in out.splitlines()


def test_sarif_report_has_the_notice(stray_byte_article):
    run = json.loads(_check(stray_byte_article, "sarif").stdout)["runs"][0]
    invocation = run["invocations"][0]
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [NOTICE]
    assert notes[0]["level"] == "warning"
    location = notes[0]["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 3, "startColumn": 5}
    assert invocation["executionSuccessful"] is True
