"""A baseline matches a file however its path was typed, from wherever newsaudit runs."""

from __future__ import annotations

import json

from newsaudit import baseline
from newsaudit.model import FileResult, Finding, Role, Severity, Verdict

TEXT = "They said the the bridge was closed."


def _result(path: str) -> FileResult:
    f = Finding("NA913", "doubled-word", "Fluency/Grammar", Severity.MINOR, 9, 16, "the the", "x")
    return FileResult(path, Role.CANDIDATE, "en", 7, 1.0, Verdict.PASS, (f,))


def test_baseline_matches_paths_typed_differently(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "ci").mkdir()
    folder = str(tmp_path / "ci")   # the baseline lives in ci/, newsaudit ran from the root
    monkeypatch.chdir(tmp_path)
    written = baseline.write([_result("news/a.txt")], {"news/a.txt": TEXT}, root=folder)
    assert list(json.loads(written)["files"]) == ["../news/a.txt"]
    monkeypatch.chdir(tmp_path / "news")
    recorded = baseline.read(written, "b.json", root=folder)
    for typed in ("a.txt", "./a.txt", "../news/a.txt", str(tmp_path / "news" / "a.txt")):
        kept = baseline.apply([_result(typed)], {typed: TEXT}, recorded, 10.0, None, root=folder)
        assert kept[0].findings == (), typed


def test_without_a_root_paths_are_kept_as_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = baseline.write([_result("news/a.txt")], {"news/a.txt": TEXT})
    assert list(json.loads(written)["files"]) == ["news/a.txt"]
    recorded = baseline.read(written, "b.json")
    assert baseline.apply([_result("news/a.txt")], {"news/a.txt": TEXT}, recorded, 10.0,
                          None)[0].findings == ()
    assert baseline.apply([_result("./news/a.txt")], {"./news/a.txt": TEXT}, recorded, 10.0,
                          None)[0].findings != ()
