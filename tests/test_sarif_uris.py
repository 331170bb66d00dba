"""SARIF artifact locations are URIs: percent-encoded, relative to a base id, or file://."""

from __future__ import annotations

import json

import pytest

from newsaudit.model import FileResult, Finding, Role, Severity, Verdict
from newsaudit.report import sarif_report


def _locations(path: str) -> list[dict]:
    finding = Finding(
        "NA913", "doubled-word", "Fluency/Grammar", Severity.MINOR, 0, 7, "the the", "x"
    )
    result = FileResult(
        path, Role.CANDIDATE, "en", 2, 1.0, Verdict.PASS, (finding,), notices=("decoded as cp1252",)
    )
    run = json.loads(sarif_report.render([result], {path: "the the"}))["runs"][0]
    found = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    found += [
        n["locations"][0]["physicalLocation"]["artifactLocation"]
        for n in run["invocations"][0]["toolExecutionNotifications"]
    ]
    return found


@pytest.mark.parametrize(
    "path,uri",
    [
        ("news/a b#1 100%.txt", "news/a%20b%231%20100%25.txt"),
        ("news/Київ é.txt", "news/%D0%9A%D0%B8%D1%97%D0%B2%20%C3%A9.txt"),
        ("plain/a.txt", "plain/a.txt"),
    ],
)
def test_relative_paths_are_percent_encoded_with_a_base_id(path, uri):
    for location in _locations(path):
        assert location == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_absolute_paths_are_file_uris():
    for location in _locations("/srv/news/a b.txt"):
        assert location == {"uri": "file:///srv/news/a%20b.txt"}
