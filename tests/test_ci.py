"""newsaudit as a CI lint step: formats, config, baselines, parallel runs, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsaudit.cli import app

runner = CliRunner()


def _run(args, **kw):
    return runner.invoke(app, ["check", *args], **kw)


@pytest.fixture(scope="module")
def seeds_json(seeds_report):
    return seeds_report


def test_line_format_matches_json(seeds_dir, seeds_report):
    result = _run([str(seeds_dir), "--format", "line"])
    assert result.exit_code == 1
    rows = [ln for ln in result.stdout.splitlines() if re.match(r"^\S+:\d+:\d+: NA\d{3} \[", ln)]
    expected = sorted(
        (Path(r["path"]).name, f["line"], f["column"], f["rule"])
        for r in seeds_report.values()
        for f in r["findings"]
    )
    parsed = sorted(
        (Path(m.group(1)).name, int(m.group(2)), int(m.group(3)), m.group(4))
        for m in (re.match(r"^(\S+):(\d+):(\d+): (NA\d{3})", r) for r in rows)
    )
    assert parsed == expected
    assert result.stdout.splitlines()[-2].startswith("Found ")


def test_github_annotations(seeds_dir, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = _run([str(seeds_dir)])  # default format under GitHub Actions
    lines = result.stdout.splitlines()
    annotations = [ln for ln in lines if ln.startswith(("::error ", "::warning "))]
    assert annotations and all(
        re.match(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+", a) for a in annotations
    )
    assert any("Green Agency" in a or "translated-name" in a for a in annotations)
    assert any(ln.startswith("::error") and "fails: score" in ln for ln in lines)


def test_sarif_structure_and_regions(seeds_dir, seeds_report, tmp_path):
    out = tmp_path / "report.sarif"
    result = _run([str(seeds_dir), "--format", "sarif", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    sarif = json.loads(out.read_text())
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"NA101", "NA103", "NA201"}
    by_path = {}
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        by_path.setdefault(Path(loc["artifactLocation"]["uri"]).name, []).append(
            (
                r["ruleId"],
                loc["region"]["startLine"],
                loc["region"]["startColumn"],
                loc["region"]["charOffset"],
            )
        )
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    for record in seeds_report.values():
        name = Path(record["path"]).name
        assert sorted(by_path.get(name, [])) == sorted(
            (f["rule"], f["line"], f["column"], f["start"]) for f in record["findings"]
        )
    evidence = [r["message"]["text"] for r in run["results"] if r["ruleId"] == "NA103"]
    assert any("Zelenskyy's office" in text for text in evidence)


def test_default_format_when_piped_is_line(seeds_dir, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = _run([str(seeds_dir / "002_bf42b40397eba4d4.txt")])
    assert re.search(r"002_bf42b40397eba4d4\.txt:\d+:\d+: NA102 \[major\]", result.stdout)


def _project(tmp_path: Path, seeds_dir: Path, extra: str = "") -> Path:
    project = tmp_path / "project"
    (project / "articles" / "sub").mkdir(parents=True)
    (project / "wires").mkdir()
    shutil.copy(seeds_dir / "000_000a6e49773c327b.txt", project / "articles" / "a.txt")
    shutil.copy(seeds_dir / "002_bf42b40397eba4d4.txt", project / "articles" / "sub" / "skip.txt")
    shutil.copy(seeds_dir / "001_0bc4e933b272ba42.txt", project / "wires" / "ap.txt")
    (project / "names.txt").write_text("# canonical spellings\nOrastovich\n")
    (project / "pyproject.toml").write_text(f"""
[project]
name = "newsroom"

[tool.newsaudit]
wire = ["wires/*.txt"]
include = ["*.txt"]
exclude = ["*/sub/*"]
select = ["NA1", "NA2", "NA3"]
ignore = ["NA301"]
severity = {{ "translated-name" = "critical" }}
threshold = 50
fail-on = "critical"
accept-names = "names.txt"
format = "json"
jobs = 1
max-bytes = 1000000
{extra}""")
    return project


def test_config_from_a_subdirectory(tmp_path, seeds_dir, monkeypatch):
    project = _project(tmp_path, seeds_dir)
    monkeypatch.chdir(project / "articles")
    result = _run(["."])
    report = json.loads(result.stdout)
    paths = [Path(f["path"]).name for f in report["files"]]
    assert paths == ["a.txt"]  # include/exclude
    (record,) = report["files"]
    assert record["wire"].endswith("ap.txt")  # wire glob, relative to the config
    rules = {f["rule"] for f in record["findings"]}
    assert rules and all(r.startswith(("NA1", "NA2", "NA3")) and r != "NA301" for r in rules)
    green = [f for f in record["findings"] if f["text"] == "Green Agency"][0]
    assert green["severity"] == "critical"  # per-rule severity
    assert "Orastovich" not in [f["text"] for f in record["findings"]]  # accept-names
    assert record["score"] < 50 and record["verdict"] == "fail"  # fail-on critical beats threshold
    assert result.exit_code == 1
    flags = _run([".", "--threshold", "1", "--fail-on", "major", "--format", "line"])
    assert flags.stdout.splitlines()[0].startswith("a.txt:")  # flags override config


@pytest.mark.parametrize(
    "setting,key",
    [
        ("colour = true", "colour"),
        ('fail-on = "fatal"', "fail-on"),
        ("threshold = -1", "threshold"),
        ('select = ["NA999"]', "NA999"),
        ('severity = { NA555 = "minor" }', "NA555"),
        ("jobs = 0", "jobs"),
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path, seeds_dir, monkeypatch, setting, key):
    project = _project(tmp_path, seeds_dir)
    (project / "pyproject.toml").write_text(f"[tool.newsaudit]\n{setting}\n")
    monkeypatch.chdir(project / "articles")
    result = _run(["."])
    assert result.exit_code == 2 and key in result.stderr and "Traceback" not in result.output


def test_baseline_reports_only_the_new_finding(tmp_path, seeds_dir):
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus)
    baseline = tmp_path / "baseline.json"
    written = _run([str(corpus), "--write-baseline", str(baseline)])
    assert written.exit_code == 0 and baseline.exists()
    clean = _run([str(corpus), "--baseline", str(baseline), "--format", "json"])
    assert clean.exit_code == 0
    assert sum(len(f["findings"]) for f in json.loads(clean.stdout)["files"]) == 0
    article = corpus / "000_000a6e49773c327b.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        "A new first paragraph was added by the editor on Friday.\n\n"
        + text.replace("Meanwhile, a senior", "Meanwhile, , a senior"),
        encoding="utf-8",
    )
    again = _run([str(corpus), "--baseline", str(baseline), "--format", "json"])
    findings = [f for r in json.loads(again.stdout)["files"] for f in r["findings"]]
    assert [(f["rule"], f["text"]) for f in findings] == [("NA502", ", ,")]


def test_exit_zero_quiet_statistics(seeds_dir):
    result = _run([str(seeds_dir), "--exit-zero", "--quiet", "--statistics", "--format", "line"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Found ") and not any(re.match(r"^\S+:\d+:\d+:", ln) for ln in lines)
    assert any(re.match(r"^\s+\d+\s+NA102\s+inconsistent-name$", ln) for ln in lines)


def test_parallel_output_is_identical(tmp_path, seeds_dir):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for k in range(5):
        for seed in (
            "000_000a6e49773c327b.txt",
            "002_bf42b40397eba4d4.txt",
            "003_3877e230fc6cc822.txt",
            "004_72a2cd2812d20154.txt",
        ):
            shutil.copy(seeds_dir / seed, corpus / f"{k}_{seed}")
    wire = str(seeds_dir / "001_0bc4e933b272ba42.txt")
    one = _run([str(corpus), "--wire", wire, "--format", "json", "--jobs", "1"])
    two = _run([str(corpus), "--wire", wire, "--format", "json", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    auto_one = _run([str(corpus), "--format", "json", "--jobs", "1"])
    auto_two = _run([str(corpus), "--format", "json", "--jobs", "2"])
    assert auto_one.stdout == auto_two.stdout


def test_pre_commit_hook_file():
    text = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text()
    assert "id: newsaudit" in text and "entry: newsaudit check" in text


def test_progress_is_reported_once_per_article(seeds_dir):
    from newsaudit.audit import audit
    from newsaudit.segment import segment

    docs = [segment(str(p), p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    ticks = []
    results = audit(docs, progress=lambda: ticks.append(1))
    assert len(ticks) == len(results) == len(docs)


@pytest.mark.parametrize("name", ["newsaudit.toml", "pyproject.toml"])
def test_the_readme_config_example_works_where_it_says(tmp_path, name):
    from newsaudit.config import load_config

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    assert example.startswith("[tool.newsaudit]")
    (tmp_path / "names.txt").write_text("Kovalenko\n")
    (tmp_path / name).write_text(example)
    config = load_config(tmp_path / name)
    assert config.threshold == 10 and config.fail_on == "critical" and config.jobs == 2
    assert config.accept_names == ("Kovalenko",)


def test_doubtful_findings_are_marked_in_line_and_github_formats(seeds_dir):
    runner = CliRunner()
    line = runner.invoke(app, ["check", str(seeds_dir), "--format", "line"]).stdout
    kersen = [ln for ln in line.splitlines() if "“Kersen”" in ln]
    assert kersen and all("[minor, doubtful]" in ln for ln in kersen)
    github = runner.invoke(app, ["check", str(seeds_dir), "--format", "github"]).stdout
    assert any(ln.startswith("::notice ") and "Kersen" in ln for ln in github.splitlines())
