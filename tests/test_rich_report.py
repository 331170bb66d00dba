"""The rich report fits the terminal, names files in full and explains its score."""

from __future__ import annotations

import re
import shutil

import pytest
from rich.cells import cell_len

from newsaudit.audit import audit
from newsaudit.inputs import read_source
from newsaudit.report import rich_report
from newsaudit.segment import segment


@pytest.fixture(scope="module")
def audited(tmp_path_factory, seeds_dir):
    folder = tmp_path_factory.mktemp("r") / "a_rather_long_folder_name_for_translated_articles"
    shutil.copytree(seeds_dir, folder)
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    docs = [segment(p, read_source(p).text) for p in paths]
    results = audit(docs)
    return results, {d.path: d.text for d in docs}


@pytest.mark.parametrize("width", [80, 100, 140])
def test_every_line_fits_the_width(audited, width):
    results, texts = audited
    out = rich_report.render(results, texts, color=False, width=width)
    too_long = [line for line in out.splitlines() if cell_len(line) > width]
    assert not too_long, too_long[:3]


def test_default_width_is_the_terminal_not_140(audited, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    results, texts = audited
    out = rich_report.render(results, texts, color=False)
    assert max(cell_len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 140])
def test_file_names_are_never_cut(audited, width):
    results, texts = audited
    out = rich_report.render(results, texts, color=False, width=width)
    assert not re.search(r"_[0-9a-f]*(?:\.tx?)?…", out)  # not even in the evidence column
    headers = out.replace("\n", "")  # a long name folds over lines, never loses characters
    for r in results:
        assert len(r.path) > 80 and r.path in headers, r.path
    assert "…" not in out.split("Summary", 1)[1]


def test_score_line_adds_up_and_names_the_threshold(audited):
    results, texts = audited
    out = " ".join(
        rich_report.render(results, texts, color=False, width=100, threshold=12.5).split()
    )
    lines = re.findall(
        r"score: ([\d.]+) per 1,000 words = findings ([\d.]+) \+ adequacy ([\d.]+)"
        r" \(penalty points, higher is worse; fails above 12\.5\)",
        out,
    )
    assert len(lines) == len(results)
    for total, found, adequacy in lines:
        assert abs(float(found) + float(adequacy) - float(total)) < 0.005
