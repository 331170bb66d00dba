"""The library entry: newsaudit.run() does the whole run; the CLI only renders it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsaudit
from newsaudit.linter import UsageError
from newsaudit.report import render

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


def test_run_audits_the_seeds_like_the_cli():
    from typer.testing import CliRunner

    from newsaudit.cli import app

    report = newsaudit.run([str(SEEDS)], settings=newsaudit.settings(jobs=1))
    assert [r.path for r in report.files] == sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert {r.path for r in report.files} <= set(report.documents)
    cli = CliRunner().invoke(app, ["check", str(SEEDS), "--format", "json", "-j", "1"])
    assert json.loads(render(report, "json")) == json.loads(cli.stdout)
    assert [r.verdict for r in report.files].count("fail") == 2


def test_run_reports_unusable_inputs_as_messages(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("The council met on Monday to discuss the budget for next year.\n")
    (tmp_path / "b.txt").write_bytes(b"")
    report = newsaudit.run([str(tmp_path)], settings=newsaudit.settings(jobs=1))
    assert report.input_errors
    assert [m.split(":")[0] for m in report.messages] == [str(tmp_path / "b.txt")]
    assert report.files[1].error and report.files[1].verdict == "fail"


def test_run_raises_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        newsaudit.run([str(tmp_path / "missing.txt")])
    with pytest.raises(UsageError, match="no file matches"):
        newsaudit.run([str(SEEDS)], wires=[str(tmp_path / "*.nothing")])


def test_progress_counts_every_article():
    seen = []
    newsaudit.run([str(SEEDS)], settings=newsaudit.settings(jobs=1),
                  progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_an_unsearchable_subfolder_is_reported_and_fails_the_run(tmp_path, monkeypatch):
    import os

    import newsaudit.inputs as inputs

    (tmp_path / "a.txt").write_text("The council met on Monday to discuss the budget for the year.")
    (tmp_path / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kw):   # root cannot see "locked" (tests run as root)
        for folder, subfolders, files in real_walk(top, onerror=onerror, **kw):
            if "locked" in subfolders:
                subfolders.remove("locked")
                onerror(PermissionError(13, "Permission denied", os.path.join(folder, "locked")))
            yield folder, subfolders, files

    monkeypatch.setattr(inputs.os, "walk", walk)
    report = newsaudit.run([str(tmp_path)], settings=newsaudit.settings(jobs=1))
    assert [r.path for r in report.files] == [str(tmp_path / "a.txt")]
    assert report.input_errors
    assert report.messages == (f"{tmp_path / 'locked'}: folder not searched: Permission denied",)


def test_a_path_that_cannot_be_reached_is_a_usage_error(tmp_path, monkeypatch):
    from pathlib import Path

    def stat(self, **kw):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", stat)
    with pytest.raises(UsageError, match="cannot be reached: Permission denied"):
        newsaudit.run([str(tmp_path / "inside" / "a.txt")])
